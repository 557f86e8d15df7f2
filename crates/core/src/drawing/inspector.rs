//! The inspector's markup: every field of the selected node or edge, or
//! the plan's own fields when nothing is selected, as one HTML string.
//!
//! Why markup: built as Leptos views, with a reactive binding per field
//! and per option, the inspector was the largest module of the wasm (about
//! 40 KB); as text it is a few. The app sets it in one DOM call when it
//! differs from what is shown, and listens once: each field carries a
//! `data-f` key (and a check's fields its `data-i` index) that
//! [`crate::inspect::edit`] turns into the edit. The keys the app handles
//! itself: `whole-stage` (a switch of the form, not of the plan), and the
//! keyboard connect form (`connect-target`, whose options are listed only
//! when it is focused, `connect-kind`, `connect`).
//!
//! User text goes through [`escape`] between tags and [`escape_attr`] in
//! `value` attributes. A textarea's text starts after a line break of its
//! own, because HTML drops the first one after `<textarea>`: SQL that
//! begins with an empty line keeps it.

use super::options::suggestions;
use super::{escape, escape_attr};
use crate::inspect::Subject;
use crate::plan::{CheckKind, EdgeKind, Node, NodeKind, PhaseTag, Plan};
use crate::stages::{self, SUGGESTED};
use crate::touch::Touch;
use std::fmt::Write;

/// A field's opening: `<label class="field"><span>label<small>hint</small></span>`.
fn open(out: &mut String, label: &str, hint: &str) {
    let _ = write!(out, r#"<label class="field"><span>{label}"#);
    if !hint.is_empty() {
        let _ = write!(out, "<small>{hint}</small>");
    }
    out.push_str("</span>");
}

/// A single-line text field; `extra` goes into the tag as it is.
fn line(out: &mut String, label: &str, hint: &str, key: &str, value: &str, extra: &str) {
    open(out, label, hint);
    let _ = write!(
        out,
        r#"<input type="text" data-f="{key}"{extra} value="{}"></label>"#,
        escape_attr(value)
    );
}

/// A multi-line text field; the SQL field is monospace and marked
/// `data-sql` (where a finding about a SQL line points).
fn area(out: &mut String, label: &str, hint: &str, key: &str, value: &str) {
    open(out, label, hint);
    let sql = if key == "sql" {
        r#" class="mono" data-sql="""#
    } else {
        ""
    };
    let _ = write!(
        out,
        "<textarea data-f=\"{key}\"{sql} rows=\"3\">\n{}</textarea></label>",
        escape(value)
    );
}

/// A checkbox; `index` is its `data-i` when it is one of a list.
fn flag(out: &mut String, label: &str, hint: &str, key: &str, index: Option<usize>, on: bool) {
    let _ = write!(
        out,
        r#"<label class="field check"><input type="checkbox" data-f="{key}""#
    );
    if let Some(i) = index {
        let _ = write!(out, r#" data-i="{i}""#);
    }
    let checked = if on { " checked" } else { "" };
    let _ = write!(
        out,
        "{checked}><span>{label}<small>{hint}</small></span></label>"
    );
}

/// `<option>`s with values `as_str` and texts `label`, `chosen` selected.
fn choices<T: Copy + PartialEq>(
    out: &mut String,
    all: &[T],
    chosen: T,
    as_str: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> &'static str,
) {
    for &item in all {
        let selected = if item == chosen { " selected" } else { "" };
        let _ = write!(
            out,
            r#"<option value="{}"{selected}>{}</option>"#,
            as_str(item),
            label(item)
        );
    }
}

/// The inspector's heading and body for `subject`; `whole_stage` is the
/// state of the "Rename the whole stage" switch.
pub fn markup(plan: &Plan, subject: Subject, whole_stage: bool) -> String {
    let mut out = String::from("<h2>Inspector</h2>");
    match subject {
        Subject::Node(id) => match plan.node(id) {
            Some(node) => node_body(&mut out, plan, node, whole_stage),
            None => plan_body(&mut out, plan),
        },
        Subject::Edge(id) => {
            let Some(edge) = plan.edge(id) else {
                plan_body(&mut out, plan);
                return out;
            };
            let title = |n| plan.node(n).map_or("", |n: &Node| n.title.as_str());
            let _ = write!(
                out,
                r#"<div class="inspector-body" data-inspecting-edge="{}"><p class="ends">{} → {}</p>"#,
                id.0,
                escape(title(edge.from)),
                escape(title(edge.to))
            );
            open(&mut out, "Kind", "");
            out.push_str(r#"<select data-first-field="" data-f="edge-kind">"#);
            choices(
                &mut out,
                &EdgeKind::ALL,
                edge.kind,
                EdgeKind::as_str,
                EdgeKind::label,
            );
            out.push_str("</select></label>");
            line(
                &mut out,
                "Label / condition",
                "",
                "edge-label",
                &edge.label,
                "",
            );
            out.push_str(
                r#"<button class="swap" data-f="reverse">Reverse direction</button></div>"#,
            );
        }
        Subject::Several(n) => {
            let _ = write!(
                out,
                r#"<p class="empty">{n} items selected. Delete removes them all.</p>"#
            );
        }
        Subject::Plan => plan_body(&mut out, plan),
    }
    out
}

/// Nothing selected: the plan's title and rule pack.
fn plan_body(out: &mut String, plan: &Plan) {
    out.push_str(r#"<div class="inspector-body">"#);
    line(
        out,
        "Plan title",
        "",
        "plan-title",
        &plan.title,
        r#" data-first-field="""#,
    );
    open(
        out,
        "Checked as",
        "The rule pack: which checks run, and the words used",
    );
    out.push_str(r#"<select aria-label="Rule pack" data-f="pack">"#);
    choices(
        out,
        &crate::pack::Pack::ALL,
        plan.pack,
        |p| p.as_str(),
        |p| p.label(),
    );
    out.push_str(r#"</select></label><p class="empty">Select a node or edge to edit it. Shift-click or shift-drag selects several.</p></div>"#);
}

fn node_body(out: &mut String, plan: &Plan, node: &Node, whole_stage: bool) {
    let _ = write!(
        out,
        r#"<div class="inspector-body" data-inspecting="{}">"#,
        node.id.0
    );
    line(
        out,
        "Title",
        "",
        "title",
        &node.title,
        r#" data-first-field="""#,
    );
    open(out, "Kind", "");
    out.push_str(r#"<select data-f="kind">"#);
    choices(out, &NodeKind::ALL, node.kind, NodeKind::as_str, |k| {
        plan.pack.kind_label(k)
    });
    out.push_str("</select></label>");

    // The stage, with the usual stages and the plan's own as suggestions.
    line(
        out,
        "Stage",
        "Nodes of one stage share a band",
        "stage",
        &node.stage,
        r#" list="stage-names""#,
    );
    let own = stages::names(plan)
        .into_iter()
        .filter(|n| !SUGGESTED.contains(n));
    let _ = write!(
        out,
        r#"<datalist id="stage-names">{}</datalist>"#,
        suggestions(SUGGESTED.into_iter().chain(own))
    );
    flag(
        out,
        "Rename the whole stage",
        "Every node in it takes the new name",
        "whole-stage",
        None,
        whole_stage,
    );

    match node.kind {
        NodeKind::Phase => {
            open(out, "Phase", "");
            out.push_str(r#"<select data-f="phase">"#);
            choices(
                out,
                &PhaseTag::ALL,
                node.phase,
                PhaseTag::as_str,
                PhaseTag::label,
            );
            out.push_str("</select></label>");
            flag(
                out,
                "Safe to roll back to",
                "Clear for a point of no return",
                "safe",
                None,
                node.safe,
            );
            line(
                out,
                "Planned duration",
                "",
                "duration",
                &node.planned_duration,
                "",
            );
            out.push_str(r#"<fieldset class="touches"><legend>Touches<small>For the sequence view; none ticked: guessed from the phase</small></legend>"#);
            for (i, t) in Touch::ALL.into_iter().enumerate() {
                flag(
                    out,
                    t.label(),
                    "",
                    "touch",
                    Some(i),
                    node.touches.contains(&t),
                );
            }
            out.push_str("</fieldset>");
            let entry = node.entry_conditions.join("\n");
            area(out, "Entry conditions", "one per line", "entry", &entry);
            let exit = node.exit_conditions.join("\n");
            area(out, "Exit conditions", "one per line", "exit", &exit);
            area(out, "SQL / commands", "", "sql", &node.sql);
        }
        NodeKind::Verification => checks(out, node),
        NodeKind::Gate => {
            let go = node.go_criteria.join("\n");
            area(out, "Go criteria", "one per line", "go", &go);
            line(out, "Approver", "", "approver", &node.approver, "");
            flag(
                out,
                "Approver apart from operator",
                "Whoever entered the gate in a run may not sign it off",
                "distinct",
                None,
                node.distinct_approver,
            );
        }
        NodeKind::Start => line(
            out,
            "Planned start (YYYY-MM-DD HH:MM, UTC)",
            "",
            "start",
            &node.planned_start,
            "",
        ),
        NodeKind::End => flag(
            out,
            "Aborted end",
            "The migration was called off",
            "aborted",
            None,
            node.aborted,
        ),
    }
    line(out, "Owner", "", "owner", &node.owner, "");
    area(out, "Notes", "", "notes", &node.notes);

    // The keyboard way to connect: its targets are listed by the app when
    // the list is focused (thousands of options on a large plan).
    out.push_str(r#"<fieldset class="connect"><legend>Connect to another node</legend><select aria-label="Target node" data-connect-target="" data-f="connect-target"><option value="">Choose a node…</option></select><select aria-label="Edge kind" data-f="connect-kind">"#);
    choices(
        out,
        &EdgeKind::ALL,
        EdgeKind::Forward,
        EdgeKind::as_str,
        EdgeKind::label,
    );
    out.push_str(r#"</select><button data-f="connect" disabled>Connect</button></fieldset></div>"#);
}

/// A verification node's checks: kind, name and threshold of each, a
/// button to remove it, and one to add a check.
fn checks(out: &mut String, node: &Node) {
    out.push_str(r#"<fieldset class="checks"><legend>Checks</legend>"#);
    for (i, check) in node.checks.iter().enumerate() {
        let n = i + 1;
        let _ = write!(
            out,
            r#"<div class="check-row"><select aria-label="Check {n} kind" data-f="check-kind" data-i="{i}">"#
        );
        choices(
            out,
            &CheckKind::ALL,
            check.kind,
            CheckKind::as_str,
            CheckKind::label,
        );
        let _ = write!(
            out,
            r#"</select><input type="text" placeholder="What is checked" aria-label="Check {n} name" data-f="check-name" data-i="{i}" value="{}"><input type="text" placeholder="Threshold, e.g. lag &lt; 5 s" aria-label="Check {n} threshold" data-f="check-threshold" data-i="{i}" value="{}"><button aria-label="Remove check {n}" data-f="check-remove" data-i="{i}">×</button></div>"#,
            escape_attr(&check.name),
            escape_attr(&check.threshold)
        );
    }
    out.push_str(r#"<button data-f="check-add">Add check</button></fieldset>"#);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id::{EdgeId, NodeId};
    use crate::inspect::{edit, tests::plan, Input};
    use expect_test::expect;

    /// The `data-f` keys of `html`, with their `data-i` where given.
    fn keys(html: &str) -> Vec<(String, usize)> {
        html.split("data-f=\"")
            .skip(1)
            .map(|rest| {
                let key = &rest[..rest.find('"').unwrap()];
                let tag = &rest[..rest.find('>').unwrap()];
                let index = tag
                    .split("data-i=\"")
                    .nth(1)
                    .and_then(|i| i[..i.find('"').unwrap()].parse().ok())
                    .unwrap_or(0);
                (key.to_string(), index)
            })
            .collect()
    }

    #[test]
    fn every_field_shown_means_an_edit_or_is_the_apps_own() {
        let plan = plan();
        let app_keys = ["whole-stage", "connect-target", "connect-kind", "connect"];
        let mut subjects: Vec<Subject> = plan.nodes.keys().map(|&id| Subject::Node(id)).collect();
        subjects.extend([Subject::Edge(EdgeId(1)), Subject::Plan]);
        let mut seen = Vec::new();
        for subject in subjects {
            let html = markup(&plan, subject, false);
            for (key, index) in keys(&html) {
                if app_keys.contains(&key.as_str()) {
                    continue;
                }
                // Some input to the field changes the plan: a different
                // text, the flag flipped, or a click.
                let inputs = [
                    Input::Text("a text no field holds"),
                    Input::Text("rollback"),
                    Input::Text("delivery"),
                    Input::Text("gate"),
                    Input::Text("phase"),
                    Input::Text("contract"),
                    Input::Text(CheckKind::ALL[1].as_str()),
                    Input::Flag(true),
                    Input::Flag(false),
                    Input::Click,
                ];
                let means = inputs
                    .into_iter()
                    .any(|input| edit(&plan, subject, &key, index, input, false).is_some());
                assert!(means, "{subject:?}: field {key}[{index}] edits nothing");
                seen.push(key);
            }
        }
        seen.sort();
        seen.dedup();
        // Every key the core gives meaning to is offered somewhere.
        expect![[r#"["aborted", "approver", "check-add", "check-kind", "check-name", "check-remove", "check-threshold", "distinct", "duration", "edge-kind", "edge-label", "entry", "exit", "go", "kind", "notes", "owner", "pack", "phase", "plan-title", "reverse", "safe", "sql", "stage", "start", "title", "touch"]"#]]
        .assert_eq(&format!("{seen:?}"));
    }

    #[test]
    fn user_text_stays_text_and_a_leading_line_break_survives() {
        let mut plan = plan();
        let hostile = "<script>alert(1)</script> \"quoted\" & more";
        let node = plan.nodes.get_mut(&NodeId(2)).unwrap();
        node.title = hostile.into();
        node.sql = "\nSELECT 1;".into();
        node.stage = "\"><b>stage".into();
        let html = markup(&plan, Subject::Node(NodeId(2)), true);
        assert!(
            !html.contains("<script>") && !html.contains("<b>"),
            "{html}"
        );
        assert!(html.contains(
            r#"value="&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &amp; more""#
        ));
        // One line break of the markup's own, then the SQL's.
        assert!(
            html.contains("rows=\"3\">\n\nSELECT 1;</textarea>"),
            "{html}"
        );
        // The whole-stage switch shows as it was left.
        assert!(html.contains(r#"data-f="whole-stage" checked>"#));
        let edge_html = markup(&plan, Subject::Edge(EdgeId(1)), false);
        assert!(edge_html.contains("<p class=\"ends\">n1 → &lt;script&gt;"));
    }

    #[test]
    fn an_edge_several_items_and_the_plan() {
        let plan = plan();
        expect![[r#"<h2>Inspector</h2><div class="inspector-body" data-inspecting-edge="1"><p class="ends">n1 → n2</p><label class="field"><span>Kind</span><select data-first-field="" data-f="edge-kind"><option value="forward" selected>Forward</option><option value="rollback">Rollback</option><option value="validation">Validation</option></select></label><label class="field"><span>Label / condition</span><input type="text" data-f="edge-label" value=""></label><button class="swap" data-f="reverse">Reverse direction</button></div>"#]]
            .assert_eq(&markup(&plan, Subject::Edge(EdgeId(1)), false));
        expect![[
            r#"<h2>Inspector</h2><p class="empty">3 items selected. Delete removes them all.</p>"#
        ]]
        .assert_eq(&markup(&plan, Subject::Several(3), false));
        expect![[r#"<h2>Inspector</h2><div class="inspector-body"><label class="field"><span>Plan title</span><input type="text" data-f="plan-title" data-first-field="" value="Rename a column"></label><label class="field"><span>Checked as<small>The rule pack: which checks run, and the words used</small></span><select aria-label="Rule pack" data-f="pack"><option value="migration" selected>Database migration</option><option value="delivery">Delivery (CI/CD, rollouts)</option><option value="flow">Flow (auth, requests, services)</option></select></label><p class="empty">Select a node or edge to edit it. Shift-click or shift-drag selects several.</p></div>"#]]
            .assert_eq(&markup(&plan, Subject::Plan, false));
        // An item that is gone (deleted in another tab) shows the plan.
        assert_eq!(
            markup(&plan, Subject::Node(NodeId(99)), false),
            markup(&plan, Subject::Plan, false)
        );
    }
}
