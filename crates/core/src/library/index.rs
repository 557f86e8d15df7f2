//! The list of stored documents: what the document list shows without
//! opening each document.

use crate::json::from::{Fields, FromJson};
use crate::json::to::{Object, ToJson};
use crate::json::ReadError;
use serde_json::Value;

/// One stored document, as listed.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The storage id; the document lives under `migraflow.doc.<id>`.
    pub id: String,
    /// The plan's title when last saved.
    pub name: String,
    /// Last change, in milliseconds since the Unix epoch.
    pub updated: f64,
    pub nodes: usize,
    /// Error findings when last saved.
    pub errors: usize,
}

/// The stored form of the list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Index {
    pub version: u32,
    pub documents: Vec<Entry>,
}

// Written and read by hand: see `crate::json`.
impl ToJson for Entry {
    fn to_json(&self) -> Value {
        Object::new()
            .with("id", &self.id)
            .with("name", &self.name)
            .with("updated", &self.updated)
            .with("nodes", &self.nodes)
            .with("errors", &self.errors)
            .done()
    }
}

impl ToJson for Index {
    fn to_json(&self) -> Value {
        Object::new()
            .with("version", &self.version)
            .with("documents", &self.documents)
            .done()
    }
}

impl FromJson for Entry {
    fn from_json(value: &Value) -> Result<Entry, ReadError> {
        let f = Fields::of(value, "Entry")?;
        Ok(Entry {
            id: f.get("id")?,
            name: f.get("name")?,
            updated: f.get("updated")?,
            nodes: f.get("nodes")?,
            errors: f.get("errors")?,
        })
    }
}

impl FromJson for Index {
    fn from_json(value: &Value) -> Result<Index, ReadError> {
        let f = Fields::of(value, "Index")?;
        Ok(Index {
            version: f.get("version")?,
            documents: f.get("documents")?,
        })
    }
}

impl Index {
    pub const VERSION: u32 = 1;

    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.documents.iter().find(|e| e.id == id)
    }

    /// Inserts or replaces the entry with the same id.
    pub fn upsert(&mut self, entry: Entry) {
        match self.documents.iter_mut().find(|e| e.id == entry.id) {
            Some(slot) => *slot = entry,
            None => self.documents.push(entry),
        }
    }

    pub fn remove(&mut self, id: &str) -> Option<Entry> {
        let at = self.documents.iter().position(|e| e.id == id)?;
        Some(self.documents.remove(at))
    }
}
