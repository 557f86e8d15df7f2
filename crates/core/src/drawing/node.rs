//! A node's markup: its outline by kind, its title in at most two lines,
//! a caption (phase, check count, approver, "aborted"), the port that
//! starts a connection, and its badge. Centred on the origin: the canvas
//! places the node with a `transform` of its own. Also the node's
//! accessible name, which contains what the markup shows.
//!
//! Every `<text>` ends with a space. The browser drops a space at the end
//! of a text element when it draws it, but the element's text keeps it,
//! so the drawing reads "in batches Backfill 2" and not "in
//! batchesBackfill2": accessibility checkers compare that text with the
//! accessible name word by word (WCAG 2.5.3, "label in name"). A space
//! between two `<tspan>`s would be drawn, and move the line.

use super::wrap::wrap;
use super::{badge, escape, Badge};
use crate::decimal::Num;
use crate::plan::{Node, NodeKind};
use crate::shape::size;
use std::fmt::Write;

/// The small second line under a node's title.
pub fn caption(node: &Node) -> String {
    match node.kind {
        // A phase without a tag (a delivery's stage, a flow's step, or a
        // migration phase left untagged) says who runs it, when known.
        NodeKind::Phase => {
            let owner = node.owner.trim();
            let what = if node.phase.is_custom() && !owner.is_empty() {
                owner
            } else {
                node.phase.label()
            };
            if node.safe {
                what.to_string()
            } else {
                format!("{what} · no return")
            }
        }
        // Only named checks count, as for MF012: a blank row is not a check.
        NodeKind::Verification => match node
            .checks
            .iter()
            .filter(|c| !c.name.trim().is_empty())
            .count()
        {
            0 => "no checks".to_string(),
            1 => "1 check".to_string(),
            n => format!("{n} checks"),
        },
        // No approver, no caption: a flow's decision has none, and a
        // migration's gate is then reported by MF011.
        NodeKind::Gate if node.approver.trim().is_empty() => String::new(),
        NodeKind::Gate => format!("go / no-go · {}", node.approver.trim()),
        NodeKind::End if node.aborted => "aborted".to_string(),
        NodeKind::Start | NodeKind::End => String::new(),
    }
}

/// Characters per title line for each kind's width at the canvas font size
/// (13 px bold, about 7.4 units a character), where the line runs: a
/// stadium's inner outline, a rhombus a little above its middle.
fn line_width(kind: NodeKind) -> usize {
    match kind {
        NodeKind::Gate => 13,
        NodeKind::Start | NodeKind::End => 15,
        NodeKind::Verification => 21,
        NodeKind::Phase => 23,
    }
}

/// How many lines of its title a node shows: an aborted end's caption
/// takes the room of a second line in its 44-unit-tall outline (two lines
/// and the caption overprinted each other).
fn title_lines(node: &Node) -> usize {
    if node.kind == NodeKind::End && node.aborted {
        1
    } else {
        2
    }
}

/// The outline of a node of `kind`, centred on the origin.
fn outline(out: &mut String, kind: NodeKind) {
    let (w, h) = size(kind);
    let (hw, hh) = (w / 2.0, h / 2.0);
    // Every float goes through `Num` (crate::decimal), for size.
    let n = Num;
    let _ = match kind {
        NodeKind::Start => write!(
            out,
            r#"<rect class="shape" x="{}" y="{}" width="{w}" height="{h}" rx="{hh}" ry="{hh}"></rect>"#,
            n(-hw),
            n(-hh),
            w = n(w),
            h = n(h),
            hh = n(hh)
        ),
        // An end has a double outline (a terminal in flowchart convention),
        // so it is never mistaken for the start.
        NodeKind::End => write!(
            out,
            r#"<rect class="shape" x="{}" y="{}" width="{w}" height="{h}" rx="{hh}" ry="{hh}"></rect><rect class="inner" x="{}" y="{}" width="{}" height="{}" rx="{}" ry="{}"></rect>"#,
            n(-hw),
            n(-hh),
            n(-hw + 4.0),
            n(-hh + 4.0),
            n(w - 8.0),
            n(h - 8.0),
            n(hh - 4.0),
            n(hh - 4.0),
            w = n(w),
            h = n(h),
            hh = n(hh)
        ),
        NodeKind::Phase => write!(
            out,
            r#"<rect class="shape" x="{}" y="{}" width="{w}" height="{h}" rx="6" ry="6"></rect><rect class="stripe" x="{}" y="{}" width="6" height="{h}" rx="3" ry="3"></rect>"#,
            n(-hw),
            n(-hh),
            n(-hw),
            n(-hh),
            w = n(w),
            h = n(h)
        ),
        NodeKind::Verification => {
            let inset = hh * 0.6;
            write!(
                out,
                r#"<polygon class="shape" points="{},0 {},{} {},{} {hw},0 {},{hh} {},{hh}"></polygon>"#,
                n(-hw),
                n(-hw + inset),
                n(-hh),
                n(hw - inset),
                n(-hh),
                n(hw - inset),
                n(-hw + inset),
                hw = n(hw),
                hh = n(hh),
            )
        }
        NodeKind::Gate => write!(
            out,
            r#"<polygon class="shape" points="0,{} {hw},0 0,{hh} {},0"></polygon>"#,
            n(-hh),
            n(-hw),
            hw = n(hw),
            hh = n(hh)
        ),
    };
}

/// The caption as drawn: cut with "…" to the room its shape has. A
/// gate's sits where the rhombus narrows, so it shows the approver alone
/// (the shape already says go/no-go; the accessible name adds the whole
/// caption).
fn caption_shown(node: &Node) -> String {
    let (text, room) = match node.kind {
        NodeKind::Gate if !node.approver.trim().is_empty() => (node.approver.trim().to_owned(), 10),
        NodeKind::Gate => (caption(node), 10),
        NodeKind::Phase => (caption(node), 28),
        _ => (caption(node), 24),
    };
    wrap(&text, room, 1).pop().unwrap_or_default()
}

/// The markup of `node`, with `badge` when it has findings.
pub fn markup(node: &Node, badge_of_node: Option<Badge>) -> String {
    let (w, h) = size(node.kind);
    let caption = caption_shown(node);
    let lines = wrap(&node.title, line_width(node.kind), title_lines(node));
    // Where the title's lines centre and where the caption sits: a gate's
    // caption higher up than elsewhere, where its rhombus is still wide
    // enough for it.
    let (title_at, caption_at) = match node.kind {
        NodeKind::Gate if !caption.is_empty() => (-4.0, h / 2.0 - 22.0),
        _ if caption.is_empty() => (0.0, h / 2.0 - 10.0),
        _ => (-7.0, h / 2.0 - 10.0),
    };
    let first_y = title_at - 8.0 * (lines.len() as f64 - 1.0);
    let mut out = String::with_capacity(512);
    outline(&mut out, node.kind);
    out.push_str(r#"<g class="title" text-anchor="middle" dominant-baseline="central">"#);
    for (i, line) in lines.iter().enumerate() {
        let _ = write!(
            out,
            r#"<text x="0" y="{}">{} </text>"#,
            Num(first_y + 16.0 * i as f64),
            escape(line)
        );
    }
    let _ = write!(
        out,
        r#"</g><text class="caption" text-anchor="middle" y="{}">{} </text><circle class="port" cx="{}" cy="0" r="6" aria-hidden="true"></circle>"#,
        Num(caption_at),
        escape(&caption),
        Num(w / 2.0)
    );
    if let Some(b) = badge_of_node {
        badge(
            &mut out,
            b,
            w / 2.0 - 8.0,
            -h / 2.0,
            9.0,
            &b.count.to_string(),
        );
    }
    out
}

/// The node's accessible name: its kind, then what the drawing shows in
/// the order it shows it (title lines, caption, badge count), so that a
/// voice-control user can say what they see; then the whole title where
/// the drawing cut it. Nothing the drawing shows stands in parentheses,
/// which name-matching ignores.
pub fn accessible_name(node: &Node, badge_of_node: Option<Badge>) -> String {
    let lines = wrap(&node.title, line_width(node.kind), title_lines(node));
    let shown = lines.join(" ");
    let mut name = format!("{}: ", node.kind.label());
    name.push_str(if shown.is_empty() { "untitled" } else { &shown });
    let shown_caption = caption_shown(node);
    if !shown_caption.is_empty() {
        name.push_str(", ");
        name.push_str(&shown_caption);
    }
    if let Some(b) = badge_of_node {
        let what = if b.count == 1 { "problem" } else { "problems" };
        let _ = write!(name, ", {} {what}", b.count);
    }
    let whole = node.title.split_whitespace().collect::<Vec<_>>().join(" ");
    if whole != shown {
        name.push_str("; title: ");
        name.push_str(&whole);
    }
    // A gate shows its approver alone, and a long one cut.
    let full_caption = caption(node);
    if full_caption != shown_caption {
        name.push_str("; ");
        name.push_str(&full_caption);
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Severity;
    use crate::id::NodeId;
    use expect_test::expect;

    #[test]
    fn a_phase_shows_outline_stripe_title_caption_and_port() {
        let mut node = Node::new(
            NodeId(1),
            NodeKind::Phase,
            "Backfill email_address in batches",
        );
        node.safe = false;
        expect![[r#"<rect class="shape" x="-94" y="-32" width="188" height="64" rx="6" ry="6"></rect><rect class="stripe" x="-94" y="-32" width="6" height="64" rx="3" ry="3"></rect><g class="title" text-anchor="middle" dominant-baseline="central"><text x="0" y="-15">Backfill email_address </text><text x="0" y="1">in batches </text></g><text class="caption" text-anchor="middle" y="22">Custom · no return </text><circle class="port" cx="94" cy="0" r="6" aria-hidden="true"></circle>"#]]
            .assert_eq(&markup(&node, None));
    }

    #[test]
    fn user_text_is_escaped_and_a_badge_shows_its_count() {
        let mut node = Node::new(NodeId(1), NodeKind::Gate, "<script>x</script>");
        node.approver = "R&D <lead>".to_owned();
        let badge = Badge {
            severity: Severity::Error,
            count: 2,
            rules: 1,
        };
        let out = markup(&node, Some(badge));
        assert!(!out.contains("<script") && !out.contains("<lead"), "{out}");
        expect![[r#"<polygon class="shape" points="0,-42 84,0 0,42 -84,0"></polygon><g class="title" text-anchor="middle" dominant-baseline="central"><text x="0" y="-12">&lt;script&gt;x&lt;/sc </text><text x="0" y="4">ript&gt; </text></g><text class="caption" text-anchor="middle" y="20">R&amp;D &lt;lead&gt; </text><circle class="port" cx="84" cy="0" r="6" aria-hidden="true"></circle><g class="badge error" data-badge="error" transform="translate(76 -42)"><title>2 problems: MF001 (see Problems)</title><circle r="9"></circle><text text-anchor="middle" dominant-baseline="central">2</text></g>"#]]
            .assert_eq(&out);
        // The name holds what is drawn, then the whole caption: a long
        // approver is cut on the rhombus.
        node.approver = "Engineering manager".to_owned();
        expect!["Go/no-go gate: <script>x</sc ript>, Engineeri…; title: <script>x</script>; go / no-go · Engineering manager"].assert_eq(&accessible_name(&node, None));
    }

    #[test]
    fn an_aborted_end_shows_one_title_line_above_its_caption() {
        let mut end = Node::new(
            NodeId(4),
            NodeKind::End,
            "Swap postponed, id_bigint kept in place",
        );
        end.aborted = true;
        let out = markup(&end, None);
        assert_eq!(out.matches("<text x=\"0\"").count(), 1, "{out}");
        expect!["End: Swap postponed…, aborted; title: Swap postponed, id_bigint kept in place"]
            .assert_eq(&accessible_name(&end, None));
        end.aborted = false;
        assert_eq!(markup(&end, None).matches("<text x=\"0\"").count(), 2);
    }

    #[test]
    fn the_accessible_name_holds_what_is_shown_in_order() {
        let mut node = Node::new(
            NodeId(1),
            NodeKind::Verification,
            "Row counts match   between old and new columns",
        );
        node.checks = vec![Default::default(); 3];
        // A blank check is not counted, as MF012 does not count it.
        node.checks[0].name = "row counts".to_owned();
        node.checks[2].name = "lag".to_owned();
        let badge = Badge {
            severity: Severity::Warning,
            count: 1,
            rules: 1,
        };
        expect!["Verification: Row counts match between old and new…, 2 checks, 1 problem; title: Row counts match between old and new columns"]
            .assert_eq(&accessible_name(&node, Some(badge)));
        let start = Node::new(NodeId(2), NodeKind::Start, "users.email in production");
        expect!["Start: users.email in production"].assert_eq(&accessible_name(&start, None));
        let blank = Node::new(NodeId(3), NodeKind::Phase, "");
        expect!["Phase: untitled, Custom"].assert_eq(&accessible_name(&blank, None));
    }

    #[test]
    fn every_kind_has_one_outline() {
        for kind in NodeKind::ALL {
            let out = markup(&Node::new(NodeId(1), kind, ""), None);
            assert_eq!(out.matches(r#"class="shape""#).count(), 1, "{kind:?}");
        }
    }
}
