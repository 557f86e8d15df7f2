//! MF013 breaking-sql (error).
//!
//! Until the cutover, the old code still runs against the schema, so the
//! SQL of a phase tagged `audit`, `expand`, `dual_write` or `backfill`
//! breaks nothing it relies on: it drops or renames no column or table,
//! adds no `NOT NULL` column without a default and sets no column
//! `NOT NULL` (see [`crate::sql::hazard`] for how statements are read).
//! The cutover and the contract phase are where those belong; custom
//! phases say nothing of where they stand, so they are not checked.
//! One finding per statement and hazard, naming the line it starts on.

use super::context::{sql_findings, Context};
use crate::finding::{Finding, RuleId, Severity};
use crate::plan::PhaseTag;
use crate::sql::Hazard;

pub(super) fn breaking_sql(cx: &Context<'_>, findings: &mut Vec<Finding>) {
    let before_cutover = |tag| {
        matches!(
            tag,
            PhaseTag::Audit | PhaseTag::Expand | PhaseTag::DualWrite | PhaseTag::Backfill
        )
    };
    sql_findings(
        cx,
        (RuleId::BreakingSql, Severity::Error),
        before_cutover,
        Hazard::breaks_old_code,
        findings,
    );
}

#[cfg(test)]
mod tests {
    use crate::finding::RuleId;
    use crate::rules::fixture::check_rule;
    use expect_test::{expect, Expect};

    fn check(text: &str, expect: Expect) {
        check_rule(RuleId::BreakingSql, text, expect);
    }

    #[test]
    fn additive_sql_before_the_cutover_and_drops_after_it_pass() {
        check(
            r#"
            phase E expand sql="ALTER TABLE users ADD COLUMN email_address text;"
            phase B backfill sql="UPDATE users SET email_address = email WHERE id < 1000"
            phase C cutover sql="ALTER TABLE users RENAME COLUMN email TO email_old"
            phase K contract sql="ALTER TABLE users DROP COLUMN email_old"
            phase X sql="DROP TABLE scratch"
            "#,
            expect![[r#""#]],
        );
    }

    #[test]
    fn drops_renames_and_not_null_before_the_cutover_fail() {
        check(
            r#"
            phase E expand "Add email" sql="ALTER TABLE users ADD COLUMN e text NOT NULL; ALTER TABLE users DROP COLUMN email"
            phase D dual_write sql="ALTER TABLE users RENAME COLUMN email TO mail"
            phase A audit sql="DROP TABLE users_old"
            phase B backfill sql="ALTER TABLE users ALTER COLUMN e SET NOT NULL"
            "#,
            expect![[r#"
                MF013 error [E] []
                    Expand phase "Add email": SQL line 1 adds NOT NULL column e without a default
                MF013 error [E] []
                    Expand phase "Add email": SQL line 1 drops column email
                MF013 error [D] []
                    Dual-write phase "D": SQL line 1 renames column email
                MF013 error [A] []
                    Audit phase "A": SQL line 1 drops table users_old
                MF013 error [B] []
                    Backfill phase "B": SQL line 1 sets NOT NULL on column e
            "#]],
        );
    }
}
