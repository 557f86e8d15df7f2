//! Several named documents in one key-value store, with recovery.
//!
//! Invariants this module keeps (and tests):
//! - a stored value that cannot be read (corrupt, another app's, a newer
//!   schema) is never overwritten: it is copied to a backup key the first
//!   time it is found, and [`Library::save`] refuses its id for the rest of
//!   the session;
//! - a failed write (a full quota) leaves the previous value in place and
//!   is reported, never swallowed;
//! - an unreadable list of documents is backed up and rebuilt from the
//!   document keys, so no document disappears from the list.
//!
//! Runs are stored beside the documents with the same guarantees
//! ([`runs`]).
//!
//! Keys: `migraflow.index` (the list), `migraflow.doc.<id>` (each document
//! in the versioned JSON format), `migraflow.last` (the id opened last),
//! `migraflow.runs` (the list of runs), `migraflow.run.<id>` (each run in
//! the run format), `migraflow.backup.<name>[.<n>]` (unreadable values kept
//! aside: `<name>` is a document id, `index`, `runs` or `run.<id>`; the
//! first copy has no `.<n>`, later different ones `.2`, `.3`…).

pub mod index;
pub mod kv;
pub mod runs;

use crate::document::Document;
use crate::format::{load_json, to_json, LoadError, LoadWarning};
use index::{Entry, Index};
use kv::{KeyValue, StoreError};
use std::fmt;

pub const INDEX_KEY: &str = "migraflow.index";
pub const LAST_KEY: &str = "migraflow.last";
pub const DOC_PREFIX: &str = "migraflow.doc.";
pub const BACKUP_PREFIX: &str = "migraflow.backup.";

/// The storage key of document `id`.
pub fn doc_key(id: &str) -> String {
    format!("{DOC_PREFIX}{id}")
}

/// What opening a stored document found.
#[derive(Debug)]
pub enum Opened {
    /// Loaded, possibly migrated or repaired (see the warnings).
    Ready {
        document: Document,
        warnings: Vec<LoadWarning>,
        migrated_from: Option<u32>,
    },
    /// Present but unreadable. The value stays where it was, a copy is at
    /// `backup_key` (when storage had room for it), and the id is protected
    /// from saves.
    Unreadable {
        raw: String,
        error: LoadError,
        backup_key: Option<String>,
    },
    /// Nothing stored under that id.
    Missing,
}

/// Why a save did not happen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveError {
    /// The id holds a value that could not be read; it is kept as it is.
    Protected,
    Store(StoreError),
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SaveError::Protected => {
                f.write_str("its stored copy could not be read, so it is kept untouched")
            }
            SaveError::Store(e) => e.fmt(f),
        }
    }
}

impl From<StoreError> for SaveError {
    fn from(e: StoreError) -> SaveError {
        SaveError::Store(e)
    }
}

/// `base` if it is not `taken`, else the first of `base-2`, `base-3`… that
/// is not: the ids of documents and of runs.
pub(crate) fn free_id(base: String, taken: impl Fn(&str) -> bool) -> String {
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .expect("some suffix is free")
}

/// A document removed by [`Library::delete`], enough to put it back.
#[derive(Clone, Debug, PartialEq)]
pub struct Deleted {
    pub entry: Entry,
    pub raw: String,
}

/// The documents in a store.
pub struct Library<S: KeyValue> {
    store: S,
    index: Index,
    /// Ids whose stored value could not be read this session: a few at
    /// most, so a list; a `BTreeSet<String>` cost the wasm its own copy of
    /// the B-tree code (size).
    protected: Vec<String>,
    /// Problems found while reading the list itself, for the user.
    pub notes: Vec<String>,
}

impl<S: KeyValue> Library<S> {
    /// Reads the list of documents, rebuilding it from the document keys if
    /// it is missing or unreadable (the unreadable list is backed up).
    pub fn open(store: S) -> Library<S> {
        let mut library = Library {
            store,
            index: Index::default(),
            protected: Vec::new(),
            notes: Vec::new(),
        };
        let raw = match library.store.get(INDEX_KEY) {
            Ok(raw) => raw,
            Err(e) => {
                library
                    .notes
                    .push(format!("The document list could not be read: {e}."));
                None
            }
        };
        let parsed = raw.as_deref().map(crate::json::from::from_text::<Index>);
        match parsed {
            Some(Ok(index)) if index.version <= Index::VERSION => library.index = index,
            Some(_) => {
                let raw = raw.unwrap_or_default();
                let kept = back_up(&mut library.store, "index", &raw);
                library.notes.push(match kept {
                    Some(key) => format!(
                        "The document list was unreadable; it was rebuilt, and the old one kept under “{key}”."
                    ),
                    None => "The document list was unreadable and rebuilt; storage had no room to keep a copy of it.".to_string(),
                });
                library.rebuild_index();
            }
            None => library.rebuild_index(),
        }
        library
    }

    /// Lists every `migraflow.doc.*` key, naming readable ones by title.
    fn rebuild_index(&mut self) {
        let keys = self.store.keys().unwrap_or_default();
        for key in keys {
            let Some(id) = key.strip_prefix(DOC_PREFIX) else {
                continue;
            };
            if self.index.entry(id).is_some() {
                continue;
            }
            let raw = self.store.get(&key).ok().flatten().unwrap_or_default();
            let (name, nodes) = match load_json(&raw) {
                Ok(loaded) => (loaded.document.plan.title, loaded.document.plan.nodes.len()),
                Err(_) => (format!("Unreadable document {id}"), 0),
            };
            self.index.upsert(Entry {
                id: id.to_string(),
                name,
                updated: 0.0,
                nodes,
                errors: 0,
            });
        }
        // The rebuilt list is only written on the next successful save.
    }

    /// The documents, most recently changed first.
    pub fn list(&self) -> Vec<Entry> {
        let mut list = self.index.documents.clone();
        list.sort_by(|a, b| {
            b.updated
                .total_cmp(&a.updated)
                .then_with(|| a.id.cmp(&b.id))
        });
        list
    }

    /// The id opened last, if it is still listed.
    pub fn last(&self) -> Option<String> {
        let id = self.store.get(LAST_KEY).ok().flatten()?;
        self.index.entry(&id).map(|_| id)
    }

    pub fn set_last(&mut self, id: &str) -> Result<(), StoreError> {
        self.store.set(LAST_KEY, id)
    }

    fn protect(&mut self, id: &str) {
        if !self.is_protected(id) {
            self.protected.push(id.to_owned());
        }
    }

    /// Whether saves to `id` are refused (its stored value was unreadable).
    pub fn is_protected(&self, id: &str) -> bool {
        self.protected.iter().any(|p| p == id)
    }

    /// The stored text of a document, as it is now.
    pub fn raw(&self, id: &str) -> Option<String> {
        self.store.get(&doc_key(id)).ok().flatten()
    }

    /// Opens a stored document. An unreadable value is backed up (once) and
    /// its id protected; see the module doc.
    pub fn load(&mut self, id: &str) -> Opened {
        let raw = match self.store.get(&doc_key(id)) {
            Ok(Some(raw)) => raw,
            Ok(None) => return Opened::Missing,
            Err(e) => {
                self.protect(id);
                return Opened::Unreadable {
                    raw: String::new(),
                    error: LoadError {
                        kind: crate::format::LoadErrorKind::NotJson,
                        message: e.to_string(),
                        location: None,
                    },
                    backup_key: None,
                };
            }
        };
        match load_json(&raw) {
            Ok(loaded) => Opened::Ready {
                document: loaded.document,
                warnings: loaded.warnings,
                migrated_from: loaded.migrated_from,
            },
            Err(error) => {
                self.protect(id);
                let backup_key = back_up(&mut self.store, id, &raw);
                Opened::Unreadable {
                    raw,
                    error,
                    backup_key,
                }
            }
        }
    }

    /// Saves a document under `id` and updates the list. `errors` is the
    /// number of error findings, shown in the list.
    pub fn save(
        &mut self,
        id: &str,
        doc: &Document,
        now: f64,
        errors: usize,
    ) -> Result<(), SaveError> {
        if self.is_protected(id) {
            return Err(SaveError::Protected);
        }
        self.store.set(&doc_key(id), &to_json(doc))?;
        self.index.upsert(Entry {
            id: id.to_string(),
            name: doc.plan.title.clone(),
            updated: now,
            nodes: doc.plan.nodes.len(),
            errors,
        });
        self.write_index()?;
        Ok(())
    }

    fn write_index(&mut self) -> Result<(), StoreError> {
        self.index.version = Index::VERSION;
        let text = crate::json::write(&self.index, false);
        self.store.set(INDEX_KEY, &text)
    }

    /// A fresh id that no stored document uses, derived from the time.
    pub fn new_id(&self, now: f64) -> String {
        let base = format!("{:x}", now.max(0.0) as u64);
        free_id(base, |id| {
            self.index.entry(id).is_some() || self.store.get(&doc_key(id)).ok().flatten().is_some()
        })
    }

    /// Stores a new document; returns its id.
    pub fn create(&mut self, doc: &Document, now: f64, errors: usize) -> Result<String, SaveError> {
        let id = self.new_id(now);
        self.save(&id, doc, now, errors)?;
        Ok(id)
    }

    /// Removes a document; the returned value restores it.
    pub fn delete(&mut self, id: &str) -> Result<Option<Deleted>, StoreError> {
        let raw = self.store.get(&doc_key(id))?.unwrap_or_default();
        let Some(entry) = self.index.remove(id) else {
            return Ok(None);
        };
        self.store.remove(&doc_key(id))?;
        self.protected.retain(|p| p != id);
        self.write_index()?;
        Ok(Some(Deleted { entry, raw }))
    }

    /// Puts back a deleted document exactly as it was stored.
    pub fn restore(&mut self, deleted: &Deleted) -> Result<(), StoreError> {
        self.store.set(&doc_key(&deleted.entry.id), &deleted.raw)?;
        self.index.upsert(deleted.entry.clone());
        self.write_index()
    }

    /// Direct access to the store (the app's adapter, tests).
    pub fn store(&self) -> &S {
        &self.store
    }

    pub fn store_mut(&mut self) -> &mut S {
        &mut self.store
    }
}

/// Copies `raw` to `migraflow.backup.<name>` (or `.2`, `.3`… when that key
/// holds something else) unless an identical copy is already kept there;
/// returns the key holding it (None if storage is full or unavailable).
/// It never overwrites anything, so backups of documents, runs and lists
/// cannot clobber one another.
fn back_up<S: KeyValue>(store: &mut S, name: &str, raw: &str) -> Option<String> {
    for n in 1.. {
        let key = if n == 1 {
            format!("{BACKUP_PREFIX}{name}")
        } else {
            format!("{BACKUP_PREFIX}{name}.{n}")
        };
        match store.get(&key) {
            Ok(Some(existing)) if existing == raw => return Some(key),
            Ok(Some(_)) => continue,
            Ok(None) => return store.set(&key, raw).ok().map(|_| key),
            Err(_) => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests;
