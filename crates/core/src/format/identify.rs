//! Deciding what a parsed JSON value is: a migraflow document of a schema
//! this build reads, or something else, named as precisely as is cheap.
//!
//! A value is a migraflow document when it is an object whose `format` is
//! `"migraflow"` (every document since schema 2), or an object without a
//! `format` field that has a `schema_version` (schema 1 had no marker).
//! In that order:
//! 1. not an object → [`NotOurs`](super::LoadErrorKind::NotOurs);
//! 2. a `format` other than `"migraflow"` → `NotOurs`;
//! 3. no `format`, and the shape of another app's export (Excalidraw,
//!    tldraw, React Flow, Mermaid Live Editor) → `NotOurs`, naming the app;
//! 4. no `schema_version` → `NotOurs`, or
//!    [`Invalid`](super::LoadErrorKind::Invalid) when the `format` marker
//!    claims the document is ours;
//! 5. a `schema_version` that is not a whole number ≥ 1 → `Invalid`;
//! 6. a `schema_version` above [`CURRENT_VERSION`] →
//!    [`TooNew`](super::LoadErrorKind::TooNew).

use super::error::LoadError;
use super::stored::FORMAT_MARKER;
use super::CURRENT_VERSION;
use serde_json::{Map, Value};

/// The schema version of a migraflow document this build can read
/// (1..=[`CURRENT_VERSION`]), or why the value is refused.
pub(super) fn readable_schema_version(value: &Value) -> Result<u32, LoadError> {
    let Value::Object(fields) = value else {
        return Err(LoadError::not_ours(describe_non_object(value)));
    };
    let marked = match fields.get("format") {
        Some(Value::String(format)) if format == FORMAT_MARKER => true,
        Some(format) => {
            // Printed by json::write, not `{}` on the Value: Value's Display
            // would link a second copy of serde_json's printer (size).
            return Err(LoadError::not_ours(format!(
                "its \"format\" is {}, not \"{FORMAT_MARKER}\"",
                crate::json::write(format, false)
            )));
        }
        None => false,
    };
    if !marked {
        if let Some(app) = foreign_app(fields) {
            return Err(LoadError::not_ours(format!("it looks like {app}")));
        }
    }
    match fields.get("schema_version") {
        Some(version) => parse_schema_version(version),
        None if marked => Err(LoadError::invalid(
            "it has no schema_version",
            "schema_version",
        )),
        None => Err(LoadError::not_ours(
            "it is a JSON object without a \"schema_version\"",
        )),
    }
}

/// How a value is named in messages: "a JSON list", "JSON null"…
pub(super) fn describe_value(value: &Value) -> &'static str {
    match value {
        Value::Null => "JSON null",
        Value::Bool(_) => "a JSON boolean",
        Value::Number(_) => "a JSON number",
        Value::String(_) => "a JSON string",
        Value::Array(_) => "a JSON list",
        Value::Object(_) => "a JSON object",
    }
}

fn describe_non_object(value: &Value) -> String {
    // A document saved as a JSON string of its JSON text is a classic
    // storage mistake; saying so points straight at the fix.
    if let Value::String(text) = value {
        if crate::json::parse(text).is_ok_and(|v| v.is_object()) {
            return "it is a JSON string that holds a JSON object \
                    (the document was probably encoded twice)"
                .to_owned();
        }
    }
    format!(
        "it is {}, and a migraflow document is a JSON object",
        describe_value(value)
    )
}

/// Names the app whose export `fields` looks like, from the top-level keys
/// each app always writes.
fn foreign_app(fields: &Map<String, Value>) -> Option<&'static str> {
    let has = |key: &str| fields.contains_key(key);
    if fields.get("type").and_then(Value::as_str) == Some("excalidraw") {
        Some("an Excalidraw drawing")
    } else if has("tldrawFileFormatVersion") {
        Some("a tldraw drawing")
    } else if has("nodes") && has("edges") && has("viewport") {
        Some("a React Flow export")
    } else if fields.get("code").is_some_and(Value::is_string) && has("mermaid") {
        Some("a Mermaid Live Editor state; use Import Mermaid with its code instead")
    } else {
        None
    }
}

/// Rules 5 and 6 of the module doc.
fn parse_schema_version(version: &Value) -> Result<u32, LoadError> {
    let whole = version.as_u64().filter(|v| *v >= 1).ok_or_else(|| {
        LoadError::invalid(
            // json::write, not `{}` on the Value (see above; size).
            format!(
                "schema_version must be a whole number from 1 up, found {}",
                crate::json::write(version, false)
            ),
            "schema_version",
        )
    })?;
    let whole = u32::try_from(whole).map_err(|_| {
        LoadError::invalid(
            format!("schema_version {whole} is not a schema migraflow has written"),
            "schema_version",
        )
    })?;
    if whole > CURRENT_VERSION {
        return Err(LoadError::too_new(whole));
    }
    Ok(whole)
}
