//! The one road between the core's types and JSON text, in both directions.
//!
//! serde generates a type's (de)serialization code once for every
//! serializer or deserializer it is used with, so each road costs the web
//! app its own copy of the code for `Node`, `Edge` and the rest. Every type
//! is therefore written only into a [`Value`] ([`write`]) and read only out
//! of one, through `serde_path_to_error` ([`read`]), so that every error
//! names its field (`nodes[2].checks[0].kind`, `x`). Text is parsed into
//! and printed from a `Value` alone. serde_json's `preserve_order` keeps a
//! struct's field order through the `Value`, so files read in the order the
//! structs declare their fields.

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

/// Parses JSON text into a [`Value`].
pub(crate) fn parse(text: &str) -> Result<Value, serde_json::Error> {
    serde_json::from_str(text)
}

/// Why [`read`] refused a value: where, as path segments from the value
/// read (`["nodes", "[2]", "kind"]`), and what.
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
                Segment::Field(key) if location.is_empty() => location = key.clone(),
                Segment::Field(key) => {
                    location.push('.');
                    location.push_str(key);
                }
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

/// Reads a `T` out of `value`; an error names the offending field.
pub(crate) fn read<T: DeserializeOwned>(value: Value) -> Result<T, ReadError> {
    serde_path_to_error::deserialize(value).map_err(|err| ReadError {
        path: err
            .path()
            .iter()
            .map(|segment| match segment {
                serde_path_to_error::Segment::Seq { index } => Segment::Index(*index),
                key => Segment::Field(key.to_string()),
            })
            .collect(),
        message: err.into_inner().to_string(),
    })
}

/// Parses and reads in one step, for callers that need no position.
pub(crate) fn read_text<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    read(parse(text).map_err(|e| e.to_string())?).map_err(|e| e.to_string())
}
