//! Flow order: the order in which the keyboard walks a plan (Tab and
//! Shift+Tab on the canvas), so that a plan reads as it flows and not in
//! the order its nodes happened to be created.
//!
//! Definition. A breadth-first walk along the edges that carry the flow
//! forward — forward edges first, then validation edges, each kind in id
//! order — started from each start node in id order, then from each node
//! not yet reached, in id order (an island stays together). A node is
//! listed when first reached; right after it come the edges that leave it:
//! forward, then validation, then rollback, each kind in id order. Every
//! node and every edge whose source exists is listed exactly once; an edge
//! whose source is missing (a broken import) is not listed.
//!
//! Linear: one pass to index the edges by source, one walk.

use crate::id::{EdgeId, NodeId};
use crate::plan::{EdgeKind, NodeKind, Plan};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::VecDeque;

/// A node or an edge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Item {
    Node(NodeId),
    Edge(EdgeId),
}

/// The rank of an edge kind among the edges leaving a node.
fn rank(kind: EdgeKind) -> u8 {
    match kind {
        EdgeKind::Forward => 0,
        EdgeKind::Validation => 1,
        EdgeKind::Rollback => 2,
    }
}

/// The plan's nodes and edges in flow order (see the module doc).
pub fn flow_order(plan: &Plan) -> Vec<Item> {
    // Edges by source, sorted by (kind rank, id).
    let mut leaving: FxHashMap<NodeId, Vec<(u8, EdgeId, NodeId)>> = FxHashMap::default();
    for edge in plan.edges.values() {
        leaving
            .entry(edge.from)
            .or_default()
            .push((rank(edge.kind), edge.id, edge.to));
    }
    for edges in leaving.values_mut() {
        edges.sort_by_key(|&(rank, id, _)| (rank, id));
    }
    let starts = plan
        .nodes
        .values()
        .filter(|n| n.kind == NodeKind::Start)
        .map(|n| n.id);
    let seeds = starts.chain(plan.nodes.keys().copied());
    let mut order = Vec::with_capacity(plan.nodes.len() + plan.edges.len());
    let mut seen = FxHashSet::default();
    let mut queue = VecDeque::new();
    for seed in seeds {
        if !seen.insert(seed) {
            continue;
        }
        queue.push_back(seed);
        while let Some(node) = queue.pop_front() {
            order.push(Item::Node(node));
            let edges = leaving.get(&node).map(Vec::as_slice).unwrap_or_default();
            for &(rank, id, to) in edges {
                order.push(Item::Edge(id));
                let carries_flow = rank < 2;
                if carries_flow && plan.nodes.contains_key(&to) && seen.insert(to) {
                    queue.push_back(to);
                }
            }
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::geometry::Point;
    use expect_test::expect;

    fn names(doc: &Document) -> String {
        let plan = &doc.plan;
        flow_order(plan)
            .iter()
            .map(|item| match *item {
                Item::Node(id) => plan.nodes[&id].title.clone(),
                Item::Edge(id) => {
                    let e = &plan.edges[&id];
                    format!("{}→{}", plan.nodes[&e.from].title, plan.nodes[&e.to].title)
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Created backwards, with a branch, a rollback, a check on the side
    /// and an island: the order follows the flow, not the ids.
    #[test]
    fn the_walk_follows_the_flow_not_creation_order() {
        let mut d = Document::new("t");
        let at = Point::new(0.0, 0.0);
        d.add_node(NodeKind::Phase, "Island", at);
        let done = d.add_node(NodeKind::End, "Done", at);
        let abort = d.add_node(NodeKind::End, "Aborted", at);
        let gate = d.add_node(NodeKind::Gate, "Gate", at);
        let check = d.add_node(NodeKind::Verification, "Check", at);
        let expand = d.add_node(NodeKind::Phase, "Expand", at);
        let start = d.add_node(NodeKind::Start, "Start", at);
        d.add_edge(EdgeKind::Rollback, gate, expand, "no-go");
        d.add_edge(EdgeKind::Forward, gate, abort, "no-go");
        d.add_edge(EdgeKind::Forward, gate, done, "go");
        d.add_edge(EdgeKind::Validation, expand, check, "");
        d.add_edge(EdgeKind::Forward, expand, gate, "");
        d.add_edge(EdgeKind::Forward, start, expand, "");
        expect!["Start, Start→Expand, Expand, Expand→Gate, Expand→Check, Gate, Gate→Aborted, Gate→Done, Gate→Expand, Check, Aborted, Done, Island"]
            .assert_eq(&names(&d));
    }

    #[test]
    fn every_item_is_listed_once_on_every_template() {
        for t in crate::templates::all() {
            let doc = t.build();
            let plan = &doc.plan;
            let order = flow_order(plan);
            let unique: std::collections::BTreeSet<_> =
                order.iter().map(|i| format!("{i:?}")).collect();
            assert_eq!(unique.len(), order.len(), "{}", t.id);
            assert_eq!(order.len(), plan.nodes.len() + plan.edges.len(), "{}", t.id);
            assert_eq!(
                order.first(),
                Some(&Item::Node(
                    plan.nodes
                        .values()
                        .find(|n| n.kind == NodeKind::Start)
                        .unwrap()
                        .id
                ))
            );
        }
    }
}
