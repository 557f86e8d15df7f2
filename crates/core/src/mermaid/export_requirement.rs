//! The plan as a Mermaid `requirementDiagram`: go criteria traced (SPEC
//! §10).
//!
//! Mapping:
//! - each check of a verification node is a `requirement` `r7_1` (node
//!   7, check 1) with `id: "n7.1"`, `text: "<name>: <threshold>"` (either
//!   alone when the other is empty) and a `verifymethod` by the check's
//!   kind (row count and data parity: test; health probe: demonstration;
//!   replication lag and error rate: analysis; custom: inspection); a
//!   verification without checks is one requirement `r7_1` whose text is
//!   its title;
//! - the verification, the phases it guards, and the gates it leads to
//!   are `element`s `n7` with `type: "<kind>"` and `docref: "<title>"`:
//!   Mermaid shows an element's name, which is therefore the generated id;
//! - relations: the verification `verifies` each of its requirements;
//!   each phase it guards (the source of a validation edge into it, or of
//!   a forward edge into it) `satisfies` them; each gate it leads to (the
//!   target of a forward edge out of it) `traces` them.
//!
//! Every relation joins two things declared above it: a relation to an
//! undeclared element parses, then throws when drawn.
//!
//! Texts are quoted and escaped by [`escape`]:
//!
//! | written as a code | why (Mermaid 12.3) |
//! |---|---|
//! | `"` | ends the string |
//! | `#` `;` `%` `:` `<` `>` `&` | as in every view ([`super::view_escape::always`]); unquoted, `:` and `<` are parse errors |
//! | the whitespace after `direction` (any case) | `direction TB` anywhere on a line is read as a direction statement, quotes or not |
//! | newline and other invisible characters | a field is one line |

use super::steps::steps;
use super::view_escape::{always, encode, shown};
use crate::document::Document;
use crate::id::NodeId;
use crate::id_set::IdSet;
use crate::plan::{CheckKind, EdgeKind, Node, NodeKind};
use std::fmt::Write;

/// Text for a quoted field; see the module doc.
pub(super) fn escape(text: &str) -> String {
    encode(text.trim(), |text, at, c| {
        always(c) || (c.is_whitespace() && after_direction(text, at))
    })
}

/// Whether the word `direction` (any case) ends right before byte `at`.
fn after_direction(text: &str, at: usize) -> bool {
    at.checked_sub(9)
        .and_then(|start| text.get(start..at))
        .is_some_and(|word| word.eq_ignore_ascii_case("direction"))
}

fn method(kind: CheckKind) -> &'static str {
    match kind {
        CheckKind::RowCount | CheckKind::DataParity => "test",
        CheckKind::HealthProbe => "demonstration",
        CheckKind::ReplicationLag | CheckKind::ErrorRate => "analysis",
        CheckKind::Custom => "inspection",
    }
}

/// `doc` as a Mermaid `requirementDiagram` (see the module doc).
pub fn export_requirement(doc: &Document) -> String {
    let plan = &doc.plan;
    let mut out = String::from("requirementDiagram\n");
    let mut elements: IdSet<NodeId> = IdSet::new();
    let mut relations = Vec::new();
    for node in steps(plan)
        .into_iter()
        .filter(|n| n.kind == NodeKind::Verification)
    {
        let texts: Vec<(String, &str)> = if node.checks.is_empty() {
            vec![(shown(node).to_owned(), "inspection")]
        } else {
            node.checks
                .iter()
                .map(|c| {
                    let text = match (c.name.trim(), c.threshold.trim()) {
                        ("", "") => shown(node).to_owned(),
                        (name, "") => name.to_owned(),
                        ("", threshold) => threshold.to_owned(),
                        (name, threshold) => format!("{name}: {threshold}"),
                    };
                    (text, method(c.kind))
                })
                .collect()
        };
        let related = |kind: &[EdgeKind], into: bool, want: NodeKind| -> Vec<NodeId> {
            plan.edges
                .values()
                .filter(|e| kind.contains(&e.kind))
                .filter_map(|e| match into {
                    true if e.to == node.id => Some(e.from),
                    false if e.from == node.id => Some(e.to),
                    _ => None,
                })
                .filter(|&id| plan.node(id).is_some_and(|n| n.kind == want))
                .collect::<IdSet<_>>()
                .into_iter()
                .collect()
        };
        let guarded = related(
            &[EdgeKind::Validation, EdgeKind::Forward],
            true,
            NodeKind::Phase,
        );
        let gates = related(&[EdgeKind::Forward], false, NodeKind::Gate);
        elements.insert(node.id);
        elements.extend(&guarded);
        elements.extend(&gates);
        for (k, (text, verify)) in texts.iter().enumerate() {
            let name = format!("r{}_{}", node.id.0, k + 1);
            let _ = writeln!(
                out,
                "    requirement {name} {{\n        id: \"{}.{}\"\n        text: \"{}\"\n        verifymethod: {verify}\n    }}",
                node.id,
                k + 1,
                escape(text)
            );
            relations.push(format!("{} - verifies -> {name}", node.id));
            for phase in &guarded {
                relations.push(format!("{phase} - satisfies -> {name}"));
            }
            for gate in &gates {
                relations.push(format!("{gate} - traces -> {name}"));
            }
        }
    }
    for node in elements.iter().filter_map(|&id| plan.node(id)) {
        let _ = writeln!(
            out,
            "    element {} {{\n        type: \"{}\"\n        docref: \"{}\"\n    }}",
            node.id,
            kind_name(node),
            escape(shown(node))
        );
    }
    for relation in relations {
        let _ = writeln!(out, "    {relation}");
    }
    out
}

fn kind_name(node: &Node) -> &'static str {
    match node.kind {
        NodeKind::Phase => node.phase.label(),
        kind => kind.label(),
    }
}
