//! A petgraph view of a plan, built once per validation, and the
//! strongly-connected-component condensation the graph rules share.
//!
//! [`PlanGraph`] indexes the plan's nodes in id order (node index `i` is the
//! `i`-th smallest id) with every edge as a petgraph edge; the weights keep
//! each node's and edge's kind inline next to a reference into the plan.
//! Views restricted to some edge kinds ([`PlanGraph::view`]) or some nodes
//! ([`petgraph::visit::NodeFiltered`]) are filters over that one index,
//! never copies. Edges whose ends do not exist are left out: no rule can
//! say anything sensible about them.
//!
//! [`Components`] is the condensation of such a view: its strongly
//! connected components in reverse topological order. A [`Fold`] over that
//! order ([`Components::fold_reachable`], [`Components::fold_reaching`])
//! answers "what can be reached from here" (or "what reaches here") for
//! every node in one linear pass, and cycles cannot break it because a
//! cycle is one component. [`BitRows`] stores a fold's sets, one row per
//! component, in a single bitset.

use crate::id::NodeId;
use crate::plan::{Edge, EdgeKind, Node, NodeKind, Plan};
use fixedbitset::FixedBitSet;
use petgraph::algo::kosaraju_scc;
use petgraph::graph::{DiGraph, EdgeReference, NodeIndex};
use petgraph::visit::{
    DfsPostOrder, EdgeFiltered, EdgeRef, FilterEdge, GraphBase, IntoNeighbors,
    IntoNeighborsDirected, IntoNodeIdentifiers, NodeIndexable, Reversed, Visitable,
};
use petgraph::Direction;

/// The petgraph index of a plan.
pub type PlanDiGraph<'p> = DiGraph<NodeEntry<'p>, EdgeEntry<'p>>;

/// A node weight: what the traversals filter on, kept inline so that they
/// do not chase a pointer into the plan for every node they pass.
#[derive(Clone, Copy, Debug)]
pub struct NodeEntry<'p> {
    pub kind: NodeKind,
    /// The start, or a phase not marked as a point of no return.
    pub safe_state: bool,
    pub node: &'p Node,
}

/// An edge weight, its kind inline for the same reason.
#[derive(Clone, Copy, Debug)]
pub struct EdgeEntry<'p> {
    pub kind: EdgeKind,
    pub edge: &'p Edge,
}

/// A view of the plan graph with only the edges of some kinds.
pub type KindView<'g, 'p> = EdgeFiltered<&'g PlanDiGraph<'p>, EdgeKinds>;

/// The forward edges that do not leave a point of no return (a phase with
/// `safe: false`): a path of this view passes no such phase before its
/// last node.
pub type ClearView<'g, 'p> = EdgeFiltered<&'g PlanDiGraph<'p>, NotFromNoReturn<'g, 'p>>;

/// The edge filter of a [`ClearView`].
#[derive(Clone, Copy, Debug)]
pub struct NotFromNoReturn<'g, 'p>(&'g PlanDiGraph<'p>);

impl<'p> FilterEdge<EdgeReference<'_, EdgeEntry<'p>>> for NotFromNoReturn<'_, 'p> {
    fn include_edge(&self, edge: EdgeReference<'_, EdgeEntry<'p>>) -> bool {
        edge.weight().kind == EdgeKind::Forward && !self.0[edge.source()].point_of_no_return()
    }
}

impl NodeEntry<'_> {
    /// A phase marked `safe: false`.
    pub fn point_of_no_return(&self) -> bool {
        self.kind == NodeKind::Phase && !self.safe_state
    }
}

/// An edge filter: the edge kinds a view keeps, one bit per kind.
#[derive(Clone, Copy, Debug)]
pub struct EdgeKinds(u8);

impl EdgeKinds {
    pub const FORWARD: EdgeKinds = EdgeKinds::of(&[EdgeKind::Forward]);
    /// The edges that make a node part of the flow: planned transitions
    /// and the links from states to the checks that guard them.
    pub const FORWARD_AND_VALIDATION: EdgeKinds =
        EdgeKinds::of(&[EdgeKind::Forward, EdgeKind::Validation]);

    const fn of(kinds: &[EdgeKind]) -> EdgeKinds {
        let mut bits = 0;
        let mut index = 0;
        while index < kinds.len() {
            bits |= 1 << kinds[index] as u8;
            index += 1;
        }
        EdgeKinds(bits)
    }

    pub fn contains(self, kind: EdgeKind) -> bool {
        self.0 & (1 << kind as u8) != 0
    }
}

impl<'p> FilterEdge<EdgeReference<'_, EdgeEntry<'p>>> for EdgeKinds {
    fn include_edge(&self, edge: EdgeReference<'_, EdgeEntry<'p>>) -> bool {
        self.contains(edge.weight().kind)
    }
}

/// A plan indexed for graph algorithms.
#[derive(Debug)]
pub struct PlanGraph<'p> {
    graph: PlanDiGraph<'p>,
    /// Node ids in index order (ascending), for id → index lookups.
    ids: Vec<NodeId>,
    /// Whether the ids are consecutive, so an index is an id's offset from
    /// the first: true of plans nobody deleted from, and much faster than a
    /// search for every edge end.
    consecutive: bool,
    /// Per node kind (in [`NodeKind::ALL`] order): its nodes, in id order.
    by_kind: [Vec<NodeIndex>; NodeKind::ALL.len()],
}

/// The position of a kind in [`NodeKind::ALL`].
fn kind_slot(kind: NodeKind) -> usize {
    NodeKind::ALL
        .iter()
        .position(|&k| k == kind)
        .expect("every kind is listed")
}

impl<'p> PlanGraph<'p> {
    pub fn new(plan: &'p Plan) -> PlanGraph<'p> {
        let mut graph = DiGraph::with_capacity(plan.nodes.len(), plan.edges.len());
        let mut by_kind: [Vec<NodeIndex>; NodeKind::ALL.len()] = Default::default();
        for node in plan.nodes.values() {
            by_kind[kind_slot(node.kind)].push(NodeIndex::new(graph.node_count()));
            graph.add_node(NodeEntry {
                kind: node.kind,
                safe_state: node.kind == NodeKind::Start
                    || (node.kind == NodeKind::Phase && node.safe),
                node,
            });
        }
        let ids: Vec<NodeId> = plan.nodes.keys().copied().collect();
        let consecutive = match (ids.first(), ids.last()) {
            (Some(first), Some(last)) => (last.0 - first.0) as usize + 1 == ids.len(),
            _ => true,
        };
        let mut indexed = PlanGraph {
            graph,
            ids,
            consecutive,
            by_kind,
        };
        for edge in plan.edges.values() {
            if let (Some(from), Some(to)) = (indexed.index(edge.from), indexed.index(edge.to)) {
                let entry = EdgeEntry {
                    kind: edge.kind,
                    edge,
                };
                indexed.graph.add_edge(from, to, entry);
            }
        }
        indexed
    }

    pub fn graph(&self) -> &PlanDiGraph<'p> {
        &self.graph
    }

    pub fn node_count(&self) -> usize {
        self.ids.len()
    }

    /// The index of the node with this id, if it exists.
    pub fn index(&self, id: NodeId) -> Option<NodeIndex> {
        let first = self.ids.first()?.0;
        if self.consecutive {
            let offset = id.0.checked_sub(first)? as usize;
            (offset < self.ids.len()).then(|| NodeIndex::new(offset))
        } else {
            self.ids.binary_search(&id).ok().map(NodeIndex::new)
        }
    }

    pub fn node(&self, index: NodeIndex) -> &'p Node {
        self.graph[index].node
    }

    pub fn kind(&self, index: NodeIndex) -> NodeKind {
        self.graph[index].kind
    }

    /// Every node index, in id order.
    pub fn indices(&self) -> impl Iterator<Item = NodeIndex> {
        (0..self.ids.len()).map(NodeIndex::new)
    }

    /// The nodes of one kind, in id order.
    pub fn nodes_of(&self, kind: NodeKind) -> impl Iterator<Item = (NodeIndex, &'p Node)> + '_ {
        self.by_kind[kind_slot(kind)]
            .iter()
            .map(|&index| (index, self.node(index)))
    }

    /// The node indices whose kind satisfies `keep`, as a set usable as a
    /// [`petgraph::visit::NodeFiltered`] filter.
    pub fn nodes_where(&self, keep: impl Fn(NodeKind) -> bool) -> FixedBitSet {
        let mut set = FixedBitSet::with_capacity(self.ids.len());
        for index in self.indices().filter(|&index| keep(self.kind(index))) {
            set.insert(index.index());
        }
        set
    }

    /// The graph with only the edges of `kinds`.
    pub fn view(&self, kinds: EdgeKinds) -> KindView<'_, 'p> {
        EdgeFiltered(&self.graph, kinds)
    }

    pub fn forward(&self) -> KindView<'_, 'p> {
        self.view(EdgeKinds::FORWARD)
    }

    /// The forward edges that do not leave a point of no return.
    pub fn forward_clear(&self) -> ClearView<'_, 'p> {
        EdgeFiltered(&self.graph, NotFromNoReturn(&self.graph))
    }

    /// The edges leaving (`Outgoing`) or entering (`Incoming`) a node, with
    /// the index of the node at their other end.
    pub fn edges(
        &self,
        index: NodeIndex,
        direction: Direction,
    ) -> impl Iterator<Item = (&'p Edge, NodeIndex)> + '_ {
        self.edges_of_kind(index, direction, None)
    }

    /// The edges of `kind` leaving a node, with their target's index.
    pub fn out_edges(
        &self,
        index: NodeIndex,
        kind: EdgeKind,
    ) -> impl Iterator<Item = (&'p Edge, NodeIndex)> + '_ {
        self.edges_of_kind(index, Direction::Outgoing, Some(kind))
    }

    /// The edges of `kind` entering a node, with their source's index.
    pub fn in_edges(
        &self,
        index: NodeIndex,
        kind: EdgeKind,
    ) -> impl Iterator<Item = (&'p Edge, NodeIndex)> + '_ {
        self.edges_of_kind(index, Direction::Incoming, Some(kind))
    }

    /// Filters on the inline kind, so that skipped edges cost no lookup
    /// into the plan.
    fn edges_of_kind(
        &self,
        index: NodeIndex,
        direction: Direction,
        kind: Option<EdgeKind>,
    ) -> impl Iterator<Item = (&'p Edge, NodeIndex)> + '_ {
        self.graph
            .edges_directed(index, direction)
            .filter(move |edge| kind.is_none_or(|kind| edge.weight().kind == kind))
            .map(move |edge| {
                let other = match direction {
                    Direction::Outgoing => edge.target(),
                    Direction::Incoming => edge.source(),
                };
                (edge.weight().edge, other)
            })
    }

    /// A node a rollback may return to, wherever it is: the start, or a
    /// phase not marked as a point of no return.
    pub fn is_safe_state(&self, index: NodeIndex) -> bool {
        self.graph[index].safe_state
    }

    /// The nodes that forward paths from a start reach without passing a
    /// node for which `stop` holds: such a node is reached, not passed
    /// (MF016 stops at cutovers, MF017 at gates). One walk over the
    /// forward edges.
    pub fn reached_without_passing(&self, stop: impl Fn(NodeIndex) -> bool) -> FixedBitSet {
        let mut reached = FixedBitSet::with_capacity(self.node_count());
        let mut stack: Vec<NodeIndex> = self
            .nodes_of(NodeKind::Start)
            .map(|(start, _)| start)
            .collect();
        for start in &stack {
            reached.insert(start.index());
        }
        while let Some(node) = stack.pop() {
            if stop(node) {
                continue;
            }
            for (_, next) in self.out_edges(node, EdgeKind::Forward) {
                if !reached.put(next.index()) {
                    stack.push(next);
                }
            }
        }
        reached
    }

    /// A phase marked `safe: false`: once it has run, what came before it
    /// cannot be restored.
    pub fn is_point_of_no_return(&self, index: NodeIndex) -> bool {
        self.graph[index].point_of_no_return()
    }
}

/// A computation over a condensation: one value per component, made of its
/// members' own contributions and of the values of the components its
/// edges lead to (see [`Components::fold_reachable`]).
pub trait Fold {
    /// Adds what `node`, a member of `component`, contributes itself.
    fn add_own(&mut self, component: usize, node: NodeIndex);
    /// Adds the value of `other`, already complete, to `component`.
    fn absorb(&mut self, component: usize, other: usize);
}

/// One set of small integers per row, every row in one bitset: the storage
/// of a fold whose values are sets, without an allocation per component.
#[derive(Clone, Debug)]
pub struct BitRows {
    /// Bits per row, rounded up to whole blocks so rows start on one.
    stride: usize,
    bits: FixedBitSet,
}

impl BitRows {
    /// `rows` empty sets of integers below `width`.
    pub fn new(rows: usize, width: usize) -> BitRows {
        let block_bits = usize::BITS as usize;
        let stride = width.div_ceil(block_bits) * block_bits;
        BitRows {
            stride,
            bits: FixedBitSet::with_capacity(rows * stride),
        }
    }

    pub fn insert(&mut self, row: usize, bit: usize) {
        self.bits.insert(row * self.stride + bit);
    }

    pub fn contains(&self, row: usize, bit: usize) -> bool {
        self.bits.contains(row * self.stride + bit)
    }

    /// The integers in a row, in increasing order.
    pub fn ones(&self, row: usize) -> impl Iterator<Item = usize> + '_ {
        let block_bits = usize::BITS as usize;
        let blocks_per_row = self.stride / block_bits;
        let blocks = &self.bits.as_slice()[row * blocks_per_row..][..blocks_per_row];
        blocks.iter().enumerate().flat_map(move |(index, &block)| {
            let mut rest = block;
            std::iter::from_fn(move || {
                (rest != 0).then(|| {
                    let bit = rest.trailing_zeros() as usize;
                    rest &= rest - 1;
                    index * block_bits + bit
                })
            })
        })
    }

    /// Adds every integer of row `from` to row `into`, another row.
    pub fn union_into(&mut self, into: usize, from: usize) {
        debug_assert_ne!(into, from, "a row is its own union");
        let blocks_per_row = self.stride / usize::BITS as usize;
        let blocks = self.bits.as_mut_slice();
        let (into_blocks, from_blocks) = if into > from {
            let (low, high) = blocks.split_at_mut(into * blocks_per_row);
            (
                &mut high[..blocks_per_row],
                &low[from * blocks_per_row..][..blocks_per_row],
            )
        } else {
            let (low, high) = blocks.split_at_mut(from * blocks_per_row);
            (
                &mut low[into * blocks_per_row..][..blocks_per_row],
                &high[..blocks_per_row],
            )
        };
        for (into, from) in into_blocks.iter_mut().zip(from_blocks) {
            *into |= *from;
        }
    }
}

/// Marks a node outside the condensed view.
const OUTSIDE: u32 = u32::MAX;

/// The strongly connected components of a view of the plan graph, in
/// reverse topological order: every edge between two components goes from
/// a later one to an earlier one.
#[derive(Clone, Debug)]
pub struct Components {
    /// The members of every component, one component after the other.
    members: Vec<NodeIndex>,
    /// Where each component starts in `members`, and where the last ends.
    bounds: Vec<u32>,
    /// Per node index: its component, or [`OUTSIDE`] the view.
    component_of: Vec<u32>,
    /// Components that contain a cycle (more than one node, or a loop).
    cyclic: FixedBitSet,
}

impl Components {
    /// Condenses `view`. Most plans have no cycle; then every component is
    /// a single node, and a depth-first postorder (petgraph's
    /// `DfsPostOrder`) is a reverse topological order, which one scan of
    /// the edges confirms. Only when an edge goes against that order is
    /// there a cycle, and the components come from Kosaraju's algorithm.
    /// Both are iterative (Tarjan's, in petgraph, is recursive): a chain of
    /// thousands of nodes must not overflow the 1 MB stack of a wasm build.
    pub fn of<G>(view: G) -> Components
    where
        G: IntoNeighborsDirected
            + IntoNodeIdentifiers
            + NodeIndexable
            + Visitable<Map = FixedBitSet>
            + GraphBase<NodeId = NodeIndex>,
    {
        let mut search = DfsPostOrder::empty(view);
        let mut postorder = Vec::with_capacity(view.node_bound());
        for root in view.node_identifiers() {
            if !search.discovered.contains(root.index()) {
                search.move_to(root);
                while let Some(node) = search.next(view) {
                    postorder.push(node);
                }
            }
        }
        let mut rank = vec![OUTSIDE; view.node_bound()];
        for (position, node) in postorder.iter().enumerate() {
            rank[node.index()] = position as u32;
        }
        let acyclic = postorder.iter().all(|&node| {
            view.neighbors(node)
                .all(|next| rank[next.index()] < rank[node.index()])
        });
        if acyclic {
            return Components::single_nodes(postorder, rank);
        }

        let found = kosaraju_scc(view);
        let mut components = Components {
            members: Vec::with_capacity(postorder.len()),
            bounds: Vec::with_capacity(found.len() + 1),
            component_of: rank,
            cyclic: FixedBitSet::with_capacity(found.len()),
        };
        components.bounds.push(0);
        for (component, nodes) in found.into_iter().enumerate() {
            for &node in &nodes {
                components.component_of[node.index()] = component as u32;
            }
            let has_loop = || view.neighbors(nodes[0]).any(|next| next == nodes[0]);
            if nodes.len() > 1 || has_loop() {
                components.cyclic.insert(component);
            }
            components.members.extend(nodes);
            components.bounds.push(components.members.len() as u32);
        }
        components
    }

    /// Components of one node each, `order` being a reverse topological
    /// order and `component_of` its inverse ([`OUTSIDE`] for other nodes).
    fn single_nodes(order: Vec<NodeIndex>, component_of: Vec<u32>) -> Components {
        Components {
            bounds: (0..=order.len() as u32).collect(),
            cyclic: FixedBitSet::with_capacity(order.len()),
            members: order,
            component_of,
        }
    }

    /// The condensation of `view`: the view these components condense,
    /// restricted to the nodes in `nodes`. When these components have no
    /// cycle, neither has any part of the view, whose components are then
    /// its single nodes in the same order: they are read off rather than
    /// computed afresh.
    pub fn within<G>(&self, nodes: &FixedBitSet, view: G) -> Components
    where
        G: IntoNeighborsDirected
            + IntoNodeIdentifiers
            + NodeIndexable
            + Visitable<Map = FixedBitSet>
            + GraphBase<NodeId = NodeIndex>,
    {
        if !self.cyclic.is_clear() {
            return Components::of(view);
        }
        let members: Vec<NodeIndex> = self
            .members
            .iter()
            .copied()
            .filter(|node| nodes.contains(node.index()))
            .collect();
        let mut component_of = vec![OUTSIDE; self.component_of.len()];
        for (component, node) in members.iter().enumerate() {
            component_of[node.index()] = component as u32;
        }
        Components::single_nodes(members, component_of)
    }

    /// The condensation of `view`, which holds every node these components
    /// condense and some of the edges of the view they were computed from.
    /// When these components have no cycle, neither has the view, and
    /// these components (single nodes in reverse topological order) are
    /// its own too: fewer edges leave an order topological.
    pub fn with_fewer_edges<G>(&self, view: G) -> Components
    where
        G: IntoNeighborsDirected
            + IntoNodeIdentifiers
            + NodeIndexable
            + Visitable<Map = FixedBitSet>
            + GraphBase<NodeId = NodeIndex>,
    {
        if self.cyclic.is_clear() {
            self.clone()
        } else {
            Components::of(view)
        }
    }

    fn members(&self, component: usize) -> &[NodeIndex] {
        &self.members[self.bounds[component] as usize..self.bounds[component + 1] as usize]
    }

    /// The component of a node of the view.
    pub fn component(&self, node: NodeIndex) -> usize {
        let component = self.component_of[node.index()];
        debug_assert_ne!(component, OUTSIDE, "node outside the condensed view");
        component as usize
    }

    /// Whether the node lies on a cycle of the view.
    pub fn on_cycle(&self, node: NodeIndex) -> bool {
        self.cyclic.contains(self.component(node))
    }

    /// The members of every component that contains a cycle.
    pub fn cycles(&self) -> impl Iterator<Item = &[NodeIndex]> {
        self.cyclic.ones().map(|component| self.members(component))
    }

    /// How many components there are.
    pub fn count(&self) -> usize {
        self.bounds.len() - 1
    }

    /// Runs `fold` so that every component's value covers the nodes
    /// reachable from it in `view` (its own members included): components
    /// are visited in reverse topological order. `view` must be the view
    /// these components were computed from. Linear in the size of the view,
    /// plus the cost of the fold's steps.
    pub fn fold_reachable<G>(&self, view: G, fold: &mut impl Fold)
    where
        G: IntoNeighbors + GraphBase<NodeId = NodeIndex>,
    {
        self.fold(view, 0..self.count(), fold);
    }

    /// Runs `fold` so that every component's value covers the nodes that
    /// reach it in `view` (its own members included): components are
    /// visited in topological order, along reversed edges.
    pub fn fold_reaching<G>(&self, view: G, fold: &mut impl Fold)
    where
        G: IntoNeighborsDirected + GraphBase<NodeId = NodeIndex>,
    {
        self.fold(Reversed(view), (0..self.count()).rev(), fold);
    }

    /// Visits components in `order`, in which every component comes after
    /// all those it has edges into.
    fn fold<G>(&self, view: G, order: impl Iterator<Item = usize>, fold: &mut impl Fold)
    where
        G: IntoNeighbors + GraphBase<NodeId = NodeIndex>,
    {
        for component in order {
            for &node in self.members(component) {
                fold.add_own(component, node);
                for next in view.neighbors(node) {
                    let other = self.component(next);
                    if other != component {
                        fold.absorb(component, other);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{BitRows, Components, PlanGraph};
    use crate::rules::fixture::Fixture;
    use expect_test::{expect, Expect};

    /// The forward components of a fixture in their order, one per line,
    /// members by title, cycles marked.
    fn check_components(text: &str, expect: Expect) {
        let fixture = Fixture::parse(text);
        let graph = PlanGraph::new(&fixture.doc.plan);
        let components = Components::of(&graph.forward());
        let lines: Vec<String> = (0..components.count())
            .map(|component| {
                let mut names: Vec<&str> = components
                    .members(component)
                    .iter()
                    .map(|&node| graph.node(node).title.as_str())
                    .collect();
                names.sort();
                let cycle = if components.cyclic.contains(component) {
                    " (cycle)"
                } else {
                    ""
                };
                format!("{}{cycle}", names.join(" "))
            })
            .collect();
        expect.assert_eq(&lines.join("\n"));
    }

    #[test]
    fn an_acyclic_plan_condenses_to_its_nodes_successors_first() {
        check_components(
            r#"
            start S
            phase A
            phase B
            phase C
            end E
            S -> A -> B -> E
            A -> C -> E
            B ~> S
            "#,
            expect![[r#"
                E
                B
                C
                A
                S"#]],
        );
    }

    #[test]
    fn forward_cycles_and_loops_are_single_components() {
        check_components(
            r#"
            start S
            phase A
            phase B
            phase C
            phase D
            S -> A -> B -> A
            B -> C -> D -> C
            D -> D
            "#,
            expect![[r#"
                C D (cycle)
                A B (cycle)
                S"#]],
        );
    }

    #[test]
    fn bit_rows_keep_rows_apart_across_block_boundaries() {
        let mut rows = BitRows::new(3, 70);
        rows.insert(0, 3);
        rows.insert(0, 69);
        rows.insert(2, 64);
        rows.union_into(1, 0);
        rows.union_into(1, 2);
        rows.union_into(2, 1);
        let ones: Vec<Vec<usize>> = (0..3).map(|row| rows.ones(row).collect()).collect();
        assert_eq!(ones, vec![vec![3, 69], vec![3, 64, 69], vec![3, 64, 69]]);
        assert!(rows.contains(1, 64) && !rows.contains(0, 64));
    }
}
