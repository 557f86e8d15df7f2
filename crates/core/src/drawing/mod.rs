//! The SVG markup of what a node or an edge shows on the canvas.
//!
//! The canvas hands each drawn item its markup in one piece (`innerHTML`)
//! instead of building its half-dozen elements and thirty-odd attributes one
//! DOM call at a time: a plan of 5,000 nodes opens with one call per item.
//! The markup is text made from user text, so everything here that comes
//! from the plan goes through [`escape`]; nothing else does, and nothing
//! from the plan is ever put inside a tag, only between tags.
//!
//! - [`node`]: a node's outline, title, caption, port and badge.
//! - [`edge`]: an edge's path, label and badge.
//! - [`wrap`]: titles fitted into the fixed node footprints.
//! - [`options`]: the inspector's long `<select>` lists.
//! - [`run_panel`]: the run panel (HTML), rebuilt after every command.

pub mod edge;
pub mod node;
pub mod options;
pub mod run_panel;
pub mod wrap;

use crate::finding::Severity;
use std::fmt::Write;

/// `text` made safe to place between tags: `&`, `<` and `>` as entities.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// A finding marker on a node or an edge: how bad, and how many.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Badge {
    pub severity: Severity,
    pub count: usize,
}

/// A badge's markup at (`x`, `y`): a circle of radius `r` around `text`.
fn badge(out: &mut String, badge: Badge, x: f64, y: f64, r: f64, text: &str) {
    let tone = badge.severity.as_str();
    let _ = write!(
        out,
        r#"<g class="badge {tone}" data-badge="{tone}" transform="translate({x} {y})"><circle r="{r}"></circle><text text-anchor="middle" dominant-baseline="central">{text}</text></g>"#
    );
}
