//! Forward-ancestor queries answered from one bitset closure.
//!
//! Definition: `A` is a *forward-ancestor* of `X` when a path of forward
//! edges leads from `A` to `X`; `X` is its own forward-ancestor only when it
//! lies on a forward cycle.
//!
//! The rules only ask whether a node that a rollback edge targets is an
//! ancestor of some node, so only those *tracked* nodes get a bit. One fold
//! over the condensation of the forward graph, in topological order, gives
//! per component the set of tracked nodes that reach it (itself included),
//! all sets rows of one bitset; a forward cycle is a single component, so
//! cycles cannot make the closure loop or lie. Cost: linear in the plan
//! times the number of tracked nodes / 64.
//!
//! Besides the tracked bits, each component keeps up to two distinct safe
//! states (start, or a phase with `safe`) reaching it: enough to tell
//! whether one other than a given node exists, i.e. whether a rollback
//! from that node can be pointed anywhere.
//!
//! The same questions about *clear* paths ([`Ancestry::clear`]): `A` is a
//! *clear ancestor* of `X` when a forward path leads from `A` to `X` on
//! which no node but `X` is a point of no return (a phase with `safe:
//! false`). That is ancestry in the forward graph without the edges
//! leaving points of no return, folded the same way (MF015).

use crate::graph::{BitRows, Components, Fold, PlanGraph};
use petgraph::graph::NodeIndex;
use petgraph::visit::{GraphBase, IntoNeighborsDirected};

/// Forward-ancestor relations of one plan.
#[derive(Debug)]
pub struct Ancestry {
    /// The condensation of the forward graph.
    components: Components,
    /// Per component: the tracked nodes reaching it.
    tracked_reach: BitRows,
    /// Per component: safe states reaching it.
    safe_reach: Vec<TwoDistinct>,
    /// Per node index: its bit, if the node is tracked.
    bit_of: Vec<Option<u32>>,
    /// Per bit: the tracked node.
    tracked: Vec<NodeIndex>,
}

/// Up to two distinct nodes of a set, which is all that is needed to know
/// whether the set holds a node other than a given one.
#[derive(Clone, Copy, Debug, Default)]
struct TwoDistinct([Option<NodeIndex>; 2]);

impl TwoDistinct {
    fn add(&mut self, node: NodeIndex) {
        match self.0 {
            [None, _] => self.0[0] = Some(node),
            [Some(first), None] if first != node => self.0[1] = Some(node),
            _ => {}
        }
    }

    fn add_all(&mut self, other: TwoDistinct) {
        for node in other.0.into_iter().flatten() {
            self.add(node);
        }
    }

    fn has_other_than(&self, node: NodeIndex) -> bool {
        self.0.iter().flatten().any(|&n| n != node)
    }
}

/// The fold that fills an [`Ancestry`].
struct Reach<'a, 'p> {
    graph: &'a PlanGraph<'p>,
    bit_of: &'a [Option<u32>],
    tracked_reach: BitRows,
    safe_reach: Vec<TwoDistinct>,
}

impl Fold for Reach<'_, '_> {
    fn add_own(&mut self, component: usize, node: NodeIndex) {
        if let Some(bit) = self.bit_of[node.index()] {
            self.tracked_reach.insert(component, bit as usize);
        }
        if self.graph.is_safe_state(node) {
            self.safe_reach[component].add(node);
        }
    }

    fn absorb(&mut self, component: usize, other: usize) {
        self.tracked_reach.union_into(component, other);
        let other = self.safe_reach[other];
        self.safe_reach[component].add_all(other);
    }
}

impl Ancestry {
    /// The closure for the given tracked nodes (duplicates are ignored).
    /// `forward` is the condensation of `graph.forward()`.
    pub fn new(
        graph: &PlanGraph<'_>,
        forward: &Components,
        tracked_nodes: impl IntoIterator<Item = NodeIndex>,
    ) -> Ancestry {
        Ancestry::over(graph, &graph.forward(), forward.clone(), tracked_nodes)
    }

    /// The closure along clear paths (see the module doc) for the given
    /// tracked nodes: its `is_forward_ancestor` says whether a node is a
    /// clear ancestor, its `has_safe_state_at_or_before` counts clear
    /// ancestors only. `forward` is the condensation of `graph.forward()`.
    pub fn clear(
        graph: &PlanGraph<'_>,
        forward: &Components,
        tracked_nodes: impl IntoIterator<Item = NodeIndex>,
    ) -> Ancestry {
        let view = graph.forward_clear();
        let components = forward.with_fewer_edges(&view);
        Ancestry::over(graph, &view, components, tracked_nodes)
    }

    /// The closure over `view`, some forward edges of `graph`, condensed
    /// into `components`.
    fn over<G>(
        graph: &PlanGraph<'_>,
        view: G,
        components: Components,
        tracked_nodes: impl IntoIterator<Item = NodeIndex>,
    ) -> Ancestry
    where
        G: IntoNeighborsDirected + GraphBase<NodeId = NodeIndex>,
    {
        let mut bit_of = vec![None; graph.node_count()];
        let mut tracked = Vec::new();
        for node in tracked_nodes {
            if bit_of[node.index()].is_none() {
                bit_of[node.index()] = Some(tracked.len() as u32);
                tracked.push(node);
            }
        }
        let mut reach = Reach {
            graph,
            bit_of: &bit_of,
            tracked_reach: BitRows::new(components.count(), tracked.len()),
            safe_reach: vec![TwoDistinct::default(); components.count()],
        };
        components.fold_reaching(view, &mut reach);
        let Reach {
            tracked_reach,
            safe_reach,
            ..
        } = reach;
        Ancestry {
            components,
            tracked_reach,
            safe_reach,
            bit_of,
            tracked,
        }
    }

    /// The bit of a tracked node.
    pub fn bit(&self, node: NodeIndex) -> Option<usize> {
        self.bit_of[node.index()].map(|bit| bit as usize)
    }

    /// How many nodes are tracked (bits run from 0 to this, excluded).
    pub fn tracked_count(&self) -> usize {
        self.tracked.len()
    }

    /// The tracked node of a bit.
    pub fn tracked_node(&self, bit: usize) -> NodeIndex {
        self.tracked[bit]
    }

    /// Whether `ancestor` is a forward-ancestor of `of`. Only tracked nodes
    /// can be asked about; any other `ancestor` answers `false`.
    pub fn is_forward_ancestor(&self, ancestor: NodeIndex, of: NodeIndex) -> bool {
        let Some(bit) = self.bit(ancestor) else {
            return false;
        };
        self.tracked_reach
            .contains(self.components.component(of), bit)
            && (ancestor != of || self.components.on_cycle(of))
    }

    /// Whether `of` or one of its forward-ancestors is a safe state other
    /// than `besides`: somewhere a rollback from `besides` could go.
    pub fn has_safe_state_at_or_before(&self, of: NodeIndex, besides: NodeIndex) -> bool {
        self.safe_reach[self.components.component(of)].has_other_than(besides)
    }
}

#[cfg(test)]
mod tests {
    use super::Ancestry;
    use crate::graph::{Components, PlanGraph};
    use crate::rules::fixture::Fixture;
    use expect_test::{expect, Expect};
    use petgraph::graph::NodeIndex;

    /// What an ancestry is built by.
    type Build = fn(&PlanGraph<'_>, &Components, std::ops::Range<usize>) -> Ancestry;

    fn all_paths(
        graph: &PlanGraph<'_>,
        forward: &Components,
        all: std::ops::Range<usize>,
    ) -> Ancestry {
        Ancestry::new(graph, forward, all.map(NodeIndex::new))
    }

    fn clear_paths(
        graph: &PlanGraph<'_>,
        forward: &Components,
        all: std::ops::Range<usize>,
    ) -> Ancestry {
        Ancestry::clear(graph, forward, all.map(NodeIndex::new))
    }

    /// Every node's forward-ancestors and whether a safe state other than
    /// itself comes at or before it, all nodes tracked.
    fn check(text: &str, expect: Expect) {
        check_with(all_paths, text, expect);
    }

    fn check_with(build: Build, text: &str, expect: Expect) {
        let fixture = Fixture::parse(text);
        let graph = PlanGraph::new(&fixture.doc.plan);
        let forward = Components::of(&graph.forward());
        let ancestry = build(&graph, &forward, 0..graph.node_count());
        let title = |node| graph.node(node).title.as_str();
        let lines: Vec<String> = graph
            .indices()
            .map(|of| {
                let ancestors: Vec<&str> = graph
                    .indices()
                    .filter(|&ancestor| ancestry.is_forward_ancestor(ancestor, of))
                    .map(title)
                    .collect();
                let safe = if ancestry.has_safe_state_at_or_before(of, of) {
                    " (safe before)"
                } else {
                    ""
                };
                format!("{}: {}{safe}", title(of), ancestors.join(" "))
            })
            .collect();
        expect.assert_eq(&lines.join("\n"));
    }

    #[test]
    fn ancestors_follow_forward_edges_only_and_include_a_node_only_on_a_cycle() {
        check(
            r#"
            start S
            phase A unsafe
            phase B
            phase C unsafe
            verify V
            S -> A -> B -> C -> B
            C -> V
            V ~> S
            V => A
            "#,
            expect![[r#"
                S: 
                A: S (safe before)
                B: S A B C (safe before)
                C: S A B C (safe before)
                V: S A B C (safe before)"#]],
        );
    }

    #[test]
    fn clear_ancestors_reach_a_point_of_no_return_but_not_past_it() {
        check_with(
            clear_paths,
            r#"
            start S
            phase A
            phase K unsafe
            phase B
            verify V
            S -> A -> K -> B -> V
            A -> V
            "#,
            expect![[r#"
                S: 
                A: S (safe before)
                K: S A (safe before)
                B: 
                V: S A B (safe before)"#]],
        );
    }

    #[test]
    fn clear_ancestors_inside_a_cycle_are_cut_at_its_point_of_no_return() {
        check_with(
            clear_paths,
            r#"
            start S
            phase A
            phase K unsafe
            phase B
            S -> A -> K -> B -> A
            "#,
            expect![[r#"
                S: 
                A: S B (safe before)
                K: S A B (safe before)
                B: "#]],
        );
    }
}
