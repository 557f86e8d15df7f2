//! Validation rules MF001–MF012 (SPEC §2), MF013–MF014, the SQL-aware
//! rules (SPEC §7), MF015–MF019, what a reviewer reads off the plan as a
//! whole (SPEC §2), and MF020, planned durations and starts that do not read (SPEC §6, §10).
//!
//! One file per rule, each stating its precise definition; every rule is a
//! function over one shared [`Context`], so the graph index, the forward
//! condensation and the ancestor closure are built once per call of
//! [`validate`], and the whole run stays linear in the plan (plus the
//! ancestor bitsets, see [`crate::ancestry`]).

mod context;
mod mf001_missing_rollback;
mod mf002_rollback_not_backward;
mod mf003_collapsed_dual_write;
mod mf004_dual_write_conditions;
mod mf005_missing_verification;
mod mf006_unreachable;
mod mf007_dead_end;
mod mf008_forward_cycle;
mod mf009_start_end;
mod mf010_unlabeled_branch;
mod mf011_gate_criteria;
mod mf012_empty_check;
mod mf013_breaking_sql;
mod mf014_locking_sql;
mod mf015_rollback_across_no_return;
mod mf016_contract_before_cutover;
mod mf017_cutover_without_gate;
mod mf018_gate_missing_branch;
mod mf019_backfill_unwatched;
mod mf020_bad_duration;

#[cfg(test)]
pub(crate) mod fixture;

pub(crate) use mf003_collapsed_dual_write::phase_classes;

use crate::finding::{Finding, RuleId};
use crate::plan::Plan;
use context::Context;

/// A rule: appends its findings about the plan behind the context.
type Rule = fn(&Context<'_>, &mut Vec<Finding>);

/// Every rule with its id, which the plan's pack chooses by.
const RULES: [(RuleId, Rule); 20] = [
    (
        RuleId::MissingRollback,
        mf001_missing_rollback::missing_rollback,
    ),
    (
        RuleId::RollbackNotBackward,
        mf002_rollback_not_backward::rollback_not_backward,
    ),
    (
        RuleId::CollapsedDualWrite,
        mf003_collapsed_dual_write::collapsed_dual_write,
    ),
    (
        RuleId::DualWriteConditions,
        mf004_dual_write_conditions::dual_write_conditions,
    ),
    (
        RuleId::MissingVerification,
        mf005_missing_verification::missing_verification,
    ),
    (RuleId::Unreachable, mf006_unreachable::unreachable),
    (RuleId::DeadEnd, mf007_dead_end::dead_end),
    (RuleId::ForwardCycle, mf008_forward_cycle::forward_cycle),
    (RuleId::StartEnd, mf009_start_end::start_end),
    (
        RuleId::UnlabeledBranch,
        mf010_unlabeled_branch::unlabeled_branch,
    ),
    (RuleId::GateCriteria, mf011_gate_criteria::gate_criteria),
    (RuleId::EmptyCheck, mf012_empty_check::empty_check),
    (RuleId::BreakingSql, mf013_breaking_sql::breaking_sql),
    (RuleId::LockingSql, mf014_locking_sql::locking_sql),
    (
        RuleId::RollbackAcrossNoReturn,
        mf015_rollback_across_no_return::rollback_across_no_return,
    ),
    (
        RuleId::ContractBeforeCutover,
        mf016_contract_before_cutover::contract_before_cutover,
    ),
    (
        RuleId::CutoverWithoutGate,
        mf017_cutover_without_gate::cutover_without_gate,
    ),
    (
        RuleId::GateMissingBranch,
        mf018_gate_missing_branch::gate_missing_branch,
    ),
    (
        RuleId::BackfillUnwatched,
        mf019_backfill_unwatched::backfill_unwatched,
    ),
    (RuleId::BadDuration, mf020_bad_duration::bad_duration),
];

/// Runs every rule of the plan's pack ([`crate::pack`]) over the plan;
/// findings sorted by severity, rule, then the first node id and the
/// first edge id they are about.
pub fn validate(plan: &Plan) -> Vec<Finding> {
    let context = Context::new(plan);
    let mut findings = Vec::new();
    for (id, rule) in RULES {
        if plan.pack.runs(id) {
            rule(&context, &mut findings);
        }
    }
    findings.sort_by_key(|finding| {
        (
            finding.severity,
            finding.rule,
            finding.nodes.first().copied(),
            finding.edges.first().copied(),
        )
    });
    crate::cause::order_by_cause(plan, findings)
}

#[cfg(test)]
mod tests {
    use super::fixture::Fixture;
    use super::validate;
    use expect_test::{expect, Expect};

    fn check(text: &str, expect: Expect) {
        let fixture = Fixture::parse(text);
        let findings = validate(&fixture.doc.plan);
        expect.assert_eq(&fixture.render_findings(&fixture.doc.plan, &findings));
    }

    #[test]
    fn a_sound_column_rename_has_no_findings() {
        check(
            r#"
            start S
            phase A audit "Audit the schema"
            verify VA check="dependencies reviewed"
            phase X expand "Add column email_address"
            verify VX check="app healthy"
            phase D dual_write "Dual-write both columns" entry="column deployed" exit="backfill verified"
            verify VD check="write errors"
            verify LAG "Replication lag" check="lag < 5 s" check_kind="replication_lag"
            phase B backfill "Backfill in batches"
            verify VB check="row counts match"
            gate G "Go/no-go: cutover" go="parity 100 %" approver="DBA on call"
            phase C cutover "Switch reads"
            verify VC check="read errors"
            phase K contract "Drop the old column" unsafe
            verify VK check="app healthy"
            end E "Renamed"
            end F "Aborted" aborted
            S -> A -> VA -> X -> VX -> D -> VD -> B -> VB -> G
            G -> C "go"
            G -> F "no-go"
            C -> VC -> K -> VK -> E
            B => LAG
            VA ~> S
            VX ~> S
            VD ~> X
            LAG ~> X
            VB ~> X
            VC ~> X
            K ~> C
            "#,
            expect![[r#""#]],
        );
    }

    #[test]
    fn findings_come_errors_first_then_by_rule_then_by_ids() {
        check(
            r#"
            start S
            phase A "Dual-write and backfill"
            phase B
            gate G
            end E
            S -> A -> B -> G -> E
            G -> A
            B ~> E
            "#,
            expect![[r#"
                MF001 error [A] [] fix: add rollback from A
                    Phase "Dual-write and backfill" has no rollback to a safe state before it
                MF001 error [B] [] fix: add rollback from B
                    Phase "B" has no rollback to a safe state before it
                MF002 error [B] [B ~> E] fix: retarget B ~> E
                    Rollback from "B" targets "E", an end, which is not a state
                MF003 error [A] [] fix: split A
                    Phase "Dual-write and backfill" collapses dual-write + backfill into one node
                MF005 error [A] [A -> B] fix: insert verification into A -> B
                    Phase "Dual-write and backfill" advances to "B" without a verification
                MF005 error [B] [B -> G]
                    Phase "B" advances through "G" to a phase or an end without a verification
                MF008 error [A, B, G] [A -> B, B -> G, G -> A]
                    Forward edges form a cycle through "Dual-write and backfill", "B", "G"
                MF010 warning [G] [G -> E]
                    "G" branches, but its edge to "E" has no label
                MF010 warning [G] [G -> A]
                    "G" branches, but its edge to "Dual-write and backfill" has no label
                MF011 warning [G] []
                    Gate "G" names no go criteria and no approver
            "#]],
        );
    }
}
