//! Template: zero-downtime column rename, the canonical expand → dual-write
//! → backfill → cutover → contract flow (`users.email` becomes
//! `users.email_address`), with a check after every phase, a go/no-go gate
//! before the cutover and before the drop, and a rollback from every state
//! and from every check up to the drop.

use super::builder::{CheckSpec, Flow, GateSpec, PhaseSpec};
use super::Template;
use crate::document::Document;
use crate::plan::CheckKind::{
    Custom, DataParity, ErrorRate, HealthProbe, ReplicationLag, RowCount,
};
use crate::plan::PhaseTag;

pub(super) const TEMPLATE: Template = Template {
    id: "column-rename",
    name: "Zero-downtime column rename",
    summary: "Rename users.email to users.email_address: audit, add the column, dual-write \
              by trigger, backfill in batches, switch reads, drop the old column. A check \
              after every phase and a rollback from every state.",
    pack: crate::pack::Pack::Migration,
    build,
};

fn build() -> Document {
    let mut flow = Flow::new("Rename users.email to users.email_address");
    let start = flow.start(
        "users.email in production",
        "Releases: N reads and writes email; N+1 reads email_address behind the flag \
         users.read_email_address; N+2 no longer mentions email. A trigger keeps both \
         columns equal from the dual-write until the drop, so every release can run \
         against every state up to the contract.",
    );

    let audit = flow.phase(PhaseSpec {
        tag: PhaseTag::Audit,
        title: "Audit users.email usage",
        owner: "DBA on call",
        notes: "Find every reader and writer of the column before touching the schema: \
                views, functions, indexes, publications, ETL jobs and BI extracts that \
                select by column name.",
        entry: &[
            "Rename ticket approved by the Identity team",
            "pg_stat_statements enabled on the primary",
        ],
        exit: &[
            "Every dependent object and query listed with an owner",
            "Baseline row count and p99 latency recorded in the ticket",
        ],
        sql: r#"
-- Objects that depend on the column (views, constraints, indexes)
SELECT classid::regclass AS catalog, objid, deptype
  FROM pg_depend
 WHERE refobjid = 'users'::regclass
   AND refobjsubid = (SELECT attnum FROM pg_attribute
                       WHERE attrelid = 'users'::regclass AND attname = 'email');
-- Functions whose body mentions it
SELECT oid::regprocedure FROM pg_proc WHERE prosrc ~* '\memail\M';
-- Statements that use it
SELECT calls, query FROM pg_stat_statements
 WHERE query ~* '\memail\M' ORDER BY calls DESC;
-- Baseline for the row-count checks
SELECT count(*) FROM users;
"#,
        ..PhaseSpec::default()
    });
    let audit_checked = flow.verification(CheckSpec {
        title: "Audit verified",
        owner: "DBA on call",
        checks: &[
            (
                Custom,
                "Dependent objects and queries without an owner",
                "= 0",
            ),
            (
                RowCount,
                "Baseline count(*) of users",
                "recorded in the ticket",
            ),
            (ReplicationLag, "Replay lag of every replica", "< 5 s"),
        ],
    });

    let expand = flow.phase(PhaseSpec {
        tag: PhaseTag::Expand,
        title: "Add column email_address",
        owner: "DBA on call",
        notes: "Nullable with no default: a catalog-only change, no table rewrite. \
                lock_timeout keeps the ACCESS EXCLUSIVE lock from queueing behind a long \
                transaction and blocking everyone; on timeout, retry. The unique index \
                mirrors users_email_key and is built without blocking writes.",
        entry: &[
            "Audit verified",
            "No transaction on users open for more than 1 min (pg_stat_activity)",
        ],
        exit: &[
            "email_address exists on the primary and every replica",
            "users_email_address_key is valid",
        ],
        sql: r#"
SET lock_timeout = '2s';
ALTER TABLE users ADD COLUMN email_address text;

-- Outside a transaction, and allowed to wait for older transactions;
-- if it fails, DROP INDEX CONCURRENTLY the invalid index and retry
RESET lock_timeout;
CREATE UNIQUE INDEX CONCURRENTLY users_email_address_key ON users (email_address);
"#,
        ..PhaseSpec::default()
    });
    let expand_checked = flow.verification(CheckSpec {
        title: "Expand verified",
        owner: "SRE on call",
        checks: &[
            (
                Custom,
                "pg_index.indisvalid of users_email_address_key",
                "true",
            ),
            (
                HealthProbe,
                "GET /healthz on every accounts API pod",
                "200 OK",
            ),
            (ErrorRate, "5xx rate of the accounts API", "< 0.1 %"),
            (ReplicationLag, "Replay lag of every replica", "< 5 s"),
        ],
    });

    let dual_write = flow.phase(PhaseSpec {
        tag: PhaseTag::DualWrite,
        title: "Dual-write email and email_address",
        owner: "Identity backend team",
        notes: "A BEFORE trigger mirrors whichever column a statement wrote, so release N \
                (writes email) and release N+1 (writes email_address once the flag is on) \
                can run side by side, and either can be rolled back.",
        entry: &[
            "email_address and its unique index exist (Expand verified)",
            "Release N+1 on every pod, flag users.read_email_address off",
        ],
        exit: &[
            "Trigger users_email_dual_write enabled on the primary",
            "Every row written since the trigger went live has email = email_address",
        ],
        sql: r#"
CREATE FUNCTION users_email_dual_write() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.email_address := coalesce(NEW.email_address, NEW.email);
        NEW.email := coalesce(NEW.email, NEW.email_address);
    ELSIF NEW.email IS DISTINCT FROM OLD.email THEN
        NEW.email_address := NEW.email;
    ELSIF NEW.email_address IS DISTINCT FROM OLD.email_address THEN
        NEW.email := NEW.email_address;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER users_email_dual_write
    BEFORE INSERT OR UPDATE OF email, email_address ON users
    FOR EACH ROW EXECUTE FUNCTION users_email_dual_write();
"#,
        ..PhaseSpec::default()
    });
    let dual_write_checked = flow.verification(CheckSpec {
        title: "Dual-write verified",
        owner: "Identity backend team",
        checks: &[
            (
                DataParity,
                "Rows updated since the trigger went live with email IS DISTINCT FROM \
                 email_address",
                "= 0",
            ),
            (
                Custom,
                "p99 latency of writes to users",
                "within 10 % of baseline",
            ),
            (ErrorRate, "Failed writes to users", "< 0.1 %"),
        ],
    });

    let backfill = flow.phase(PhaseSpec {
        tag: PhaseTag::Backfill,
        title: "Backfill email_address",
        owner: "DBA on call",
        notes: "Batches of 10,000 ids, each committed on its own with a 100 ms pause; the \
                job records the last id done so it can resume, and pauses while replica \
                lag exceeds 5 s. Rows the trigger already mirrored are skipped.",
        entry: &[
            "Dual-write verified",
            "Backfill job rehearsed on a production-size staging copy",
        ],
        exit: &["The job reached the max(id) taken when it started"],
        sql: r#"
-- One batch; the job walks $1..$2 in steps of 10,000 ids
UPDATE users
   SET email_address = email
 WHERE id BETWEEN $1 AND $2
   AND email_address IS DISTINCT FROM email;
"#,
        ..PhaseSpec::default()
    });
    let lag_monitor = flow.verification(CheckSpec {
        title: "Replication lag monitor",
        owner: "SRE on call",
        checks: &[
            (
                ReplicationLag,
                "pg_stat_replication.replay_lag, worst replica",
                "< 5 s",
            ),
            (Custom, "WAL generated per minute by the backfill", "< 1 GB"),
        ],
    });
    let backfill_checked = flow.verification(CheckSpec {
        title: "Backfill verified",
        owner: "DBA on call",
        checks: &[
            (
                RowCount,
                "SELECT count(*) FROM users WHERE email_address IS DISTINCT FROM email",
                "= 0",
            ),
            (
                DataParity,
                "Random sample of 10,000 rows, both columns compared",
                "100 % equal",
            ),
            (ReplicationLag, "Replay lag of every replica", "< 5 s"),
        ],
    });

    let cutover_gate = flow.gate(GateSpec {
        title: "Go/no-go: read cutover",
        approver: "Engineering manager, Identity team",
        go_criteria: &[
            "Backfill verified: row-count difference = 0, 10,000-row parity sample = 100 %",
            "Flag users.read_email_address switched on and off in staging",
            "Accounts API error rate < 0.1 % over the last hour",
            "DBA on call and Identity on call present for the window",
        ],
        notes: "No-go leaves the trigger running; the rename can resume from here later.",
    });
    let cutover = flow.phase(PhaseSpec {
        tag: PhaseTag::Cutover,
        title: "Switch reads to email_address",
        owner: "Identity backend team",
        notes: "Flag users.read_email_address rolled out to 5 %, 50 %, then 100 % of pods, \
                15 min per step, watching errors and p99. The trigger keeps email in step, \
                so turning the flag off is the rollback.",
        entry: &["Go signed off", "Error-rate and latency dashboards open"],
        exit: &["Flag at 100 % for 24 h"],
        ..PhaseSpec::default()
    });
    let cutover_checked = flow.verification(CheckSpec {
        title: "Cutover verified",
        owner: "SRE on call",
        checks: &[
            (ErrorRate, "5xx rate of the accounts API", "< 0.1 %"),
            (
                Custom,
                "p99 latency of GET /users/{id}",
                "within 10 % of baseline",
            ),
            (
                HealthProbe,
                "GET /healthz on every accounts API pod",
                "200 OK",
            ),
            (
                Custom,
                "Application statements naming users.email (pg_stat_statements)",
                "0 calls since the flag reached 100 %",
            ),
        ],
    });

    let contract_gate = flow.gate(GateSpec {
        title: "Go/no-go: legacy column removal",
        approver: "DBA lead",
        go_criteria: &[
            "Release N+2 (no reference to email) on every pod for 7 days",
            "Cutover verified for 7 days without a rollback",
            "ETL jobs, BI extracts and publications read email_address",
            "Point-in-time recovery to before the drop tested",
        ],
        notes: "Past this gate the old column's data is gone; only a restore brings it back.",
    });
    let contract = flow.phase(PhaseSpec {
        tag: PhaseTag::Contract,
        title: "Drop column email",
        owner: "DBA on call",
        notes: "Point of no return. Dropping is catalog-only in Postgres (the space comes \
                back as rows are rewritten); it also drops users_email_key.",
        entry: &["Go signed off", "Release N+2 on every pod"],
        exit: &[
            "users has no column email",
            "Trigger and function users_email_dual_write gone",
        ],
        sql: r#"
SET lock_timeout = '2s';
DROP TRIGGER users_email_dual_write ON users;
DROP FUNCTION users_email_dual_write();
ALTER TABLE users DROP COLUMN email;
"#,
        point_of_no_return: true,
    });
    let contract_checked = flow.verification(CheckSpec {
        title: "Contract verified",
        owner: "SRE on call",
        checks: &[
            (ErrorRate, "5xx rate of the accounts API", "< 0.1 %"),
            (
                Custom,
                "Postgres errors with SQLSTATE 42703 (undefined column)",
                "= 0",
            ),
            (
                HealthProbe,
                "GET /healthz on every accounts API pod",
                "200 OK",
            ),
        ],
    });

    let done = flow.end("Column renamed to email_address");
    let cutover_postponed = flow.aborted_end("Cutover postponed, dual-write kept");
    let drop_postponed = flow.aborted_end("Old column kept for now");

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
    flow.branch(contract_gate, drop_postponed, "no-go");
    flow.path(&[contract, contract_checked, done]);
    flow.monitor(backfill, lag_monitor, "watched while the job runs");

    // From every state: abandon it while it is in progress.
    flow.rollback(audit, start, "abandon: nothing changed");
    flow.rollback(expand, audit, "drop email_address and its index");
    flow.rollback(dual_write, expand, "DROP TRIGGER users_email_dual_write");
    flow.rollback(backfill, dual_write, "stop the backfill job");
    flow.rollback(cutover, backfill, "flag users.read_email_address off");
    flow.rollback(contract, cutover, "lock timeout: stop before DROP COLUMN");
    // From every check: what its failure undoes.
    flow.rollback(audit_checked, start, "unowned dependencies");
    flow.rollback(expand_checked, audit, "drop email_address and its index");
    flow.rollback(dual_write_checked, expand, "mismatch: DROP TRIGGER");
    flow.rollback(
        lag_monitor,
        dual_write,
        "lag > 30 s for 5 min: stop the job",
    );
    flow.rollback(
        backfill_checked,
        backfill,
        "rows differ: resume the backfill",
    );
    flow.rollback(
        cutover_checked,
        backfill,
        "errors or p99 over budget: flag off",
    );
    flow.finish()
}
