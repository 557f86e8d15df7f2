//! The facts every rule shares, computed once per [`super::validate`] call,
//! and the definitions more than one rule relies on.
//!
//! - *forward graph*: the nodes and the forward edges.
//! - *forward-ancestor*: see [`crate::ancestry`].
//! - *state*: the start or a phase ([`crate::plan::Node::is_state`]).
//! - *comes before* `s`: a forward-ancestor of `s`, or, when validation
//!   edges link states to `s` (a check guarding them), one of those states
//!   or one of their forward-ancestors. A check linked by validation edges
//!   stands where the state it guards stands; without this the failure
//!   rollback of such a side monitor could never be valid, and MF001 could
//!   never count it.
//! - *valid rollback target* for a source `s`: the start, or a phase with
//!   `safe` set, that comes before `s`.
//! - *SQL hazards* of a phase: what its SQL does that a zero-downtime plan
//!   has to watch for ([`crate::sql::hazard`]), read once for MF013 and
//!   MF014.

use crate::ancestry::Ancestry;
use crate::finding::{Finding, RuleId, Severity};
use crate::graph::{Components, PlanGraph};
use crate::plan::{EdgeKind, Node, NodeKind, PhaseTag, Plan};
use crate::sql::{hazards, Found, Hazard};
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use rustc_hash::FxHashSet;

/// Precomputed graph facts of one plan.
#[derive(Debug)]
pub struct Context<'p> {
    pub graph: PlanGraph<'p>,
    /// The condensation of the forward graph.
    pub forward: Components,
    /// Ancestry of every node the rollback edges target.
    pub ancestry: Ancestry,
    /// The SQL hazards of each phase that has any.
    pub sql_hazards: Vec<(&'p Node, Vec<Found>)>,
    /// Titles that more than one node has: a message naming such a node
    /// adds its id, or two findings could not be told apart.
    shared_titles: FxHashSet<&'p str>,
}

/// Why a rollback target is not valid for its source, in the order the
/// reasons are checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RollbackFault {
    /// The target is a check, a gate or an end, none of which is a state.
    NoState(NodeKind),
    /// The target is a phase marked as a point of no return.
    PointOfNoReturn,
    /// The target does not come before the source: the rollback points
    /// forward or sideways.
    ForwardOrSideways,
}

impl<'p> Context<'p> {
    pub fn new(plan: &'p Plan) -> Context<'p> {
        let graph = PlanGraph::new(plan);
        let forward = Components::of(&graph.forward());
        let rollback_targets: Vec<NodeIndex> = graph
            .graph()
            .edge_references()
            .filter(|edge| edge.weight().kind == EdgeKind::Rollback)
            .map(|edge| edge.target())
            .filter(|&target| graph.is_safe_state(target))
            .collect();
        let ancestry = Ancestry::new(&graph, &forward, rollback_targets);
        let sql_hazards = graph
            .nodes_of(NodeKind::Phase)
            .map(|(_, node)| (node, hazards(&node.sql)))
            .filter(|(_, found)| !found.is_empty())
            .collect();
        let mut seen = FxHashSet::default();
        let shared_titles = plan
            .nodes
            .values()
            .map(|node| node.title.trim())
            .filter(|title| !title.is_empty() && !seen.insert(*title))
            .collect();
        Context {
            graph,
            forward,
            ancestry,
            sql_hazards,
            shared_titles,
        }
    }

    /// How a message names `node`: its title in quotes, with its id when
    /// another node has the same title, or the id alone when it has none.
    pub fn quoted(&self, node: &Node) -> String {
        match node.title.trim() {
            "" => node.id.to_string(),
            title if self.shared_titles.contains(title) => format!("\"{title}\" ({})", node.id),
            title => format!("\"{title}\""),
        }
    }

    /// Why `target` is not a valid rollback target for `source`, if it is not.
    pub fn rollback_fault(&self, source: NodeIndex, target: NodeIndex) -> Option<RollbackFault> {
        let node = self.graph.node(target);
        if !node.is_state() {
            Some(RollbackFault::NoState(node.kind))
        } else if !self.graph.is_safe_state(target) {
            Some(RollbackFault::PointOfNoReturn)
        } else if !self.comes_before(target, source) {
            Some(RollbackFault::ForwardOrSideways)
        } else {
            None
        }
    }

    /// Whether the tracked node `target` comes before `source`.
    fn comes_before(&self, target: NodeIndex, source: NodeIndex) -> bool {
        self.ancestry.is_forward_ancestor(target, source)
            || self
                .validation_linked(source)
                .any(|state| state == target || self.ancestry.is_forward_ancestor(target, state))
    }

    /// The nodes that link to `node` by a validation edge.
    pub fn validation_linked(&self, node: NodeIndex) -> impl Iterator<Item = NodeIndex> + '_ {
        self.graph
            .in_edges(node, EdgeKind::Validation)
            .map(|(_, state)| state)
    }

    /// Whether a valid rollback target exists for `source` (other than
    /// `source` itself, which no edge may target).
    pub fn has_rollback_destination(&self, source: NodeIndex) -> bool {
        std::iter::once(source)
            .chain(self.validation_linked(source))
            .any(|node| self.ancestry.has_safe_state_at_or_before(node, source))
    }

    /// The targets of the valid rollback edges leaving `source`.
    pub fn valid_rollback_targets(
        &self,
        source: NodeIndex,
    ) -> impl Iterator<Item = NodeIndex> + '_ {
        self.graph
            .out_edges(source, EdgeKind::Rollback)
            .map(|(_, target)| target)
            .filter(move |&target| self.rollback_fault(source, target).is_none())
    }
}

/// How messages name a node: its title in quotes, or its id when untitled.
/// One finding of `rule` per SQL hazard that `wanted` picks in a phase
/// whose tag `checked` picks, e.g. `Expand phase "Add email": SQL line 2
/// drops column email` (MF013, MF014).
pub fn sql_findings(
    cx: &Context<'_>,
    (rule, severity): (RuleId, Severity),
    checked: impl Fn(PhaseTag) -> bool,
    wanted: impl Fn(&Hazard) -> bool,
    findings: &mut Vec<Finding>,
) {
    for (node, found) in &cx.sql_hazards {
        if !checked(node.phase) {
            continue;
        }
        let phase = match node.phase {
            PhaseTag::Custom => "Phase".to_string(),
            tag => format!("{} phase", tag.label()),
        };
        for found in found.iter().filter(|f| wanted(&f.hazard)) {
            findings.push(Finding {
                rule,
                severity,
                message: format!(
                    "{phase} {}: SQL line {} {}",
                    cx.quoted(node),
                    found.line,
                    found.hazard.describe()
                ),
                nodes: vec![node.id],
                edges: Vec::new(),
                hint: found.hazard.hint().to_string(),
                fix: found.hazard.fix(node.id),
                sql_line: Some(found.line),
                follows: None,
            });
        }
    }
}
