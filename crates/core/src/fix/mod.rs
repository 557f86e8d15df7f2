//! Quick fixes turned into undoable edits.
//!
//! Validation only names a [`QuickFix`]; the edit is worked out here,
//! against the plan as it is when the user asks, so a fix that no longer
//! applies gives `None` rather than a broken edit. Each edit is one undo
//! step.
//!
//! The rollback targets of a node `s` are found by a breadth-first search
//! backwards over forward edges, from `s` (and, for the targets valid for
//! `s` in the sense of [`crate::rules`], from the states linked to `s` by
//! validation edges): the safe states (start, or phase with `safe`) it
//! meets other than `s`. The search first stops at points of no return
//! (phases with `safe: false`, other than where it started): what it meets
//! so far is *clear* of them (MF015), the first one met being the
//! *nearest*. Then it goes on past them, for the targets that cross one,
//! nearest first too, which are only used where no clear target exists.
//!
//! - [`QuickFix::AddRollback`]: a rollback edge labelled "rollback" from
//!   the phase to its nearest safe forward-ancestor, the target MF001 asks
//!   for (one that crosses a point of no return only if nothing else is
//!   left, which MF015 then reports).
//! - [`QuickFix::RetargetRollback`]: the edge now points at the nearest
//!   valid rollback target of its source, the nearest clear one if there
//!   is one (MF002, MF015). No edit if the edge is clear already, or
//!   valid with no clear target to go to. When the source already has a
//!   rollback edge to that target, the stray edge is removed instead (two
//!   edges may not share kind and ends).
//! - [`QuickFix::InsertVerification`]: `P → Q` becomes `P → V → Q`, `V` a
//!   verification "Verify <P>" with one custom check of that name expecting
//!   "passes", placed midway; the first edge keeps its id, the second
//!   carries the label.
//! - [`QuickFix::SplitCollapsed`]: the node becomes one phase per class it
//!   names (see [`crate::rules`], MF003), in canonical order, chained by
//!   forward edges with a verification "Verify <phase>" between each pair.
//!   The first phase keeps the node's id, so its incoming edges; the last
//!   takes its outgoing edges. Every part copies the node's fields; the
//!   dual-write part gets the entry and exit conditions (without a
//!   dual-write part, the first gets the entry and the last the exit
//!   conditions). Each inserted verification rolls back to the node's
//!   nearest safe forward-ancestor, so the new phases do not trade one
//!   finding for several missing rollbacks. The chain runs from the node
//!   towards its successors, and every node ahead of it in that direction
//!   moves on by the chain's length to make room, like a column inserted
//!   into a layered layout.
//! - [`QuickFix::AddConcurrently`]: ` CONCURRENTLY` is inserted into the
//!   phase's SQL just after the `INDEX` of the statement MF014 names (no
//!   edit unless the text there still ends with that word and does not go
//!   on with `CONCURRENTLY`).
//! - [`QuickFix::AddNotValid`]: ` NOT VALID` is inserted at the end of the
//!   `ADD CONSTRAINT` action, and `ALTER TABLE … VALIDATE CONSTRAINT …;`
//!   after its statement (no edit if the action already says `NOT VALID`).
//! - [`QuickFix::InsertGate`], [`QuickFix::AddNoGo`]: see `gate.rs`.
//! - [`QuickFix::AddLagCheck`]: see `lag_check.rs`.
//!
//! What a fix adds is placed by `place.rs`: beside what it belongs to where
//! that is free, never on top of another node.

use crate::edit::Edit;
use crate::finding::QuickFix;
use crate::geometry::{Geometry, Point};
use crate::graph::PlanGraph;
use crate::id::{EdgeId, NodeId};
use crate::plan::{Check, CheckKind, Edge, EdgeKind, Node, NodeKind, PhaseTag, Plan};
use crate::rules::phase_classes;
use fixedbitset::FixedBitSet;
use petgraph::graph::NodeIndex;
use std::collections::VecDeque;

mod gate;
mod lag_check;
mod place;

/// Distance between consecutive nodes of a split phase's chain.
const CHAIN_STEP: f64 = 180.0;

/// The edit that applies `fix` to the plan as it is now, or `None` when the
/// fix no longer applies (the plan changed since validation).
pub fn edit_for(fix: &QuickFix, plan: &Plan, geo: &dyn Geometry) -> Option<Edit> {
    match *fix {
        QuickFix::AddRollback { from } => add_rollback(plan, from),
        QuickFix::RetargetRollback { edge } => retarget_rollback(plan, edge),
        QuickFix::InsertVerification { edge } => insert_verification(plan, geo, edge),
        QuickFix::SplitCollapsed { node } => split_collapsed(plan, geo, node),
        QuickFix::AddConcurrently { node, at } => add_concurrently(plan, node, at),
        QuickFix::AddNotValid {
            node,
            at,
            statement_end,
            ref validate,
        } => add_not_valid(plan, node, (at, statement_end), validate),
        QuickFix::InsertGate { before } => gate::insert_gate(plan, geo, before),
        QuickFix::AddNoGo { gate } => gate::add_no_go(plan, geo, gate),
        QuickFix::AddLagCheck { backfill } => lag_check::add_lag_check(plan, geo, backfill),
    }
}

fn add_not_valid(
    plan: &Plan,
    id: NodeId,
    (at, end): (usize, usize),
    validate: &str,
) -> Option<Edit> {
    let node = plan.node(id)?;
    let sql = &node.sql;
    let (before, middle, after) = (sql.get(..at)?, sql.get(at..end)?, sql.get(end..)?);
    let upper = |text: &str| text.trim().to_ascii_uppercase();
    if upper(&sql[at..]).starts_with("NOT VALID") {
        return None;
    }
    let mut node = node.clone();
    node.sql = format!("{before} NOT VALID{middle}{validate}{after}");
    Some(Edit::UpdateNode(node))
}

fn add_concurrently(plan: &Plan, id: NodeId, at: usize) -> Option<Edit> {
    let node = plan.node(id)?;
    let (before, after) = (node.sql.get(..at)?, node.sql.get(at..)?);
    let ends_with_index = before.len() >= 5
        && before.is_char_boundary(before.len() - 5)
        && before[before.len() - 5..].eq_ignore_ascii_case("INDEX");
    let next_word = after.split_whitespace().next().unwrap_or("");
    if !ends_with_index || next_word.eq_ignore_ascii_case("CONCURRENTLY") {
        return None;
    }
    let mut node = node.clone();
    node.sql = format!("{before} CONCURRENTLY{after}");
    Some(Edit::UpdateNode(node))
}

fn add_rollback(plan: &Plan, from: NodeId) -> Option<Edit> {
    let target = rollback_targets(plan, from, Before::ForwardAncestors).nearest()?;
    if plan.has_edge(EdgeKind::Rollback, from, target) {
        return None;
    }
    let edge = Edge::new(plan.next_edge_id(), EdgeKind::Rollback, from, target);
    Some(Edit::AddEdge(edge.labeled("rollback")))
}

fn retarget_rollback(plan: &Plan, id: EdgeId) -> Option<Edit> {
    let edge = plan
        .edge(id)
        .filter(|edge| edge.kind == EdgeKind::Rollback)?;
    let targets = rollback_targets(plan, edge.from, Before::AlsoLinkedStates);
    let settled = if targets.clear.is_empty() {
        targets.crossing.contains(&edge.to)
    } else {
        targets.clear.contains(&edge.to)
    };
    if settled {
        return None;
    }
    let nearest = targets.nearest()?;
    if plan.has_edge(EdgeKind::Rollback, edge.from, nearest) {
        return Some(Edit::RemoveEdge(id));
    }
    Some(Edit::UpdateEdge(Edge {
        to: nearest,
        ..edge.clone()
    }))
}

fn insert_verification(plan: &Plan, geo: &dyn Geometry, id: EdgeId) -> Option<Edit> {
    let edge = plan
        .edge(id)
        .filter(|edge| edge.kind == EdgeKind::Forward)?;
    let from = plan
        .node(edge.from)
        .filter(|node| node.kind == NodeKind::Phase)?;
    plan.node(edge.to)
        .filter(|node| matches!(node.kind, NodeKind::Phase | NodeKind::End))?;
    let check = verification(plan.next_node_id(), from);
    // Midway, or the free spot nearest it: never on top of another node.
    let at = crate::free_spot::free_spot(
        plan,
        geo,
        NodeKind::Verification,
        midpoint(geo.position(edge.from), geo.position(edge.to)),
        None,
    );
    let second = Edge::new(plan.next_edge_id(), EdgeKind::Forward, check.id, edge.to)
        .labeled(edge.label.clone());
    let first = Edge {
        to: check.id,
        label: String::new(),
        ..edge.clone()
    };
    Some(Edit::Batch(vec![
        Edit::AddNode { node: check, at },
        Edit::UpdateEdge(first),
        Edit::AddEdge(second),
    ]))
}

fn split_collapsed(plan: &Plan, geo: &dyn Geometry, id: NodeId) -> Option<Edit> {
    let node = plan.node(id).filter(|node| node.kind == NodeKind::Phase)?;
    let classes: Vec<PhaseTag> = phase_classes(node).iter().collect();
    if classes.len() < 2 {
        return None;
    }
    let rollback_target = rollback_targets(plan, id, Before::ForwardAncestors).nearest();
    let mut fresh = FreshIds::after(plan);
    let parts: Vec<Node> = classes
        .iter()
        .enumerate()
        .map(|(position, &class)| {
            let id = if position == 0 { id } else { fresh.node() };
            part_of(node, id, class, &classes, position)
        })
        .collect();
    let checks: Vec<Node> = parts[..parts.len() - 1]
        .iter()
        .map(|part| verification(fresh.node(), part))
        .collect();

    let origin = geo.position(id).unwrap_or_default();
    let step = chain_direction(plan, geo, id, origin);
    let place = |slot: usize| {
        let distance = CHAIN_STEP * slot as f64;
        Point::new(origin.x + step.x * distance, origin.y + step.y * distance)
    };
    let mut edits = vec![Edit::UpdateNode(parts[0].clone())];
    edits.extend(room_ahead(plan, geo, id, origin, place(2 * checks.len())));
    for (slot, (check, part)) in checks.iter().zip(&parts[1..]).enumerate() {
        edits.push(Edit::AddNode {
            node: check.clone(),
            at: place(2 * slot + 1),
        });
        edits.push(Edit::AddNode {
            node: part.clone(),
            at: place(2 * slot + 2),
        });
    }
    let last = parts[parts.len() - 1].id;
    for edge in plan.edges.values().filter(|edge| edge.from == id) {
        edits.push(Edit::UpdateEdge(Edge {
            from: last,
            ..edge.clone()
        }));
    }
    for (check, (before, after)) in checks.iter().zip(parts.iter().zip(&parts[1..])) {
        let mut link = |kind, from, to, label: &str| {
            edits.push(Edit::AddEdge(
                Edge::new(fresh.edge(), kind, from, to).labeled(label),
            ));
        };
        link(EdgeKind::Forward, before.id, check.id, "");
        link(EdgeKind::Forward, check.id, after.id, "");
        if let Some(target) = rollback_target {
            link(EdgeKind::Rollback, check.id, target, "rollback");
        }
    }
    Some(Edit::Batch(edits))
}

/// The move that shifts every node ahead of `origin` (the position of
/// `id`), in the direction of `end`, by the distance from `origin` to
/// `end`: room for a chain laid out between them.
fn room_ahead(
    plan: &Plan,
    geo: &dyn Geometry,
    id: NodeId,
    origin: Point,
    end: Point,
) -> Option<Edit> {
    let shift = Point::new(end.x - origin.x, end.y - origin.y);
    let length = shift.x.hypot(shift.y);
    let ahead: Vec<(NodeId, Point)> = plan
        .nodes
        .keys()
        .filter(|&&other| other != id)
        .filter_map(|&other| Some((other, geo.position(other)?)))
        .filter(|(_, at)| {
            let along = ((at.x - origin.x) * shift.x + (at.y - origin.y) * shift.y) / length;
            along > CHAIN_STEP / 2.0
        })
        .map(|(other, at)| (other, Point::new(at.x + shift.x, at.y + shift.y)))
        .collect();
    (!ahead.is_empty()).then_some(Edit::Move(ahead))
}

/// Part `position` of a split: the node's fields under a new id and class,
/// with the conditions that belong to this part only.
fn part_of(
    node: &Node,
    id: NodeId,
    class: PhaseTag,
    classes: &[PhaseTag],
    position: usize,
) -> Node {
    let (takes_entry, takes_exit) = if classes.contains(&PhaseTag::DualWrite) {
        let dual_write = class == PhaseTag::DualWrite;
        (dual_write, dual_write)
    } else {
        (position == 0, position == classes.len() - 1)
    };
    Node {
        id,
        title: class.label().to_string(),
        phase: class,
        entry_conditions: if takes_entry {
            node.entry_conditions.clone()
        } else {
            Vec::new()
        },
        exit_conditions: if takes_exit {
            node.exit_conditions.clone()
        } else {
            Vec::new()
        },
        ..node.clone()
    }
}

/// How the titles of added nodes name a node: its title, or its id when
/// untitled.
fn name_of(node: &Node) -> String {
    match node.title.trim() {
        "" => node.id.to_string(),
        title => title.to_string(),
    }
}

/// A verification of `subject` with one custom check of the same name.
fn verification(id: NodeId, subject: &Node) -> Node {
    let title = format!("Verify {}", name_of(subject));
    let mut node = Node::new(id, NodeKind::Verification, title.clone());
    node.checks.push(Check {
        kind: CheckKind::Custom,
        name: title,
        threshold: "passes".to_string(),
    });
    node
}

/// What comes before a rollback's source.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Before {
    /// Its forward-ancestors.
    ForwardAncestors,
    /// Also the states linked to it by validation edges, and theirs: what
    /// makes a rollback target valid (see [`crate::rules`]).
    AlsoLinkedStates,
}

/// The safe states before a rollback's source (see the module doc).
#[derive(Debug, Default)]
struct Targets {
    /// Those clear of points of no return, nearest first.
    clear: Vec<NodeId>,
    /// Those beyond one, nearest first.
    crossing: Vec<NodeId>,
}

impl Targets {
    /// The nearest clear target, or else the nearest other one.
    fn nearest(&self) -> Option<NodeId> {
        self.clear.first().or(self.crossing.first()).copied()
    }
}

/// The safe states before `source` (see the module doc).
fn rollback_targets(plan: &Plan, source: NodeId, before: Before) -> Targets {
    let graph = PlanGraph::new(plan);
    let Some(start) = graph.index(source) else {
        return Targets::default();
    };
    let mut seeds = vec![start];
    if before == Before::AlsoLinkedStates {
        seeds.extend(
            graph
                .in_edges(start, EdgeKind::Validation)
                .map(|(_, state)| state),
        );
    }
    let mut search = Search {
        graph: &graph,
        seen: FixedBitSet::with_capacity(graph.node_count()),
        queue: VecDeque::new(),
    };
    for &seed in &seeds {
        search.visit(seed);
    }
    let mut targets = Targets::default();
    let mut stopped = Vec::new();
    while let Some(node) = search.queue.pop_front() {
        if node != start && graph.is_safe_state(node) {
            targets.clear.push(graph.node(node).id);
        }
        if graph.is_point_of_no_return(node) && !seeds.contains(&node) {
            stopped.push(node);
        } else {
            search.visit_predecessors(node);
        }
    }
    for node in stopped {
        search.visit_predecessors(node);
    }
    while let Some(node) = search.queue.pop_front() {
        if node != start && graph.is_safe_state(node) {
            targets.crossing.push(graph.node(node).id);
        }
        search.visit_predecessors(node);
    }
    targets
}

/// A breadth-first search backwards over forward edges.
struct Search<'g, 'p> {
    graph: &'g PlanGraph<'p>,
    seen: FixedBitSet,
    queue: VecDeque<NodeIndex>,
}

impl Search<'_, '_> {
    fn visit(&mut self, node: NodeIndex) {
        if !self.seen.put(node.index()) {
            self.queue.push_back(node);
        }
    }

    fn visit_predecessors(&mut self, node: NodeIndex) {
        for (_, previous) in self.graph.in_edges(node, EdgeKind::Forward) {
            self.visit(previous);
        }
    }
}

fn midpoint(a: Option<Point>, b: Option<Point>) -> Point {
    match (a, b) {
        (Some(a), Some(b)) => Point::new((a.x + b.x) / 2.0, (a.y + b.y) / 2.0),
        (Some(only), None) | (None, Some(only)) => only,
        (None, None) => Point::default(),
    }
}

/// The unit vector from `origin` towards the mean position of the node's
/// forward successors; to the right when there is none to go by.
fn chain_direction(plan: &Plan, geo: &dyn Geometry, id: NodeId, origin: Point) -> Point {
    let successors: Vec<Point> = plan
        .edges
        .values()
        .filter(|edge| edge.kind == EdgeKind::Forward && edge.from == id)
        .filter_map(|edge| geo.position(edge.to))
        .collect();
    let count = successors.len() as f64;
    let (dx, dy) = successors.iter().fold((0.0, 0.0), |(dx, dy), p| {
        (dx + (p.x - origin.x) / count, dy + (p.y - origin.y) / count)
    });
    let length = dx.hypot(dy);
    if length > f64::EPSILON {
        Point::new(dx / length, dy / length)
    } else {
        Point::new(1.0, 0.0)
    }
}

/// Hands out unused node and edge ids, in increasing order.
struct FreshIds {
    node: u32,
    edge: u32,
}

impl FreshIds {
    fn after(plan: &Plan) -> FreshIds {
        FreshIds {
            node: plan.next_node_id().0,
            edge: plan.next_edge_id().0,
        }
    }

    fn node(&mut self) -> NodeId {
        self.node += 1;
        NodeId(self.node - 1)
    }

    fn edge(&mut self) -> EdgeId {
        self.edge += 1;
        EdgeId(self.edge - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::edit_for;
    use crate::document::Document;
    use crate::edit::Edit;
    use crate::finding::{Finding, QuickFix, RuleId};
    use crate::rules::fixture::Fixture;
    use crate::rules::validate;
    use expect_test::{expect, Expect};

    /// Applies the fix of the first finding of `rule` that offers one;
    /// asserts that the finding goes away and that the inverse edit restores
    /// the document; snapshots the fixed plan and its findings.
    pub(super) fn check_fix(rule: RuleId, text: &str, expect: Expect) {
        let fixture = Fixture::parse(text);
        let original = fixture.doc.clone();
        let findings = validate(&original.plan);
        let finding = findings
            .iter()
            .find(|finding| finding.rule == rule && finding.fix.is_some())
            .expect("a finding of the rule with a fix");
        let fix = finding.fix.as_ref().expect("found with a fix");
        let edit = edit_for(fix, &original.plan, &original.layout).expect("the fix applies");

        let mut doc = original.clone();
        let inverse = edit.apply_to(&mut doc).expect("the edit applies");
        let after = validate(&doc.plan);
        let same = |other: &Finding| {
            (other.rule, &other.nodes, &other.edges)
                == (finding.rule, &finding.nodes, &finding.edges)
        };
        assert!(!after.iter().any(same), "still found: {}", finding.message);
        expect.assert_eq(&format!(
            "{}--\n{}",
            fixture.render_plan(&doc),
            fixture.render_findings(&doc.plan, &after)
        ));

        inverse.apply_to(&mut doc).expect("the inverse applies");
        assert_eq!(doc, original);
    }

    #[test]
    fn add_rollback_goes_to_the_nearest_safe_state_short_of_a_point_of_no_return() {
        // Going back from C, K is no target (not safe), and A, behind it,
        // is nearer than P but what K did cannot be undone by returning
        // there (MF015): P it is.
        check_fix(
            RuleId::MissingRollback,
            r#"
            start S
            phase A expand
            verify V check="rows"
            phase K "Drop the staging table" unsafe
            verify VK check="errors"
            phase P dual_write "Dual-write" entry="deployed" exit="parity"
            verify V1 check="writes"
            verify V2 check="parity"
            verify V3 check="errors"
            verify V4 check="latency"
            phase C "Compact"
            verify W check="bloat"
            end E
            S -> A "staging" -> V -> K -> VK -> C
            S -> P "live" -> V1 -> V2 -> V3 -> V4 -> C
            C -> W -> E
            V ~> S
            K ~> A
            V1 ~> S
            "#,
            expect![[r#"
                start S @0,0
                phase A expand @200,0
                verify V check="rows" @400,0
                phase K "Drop the staging table" unsafe @600,0
                verify VK check="errors" @800,0
                phase P dual_write "Dual-write" entry="deployed" exit="parity" @1000,0
                verify V1 check="writes" @1200,0
                verify V2 check="parity" @1400,0
                verify V3 check="errors" @1600,0
                verify V4 check="latency" @1800,0
                phase C "Compact" @2000,0
                verify W check="bloat" @2200,0
                end E @2400,0
                S -> A "staging"
                A -> V
                V -> K
                K -> VK
                VK -> C
                S -> P "live"
                P -> V1
                V1 -> V2
                V2 -> V3
                V3 -> V4
                V4 -> C
                C -> W
                W -> E
                V ~> S
                K ~> A
                V1 ~> S
                C ~> P "rollback"
                --
            "#]],
        );
    }

    #[test]
    fn retarget_moves_a_rollback_back_across_the_point_of_no_return() {
        check_fix(
            RuleId::RollbackAcrossNoReturn,
            r#"
            start S
            phase X expand
            verify VX check="rows"
            phase K "Drop column email" unsafe
            verify VK check="errors"
            phase N "Reindex"
            verify VN check="bloat"
            end E
            S -> X -> VX -> K -> VK -> N -> VN -> E
            VX ~> S
            K ~> X
            N ~> X
            VN ~> X
            "#,
            expect![[r#"
                start S @0,0
                phase X expand @200,0
                verify VX check="rows" @400,0
                phase K "Drop column email" unsafe @600,0
                verify VK check="errors" @800,0
                phase N "Reindex" @1000,0
                verify VN check="bloat" @1200,0
                end E @1400,0
                S -> X
                X -> VX
                VX -> K
                K -> VK
                VK -> N
                N -> VN
                VN -> E
                VX ~> S
                K ~> X
                N ~> X
                VN ~> N
                --
                MF015 error [N] [N ~> X]
                    Rollback from "Reindex" to "X" crosses a point of no return: every way from "X" to "Reindex" passes a phase that is not safe
            "#]],
        );
    }

    #[test]
    fn retarget_points_a_side_monitor_back_at_the_state_it_guards() {
        check_fix(
            RuleId::RollbackNotBackward,
            r#"
            start S
            phase A expand
            verify M check="lag"
            end E
            S -> A -> E
            A => M
            M ~> E
            A ~> S
            "#,
            expect![[r#"
                start S @0,0
                phase A expand @200,0
                verify M check="lag" @400,0
                end E @600,0
                S -> A
                A -> E
                A => M
                M ~> A
                A ~> S
                --
                MF005 error [A] [A -> E] fix: insert verification into A -> E
                    Phase "A" advances to "E" without a verification
            "#]],
        );
    }

    #[test]
    fn retarget_removes_a_stray_rollback_when_the_right_one_exists() {
        check_fix(
            RuleId::RollbackNotBackward,
            r#"
            start S
            phase A expand
            verify V check="rows"
            end E
            S -> A -> V -> E
            V ~> A
            V ~> E
            "#,
            expect![[r#"
                start S @0,0
                phase A expand @200,0
                verify V check="rows" @400,0
                end E @600,0
                S -> A
                A -> V
                V -> E
                V ~> A
                --
                MF001 error [A] [] fix: add rollback from A
                    Phase "A" has no rollback to a safe state before it
            "#]],
        );
    }

    #[test]
    fn insert_verification_splits_the_edge_keeps_the_label_and_buries_no_node() {
        check_fix(
            RuleId::MissingVerification,
            r#"
            start S
            phase A expand
            phase B backfill
            end E
            S -> A
            A -> B "schema deployed"
            B -> E
            A ~> S
            B ~> A
            "#,
            expect![[r#"
                start S @0,0
                phase A expand @200,0
                phase B backfill @400,0
                end E @600,0
                verify n5 "Verify A" check="Verify A" @300,-82
                S -> A
                A -> n5
                B -> E
                A ~> S
                B ~> A
                n5 -> B "schema deployed"
                --
                MF005 error [B] [B -> E] fix: insert verification into B -> E
                    Phase "B" advances to "E" without a verification
                MF019 warning [B] [] fix: add a replication-lag check to B
                    Backfill phase "B" has no replication-lag check watching it
            "#]],
        );
    }

    #[test]
    fn split_chains_one_phase_per_class_with_checks_between() {
        check_fix(
            RuleId::CollapsedDualWrite,
            r#"
            start S
            phase A expand
            verify V check="rows"
            phase D "Backfill and dual-write" owner="DBA team" entry="column live" exit="parity ok"
            verify W check="parity"
            end E
            S -> A -> V -> D -> W -> E
            V ~> S
            W ~> A
            D ~> A
            "#,
            expect![[r#"
                start S @0,0
                phase A expand @200,0
                verify V check="rows" @400,0
                phase D dual_write "Dual-write" entry="column live" exit="parity ok" owner="DBA team" @600,0
                verify W check="parity" @1160,0
                end E @1360,0
                phase n7 backfill "Backfill" owner="DBA team" @960,0
                verify n8 "Verify Dual-write" check="Verify Dual-write" @780,0
                S -> A
                A -> V
                V -> D
                n7 -> W
                W -> E
                V ~> S
                W ~> A
                n7 ~> A
                D -> n8
                n8 -> n7
                n8 ~> A "rollback"
                --
                MF019 warning [n7] [] fix: add a replication-lag check to n7
                    Backfill phase "Backfill" has no replication-lag check watching it
            "#]],
        );
    }

    #[test]
    fn fixes_that_no_longer_apply_give_no_edit() {
        let fixture = Fixture::parse(
            r#"
            start S
            phase A expand "Expand"
            verify V check="rows"
            end E
            S -> A -> V -> E
            V ~> S
            "#,
        );
        let plan = &fixture.doc.plan;
        let stale = [
            QuickFix::AddRollback {
                from: crate::id::NodeId(99),
            },
            QuickFix::RetargetRollback {
                edge: crate::id::EdgeId(4),
            },
            QuickFix::RetargetRollback {
                edge: crate::id::EdgeId(1),
            },
            QuickFix::InsertVerification {
                edge: crate::id::EdgeId(2),
            },
            QuickFix::SplitCollapsed {
                node: fixture.id("A"),
            },
            QuickFix::AddConcurrently {
                node: fixture.id("A"),
                at: 0,
            },
            QuickFix::AddNotValid {
                node: fixture.id("A"),
                at: 3,
                statement_end: 1,
                validate: String::new(),
            },
        ];
        let edits: Vec<Option<Edit>> = stale
            .iter()
            .map(|fix| edit_for(fix, plan, &fixture.doc.layout))
            .collect();
        assert_eq!(edits, vec![None; stale.len()]);
    }

    /// Applies MF014's quick fixes one at a time, re-validating in between,
    /// until none is left; each must apply, and must not apply twice.
    /// `after_each` sees the document after each fix.
    fn apply_locking_sql_fixes(doc: &mut Document, mut after_each: impl FnMut(&Document)) {
        while let Some(fix) = validate(&doc.plan)
            .into_iter()
            .find(|f| f.rule == RuleId::LockingSql)
            .and_then(|f| f.fix)
        {
            let edit = edit_for(&fix, &doc.plan, &doc.layout).expect("the fix applies");
            edit.apply_to(doc).expect("the edit applies");
            assert_eq!(
                edit_for(&fix, &doc.plan, &doc.layout),
                None,
                "applied twice"
            );
            after_each(doc);
        }
    }

    #[test]
    fn add_concurrently_repairs_each_index_statement_in_turn() {
        let fixture = Fixture::parse(
            r#"phase A expand sql="create index i on t (c); DROP INDEX IF EXISTS j; DROP INDEX CONCURRENTLY k""#,
        );
        let mut doc = fixture.doc.clone();
        let mut texts = vec![doc.plan.nodes[&fixture.id("A")].sql.clone()];
        apply_locking_sql_fixes(&mut doc, |doc| {
            texts.push(doc.plan.nodes[&fixture.id("A")].sql.clone());
        });
        expect![[r#"
            [
                "create index i on t (c); DROP INDEX IF EXISTS j; DROP INDEX CONCURRENTLY k",
                "create index CONCURRENTLY i on t (c); DROP INDEX IF EXISTS j; DROP INDEX CONCURRENTLY k",
                "create index CONCURRENTLY i on t (c); DROP INDEX CONCURRENTLY IF EXISTS j; DROP INDEX CONCURRENTLY k",
            ]
        "#]].assert_debug_eq(&texts);
    }

    #[test]
    fn add_not_valid_splits_a_named_constraint_into_two_steps() {
        let fixture = Fixture::parse(
            r#"
            phase A expand sql="ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (c) REFERENCES p (id), ADD CONSTRAINT ck CHECK (n > 0); SELECT 1"
            phase B expand sql="ALTER TABLE ONLY orders ADD CONSTRAINT positive CHECK (n > 0)"
            phase C expand sql="ALTER TABLE l ADD CONSTRAINT two FOREIGN KEY (a, b) REFERENCES o (a, b), ALTER c TYPE numeric(12, 2);"
            "#,
        );
        let mut doc = fixture.doc.clone();
        apply_locking_sql_fixes(&mut doc, |_| {});
        let sql = |name| doc.plan.nodes[&fixture.id(name)].sql.clone();
        expect![[r#"
            (
                "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (c) REFERENCES p (id) NOT VALID, ADD CONSTRAINT ck CHECK (n > 0) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT ck;\nALTER TABLE orders VALIDATE CONSTRAINT fk; SELECT 1",
                "ALTER TABLE ONLY orders ADD CONSTRAINT positive CHECK (n > 0) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT positive;",
                "ALTER TABLE l ADD CONSTRAINT two FOREIGN KEY (a, b) REFERENCES o (a, b) NOT VALID, ALTER c TYPE numeric(12, 2);\nALTER TABLE l VALIDATE CONSTRAINT two;",
            )
        "#]].assert_debug_eq(&(sql("A"), sql("B"), sql("C")));
    }
}
