//! Quick fixes that give a decision its gate and its ways out.
//!
//! - [`crate::finding::QuickFix::InsertGate`] (MF017): the forward edges into the cutover
//!   from nodes that forward paths from the start reach without passing a
//!   gate (the edges MF017 is about; each keeps its id and label) now go
//!   into a new gate `Go/no-go: <cutover>`, whose edge "go" leads to the
//!   cutover and edge "no-go" to a new aborted end. The gate names one go
//!   criterion, that every check before the cutover passed; its approver
//!   is left for the author, as who signs off is nothing a fix can know
//!   (MF011 asks for one). The gate goes midway between its sources and
//!   the cutover when that is free, else at the cutover's place, which
//!   moves on with everything ahead of it ([`super::place::room_at`]).
//! - [`crate::finding::QuickFix::AddNoGo`] (MF018): a "no-go" edge from the gate to a new
//!   aborted end; the gate's one way, if unlabelled, becomes "go", as
//!   MF010 asks of branches.
//!
//! The aborted end is `Stopped before <where go leads>`, beside the gate
//! and half a rank ahead. It is a new one rather than an aborted end the
//! plan has: such an end's title says what was kept when another gate said
//! no-go, which is seldom what this one keeps.

use super::place::RANK_SPACING;
use super::place::{ahead, direction, room_at, Canvas};
use super::{name_of, FreshIds};
use crate::edit::Edit;
use crate::geometry::{Geometry, Point};
use crate::graph::PlanGraph;
use crate::id::NodeId;
use crate::plan::{Edge, EdgeKind, Node, NodeKind, PhaseTag, Plan};

pub(super) fn insert_gate(plan: &Plan, geo: &dyn Geometry, before: NodeId) -> Option<Edit> {
    let cutover = plan
        .node(before)
        .filter(|node| node.phase_tag() == Some(PhaseTag::Cutover))?;
    let graph = PlanGraph::new(plan);
    let reached = graph.reached_without_passing(|node| graph.kind(node) == NodeKind::Gate);
    let mut ungated: Vec<&Edge> = graph
        .in_edges(graph.index(before)?, EdgeKind::Forward)
        .filter(|&(_, from)| reached.contains(from.index()) && graph.kind(from) != NodeKind::Gate)
        .map(|(edge, _)| edge)
        .collect();
    if ungated.is_empty() {
        return None;
    }
    ungated.sort_by_key(|edge| edge.id);

    let mut fresh = FreshIds::after(plan);
    let name = name_of(cutover);
    let mut gate = Node::new(fresh.node(), NodeKind::Gate, format!("Go/no-go: {name}"));
    gate.go_criteria = vec![format!("Every check before {name} passed")];
    let end = stopped_before(fresh.node(), &name);

    let to = geo.position(before).unwrap_or_default();
    let sources: Vec<Point> = ungated
        .iter()
        .filter_map(|edge| geo.position(edge.from))
        .collect();
    let from = mean(&sources).unwrap_or(Point::new(to.x - RANK_SPACING, to.y));
    let along = direction(from, to);
    let midway = Point::new((from.x + to.x) / 2.0, (from.y + to.y) / 2.0).snapped(1.0);
    let (gate_at, moved) = if Canvas::of(plan, geo, &[]).is_free(midway, NodeKind::Gate) {
        (midway, Vec::new())
    } else {
        (to, room_at(plan, geo, to, along))
    };
    let mut canvas = Canvas::of(plan, geo, &moved);
    canvas.take(gate_at, NodeKind::Gate);
    let end_at = canvas.beside(
        ahead(gate_at, along, RANK_SPACING / 2.0),
        along,
        NodeKind::End,
    );

    let mut edits = Vec::new();
    if !moved.is_empty() {
        edits.push(Edit::Move(moved));
    }
    let (gate_id, end_id) = (gate.id, end.id);
    edits.push(Edit::AddNode {
        node: gate,
        at: gate_at,
    });
    edits.push(Edit::AddNode {
        node: end,
        at: end_at,
    });
    for edge in ungated {
        edits.push(Edit::UpdateEdge(Edge {
            to: gate_id,
            ..edge.clone()
        }));
    }
    for (to, label) in [(before, "go"), (end_id, "no-go")] {
        let edge = Edge::new(fresh.edge(), EdgeKind::Forward, gate_id, to);
        edits.push(Edit::AddEdge(edge.labeled(label)));
    }
    Some(Edit::Batch(edits))
}

pub(super) fn add_no_go(plan: &Plan, geo: &dyn Geometry, gate: NodeId) -> Option<Edit> {
    plan.node(gate).filter(|node| node.kind == NodeKind::Gate)?;
    let ways: Vec<&Edge> = plan
        .edges_touching(gate)
        .filter(|e| e.from == gate)
        .collect();
    let mut forward = ways.iter().filter(|edge| edge.kind == EdgeKind::Forward);
    let (Some(&way), None) = (forward.next(), forward.next()) else {
        return None;
    };
    if ways.iter().any(|edge| edge.kind == EdgeKind::Rollback) {
        return None;
    }
    let next = plan.node(way.to)?;
    if next.kind == NodeKind::End && next.aborted {
        return None;
    }

    let mut fresh = FreshIds::after(plan);
    let end = stopped_before(fresh.node(), &name_of(next));
    let at = geo.position(gate).unwrap_or_default();
    let along = match geo.position(next.id) {
        Some(next_at) => direction(at, next_at),
        None => Point::new(1.0, 0.0),
    };
    let end_at = Canvas::of(plan, geo, &[]).beside(
        ahead(at, along, RANK_SPACING / 2.0),
        along,
        NodeKind::End,
    );
    let no_go = Edge::new(fresh.edge(), EdgeKind::Forward, gate, end.id).labeled("no-go");
    let mut edits = vec![
        Edit::AddNode {
            node: end,
            at: end_at,
        },
        Edit::AddEdge(no_go),
    ];
    if way.label.trim().is_empty() {
        edits.push(Edit::UpdateEdge(way.clone().labeled("go")));
    }
    Some(Edit::Batch(edits))
}

/// The aborted end a gate's no-go way leads to.
fn stopped_before(id: NodeId, name: &str) -> Node {
    let mut end = Node::new(id, NodeKind::End, format!("Stopped before {name}"));
    end.aborted = true;
    end
}

/// The mean of some points, if there are any.
fn mean(points: &[Point]) -> Option<Point> {
    let count = points.len() as f64;
    (!points.is_empty()).then(|| {
        let (x, y) = points
            .iter()
            .fold((0.0, 0.0), |(x, y), p| (x + p.x / count, y + p.y / count));
        Point::new(x, y)
    })
}

#[cfg(test)]
mod tests {
    use super::super::tests::check_fix;
    use crate::finding::RuleId;
    use expect_test::expect;

    #[test]
    fn insert_gate_takes_the_cutovers_place_and_moves_what_lies_ahead() {
        check_fix(
            RuleId::CutoverWithoutGate,
            r#"
            start S
            phase X expand
            verify V check="rows"
            phase C cutover "Switch reads" owner="Identity team"
            verify W check="errors"
            end E
            S -> X -> V -> C -> W -> E
            X ~> S
            V ~> S
            W ~> X
            "#,
            expect![[r#"
                start S @0,0
                phase X expand @200,0
                verify V check="rows" @400,0
                phase C cutover "Switch reads" owner="Identity team" @840,0
                verify W check="errors" @1040,0
                end E @1240,0
                gate n7 "Go/no-go: Switch reads" go="Every check before Switch reads passed" @600,0
                end n8 "Stopped before Switch reads" aborted @720,130
                S -> X
                X -> V
                V -> n7
                C -> W
                W -> E
                X ~> S
                V ~> S
                W ~> X
                n7 -> C "go"
                n7 -> n8 "no-go"
                --
                MF011 warning [n7] []
                    Gate "Go/no-go: Switch reads" names no approver
            "#]],
        );
    }

    #[test]
    fn insert_gate_goes_midway_when_there_is_room_and_leaves_gated_ways_alone() {
        check_fix(
            RuleId::CutoverWithoutGate,
            r#"
            start S
            phase B backfill
            verify V check="rows" check="lag" check_kind="replication_lag"
            gate G go="ok" approver="DBA"
            verify X check="far away" @400,400
            phase C cutover
            verify W check="errors"
            end E
            end F aborted
            S -> B -> V -> G "checked"
            G -> C "go"
            G -> F "no-go"
            V -> X "skip"
            X -> C -> W -> E
            B ~> S
            W ~> B
            "#,
            expect![[r#"
                start S @0,0
                phase B backfill @200,0
                verify V check="rows" check="lag" check_kind="replication_lag" @400,0
                gate G go="ok" approver="DBA" @600,0
                verify X check="far away" @400,400
                phase C cutover @1000,0
                verify W check="errors" @1200,0
                end E @1400,0
                end F aborted @1600,0
                gate n10 "Go/no-go: C" go="Every check before C passed" @700,200
                end n11 "Stopped before C" aborted @872,242
                S -> B
                B -> V
                V -> G "checked"
                G -> C "go"
                G -> F "no-go"
                V -> X "skip"
                X -> n10
                C -> W
                W -> E
                B ~> S
                W ~> B
                n10 -> C "go"
                n10 -> n11 "no-go"
                --
                MF011 warning [n10] []
                    Gate "Go/no-go: C" names no approver
            "#]],
        );
    }

    #[test]
    fn add_no_go_labels_the_go_way_and_adds_an_aborted_end_beside() {
        check_fix(
            RuleId::GateMissingBranch,
            r#"
            start S
            gate G go="ok" approver="DBA"
            phase C cutover
            verify W check="errors"
            end E
            S -> G -> C -> W -> E
            W ~> S
            "#,
            expect![[r#"
                start S @0,0
                gate G go="ok" approver="DBA" @200,0
                phase C cutover @400,0
                verify W check="errors" @600,0
                end E @800,0
                end n6 "Stopped before C" aborted @320,130
                S -> G
                G -> C "go"
                C -> W
                W -> E
                W ~> S
                G -> n6 "no-go"
                --
            "#]],
        );
    }
}
