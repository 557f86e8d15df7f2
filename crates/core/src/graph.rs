//! A petgraph view of a plan, built once per validation, and the
//! strongly-connected-component condensation the graph rules share.
//!
//! [`PlanGraph`] indexes the plan's nodes in id order (node index `i` is the
//! `i`-th smallest id) with every edge as a petgraph edge whose weight is
//! the plan's [`Edge`]; views restricted to some edge kinds
//! ([`PlanGraph::view`]) or some nodes ([`petgraph::visit::NodeFiltered`])
//! are filters over that one index, never copies. Edges whose ends do not
//! exist are left out: no rule can say anything sensible about them.
//!
//! [`Components`] is the condensation of such a view: its strongly
//! connected components in reverse topological order. Folding a value over
//! that order ([`Components::fold_reachable`]) answers "what can be reached
//! from here" for every node in one linear pass, and forward cycles cannot
//! break it because a cycle is one component.

use crate::id::NodeId;
use crate::plan::{Edge, EdgeKind, Node, NodeKind, Plan};
use fixedbitset::FixedBitSet;
use petgraph::algo::kosaraju_scc;
use petgraph::graph::{DiGraph, EdgeReference, NodeIndex};
use petgraph::visit::{
    EdgeFiltered, EdgeRef, FilterEdge, GraphBase, IntoNeighbors, IntoNeighborsDirected,
    IntoNodeIdentifiers, NodeIndexable, Reversed, Visitable,
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

/// An edge filter: the edge kinds a view keeps.
#[derive(Clone, Copy, Debug)]
pub struct EdgeKinds(&'static [EdgeKind]);

impl EdgeKinds {
    pub const FORWARD: EdgeKinds = EdgeKinds(&[EdgeKind::Forward]);
    /// The edges that make a node part of the flow: planned transitions
    /// and the links from states to the checks that guard them.
    pub const FORWARD_AND_VALIDATION: EdgeKinds =
        EdgeKinds(&[EdgeKind::Forward, EdgeKind::Validation]);

    pub fn contains(self, kind: EdgeKind) -> bool {
        self.0.contains(&kind)
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
}

impl<'p> PlanGraph<'p> {
    pub fn new(plan: &'p Plan) -> PlanGraph<'p> {
        let mut graph = DiGraph::with_capacity(plan.nodes.len(), plan.edges.len());
        for node in plan.nodes.values() {
            graph.add_node(NodeEntry {
                kind: node.kind,
                safe_state: node.kind == NodeKind::Start
                    || (node.kind == NodeKind::Phase && node.safe),
                node,
            });
        }
        let ids: Vec<NodeId> = plan.nodes.keys().copied().collect();
        let mut indexed = PlanGraph { graph, ids };
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
        self.ids.binary_search(&id).ok().map(NodeIndex::new)
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
        self.indices()
            .filter(move |&index| self.kind(index) == kind)
            .map(|index| (index, self.node(index)))
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
}

/// A value that can absorb another: the union of what two nodes reach.
pub trait Join: Default {
    fn join(&mut self, other: &Self);
}

impl Join for bool {
    fn join(&mut self, other: &bool) {
        *self |= *other;
    }
}

impl Join for FixedBitSet {
    fn join(&mut self, other: &FixedBitSet) {
        self.union_with(other);
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
    /// Condenses `view`. Kosaraju's algorithm rather than Tarjan's because
    /// petgraph's Kosaraju is iterative: a plan with a chain of thousands of
    /// nodes must not overflow the 1 MB stack of a wasm build.
    pub fn of<G>(view: G) -> Components
    where
        G: IntoNeighborsDirected
            + IntoNodeIdentifiers
            + NodeIndexable
            + Visitable
            + GraphBase<NodeId = NodeIndex>,
    {
        let found = kosaraju_scc(view);
        let mut components = Components {
            members: Vec::with_capacity(view.node_bound()),
            bounds: Vec::with_capacity(found.len() + 1),
            component_of: vec![OUTSIDE; view.node_bound()],
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

    fn len(&self) -> usize {
        self.bounds.len() - 1
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

    /// For every component, the join of `add_own` over every node reachable
    /// from it in `view` (its own members included). `view` must be the
    /// view these components were computed from. Linear in the size of the
    /// view, plus the cost of the joins.
    pub fn fold_reachable<G, T: Join>(
        &self,
        view: G,
        add_own: impl FnMut(&mut T, NodeIndex),
    ) -> Vec<T>
    where
        G: IntoNeighbors + GraphBase<NodeId = NodeIndex>,
    {
        // Reverse topological order: successors before the nodes they follow.
        self.fold(view, 0..self.len(), add_own)
    }

    /// For every component, the join of `add_own` over every node that
    /// reaches it in `view` (its own members included). `view` must be the
    /// view these components were computed from.
    pub fn fold_reaching<G, T: Join>(
        &self,
        view: G,
        add_own: impl FnMut(&mut T, NodeIndex),
    ) -> Vec<T>
    where
        G: IntoNeighborsDirected + GraphBase<NodeId = NodeIndex>,
    {
        // Topological order: predecessors before the nodes they precede.
        self.fold(Reversed(view), (0..self.len()).rev(), add_own)
    }

    /// Folds over `view` visiting components in `order`, in which every
    /// component comes after all those it has edges into.
    fn fold<G, T: Join>(
        &self,
        view: G,
        order: impl Iterator<Item = usize>,
        mut add_own: impl FnMut(&mut T, NodeIndex),
    ) -> Vec<T>
    where
        G: IntoNeighbors + GraphBase<NodeId = NodeIndex>,
    {
        let mut values: Vec<T> = std::iter::repeat_with(T::default)
            .take(self.len())
            .collect();
        for component in order {
            let mut value = T::default();
            for &node in self.members(component) {
                add_own(&mut value, node);
                for next in view.neighbors(node) {
                    let next_component = self.component(next);
                    if next_component != component {
                        value.join(&values[next_component]);
                    }
                }
            }
            values[component] = value;
        }
        values
    }
}
