//! Copy and paste of parts of a plan.
//!
//! A [`Fragment`] is the selected nodes, their positions and the edges
//! between them (edges to nodes left behind are not copied). Pasting gives
//! every node and edge a fresh id, offsets the positions, and returns one
//! undoable [`Edit::Batch`]. On the system clipboard a fragment is JSON
//! with a marker, so pasting anything else is recognised and refused.

use crate::edit::Edit;
use crate::geometry::{Geometry, Point};
use crate::id::{EdgeId, NodeId};
use crate::id_set::IdSet;
use crate::json::from::{Fields, FromJson};
use crate::json::to::{Object, ToJson};
use crate::json::ReadError;
use crate::plan::{Edge, Node, Plan};
use rustc_hash::FxHashMap;
use serde_json::Value;

/// The marker a clipboard fragment carries.
const MARKER: &str = "migraflow-fragment";

/// Pasted text larger than this is not even parsed.
const MAX_TEXT: usize = 5 * 1024 * 1024;

/// A node and its position, written as one object (the node's fields plus
/// `x` and `y`), as in a saved document.
#[derive(Clone, Debug, PartialEq)]
struct PlacedNode {
    node: Node,
    x: f64,
    y: f64,
}

impl ToJson for PlacedNode {
    fn to_json(&self) -> Value {
        crate::json::placed_node(&self.node, self.x, self.y)
    }
}

/// Read by hand (see `crate::json::from`): the coordinates are taken out
/// and the rest is read as a [`Node`]. Written by
/// [`crate::json::placed_node`].
impl FromJson for PlacedNode {
    fn from_json(value: &Value) -> Result<PlacedNode, ReadError> {
        let f = Fields::of(value, "PlacedNode")?;
        Ok(PlacedNode {
            x: f.get("x")?,
            y: f.get("y")?,
            node: Node::from_json(value)?,
        })
    }
}

/// Copied nodes with their positions and the edges among them.
#[derive(Clone, Debug, PartialEq)]
pub struct Fragment {
    format: String,
    nodes: Vec<PlacedNode>,
    edges: Vec<Edge>,
}

impl ToJson for Fragment {
    fn to_json(&self) -> Value {
        Object::new()
            .with("format", &self.format)
            .with("nodes", &self.nodes)
            .with("edges", &self.edges)
            .done()
    }
}

impl FromJson for Fragment {
    fn from_json(value: &Value) -> Result<Fragment, ReadError> {
        let f = Fields::of(value, "Fragment")?;
        Ok(Fragment {
            format: f.get("format")?,
            nodes: f.get("nodes")?,
            edges: f.get("edges")?,
        })
    }
}

impl Fragment {
    /// Copies `ids` (unknown ids are skipped) and the edges among them.
    pub fn copy(plan: &Plan, geo: &dyn Geometry, ids: &IdSet<NodeId>) -> Fragment {
        let nodes = ids
            .iter()
            .filter_map(|id| plan.node(*id))
            .map(|n| {
                let at = geo.position(n.id).unwrap_or_default();
                PlacedNode {
                    node: n.clone(),
                    x: at.x,
                    y: at.y,
                }
            })
            .collect();
        let edges = plan
            .edges
            .values()
            .filter(|e| ids.contains(&e.from) && ids.contains(&e.to))
            .cloned()
            .collect();
        Fragment {
            format: MARKER.to_string(),
            nodes,
            edges,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub fn to_text(&self) -> String {
        crate::json::write(self, false)
    }

    /// Reads clipboard text; `Err` says why it is not a fragment.
    pub fn from_text(text: &str) -> Result<Fragment, String> {
        if text.len() > MAX_TEXT {
            return Err("the clipboard text is too large to be copied nodes".into());
        }
        let fragment: Fragment = crate::json::from::from_text(text.trim())
            .map_err(|_| "the clipboard holds no migraflow nodes".to_string())?;
        if fragment.format != MARKER {
            return Err("the clipboard holds no migraflow nodes".into());
        }
        let finite = fragment
            .nodes
            .iter()
            .all(|n| n.x.is_finite() && n.y.is_finite());
        if !finite {
            return Err("the copied nodes have unusable positions".into());
        }
        Ok(fragment)
    }

    /// The edit that pastes the fragment into `plan` shifted by `offset`,
    /// and the ids the pasted nodes get.
    pub fn paste(&self, plan: &Plan, offset: Point) -> (Edit, Vec<NodeId>) {
        let mut next_edge = plan.next_edge_id().0;
        let mut ids: FxHashMap<NodeId, NodeId> = FxHashMap::default();
        let mut edits = Vec::new();
        let mut pasted = Vec::new();
        for (number, placed) in (plan.next_node_id().0..).zip(&self.nodes) {
            let id = NodeId(number);
            ids.insert(placed.node.id, id);
            pasted.push(id);
            edits.push(Edit::AddNode {
                node: Node {
                    id,
                    ..placed.node.clone()
                },
                at: Point::new(placed.x + offset.x, placed.y + offset.y),
            });
        }
        for edge in &self.edges {
            // A hand-edited fragment may name nodes it does not carry.
            let (Some(from), Some(to)) = (ids.get(&edge.from), ids.get(&edge.to)) else {
                continue;
            };
            edits.push(Edit::AddEdge(Edge {
                id: EdgeId(next_edge),
                from: *from,
                to: *to,
                ..edge.clone()
            }));
            next_edge += 1;
        }
        (Edit::Batch(edits), pasted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::plan::{EdgeKind, NodeKind};

    fn sample() -> (Document, NodeId, NodeId, NodeId) {
        let mut d = Document::new("t");
        let a = d.add_node(NodeKind::Phase, "Expand", Point::new(0.0, 0.0));
        let b = d.add_node(NodeKind::Verification, "Check", Point::new(240.0, 0.0));
        let c = d.add_node(NodeKind::End, "Done", Point::new(480.0, 0.0));
        d.add_edge(EdgeKind::Forward, a, b, "ok");
        d.add_edge(EdgeKind::Forward, b, c, "");
        (d, a, b, c)
    }

    #[test]
    fn pasting_copies_nodes_and_inner_edges_under_fresh_ids() {
        let (mut doc, a, b, _) = sample();
        let fragment = Fragment::copy(&doc.plan, &doc.layout, &IdSet::from([a, b]));
        let text = fragment.to_text();
        let (edit, pasted) = Fragment::from_text(&text)
            .unwrap()
            .paste(&doc.plan, Point::new(20.0, 40.0));
        let before = doc.clone();
        let undo = edit.apply_to(&mut doc).unwrap();
        assert_eq!(pasted, [NodeId(4), NodeId(5)]);
        assert_eq!(doc.plan.node(NodeId(4)).unwrap().title, "Expand");
        assert_eq!(doc.layout.at(NodeId(5)), Point::new(260.0, 40.0));
        // Only the edge between the two copied nodes came along.
        let new_edges: Vec<_> = doc
            .plan
            .edges
            .values()
            .filter(|e| e.from == NodeId(4))
            .collect();
        assert_eq!(new_edges.len(), 1);
        assert_eq!(
            (new_edges[0].to, new_edges[0].label.as_str()),
            (NodeId(5), "ok")
        );
        assert_eq!(doc.plan.edges.len(), 3);
        undo.apply_to(&mut doc).unwrap();
        assert_eq!(doc, before);
    }

    #[test]
    fn anything_else_on_the_clipboard_is_refused() {
        for text in [
            "",
            "hello",
            "{}",
            "[1,2]",
            r#"{"format":"other","nodes":[],"edges":[]}"#,
            "<script>alert(1)</script>",
        ] {
            assert!(Fragment::from_text(text).is_err(), "{text:?}");
        }
        let bad_position = r#"{"format":"migraflow-fragment","nodes":[{"id":1,"kind":"phase","x":1e999,"y":0}],"edges":[]}"#;
        assert!(Fragment::from_text(bad_position).is_err());
    }
}
