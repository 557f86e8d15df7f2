//! The one road between the core's types and JSON text, in both directions.
//!
//! serde generates a type's (de)serialization code once for every
//! serializer or deserializer it is used with, so each road costs the web
//! app its own copy of the code for `Node`, `Edge` and the rest. Every type
//! is therefore written only into a [`Value`] ([`write`]) and read only out
//! of one ([`read`]); text is parsed into and printed from a `Value` alone.
//! serde_json's `preserve_order` keeps a struct's field order through the
//! `Value`, so files list fields in the order the structs declare them.
//!
//! serde's messages say what was wanted ("expected u32") but not where. A
//! deserializer wrapper that tracks the path (serde_path_to_error) doubled
//! the reading code, about 10 KB of the compressed app, so the path is found
//! only when reading has failed, by [`blame`]: put the parts of the bad value
//! one at a time into a value that reads, and see which one breaks it.

pub(crate) mod from;

use crate::geometry::stored_coordinate;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// `value` as JSON text: compact (one line) or pretty (indented).
///
/// Panics only for a type with non-string map keys, which the core has not.
pub(crate) fn write(value: &impl Serialize, pretty: bool) -> String {
    let value = serde_json::to_value(value).expect("the core's types have only string keys");
    let text = if pretty {
        serde_json::to_string_pretty(&value)
    } else {
        serde_json::to_string(&value)
    };
    text.expect("a JSON value always prints")
}

/// `node`'s fields followed by its position `x` and `y`: how a placed node
/// is written in a document and on the clipboard. Built as a [`Value`]
/// rather than with `#[serde(flatten)]`, which costs the web app a buffering
/// serializer of its own. Coordinates are stored to the hundredth
/// ([`stored_coordinate`]); a non-finite one becomes `null`.
pub(crate) fn placed_node(node: &crate::plan::Node, x: f64, y: f64) -> Value {
    let mut value = serde_json::to_value(node).expect("a node serializes");
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

/// Why [`read`] refused a value: where, as path segments from the value
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

/// Reads a `T` out of `value`. The error's path is empty; see
/// [`read_blaming`] for one that names the field.
pub(crate) fn read<T: DeserializeOwned>(value: Value) -> Result<T, ReadError> {
    T::deserialize(&value).map_err(|err| ReadError {
        path: Vec::new(),
        message: err.to_string(),
    })
}

/// Reads a `T` out of `value`; when it does not read, the error's path names
/// the part that broke it, found by [`blame`] against `good`, a value that
/// reads as a `T` (the richer, the deeper the blame can go).
pub(crate) fn read_blaming<T: DeserializeOwned>(
    value: Value,
    good: &Value,
) -> Result<T, ReadError> {
    match T::deserialize(&value) {
        Ok(read) => Ok(read),
        Err(err) => Err(ReadError {
            path: blame(
                Some(good),
                &value,
                &|probe| T::deserialize(probe).is_ok(),
                &|v| v,
            ),
            message: err.to_string(),
        }),
    }
}

/// The path to the part of `bad` that does not read, found by putting each
/// part of `bad` in turn in place of the matching part of `good` (or next
/// to its fields) and asking `reads` about the whole; then the same one
/// level down inside the part found. `whole_with` builds the whole value
/// with its argument at the place `good` and `bad` sit.
///
/// A list is probed one element at a time, as a list of that element alone.
/// It goes down only where the value it substitutes into reads: below that
/// every probe would fail and blame the first field it tried. Finds
/// nothing (an empty path) when no single part is to blame, as for a
/// missing field, whose message names it anyway.
fn blame(
    good: Option<&Value>,
    bad: &Value,
    reads: &dyn Fn(&Value) -> bool,
    whole_with: &dyn Fn(Value) -> Value,
) -> Vec<Segment> {
    match bad {
        Value::Object(fields) => {
            let base = match good {
                Some(Value::Object(base)) => base.clone(),
                _ => serde_json::Map::new(),
            };
            if !reads(&whole_with(Value::Object(base.clone()))) {
                return Vec::new();
            }
            for (key, part) in fields {
                let with_part = |x: Value| {
                    let mut probe = base.clone();
                    probe.insert(key.clone(), x);
                    whole_with(Value::Object(probe))
                };
                if !reads(&with_part(part.clone())) {
                    let mut path = vec![Segment::Field(key.clone())];
                    path.extend(blame(base.get(key), part, reads, &with_part));
                    return path;
                }
            }
            Vec::new()
        }
        Value::Array(items) => {
            let first_good = match good {
                Some(Value::Array(good)) => good.first(),
                _ => None,
            };
            let alone = |x: Value| whole_with(Value::Array(vec![x]));
            if !reads(&whole_with(Value::Array(Vec::new()))) {
                return Vec::new();
            }
            for (index, item) in items.iter().enumerate() {
                if !reads(&alone(item.clone())) {
                    let mut path = vec![Segment::Index(index)];
                    path.extend(blame(first_good, item, reads, &alone));
                    return path;
                }
            }
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// Parses and reads in one step, for callers that need no position.
pub(crate) fn read_text<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    read(parse(text).map_err(|e| e.to_string())?).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{Check, Node};
    use serde_json::json;

    /// The path `read_blaming` gives `bad` read as a `Node`, against a good
    /// node with one check.
    fn blamed(bad: Value) -> String {
        let good = json!({"id": 1, "kind": "verification", "checks": [{}]});
        match read_blaming::<Node>(bad, &good) {
            Ok(_) => "reads".to_owned(),
            Err(err) => err.to_string(),
        }
    }

    #[test]
    fn a_bad_field_is_named() {
        assert_eq!(
            blamed(json!({"id": "n1", "kind": "phase"})),
            "id: invalid type: string \"n1\", expected u32"
        );
    }

    #[test]
    fn a_bad_field_inside_a_list_of_objects_is_named_with_its_index() {
        let bad = json!({"id": 1, "kind": "verification",
            "checks": [{"name": "ok"}, {"name": "ok", "kind": "vibes"}]});
        assert!(blamed(bad).starts_with("checks[1].kind: unknown variant `vibes`"));
    }

    #[test]
    fn a_bad_element_of_a_list_of_strings_is_named_with_its_index() {
        let bad = json!({"id": 1, "kind": "gate", "go_criteria": ["a", 5]});
        assert!(blamed(bad).starts_with("go_criteria[1]: invalid type: integer `5`"));
    }

    #[test]
    fn a_missing_field_has_no_path_and_its_message_names_it() {
        assert_eq!(blamed(json!({"id": 1})), "missing field `kind`");
    }

    #[test]
    fn blame_stops_where_the_good_value_does_not_read() {
        // Without a good check to probe against, the empty object must read
        // for blame to go into a check; `Check` has defaults for every field.
        let good = json!({"id": 1, "kind": "verification"});
        let bad = json!({"id": 1, "kind": "verification", "checks": [{"kind": 3}]});
        let err = read_blaming::<Node>(bad, &good).unwrap_err();
        assert_eq!(err.path_from("nodes[4]"), "nodes[4].checks[0].kind");
        // A good value that does not read blames nothing.
        let err = read_blaming::<Check>(json!({"kind": 3}), &json!({"kind": 4})).unwrap_err();
        assert!(err.path.is_empty());
    }

    #[test]
    fn a_value_that_reads_is_read() {
        assert_eq!(blamed(json!({"id": 1, "kind": "end"})), "reads");
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
