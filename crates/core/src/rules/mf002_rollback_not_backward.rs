//! MF002 rollback-not-backward (error).
//!
//! Every rollback edge must target a valid rollback target for its source:
//! the start, or a `safe` phase, that comes before the source (a
//! forward-ancestor of it, or of the state a side monitor guards; see
//! [`super::context`]). The message says why a target is not: it is a
//! check, a gate or an end, which is not a state; it is a phase marked as a
//! point of no return; or it does not come before the source, so the
//! rollback points forward or sideways.
//!
//! Quick fix: [`QuickFix::RetargetRollback`], offered when a valid target
//! exists for the source.

use super::context::{Context, RollbackFault};
use crate::finding::{Finding, QuickFix, RuleId, Severity};
use crate::plan::{EdgeKind, NodeKind};
use petgraph::visit::EdgeRef;

pub(super) fn rollback_not_backward(cx: &Context<'_>, findings: &mut Vec<Finding>) {
    let graph = &cx.graph;
    for edge in graph.graph().edge_references() {
        if edge.weight().kind != EdgeKind::Rollback {
            continue;
        }
        let rollback = edge.weight().edge;
        let Some(fault) = cx.rollback_fault(edge.source(), edge.target()) else {
            continue;
        };
        let source = cx.quoted(graph.node(edge.source()));
        let target = cx.quoted(graph.node(edge.target()));
        let message = match fault {
            RollbackFault::NoState(kind) => {
                let what = match kind {
                    NodeKind::Verification => "a verification",
                    NodeKind::Gate => "a gate",
                    _ => "an end",
                };
                format!("Rollback from {source} targets {target}, {what}, which is not a state")
            }
            RollbackFault::PointOfNoReturn => {
                format!("Rollback from {source} targets {target}, a point of no return (not safe)")
            }
            RollbackFault::ForwardOrSideways => format!(
                "Rollback from {source} to {target} points forward or sideways: \
                 {target} does not come before {source}"
            ),
        };
        findings.push(Finding {
            rule: RuleId::RollbackNotBackward,
            severity: Severity::Error,
            message,
            nodes: vec![rollback.from],
            edges: vec![rollback.id],
            hint: format!(
                "Point the rollback at the start or at a safe phase that leads to {source}."
            ),
            fix: cx
                .has_rollback_destination(edge.source())
                .then_some(QuickFix::RetargetRollback { edge: rollback.id }),
            sql_line: None,
            follows: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::finding::RuleId;
    use crate::rules::fixture::check_rule;
    use expect_test::{expect, Expect};

    fn check(text: &str, expect: Expect) {
        check_rule(RuleId::RollbackNotBackward, text, expect);
    }

    #[test]
    fn rollbacks_to_earlier_safe_states_pass() {
        check(
            r#"
            start S
            phase A expand
            verify V check="rows"
            phase B backfill
            end E
            S -> A -> V -> B -> E
            V ~> S
            B ~> A
            "#,
            expect![[r#""#]],
        );
    }

    #[test]
    fn forward_sideways_unsafe_and_non_state_targets_fail() {
        check(
            r#"
            start S
            phase A expand
            phase B backfill
            phase C contract unsafe
            verify V check="rows"
            phase D cutover
            end E
            S -> A -> B -> C -> V -> E
            S -> D "sideline"
            A ~> B
            B ~> D
            V ~> C
            A ~> E
            B ~> S
            D ~> V
            "#,
            expect![[r#"
                MF002 error [A] [A ~> B] fix: retarget A ~> B
                    Rollback from "A" to "B" points forward or sideways: "B" does not come before "A"
                MF002 error [A] [A ~> E] fix: retarget A ~> E
                    Rollback from "A" targets "E", an end, which is not a state
                MF002 error [B] [B ~> D] fix: retarget B ~> D
                    Rollback from "B" to "D" points forward or sideways: "D" does not come before "B"
                MF002 error [V] [V ~> C] fix: retarget V ~> C
                    Rollback from "V" targets "C", a point of no return (not safe)
                MF002 error [D] [D ~> V] fix: retarget D ~> V
                    Rollback from "D" targets "V", a verification, which is not a state
            "#]],
        );
    }

    #[test]
    fn a_side_monitor_rolls_back_to_its_state_or_before_it() {
        check(
            r#"
            start S
            phase A
            phase B
            verify M check="lag"
            end E
            S -> A -> B -> E
            B => M
            M ~> B
            M ~> A
            M ~> E
            "#,
            expect![[r#"
                MF002 error [M] [M ~> E] fix: retarget M ~> E
                    Rollback from "M" targets "E", an end, which is not a state
            "#]],
        );
    }

    #[test]
    fn a_rollback_inside_a_forward_cycle_points_backward() {
        check(
            r#"
            phase A
            phase B
            A -> B -> A
            B ~> A
            "#,
            expect![[r#""#]],
        );
    }
}
