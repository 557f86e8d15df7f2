//! Template: split a table. The profile columns of a hot `users` table
//! move into a one-to-one `user_profiles` table: create it, copy writes by
//! trigger, backfill, switch reads, drop the old columns.

use super::builder::{CheckSpec, Flow, GateSpec, PhaseSpec};
use super::Template;
use crate::document::Document;
use crate::plan::CheckKind::{
    Custom, DataParity, ErrorRate, HealthProbe, ReplicationLag, RowCount,
};
use crate::plan::PhaseTag;

pub(super) const TEMPLATE: Template = Template {
    id: "split-table",
    name: "Split a table",
    summary: "Move bio, avatar_url and preferences out of users into a one-to-one \
              user_profiles table, copying writes by trigger until reads have switched.",
    pack: crate::pack::Pack::Migration,
    build,
};

fn build() -> Document {
    let mut flow = Flow::new("Split profile columns out of users");
    let start = flow.start(
        "Profile columns live in users",
        "users (40 M rows) is read on every request; profile edits rewrite whole rows and \
         bloat it. bio, avatar_url and preferences move to user_profiles (user_id primary \
         key). Releases: N+1 reads user_profiles behind the flag profile.read_split; N+2 \
         writes user_profiles directly.",
    );

    let audit = flow.phase(PhaseSpec {
        tag: PhaseTag::Audit,
        title: "Audit profile column usage",
        owner: "DBA on call",
        notes: "Every statement that reads or writes the three columns needs an owner who \
                will move it to user_profiles.",
        entry: &["Split approved by the Profile service team"],
        exit: &[
            "Every statement on the columns mapped to an owning service",
            "Baseline count(*) and table size recorded",
        ],
        sql: r#"
SELECT calls, mean_exec_time, query
  FROM pg_stat_statements
 WHERE query ~* '\m(bio|avatar_url|preferences)\M'
 ORDER BY calls DESC;
SELECT count(*), pg_size_pretty(pg_total_relation_size('users')) FROM users;
"#,
        ..PhaseSpec::default()
    });
    let audit_checked = flow.verification(CheckSpec {
        title: "Audit verified",
        owner: "DBA on call",
        checks: &[
            (
                Custom,
                "Statements on the profile columns without an owner",
                "= 0",
            ),
            (
                RowCount,
                "Baseline count(*) of users",
                "recorded in the ticket",
            ),
        ],
    });

    let expand = flow.phase(PhaseSpec {
        tag: PhaseTag::Expand,
        title: "Create table user_profiles",
        owner: "DBA on call",
        notes: "The table is empty, so its foreign key has nothing to validate; creating it \
                still takes a SHARE ROW EXCLUSIVE lock on users for an instant, hence \
                lock_timeout.",
        entry: &["Audit verified"],
        exit: &["user_profiles exists on the primary and every replica"],
        sql: r#"
SET lock_timeout = '2s';
CREATE TABLE user_profiles (
    user_id     bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    bio         text,
    avatar_url  text,
    preferences jsonb NOT NULL DEFAULT '{}'::jsonb,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
"#,
        ..PhaseSpec::default()
    });
    let expand_checked = flow.verification(CheckSpec {
        title: "Expand verified",
        owner: "DBA on call",
        checks: &[
            (
                Custom,
                "\\d user_profiles against the reviewed definition",
                "no difference",
            ),
            (
                HealthProbe,
                "GET /healthz on every profile service pod",
                "200 OK",
            ),
            (ReplicationLag, "Replay lag of every replica", "< 5 s"),
        ],
    });

    let dual_write = flow.phase(PhaseSpec {
        tag: PhaseTag::DualWrite,
        title: "Dual-write profiles to user_profiles",
        owner: "Profile service team",
        notes: "Writes still go to users; the trigger copies them in the same transaction, \
                so the two tables cannot drift while the backfill runs.",
        entry: &[
            "user_profiles exists (Expand verified)",
            "Release N+1 on every pod, flag profile.read_split off",
        ],
        exit: &[
            "Trigger users_profile_dual_write enabled",
            "Every insert or profile update since then is in user_profiles",
        ],
        sql: r#"
CREATE FUNCTION users_profile_dual_write() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO user_profiles (user_id, bio, avatar_url, preferences, updated_at)
    VALUES (NEW.id, NEW.bio, NEW.avatar_url, coalesce(NEW.preferences, '{}'::jsonb), now())
    ON CONFLICT (user_id) DO UPDATE
        SET bio = EXCLUDED.bio,
            avatar_url = EXCLUDED.avatar_url,
            preferences = EXCLUDED.preferences,
            updated_at = EXCLUDED.updated_at;
    RETURN NULL;
END $$;

CREATE TRIGGER users_profile_dual_write
    AFTER INSERT OR UPDATE OF bio, avatar_url, preferences ON users
    FOR EACH ROW EXECUTE FUNCTION users_profile_dual_write();
"#,
        ..PhaseSpec::default()
    });
    let dual_write_checked = flow.verification(CheckSpec {
        title: "Dual-write verified",
        owner: "Profile service team",
        checks: &[
            (
                DataParity,
                "Profiles changed since the trigger went live that differ between the tables",
                "= 0",
            ),
            (
                Custom,
                "p99 latency of profile updates",
                "within 10 % of baseline",
            ),
            (ErrorRate, "Failed writes to users", "< 0.1 %"),
        ],
    });

    let backfill = flow.phase(PhaseSpec {
        tag: PhaseTag::Backfill,
        title: "Backfill user_profiles",
        owner: "DBA on call",
        notes: "Batches of 10,000 ids, paused while replica lag exceeds 5 s, resumable from \
                the last id recorded. A row the trigger already copied is newer than the \
                batch's, so the batch keeps it.",
        entry: &["Dual-write verified"],
        exit: &["The job reached the max(id) taken when it started"],
        sql: r#"
-- One batch; the job walks $1..$2 in steps of 10,000 ids
INSERT INTO user_profiles (user_id, bio, avatar_url, preferences)
SELECT id, bio, avatar_url, coalesce(preferences, '{}'::jsonb)
  FROM users
 WHERE id BETWEEN $1 AND $2
ON CONFLICT (user_id) DO NOTHING;
"#,
        ..PhaseSpec::default()
    });
    let backfill_checked = flow.verification(CheckSpec {
        title: "Backfill verified",
        owner: "DBA on call",
        checks: &[
            (
                RowCount,
                "count(*) of users minus count(*) of user_profiles",
                "= 0",
            ),
            (
                DataParity,
                "Random sample of 10,000 users against their profile row",
                "100 % equal",
            ),
            (ReplicationLag, "Replay lag of every replica", "< 5 s"),
        ],
    });

    let cutover_gate = flow.gate(GateSpec {
        title: "Go/no-go: profile read cutover",
        approver: "Profile service tech lead",
        go_criteria: &[
            "Backfill verified: row-count difference = 0, parity sample = 100 %",
            "Flag profile.read_split switched on and off in staging",
            "Profile API error rate < 0.1 % over the last hour",
        ],
        notes: "No-go keeps the trigger running; the split can resume from here.",
    });
    let cutover = flow.phase(PhaseSpec {
        tag: PhaseTag::Cutover,
        title: "Switch reads to user_profiles",
        owner: "Profile service team",
        notes: "Flag profile.read_split to 5 %, 50 %, then 100 % of pods. Writes still reach \
                users and are copied by the trigger, so turning the flag off is the rollback.",
        entry: &["Go signed off"],
        exit: &["Flag at 100 % for 24 h"],
        ..PhaseSpec::default()
    });
    let cutover_checked = flow.verification(CheckSpec {
        title: "Cutover verified",
        owner: "SRE on call",
        checks: &[
            (ErrorRate, "5xx rate of the profile API", "< 0.1 %"),
            (
                Custom,
                "p99 latency of GET /profiles/{id}",
                "within 10 % of baseline",
            ),
            (
                HealthProbe,
                "GET /healthz on every profile service pod",
                "200 OK",
            ),
        ],
    });

    let contract_gate = flow.gate(GateSpec {
        title: "Go/no-go: legacy column removal",
        approver: "DBA lead",
        go_criteria: &[
            "Release N+2 (writes user_profiles directly) on every pod for 7 days",
            "No statement reads the profile columns of users for 7 days (pg_stat_statements)",
            "Point-in-time recovery to before the drop tested",
        ],
        notes: "Past this gate the copies in users are gone; only a restore brings them back.",
    });
    let contract = flow.phase(PhaseSpec {
        tag: PhaseTag::Contract,
        title: "Drop profile columns from users",
        owner: "DBA on call",
        notes: "Point of no return for the copies in users. Catalog-only; the space comes \
                back as rows are rewritten (or with pg_repack).",
        entry: &["Go signed off", "Release N+2 on every pod"],
        exit: &[
            "users has no bio, avatar_url or preferences",
            "Trigger and function gone",
        ],
        sql: r#"
SET lock_timeout = '2s';
DROP TRIGGER users_profile_dual_write ON users;
DROP FUNCTION users_profile_dual_write();
ALTER TABLE users
    DROP COLUMN bio,
    DROP COLUMN avatar_url,
    DROP COLUMN preferences;
"#,
        point_of_no_return: true,
    });
    let contract_checked = flow.verification(CheckSpec {
        title: "Contract verified",
        owner: "SRE on call",
        checks: &[
            (ErrorRate, "5xx rate of the profile API", "< 0.1 %"),
            (
                Custom,
                "Postgres errors with SQLSTATE 42703 (undefined column)",
                "= 0",
            ),
            (
                HealthProbe,
                "GET /healthz on every profile service pod",
                "200 OK",
            ),
        ],
    });

    let done = flow.end("Profiles live in user_profiles");
    let split_postponed = flow.aborted_end("Split postponed, dual-write kept");
    let columns_kept = flow.aborted_end("Profile columns kept in users");

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
    flow.branch(cutover_gate, split_postponed, "no-go");
    flow.path(&[cutover, cutover_checked, contract_gate]);
    flow.branch(contract_gate, contract, "go");
    flow.branch(contract_gate, columns_kept, "no-go");
    flow.path(&[contract, contract_checked, done]);

    flow.rollback(audit_checked, start, "unowned statements");
    flow.rollback(expand_checked, audit, "DROP TABLE user_profiles");
    flow.rollback(dual_write_checked, expand, "mismatch: DROP TRIGGER");
    flow.rollback(
        backfill_checked,
        dual_write,
        "rows missing: stop the job, fix it",
    );
    flow.rollback(cutover_checked, backfill, "flag profile.read_split off");
    flow.rollback(contract, cutover, "lock timeout: stop before DROP COLUMN");
    flow.finish()
}
