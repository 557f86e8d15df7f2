//! Loading a document from JSON text of any schema this build reads.
//!
//! The pipeline, each stage refusing with a [`LoadError`] or passing on:
//! parse JSON → identify (ours? which schema?) → upgrade through the
//! migration chain → read the current schema → repair. Only repair changes
//! content, and it reports every change as a [`LoadWarning`].

use super::error::LoadError;
use super::repair::{repair, LoadWarning};
use super::stored::ReadDocument;
use super::{identify, migrate, CURRENT_VERSION};
use crate::document::Document;
use serde_json::Value;

/// A successfully loaded document and what loading did to it.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub document: Document,
    /// The repairs made, in file order; empty for a consistent document.
    pub warnings: Vec<LoadWarning>,
    /// The schema the file was written in, when older than the current one.
    pub migrated_from: Option<u32>,
}

/// Loads a document from JSON text. Either the whole document loads
/// (perhaps repaired, see [`Loaded::warnings`]) or nothing does. Never
/// panics, whatever the text.
pub fn load_json(text: &str) -> Result<Loaded, LoadError> {
    let value: Value = crate::json::parse(text).map_err(|err| LoadError::not_json(text, &err))?;
    let version = identify::readable_schema_version(&value)?;
    let current = migrate::upgrade(value, version)?;
    let (document, warnings) = repair(ReadDocument::from_value(current)?);
    Ok(Loaded {
        document,
        warnings,
        migrated_from: (version < CURRENT_VERSION).then_some(version),
    })
}
