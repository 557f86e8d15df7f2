//! What a statement does that a zero-downtime plan has to watch for.
//!
//! Two families, checked by two rules:
//! - it **breaks old code** that still runs against the schema before the
//!   cutover: it drops or renames a column or a table, adds a `NOT NULL`
//!   column without a default (old inserts fail; on a non-empty table the
//!   statement itself fails), or sets `NOT NULL` on a column old code may
//!   leave empty (MF013);
//! - it **holds a lock that blocks writes** for as long as a scan or a
//!   rewrite of the table: `CREATE INDEX` or `DROP INDEX` without
//!   `CONCURRENTLY`, a foreign key or `CHECK` added without `NOT VALID`, a
//!   `UNIQUE` or `PRIMARY KEY` constraint that builds its own index, a
//!   column type change, `VACUUM FULL`, `CLUSTER`, or an `UPDATE` or
//!   `DELETE` of every row in one statement, whose row locks last as long
//!   as the whole statement (MF014); with them, an
//!   index built or dropped `CONCURRENTLY` inside `BEGIN … COMMIT`, which
//!   PostgreSQL refuses outright.
//!
//! The reading is PostgreSQL's. A table the same script creates is new and
//! empty (or scratch, like a temporary table), so nothing done to it,
//! dropping it included, is flagged.

use super::scan::{statements, Statement, Token};
use crate::finding::QuickFix;
use crate::id::NodeId;

/// One hazard of a statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Hazard {
    DropsColumn(String),
    DropsTable(String),
    /// What is renamed, e.g. `column email`.
    Renames(String),
    NotNullWithoutDefault(String),
    SetsNotNull(String),
    /// The index's name, and the byte offset just after `INDEX`, where
    /// `CONCURRENTLY` goes.
    IndexWithoutConcurrently(String, usize),
    DropIndexWithoutConcurrently(String, usize),
    /// `foreign key` or `CHECK constraint`, and how to split it into
    /// `NOT VALID` and `VALIDATE` when the constraint is named.
    ValidatedAtOnce(&'static str, Option<NotValid>),
    ConstraintBuildsIndex,
    ChangesType(String),
    /// `VACUUM FULL` or `CLUSTER`.
    RewritesTable(&'static str),
    ConcurrentlyInTransaction,
    /// `updates` or `deletes`, and the table.
    EveryRow(&'static str, String),
}

/// Where a constraint added at once becomes `NOT VALID` (`at`, the end of
/// its `ADD` action) and where its `VALIDATE` statement goes
/// (`statement_end`, the end of its statement): see
/// [`QuickFix::AddNotValid`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotValid {
    pub at: usize,
    pub statement_end: usize,
    pub validate: String,
}

/// A hazard and the 1-based line of the script its statement starts on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub line: usize,
    pub hazard: Hazard,
}

impl Hazard {
    /// Whether old code that still runs against the schema breaks.
    pub fn breaks_old_code(&self) -> bool {
        matches!(
            self,
            Hazard::DropsColumn(_)
                | Hazard::DropsTable(_)
                | Hazard::Renames(_)
                | Hazard::NotNullWithoutDefault(_)
                | Hazard::SetsNotNull(_)
        )
    }

    /// The mechanical repair of this hazard in the SQL of phase `node`,
    /// where there is one.
    pub fn fix(&self, node: NodeId) -> Option<QuickFix> {
        match self {
            Hazard::IndexWithoutConcurrently(_, at)
            | Hazard::DropIndexWithoutConcurrently(_, at) => {
                Some(QuickFix::AddConcurrently { node, at: *at })
            }
            Hazard::ValidatedAtOnce(_, Some(split)) => Some(QuickFix::AddNotValid {
                node,
                at: split.at,
                statement_end: split.statement_end,
                validate: split.validate.clone(),
            }),
            _ => None,
        }
    }

    /// What the statement does, as the end of a sentence.
    pub fn describe(&self) -> String {
        match self {
            Hazard::DropsColumn(name) => format!("drops column {name}"),
            Hazard::DropsTable(name) => format!("drops table {name}"),
            Hazard::Renames(what) => format!("renames {what}"),
            Hazard::NotNullWithoutDefault(name) => {
                format!("adds NOT NULL column {name} without a default")
            }
            Hazard::SetsNotNull(name) => format!("sets NOT NULL on column {name}"),
            Hazard::IndexWithoutConcurrently(name, _) => {
                format!("builds index {name} without CONCURRENTLY")
            }
            Hazard::DropIndexWithoutConcurrently(name, _) => {
                format!("drops index {name} without CONCURRENTLY")
            }
            Hazard::ValidatedAtOnce(kind, _) => format!("adds a {kind} without NOT VALID"),
            Hazard::ConstraintBuildsIndex => {
                "adds a UNIQUE or PRIMARY KEY constraint that builds its index under lock"
                    .to_string()
            }
            Hazard::ChangesType(name) => format!("changes the type of column {name}"),
            Hazard::RewritesTable(command) => format!("rewrites the table with {command}"),
            Hazard::ConcurrentlyInTransaction => {
                "runs CONCURRENTLY inside BEGIN … COMMIT, which PostgreSQL refuses".to_string()
            }
            Hazard::EveryRow(verb, table) => format!("{verb} every row of {table} at once"),
        }
    }

    /// How to do the same thing safely.
    pub fn hint(&self) -> &'static str {
        match self {
            Hazard::DropsColumn(_) | Hazard::DropsTable(_) => {
                "Drop in the contract phase, once no running code reads it."
            }
            Hazard::Renames(_) => {
                "Add the new name, dual-write and backfill, switch reads in the cutover, \
                 drop the old name in the contract phase (the column-rename template)."
            }
            Hazard::NotNullWithoutDefault(_) | Hazard::SetsNotNull(_) => {
                "Add the column nullable or with a default; enforce NOT NULL after the \
                 backfill with a CHECK … NOT VALID, then VALIDATE CONSTRAINT."
            }
            Hazard::IndexWithoutConcurrently(..) => {
                "Use CREATE INDEX CONCURRENTLY, outside a transaction; if it fails, drop \
                 the invalid index CONCURRENTLY and retry."
            }
            Hazard::DropIndexWithoutConcurrently(..) => "Use DROP INDEX CONCURRENTLY.",
            Hazard::ValidatedAtOnce(..) => {
                "Add it NOT VALID (instant, enforced for new rows), then VALIDATE \
                 CONSTRAINT in its own step: that scan lets writes go on."
            }
            Hazard::ConstraintBuildsIndex => {
                "Build the unique index with CREATE UNIQUE INDEX CONCURRENTLY, then add \
                 the constraint USING INDEX."
            }
            Hazard::ChangesType(_) => {
                "Add a column of the new type, dual-write and backfill it, and swap in the \
                 cutover (the change-column-type template)."
            }
            Hazard::RewritesTable(_) => {
                "Rewrite online (e.g. pg_repack) or in a maintenance window outside this plan."
            }
            Hazard::ConcurrentlyInTransaction => {
                "Run it after the COMMIT, on its own: CONCURRENTLY cannot run in a transaction."
            }
            Hazard::EveryRow(..) => {
                "Work in batches (WHERE id BETWEEN $1 AND $2), committing each, so row locks \
                 stay short and replicas keep up."
            }
        }
    }
}

/// Every hazard of `script`, in order.
pub fn hazards(script: &str) -> Vec<Found> {
    let statements = statements(script);
    let created: Vec<String> = statements
        .iter()
        .filter_map(|s| created_table(&s.tokens))
        .collect();
    let is_new = |name: &str| created.iter().any(|c| c.eq_ignore_ascii_case(name));
    let mut found = Vec::new();
    let mut in_transaction = false;
    for statement in &statements {
        let t = &statement.tokens[..];
        let mut hazards = Vec::new();
        let concurrently = |at: usize| t.get(at).is_some_and(|x| x.is("CONCURRENTLY"));
        in_transaction = transaction_open_after(t, in_transaction);
        let drop_index = starts(t, &["DROP", "INDEX"]).then_some(1);
        if in_transaction
            && index_keyword(t)
                .or(drop_index)
                .is_some_and(|at| concurrently(at + 1))
        {
            hazards.push(Hazard::ConcurrentlyInTransaction);
        }
        if let Some(at) = index_keyword(t) {
            let online = concurrently(at + 1);
            let table = after(t, "ON").map(|i| skip(t, i, &["ONLY"]));
            let table = table.and_then(|i| t.get(i)).map(Token::text);
            if !online && !table.is_some_and(|name| is_new(&name)) {
                hazards.push(Hazard::IndexWithoutConcurrently(
                    name_after(t, at + 1),
                    t[at].end_in(script),
                ));
            }
        } else if drop_index.is_some() {
            if !concurrently(2) {
                hazards.push(Hazard::DropIndexWithoutConcurrently(
                    name_after(t, 2),
                    t[1].end_in(script),
                ));
            }
        } else if starts(t, &["DROP", "TABLE"]) {
            let table = name_after(t, 2);
            if !is_new(&table) {
                hazards.push(Hazard::DropsTable(table));
            }
        } else if let Some((verb, at)) = every_row_verb(t) {
            let table = name_after(t, skip(t, at, &["ONLY"]));
            if !is_new(&table) && !top_level(t).any(|x| x.is("WHERE")) {
                hazards.push(Hazard::EveryRow(verb, table));
            }
        } else if starts(t, &["VACUUM"]) && t.iter().any(|x| x.is("FULL")) {
            hazards.push(Hazard::RewritesTable("VACUUM FULL"));
        } else if starts(t, &["CLUSTER"]) {
            hazards.push(Hazard::RewritesTable("CLUSTER"));
        } else if starts(t, &["ALTER", "TABLE"]) {
            let at = skip(t, 2, &["IF", "EXISTS", "ONLY"]);
            let table = t.get(at).map(Token::text).unwrap_or_default();
            if !is_new(&table) {
                let altered = Altered {
                    script,
                    table,
                    statement,
                };
                for action in actions(&t[(at + 1).min(t.len())..]) {
                    altered.action(action, &mut hazards);
                }
            }
        }
        found.extend(hazards.into_iter().map(|hazard| Found {
            line: statement.line,
            hazard,
        }));
    }
    found
}

/// The `ALTER TABLE` statement whose actions are being read.
struct Altered<'s, 'a> {
    script: &'a str,
    table: String,
    statement: &'s Statement<'a>,
}

impl Altered<'_, '_> {
    /// How to split `ADD CONSTRAINT name …` into `NOT VALID` and a
    /// `VALIDATE` statement after this one; none for an unnamed constraint.
    fn not_valid(&self, a: &[Token<'_>]) -> Option<NotValid> {
        let name = a.get(2).filter(|_| a[1].is("CONSTRAINT"))?.text();
        let terminated = self.script[..self.statement.end].ends_with(';');
        let separator = if terminated { "" } else { ";" };
        Some(NotValid {
            at: a.last()?.end_in(self.script),
            statement_end: self.statement.end,
            validate: format!(
                "{separator}\nALTER TABLE {} VALIDATE CONSTRAINT {name};",
                self.table
            ),
        })
    }

    /// One action, e.g. `ADD COLUMN email text`.
    fn action(&self, a: &[Token<'_>], hazards: &mut Vec<Hazard>) {
        let has = |keyword: &str| a.iter().any(|x| x.is(keyword));
        let not_valid = a.windows(2).any(|w| w[0].is("NOT") && w[1].is("VALID"));
        let column = |from: usize| name_after(a, skip(a, from, &["COLUMN"]));
        let Some(first) = a.first() else { return };
        if first.is("RENAME") {
            if a.get(1).is_some_and(|x| x.is("TO")) {
                hazards.push(Hazard::Renames(format!(
                    "the table to {}",
                    name_after(a, 2)
                )));
            } else if !a.get(1).is_some_and(|x| x.is("CONSTRAINT")) {
                hazards.push(Hazard::Renames(format!("column {}", column(1))));
            }
        } else if first.is("DROP") {
            if !a.get(1).is_some_and(|x| x.is("CONSTRAINT")) {
                hazards.push(Hazard::DropsColumn(column(1)));
            }
        } else if first.is("ADD") {
            let constraint = a.get(1).is_some_and(|x| {
                [
                    "CONSTRAINT",
                    "PRIMARY",
                    "UNIQUE",
                    "FOREIGN",
                    "CHECK",
                    "EXCLUDE",
                ]
                .iter()
                .any(|k| x.is(k))
            });
            if constraint {
                if has("FOREIGN") && !not_valid {
                    hazards.push(Hazard::ValidatedAtOnce("foreign key", self.not_valid(a)));
                } else if has("CHECK") && !not_valid {
                    hazards.push(Hazard::ValidatedAtOnce(
                        "CHECK constraint",
                        self.not_valid(a),
                    ));
                } else if (has("UNIQUE") || has("PRIMARY")) && !has("USING") {
                    hazards.push(Hazard::ConstraintBuildsIndex);
                }
            } else {
                let not_null = a.windows(2).any(|w| w[0].is("NOT") && w[1].is("NULL"));
                if not_null && !has("DEFAULT") && !has("GENERATED") {
                    hazards.push(Hazard::NotNullWithoutDefault(column(1)));
                }
            }
        } else if first.is("ALTER") {
            let set_not_null = a
                .windows(3)
                .any(|w| w[0].is("SET") && w[1].is("NOT") && w[2].is("NULL"));
            if has("TYPE") {
                hazards.push(Hazard::ChangesType(column(1)));
            } else if set_not_null {
                hazards.push(Hazard::SetsNotNull(column(1)));
            }
        }
    }
}

/// Whether a transaction block is open after statement `t`, given whether
/// one was before it. `ROLLBACK TO SAVEPOINT` keeps it open.
fn transaction_open_after(t: &[Token<'_>], open: bool) -> bool {
    if starts(t, &["BEGIN"]) || starts(t, &["START", "TRANSACTION"]) {
        true
    } else if ["COMMIT", "END", "ROLLBACK"]
        .iter()
        .any(|k| starts(t, &[k]))
    {
        open && t.iter().any(|x| x.is("SAVEPOINT") || x.is("TO"))
    } else {
        open
    }
}

/// `UPDATE t` or `DELETE FROM t`: the verb, and where the table's name is.
fn every_row_verb(t: &[Token<'_>]) -> Option<(&'static str, usize)> {
    if starts(t, &["UPDATE"]) {
        Some(("updates", 1))
    } else if starts(t, &["DELETE", "FROM"]) {
        Some(("deletes", 2))
    } else {
        None
    }
}

/// Each token with its depth in parentheses (a parenthesis itself counts
/// as outside).
fn depths<'t, 'a>(t: &'t [Token<'a>]) -> impl Iterator<Item = (usize, &'t Token<'a>)> {
    t.iter().scan(0usize, |depth, token| {
        let at = match token.as_str() {
            "(" => {
                *depth += 1;
                *depth - 1
            }
            ")" => {
                *depth = depth.saturating_sub(1);
                *depth
            }
            _ => *depth,
        };
        Some((at, token))
    })
}

/// The tokens outside parentheses.
fn top_level<'t, 'a>(t: &'t [Token<'a>]) -> impl Iterator<Item = &'t Token<'a>> {
    depths(t)
        .filter(|(depth, _)| *depth == 0)
        .map(|(_, token)| token)
}

/// The actions of an `ALTER TABLE`: its tokens split at the commas outside
/// parentheses (`FOREIGN KEY (a, b)` stays whole).
fn actions<'t, 'a>(t: &'t [Token<'a>]) -> Vec<&'t [Token<'a>]> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, (depth, token)) in depths(t).enumerate() {
        if depth == 0 && *token == Token::Punct(",") {
            out.push(&t[start..i]);
            start = i + 1;
        }
    }
    out.push(&t[start..]);
    out
}

/// The position of `INDEX` in `CREATE [UNIQUE] INDEX …`.
fn index_keyword(t: &[Token<'_>]) -> Option<usize> {
    if starts(t, &["CREATE", "INDEX"]) {
        Some(1)
    } else if starts(t, &["CREATE", "UNIQUE", "INDEX"]) {
        Some(2)
    } else {
        None
    }
}

/// The table a `CREATE TABLE` statement makes.
fn created_table(t: &[Token<'_>]) -> Option<String> {
    let at = [
        &["CREATE", "TABLE"][..],
        &["CREATE", "UNLOGGED", "TABLE"][..],
        &["CREATE", "TEMP", "TABLE"][..],
        &["CREATE", "TEMPORARY", "TABLE"][..],
    ]
    .iter()
    .find(|p| starts(t, p))?
    .len();
    t.get(skip(t, at, &["IF", "NOT", "EXISTS"]))
        .map(Token::text)
}

fn starts(t: &[Token<'_>], keywords: &[&str]) -> bool {
    t.len() >= keywords.len() && keywords.iter().zip(t).all(|(k, x)| x.is(k))
}

/// The position just after the first `keyword`.
fn after(t: &[Token<'_>], keyword: &str) -> Option<usize> {
    t.iter().position(|x| x.is(keyword)).map(|i| i + 1)
}

/// `from`, moved past any of `words`.
fn skip(t: &[Token<'_>], mut from: usize, words: &[&str]) -> usize {
    while t.get(from).is_some_and(|x| words.iter().any(|w| x.is(w))) {
        from += 1;
    }
    from
}

/// The name at `from`, past `IF [NOT] EXISTS`, or `?` where there is none.
fn name_after(t: &[Token<'_>], from: usize) -> String {
    let at = skip(t, from, &["CONCURRENTLY", "IF", "NOT", "EXISTS"]);
    match t.get(at) {
        Some(token @ (Token::Word(_) | Token::Quoted(_))) if !token.is("ON") => token.text(),
        _ => "?".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::hazards;
    use expect_test::{expect, Expect};

    fn check(script: &str, expect: Expect) {
        let rendered: Vec<String> = hazards(script)
            .iter()
            .map(|f| {
                let family = if f.hazard.breaks_old_code() {
                    "breaks"
                } else {
                    "locks"
                };
                format!("{} {family}: {}", f.line, f.hazard.describe())
            })
            .collect();
        expect.assert_eq(&rendered.join("\n"));
    }

    #[test]
    fn additive_and_online_statements_are_safe() {
        check(
            r#"
ALTER TABLE users ADD COLUMN email_address text;
ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true;
ALTER TABLE users ADD COLUMN slug text GENERATED ALWAYS AS (lower(name)) STORED NOT NULL;
CREATE INDEX CONCURRENTLY users_email_idx ON users (email_address);
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_slug_key ON users (slug);
DROP INDEX CONCURRENTLY IF EXISTS users_old_idx;
ALTER TABLE orders ADD CONSTRAINT orders_customer_fkey
    FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fkey;
ALTER TABLE orders ADD CONSTRAINT id_not_null CHECK (id IS NOT NULL) NOT VALID;
ALTER TABLE orders ADD CONSTRAINT orders_pkey PRIMARY KEY USING INDEX orders_id_key;
ALTER TABLE lines ADD CONSTRAINT lines_fk FOREIGN KEY (order_id, n) REFERENCES orders (id, n) NOT VALID;
ALTER TABLE orders RENAME CONSTRAINT a TO b, DROP CONSTRAINT c;
UPDATE users SET email_address = email WHERE id BETWEEN 1 AND 1000;
DELETE FROM ONLY sessions WHERE expires_at < now() - interval '30 days';
"#,
            expect![[r#""#]],
        );
    }

    #[test]
    fn statements_that_break_old_code() {
        check(
            r#"
ALTER TABLE users DROP COLUMN IF EXISTS email;
ALTER TABLE users DROP legacy, RENAME COLUMN name TO full_name;
ALTER TABLE users RENAME TO customers;
ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL;
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
DROP TABLE IF EXISTS users_archive;
"#,
            expect![[r#"
                2 breaks: drops column email
                3 breaks: drops column legacy
                3 breaks: renames column name
                4 breaks: renames the table to customers
                5 breaks: adds NOT NULL column tenant_id without a default
                6 breaks: sets NOT NULL on column email
                7 breaks: drops table users_archive"#]],
        );
    }

    #[test]
    fn statements_that_block_writes_for_long() {
        check(
            r#"
CREATE INDEX users_email_idx ON users (email);
create unique index on users (slug);
DROP INDEX users_old_idx;
ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (customer_id) REFERENCES customers (id);
ALTER TABLE orders ADD CHECK (amount >= 0);
ALTER TABLE orders ADD CONSTRAINT orders_code_key UNIQUE (code);
ALTER TABLE orders ALTER COLUMN id TYPE bigint;
ALTER TABLE orders ALTER amount SET DATA TYPE numeric(12, 2);
VACUUM (FULL, ANALYZE) orders;
CLUSTER orders USING orders_pkey;
UPDATE users SET email_address = (SELECT e FROM emails WHERE emails.id = users.id);
DELETE FROM ONLY audit_log;
"#,
            expect![[r#"
                2 locks: builds index users_email_idx without CONCURRENTLY
                3 locks: builds index ? without CONCURRENTLY
                4 locks: drops index users_old_idx without CONCURRENTLY
                5 locks: adds a foreign key without NOT VALID
                6 locks: adds a CHECK constraint without NOT VALID
                7 locks: adds a UNIQUE or PRIMARY KEY constraint that builds its index under lock
                8 locks: changes the type of column id
                9 locks: changes the type of column amount
                10 locks: rewrites the table with VACUUM FULL
                11 locks: rewrites the table with CLUSTER
                12 locks: updates every row of users at once
                13 locks: deletes every row of audit_log at once"#]],
        );
    }

    #[test]
    fn concurrently_inside_a_transaction_block_is_refused() {
        check(
            r#"
BEGIN;
CREATE INDEX CONCURRENTLY a ON t (x);
ROLLBACK TO SAVEPOINT s;
DROP INDEX CONCURRENTLY b;
COMMIT;
CREATE INDEX CONCURRENTLY c ON t (x);
START TRANSACTION; DROP INDEX CONCURRENTLY d; END;
"#,
            expect![[r#"
                3 locks: runs CONCURRENTLY inside BEGIN … COMMIT, which PostgreSQL refuses
                5 locks: runs CONCURRENTLY inside BEGIN … COMMIT, which PostgreSQL refuses
                8 locks: runs CONCURRENTLY inside BEGIN … COMMIT, which PostgreSQL refuses"#]],
        );
    }

    #[test]
    fn tables_the_script_creates_are_new_and_empty() {
        check(
            r#"
CREATE TABLE IF NOT EXISTS user_profiles (user_id bigint PRIMARY KEY, bio text NOT NULL);
CREATE INDEX user_profiles_bio_idx ON user_profiles (bio);
ALTER TABLE user_profiles ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id);
ALTER TABLE user_profiles ADD COLUMN kind text NOT NULL;
CREATE TEMP TABLE batch AS SELECT id FROM users LIMIT 1000;
UPDATE batch SET id = id + 1;
DROP TABLE batch;
"#,
            expect![[r#""#]],
        );
    }

    #[test]
    fn text_that_only_looks_like_ddl_is_ignored() {
        check(
            r#"
-- DROP TABLE users;
SELECT 'DROP TABLE users';
CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN EXECUTE 'x'; DROP TABLE t; END $$ LANGUAGE plpgsql;
psql -c "DROP TABLE users"
"#,
            expect![[r#""#]],
        );
    }
}
