//! Template: add a foreign-key constraint to a large, busy table.
//! `orders.customer_id → customers.id` is added `NOT VALID` (enforced for
//! new rows at once, no scan), then validated separately under a lock that
//! lets reads and writes go on. Orphaned rows found by the audit are
//! repaired first, on a labelled branch, in batches watched for replica
//! lag.

use super::builder::{CheckSpec, Flow, GateSpec, PhaseSpec};
use super::Template;
use crate::document::Document;
use crate::plan::CheckKind::{Custom, ErrorRate, HealthProbe, ReplicationLag, RowCount};
use crate::plan::PhaseTag;

pub(super) const TEMPLATE: Template = Template {
    id: "add-foreign-key",
    name: "Add a foreign-key constraint",
    summary: "Add orders.customer_id → customers.id without blocking writes: repair \
              orphans if any, index concurrently, add the key NOT VALID, then VALIDATE.",
    pack: crate::pack::Pack::Migration,
    build,
};

fn build() -> Document {
    let mut flow = Flow::new("Add foreign key orders.customer_id → customers.id");
    let start = flow.start(
        "orders.customer_id unconstrained",
        "A plain ADD CONSTRAINT … FOREIGN KEY scans all of orders while holding a lock \
         that blocks writes to both tables. Splitting it into NOT VALID and VALIDATE \
         keeps every lock either instant or write-compatible.",
    );

    let audit = flow.phase(PhaseSpec {
        tag: PhaseTag::Audit,
        title: "Audit orphaned orders",
        owner: "DBA on call",
        notes: "VALIDATE fails on the first orphan, so orphans are found and repaired \
                first. The index check matters too: without an index on \
                orders.customer_id, VALIDATE and every DELETE on customers scan orders.",
        entry: &["customers.id is the primary key of customers"],
        exit: &[
            "Orphan count recorded",
            "Existing indexes on orders.customer_id listed",
        ],
        sql: r#"
SELECT count(*)
  FROM orders o
 WHERE o.customer_id IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = o.customer_id);

SELECT indexrelid::regclass
  FROM pg_index
 WHERE indrelid = 'orders'::regclass
   AND indkey[0] = (SELECT attnum FROM pg_attribute
                     WHERE attrelid = 'orders'::regclass AND attname = 'customer_id');
"#,
        ..PhaseSpec::default()
    });
    let audit_checked = flow.verification(CheckSpec {
        title: "Audit verified",
        owner: "DBA on call",
        checks: &[
            (RowCount, "Orphaned orders", "counted; 0 skips the repair"),
            (Custom, "customers.id is unique (primary key)", "true"),
        ],
    });

    let repair = flow.phase(PhaseSpec {
        tag: PhaseTag::Backfill,
        title: "Repair orphaned orders",
        owner: "Orders backend team",
        notes: "The orders team decides what an orphan becomes; here customer_id is set to \
                NULL (the column is nullable), keeping the old value aside so the repair \
                can be undone. If the column is NOT NULL, point orphans at a placeholder \
                customer instead.",
        entry: &["Orphan list reviewed and the repair signed off by the orders team"],
        exit: &[
            "Every repaired row saved in orders_orphaned_customer",
            "Orphan count = 0",
        ],
        sql: r#"
CREATE TABLE orders_orphaned_customer AS
SELECT o.id AS order_id, o.customer_id
  FROM orders o
 WHERE o.customer_id IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = o.customer_id);

-- In batches of 10,000 ids
UPDATE orders o
   SET customer_id = NULL
  FROM orders_orphaned_customer x
 WHERE o.id = x.order_id
   AND x.order_id BETWEEN $1 AND $2;
"#,
        ..PhaseSpec::default()
    });
    let lag_monitor = flow.verification(CheckSpec {
        title: "Replication lag monitor",
        owner: "DBA on call",
        checks: &[
            (
                ReplicationLag,
                "pg_stat_replication.replay_lag, worst replica",
                "< 5 s",
            ),
            (Custom, "WAL generated per minute by the repair", "< 1 GB"),
        ],
    });
    let repair_checked = flow.verification(CheckSpec {
        title: "Repair verified",
        owner: "DBA on call",
        checks: &[
            (RowCount, "Orphaned orders left", "= 0"),
            (
                RowCount,
                "Rows in orders_orphaned_customer",
                "= the audit's orphan count",
            ),
        ],
    });

    let index = flow.phase(PhaseSpec {
        tag: PhaseTag::Expand,
        title: "Index orders.customer_id",
        owner: "DBA on call",
        notes: "Skipped in effect if the audit found a usable index (IF NOT EXISTS).",
        entry: &["Orphan count = 0"],
        exit: &["orders_customer_id_idx valid"],
        sql: r#"
-- Outside a transaction; an invalid leftover is dropped concurrently and rebuilt
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_id_idx
    ON orders (customer_id);
"#,
        ..PhaseSpec::default()
    });
    let index_checked = flow.verification(CheckSpec {
        title: "Index verified",
        owner: "DBA on call",
        checks: &[
            (
                Custom,
                "pg_index.indisvalid of orders_customer_id_idx",
                "true",
            ),
            (ReplicationLag, "Replay lag of every replica", "< 5 s"),
        ],
    });

    let constrain = flow.phase(PhaseSpec {
        tag: PhaseTag::Expand,
        title: "Add foreign key NOT VALID",
        owner: "DBA on call",
        notes: "NOT VALID skips the scan of existing rows but enforces the key on every \
                insert and update from now on. It takes SHARE ROW EXCLUSIVE on both tables \
                for an instant; lock_timeout stops it queueing behind long transactions.",
        entry: &["Index verified"],
        exit: &["orders_customer_id_fkey exists, convalidated = false"],
        sql: r#"
SET lock_timeout = '2s';
ALTER TABLE orders
    ADD CONSTRAINT orders_customer_id_fkey
    FOREIGN KEY (customer_id) REFERENCES customers (id)
    NOT VALID;
"#,
        ..PhaseSpec::default()
    });
    let constrain_checked = flow.verification(CheckSpec {
        title: "Constraint verified",
        owner: "SRE on call",
        checks: &[
            (
                ErrorRate,
                "Order writes failing with SQLSTATE 23503 (foreign_key_violation)",
                "< 0.1 %",
            ),
            (
                Custom,
                "p99 latency of POST /orders",
                "within 10 % of baseline",
            ),
            (
                HealthProbe,
                "GET /healthz on every orders service pod",
                "200 OK",
            ),
        ],
    });

    let validate_gate = flow.gate(GateSpec {
        title: "Go/no-go: validate constraint",
        approver: "DBA on call",
        go_criteria: &[
            "Orphan count re-checked = 0 (rows written before the constraint existed)",
            "Off-peak window: VALIDATE reads all of orders",
            "Replica lag < 5 s",
        ],
        notes: "No-go is a safe place to stop: a NOT VALID key is enforced for new rows.",
    });
    let validate = flow.phase(PhaseSpec {
        title: "Validate foreign key",
        owner: "DBA on call",
        notes: "Scans orders under SHARE UPDATE EXCLUSIVE (reads and writes go on) and \
                ROW SHARE on customers. A failure leaves the key NOT VALID and names the \
                offending row.",
        entry: &["Go signed off"],
        exit: &["orders_customer_id_fkey convalidated = true"],
        sql: r#"
ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;
"#,
        ..PhaseSpec::default()
    });
    let validate_checked = flow.verification(CheckSpec {
        title: "Validation verified",
        owner: "DBA on call",
        checks: &[
            (
                Custom,
                "pg_constraint.convalidated of orders_customer_id_fkey",
                "true",
            ),
            (ReplicationLag, "Replay lag of every replica", "< 5 s"),
            (ErrorRate, "Failed order writes", "< 0.1 %"),
        ],
    });

    let done = flow.end("Foreign key validated");
    let left_not_valid = flow.aborted_end("Key left NOT VALID");

    flow.path(&[start, audit, audit_checked]);
    flow.branch(audit_checked, repair, "orphans found");
    flow.branch(audit_checked, index, "no orphans");
    flow.path(&[repair, repair_checked, index]);
    flow.monitor(repair, lag_monitor, "watched while the batches run");
    flow.path(&[
        index,
        index_checked,
        constrain,
        constrain_checked,
        validate_gate,
    ]);
    flow.branch(validate_gate, validate, "go");
    flow.branch(validate_gate, left_not_valid, "no-go");
    flow.path(&[validate, validate_checked, done]);

    flow.rollback(audit_checked, start, "customers.id not unique: stop");
    flow.rollback(
        repair_checked,
        audit,
        "restore from orders_orphaned_customer",
    );
    flow.rollback(
        lag_monitor,
        audit,
        "lag > 30 s for 5 min: stop, restore from orders_orphaned_customer",
    );
    flow.rollback(index_checked, audit, "DROP INDEX CONCURRENTLY");
    flow.rollback(
        constrain_checked,
        index,
        "DROP CONSTRAINT orders_customer_id_fkey",
    );
    flow.rollback(validate_checked, constrain, "failed: key stays NOT VALID");
    flow.finish()
}
