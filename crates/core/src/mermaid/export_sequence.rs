//! The plan as a Mermaid `sequenceDiagram`: which systems each step
//! touches, in order (SPEC §10).
//!
//! Mapping, steps in the order of [`super::steps`]:
//! - participants, with fixed ids and names: `operator` (always, first),
//!   then `app`, `primary`, `replica`, `router`, `worker` where a message
//!   reaches them ([`Touch`]);
//! - a phase: one message `operator->>x: <title>` per system it touches
//!   (its `touches` without the operator, or [`Touch::guessed`] from its
//!   tag when it names none), or `operator->>operator: <title>` when it
//!   touches nothing else; a backfill's messages inside `loop Until
//!   done`;
//! - a verification: one message per check, to the system the check's
//!   kind reads (replication lag → replica, row count and data parity →
//!   primary, health probe and error rate → app, custom → operator), text
//!   `<name>: <threshold>` (either alone when the other is empty; the
//!   node's title when both are); `operator->>operator: <title>` when it
//!   has no checks;
//! - a gate: `critical Go / no-go` with `operator->>operator` messages:
//!   its title, then one per go criterion (`Go` when none); then `option
//!   no-go` with one message per no-go branch or rollback edge leaving the
//!   gate (`Stop` when none), then `end`;
//! - every other node's rollback edges, after its messages: `break
//!   Rollback` with one message, then `end`;
//! - a way back's message: `Back to <target>`, and ` (<edge label>)` when
//!   the edge has one;
//! - start and end nodes send no message.
//!
//! User text is escaped by [`escape`]:
//!
//! | written as a code | why (Mermaid 12.3) |
//! |---|---|
//! | `;` | ends the statement: `a; b` as a message is a parse error |
//! | `#` | starts a comment: `a # b` silently shows `a` |
//! | `:` `%` `"` `<` `>` `&` | as in every view ([`super::view_escape::always`]) |
//! | `$` | `$$…$$` is rendered as KaTeX in sequence messages |
//! | newline and other invisible characters | a message is one line |
//!
//! Participant ids are fixed words, never user text: a participant named
//! `end` or `box` is a parse error. Block labels (`loop`, `critical`,
//! `break`) are fixed words too: Mermaid wraps a label wider than its block
//! character by character, which cuts the placeholder of a coded character
//! in two and shows it as garbage (`ﬂ-°°59;`).

use super::steps::steps;
use super::view_escape::{always, encode, shown};
use crate::document::Document;
use crate::plan::{CheckKind, EdgeKind, Node, NodeKind, PhaseTag, Plan};
use crate::run::moves::is_no_go_branch;
use crate::touch::Touch;
use std::fmt::Write;

/// Text for a message or a block's label; see the module doc.
pub(super) fn escape(text: &str) -> String {
    encode(text.trim(), |_, _, c| always(c) || c == '$')
}

/// The system a check of `kind` reads.
fn reads(kind: CheckKind) -> Touch {
    match kind {
        CheckKind::ReplicationLag => Touch::Replica,
        CheckKind::RowCount | CheckKind::DataParity => Touch::Primary,
        CheckKind::HealthProbe | CheckKind::ErrorRate => Touch::App,
        CheckKind::Custom => Touch::Operator,
    }
}

/// The systems a phase touches, the operator left out.
pub(super) fn touched(node: &Node) -> Vec<Touch> {
    let named: &[Touch] = if node.touches.is_empty() {
        Touch::guessed(node.phase)
    } else {
        &node.touches
    };
    // In `Touch::ALL` order, each once; a scan of six, not a set type of
    // its own in the wasm.
    Touch::ALL
        .into_iter()
        .filter(|t| *t != Touch::Operator && named.contains(t))
        .collect()
}

/// The text of a check's message.
pub(super) fn check_text(node: &Node, name: &str, threshold: &str) -> String {
    match (name.trim(), threshold.trim()) {
        ("", "") => shown(node).to_owned(),
        (name, "") => name.to_owned(),
        ("", threshold) => threshold.to_owned(),
        (name, threshold) => format!("{name}: {threshold}"),
    }
}

/// `doc` as a Mermaid `sequenceDiagram` (see the module doc).
pub fn export_sequence(doc: &Document) -> String {
    let plan = &doc.plan;
    let mut used = vec![Touch::Operator];
    let mut body = Vec::new();
    let mut message = |lines: &mut Vec<String>, to: Touch, text: &str| {
        if !used.contains(&to) {
            used.push(to);
        }
        lines.push(format!("operator->>{}: {}", to.as_str(), escape(text)));
    };
    for node in steps(plan) {
        let mut lines = Vec::new();
        match node.kind {
            NodeKind::Phase => {
                let to = touched(node);
                if to.is_empty() {
                    message(&mut lines, Touch::Operator, shown(node));
                }
                for t in to {
                    message(&mut lines, t, shown(node));
                }
                if node.phase == PhaseTag::Backfill {
                    lines.insert(0, "loop Until done".to_owned());
                    lines.push("end".to_owned());
                }
            }
            NodeKind::Verification => {
                if node.checks.is_empty() {
                    message(&mut lines, Touch::Operator, shown(node));
                }
                for check in &node.checks {
                    let text = check_text(node, &check.name, &check.threshold);
                    message(&mut lines, reads(check.kind), &text);
                }
            }
            NodeKind::Gate => {
                lines.push("critical Go / no-go".to_owned());
                message(&mut lines, Touch::Operator, shown(node));
                let criteria: Vec<&str> = node
                    .go_criteria
                    .iter()
                    .map(|c| c.trim())
                    .filter(|c| !c.is_empty())
                    .collect();
                if criteria.is_empty() {
                    message(&mut lines, Touch::Operator, "Go");
                }
                for criterion in criteria {
                    message(&mut lines, Touch::Operator, criterion);
                }
                lines.push("option no-go".to_owned());
                let backs = ways_back(plan, node, true);
                if backs.is_empty() {
                    message(&mut lines, Touch::Operator, "Stop");
                }
                for back in backs {
                    message(&mut lines, Touch::Operator, &back);
                }
                lines.push("end".to_owned());
            }
            NodeKind::Start | NodeKind::End => {}
        }
        if node.kind != NodeKind::Gate {
            for back in ways_back(plan, node, false) {
                lines.push("break Rollback".to_owned());
                message(&mut lines, Touch::Operator, &back);
                lines.push("end".to_owned());
            }
        }
        body.extend(lines);
    }
    let mut out = String::from("sequenceDiagram\n");
    for touch in Touch::ALL.into_iter().filter(|t| used.contains(t)) {
        let _ = writeln!(
            out,
            "    participant {} as {}",
            touch.as_str(),
            touch.label()
        );
    }
    for line in body {
        let _ = writeln!(out, "    {line}");
    }
    out
}

/// The messages of the rollback edges leaving `node` (and, for a gate,
/// of its no-go branches): `Back to <target>`, then ` (<label>)`.
fn ways_back(plan: &Plan, node: &Node, no_go: bool) -> Vec<String> {
    plan.edges
        .values()
        .filter(|e| e.from == node.id)
        .filter(|e| e.kind == EdgeKind::Rollback || (no_go && is_no_go_branch(plan, e)))
        .filter_map(|e| {
            let target = shown(plan.node(e.to)?);
            Some(match e.label.trim() {
                "" => format!("Back to {target}"),
                label => format!("Back to {target} ({label})"),
            })
        })
        .collect()
}
