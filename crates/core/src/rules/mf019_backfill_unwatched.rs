//! MF019 backfill-unwatched (warning).
//!
//! A backfill phase (tag `backfill`) needs a replication-lag check among
//! the checks linked to it or guarding it: a verification node with a
//! replication-lag check, that the phase links to by a validation
//! edge (a side monitor, watched while the job runs) or that is one of its
//! guards. The guards are MF001's: the verification and gate nodes that
//! forward edges from the phase reach through verification and gate nodes
//! only. Without one, nothing throttles or stops the job when replicas fall
//! behind (gh-ost's `--max-lag-millis`, pgroll's batch delay). Each
//! unwatched backfill is one finding.
//!
//! A replication-lag check is one of kind `replication_lag`, or a custom
//! one whose name has the word "lag" ("replica lag < 5 s", not "flag"):
//! plans from the first file format and from plain Mermaid carry their
//! checks as custom ones, named by their text. A check of another kind
//! measures what its kind says, whatever its name.
//!
//! Most backfills are settled by a linked check or the check right after
//! them. Only if some backfill is left is the reach of every guard
//! computed, at once, by a fold over the condensation of the forward graph
//! restricted to verification and gate nodes, as MF001 does.
//!
//! Quick fix: [`QuickFix::AddLagCheck`], always offered.

use super::context::Context;
use crate::finding::{Finding, QuickFix, RuleId, Severity};
use crate::graph::{Fold, PlanGraph};
use crate::plan::{Check, CheckKind, EdgeKind, NodeKind, PhaseTag};
use fixedbitset::FixedBitSet;
use petgraph::graph::NodeIndex;
use petgraph::visit::NodeFiltered;

/// Whether the node is a verification with a replication-lag check.
fn watches_lag(graph: &PlanGraph<'_>, node: NodeIndex) -> bool {
    graph.kind(node) == NodeKind::Verification && graph.node(node).checks.iter().any(is_lag_check)
}

/// A check of kind `replication_lag`, or a custom one named with the word
/// "lag".
fn is_lag_check(check: &Check) -> bool {
    match check.kind {
        CheckKind::ReplicationLag => true,
        CheckKind::Custom => check
            .name
            .split(|c: char| !c.is_alphanumeric())
            .any(|word| word.eq_ignore_ascii_case("lag")),
        _ => false,
    }
}

/// Per guard component: whether a guard reachable from it through guards
/// watches replication lag.
struct Watched<'a, 'p> {
    graph: &'a PlanGraph<'p>,
    watched: FixedBitSet,
}

impl Fold for Watched<'_, '_> {
    fn add_own(&mut self, component: usize, guard: NodeIndex) {
        if watches_lag(self.graph, guard) {
            self.watched.insert(component);
        }
    }

    fn absorb(&mut self, component: usize, other: usize) {
        if self.watched.contains(other) {
            self.watched.insert(component);
        }
    }
}

pub(super) fn backfill_unwatched(cx: &Context<'_>, findings: &mut Vec<Finding>) {
    let graph = &cx.graph;
    let is_guard = |node| matches!(graph.kind(node), NodeKind::Verification | NodeKind::Gate);
    let next_guards = |phase| {
        graph
            .out_edges(phase, EdgeKind::Forward)
            .map(|(_, next)| next)
            .filter(move |&next| is_guard(next))
    };
    let unsettled: Vec<NodeIndex> = graph
        .nodes_of(NodeKind::Phase)
        .filter(|(_, node)| node.phase == PhaseTag::Backfill)
        .map(|(phase, _)| phase)
        .filter(|&phase| {
            let mut linked = graph.out_edges(phase, EdgeKind::Validation);
            !(linked.any(|(_, check)| watches_lag(graph, check))
                || next_guards(phase).any(|guard| watches_lag(graph, guard)))
        })
        .collect();
    if unsettled.is_empty() {
        return;
    }

    let forward = graph.forward();
    let guards = graph.nodes_where(|kind| matches!(kind, NodeKind::Verification | NodeKind::Gate));
    let guard_view = NodeFiltered(&forward, &guards);
    let guard_components = cx.forward.within(&guards, &guard_view);
    let mut watched = Watched {
        graph,
        watched: FixedBitSet::with_capacity(guard_components.count()),
    };
    guard_components.fold_reachable(&guard_view, &mut watched);
    for phase in unsettled {
        if next_guards(phase)
            .any(|guard| watched.watched.contains(guard_components.component(guard)))
        {
            continue;
        }
        let node = graph.node(phase);
        let name = cx.quoted(node);
        findings.push(Finding {
            rule: RuleId::BackfillUnwatched,
            severity: Severity::Warning,
            message: format!("Backfill phase {name} has no replication-lag check watching it"),
            nodes: vec![node.id],
            edges: Vec::new(),
            hint: format!(
                "Link a verification with a replication-lag check to {name} (a validation \
                 edge), or add one to the check after it, so that the job is throttled or \
                 stopped when replicas fall behind."
            ),
            fix: Some(QuickFix::AddLagCheck { backfill: node.id }),
            sql_line: None,
            follows: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::finding::RuleId;
    use crate::rules::fixture::check_rule;
    use expect_test::{expect, Expect};

    fn check(text: &str, expect: Expect) {
        check_rule(RuleId::BackfillUnwatched, text, expect);
    }

    #[test]
    fn a_lag_check_linked_after_or_beyond_a_gate_passes() {
        check(
            r#"
            start S
            phase A backfill "Monitored"
            verify MA check="replica lag" check_kind="replication_lag"
            verify VA check="rows"
            phase B backfill "Checked after"
            verify VB check="rows" check="Replication lag < 5 s"
            phase C backfill "Checked beyond a gate"
            gate G go="ok" approver="DBA"
            verify V1 check="rows"
            verify V2 check="replay" check_kind="replication_lag"
            end E
            S -> A -> VA -> B -> VB -> C -> G -> V1 -> V2 -> E
            A => MA
            "#,
            expect![[r#""#]],
        );
    }

    #[test]
    fn no_lag_check_by_kind_or_word_behind_a_phase_or_before_fails() {
        check(
            r#"
            start S
            phase A backfill "Flag only"
            verify VA check="flag flipped" check="lag" check_kind="row_count"
            phase B backfill "Behind a phase"
            phase X "Vacuum"
            verify VX check="lag" check_kind="replication_lag"
            phase C backfill "Watched before it"
            verify M check="lag" check_kind="replication_lag"
            end E
            S -> A -> VA -> B -> X -> VX -> M -> C -> E
            "#,
            expect![[r#"
                MF019 warning [A] [] fix: add a replication-lag check to A
                    Backfill phase "Flag only" has no replication-lag check watching it
                MF019 warning [B] [] fix: add a replication-lag check to B
                    Backfill phase "Behind a phase" has no replication-lag check watching it
                MF019 warning [C] [] fix: add a replication-lag check to C
                    Backfill phase "Watched before it" has no replication-lag check watching it
            "#]],
        );
    }
}
