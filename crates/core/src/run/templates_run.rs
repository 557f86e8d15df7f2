//! Every template in the gallery runs end to end: from its start along
//! forward edges to a success end, each phase's exit conditions ticked,
//! each check recorded with a value its threshold passes (or a manual
//! pass where the threshold is not a number), each gate signed off by an
//! approver who is not the operator, each point of no return confirmed by
//! its title — with no refusal and no override on the way. This proves the
//! templates are runnable as runbooks, and that the thresholds they ship
//! with are ones the run reads.

use super::moves::{moves, name, Way};
use super::threshold::{parse_threshold, Op};
use super::*;
use crate::id::NodeId;
use crate::plan::{EdgeKind, NodeKind, Plan};
use crate::templates;
use std::collections::{BTreeMap, VecDeque};

/// The next node on a shortest forward path to a success end, per node,
/// not going through a gate's no-go branch.
fn towards_success(plan: &Plan) -> BTreeMap<NodeId, NodeId> {
    let mut next = BTreeMap::new();
    let mut queue: VecDeque<NodeId> = plan
        .nodes
        .values()
        .filter(|n| n.kind == NodeKind::End && !n.aborted)
        .map(|n| n.id)
        .collect();
    let mut seen: std::collections::BTreeSet<NodeId> = queue.iter().copied().collect();
    while let Some(node) = queue.pop_front() {
        for edge in plan.edges.values() {
            let forward = edge.kind == EdgeKind::Forward && !moves::is_no_go_branch(plan, edge);
            if forward && edge.to == node && seen.insert(edge.from) {
                next.insert(edge.from, node);
                queue.push_back(edge.from);
            }
        }
    }
    next
}

/// A value that passes `threshold`, or `None` for a manual one.
fn passing_value(threshold: &str) -> Option<String> {
    let t = parse_threshold(threshold)?;
    let v = t.value;
    let value = match t.op {
        Op::Lt => v - (v.abs() / 2.0).max(0.001),
        Op::Le | Op::Eq | Op::Ge => v,
        Op::Gt | Op::Ne => v + 1.0,
    };
    Some(format!("{value}"))
}

#[test]
fn every_template_runs_to_a_success_end_without_a_refusal_or_an_override() {
    for template in templates::all() {
        let doc = template.build();
        let next = towards_success(&doc.plan);
        let operator = Operator::new("Operator", "SRE");
        let mut now = super::tests::T0;
        let mut run = start(
            NewRun {
                id: format!("run-{}", template.id),
                rehearsal: true,
                ..NewRun::default()
            },
            doc,
            now,
            &operator,
        )
        .unwrap();
        let mut steps = 0;
        while !run.status.is_finished() {
            steps += 1;
            assert!(steps < 200, "{}: the run does not end", template.id);
            let node = run.plan.plan.node(run.current).unwrap().clone();
            let mut commands = Vec::new();
            for (list, texts) in [
                (Conditions::Entry, &node.entry_conditions),
                (Conditions::Exit, &node.exit_conditions),
            ] {
                for index in 0..texts.len() as u32 {
                    commands.push(Command::Condition {
                        list,
                        index,
                        ticked: true,
                    });
                }
            }
            for (index, check) in node.checks.iter().enumerate() {
                let value = passing_value(&check.threshold);
                commands.push(Command::Check {
                    index: index as u32,
                    verdict: value.is_none().then_some(Verdict::Pass),
                    observed: value.unwrap_or_else(|| "as expected".to_owned()),
                    evidence: String::new(),
                });
            }
            if node.kind == NodeKind::Gate {
                commands.push(Command::Go {
                    approver: Operator::new("Approver", node.approver.clone()),
                    comment: "go criteria met".to_owned(),
                });
            }
            for command in commands {
                now += 60_000;
                apply(&mut run, command.clone(), now, &operator)
                    .unwrap_or_else(|r| panic!("{}: {command:?} refused: {r}", template.id));
            }
            let target = next[&run.current];
            let offered = moves(&run);
            let step = offered
                .iter()
                .find(|m| m.target.id == target && m.way == Way::Forward)
                .unwrap_or_else(|| panic!("{}: no move to {target}", template.id));
            assert_eq!(step.blocked, None, "{}", template.id);
            let confirm = step
                .no_return
                .as_ref()
                .map(|_| name(step.target))
                .unwrap_or_default();
            let edge = step.edge.id;
            now += 60_000;
            apply(
                &mut run,
                Command::Advance {
                    edge,
                    override_reason: String::new(),
                    confirm,
                },
                now,
                &operator,
            )
            .unwrap_or_else(|r| panic!("{}: advancing refused: {r}", template.id));
        }
        assert_eq!(run.status, Status::Completed, "{}", template.id);
        let kinds: Vec<LogKind> = run.log.iter().map(|e| e.kind).collect();
        assert!(
            !kinds.contains(&LogKind::Refused) && !kinds.contains(&LogKind::Override),
            "{}",
            template.id
        );
        // And it saves and opens again as the same run.
        let reopened = load_run_json(&run_to_json(&run)).unwrap();
        assert_eq!(reopened, run, "{}", template.id);
    }
}
