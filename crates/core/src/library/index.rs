//! The list of stored documents: what the document list shows without
//! opening each document.

use serde::{Deserialize, Serialize};

/// One stored document, as listed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Index {
    pub version: u32,
    pub documents: Vec<Entry>,
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
