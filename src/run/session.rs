//! `RunSession`: the run shown beside the canvas, and the one road by
//! which it changes.
//!
//! `command` applies a core command to a copy of the run, stores the copy,
//! and only then shows it: what the page shows as done is in storage
//! (SPEC §6, Durability). A refusal the core logged is stored and shown
//! the same way, with its reason. A run that cannot be stored (a full
//! quota) is not shown as changed; the reason is shown instead.
//!
//! While a run is shown the plan is read-only (`Editor::locked`) and the
//! canvas marks the run's nodes and edges (`Editor::run_marks`). Another
//! tab's writes reach this one through the `storage` event: a follower
//! reloads the run from storage, and a claim that moves makes this tab a
//! follower or the writer (`claim.rs`).

use super::claim;
use crate::adapters::download::{download_bytes, file_stem};
use crate::adapters::local_store::LocalStore;
use crate::editor::{Editor, RunMarks, Tone};
use crate::persistence::Persistence;
use leptos::prelude::*;
use migraflow_core::library::kv::KeyValue;
use migraflow_core::library::runs::{run_key, OpenedRun, RunSummary, Runs};
use migraflow_core::markdown::run_log_markdown;
use migraflow_core::run::hash::plan_hash;
use migraflow_core::run::{
    apply, load_run_json, run_to_json, start, Command, NewRun, Operator, Run,
};
use migraflow_core::EdgeKind;
use std::sync::Arc;

const OPERATOR_NAME: &str = "migraflow.operator.name";
const OPERATOR_ROLE: &str = "migraflow.operator.role";

/// Why the plan cannot be edited while a run is shown.
const LOCKED: &str =
    "The plan is read-only while a run is shown: close the run view to edit the document.";

/// Milliseconds since the Unix epoch: the only clock runs see.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// The run shown, and how this tab stands to it.
#[derive(Clone, Copy)]
pub struct RunSession {
    editor: Editor,
    persistence: Persistence,
    runs: StoredValue<Runs>,
    /// The run shown; `None` while editing.
    pub shown: RwSignal<Option<Arc<Run>>>,
    /// Whether the run shown is stored (not a file opened to read).
    pub stored: RwSignal<bool>,
    /// Whether this tab writes the run shown (else it follows read-only).
    pub writer: RwSignal<bool>,
    /// The operator of this browser, asked once (SPEC §6, Operators).
    pub operator: RwSignal<Operator>,
    /// The time the timers show, ticking while a run is shown.
    pub now: RwSignal<u64>,
    /// The last refusal or failure, for the run panel.
    pub message: RwSignal<Option<String>>,
    /// The runs of the open document.
    pub list: RwSignal<Vec<RunSummary>>,
    pub form_open: RwSignal<bool>,
    /// The open document's plan hash while a run is shown (the plan is
    /// read-only then, so it is hashed once, not on every panel rebuild).
    document_hash: Memo<Option<String>>,
}

impl RunSession {
    /// Opens the run store and follows the open document and other tabs.
    pub fn start(editor: Editor, persistence: Persistence) -> RunSession {
        let mut store = LocalStore;
        let runs = Runs::open(&mut store);
        for note in &runs.notes {
            editor.tell(Tone::Warning, note.clone());
        }
        let known = |key| store.get(key).ok().flatten().unwrap_or_default();
        let operator = Operator::new(known(OPERATOR_NAME), known(OPERATOR_ROLE));
        let shown = RwSignal::new(None::<Arc<Run>>);
        let shown_any = Memo::new(move |_| shown.with(Option::is_some));
        let s = RunSession {
            editor,
            persistence,
            runs: StoredValue::new(runs),
            shown,
            stored: RwSignal::new(false),
            writer: RwSignal::new(false),
            operator: RwSignal::new(operator),
            now: RwSignal::new(now_ms()),
            message: RwSignal::new(None),
            list: RwSignal::new(Vec::new()),
            form_open: RwSignal::new(false),
            document_hash: Memo::new(move |_| shown_any.get().then(|| editor.plan.with(plan_hash))),
        };
        // The open document decides the runs listed; an unfinished run of
        // it opens (a reload mid-run comes back to the run), and a run of
        // another document closes.
        Effect::new(move |_| {
            let current = persistence.current.get();
            s.refresh_list();
            let shown_doc = s
                .shown
                .with_untracked(|r| r.as_ref().map(|r| r.document_id.clone()));
            if shown_doc.is_some() && shown_doc != current && s.stored.get_untracked() {
                s.close();
            }
            if s.shown.with_untracked(Option::is_none) {
                let unfinished = s.list.with_untracked(|l| {
                    l.iter()
                        .find(|r| !r.status.is_finished())
                        .map(|r| r.id.clone())
                });
                if let Some(id) = unfinished {
                    s.open(&id);
                }
            }
        });
        // Timers tick once a second while a run is shown.
        let tick = set_interval_with_handle(
            move || {
                if s.shown.with_untracked(Option::is_some) {
                    s.now.set(now_ms());
                }
            },
            std::time::Duration::from_secs(1),
        );
        // Another tab wrote the run, or took or gave up its claim.
        let storage = window_event_listener(leptos::ev::storage, move |ev| {
            let Some(key) = ev.key() else { return };
            let Some(id) = s.shown.with_untracked(|r| r.as_ref().map(|r| r.id.clone())) else {
                return;
            };
            if key == run_key(&id) && !s.writer.get_untracked() {
                s.reload(&id);
            } else if claim::is_claim_key(&key, &id) {
                let mine = claim::holder(&id).as_deref() == Some(claim::tab_id().as_str());
                s.writer.set(mine);
                // The new writer stored its "control" entry while this tab
                // still wrote, so this tab skipped it: read the run again.
                if !mine {
                    s.reload(&id);
                }
            }
        });
        // A closing writer gives its claim up, so no closed tab holds a run.
        let leaving = window_event_listener_untyped("pagehide", move |_| {
            if let Some(id) = s.shown.with_untracked(|r| r.as_ref().map(|r| r.id.clone())) {
                if s.writer.get_untracked() {
                    claim::release(&id);
                }
            }
        });
        on_cleanup(move || {
            if let Ok(tick) = tick {
                tick.clear();
            }
            storage.remove();
            leaving.remove();
        });
        s
    }

    fn refresh_list(&self) {
        let current = self.persistence.current.get_untracked();
        let list = current
            .map(|id| self.runs.with_value(|r| r.list(&id)))
            .unwrap_or_default();
        self.list.set(list);
    }

    /// Remembers the operator for this browser.
    pub fn set_operator(&self, operator: Operator) {
        let mut store = LocalStore;
        let _ = store.set(OPERATOR_NAME, operator.name.trim());
        let _ = store.set(OPERATOR_ROLE, operator.role.trim());
        self.operator.set(operator);
    }

    /// Starts a run of the open document; the reason when it cannot.
    pub fn start_run(&self, environment: String, rehearsal: bool) -> Result<(), String> {
        let operator = self.operator.get_untracked();
        self.persistence.save_now();
        let Some(document_id) = self.persistence.current.get_untracked() else {
            return Err("The document is not stored in this browser, so a run of it could not be kept; save it first (a generated plan is never stored).".into());
        };
        let now = now_ms();
        let id = self.runs.with_value(|r| r.new_id(&LocalStore, now));
        let new = NewRun {
            id,
            document_id,
            environment: environment.trim().to_owned(),
            rehearsal,
        };
        let run =
            start(new, self.editor.document(), now, &operator).map_err(|e| format!("{e}."))?;
        let mut store = LocalStore;
        self.runs
            .try_update_value(|r| r.save(&mut store, &run))
            .unwrap_or(Ok(()))
            .map_err(|e| format!("The run was not started: {e}."))?;
        claim::take(&run.id).map_err(|e| format!("The run was stored, but {e}."))?;
        self.writer.set(true);
        self.stored.set(true);
        self.show(run);
        self.refresh_list();
        Ok(())
    }

    /// Opens a stored run: to write when it is unfinished and no other
    /// tab writes it, else to follow or read.
    pub fn open(&self, id: &str) {
        let mut store = LocalStore;
        let opened = self.runs.try_update_value(|r| r.load(&mut store, id));
        match opened {
            Some(OpenedRun::Ready(run)) => {
                let writes = !run.status.is_finished() && claim::claim_if_free(&run.id);
                self.writer.set(writes);
                self.stored.set(true);
                self.show(run);
            }
            Some(OpenedRun::Unreadable {
                error, backup_key, ..
            }) => self.editor.tell(
                Tone::Error,
                match backup_key {
                    Some(key) => format!("The run could not be read ({error}); it is kept as it was, and a copy is under “{key}”."),
                    None => format!("The run could not be read ({error}); it is kept as it was (no room for a copy)."),
                },
            ),
            Some(OpenedRun::Missing) | None => {
                self.editor.tell(Tone::Warning, "That run is no longer stored.")
            }
        }
        self.refresh_list();
    }

    /// Re-reads the shown run after another tab wrote it.
    fn reload(&self, id: &str) {
        let mut store = LocalStore;
        if let Some(OpenedRun::Ready(run)) = self.runs.try_update_value(|r| r.load(&mut store, id))
        {
            self.show(run);
            self.refresh_list();
        }
    }

    /// Opens a run file read-only; nothing is stored.
    pub fn open_file(&self, name: &str, text: &str) {
        match load_run_json(text) {
            Ok(run) => {
                self.writer.set(false);
                self.stored.set(false);
                self.show(run);
                self.editor.tell(
                    Tone::Info,
                    format!("Opened “{name}” read-only: a run from a file is shown, not stored."),
                );
            }
            Err(e) => self.editor.tell(
                Tone::Error,
                format!("“{name}” was not opened: {e}. Nothing stored was changed."),
            ),
        }
    }

    fn show(&self, run: Run) {
        self.editor.locked.set(Some(LOCKED));
        self.editor.run_marks.set(Some(Arc::new(marks(&run))));
        self.now.set(now_ms());
        self.shown.set(Some(Arc::new(run)));
    }

    /// Back to editing.
    pub fn close(&self) {
        if let Some(id) = self
            .shown
            .with_untracked(|r| r.as_ref().map(|r| r.id.clone()))
        {
            if self.writer.get_untracked() {
                claim::release(&id);
            }
        }
        self.shown.set(None);
        self.writer.set(false);
        self.message.set(None);
        self.editor.locked.set(None);
        self.editor.run_marks.set(None);
    }

    /// Applies `command` to the shown run: stored first, then shown. The
    /// reason when it was refused or could not be stored.
    pub fn command(&self, command: Command) -> Result<(), String> {
        let Some(run) = self.shown.get_untracked() else {
            return Err("No run is shown.".into());
        };
        if !self.stored.get_untracked() {
            return Err(
                "This run was opened from a file: it can be read and exported, not run.".into(),
            );
        }
        let taking_control = command == Command::TakeControl;
        if !self.writer.get_untracked() && !taking_control {
            return Err("Another tab is running this; take control to act from this tab.".into());
        }
        // A follower's copy can lag the writer's last entry by an event:
        // read the stored run first, so taking control appends to it.
        let run = if taking_control {
            self.reload(&run.id);
            self.shown.get_untracked().unwrap_or(run)
        } else {
            run
        };
        let mut next = (*run).clone();
        let result = apply(&mut next, command, now_ms(), &self.operator.get_untracked());
        if next.log.len() != run.log.len() {
            let mut store = LocalStore;
            let saved = self
                .runs
                .try_update_value(|r| r.save(&mut store, &next))
                .unwrap_or(Ok(()));
            if let Err(e) = saved {
                let why = format!("Not done: the run could not be stored ({e}). Nothing changed; free some space and try again.");
                self.message.set(Some(why.clone()));
                return Err(why);
            }
            if taking_control {
                let _ = claim::take(&next.id);
                self.writer.set(true);
            }
            self.show(next);
            self.refresh_list();
        }
        match result {
            Ok(_) => {
                self.message.set(None);
                Ok(())
            }
            Err(refusal) => {
                let why = format!("Refused: {refusal}.");
                self.message.set(Some(why.clone()));
                Err(why)
            }
        }
    }

    /// Whether the open document's plan differs from the one `run` pinned.
    pub fn document_changed(&self, run: &Run) -> bool {
        self.document_hash
            .with_untracked(|h| h.as_ref().is_some_and(|h| *h != run.plan_hash))
    }

    /// The file name stem of the shown run's exports; a rehearsal says so.
    fn stem(run: &Run) -> String {
        let mut parts = vec![file_stem(&run.plan.plan.title)];
        if !run.environment.is_empty() {
            parts.push(file_stem(&run.environment));
        }
        if run.rehearsal {
            parts.push("rehearsal".into());
        }
        parts.push(run.id.clone());
        parts.join("-")
    }

    /// Copies the current phase's SQL; says how it went in the panel.
    pub fn copy_sql(&self) {
        let sql = self.shown.with_untracked(|run| {
            run.as_ref()
                .and_then(|r| r.plan.plan.node(r.current))
                .map(|n| n.sql.clone())
        });
        let Some(sql) = sql else { return };
        let message = self.message;
        leptos::task::spawn_local(async move {
            message.set(Some(
                match crate::adapters::clipboard_text::write_text(sql).await {
                    Ok(()) => "SQL copied.".to_owned(),
                    Err(e) => {
                        format!("The SQL was not copied ({e}): select it and copy it by hand.")
                    }
                },
            ));
        });
    }

    /// Downloads the run log as Markdown.
    pub fn export_log(&self) {
        self.export_shown("-log.md", "text/markdown", |run| {
            run_log_markdown(run, now_ms())
        });
    }

    /// Downloads the run as JSON, which opens again read-only.
    pub fn export_json(&self) {
        self.export_shown(".run.json", "application/json", run_to_json);
    }

    /// Downloads the Gantt of the run's plan with its actual times beside
    /// it (SPEC §10), as Mermaid.
    pub fn export_gantt(&self) {
        self.export_shown(".gantt.mmd", "text/plain", |run| {
            migraflow_core::mermaid::export_gantt_with_run(run, now_ms())
        });
    }

    /// Downloads `text` of the shown run as `<stem><suffix>`, and says so.
    fn export_shown(&self, suffix: &str, mime: &str, text: impl FnOnce(&Run) -> String) {
        let Some(run) = self.shown.get_untracked() else {
            return;
        };
        let name = format!("{}{suffix}", Self::stem(&run));
        let text = text(&run);
        self.downloaded(&name, download_bytes(&name, mime, text.as_bytes()));
    }

    fn downloaded(&self, name: &str, result: Result<(), String>) {
        match result {
            Ok(()) => self.editor.tell(Tone::Info, format!("Exported {name}.")),
            Err(e) => self
                .editor
                .tell(Tone::Error, format!("The download failed: {e}")),
        }
    }
}

/// Downloads the plan as a runbook (Markdown) to follow before any run.
pub fn export_runbook(editor: Editor) {
    let doc = editor.document();
    let text = migraflow_core::markdown::runbook_markdown(&doc);
    let name = format!("{}-runbook.md", file_stem(&doc.plan.title));
    match download_bytes(&name, "text/markdown", text.as_bytes()) {
        Ok(()) => editor.tell(Tone::Info, format!("Exported {name}.")),
        Err(e) => editor.tell(Tone::Error, format!("The download failed: {e}")),
    }
}

/// The canvas marks of `run`.
fn marks(run: &Run) -> RunMarks {
    let mut m = RunMarks {
        current: Some(run.current),
        ..RunMarks::default()
    };
    for visit in &run.visits {
        m.visited.insert(visit.node);
        if let Some(edge) = visit.left_by {
            let rollback = run
                .plan
                .plan
                .edge(edge)
                .is_some_and(|e| e.kind == EdgeKind::Rollback);
            if rollback {
                m.rolled_back.insert(edge);
            } else {
                m.taken.insert(edge);
            }
        }
    }
    m
}
