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
//! - [`inspector`]: the inspector's fields (HTML).
//! - [`options`]: the inspector's long `<select>` lists.
//! - [`run_panel`]: the run panel (HTML), rebuilt after every command.
//! - [`stage`]: the stage bands behind the plan.
//! - [`legend`]: the legend rows of an exported picture.

pub mod edge;
pub mod inspector;
pub mod legend;
pub mod node;
pub mod options;
pub mod run_panel;
pub mod stage;
pub mod wrap;

use crate::decimal::Num;
use crate::finding::{Finding, RuleId, Severity};
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

/// `text` made safe inside a double-quoted attribute value.
pub fn escape_attr(text: &str) -> String {
    escape(text).replace('"', "&quot;")
}

/// A finding marker on a node or an edge: how bad, how many, and which
/// rules (one bit per [`RuleId`], for its tooltip).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Badge {
    pub severity: Severity,
    pub count: usize,
    pub rules: u32,
}

impl Badge {
    /// The badge of an item with just this finding more.
    pub fn add(badge: Option<Badge>, finding: &Finding) -> Badge {
        let mut b = badge.unwrap_or(Badge {
            severity: finding.severity,
            count: 0,
            rules: 0,
        });
        b.count += 1;
        b.severity = b.severity.min(finding.severity);
        b.rules |= 1 << finding.rule as u32;
        b
    }

    /// What hovering the badge says: `2 problems: MF001, MF005`.
    pub fn tooltip(&self) -> String {
        let what = if self.count == 1 {
            "problem"
        } else {
            "problems"
        };
        let codes: Vec<&str> = RuleId::ALL
            .iter()
            .filter(|&&r| self.rules & (1 << r as u32) != 0)
            .map(|r| r.code())
            .collect();
        format!("{} {what}: {} (see Problems)", self.count, codes.join(", "))
    }
}

/// A badge's markup at (`x`, `y`): a circle of radius `r` around `text`.
fn badge(out: &mut String, badge: Badge, x: f64, y: f64, r: f64, text: &str) {
    let tone = badge.severity.as_str();
    let _ = write!(
        out,
        r#"<g class="badge {tone}" data-badge="{tone}" transform="translate({x} {y})"><title>{}</title><circle r="{r}"></circle><text text-anchor="middle" dominant-baseline="central">{text}</text></g>"#,
        badge.tooltip(),
        // Floats through `Num` (crate::decimal), for size.
        x = Num(x),
        y = Num(y),
        r = Num(r)
    );
}
