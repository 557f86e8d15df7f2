//! Saving: the exact JSON written, and hand-built documents that survive a
//! save and load unchanged.

use expect_test::expect;
use migraflow_core::format::{load_json, to_json};
use migraflow_core::geometry::{Geometry, Point};
use migraflow_core::templates;
use migraflow_core::{Check, CheckKind, Document, EdgeKind, NodeKind, PhaseTag};

/// A small plan that sets every field of every kind at least once.
fn every_field() -> Document {
    let mut doc = Document::new("Rename \"users\".email <script>alert(1)</script>");
    let start = doc.add_node(NodeKind::Start, "Start", Point::new(80.0, 120.0));
    let phase = doc.add_node(
        NodeKind::Phase,
        "Dual-write ✍️ e-mail",
        Point::new(300.5, -40.25),
    );
    {
        let node = doc.node_mut(phase);
        node.phase = PhaseTag::DualWrite;
        node.notes = "Line one\nline two\t«quoted»".to_owned();
        node.entry_conditions = vec!["app 2.3 deployed".to_owned()];
        node.exit_conditions = vec!["no errors for 24 h".to_owned(), "".to_owned()];
        node.owner = "backend".to_owned();
        node.sql = "UPDATE users SET email_address = email WHERE id < $1;".to_owned();
        node.safe = false;
    }
    let check = doc.add_node(NodeKind::Verification, "Parity", Point::new(520.0, 120.0));
    doc.node_mut(check).checks = vec![
        Check {
            kind: CheckKind::DataParity,
            name: "email = email_address".to_owned(),
            threshold: "100 %".to_owned(),
        },
        Check::default(),
    ];
    let gate = doc.add_node(NodeKind::Gate, "Go?", Point::new(740.0, 120.0));
    doc.node_mut(gate).go_criteria = vec!["parity 100 %".to_owned()];
    doc.node_mut(gate).approver = "DBA lead".to_owned();
    let end = doc.add_node(NodeKind::End, "Aborted", Point::new(960.0, 120.0));
    doc.node_mut(end).aborted = true;
    doc.add_edge(EdgeKind::Forward, start, phase, "");
    doc.add_edge(EdgeKind::Validation, phase, check, "guards");
    doc.add_edge(EdgeKind::Forward, check, gate, "lag < 5 s");
    doc.add_edge(EdgeKind::Rollback, gate, start, "no-go");
    doc.add_edge(EdgeKind::Forward, gate, end, "abort");
    doc
}

#[test]
fn saved_json_has_the_documented_shape() {
    expect![[r#"
        {
          "format": "migraflow",
          "schema_version": 2,
          "title": "Rename \"users\".email <script>alert(1)</script>",
          "nodes": [
            {
              "id": 1,
              "kind": "start",
              "title": "Start",
              "x": 80.0,
              "y": 120.0
            },
            {
              "id": 2,
              "kind": "phase",
              "title": "Dual-write ✍️ e-mail",
              "notes": "Line one\nline two\t«quoted»",
              "phase": "dual_write",
              "entry_conditions": [
                "app 2.3 deployed"
              ],
              "exit_conditions": [
                "no errors for 24 h",
                ""
              ],
              "owner": "backend",
              "sql": "UPDATE users SET email_address = email WHERE id < $1;",
              "safe": false,
              "x": 300.5,
              "y": -40.25
            },
            {
              "id": 3,
              "kind": "verification",
              "title": "Parity",
              "checks": [
                {
                  "kind": "data_parity",
                  "name": "email = email_address",
                  "threshold": "100 %"
                },
                {
                  "kind": "custom",
                  "name": "",
                  "threshold": ""
                }
              ],
              "x": 520.0,
              "y": 120.0
            },
            {
              "id": 4,
              "kind": "gate",
              "title": "Go?",
              "go_criteria": [
                "parity 100 %"
              ],
              "approver": "DBA lead",
              "x": 740.0,
              "y": 120.0
            },
            {
              "id": 5,
              "kind": "end",
              "title": "Aborted",
              "aborted": true,
              "x": 960.0,
              "y": 120.0
            }
          ],
          "edges": [
            {
              "id": 1,
              "kind": "forward",
              "from": 1,
              "to": 2
            },
            {
              "id": 2,
              "kind": "validation",
              "from": 2,
              "to": 3,
              "label": "guards"
            },
            {
              "id": 3,
              "kind": "forward",
              "from": 3,
              "to": 4,
              "label": "lag < 5 s"
            },
            {
              "id": 4,
              "kind": "rollback",
              "from": 4,
              "to": 1,
              "label": "no-go"
            },
            {
              "id": 5,
              "kind": "forward",
              "from": 4,
              "to": 5,
              "label": "abort"
            }
          ]
        }"#]]
    .assert_eq(&to_json(&every_field()));
}

#[test]
fn every_field_round_trips() {
    let doc = every_field();
    let loaded = load_json(&to_json(&doc)).unwrap();
    assert_eq!(loaded.warnings, []);
    assert_eq!(loaded.migrated_from, None);
    assert_eq!(loaded.document, doc);
}

#[test]
fn every_template_round_trips() {
    for template in templates::all() {
        let doc = template.build();
        let loaded = load_json(&to_json(&doc)).unwrap();
        assert_eq!(loaded.warnings, [], "{}", template.id);
        assert_eq!(loaded.document, doc, "{}", template.id);
    }
}

#[test]
fn empty_document_round_trips() {
    for doc in [Document::default(), Document::new("")] {
        assert_eq!(load_json(&to_json(&doc)).unwrap().document, doc);
    }
}

#[test]
fn saving_does_not_depend_on_insertion_order() {
    let doc = every_field();
    let mut reversed = Document::new(doc.plan.title.clone());
    for node in doc.plan.nodes.values().rev() {
        reversed.insert_node(node.clone(), doc.layout.at(node.id));
    }
    for edge in doc.plan.edges.values().rev() {
        reversed.plan.edges.insert(edge.id, edge.clone());
    }
    assert_eq!(to_json(&reversed), to_json(&doc));
}

#[test]
fn node_without_position_is_saved_at_the_origin() {
    let mut doc = every_field();
    doc.layout.set_position(migraflow_core::NodeId(2), None);
    let loaded = load_json(&to_json(&doc)).unwrap();
    assert_eq!(loaded.warnings, []);
    assert_eq!(
        loaded.document.layout.position(migraflow_core::NodeId(2)),
        Some(Point::new(0.0, 0.0))
    );
}

#[test]
fn non_finite_coordinates_are_saved_as_null_and_repaired_on_load() {
    let mut doc = every_field();
    let start = migraflow_core::NodeId(1);
    doc.layout
        .set_position(start, Some(Point::new(f64::NAN, f64::INFINITY)));
    let json = to_json(&doc);
    assert!(json.contains("\"x\": null"));
    let loaded = load_json(&json).unwrap();
    let warnings: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
    expect![[r#"
        nodes[0]: Node n1 had no usable position (x is not a number); it was placed below the others."#]]
    .assert_eq(&warnings.join("\n"));
    assert_eq!(
        loaded.document.layout.position(start),
        Some(Point::new(300.5, 280.0)),
        "the leftmost other node is at x 300.5 and the lowest at y 120"
    );
}

#[test]
fn a_repaired_document_needs_no_repair_when_loaded_again() {
    let messy = r#"{"format": "migraflow", "schema_version": 2, "title": "t",
        "nodes": [{"id": 1, "kind": "start", "x": 0, "y": 9999990},
                  {"id": 1, "kind": "end"},
                  {"id": 2, "kind": "phase", "title": "x", "x": null, "y": 0}],
        "edges": [{"id": 1, "kind": "forward", "from": 1, "to": 2},
                  {"id": 1, "kind": "rollback", "from": 2, "to": 1},
                  {"id": 2, "kind": "forward", "from": 2, "to": 2},
                  {"id": 3, "kind": "forward", "from": 1, "to": 2},
                  {"id": 4, "kind": "forward", "from": 2, "to": 7}]}"#;
    let repaired = load_json(messy).unwrap();
    assert_eq!(repaired.warnings.len(), 7, "{:#?}", repaired.warnings);
    let again = load_json(&to_json(&repaired.document)).unwrap();
    assert_eq!(again.warnings, []);
    assert_eq!(again.document, repaired.document);
}

/// The layout direction is written only when it is top down, and a
/// document without it (every one from before the choice) flows left to
/// right.
#[test]
fn the_layout_direction_survives_a_round_trip_and_defaults_to_left_right() {
    use migraflow_core::geometry::Direction;
    let mut doc = Document::new("d");
    doc.add_node(NodeKind::Start, "s", Point::new(0.0, 0.0));
    let left_right = to_json(&doc);
    assert!(!left_right.contains("direction"), "{left_right}");
    assert_eq!(
        load_json(&left_right).unwrap().document.layout.direction,
        Direction::LeftRight
    );
    doc.layout.set_direction(Direction::TopDown);
    let top_down = to_json(&doc);
    assert!(
        top_down.contains(r#""direction": "top-down""#),
        "{top_down}"
    );
    assert_eq!(load_json(&top_down).unwrap().document, doc);
    let odd = top_down.replace("top-down", "diagonal");
    assert_eq!(
        load_json(&odd).unwrap().document.layout.direction,
        Direction::LeftRight
    );
}
