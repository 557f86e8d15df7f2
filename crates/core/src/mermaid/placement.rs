//! Positions for imported nodes that come without one: a small layered
//! placement, so a hand-written flowchart opens readable. (The editor's
//! own automatic layout is [`crate::layout`]; this one only has to be
//! simple and deterministic.)
//!
//! Definition. The *rank* of a node is the length of the longest path to
//! it along forward and validation edges (rollbacks point backwards and are
//! ignored), computed in topological order: nodes are taken smallest id
//! first among those whose predecessors are all taken; when a cycle leaves
//! none, the smallest remaining id is taken anyway, and the edges from
//! nodes not yet taken do not count for it. A node of rank `r` that is the
//! `i`-th unplaced node of that rank (by id, from 0) goes to
//! `x = 80 + 240·r`, `y = top + 140·i`, where `top` is 80, or 140 below
//! the lowest node that already has a position.

use crate::geometry::{Geometry, Layout, Point};
use crate::id::NodeId;
use crate::plan::{EdgeKind, Plan};
use rustc_hash::{FxHashMap, FxHashSet};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

const ORIGIN: f64 = 80.0;
const RANK_SPACING: f64 = 240.0;
const ROW_SPACING: f64 = 140.0;

/// Gives every node of `plan` without a position in `layout` one.
pub(super) fn place_unpositioned(plan: &Plan, layout: &mut Layout) {
    let ranks = ranks(plan);
    let top = plan
        .nodes
        .keys()
        .filter_map(|&id| layout.position(id))
        .map(|p| p.y + ROW_SPACING)
        .fold(ORIGIN, f64::max);
    let mut rows_used: FxHashMap<usize, usize> = FxHashMap::default();
    for &id in plan.nodes.keys() {
        if layout.position(id).is_some() {
            continue;
        }
        let rank = ranks.get(&id).copied().unwrap_or(0);
        let row = rows_used.entry(rank).or_insert(0);
        let at = Point::new(
            ORIGIN + RANK_SPACING * rank as f64,
            top + ROW_SPACING * *row as f64,
        );
        *row += 1;
        layout.set_position(id, Some(at));
    }
}

/// The rank of every node. See the module doc.
fn ranks(plan: &Plan) -> FxHashMap<NodeId, usize> {
    let mut successors: FxHashMap<NodeId, Vec<NodeId>> = FxHashMap::default();
    let mut waiting_for: FxHashMap<NodeId, usize> = FxHashMap::default();
    for edge in plan.edges.values() {
        if edge.kind != EdgeKind::Rollback && edge.from != edge.to {
            successors.entry(edge.from).or_default().push(edge.to);
            *waiting_for.entry(edge.to).or_default() += 1;
        }
    }
    // The nodes in id order, and those placed: the smallest node not yet
    // placed is the first of `order` from `cursor` on that is not `done`.
    let order: Vec<NodeId> = plan.nodes.keys().copied().collect();
    let mut done: FxHashSet<NodeId> = FxHashSet::default();
    let remaining =
        |id: &NodeId, done: &FxHashSet<NodeId>| plan.nodes.contains_key(id) && !done.contains(id);
    let mut cursor = 0;
    let mut ready: BinaryHeap<Reverse<NodeId>> = order
        .iter()
        .filter(|id| !waiting_for.contains_key(id))
        .map(|&id| Reverse(id))
        .collect();
    let mut ranks: FxHashMap<NodeId, usize> = FxHashMap::default();
    loop {
        while cursor < order.len() && done.contains(&order[cursor]) {
            cursor += 1;
        }
        let Some(&smallest_remaining) = order.get(cursor) else {
            break;
        };
        let id = loop {
            match ready.pop() {
                Some(Reverse(id)) if remaining(&id, &done) => break id,
                Some(_) => continue,
                None => break smallest_remaining,
            }
        };
        done.insert(id);
        let rank = *ranks.entry(id).or_insert(0);
        for &next in successors.get(&id).into_iter().flatten() {
            if !remaining(&next, &done) {
                continue;
            }
            let best = ranks.entry(next).or_insert(0);
            *best = (*best).max(rank + 1);
            let waiting = waiting_for.entry(next).or_insert(1);
            *waiting -= 1;
            if *waiting == 0 {
                ready.push(Reverse(next));
            }
        }
    }
    ranks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::plan::NodeKind;

    fn positions(doc: &Document) -> Vec<(u32, f64, f64)> {
        doc.layout
            .positions
            .iter()
            .map(|(id, p)| (id.0, p.x, p.y))
            .collect()
    }

    #[test]
    fn ranks_follow_the_longest_forward_path_and_ignore_rollbacks() {
        let mut doc = Document::new("t");
        let at = Point::default();
        let [a, b, c, d] = ["a", "b", "c", "d"].map(|t| doc.add_node(NodeKind::Phase, t, at));
        doc.add_edge(EdgeKind::Forward, a, b, "");
        doc.add_edge(EdgeKind::Validation, b, c, "");
        doc.add_edge(EdgeKind::Forward, a, c, "");
        doc.add_edge(EdgeKind::Rollback, c, a, "");
        doc.add_edge(EdgeKind::Forward, a, d, "");
        doc.layout = Layout::default();
        place_unpositioned(&doc.plan, &mut doc.layout);
        assert_eq!(
            positions(&doc),
            [
                (1, 80.0, 80.0),
                (2, 320.0, 80.0),
                (3, 560.0, 80.0),
                (4, 320.0, 220.0)
            ]
        );
    }

    #[test]
    fn a_forward_cycle_still_places_every_node_once() {
        let mut doc = Document::new("t");
        let at = Point::default();
        let [a, b, c] = ["a", "b", "c"].map(|t| doc.add_node(NodeKind::Phase, t, at));
        doc.add_edge(EdgeKind::Forward, a, b, "");
        doc.add_edge(EdgeKind::Forward, b, c, "");
        doc.add_edge(EdgeKind::Forward, c, a, "");
        doc.layout = Layout::default();
        place_unpositioned(&doc.plan, &mut doc.layout);
        assert_eq!(
            positions(&doc),
            [(1, 80.0, 80.0), (2, 320.0, 80.0), (3, 560.0, 80.0)]
        );
    }

    #[test]
    fn new_nodes_go_below_placed_ones() {
        let mut doc = Document::new("t");
        let placed = doc.add_node(NodeKind::Phase, "placed", Point::new(500.0, 300.0));
        let new = doc.add_node(NodeKind::Phase, "new", Point::default());
        doc.layout.set_position(new, None);
        place_unpositioned(&doc.plan, &mut doc.layout);
        assert_eq!(doc.layout.at(placed), Point::new(500.0, 300.0));
        assert_eq!(doc.layout.at(new), Point::new(80.0, 440.0));
    }
}
