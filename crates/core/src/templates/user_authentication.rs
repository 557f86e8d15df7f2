//! Template (flow pack): signing in with a password and a one-time code,
//! the session that follows, and the two ways it ends — logging out, or
//! expiring after 30 idle minutes. Wrong credentials go back to the form;
//! five failures lock the account.

use super::builder::{Flow, GateSpec, PhaseSpec};
use super::Template;
use crate::document::Document;
use crate::pack::Pack;

pub(super) const TEMPLATE: Template = Template {
    id: "user-authentication",
    name: "User authentication: login, session, logout",
    summary: "Password and one-time code, lockout after five failures, an HttpOnly session \
              cookie, and logout or idle expiry.",
    pack: Pack::Flow,
    build,
};

fn build() -> Document {
    let mut flow = Flow::for_pack("Log in, keep a session, log out", Pack::Flow);
    let start = flow.start("Visitor opens /login", "");
    let form = flow.phase(PhaseSpec::step(
        "Submit email and password",
        "Browser",
        "Over TLS; the form carries a CSRF token.",
    ));
    let credentials = flow.gate(GateSpec::decision("Credentials valid?"));
    let locked = flow.aborted_end("Account locked for 15 min");
    let mfa = flow.phase(PhaseSpec::step(
        "Enter the one-time code",
        "Browser",
        "TOTP from the authenticator app; a code is accepted once.",
    ));
    let code = flow.gate(GateSpec::decision("Code valid?"));
    let session = flow.phase(PhaseSpec::step(
        "Create the session",
        "Auth service",
        "New session id (never reuse the pre-login one); cookie HttpOnly, Secure, \
         SameSite=Lax; session stored server-side with its expiry.",
    ));
    let active = flow.phase(PhaseSpec::step(
        "Use the app",
        "Browser",
        "Each request renews the idle timer.",
    ));
    let ends = flow.gate(GateSpec::decision("How does the session end?"));
    let logout = flow.phase(PhaseSpec::step(
        "Log out: delete the session, clear the cookie",
        "Auth service",
        "",
    ));
    let expire = flow.phase(PhaseSpec::step(
        "Session expires",
        "Auth service",
        "After 30 idle minutes.",
    ));
    let signed_out = flow.end("Signed out");
    let expired = flow.end("Signed out (expired)");

    flow.path(&[start, form, credentials]);
    flow.branch(credentials, mfa, "valid");
    flow.branch(credentials, locked, "5th failure");
    flow.rollback(credentials, form, "invalid: try again");
    flow.path(&[mfa, code]);
    flow.branch(code, session, "valid");
    flow.branch(code, locked, "5th wrong code");
    flow.rollback(code, mfa, "wrong code: try again");
    flow.path(&[session, active, ends]);
    flow.branch(ends, logout, "user logs out");
    flow.branch(ends, expire, "idle 30 min");
    flow.path(&[logout, signed_out]);
    flow.path(&[expire, expired]);
    flow.stage("Login", &[form, credentials, mfa, code]);
    flow.stage("Session", &[session, active, ends]);
    flow.finish()
}
