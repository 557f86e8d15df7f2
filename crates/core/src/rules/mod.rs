//! Validation rules MF001–MF012 (SPEC §2).
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

#[cfg(test)]
pub(crate) mod fixture;

pub(crate) use mf003_collapsed_dual_write::phase_classes;

use crate::finding::Finding;
use crate::plan::Plan;
use context::Context;

/// A rule: appends its findings about the plan behind the context.
type Rule = fn(&Context<'_>, &mut Vec<Finding>);

const RULES: [Rule; 12] = [
    mf001_missing_rollback::missing_rollback,
    mf002_rollback_not_backward::rollback_not_backward,
    mf003_collapsed_dual_write::collapsed_dual_write,
    mf004_dual_write_conditions::dual_write_conditions,
    mf005_missing_verification::missing_verification,
    mf006_unreachable::unreachable,
    mf007_dead_end::dead_end,
    mf008_forward_cycle::forward_cycle,
    mf009_start_end::start_end,
    mf010_unlabeled_branch::unlabeled_branch,
    mf011_gate_criteria::gate_criteria,
    mf012_empty_check::empty_check,
];

/// Runs every rule over the plan; findings sorted by severity, rule, then
/// the first node id and the first edge id they are about.
pub fn validate(plan: &Plan) -> Vec<Finding> {
    let context = Context::new(plan);
    let mut findings = Vec::new();
    for rule in RULES {
        rule(&context, &mut findings);
    }
    findings.sort_by_key(|finding| {
        (
            finding.severity,
            finding.rule,
            finding.nodes.first().copied(),
            finding.edges.first().copied(),
        )
    });
    findings
}
