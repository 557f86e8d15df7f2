//! MF020 bad-duration (warning).
//!
//! A phase's planned duration, when it is written at all, reads as a
//! duration ([`crate::duration::parse_duration`]: `45m`, `2h`, `1h30m`,
//! `1d`). Text that does not is kept as typed and reported here, at the
//! field, with how to write it; until it is fixed, a run shows no plan for
//! the phase's time. A warning, not an error: the plan is as safe either
//! way, only its timing is unknown.

use super::context::Context;
use crate::duration::parse_duration;
use crate::finding::{Finding, RuleId, Severity};
use crate::plan::NodeKind;

pub(super) fn bad_duration(cx: &Context<'_>, findings: &mut Vec<Finding>) {
    for (_, node) in cx.graph.nodes_of(NodeKind::Phase) {
        let Err(err) = parse_duration(&node.planned_duration) else {
            continue;
        };
        findings.push(Finding {
            rule: RuleId::BadDuration,
            severity: Severity::Warning,
            message: format!("Phase {}: {err}", cx.quoted(node)),
            nodes: vec![node.id],
            edges: Vec::new(),
            hint: "Write the planned duration as whole numbers with units d, h, m, s, largest \
                   first: 45m, 2h, 1h30m, 1d; or leave it empty."
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
        check_rule(RuleId::BadDuration, text, expect);
    }

    #[test]
    fn durations_that_read_or_are_absent_pass() {
        check(
            r#"
            phase A duration="45m"
            phase B duration="1h30m"
            phase C
            "#,
            expect![[r#""#]],
        );
    }

    #[test]
    fn durations_that_do_not_read_fail_quoting_the_text() {
        check(
            r#"
            phase A "Backfill" duration="45 mins"
            phase B duration="0m"
            "#,
            expect![[r#"
                MF020 warning [A] []
                    Phase "Backfill": planned duration "45 mins" is not a duration; write it like 45m, 2h, 1h30m or 1d
                MF020 warning [B] []
                    Phase "B": planned duration "0m" is zero; write it like 45m, 2h, 1h30m or 1d
            "#]],
        );
    }
}
