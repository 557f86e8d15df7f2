//! A run's log as Markdown (SPEC §6, Exports): what a post-mortem or a
//! change ticket attaches.
//!
//! Definition, in order:
//! - a heading with the plan's title, and for a rehearsal a line saying it
//!   is one (a rehearsal is marked in every export);
//! - a table of facts: plan (title and hash), environment, rehearsal or
//!   live, status, start, end (or "still running" with the time of the
//!   export), total, paused and active time, operators with their roles;
//! - the note that identity is self-declared;
//! - per node, one row per visit in order: step, node, planned, actual
//!   (paused time apart) and the summary ([`crate::run::timing::summary`]);
//! - the log as a table, one row per entry: sequence, UTC time, operator,
//!   kind (the `data-log-kind` name), node, edge, details, and the entry it
//!   corrects.
//!
//! Every table has its header and separator rows, and every cell is user
//! text through [`super::escape::cell`], so a `|`, a newline or a tag in a
//! note keeps its row whole and shows as typed.

use super::escape::{cell, inline};
use crate::duration::describe_ms;
use crate::id::NodeId;
use crate::run::moves::name;
use crate::run::timing::{run_time, summary, visit_time};
use crate::run::utc::iso8601;
use crate::run::Run;
use std::fmt::Write;

/// The run's log as Markdown, times counted up to `now_ms` while it goes
/// on (see the module doc).
pub fn run_log_markdown(run: &Run, now_ms: u64) -> String {
    let plan = &run.plan.plan;
    let node_name = |id: NodeId| plan.node(id).map_or_else(|| id.to_string(), name);
    let mut out = String::with_capacity(200 * run.log.len() + 2000);
    let _ = writeln!(out, "# Run log: {}\n", inline(plan.title.trim()));
    if run.rehearsal {
        out.push_str("**Rehearsal** — not a live run.\n\n");
    }
    let time = run_time(run, now_ms);
    let ended = match run.ended_ms() {
        Some(ms) => iso8601(ms),
        None => format!("still running at {}", iso8601(now_ms)),
    };
    let operators: Vec<String> = run.operators.iter().map(|o| o.describe()).collect();
    let facts = [
        ("Plan", format!("{} ({})", plan.title.trim(), run.plan_hash)),
        ("Environment", run.environment.clone()),
        ("Mode", run.mode_label().to_owned()),
        ("Status", run.status.label().to_owned()),
        ("Started", iso8601(run.started_ms())),
        ("Ended", ended),
        ("Total time", describe_ms(time.elapsed_ms)),
        ("Paused", describe_ms(time.paused_ms)),
        ("Active", describe_ms(time.active_ms)),
        ("Operators", operators.join(", ")),
    ];
    out.push_str("| | |\n|---|---|\n");
    for (label, value) in facts {
        let _ = writeln!(out, "| {label} | {} |", cell(&value));
    }
    out.push_str(
        "\nIdentity is self-declared: migraflow has no server, so operator and approver \
         names are what each person typed, not verified identities.\n\n",
    );

    out.push_str(
        "## Per node\n\n| # | Node | Planned | Actual | Summary |\n|---|---|---|---|---|\n",
    );
    for (index, visit) in run.visits.iter().enumerate() {
        let Some(time) = visit_time(run, index, now_ms) else {
            continue;
        };
        let planned = time.planned_ms.map_or("—".to_owned(), describe_ms);
        let _ = writeln!(
            out,
            "| {} | {} | {planned} | {} | {} |",
            index + 1,
            cell(&node_name(visit.node)),
            describe_ms(time.actual_ms),
            cell(&summary(run, index, now_ms).unwrap_or_default())
        );
    }

    out.push_str(
        "\n## Log\n\n| Seq | Time (UTC) | Operator | Kind | Node | Edge | Details | Corrects |\n\
         |---|---|---|---|---|---|---|---|\n",
    );
    for entry in &run.log {
        let node = entry.node.map(node_name).unwrap_or_default();
        let edge = entry.edge.map(|e| e.to_string()).unwrap_or_default();
        let corrects = entry.corrects.map(|c| c.to_string()).unwrap_or_default();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {edge} | {} | {corrects} |",
            entry.seq,
            entry.time,
            cell(&entry.operator),
            entry.kind.as_str(),
            cell(&node),
            cell(&entry.details),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::run_log_markdown;
    use crate::rules::fixture::Fixture;
    use crate::run::{apply, start, Command, NewRun, Operator};
    use expect_test::expect;

    #[test]
    fn the_log_is_a_table_with_one_row_per_entry_whatever_the_text() {
        let fixture = Fixture::parse(
            r#"
            start S "Start"
            phase A "Add | col\n<script>" exit="done" duration="1m"
            end E "Done"
            S -> A -> E
            A ~> S
            "#,
        );
        let t0 = 1_714_550_400_000;
        let ana = Operator::new("Ana | `root`", "DBA\nlead");
        let mut run = start(
            NewRun {
                id: "r".into(),
                document_id: "d".into(),
                environment: "prod <eu>".into(),
                rehearsal: true,
            },
            fixture.doc,
            t0,
            &ana,
        )
        .unwrap();
        let edges: Vec<_> = run.plan.plan.edges.keys().copied().collect();
        let commands = [
            Command::Advance {
                edge: edges[0],
                override_reason: String::new(),
                confirm: String::new(),
            },
            Command::Note {
                text: "a | b\nc `x` <script>alert(1)</script> **bold**".into(),
                corrects: None,
            },
            Command::Pause {
                reason: "lunch".into(),
            },
            Command::Resume {
                reason: "back".into(),
            },
        ];
        for (i, command) in commands.into_iter().enumerate() {
            apply(&mut run, command, t0 + 60_000 * (i as u64 + 1) * 2, &ana).unwrap();
        }
        let markdown = run_log_markdown(&run, t0 + 900_000);
        expect![[r##"
            # Run log: fixture

            **Rehearsal** — not a live run.

            | | |
            |---|---|
            | Plan | fixture (fnv1a64:a83c6fea84fab985) |
            | Environment | prod &lt;eu&gt; |
            | Mode | Rehearsal |
            | Status | Running |
            | Started | 2024-05-01T08:00:00.000Z |
            | Ended | still running at 2024-05-01T08:15:00.000Z |
            | Total time | 15 min |
            | Paused | 2 min |
            | Active | 13 min |
            | Operators | Ana \| \`root\` (DBA<br>lead) |

            Identity is self-declared: migraflow has no server, so operator and approver names are what each person typed, not verified identities.

            ## Per node

            | # | Node | Planned | Actual | Summary |
            |---|---|---|---|---|
            | 1 | Start | — | 2 min | Start: took 2 min |
            | 2 | Add \| col\\n&lt;script&gt; | 1 min | 11 min | Add \| col\\n&lt;script&gt;: 0/1 exit conditions, 10 min over plan |

            ## Log

            | Seq | Time (UTC) | Operator | Kind | Node | Edge | Details | Corrects |
            |---|---|---|---|---|---|---|---|
            | 1 | 2024-05-01T08:00:00.000Z | Ana \| \`root\` | started |  |  | Rehearsal in "prod &lt;eu&gt;" of "fixture" (fnv1a64:a83c6fea84fab985) |  |
            | 2 | 2024-05-01T08:00:00.000Z | Ana \| \`root\` | entered | Start |  | the start |  |
            | 3 | 2024-05-01T08:02:00.000Z | Ana \| \`root\` | entered | Add \| col\\n&lt;script&gt; | e1 | from "Start" |  |
            | 4 | 2024-05-01T08:04:00.000Z | Ana \| \`root\` | note | Add \| col\\n&lt;script&gt; |  | a \| b<br>c \`x\` &lt;script&gt;alert(1)&lt;/script&gt; \*\*bold\*\* |  |
            | 5 | 2024-05-01T08:06:00.000Z | Ana \| \`root\` | paused | Add \| col\\n&lt;script&gt; |  | lunch |  |
            | 6 | 2024-05-01T08:08:00.000Z | Ana \| \`root\` | resumed | Add \| col\\n&lt;script&gt; |  | back (paused 2 min) |  |
        "##]]
        .assert_eq(&markdown);
        // One row per entry, each with the eight cells of the header.
        let rows: Vec<&str> = markdown
            .lines()
            .skip_while(|l| !l.starts_with("| Seq"))
            .skip(2)
            .collect();
        assert_eq!(rows.len(), run.log.len());
        for row in rows {
            let unescaped_bars = row.matches('|').count() - row.matches("\\|").count();
            assert_eq!(unescaped_bars, 9, "{row}");
        }
    }
}
