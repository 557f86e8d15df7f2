//! Template: NoSQL document-shape migration. MongoDB `customers` documents
//! go from a free-text `address` string to a structured `addressV2`
//! sub-document, with a `schemaVersion` field marking each document's shape
//! so readers, the backfill and the checks can tell them apart.

use super::builder::{CheckSpec, Flow, GateSpec, PhaseSpec};
use super::Template;
use crate::document::Document;
use crate::plan::CheckKind::{
    Custom, DataParity, ErrorRate, HealthProbe, ReplicationLag, RowCount,
};
use crate::plan::PhaseTag;

pub(super) const TEMPLATE: Template = Template {
    id: "nosql-document-shape",
    name: "NoSQL document-shape migration",
    summary: "Reshape MongoDB customers from an address string to a structured addressV2 \
              sub-document with schemaVersion: tolerant readers, dual writes, a batched \
              backfill at majority write concern, then the old field unset.",
    pack: crate::pack::Pack::Migration,
    build,
};

fn build() -> Document {
    let mut flow = Flow::new("Reshape customers.address into addressV2");
    let start = flow.start(
        "customers.address is a string",
        "From address: \"12 High St, Leeds LS1 4AB, UK\" to addressV2: { street, city, \
         postalCode, country }. schemaVersion 1 is the old shape (or missing), 2 the new. \
         Releases: N+1 reads both shapes and writes both; N+2 reads and writes addressV2 \
         only.",
    );

    let audit = flow.phase(PhaseSpec {
        tag: PhaseTag::Audit,
        title: "Audit address shapes",
        owner: "Customer data team",
        notes: "Run the address parser over a snapshot first: the addresses it cannot \
                split are the real cost of this migration.",
        entry: &["Recent snapshot of customers restored to an analysis cluster"],
        exit: &[
            "Every shape of address counted",
            "Unparseable addresses listed for manual review",
        ],
        sql: r#"
db.customers.aggregate([
  { $group: { _id: { shape: { $type: "$address" }, version: "$schemaVersion" },
              n: { $sum: 1 } } }
])
db.customers.countDocuments()
"#,
        ..PhaseSpec::default()
    });
    let audit_checked = flow.verification(CheckSpec {
        title: "Audit verified",
        owner: "Customer data team",
        checks: &[
            (
                RowCount,
                "Baseline countDocuments() of customers",
                "recorded in the ticket",
            ),
            (
                Custom,
                "Addresses the parser cannot split (snapshot dry run)",
                "< 0.1 %",
            ),
        ],
    });

    let expand = flow.phase(PhaseSpec {
        tag: PhaseTag::Expand,
        title: "Accept both address shapes",
        owner: "MongoDB DBA on call",
        notes: "Readers first: release N+1 reads addressV2 when present and parses address \
                otherwise. The validator only warns, so no write is rejected while shapes \
                are mixed.",
        entry: &["Release N+1 (tolerant reader) on every pod, flag customers.write_v2 off"],
        exit: &[
            "Validator accepts both shapes",
            "Index { schemaVersion: 1, _id: 1 } built",
        ],
        sql: r#"
db.runCommand({
  collMod: "customers",
  validator: { $jsonSchema: {
    bsonType: "object",
    properties: {
      schemaVersion: { enum: [1, 2] },
      address: { bsonType: "string" },
      addressV2: { bsonType: "object",
                   required: ["street", "city", "postalCode", "country"] }
    }
  } },
  validationLevel: "moderate",
  validationAction: "warn"
})
db.customers.createIndex({ schemaVersion: 1, _id: 1 })
"#,
        ..PhaseSpec::default()
    });
    let expand_checked = flow.verification(CheckSpec {
        title: "Expand verified",
        owner: "SRE on call",
        checks: &[
            (
                HealthProbe,
                "GET /healthz on every customer service pod",
                "200 OK",
            ),
            (ErrorRate, "5xx rate of the customer API", "< 0.1 %"),
            (
                ReplicationLag,
                "Secondary lag (rs.printSecondaryReplicationInfo)",
                "< 5 s",
            ),
        ],
    });

    let dual_write = flow.phase(PhaseSpec {
        tag: PhaseTag::DualWrite,
        title: "Dual-write address and addressV2",
        owner: "Customer service team",
        notes: "Every write sets both fields and schemaVersion 2 in one update, so a \
                document is never half-migrated.",
        entry: &["Expand verified", "Flag customers.write_v2 ready at 0 %"],
        exit: &[
            "Flag customers.write_v2 at 100 %",
            "Every document written since has schemaVersion 2 and both fields",
        ],
        sql: r#"
// What release N+1 sends on every address change
db.customers.updateOne(
  { _id: id },
  { $set: { address: text, addressV2: parsed, schemaVersion: 2 } }
)
"#,
        ..PhaseSpec::default()
    });
    let dual_write_checked = flow.verification(CheckSpec {
        title: "Dual-write verified",
        owner: "Customer service team",
        checks: &[
            (
                DataParity,
                "Documents modified since the flag reached 100 % without schemaVersion 2",
                "= 0",
            ),
            (ErrorRate, "5xx rate of the customer API", "< 0.1 %"),
            (
                Custom,
                "p99 latency of PATCH /customers/{id}",
                "within 10 % of baseline",
            ),
        ],
    });

    let backfill = flow.phase(PhaseSpec {
        tag: PhaseTag::Backfill,
        title: "Backfill addressV2 in batches",
        owner: "MongoDB DBA on call",
        notes: "Batches of 1,000 in _id order, resumable from the last _id recorded. \
                Majority write concern paces the job to the secondaries; the filter \
                skips documents the application migrated meanwhile.",
        entry: &["Dual-write verified"],
        exit: &["No document left with schemaVersion other than 2"],
        sql: r#"
let last = MinKey;  // or the last _id recorded by a previous run
while (true) {
  const batch = db.customers
    .find({ _id: { $gt: last }, schemaVersion: { $ne: 2 } })
    .sort({ _id: 1 }).limit(1000).toArray();
  if (batch.length === 0) break;
  db.customers.bulkWrite(batch.map(d => ({ updateOne: {
    filter: { _id: d._id, schemaVersion: { $ne: 2 } },
    update: { $set: { addressV2: parseAddress(d.address), schemaVersion: 2 } }
  } })), { ordered: false, writeConcern: { w: "majority" } });
  last = batch[batch.length - 1]._id;
}
"#,
        ..PhaseSpec::default()
    });
    let oplog_monitor = flow.verification(CheckSpec {
        title: "Oplog monitor",
        owner: "SRE on call",
        checks: &[
            (ReplicationLag, "Lag of the slowest secondary", "< 5 s"),
            (Custom, "Oplog window (rs.printReplicationInfo)", "> 24 h"),
        ],
    });
    let backfill_checked = flow.verification(CheckSpec {
        title: "Backfill verified",
        owner: "Customer data team",
        checks: &[
            (
                RowCount,
                "countDocuments({ schemaVersion: { $ne: 2 } })",
                "= 0",
            ),
            (
                RowCount,
                "countDocuments() against baseline plus inserts since",
                "difference = 0",
            ),
            (
                DataParity,
                "$sample of 10,000 documents: addressV2 re-derived from address",
                "100 % equal",
            ),
        ],
    });

    let cutover_gate = flow.gate(GateSpec {
        title: "Go/no-go: read cutover",
        approver: "Customer platform tech lead",
        go_criteria: &[
            "Backfill verified: no version 1 document, parity sample = 100 %",
            "Flag customers.read_v2 switched on and off in staging",
            "Customer API error rate < 0.1 % over the last hour",
        ],
        notes: "No-go keeps dual writes on; both shapes stay readable.",
    });
    let cutover = flow.phase(PhaseSpec {
        tag: PhaseTag::Cutover,
        title: "Switch reads to addressV2",
        owner: "Customer service team",
        notes: "Flag customers.read_v2 to 5 %, 50 %, then 100 % of pods. Writes still set \
                both fields, so turning the flag off is the rollback.",
        entry: &["Go signed off"],
        exit: &["Flag at 100 % for 24 h"],
        ..PhaseSpec::default()
    });
    let cutover_checked = flow.verification(CheckSpec {
        title: "Cutover verified",
        owner: "SRE on call",
        checks: &[
            (ErrorRate, "5xx rate of the customer API", "< 0.1 %"),
            (
                Custom,
                "p99 latency of GET /customers/{id}",
                "within 10 % of baseline",
            ),
            (
                HealthProbe,
                "GET /healthz on every customer service pod",
                "200 OK",
            ),
        ],
    });

    let contract_gate = flow.gate(GateSpec {
        title: "Go/no-go: legacy field removal",
        approver: "Customer platform tech lead",
        go_criteria: &[
            "Release N+2 (addressV2 only) on every pod for 7 days",
            "Exports and the search index read addressV2",
            "Backup of customers taken and a test restore done",
        ],
        notes: "Past this gate the free-text addresses are gone; only the backup brings them back.",
    });
    let contract = flow.phase(PhaseSpec {
        tag: PhaseTag::Contract,
        title: "Unset legacy address field",
        owner: "MongoDB DBA on call",
        notes: "Point of no return: the original free text is gone. Run in _id ranges like \
                the backfill, then make the validator strict.",
        entry: &["Go signed off", "Release N+2 on every pod"],
        exit: &["No document has address", "Validator rejects the old shape"],
        sql: r#"
// One _id range at a time
db.customers.updateMany(
  { _id: { $gte: from, $lt: to }, address: { $exists: true } },
  { $unset: { address: "" } }
)
db.runCommand({
  collMod: "customers",
  validator: { $jsonSchema: {
    bsonType: "object",
    required: ["addressV2", "schemaVersion"],
    properties: { schemaVersion: { enum: [2] }, address: { not: {} } }
  } },
  validationLevel: "strict",
  validationAction: "error"
})
"#,
        point_of_no_return: true,
    });
    let contract_checked = flow.verification(CheckSpec {
        title: "Contract verified",
        owner: "SRE on call",
        checks: &[
            (
                RowCount,
                "countDocuments({ address: { $exists: true } })",
                "= 0",
            ),
            (ErrorRate, "Writes rejected by the validator", "= 0"),
            (ErrorRate, "5xx rate of the customer API", "< 0.1 %"),
        ],
    });

    let done = flow.end("Customers use addressV2");
    let cutover_postponed = flow.aborted_end("Cutover postponed, dual writes kept");
    let field_kept = flow.aborted_end("Legacy address kept for now");

    flow.path(&[
        start,
        audit,
        audit_checked,
        expand,
        expand_checked,
        dual_write,
        dual_write_checked,
        backfill,
        backfill_checked,
        cutover_gate,
    ]);
    flow.branch(cutover_gate, cutover, "go");
    flow.branch(cutover_gate, cutover_postponed, "no-go");
    flow.path(&[cutover, cutover_checked, contract_gate]);
    flow.branch(contract_gate, contract, "go");
    flow.branch(contract_gate, field_kept, "no-go");
    flow.path(&[contract, contract_checked, done]);
    flow.monitor(backfill, oplog_monitor, "watched while the job runs");

    flow.rollback(
        audit_checked,
        start,
        "parser fails > 0.1 %: improve it first",
    );
    flow.rollback(expand_checked, audit, "restore the previous validator");
    flow.rollback(dual_write_checked, expand, "flag customers.write_v2 off");
    flow.rollback(
        oplog_monitor,
        dual_write,
        "lag > 30 s for 5 min: stop the job",
    );
    flow.rollback(
        backfill_checked,
        dual_write,
        "mismatches: stop, fix the parser",
    );
    flow.rollback(cutover_checked, backfill, "flag customers.read_v2 off");
    flow.rollback(contract, cutover, "stop before $unset: address kept");
    flow.finish()
}
