//! `fixtures/run/stored-12-40.json` is a browser's storage holding a run as
//! the library stores it (head, log piece, pinned plan, lists), written by
//! `cargo run -p migraflow-core --example run_fixtures -- 12 40 DIR`. The
//! browser test `a stored run written by the core opens with its whole
//! log` (tests/e2e/runbook.spec.mjs) opens the page on it; this test keeps
//! the file in step with the format: when it fails after a format change,
//! write the fixture again with that command.

use migraflow_core::library::kv::MemoryStore;
use migraflow_core::library::runs::{OpenedRun, Runs};

#[test]
fn the_stored_run_fixture_opens_whole() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/run/stored-12-40.json"
    ))
    .unwrap();
    let entries: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut store = MemoryStore::default();
    for (key, value) in entries.as_object().unwrap() {
        store
            .values
            .insert(key.clone(), value.as_str().unwrap().to_owned());
    }
    let mut runs = Runs::open(&mut store);
    assert!(runs.notes.is_empty(), "{:?}", runs.notes);
    let id = store
        .values
        .keys()
        .find_map(|k| k.strip_prefix("migraflow.run."))
        .unwrap()
        .to_owned();
    match runs.load(&mut store, &id) {
        OpenedRun::Ready(run) => assert_eq!(run.log.len(), 40),
        OpenedRun::Unreadable { error, .. } => panic!("{error}"),
        OpenedRun::Missing => panic!("the run is missing"),
    }
}
