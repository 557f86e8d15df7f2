//! An edge's markup: a wide invisible path that takes the pointer, the
//! visible line with its arrowhead, the label on a plate at the route's
//! label point (cut to 40 characters), its badge just above the label, and
//! a handle on each end (shown while the edge is selected) that is dragged
//! to another node to reconnect that end.

use super::{badge, escape, Badge};
use crate::decimal::{Fixed, Num};
use crate::plan::EdgeKind;
use crate::route::Route;
use std::fmt::Write;

/// Labels longer than this many characters are cut, with "…".
const LABEL_CHARS: usize = 40;

/// The size of the plate a label is drawn on (the routing keeps these
/// plates off nodes and off each other), or `None` for no label.
pub fn label_size(label: &str) -> Option<(f64, f64)> {
    if label.trim().is_empty() {
        return None;
    }
    let chars = label.chars().count().min(LABEL_CHARS);
    Some((8.0 + 6.6 * chars as f64, 18.0))
}

/// The markup of an edge of `kind` along `route`, labelled `label`, with
/// `badge` when it has findings.
pub fn markup(kind: EdgeKind, route: &Route, label: &str, badge_of_edge: Option<Badge>) -> String {
    let d = &route.d;
    let (x, y) = (route.label_at.x, route.label_at.y);
    let mut out = String::with_capacity(256);
    let _ = write!(
        out,
        r#"<path class="hit" d="{d}"></path><path class="line" d="{d}" marker-end="url(#arrow-{})"></path>"#,
        kind.as_str()
    );
    let has_label = !label.trim().is_empty();
    if let Some((width, _)) = label_size(label) {
        let chars = label.chars().count();
        let shown: String = if chars > LABEL_CHARS {
            format!(
                "{}…",
                label.chars().take(LABEL_CHARS - 1).collect::<String>()
            )
        } else {
            label.to_owned()
        };
        let _ = write!(
            out,
            r#"<g class="edge-label" transform="translate({x} {y})"><rect x="{}" y="-9" width="{width}" height="18" rx="4"></rect><text text-anchor="middle" dominant-baseline="central">{}</text></g>"#,
            Num(-width / 2.0),
            escape(&shown),
            // Floats through `Num` (crate::decimal), for size.
            x = Num(x),
            y = Num(y),
            width = Num(width)
        );
    }
    if let Some(b) = badge_of_edge {
        let above = if has_label { 18.0 } else { 0.0 };
        badge(&mut out, b, x, y - above, 8.0, "!");
    }
    for (end, at) in ["from", "to"].into_iter().zip(route.handles) {
        let _ = write!(
            out,
            r#"<circle class="edge-end" data-end="{end}" cx="{}" cy="{}" r="6"></circle>"#,
            Fixed(at.x, 1),
            Fixed(at.y, 1)
        );
    }
    out
}

/// What a screen reader says for an edge: its kind, both ends and its
/// label ("Rollback edge from Verify backfill to Backfill: rows differ").
pub fn accessible_name(kind: EdgeKind, from: &str, to: &str, label: &str) -> String {
    let end = |title: &str| match title.split_whitespace().collect::<Vec<_>>().join(" ") {
        t if t.is_empty() => "untitled".to_owned(),
        t => t,
    };
    let mut name = format!("{} edge from {} to {}", kind.label(), end(from), end(to));
    let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
    if !label.is_empty() {
        name.push_str(": ");
        name.push_str(&label);
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Severity;
    use crate::geometry::Point;
    use expect_test::expect;

    fn route() -> Route {
        crate::route::polyline_route(
            &[Point::new(0.0, 0.0), Point::new(100.0, 0.0)],
            Point::new(50.0, 0.0),
        )
    }

    #[test]
    fn a_bare_edge_is_its_two_paths() {
        expect![[r#"<path class="hit" d="M0 0 L100 0"></path><path class="line" d="M0 0 L100 0" marker-end="url(#arrow-forward)"></path><circle class="edge-end" data-end="from" cx="12.0" cy="0.0" r="6"></circle><circle class="edge-end" data-end="to" cx="88.0" cy="0.0" r="6"></circle>"#]]
            .assert_eq(&markup(EdgeKind::Forward, &route(), " ", None));
    }

    #[test]
    fn a_label_is_escaped_and_cut_and_the_badge_sits_above_it() {
        let label = "<b>lag</b> & more, and more, and more, and more";
        let badge = Badge {
            severity: Severity::Warning,
            count: 1,
            rules: 1,
        };
        let out = markup(EdgeKind::Rollback, &route(), label, Some(badge));
        assert!(!out.contains("<b>"), "{out}");
        expect![[r#"<path class="hit" d="M0 0 L100 0"></path><path class="line" d="M0 0 L100 0" marker-end="url(#arrow-rollback)"></path><g class="edge-label" transform="translate(50 0)"><rect x="-136" y="-9" width="272" height="18" rx="4"></rect><text text-anchor="middle" dominant-baseline="central">&lt;b&gt;lag&lt;/b&gt; &amp; more, and more, and more, …</text></g><g class="badge warning" data-badge="warning" transform="translate(50 -18)"><title>1 problem: MF001 (see Problems)</title><circle r="8"></circle><text text-anchor="middle" dominant-baseline="central">!</text></g><circle class="edge-end" data-end="from" cx="12.0" cy="0.0" r="6"></circle><circle class="edge-end" data-end="to" cx="88.0" cy="0.0" r="6"></circle>"#]].assert_eq(&out);
    }

    #[test]
    fn an_edge_is_named_by_its_kind_its_ends_and_its_label() {
        expect_test::expect!["Rollback edge from Verify backfill to untitled: rows differ"]
            .assert_eq(&accessible_name(
                EdgeKind::Rollback,
                "Verify\nbackfill",
                " ",
                "  rows\tdiffer ",
            ));
        expect_test::expect!["Forward edge from Start to Expand"].assert_eq(&accessible_name(
            EdgeKind::Forward,
            "Start",
            "Expand",
            "",
        ));
    }
}
