//! Forward-ancestor queries answered from one bitset closure.
//!
//! Definition: `A` is a *forward-ancestor* of `X` when a path of forward
//! edges leads from `A` to `X`; `X` is its own forward-ancestor only when it
//! lies on a forward cycle.
//!
//! The rules only ask whether a node that a rollback edge targets is an
//! ancestor of some node, so only those *tracked* nodes get a bit. One fold
//! over the condensation of the forward graph, in topological order, gives
//! per component the set of tracked nodes that reach it (itself included);
//! a forward cycle
//! is a single component, so cycles cannot make the closure loop or lie.
//! Cost: linear in the plan times the number of tracked nodes / 64.
//!
//! Besides the tracked bits, each component keeps up to two distinct safe
//! states (start, or a phase with `safe`) reaching it: enough to tell
//! whether one other than a given node exists, i.e. whether a rollback
//! from that node can be pointed anywhere.

use crate::graph::{Components, Join, PlanGraph};
use fixedbitset::FixedBitSet;
use petgraph::graph::NodeIndex;

/// Forward-ancestor relations of one plan.
#[derive(Debug)]
pub struct Ancestry {
    /// The condensation of the forward graph.
    components: Components,
    reach: Vec<Reach>,
    /// Per node index: its bit, if the node is tracked.
    bit_of: Vec<Option<u32>>,
    /// Per bit: the tracked node.
    tracked: Vec<NodeIndex>,
}

/// What reaches one component by forward edges (the component included).
#[derive(Debug, Default)]
struct Reach {
    tracked: FixedBitSet,
    safe_states: TwoDistinct,
}

impl Join for Reach {
    fn join(&mut self, other: &Reach) {
        self.tracked.join(&other.tracked);
        for node in other.safe_states.0.iter().flatten() {
            self.safe_states.add(*node);
        }
    }
}

/// Up to two distinct nodes of a set, which is all that is needed to know
/// whether the set holds a node other than a given one.
#[derive(Debug, Default)]
struct TwoDistinct([Option<NodeIndex>; 2]);

impl TwoDistinct {
    fn add(&mut self, node: NodeIndex) {
        match self.0 {
            [None, _] => self.0[0] = Some(node),
            [Some(first), None] if first != node => self.0[1] = Some(node),
            _ => {}
        }
    }

    fn has_other_than(&self, node: NodeIndex) -> bool {
        self.0.iter().flatten().any(|&n| n != node)
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
        let mut bit_of = vec![None; graph.node_count()];
        let mut tracked = Vec::new();
        for node in tracked_nodes {
            if bit_of[node.index()].is_none() {
                bit_of[node.index()] = Some(tracked.len() as u32);
                tracked.push(node);
            }
        }
        let reach = forward.fold_reaching(&graph.forward(), |reach: &mut Reach, node| {
            if let Some(bit) = bit_of[node.index()] {
                reach.tracked.grow_and_insert(bit as usize);
            }
            if graph.is_safe_state(node) {
                reach.safe_states.add(node);
            }
        });
        Ancestry {
            components: forward.clone(),
            reach,
            bit_of,
            tracked,
        }
    }

    /// The bit of a tracked node.
    pub fn bit(&self, node: NodeIndex) -> Option<usize> {
        self.bit_of[node.index()].map(|bit| bit as usize)
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
        self.reach[self.components.component(of)]
            .tracked
            .contains(bit)
            && (ancestor != of || self.components.on_cycle(of))
    }

    /// Whether `of` or one of its forward-ancestors is a safe state other
    /// than `besides`: somewhere a rollback from `besides` could go.
    pub fn has_safe_state_at_or_before(&self, of: NodeIndex, besides: NodeIndex) -> bool {
        self.reach[self.components.component(of)]
            .safe_states
            .has_other_than(besides)
    }
}
