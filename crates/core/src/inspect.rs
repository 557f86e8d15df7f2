//! What the inspector edits: the item it shows ([`Subject`]) and the one
//! undoable [`Edit`] a committed field gives ([`edit`]).
//!
//! The inspector's markup (`drawing::inspector`) names each field with a
//! `data-f` key (and, in a list of checks, a `data-i` index); the app reads
//! the key and the value of the field that changed and asks [`edit`] what
//! it means. So the whole meaning of a field lives here, tested natively,
//! and the app only applies what comes back. A field that changes nothing
//! gives `None`: committing an unchanged field is not an undo step.

use crate::edit::Edit;
use crate::id::{EdgeId, NodeId};
use crate::pack::Pack;
use crate::plan::{Check, CheckKind, Edge, EdgeKind, Node, NodeKind, PhaseTag, Plan};
use crate::touch::Touch;

/// What the inspector shows: the plan itself (nothing selected), one node,
/// one edge, or a count of selected items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    Plan,
    Node(NodeId),
    Edge(EdgeId),
    Several(usize),
}

/// What a field holds when it is committed: text, or a checkbox's state,
/// or a button's click.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input<'a> {
    Text(&'a str),
    Flag(bool),
    Click,
}

/// One item per non-blank line, trimmed.
fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// The edit that field `field` (its `data-f` key; `index` its `data-i`)
/// committed as `input` makes to `subject`, with its undo label; `None`
/// when the field is unknown or the value changes nothing.
/// `whole_stage` is the "Rename the whole stage" switch: a new stage name
/// then renames every node of the node's stage in one step.
pub fn edit(
    plan: &Plan,
    subject: Subject,
    field: &str,
    index: usize,
    input: Input,
    whole_stage: bool,
) -> Option<(&'static str, Edit)> {
    let text = match input {
        Input::Text(text) => text,
        _ => "",
    };
    let on = input == Input::Flag(true);
    match subject {
        Subject::Plan => match field {
            "plan-title" => {
                let title = text.trim();
                (title != plan.title).then(|| ("Rename plan", Edit::SetTitle(title.to_owned())))
            }
            "pack" => {
                let pack = Pack::parse(text)?;
                (pack != plan.pack).then_some(("Change rule pack", Edit::SetPack(pack)))
            }
            _ => None,
        },
        Subject::Node(id) => {
            let node = plan.node(id)?;
            if field == "stage" && whole_stage && !node.stage.is_empty() {
                if let Some(rename) = crate::stages::rename(plan, &node.stage, text.trim()) {
                    return Some(("Rename stage", rename));
                }
            }
            let mut changed = node.clone();
            let label = node_field(&mut changed, field, index, text, on)?;
            (changed != *node).then_some((label, Edit::UpdateNode(changed)))
        }
        Subject::Edge(id) => {
            let edge = plan.edge(id)?;
            let mut changed = edge.clone();
            let label = edge_field(&mut changed, field, text)?;
            (changed != *edge).then_some((label, Edit::UpdateEdge(changed)))
        }
        Subject::Several(_) => None,
    }
}

/// Sets a node's field; the undo label, or `None` for an unknown field.
fn node_field(n: &mut Node, field: &str, i: usize, text: &str, on: bool) -> Option<&'static str> {
    let trimmed = || text.trim().to_string();
    Some(match field {
        "title" => {
            n.title = trimmed();
            "Edit title"
        }
        "kind" => {
            n.kind = NodeKind::parse(text)?;
            "Change kind"
        }
        "stage" => {
            n.stage = trimmed();
            "Change stage"
        }
        "phase" => {
            n.phase = PhaseTag::parse(text)?;
            "Change phase"
        }
        "safe" => {
            n.safe = on;
            "Change safe"
        }
        "duration" => {
            n.planned_duration = trimmed();
            "Edit planned duration"
        }
        "touch" => {
            let t = *Touch::ALL.get(i)?;
            n.touches.retain(|x| *x != t);
            if on {
                n.touches.push(t);
                n.touches.sort();
            }
            "Edit touches"
        }
        "entry" => {
            n.entry_conditions = lines(text);
            "Edit entry conditions"
        }
        "exit" => {
            n.exit_conditions = lines(text);
            "Edit exit conditions"
        }
        "sql" => {
            n.sql = text.to_string();
            "Edit SQL"
        }
        "check-kind" => {
            n.checks.get_mut(i)?.kind = CheckKind::parse(text)?;
            "Change check kind"
        }
        "check-name" => {
            n.checks.get_mut(i)?.name = trimmed();
            "Edit check"
        }
        "check-threshold" => {
            n.checks.get_mut(i)?.threshold = trimmed();
            "Edit threshold"
        }
        "check-remove" => {
            if i < n.checks.len() {
                n.checks.remove(i);
            }
            "Remove check"
        }
        "check-add" => {
            n.checks.push(Check::default());
            "Add check"
        }
        "go" => {
            n.go_criteria = lines(text);
            "Edit go criteria"
        }
        "approver" => {
            n.approver = trimmed();
            "Edit approver"
        }
        "distinct" => {
            n.distinct_approver = on;
            "Change approver rule"
        }
        "start" => {
            n.planned_start = trimmed();
            "Edit planned start"
        }
        "aborted" => {
            n.aborted = on;
            "Change end"
        }
        "owner" => {
            n.owner = trimmed();
            "Edit owner"
        }
        "notes" => {
            n.notes = text.to_string();
            "Edit notes"
        }
        _ => return None,
    })
}

/// Sets an edge's field; the undo label, or `None` for an unknown field.
fn edge_field(e: &mut Edge, field: &str, text: &str) -> Option<&'static str> {
    Some(match field {
        "edge-kind" => {
            e.kind = EdgeKind::parse(text)?;
            "Change edge kind"
        }
        "edge-label" => {
            e.label = text.trim().to_string();
            "Edit edge label"
        }
        "reverse" => {
            std::mem::swap(&mut e.from, &mut e.to);
            "Reverse edge"
        }
        _ => return None,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::geometry::Layout;
    use expect_test::expect;

    /// A start, a phase and a verification in stage "Expand", a gate, an
    /// end, and one edge.
    pub(crate) fn plan() -> Plan {
        let mut plan = Plan::new("Rename a column");
        let kinds = [
            NodeKind::Start,
            NodeKind::Phase,
            NodeKind::Verification,
            NodeKind::Gate,
            NodeKind::End,
        ];
        for (i, kind) in kinds.into_iter().enumerate() {
            let id = NodeId(i as u32 + 1);
            let mut node = Node::new(id, kind, format!("n{}", id.0));
            if matches!(kind, NodeKind::Phase | NodeKind::Verification) {
                node.stage = "Expand".into();
            }
            if kind == NodeKind::Verification {
                node.checks.push(Check {
                    kind: CheckKind::ALL[0],
                    name: "lag".into(),
                    threshold: "< 5 s".into(),
                });
            }
            plan.nodes.insert(id, node);
        }
        let id = EdgeId(1);
        plan.edges
            .insert(id, Edge::new(id, EdgeKind::Forward, NodeId(1), NodeId(2)));
        plan
    }

    /// The field as the test reads it back from a node, independently of
    /// [`node_field`]: the oracle for what each key sets.
    fn read(n: &Node, field: &str, i: usize) -> String {
        match field {
            "title" => format!("{:?}", n.title),
            "kind" => format!("{:?}", n.kind),
            "stage" => format!("{:?}", n.stage),
            "phase" => format!("{:?}", n.phase),
            "safe" => format!("{:?}", n.safe),
            "duration" => format!("{:?}", n.planned_duration),
            "touch" => format!("{:?}", n.touches),
            "entry" => format!("{:?}", n.entry_conditions),
            "exit" => format!("{:?}", n.exit_conditions),
            "sql" => format!("{:?}", n.sql),
            "check-kind" => format!("{:?}", n.checks.get(i).map(|c| c.kind)),
            "check-name" => format!("{:?}", n.checks.get(i).map(|c| &c.name)),
            "check-threshold" => format!("{:?}", n.checks.get(i).map(|c| &c.threshold)),
            "check-remove" | "check-add" => format!("{} checks", n.checks.len()),
            "go" => format!("{:?}", n.go_criteria),
            "approver" => format!("{:?}", n.approver),
            "distinct" => format!("{:?}", n.distinct_approver),
            "start" => format!("{:?}", n.planned_start),
            "aborted" => format!("{:?}", n.aborted),
            "owner" => format!("{:?}", n.owner),
            "notes" => format!("{:?}", n.notes),
            other => format!("no reading for {other}"),
        }
    }

    #[test]
    fn each_field_gives_one_labelled_edit_of_what_it_shows() {
        let plan = plan();
        let phase = Subject::Node(NodeId(2));
        let check = Subject::Node(NodeId(3));
        let gate = Subject::Node(NodeId(4));
        let cases: Vec<(Subject, &str, usize, Input)> = vec![
            (phase, "title", 0, Input::Text("  Backfill <b>\"x\"</b>  ")),
            (phase, "title", 0, Input::Text("n2")),
            (phase, "kind", 0, Input::Text("gate")),
            (phase, "kind", 0, Input::Text("nonsense")),
            (phase, "stage", 0, Input::Text(" Cut over ")),
            (phase, "phase", 0, Input::Text("contract")),
            (phase, "safe", 0, Input::Flag(false)),
            (phase, "duration", 0, Input::Text(" 1h30m ")),
            (phase, "touch", 1, Input::Flag(true)),
            (phase, "touch", 1, Input::Flag(false)),
            (phase, "touch", 99, Input::Flag(true)),
            (
                phase,
                "entry",
                0,
                Input::Text("replica caught up\n\n  flag on \n"),
            ),
            (phase, "exit", 0, Input::Text("")),
            (phase, "sql", 0, Input::Text("\nALTER TABLE t ADD c int;\n")),
            (phase, "owner", 0, Input::Text(" ana ")),
            (phase, "notes", 0, Input::Text(" as typed ")),
            (
                check,
                "check-kind",
                0,
                Input::Text(CheckKind::ALL[1].as_str()),
            ),
            (
                check,
                "check-name",
                0,
                Input::Text(" replica lag | \"p99\" "),
            ),
            (check, "check-threshold", 0, Input::Text("< 2 s")),
            (check, "check-name", 5, Input::Text("out of range")),
            (check, "check-add", 0, Input::Click),
            (check, "check-remove", 0, Input::Click),
            (gate, "go", 0, Input::Text("errors < 0.1 %\nno alerts")),
            (gate, "approver", 0, Input::Text(" DBA lead ")),
            (gate, "distinct", 0, Input::Flag(true)),
            (
                Subject::Node(NodeId(1)),
                "start",
                0,
                Input::Text("2027-03-01 22:00"),
            ),
            (Subject::Node(NodeId(5)), "aborted", 0, Input::Flag(true)),
            (phase, "no-such-field", 0, Input::Text("x")),
            (Subject::Node(NodeId(99)), "title", 0, Input::Text("gone")),
        ];
        let mut out = String::new();
        for (subject, field, i, input) in cases {
            let Subject::Node(id) = subject else {
                unreachable!()
            };
            let line = match edit(&plan, subject, field, i, input, false) {
                None => "no edit".to_string(),
                Some((label, change)) => {
                    let mut after = plan.clone();
                    change
                        .apply(&mut after, &mut Layout::default())
                        .expect("the edit applies");
                    format!("{label}: {}", read(after.node(id).unwrap(), field, i))
                }
            };
            out += &format!("{field}[{i}] {input:?} -> {line}\n");
        }
        expect![[r#"
            title[0] Text("  Backfill <b>\"x\"</b>  ") -> Edit title: "Backfill <b>\"x\"</b>"
            title[0] Text("n2") -> no edit
            kind[0] Text("gate") -> Change kind: Gate
            kind[0] Text("nonsense") -> no edit
            stage[0] Text(" Cut over ") -> Change stage: "Cut over"
            phase[0] Text("contract") -> Change phase: Contract
            safe[0] Flag(false) -> Change safe: false
            duration[0] Text(" 1h30m ") -> Edit planned duration: "1h30m"
            touch[1] Flag(true) -> Edit touches: [App]
            touch[1] Flag(false) -> no edit
            touch[99] Flag(true) -> no edit
            entry[0] Text("replica caught up\n\n  flag on \n") -> Edit entry conditions: ["replica caught up", "flag on"]
            exit[0] Text("") -> no edit
            sql[0] Text("\nALTER TABLE t ADD c int;\n") -> Edit SQL: "\nALTER TABLE t ADD c int;\n"
            owner[0] Text(" ana ") -> Edit owner: "ana"
            notes[0] Text(" as typed ") -> Edit notes: " as typed "
            check-kind[0] Text("health_probe") -> Change check kind: Some(HealthProbe)
            check-name[0] Text(" replica lag | \"p99\" ") -> Edit check: Some("replica lag | \"p99\"")
            check-threshold[0] Text("< 2 s") -> Edit threshold: Some("< 2 s")
            check-name[5] Text("out of range") -> no edit
            check-add[0] Click -> Add check: 2 checks
            check-remove[0] Click -> Remove check: 0 checks
            go[0] Text("errors < 0.1 %\nno alerts") -> Edit go criteria: ["errors < 0.1 %", "no alerts"]
            approver[0] Text(" DBA lead ") -> Edit approver: "DBA lead"
            distinct[0] Flag(true) -> Change approver rule: true
            start[0] Text("2027-03-01 22:00") -> Edit planned start: "2027-03-01 22:00"
            aborted[0] Flag(true) -> Change end: true
            no-such-field[0] Text("x") -> no edit
            title[0] Text("gone") -> no edit
        "#]]
        .assert_eq(&out);
    }

    #[test]
    fn a_stage_renamed_whole_moves_every_node_of_it_in_one_step() {
        let plan = plan();
        let phase = Subject::Node(NodeId(2));
        let (label, change) =
            edit(&plan, phase, "stage", 0, Input::Text(" Migrate "), true).unwrap();
        assert_eq!(label, "Rename stage");
        let mut after = plan.clone();
        change.apply(&mut after, &mut Layout::default()).unwrap();
        let stages: Vec<_> = after.nodes.values().map(|n| n.stage.as_str()).collect();
        assert_eq!(stages, ["", "Migrate", "Migrate", "", ""]);
        // Without a stage to rename, only the node joins the stage typed.
        let start = Subject::Node(NodeId(1));
        let (label, _) = edit(&plan, start, "stage", 0, Input::Text("Prepare"), true).unwrap();
        assert_eq!(label, "Change stage");
    }

    #[test]
    fn edges_and_the_plan_have_fields_of_their_own() {
        let plan = plan();
        let edge = Subject::Edge(EdgeId(1));
        let text = |s| Input::Text(s);
        let labels: Vec<_> = [
            (edge, "edge-kind", text("rollback")),
            (edge, "edge-kind", text("forward")),
            (edge, "edge-label", text(" when lag < 5 s ")),
            (edge, "reverse", Input::Click),
            (edge, "title", text("not an edge field")),
            (Subject::Edge(EdgeId(9)), "reverse", Input::Click),
            (Subject::Plan, "plan-title", text(" Rename email ")),
            (Subject::Plan, "plan-title", text("Rename a column ")),
            (Subject::Plan, "pack", text("delivery")),
            (Subject::Plan, "pack", text("migration")),
            (Subject::Several(3), "title", text("x")),
        ]
        .into_iter()
        .map(|(subject, field, input)| {
            edit(&plan, subject, field, 0, input, false).map(|(label, change)| match change {
                Edit::UpdateEdge(e) => format!(
                    "{label}: {:?} {:?} {}→{}",
                    e.kind, e.label, e.from.0, e.to.0
                ),
                other => format!("{label}: {other:?}"),
            })
        })
        .collect();
        expect![[r#"
            [
                Some(
                    "Change edge kind: Rollback \"\" 1→2",
                ),
                None,
                Some(
                    "Edit edge label: Forward \"when lag < 5 s\" 1→2",
                ),
                Some(
                    "Reverse edge: Forward \"\" 2→1",
                ),
                None,
                None,
                Some(
                    "Rename plan: SetTitle(\"Rename email\")",
                ),
                None,
                Some(
                    "Change rule pack: SetPack(Delivery)",
                ),
                None,
                None,
            ]
        "#]]
        .assert_debug_eq(&labels);
    }
}
