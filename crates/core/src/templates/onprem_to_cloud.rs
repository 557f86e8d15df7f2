//! Template: on-premise → managed cloud database cutover. PostgreSQL
//! logical replication copies and streams the on-premise database into a
//! managed service; the cutover is a write pause of seconds behind
//! PgBouncer, and reverse replication keeps on-premise a current fallback
//! until it is decommissioned.

use super::builder::{CheckSpec, Flow, GateSpec, PhaseSpec};
use super::Template;
use crate::document::Document;
use crate::plan::CheckKind::{
    Custom, DataParity, ErrorRate, HealthProbe, ReplicationLag, RowCount,
};
use crate::plan::PhaseTag;

pub(super) const TEMPLATE: Template = Template {
    id: "onprem-to-cloud",
    name: "On-premise → managed cloud database",
    summary: "Move a PostgreSQL database to a managed cloud service with logical \
              replication, cut over in a seconds-long write pause, and keep on-premise \
              current by reverse replication until it is decommissioned.",
    pack: crate::pack::Pack::Migration,
    build,
};

fn build() -> Document {
    let mut flow = Flow::new("Move the orders database to a managed cloud service");
    let start = flow.start(
        "orders database on-premise",
        "Source: on-premise PostgreSQL 13, primary plus two streaming replicas, clients \
         through PgBouncer. Target: managed PostgreSQL 16 (RDS, Cloud SQL, Azure Database \
         or similar). Logical replication also covers the major-version upgrade. DDL is \
         frozen from the audit until the decommission.",
    );

    let audit = flow.phase(PhaseSpec {
        tag: PhaseTag::Audit,
        title: "Audit source for logical replication",
        owner: "DBA on call",
        notes: "Logical replication does not carry DDL, sequences or large objects, and \
                needs a replica identity on every table; find what it would miss now.",
        entry: &["Migration approved by the change advisory board"],
        exit: &["DDL freeze announced", "Blockers listed with owners"],
        sql: r#"
-- Tables logical replication cannot update or delete in (no primary key)
SELECT c.oid::regclass
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind = 'r'
   AND n.nspname NOT IN ('pg_catalog', 'information_schema')
   AND NOT EXISTS (SELECT 1 FROM pg_index i
                    WHERE i.indrelid = c.oid AND i.indisprimary);
-- Extensions the managed service must offer
SELECT extname, extversion FROM pg_extension;
-- Large objects are not replicated
SELECT count(*) FROM pg_largeobject_metadata;
SHOW wal_level;  -- must be 'logical'
"#,
        ..PhaseSpec::default()
    });
    let audit_checked = flow.verification(CheckSpec {
        title: "Audit verified",
        owner: "DBA on call",
        checks: &[
            (
                Custom,
                "Tables without primary key or replica identity",
                "= 0",
            ),
            (Custom, "Extensions the managed service lacks", "= 0"),
            (Custom, "Large objects", "= 0"),
            (Custom, "wal_level on the source", "logical"),
        ],
    });

    let provision = flow.phase(PhaseSpec {
        tag: PhaseTag::Expand,
        title: "Provision managed target",
        owner: "Cloud platform team",
        notes: "Instance size from the on-premise peak plus 30 %. Private connectivity \
                (VPN or interconnect) to the data centre, TLS required. Roles and grants \
                come from infrastructure as code, not from the dump.",
        entry: &[
            "Audit verified",
            "Network path from the data centre approved",
        ],
        exit: &[
            "Target schema identical to the source",
            "Publication on the source",
        ],
        sql: r#"
# Schema only; the data comes through the subscription
pg_dump --schema-only --no-owner --no-privileges -d "$SOURCE_URL" \
  | psql -d "$TARGET_URL" -v ON_ERROR_STOP=1

-- On the source
CREATE PUBLICATION orders_migration FOR ALL TABLES;
"#,
        ..PhaseSpec::default()
    });
    let provision_checked = flow.verification(CheckSpec {
        title: "Target verified",
        owner: "Cloud platform team",
        checks: &[
            (
                Custom,
                "Diff of pg_dump --schema-only, source against target",
                "no difference",
            ),
            (
                HealthProbe,
                "TLS connection to the target from every app subnet",
                "succeeds",
            ),
            (
                Custom,
                "p99 round trip from the app subnets to the target",
                "< 5 ms",
            ),
        ],
    });

    let copy = flow.phase(PhaseSpec {
        tag: PhaseTag::Backfill,
        title: "Initial copy to target",
        owner: "DBA on call",
        notes: "copy_data copies every table, then the subscription streams changes. The \
                replication slot on the source keeps WAL until the target confirms it: \
                watch the source's disk.",
        entry: &["Target verified"],
        exit: &["Every table in state r (ready) in pg_subscription_rel"],
        sql: r#"
-- On the target
CREATE SUBSCRIPTION orders_migration
    CONNECTION 'host=onprem-db.internal dbname=orders user=replicator sslmode=verify-full'
    PUBLICATION orders_migration
    WITH (copy_data = true);
-- Progress
SELECT srrelid::regclass, srsubstate FROM pg_subscription_rel;
"#,
        ..PhaseSpec::default()
    });
    let slot_monitor = flow.verification(CheckSpec {
        title: "Replication slot monitor",
        owner: "SRE on call",
        checks: &[
            (
                ReplicationLag,
                "Subscription lag, source LSN against target",
                "< 5 s",
            ),
            (
                Custom,
                "WAL retained by the slot (pg_replication_slots)",
                "< 50 GB",
            ),
        ],
    });
    let copy_checked = flow.verification(CheckSpec {
        title: "Copy verified",
        owner: "DBA on call",
        checks: &[
            (
                Custom,
                "Tables in pg_subscription_rel not in state r",
                "= 0",
            ),
            (
                RowCount,
                "Row-count difference per table at a matching LSN",
                "= 0",
            ),
            (
                DataParity,
                "Sample of 10,000 rows per large table, hashed on both sides",
                "100 % equal",
            ),
            (ReplicationLag, "Subscription lag", "< 5 s"),
        ],
    });

    let cutover_gate = flow.gate(GateSpec {
        title: "Go/no-go: cutover to cloud",
        approver: "Head of infrastructure",
        go_criteria: &[
            "Copy verified; subscription lag < 5 s for the last hour",
            "TTL of the orders-db DNS name lowered to 60 s at least 24 h ago",
            "Sequence sync and reverse replication rehearsed in staging",
            "Change approved by the change advisory board",
        ],
        notes: "Off-peak window; expected write pause under 30 s.",
    });
    let cutover = flow.phase(PhaseSpec {
        tag: PhaseTag::Cutover,
        title: "Switch traffic to managed database",
        owner: "DBA on call",
        notes: "PgBouncer holds queries during the pause, so clients wait instead of \
                failing. Rehearsed with a stopwatch; if the pause passes 60 s, RESUME on \
                the source and abort. Reverse replication starts before traffic moves, so \
                on-premise never misses a write.",
        entry: &["Go signed off", "Orders team on the call"],
        exit: &[
            "All traffic on the managed database",
            "Reverse replication streaming",
        ],
        sql: r#"
-- 1. PgBouncer admin console: hold new queries
PAUSE orders;
-- 2. Wait until the target has replayed everything
SELECT pg_current_wal_lsn();                      -- source
SELECT latest_end_lsn FROM pg_stat_subscription;  -- target, until it matches
-- 3. Target: sequences are not replicated (generate one per sequence from pg_sequences)
SELECT setval('orders_id_seq', :source_last_value + 1000);
-- 4. Replicate back so on-premise stays a fallback
DROP SUBSCRIPTION orders_migration;               -- target
CREATE PUBLICATION orders_fallback FOR ALL TABLES;  -- target
CREATE SUBSCRIPTION orders_fallback               -- source
    CONNECTION 'host=orders.db.cloud.internal dbname=orders user=replicator sslmode=verify-full'
    PUBLICATION orders_fallback WITH (copy_data = false);
-- 5. Point PgBouncer at the target, then
RESUME orders;
"#,
        ..PhaseSpec::default()
    });
    let cutover_checked = flow.verification(CheckSpec {
        title: "Cutover verified",
        owner: "SRE on call",
        checks: &[
            (ErrorRate, "5xx rate of the orders API", "< 0.1 %"),
            (
                Custom,
                "p99 latency of the orders API",
                "within 10 % of baseline",
            ),
            (
                HealthProbe,
                "GET /healthz on every orders service pod",
                "200 OK",
            ),
            (
                ReplicationLag,
                "Reverse replication lag to on-premise",
                "< 5 s",
            ),
        ],
    });

    let decommission_gate = flow.gate(GateSpec {
        title: "Go/no-go: decommission on-premise",
        approver: "Head of infrastructure",
        go_criteria: &[
            "14 days on the managed database with every SLO met",
            "No client connected to on-premise for 7 days (pg_stat_activity, firewall logs)",
            "Final on-premise backup archived for the retention period",
        ],
        notes: "Past this gate on-premise stops following the cloud and is no longer a fallback.",
    });
    let decommission = flow.phase(PhaseSpec {
        tag: PhaseTag::Contract,
        title: "Decommission on-premise database",
        owner: "DBA on call",
        notes: "Point of no return: without reverse replication, on-premise falls behind \
                and stops being a fallback. Afterwards stop the cluster and archive it.",
        entry: &["Go signed off"],
        exit: &[
            "No replication between the sites",
            "On-premise cluster stopped",
        ],
        sql: r#"
-- On-premise: stop following the cloud
DROP SUBSCRIPTION orders_fallback;
-- Managed target: nothing left to send
DROP PUBLICATION orders_fallback;
"#,
        point_of_no_return: true,
    });
    let decommission_checked = flow.verification(CheckSpec {
        title: "Decommission verified",
        owner: "SRE on call",
        checks: &[
            (
                Custom,
                "Replication slots left on the target (pg_replication_slots)",
                "= 0",
            ),
            (ErrorRate, "5xx rate of the orders API", "< 0.1 %"),
            (
                HealthProbe,
                "GET /healthz on every orders service pod",
                "200 OK",
            ),
        ],
    });

    let done = flow.end("Running on the managed database");
    let cutover_postponed = flow.aborted_end("Cutover postponed, replication kept");
    let fallback_kept = flow.aborted_end("On-premise kept as fallback");

    flow.path(&[
        start,
        audit,
        audit_checked,
        provision,
        provision_checked,
        copy,
        copy_checked,
        cutover_gate,
    ]);
    flow.branch(cutover_gate, cutover, "go");
    flow.branch(cutover_gate, cutover_postponed, "no-go");
    flow.path(&[cutover, cutover_checked, decommission_gate]);
    flow.branch(decommission_gate, decommission, "go");
    flow.branch(decommission_gate, fallback_kept, "no-go");
    flow.path(&[decommission, decommission_checked, done]);
    flow.monitor(copy, slot_monitor, "watched while the subscription streams");

    flow.rollback(audit_checked, start, "blockers: fix on-premise first");
    flow.rollback(provision_checked, audit, "delete the target instance");
    flow.rollback(slot_monitor, provision, "WAL > 50 GB: DROP SUBSCRIPTION");
    flow.rollback(
        copy_checked,
        provision,
        "counts differ: DROP SUBSCRIPTION, recopy",
    );
    flow.rollback(
        cutover_checked,
        copy,
        "PgBouncer back to on-premise, sync sequences",
    );
    flow.rollback(decommission, cutover, "stop before DROP SUBSCRIPTION");
    flow.finish()
}
