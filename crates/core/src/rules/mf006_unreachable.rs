//! MF006 unreachable (warning).
//!
//! Every node is reachable from the start by forward and validation edges
//! (rollback edges do not make a node part of the planned flow). Skipped
//! when the plan has no start, which MF009 reports; with several starts,
//! reachable from any of them counts.

use super::context::Context;
use crate::finding::{Finding, RuleId, Severity};
use crate::graph::EdgeKinds;
use crate::plan::NodeKind;
use petgraph::graph::NodeIndex;
use petgraph::visit::Dfs;

pub(super) fn unreachable(cx: &Context<'_>, findings: &mut Vec<Finding>) {
    let graph = &cx.graph;
    let flow = graph.view(EdgeKinds::FORWARD_AND_VALIDATION);
    let starts: Vec<NodeIndex> = graph
        .nodes_of(NodeKind::Start)
        .map(|(index, _)| index)
        .collect();
    if starts.is_empty() {
        return;
    }
    let mut search = Dfs::empty(&flow);
    for start in starts {
        search.move_to(start);
        while search.next(&flow).is_some() {}
    }
    let reached = search.discovered;
    for index in graph
        .indices()
        .filter(|index| !reached.contains(index.index()))
    {
        let node = graph.node(index);
        findings.push(Finding {
            rule: RuleId::Unreachable,
            severity: Severity::Warning,
            message: format!("{} cannot be reached from the start", cx.quoted(node)),
            nodes: vec![node.id],
            edges: Vec::new(),
            hint: "Connect it with a forward edge (or a validation edge, for a check), \
                   or delete it."
                .to_string(),
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
        check_rule(RuleId::Unreachable, text, expect);
    }

    #[test]
    fn nodes_reached_by_forward_and_validation_edges_pass() {
        check(
            r#"
            start S
            phase A
            verify M check="lag"
            end E
            S -> A -> E
            A => M
            M ~> S
            "#,
            expect![[r#""#]],
        );
    }

    #[test]
    fn nodes_reached_only_by_rollbacks_or_not_at_all_fail() {
        check(
            r#"
            start S
            phase A
            phase B
            verify V ""
            end E
            S -> A -> E
            A ~> B
            V -> E
            "#,
            expect![[r#"
                MF006 warning [B] []
                    "B" cannot be reached from the start
                MF006 warning [V] []
                    n4 cannot be reached from the start
            "#]],
        );
    }

    #[test]
    fn without_a_start_nothing_is_reported() {
        check(
            r#"
            phase A
            end E
            "#,
            expect![[r#""#]],
        );
    }
}
