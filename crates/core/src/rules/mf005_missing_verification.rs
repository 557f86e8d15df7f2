//! MF005 missing-verification (error).
//!
//! After a phase `P` the flow must pass a verification node before it
//! reaches a phase or an end. A forward edge `P → y` *starts an unverified
//! path* when `y` is a phase or an end, or when `y` is a gate or the start
//! from which forward edges through gates and the start alone reach a
//! phase or an end. Each such edge is one finding, on `P` and the edge. (A
//! path that comes back to `P` itself counts too; it is also a forward
//! cycle, reported by MF008.)
//!
//! Whether a gate or the start lets the flow through to a phase or an end
//! (*leaks*) is one fold over the condensation of the forward graph
//! restricted to gates and the start, so the rule is linear overall.
//!
//! Quick fix: [`QuickFix::InsertVerification`] for a direct edge to a phase
//! or an end.

use super::context::Context;
use crate::finding::{Finding, QuickFix, RuleId, Severity};
use crate::graph::{Fold, PlanGraph};
use crate::plan::{EdgeKind, NodeKind};
use fixedbitset::FixedBitSet;
use petgraph::graph::NodeIndex;
use petgraph::visit::NodeFiltered;

/// Whether a forward edge into `node` reaches the next state of the flow.
fn advances_to(graph: &PlanGraph<'_>, node: NodeIndex) -> bool {
    matches!(graph.kind(node), NodeKind::Phase | NodeKind::End)
}

/// The pass-through components (gates and the start) that leak: from which
/// forward edges through pass-through nodes alone reach a phase or an end.
struct Leaks<'a, 'p> {
    graph: &'a PlanGraph<'p>,
    leaking: FixedBitSet,
}

impl Fold for Leaks<'_, '_> {
    fn add_own(&mut self, component: usize, node: NodeIndex) {
        let mut next = self.graph.out_edges(node, EdgeKind::Forward);
        if next.any(|(_, next)| advances_to(self.graph, next)) {
            self.leaking.insert(component);
        }
    }

    fn absorb(&mut self, component: usize, other: usize) {
        if self.leaking.contains(other) {
            self.leaking.insert(component);
        }
    }
}

pub(super) fn missing_verification(cx: &Context<'_>, findings: &mut Vec<Finding>) {
    let graph = &cx.graph;
    let forward = graph.forward();
    let pass_through = graph.nodes_where(|kind| matches!(kind, NodeKind::Gate | NodeKind::Start));
    let pass_through_view = NodeFiltered(&forward, &pass_through);
    let components = cx.forward.within(&pass_through, &pass_through_view);
    let mut leaks = Leaks {
        graph,
        leaking: FixedBitSet::with_capacity(components.count()),
    };
    components.fold_reachable(&pass_through_view, &mut leaks);

    for (phase, node) in graph.nodes_of(NodeKind::Phase) {
        for (edge, next) in graph.out_edges(phase, EdgeKind::Forward) {
            let direct = advances_to(graph, next);
            let leaks_on = || {
                pass_through.contains(next.index())
                    && leaks.leaking.contains(components.component(next))
            };
            if !direct && !leaks_on() {
                continue;
            }
            let name = cx.quoted(node);
            let next_name = cx.quoted(graph.node(next));
            let (message, fix) = if direct {
                (
                    format!("Phase {name} advances to {next_name} without a verification"),
                    Some(QuickFix::InsertVerification { edge: edge.id }),
                )
            } else {
                (
                    format!(
                        "Phase {name} advances through {next_name} to a phase or an end \
                         without a verification"
                    ),
                    None,
                )
            };
            findings.push(Finding {
                rule: RuleId::MissingVerification,
                severity: Severity::Error,
                message,
                nodes: vec![node.id],
                edges: vec![edge.id],
                hint: format!(
                    "Add a verification (row counts, health probe, replication lag…) \
                     after {name}, before the flow moves on."
                ),
                fix,
                sql_line: None,
                follows: None,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::finding::RuleId;
    use crate::rules::fixture::check_rule;
    use expect_test::{expect, Expect};

    fn check(text: &str, expect: Expect) {
        check_rule(RuleId::MissingVerification, text, expect);
    }

    #[test]
    fn phases_followed_by_verifications_pass() {
        check(
            r#"
            start S
            gate G go="ok" approver="DBA"
            phase A expand
            verify V check="rows"
            gate H go="ok" approver="DBA"
            phase B backfill
            verify W check="parity"
            end E
            S -> G -> A -> V -> H -> B -> W -> E
            "#,
            expect![[r#""#]],
        );
    }

    #[test]
    fn direct_and_gated_paths_around_a_check_fail() {
        check(
            r#"
            start S
            phase A expand
            phase B backfill
            gate G go="ok" approver="DBA"
            gate H go="ok" approver="DBA"
            gate K go="ok" approver="DBA"
            verify V check="rows"
            end E
            S -> A -> B -> E
            A -> G -> H -> G
            H -> E
            B -> K -> V -> E
            "#,
            expect![[r#"
                MF005 error [A] [A -> B] fix: insert verification into A -> B
                    Phase "A" advances to "B" without a verification
                MF005 error [A] [A -> G]
                    Phase "A" advances through "G" to a phase or an end without a verification
                MF005 error [B] [B -> E] fix: insert verification into B -> E
                    Phase "B" advances to "E" without a verification
            "#]],
        );
    }
}
