//! The one road between the core's types and JSON text, in both directions.
//!
//! Every type is written only into a [`Value`] ([`to::ToJson`], then
//! [`write`]) and read only out of one ([`from::FromJson`]); text is parsed
//! into and printed from a `Value` alone, so the web app links one JSON
//! parser and one printer. Both halves are written by hand: serde's derives
//! put a serializer call per field and a visitor per struct, list and
//! option into the app (12 KB of its gzip). serde_json's `preserve_order`
//! keeps fields in the order `ToJson` puts them, so files list fields in
//! the order of each type's writer.
//!
//! A refusal is a [`ReadError`]: serde's message ("invalid type: string
//! \"n1\", expected u32") and the path to the part that broke
//! (`nodes[2].kind`), kept as the reader returns.

pub(crate) mod from;
pub(crate) mod to;

use crate::geometry::stored_coordinate;
use serde_json::Value;
use to::ToJson;

/// `value` as JSON text: compact (one line) or pretty (indented).
pub(crate) fn write(value: &(impl ToJson + ?Sized), pretty: bool) -> String {
    let value = value.to_json();
    let text = if pretty {
        serde_json::to_string_pretty(&value)
    } else {
        serde_json::to_string(&value)
    };
    text.expect("a JSON value always prints")
}

/// `node`'s fields followed by its position `x` and `y`: how a placed node
/// is written in a document and on the clipboard. Coordinates are stored
/// to the hundredth
/// ([`stored_coordinate`]); a non-finite one becomes `null`.
pub(crate) fn placed_node(node: &crate::plan::Node, x: f64, y: f64) -> Value {
    let mut value = node.to_json();
    if let Value::Object(fields) = &mut value {
        fields.insert("x".to_owned(), Value::from(stored_coordinate(x)));
        fields.insert("y".to_owned(), Value::from(stored_coordinate(y)));
    }
    value
}

/// Parses JSON text into a [`Value`].
pub(crate) fn parse(text: &str) -> Result<Value, serde_json::Error> {
    serde_json::from_str(text)
}

/// Why a [`from::FromJson`] reader refused a value: where, as path segments from the value
/// read (field `checks`, index 0, field `kind`), and what.
#[derive(Debug)]
pub(crate) struct ReadError {
    pub path: Vec<Segment>,
    pub message: String,
}

/// One step of a [`ReadError`]'s path.
#[derive(Debug)]
pub(crate) enum Segment {
    Index(usize),
    Field(String),
}

impl ReadError {
    /// The path appended to `base` in the format's notation:
    /// `nodes[2].kind`.
    pub fn path_from(&self, base: &str) -> String {
        let mut location = base.to_owned();
        for segment in &self.path {
            match segment {
                Segment::Index(index) => location.push_str(&format!("[{index}]")),
                Segment::Field(key) => location = field_path(&location, key),
            }
        }
        location
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.path_from("") {
            path if path.is_empty() => f.write_str(&self.message),
            path => write!(f, "{path}: {}", self.message),
        }
    }
}

/// The JSON path of field `key` of the element at `path` (`""` for the
/// value itself): `nodes[2].kind`.
pub(crate) fn field_path(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Node;
    use from::FromJson;
    use serde_json::json;

    /// What reading `bad` as a `Node` gives: its path and message.
    fn read_node(bad: Value) -> String {
        match Node::from_json(&bad) {
            Ok(_) => "reads".to_owned(),
            Err(err) => err.to_string(),
        }
    }

    #[test]
    fn a_bad_field_is_named() {
        assert_eq!(
            read_node(json!({"id": "n1", "kind": "phase"})),
            "id: invalid type: string \"n1\", expected u32"
        );
    }

    #[test]
    fn a_bad_field_inside_a_list_of_objects_is_named_with_its_index() {
        let bad = json!({"id": 1, "kind": "verification",
            "checks": [{"name": "ok"}, {"name": "ok", "kind": "vibes"}]});
        assert!(read_node(bad).starts_with("checks[1].kind: unknown variant `vibes`"));
    }

    #[test]
    fn a_bad_element_of_a_list_of_strings_is_named_with_its_index() {
        let bad = json!({"id": 1, "kind": "gate", "go_criteria": ["a", 5]});
        assert!(read_node(bad).starts_with("go_criteria[1]: invalid type: integer `5`"));
    }

    #[test]
    fn a_missing_field_is_named_by_its_message() {
        assert_eq!(read_node(json!({"id": 1})), "missing field `kind`");
        let bad = json!({"id": 1, "kind": "verification", "checks": [{}, 4]});
        assert_eq!(
            read_node(bad),
            "checks[1]: invalid type: integer `4`, expected struct Check"
        );
    }

    #[test]
    fn a_path_goes_under_the_element_it_was_read_at() {
        let bad = json!({"id": 1, "kind": "verification", "checks": [{"kind": 3}]});
        let err = Node::from_json(&bad).unwrap_err();
        assert_eq!(err.path_from("nodes[4]"), "nodes[4].checks[0].kind");
    }

    #[test]
    fn a_value_that_reads_is_read() {
        assert_eq!(read_node(json!({"id": 1, "kind": "end"})), "reads");
    }

    #[test]
    fn write_keeps_field_order_and_prints_both_ways() {
        let node = Node::new(crate::id::NodeId(2), crate::plan::NodeKind::End, "Done");
        assert_eq!(
            write(&node, false),
            r#"{"id":2,"kind":"end","title":"Done"}"#
        );
        assert!(write(&node, true).starts_with("{\n  \"id\": 2,\n  \"kind\": \"end\""));
    }
}
