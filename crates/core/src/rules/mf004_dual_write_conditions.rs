//! MF004 dual-write-conditions (error).
//!
//! A phase tagged `dual_write` states when dual-writing may start and when
//! it may stop: it has at least one non-blank entry condition and at least
//! one non-blank exit condition (blank strings count as missing).

use super::context::Context;
use crate::finding::{Finding, RuleId, Severity};
use crate::plan::{NodeKind, PhaseTag};

pub(super) fn dual_write_conditions(cx: &Context<'_>, findings: &mut Vec<Finding>) {
    let stated = |conditions: &[String]| conditions.iter().any(|c| !c.trim().is_empty());
    for (_, node) in cx.graph.nodes_of(NodeKind::Phase) {
        if node.phase != PhaseTag::DualWrite {
            continue;
        }
        let missing = match (
            stated(&node.entry_conditions),
            stated(&node.exit_conditions),
        ) {
            (true, true) => continue,
            (false, true) => "entry conditions",
            (true, false) => "exit conditions",
            (false, false) => "entry or exit conditions",
        };
        findings.push(Finding {
            rule: RuleId::DualWriteConditions,
            severity: Severity::Error,
            message: format!("Dual-write phase {} has no {missing}", cx.quoted(node)),
            nodes: vec![node.id],
            edges: Vec::new(),
            hint: "State when dual-writing may start (e.g. \"new column deployed everywhere\") \
                   and when it may stop (e.g. \"backfill verified\")."
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
        check_rule(RuleId::DualWriteConditions, text, expect);
    }

    #[test]
    fn dual_write_with_both_conditions_passes() {
        check(
            r#"
            phase A dual_write entry="column deployed" exit="backfill verified"
            phase B backfill
            "#,
            expect![[r#""#]],
        );
    }

    #[test]
    fn missing_or_blank_conditions_fail() {
        check(
            r#"
            phase A dual_write exit="backfill verified"
            phase B dual_write entry="column deployed" exit="  "
            phase C dual_write
            "#,
            expect![[r#"
                MF004 error [A] []
                    Dual-write phase "A" has no entry conditions
                MF004 error [B] []
                    Dual-write phase "B" has no exit conditions
                MF004 error [C] []
                    Dual-write phase "C" has no entry or exit conditions
            "#]],
        );
    }
}
