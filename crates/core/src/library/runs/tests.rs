//! Recovery paths of stored runs, against the in-memory store.

use super::*;
use crate::document::Document;
use crate::geometry::Point;
use crate::library::kv::MemoryStore;
use crate::library::{doc_key, Library, BACKUP_PREFIX, INDEX_KEY};
use crate::plan::{EdgeKind, NodeKind};
use crate::run::{apply, run_to_json, start, Command, NewRun, Operator};

/// 2024-05-01T08:00:00Z.
const T0: u64 = 1_714_550_400_000;
const MINUTE: u64 = 60_000;

fn doc(title: &str) -> Document {
    let mut d = Document::new(title);
    let s = d.add_node(NodeKind::Start, "Start", Point::new(0.0, 0.0));
    let e = d.add_node(NodeKind::End, "Done", Point::new(240.0, 0.0));
    d.add_edge(EdgeKind::Forward, s, e, "");
    d
}

fn ana() -> Operator {
    Operator::new("Ana", "DBA")
}

/// A run of document `document_id` (plan titled after it), started at `at`.
fn run(id: &str, document_id: &str, at: u64) -> Run {
    start(
        NewRun {
            id: id.into(),
            document_id: document_id.into(),
            environment: "staging".into(),
            rehearsal: true,
        },
        doc(&format!("Plan {document_id}")),
        at,
        &ana(),
    )
    .unwrap()
}

fn ready(opened: OpenedRun) -> Run {
    match opened {
        OpenedRun::Ready(run) => run,
        other => panic!("expected a run, got {other:?}"),
    }
}

fn ids(list: &[RunSummary]) -> Vec<&str> {
    list.iter().map(|s| s.id.as_str()).collect()
}

fn backups(store: &MemoryStore) -> Vec<String> {
    store
        .keys()
        .unwrap()
        .into_iter()
        .filter(|k| k.starts_with(BACKUP_PREFIX))
        .collect()
}

/// A run's JSON with its run schema raised to 99.
fn from_the_future(run: &Run) -> String {
    let text = run_to_json(run);
    let future = text.replacen("\"schema_version\": 1,", "\"schema_version\": 99,", 1);
    assert_ne!(future, text);
    future
}

#[test]
fn saved_runs_reopen_exactly_and_are_listed_by_document_newest_first() {
    let mut store = MemoryStore::default();
    let mut runs = Runs::open(&mut store);
    assert!(runs.all().is_empty() && runs.notes.is_empty());
    let mut r1 = run("r1", "d1", T0);
    runs.save(&mut store, &r1).unwrap();
    runs.save(&mut store, &run("r2", "d2", T0 + MINUTE))
        .unwrap();
    runs.save(&mut store, &run("r3", "d1", T0 + 2 * MINUTE))
        .unwrap();
    // A later save changes the listed status, not the order.
    apply(
        &mut r1,
        Command::Abort {
            reason: "wrong window".into(),
        },
        T0 + 3 * MINUTE,
        &ana(),
    )
    .unwrap();
    runs.save(&mut store, &r1).unwrap();

    let mut runs = Runs::open(&mut store);
    assert!(runs.notes.is_empty(), "{:?}", runs.notes);
    assert_eq!(ids(&runs.list("d1")), ["r3", "r1"]);
    assert_eq!(ids(&runs.list("d2")), ["r2"]);
    assert!(runs.list("d9").is_empty());
    assert_eq!(ids(&runs.all()), ["r3", "r2", "r1"]);
    assert_eq!(
        runs.list("d1")[1],
        RunSummary {
            id: "r1".into(),
            document_id: "d1".into(),
            environment: "staging".into(),
            rehearsal: true,
            status: Status::Aborted,
            started_ms: T0,
            title: "Plan d1".into(),
        }
    );
    assert_eq!(ready(runs.load(&mut store, "r1")), r1);
    assert!(matches!(runs.load(&mut store, "r9"), OpenedRun::Missing));
}

#[test]
fn new_ids_are_the_time_in_base_36_and_never_collide() {
    let mut store = MemoryStore::default();
    let mut runs = Runs::open(&mut store);
    assert_eq!(runs.new_id(&store, 0), "r0");
    assert_eq!(runs.new_id(&store, 36 * 36 - 1), "rzz");
    let base = runs.new_id(&store, T0);
    assert_eq!(base, format!("r{}", base36(T0)));
    runs.save(&mut store, &run(&base, "d1", T0)).unwrap();
    let second = runs.new_id(&store, T0);
    assert_eq!(second, format!("{base}-2"));
    // A key that is stored but not listed is taken too.
    store.set(&run_key(&second), "{").unwrap();
    assert_eq!(runs.new_id(&store, T0), format!("{base}-3"));
}

#[test]
fn every_kind_of_unreadable_run_is_kept_byte_for_byte_and_never_overwritten() {
    let mine = run("r1", "d1", T0);
    let future = from_the_future(&mine);
    let elsewhere = run_to_json(&run("r2", "d1", T0));
    let document = crate::format::to_json(&doc("a plan, not a run"));
    let cases: [(&str, &str); 7] = [
        ("", "not valid JSON"),
        (
            "{\"format\":\"migraflow-run\",\"schema_ver",
            "not valid JSON",
        ),
        ("\u{0}\u{1}\u{fffd}garbage\u{7f}", "not valid JSON"),
        (&document, "not a migraflow run"),
        ("[]", "not a migraflow run"),
        (&future, "newer migraflow (run schema 99)"),
        (&elsewhere, "names itself “r2”"),
    ];
    for (raw, why) in cases {
        let mut store = MemoryStore::default();
        store.set(&run_key("r1"), raw).unwrap();
        let mut runs = Runs::open(&mut store);
        runs.notes.clear();
        match runs.load(&mut store, "r1") {
            OpenedRun::Unreadable {
                raw: got,
                error,
                backup_key,
            } => {
                assert_eq!(got, raw);
                assert!(error.contains(why), "{raw:?}: {error}");
                assert_eq!(backup_key.as_deref(), Some("migraflow.backup.run.r1"));
                assert_eq!(
                    store.get("migraflow.backup.run.r1").unwrap().as_deref(),
                    Some(raw)
                );
            }
            other => panic!("{raw:?} opened as {other:?}"),
        }
        assert!(runs.is_protected("r1"));
        assert_eq!(runs.save(&mut store, &mine), Err(SaveError::Protected));
        assert_eq!(
            store.get(&run_key("r1")).unwrap().as_deref(),
            Some(raw),
            "the original is untouched"
        );
        assert_ne!(runs.new_id(&store, 0), "r1");
        // Opening again does not pile up copies.
        runs.load(&mut store, "r1");
        Runs::open(&mut store).load(&mut store, "r1");
        assert_eq!(backups(&store), ["migraflow.backup.run.r1"]);
    }
}

/// Unreadable runs are not listed: there is no document, status or time
/// to list them by. Each is backed up and protected when found, and
/// `notes` says so.
#[test]
fn unreadable_runs_found_when_opening_are_not_listed_but_told() {
    let mut store = MemoryStore::default();
    let mut runs = Runs::open(&mut store);
    runs.save(&mut store, &run("r1", "d1", T0)).unwrap();
    // Stored by a newer migraflow in another tab, list and all.
    let newer = from_the_future(&run("r2", "d1", T0 + MINUTE));
    store.set(&run_key("r2"), &newer).unwrap();
    store.set(&run_key("r3"), "{not json").unwrap();

    let mut runs = Runs::open(&mut store);
    assert_eq!(ids(&runs.list("d1")), ["r1"]);
    assert_eq!(ids(&runs.all()), ["r1"]);
    assert_eq!(runs.notes.len(), 2, "{:?}", runs.notes);
    assert!(runs.notes[0].contains("“r2”") && runs.notes[0].contains("migraflow.backup.run.r2"));
    assert!(runs.is_protected("r2") && runs.is_protected("r3") && !runs.is_protected("r1"));
    assert_eq!(
        store.get("migraflow.backup.run.r2").unwrap(),
        Some(newer.clone())
    );
    let mut r2 = run("r2", "d1", T0 + MINUTE);
    assert_eq!(runs.save(&mut store, &r2), Err(SaveError::Protected));
    assert_eq!(store.get(&run_key("r2")).unwrap(), Some(newer.clone()));
    // Saving another run writes the list; the unreadable ones stay unlisted
    // and untouched, and opening again copies nothing more.
    runs.save(&mut store, &run("r4", "d1", T0 + 2 * MINUTE))
        .unwrap();
    let runs = Runs::open(&mut store);
    assert_eq!(ids(&runs.list("d1")), ["r4", "r1"]);
    assert_eq!(runs.notes.len(), 2, "{:?}", runs.notes);
    assert_eq!(backups(&store).len(), 2);
    assert_eq!(store.get(&run_key("r2")).unwrap(), Some(newer));

    // A listed run found unreadable when loaded leaves the list.
    let mut runs = Runs::open(&mut store);
    store.set(&run_key("r4"), "garbage").unwrap();
    assert!(matches!(
        runs.load(&mut store, "r4"),
        OpenedRun::Unreadable { .. }
    ));
    assert_eq!(ids(&runs.list("d1")), ["r1"]);
    r2.environment = "prod".into();
    assert_eq!(runs.save(&mut store, &r2), Err(SaveError::Protected));
}

#[test]
fn a_full_quota_is_returned_and_leaves_the_previous_run_in_place() {
    let mut store = MemoryStore::with_capacity(20_000);
    let mut runs = Runs::open(&mut store);
    let mut r1 = run("r1", "d1", T0);
    runs.save(&mut store, &r1).unwrap();
    let before = store.get(&run_key("r1")).unwrap().unwrap();
    let listed = store.get(RUNS_INDEX_KEY).unwrap();
    apply(
        &mut r1,
        Command::Note {
            text: "x".repeat(30_000),
            corrects: None,
        },
        T0 + MINUTE,
        &ana(),
    )
    .unwrap();
    assert_eq!(
        runs.save(&mut store, &r1),
        Err(SaveError::Store(StoreError::Quota))
    );
    assert_eq!(store.get(&run_key("r1")).unwrap().unwrap(), before);
    assert_eq!(store.get(RUNS_INDEX_KEY).unwrap(), listed);
    // Once there is room again, the next save goes through.
    store.capacity = None;
    runs.save(&mut store, &r1).unwrap();
    assert_eq!(ready(Runs::open(&mut store).load(&mut store, "r1")), r1);
}

/// The run is written before the list; when the list's write fails, the
/// error is returned and the run is still listed on the next open.
#[test]
fn a_run_whose_list_entry_failed_to_be_written_is_still_listed() {
    let mut store = MemoryStore::default();
    let mut runs = Runs::open(&mut store);
    runs.save(&mut store, &run("r1", "d1", T0)).unwrap();
    let r2 = run("r2", "d1", T0 + MINUTE);
    let used = |s: &MemoryStore| -> usize { s.values.iter().map(|(k, v)| k.len() + v.len()).sum() };
    let list_len = |s: &MemoryStore| s.get(RUNS_INDEX_KEY).unwrap().unwrap_or_default().len();
    let mut trial = store.clone();
    runs.clone().save(&mut trial, &r2).unwrap();
    let run_bytes = used(&trial) - used(&store) - (list_len(&trial) - list_len(&store));
    // Room for the run, not for the longer list.
    store.capacity = Some(used(&store) + run_bytes + 10);
    assert_eq!(
        runs.save(&mut store, &r2),
        Err(SaveError::Store(StoreError::Quota))
    );
    assert!(store.get(&run_key("r2")).unwrap().is_some());
    assert_eq!(ids(&runs.list("d1")), ["r2", "r1"]);

    let runs = Runs::open(&mut store);
    assert_eq!(ids(&runs.list("d1")), ["r2", "r1"]);
    assert!(runs.notes.is_empty(), "{:?}", runs.notes);

    // And a listed run whose key is gone is no longer listed.
    store.remove(&run_key("r1")).unwrap();
    assert_eq!(ids(&Runs::open(&mut store).all()), ["r2"]);
}

#[test]
fn an_unreadable_list_is_kept_and_rebuilt_from_the_runs() {
    for bad in [
        "{not json",
        r#"{"version":99,"runs":[]}"#,
        r#"{"version":1,"runs":[{"id":"r1"}]}"#,
    ] {
        let mut store = MemoryStore::default();
        let mut runs = Runs::open(&mut store);
        runs.save(&mut store, &run("r1", "d1", T0)).unwrap();
        runs.save(&mut store, &run("r2", "d2", T0 + MINUTE))
            .unwrap();
        store.set(RUNS_INDEX_KEY, bad).unwrap();

        let mut runs = Runs::open(&mut store);
        assert_eq!(ids(&runs.all()), ["r2", "r1"], "{bad}");
        assert_eq!(runs.list("d2")[0].title, "Plan d2");
        assert_eq!(
            store.get("migraflow.backup.runs").unwrap().as_deref(),
            Some(bad)
        );
        assert_eq!(runs.notes.len(), 1, "{:?}", runs.notes);
        assert!(runs.notes[0].contains("migraflow.backup.runs"));
        // The next save writes the rebuilt list.
        runs.save(&mut store, &run("r3", "d1", T0 + 2 * MINUTE))
            .unwrap();
        let runs = Runs::open(&mut store);
        assert!(runs.notes.is_empty(), "{:?}", runs.notes);
        assert_eq!(ids(&runs.all()), ["r3", "r2", "r1"]);
    }
}

#[test]
fn a_backup_never_overwrites_another_value() {
    let mut store = MemoryStore::default();
    store
        .set("migraflow.backup.run.r1", "an older copy")
        .unwrap();
    store.set(&run_key("r1"), "garbage").unwrap();
    let mut runs = Runs::open(&mut store);
    assert!(runs.notes[0].contains("migraflow.backup.run.r1.2"));
    match runs.load(&mut store, "r1") {
        OpenedRun::Unreadable { backup_key, .. } => {
            assert_eq!(backup_key.as_deref(), Some("migraflow.backup.run.r1.2"))
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        store.get("migraflow.backup.run.r1").unwrap().as_deref(),
        Some("an older copy")
    );
}

/// Runs and documents share one store: neither list picks up the other's
/// keys, their lists' backups or their values' backups.
#[test]
fn documents_and_runs_do_not_see_each_other() {
    let mut library = Library::open(MemoryStore::default());
    let d = library.create(&doc("The plan"), 1.0, 0).unwrap();
    let mut store = library.store().clone();
    let mut runs = Runs::open(&mut store);
    runs.save(&mut store, &run("r1", &d, T0)).unwrap();
    store.set(&run_key("r2"), "garbage").unwrap();
    store.set(RUNS_INDEX_KEY, "{not json").unwrap();
    let runs = Runs::open(&mut store);
    assert_eq!(ids(&runs.all()), ["r1"]);
    assert!(store.get("migraflow.backup.run.r2").unwrap().is_some());
    assert!(store.get("migraflow.backup.runs").unwrap().is_some());

    // The documents' list read as it is, missing, and unreadable (rebuilt
    // from the keys): only the document, every time.
    let listed = |store: &MemoryStore| {
        let library = Library::open(store.clone());
        assert!(library.notes.len() <= 1, "{:?}", library.notes);
        library
            .list()
            .into_iter()
            .map(|e| (e.id, e.name))
            .collect::<Vec<_>>()
    };
    let only = vec![(d.clone(), "The plan".to_string())];
    assert_eq!(listed(&store), only);
    let mut missing = store.clone();
    missing.remove(INDEX_KEY).unwrap();
    assert_eq!(listed(&missing), only);
    let mut unreadable = store.clone();
    unreadable.set(INDEX_KEY, "{not json").unwrap();
    assert_eq!(listed(&unreadable), only);

    // And the runs do not list documents, nor a document stored under a
    // name that looks like a run's.
    let mut store = unreadable;
    store.set(&doc_key("run.r5"), "{}").unwrap();
    assert_eq!(ids(&Runs::open(&mut store).all()), ["r1"]);
}

/// Every `set` and `get`, by key, on top of a memory store.
#[derive(Default)]
struct Counting {
    store: MemoryStore,
    written: Vec<String>,
    read: std::cell::RefCell<Vec<String>>,
}

impl KeyValue for Counting {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.read.borrow_mut().push(key.to_owned());
        self.store.get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.written.push(key.to_owned());
        self.store.set(key, value)
    }
    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.store.remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        self.store.keys()
    }
}

fn note(run: &mut Run, at: u64) {
    let text = format!("note at {at}");
    apply(
        run,
        Command::Note {
            text,
            corrects: None,
        },
        at,
        &ana(),
    )
    .unwrap();
}

/// What makes commands cheap at thousands of nodes: after the first save,
/// a command writes the last piece of the log, the head and the list —
/// never the pinned plan, never the earlier pieces.
#[test]
fn a_command_rewrites_the_last_piece_of_the_log_and_the_head_only() {
    let mut store = Counting::default();
    let mut runs = Runs::open(&mut store);
    let mut r1 = run("r1", "d1", T0);
    for i in 0..(2 * CHUNK as u64 + 5) {
        note(&mut r1, T0 + i);
    }
    runs.save(&mut store, &r1).unwrap();
    assert_eq!(
        store.written,
        [
            log_key("r1", 0),
            log_key("r1", 1),
            log_key("r1", 2),
            pinned_key(&r1.plan_hash),
            run_key("r1"),
            RUNS_INDEX_KEY.into()
        ]
    );
    store.written.clear();
    note(&mut r1, T0 + 10 * MINUTE);
    runs.save(&mut store, &r1).unwrap();
    assert_eq!(
        store.written,
        [log_key("r1", 2), run_key("r1"), RUNS_INDEX_KEY.into()]
    );
    assert_eq!(ready(Runs::open(&mut store).load(&mut store, "r1")), r1);

    // A tab that opened the run (another one wrote it, or this page
    // before a reload) goes on from there, and does not even read the
    // pinned plan again: it was read, and checked, when the run opened.
    let mut other = Runs::open(&mut store);
    let mut r1 = ready(other.load(&mut store, "r1"));
    store.written.clear();
    store.read.borrow_mut().clear();
    note(&mut r1, T0 + 11 * MINUTE);
    other.save(&mut store, &r1).unwrap();
    assert_eq!(
        store.written,
        [log_key("r1", 2), run_key("r1"), RUNS_INDEX_KEY.into()]
    );
    assert_eq!(store.read.borrow().as_slice(), [] as [String; 0]);
    assert_eq!(ready(Runs::open(&mut store).load(&mut store, "r1")), r1);
}

/// Two runs of the same plan keep one copy of it; a run of another plan
/// its own.
#[test]
fn runs_of_one_plan_share_its_pinned_copy() {
    let mut store = MemoryStore::default();
    let mut runs = Runs::open(&mut store);
    for (id, document) in [("r1", "d1"), ("r2", "d1"), ("r3", "d2")] {
        runs.save(&mut store, &run(id, document, T0)).unwrap();
    }
    let pinned = |s: &MemoryStore| {
        s.values
            .keys()
            .filter(|k| k.starts_with(PINNED_PREFIX))
            .count()
    };
    assert_eq!(pinned(&store), 2);
    let mut fresh = Runs::open(&mut store);
    for id in ["r1", "r2", "r3"] {
        let run = ready(fresh.load(&mut store, id));
        fresh.save(&mut store, &run).unwrap();
    }
    assert_eq!(pinned(&store), 2);
    assert!(backups(&store).is_empty());
}

/// A pinned plan or a piece of the log that is missing or unreadable makes
/// the run unreadable: it is protected, its head backed up, and no part of
/// it is written again.
#[test]
fn a_run_with_a_missing_or_broken_part_is_kept_untouched() {
    let mut base = MemoryStore::default();
    let mut r1 = run("r1", "d1", T0);
    for i in 0..(CHUNK as u64 + 1) {
        note(&mut r1, T0 + i);
    }
    Runs::open(&mut base).save(&mut base, &r1).unwrap();
    let plan = pinned_key(&r1.plan_hash);
    let breaks: [(&str, Option<&str>, &str); 5] = [
        (&plan, None, "pinned plan"),
        (&plan, Some("{\"nodes\""), "pinned plan"),
        ("migraflow.runlog.r1.1", None, "part of its log"),
        ("migraflow.runlog.r1.0", Some("{}"), "part of its log"),
        (
            "migraflow.runlog.r1.1",
            Some("[]"),
            "shorter than its head says",
        ),
    ];
    for (key, value, why) in breaks {
        let mut store = base.clone();
        match value {
            Some(v) => store.set(key, v).unwrap(),
            None => store.remove(key).unwrap(),
        }
        let before = store.values.clone();
        let mut runs = Runs::open(&mut store);
        assert_eq!(runs.notes.len(), 0, "the run was listed before");
        match runs.load(&mut store, "r1") {
            OpenedRun::Unreadable {
                error, backup_key, ..
            } => {
                assert!(error.contains(why), "{key}: {error}");
                assert_eq!(backup_key.as_deref(), Some("migraflow.backup.run.r1"));
            }
            other => panic!("{key} broken, opened as {other:?}"),
        }
        assert_eq!(runs.save(&mut store, &r1), Err(SaveError::Protected));
        store.values.remove("migraflow.backup.run.r1");
        store.values.remove(RUNS_INDEX_KEY);
        let mut kept = before.clone();
        kept.remove(RUNS_INDEX_KEY);
        assert_eq!(store.values, kept, "{key}: nothing of the run was written");
    }
}

/// Runs stored whole (before the head and its parts) still open.
#[test]
fn a_run_stored_whole_still_opens() {
    let mut store = MemoryStore::default();
    let r1 = run("r1", "d1", T0);
    store.set(&run_key("r1"), &run_to_json(&r1)).unwrap();
    let mut runs = Runs::open(&mut store);
    assert_eq!(ids(&runs.all()), ["r1"]);
    assert_eq!(ready(runs.load(&mut store, "r1")), r1);
}
