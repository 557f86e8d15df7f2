//! Template (flow pack): the life of one REST API request, from the load
//! balancer to the response, with the answer each failed check gives:
//! 401, 403, 422, or 500 with a problem document.

use super::builder::{Flow, GateSpec, PhaseSpec};
use super::Template;
use crate::document::Document;
use crate::pack::Pack;

pub(super) const TEMPLATE: Template = Template {
    id: "rest-request",
    name: "REST API request lifecycle",
    summary: "A PUT /accounts/{id} from the load balancer through middleware, \
              authentication, authorization, validation and the handler to its response, \
              with 401, 403, 422 and 500 on the way.",
    pack: Pack::Flow,
    build,
};

fn build() -> Document {
    let mut flow = Flow::for_pack("Handle PUT /accounts/{id}", Pack::Flow);
    let start = flow.start(
        "Request reaches an instance",
        "TLS ends at the load balancer, which routes to a healthy instance.",
    );
    let middleware = flow.phase(PhaseSpec::step(
        "Middleware: request id, logging, CORS",
        "API server",
        "X-Request-Id is kept through every log line and downstream call.",
    ));
    let authenticated = flow.gate(GateSpec::decision("Token valid?"));
    let unauthorized = flow.aborted_end("401 Unauthorized");
    let authorized = flow.gate(GateSpec::decision("Allowed on this account?"));
    let forbidden = flow.aborted_end("403 Forbidden");
    let validate = flow.phase(PhaseSpec::step(
        "Validate the body against the schema",
        "API server",
        "",
    ));
    let valid = flow.gate(GateSpec::decision("Body valid?"));
    let unprocessable = flow.aborted_end("422 with the field errors");
    let handle = flow.phase(PhaseSpec::step(
        "Handler: update in one transaction",
        "API server",
        "If-Match against the row version: a stale write is refused, not merged.",
    ));
    let succeeded = flow.gate(GateSpec::decision("Transaction committed?"));
    let failed = flow.aborted_end("500 with application/problem+json");
    let respond = flow.phase(PhaseSpec::step(
        "Serialize the response, set ETag",
        "API server",
        "",
    ));
    let done = flow.end("200 OK sent");

    flow.path(&[start, middleware, authenticated]);
    flow.branch(authenticated, authorized, "yes");
    flow.branch(authenticated, unauthorized, "no");
    flow.branch(authorized, validate, "yes");
    flow.branch(authorized, forbidden, "no");
    flow.path(&[validate, valid]);
    flow.branch(valid, handle, "yes");
    flow.branch(valid, unprocessable, "no");
    flow.path(&[handle, succeeded]);
    flow.branch(succeeded, respond, "yes");
    flow.branch(succeeded, failed, "no");
    flow.path(&[respond, done]);
    flow.finish()
}
