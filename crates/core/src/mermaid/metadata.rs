//! The `%% migraflow: {…}` comment lines: what Mermaid has no syntax for.
//!
//! Mermaid drops `%%` lines before parsing, so they ride along without
//! changing the picture. Two kinds of line, told apart by their keys:
//! - document: `{"format":1,"title":"…"}`, plus `"edge_ids":[…]` when the
//!   edges' ids are not simply 1, 2, 3… in the order they are written, and
//!   `"pack":"flow"` for a pack other than `migration`;
//! - node: `{"node":"n3","x":…,"y":…, …}` followed by every field of
//!   [`Node`] that the Mermaid line does not show (id, kind and title are
//!   shown; so is the phase tag of a phase, and the stage, by the
//!   `subgraph` the node is in). A field at its default is left
//!   out, as in the JSON document. An empty title, which Mermaid cannot
//!   show, is written as `"title":""`.
//!
//! The JSON is one line (serde_json's compact form escapes newlines) and
//! cannot end the comment or start a directive: every `%` and every
//! invisible character (see [`super::escape::is_invisible`]) inside a
//! string is written as a `\uXXXX` escape, so `%%{init…}%%` cannot appear.

use super::escape::is_invisible;
use crate::geometry::Point;
use crate::id::EdgeId;
use crate::json::from::{Fields, FromJson};
use crate::json::to::{Object, ToJson};
use crate::json::ReadError;
use crate::pack::Pack;
use crate::plan::{Node, NodeKind};
use serde_json::{Map, Value};
use std::fmt::Write;

/// The version of this convention. A text written by a newer one is refused.
pub(super) const FORMAT: u32 = 1;

/// What follows `%%` (after optional spaces) on a metadata line.
pub(super) const MARKER: &str = "migraflow:";

/// The document's line.
#[derive(Debug)]
pub(super) struct DocumentMeta {
    pub format: u32,
    pub title: String,
    pub edge_ids: Option<Vec<EdgeId>>,
    /// The rule pack, left out for `migration`; an unknown one reads as
    /// `migration`, as in the JSON format, rather than costing the line.
    pub pack: Pack,
}

impl ToJson for DocumentMeta {
    fn to_json(&self) -> Value {
        Object::new()
            .with("format", &self.format)
            .with("title", &self.title)
            .unless(self.edge_ids.is_none(), "edge_ids", &self.edge_ids)
            .unless(self.pack.is_migration(), "pack", &self.pack)
            .done()
    }
}

/// Read by hand (see `crate::json::from`).
impl FromJson for DocumentMeta {
    fn from_json(value: &Value) -> Result<DocumentMeta, ReadError> {
        let f = Fields::of(value, "DocumentMeta")?;
        Ok(DocumentMeta {
            format: f.get("format")?,
            title: f.or("title")?,
            edge_ids: f.get("edge_ids")?,
            pack: value
                .get("pack")
                .and_then(Value::as_str)
                .and_then(Pack::parse)
                .unwrap_or_default(),
        })
    }
}

/// A node's line.
#[derive(Debug)]
pub(super) struct NodeMeta {
    /// The node's Mermaid id.
    pub node: String,
    pub x: Option<f64>,
    pub y: Option<f64>,
    /// Node fields by their JSON name, sorted by name ([`Map::sort_keys`]),
    /// so the output does not depend on the order they were found in. A
    /// `Map` sorted rather than a `BTreeMap`, which cost the wasm a B-tree
    /// of its own (size).
    pub fields: Map<String, Value>,
}

/// Written by hand, like it is read: `node`, then `x` and `y` when known,
/// then the node fields in key order.
impl ToJson for NodeMeta {
    fn to_json(&self) -> Value {
        let mut object = Map::new();
        object.insert("node".to_owned(), Value::from(self.node.as_str()));
        for (axis, at) in [("x", self.x), ("y", self.y)] {
            if let Some(at) = at {
                let at = crate::geometry::stored_coordinate(at);
                object.insert(axis.to_owned(), Value::from(at));
            }
        }
        object.extend(self.fields.iter().map(|(k, v)| (k.clone(), v.clone())));
        Value::Object(object)
    }
}

/// Read by hand (see `crate::json::from`): `node`, `x` and `y` are taken
/// out, and every other key is a node field.
impl FromJson for NodeMeta {
    fn from_json(value: &Value) -> Result<NodeMeta, ReadError> {
        let f = Fields::of(value, "NodeMeta")?;
        let node = f.get("node")?;
        let (x, y) = (f.get("x")?, f.get("y")?);
        let mut fields = value.as_object().cloned().unwrap_or_default();
        for key in ["node", "x", "y"] {
            fields.remove(key);
        }
        fields.sort_keys();
        Ok(NodeMeta { node, x, y, fields })
    }
}

/// One parsed metadata line.
#[derive(Debug)]
pub(super) enum Meta {
    Document(DocumentMeta),
    Node(NodeMeta),
}

/// Node fields the Mermaid line already shows, for a node of `kind`.
fn shown_by_mermaid(field: &str, kind: NodeKind) -> bool {
    // The stage is the subgraph the node is in.
    matches!(field, "id" | "kind" | "title" | "stage")
        || (field == "phase" && kind == NodeKind::Phase)
}

impl NodeMeta {
    /// The metadata of `node`, which sits at `at`.
    pub fn of(node: &Node, at: Option<Point>) -> NodeMeta {
        let Value::Object(all) = node.to_json() else {
            unreachable!("a Node serializes to a JSON object");
        };
        let mut fields: Map<String, Value> = all
            .into_iter()
            .filter(|(field, _)| !shown_by_mermaid(field, node.kind))
            .collect();
        if node.title.is_empty() {
            fields.insert("title".to_owned(), Value::String(String::new()));
        }
        fields.sort_keys();
        NodeMeta {
            node: node.id.to_string(),
            x: at.map(|p| p.x),
            y: at.map(|p| p.y),
            fields,
        }
    }

    /// Whether the metadata says the title is empty (see the module doc).
    pub fn says_title_empty(&self) -> bool {
        self.fields.get("title").is_some_and(|t| t == "")
    }

    pub fn position(&self) -> Option<Point> {
        Some(Point::new(self.x?, self.y?))
    }

    /// `base` (built from the Mermaid line) with the fields of this
    /// metadata applied, except those the Mermaid line shows.
    pub fn apply_to(&self, base: Node) -> Result<Node, String> {
        let kind = base.kind;
        let mut value = base.to_json();
        if let Value::Object(object) = &mut value {
            for (field, field_value) in &self.fields {
                if !shown_by_mermaid(field, kind) {
                    object.insert(field.clone(), field_value.clone());
                }
            }
        }
        Node::from_json(&value).map_err(|e| e.to_string())
    }
}

/// The comment line for `meta`: `%% migraflow: {…}`.
pub(super) fn comment_line(meta: &impl ToJson) -> String {
    let json = crate::json::write(meta, false);
    let mut line = format!("%% {MARKER} ");
    for c in json.chars() {
        // Outside strings the JSON is ASCII punctuation, digits and our own
        // keys, so every such character is inside a string, where a
        // `\uXXXX` escape means the same.
        if c == '%' || is_invisible(c) {
            let _ = write!(line, "\\u{:04x}", u32::from(c));
        } else {
            line.push(c);
        }
    }
    line
}

/// Parses the JSON after the marker.
pub(super) fn parse(json: &str) -> Result<Meta, String> {
    let value = crate::json::parse(json).map_err(|e| e.to_string())?;
    let is_node = value.get("node").is_some();
    let is_document = value.get("format").is_some();
    if is_node {
        NodeMeta::from_json(&value).map(Meta::Node)
    } else if is_document {
        DocumentMeta::from_json(&value).map(Meta::Document)
    } else {
        return Err("it has neither a \"node\" nor a \"format\" key".to_owned());
    }
    .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id::NodeId;
    use crate::plan::{Check, CheckKind, PhaseTag};
    use expect_test::expect;

    #[test]
    fn percent_and_invisible_characters_are_escaped() {
        let mut node = Node::new(NodeId(3), NodeKind::Phase, "");
        node.notes = "%%{init: {}}%%\u{2028}\u{202e}\n".to_owned();
        expect![[r#"%% migraflow: {"node":"n3","x":1.5,"y":-2.0,"notes":"\u0025\u0025{init: {}}\u0025\u0025\u2028\u202e\n","title":""}"#]]
            .assert_eq(&comment_line(&NodeMeta::of(&node, Some(Point::new(1.5, -2.0)))));
    }

    #[test]
    fn a_node_survives_its_metadata() {
        let mut node = Node::new(NodeId(9), NodeKind::Verification, "Row counts");
        node.phase = PhaseTag::Backfill;
        node.safe = false;
        node.checks = vec![Check {
            kind: CheckKind::RowCount,
            name: "rows".to_owned(),
            threshold: "equal".to_owned(),
        }];
        let line = comment_line(&NodeMeta::of(&node, None));
        let json = line.strip_prefix("%% migraflow: ").unwrap();
        let Ok(Meta::Node(meta)) = parse(json) else {
            panic!("not a node line: {line}");
        };
        let base = Node::new(NodeId(9), NodeKind::Verification, "Row counts");
        assert_eq!(meta.apply_to(base).unwrap(), node);
    }

    #[test]
    fn fields_shown_by_mermaid_are_not_taken_from_metadata() {
        let Ok(Meta::Node(meta)) =
            parse(r#"{"node":"n1","id":7,"kind":"gate","title":"x","phase":"audit"}"#)
        else {
            panic!("not a node line");
        };
        let base = Node::new(NodeId(1), NodeKind::Phase, "Shown");
        assert_eq!(meta.apply_to(base.clone()).unwrap(), base);
    }

    #[test]
    fn an_unknown_pack_reads_as_migration_and_keeps_the_title() {
        let Ok(Meta::Document(meta)) = parse(r#"{"format":1,"title":"Kept","pack":"security"}"#)
        else {
            panic!("not a document line");
        };
        assert_eq!((meta.title.as_str(), meta.pack), ("Kept", Pack::Migration));
        let Ok(Meta::Document(meta)) = parse(r#"{"format":1,"pack":"flow"}"#) else {
            panic!("not a document line");
        };
        assert_eq!(meta.pack, Pack::Flow);
    }

    #[test]
    fn lines_without_a_known_key_are_refused() {
        expect![[r#"it has neither a "node" nor a "format" key"#]]
            .assert_eq(&parse("{}").unwrap_err());
        expect![[r#"format: invalid type: string "one", expected u32"#]]
            .assert_eq(&parse(r#"{"format":"one"}"#).unwrap_err());
    }
}
