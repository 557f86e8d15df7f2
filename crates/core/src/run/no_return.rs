//! Points of no return: moves after which something can no longer be
//! rolled back, which a run makes only after the target's title is typed.
//!
//! Definitions, for a move along edge `C → T` (forward or rollback; a
//! move into an end is never one, as it finishes the run):
//! - `restorable(X)`: the safe states (start, or a phase with `safe`) that
//!   a run standing at `X` can still get back to: the targets of the
//!   rollback edges it can reach by moves (forward and rollback edges)
//!   from `X`, `X`'s own included.
//! - The move is a point of no return when `T` is a phase with
//!   `safe: false` (what it does cannot be undone), or when `restorable(C)`
//!   is not empty and `restorable(T)` is (no rollback is reachable any more).
//! - What can no longer be rolled back: for an unsafe `T`, the states of
//!   `restorable(C)` that come before `T` (forward-ancestors, from
//!   [`crate::ancestry`], as the rules compute them): once `T` has run,
//!   returning there no longer restores them; otherwise all of
//!   `restorable(C)`.
//!
//! Cost: for the moves offered from the current node, one index of the
//! plan's edges, one walk for `restorable(C)` shared by all of them, one
//! walk per move for `restorable(T)`, and an ancestor closure for a move
//! into an unsafe phase.

use crate::ancestry::Ancestry;
use crate::graph::{Components, PlanGraph};
use crate::id::NodeId;
use crate::id_set::IdSet;
use crate::plan::{Edge, EdgeKind, NodeKind, Plan};
use rustc_hash::FxHashMap;

/// Why a move is a point of no return, and what it leaves behind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoReturn {
    /// The target is a phase marked as not safe.
    pub unsafe_target: bool,
    /// The states that can no longer be rolled back to, in id order.
    pub lost: Vec<NodeId>,
}

/// Whether taking `edge` is a point of no return (see the module doc).
pub fn point_of_no_return(plan: &Plan, edge: &Edge) -> Option<NoReturn> {
    let scan = Restorable::new(plan);
    point_of_no_return_from(&scan, &scan.from(edge.from), edge)
}

/// [`point_of_no_return`] for a move out of a node whose `restorable` set
/// is `before`, with the plan's edges indexed once in `scan`: the run asks
/// it for every move out of the current node, which all share `before`.
pub(crate) fn point_of_no_return_from(
    scan: &Restorable,
    before: &IdSet<NodeId>,
    edge: &Edge,
) -> Option<NoReturn> {
    let plan = scan.plan;
    let target = plan.node(edge.to)?;
    if target.kind == NodeKind::End {
        return None;
    }
    let unsafe_target = target.kind == NodeKind::Phase && !target.safe;
    if unsafe_target {
        let lost = before_in_forward_order(plan, before, edge.to);
        return Some(NoReturn {
            unsafe_target,
            lost,
        });
    }
    if !before.is_empty() && scan.from(edge.to).is_empty() {
        return Some(NoReturn {
            unsafe_target,
            lost: before.iter().copied().collect(),
        });
    }
    None
}

/// `restorable(from)` of the module doc.
pub fn restorable(plan: &Plan, from: NodeId) -> IdSet<NodeId> {
    Restorable::new(plan).from(from)
}

/// The plan's moves (forward and rollback edges) by source node, built
/// once to answer `restorable` for several nodes.
pub(crate) struct Restorable<'a> {
    plan: &'a Plan,
    out: FxHashMap<NodeId, Vec<&'a Edge>>,
}

impl<'a> Restorable<'a> {
    pub(crate) fn new(plan: &'a Plan) -> Restorable<'a> {
        let mut out: FxHashMap<NodeId, Vec<&Edge>> = FxHashMap::default();
        for edge in plan.edges.values() {
            if edge.kind != EdgeKind::Validation {
                out.entry(edge.from).or_default().push(edge);
            }
        }
        Restorable { plan, out }
    }

    /// `restorable(from)` of the module doc.
    pub(crate) fn from(&self, from: NodeId) -> IdSet<NodeId> {
        let is_safe_state = |id: NodeId| {
            self.plan
                .node(id)
                .is_some_and(|n| n.kind == NodeKind::Start || (n.kind == NodeKind::Phase && n.safe))
        };
        let mut seen = IdSet::from([from]);
        let mut stack = vec![from];
        let mut found = IdSet::new();
        while let Some(node) = stack.pop() {
            for edge in self.out.get(&node).map_or(&[][..], Vec::as_slice) {
                if edge.kind == EdgeKind::Rollback && is_safe_state(edge.to) {
                    found.insert(edge.to);
                }
                if seen.insert(edge.to) {
                    stack.push(edge.to);
                }
            }
        }
        found
    }
}

/// The members of `states` that are forward-ancestors of `of`.
fn before_in_forward_order(plan: &Plan, states: &IdSet<NodeId>, of: NodeId) -> Vec<NodeId> {
    let graph = PlanGraph::new(plan);
    let forward = Components::of(&graph.forward());
    let tracked: Vec<_> = states.iter().filter_map(|&id| graph.index(id)).collect();
    let ancestry = Ancestry::new(&graph, &forward, tracked.iter().copied());
    let Some(of) = graph.index(of) else {
        return Vec::new();
    };
    tracked
        .into_iter()
        .filter(|&state| ancestry.is_forward_ancestor(state, of))
        .map(|state| graph.node(state).id)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::fixture::Fixture;
    use expect_test::{expect, Expect};

    /// Each forward or rollback edge that is a point of no return, with
    /// what it loses, by fixture name.
    fn check(text: &str, expect: Expect) {
        let fixture = Fixture::parse(text);
        let plan = &fixture.doc.plan;
        let name = |id: NodeId| plan.node(id).unwrap().title.clone();
        let mut lines = Vec::new();
        for edge in plan.edges.values() {
            if let Some(nr) = point_of_no_return(plan, edge) {
                let lost: Vec<String> = nr.lost.iter().map(|&id| name(id)).collect();
                lines.push(format!(
                    "{} -> {}:{} loses [{}]",
                    name(edge.from),
                    name(edge.to),
                    if nr.unsafe_target {
                        " unsafe target,"
                    } else {
                        ""
                    },
                    lost.join(", ")
                ));
            }
        }
        expect.assert_eq(&lines.join("\n"));
    }

    #[test]
    fn an_unsafe_target_loses_the_states_before_it_and_leaving_the_last_rollback_is_flagged() {
        check(
            r#"
            start S
            phase A expand
            verify VA check="ok"
            phase C cutover
            verify VC check="ok"
            phase K contract unsafe
            verify VK check="ok"
            end E
            S -> A -> VA -> C -> VC -> K -> VK -> E
            A ~> S
            VA ~> S
            C ~> A
            VC ~> A
            K ~> C
            "#,
            expect![[r#"
                VC -> K: unsafe target, loses [S, A, C]
                K -> VK: loses [S, A, C]"#]],
        );
    }

    #[test]
    fn a_move_after_which_no_rollback_is_reachable_is_flagged_once() {
        check(
            r#"
            start S
            phase A expand
            verify V check="ok"
            phase B cutover
            phase D contract
            end E
            S -> A -> V -> B -> D -> E
            A ~> S
            V ~> S
            "#,
            expect!["V -> B: loses [S]"],
        );
    }
}
