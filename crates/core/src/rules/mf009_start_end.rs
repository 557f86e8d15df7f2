//! MF009 start-end (error).
//!
//! A plan has exactly one start node, and at least one end node that is not
//! `aborted` (a successful end). Each of the two conditions that fails is
//! one finding; a finding about several starts names them all.

use super::context::Context;
use crate::finding::{Finding, RuleId, Severity};
use crate::id::NodeId;
use crate::plan::NodeKind;

pub(super) fn start_end(cx: &Context<'_>, findings: &mut Vec<Finding>) {
    let graph = &cx.graph;
    let of_kind = |kind| graph.nodes_of(kind).map(|(_, node)| node);
    let starts: Vec<NodeId> = of_kind(NodeKind::Start).map(|node| node.id).collect();
    let start_problem = match starts.len() {
        1 => None,
        0 => Some("The plan has no start node".to_string()),
        count => Some(format!(
            "The plan has {count} start nodes; it needs exactly one"
        )),
    };
    if let Some(message) = start_problem {
        findings.push(Finding {
            rule: RuleId::StartEnd,
            severity: Severity::Error,
            message,
            nodes: starts,
            edges: Vec::new(),
            hint: "Keep exactly one start node, where the migration begins.".to_string(),
            fix: None,
            sql_line: None,
            follows: None,
        });
    }
    let aborted_ends: Vec<NodeId> = of_kind(NodeKind::End)
        .filter(|node| node.aborted)
        .map(|node| node.id)
        .collect();
    if of_kind(NodeKind::End).all(|node| node.aborted) {
        let message = if aborted_ends.is_empty() {
            "The plan has no end node".to_string()
        } else {
            "The plan has no successful end, only aborted ones".to_string()
        };
        findings.push(Finding {
            rule: RuleId::StartEnd,
            severity: Severity::Error,
            message,
            nodes: aborted_ends,
            edges: Vec::new(),
            hint: "Add an end node (not aborted) where the migration completes.".to_string(),
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
        check_rule(RuleId::StartEnd, text, expect);
    }

    #[test]
    fn one_start_and_a_successful_end_pass() {
        check(
            r#"
            start S
            end X aborted
            end E
            "#,
            expect![[r#""#]],
        );
    }

    #[test]
    fn several_starts_and_only_aborted_ends_fail() {
        check(
            r#"
            start S
            start T
            end X aborted
            "#,
            expect![[r#"
                MF009 error [X] []
                    The plan has no successful end, only aborted ones
                MF009 error [S, T] []
                    The plan has 2 start nodes; it needs exactly one
            "#]],
        );
    }

    #[test]
    fn an_empty_plan_has_neither() {
        check(
            "",
            expect![[r#"
            MF009 error [] []
                The plan has no start node
            MF009 error [] []
                The plan has no end node
        "#]],
        );
    }
}
