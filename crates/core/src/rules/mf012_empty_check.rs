//! MF012 empty-check (warning).
//!
//! A verification node names at least one check: a check whose name is
//! not blank.

use super::context::Context;
use crate::finding::{Finding, RuleId, Severity};
use crate::plan::NodeKind;

pub(super) fn empty_check(cx: &Context<'_>, findings: &mut Vec<Finding>) {
    for (_, node) in cx.graph.nodes_of(NodeKind::Verification) {
        if node
            .checks
            .iter()
            .any(|check| !check.name.trim().is_empty())
        {
            continue;
        }
        findings.push(Finding {
            rule: RuleId::EmptyCheck,
            severity: Severity::Warning,
            message: format!("Verification {} names no check", cx.quoted(node)),
            nodes: vec![node.id],
            edges: Vec::new(),
            hint:
                "Add a check with a name and a threshold, e.g. \"row counts match\" within 0.1 %."
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
        check_rule(RuleId::EmptyCheck, text, expect);
    }

    #[test]
    fn verification_naming_a_check_passes() {
        check(
            r#"verify V check="" check="row counts match""#,
            expect![[r#""#]],
        );
    }

    #[test]
    fn verifications_without_a_named_check_fail() {
        check(
            r#"
            verify V
            verify W check="  "
            verify X ""
            phase P
            "#,
            expect![[r#"
                MF012 warning [V] []
                    Verification "V" names no check
                MF012 warning [W] []
                    Verification "W" names no check
                MF012 warning [X] []
                    Verification n3 names no check
            "#]],
        );
    }
}
