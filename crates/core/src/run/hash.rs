//! The content hash that pins a run's plan.
//!
//! Definition: FNV-1a (64 bits) over the compact JSON of the plan's title,
//! nodes and edges in id order, written as `fnv1a64:` and 16 hex digits.
//! Positions are left out: moving a node does not change the plan a run
//! executes, so it must not make the run view say the document changed.
//! The JSON is the format's own (`crate::json::to`), deterministic by construction
//! (maps ordered by id, fields in declaration order).
//!
//! FNV is a change detector, not a seal: it tells the run view that the
//! document was edited since, and the loader that a run file's pinned plan
//! is the one its log was written against. Someone who edits a file on
//! purpose can recompute it; without a server there is no one to stop them.

use crate::json::to::Object;
use crate::plan::{Edge, Node, Plan};

/// The pinned-plan hash of `plan`: of its title, nodes and edges as JSON.
pub fn plan_hash(plan: &Plan) -> String {
    let nodes: Vec<&Node> = plan.nodes.values().collect();
    let edges: Vec<&Edge> = plan.edges.values().collect();
    let hashed = Object::new()
        .with("title", &plan.title)
        .with("nodes", &nodes)
        .with("edges", &edges)
        .done();
    let text = crate::json::write(&hashed, false);
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("fnv1a64:{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::plan_hash;
    use crate::geometry::{Geometry, Point};
    use crate::templates;

    #[test]
    fn the_hash_follows_content_not_positions() {
        let mut doc = templates::all()[0].build();
        let before = plan_hash(&doc.plan);
        assert!(
            before.starts_with("fnv1a64:") && before.len() == 24,
            "{before}"
        );
        let first = *doc.plan.nodes.keys().next().unwrap();
        doc.layout.set_position(first, Some(Point::new(9.0, 9.0)));
        assert_eq!(plan_hash(&doc.plan), before);
        doc.plan.nodes.get_mut(&first).unwrap().notes.push('!');
        assert_ne!(plan_hash(&doc.plan), before);
    }
}
