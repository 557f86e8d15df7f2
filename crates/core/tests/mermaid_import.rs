//! Importing hand-written flowcharts: kinds from shapes, phase tags from
//! classes or text, edges from link styles, ids in reading order, a layered
//! placement, and warnings for what was dropped.

mod mermaid_common;

use expect_test::{expect, Expect};
use migraflow_core::mermaid::{export_flowchart, import};

fn check(text: &str, expected: Expect) {
    let imported = import(text).unwrap_or_else(|e| panic!("{e}"));
    expected.assert_eq(&mermaid_common::describe(
        &imported.document,
        &imported.warnings,
    ));
}

#[test]
fn a_column_rename_drawn_top_down() {
    check(
        r#"graph TD
    A([Start]) --> B[Audit schema]
    B --> C[Add column email_v2]
    C --> D[Dual-write old and new]
    D --> E{{Row counts match?}}
    E -->|yes| F{Go / no-go}
    E -.->|no| C
    F -- go --> G[Switch reads to email_v2]
    F -- no-go --> H([Aborted])
    G --> I[Drop column email]
    I --> J([Done])
"#,
        expect![[r#"
            title ""
            n1 start "Start" @ 80,80
            n2 phase/audit "Audit schema" @ 320,80
            n3 phase/expand "Add column email_v2" @ 560,80
            n4 phase/dual_write "Dual-write old and new" @ 800,80
            n5 verification "Row counts match?" @ 1040,80
            n6 gate "Go / no-go" @ 1280,80
            n7 phase/cutover "Switch reads to email_v2" @ 1520,80
            n8 end "Aborted" @ 1520,220
            n9 phase/contract "Drop column email" @ 1760,80
            n10 end "Done" @ 2000,80
            e1 n1 --> n2 ""
            e2 n2 --> n3 ""
            e3 n3 --> n4 ""
            e4 n4 --> n5 ""
            e5 n5 --> n6 "yes"
            e6 n5 -.-> n3 "no"
            e7 n6 --> n7 "go"
            e8 n6 --> n8 "no-go"
            e9 n7 --> n9 ""
            e10 n9 --> n10 ""
        "#]],
    );
}

#[test]
fn groups_chains_subgraphs_styles_and_entity_codes() {
    check(
        r#"%% Orders move to the new cluster
flowchart LR;
  start([Begin]):::green;
  subgraph prep [Preparation]
    direction TB
    audit[Audit #quot;orders#quot; table] --> expand[Expand:<br/>add shard_key]
  end
  start --> audit
  expand --> dw[Dual write] & bf[Backfill #35;1] --> check{{Parity #lt; 0.1%}}
  check ==> gate{Approve?}
  gate -->|go| cut[Cut over] --> done([Finished])
  check -. mismatch .-> expand
  classDef green fill:#0f0;
  class cut phase_contract
  style dw fill:#ff0,stroke:#333
  click gate "https://example.com" "Runbook; read it"
  linkStyle 0 stroke:red
"#,
        expect![[r#"
            title ""
            n1 start "Begin" @ 80,80
            n2 phase/audit "Audit \"orders\" table" @ 320,80 in "Preparation"
            n3 phase/expand "Expand:\nadd shard_key" @ 560,80 in "Preparation"
            n4 phase/dual_write "Dual write" @ 800,80
            n5 phase/backfill "Backfill #1" @ 800,220
            n6 verification "Parity < 0.1%" @ 1040,80
            n7 gate "Approve?" @ 1280,80
            n8 phase/contract "Cut over" @ 1520,80
            n9 end "Finished" @ 1760,80
            e1 n2 --> n3 ""
            e2 n1 --> n2 ""
            e3 n3 --> n4 ""
            e4 n3 --> n5 ""
            e5 n4 --> n6 ""
            e6 n5 --> n6 ""
            e7 n6 ==> n7 ""
            e8 n7 --> n8 "go"
            e9 n8 --> n9 ""
            e10 n6 -.-> n3 "mismatch"
            warning: the classes `green` were not imported (a plan keeps no colours; a `phase_…` class sets a phase's tag)
            warning: line 15: `style` statements were not imported (a plan keeps no colours)
            warning: line 13: `classDef` statements were not imported (a plan keeps no colours)
            warning: line 17: `linkStyle` statements were not imported (a plan keeps no colours)
            warning: line 16: `click` statements were not imported (a plan keeps no links or callbacks)
        "#]],
    );
}

#[test]
fn every_shape_link_and_label_form() {
    check(
        r#"graph BT
  1((circle)) --- 2[(database)]
  2 === 3>flag]
  3 -.- 4[[subroutine]]
  4 --o 5[/lean right/]
  5 --x 6[\lean left\]
  6 ---> 7("round, quoted")
  7 -- plain text --- 8(-ellipse-)
  8 == thick text ==> 9["`**markdown** string`"]
  9 -. dotted text .-> 10(((double)))
  10 ---oB
  B -->|"quoted | pipe"| café_1[Ünïcödé]
  café_1 --> bare
  bare ~~~ 1
"#,
        expect![[r#"
            title ""
            n1 phase/custom "circle" @ 80,80
            n2 phase/custom "database" @ 320,80
            n3 phase/custom "flag" @ 560,80
            n4 phase/custom "subroutine" @ 80,220
            n5 phase/custom "lean right" @ 320,220
            n6 phase/custom "lean left" @ 560,220
            n7 phase/custom "round, quoted" @ 800,80
            n8 phase/custom "ellipse" @ 1040,80
            n9 phase/custom "**markdown** string" @ 1280,80
            n10 phase/custom "double" @ 80,360
            n11 phase/custom "B" @ 320,360
            n12 phase/custom "Ünïcödé" @ 560,360
            n13 phase/custom "bare" @ 800,220
            e1 n1 --> n2 ""
            e2 n2 ==> n3 ""
            e3 n3 -.-> n4 ""
            e4 n4 --> n5 ""
            e5 n5 --> n6 ""
            e6 n6 --> n7 ""
            e7 n7 --> n8 "plain text"
            e8 n8 ==> n9 "thick text"
            e9 n9 -.-> n10 "dotted text"
            e10 n10 --> n11 ""
            e11 n11 --> n12 "quoted | pipe"
            e12 n12 --> n13 ""
            warning: line 14: the invisible link from `bare` to `1` was skipped
            warning: no node is a stadium, so the plan has no start or end; draw them as `id([Start])`
        "#]],
    );
}

#[test]
fn front_matter_directives_and_accessibility_lines_are_skipped() {
    check(
        r#"---
title: "Orders: split table"
config:
  theme: forest
---
%%{init: {"flowchart": {"curve": "basis"}}}%%
flowchart TB
  accTitle: Split orders
  accDescr {
    Moves line items
    into their own table
  }
  s([Start]) --> a[Create table order_items] --> e([End])
"#,
        expect![[r#"
            title "Orders: split table"
            n1 start "Start" @ 80,80
            n2 phase/expand "Create table order_items" @ 320,80
            n3 end "End" @ 560,80
            e1 n1 --> n2 ""
            e2 n2 --> n3 ""
            warning: lines 8, 9: `accTitle` and `accDescr` were not imported (a plan keeps no accessible title or description)
        "#]],
    );
}

#[test]
fn what_the_editor_cannot_hold_is_dropped_with_a_warning() {
    check(
        r#"flowchart LR
  a[Step] --> a
  a --> b[Next]
  a --> b
  b ~~~ c[Far]
  subgraph group [Group]
    c
  end
  b --> group
  class nobody phase_audit
"#,
        expect![[r#"
            title ""
            n1 phase/custom "Step" @ 80,80
            n2 phase/custom "Next" @ 320,80
            n3 phase/custom "Far" @ 80,220 in "Group"
            e1 n1 --> n2 ""
            warning: line 9: `group` names a subgraph, which is a group and not a node in a plan; it was left out
            warning: line 2: the edge from `a` to itself was skipped
            warning: line 4: a second forward edge from `a` to `b` was skipped
            warning: line 5: the invisible link from `b` to `c` was skipped
            warning: line 9: the link between `b` and `group` was skipped: `group` is a subgraph, not a node
            warning: line 10: `class` names `nobody`, which is not a node; it was ignored
            warning: no node is a stadium, so the plan has no start or end; draw them as `id([Start])`
        "#]],
    );
}

#[test]
fn an_edited_export_keeps_its_ids_and_gives_new_nodes_free_ones() {
    let exported = export_flowchart(&mermaid_common::rename_column());
    let edited = exported
        .replace(
            "    n9 --> n10\n",
            "    n9 --> X[Vacuum full] --> n10\n    %% migraflow: {\"node\":\"n404\"}\n",
        )
        .replace(
            r#"{"node":"n3","x":520.0,"y":200.0,"#,
            r#"{"node":"n3","x":"left","#,
        );
    check(
        &edited,
        expect![[r#"
            title "Rename users.email → users.email_address"
            n1 start "Start" @ 80,200
            n2 phase/audit "Schema audit" @ 300,200
            n3 phase/expand "Add column email_address" @ 560,540
            n4 phase/custom "Vacuum full" @ 2000,540
            n5 phase/dual_write "Dual-write" @ 740,200
            n6 verification "" @ 740,360
            n7 gate "Go / no-go: cutover" @ 960,200
            n8 phase/cutover "Switch reads" @ 1180,200
            n9 phase/contract "Drop column email" @ 1400,200
            n10 end "Done" @ 1620,200
            n11 end "Aborted" @ 960,400
            e1 n1 --> n2 ""
            e2 n2 --> n3 "schema ok"
            e3 n3 -.-> n1 "drop column"
            e4 n3 --> n5 ""
            e5 n5 ==> n6 ""
            e6 n6 --> n7 "lag < 5 s"
            e7 n6 -.-> n3 "on failure"
            e8 n7 --> n8 "go"
            e9 n7 --> n11 "no-go"
            e10 n8 -.-> n5 "switch back"
            e11 n8 --> n9 ""
            e12 n9 --> n4 ""
            e13 n4 --> n10 ""
            warning: line 8: a migraflow comment was ignored: x: invalid type: string "left", expected f64
            warning: line 35: a migraflow comment for `n404`, which is not a node here, was ignored
            warning: the edge ids in the document comment do not fit the edges; they were renumbered
        "#]],
    );
}

#[test]
fn mermaid_11_shapes_and_edge_ids() {
    check(
        r#"flowchart LR
  s@{ shape: pill, label: "Begin" } e1@--> v@{ shape: hex, label: "Row counts #quot;equal#quot;" }
  v e2@==> g@{
    shape: diamond
    label: Go?
  }
  g --> cyl@{ shape: cyl } --> done@{ shape: stop, label: "Done" }
  e1@{ animate: true }
"#,
        expect![[r#"
            title ""
            n1 start "Begin" @ 80,80
            n2 verification "Row counts \"equal\"" @ 320,80
            n3 gate "Go?" @ 560,80
            n4 phase/custom "cyl" @ 800,80
            n5 end "Done" @ 1040,80
            e1 n1 --> n2 ""
            e2 n2 ==> n3 ""
            e3 n3 --> n4 ""
            e4 n4 --> n5 ""
            warning: line 8: edge properties (`id@{…}`) were not imported (a plan keeps no animation or curves)
        "#]],
    );
}
