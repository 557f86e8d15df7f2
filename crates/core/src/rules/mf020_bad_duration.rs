//! MF020 bad-duration (warning).
//!
//! A phase's planned duration, when it is written at all, reads as a
//! duration ([`crate::duration::parse_duration`]: `45m`, `2h`, `1h30m`,
//! `1d`). Text that does not is kept as typed and reported here, at the
//! field, with how to write it; until it is fixed, a run shows no plan for
//! the phase's time. The start node's planned start (SPEC §10) is held to
//! its format the same way ([`crate::planned_start`]): the Gantt view
//! cannot place a start it cannot read. A warning, not an error: the plan
//! is as safe either way, only its timing is unknown.

use super::context::Context;
use crate::duration::parse_duration;
use crate::finding::{Finding, RuleId, Severity};
use crate::plan::NodeKind;
use crate::planned_start::parse_planned_start;

pub(super) fn bad_duration(cx: &Context<'_>, findings: &mut Vec<Finding>) {
    let durations = cx.graph.nodes_of(NodeKind::Phase).filter_map(|(_, node)| {
        let err = parse_duration(&node.planned_duration).err()?.to_string();
        Some((
            node,
            "Phase",
            err,
            "Write the planned duration as whole numbers with units d, h, m, s, largest \
                   first: 45m, 2h, 1h30m, 1d; or leave it empty.",
        ))
    });
    let starts = cx.graph.nodes_of(NodeKind::Start).filter_map(|(_, node)| {
        let err = parse_planned_start(&node.planned_start).err()?;
        Some((
            node,
            "Start",
            err,
            "Write the planned start as YYYY-MM-DD HH:MM in UTC, or the day \
                   alone; or leave it empty.",
        ))
    });
    for (node, kind, err, hint) in durations.chain(starts) {
        findings.push(Finding {
            rule: RuleId::BadDuration,
            severity: Severity::Warning,
            message: format!("{kind} {}: {err}", cx.quoted(node)),
            nodes: vec![node.id],
            edges: Vec::new(),
            hint: hint.to_string(),
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
    fn a_planned_start_that_does_not_read_fails_and_one_that_does_passes() {
        check(
            r#"
            start S "Go live" starts="next tuesday"
            start T starts="2026-03-01 22:00"
            start U starts="2026-03-01"
            "#,
            expect![[r#"
                MF020 warning [S] []
                    Start "Go live": planned start "next tuesday" is not a date; write it like 2026-03-01 22:00 (UTC)
            "#]],
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
