//! Autosave, several documents, recovery and two-tab safety, on top of the
//! core's [`Library`] and the `localStorage` adapter.
//!
//! - Autosave runs 300 ms after the last change and when the page is
//!   hidden; never before the first document is open, never for a
//!   `?generate=N` plan, never onto a stored value that could not be read
//!   (the library refuses those ids), and not while another tab's change
//!   is waiting for the user's decision.
//! - A full quota shows a banner; editing goes on in memory and the banner
//!   offers a download; the next successful save clears it.
//! - Another tab writing the open document (a `storage` event for its key)
//!   pauses autosave and asks: load their version, or keep mine as a copy.

use crate::adapters::local_store::LocalStore;
use crate::editor::{Editor, Tone};
use leptos::prelude::*;
use migraflow_core::library::index::Entry;
use migraflow_core::library::kv::StoreError;
use migraflow_core::library::{doc_key, Library, Opened, SaveError, DOC_PREFIX, INDEX_KEY};
use migraflow_core::templates::index::CANONICAL;
use migraflow_core::{Document, Severity};
use std::time::Duration;

/// A stored document that could not be read, as the recovery banner
/// presents it.
#[derive(Clone, Debug, PartialEq)]
pub struct Recovery {
    pub id: String,
    pub name: String,
    pub message: String,
    pub raw: String,
    pub backup_key: Option<String>,
}

/// What a share link in the URL carried.
#[derive(Clone, Debug, PartialEq)]
pub enum SharedPlan {
    Ready {
        document: Document,
        notes: Vec<String>,
    },
    Refused(String),
}

/// The persistence state the banners and the document list read.
#[derive(Clone, Copy)]
pub struct Persistence {
    editor: Editor,
    library: StoredValue<Library<LocalStore>>,
    /// The storage id of the open document; `None` until first saved.
    pub current: RwSignal<Option<String>>,
    /// False for generated plans: nothing is read or written.
    pub enabled: RwSignal<bool>,
    pub documents: RwSignal<Vec<Entry>>,
    pub quota_full: RwSignal<bool>,
    /// Another tab changed the open document; autosave waits for the user.
    pub conflict: RwSignal<bool>,
    pub recovery: RwSignal<Option<Recovery>>,
    /// Repairs made while loading the open document.
    pub repairs: RwSignal<Vec<String>>,
    /// A plan from a share link, waiting for the user to open it.
    pub shared: RwSignal<Option<SharedPlan>>,
    /// The document revision last written (or opened): nothing to save.
    saved_revision: StoredValue<u64>,
    pending: StoredValue<Option<TimeoutHandle>>,
}

/// Milliseconds since the Unix epoch.
fn now() -> f64 {
    js_sys::Date::now()
}

impl Persistence {
    /// Opens the library, the initial document, and starts autosaving.
    pub fn start(editor: Editor, generated: Option<Document>) -> Persistence {
        let library = Library::open(LocalStore);
        let notes = library.notes.clone();
        let p = Persistence {
            editor,
            documents: RwSignal::new(library.list()),
            library: StoredValue::new(library),
            current: RwSignal::new(None),
            enabled: RwSignal::new(generated.is_none()),
            quota_full: RwSignal::new(false),
            conflict: RwSignal::new(false),
            recovery: RwSignal::new(None),
            repairs: RwSignal::new(notes),
            shared: RwSignal::new(None),
            saved_revision: StoredValue::new(0),
            pending: StoredValue::new(None),
        };
        match generated {
            Some(doc) => {
                let n = doc.plan.nodes.len();
                editor.open(doc);
                editor.tell(
                    Tone::Info,
                    format!("Generated plan of {n} nodes — not saved."),
                );
            }
            None => p.open_initial(),
        }
        if let Some(fragment) = crate::startup::share_fragment() {
            // Inflating is asynchronous in the browser: the banner comes a
            // moment after the page.
            let shared = p.shared;
            leptos::task::spawn_local(async move {
                shared.set(Some(match crate::share_link::open(&fragment).await {
                    Ok(loaded) => SharedPlan::Ready {
                        notes: loaded.warnings.iter().map(ToString::to_string).collect(),
                        document: loaded.document,
                    },
                    Err(e) => SharedPlan::Refused(e.to_string()),
                }));
            });
        }
        p.saved_revision.set_value(editor.revision.get_untracked());
        p.install_autosave();
        p.install_listeners();
        p
    }

    /// The document opened last, else the newest, else a new one from the
    /// column-rename template.
    fn open_initial(&self) {
        let last = self
            .library
            .with_value(|l| l.last().or_else(|| l.list().first().map(|e| e.id.clone())));
        if let Some(id) = last {
            if self.open_stored(&id) {
                return;
            }
        }
        // Nothing readable to reopen: start from the canonical template.
        // It is stored only when first changed, so an unreadable document
        // is not buried under an untouched copy of the template.
        self.current.set(None);
        self.open_canonical(false);
    }

    /// Opens the canonical template (fetched), as a new stored document
    /// when `store`, else unstored until first changed. Nothing happens if
    /// a document was opened or edited meanwhile.
    fn open_canonical(&self, store: bool) {
        let p = *self;
        let revision = self.editor.revision.get_untracked();
        leptos::task::spawn_local(async move {
            match crate::gallery_source::document(CANONICAL).await {
                Ok(doc) => {
                    let untouched = p.current.get_untracked().is_none()
                        && p.editor.revision.get_untracked() == revision;
                    if store {
                        p.create(doc);
                    } else if untouched {
                        p.editor.open(doc);
                        p.current.set(None);
                        // Untouched, so nothing to save yet.
                        p.saved_revision
                            .set_value(p.editor.revision.get_untracked());
                    }
                }
                Err(e) => p.editor.tell(Tone::Error, e),
            }
        });
    }

    /// Opens a stored document; false (and the recovery banner) when it
    /// cannot be read.
    fn open_stored(&self, id: &str) -> bool {
        let opened = self.library.try_update_value(|l| l.load(id));
        match opened {
            Some(Opened::Ready {
                document,
                warnings,
                migrated_from,
            }) => {
                self.editor.open(document);
                self.current.set(Some(id.to_string()));
                self.saved_revision
                    .set_value(self.editor.revision.get_untracked());
                let mut repairs: Vec<String> = warnings.iter().map(ToString::to_string).collect();
                if let Some(v) = migrated_from {
                    repairs.insert(0, format!("Upgraded from schema {v}; it is saved in the current schema on your next change."));
                }
                self.repairs.set(repairs);
                let _ = self.library.try_update_value(|l| l.set_last(id));
                true
            }
            Some(Opened::Unreadable {
                raw,
                error,
                backup_key,
            }) => {
                let name = self.documents.with_untracked(|d| {
                    d.iter()
                        .find(|e| e.id == id)
                        .map(|e| e.name.clone())
                        .unwrap_or_else(|| id.to_string())
                });
                self.recovery.set(Some(Recovery {
                    id: id.to_string(),
                    name,
                    message: error.to_string(),
                    raw,
                    backup_key,
                }));
                false
            }
            Some(Opened::Missing) | None => false,
        }
    }

    fn install_autosave(&self) {
        let p = *self;
        Effect::new(move |_| {
            p.editor.revision.track();
            p.schedule();
        });
    }

    /// Saves 300 ms after the last change.
    fn schedule(&self) {
        let p = *self;
        if let Some(Some(handle)) = self.pending.try_update_value(Option::take) {
            handle.clear();
        }
        let handle = set_timeout_with_handle(move || p.save_now(), Duration::from_millis(300)).ok();
        self.pending.set_value(handle);
    }

    /// Writes the open document if anything changed since the last write.
    pub fn save_now(&self) {
        if let Some(Some(handle)) = self.pending.try_update_value(Option::take) {
            handle.clear();
        }
        let revision = self.editor.revision.get_untracked();
        if !self.enabled.get_untracked()
            || self.conflict.get_untracked()
            || revision == self.saved_revision.get_value()
        {
            return;
        }
        let doc = self.editor.document();
        let errors = self
            .editor
            .findings
            .with_untracked(|f| f.iter().filter(|x| x.severity == Severity::Error).count());
        let id = self.current.get_untracked();
        let result = self.library.try_update_value(|l| match &id {
            Some(id) => l.save(id, &doc, now(), errors).map(|_| id.clone()),
            None => l.create(&doc, now(), errors),
        });
        match result {
            Some(Ok(id)) => {
                self.saved_revision.set_value(revision);
                if self.current.get_untracked().as_deref() != Some(id.as_str()) {
                    self.current.set(Some(id.clone()));
                }
                let _ = self.library.try_update_value(|l| l.set_last(&id));
                if self.quota_full.get_untracked() {
                    self.quota_full.set(false);
                }
                self.refresh_list();
            }
            Some(Err(SaveError::Store(StoreError::Quota))) => self.quota_full.set(true),
            Some(Err(SaveError::Protected)) => {
                // Never reached through the UI (a protected id is never the
                // open one), but if it were, keep the work under a new id.
                self.current.set(None);
                self.schedule();
            }
            Some(Err(SaveError::Store(e))) => self.editor.tell(
                Tone::Error,
                format!("Not saved: {e}. Download the document to keep it."),
            ),
            None => {}
        }
    }

    fn refresh_list(&self) {
        self.documents.set(self.library.with_value(|l| l.list()));
    }

    fn install_listeners(&self) {
        let p = *self;
        // Flush when the page goes away or out of sight.
        let hide = window_event_listener_untyped("pagehide", move |_| p.save_now());
        let hidden = window_event_listener_untyped("visibilitychange", move |_| {
            let hidden = web_sys::window()
                .and_then(|w| w.document())
                .is_some_and(|d| d.hidden());
            if hidden {
                p.save_now();
            }
        });
        // Another tab wrote storage. Our own writes do not fire here.
        let storage = window_event_listener(leptos::ev::storage, move |ev| {
            let Some(key) = ev.key() else { return };
            if key == INDEX_KEY || key.starts_with(DOC_PREFIX) {
                p.library.update_value(|l| *l = Library::open(LocalStore));
                p.refresh_list();
            }
            let ours = p.current.get_untracked().map(|id| doc_key(&id));
            if p.enabled.get_untracked() && ours.as_deref() == Some(key.as_str()) {
                p.conflict.set(true);
            }
        });
        on_cleanup(move || {
            hide.remove();
            hidden.remove();
            storage.remove();
        });
    }

    /// Resolves a two-tab conflict: load the other tab's version, or keep
    /// this one under a new id (both versions survive either way: theirs is
    /// what is stored, ours becomes a copy).
    pub fn resolve_conflict(&self, keep_mine: bool) {
        self.conflict.set(false);
        if keep_mine {
            let title = self.editor.plan.with_untracked(|p| p.title.clone());
            self.editor.apply(
                "Keep as copy",
                migraflow_core::Edit::SetTitle(format!("{title} (my copy)")),
            );
            self.current.set(None);
            self.save_now();
        } else if let Some(id) = self.current.get_untracked() {
            self.library
                .update_value(|l| *l = Library::open(LocalStore));
            self.open_stored(&id);
        }
    }

    /// Switches to another stored document, saving the open one first.
    pub fn switch_to(&self, id: &str) {
        self.save_now();
        if self.open_stored(id) {
            self.recovery.set(None);
        }
    }

    /// Stores and opens a new document.
    pub fn create(&self, doc: Document) {
        self.create_with_notes(doc, Vec::new());
    }

    /// Stores and opens a new document, showing what loading it noted.
    pub fn create_with_notes(&self, doc: Document, notes: Vec<String>) {
        self.save_now();
        self.editor.open(doc);
        self.current.set(None);
        self.repairs.set(notes);
        // An empty revision gap would skip the first save: force it.
        self.saved_revision.set_value(u64::MAX);
        self.save_now();
    }

    /// Copies a stored document under a new id.
    pub fn duplicate(&self, id: &str) {
        self.save_now();
        let opened = self.library.try_update_value(|l| l.load(id));
        if let Some(Opened::Ready { mut document, .. }) = opened {
            document.plan.title = format!("{} (copy)", document.plan.title);
            let errors = 0;
            let _ = self
                .library
                .try_update_value(|l| l.create(&document, now(), errors));
            self.refresh_list();
        }
    }

    /// Deletes a stored document, offering to undo. Deleting the open one
    /// opens the next (or a fresh template).
    pub fn delete(&self, id: &str) {
        let deleted = self.library.try_update_value(|l| l.delete(id));
        let Some(Ok(Some(deleted))) = deleted else {
            self.editor
                .tell(Tone::Error, "That document could not be deleted.");
            return;
        };
        self.refresh_list();
        if self.current.get_untracked().as_deref() == Some(id) {
            self.current.set(None);
            self.open_initial();
        }
        let p = *self;
        let name = deleted.entry.name.clone();
        // The closure owns the removed document: the view that asked for
        // the delete may be gone by the time the user clicks "Undo delete".
        self.editor.tell_with_action(
            Tone::Info,
            format!("Deleted “{name}”."),
            "Undo delete",
            move || {
                let restored = p.library.try_update_value(|l| l.restore(&deleted));
                if matches!(restored, Some(Ok(()))) {
                    p.refresh_list();
                } else {
                    p.editor.tell(
                        Tone::Error,
                        "The document could not be restored: storage is full.",
                    );
                }
            },
        );
    }

    /// Opens the shared plan as a new document (or drops the offer).
    pub fn take_shared(&self, open: bool) {
        let shared = self.shared.get_untracked();
        self.shared.set(None);
        crate::startup::clear_fragment();
        if let (true, Some(SharedPlan::Ready { document, notes })) = (open, shared) {
            self.create_with_notes(document, notes);
        }
    }

    /// Leaves the unreadable document where it is and works on a fresh one.
    pub fn start_fresh(&self) {
        self.recovery.set(None);
        self.open_canonical(true);
    }
}
