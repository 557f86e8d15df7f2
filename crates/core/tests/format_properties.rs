//! Properties of the format over generated input:
//! - every generated document survives `to_json` → `load_json` unchanged
//!   (256 cases);
//! - loading never panics, and whatever loads is consistent and needs no
//!   further repair, for arbitrary strings (2000 cases), for JSON shaped
//!   like documents of schema 1 and 2 (1000 cases), and for saved documents
//!   with bytes cut out or flipped (500 cases).

use migraflow_core::format::{load_json, to_json, LoadErrorKind};
use migraflow_core::geometry::{stored_coordinate, Point, MAX_COORDINATE};
use migraflow_core::touch::Touch;
use migraflow_core::{
    Check, CheckKind, Document, Edge, EdgeId, EdgeKind, Node, NodeId, NodeKind, PhaseTag,
};
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{json, Map, Value};
use std::collections::HashSet;

/// Any text, with the characters JSON and HTML escape well represented.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "(?s:.{0,40})",
        "[\"'\\\\<>&/\u{0}\u{1f}\u{2028}é漢🦀 \n\t]{0,12}",
        Just("<script>alert(\"x\")</script>".to_owned()),
    ]
}

fn lines() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(text(), 0..3)
}

fn node(id: u32) -> impl Strategy<Value = Node> {
    let kind = select(NodeKind::ALL.to_vec());
    let phase = select(PhaseTag::ALL.to_vec());
    let check =
        (select(CheckKind::ALL.to_vec()), text(), text()).prop_map(|(kind, name, threshold)| {
            Check {
                kind,
                name,
                threshold,
            }
        });
    (
        (kind, text(), text(), phase, lines(), lines()),
        (
            text(),
            text(),
            any::<bool>(),
            prop::collection::vec(check, 0..3),
        ),
        (lines(), text(), any::<bool>(), text(), any::<bool>()),
        (
            prop::collection::vec(select(Touch::ALL.to_vec()), 0..3),
            text(),
            text(),
        ),
    )
        .prop_map(
            move |(
                (kind, title, notes, phase, entry, exit),
                (owner, sql, safe, checks),
                (go_criteria, approver, aborted, planned_duration, distinct_approver),
                (touches, planned_start, stage),
            )| Node {
                id: NodeId(id),
                kind,
                title,
                notes,
                phase,
                entry_conditions: entry,
                exit_conditions: exit,
                owner,
                sql,
                safe,
                checks,
                go_criteria,
                approver,
                aborted,
                planned_duration,
                touches,
                planned_start,
                distinct_approver,
                stage,
            },
        )
}

/// A coordinate as files store it: to the hundredth (see
/// `geometry::stored_coordinate`), so that saving and loading keeps it.
fn coordinate() -> impl Strategy<Value = f64> {
    let hundredths = (MAX_COORDINATE * 100.0) as i64;
    prop_oneof![
        (-hundredths..=hundredths).prop_map(|k| k as f64 / 100.0),
        Just(MAX_COORDINATE),
        Just(-0.0)
    ]
}

/// `doc` with its coordinates as a file stores them.
fn as_stored(doc: &Document) -> Document {
    let mut doc = doc.clone();
    for at in doc.layout.positions.values_mut() {
        *at = Point::new(stored_coordinate(at.x), stored_coordinate(at.y));
    }
    doc
}

/// A consistent document: distinct ids (not necessarily 1..n), every node
/// placed, no dangling, self-loop or repeated edges.
fn document() -> impl Strategy<Value = Document> {
    let ids = prop::collection::btree_set(1..=u32::MAX, 0..10);
    (ids, text())
        .prop_flat_map(|(ids, title)| {
            let ids: Vec<u32> = ids.into_iter().collect();
            let nodes: Vec<_> = ids
                .iter()
                .map(|&id| (node(id), coordinate(), coordinate()))
                .collect();
            let edge = (
                select(EdgeKind::ALL.to_vec()),
                0..ids.len().max(1),
                0..ids.len().max(1),
                text(),
                1..=u32::MAX,
            );
            let edge_count = if ids.is_empty() { 0..1 } else { 0..15 };
            (
                nodes,
                prop::collection::vec(edge, edge_count),
                Just(ids),
                Just(title),
            )
        })
        .prop_map(|(nodes, edges, ids, title)| {
            let mut doc = Document::new(title);
            // Every pack, chosen by the title's length.
            doc.plan.pack = migraflow_core::pack::Pack::ALL[doc.plan.title.len() % 3];
            for (node, x, y) in nodes {
                doc.insert_node(node, Point::new(x, y));
            }
            for (kind, from, to, label, id) in edges {
                let (from, to) = (NodeId(ids[from]), NodeId(ids[to]));
                let id = EdgeId(id);
                if from != to
                    && !doc.plan.has_edge(kind, from, to)
                    && !doc.plan.edges.contains_key(&id)
                {
                    doc.plan
                        .edges
                        .insert(id, Edge::new(id, kind, from, to).labeled(label));
                }
            }
            doc
        })
}

/// Checks what every loaded document guarantees, and that saving and
/// loading it again changes nothing.
fn assert_consistent(doc: &Document) {
    let mut seen = HashSet::new();
    for edge in doc.plan.edges.values() {
        assert!(doc.plan.nodes.contains_key(&edge.from) && doc.plan.nodes.contains_key(&edge.to));
        assert_ne!(edge.from, edge.to);
        assert!(
            seen.insert((edge.kind, edge.from, edge.to)),
            "repeated {edge:?}"
        );
    }
    for id in doc.plan.nodes.keys() {
        let at = doc.layout.positions.get(id).expect("every node is placed");
        assert!(at.x.abs() <= MAX_COORDINATE && at.y.abs() <= MAX_COORDINATE);
    }
    let again = load_json(&to_json(doc)).expect("a loaded document saves and loads");
    assert_eq!(again.warnings, []);
    assert_eq!(again.document, as_stored(doc));
}

/// Loads `text`; either the result is consistent or the refusal says so
/// in a sentence.
fn load_without_panic(text: &str) {
    match load_json(text) {
        Ok(loaded) => assert_consistent(&loaded.document),
        Err(err) => {
            let sentence = err.to_string();
            assert!(sentence.ends_with("It was not loaded and nothing was changed."));
            if let LoadErrorKind::TooNew { found, supported } = err.kind {
                assert!(found > supported);
            }
        }
    }
}

/// A JSON leaf of any type, for fields that should not hold it.
fn junk() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        select(vec![-1.0, 0.5, 1e12, -1e300, 4294967296.0]).prop_map(|n| json!(n)),
        text().prop_map(Value::String),
        Just(json!([])),
        Just(json!({})),
    ]
}

/// A field that is mostly valid, rarely absent or junk: one bad field
/// refuses the whole document, so each must be rare for documents with
/// many fields to load.
fn field(valid: impl Strategy<Value = Value>) -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        60 => valid.prop_map(Some),
        1 => Just(None),
        1 => junk().prop_map(Some),
    ]
}

fn one_of(names: &[&'static str]) -> impl Strategy<Value = Value> {
    select(names.to_vec()).prop_map(|name| json!(name))
}

/// An object of the given optional fields.
fn object(fields: Vec<(&'static str, Option<Value>)>) -> Value {
    Value::Object(
        fields
            .into_iter()
            .filter_map(|(key, value)| Some((key.to_owned(), value?)))
            .collect::<Map<_, _>>(),
    )
}

/// Small ids, so that duplicates and dangling ends are common.
fn small_id() -> impl Strategy<Value = Value> {
    (0u32..8).prop_map(|id| json!(id))
}

fn coordinate_like() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => (-2e3..2e3f64).prop_map(|v| json!(v)),
        1 => select(vec![1e7, -1e7, 1.0000001e7, 1e300]).prop_map(|v| json!(v)),
    ]
}

fn text_value() -> impl Strategy<Value = Value> {
    text().prop_map(Value::String)
}

/// A document of the current schema whose every field is mostly right, so
/// that generated input reaches repair as well as each refusal.
fn v2_document_like() -> impl Strategy<Value = Value> {
    let check = (field(one_of(&["row_count", "custom"])), field(text_value()))
        .prop_map(|(kind, name)| object(vec![("kind", kind), ("name", name)]));
    let node = (
        (
            field(small_id()),
            field(one_of(&["start", "end", "phase", "verification", "gate"])),
        ),
        (
            field(text_value()),
            field(one_of(&["expand", "dual_write", "custom"])),
        ),
        (field(coordinate_like()), field(coordinate_like())),
        field(prop::collection::vec(check, 0..2).prop_map(Value::Array)),
    )
        .prop_map(|((id, kind), (title, phase), (x, y), checks)| {
            object(vec![
                ("id", id),
                ("kind", kind),
                ("title", title),
                ("phase", phase),
                ("x", x),
                ("y", y),
                ("checks", checks),
            ])
        });
    let edge = (
        (
            field(small_id()),
            field(one_of(&["forward", "rollback", "validation"])),
        ),
        (field(small_id()), field(small_id()), field(text_value())),
    )
        .prop_map(|((id, kind), (from, to, label))| {
            object(vec![
                ("id", id),
                ("kind", kind),
                ("from", from),
                ("to", to),
                ("label", label),
            ])
        });
    (
        field(one_of(&["migraflow"])),
        field(select(vec![2, 2, 2, 2, 2, 2, 2, 2, 2, 3]).prop_map(|v: u32| json!(v))),
        field(text_value()),
        field(prop::collection::vec(node, 0..8).prop_map(Value::Array)),
        field(prop::collection::vec(edge, 0..12).prop_map(Value::Array)),
    )
        .prop_map(|(format, version, title, nodes, edges)| {
            object(vec![
                ("format", format),
                ("schema_version", version),
                ("title", title),
                ("nodes", nodes),
                ("edges", edges),
            ])
        })
}

/// The same for schema 1, to reach the upgrade and repair behind it.
fn v1_document_like() -> impl Strategy<Value = Value> {
    let node = (
        (
            field(small_id()),
            field(one_of(&["start", "end", "abort", "step", "check", "gate"])),
        ),
        (
            field(text_value()),
            field(one_of(&["expand", "dual-write", "other"])),
        ),
        field((coordinate_like(), coordinate_like()).prop_map(|(x, y)| json!([x, y]))),
        field(prop::collection::vec(text_value(), 0..2).prop_map(Value::Array)),
    )
        .prop_map(|((id, node_type), (label, stage), position, checks)| {
            object(vec![
                ("id", id),
                ("type", node_type),
                ("label", label),
                ("stage", stage),
                ("position", position),
                ("checks", checks),
            ])
        });
    let edge = (
        field(one_of(&["forward", "revert", "validation"])),
        (field(small_id()), field(small_id()), field(text_value())),
    )
        .prop_map(|(edge_type, (source, target, label))| {
            object(vec![
                ("type", edge_type),
                ("source", source),
                ("target", target),
                ("label", label),
            ])
        });
    (
        field(select(vec![1, 1, 1, 1, 1, 1, 1, 1, 1, 0]).prop_map(|v: u32| json!(v))),
        field(text_value()),
        field(prop::collection::vec(node, 0..8).prop_map(Value::Array)),
        field(prop::collection::vec(edge, 0..12).prop_map(Value::Array)),
    )
        .prop_map(|(version, name, nodes, edges)| {
            object(vec![
                ("schema_version", version),
                ("name", name),
                ("nodes", nodes),
                ("edges", edges),
            ])
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn saved_documents_load_unchanged(doc in document()) {
        let loaded = load_json(&to_json(&doc)).unwrap();
        prop_assert_eq!(loaded.warnings, vec![]);
        prop_assert_eq!(loaded.migrated_from, None);
        prop_assert_eq!(loaded.document, doc);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_strings_never_panic(text in any::<String>()) {
        load_without_panic(&text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn document_like_json_never_panics(value in prop_oneof![v1_document_like(), v2_document_like()]) {
        load_without_panic(&value.to_string());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn damaged_saves_never_panic(
        doc in document(),
        cut in any::<prop::sample::Index>(),
        length in 0usize..40,
        replacement in "[\\[\\]{}\",:0-9a-z ]{0,3}",
    ) {
        let json = to_json(&doc);
        let start = cut.index(json.len() + 1);
        let start = (0..=start).rev().find(|&i| json.is_char_boundary(i)).unwrap_or(0);
        let end = (start + length..=json.len()).find(|&i| json.is_char_boundary(i)).unwrap_or(json.len());
        let damaged = format!("{}{replacement}{}", &json[..start], &json[end..]);
        load_without_panic(&damaged);
    }
}
