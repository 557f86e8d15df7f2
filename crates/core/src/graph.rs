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
    IntoNodeIdentifiers, NodeIndexable, Visitable,
};
use petgraph::Direction;

/// The petgraph index of a plan: nodes and edges borrowed from the plan.
pub type PlanDiGraph<'p> = DiGraph<&'p Node, &'p Edge>;

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

impl<'p> FilterEdge<EdgeReference<'_, &'p Edge>> for EdgeKinds {
    fn include_edge(&self, edge: EdgeReference<'_, &'p Edge>) -> bool {
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
            graph.add_node(node);
        }
        let ids: Vec<NodeId> = plan.nodes.keys().copied().collect();
        let mut indexed = PlanGraph { graph, ids };
        for edge in plan.edges.values() {
            if let (Some(from), Some(to)) = (indexed.index(edge.from), indexed.index(edge.to)) {
                indexed.graph.add_edge(from, to, edge);
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
        self.graph[index]
    }

    /// Every node index, in id order.
    pub fn indices(&self) -> impl Iterator<Item = NodeIndex> {
        (0..self.ids.len()).map(NodeIndex::new)
    }

    /// The node indices whose node satisfies `keep`, as a set usable as a
    /// [`petgraph::visit::NodeFiltered`] filter.
    pub fn nodes_where(&self, keep: impl Fn(&Node) -> bool) -> FixedBitSet {
        let mut set = FixedBitSet::with_capacity(self.ids.len());
        for index in self.indices().filter(|&index| keep(self.node(index))) {
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
        self.graph
            .edges_directed(index, direction)
            .map(move |edge| {
                let other = match direction {
                    Direction::Outgoing => edge.target(),
                    Direction::Incoming => edge.source(),
                };
                (*edge.weight(), other)
            })
    }

    /// The edges of `kind` leaving a node, with their target's index.
    pub fn out_edges(
        &self,
        index: NodeIndex,
        kind: EdgeKind,
    ) -> impl Iterator<Item = (&'p Edge, NodeIndex)> + '_ {
        self.edges(index, Direction::Outgoing)
            .filter(move |(edge, _)| edge.kind == kind)
    }

    /// A node a rollback may return to, whatever its position: the start,
    /// or a phase not marked as a point of no return.
    pub fn is_safe_state(&self, index: NodeIndex) -> bool {
        let node = self.node(index);
        node.kind == NodeKind::Start || (node.kind == NodeKind::Phase && node.safe)
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
    members: Vec<Vec<NodeIndex>>,
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
        let members = kosaraju_scc(view);
        let mut component_of = vec![OUTSIDE; view.node_bound()];
        let mut cyclic = FixedBitSet::with_capacity(members.len());
        for (component, nodes) in members.iter().enumerate() {
            for node in nodes {
                component_of[node.index()] = component as u32;
            }
            let has_loop = || view.neighbors(nodes[0]).any(|next| next == nodes[0]);
            if nodes.len() > 1 || has_loop() {
                cyclic.insert(component);
            }
        }
        Components {
            members,
            component_of,
            cyclic,
        }
    }

    /// The same components in the opposite order: the condensation of the
    /// reversed view.
    pub fn reversed(&self) -> Components {
        let last = self.members.len() as u32;
        let component_of = self
            .component_of
            .iter()
            .map(|&c| if c == OUTSIDE { OUTSIDE } else { last - 1 - c })
            .collect();
        let mut cyclic = FixedBitSet::with_capacity(self.members.len());
        for component in self.cyclic.ones() {
            cyclic.insert(self.members.len() - 1 - component);
        }
        Components {
            members: self.members.iter().rev().cloned().collect(),
            component_of,
            cyclic,
        }
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
        self.cyclic
            .ones()
            .map(|component| self.members[component].as_slice())
    }

    /// For every component, the join of `add_own` over every node reachable
    /// from it in `view` (its own members included). `view` must be the
    /// view these components were computed from. Linear in the size of the
    /// view, plus the cost of the joins.
    pub fn fold_reachable<G, T: Join>(
        &self,
        view: G,
        mut add_own: impl FnMut(&mut T, NodeIndex),
    ) -> Vec<T>
    where
        G: IntoNeighbors + GraphBase<NodeId = NodeIndex>,
    {
        let mut values: Vec<T> = Vec::with_capacity(self.members.len());
        for (component, members) in self.members.iter().enumerate() {
            let mut value = T::default();
            for &node in members {
                add_own(&mut value, node);
                for next in view.neighbors(node) {
                    let next_component = self.component(next);
                    // Reverse topological order: a successor in another
                    // component was folded already.
                    if next_component != component {
                        value.join(&values[next_component]);
                    }
                }
            }
            values.push(value);
        }
        values
    }
}
