//! The plan as a Mermaid `gitGraph`: schema and application as two lanes,
//! merges as deploy points, checks as tags — the expand/contract
//! discipline made visible (SPEC §10).
//!
//! Mapping, steps in the order of [`super::steps`], on branch `main` (what
//! runs in production) unless said otherwise:
//! - a phase is a commit on its lane, then a merge of the lane into
//!   `main` with id `deploy n7` (the deploy point). The lane is `app` for
//!   dual-write and cutover phases, and for a custom phase that touches
//!   the app, router or workers but not the primary; `schema` otherwise.
//!   A lane is created (`branch`) the first time it is used, from `main`;
//!   a point of no return is a `HIGHLIGHT` commit;
//! - a verification is a commit with one `tag` per check (its name, or its
//!   threshold when it has none);
//! - a gate is a `HIGHLIGHT` commit; start and end nodes are commits;
//! - when the first step is a phase (a plan without a start node), a
//!   commit `start` on `main` comes first: a merge into a `main` without
//!   commits throws.
//!
//! Commit ids are what Mermaid shows, so they carry the title, made unique
//! by the node's id: `n7 <title>` (the id ends at the first space, and a
//! merge's `deploy n7` starts with a letter no node id starts with).
//! Duplicate ids are not refused: Mermaid silently draws one commit as its
//! own parent. Branch names are fixed words, and every `checkout` names a
//! branch created before it: checking out an unknown branch throws.
//!
//! Ids and tags are quoted and escaped by [`escape`]:
//!
//! | written as a code | why (Mermaid 12.3) |
//! |---|---|
//! | `"` | ends the string (there is no escape inside it) |
//! | `<` `>` `&` | a raw `<b>` shows as the text `&lt;b&gt;` |
//! | `=` | read as `&equals;`, and shown so |
//! | `\` | starts an escape inside the string: `\d` reads `d` |
//! | `#` `;` `%` `:` | as in every view ([`super::view_escape::always`]) |
//! | newline and other invisible characters | a string is one line |

use super::steps::{is_no_return, steps};
use super::view_escape::{always, encode, shown};
use crate::document::Document;
use crate::plan::{Node, NodeKind, PhaseTag};
use crate::touch::Touch;
use std::fmt::Write;

/// Text for a quoted id or tag; see the module doc.
pub(super) fn escape(text: &str) -> String {
    encode(text.trim(), |_, _, c| always(c) || c == '=' || c == '\\')
}

/// The lane of a phase (see the module doc).
pub(super) fn lane(node: &Node) -> &'static str {
    let touches = |t: &[Touch]| node.touches.iter().any(|n| t.contains(n));
    let app = match node.phase {
        PhaseTag::DualWrite | PhaseTag::Cutover => true,
        PhaseTag::Custom => {
            touches(&[Touch::App, Touch::Router, Touch::Worker]) && !touches(&[Touch::Primary])
        }
        _ => false,
    };
    if app {
        "app"
    } else {
        "schema"
    }
}

/// `doc` as a Mermaid `gitGraph` (see the module doc).
pub fn export_gitgraph(doc: &Document) -> String {
    let mut out = String::from("gitGraph\n");
    let mut created: Vec<&str> = Vec::new();
    let steps = steps(&doc.plan);
    if steps.first().is_some_and(|n| n.kind == NodeKind::Phase) {
        out.push_str("    commit id: \"start\"\n");
    }
    for node in steps {
        let id = format!("{} {}", node.id, escape(shown(node)));
        let highlight = if node.kind == NodeKind::Gate || is_no_return(node) {
            " type: HIGHLIGHT"
        } else {
            ""
        };
        if node.kind == NodeKind::Phase {
            let lane = lane(node);
            let go = if created.contains(&lane) {
                "checkout"
            } else {
                created.push(lane);
                "branch"
            };
            let _ = writeln!(
                out,
                "    {go} {lane}\n    commit id: \"{id}\"{highlight}\n    checkout main\n    merge {lane} id: \"deploy {}\"",
                node.id
            );
            continue;
        }
        let _ = write!(out, "    commit id: \"{id}\"{highlight}");
        if node.kind == NodeKind::Verification {
            for check in &node.checks {
                let tag = match check.name.trim() {
                    "" => check.threshold.trim(),
                    name => name,
                };
                if !tag.is_empty() {
                    let _ = write!(out, " tag: \"{}\"", escape(tag));
                }
            }
        }
        out.push('\n');
    }
    out
}
