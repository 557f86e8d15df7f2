//! What the exporters write: a snapshot of each diagram type for a small
//! plan, the shape of every stateDiagram line, and every gallery template
//! through export and import.

mod mermaid_common;

use expect_test::expect;
use migraflow_core::mermaid::{export_flowchart, export_state_diagram, import, size_warning};
use migraflow_core::{templates, Document, EdgeKind, NodeKind, PhaseTag, Point};

/// Start → expand → check → gate → end, with a rollback, a validation
/// edge, an empty title and an unsafe phase.
fn small_plan() -> Document {
    let mut doc = Document::new("Add column");
    let start = doc.add_node(NodeKind::Start, "Start", Point::new(80.0, 80.0));
    let expand = doc.add_node(NodeKind::Phase, "Add column", Point::new(320.0, 80.0));
    let check = doc.add_node(NodeKind::Verification, "", Point::new(560.0, 80.0));
    let gate = doc.add_node(NodeKind::Gate, "Go?", Point::new(800.0, 80.0));
    let end = doc.add_node(NodeKind::End, "Done", Point::new(1040.0, 80.0));
    doc.node_mut(expand).phase = PhaseTag::Expand;
    doc.node_mut(expand).safe = false;
    doc.add_edge(EdgeKind::Forward, start, expand, "");
    doc.add_edge(EdgeKind::Validation, expand, check, "rows match");
    doc.add_edge(EdgeKind::Forward, check, gate, "");
    doc.add_edge(EdgeKind::Rollback, check, start, "on failure");
    doc.add_edge(EdgeKind::Forward, gate, end, "go");
    doc
}

#[test]
fn flowchart_snapshot() {
    expect![[r#"
        flowchart LR
            %% migraflow: {"format":1,"title":"Add column"}
            n1(["Start"])
            %% migraflow: {"node":"n1","x":80.0,"y":80.0}
            n2["Add column"]
            %% migraflow: {"node":"n2","x":320.0,"y":80.0,"safe":false}
            n3{{"Verification"}}
            %% migraflow: {"node":"n3","x":560.0,"y":80.0,"title":""}
            n4{"Go?"}
            %% migraflow: {"node":"n4","x":800.0,"y":80.0}
            n5(["Done"])
            %% migraflow: {"node":"n5","x":1040.0,"y":80.0}
            n1 --> n2
            n2 ==>|"rows match"| n3
            n3 --> n4
            n3 -.->|"on failure"| n1
            n4 -->|"go"| n5
            class n1 kind_start
            class n5 kind_end
            class n2 phase_expand
            class n3 kind_verification
            class n4 kind_gate
            class n2 unsafe
            classDef kind_start fill:#d1fae5,stroke:#047857,color:#111827
            classDef kind_end fill:#e5e7eb,stroke:#374151,color:#111827
            classDef phase_audit fill:#e0e7ff,stroke:#4338ca,color:#111827
            classDef phase_expand fill:#dcfce7,stroke:#15803d,color:#111827
            classDef phase_dual_write fill:#fef3c7,stroke:#b45309,color:#111827
            classDef phase_backfill fill:#e0f2fe,stroke:#0369a1,color:#111827
            classDef phase_cutover fill:#fce7f3,stroke:#be185d,color:#111827
            classDef phase_contract fill:#fee2e2,stroke:#b91c1c,color:#111827
            classDef phase_custom fill:#f3f4f6,stroke:#4b5563,color:#111827
            classDef kind_verification fill:#ede9fe,stroke:#6d28d9,color:#111827
            classDef kind_gate fill:#ffedd5,stroke:#c2410c,color:#111827
            classDef unsafe stroke:#dc2626,stroke-width:3px,stroke-dasharray:6 3,color:#111827
            classDef aborted fill:#fecaca,stroke:#991b1b,color:#111827
    "#]]
    .assert_eq(&export_flowchart(&small_plan()));
}

#[test]
fn state_diagram_snapshot() {
    expect![[r#"
        stateDiagram-v2
            direction LR
            n1 : Start
            n2 : Add column
            n3 : Verification
            n4 : Go?
            n5 : Done
            [*] --> n1
            n1 --> n2
            n2 --> n3 : validation: rows match
            n3 --> n4
            n3 --> n1 : rollback: on failure
            n4 --> n5 : go
            n5 --> [*]
            class n1 kind_start
            class n5 kind_end
            class n2 phase_expand
            class n3 kind_verification
            class n4 kind_gate
            class n2 unsafe
            classDef kind_start fill:#d1fae5,stroke:#047857,color:#111827
            classDef kind_end fill:#e5e7eb,stroke:#374151,color:#111827
            classDef phase_audit fill:#e0e7ff,stroke:#4338ca,color:#111827
            classDef phase_expand fill:#dcfce7,stroke:#15803d,color:#111827
            classDef phase_dual_write fill:#fef3c7,stroke:#b45309,color:#111827
            classDef phase_backfill fill:#e0f2fe,stroke:#0369a1,color:#111827
            classDef phase_cutover fill:#fce7f3,stroke:#be185d,color:#111827
            classDef phase_contract fill:#fee2e2,stroke:#b91c1c,color:#111827
            classDef phase_custom fill:#f3f4f6,stroke:#4b5563,color:#111827
            classDef kind_verification fill:#ede9fe,stroke:#6d28d9,color:#111827
            classDef kind_gate fill:#ffedd5,stroke:#c2410c,color:#111827
            classDef unsafe stroke:#dc2626,stroke-width:3px,stroke-dasharray:6 3,color:#111827
            classDef aborted fill:#fecaca,stroke:#991b1b,color:#111827
    "#]]
    .assert_eq(&export_state_diagram(&small_plan()));
}

/// Every line of a state diagram is fixed text or `id : text` / a
/// transition whose text cannot end the statement early: no `;`, no line
/// break, no `::`, no final `:`.
#[test]
fn state_diagram_text_cannot_break_out() {
    for label in mermaid_common::all_labels() {
        let text = export_state_diagram(&mermaid_common::label_document(label));
        assert!(
            text.starts_with("stateDiagram-v2\n    direction LR\n"),
            "{text}"
        );
        for line in text.lines().skip(2) {
            let line = line
                .strip_prefix("    ")
                .unwrap_or_else(|| panic!("{line:?}"));
            if line.starts_with("class") {
                continue;
            }
            let statement = line
                .split_once(" : ")
                .map_or(line, |(statement, _)| statement);
            let ends: Vec<&str> = statement.split(" --> ").collect();
            assert!(ends.len() <= 2, "{line}");
            for end in ends {
                assert!(
                    end == "[*]"
                        || end
                            .strip_prefix('n')
                            .is_some_and(|n| n.parse::<u32>().is_ok()),
                    "{line}"
                );
            }
            if let Some((_, description)) = line.split_once(" : ") {
                // Mermaid replaces entity codes before it reads the line.
                let description = without_entity_codes(description);
                assert!(
                    !description.contains(';') && !description.contains("::"),
                    "{line}"
                );
                assert!(
                    !description.ends_with(':') && !description.trim().is_empty(),
                    "{line}"
                );
                assert!(!description.chars().any(char::is_control), "{line}");
            }
        }
    }
}

/// `text` without its `#name;` / `#123;` codes.
fn without_entity_codes(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('#') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let word = after
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(after.len());
        rest = match after[word..].strip_prefix(';') {
            Some(tail) if word > 0 => tail,
            _ => {
                out.push('#');
                after
            }
        };
    }
    out + rest
}

#[test]
fn every_template_exports_imports_and_fits_default_mermaid() {
    for template in templates::all() {
        let doc = template.build();
        let flowchart = export_flowchart(&doc);
        mermaid_common::assert_flowchart_structure(&flowchart);
        let imported = import(&flowchart).unwrap_or_else(|e| panic!("{}: {e}", template.id));
        assert_eq!(imported.document, doc, "{}", template.id);
        assert_eq!(imported.warnings, Vec::<String>::new(), "{}", template.id);
        assert_eq!(size_warning(&flowchart), None, "{}", template.id);
        assert_eq!(
            size_warning(&export_state_diagram(&doc)),
            None,
            "{}",
            template.id
        );
    }
}
