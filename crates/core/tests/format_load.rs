//! What loading a given text yields: the migrated, repaired or refused
//! outcome of each fixture, written out in full and compared with
//! expect-test (`UPDATE_EXPECT=1 cargo test` rewrites the expectations).

use expect_test::{expect, expect_file, Expect};
use migraflow_core::format::{load_json, to_json, LoadError};
use migraflow_core::rules::validate;
use std::fmt::Write;
use std::path::PathBuf;

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/format")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

/// The outcome of loading `text`: the error kind and message, or the
/// warnings and a one-line-per-element summary of the document.
fn outcome(text: &str) -> String {
    let loaded = match load_json(text) {
        Ok(loaded) => loaded,
        Err(err) => return refusal(&err),
    };
    let mut out = String::new();
    if let Some(schema) = loaded.migrated_from {
        writeln!(out, "migrated from schema {schema}").unwrap();
    }
    for warning in &loaded.warnings {
        writeln!(out, "warning {warning}").unwrap();
    }
    let doc = &loaded.document;
    writeln!(out, "title {:?}", doc.plan.title).unwrap();
    for node in doc.plan.nodes.values() {
        let at = doc.layout.at(node.id);
        writeln!(
            out,
            "{} {} {:?} at ({}, {})",
            node.id,
            node.kind.as_str(),
            node.title,
            at.x,
            at.y
        )
        .unwrap();
    }
    for edge in doc.plan.edges.values() {
        writeln!(
            out,
            "{} {} {} -> {} {:?}",
            edge.id,
            edge.kind.as_str(),
            edge.from,
            edge.to,
            edge.label
        )
        .unwrap();
    }
    out
}

fn refusal(err: &LoadError) -> String {
    format!("refused {:?}\n{err}\n", err.kind)
}

fn check(text: &str, expect: Expect) {
    expect.assert_eq(&outcome(text));
}

fn check_fixture(name: &str, expect: Expect) {
    check(&fixture(name), expect);
}

// --- Migration from schema 1 -------------------------------------------

/// A schema 1 file loads through the chain without repairs, re-saves as
/// the schema 2 document in `<name>.v2.json`, and — being a sound plan —
/// has no findings, which holds only if the upgrade kept the meaning of
/// rollbacks and points of no return.
fn check_v1_fixture(name: &str, resaved: expect_test::ExpectFile) {
    let loaded = load_json(&fixture(&format!("{name}.json"))).expect("the fixture loads");
    assert_eq!(loaded.migrated_from, Some(1));
    assert_eq!(loaded.warnings, []);
    assert_eq!(validate(&loaded.document.plan), []);
    let json = to_json(&loaded.document);
    resaved.assert_eq(&json);
    let again = load_json(&json).expect("the re-saved document loads");
    assert_eq!(again.migrated_from, None);
    assert_eq!(again.warnings, []);
    assert_eq!(again.document, loaded.document);
}

#[test]
fn v1_small_plan_migrates() {
    check_v1_fixture("v1_small", expect_file!["fixtures/format/v1_small.v2.json"]);
}

#[test]
fn v1_column_rename_plan_migrates() {
    check_v1_fixture(
        "v1_column_rename",
        expect_file!["fixtures/format/v1_column_rename.v2.json"],
    );
}

#[test]
fn v1_unknown_node_type_is_named_as_in_the_file() {
    check(
        r#"{"schema_version": 1, "nodes": [{"id": 1, "type": "step"}, {"id": 2, "type": "phase"}], "edges": []}"#,
        expect![[r#"
            refused Invalid
            This migraflow document cannot be read: unknown node type `phase`; schema 1 knows `start`, `end`, `abort`, `step`, `check`, `gate` (at nodes[1].type). It was not loaded and nothing was changed.
        "#]],
    );
}

#[test]
fn v1_unknown_stage_is_refused() {
    check(
        r#"{"schema_version": 1, "nodes": [{"id": 1, "type": "step", "stage": "dual_write"}], "edges": []}"#,
        expect![[r#"
            refused Invalid
            This migraflow document cannot be read: unknown stage `dual_write`; schema 1 knows `audit`, `expand`, `dual-write`, `backfill`, `cutover`, `contract`, `other` (at nodes[0].stage). It was not loaded and nothing was changed.
        "#]],
    );
}

#[test]
fn v1_check_that_is_not_a_string_is_refused() {
    check(
        r#"{"schema_version": 1, "nodes": [{"id": 1, "type": "check", "checks": ["lag < 5 s", {"name": "rows"}]}], "edges": []}"#,
        expect![[r#"
            refused Invalid
            This migraflow document cannot be read: expected a string, found a JSON object (at nodes[0].checks[1]). It was not loaded and nothing was changed.
        "#]],
    );
}

#[test]
fn v1_edge_without_source_is_refused() {
    check(
        r#"{"schema_version": 1, "nodes": [{"id": 1, "type": "start"}], "edges": [{"target": 1, "type": "forward"}]}"#,
        expect![[r#"
            refused Invalid
            This migraflow document cannot be read: missing field `source` (at edges[0]). It was not loaded and nothing was changed.
        "#]],
    );
}

#[test]
fn v1_malformed_position_is_repaired_like_a_missing_one() {
    check(
        r#"{"schema_version": 1, "nodes": [
            {"id": 1, "type": "start", "position": [100, 40]},
            {"id": 2, "type": "end", "position": "left"}
        ], "edges": [{"source": 1, "target": 2, "type": "forward"}]}"#,
        expect![[r#"
            migrated from schema 1
            warning nodes[1]: Node n2 had no usable position (x is not a number); it was placed below the others.
            title ""
            n1 start "" at (100, 40)
            n2 end "" at (100, 200)
            e1 forward n1 -> n2 ""
        "#]],
    );
}

// --- Repairs -------------------------------------------------------------

#[test]
fn edge_to_a_missing_node_is_dropped() {
    check(
        r#"{"format": "migraflow", "schema_version": 2, "title": "t",
            "nodes": [{"id": 1, "kind": "start", "x": 0, "y": 0}, {"id": 2, "kind": "end", "x": 200, "y": 0}],
            "edges": [{"id": 1, "kind": "forward", "from": 1, "to": 2},
                      {"id": 2, "kind": "rollback", "from": 2, "to": 9}]}"#,
        expect![[r#"
            warning edges[1]: Edge e2 was dropped: it goes from n2 to n9, and there is no node n9.
            title "t"
            n1 start "" at (0, 0)
            n2 end "" at (200, 0)
            e1 forward n1 -> n2 ""
        "#]],
    );
}

#[test]
fn duplicate_node_id_is_renamed_and_edges_keep_the_first() {
    check(
        r#"{"format": "migraflow", "schema_version": 2, "title": "t",
            "nodes": [{"id": 1, "kind": "start", "title": "first", "x": 0, "y": 0},
                      {"id": 1, "kind": "end", "title": "second", "x": 200, "y": 0},
                      {"id": 5, "kind": "end", "title": "third", "x": 400, "y": 0}],
            "edges": [{"id": 1, "kind": "forward", "from": 1, "to": 5}]}"#,
        expect![[r#"
            warning nodes[1]: Node id n1 is already used by an earlier node; this node now has id n6 (edges to n1 still go to the earlier node).
            title "t"
            n1 start "first" at (0, 0)
            n5 end "third" at (400, 0)
            n6 end "second" at (200, 0)
            e1 forward n1 -> n5 ""
        "#]],
    );
}

#[test]
fn duplicate_edge_id_is_renamed() {
    check(
        r#"{"format": "migraflow", "schema_version": 2, "title": "t",
            "nodes": [{"id": 1, "kind": "start", "x": 0, "y": 0}, {"id": 2, "kind": "phase", "x": 200, "y": 0}],
            "edges": [{"id": 3, "kind": "forward", "from": 1, "to": 2},
                      {"id": 3, "kind": "rollback", "from": 2, "to": 1, "label": "undo"}]}"#,
        expect![[r#"
            warning edges[1]: Edge id e3 is already used by an earlier edge; this edge now has id e4.
            title "t"
            n1 start "" at (0, 0)
            n2 phase "" at (200, 0)
            e3 forward n1 -> n2 ""
            e4 rollback n2 -> n1 "undo"
        "#]],
    );
}

#[test]
fn self_loop_is_dropped() {
    check(
        r#"{"format": "migraflow", "schema_version": 2, "title": "t",
            "nodes": [{"id": 1, "kind": "phase", "x": 0, "y": 0}],
            "edges": [{"id": 1, "kind": "rollback", "from": 1, "to": 1}]}"#,
        expect![[r#"
            warning edges[0]: Edge e1 was dropped: it connects n1 to itself.
            title "t"
            n1 phase "" at (0, 0)
        "#]],
    );
}

#[test]
fn repeated_edge_is_dropped_but_another_kind_between_the_same_nodes_is_kept() {
    check(
        r#"{"format": "migraflow", "schema_version": 2, "title": "t",
            "nodes": [{"id": 1, "kind": "phase", "x": 0, "y": 0}, {"id": 2, "kind": "verification", "x": 200, "y": 0}],
            "edges": [{"id": 1, "kind": "forward", "from": 1, "to": 2},
                      {"id": 2, "kind": "validation", "from": 1, "to": 2},
                      {"id": 3, "kind": "forward", "from": 1, "to": 2, "label": "again"}]}"#,
        expect![[r#"
            warning edges[2]: Edge e3 was dropped: it repeats edge e1 (forward from n1 to n2).
            title "t"
            n1 phase "" at (0, 0)
            n2 verification "" at (200, 0)
            e1 forward n1 -> n2 ""
            e2 validation n1 -> n2 ""
        "#]],
    );
}

#[test]
fn unusable_positions_are_reset_into_a_row_below_the_others() {
    check(
        r#"{"format": "migraflow", "schema_version": 2, "title": "t",
            "nodes": [{"id": 1, "kind": "start", "x": 40, "y": 100},
                      {"id": 2, "kind": "phase", "x": 300, "y": 260},
                      {"id": 3, "kind": "phase", "y": 0},
                      {"id": 4, "kind": "phase", "x": 0, "y": null},
                      {"id": 5, "kind": "phase", "x": "12", "y": 0},
                      {"id": 6, "kind": "end", "x": 1e12, "y": 0},
                      {"id": 7, "kind": "end", "x": 0, "y": -10000001}],
            "edges": []}"#,
        expect![[r#"
            warning nodes[2]: Node n3 had no usable position (x is missing); it was placed below the others.
            warning nodes[3]: Node n4 had no usable position (y is not a number); it was placed below the others.
            warning nodes[4]: Node n5 had no usable position (x is not a number); it was placed below the others.
            warning nodes[5]: Node n6 had no usable position (x = 1000000000000 is beyond ±10000000); it was placed below the others.
            warning nodes[6]: Node n7 had no usable position (y = -10000001 is beyond ±10000000); it was placed below the others.
            title "t"
            n1 start "" at (40, 100)
            n2 phase "" at (300, 260)
            n3 phase "" at (40, 420)
            n4 phase "" at (260, 420)
            n5 phase "" at (480, 420)
            n6 end "" at (700, 420)
            n7 end "" at (920, 420)
        "#]],
    );
}

#[test]
fn a_long_row_of_unplaced_nodes_wraps() {
    let nodes: Vec<String> = (1..=12)
        .map(|id| format!(r#"{{"id": {id}, "kind": "phase"}}"#))
        .collect();
    let text = format!(
        r#"{{"format": "migraflow", "schema_version": 2, "nodes": [{}], "edges": []}}"#,
        nodes.join(",")
    );
    let loaded = load_json(&text).unwrap();
    let positions: Vec<String> = loaded
        .document
        .layout
        .positions
        .iter()
        .map(|(id, at)| format!("{id} ({}, {})", at.x, at.y))
        .collect();
    expect![[r#"
        n1 (80, 80)
        n2 (300, 80)
        n3 (520, 80)
        n4 (740, 80)
        n5 (960, 80)
        n6 (1180, 80)
        n7 (1400, 80)
        n8 (1620, 80)
        n9 (1840, 80)
        n10 (2060, 80)
        n11 (80, 240)
        n12 (300, 240)"#]]
    .assert_eq(&positions.join("\n"));
    assert_eq!(loaded.warnings.len(), 12);
}

#[test]
fn over_long_texts_are_cut_at_a_char_boundary() {
    let title = "é".repeat(600);
    let notes = "ü".repeat(60 * 1024);
    let text = serde_json::json!({
        "format": "migraflow", "schema_version": 2, "title": title,
        "nodes": [{"id": 1, "kind": "phase", "x": 0, "y": 0, "title": title, "notes": notes,
                   "checks": [{"name": "ok", "threshold": title}]}],
        "edges": [],
    })
    .to_string();
    let loaded = load_json(&text).unwrap();
    let warnings: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
    expect![[r#"
        title: Text of 600 characters was cut to 500.
        nodes[0].title: Text of 600 characters was cut to 500.
        nodes[0].checks[0].threshold: Text of 600 characters was cut to 500.
        nodes[0].notes: Text of 122880 bytes was cut to 102400 bytes."#]]
    .assert_eq(&warnings.join("\n"));
    let node = &loaded.document.plan.nodes.values().next().unwrap();
    assert_eq!(loaded.document.plan.title, node.title);
    assert_eq!(node.title.chars().count(), 500);
    assert!(node.title.ends_with("é…"));
    assert!(node.notes.len() <= 100 * 1024 && node.notes.len() > 100 * 1024 - 4);
    assert!(node.notes.ends_with("ü…"));
}

#[test]
fn texts_at_the_caps_are_kept_whole() {
    let title = "x".repeat(500);
    let sql = "y".repeat(100 * 1024);
    let text = serde_json::json!({
        "format": "migraflow", "schema_version": 2, "title": title,
        "nodes": [{"id": 1, "kind": "phase", "x": 0, "y": 0, "sql": sql}], "edges": [],
    })
    .to_string();
    let loaded = load_json(&text).unwrap();
    assert_eq!(loaded.warnings, []);
    assert_eq!(loaded.document.plan.nodes.values().next().unwrap().sql, sql);
}

#[test]
fn unknown_fields_are_ignored() {
    check(
        r#"{"format": "migraflow", "schema_version": 2, "title": "t", "theme": "dark",
            "nodes": [{"id": 1, "kind": "gate", "x": 0, "y": 0, "color": "red", "approver": "DBA"}],
            "edges": [], "viewport": {"zoom": 2}}"#,
        expect![[r#"
            title "t"
            n1 gate "" at (0, 0)
        "#]],
    );
}

// --- Refusals of documents that claim to be ours -------------------------

#[test]
fn unknown_node_kind() {
    check(
        r#"{"format": "migraflow", "schema_version": 2, "nodes": [{"id": 1, "kind": "start"}, {"id": 2, "kind": "step"}], "edges": []}"#,
        expect![[r#"
            refused Invalid
            This migraflow document cannot be read: unknown variant `step`, expected one of `start`, `end`, `phase`, `verification`, `gate` (at nodes[1].kind). It was not loaded and nothing was changed.
        "#]],
    );
}

#[test]
fn unknown_edge_kind() {
    check(
        r#"{"format": "migraflow", "schema_version": 2, "nodes": [], "edges": [{"id": 1, "kind": "revert", "from": 1, "to": 2}]}"#,
        expect![[r#"
            refused Invalid
            This migraflow document cannot be read: unknown variant `revert`, expected one of `forward`, `rollback`, `validation` (at edges[0].kind). It was not loaded and nothing was changed.
        "#]],
    );
}

#[test]
fn unknown_phase_tag() {
    check(
        r#"{"format": "migraflow", "schema_version": 2, "nodes": [{"id": 1, "kind": "phase", "phase": "dual_write+backfill"}], "edges": []}"#,
        expect![[r#"
            refused Invalid
            This migraflow document cannot be read: unknown variant `dual_write+backfill`, expected one of `audit`, `expand`, `dual_write`, `backfill`, `cutover`, `contract`, `custom` (at nodes[0].phase). It was not loaded and nothing was changed.
        "#]],
    );
}

#[test]
fn unknown_check_kind() {
    check(
        r#"{"format": "migraflow", "schema_version": 2, "nodes": [{"id": 1, "kind": "verification", "checks": [{"kind": "vibes"}]}], "edges": []}"#,
        expect![[r#"
            refused Invalid
            This migraflow document cannot be read: unknown variant `vibes`, expected one of `row_count`, `health_probe`, `replication_lag`, `error_rate`, `data_parity`, `custom` (at nodes[0].checks[0].kind). It was not loaded and nothing was changed.
        "#]],
    );
}

#[test]
fn node_without_id() {
    check(
        r#"{"format": "migraflow", "schema_version": 2, "nodes": [{"kind": "start"}], "edges": []}"#,
        expect![[r#"
            refused Invalid
            This migraflow document cannot be read: missing field `id` (at nodes[0]). It was not loaded and nothing was changed.
        "#]],
    );
}

#[test]
fn node_without_kind() {
    check(
        r#"{"format": "migraflow", "schema_version": 2, "nodes": [{"id": 1, "title": "Start"}], "edges": []}"#,
        expect![[r#"
            refused Invalid
            This migraflow document cannot be read: missing field `kind` (at nodes[0]). It was not loaded and nothing was changed.
        "#]],
    );
}

#[test]
fn edge_missing_a_required_field() {
    let edges = [
        r#"{"kind": "forward", "from": 1, "to": 2}"#,
        r#"{"id": 1, "from": 1, "to": 2}"#,
        r#"{"id": 1, "kind": "forward", "to": 2}"#,
        r#"{"id": 1, "kind": "forward", "from": 1}"#,
    ];
    let outcomes: String = edges
        .iter()
        .map(|edge| {
            outcome(&format!(
                r#"{{"format": "migraflow", "schema_version": 2, "nodes": [], "edges": [{edge}]}}"#
            ))
        })
        .collect();
    expect![[r#"
        refused Invalid
        This migraflow document cannot be read: missing field `id` (at edges[0]). It was not loaded and nothing was changed.
        refused Invalid
        This migraflow document cannot be read: missing field `kind` (at edges[0]). It was not loaded and nothing was changed.
        refused Invalid
        This migraflow document cannot be read: missing field `from` (at edges[0]). It was not loaded and nothing was changed.
        refused Invalid
        This migraflow document cannot be read: missing field `to` (at edges[0]). It was not loaded and nothing was changed.
    "#]]
    .assert_eq(&outcomes);
}

#[test]
fn field_of_the_wrong_type() {
    check(
        r#"{"format": "migraflow", "schema_version": 2, "nodes": [{"id": "n1", "kind": "start"}], "edges": []}"#,
        expect![[r#"
            refused Invalid
            This migraflow document cannot be read: invalid type: string "n1", expected u32 (at nodes[0].id). It was not loaded and nothing was changed.
        "#]],
    );
}

#[test]
fn node_that_is_not_an_object() {
    check(
        r#"{"format": "migraflow", "schema_version": 2, "nodes": [[1, "start"]], "edges": []}"#,
        expect![[r#"
            refused Invalid
            This migraflow document cannot be read: expected an object, found a JSON list (at nodes[0]). It was not loaded and nothing was changed.
        "#]],
    );
}

#[test]
fn document_without_edges() {
    check(
        r#"{"format": "migraflow", "schema_version": 2, "nodes": []}"#,
        expect![[r#"
            refused Invalid
            This migraflow document cannot be read: missing field `edges`. It was not loaded and nothing was changed.
        "#]],
    );
}

#[test]
fn document_over_the_node_cap() {
    let nodes = vec![r#"{"id": 1, "kind": "phase"}"#; 20_001].join(",");
    check(
        &format!(
            r#"{{"format": "migraflow", "schema_version": 2, "nodes": [{nodes}], "edges": []}}"#
        ),
        expect![[r#"
            refused Invalid
            This migraflow document cannot be read: it has 20001 nodes, and migraflow opens documents of at most 20000 nodes (at nodes). It was not loaded and nothing was changed.
        "#]],
    );
}

#[test]
fn document_at_the_node_cap_loads() {
    let nodes: Vec<String> = (1..=20_000)
        .map(|id| format!(r#"{{"id": {id}, "kind": "phase", "x": {id}, "y": 0}}"#))
        .collect();
    let text = format!(
        r#"{{"format": "migraflow", "schema_version": 2, "nodes": [{}], "edges": []}}"#,
        nodes.join(",")
    );
    let loaded = load_json(&text).unwrap();
    assert_eq!(loaded.document.plan.nodes.len(), 20_000);
    assert_eq!(loaded.warnings, []);
}

#[test]
fn schema_from_the_future() {
    check(
        r#"{"format": "migraflow", "schema_version": 3, "nodes": [], "edges": [], "lanes": []}"#,
        expect![[r#"
            refused TooNew { found: 3, supported: 2 }
            This document was saved by a newer migraflow (schema 3); this version reads schemas up to 2. It was not loaded and nothing was changed.
        "#]],
    );
}

#[test]
fn schema_version_that_is_not_a_positive_integer() {
    let outcomes: String = ["0", "-1", "1.5", "\"2\"", "null", "4294967296"]
        .iter()
        .map(|version| {
            outcome(&format!(
                r#"{{"format": "migraflow", "schema_version": {version}}}"#
            ))
        })
        .collect();
    expect![[r#"
        refused Invalid
        This migraflow document cannot be read: schema_version must be a whole number from 1 up, found 0 (at schema_version). It was not loaded and nothing was changed.
        refused Invalid
        This migraflow document cannot be read: schema_version must be a whole number from 1 up, found -1 (at schema_version). It was not loaded and nothing was changed.
        refused Invalid
        This migraflow document cannot be read: schema_version must be a whole number from 1 up, found 1.5 (at schema_version). It was not loaded and nothing was changed.
        refused Invalid
        This migraflow document cannot be read: schema_version must be a whole number from 1 up, found "2" (at schema_version). It was not loaded and nothing was changed.
        refused Invalid
        This migraflow document cannot be read: schema_version must be a whole number from 1 up, found null (at schema_version). It was not loaded and nothing was changed.
        refused Invalid
        This migraflow document cannot be read: schema_version 4294967296 is not a schema migraflow has written (at schema_version). It was not loaded and nothing was changed.
    "#]]
    .assert_eq(&outcomes);
}

#[test]
fn marked_document_without_schema_version() {
    check(
        r#"{"format": "migraflow", "nodes": [], "edges": []}"#,
        expect![[r#"
            refused Invalid
            This migraflow document cannot be read: it has no schema_version (at schema_version). It was not loaded and nothing was changed.
        "#]],
    );
}

// --- Refusals of texts that are not ours ---------------------------------

#[test]
fn not_json() {
    // What a browser hands over when a PNG is picked instead of a .json.
    let png_header = String::from_utf8_lossy(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff").into_owned();
    let cases = [
        ("empty", ""),
        ("blank", "  \n "),
        (
            "truncated",
            "{\n  \"format\": \"migraflow\",\n  \"schema_version\": 2,\n  \"nodes\": [{\"id\": 1",
        ),
        ("binary", &png_header),
        ("trailing", "{} {}"),
        ("nan", r#"{"x": NaN}"#),
    ];
    let outcomes: String = cases
        .iter()
        .map(|(name, text)| format!("{name}: {}", outcome(text)))
        .collect();
    expect![[r#"
        empty: refused NotJson
        This file is not valid JSON: the file is empty; check that it is a complete migraflow .json file. It was not loaded and nothing was changed.
        blank: refused NotJson
        This file is not valid JSON: the file is empty; check that it is a complete migraflow .json file. It was not loaded and nothing was changed.
        truncated: refused NotJson
        This file is not valid JSON: it ends in the middle of the JSON (at line 4, column 20); check that it is a complete migraflow .json file. It was not loaded and nothing was changed.
        binary: refused NotJson
        This file is not valid JSON: expected value (at line 1, column 1); check that it is a complete migraflow .json file. It was not loaded and nothing was changed.
        trailing: refused NotJson
        This file is not valid JSON: trailing characters (at line 1, column 4); check that it is a complete migraflow .json file. It was not loaded and nothing was changed.
        nan: refused NotJson
        This file is not valid JSON: expected value (at line 1, column 7); check that it is a complete migraflow .json file. It was not loaded and nothing was changed.
    "#]]
    .assert_eq(&outcomes);
}

#[test]
fn json_that_is_not_a_document() {
    let cases = [
        "null",
        "[]",
        "{}",
        "42",
        "true",
        r#""a migration plan""#,
        r#""{\"format\": \"migraflow\", \"schema_version\": 2}""#,
        r#"{"format": "drawio", "schema_version": 2}"#,
        r#"{"format": 2, "schema_version": 2}"#,
        r#"{"name": "plan", "nodes": [], "edges": []}"#,
    ];
    let outcomes: String = cases
        .iter()
        .map(|text| format!("{text}\n{}", outcome(text)))
        .collect();
    expect![[r#"
        null
        refused NotOurs
        This is not a migraflow document: it is JSON null, and a migraflow document is a JSON object. It was not loaded and nothing was changed.
        []
        refused NotOurs
        This is not a migraflow document: it is a JSON list, and a migraflow document is a JSON object. It was not loaded and nothing was changed.
        {}
        refused NotOurs
        This is not a migraflow document: it is a JSON object without a "schema_version". It was not loaded and nothing was changed.
        42
        refused NotOurs
        This is not a migraflow document: it is a JSON number, and a migraflow document is a JSON object. It was not loaded and nothing was changed.
        true
        refused NotOurs
        This is not a migraflow document: it is a JSON boolean, and a migraflow document is a JSON object. It was not loaded and nothing was changed.
        "a migration plan"
        refused NotOurs
        This is not a migraflow document: it is a JSON string, and a migraflow document is a JSON object. It was not loaded and nothing was changed.
        "{\"format\": \"migraflow\", \"schema_version\": 2}"
        refused NotOurs
        This is not a migraflow document: it is a JSON string that holds a JSON object (the document was probably encoded twice). It was not loaded and nothing was changed.
        {"format": "drawio", "schema_version": 2}
        refused NotOurs
        This is not a migraflow document: its "format" is "drawio", not "migraflow". It was not loaded and nothing was changed.
        {"format": 2, "schema_version": 2}
        refused NotOurs
        This is not a migraflow document: its "format" is 2, not "migraflow". It was not loaded and nothing was changed.
        {"name": "plan", "nodes": [], "edges": []}
        refused NotOurs
        This is not a migraflow document: it is a JSON object without a "schema_version". It was not loaded and nothing was changed.
    "#]]
    .assert_eq(&outcomes);
}

#[test]
fn excalidraw_drawing() {
    check_fixture(
        "other_excalidraw.json",
        expect![[r#"
            refused NotOurs
            This is not a migraflow document: it looks like an Excalidraw drawing. It was not loaded and nothing was changed.
        "#]],
    );
}

#[test]
fn tldraw_drawing() {
    check_fixture(
        "other_tldraw.json",
        expect![[r#"
            refused NotOurs
            This is not a migraflow document: it looks like a tldraw drawing. It was not loaded and nothing was changed.
        "#]],
    );
}

#[test]
fn react_flow_export() {
    check_fixture(
        "other_react_flow.json",
        expect![[r#"
            refused NotOurs
            This is not a migraflow document: it looks like a React Flow export. It was not loaded and nothing was changed.
        "#]],
    );
}

#[test]
fn mermaid_live_editor_state() {
    check_fixture(
        "other_mermaid_live.json",
        expect![[r#"
            refused NotOurs
            This is not a migraflow document: it looks like a Mermaid Live Editor state; use Import Mermaid with its code instead. It was not loaded and nothing was changed.
        "#]],
    );
}
