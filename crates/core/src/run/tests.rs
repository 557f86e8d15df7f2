//! Data-driven tests of runs: a plan in the fixture notation
//! ([`crate::rules::fixture`]), a script of commands, and the log and the
//! run's state they leave, as an `expect!` snapshot.
//!
//! Script lines (one command each, a minute apart unless `wait` says):
//! `advance T [override="…"] [confirm="…"]`, `rollback T "reason"
//! [confirm="…"]` (T: the target's fixture name), `tick exit|entry N`,
//! `untick exit|entry N` (N from 1), `check N "observed" [pass|fail]
//! [evidence="…"]`, `go "name" "role" ["comment"]`, `nogo T "name"
//! "comment"`, `pause|resume|abort "reason"`, `control`, `note "text"
//! [corrects=N]`, `as "name"` (the operator from then on), `wait 10m`.

use super::timing::{run_time, summary};
use super::*;
use crate::duration::{describe_ms, parse_duration};
use crate::id::EdgeId;
use crate::plan::EdgeKind;
use crate::rules::fixture::{tokens, Fixture};
use expect_test::{expect, Expect};

/// 2024-05-01T08:00:00Z.
pub(super) const T0: u64 = 1_714_550_400_000;

fn unquote(token: &str) -> String {
    token.trim_matches('"').to_owned()
}

/// `key="value"` among `tokens`.
fn keyed(tokens: &[String], key: &str) -> String {
    tokens
        .iter()
        .find_map(|t| t.strip_prefix(&format!("{key}=")).map(unquote))
        .unwrap_or_default()
}

/// Runs `script` on the plan `plan` and renders the log and the end state.
fn check(plan: &str, script: &str, expect: Expect) {
    let fixture = Fixture::parse(plan);
    let mut now = T0;
    let mut operator = Operator::new("Ana", "DBA");
    let mut run = start(
        NewRun {
            id: "r1".into(),
            document_id: "d1".into(),
            environment: "staging".into(),
            rehearsal: true,
        },
        fixture.doc.clone(),
        now,
        &operator,
    )
    .unwrap();
    let edge_to = |run: &Run, target: &str, rollback: bool| -> EdgeId {
        // The edge of the wanted kind from the current node, else any
        // move to the target from there, else any edge into it (to try a
        // move that is not one).
        let to = fixture.id(target);
        let edges = || run.plan.plan.edges.values().filter(move |e| e.to == to);
        let out = || edges().filter(|e| e.from == run.current && e.kind != EdgeKind::Validation);
        out()
            .find(|e| (e.kind == EdgeKind::Rollback) == rollback)
            .or_else(|| out().next())
            .or_else(|| edges().next())
            .map_or(EdgeId(999), |e| e.id)
    };
    for line in script.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let t = tokens(line);
        let arg = |i: usize| t.get(i).map(|s| unquote(s)).unwrap_or_default();
        let index = |i: usize| arg(i).parse::<u32>().unwrap() - 1;
        let list = |i: usize| match arg(i).as_str() {
            "entry" => Conditions::Entry,
            _ => Conditions::Exit,
        };
        let command = match t[0].as_str() {
            "as" => {
                operator = Operator::new(arg(1), arg(2));
                continue;
            }
            "wait" => {
                now += parse_duration(&arg(1)).unwrap().unwrap() * 1000;
                continue;
            }
            "advance" => Command::Advance {
                edge: edge_to(&run, &arg(1), false),
                override_reason: keyed(&t, "override"),
                confirm: keyed(&t, "confirm"),
            },
            "rollback" => Command::Rollback {
                edge: edge_to(&run, &arg(1), true),
                reason: arg(2),
                confirm: keyed(&t, "confirm"),
            },
            "tick" | "untick" => Command::Condition {
                list: list(1),
                index: index(2),
                ticked: t[0] == "tick",
            },
            "check" => Command::Check {
                index: index(1),
                observed: arg(2),
                verdict: t.get(3).and_then(|v| Verdict::parse(v)),
                evidence: keyed(&t, "evidence"),
            },
            "go" => Command::Go {
                approver: Operator::new(arg(1), arg(2)),
                comment: arg(3),
            },
            "nogo" => Command::NoGo {
                edge: edge_to(&run, &arg(1), false),
                approver: Operator::new(arg(2), ""),
                comment: arg(3),
                confirm: keyed(&t, "confirm"),
            },
            "pause" => Command::Pause { reason: arg(1) },
            "resume" => Command::Resume { reason: arg(1) },
            "abort" => Command::Abort { reason: arg(1) },
            "control" => Command::TakeControl,
            "note" => Command::Note {
                text: arg(1),
                corrects: t
                    .iter()
                    .find_map(|t| t.strip_prefix("corrects=")?.parse().ok()),
            },
            other => panic!("unknown script command {other}"),
        };
        now += 60_000;
        if let Err(refusal) = apply(&mut run, command, now, &operator) {
            if refusal.logged.is_none() {
                // Unlogged refusals leave no trace in the log; show them.
                run_note_unlogged(&mut run, &refusal);
            }
        }
    }
    expect.assert_eq(&render(&run, now));
}

/// Unlogged refusals are collected apart so the snapshot shows them.
fn run_note_unlogged(run: &mut Run, refusal: &Refusal) {
    run.environment += &format!("\n(unlogged refusal: {refusal})");
}

fn render(run: &Run, now: u64) -> String {
    let plan = &run.plan.plan;
    let title = |id| plan.node(id).map_or("?".to_owned(), |n| n.title.clone());
    let mut out = String::new();
    for e in &run.log {
        let mut line = format!("{} {} {}", e.seq, &e.time[11..16], e.kind.as_str());
        if let Some(node) = e.node {
            line += &format!(" [{}]", title(node));
        }
        if let Some(edge) = e.edge.and_then(|id| plan.edge(id)) {
            line += &format!(" via {}>{}", title(edge.from), title(edge.to));
        }
        line += &format!(" {}: {}", e.operator, e.details);
        if let Some(c) = e.corrects {
            line += &format!(" (corrects {c})");
        }
        out += line.trim_end();
        out.push('\n');
    }
    let time = run_time(run, now);
    out += &format!(
        "status {} at {}; elapsed {}, paused {}\n",
        run.status.as_str(),
        title(run.current),
        describe_ms(time.elapsed_ms),
        describe_ms(time.paused_ms)
    );
    for index in 0..run.visits.len() {
        out += &format!("- {}\n", summary(run, index, now).unwrap());
    }
    if let Some((_, unlogged)) = run.environment.split_once('\n') {
        out += unlogged;
        out.push('\n');
    }
    out
}

const PLAN: &str = r#"
    start S "Start"
    phase A expand "Add column" exit="column added" exit="app deployed" duration="10m"
    verify V "Verify" check="lag" threshold="< 5 s" check="rows" threshold="Δ 0 rows"
    gate G "Go?" approver="DBA on call" go="parity" distinct
    phase K contract "Drop old column" unsafe duration="5m"
    end E "Done"
    end X "Postponed" aborted
    S -> A -> V -> G
    G -> K "go"
    G -> X "no-go"
    K -> E
    A ~> S
    V ~> A
    G ~> A
"#;

#[test]
fn a_run_to_the_end_with_refusals_an_override_a_go_and_a_point_of_no_return() {
    check(
        PLAN,
        r#"
        advance A
        tick exit 1
        advance V
        wait 15m
        advance V override="deployed by hand, checked in Grafana"
        check 1 "3.2 s"
        check 2 "12"
        advance G
        check 2 "0 rows" evidence="https://grafana/d/1"
        advance G
        go " ana " "DBA"
        as "Bo" "SRE"
        go "Cy" "Head of data" "parity 100 %"
        advance K
        advance K confirm="Drop old column"
        advance E
        note "too late"
        "#,
        expect![[r#"
            1 08:00 started Ana: Rehearsal in "staging" of "fixture" (fnv1a64:8033b36b8d9fdee8)
            2 08:00 entered [Start] Ana: the start
            3 08:01 entered [Add column] via Start>Add column Ana: from "Start"
            4 08:02 condition [Add column] Ana: ticked exit condition "column added"
            5 08:03 refused [Add column] via Add column>Verify Ana: Advance along e2: exit conditions not ticked: "app deployed"; tick them or override with a reason
            6 08:19 override [Add column] via Add column>Verify Ana: deployed by hand, checked in Grafana; overrode: exit conditions not ticked: "app deployed"; tick them or override with a reason
            7 08:19 entered [Verify] via Add column>Verify Ana: from "Add column"
            8 08:20 check [Verify] Ana: "lag" pass: observed "3.2 s" against "< 5 s"
            9 08:21 check [Verify] Ana: "rows" fail: observed "12" against "Δ 0 rows"
            10 08:22 refused [Verify] via Verify>Go? Ana: Advance along e3: checks not passed: "rows" failed; on failure roll back to "Add column"; or override with a reason
            11 08:23 check [Verify] Ana: "rows" pass: observed "0 rows" against "Δ 0 rows"; evidence: https://grafana/d/1 (corrects 9)
            12 08:24 entered [Go?] via Verify>Go? Ana: from "Verify"
            13 08:25 refused [Go?] Ana: Go: the gate needs an approver other than Ana, who entered it
            14 08:26 go [Go?] Bo: Go by Cy (Head of data); the gate's approver: DBA on call; parity 100 %
            15 08:27 refused [Go?] via Go?>Drop old column Bo: Advance along e4: a point of no return: type "Drop old column" to confirm; no rollback to "Start", "Add column" after it
            16 08:28 entered [Drop old column] via Go?>Drop old column Bo: from "Go?" (go); point of no return confirmed; no rollback to "Start", "Add column" after it
            17 08:29 entered [Done] via Drop old column>Done Bo: from "Drop old column"
            18 08:29 completed [Done] Bo: reached "Done"
            status completed at Done; elapsed 29 min, paused 0 s
            - Start: took 1 min
            - Add column: 1/2 exit conditions, 1 override, 8 min over plan
            - Verify: 2/2 checks, took 5 min
            - Go?: go by Cy (Head of data), took 4 min
            - Drop old column: 4 min under plan
            - Done
            (unlogged refusal: the run is completed; a finished run can only be exported)
        "#]],
    );
}

#[test]
fn a_failed_check_leads_to_a_rollback_and_the_run_advances_again_with_a_fresh_visit() {
    check(
        PLAN,
        r#"
        advance A
        tick exit 1
        tick exit 2
        untick exit 2
        tick exit 3
        tick exit 1
        tick exit 2
        advance V
        check 1 "9 s"
        check 2 "fast"
        check 2 "" pass
        rollback A ""
        advance A
        rollback A "replica lag 9 s: stop the backfill"
        advance V
        tick exit 1
        tick exit 2
        advance V
        "#,
        expect![[r#"
            1 08:00 started Ana: Rehearsal in "staging" of "fixture" (fnv1a64:8033b36b8d9fdee8)
            2 08:00 entered [Start] Ana: the start
            3 08:01 entered [Add column] via Start>Add column Ana: from "Start"
            4 08:02 condition [Add column] Ana: ticked exit condition "column added"
            5 08:03 condition [Add column] Ana: ticked exit condition "app deployed"
            6 08:04 condition [Add column] Ana: unticked exit condition "app deployed" (corrects 5)
            7 08:05 refused [Add column] Ana: Tick exit condition 3: the current node has no exit condition 3
            8 08:06 refused [Add column] Ana: Tick exit condition 1: the condition is already so
            9 08:07 condition [Add column] Ana: ticked exit condition "app deployed"
            10 08:08 entered [Verify] via Add column>Verify Ana: from "Add column"
            11 08:09 check [Verify] Ana: "lag" fail: observed "9 s" against "< 5 s"
            12 08:10 refused [Verify] Ana: Record check 2: no verdict: the observed value "fast" is not a number; decide pass or fail
            13 08:11 check [Verify] Ana: "rows" pass against "Δ 0 rows"
            14 08:12 refused [Verify] via Verify>Add column Ana: Roll back along e8: a reason for the rollback is required
            15 08:13 refused [Verify] via Verify>Add column Ana: Advance along e8: e8 is a rollback edge: roll back along it, with a reason
            16 08:14 rollback [Verify] via Verify>Add column Ana: replica lag 9 s: stop the backfill; back to "Add column"
            17 08:14 entered [Add column] via Verify>Add column Ana: from "Verify"
            18 08:15 refused [Add column] via Add column>Verify Ana: Advance along e2: exit conditions not ticked: "column added", "app deployed"; tick them or override with a reason
            19 08:16 condition [Add column] Ana: ticked exit condition "column added"
            20 08:17 condition [Add column] Ana: ticked exit condition "app deployed"
            21 08:18 entered [Verify] via Add column>Verify Ana: from "Add column"
            status running at Verify; elapsed 18 min, paused 0 s
            - Start: took 1 min
            - Add column: 2/2 exit conditions, 3 min under plan
            - Verify: 1/2 checks, took 6 min
            - Add column: 2/2 exit conditions, 6 min under plan
            - Verify: 0/2 checks, took 0 s
        "#]],
    );
}

#[test]
fn a_no_go_takes_a_rollback_or_the_no_go_branch_and_an_aborted_end_aborts() {
    check(
        PLAN,
        r#"
        advance A
        advance V override="rehearsal"
        advance G override="rehearsal"
        nogo K "Cy" "parity at 97 %"
        nogo A "" "parity at 97 %"
        nogo A "Cy" ""
        nogo A "Cy" "parity at 97 %"
        advance V override="fixed"
        advance G override="fixed"
        as "Bo"
        nogo X "Cy" "window closed"
        "#,
        expect![[r#"
            1 08:00 started Ana: Rehearsal in "staging" of "fixture" (fnv1a64:8033b36b8d9fdee8)
            2 08:00 entered [Start] Ana: the start
            3 08:01 entered [Add column] via Start>Add column Ana: from "Start"
            4 08:02 override [Add column] via Add column>Verify Ana: rehearsal; overrode: exit conditions not ticked: "column added", "app deployed"; tick them or override with a reason
            5 08:02 entered [Verify] via Add column>Verify Ana: from "Add column"
            6 08:03 override [Verify] via Verify>Go? Ana: rehearsal; overrode: checks not passed: "lag" not recorded, "rows" not recorded; on failure roll back to "Add column"; or override with a reason
            7 08:03 entered [Go?] via Verify>Go? Ana: from "Verify"
            8 08:04 refused [Go?] via Go?>Drop old column Ana: No-go along e4: e4 is neither a rollback nor the gate's no-go branch
            9 08:05 refused [Go?] via Go?>Add column Ana: No-go along e9: the approver's name is missing
            10 08:06 refused [Go?] via Go?>Add column Ana: No-go along e9: a comment saying why no-go is required
            11 08:07 no_go [Go?] via Go?>Add column Ana: No-go by Cy; parity at 97 %
            12 08:07 rollback [Go?] via Go?>Add column Ana: no-go: parity at 97 %; back to "Add column"
            13 08:07 entered [Add column] via Go?>Add column Ana: from "Go?"
            14 08:08 override [Add column] via Add column>Verify Ana: fixed; overrode: exit conditions not ticked: "column added", "app deployed"; tick them or override with a reason
            15 08:08 entered [Verify] via Add column>Verify Ana: from "Add column"
            16 08:09 override [Verify] via Verify>Go? Ana: fixed; overrode: checks not passed: "lag" not recorded, "rows" not recorded; on failure roll back to "Add column"; or override with a reason
            17 08:09 entered [Go?] via Verify>Go? Ana: from "Verify"
            18 08:10 no_go [Go?] via Go?>Postponed Bo: No-go by Cy; window closed
            19 08:10 entered [Postponed] via Go?>Postponed Bo: from "Go?" (no-go)
            20 08:10 aborted [Postponed] Bo: reached the aborted end "Postponed"
            status aborted at Postponed; elapsed 10 min, paused 0 s
            - Start: took 1 min
            - Add column: 0/2 exit conditions, 1 override, 9 min under plan
            - Verify: 0/2 checks, 1 override, took 1 min
            - Go?: no-go by Cy, took 4 min
            - Add column: 0/2 exit conditions, 1 override, 9 min under plan
            - Verify: 0/2 checks, 1 override, took 1 min
            - Go?: no-go by Cy, took 1 min
            - Postponed
        "#]],
    );
}

#[test]
fn paused_time_is_counted_apart_and_a_paused_run_only_resumes_aborts_notes_or_changes_hands() {
    check(
        PLAN,
        r#"
        advance A
        pause ""
        pause "waiting for the replica"
        pause "again"
        tick exit 1
        advance V
        note "replica at 40 s lag"
        as "Bo" "SRE"
        control
        wait 30m
        resume ""
        resume "lag back under 1 s"
        resume "again"
        note "lag was the nightly backup" corrects=5
        note "bad reference" corrects=99
        pause "vendor call"
        abort "vendor says stop"
        control
        "#,
        expect![[r#"
            1 08:00 started Ana: Rehearsal in "staging" of "fixture" (fnv1a64:8033b36b8d9fdee8)
            2 08:00 entered [Start] Ana: the start
            3 08:01 entered [Add column] via Start>Add column Ana: from "Start"
            4 08:02 refused [Add column] Ana: Pause: a reason for the pause is required
            5 08:03 paused [Add column] Ana: waiting for the replica
            6 08:04 refused [Add column] Ana: Pause: the run is already paused
            7 08:05 refused [Add column] Ana: Tick exit condition 1: the run is paused; resume it first
            8 08:06 refused [Add column] via Add column>Verify Ana: Advance along e2: the run is paused; resume it first
            9 08:07 note [Add column] Ana: replica at 40 s lag
            10 08:08 control [Add column] Bo: took control of the run
            11 08:39 refused [Add column] Bo: Resume: a reason for resuming is required
            12 08:40 resumed [Add column] Bo: lag back under 1 s (paused 37 min)
            13 08:41 refused [Add column] Bo: Resume: the run is not paused
            14 08:42 note [Add column] Bo: lag was the nightly backup (corrects 5)
            15 08:43 refused [Add column] Bo: Note: there is no log entry 99
            16 08:44 paused [Add column] Bo: vendor call
            17 08:45 aborted [Add column] Bo: vendor says stop
            status aborted at Add column; elapsed 45 min, paused 38 min
            - Start: took 1 min
            - Add column: 0/2 exit conditions, 4 min under plan
            (unlogged refusal: the run is aborted; a finished run can only be exported)
        "#]],
    );
}

#[test]
fn a_rollback_to_the_start_ends_the_run_rolled_back() {
    check(
        PLAN,
        r#"
        advance E
        advance A
        advance S
        rollback S "abandon: nothing changed"
        advance A
        "#,
        expect![[r#"
            1 08:00 started Ana: Rehearsal in "staging" of "fixture" (fnv1a64:8033b36b8d9fdee8)
            2 08:00 entered [Start] Ana: the start
            3 08:01 refused [Start] via Drop old column>Done Ana: Advance along e6: e6 is not a way out of the current node
            4 08:02 entered [Add column] via Start>Add column Ana: from "Start"
            5 08:03 refused [Add column] via Add column>Start Ana: Advance along e7: e7 is a rollback edge: roll back along it, with a reason
            6 08:04 rollback [Add column] via Add column>Start Ana: abandon: nothing changed; back to "Start"
            7 08:04 entered [Start] via Add column>Start Ana: from "Add column"
            status rolled_back at Start; elapsed 4 min, paused 0 s
            - Start: took 2 min
            - Add column: 0/2 exit conditions, 8 min under plan
            - Start: took 0 s
            (unlogged refusal: the run is rolled back; a finished run can only be exported)
        "#]],
    );
}

#[test]
fn commands_about_another_kind_of_node_or_a_missing_item_are_refused() {
    check(
        PLAN,
        r#"
        check 1 "0"
        go "Cy" "DBA"
        tick exit 1
        advance A
        tick entry 1
        tick exit 9
        advance V override="  "
        "#,
        expect![[r#"
            1 08:00 started Ana: Rehearsal in "staging" of "fixture" (fnv1a64:8033b36b8d9fdee8)
            2 08:00 entered [Start] Ana: the start
            3 08:01 refused [Start] Ana: Record check 1: the current node is not a verification
            4 08:02 refused [Start] Ana: Go: the current node is not a gate
            5 08:03 refused [Start] Ana: Tick exit condition 1: the current node has no exit condition 1
            6 08:04 entered [Add column] via Start>Add column Ana: from "Start"
            7 08:05 refused [Add column] Ana: Tick entry condition 1: the current node has no entry condition 1
            8 08:06 refused [Add column] Ana: Tick exit condition 9: the current node has no exit condition 9
            9 08:07 refused [Add column] via Add column>Verify Ana: Advance along e2: exit conditions not ticked: "column added", "app deployed"; tick them or override with a reason
            status running at Add column; elapsed 7 min, paused 0 s
            - Start: took 4 min
            - Add column: 0/2 exit conditions, 7 min under plan
        "#]],
    );
}

#[test]
fn the_empty_operator_is_refused_without_a_trace() {
    check(
        PLAN,
        r#"
        as ""
        advance A
        "#,
        expect![[r#"
            1 08:00 started Ana: Rehearsal in "staging" of "fixture" (fnv1a64:8033b36b8d9fdee8)
            2 08:00 entered [Start] Ana: the start
            status running at Start; elapsed 1 min, paused 0 s
            - Start: took 1 min
            (unlogged refusal: no operator name: say who you are first)
        "#]],
    );
}
