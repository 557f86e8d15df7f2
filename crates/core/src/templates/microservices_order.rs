//! Template (flow pack): one order through a microservices architecture —
//! the API gateway, then the order, inventory, payment and notification
//! services — as a saga: a failed step undoes the steps before it with a
//! compensating one, and the client gets an answer either way.

use super::builder::{Flow, GateSpec, PhaseSpec};
use super::Template;
use crate::document::Document;
use crate::pack::Pack;

pub(super) const TEMPLATE: Template = Template {
    id: "microservices-order",
    name: "Microservices: an order as a saga",
    summary: "POST /orders through the gateway and the order, inventory, payment and \
              notification services, with the compensating steps when stock or payment \
              fails.",
    pack: Pack::Flow,
    build,
};

fn build() -> Document {
    let mut flow = Flow::for_pack("Place an order across services", Pack::Flow);
    let start = flow.start(
        "Client sends POST /orders",
        "Idempotency-Key header set by the client.",
    );
    let gateway = flow.phase(PhaseSpec::step(
        "API gateway: authenticate, rate-limit, route",
        "API gateway",
        "JWT checked; 100 requests/min per user.",
    ));
    let create = flow.phase(PhaseSpec::step(
        "Create the order (PENDING)",
        "Order service",
        "Order row and an OrderCreated event in one transaction (outbox).",
    ));
    let reserve = flow.phase(PhaseSpec::step(
        "Reserve the items",
        "Inventory service",
        "",
    ));
    let in_stock = flow.gate(GateSpec::decision("Items reserved?"));
    let cancel = flow.phase(PhaseSpec::step(
        "Cancel the order",
        "Order service",
        "Compensates the creation.",
    ));
    let rejected = flow.aborted_end("409: out of stock");
    let charge = flow.phase(PhaseSpec::step(
        "Charge the card",
        "Payment service",
        "With the order id as the payment provider's idempotency key.",
    ));
    let paid = flow.gate(GateSpec::decision("Payment accepted?"));
    let release = flow.phase(PhaseSpec::step(
        "Release the reservation",
        "Inventory service",
        "Compensates the reservation.",
    ));
    let cancel_unpaid = flow.phase(PhaseSpec::step(
        "Cancel the unpaid order",
        "Order service",
        "",
    ));
    let declined = flow.aborted_end("402: payment declined");
    let confirm = flow.phase(PhaseSpec::step(
        "Confirm the order, publish OrderConfirmed",
        "Order service",
        "",
    ));
    let notify = flow.phase(PhaseSpec::step(
        "Email the receipt",
        "Notification service",
        "Consumes OrderConfirmed.",
    ));
    let done = flow.end("201: order placed");

    flow.path(&[start, gateway, create, reserve, in_stock]);
    flow.branch(in_stock, charge, "reserved");
    flow.branch(in_stock, cancel, "out of stock");
    flow.path(&[cancel, rejected]);
    flow.path(&[charge, paid]);
    flow.branch(paid, confirm, "accepted");
    flow.branch(paid, release, "declined");
    flow.path(&[release, cancel_unpaid, declined]);
    flow.path(&[confirm, notify, done]);
    flow.finish()
}
