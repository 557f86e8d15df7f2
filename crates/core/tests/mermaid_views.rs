//! The views of SPEC §10 (Gantt, sequence, requirement, timeline, git
//! graph) as text: each pitfall of issue 18 written the way that renders,
//! the mapping on a small plan, and the Gantt after a run. That each text
//! also renders, and reads back as the plan, in the real Mermaid.js is
//! `tests/e2e/mermaid-render.spec.mjs`'s job (the corpus of
//! `examples/mermaid_corpus.rs`, which includes these pitfalls).

use expect_test::expect;
use migraflow_core::mermaid::{
    export_gantt, export_gantt_with_run, export_gitgraph, export_requirement, export_sequence,
    export_timeline, View,
};
use migraflow_core::run::{apply, start, Command, NewRun, Operator};
use migraflow_core::touch::Touch;
use migraflow_core::{Check, CheckKind, Document, EdgeKind, NodeKind, PhaseTag, Point};

/// Start → one phase per title → end.
fn phases(titles: &[&str]) -> Document {
    let mut doc = Document::new("");
    let mut last = doc.add_node(NodeKind::Start, "Start", Point::default());
    for title in titles {
        let phase = doc.add_node(NodeKind::Phase, title, Point::default());
        doc.node_mut(phase).touches = vec![Touch::Primary];
        doc.add_edge(EdgeKind::Forward, last, phase, "");
        last = phase;
    }
    let end = doc.add_node(NodeKind::End, "Done", Point::default());
    doc.add_edge(EdgeKind::Forward, last, end, "");
    doc
}

/// The lines of `text` that mention `needle`.
fn lines_with(text: &str, needle: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.contains(needle))
        .map(|l| l.trim().to_owned())
        .collect()
}

#[test]
fn sequence_messages_code_semicolons_and_hashes() {
    // `a; b` fails to parse; `a # b` silently shows `a`.
    let out = export_sequence(&phases(&["a; b", "a # b", "$$x$$ %%{init}%%"]));
    expect![[r##"
        [
            "operator->>primary: a#59; b",
            "operator->>primary: a #35; b",
            "operator->>primary: #36;#36;x#36;#36; #37;#37;{init}#37;#37;",
        ]
    "##]]
    .assert_debug_eq(&lines_with(&out, "primary:"));
}

#[test]
fn sequence_participants_and_blocks_are_fixed_words() {
    // A participant `end` or `box` fails to parse; block labels are fixed.
    let mut doc = phases(&["end", "box"]);
    for node in doc.plan.nodes.values_mut() {
        node.touches = Touch::ALL.to_vec();
        node.phase = PhaseTag::Backfill;
    }
    let out = export_sequence(&doc);
    assert!(out.contains("    participant operator as Operator\n"));
    assert!(out.contains("    participant worker as Workers\n"));
    assert!(out.contains("    loop Until done\n    operator->>app: end\n"));
    assert!(!out.contains("participant end") && !out.contains("participant box"));
}

#[test]
fn gantt_names_code_colons_and_leading_keywords() {
    // `:` ends a task's name; `section x`, `title y`, `click …` and a
    // leading date are read as statements.
    let out = export_gantt(&phases(&[
        "Expand: add",
        "section x",
        "Title y",
        "click n1 call alert()",
        "2026-01-01 deploy",
        "x%y",
        "crit",
    ]));
    expect![[r##"
        gantt
            dateFormat YYYY-MM-DD HH:mm:ss
            axisFormat %H:%M
            todayMarker off
            section Start
            Start :milestone, n1, 2000-01-01 00:00:00, 0m
            section Custom
            Expand#58; add :milestone, n2, after n1, 0m
            #115;ection x :milestone, n3, after n2, 0m
            #84;itle y :milestone, n4, after n3, 0m
            #99;lick n1 call alert() :milestone, n5, after n4, 0m
            #50;026-01-01 deploy :milestone, n6, after n5, 0m
            x#37;y :milestone, n7, after n6, 0m
            crit :milestone, n8, after n7, 0m
            Done :milestone, n9, after n8, 0m
    "##]]
    .assert_eq(&out);
}

#[test]
fn gantt_bars_have_one_unit_tags_first_and_a_dated_first_task() {
    // Mermaid reads `1h30m` as nothing; tags after the id throw; a first
    // task without a date throws "Invalid date".
    let mut doc = Document::new("Window");
    let first = doc.add_node(NodeKind::Phase, "Copy", Point::default());
    let second = doc.add_node(NodeKind::Phase, "Drop", Point::default());
    doc.node_mut(first).planned_duration = "1h30m".into();
    doc.node_mut(second).planned_duration = "1d 30s".into();
    doc.node_mut(second).safe = false;
    doc.add_edge(EdgeKind::Forward, first, second, "");
    expect![[r##"
        gantt
            title Window
            dateFormat YYYY-MM-DD HH:mm:ss
            axisFormat %m-%d %H:%M
            todayMarker off
            section Custom
            Copy :n1, 2000-01-01 00:00:00, 90m
            Drop :crit, n2, after n1, 86430s
    "##]]
    .assert_eq(&export_gantt(&doc));
}

#[test]
fn gantt_starts_at_the_planned_start() {
    let mut doc = phases(&["Add column"]);
    let start = doc.plan.nodes.keys().next().copied().unwrap();
    doc.node_mut(start).planned_start = "2026-03-01 22:00".into();
    assert!(export_gantt(&doc).contains("Start :milestone, n1, 2026-03-01 22:00:00, 0m"));
    doc.node_mut(start).planned_start = "next tuesday".into();
    assert!(export_gantt(&doc).contains("Start :milestone, n1, 2000-01-01 00:00:00, 0m"));
}

#[test]
fn timeline_codes_colons_hashes_and_leading_keywords() {
    // `:` splits events, `#` starts a comment, `title x` and `section y`
    // are statements, `z%%q` is a comment.
    let out = export_timeline(&phases(&["a: b", "d # e", "title x", "Section y", "z%%q"]));
    expect![[r##"
        [
            "a#58; b",
            "d #35; e",
            "#116;itle x",
            "#83;ection y",
            "z#37;#37;q",
        ]
    "##]]
    .assert_debug_eq(
        &out.lines()
            .skip(4)
            .take(5)
            .map(str::trim)
            .collect::<Vec<_>>(),
    );
}

#[test]
fn requirement_texts_are_quoted_and_every_relation_is_declared() {
    // Unquoted `:` or `<` fail; `direction TB` anywhere is a statement; a
    // relation to an undeclared element throws at render.
    let mut doc = phases(&["Add column"]);
    let phase = doc.plan.nodes.keys().nth(1).copied().unwrap();
    let check = doc.add_node(NodeKind::Verification, "Rows", Point::default());
    doc.node_mut(check).checks = vec![Check {
        kind: CheckKind::RowCount,
        name: "a: b".into(),
        threshold: "< 5 \"s\" direction TB".into(),
    }];
    let gate = doc.add_node(NodeKind::Gate, "Go?", Point::default());
    doc.add_edge(EdgeKind::Validation, phase, check, "");
    doc.add_edge(EdgeKind::Forward, check, gate, "");
    expect![[r##"
        requirementDiagram
            requirement r4_1 {
                id: "n4.1"
                text: "a#58; b#58; #60; 5 #34;s#34; direction#32;TB"
                verifymethod: test
            }
            element n2 {
                type: "Custom"
                docref: "Add column"
            }
            element n4 {
                type: "Verification"
                docref: "Rows"
            }
            element n5 {
                type: "Go/no-go gate"
                docref: "Go?"
            }
            n4 - verifies -> r4_1
            n2 - satisfies -> r4_1
            n5 - traces -> r4_1
    "##]]
    .assert_eq(&export_requirement(&doc));
}

#[test]
fn gitgraph_ids_are_quoted_unique_and_lanes_exist_before_checkout() {
    // Same titles would be one commit drawn as its own parent; `checkout`
    // of a branch not created throws; `"` ends the string.
    let mut doc = phases(&["Deploy", "Deploy", "say \"hi\" = \\d"]);
    doc.node_mut(migraflow_core::NodeId(3)).phase = PhaseTag::Cutover;
    expect![[r##"
        gitGraph
            commit id: "n1 Start"
            branch schema
            commit id: "n2 Deploy"
            checkout main
            merge schema id: "deploy n2"
            branch app
            commit id: "n3 Deploy"
            checkout main
            merge app id: "deploy n3"
            checkout schema
            commit id: "n4 say #34;hi#34; #61; #92;d"
            checkout main
            merge schema id: "deploy n4"
            commit id: "n5 Done"
    "##]]
    .assert_eq(&export_gitgraph(&doc));
}

#[test]
fn views_are_named_as_spec_section_10_says() {
    let items: Vec<String> = View::ALL
        .iter()
        .map(|v| {
            format!(
                "{} | {} | {}",
                v.as_str(),
                v.menu_item(),
                v.file_name("plan")
            )
        })
        .collect();
    expect![[r#"
        [
            "flowchart | Export Mermaid | plan.mmd",
            "state | Export Mermaid state | plan.state.mmd",
            "gantt | Export Mermaid Gantt | plan.gantt.mmd",
            "sequence | Export Mermaid sequence | plan.sequence.mmd",
            "requirement | Export Mermaid requirement | plan.requirement.mmd",
            "timeline | Export Mermaid timeline | plan.timeline.mmd",
            "gitgraph | Export Mermaid git graph | plan.gitgraph.mmd",
        ]
    "#]]
    .assert_debug_eq(&items);
    assert!(View::ALL
        .iter()
        .all(|&v| View::parse(v.as_str()) == Some(v)));
}

#[test]
fn the_gantt_after_a_run_shows_the_plan_from_the_run_start_and_each_visit() {
    let mut doc = phases(&["Backfill"]);
    doc.node_mut(migraflow_core::NodeId(2)).planned_duration = "10m".into();
    let operator = Operator::new("Ada", "DBA");
    let new = NewRun {
        id: "r1".into(),
        document_id: "d1".into(),
        environment: "staging".into(),
        rehearsal: true,
    };
    // 2026-03-01 22:00:00 UTC.
    let t0 = 1_772_402_400_000;
    let mut run = start(new, doc, t0, &operator).unwrap();
    let advance = |edge| Command::Advance {
        edge: migraflow_core::EdgeId(edge),
        override_reason: String::new(),
        confirm: String::new(),
    };
    apply(&mut run, advance(1), t0 + 60_000, &operator).unwrap();
    let out = export_gantt_with_run(&run, t0 + 60_000 + 15 * 60_000);
    expect![[r##"
        gantt
            dateFormat YYYY-MM-DD HH:mm:ss
            axisFormat %H:%M
            todayMarker off
            section Start
            Start :milestone, n1, 2026-03-01 22:00:00, 0m
            section Custom
            Backfill :n2, after n1, 10m
            Done :milestone, n3, after n2, 0m
            section Actual
            Start :done, a1, 2026-03-01 22:00:00, 60s
            Backfill :crit, active, a2, 2026-03-01 22:01:00, 900s
    "##]]
    .assert_eq(&out);
}
