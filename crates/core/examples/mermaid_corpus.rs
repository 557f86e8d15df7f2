//! Writes the corpus that `tests/e2e/mermaid-render.spec.mjs` renders with
//! the real Mermaid.js: for every adversarial label, a realistic plan and
//! every gallery template, a flowchart and a stateDiagram-v2 `.mmd` file,
//! and one file per view of SPEC §10 (`.gantt.mmd`, `.sequence.mmd`,
//! `.requirement.mmd`, `.timeline.mmd`, `.gitgraph.mmd`), and
//! `manifest.json` mapping each file to what the rendered SVG must
//! contain and, for the views, what Mermaid's parser must read (see
//! `views.rs`), and the view pitfalls of issue 18 each as a small plan.
//!
//! Usage: `cargo run -p migraflow-core --example mermaid_corpus -- DIR`
//!
//! The manifest is an oracle written independently of the exporter: node
//! and edge counts as Mermaid draws them (a state diagram adds one `[*]`
//! start and one `[*]` end state, and one transition per start and end
//! node), and the visible texts (an empty title shows its kind's name).

#[path = "../tests/mermaid_common/mod.rs"]
mod mermaid_common;
#[path = "mermaid_corpus/views.rs"]
mod views;

use migraflow_core::{mermaid, templates, Document, EdgeKind, NodeKind};
use serde_json::{json, Map, Value};
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: mermaid_corpus DIR");
        return ExitCode::FAILURE;
    };
    match write_corpus(Path::new(&dir)) {
        Ok(count) => {
            println!("wrote {count} diagrams and manifest.json to {dir}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("mermaid_corpus: {e}");
            ExitCode::FAILURE
        }
    }
}

fn write_corpus(dir: &Path) -> std::io::Result<usize> {
    std::fs::create_dir_all(dir)?;
    let mut documents: Vec<(String, Document)> = mermaid_common::ADVERSARIAL_LABELS
        .iter()
        .enumerate()
        .map(|(index, label)| {
            (
                format!("label-{index:02}"),
                mermaid_common::label_document(label),
            )
        })
        .collect();
    documents.push(("rename-column".to_owned(), mermaid_common::rename_column()));
    documents.extend(views::pitfall_documents());
    documents.extend(
        templates::all()
            .iter()
            .map(|template| (format!("template-{}", template.id), template.build())),
    );

    let mut manifest = Map::new();
    for (stem, doc) in &documents {
        let flowchart = format!("{stem}.flowchart.mmd");
        std::fs::write(dir.join(&flowchart), mermaid::export_flowchart(doc))?;
        manifest.insert(flowchart, flowchart_expectation(doc));
        let state = format!("{stem}.state.mmd");
        std::fs::write(dir.join(&state), mermaid::export_state_diagram(doc))?;
        manifest.insert(state, state_expectation(doc));
        for (view, expected) in views::expectations(doc) {
            let file = format!("{stem}.{}.mmd", view.as_str());
            std::fs::write(dir.join(&file), view.export(doc))?;
            manifest.insert(file, expected);
        }
    }
    let count = manifest.len();
    let manifest =
        serde_json::to_string_pretty(&Value::Object(manifest)).map_err(std::io::Error::other)?;
    std::fs::write(dir.join("manifest.json"), manifest)?;
    Ok(count)
}

/// What a node shows: its title, or its kind's name when that is empty.
fn visible_title(doc: &Document) -> impl Iterator<Item = String> + '_ {
    doc.plan.nodes.values().map(|node| {
        if node.title.is_empty() {
            node.kind.label().to_owned()
        } else {
            node.title.clone()
        }
    })
}

fn flowchart_expectation(doc: &Document) -> Value {
    let edge_labels = doc.plan.edges.values().map(|e| e.label.clone());
    let labels: Vec<String> = visible_title(doc)
        .chain(edge_labels)
        .filter(|l| !l.is_empty())
        .collect();
    json!({ "nodes": doc.plan.nodes.len(), "edges": doc.plan.edges.len(), "labels": labels })
}

fn state_expectation(doc: &Document) -> Value {
    let count = |kind| doc.plan.nodes.values().filter(|n| n.kind == kind).count();
    let (starts, ends) = (count(NodeKind::Start), count(NodeKind::End));
    let edge_labels = doc
        .plan
        .edges
        .values()
        .map(|e| match (e.kind, e.label.is_empty()) {
            (EdgeKind::Forward, _) => e.label.clone(),
            (kind, true) => kind.as_str().to_owned(),
            (kind, false) => format!("{}: {}", kind.as_str(), e.label),
        });
    let labels: Vec<String> = visible_title(doc)
        .chain(edge_labels)
        .filter(|l| !l.is_empty())
        .collect();
    json!({
        "nodes": doc.plan.nodes.len() + usize::from(starts > 0) + usize::from(ends > 0),
        "edges": doc.plan.edges.len() + starts + ends,
        "labels": labels,
    })
}
