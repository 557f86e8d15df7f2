//! The flowcharts issue 20 found read wrongly or refused, each with what
//! Mermaid 12.3 makes of it (vertices and edges, from its own parser; see
//! `scripts/mermaid-suite.mjs`) and what the plan holds. The first two
//! groups were silent losses: fewer nodes or edges and no warning.

use migraflow_core::mermaid::{import, Counts};

/// A text, Mermaid's (vertices, edges), the document's (nodes, edges), and
/// a piece of text one warning must contain ("" for none wanted).
type Case = (&'static str, (usize, usize), (usize, usize), &'static str);

const CASES: &[Case] = &[
    // Silent loss: `;` after a subgraph title, a class name before a link.
    // (The subgraph is now the nodes' stage; see tests/mermaid_stages.rs.)
    ("graph TD\nsubgraph S;a-->b\nend", (2, 1), (2, 1), ""),
    ("flowchart LR\nA:::c---B", (2, 1), (2, 1), "the classes `c`"),
    ("flowchart LR\nA:::c--oB", (2, 1), (2, 1), "the classes `c`"),
    (
        "graph TD;\nclassDef exClass background:#bbb,border:1px solid red;\nA[test]:::exClass-->B[test2];",
        (2, 1),
        (2, 1),
        "line 2: `classDef`",
    ),
    // Heads at both ends: one edge as written, and a warning naming the line.
    ("flowchart LR\nA <--> B", (2, 1), (2, 1), "line 2: the link between `A` and `B` has a head at both ends; it was read as one forward edge"),
    ("flowchart LR\nA x--x B", (2, 1), (2, 1), "line 2: the link between `A` and `B` has a head at both ends"),
    ("flowchart LR\nA o--o B", (2, 1), (2, 1), "head at both ends"),
    ("flowchart LR\nA <==> B", (2, 1), (2, 1), "one validation edge"),
    ("flowchart LR\nA <-.-> B", (2, 1), (2, 1), "one rollback edge"),
    ("flowchart LR\nA<-- text -->B", (2, 1), (2, 1), "head at both ends"),
    ("flowchart TD;\nA e1@x-- label --x B;", (2, 1), (2, 1), "line 2: the link"),
    // Punctuation at the start or end of ids.
    ("graph TD; # --> A", (2, 1), (2, 1), ""),
    ("graph TD; node- --> A", (2, 1), (2, 1), ""),
    ("graph TD; default/node;", (1, 0), (1, 0), ""),
    ("graph TD; :node --> A", (2, 1), (2, 1), ""),
    // `subgraph title;` and more on the line.
    ("graph TD;A-->B;subgraph myTitle;c-->d;end;", (4, 2), (4, 2), ""),
    ("graph TD;A-->B;subgraph uid2[\"text of doom\"];c-->d;end;", (4, 2), (4, 2), ""),
    // Dotted links without the first dash.
    ("flowchart LR\nA .-> B", (2, 1), (2, 1), ""),
    ("flowchart LR\nA .- B", (2, 1), (2, 1), ""),
    ("flowchart LR\nA ..-> B", (2, 1), (2, 1), ""),
    ("flowchart LR\nA .-x B", (2, 1), (2, 1), ""),
    // A link over two lines.
    ("flowchart LR\na -->\nb", (2, 1), (2, 1), ""),
    ("flowchart LR\na\n--> b", (2, 1), (2, 1), ""),
    // `style` makes a vertex; Mermaid's own edge name is an edge's.
    ("graph TD\nA --> B\nstyle Q fill:#f00", (3, 1), (3, 1), "line 3: `style`"),
    ("flowchart TD\nA --> B\nL_A_B_0@{ animation: fast }", (2, 1), (2, 1), "line 3: edge properties"),
    (
        "flowchart LR\nA-->B\nA-->B\nA-->B\nL_A_B_2@{ animation: fast }\nL_A_B_1@{ animation: fast }",
        (3, 3),
        (3, 1),
        "a second forward edge",
    ),
    ("flowchart LR\nA e1@--> B & C\ne1@{ animate: true }\nL_A_C_0@{ animate: true }", (3, 2), (3, 2), "lines 3, 4: edge properties"),
    // Dropped on purpose, each named.
    ("flowchart LR\nA ~~~ B\nA --> C\nA --> C\nC --> C", (3, 4), (3, 1), "line 2: the invisible link"),
    ("flowchart LR\nsubgraph S\na\nend\nS --> a", (2, 1), (1, 0), "line 5: `S` names a subgraph"),
];

#[test]
fn each_found_case_reads_as_mermaid_reads_it() {
    for &(text, mermaid, document, warning) in CASES {
        let imported = import(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        let (nodes, edges) = mermaid;
        assert_eq!(imported.read, Counts { nodes, edges }, "{text:?}");
        let doc = &imported.document.plan;
        assert_eq!((doc.nodes.len(), doc.edges.len()), document, "{text:?}");
        assert_eq!(
            imported.dropped,
            Counts {
                nodes: nodes - document.0,
                edges: edges - document.1
            },
            "{text:?}"
        );
        if !warning.is_empty() {
            assert!(
                imported.warnings.iter().any(|w| w.contains(warning)),
                "{text:?}: no warning with {warning:?} in {:#?}",
                imported.warnings
            );
        }
    }
}

/// Labels as Mermaid shows them.
#[test]
fn labels_read_as_mermaid_shows_them() {
    let titles = |text: &str| -> Vec<String> {
        let imported = import(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        imported
            .document
            .plan
            .nodes
            .values()
            .map(|n| n.title.clone())
            .collect()
    };
    assert_eq!(titles("flowchart TD\nA --> B[\" test \"]"), ["A", "test"]);
    assert_eq!(
        titles("flowchart TD\nA@{ label: 'single quoted' }"),
        ["single quoted"]
    );
    assert_eq!(
        titles("flowchart TB\nA@{\n  label: |\n    This is a\n    multiline string\n  other: \"clock\"\n}"),
        ["This is a\nmultiline string"]
    );
    let imported = import("flowchart LR\nA<-- on failure -->B").unwrap();
    let edge = imported.document.plan.edges.values().next().unwrap();
    assert_eq!(edge.label, "on failure");
}
