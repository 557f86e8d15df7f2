//! The moves a run offers from its current node, and what each needs.
//!
//! Definition: the moves are exactly the forward and rollback edges that
//! leave the current node (validation edges are links, not moves), in edge
//! id order. Each is one of three ways:
//! - `rollback`: a rollback edge; needs a reason, never anything else;
//! - `no_go`: a forward edge out of a gate that is its no-go branch — into
//!   an aborted end, or labelled "no-go" (`no go`, `nogo`, any case) —
//!   taken only with a No-go;
//! - `forward`: any other forward edge. Out of a phase it needs every exit
//!   condition ticked, out of a verification every check passed (either
//!   may be overridden with a reason), out of a gate a Go.
//!
//! A move may also be a point of no return ([`super::no_return`]), which
//! needs the target's title typed. A paused or finished run offers no move
//! it would take: a paused one lists them blocked, a finished one none.

use super::command::Why;
use super::no_return::{point_of_no_return_from, NoReturn, Restorable};
use super::record::{Conditions, Run, Verdict};
use crate::plan::{Edge, EdgeKind, Node, NodeKind, Plan};

/// How a move leaves its node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Way {
    Forward,
    NoGo,
    Rollback,
}

/// A move offered from the current node.
#[derive(Clone, Debug, PartialEq)]
pub struct Move<'a> {
    pub edge: &'a Edge,
    pub target: &'a Node,
    pub way: Way,
    /// Why the move would be refused as things stand (an overridable
    /// reason can be overcome with a reason for the override).
    pub blocked: Option<Why>,
    pub no_return: Option<NoReturn>,
}

impl Move<'_> {
    /// The button's name (SPEC §9): "Advance to <title>" or "Roll back to
    /// <title>".
    pub fn label(&self) -> String {
        match self.way {
            Way::Rollback => format!("Roll back to {}", name(self.target)),
            Way::Forward | Way::NoGo => format!("Advance to {}", name(self.target)),
        }
    }
}

/// How the run names a node: its title, or its id when untitled. This is
/// also what a point of no return asks to be typed.
pub fn name(node: &Node) -> String {
    match node.title.trim() {
        "" => node.id.to_string(),
        title => title.to_owned(),
    }
}

/// Whether `edge` is its gate's no-go branch (see the module doc).
pub fn is_no_go_branch(plan: &Plan, edge: &Edge) -> bool {
    let from_gate = plan
        .node(edge.from)
        .is_some_and(|n| n.kind == NodeKind::Gate);
    if !from_gate || edge.kind != EdgeKind::Forward {
        return false;
    }
    let into_aborted_end = plan
        .node(edge.to)
        .is_some_and(|n| n.kind == NodeKind::End && n.aborted);
    let label: String = edge
        .label
        // The no-go words are ASCII; ASCII lowercasing keeps Unicode's
        // case tables (about 12 KB of wasm) out of every build that reads
        // gates: the runbook and the sequence view.
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c == '-' || c == '_' { ' ' } else { c })
        .collect();
    into_aborted_end || label.contains("no go") || label.contains("nogo")
}

/// The way `edge` leaves its node.
pub fn way(plan: &Plan, edge: &Edge) -> Way {
    if edge.kind == EdgeKind::Rollback {
        Way::Rollback
    } else if is_no_go_branch(plan, edge) {
        Way::NoGo
    } else {
        Way::Forward
    }
}

/// The moves from the current node (see the module doc).
pub fn moves(run: &Run) -> Vec<Move<'_>> {
    if run.status.is_finished() {
        return Vec::new();
    }
    let plan = &run.plan.plan;
    let scan = Restorable::new(plan);
    let before = scan.from(run.current);
    plan.edges
        .values()
        .filter(|e| e.from == run.current && e.kind != EdgeKind::Validation)
        .filter_map(|edge| {
            let target = plan.node(edge.to)?;
            let way = way(plan, edge);
            Some(Move {
                edge,
                target,
                way,
                blocked: blocker(run, way),
                no_return: point_of_no_return_from(&scan, &before, edge),
            })
        })
        .collect()
}

/// Why a move of `way` from the current node would be refused, before any
/// override or confirmation.
pub(super) fn blocker(run: &Run, way: Way) -> Option<Why> {
    if run.status.is_finished() {
        return Some(Why::Finished(run.status));
    }
    if run.paused_since.is_some() {
        return Some(Why::Paused);
    }
    let node = run.plan.plan.node(run.current)?;
    let visit = run.visit();
    match way {
        Way::Rollback => None,
        Way::NoGo => Some(Why::NoGoBranch),
        Way::Forward => match node.kind {
            NodeKind::Phase => {
                let open: Vec<String> = node
                    .exit_conditions
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| !visit.is_ticked(Conditions::Exit, *i as u32))
                    .map(|(_, text)| text.clone())
                    .collect();
                (!open.is_empty()).then_some(Why::ExitConditionsOpen(open))
            }
            NodeKind::Verification => {
                let open: Vec<String> = node
                    .checks
                    .iter()
                    .enumerate()
                    .filter_map(|(i, check)| {
                        let state = match visit.check(i as u32) {
                            Some(r) if r.verdict == Verdict::Pass => return None,
                            Some(_) => "failed",
                            None => "not recorded",
                        };
                        Some(format!("\"{}\" {state}", check.name.trim()))
                    })
                    .collect();
                let rollbacks = run
                    .plan
                    .plan
                    .edges
                    .values()
                    .filter(|e| e.from == node.id && e.kind == EdgeKind::Rollback)
                    .filter_map(|e| Some(name(run.plan.plan.node(e.to)?)))
                    .collect();
                (!open.is_empty()).then_some(Why::ChecksNotPassed { open, rollbacks })
            }
            NodeKind::Gate => match &visit.gate {
                Some(decision) if decision.go => None,
                _ => Some(Why::GateNotSigned),
            },
            NodeKind::Start | NodeKind::End => None,
        },
    }
}
