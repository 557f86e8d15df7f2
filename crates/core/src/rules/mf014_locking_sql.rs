//! MF014 locking-sql (warning).
//!
//! The SQL of a phase, whatever its tag, takes no lock that blocks writes
//! for as long as a scan or a rewrite of a table: no `CREATE INDEX` or
//! `DROP INDEX` without `CONCURRENTLY`, no foreign key or `CHECK` added
//! without `NOT VALID`, no `UNIQUE` or `PRIMARY KEY` constraint building
//! its own index, no column type change, no `VACUUM FULL` or `CLUSTER`,
//! no `UPDATE` or `DELETE` of every row in one statement (see
//! [`crate::sql::hazard`]); and it builds or drops no index
//! `CONCURRENTLY` inside `BEGIN … COMMIT`, where PostgreSQL refuses it.
//! Tables the same SQL creates are new and empty and are not checked. A
//! warning: on a small table the lock may be short enough. One finding
//! per statement and hazard.

use super::context::{sql_findings, Context};
use crate::finding::{Finding, RuleId, Severity};

pub(super) fn locking_sql(cx: &Context<'_>, findings: &mut Vec<Finding>) {
    sql_findings(
        cx,
        (RuleId::LockingSql, Severity::Warning),
        |_| true,
        |hazard| !hazard.breaks_old_code(),
        findings,
    );
}

#[cfg(test)]
mod tests {
    use crate::finding::RuleId;
    use crate::rules::fixture::check_rule;
    use expect_test::{expect, Expect};

    fn check(text: &str, expect: Expect) {
        check_rule(RuleId::LockingSql, text, expect);
    }

    #[test]
    fn online_ddl_passes() {
        check(
            r#"
            phase E expand sql="CREATE INDEX CONCURRENTLY i ON orders (customer_id)"
            phase F expand sql="ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID"
            phase V sql="ALTER TABLE orders VALIDATE CONSTRAINT fk"
            "#,
            expect![[r#""#]],
        );
    }

    #[test]
    fn ddl_that_blocks_writes_is_flagged_in_any_phase() {
        check(
            r#"
            phase E expand "Index orders" sql="SELECT 1; CREATE INDEX i ON orders (customer_id)"
            phase C contract sql="DROP INDEX i"
            phase X sql="ALTER TABLE orders ALTER COLUMN id TYPE bigint, ADD CONSTRAINT fk FOREIGN KEY (c) REFERENCES customers (id)"
            "#,
            expect![[r#"
                MF014 warning [E] [] fix: add CONCURRENTLY to E at byte 22
                    Expand phase "Index orders": SQL line 1 builds index i without CONCURRENTLY
                MF014 warning [C] [] fix: add CONCURRENTLY to C at byte 10
                    Contract phase "C": SQL line 1 drops index i without CONCURRENTLY
                MF014 warning [X] []
                    Phase "X": SQL line 1 changes the type of column id
                MF014 warning [X] [] fix: add NOT VALID to X at byte 107, then ";\nALTER TABLE orders VALIDATE CONSTRAINT fk;" at byte 107
                    Phase "X": SQL line 1 adds a foreign key without NOT VALID
            "#]],
        );
    }
}
