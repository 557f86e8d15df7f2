//! MF018 gate-missing-branch (warning).
//!
//! A go/no-go gate with exactly one forward edge out and no rollback edge
//! out is one finding, on the gate and that edge: a decision needs a go
//! way and a no-go way, and the no-go way may be a second forward edge (to
//! an aborted end, a holding state) or a rollback. A gate with no forward
//! way out at all is a dead end, MF007's finding.
//!
//! Quick fix: [`QuickFix::AddNoGo`], offered unless the one way out
//! already goes to an aborted end: then it is the no-go way and what is
//! missing is the go way, which only the author can draw.

use super::context::Context;
use crate::finding::{Finding, QuickFix, RuleId, Severity};
use crate::plan::{EdgeKind, NodeKind};

pub(super) fn gate_missing_branch(cx: &Context<'_>, findings: &mut Vec<Finding>) {
    let graph = &cx.graph;
    for (gate, node) in graph.nodes_of(NodeKind::Gate) {
        let mut ways = graph.out_edges(gate, EdgeKind::Forward);
        let (Some((edge, next)), None) = (ways.next(), ways.next()) else {
            continue;
        };
        if graph.out_edges(gate, EdgeKind::Rollback).next().is_some() {
            continue;
        }
        let next = graph.node(next);
        let to_aborted_end = next.kind == NodeKind::End && next.aborted;
        let name = cx.quoted(node);
        findings.push(Finding {
            rule: RuleId::GateMissingBranch,
            severity: Severity::Warning,
            message: format!(
                "Gate {name} has one way out, to {}: it needs a go way and a no-go way",
                cx.quoted(next)
            ),
            nodes: vec![node.id],
            edges: vec![edge.id],
            hint: "Add the other way: a no-go edge to an aborted end or a holding state, or \
                   a rollback from the gate."
                .to_string(),
            fix: (!to_aborted_end).then_some(QuickFix::AddNoGo { gate: node.id }),
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
        check_rule(RuleId::GateMissingBranch, text, expect);
    }

    #[test]
    fn gates_with_a_second_way_or_a_rollback_pass() {
        check(
            r#"
            start S
            phase X expand
            gate G go="ok" approver="DBA"
            gate H go="ok" approver="DBA"
            gate J
            phase C cutover
            end E
            end F aborted
            S -> X -> G
            G -> H "go"
            G -> F "no-go"
            H -> C "go"
            H ~> X "no-go"
            C -> E
            "#,
            expect![[r#""#]],
        );
    }

    #[test]
    fn a_gate_with_one_way_fails_with_a_fix_unless_that_way_is_the_no_go() {
        check(
            r#"
            start S
            phase X expand
            gate G go="ok" approver="DBA"
            gate H "Go/no-go: drop" go="ok" approver="DBA"
            phase C cutover
            end E
            end F aborted
            S -> X -> G -> C -> H -> F
            H => E
            "#,
            expect![[r#"
                MF018 warning [G] [G -> C] fix: add a no-go way to G
                    Gate "G" has one way out, to "C": it needs a go way and a no-go way
                MF018 warning [H] [H -> F]
                    Gate "Go/no-go: drop" has one way out, to "F": it needs a go way and a no-go way
            "#]],
        );
    }
}
