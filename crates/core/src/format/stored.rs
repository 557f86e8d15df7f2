//! The on-disk shape of the current schema, in both directions.
//!
//! Written: [`SavedDocument`] borrows the document and serializes to
//! exactly the schema described in [`crate::format`]. Read:
//! [`ReadDocument::from_value`] takes a current-schema JSON value apart into
//! nodes and edges *as written*, duplicates and bad coordinates included,
//! for [`super::repair`] to judge. Each node and edge is deserialized on its
//! own so that an error names its element (`nodes[2].kind`), and so that
//! the size caps are checked before any element is read.

use super::error::LoadError;
use super::identify::describe_value;
use super::limits::{MAX_EDGES, MAX_NODES};
use super::CURRENT_VERSION;
use crate::document::Document;
use crate::geometry::Direction;
use crate::json::from::{wrong_type, Fields, FromJson};
use crate::json::to::{Object, ToJson};
use crate::json::ReadError;
use crate::pack::Pack;
use crate::plan::{Edge, Node};
use serde_json::Value;

/// The value of the `format` field that marks a migraflow document.
pub(super) const FORMAT_MARKER: &str = "migraflow";

/// A document as written: its fields in the order of the file, nodes and
/// edges in id order; a node without a position is written at the origin.
pub(super) struct SavedDocument<'a>(pub &'a Document);

impl ToJson for SavedDocument<'_> {
    fn to_json(&self) -> Value {
        let doc = self.0;
        let nodes: Vec<Value> = doc
            .plan
            .nodes
            .values()
            .map(|node| {
                let at = doc.layout.at(node.id);
                crate::json::placed_node(node, at.x, at.y)
            })
            .collect();
        let edges: Vec<&Edge> = doc.plan.edges.values().collect();
        Object::new()
            .with("format", FORMAT_MARKER)
            .with("schema_version", &CURRENT_VERSION)
            .with("title", &doc.plan.title)
            // Left out for left to right, which is what a document
            // without it means (it came before the choice).
            .unless(
                doc.layout.direction == Direction::LeftRight,
                "direction",
                doc.layout.direction.as_str(),
            )
            // Left out for `migration`, which is what a document without
            // it means.
            .unless(doc.plan.pack.is_migration(), "pack", &doc.plan.pack)
            .with("nodes", &nodes)
            .with("edges", &edges)
            .done()
    }
}

/// A node as read, before repair: its coordinates are whatever JSON the
/// file held under `x` and `y` (`None` when the key is absent).
pub(super) struct ReadNode {
    pub node: Node,
    pub x: Option<Value>,
    pub y: Option<Value>,
}

/// A current-schema document as read, in file order, before repair.
pub(super) struct ReadDocument {
    pub title: String,
    pub direction: Direction,
    pub pack: Pack,
    pub nodes: Vec<ReadNode>,
    pub edges: Vec<Edge>,
}

impl ReadDocument {
    /// Reads a current-schema value. Refuses (never half-reads) a value with
    /// a missing required field, a field of the wrong type, an unknown kind
    /// or tag, or more nodes or edges than the caps allow.
    pub(super) fn from_value(value: Value) -> Result<ReadDocument, LoadError> {
        let at_top = |err: ReadError| LoadError::invalid(err.message.clone(), err.path_from(""));
        let top = Fields::of(&value, "ReadTopLevel").map_err(at_top)?;
        let title: String = top.or("title").map_err(at_top)?;
        let nodes: &Vec<Value> = list(&value, "nodes")?;
        let edges: &Vec<Value> = list(&value, "edges")?;
        if nodes.len() > MAX_NODES {
            return Err(LoadError::invalid(
                format!(
                    "it has {} nodes, and migraflow opens documents of at most {MAX_NODES} nodes",
                    nodes.len()
                ),
                "nodes",
            ));
        }
        if edges.len() > MAX_EDGES {
            return Err(LoadError::invalid(
                format!(
                    "it has {} edges, and migraflow opens documents of at most {MAX_EDGES} edges",
                    edges.len()
                ),
                "edges",
            ));
        }
        let nodes = nodes
            .iter()
            .enumerate()
            .map(|(index, value)| read_node(value, &format!("nodes[{index}]")))
            .collect::<Result<_, _>>()?;
        let edges = edges
            .iter()
            .enumerate()
            .map(|(index, value)| read_at(value, &format!("edges[{index}]")))
            .collect::<Result<_, _>>()?;
        // An unknown direction or pack is not worth refusing a plan for:
        // it reads as the default.
        let name = |key: &str| value.get(key).and_then(Value::as_str);
        Ok(ReadDocument {
            title,
            direction: name("direction")
                .and_then(Direction::from_name)
                .unwrap_or_default(),
            pack: name("pack").and_then(Pack::parse).unwrap_or_default(),
            nodes,
            edges,
        })
    }
}

/// The list under `key` of the document's top level, which must be there:
/// read before its elements, so the size caps are checked first.
fn list<'a>(value: &'a Value, key: &str) -> Result<&'a Vec<Value>, LoadError> {
    match value.get(key) {
        Some(Value::Array(items)) => Ok(items),
        Some(other) => Err(LoadError::invalid(
            wrong_type(other, "a sequence").message,
            key,
        )),
        None => Err(LoadError::invalid(format!("missing field `{key}`"), "")),
    }
}

/// Reads the node at `path`, keeping its coordinates apart: they are judged
/// later, by repair, not refused here.
fn read_node(value: &Value, path: &str) -> Result<ReadNode, LoadError> {
    let node = read_at(value, path)?;
    Ok(ReadNode {
        node,
        x: value.get("x").cloned(),
        y: value.get("y").cloned(),
    })
}

/// Reads a `T` out of `value`, found at JSON path `path`; an error carries
/// the full path of the offending field. Nodes and edges must be objects.
fn read_at<T: FromJson>(value: &Value, path: &str) -> Result<T, LoadError> {
    if !value.is_object() {
        return Err(LoadError::invalid(
            format!("expected an object, found {}", describe_value(value)),
            path,
        ));
    }
    T::from_json(value).map_err(|err| LoadError::invalid(err.message.clone(), err.path_from(path)))
}
