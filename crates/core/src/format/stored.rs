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
use crate::id::{EdgeId, NodeId};
use crate::pack::Pack;
use crate::plan::{Check, Edge, EdgeKind, Node, NodeKind};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// The value of the `format` field that marks a migraflow document.
pub(super) const FORMAT_MARKER: &str = "migraflow";

/// A document as written; field order is the order in the file.
#[derive(Serialize)]
pub(super) struct SavedDocument<'a> {
    format: &'static str,
    schema_version: u32,
    title: &'a str,
    /// Left out for left to right, which is what a document without it
    /// means (it came before the choice).
    #[serde(skip_serializing_if = "Option::is_none")]
    direction: Option<&'static str>,
    /// Left out for `migration`, which is what a document without it means.
    #[serde(skip_serializing_if = "Option::is_none")]
    pack: Option<&'static str>,
    nodes: Vec<SavedNode<'a>>,
    edges: Vec<&'a Edge>,
}

/// A node as written: its serde form plus its position.
struct SavedNode<'a> {
    node: &'a Node,
    x: f64,
    y: f64,
}

impl Serialize for SavedNode<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        crate::json::placed_node(self.node, self.x, self.y).serialize(serializer)
    }
}

impl<'a> SavedDocument<'a> {
    /// Nodes and edges in id order; a node without a position is written at
    /// the origin.
    pub(super) fn new(doc: &'a Document) -> SavedDocument<'a> {
        SavedDocument {
            format: FORMAT_MARKER,
            schema_version: CURRENT_VERSION,
            title: &doc.plan.title,
            direction: (doc.layout.direction != Direction::LeftRight)
                .then(|| doc.layout.direction.as_str()),
            pack: (!doc.plan.pack.is_migration()).then(|| doc.plan.pack.as_str()),
            nodes: doc
                .plan
                .nodes
                .values()
                .map(|node| {
                    let at = doc.layout.at(node.id);
                    SavedNode {
                        node,
                        x: at.x,
                        y: at.y,
                    }
                })
                .collect(),
            edges: doc.plan.edges.values().collect(),
        }
    }
}

/// The top level of a current-schema document, its lists left unread.
#[derive(Deserialize)]
struct ReadTopLevel {
    #[serde(default)]
    title: String,
    /// An unknown direction is not worth refusing a plan for: it reads as
    /// the default.
    #[serde(default)]
    direction: Value,
    /// Like the direction: an unknown pack reads as the default.
    #[serde(default)]
    pack: Value,
    nodes: Vec<Value>,
    edges: Vec<Value>,
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
        let top: ReadTopLevel = deserialize_at(value, &json!({"nodes": [], "edges": []}), "")?;
        if top.nodes.len() > MAX_NODES {
            return Err(LoadError::invalid(
                format!(
                    "it has {} nodes, and migraflow opens documents of at most {MAX_NODES} nodes",
                    top.nodes.len()
                ),
                "nodes",
            ));
        }
        if top.edges.len() > MAX_EDGES {
            return Err(LoadError::invalid(
                format!(
                    "it has {} edges, and migraflow opens documents of at most {MAX_EDGES} edges",
                    top.edges.len()
                ),
                "edges",
            ));
        }
        let (good_node, good_edge) = (good_node(), good_edge());
        let nodes = top
            .nodes
            .into_iter()
            .enumerate()
            .map(|(index, value)| read_node(value, &good_node, &format!("nodes[{index}]")))
            .collect::<Result<_, _>>()?;
        let edges = top
            .edges
            .into_iter()
            .enumerate()
            .map(|(index, value)| read_edge(value, &good_edge, &format!("edges[{index}]")))
            .collect::<Result<_, _>>()?;
        Ok(ReadDocument {
            title: top.title,
            direction: top
                .direction
                .as_str()
                .and_then(Direction::from_name)
                .unwrap_or_default(),
            pack: top.pack.as_str().and_then(Pack::parse).unwrap_or_default(),
            nodes,
            edges,
        })
    }
}

/// Splits the coordinates off a node object, then reads the rest as a
/// [`Node`]; coordinates are judged later, by repair, not refused here.
fn read_node(value: Value, good: &Value, path: &str) -> Result<ReadNode, LoadError> {
    let mut fields = expect_object(value, path)?;
    let x = fields.remove("x");
    let y = fields.remove("y");
    let node = deserialize_at(Value::Object(fields), good, path)?;
    Ok(ReadNode { node, x, y })
}

fn read_edge(value: Value, good: &Value, path: &str) -> Result<Edge, LoadError> {
    deserialize_at(Value::Object(expect_object(value, path)?), good, path)
}

/// A node that reads, with one check so that an error inside a check can
/// be blamed on its field.
fn good_node() -> Value {
    let node = Node {
        checks: vec![Check::default()],
        ..Node::new(NodeId(1), NodeKind::Verification, "")
    };
    serde_json::to_value(node).expect("a node serializes")
}

/// An edge that reads.
fn good_edge() -> Value {
    let edge = Edge::new(EdgeId(1), EdgeKind::Forward, NodeId(1), NodeId(2));
    serde_json::to_value(edge).expect("an edge serializes")
}

/// Nodes and edges must be objects: serde would also accept a struct
/// written as a list of its fields in order, which migraflow never writes.
fn expect_object(value: Value, path: &str) -> Result<Map<String, Value>, LoadError> {
    match value {
        Value::Object(fields) => Ok(fields),
        other => Err(LoadError::invalid(
            format!("expected an object, found {}", describe_value(&other)),
            path,
        )),
    }
}

/// Deserializes `value`, found at JSON path `path`, into `T`; an error
/// carries the full path of the offending field, found against `good`, a
/// value that reads as a `T`.
fn deserialize_at<T: DeserializeOwned>(
    value: Value,
    good: &Value,
    path: &str,
) -> Result<T, LoadError> {
    crate::json::read_blaming(value, good)
        .map_err(|err| LoadError::invalid(err.message.clone(), err.path_from(path)))
}
