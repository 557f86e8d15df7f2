//! Writes a document as a Mermaid flowchart in the convention of SPEC §8.
//!
//! Layout of the text, every line but the header indented by four spaces:
//! 1. `flowchart LR`, then the document's metadata line;
//! 2. per node in id order: `n3["Label"]` in the kind's shape, then the
//!    node's metadata line;
//! 3. per edge in id order: `n1 -->|"label"| n2` (`-.->` rollback, `==>`
//!    validation; no `|…|` for an empty label);
//! 4. per stage ([`crate::stages`]), in order of first use: `subgraph
//!    s1["Expand"]`, its nodes' ids one per line, `end`;
//! 5. `class` lines, then the fixed `classDef` lines ([`super::palette`]).
//!
//! Labels are always quoted and escaped ([`super::escape`]); ids are the
//! generated `n{id}`, so no user text can form an id, a keyword or a
//! statement.

use super::escape::encode_label;
use super::metadata::NodeMeta;
use super::metadata::{comment_line, DocumentMeta, FORMAT};
use super::{palette, shape, shown_title};
use crate::document::Document;
use crate::geometry::Geometry;
use crate::id::EdgeId;
use crate::plan::EdgeKind;
use std::fmt::Write;

const INDENT: &str = "    ";

/// The Mermaid arrow of an edge kind.
fn arrow(kind: EdgeKind) -> &'static str {
    match kind {
        EdgeKind::Forward => "-->",
        EdgeKind::Rollback => "-.->",
        EdgeKind::Validation => "==>",
    }
}

/// `doc` as a Mermaid `flowchart LR`: per node its shaped, quoted label
/// and a `%% migraflow:` line with the fields Mermaid cannot show, then the
/// edges in id order, `class` lines and the fixed `classDef` lines.
/// [`import`](super::import) reads it back to the same document.
pub fn export_flowchart(doc: &Document) -> String {
    let plan = &doc.plan;
    // The document's layout direction, which import reads back.
    let mut out = String::from(match doc.layout.direction {
        crate::geometry::Direction::TopDown => "flowchart TD\n",
        crate::geometry::Direction::LeftRight => "flowchart LR\n",
    });
    let mut line = |text: &str| {
        out.push_str(INDENT);
        out.push_str(text);
        out.push('\n');
    };
    line(&comment_line(&DocumentMeta {
        format: FORMAT,
        title: plan.title.clone(),
        edge_ids: renumbered_edge_ids(plan.edges.keys().copied()),
        pack: plan.pack,
    }));
    for node in plan.nodes.values() {
        let shape = shape::for_kind(node.kind);
        line(&format!(
            "{}{}\"{}\"{}",
            node.id,
            shape.open,
            encode_label(shown_title(node)),
            shape.closes[0]
        ));
        line(&comment_line(&NodeMeta::of(
            node,
            doc.layout.position(node.id),
        )));
    }
    for edge in plan.edges.values() {
        let mut text = format!("{} {}", edge.from, arrow(edge.kind));
        if !edge.label.is_empty() {
            let _ = write!(text, "|\"{}\"|", encode_label(&edge.label));
        }
        let _ = write!(text, " {}", edge.to);
        line(&text);
    }
    // Stages after the nodes and edges, so the subgraphs only name nodes
    // already drawn; `s1`, `s2`… cannot be a node's `n…` id.
    for (i, (stage, nodes)) in crate::stages::members(plan).into_iter().enumerate() {
        line(&format!("subgraph s{}[\"{}\"]", i + 1, encode_label(stage)));
        for id in nodes {
            line(&format!("{INDENT}{id}"));
        }
        line("end");
    }
    for text in palette::class_lines(plan.nodes.values()) {
        line(&text);
    }
    for text in palette::class_def_lines() {
        line(&text);
    }
    out
}

/// The edge ids to record, if they are not 1, 2, 3… in order — the ids the
/// importer hands out by itself.
pub(super) fn renumbered_edge_ids(
    ids: impl ExactSizeIterator<Item = EdgeId> + Clone,
) -> Option<Vec<EdgeId>> {
    let sequential = ids.clone().zip(1..).all(|(id, n)| id.0 == n);
    (!sequential).then(|| ids.collect())
}
