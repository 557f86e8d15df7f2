//! MF001 missing-rollback (error).
//!
//! Every phase `P` with at least one incoming forward edge needs a way
//! back: a rollback edge, leaving `P` or one of the *guards* of `P`, whose
//! target is a valid rollback target for the edge's source and a strict
//! forward-ancestor of `P` (not `P` itself: returning to `P` does not undo
//! `P`).
//!
//! The guards of `P` are the verification and gate nodes reachable from `P`
//! by forward edges that pass through verification and gate nodes only
//! (stopping at any phase, end or start), plus the verification nodes `P`
//! links to by a validation edge.
//!
//! Most phases are covered by their own rollback, a linked check's, or that
//! of a guard right after them; those are settled first. Only if some phase
//! is left are the guard regions of all phases handled, at once: a fold
//! over the condensation of the forward graph restricted to verification
//! and gate nodes gives, per guard, the valid rollback targets of every
//! guard reachable from it, as tracked-node bits of [`crate::ancestry`].
//!
//! Quick fix: [`QuickFix::AddRollback`] from `P`, offered when a safe state
//! is a strict forward-ancestor of `P`.

use super::context::Context;
use crate::finding::{Finding, QuickFix, RuleId, Severity};
use crate::graph::{BitRows, Fold};
use crate::plan::{EdgeKind, NodeKind};
use petgraph::graph::NodeIndex;
use petgraph::visit::NodeFiltered;

/// Per guard component: the valid rollback targets (as ancestry bits) of
/// every guard reachable from it through guards.
struct TargetsBeyond<'a, 'p> {
    cx: &'a Context<'p>,
    targets: BitRows,
}

impl Fold for TargetsBeyond<'_, '_> {
    fn add_own(&mut self, component: usize, guard: NodeIndex) {
        for target in self.cx.valid_rollback_targets(guard) {
            let bit = self
                .cx
                .ancestry
                .bit(target)
                .expect("valid targets are tracked");
            self.targets.insert(component, bit);
        }
    }

    fn absorb(&mut self, component: usize, other: usize) {
        self.targets.union_into(component, other);
    }
}

pub(super) fn missing_rollback(cx: &Context<'_>, findings: &mut Vec<Finding>) {
    let graph = &cx.graph;
    let is_guard = |node| matches!(graph.kind(node), NodeKind::Verification | NodeKind::Gate);
    let uncovered: Vec<NodeIndex> = graph
        .nodes_of(NodeKind::Phase)
        .map(|(phase, _)| phase)
        .filter(|&phase| graph.in_edges(phase, EdgeKind::Forward).next().is_some())
        .filter(|&phase| {
            let returns_before_phase = |target| returns_before(cx, target, phase);
            let from_phase = || cx.valid_rollback_targets(phase).any(returns_before_phase);
            let from_next_guards = || {
                graph
                    .out_edges(phase, EdgeKind::Forward)
                    .filter(|&(_, guard)| is_guard(guard))
                    .any(|(_, guard)| cx.valid_rollback_targets(guard).any(returns_before_phase))
            };
            let from_linked_checks = || {
                graph
                    .out_edges(phase, EdgeKind::Validation)
                    .filter(|&(_, check)| graph.kind(check) == NodeKind::Verification)
                    .any(|(_, check)| cx.valid_rollback_targets(check).any(returns_before_phase))
            };
            !(from_phase() || from_next_guards() || from_linked_checks())
        })
        .collect();
    if uncovered.is_empty() {
        return;
    }

    let forward = graph.forward();
    let guards = graph.nodes_where(|kind| matches!(kind, NodeKind::Verification | NodeKind::Gate));
    let guard_view = NodeFiltered(&forward, &guards);
    let guard_components = cx.forward.within(&guards, &guard_view);
    let mut beyond = TargetsBeyond {
        cx,
        targets: BitRows::new(guard_components.count(), cx.ancestry.tracked_count()),
    };
    guard_components.fold_reachable(&guard_view, &mut beyond);
    for phase in uncovered {
        let from_guard_regions = graph
            .out_edges(phase, EdgeKind::Forward)
            .filter(|&(_, guard)| is_guard(guard))
            .any(|(_, guard)| {
                beyond
                    .targets
                    .ones(guard_components.component(guard))
                    .any(|bit| returns_before(cx, cx.ancestry.tracked_node(bit), phase))
            });
        if from_guard_regions {
            continue;
        }
        let node = graph.node(phase);
        let name = cx.quoted(node);
        findings.push(Finding {
            rule: RuleId::MissingRollback,
            severity: Severity::Error,
            message: format!("Phase {name} has no rollback to a safe state before it"),
            nodes: vec![node.id],
            edges: Vec::new(),
            hint: format!(
                "Add a rollback edge from {name}, or from the check or gate after it, \
                 to the start or to an earlier safe phase."
            ),
            fix: cx
                .ancestry
                .has_safe_state_at_or_before(phase, phase)
                .then_some(QuickFix::AddRollback { from: node.id }),
            sql_line: None,
            follows: None,
        });
    }
}

/// Whether a rollback to `target` undoes `phase`: `target` is a strict
/// forward-ancestor of it.
fn returns_before(cx: &Context<'_>, target: NodeIndex, phase: NodeIndex) -> bool {
    target != phase && cx.ancestry.is_forward_ancestor(target, phase)
}

#[cfg(test)]
mod tests {
    use crate::finding::RuleId;
    use crate::rules::fixture::check_rule;
    use expect_test::{expect, Expect};

    fn check(text: &str, expect: Expect) {
        check_rule(RuleId::MissingRollback, text, expect);
    }

    #[test]
    fn phase_covered_by_its_verification_passes_and_uncovered_one_fails() {
        check(
            r#"
            start S
            phase A expand
            verify V check="rows"
            phase B backfill
            end E
            S -> A -> V -> B -> E
            V ~> S
            "#,
            expect![[r#"
                MF001 error [B] [] fix: add rollback from B
                    Phase "B" has no rollback to a safe state before it
            "#]],
        );
    }

    #[test]
    fn rollbacks_from_the_phase_its_gate_chain_or_its_monitor_all_count() {
        check(
            r#"
            start S
            phase A expand
            phase B dual_write
            verify V check="rows"
            gate G go="ok" approver="DBA"
            phase C backfill
            verify M check="lag"
            phase D cutover
            end E
            S -> A -> B -> V -> G -> C -> D -> E
            A ~> S
            G ~> A
            C => M
            M ~> B
            D ~> C
            "#,
            expect![[r#""#]],
        );
    }

    #[test]
    fn rollback_to_the_phase_itself_or_to_an_invalid_target_does_not_count() {
        check(
            r#"
            start S
            phase A expand
            verify V check="rows"
            phase B backfill unsafe
            verify W check="parity"
            phase C cutover
            end E
            S -> A -> V -> B -> W -> C -> E
            V ~> A
            W ~> B
            C ~> E
            "#,
            expect![[r#"
                MF001 error [A] [] fix: add rollback from A
                    Phase "A" has no rollback to a safe state before it
                MF001 error [B] [] fix: add rollback from B
                    Phase "B" has no rollback to a safe state before it
                MF001 error [C] [] fix: add rollback from C
                    Phase "C" has no rollback to a safe state before it
            "#]],
        );
    }

    #[test]
    fn no_fix_without_a_safe_state_to_return_to_and_no_finding_without_entry() {
        check(
            r#"
            phase X unsafe
            phase Y
            X -> Y
            "#,
            expect![[r#"
                MF001 error [Y] []
                    Phase "Y" has no rollback to a safe state before it
            "#]],
        );
    }
}
