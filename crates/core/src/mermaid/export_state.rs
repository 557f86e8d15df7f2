//! Writes a document as a Mermaid `stateDiagram-v2`, for readers who think
//! of a migration as states and transitions. Export only: the flowchart is
//! the lossless form.
//!
//! Layout, every line but the header indented by four spaces:
//! 1. `stateDiagram-v2`, `direction LR`;
//! 2. per node in id order: `n3 : Title` (the kind's name when the title
//!    is empty);
//! 3. `[*] --> n1` per start node;
//! 4. per edge in id order: `n1 --> n2 : label`; a rollback reads
//!    `rollback: label`, a validation edge `validation: label` (just the
//!    word when the label is empty);
//! 5. `n9 --> [*]` per end node;
//! 6. `class` and `classDef` lines as in the flowchart.
//!
//! Text is escaped as in flowchart labels ([`super::escape`]), which also
//! covers what stateDiagram descriptions refuse (`;`, `::`, a trailing `:`).

use super::escape::encode_label;
use super::{palette, shown_title};
use crate::document::Document;
use crate::plan::{EdgeKind, NodeKind};

const INDENT: &str = "    ";

/// `doc` as a Mermaid `stateDiagram-v2`: one state per node with its title
/// as description, `[*]` into each start and out of each end, one
/// transition per edge (rollbacks and validation edges say so in their
/// label), and the flowchart's colours. For reading, not for import.
pub fn export_state_diagram(doc: &Document) -> String {
    let plan = &doc.plan;
    let mut lines = vec!["direction LR".to_owned()];
    for node in plan.nodes.values() {
        lines.push(format!("{} : {}", node.id, encode_label(shown_title(node))));
    }
    for node in plan.nodes.values().filter(|n| n.kind == NodeKind::Start) {
        lines.push(format!("[*] --> {}", node.id));
    }
    for edge in plan.edges.values() {
        let prefix = match edge.kind {
            EdgeKind::Forward => None,
            EdgeKind::Rollback => Some("rollback"),
            EdgeKind::Validation => Some("validation"),
        };
        let label = encode_label(&edge.label);
        let text = match (prefix, label.is_empty()) {
            (None, true) => String::new(),
            (None, false) => format!(" : {label}"),
            (Some(prefix), true) => format!(" : {prefix}"),
            (Some(prefix), false) => format!(" : {prefix}: {label}"),
        };
        lines.push(format!("{} --> {}{text}", edge.from, edge.to));
    }
    for node in plan.nodes.values().filter(|n| n.kind == NodeKind::End) {
        lines.push(format!("{} --> [*]", node.id));
    }
    lines.extend(palette::class_lines(plan.nodes.values()));
    lines.extend(palette::class_def_lines());

    let mut out = String::from("stateDiagram-v2\n");
    for line in lines {
        out.push_str(INDENT);
        out.push_str(&line);
        out.push('\n');
    }
    out
}
