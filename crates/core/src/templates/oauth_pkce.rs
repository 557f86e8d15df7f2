//! Template (flow pack): the OAuth 2.0 authorization code grant with PKCE
//! (RFC 6749 §4.1, RFC 7636), as a public client runs it, with the ways it
//! fails: the user denies consent, the `state` does not match, the token
//! endpoint refuses the code verifier.

use super::builder::{CheckSpec, Flow, GateSpec, PhaseSpec};
use super::Template;
use crate::document::Document;
use crate::pack::Pack;
use crate::plan::CheckKind::Custom;

pub(super) const TEMPLATE: Template = Template {
    id: "oauth-pkce",
    name: "OAuth 2.0 authorization code with PKCE",
    summary: "A public client signs a user in: code verifier and challenge, the authorize \
              redirect, consent, the state check and the token exchange, with each error \
              branch.",
    pack: Pack::Flow,
    build,
};

fn build() -> Document {
    let mut flow = Flow::for_pack(
        "Sign in with OAuth 2.0 (authorization code + PKCE)",
        Pack::Flow,
    );
    let start = flow.start(
        "User clicks \"Sign in\"",
        "The client is a single-page app: a public client, no secret.",
    );
    let pkce = flow.phase(PhaseSpec::step(
        "Make code_verifier and code_challenge",
        "Client",
        "code_verifier: 43–128 random characters; code_challenge = BASE64URL(SHA-256(verifier)), \
         method S256. Kept with a random state in session storage.",
    ));
    let authorize = flow.phase(PhaseSpec::step(
        "Redirect to /authorize",
        "Client",
        "response_type=code, client_id, redirect_uri, scope, state, code_challenge, \
         code_challenge_method=S256.",
    ));
    let login = flow.phase(PhaseSpec::step(
        "User signs in and is asked for consent",
        "Authorization server",
        "",
    ));
    let consent = flow.gate(GateSpec::decision("User consents?"));
    let denied = flow.aborted_end("error=access_denied back to the client");
    let redirect = flow.phase(PhaseSpec::step(
        "Redirect back with code and state",
        "Authorization server",
        "The code is single-use and expires within minutes.",
    ));
    let state = flow.verification(CheckSpec {
        title: "Client checks state",
        owner: "Client",
        checks: &[(Custom, "state equals the one sent", "exact match")],
    });
    let state_ok = flow.gate(GateSpec::decision("state matches?"));
    let csrf = flow.aborted_end("Possible CSRF: response dropped");
    let token = flow.phase(PhaseSpec::step(
        "POST /token with code and code_verifier",
        "Client",
        "grant_type=authorization_code, code, redirect_uri, client_id, code_verifier.",
    ));
    let verifier = flow.verification(CheckSpec {
        title: "Server checks the verifier",
        owner: "Authorization server",
        checks: &[(
            Custom,
            "SHA-256(code_verifier) equals code_challenge",
            "match",
        )],
    });
    let valid = flow.gate(GateSpec::decision("Code and verifier valid?"));
    let invalid = flow.aborted_end("error=invalid_grant: sign-in fails");
    let tokens = flow.phase(PhaseSpec::step(
        "Store the tokens",
        "Client",
        "Access token in memory; refresh token rotated on every use.",
    ));
    let done = flow.end("User signed in");

    flow.path(&[start, pkce, authorize, login, consent]);
    flow.branch(consent, redirect, "consents");
    flow.branch(consent, denied, "denies");
    flow.path(&[redirect, state, state_ok]);
    flow.branch(state_ok, token, "matches");
    flow.branch(state_ok, csrf, "differs");
    flow.path(&[token, verifier, valid]);
    flow.branch(valid, tokens, "valid");
    flow.branch(valid, invalid, "invalid");
    flow.path(&[tokens, done]);
    flow.stage("Authorize", &[pkce, authorize]);
    flow.stage("Consent", &[login, consent]);
    flow.stage("Callback", &[redirect, state, state_ok]);
    flow.stage("Token exchange", &[token, verifier, valid, tokens]);
    flow.finish()
}
