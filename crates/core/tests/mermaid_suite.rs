//! Mermaid's own flowchart test suite, imported: every flowchart of its
//! parser specs, rendering specs and flowchart documentation either imports
//! with the vertex and edge counts Mermaid reports for it, or is one that
//! Mermaid refuses too (issue 20).
//!
//! The cases and Mermaid's verdicts are in `fixtures/mermaid_suite.json`,
//! written by `node scripts/mermaid-suite.mjs MERMAID_GIT_DIR` with the
//! real Mermaid.js (see the script for how). What Mermaid counts is what
//! the text holds; the document may hold less (a `~~~` link, a self-loop,
//! a repeated edge, a subgraph used as a link end are not in a plan), and
//! each thing left out must be named in a warning: read = document +
//! dropped, and at least one warning per thing dropped.

use migraflow_core::mermaid::import;
use serde_json::Value;

/// The totals of one run over the suite.
#[derive(Debug, Default)]
struct Totals {
    cases: usize,
    mermaid_accepts: usize,
    /// Accepted by Mermaid, imported with Mermaid's counts.
    same_counts: usize,
    /// Accepted by Mermaid, imported with other counts: `(text, why)`.
    other_counts: Vec<(String, String)>,
    /// Accepted by Mermaid, refused here.
    refused: Vec<(String, String)>,
    /// Refused by Mermaid, and here.
    both_refuse: usize,
    /// Refused by Mermaid, imported here (lenient, allowed).
    only_mermaid_refuses: usize,
}

fn run_suite() -> Totals {
    let suite: Value = serde_json::from_str(include_str!("fixtures/mermaid_suite.json"))
        .expect("the suite is JSON");
    let mut totals = Totals::default();
    for case in suite["cases"].as_array().expect("a list of cases") {
        let text = case["text"].as_str().expect("each case has a text");
        totals.cases += 1;
        let result = import(text);
        if case["refused"] == true {
            match result {
                Ok(_) => totals.only_mermaid_refuses += 1,
                Err(_) => totals.both_refuse += 1,
            }
            continue;
        }
        totals.mermaid_accepts += 1;
        let expected = (
            case["nodes"].as_u64().expect("nodes") as usize,
            case["edges"].as_u64().expect("edges") as usize,
        );
        match result {
            Err(e) => totals.refused.push((text.to_owned(), e.to_string())),
            Ok(imported) => {
                let doc = &imported.document;
                let read = imported.read;
                let dropped = imported.dropped;
                let why = if (read.nodes, read.edges) != expected {
                    Some(format!(
                        "read {} nodes and {} edges, Mermaid {expected:?}",
                        read.nodes, read.edges
                    ))
                } else if doc.plan.nodes.len() + dropped.nodes != read.nodes
                    || doc.plan.edges.len() + dropped.edges != read.edges
                {
                    Some(format!(
                        "document {} nodes and {} edges + dropped {dropped:?} != read {read:?}",
                        doc.plan.nodes.len(),
                        doc.plan.edges.len()
                    ))
                } else if imported.warnings.len() < dropped.nodes + dropped.edges {
                    Some(format!(
                        "dropped {dropped:?} with only these warnings: {:?}",
                        imported.warnings
                    ))
                } else {
                    None
                };
                match why {
                    Some(why) => totals.other_counts.push((text.to_owned(), why)),
                    None => totals.same_counts += 1,
                }
            }
        }
    }
    totals
}

#[test]
fn every_flowchart_mermaid_accepts_imports_with_its_counts() {
    let totals = run_suite();
    println!(
        "Mermaid's flowchart suite: {} cases, {} accepted by Mermaid: {} imported with Mermaid's counts, {} with other counts, {} refused; of the {} Mermaid refuses, {} refused here too",
        totals.cases,
        totals.mermaid_accepts,
        totals.same_counts,
        totals.other_counts.len(),
        totals.refused.len(),
        totals.cases - totals.mermaid_accepts,
        totals.both_refuse,
    );
    let shown = |list: &[(String, String)]| {
        list.iter()
            .take(30)
            .map(|(text, why)| format!("{text:?}\n    {why}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(
        totals.refused.is_empty() && totals.other_counts.is_empty(),
        "refused:\n{}\nother counts:\n{}",
        shown(&totals.refused),
        shown(&totals.other_counts)
    );
    // The suite is what it was when written, not an empty file.
    assert!(totals.mermaid_accepts > 1000, "{totals:?}");
}
