//! MF007 dead-end (warning).
//!
//! Every node but an end has a forward edge out. Exempt: side monitors,
//! i.e. verification nodes entered only by validation edges (at least
//! one, and no other kind): when such a check passes nothing happens, and
//! when it fails its rollback edge is taken.

use super::context::Context;
use crate::finding::{Finding, RuleId, Severity};
use crate::plan::{EdgeKind, NodeKind};
use petgraph::Direction;

pub(super) fn dead_end(cx: &Context<'_>, findings: &mut Vec<Finding>) {
    let graph = &cx.graph;
    for index in graph.indices() {
        let kind = graph.kind(index);
        if kind == NodeKind::End || graph.out_edges(index, EdgeKind::Forward).next().is_some() {
            continue;
        }
        let mut incoming = graph.edges(index, Direction::Incoming).peekable();
        let side_monitor = kind == NodeKind::Verification
            && incoming.peek().is_some()
            && incoming.all(|(edge, _)| edge.kind == EdgeKind::Validation);
        if side_monitor {
            continue;
        }
        let node = graph.node(index);
        findings.push(Finding {
            rule: RuleId::DeadEnd,
            severity: Severity::Warning,
            message: format!("{} has no forward way out", cx.quoted(node)),
            nodes: vec![node.id],
            edges: Vec::new(),
            hint: "Add a forward edge to the next step, or to an end.".to_string(),
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
        check_rule(RuleId::DeadEnd, text, expect);
    }

    #[test]
    fn ends_and_side_monitors_may_stop() {
        check(
            r#"
            start S
            phase A
            verify M check="lag"
            end E
            end X aborted
            S -> A -> E
            A => M
            M ~> S
            "#,
            expect![[r#""#]],
        );
    }

    #[test]
    fn other_nodes_without_a_way_forward_fail() {
        check(
            r#"
            start S
            phase A
            verify V check="rows"
            verify M check="lag"
            verify O check="orphan"
            gate G
            start T
            S -> A -> V
            A => M
            S -> M
            V ~> S
            G ~> S
            "#,
            expect![[r#"
                MF007 warning [G] []
                    "G" has no forward way out
                MF007 warning [O] []
                    "O" has no forward way out
                MF007 warning [V] []
                    "V" has no forward way out
                MF007 warning [M] []
                    "M" has no forward way out
                MF007 warning [T] []
                    "T" has no forward way out
            "#]],
        );
    }
}
