//! MF015 rollback-across-no-return (error).
//!
//! A rollback edge `S → T` is flagged when every forward path from `T` to
//! `S` passes a point of no return (a phase with `safe: false`) other than
//! `S`: what the rollback would restore is already gone.
//!
//! Precisely, the edges checked are the rollbacks MF002 accepts: `T` is a
//! safe state that comes before `S` (see [`super::context`]). A target that
//! is no state, not safe, or not before `S` is MF002's finding, so that one
//! wrong edge gets one finding. A checked edge is flagged unless `T` is
//! *clear before* `S`: some *position* `p` of `S` is `T`, or has `T` as a
//! clear ancestor ([`crate::ancestry`]: a forward path from `T` to `p` on
//! which no node but `p` is a point of no return). The positions of `S`
//! are `S` itself and the nodes that link to `S` by a validation edge: a
//! side monitor stands where the state it guards stands, as in MF002.
//! The position itself may be a point of no return: a rollback from a
//! contract phase while it runs (its lock timed out before the `DROP`), or
//! from the monitor watching it, loses nothing.
//!
//! Cost: most rollbacks are settled without a closure of their own. A
//! position `p` that no forward path from a point of no return reaches (a
//! walk from the points of no return marks those it does, usually the few
//! nodes after a contract) has only clear paths into it, so `T` is clear
//! before it when it is a forward-ancestor, which [`Context::ancestry`]
//! answers. Only the edges left are checked by one more ancestor closure,
//! over the forward graph without the edges that leave points of no
//! return, tracking their targets. A plan without a point of no return has
//! only clear paths, and the rule returns at once.
//!
//! Quick fix: [`QuickFix::RetargetRollback`], offered when a safe state
//! other than `S` is clear before `S`; [`crate::fix`] points the edge at
//! the nearest such, a safe state after the point of no return.

use super::context::Context;
use crate::ancestry::Ancestry;
use crate::finding::{Finding, QuickFix, RuleId, Severity};
use crate::graph::PlanGraph;
use crate::plan::{EdgeKind, NodeKind};
use fixedbitset::FixedBitSet;
use petgraph::graph::{EdgeReference, NodeIndex};
use petgraph::visit::EdgeRef;

pub(super) fn rollback_across_no_return(cx: &Context<'_>, findings: &mut Vec<Finding>) {
    let graph = &cx.graph;
    let points_of_no_return: Vec<NodeIndex> = graph
        .nodes_of(NodeKind::Phase)
        .map(|(phase, _)| phase)
        .filter(|&phase| graph.is_point_of_no_return(phase))
        .collect();
    if points_of_no_return.is_empty() {
        return;
    }
    let past = after_any(graph, &points_of_no_return);
    // A forward-ancestor of a position no point of no return comes before
    // reaches it by clear paths only.
    let clear_anyway = |target: NodeIndex, p: NodeIndex| {
        p == target || (!past.contains(p.index()) && cx.ancestry.is_forward_ancestor(target, p))
    };
    let checked: Vec<EdgeReference<'_, _>> = graph
        .graph()
        .edge_references()
        .filter(|edge| edge.weight().kind == EdgeKind::Rollback)
        .filter(|edge| {
            let (source, target) = (edge.source(), edge.target());
            let mut positions = std::iter::once(source).chain(cx.validation_linked(source));
            !positions.any(|p| clear_anyway(target, p))
        })
        .filter(|edge| cx.rollback_fault(edge.source(), edge.target()).is_none())
        .collect();
    if checked.is_empty() {
        return;
    }
    let clear = Ancestry::clear(graph, &cx.forward, checked.iter().map(|edge| edge.target()));
    for edge in checked {
        let (source, target) = (edge.source(), edge.target());
        let positions = || std::iter::once(source).chain(cx.validation_linked(source));
        let clear_before = |p: NodeIndex| p == target || clear.is_forward_ancestor(target, p);
        if positions().any(clear_before) {
            continue;
        }
        let rollback = edge.weight().edge;
        let source_name = cx.quoted(graph.node(source));
        let target_name = cx.quoted(graph.node(target));
        findings.push(Finding {
            rule: RuleId::RollbackAcrossNoReturn,
            severity: Severity::Error,
            message: format!(
                "Rollback from {source_name} to {target_name} crosses a point of no return: \
                 every way from {target_name} to {source_name} passes a phase that is not safe"
            ),
            nodes: vec![rollback.from],
            edges: vec![rollback.id],
            hint: format!(
                "What the rollback would restore is already gone. Point it at a safe state \
                 after the point of no return, or remove it and plan to fix forward from \
                 {source_name}."
            ),
            fix: positions()
                .any(|p| clear.has_safe_state_at_or_before(p, source))
                .then_some(QuickFix::RetargetRollback { edge: rollback.id }),
            sql_line: None,
            follows: None,
        });
    }
}

/// The nodes that a forward path of at least one edge from one of `nodes`
/// reaches.
fn after_any(graph: &PlanGraph<'_>, nodes: &[NodeIndex]) -> FixedBitSet {
    let mut after = FixedBitSet::with_capacity(graph.node_count());
    let next = |node| {
        graph
            .out_edges(node, EdgeKind::Forward)
            .map(|(_, next)| next)
    };
    let mut stack: Vec<NodeIndex> = nodes.iter().flat_map(|&node| next(node)).collect();
    while let Some(node) = stack.pop() {
        if !after.put(node.index()) {
            stack.extend(next(node));
        }
    }
    after
}

#[cfg(test)]
mod tests {
    use crate::finding::RuleId;
    use crate::rules::fixture::check_rule;
    use expect_test::{expect, Expect};

    fn check(text: &str, expect: Expect) {
        check_rule(RuleId::RollbackAcrossNoReturn, text, expect);
    }

    #[test]
    fn rollbacks_that_stay_on_their_side_of_the_drop_pass() {
        check(
            r#"
            start S
            phase X expand
            verify VX check="rows"
            phase C cutover
            verify VC check="errors"
            phase K contract unsafe
            verify VK check="errors"
            phase N "Reindex"
            verify VN check="bloat"
            end E
            S -> X -> VX -> C -> VC -> K -> VK -> N -> VN -> E
            VX ~> S
            VC ~> X
            K ~> C
            VN ~> N
            "#,
            expect![[r#""#]],
        );
    }

    #[test]
    fn rollbacks_from_after_the_drop_to_before_it_fail() {
        check(
            r#"
            start S
            phase X expand
            verify VX check="rows"
            phase K contract unsafe
            verify VK check="errors"
            phase N "Reindex"
            verify VN check="bloat"
            end E
            S -> X -> VX -> K -> VK -> N -> VN -> E
            VX ~> S
            VK ~> X "undo drop"
            VN ~> S
            N ~> X
            "#,
            expect![[r#"
                MF015 error [VK] [VK ~> X "undo drop"]
                    Rollback from "VK" to "X" crosses a point of no return: every way from "X" to "VK" passes a phase that is not safe
                MF015 error [N] [N ~> X]
                    Rollback from "Reindex" to "X" crosses a point of no return: every way from "X" to "Reindex" passes a phase that is not safe
                MF015 error [VN] [VN ~> S] fix: retarget VN ~> S
                    Rollback from "VN" to "S" crosses a point of no return: every way from "S" to "VN" passes a phase that is not safe
            "#]],
        );
    }

    #[test]
    fn one_way_around_the_point_of_no_return_is_enough() {
        check(
            r#"
            start S
            phase X expand
            gate G go="ok" approver="DBA"
            phase K contract unsafe
            phase L contract unsafe
            verify V check="errors"
            end E
            S -> X -> G
            G -> K "drop"
            G -> V "keep"
            K -> V -> E
            V ~> X
            L ~> X
            "#,
            expect![[r#""#]],
        );
    }

    #[test]
    fn a_monitor_stands_where_its_state_stands_even_on_the_drop_itself() {
        check(
            r#"
            start S
            phase C cutover
            verify VC check="errors"
            phase K contract unsafe
            verify M check="locks"
            verify VK check="errors"
            phase N "Reindex"
            verify W check="bloat"
            end E
            S -> C -> VC -> K -> VK -> N -> E
            K => M
            N => W
            M ~> C
            W ~> C
            W ~> N
            "#,
            expect![[r#"
                MF015 error [W] [W ~> C] fix: retarget W ~> C
                    Rollback from "W" to "C" crosses a point of no return: every way from "C" to "W" passes a phase that is not safe
            "#]],
        );
    }

    #[test]
    fn invalid_rollbacks_are_left_to_mf002_and_cycles_do_not_confuse_it() {
        check(
            r#"
            start S
            phase A
            phase K contract unsafe
            phase B
            verify V check="rows"
            S -> A -> K -> B -> V -> A
            V ~> K
            V ~> B
            B ~> A
            A ~> S
            "#,
            expect![[r#"
                MF015 error [B] [B ~> A]
                    Rollback from "B" to "A" crosses a point of no return: every way from "A" to "B" passes a phase that is not safe
            "#]],
        );
    }
}
