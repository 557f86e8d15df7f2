//! Export → import is lossless: `import(export_flowchart(d)).document == d`
//! (plan and layout) with no warnings, and exporting again gives the same
//! text byte for byte; every exported line has one of the fixed forms (see
//! `mermaid_common::assert_flowchart_structure`). Checked on hand-built
//! documents and on 2 000 generated ones (`ROUND_TRIP_CASES`).

mod mermaid_common;

use migraflow_core::mermaid::{export_flowchart, import};
use migraflow_core::touch::Touch;
use migraflow_core::{
    Check, CheckKind, Document, Edge, EdgeId, EdgeKind, Node, NodeId, NodeKind, PhaseTag, Point,
};
use proptest::prelude::*;
use proptest::sample::select;
use std::collections::BTreeSet;

/// How many generated documents the property test checks.
const ROUND_TRIP_CASES: u32 = 2000;

fn assert_round_trip(doc: &Document) {
    let text = export_flowchart(doc);
    mermaid_common::assert_flowchart_structure(&text);
    let imported = import(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(imported.warnings, Vec::<String>::new(), "{text}");
    assert_eq!(&imported.document, doc, "{text}");
    assert_eq!(export_flowchart(&imported.document), text);
}

#[test]
fn a_realistic_plan_round_trips() {
    assert_round_trip(&mermaid_common::rename_column());
}

#[test]
fn every_adversarial_label_round_trips_everywhere() {
    for label in mermaid_common::all_labels() {
        assert_round_trip(&mermaid_common::label_document(label));
    }
}

#[test]
fn empty_documents_round_trip() {
    assert_round_trip(&Document::default());
    assert_round_trip(&Document::new("only a title"));
}

#[test]
fn titles_that_read_like_the_placeholder_stay_as_they_are() {
    let mut doc = Document::new("");
    for kind in NodeKind::ALL {
        doc.add_node(kind, "", Point::new(1.0, 2.0));
        doc.add_node(kind, kind.label(), Point::new(3.0, 4.0));
    }
    assert_round_trip(&doc);
}

#[test]
fn a_lone_start_and_a_start_shaped_end_keep_their_kinds() {
    // Without the kind classes, a start with no way out would read as an
    // end and an end with one as a start.
    let mut doc = Document::new("t");
    let start = doc.add_node(NodeKind::Start, "Start", Point::default());
    let end = doc.add_node(NodeKind::End, "End", Point::default());
    let other = doc.add_node(NodeKind::Phase, "p", Point::default());
    doc.add_edge(EdgeKind::Forward, end, other, "");
    doc.add_edge(EdgeKind::Rollback, other, start, "");
    assert_round_trip(&doc);
}

/// Pieces of text that are hard for Mermaid or for the importer.
const NASTY_PIECES: &[&str] = &[
    "end",
    "class",
    "subgraph",
    "style",
    "classDef",
    "direction TB",
    "direction\tlr",
    "fa:fa-car",
    "%%",
    "%%{init: {}}%%",
    "$$",
    "`",
    "```",
    "#",
    "#35;",
    "#quot;",
    "&amp;",
    "&#65;",
    "<br/>",
    "<br>",
    "<script>",
    "\"",
    "'",
    "[",
    "]",
    "(",
    ")",
    "{",
    "}",
    "{{",
    "|",
    ";",
    ":",
    "::",
    "-->",
    "-.->",
    "==>",
    "---o",
    "~~~",
    "@{",
    ":::",
    "\n",
    "\r\n",
    "\r",
    "\t",
    " ",
    "\u{a0}",
    "\u{202e}",
    "\u{2028}",
    "\u{feff}",
    "\u{85}",
    "\u{0}",
    "¶ß",
    "ﬂ°°",
    "😀",
    "👩‍💻",
    "עברית",
    "العربية",
    "中文",
    "n1",
    "migraflow:",
    "\\",
    "/",
    "\\u0025",
];

fn nasty_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            select(NASTY_PIECES).prop_map(str::to_owned),
            "[a-zA-Z0-9 ]{0,6}"
        ],
        0..6,
    )
    .prop_map(|pieces| pieces.concat())
}

/// Coordinates as files store them: to the hundredth
/// (`geometry::stored_coordinate`).
fn coordinate() -> impl Strategy<Value = f64> {
    prop_oneof![
        (-1_000_000_000i64..1_000_000_000).prop_map(|k| k as f64 / 100.0),
        (-2000i32..2000).prop_map(f64::from),
        Just(0.5),
        Just(-0.0)
    ]
}

fn node(id: u32) -> impl Strategy<Value = (Node, Point)> {
    let kinds = select(NodeKind::ALL.to_vec());
    let tags = select(PhaseTag::ALL.to_vec());
    let text = nasty_text;
    let lists = || prop::collection::vec(nasty_text(), 0..3);
    let check =
        (select(CheckKind::ALL.to_vec()), text(), text()).prop_map(|(kind, name, threshold)| {
            Check {
                kind,
                name,
                threshold,
            }
        });
    (
        (
            kinds,
            tags,
            text(),
            text(),
            lists(),
            lists(),
            text(),
            text(),
        ),
        (
            any::<bool>(),
            prop::collection::vec(check, 0..3),
            lists(),
            text(),
            any::<bool>(),
            text(),
            any::<bool>(),
        ),
        (coordinate(), coordinate()),
        (
            prop::collection::vec(select(Touch::ALL.to_vec()), 0..3),
            text(),
            // A few stages, so that nodes share them.
            prop_oneof![Just(String::new()), Just("Cut over".to_owned()), text()],
        ),
    )
        .prop_map(
            move |(
                (kind, phase, title, notes, entry, exit, owner, sql),
                (safe, checks, go, approver, aborted, planned_duration, distinct_approver),
                (x, y),
                (touches, planned_start, stage),
            )| {
                let node = Node {
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
                    go_criteria: go,
                    approver,
                    aborted,
                    planned_duration,
                    touches,
                    planned_start,
                    distinct_approver,
                    stage,
                };
                (node, Point::new(x, y))
            },
        )
}

/// A document with 0–10 nodes with scattered ids (up to `u32::MAX`) and
/// up to 16 edges with scattered ids, no self-loops and no repeated edges
/// (the editor refuses both).
fn document() -> impl Strategy<Value = Document> {
    let node_ids =
        prop::collection::btree_set(prop_oneof![1u32..40, Just(u32::MAX), 1000u32..5000], 0..10);
    (node_ids, nasty_text())
        .prop_flat_map(|(ids, title)| {
            let ids: Vec<u32> = ids.into_iter().collect();
            let nodes: Vec<_> = ids.iter().map(|&id| node(id)).collect();
            let edge = (
                0..ids.len().max(1),
                0..ids.len().max(1),
                select(EdgeKind::ALL.to_vec()),
                nasty_text(),
            );
            let edges = prop::collection::vec((1u32..60, edge), 0..16);
            (Just(ids), Just(title), nodes, edges)
        })
        .prop_map(|(ids, title, nodes, edges)| {
            let mut doc = Document::new(title);
            // Every pack, chosen by the title's length.
            doc.plan.pack = migraflow_core::pack::Pack::ALL[doc.plan.title.len() % 3];
            for (node, at) in nodes {
                doc.insert_node(node, at);
            }
            let mut seen = BTreeSet::new();
            for (edge_id, (from, to, kind, label)) in edges {
                if ids.is_empty()
                    || from == to
                    || !seen.insert((kind.as_str(), from, to))
                    || doc.plan.edges.contains_key(&EdgeId(edge_id))
                {
                    continue;
                }
                let edge = Edge::new(EdgeId(edge_id), kind, NodeId(ids[from]), NodeId(ids[to]))
                    .labeled(label);
                doc.plan.edges.insert(edge.id, edge);
            }
            doc
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(ROUND_TRIP_CASES))]

    #[test]
    fn generated_documents_round_trip(doc in document()) {
        let text = export_flowchart(&doc);
        mermaid_common::assert_flowchart_structure(&text);
        let imported = import(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&imported.warnings, &Vec::<String>::new());
        prop_assert_eq!(&imported.document, &doc, "{}", text);
        prop_assert_eq!(export_flowchart(&imported.document), text);
    }
}
