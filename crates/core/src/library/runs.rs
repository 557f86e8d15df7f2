//! Run records stored beside the documents (SPEC §6, Durability), with the
//! documents' guarantees.
//!
//! Keys: a run is stored in three parts, so that a command during a run
//! rewrites a few kilobytes, not the pinned plan (megabytes at thousands
//! of nodes) nor the whole log:
//! - `migraflow.run.<id>`, the head: [`run_head_json`] — the run file
//!   without plan and log, with `"stored": {"plan": <key>, "log_len": N,
//!   "chunk": C}`;
//! - `migraflow.pinned.<plan hash>`, the pinned plan as a document, written
//!   once and shared by every run of the same plan (a second rehearsal of
//!   a large plan then costs no second copy);
//! - `migraflow.runlog.<id>.<k>`, entries `k·C … k·C+C-1` of the log as a
//!   JSON array; only the last one changes as the run goes on.
//!
//! Writes go parts first, head last: a reader trusts the head's `log_len`
//! and ignores entries past it, so a head that failed to be written (a full
//! quota) leaves the previous run whole. A head with no `stored` is read as
//! a whole run file ([`load_run_json`]).
//! `migraflow.runs` lists a [`RunSummary`] of each, so listing a document's
//! runs parses no run. No key starts with `migraflow.doc.`, so the
//! documents' [`super::Library`] never lists them.
//!
//! Invariants this module keeps (and tests):
//! - a stored run that cannot be read (corrupt, not a run, a newer run
//!   schema, or one naming another id than its key's) is never overwritten:
//!   it is copied to `migraflow.backup.run.<id>` (or `.2`, `.3`…) the first
//!   time it is found, and [`Runs::save`] refuses its id for the rest of
//!   the session;
//! - unreadable runs are not listed (there is no status or document to
//!   show for them); each one found while opening is backed up, protected
//!   and told in [`Runs::notes`];
//! - a failed write (a full quota) leaves the previous value in place and
//!   is returned, never swallowed. [`Runs::save`] writes the run before the
//!   list, so an error may come after the run itself was stored: the list
//!   catches up on the next save or open;
//! - no run disappears from the list: an unreadable list is backed up (to
//!   `migraflow.backup.runs`) and rebuilt from the `migraflow.run.*` keys,
//!   and a readable one is checked against those keys when opened (keys
//!   only; only runs missing from it are parsed), so a run whose list
//!   entry was never written — the list's write failed — is still listed.

use super::kv::{KeyValue, StoreError};
use super::{back_up, SaveError};
use crate::id_map::IdMap;
use crate::json::from::{Fields, FromJson};
use crate::json::to::{Object, ToJson};
use crate::json::ReadError;
use crate::run::file::MAX_LOG_ENTRIES;
use crate::run::hash::plan_hash;
use crate::run::{load_run_json, load_run_parts, run_head_json, Run, Status};
use serde_json::Value;

pub const RUNS_INDEX_KEY: &str = "migraflow.runs";
pub const RUN_PREFIX: &str = "migraflow.run.";

/// The storage key of run `id`.
pub fn run_key(id: &str) -> String {
    format!("{RUN_PREFIX}{id}")
}

pub const PINNED_PREFIX: &str = "migraflow.pinned.";
pub const RUN_LOG_PREFIX: &str = "migraflow.runlog.";

/// Log entries per stored piece: a command rewrites at most this many.
const CHUNK: usize = 200;

/// The key of the pinned plan whose hash is `hash`.
pub fn pinned_key(hash: &str) -> String {
    format!("{PINNED_PREFIX}{hash}")
}

/// The key of piece `k` of run `id`'s log.
pub fn log_key(id: &str, k: usize) -> String {
    format!("{RUN_LOG_PREFIX}{id}.{k}")
}

/// The name a run's backups are kept under: `migraflow.backup.run.<id>`.
fn backup_name(id: &str) -> String {
    format!("run.{id}")
}

/// One stored run, as listed.
#[derive(Clone, Debug, PartialEq)]
pub struct RunSummary {
    /// The storage id; the run lives under `migraflow.run.<id>`.
    pub id: String,
    pub document_id: String,
    pub environment: String,
    pub rehearsal: bool,
    pub status: Status,
    /// When the run started, in milliseconds since the Unix epoch.
    pub started_ms: u64,
    /// The pinned plan's title.
    pub title: String,
}

impl RunSummary {
    pub fn of(run: &Run) -> RunSummary {
        RunSummary {
            id: run.id.clone(),
            document_id: run.document_id.clone(),
            environment: run.environment.clone(),
            rehearsal: run.rehearsal,
            status: run.status,
            started_ms: run.started_ms(),
            title: run.plan.plan.title.clone(),
        }
    }
}

/// The stored form of the list.
struct StoredIndex {
    version: u32,
    runs: Vec<RunSummary>,
}

impl StoredIndex {
    const VERSION: u32 = 1;
}

// Written and read by hand, like the run file: see `crate::json`.
impl ToJson for RunSummary {
    fn to_json(&self) -> Value {
        Object::new()
            .with("id", &self.id)
            .with("document_id", &self.document_id)
            .with("environment", &self.environment)
            .with("rehearsal", &self.rehearsal)
            .with("status", &self.status)
            .with("started_ms", &self.started_ms)
            .with("title", &self.title)
            .done()
    }
}

impl ToJson for StoredIndex {
    fn to_json(&self) -> Value {
        Object::new()
            .with("version", &self.version)
            .with("runs", &self.runs)
            .done()
    }
}

impl FromJson for RunSummary {
    fn from_json(value: &Value) -> Result<RunSummary, ReadError> {
        let f = Fields::of(value, "RunSummary")?;
        Ok(RunSummary {
            id: f.get("id")?,
            document_id: f.get("document_id")?,
            environment: f.get("environment")?,
            rehearsal: f.get("rehearsal")?,
            status: f.get("status")?,
            started_ms: f.get("started_ms")?,
            title: f.get("title")?,
        })
    }
}

impl FromJson for StoredIndex {
    fn from_json(value: &Value) -> Result<StoredIndex, ReadError> {
        let f = Fields::of(value, "StoredIndex")?;
        Ok(StoredIndex {
            version: f.get("version")?,
            runs: f.get("runs")?,
        })
    }
}

/// What opening a stored run found.
// `Ready` holds the run itself, as the app matches it: the value is made
// once per load and taken apart at once, so its size costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum OpenedRun {
    Ready(Run),
    /// Present but unreadable. The value stays where it was, a copy is at
    /// `backup_key` (when storage had room for it), and the id is protected
    /// from saves. `error` is a sentence for the user.
    Unreadable {
        raw: String,
        error: String,
        backup_key: Option<String>,
    },
    /// Nothing stored under that id.
    Missing,
}

/// The runs in a store. The store is passed to each call rather than
/// owned, since it is the one the documents' [`super::Library`] owns.
#[derive(Clone, Debug, Default)]
pub struct Runs {
    /// The list, by id.
    index: IdMap<String, RunSummary>,
    /// Ids whose stored value could not be read this session.
    protected: IdMap<String, ()>,
    /// Problems found while opening, as sentences for the user.
    pub notes: Vec<String>,
    /// How many log entries of each run are known to be stored, so a save
    /// writes only the pieces after them.
    stored_len: IdMap<String, usize>,
    /// Pinned plans known to be stored this session.
    pinned: IdMap<String, ()>,
}

/// Reads the run whose head, stored under `id`, is `raw`, or says why not;
/// with the key its pinned plan was read from, where the head names one.
fn read<S: KeyValue>(store: &S, id: &str, raw: &str) -> Result<(Run, Option<String>), String> {
    let mut plan_key = None;
    let run = match crate::json::parse(raw) {
        Ok(Value::Object(mut head)) if head.contains_key("stored") => {
            let stored = head.remove("stored").unwrap_or_default();
            plan_key = stored["plan"].as_str().map(str::to_owned);
            let (plan, log) = parts(store, id, stored)?;
            head.insert("log".into(), Value::Array(log));
            load_run_parts(Value::Object(head), &plan)
        }
        _ => load_run_json(raw),
    }
    .map_err(|e| e.to_string())?;
    if run.id != id {
        return Err(format!(
            "This run is stored under “{id}” but names itself “{}”. \
             Nothing was opened and nothing was changed.",
            run.id
        ));
    }
    Ok((run, plan_key))
}

/// The pinned plan's text and the log entries a head's `stored` points at.
fn parts<S: KeyValue>(store: &S, id: &str, stored: Value) -> Result<(String, Vec<Value>), String> {
    let missing = |what: &str| {
        format!(
            "This stored run cannot be opened: {what}. Nothing was opened and nothing was changed."
        )
    };
    let plan_key = stored["plan"].as_str().unwrap_or_default();
    let (Some(len), Some(chunk)) = (stored["log_len"].as_u64(), stored["chunk"].as_u64()) else {
        return Err(missing("its head does not say where its log is"));
    };
    let (len, chunk) = (len as usize, chunk.max(1) as usize);
    let plan = store
        .get(plan_key)
        .ok()
        .flatten()
        .ok_or_else(|| missing(&format!("its pinned plan (“{plan_key}”) is not in storage")))?;
    let mut log = Vec::with_capacity(len.min(MAX_LOG_ENTRIES));
    for k in 0..len.div_ceil(chunk) {
        let key = log_key(id, k);
        match store
            .get(&key)
            .ok()
            .flatten()
            .map(|t| crate::json::parse(&t))
        {
            Some(Ok(Value::Array(entries))) => log.extend(entries),
            _ => {
                return Err(missing(&format!(
                    "part of its log (“{key}”) is missing or unreadable"
                )))
            }
        }
        if log.len() > MAX_LOG_ENTRIES {
            break;
        }
    }
    if log.len() < len.min(MAX_LOG_ENTRIES) {
        return Err(missing("its log is shorter than its head says"));
    }
    log.truncate(len);
    Ok((plan, log))
}

impl Runs {
    /// Reads the list of runs, rebuilding it from the run keys if it is
    /// missing or unreadable (the unreadable list is backed up), and adds
    /// any stored run it lacks.
    pub fn open<S: KeyValue>(store: &mut S) -> Runs {
        let mut runs = Runs::default();
        let raw = match store.get(RUNS_INDEX_KEY) {
            Ok(raw) => raw,
            Err(e) => {
                runs.notes
                    .push(format!("The list of runs could not be read: {e}."));
                None
            }
        };
        let parsed = raw
            .as_deref()
            .map(crate::json::from::from_text::<StoredIndex>);
        match parsed {
            Some(Ok(index)) if index.version <= StoredIndex::VERSION => {
                for summary in index.runs {
                    runs.index.insert(summary.id.clone(), summary);
                }
            }
            Some(_) => {
                let raw = raw.unwrap_or_default();
                runs.notes.push(match back_up(store, "runs", &raw) {
                    Some(key) => format!(
                        "The list of runs was unreadable; it was rebuilt, and the old one kept under “{key}”."
                    ),
                    None => "The list of runs was unreadable and rebuilt; storage had no room to keep a copy of it.".to_string(),
                });
            }
            None => {}
        }
        runs.reconcile(store);
        runs
    }

    /// Brings the list in line with the `migraflow.run.*` keys: runs it
    /// lacks are read and added (unreadable ones backed up, protected and
    /// noted), entries whose key is gone are dropped. The list is written
    /// on the next successful save.
    fn reconcile<S: KeyValue>(&mut self, store: &mut S) {
        let Ok(keys) = store.keys() else {
            return;
        };
        let mut ids: Vec<&str> = keys
            .iter()
            .filter_map(|key| key.strip_prefix(RUN_PREFIX))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        self.index
            .retain(|id, _| ids.binary_search(&id.as_str()).is_ok());
        for id in ids {
            if self.index.contains_key(id) {
                continue;
            }
            let Ok(Some(raw)) = store.get(&run_key(id)) else {
                continue;
            };
            match read(store, id, &raw) {
                Ok((run, _)) => {
                    self.index.insert(id.to_owned(), RunSummary::of(&run));
                }
                Err(_) => {
                    self.protected.insert(id.to_owned(), ());
                    self.notes
                        .push(match back_up(store, &backup_name(id), &raw) {
                            Some(key) => format!(
                                "A stored run (“{id}”) could not be read, so it is not listed; it is kept untouched, with a copy under “{key}”."
                            ),
                            None => format!(
                                "A stored run (“{id}”) could not be read, so it is not listed; it is kept untouched (storage had no room for a backup copy)."
                            ),
                        });
                }
            }
        }
    }

    /// The runs of document `document_id`, newest first.
    pub fn list(&self, document_id: &str) -> Vec<RunSummary> {
        let mut list: Vec<RunSummary> = self
            .index
            .values()
            .filter(|s| s.document_id == document_id)
            .cloned()
            .collect();
        newest_first(&mut list);
        list
    }

    /// Every listed run, newest first.
    pub fn all(&self) -> Vec<RunSummary> {
        let mut list: Vec<RunSummary> = self.index.values().cloned().collect();
        newest_first(&mut list);
        list
    }

    /// Whether saves to `id` are refused (its stored value was unreadable).
    pub fn is_protected(&self, id: &str) -> bool {
        self.protected.contains_key(id)
    }

    /// Opens a stored run. An unreadable value is backed up (once), its id
    /// protected and taken off the list; see the module doc.
    pub fn load<S: KeyValue>(&mut self, store: &mut S, id: &str) -> OpenedRun {
        let raw = match store.get(&run_key(id)) {
            Ok(Some(raw)) => raw,
            Ok(None) => return OpenedRun::Missing,
            Err(e) => {
                self.protected.insert(id.to_owned(), ());
                return OpenedRun::Unreadable {
                    raw: String::new(),
                    error: format!("The stored run could not be read: {e}."),
                    backup_key: None,
                };
            }
        };
        match read(store, id, &raw) {
            Ok((run, plan_key)) => {
                // Another tab may have moved the run on since the list was read.
                self.index.insert(id.to_owned(), RunSummary::of(&run));
                self.stored_len.insert(id.to_owned(), run.log.len());
                // Its pinned plan was just read from its key and hashes to
                // the run's plan hash (`load_run_parts` checks), so the next
                // save need not pin it again: `pin` would serialise the plan
                // and read it back (megabytes at 5,000 nodes, ~100 ms) only
                // to find it there.
                let pinned = pinned_key(&run.plan_hash);
                if plan_key.as_deref() == Some(pinned.as_str()) {
                    self.pinned.insert(pinned, ());
                }
                OpenedRun::Ready(run)
            }
            Err(error) => {
                self.protected.insert(id.to_owned(), ());
                self.index.remove(id);
                let backup_key = back_up(store, &backup_name(id), &raw);
                OpenedRun::Unreadable {
                    raw,
                    error,
                    backup_key,
                }
            }
        }
    }

    /// Stores `run` under its id — the log's pieces that changed, the
    /// pinned plan if not yet stored, then the head — and then the list.
    /// Refuses a protected id. On an error the previous value of the key
    /// that failed is in place and the head still describes the previous
    /// run; an error from the list's write comes after the run was stored.
    pub fn save<S: KeyValue>(&mut self, store: &mut S, run: &Run) -> Result<(), SaveError> {
        if self.protected.contains_key(&run.id) {
            return Err(SaveError::Protected);
        }
        let len = run.log.len();
        let known = self.stored_len.get(&run.id).copied().unwrap_or(0).min(len);
        for k in known / CHUNK..len.div_ceil(CHUNK) {
            let piece = &run.log[k * CHUNK..len.min(k * CHUNK + CHUNK)];
            store.set(&log_key(&run.id, k), &crate::json::write(piece, false))?;
        }
        let plan_key = pinned_key(&run.plan_hash);
        if !self.pinned.contains_key(&plan_key) {
            pin(store, &plan_key, run)?;
            self.pinned.insert(plan_key.clone(), ());
        }
        let stored = Object::new()
            .with("plan", &plan_key)
            .with("log_len", &len)
            .with("chunk", &CHUNK)
            .done();
        store.set(&run_key(&run.id), &run_head_json(run, stored))?;
        self.stored_len.insert(run.id.clone(), len);
        self.index.insert(run.id.clone(), RunSummary::of(run));
        self.write_index(store)?;
        Ok(())
    }

    fn write_index<S: KeyValue>(&self, store: &mut S) -> Result<(), StoreError> {
        let stored = StoredIndex {
            version: StoredIndex::VERSION,
            runs: self.index.values().cloned().collect(),
        };
        store.set(RUNS_INDEX_KEY, &crate::json::write(&stored, false))
    }

    /// A fresh id, `r` and the time in base 36, with `-2`, `-3`… when that
    /// is taken by a listed, stored or protected run.
    pub fn new_id<S: KeyValue>(&self, store: &S, now_ms: u64) -> String {
        let base = format!("r{}", base36(now_ms));
        super::free_id(base, |id| {
            self.index.contains_key(id)
                || self.protected.contains_key(id)
                || store.get(&run_key(id)).ok().flatten().is_some()
        })
    }
}

/// Stores run's pinned plan under `key` unless the same plan is there
/// already (the same text, or another text of the same plan). Anything
/// else found there is backed up before it is replaced.
fn pin<S: KeyValue>(store: &mut S, key: &str, run: &Run) -> Result<(), StoreError> {
    let text = crate::format::to_json(&run.plan);
    if let Some(old) = store.get(key)? {
        let same = old == text
            || crate::format::load_json(&old)
                .is_ok_and(|l| plan_hash(&l.document.plan) == run.plan_hash);
        if same {
            return Ok(());
        }
        back_up(store, &key["migraflow.".len()..], &old);
    }
    store.set(key, &text)
}

/// Latest start first; among runs started the same millisecond, the
/// greater id (`r…-2` before `r…`) first.
fn newest_first(list: &mut [RunSummary]) {
    list.sort_by(|a, b| {
        b.started_ms
            .cmp(&a.started_ms)
            .then_with(|| b.id.cmp(&a.id))
    });
}

fn base36(mut n: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII digits")
}

#[cfg(test)]
mod tests;
