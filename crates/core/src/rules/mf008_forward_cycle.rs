//! MF008 forward-cycle (error).
//!
//! Forward edges form no cycle: one finding per strongly connected
//! component of the forward graph that contains a cycle, listing its nodes
//! and the forward edges between them.

use super::context::Context;
use crate::finding::{Finding, RuleId, Severity};
use crate::plan::EdgeKind;

/// How many node names a message lists before summarising the rest.
const NAMED_NODES: usize = 4;

pub(super) fn forward_cycle(cx: &Context<'_>, findings: &mut Vec<Finding>) {
    let graph = &cx.graph;
    for members in cx.forward.cycles() {
        let mut members = members.to_vec();
        members.sort();
        let component = cx.forward.component(members[0]);
        let mut edges: Vec<_> = members
            .iter()
            .flat_map(|&node| graph.out_edges(node, EdgeKind::Forward))
            .filter(|&(_, next)| cx.forward.component(next) == component)
            .map(|(edge, _)| edge.id)
            .collect();
        edges.sort();
        let mut names: Vec<String> = members
            .iter()
            .take(NAMED_NODES)
            .map(|&node| cx.quoted(graph.node(node)))
            .collect();
        if members.len() > NAMED_NODES {
            names.push(format!("{} more", members.len() - NAMED_NODES));
        }
        findings.push(Finding {
            rule: RuleId::ForwardCycle,
            severity: Severity::Error,
            message: format!("Forward edges form a cycle through {}", names.join(", ")),
            nodes: members.iter().map(|&node| graph.node(node).id).collect(),
            edges,
            hint: "A migration moves one way: make the edge that goes back a rollback.".to_string(),
            fix: None,
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
        check_rule(RuleId::ForwardCycle, text, expect);
    }

    #[test]
    fn loops_through_rollbacks_and_validations_are_not_cycles() {
        check(
            r#"
            start S
            phase A
            verify V check="rows"
            S -> A -> V
            V ~> S
            V => A
            "#,
            expect![[r#""#]],
        );
    }

    #[test]
    fn each_forward_cycle_is_one_finding() {
        check(
            r#"
            start S
            phase A
            phase B
            phase C
            phase D
            phase F
            phase G
            phase H
            phase I
            phase J
            S -> A -> B -> A
            B -> C
            C -> D -> F -> G -> H -> I -> J -> C
            "#,
            expect![[r#"
                MF008 error [A, B] [A -> B, B -> A]
                    Forward edges form a cycle through "A", "B"
                MF008 error [C, D, F, G, H, I, J] [C -> D, D -> F, F -> G, G -> H, H -> I, I -> J, J -> C]
                    Forward edges form a cycle through "C", "D", "F", "G", 3 more
            "#]],
        );
    }
}
