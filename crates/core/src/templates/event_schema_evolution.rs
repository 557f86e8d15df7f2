//! Template: event-schema evolution with a schema registry. The Avro event
//! `OrderPlaced` replaces `amount: double` by `amount_minor: long` plus
//! `currency`, through registry-checked schema versions, so that no consumer
//! ever meets an event it cannot read.

use super::builder::{CheckSpec, Flow, GateSpec, PhaseSpec};
use super::Template;
use crate::document::Document;
use crate::plan::CheckKind::{Custom, DataParity, ErrorRate};
use crate::plan::PhaseTag;

pub(super) const TEMPLATE: Template = Template {
    id: "event-schema-evolution",
    name: "Event-schema evolution",
    summary: "Evolve an Avro event on Kafka through a schema registry: register a \
              compatible v2, produce both fields, move consumers, then retire the old \
              field in v3, with a compatibility check before every registration.",
    pack: crate::pack::Pack::Migration,
    build,
};

fn build() -> Document {
    let mut flow = Flow::new("Replace OrderPlaced.amount by amount_minor and currency");
    let start = flow.start(
        "OrderPlaced v1: amount as double",
        "Topic orders.order-placed, Avro, subject orders.order-placed-value with \
         compatibility FULL (each version readable by and able to read the one before). \
         Retention 7 days. Money as a double loses cents; v2 adds amount_minor (long) and \
         currency (ISO 4217), v3 removes amount.",
    );

    let audit = flow.phase(PhaseSpec {
        tag: PhaseTag::Audit,
        title: "Audit order-placed consumers",
        owner: "Orders platform team",
        notes: "Every consumer group must have an owner who will ship a release reading \
                the new fields; an orphaned consumer would block the last step.",
        entry: &["Schema change reviewed by the consuming teams"],
        exit: &[
            "Every consumer group listed with its owning team",
            "Compatibility level of the subject confirmed",
        ],
        sql: r#"
kafka-consumer-groups --bootstrap-server "$KAFKA" --describe --all-groups \
  | grep orders.order-placed
curl -s "$SCHEMA_REGISTRY/config/orders.order-placed-value"
curl -s "$SCHEMA_REGISTRY/subjects/orders.order-placed-value/versions"
"#,
        ..PhaseSpec::default()
    });
    let audit_checked = flow.verification(CheckSpec {
        title: "Audit verified",
        owner: "Orders platform team",
        checks: &[
            (
                Custom,
                "Consumer groups of orders.order-placed without an owner",
                "= 0",
            ),
            (
                Custom,
                "Compatibility level of orders.order-placed-value",
                "FULL",
            ),
        ],
    });

    let register_v2 = flow.phase(PhaseSpec {
        tag: PhaseTag::Expand,
        title: "Register schema v2",
        owner: "Orders platform team",
        notes: "v2 = v1 + amount_minor: [\"null\", \"long\"] and currency: [\"null\", \
                \"string\"], both defaulting to null, and amount gains \"default\": 0.0 so \
                that v3 may drop it. Registering changes nothing on the wire: producers \
                keep writing v1 until their release.",
        entry: &["Audit verified", "order-placed-v2.avsc reviewed"],
        exit: &["v2 registered under orders.order-placed-value"],
        sql: r#"
curl -s -X POST -H 'Content-Type: application/vnd.schemaregistry.v1+json' \
  --data @order-placed-v2.json \
  "$SCHEMA_REGISTRY/compatibility/subjects/orders.order-placed-value/versions/latest?verbose=true"
# only if it answered {"is_compatible": true}
curl -s -X POST -H 'Content-Type: application/vnd.schemaregistry.v1+json' \
  --data @order-placed-v2.json \
  "$SCHEMA_REGISTRY/subjects/orders.order-placed-value/versions"
"#,
        ..PhaseSpec::default()
    });
    let register_v2_checked = flow.verification(CheckSpec {
        title: "Schema v2 verified",
        owner: "Orders platform team",
        checks: &[
            (
                Custom,
                "Registry compatibility check of v2 (FULL)",
                "is_compatible: true",
            ),
            (
                Custom,
                "Canary consumer decodes a v2 test event by schema id",
                "decoded",
            ),
        ],
    });

    let dual_write = flow.phase(PhaseSpec {
        tag: PhaseTag::DualWrite,
        title: "Dual-write amount and amount_minor",
        owner: "Checkout team",
        notes: "Producers fill amount and amount_minor/currency from the same value in the \
                same event, so every consumer finds the field it reads. Producers never \
                register schemas themselves.",
        entry: &[
            "Schema v2 verified",
            "Checkout release producing v2 on every pod, flag checkout.event_v2 at 0 %",
        ],
        exit: &[
            "Flag checkout.event_v2 at 100 %",
            "Every event produced since carries the v2 schema id",
        ],
        sql: r#"
# checkout-service producer configuration
auto.register.schemas=false
use.latest.version=true
latest.compatibility.strict=true
"#,
        ..PhaseSpec::default()
    });
    let dlq_monitor = flow.verification(CheckSpec {
        title: "Dead-letter queue monitor",
        owner: "SRE on call",
        checks: &[
            (
                ErrorRate,
                "Events into orders.order-placed.dlq",
                "= 0 per minute",
            ),
            (
                ErrorRate,
                "Consumer deserialization errors, all groups",
                "= 0",
            ),
        ],
    });
    let dual_write_checked = flow.verification(CheckSpec {
        title: "Dual-write verified",
        owner: "Checkout team",
        checks: &[
            (
                DataParity,
                "Sample of 10,000 events: amount_minor = round(amount × 100)",
                "100 %",
            ),
            (Custom, "Events produced with the v2 schema id", "= 100 %"),
            (
                Custom,
                "p99 produce latency of checkout",
                "within 10 % of baseline",
            ),
        ],
    });

    let cutover_gate = flow.gate(GateSpec {
        title: "Go/no-go: consumer cutover",
        approver: "Orders platform tech lead",
        go_criteria: &[
            "Dual-write verified: parity sample = 100 %",
            "Every consumer team has a release reading amount_minor and currency",
            "Consumer lag < 1,000 messages on every group",
        ],
        notes: "No-go keeps both fields produced; consumers can move later.",
    });
    let cutover = flow.phase(PhaseSpec {
        tag: PhaseTag::Cutover,
        title: "Switch consumers to amount_minor",
        owner: "Consumer teams (ledger, invoicing, analytics)",
        notes: "Canary consumer group first, then each team's release. Until the last v1 \
                event ages out of retention, a consumer falls back to amount when \
                amount_minor is null (replays, lagging partitions).",
        entry: &["Go signed off"],
        exit: &["Every consumer group on a release that reads amount_minor"],
        ..PhaseSpec::default()
    });
    let cutover_checked = flow.verification(CheckSpec {
        title: "Consumer cutover verified",
        owner: "SRE on call",
        checks: &[
            (
                Custom,
                "Consumer lag per group",
                "< 1,000 messages and < 30 s",
            ),
            (ErrorRate, "Consumer processing errors", "< 0.1 %"),
            (
                DataParity,
                "Daily ledger totals, amount against amount_minor path",
                "100 % equal",
            ),
        ],
    });

    let retire_gate = flow.gate(GateSpec {
        title: "Go/no-go: retire amount",
        approver: "Orders platform tech lead",
        go_criteria: &[
            "No consumer has read amount for 7 days",
            "Oldest v1 event aged out of retention (7 days)",
            "Compatibility check of v3 (FULL): is_compatible: true",
        ],
        notes: "A consumer still on a v1 reader cannot decode v3 events: amount has no \
                default in v1.",
    });
    let retire = flow.phase(PhaseSpec {
        tag: PhaseTag::Contract,
        title: "Register schema v3 without amount",
        owner: "Orders platform team",
        notes: "Point of no return: events produced with v3 carry no amount, and a v2 \
                reader sees its 0.0 default. Producers move to v3 with their next release.",
        entry: &["Go signed off"],
        exit: &[
            "v3 registered",
            "Every event produced since carries the v3 schema id",
        ],
        sql: r#"
curl -s -X POST -H 'Content-Type: application/vnd.schemaregistry.v1+json' \
  --data @order-placed-v3.json \
  "$SCHEMA_REGISTRY/compatibility/subjects/orders.order-placed-value/versions/latest?verbose=true"
curl -s -X POST -H 'Content-Type: application/vnd.schemaregistry.v1+json' \
  --data @order-placed-v3.json \
  "$SCHEMA_REGISTRY/subjects/orders.order-placed-value/versions"
"#,
        point_of_no_return: true,
    });
    let retire_checked = flow.verification(CheckSpec {
        title: "Schema v3 verified",
        owner: "SRE on call",
        checks: &[
            (Custom, "Events produced with the v3 schema id", "= 100 %"),
            (
                ErrorRate,
                "Consumer deserialization errors, all groups",
                "= 0",
            ),
            (Custom, "Consumer lag per group", "< 1,000 messages"),
        ],
    });

    let done = flow.end("OrderPlaced carries amount_minor and currency");
    let cutover_postponed = flow.aborted_end("Consumers stay on amount for now");
    let amount_kept = flow.aborted_end("amount kept in v2");

    flow.path(&[
        start,
        audit,
        audit_checked,
        register_v2,
        register_v2_checked,
        dual_write,
        dual_write_checked,
        cutover_gate,
    ]);
    flow.branch(cutover_gate, cutover, "go");
    flow.branch(cutover_gate, cutover_postponed, "no-go");
    flow.path(&[cutover, cutover_checked, retire_gate]);
    flow.branch(retire_gate, retire, "go");
    flow.branch(retire_gate, amount_kept, "no-go");
    flow.path(&[retire, retire_checked, done]);
    flow.monitor(dual_write, dlq_monitor, "watched until consumers move");

    flow.rollback(audit_checked, start, "unowned consumers: find owners first");
    flow.rollback(register_v2_checked, audit, "soft-delete v2 in the registry");
    flow.rollback(
        dlq_monitor,
        register_v2,
        "DLQ growing: flag checkout.event_v2 off",
    );
    flow.rollback(dual_write_checked, register_v2, "parity < 100 %: flag off");
    flow.rollback(cutover_checked, dual_write, "consumers back to amount");
    flow.rollback(retire, cutover, "stop before producers switch to v3");
    flow.finish()
}
