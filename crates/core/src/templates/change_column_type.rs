//! Template: change a column's type. `orders.id` goes from `integer` to
//! `bigint` before it overflows, without the table rewrite (and hour-long
//! exclusive lock) of `ALTER COLUMN … TYPE bigint`: a bigint copy is kept in
//! sync, backfilled and indexed, then the primary key is swapped in one
//! short transaction.

use super::builder::{CheckSpec, Flow, GateSpec, PhaseSpec};
use super::Template;
use crate::document::Document;
use crate::plan::CheckKind::{
    Custom, DataParity, ErrorRate, HealthProbe, ReplicationLag, RowCount,
};
use crate::plan::PhaseTag;

pub(super) const TEMPLATE: Template = Template {
    id: "change-column-type",
    name: "Change a column's type",
    summary: "Move orders.id from integer to bigint before it overflows: a synced bigint \
              copy, a batched backfill, a unique index built concurrently, then a primary \
              key swap in one short transaction.",
    pack: crate::pack::Pack::Migration,
    build,
};

fn build() -> Document {
    let mut flow = Flow::new("Change orders.id from integer to bigint");
    let start = flow.start(
        "orders.id is integer",
        "orders.id (int4, from orders_id_seq) overflows at 2,147,483,647. ALTER COLUMN \
         TYPE bigint would rewrite the table under an ACCESS EXCLUSIVE lock; instead a \
         bigint copy takes over as the primary key.",
    );

    let audit = flow.phase(PhaseSpec {
        tag: PhaseTag::Audit,
        title: "Audit orders.id headroom",
        owner: "DBA on call",
        notes: "Foreign keys that reference orders.id have to move with it: each one \
                follows the add-foreign-key template against the new key.",
        entry: &["Insert rate of orders known (ids per day)"],
        exit: &[
            "Days of ids left recorded",
            "Every referencing foreign key has its own ticket",
        ],
        sql: r#"
SELECT last_value, 2147483647 - last_value AS ids_left FROM orders_id_seq;
SELECT conrelid::regclass AS referencing_table, conname
  FROM pg_constraint
 WHERE confrelid = 'orders'::regclass AND contype = 'f';
"#,
        ..PhaseSpec::default()
    });
    let audit_checked = flow.verification(CheckSpec {
        title: "Audit verified",
        owner: "DBA on call",
        checks: &[
            (
                Custom,
                "Days of ids left at the current insert rate",
                "> 30",
            ),
            (
                Custom,
                "Foreign keys referencing orders.id without a ticket",
                "= 0",
            ),
        ],
    });

    let expand = flow.phase(PhaseSpec {
        tag: PhaseTag::Expand,
        title: "Add column id_bigint",
        owner: "DBA on call",
        notes: "Nullable with no default: catalog-only, no rewrite.",
        entry: &["Audit verified"],
        exit: &["id_bigint exists on the primary and every replica"],
        sql: r#"
SET lock_timeout = '2s';
ALTER TABLE orders ADD COLUMN id_bigint bigint;
"#,
        ..PhaseSpec::default()
    });
    let expand_checked = flow.verification(CheckSpec {
        title: "Expand verified",
        owner: "DBA on call",
        checks: &[
            (
                Custom,
                "orders.id_bigint has type bigint on primary and replicas",
                "true",
            ),
            (
                HealthProbe,
                "GET /healthz on every orders service pod",
                "200 OK",
            ),
            (ReplicationLag, "Replay lag of every replica", "< 5 s"),
        ],
    });

    let dual_write = flow.phase(PhaseSpec {
        tag: PhaseTag::DualWrite,
        title: "Dual-write id into id_bigint",
        owner: "DBA on call",
        notes: "The application does not change: a BEFORE trigger copies id into id_bigint \
                on every insert.",
        entry: &["id_bigint exists (Expand verified)"],
        exit: &["Every order inserted since the trigger went live has id_bigint = id"],
        sql: r#"
CREATE FUNCTION orders_id_dual_write() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.id_bigint := NEW.id;
    RETURN NEW;
END $$;

CREATE TRIGGER orders_id_dual_write
    BEFORE INSERT OR UPDATE OF id ON orders
    FOR EACH ROW EXECUTE FUNCTION orders_id_dual_write();
"#,
        ..PhaseSpec::default()
    });
    let dual_write_checked = flow.verification(CheckSpec {
        title: "Dual-write verified",
        owner: "DBA on call",
        checks: &[
            (
                DataParity,
                "Orders created since the trigger went live with id_bigint IS DISTINCT FROM id",
                "= 0",
            ),
            (
                Custom,
                "p99 latency of order inserts",
                "within 10 % of baseline",
            ),
            (ErrorRate, "Failed order inserts", "< 0.1 %"),
        ],
    });

    let backfill = flow.phase(PhaseSpec {
        tag: PhaseTag::Backfill,
        title: "Backfill id_bigint",
        owner: "DBA on call",
        notes: "Batches of 10,000 ids, resumable from the last id recorded. Every batch \
                leaves dead tuples: let autovacuum keep up before speeding the job up.",
        entry: &["Dual-write verified"],
        exit: &["No order with id_bigint IS NULL"],
        sql: r#"
-- One batch; the job walks $1..$2 in steps of 10,000 ids
UPDATE orders
   SET id_bigint = id
 WHERE id BETWEEN $1 AND $2
   AND id_bigint IS NULL;
"#,
        ..PhaseSpec::default()
    });
    let vacuum_monitor = flow.verification(CheckSpec {
        title: "Lag and bloat monitor",
        owner: "SRE on call",
        checks: &[
            (ReplicationLag, "Replay lag of the worst replica", "< 5 s"),
            (
                Custom,
                "n_dead_tup of orders (pg_stat_user_tables)",
                "< 10 % of n_live_tup",
            ),
        ],
    });
    let backfill_checked = flow.verification(CheckSpec {
        title: "Backfill verified",
        owner: "DBA on call",
        checks: &[
            (
                RowCount,
                "SELECT count(*) FROM orders WHERE id_bigint IS NULL",
                "= 0",
            ),
            (
                DataParity,
                "Random sample of 10,000 orders with id_bigint = id",
                "100 %",
            ),
        ],
    });

    let index = flow.phase(PhaseSpec {
        tag: PhaseTag::Expand,
        title: "Index and constrain id_bigint",
        owner: "DBA on call",
        notes: "The unique index becomes the new primary key. The validated CHECK lets SET \
                NOT NULL skip its full-table scan at the swap (PostgreSQL 12+).",
        entry: &["Backfill verified"],
        exit: &[
            "orders_id_bigint_key valid",
            "orders_id_bigint_not_null validated",
        ],
        sql: r#"
-- Outside a transaction; an invalid leftover is dropped concurrently and rebuilt
CREATE UNIQUE INDEX CONCURRENTLY orders_id_bigint_key ON orders (id_bigint);

SET lock_timeout = '2s';
ALTER TABLE orders ADD CONSTRAINT orders_id_bigint_not_null
    CHECK (id_bigint IS NOT NULL) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_id_bigint_not_null;
"#,
        ..PhaseSpec::default()
    });
    let index_checked = flow.verification(CheckSpec {
        title: "Index verified",
        owner: "DBA on call",
        checks: &[
            (
                Custom,
                "pg_index.indisvalid of orders_id_bigint_key",
                "true",
            ),
            (
                Custom,
                "pg_constraint.convalidated of orders_id_bigint_not_null",
                "true",
            ),
            (ReplicationLag, "Replay lag of every replica", "< 5 s"),
        ],
    });

    let swap_gate = flow.gate(GateSpec {
        title: "Go/no-go: primary key swap",
        approver: "DBA lead",
        go_criteria: &[
            "Index verified",
            "Swap and reverse scripts rehearsed on a production-size copy, lock held < 1 s",
            "Low-traffic window agreed with the orders team",
            "Referencing foreign keys moved (their tickets closed)",
        ],
        notes: "The swap holds an ACCESS EXCLUSIVE lock on orders for one short transaction.",
    });
    let swap = flow.phase(PhaseSpec {
        tag: PhaseTag::Cutover,
        title: "Swap primary key to id_bigint",
        owner: "DBA on call",
        notes: "One transaction: if lock_timeout hits, all of it rolls back and is retried. \
                Afterwards the trigger keeps id_int in sync so the reverse script can swap \
                back until the contract; id_int overflows past 2,147,483,647, so the \
                contract must come before that.",
        entry: &[
            "Go signed off",
            "No transaction on orders open for more than 1 min",
        ],
        exit: &["orders_pkey is on the bigint column named id"],
        sql: r#"
BEGIN;
SET LOCAL lock_timeout = '3s';
ALTER TABLE orders ALTER COLUMN id_bigint SET NOT NULL;  -- uses the validated CHECK
ALTER TABLE orders DROP CONSTRAINT orders_pkey;
ALTER TABLE orders ADD CONSTRAINT orders_pkey PRIMARY KEY USING INDEX orders_id_bigint_key;
ALTER TABLE orders ALTER COLUMN id DROP DEFAULT;
ALTER TABLE orders ALTER COLUMN id DROP NOT NULL;
ALTER SEQUENCE orders_id_seq AS bigint OWNED BY orders.id_bigint;
ALTER TABLE orders ALTER COLUMN id_bigint SET DEFAULT nextval('orders_id_seq');
DROP TRIGGER orders_id_dual_write ON orders;
ALTER TABLE orders RENAME COLUMN id TO id_int;
ALTER TABLE orders RENAME COLUMN id_bigint TO id;
CREATE OR REPLACE FUNCTION orders_id_dual_write() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.id_int := NEW.id;
    RETURN NEW;
END $$;
CREATE TRIGGER orders_id_dual_write
    BEFORE INSERT OR UPDATE OF id ON orders
    FOR EACH ROW EXECUTE FUNCTION orders_id_dual_write();
COMMIT;
"#,
        ..PhaseSpec::default()
    });
    let swap_checked = flow.verification(CheckSpec {
        title: "Swap verified",
        owner: "SRE on call",
        checks: &[
            (ErrorRate, "Failed order inserts", "< 0.1 %"),
            (
                Custom,
                "p99 latency of POST /orders",
                "within 10 % of baseline",
            ),
            (
                Custom,
                "orders.id is bigint and carries orders_pkey",
                "true",
            ),
            (
                HealthProbe,
                "GET /healthz on every orders service pod",
                "200 OK",
            ),
        ],
    });

    let contract_gate = flow.gate(GateSpec {
        title: "Go/no-go: legacy column removal",
        approver: "DBA lead",
        go_criteria: &[
            "Swap verified for 7 days",
            "No statement names id_int (pg_stat_statements)",
            "Highest id below 2,000,000,000",
        ],
        notes: "No-go means running the reverse swap, not waiting: id_int must go before \
                ids reach the int limit.",
    });
    let contract = flow.phase(PhaseSpec {
        tag: PhaseTag::Contract,
        title: "Drop column id_int",
        owner: "DBA on call",
        notes: "Point of no return: the reverse swap needs id_int.",
        entry: &["Go signed off"],
        exit: &[
            "orders has no id_int",
            "Trigger, function and spare CHECK gone",
        ],
        sql: r#"
SET lock_timeout = '2s';
DROP TRIGGER orders_id_dual_write ON orders;
DROP FUNCTION orders_id_dual_write();
ALTER TABLE orders DROP COLUMN id_int;
ALTER TABLE orders DROP CONSTRAINT orders_id_bigint_not_null;  -- the primary key covers it
"#,
        point_of_no_return: true,
    });
    let contract_checked = flow.verification(CheckSpec {
        title: "Contract verified",
        owner: "SRE on call",
        checks: &[
            (ErrorRate, "Failed order inserts", "< 0.1 %"),
            (
                Custom,
                "Postgres errors with SQLSTATE 42703 (undefined column)",
                "= 0",
            ),
        ],
    });

    let done = flow.end("orders.id is bigint");
    let swap_postponed = flow.aborted_end("Swap postponed, id_bigint kept in sync");

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
        index,
        index_checked,
        swap_gate,
    ]);
    flow.branch(swap_gate, swap, "go");
    flow.branch(swap_gate, swap_postponed, "no-go");
    flow.path(&[
        swap,
        swap_checked,
        contract_gate,
        contract,
        contract_checked,
        done,
    ]);
    flow.monitor(backfill, vacuum_monitor, "watched while the job runs");

    flow.rollback(audit_checked, start, "headroom < 30 days: escalate");
    flow.rollback(expand_checked, audit, "DROP COLUMN id_bigint");
    flow.rollback(dual_write_checked, expand, "mismatch: DROP TRIGGER");
    flow.rollback(
        vacuum_monitor,
        dual_write,
        "lag > 30 s for 5 min: stop the job",
    );
    flow.rollback(backfill_checked, backfill, "rows left: resume the job");
    flow.rollback(index_checked, backfill, "DROP INDEX CONCURRENTLY, retry");
    flow.rollback(swap_checked, index, "run the reverse swap");
    flow.rollback(contract_gate, index, "no-go: run the reverse swap");
    flow.rollback(contract, swap, "lock timeout: stop before DROP COLUMN");
    flow.finish()
}
