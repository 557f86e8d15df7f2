//! The inspector's markup: every field of the selected node or edge, or
//! the plan's own fields when nothing is selected, as one HTML string and
//! the values its fields show.
//!
//! Why markup: built as Leptos views, with a reactive binding per field
//! and per option, the inspector was the largest module of the wasm (about
//! 40 KB); as text it is a few. The structure ([`Inspector::html`]) and
//! the values ([`Inspector::values`]) come apart so that the app rebuilds
//! the fields only when the structure changes (another item, another kind,
//! a check added) and otherwise sets the values that changed, as a
//! committed edit or an undo does: focus and typing are left alone. Each
//! field carries a `data-f` key (and a field of a list, a check's or a
//! touch, its `data-i` index) that [`crate::inspect::edit`] turns into the
//! edit. The keys the app handles itself: `whole-stage` (a switch of the
//! form, not of the plan), and the keyboard connect form
//! (`connect-target`, whose options are listed only when it is focused,
//! `connect-kind`, `connect`).
//!
//! User text reaches the page as field values, set as DOM properties, so
//! it is never parsed; the few texts between tags (the edge's ends, the
//! stage suggestions) go through [`escape`].

use super::escape;
use super::options::suggestions;
use crate::inspect::Subject;
use crate::plan::{CheckKind, EdgeKind, Node, NodeKind, PhaseTag, Plan};
use crate::stages::{self, SUGGESTED};
use crate::touch::Touch;
use std::fmt::Write;

/// What a field shows: its text (a text field's, a list's chosen value),
/// or whether it is ticked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Flag(bool),
}

/// One field's value, by the field's `data-f` key and `data-i` index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldValue {
    pub key: &'static str,
    pub index: Option<usize>,
    pub value: Value,
}

/// The inspector for one subject: its fields' markup, without values, and
/// their values in the order the fields come.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Inspector {
    pub html: String,
    pub values: Vec<FieldValue>,
}

impl Inspector {
    fn value(&mut self, key: &'static str, index: Option<usize>, value: Value) {
        self.values.push(FieldValue { key, index, value });
    }

    /// `data-f="key"`, and `data-i` when the field is one of a list.
    fn name(&mut self, key: &str, index: Option<usize>) {
        let _ = write!(self.html, r#" data-f="{key}""#);
        if let Some(i) = index {
            let _ = write!(self.html, r#" data-i="{i}""#);
        }
    }

    /// A field's opening: `<label class="field"><span>label<small>hint</small></span>`.
    fn open(&mut self, label: &str, hint: &str) {
        let _ = write!(self.html, r#"<label class="field"><span>{label}"#);
        if !hint.is_empty() {
            let _ = write!(self.html, "<small>{hint}</small>");
        }
        self.html.push_str("</span>");
    }

    /// A single-line text field; `extra` goes into the tag as it is.
    fn line(&mut self, label: &str, hint: &str, key: &'static str, value: &str, extra: &str) {
        self.open(label, hint);
        self.html.push_str(r#"<input type="text""#);
        self.name(key, None);
        let _ = write!(self.html, "{extra}></label>");
        self.value(key, None, Value::Text(value.to_owned()));
    }

    /// A multi-line text field; the SQL field is monospace and marked
    /// `data-sql` (where a finding about a SQL line points).
    fn area(&mut self, label: &str, hint: &str, key: &'static str, value: &str) {
        self.open(label, hint);
        self.html.push_str("<textarea");
        self.name(key, None);
        if key == "sql" {
            self.html.push_str(r#" class="mono" data-sql="""#);
        }
        self.html.push_str(r#" rows="3"></textarea></label>"#);
        self.value(key, None, Value::Text(value.to_owned()));
    }

    /// A checkbox; `index` is its `data-i` when it is one of a list.
    fn flag(&mut self, label: &str, hint: &str, key: &'static str, index: Option<usize>, on: bool) {
        self.html
            .push_str(r#"<label class="field check"><input type="checkbox""#);
        self.name(key, index);
        let _ = write!(
            self.html,
            "><span>{label}<small>{hint}</small></span></label>"
        );
        self.value(key, index, Value::Flag(on));
    }

    /// A `<select>` (`attrs` go into its tag) of `<option>`s with values
    /// `as_str` and texts `label`, showing `chosen`.
    #[allow(clippy::too_many_arguments)]
    fn choice<T: Copy>(
        &mut self,
        attrs: &str,
        key: &'static str,
        index: Option<usize>,
        all: &[T],
        chosen: T,
        as_str: impl Fn(T) -> &'static str,
        label: impl Fn(T) -> &'static str,
    ) {
        let _ = write!(self.html, "<select{attrs}");
        self.name(key, index);
        self.html.push('>');
        for &item in all {
            let _ = write!(
                self.html,
                r#"<option value="{}">{}</option>"#,
                as_str(item),
                label(item)
            );
        }
        self.html.push_str("</select>");
        self.value(key, index, Value::Text(as_str(chosen).to_owned()));
    }
}

/// The inspector for `subject`; `whole_stage` is the state of the "Rename
/// the whole stage" switch.
pub fn markup(plan: &Plan, subject: Subject, whole_stage: bool) -> Inspector {
    let mut out = Inspector {
        html: String::from("<h2>Inspector</h2>"),
        values: Vec::new(),
    };
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
                out.html,
                r#"<div class="inspector-body" data-inspecting-edge="{}"><p class="ends">{} → {}</p>"#,
                id.0,
                escape(title(edge.from)),
                escape(title(edge.to))
            );
            out.open("Kind", "");
            out.choice(
                r#" data-first-field="""#,
                "edge-kind",
                None,
                &EdgeKind::ALL,
                edge.kind,
                EdgeKind::as_str,
                EdgeKind::label,
            );
            out.html.push_str("</label>");
            out.line("Label / condition", "", "edge-label", &edge.label, "");
            out.html.push_str(
                r#"<button class="swap" data-f="reverse">Reverse direction</button></div>"#,
            );
        }
        Subject::Several(n) => {
            let _ = write!(
                out.html,
                r#"<p class="empty">{n} items selected. Delete removes them all.</p>"#
            );
        }
        Subject::Plan => plan_body(&mut out, plan),
    }
    out
}

/// Nothing selected: the plan's title and rule pack.
fn plan_body(out: &mut Inspector, plan: &Plan) {
    out.html.push_str(r#"<div class="inspector-body">"#);
    out.line(
        "Plan title",
        "",
        "plan-title",
        &plan.title,
        r#" data-first-field="""#,
    );
    out.open(
        "Checked as",
        "The rule pack: which checks run, and the words used",
    );
    out.choice(
        r#" aria-label="Rule pack""#,
        "pack",
        None,
        &crate::pack::Pack::ALL,
        plan.pack,
        |p| p.as_str(),
        |p| p.label(),
    );
    out.html.push_str(r#"</label><p class="empty">Select a node or edge to edit it. Shift-click or shift-drag selects several.</p></div>"#);
}

fn node_body(out: &mut Inspector, plan: &Plan, node: &Node, whole_stage: bool) {
    let _ = write!(
        out.html,
        r#"<div class="inspector-body" data-inspecting="{}">"#,
        node.id.0
    );
    out.line("Title", "", "title", &node.title, r#" data-first-field="""#);
    out.open("Kind", "");
    out.choice(
        "",
        "kind",
        None,
        &NodeKind::ALL,
        node.kind,
        NodeKind::as_str,
        |k| plan.pack.kind_label(k),
    );
    out.html.push_str("</label>");

    // The stage, with the usual stages and the plan's own as suggestions.
    out.line(
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
        out.html,
        r#"<datalist id="stage-names">{}</datalist>"#,
        suggestions(SUGGESTED.into_iter().chain(own))
    );
    out.flag(
        "Rename the whole stage",
        "Every node in it takes the new name",
        "whole-stage",
        None,
        whole_stage,
    );

    match node.kind {
        NodeKind::Phase => {
            out.open("Phase", "");
            out.choice(
                "",
                "phase",
                None,
                &PhaseTag::ALL,
                node.phase,
                PhaseTag::as_str,
                PhaseTag::label,
            );
            out.html.push_str("</label>");
            out.flag(
                "Safe to roll back to",
                "Clear for a point of no return",
                "safe",
                None,
                node.safe,
            );
            out.line(
                "Planned duration",
                "",
                "duration",
                &node.planned_duration,
                "",
            );
            out.html.push_str(r#"<fieldset class="touches"><legend>Touches<small>For the sequence view; none ticked: guessed from the phase</small></legend>"#);
            for (i, t) in Touch::ALL.into_iter().enumerate() {
                out.flag(t.label(), "", "touch", Some(i), node.touches.contains(&t));
            }
            out.html.push_str("</fieldset>");
            let entry = node.entry_conditions.join("\n");
            out.area("Entry conditions", "one per line", "entry", &entry);
            let exit = node.exit_conditions.join("\n");
            out.area("Exit conditions", "one per line", "exit", &exit);
            out.area("SQL / commands", "", "sql", &node.sql);
        }
        NodeKind::Verification => checks(out, node),
        NodeKind::Gate => {
            let go = node.go_criteria.join("\n");
            out.area("Go criteria", "one per line", "go", &go);
            out.line("Approver", "", "approver", &node.approver, "");
            out.flag(
                "Approver apart from operator",
                "Whoever entered the gate in a run may not sign it off",
                "distinct",
                None,
                node.distinct_approver,
            );
        }
        NodeKind::Start => out.line(
            "Planned start (YYYY-MM-DD HH:MM, UTC)",
            "",
            "start",
            &node.planned_start,
            "",
        ),
        NodeKind::End => out.flag(
            "Aborted end",
            "The migration was called off",
            "aborted",
            None,
            node.aborted,
        ),
    }
    out.line("Owner", "", "owner", &node.owner, "");
    out.area("Notes", "", "notes", &node.notes);

    // The keyboard way to connect: its targets are listed by the app when
    // the list is focused (thousands of options on a large plan). Not a
    // value of the plan, so none is set: the form keeps what was chosen.
    out.html.push_str(r#"<fieldset class="connect"><legend>Connect to another node</legend><select aria-label="Target node" data-connect-target="" data-f="connect-target"><option value="">Choose a node…</option></select><select aria-label="Edge kind" data-f="connect-kind">"#);
    for kind in EdgeKind::ALL {
        let _ = write!(
            out.html,
            r#"<option value="{}">{}</option>"#,
            kind.as_str(),
            kind.label()
        );
    }
    out.html.push_str(
        r#"</select><button data-f="connect" disabled>Connect</button></fieldset></div>"#,
    );
}

/// A verification node's checks: kind, name and threshold of each, a
/// button to remove it, and one to add a check.
fn checks(out: &mut Inspector, node: &Node) {
    out.html
        .push_str(r#"<fieldset class="checks"><legend>Checks</legend>"#);
    for (i, check) in node.checks.iter().enumerate() {
        let n = i + 1;
        out.html.push_str(r#"<div class="check-row">"#);
        out.choice(
            &format!(r#" aria-label="Check {n} kind""#),
            "check-kind",
            Some(i),
            &CheckKind::ALL,
            check.kind,
            CheckKind::as_str,
            CheckKind::label,
        );
        let _ = write!(
            out.html,
            r#"<input type="text" placeholder="What is checked" aria-label="Check {n} name" data-f="check-name" data-i="{i}"><input type="text" placeholder="Threshold, e.g. lag &lt; 5 s" aria-label="Check {n} threshold" data-f="check-threshold" data-i="{i}"><button aria-label="Remove check {n}" data-f="check-remove" data-i="{i}">×</button></div>"#
        );
        out.value("check-name", Some(i), Value::Text(check.name.clone()));
        out.value(
            "check-threshold",
            Some(i),
            Value::Text(check.threshold.clone()),
        );
    }
    out.html
        .push_str(r#"<button data-f="check-add">Add check</button></fieldset>"#);
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
            let shown = markup(&plan, subject, false);
            for (key, index) in keys(&shown.html) {
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
            // Every field but a button and the connect form is given a
            // value, once, in the order the fields come.
            let valued: Vec<_> = keys(&shown.html)
                .into_iter()
                .filter(|(k, _)| {
                    !k.starts_with("connect")
                        && !["reverse", "check-remove", "check-add"].contains(&k.as_str())
                })
                .collect();
            let values: Vec<_> = shown
                .values
                .iter()
                .map(|v| (v.key.to_string(), v.index.unwrap_or(0)))
                .collect();
            assert_eq!(valued, values, "{subject:?}");
        }
        seen.sort();
        seen.dedup();
        // Every key the core gives meaning to is offered somewhere.
        expect![[r#"["aborted", "approver", "check-add", "check-kind", "check-name", "check-remove", "check-threshold", "distinct", "duration", "edge-kind", "edge-label", "entry", "exit", "go", "kind", "notes", "owner", "pack", "phase", "plan-title", "reverse", "safe", "sql", "stage", "start", "title", "touch"]"#]]
        .assert_eq(&format!("{seen:?}"));
    }

    #[test]
    fn user_text_is_a_value_never_markup() {
        let mut plan = plan();
        let hostile = "<script>alert(1)</script> \"quoted\" & more";
        let node = plan.nodes.get_mut(&NodeId(2)).unwrap();
        node.title = hostile.into();
        node.sql = "\nSELECT 1;".into();
        node.stage = "\"><b>stage".into();
        let shown = markup(&plan, Subject::Node(NodeId(2)), true);
        assert!(
            !shown.html.contains("<script>") && !shown.html.contains("<b>"),
            "{}",
            shown.html
        );
        let value = |key| {
            shown
                .values
                .iter()
                .find(|v| v.key == key)
                .map(|v| v.value.clone())
        };
        assert_eq!(value("title"), Some(Value::Text(hostile.into())));
        assert_eq!(value("sql"), Some(Value::Text("\nSELECT 1;".into())));
        // The whole-stage switch shows as it was left.
        assert_eq!(value("whole-stage"), Some(Value::Flag(true)));
        // The stage is offered among the suggestions, as text.
        assert!(
            shown.html.contains("<option>\"&gt;&lt;b&gt;stage</option>"),
            "{}",
            shown.html
        );
        let edge = markup(&plan, Subject::Edge(EdgeId(1)), false);
        assert!(edge.html.contains("<p class=\"ends\">n1 → &lt;script&gt;"));
    }

    #[test]
    fn an_edge_several_items_and_the_plan() {
        let plan = plan();
        let edge = markup(&plan, Subject::Edge(EdgeId(1)), false);
        expect![[r#"<h2>Inspector</h2><div class="inspector-body" data-inspecting-edge="1"><p class="ends">n1 → n2</p><label class="field"><span>Kind</span><select data-first-field="" data-f="edge-kind"><option value="forward">Forward</option><option value="rollback">Rollback</option><option value="validation">Validation</option></select></label><label class="field"><span>Label / condition</span><input type="text" data-f="edge-label"></label><button class="swap" data-f="reverse">Reverse direction</button></div>"#]]
            .assert_eq(&edge.html);
        expect![[r#"
            [
                FieldValue {
                    key: "edge-kind",
                    index: None,
                    value: Text(
                        "forward",
                    ),
                },
                FieldValue {
                    key: "edge-label",
                    index: None,
                    value: Text(
                        "",
                    ),
                },
            ]
        "#]]
        .assert_debug_eq(&edge.values);
        expect![[
            r#"<h2>Inspector</h2><p class="empty">3 items selected. Delete removes them all.</p>"#
        ]]
        .assert_eq(&markup(&plan, Subject::Several(3), false).html);
        // An item that is gone (deleted in another tab) shows the plan.
        assert_eq!(
            markup(&plan, Subject::Node(NodeId(99)), false),
            markup(&plan, Subject::Plan, false)
        );
        // The structure depends on the item and its kind, not on values.
        let mut renamed = plan.clone();
        renamed.nodes.get_mut(&NodeId(3)).unwrap().title = "other".into();
        renamed.nodes.get_mut(&NodeId(3)).unwrap().checks[0].threshold = "= 0".into();
        let (before, after) = (
            markup(&plan, Subject::Node(NodeId(3)), false),
            markup(&renamed, Subject::Node(NodeId(3)), false),
        );
        assert_eq!(before.html, after.html);
        assert_ne!(before.values, after.values);
    }
}
