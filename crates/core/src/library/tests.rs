//! Recovery paths of the library, against the in-memory store.

use super::kv::{KeyValue, MemoryStore, StoreError};
use super::*;
use crate::format::LoadErrorKind;
use crate::geometry::Point;
use crate::plan::NodeKind;

fn doc(title: &str) -> Document {
    let mut d = Document::new(title);
    let s = d.add_node(NodeKind::Start, "Start", Point::new(0.0, 0.0));
    let e = d.add_node(NodeKind::End, "Done", Point::new(240.0, 0.0));
    d.add_edge(crate::plan::EdgeKind::Forward, s, e, "");
    d
}

fn ready(opened: Opened) -> Document {
    match opened {
        Opened::Ready { document, .. } => document,
        other => panic!("expected a document, got {other:?}"),
    }
}

#[test]
fn saved_documents_reopen_and_are_listed_newest_first() {
    let mut lib = Library::open(MemoryStore::default());
    let a = lib.create(&doc("A"), 1000.0, 0).unwrap();
    let b = lib.create(&doc("B"), 2000.0, 3).unwrap();
    assert_ne!(a, b);
    lib.set_last(&a).unwrap();

    let mut lib = Library::open(lib.store().clone());
    let names: Vec<_> = lib
        .list()
        .iter()
        .map(|e| (e.name.clone(), e.errors))
        .collect();
    assert_eq!(names, [("B".to_string(), 3), ("A".to_string(), 0)]);
    assert_eq!(lib.last().as_deref(), Some(a.as_str()));
    assert_eq!(ready(lib.load(&a)), doc("A"));
    assert!(matches!(lib.load("nope"), Opened::Missing));
}

#[test]
fn every_kind_of_bad_value_is_kept_byte_for_byte_and_never_overwritten() {
    let future = r#"{"format":"migraflow","schema_version":99,"title":"x","nodes":[],"edges":[]}"#;
    let cases: [(&str, LoadErrorKind); 6] = [
        ("", LoadErrorKind::NotJson),
        (
            "{\"format\":\"migraflow\",\"schema_ver",
            LoadErrorKind::NotJson,
        ),
        ("\u{0}\u{1}\u{fffd}garbage\u{7f}", LoadErrorKind::NotJson),
        (
            r#"{"type":"excalidraw","elements":[]}"#,
            LoadErrorKind::NotOurs,
        ),
        ("[]", LoadErrorKind::NotOurs),
        (
            future,
            LoadErrorKind::TooNew {
                found: 99,
                supported: 2,
            },
        ),
    ];
    for (raw, kind) in cases {
        let mut store = MemoryStore::default();
        store.set(&doc_key("d1"), raw).unwrap();
        let mut lib = Library::open(store);
        match lib.load("d1") {
            Opened::Unreadable {
                raw: got,
                error,
                backup_key,
            } => {
                assert_eq!(got, raw);
                assert_eq!(error.kind, kind, "{raw:?}");
                let key = backup_key.expect("room for a backup");
                assert_eq!(lib.store().get(&key).unwrap().as_deref(), Some(raw));
            }
            other => panic!("{raw:?} opened as {other:?}"),
        }
        assert!(lib.is_protected("d1"));
        assert_eq!(
            lib.save("d1", &doc("mine"), 5.0, 0),
            Err(SaveError::Protected)
        );
        assert_eq!(
            lib.raw("d1").as_deref(),
            Some(raw),
            "the original is untouched"
        );
        // Opening again does not pile up copies.
        lib.load("d1");
        let backups = lib
            .store()
            .keys()
            .unwrap()
            .into_iter()
            .filter(|k| k.starts_with(BACKUP_PREFIX))
            .count();
        assert_eq!(backups, 1);
    }
}

#[test]
fn a_full_quota_is_reported_and_leaves_the_previous_save_in_place() {
    let mut lib = Library::open(MemoryStore::with_capacity(2_000));
    let id = lib.create(&doc("small"), 1.0, 0).unwrap();
    let before = lib.raw(&id).unwrap();
    let mut big = doc("big");
    big.plan
        .nodes
        .values_mut()
        .for_each(|n| n.notes = "x".repeat(5_000));
    assert_eq!(
        lib.save(&id, &big, 2.0, 0),
        Err(SaveError::Store(StoreError::Quota))
    );
    assert_eq!(lib.raw(&id).unwrap(), before);
    // Once there is room again, the next save goes through.
    lib.store_mut().capacity = None;
    lib.save(&id, &big, 3.0, 0).unwrap();
    assert_eq!(ready(lib.load(&id)), big);
}

#[test]
fn an_unreadable_list_is_kept_and_rebuilt_from_the_documents() {
    let mut lib = Library::open(MemoryStore::default());
    let id = lib.create(&doc("Kept"), 1.0, 0).unwrap();
    let mut store = lib.store().clone();
    store.set(INDEX_KEY, "{not json").unwrap();
    store.set(&doc_key("broken"), "nope").unwrap();

    let lib = Library::open(store);
    let mut names: Vec<_> = lib.list().into_iter().map(|e| (e.id, e.name)).collect();
    names.sort();
    assert_eq!(
        names,
        [
            (id, "Kept".into()),
            ("broken".into(), "Unreadable document broken".into())
        ]
    );
    assert_eq!(
        lib.store()
            .get("migraflow.backup.index")
            .unwrap()
            .as_deref(),
        Some("{not json")
    );
    assert_eq!(lib.notes.len(), 1, "{:?}", lib.notes);
}

#[test]
fn deleted_documents_can_be_restored_exactly() {
    let mut lib = Library::open(MemoryStore::default());
    let id = lib.create(&doc("Gone"), 1.0, 0).unwrap();
    let raw = lib.raw(&id).unwrap();
    let deleted = lib.delete(&id).unwrap().unwrap();
    assert!(lib.list().is_empty() && lib.raw(&id).is_none());
    lib.restore(&deleted).unwrap();
    assert_eq!(lib.raw(&id).unwrap(), raw);
    assert_eq!(lib.list(), [deleted.entry]);
}

#[test]
fn new_ids_never_collide_with_stored_documents() {
    let mut lib = Library::open(MemoryStore::default());
    let a = lib.create(&doc("A"), 42.0, 0).unwrap();
    let b = lib.create(&doc("B"), 42.0, 0).unwrap();
    let c = lib.create(&doc("C"), 42.0, 0).unwrap();
    assert_eq!([a.as_str(), b.as_str(), c.as_str()], ["2a", "2a-2", "2a-3"]);
}
