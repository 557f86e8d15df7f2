//! Schema 1, the format before the `format` marker, and its upgrade to
//! schema 2.
//!
//! A schema 1 document:
//!
//! ```json
//! { "schema_version": 1,
//!   "name": "Rename users.email",
//!   "nodes": [
//!     { "id": 2, "type": "step", "label": "Add column", "stage": "expand",
//!       "description": "…", "entry": ["…"], "exit": ["…"], "owner": "…",
//!       "sql": "…", "point_of_no_return": false, "position": [300, 120] },
//!     { "id": 3, "type": "check", "label": "Row counts",
//!       "checks": ["old and new columns agree"], "position": [520, 120] },
//!     { "id": 4, "type": "gate", "label": "Go?", "criteria": ["…"],
//!       "approver": "DBA", "position": [740, 120] } ],
//!   "edges": [ { "source": 2, "target": 3, "type": "validation", "label": "…" } ] }
//! ```
//!
//! The upgrade, field by field (a field not listed keeps its name and
//! value: `id`, `owner`, `sql`, `approver`, an edge's `label`, and any
//! field migraflow never wrote, which schema 2 then ignores):
//!
//! | schema 1 | schema 2 |
//! |---|---|
//! | no `format` | `"format": "migraflow"` |
//! | `name` | `title` |
//! | node `type`: `start`, `end`, `abort`, `step`, `check`, `gate` | `kind`: `start`, `end`, `end` with `"aborted": true`, `phase`, `verification`, `gate` |
//! | `label` | `title` |
//! | `description` | `notes` |
//! | `stage`: `audit`, `expand`, `dual-write`, `backfill`, `cutover`, `contract`, `other` | `phase`: same names, `dual_write`, `custom` for `other` |
//! | `entry`, `exit`, `criteria` | `entry_conditions`, `exit_conditions`, `go_criteria` |
//! | `point_of_no_return: b` | `safe: !b` |
//! | `checks`: strings | `checks`: `{"kind": "custom", "name": <the string>}` |
//! | `position: [x, y]` | `x`, `y` (anything else: both `null`, so repair places the node) |
//! | edges had no id | `id`: 1-based position in the list |
//! | `source`, `target` | `from`, `to` |
//! | edge `type`: `forward`, `revert`, `validation` | `kind`: `forward`, `rollback`, `validation` |
//!
//! Lists keep their order, so a later error or warning about `nodes[2]`
//! points at the same element of the schema 1 file. A field the upgrade
//! renames is checked here, so that an error names it as the file does
//! (`nodes[2].type`, not `nodes[2].kind`); everything else is checked by
//! the schema 2 reader, under the same name it has in schema 1.

use super::error::LoadError;
use super::identify::describe_value;
use super::stored::FORMAT_MARKER;
use crate::json::field_path;
use serde_json::{Map, Value};

/// Node `type`s of schema 1 and the schema 2 `kind` of each.
const NODE_TYPES: [(&str, &str); 6] = [
    ("start", "start"),
    ("end", "end"),
    ("abort", "end"),
    ("step", "phase"),
    ("check", "verification"),
    ("gate", "gate"),
];

/// `stage`s of schema 1 and the schema 2 `phase` of each.
const STAGES: [(&str, &str); 7] = [
    ("audit", "audit"),
    ("expand", "expand"),
    ("dual-write", "dual_write"),
    ("backfill", "backfill"),
    ("cutover", "cutover"),
    ("contract", "contract"),
    ("other", "custom"),
];

/// Edge `type`s of schema 1 and the schema 2 `kind` of each.
const EDGE_TYPES: [(&str, &str); 3] = [
    ("forward", "forward"),
    ("revert", "rollback"),
    ("validation", "validation"),
];

/// Upgrades a schema 1 document to schema 2; see the module doc.
pub(super) fn upgrade_to_v2(doc: Value) -> Result<Value, LoadError> {
    let Value::Object(mut doc) = doc else {
        return Err(LoadError::invalid(
            format!("expected an object, found {}", describe_value(&doc)),
            "",
        ));
    };
    doc.insert("format".to_owned(), Value::from(FORMAT_MARKER));
    doc.insert("schema_version".to_owned(), Value::from(2));
    rename_string(&mut doc, "name", "title", "")?;
    if let Some(Value::Array(nodes)) = doc.get_mut("nodes") {
        for (index, node) in nodes.iter_mut().enumerate() {
            if let Value::Object(node) = node {
                upgrade_node(node, &format!("nodes[{index}]"))?;
            }
        }
    }
    if let Some(Value::Array(edges)) = doc.get_mut("edges") {
        for (index, edge) in edges.iter_mut().enumerate() {
            if let Value::Object(edge) = edge {
                upgrade_edge(edge, index, &format!("edges[{index}]"))?;
            }
        }
    }
    Ok(Value::Object(doc))
}

fn upgrade_node(node: &mut Map<String, Value>, path: &str) -> Result<(), LoadError> {
    let node_type = required(node, "type", path)?;
    let kind = translate(
        &node_type,
        &NODE_TYPES,
        "node type",
        &field_path(path, "type"),
    )?;
    node.insert("kind".to_owned(), Value::from(kind));
    if node_type == "abort" {
        node.insert("aborted".to_owned(), Value::from(true));
    }
    if let Some(stage) = node.remove("stage") {
        let phase = translate(&stage, &STAGES, "stage", &field_path(path, "stage"))?;
        node.insert("phase".to_owned(), Value::from(phase));
    }
    rename_string(node, "label", "title", path)?;
    rename_string(node, "description", "notes", path)?;
    rename_strings(node, "entry", "entry_conditions", path)?;
    rename_strings(node, "exit", "exit_conditions", path)?;
    rename_strings(node, "criteria", "go_criteria", path)?;
    if let Some(no_return) = node.remove("point_of_no_return") {
        let Value::Bool(no_return) = no_return else {
            return Err(expected(
                "true or false",
                &no_return,
                &field_path(path, "point_of_no_return"),
            ));
        };
        node.insert("safe".to_owned(), Value::from(!no_return));
    }
    if let Some(checks) = node.remove("checks") {
        let checks = strings(checks, &field_path(path, "checks"))?
            .into_iter()
            .map(|name| {
                crate::json::to::Object::new()
                    .with("kind", "custom")
                    .with("name", &name)
                    .done()
            })
            .collect();
        node.insert("checks".to_owned(), Value::Array(checks));
    }
    if let Some(position) = node.remove("position") {
        let (x, y) = match position {
            Value::Array(xy) if xy.len() == 2 => {
                let mut xy = xy.into_iter();
                (xy.next(), xy.next())
            }
            _ => (None, None),
        };
        node.insert("x".to_owned(), x.unwrap_or(Value::Null));
        node.insert("y".to_owned(), y.unwrap_or(Value::Null));
    }
    Ok(())
}

fn upgrade_edge(edge: &mut Map<String, Value>, index: usize, path: &str) -> Result<(), LoadError> {
    let edge_type = required(edge, "type", path)?;
    let kind = translate(
        &edge_type,
        &EDGE_TYPES,
        "edge type",
        &field_path(path, "type"),
    )?;
    edge.insert("kind".to_owned(), Value::from(kind));
    edge.insert("id".to_owned(), Value::from(index + 1));
    for (old, new) in [("source", "from"), ("target", "to")] {
        let end = required(edge, old, path)?;
        if end.as_u64().and_then(|id| u32::try_from(id).ok()).is_none() {
            return Err(expected(
                "a node id (a whole number)",
                &end,
                &field_path(path, old),
            ));
        }
        edge.insert(new.to_owned(), end);
    }
    Ok(())
}

/// Removes and returns a field schema 1 requires.
fn required(fields: &mut Map<String, Value>, key: &str, path: &str) -> Result<Value, LoadError> {
    fields
        .remove(key)
        .ok_or_else(|| LoadError::invalid(format!("missing field `{key}`"), path))
}

/// The schema 2 name for a schema 1 name, by `table`.
fn translate(
    name: &Value,
    table: &[(&str, &'static str)],
    what: &str,
    path: &str,
) -> Result<&'static str, LoadError> {
    let known = || {
        table
            .iter()
            .map(|(old, _)| format!("`{old}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let Value::String(name) = name else {
        return Err(expected(&format!("one of {}", known()), name, path));
    };
    table
        .iter()
        .find(|(old, _)| old == name)
        .map(|(_, new)| *new)
        .ok_or_else(|| {
            LoadError::invalid(
                format!("unknown {what} `{name}`; schema 1 knows {}", known()),
                path,
            )
        })
}

/// Renames a text field, checking it is a string.
fn rename_string(
    fields: &mut Map<String, Value>,
    old: &str,
    new: &str,
    path: &str,
) -> Result<(), LoadError> {
    if let Some(value) = fields.remove(old) {
        if !value.is_string() {
            return Err(expected("a string", &value, &field_path(path, old)));
        }
        fields.insert(new.to_owned(), value);
    }
    Ok(())
}

/// Renames a list-of-texts field, checking its shape.
fn rename_strings(
    fields: &mut Map<String, Value>,
    old: &str,
    new: &str,
    path: &str,
) -> Result<(), LoadError> {
    if let Some(value) = fields.remove(old) {
        let texts = strings(value, &field_path(path, old))?;
        fields.insert(new.to_owned(), Value::from(texts));
    }
    Ok(())
}

/// The texts of a list of strings at `path`.
fn strings(value: Value, path: &str) -> Result<Vec<String>, LoadError> {
    let Value::Array(items) = value else {
        return Err(expected("a list of strings", &value, path));
    };
    items
        .into_iter()
        .enumerate()
        .map(|(index, item)| match item {
            Value::String(text) => Ok(text),
            other => Err(expected("a string", &other, &format!("{path}[{index}]"))),
        })
        .collect()
}

fn expected(what: &str, found: &Value, path: &str) -> LoadError {
    LoadError::invalid(
        format!("expected {what}, found {}", describe_value(found)),
        path,
    )
}
