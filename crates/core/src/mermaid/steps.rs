//! The order and the stages the views walk a plan in.
//!
//! - [`steps`]: every node once, in the runbook's step order
//!   ([`crate::markdown::runbook`]: each node after the nodes that lead to
//!   it by forward or validation edges, non-ends first, then by id), then
//!   the nodes on a forward cycle or not reached, in id order.
//! - [`stages`]: those steps cut into stages for the Gantt's sections and
//!   the timeline's: a phase whose tag differs from the stage so far opens
//!   a stage named by the tag (`Expand`, `Dual-write`…); every other step
//!   stays in the stage it follows; steps before any phase are in `Start`.
//!   Stage names are fixed words, never user text.
//! - [`earlier_sources`]: the steps a step waits for, for the Gantt's
//!   `after`: the sources of its forward and validation edges that come
//!   before it in [`steps`].

use crate::id::NodeId;
use crate::markdown::runbook::step_order;
use crate::plan::{EdgeKind, Node, NodeKind, Plan};
use rustc_hash::FxHashMap;

/// Every node of `plan` once, in step order (see the module doc).
pub(super) fn steps(plan: &Plan) -> Vec<&Node> {
    let (mut order, rest) = step_order(plan);
    order.extend(rest);
    order.iter().filter_map(|&id| plan.node(id)).collect()
}

/// [`steps`] cut into named stages (see the module doc).
pub(super) fn stages<'p>(steps: &[&'p Node]) -> Vec<(&'static str, Vec<&'p Node>)> {
    let mut out: Vec<(&'static str, Vec<&Node>)> = Vec::new();
    for &node in steps {
        let opens = match (node.phase_tag(), out.last()) {
            (Some(tag), Some((name, _))) => tag.label() != *name,
            (Some(_), None) => true,
            (None, last) => last.is_none(),
        };
        if opens {
            let name = node.phase_tag().map_or("Start", |tag| tag.label());
            out.push((name, Vec::new()));
        }
        if let Some((_, stage)) = out.last_mut() {
            stage.push(node);
        }
    }
    out
}

/// For each step, the sources of its forward and validation edges that
/// come before it in `steps`, in step order.
pub(super) fn earlier_sources(plan: &Plan, steps: &[&Node]) -> FxHashMap<NodeId, Vec<NodeId>> {
    let place: FxHashMap<NodeId, usize> =
        steps.iter().enumerate().map(|(i, n)| (n.id, i)).collect();
    let mut out: FxHashMap<NodeId, Vec<NodeId>> = FxHashMap::default();
    for edge in plan.edges.values().filter(|e| e.kind != EdgeKind::Rollback) {
        if let (Some(from), Some(to)) = (place.get(&edge.from), place.get(&edge.to)) {
            if from < to {
                out.entry(edge.to).or_default().push(edge.from);
            }
        }
    }
    for sources in out.values_mut() {
        sources.sort_by_key(|id| place[id]);
        sources.dedup();
    }
    out
}

/// Whether `node` is a phase that is not safe to roll back to: a point of
/// no return (SPEC §1).
pub(super) fn is_no_return(node: &Node) -> bool {
    node.kind == NodeKind::Phase && !node.safe
}
