//! MF011 gate-criteria (warning).
//!
//! A go/no-go gate names at least one non-blank go criterion and a
//! non-blank approver role. One finding per gate, saying what is missing.

use super::context::Context;
use crate::finding::{Finding, RuleId, Severity};
use crate::plan::NodeKind;

pub(super) fn gate_criteria(cx: &Context<'_>, findings: &mut Vec<Finding>) {
    for (_, node) in cx.graph.nodes_of(NodeKind::Gate) {
        let has_criteria = node.go_criteria.iter().any(|c| !c.trim().is_empty());
        let has_approver = !node.approver.trim().is_empty();
        let missing = match (has_criteria, has_approver) {
            (true, true) => continue,
            (false, true) => "go criteria",
            (true, false) => "approver",
            (false, false) => "go criteria and no approver",
        };
        findings.push(Finding {
            rule: RuleId::GateCriteria,
            severity: Severity::Warning,
            message: format!("Gate {} names no {missing}", cx.quoted(node)),
            nodes: vec![node.id],
            edges: Vec::new(),
            hint: "List what must hold to say \"go\" and the role that signs off.".to_string(),
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
        check_rule(RuleId::GateCriteria, text, expect);
    }

    #[test]
    fn gate_with_criteria_and_approver_passes() {
        check(
            r#"gate G go="" go="error rate < 0.1 %" approver="SRE lead""#,
            expect![[r#""#]],
        );
    }

    #[test]
    fn gates_missing_criteria_or_approver_fail() {
        check(
            r#"
            gate G approver="SRE lead"
            gate H go="p99 < 200 ms" approver=" "
            gate I go=" "
            "#,
            expect![[r#"
                MF011 warning [G] []
                    Gate "G" names no go criteria
                MF011 warning [H] []
                    Gate "H" names no approver
                MF011 warning [I] []
                    Gate "I" names no go criteria and no approver
            "#]],
        );
    }
}
