//! The plan as a Mermaid `timeline`: the runbook at a glance, stage by
//! stage (SPEC §10).
//!
//! Mapping, steps in the order of [`super::steps`]:
//! - `title`: the plan's title (left out when empty);
//! - one `section` per stage ([`super::steps::stages`]), named by the tag;
//! - one period per node, its title, with events: a phase's planned
//!   duration as written (`Planned 45m`) and `Point of no return` when it
//!   is not safe; a verification's checks (`<name>: <threshold>`, either
//!   alone when the other is empty); a gate's approver role (`Approved by
//!   <role>`) and go criteria. Start and end nodes have none.
//!
//! Texts are escaped by [`escape`]:
//!
//! | written as a code | why (Mermaid 12.3) |
//! |---|---|
//! | `:` | splits a period from its events, and one event from the next |
//! | `#` | starts a comment: `d # e : f` is a period `d` with no event |
//! | `;` `%` `"` `<` `>` `&` | as in every view ([`super::view_escape::always`]); `x%%y` drops the line |
//! | the first character, when a period starts with `title`, `section`, `accTitle`, `accDescr` or `timeline` (any case) | the line is read as that statement |
//! | newline and other invisible characters | a period is one line |

use super::export_sequence::check_text;
use super::steps::{is_no_return, stages, steps};
use super::view_escape::{always, encode, shown, starts_with_any};
use crate::document::Document;
use crate::plan::{Node, NodeKind};
use std::fmt::Write;

const KEYWORDS: [&str; 5] = ["title", "section", "acctitle", "accdescr", "timeline"];

/// Text for a period, an event or the title; see the module doc.
pub(super) fn escape(text: &str) -> String {
    let text = text.trim();
    let lead = starts_with_any(text, &KEYWORDS);
    encode(text, |_, at, c| always(c) || (lead && at == 0))
}

/// The events of a node's period, unescaped.
pub(super) fn events(node: &Node) -> Vec<String> {
    let mut out = Vec::new();
    match node.kind {
        NodeKind::Phase => {
            if !node.planned_duration.trim().is_empty() {
                out.push(format!("Planned {}", node.planned_duration.trim()));
            }
            if is_no_return(node) {
                out.push("Point of no return".to_owned());
            }
        }
        NodeKind::Verification => out.extend(
            node.checks
                .iter()
                .map(|c| check_text(node, &c.name, &c.threshold)),
        ),
        NodeKind::Gate => {
            if !node.approver.trim().is_empty() {
                out.push(format!("Approved by {}", node.approver.trim()));
            }
            out.extend(node.go_criteria.iter().map(|c| c.trim().to_owned()));
        }
        NodeKind::Start | NodeKind::End => {}
    }
    out.retain(|e| !e.is_empty());
    out
}

/// `doc` as a Mermaid `timeline` (see the module doc).
pub fn export_timeline(doc: &Document) -> String {
    let plan = &doc.plan;
    let mut out = String::from("timeline\n");
    if !plan.title.trim().is_empty() {
        let _ = writeln!(out, "    title {}", escape(&plan.title));
    }
    for (name, nodes) in stages(&steps(plan)) {
        let _ = writeln!(out, "    section {name}");
        for node in nodes {
            let _ = write!(out, "        {}", escape(shown(node)));
            for event in events(node) {
                let _ = write!(out, " : {}", escape(&event));
            }
            out.push('\n');
        }
    }
    out
}
