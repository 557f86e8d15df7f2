//! Stages through Mermaid: written as `subgraph`s, read back from them
//! (SPEC §11), including hand-written subgraphs.

use migraflow_core::mermaid::{export_flowchart, import};
use migraflow_core::{stages, templates};

/// Each node's stage in `text` read as Mermaid, `title: stage`.
fn stages_read(text: &str) -> Vec<String> {
    let imported = import(text).expect("it imports");
    imported
        .document
        .plan
        .nodes
        .values()
        .map(|n| format!("{}: {}", n.title, n.stage))
        .collect()
}

#[test]
fn every_template_keeps_its_stages_through_mermaid() {
    for template in templates::all() {
        let doc = template.build();
        let staged = stages::names(&doc.plan).len();
        // Every migration ships grouped; of the other flows, those with
        // natural stages.
        assert!(
            staged >= 3 || !template.pack.is_migration(),
            "{} ships with stages",
            template.id
        );
        let text = export_flowchart(&doc);
        assert_eq!(text.contains("subgraph s1[\""), staged > 0, "{text}");
        let back = import(&text).expect("it imports").document;
        assert_eq!(back.plan, doc.plan, "{}", template.id);
    }
}

#[test]
fn hand_written_subgraphs_become_stages() {
    let text = "flowchart TD
    subgraph prep [\"Prepare #amp; check\"]
        a[Audit] --> b[Expand]
        subgraph inner [Inner]
            c[Copy]
        end
    end
    subgraph \"Cut over\"
        d[Switch]
    end
    subgraph plain
        e[Drop]
    end
    c --> d --> e --> f[After]
    subgraph late
        a
    end";
    assert_eq!(
        stages_read(text),
        [
            "Audit: Prepare & check",
            "Expand: Prepare & check",
            // The innermost subgraph, the first to close, wins.
            "Copy: Inner",
            "Switch: Cut over",
            "Drop: plain",
            "After: ",
        ]
    );
}

#[test]
fn hostile_stage_names_survive() {
    let mut doc = templates::all()[0].build();
    let name = "\"]; end\nsubgraph x[<script>alert(1)</script>] %%{init}%% #35; ";
    for node in doc.plan.nodes.values_mut().filter(|n| !n.stage.is_empty()) {
        node.stage = name.to_owned();
    }
    let text = export_flowchart(&doc);
    let statements = text
        .lines()
        .filter(|l| l.trim_start().starts_with("subgraph "))
        .count();
    assert_eq!(statements, 1, "{text}");
    assert_eq!(
        text.lines().filter(|l| l.trim() == "end").count(),
        1,
        "{text}"
    );
    let back = import(&text).expect("it imports").document;
    assert_eq!(back.plan, doc.plan);
}
