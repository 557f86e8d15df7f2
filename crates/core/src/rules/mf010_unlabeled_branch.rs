//! MF010 unlabeled-branch (warning).
//!
//! A node with two or more forward edges out says which way is taken when:
//! each of those edges whose label is blank is one finding, on the node and
//! the edge.

use super::context::Context;
use crate::finding::{Finding, RuleId, Severity};
use crate::plan::EdgeKind;

pub(super) fn unlabeled_branch(cx: &Context<'_>, findings: &mut Vec<Finding>) {
    let graph = &cx.graph;
    for index in graph.indices() {
        if graph.out_edges(index, EdgeKind::Forward).nth(1).is_none() {
            continue;
        }
        let node = graph.node(index);
        for (edge, next) in graph.out_edges(index, EdgeKind::Forward) {
            if !edge.label.trim().is_empty() {
                continue;
            }
            findings.push(Finding {
                rule: RuleId::UnlabeledBranch,
                severity: Severity::Warning,
                message: format!(
                    "{} branches, but its edge to {} has no label",
                    cx.quoted(node),
                    cx.quoted(graph.node(next))
                ),
                nodes: vec![node.id],
                edges: vec![edge.id],
                hint: "Label each branch with the condition that takes it (\"go\", \"no-go\", \
                       \"lag < 5 s\")."
                    .to_string(),
                fix: None,
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
        check_rule(RuleId::UnlabeledBranch, text, expect);
    }

    #[test]
    fn labeled_branches_and_single_ways_out_pass() {
        check(
            r#"
            gate G
            phase A
            end E
            end X aborted
            G -> A "go"
            G -> X "no-go"
            A -> E
            A ~> G
            "#,
            expect![[r#""#]],
        );
    }

    #[test]
    fn each_unlabeled_branch_fails() {
        check(
            r#"
            gate G
            phase A
            end E
            end X aborted
            G -> A "go"
            G -> X
            G -> E " "
            "#,
            expect![[r#"
                MF010 warning [G] [G -> X]
                    "G" branches, but its edge to "X" has no label
                MF010 warning [G] [G -> E " "]
                    "G" branches, but its edge to "E" has no label
            "#]],
        );
    }
}
