//! Property tests of validation, quick fixes and undo.
//!
//! - Validation never panics on arbitrary plans (any kinds, flags, titles,
//!   and edges, cycles included; every edge joins two existing nodes), is
//!   deterministic, sorts its findings and names only existing ids.
//! - The graph rules (MF001, MF002, MF005 to MF008, MF015 to MF019) find
//!   exactly what a naive reading of their definitions finds, one search
//!   per question, fix offers included: the closures, condensations and
//!   fast paths of the real rules change the cost, never the answer.
//! - Every offered quick fix yields an edit that applies, removes the
//!   finding it was offered for, and whose inverse restores the document.
//! - Random sequences of valid edits, applied through [`History`], undo
//!   step by step back to the original document and redo to the final one.

use migraflow_core::fix::edit_for;
use migraflow_core::rules::validate;
use migraflow_core::{
    Check, CheckKind, Document, Edge, EdgeId, EdgeKind, Edit, Finding, History, Node, NodeId,
    NodeKind, PhaseTag, Plan, Point, RuleId,
};
use proptest::prelude::*;
use proptest::sample::Index;
use std::collections::BTreeSet;

const TITLES: [&str; 9] = [
    "",
    "Expand: add column",
    "Dual-write + backfill",
    "Backfill",
    "Cut over and drop the old table",
    "Audit",
    "Verify",
    "contract",
    "Switch reads",
];
const TEXTS: [&str; 4] = ["", " ", "rows match", "replica lag"];

/// Everything a generated node is made of.
type NodeParts = (
    Index,
    Index,
    bool,
    bool,
    Index,
    Vec<Index>,
    Vec<Index>,
    Index,
);

fn node_parts() -> impl Strategy<Value = NodeParts> {
    (
        any::<Index>(),
        any::<Index>(),
        any::<bool>(),
        any::<bool>(),
        any::<Index>(),
        prop::collection::vec(any::<Index>(), 0..3),
        prop::collection::vec(any::<Index>(), 0..3),
        any::<Index>(),
    )
}

fn build_node(id: NodeId, parts: &NodeParts) -> Node {
    let (kind, tag, safe, aborted, title, checks, conditions, approver) = parts;
    let mut node = Node::new(id, *kind.get(&NodeKind::ALL), *title.get(&TITLES));
    node.phase = *tag.get(&PhaseTag::ALL);
    node.safe = *safe;
    node.aborted = *aborted;
    node.checks = checks
        .iter()
        .map(|name| Check {
            name: name.get(&TEXTS).to_string(),
            ..Check::default()
        })
        .collect();
    let texts: Vec<String> = conditions
        .iter()
        .map(|t| t.get(&TEXTS).to_string())
        .collect();
    node.entry_conditions = texts.clone();
    node.exit_conditions = texts.iter().rev().cloned().collect();
    node.go_criteria = texts;
    node.approver = approver.get(&TEXTS).to_string();
    node
}

/// An arbitrary document of up to `max_nodes` nodes; edges that would be
/// self-loops or duplicates are dropped, as the editor refuses them.
fn documents(max_nodes: usize) -> impl Strategy<Value = Document> {
    let nodes = prop::collection::vec(node_parts(), 0..max_nodes);
    let edges = prop::collection::vec(
        (
            any::<Index>(),
            any::<Index>(),
            any::<Index>(),
            any::<Index>(),
        ),
        0..max_nodes * 2,
    );
    (nodes, edges).prop_map(|(nodes, edges)| {
        let mut doc = Document::new("generated");
        for (position, parts) in nodes.iter().enumerate() {
            let node = build_node(doc.plan.next_node_id(), parts);
            doc.insert_node(node, Point::new(120.0 * position as f64, 0.0));
        }
        let ids: Vec<NodeId> = doc.plan.nodes.keys().copied().collect();
        if ids.is_empty() {
            return doc;
        }
        for (from, to, kind, label) in edges {
            let (from, to) = (*from.get(&ids), *to.get(&ids));
            let kind = *kind.get(&EdgeKind::ALL);
            if from != to && !doc.plan.has_edge(kind, from, to) {
                let label = *label.get::<&str>(&TEXTS);
                doc.add_edge(kind, from, to, label);
            }
        }
        doc
    })
}

/// What makes a finding the same finding after an edit.
fn identity(finding: &Finding) -> impl PartialEq + std::fmt::Debug + '_ {
    (finding.rule, &finding.nodes, &finding.edges)
}

proptest! {
    #[test]
    fn validation_is_total_sorted_and_names_existing_ids(doc in documents(24)) {
        let findings = validate(&doc.plan);
        prop_assert_eq!(&findings, &validate(&doc.plan));
        // Grouped by cause: each cause, then the findings that follow from
        // it; the groups by their worst severity; within a group, the
        // followers in the rules' order.
        let mut groups: Vec<Vec<&Finding>> = Vec::new();
        for (i, finding) in findings.iter().enumerate() {
            match finding.follows {
                None => groups.push(vec![finding]),
                Some(root) => {
                    prop_assert!(root < i && findings[root].follows.is_none());
                    prop_assert!(std::ptr::eq(groups.last().unwrap()[0], &findings[root]), "follows its group's cause");
                    groups.last_mut().unwrap().push(finding);
                }
            }
        }
        let worst: Vec<_> = groups.iter().map(|g| g.iter().map(|f| f.severity).min()).collect();
        prop_assert!(worst.windows(2).all(|pair| pair[0] <= pair[1]), "groups unsorted: {worst:?}");
        for group in &groups {
            let keys: Vec<_> = group[1..]
                .iter()
                .map(|f| (f.severity, f.rule, f.nodes.first().copied(), f.edges.first().copied()))
                .collect();
            prop_assert!(keys.windows(2).all(|pair| pair[0] <= pair[1]), "unsorted: {keys:?}");
        }
        for finding in &findings {
            prop_assert!(finding.nodes.iter().all(|id| doc.plan.nodes.contains_key(id)));
            prop_assert!(finding.edges.iter().all(|id| doc.plan.edges.contains_key(id)));
        }
    }

    #[test]
    fn graph_rules_agree_with_their_naive_definitions(doc in documents(14)) {
        let graph_rules = [
            RuleId::MissingRollback,
            RuleId::RollbackNotBackward,
            RuleId::MissingVerification,
            RuleId::Unreachable,
            RuleId::DeadEnd,
            RuleId::ForwardCycle,
            RuleId::RollbackAcrossNoReturn,
            RuleId::ContractBeforeCutover,
            RuleId::CutoverWithoutGate,
            RuleId::GateMissingBranch,
            RuleId::BackfillUnwatched,
        ];
        let found: BTreeSet<Expected> = validate(&doc.plan)
            .into_iter()
            .filter(|finding| graph_rules.contains(&finding.rule))
            .map(|f| (f.rule, f.nodes, f.edges, f.fix.is_some()))
            .collect();
        prop_assert_eq!(found, Naive(&doc.plan).findings());
    }

    #[test]
    fn every_offered_fix_applies_removes_its_finding_and_undoes(doc in documents(16)) {
        for finding in validate(&doc.plan).iter().filter(|f| f.fix.is_some()) {
            let fix = finding.fix.as_ref().expect("filtered on fixes");
            let edit = edit_for(fix, &doc.plan, &doc.layout);
            prop_assert!(edit.is_some(), "no edit for {:?} ({})", fix, finding.message);
            let mut fixed = doc.clone();
            let inverse = edit.expect("checked").apply_to(&mut fixed);
            prop_assert!(inverse.is_ok(), "{:?} does not apply: {:?}", fix, inverse);
            let after = validate(&fixed.plan);
            prop_assert!(
                !after.iter().any(|other| identity(other) == identity(finding)),
                "{:?} left its finding: {}", fix, finding.message
            );
            inverse.expect("checked").apply_to(&mut fixed).expect("the inverse applies");
            prop_assert_eq!(&fixed, &doc);
        }
    }

    #[test]
    fn history_undoes_and_redoes_random_edit_sequences(
        doc in documents(8),
        steps in prop::collection::vec(edit_choice(), 1..24),
    ) {
        let mut current = doc.clone();
        let mut history = History::default();
        let mut states = vec![current.clone()];
        for choice in &steps {
            let edit = choice.edit_for(&current);
            let applied = history.apply("step", edit.clone(), &mut current.plan, &mut current.layout);
            prop_assert!(applied.is_ok(), "{edit:?} was refused: {applied:?}");
            states.push(current.clone());
        }
        for expected in states.iter().rev().skip(1) {
            prop_assert!(history.undo(&mut current.plan, &mut current.layout).is_some());
            prop_assert_eq!(&current, expected);
        }
        prop_assert!(!history.can_undo());
        for expected in states.iter().skip(1) {
            prop_assert!(history.redo(&mut current.plan, &mut current.layout).is_some());
            prop_assert_eq!(&current, expected);
        }
        prop_assert!(!history.can_redo());
    }
}

/// A random edit, made valid for whatever document it is applied to.
#[derive(Clone, Debug)]
enum EditChoice {
    AddNode(NodeParts, Point),
    RemoveNode(Index),
    RetitleNode(Index, Index),
    ChangeKind(Index, Index),
    AddEdge(Index, Index, Index),
    RemoveEdge(Index),
    RelabelEdge(Index, Index),
    Move(Index, Point),
    SetTitle(Index),
    Batch(Vec<EditChoice>),
}

fn edit_choice() -> impl Strategy<Value = EditChoice> {
    let point = (-500.0..500.0f64, -500.0..500.0f64).prop_map(|(x, y)| Point::new(x, y));
    let leaf = prop_oneof![
        (node_parts(), point.clone()).prop_map(|(parts, at)| EditChoice::AddNode(parts, at)),
        any::<Index>().prop_map(EditChoice::RemoveNode),
        (any::<Index>(), any::<Index>()).prop_map(|(n, t)| EditChoice::RetitleNode(n, t)),
        (any::<Index>(), any::<Index>()).prop_map(|(n, k)| EditChoice::ChangeKind(n, k)),
        (any::<Index>(), any::<Index>(), any::<Index>())
            .prop_map(|(a, b, k)| EditChoice::AddEdge(a, b, k)),
        any::<Index>().prop_map(EditChoice::RemoveEdge),
        (any::<Index>(), any::<Index>()).prop_map(|(e, l)| EditChoice::RelabelEdge(e, l)),
        (any::<Index>(), point).prop_map(|(n, at)| EditChoice::Move(n, at)),
        any::<Index>().prop_map(EditChoice::SetTitle),
    ];
    leaf.prop_recursive(2, 8, 4, |inner| {
        prop::collection::vec(inner, 1..4).prop_map(EditChoice::Batch)
    })
}

impl EditChoice {
    /// The edit this choice stands for in `doc`: one that applies. A choice
    /// that needs something the document lacks (an edge to remove in a
    /// plan without edges) becomes a retitle of the plan.
    fn edit_for(&self, doc: &Document) -> Edit {
        let mut scratch = doc.clone();
        self.edit_in(&mut scratch)
    }

    /// Like [`EditChoice::edit_for`], applying the edit to `doc` as well so
    /// that later parts of a batch see the earlier ones.
    fn edit_in(&self, doc: &mut Document) -> Edit {
        let edit = self.plan_edit(doc);
        edit.apply_to(doc)
            .expect("choices are made valid for the document");
        edit
    }

    fn plan_edit(&self, doc: &Document) -> Edit {
        let plan = &doc.plan;
        let node = |index: &Index| -> Option<&Node> {
            let ids: Vec<&NodeId> = plan.nodes.keys().collect();
            (!ids.is_empty()).then(|| &plan.nodes[*index.get(&ids)])
        };
        let edge = |index: &Index| -> Option<&Edge> {
            let edges: Vec<&Edge> = plan.edges.values().collect();
            (!edges.is_empty()).then(|| *index.get(&edges))
        };
        let fallback = Edit::SetTitle(format!("plan {}", plan.nodes.len()));
        match self {
            EditChoice::AddNode(parts, at) => Edit::AddNode {
                node: build_node(plan.next_node_id(), parts),
                at: *at,
            },
            EditChoice::RemoveNode(index) => {
                node(index).map_or(fallback, |n| Edit::RemoveNode(n.id))
            }
            EditChoice::RetitleNode(index, title) => node(index).map_or(fallback, |n| {
                Edit::UpdateNode(Node {
                    title: title.get(&TITLES).to_string(),
                    ..n.clone()
                })
            }),
            EditChoice::ChangeKind(index, kind) => node(index).map_or(fallback, |n| {
                Edit::UpdateNode(Node {
                    kind: *kind.get(&NodeKind::ALL),
                    ..n.clone()
                })
            }),
            EditChoice::AddEdge(from, to, kind) => {
                let (Some(from), Some(to)) = (node(from), node(to)) else {
                    return fallback;
                };
                let kind = *kind.get(&EdgeKind::ALL);
                if from.id == to.id || plan.has_edge(kind, from.id, to.id) {
                    return fallback;
                }
                Edit::AddEdge(Edge::new(plan.next_edge_id(), kind, from.id, to.id))
            }
            EditChoice::RemoveEdge(index) => {
                edge(index).map_or(fallback, |e| Edit::RemoveEdge(e.id))
            }
            EditChoice::RelabelEdge(index, label) => edge(index).map_or(fallback, |e| {
                Edit::UpdateEdge(e.clone().labeled(label.get(&TEXTS).to_string()))
            }),
            EditChoice::Move(index, at) => {
                node(index).map_or(fallback, |n| Edit::Move(vec![(n.id, *at)]))
            }
            EditChoice::SetTitle(title) => Edit::SetTitle(title.get(&TITLES).to_string()),
            EditChoice::Batch(choices) => {
                let mut scratch = doc.clone();
                Edit::Batch(
                    choices
                        .iter()
                        .map(|choice| choice.edit_in(&mut scratch))
                        .collect(),
                )
            }
        }
    }
}

/// A finding as the naive model states it: rule, nodes, edges, fix offered.
type Expected = (RuleId, Vec<NodeId>, Vec<EdgeId>, bool);

/// The graph rules read literally off their definitions, with a fresh
/// search for every question: slow, and obviously right.
struct Naive<'p>(&'p Plan);

impl Naive<'_> {
    fn kind(&self, id: NodeId) -> NodeKind {
        self.0.nodes[&id].kind
    }

    fn edges(&self, kind: EdgeKind) -> impl Iterator<Item = &Edge> {
        self.0.edges.values().filter(move |edge| edge.kind == kind)
    }

    fn successors(&self, id: NodeId, kind: EdgeKind) -> impl Iterator<Item = NodeId> + '_ {
        self.edges(kind).filter(move |e| e.from == id).map(|e| e.to)
    }

    /// Nodes reached from `starts` by edges of `kinds`, stepping only
    /// through nodes for which `pass` holds (the starts excepted).
    fn reach(
        &self,
        starts: impl IntoIterator<Item = NodeId>,
        kinds: &[EdgeKind],
        backwards: bool,
        pass: impl Fn(NodeId) -> bool,
    ) -> BTreeSet<NodeId> {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<NodeId> = starts.into_iter().collect();
        let mut first = true;
        while !stack.is_empty() {
            let mut next = Vec::new();
            for id in stack {
                if !first && (!pass(id) || !seen.insert(id)) {
                    continue;
                }
                for edge in self.0.edges.values().filter(|e| kinds.contains(&e.kind)) {
                    let (from, to) = if backwards {
                        (edge.to, edge.from)
                    } else {
                        (edge.from, edge.to)
                    };
                    if from == id {
                        next.push(to);
                    }
                }
            }
            first = false;
            stack = next;
        }
        seen
    }

    fn forward_ancestors(&self, id: NodeId) -> BTreeSet<NodeId> {
        self.reach([id], &[EdgeKind::Forward], true, |_| true)
    }

    fn safe_state(&self, id: NodeId) -> bool {
        let node = &self.0.nodes[&id];
        node.kind == NodeKind::Start || (node.kind == NodeKind::Phase && node.safe)
    }

    /// The forward-ancestors of `source`, and the states validation edges
    /// link to it together with theirs.
    fn before(&self, source: NodeId) -> BTreeSet<NodeId> {
        let mut before = self.forward_ancestors(source);
        for linked in self.edges(EdgeKind::Validation).filter(|e| e.to == source) {
            before.insert(linked.from);
            before.extend(self.forward_ancestors(linked.from));
        }
        before
    }

    fn valid_rollback(&self, edge: &Edge) -> bool {
        self.safe_state(edge.to) && self.before(edge.from).contains(&edge.to)
    }

    fn has_safe_other_than(&self, nodes: &BTreeSet<NodeId>, besides: NodeId) -> bool {
        nodes.iter().any(|&id| id != besides && self.safe_state(id))
    }

    fn point_of_no_return(&self, id: NodeId) -> bool {
        let node = &self.0.nodes[&id];
        node.kind == NodeKind::Phase && !node.safe
    }

    fn tagged(&self, id: NodeId, tag: PhaseTag) -> bool {
        let node = &self.0.nodes[&id];
        node.kind == NodeKind::Phase && node.phase == tag
    }

    /// The nodes forward paths from a start reach without passing a node
    /// for which `stop` holds (such a node is left out, as no rule asks
    /// about it).
    fn reached_without(&self, stop: impl Fn(NodeId) -> bool) -> BTreeSet<NodeId> {
        let starts = self.0.nodes.values().filter(|n| n.kind == NodeKind::Start);
        let starts: Vec<NodeId> = starts.map(|n| n.id).collect();
        let mut reached = self.reach(starts.iter().copied(), &[EdgeKind::Forward], false, |id| {
            !stop(id)
        });
        reached.extend(starts);
        reached
    }

    /// MF019's reading of a check that watches replica lag.
    fn watches_lag(&self, id: NodeId) -> bool {
        let node = &self.0.nodes[&id];
        node.kind == NodeKind::Verification
            && node.checks.iter().any(|check| match check.kind {
                CheckKind::ReplicationLag => true,
                CheckKind::Custom => check
                    .name
                    .to_lowercase()
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|word| word == "lag"),
                _ => false,
            })
    }

    fn findings(&self) -> BTreeSet<Expected> {
        let plan = self.0;
        let mut found = BTreeSet::new();
        let is_guard = |id| matches!(self.kind(id), NodeKind::Verification | NodeKind::Gate);
        let phases = plan
            .nodes
            .values()
            .filter(|n| n.kind == NodeKind::Phase)
            .map(|n| n.id);

        for phase in phases.clone() {
            if !self.edges(EdgeKind::Forward).any(|e| e.to == phase) {
                continue;
            }
            let ancestors = self.forward_ancestors(phase);
            let mut sources = self.reach([phase], &[EdgeKind::Forward], false, is_guard);
            sources.retain(|&id| is_guard(id));
            sources.extend(
                self.successors(phase, EdgeKind::Validation)
                    .filter(|&id| self.kind(id) == NodeKind::Verification),
            );
            sources.insert(phase);
            let covered = self.edges(EdgeKind::Rollback).any(|edge| {
                sources.contains(&edge.from)
                    && self.valid_rollback(edge)
                    && edge.to != phase
                    && ancestors.contains(&edge.to)
            });
            if !covered {
                let fix = self.has_safe_other_than(&ancestors, phase);
                found.insert((RuleId::MissingRollback, vec![phase], vec![], fix));
            }
        }

        for edge in self
            .edges(EdgeKind::Rollback)
            .filter(|e| !self.valid_rollback(e))
        {
            let fix = self.has_safe_other_than(&self.before(edge.from), edge.from);
            found.insert((
                RuleId::RollbackNotBackward,
                vec![edge.from],
                vec![edge.id],
                fix,
            ));
        }

        let advances = |id| matches!(self.kind(id), NodeKind::Phase | NodeKind::End);
        let passes = |id| matches!(self.kind(id), NodeKind::Gate | NodeKind::Start);
        for phase in phases {
            for edge in self.edges(EdgeKind::Forward).filter(|e| e.from == phase) {
                let leaks = advances(edge.to)
                    || (passes(edge.to) && {
                        let mut through =
                            self.reach([edge.to], &[EdgeKind::Forward], false, passes);
                        through.insert(edge.to);
                        through.iter().any(|&id| {
                            passes(id) && self.successors(id, EdgeKind::Forward).any(advances)
                        })
                    });
                if leaks {
                    let fix = advances(edge.to);
                    found.insert((RuleId::MissingVerification, vec![phase], vec![edge.id], fix));
                }
            }
        }

        let starts: Vec<NodeId> = plan
            .nodes
            .values()
            .filter(|n| n.kind == NodeKind::Start)
            .map(|n| n.id)
            .collect();
        if !starts.is_empty() {
            let flow = [EdgeKind::Forward, EdgeKind::Validation];
            let mut reached = self.reach(starts.iter().copied(), &flow, false, |_| true);
            reached.extend(starts);
            for id in plan.nodes.keys().filter(|id| !reached.contains(id)) {
                found.insert((RuleId::Unreachable, vec![*id], vec![], false));
            }
        }

        for node in plan.nodes.values() {
            let incoming: Vec<&Edge> = plan.edges.values().filter(|e| e.to == node.id).collect();
            let side_monitor = node.kind == NodeKind::Verification
                && !incoming.is_empty()
                && incoming.iter().all(|e| e.kind == EdgeKind::Validation);
            let way_out = self.successors(node.id, EdgeKind::Forward).next().is_some();
            if node.kind != NodeKind::End && !way_out && !side_monitor {
                found.insert((RuleId::DeadEnd, vec![node.id], vec![], false));
            }
        }

        for edge in self
            .edges(EdgeKind::Rollback)
            .filter(|e| self.valid_rollback(e))
        {
            let mut positions = vec![edge.from];
            positions.extend(
                self.edges(EdgeKind::Validation)
                    .filter(|e| e.to == edge.from)
                    .map(|e| e.from),
            );
            let mut clear = self.reach(
                positions.iter().copied(),
                &[EdgeKind::Forward],
                true,
                |id| !self.point_of_no_return(id),
            );
            clear.extend(positions);
            if !clear.contains(&edge.to) {
                let fix = self.has_safe_other_than(&clear, edge.from);
                found.insert((
                    RuleId::RollbackAcrossNoReturn,
                    vec![edge.from],
                    vec![edge.id],
                    fix,
                ));
            }
        }

        let before_cutover = self.reached_without(|id| self.tagged(id, PhaseTag::Cutover));
        for &id in before_cutover
            .iter()
            .filter(|&&id| self.tagged(id, PhaseTag::Contract))
        {
            found.insert((RuleId::ContractBeforeCutover, vec![id], vec![], false));
        }
        let before_gate = self.reached_without(|id| self.kind(id) == NodeKind::Gate);
        for &id in before_gate
            .iter()
            .filter(|&&id| self.tagged(id, PhaseTag::Cutover))
        {
            found.insert((RuleId::CutoverWithoutGate, vec![id], vec![], true));
        }

        for gate in plan.nodes.values().filter(|n| n.kind == NodeKind::Gate) {
            let ways: Vec<&Edge> = self
                .edges(EdgeKind::Forward)
                .filter(|e| e.from == gate.id)
                .collect();
            let rollback = self.edges(EdgeKind::Rollback).any(|e| e.from == gate.id);
            if let ([way], false) = (ways.as_slice(), rollback) {
                let next = &plan.nodes[&way.to];
                let fix = !(next.kind == NodeKind::End && next.aborted);
                found.insert((RuleId::GateMissingBranch, vec![gate.id], vec![way.id], fix));
            }
        }

        let backfills = plan
            .nodes
            .keys()
            .filter(|&&id| self.tagged(id, PhaseTag::Backfill));
        for &backfill in backfills {
            let mut checks = self.reach([backfill], &[EdgeKind::Forward], false, is_guard);
            checks.retain(|&id| is_guard(id));
            checks.extend(self.successors(backfill, EdgeKind::Validation));
            if !checks.iter().any(|&id| self.watches_lag(id)) {
                found.insert((RuleId::BackfillUnwatched, vec![backfill], vec![], true));
            }
        }

        let mut in_cycles = BTreeSet::new();
        for &id in plan.nodes.keys() {
            if in_cycles.contains(&id) || !self.forward_ancestors(id).contains(&id) {
                continue;
            }
            let ancestors = self.forward_ancestors(id);
            let cycle: Vec<NodeId> = plan
                .nodes
                .keys()
                .copied()
                .filter(|other| {
                    ancestors.contains(other) && self.forward_ancestors(*other).contains(&id)
                })
                .collect();
            let edges = self
                .edges(EdgeKind::Forward)
                .filter(|e| cycle.contains(&e.from) && cycle.contains(&e.to))
                .map(|e| e.id)
                .collect();
            in_cycles.extend(cycle.iter().copied());
            found.insert((RuleId::ForwardCycle, cycle, edges, false));
        }
        found
    }
}
