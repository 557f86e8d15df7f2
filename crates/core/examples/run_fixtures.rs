//! Writes the browser storage of a run in progress, for the runbook-mode
//! benchmark (`bench/run-mode.mjs`): the generated plan of `?generate=N`
//! stored as a document, and a run of it with a log of L entries, as the
//! app itself would have stored them.
//!
//! Usage: `cargo run -p migraflow-core --example run_fixtures -- N L DIR`
//!
//! Writes `DIR/run-N-L.json`, one JSON object `{key: value}` (both
//! strings) to copy into `localStorage` before the page loads:
//! - `migraflow.doc.<id>`, `migraflow.index` and `migraflow.last`: the plan
//!   of `generate::generated_plan(N)` saved through `Library::save` (the
//!   saved JSON format of `format::to_json`, its list entry with its error
//!   count) and marked as opened last, so the app opens it;
//! - `migraflow.run.<id>` (the head), `migraflow.pinned.<hash>` (the
//!   pinned plan), `migraflow.runlog.<id>.<k>` (the log in pieces) and
//!   `migraflow.runs`: a run of that document
//!   started by `run::start` at its start node (a rehearsal in "bench",
//!   at a fixed time in 2023), then L − 2 `Command::Note` entries applied
//!   one second apart, stored through `Runs::save` (see `library::runs`). The run is unfinished, so the app opens it when the
//!   document opens;
//! - `migraflow.operator.name` and `migraflow.operator.role`: the
//!   operator the app asks once per browser (keys of the app's
//!   `src/run/session.rs`, not of the core), without which every command
//!   is refused.
//!
//! Everything goes through a `library::kv::MemoryStore`, whose keys and
//! values are dumped, so the fixture holds exactly what the library's and
//! the runs' own code write. L is at least 2 (`started`, `entered`).
//!
//! It also plans, on a copy of the run, the route the benchmark takes
//! through the page, each command applied with the real `run::apply` so
//! every one is known to be accepted: from the start along its first
//! forward move (the first lane), and on down the lane: a phase's exit
//! conditions ticked, then its forward move; a verification's checks
//! recorded as passed (observed value `0`), then its forward move; a
//! gate's Go (approver "Bench approver"), then its go move. Where the
//! forward move would be a point of no return (the lane's contract phase,
//! `safe: false`, or a gate just before it), the verification's rollback
//! is taken instead, back to an earlier phase (never to the start, which
//! would finish the run), and the walk goes on from there. It stops after
//! `ROUTE_STEPS` commands, or earlier (and says why) in a plan too small
//! for it: at an end, or with no way on but a point of no return. stdout gets one JSON line: the file written,
//! each key's value length in UTF-16 code units (what `localStorage`
//! counts), the start node, and the route: `{do, edge?, list?, index?,
//! at, to, seq}` per command, `do` one of `advance`, `tick`, `check`,
//! `go`, `rollback`; `at` the node it is given in, `to` the current node
//! after it and `seq` the log's last sequence number after it.

use migraflow_core::generate::generated_plan;
use migraflow_core::library::kv::MemoryStore;
use migraflow_core::library::runs::Runs;
use migraflow_core::library::Library;
use migraflow_core::run::no_return::point_of_no_return;
use migraflow_core::run::{
    apply, moves, start, Command, Conditions, NewRun, Operator, Run, Verdict, Way,
};
use migraflow_core::{EdgeKind, NodeId, NodeKind, Severity};
use serde_json::{json, Map, Value};
use std::path::Path;
use std::process::ExitCode;

/// When the run starts: 2023-11-14T22:13:20Z. Notes follow one second
/// apart, so even 10,000 entries end long before any benchmark runs and
/// the app's next command keeps the log's times increasing.
const STARTED_MS: u64 = 1_700_000_000_000;
const NOTE_EVERY_MS: u64 = 1_000;
const OPERATOR: (&str, &str) = ("Bench operator", "DBA");
const APPROVER: (&str, &str) = ("Bench approver", "DBA on call");
/// How many commands the route plans.
const ROUTE_STEPS: usize = 120;
/// The app's keys for the operator (src/run/session.rs).
const OPERATOR_NAME_KEY: &str = "migraflow.operator.name";
const OPERATOR_ROLE_KEY: &str = "migraflow.operator.role";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let parsed = match &args[..] {
        [n, l, dir] => n
            .parse::<usize>()
            .ok()
            .zip(l.parse::<usize>().ok())
            .map(|(n, l)| (n, l, dir)),
        _ => None,
    };
    let Some((nodes, entries, dir)) = parsed.filter(|(n, l, _)| *n >= 2 && *l >= 2) else {
        eprintln!("usage: run_fixtures N L DIR   (N ≥ 2 nodes, L ≥ 2 log entries)");
        return ExitCode::FAILURE;
    };
    match write(nodes, entries, Path::new(dir)) {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("run_fixtures: {e}");
            ExitCode::FAILURE
        }
    }
}

fn write(nodes: usize, entries: usize, dir: &Path) -> Result<Value, String> {
    let doc = generated_plan(nodes);
    let errors = migraflow_core::rules::validate(&doc.plan)
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let doc_id = format!("bench-{nodes}");
    let mut library = Library::open(MemoryStore::default());
    library
        .save(&doc_id, &doc, STARTED_MS as f64, errors)
        .map_err(|e| format!("the document was not stored: {e}"))?;
    library
        .set_last(&doc_id)
        .map_err(|e| format!("migraflow.last was not stored: {e}"))?;

    let operator = Operator::new(OPERATOR.0, OPERATOR.1);
    let store = library.store_mut();
    let mut runs = Runs::open(store);
    let new = NewRun {
        id: runs.new_id(store, STARTED_MS),
        document_id: doc_id,
        environment: "bench".into(),
        rehearsal: true,
    };
    let mut run = start(new, doc, STARTED_MS, &operator)
        .map_err(|e| format!("run::start refused the generated plan of {nodes} nodes: {e}"))?;
    for i in 1..=entries - 2 {
        let note = Command::Note {
            text: format!("Benchmark note {i} of {}", entries - 2),
            corrects: None,
        };
        apply(
            &mut run,
            note,
            STARTED_MS + i as u64 * NOTE_EVERY_MS,
            &operator,
        )
        .map_err(|e| format!("note {i} was refused: {e}"))?;
    }
    assert_eq!(run.log.len(), entries);
    let route = route(&run)?;
    runs.save(store, &run)
        .map_err(|e| format!("the run was not stored: {e}"))?;
    store
        .values
        .insert(OPERATOR_NAME_KEY.into(), OPERATOR.0.into());
    store
        .values
        .insert(OPERATOR_ROLE_KEY.into(), OPERATOR.1.into());

    let entries_map: Map<String, Value> = store
        .values
        .iter()
        .map(|(k, v)| (k.clone(), Value::String(v.clone())))
        .collect();
    let lengths: Map<String, Value> = store
        .values
        .iter()
        .map(|(k, v)| (k.clone(), json!(v.encode_utf16().count())))
        .collect();
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let path = dir.join(format!("run-{nodes}-{entries}.json"));
    let text = serde_json::to_string(&Value::Object(entries_map)).map_err(|e| e.to_string())?;
    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(json!({
        "file": path.display().to_string(),
        "run": run.id,
        "start": run.current.0,
        "lengths": lengths,
        "route": route,
    }))
}

/// The route of the module doc, planned on a copy of `run`.
fn route(run: &Run) -> Result<Vec<Value>, String> {
    let operator = Operator::new(OPERATOR.0, OPERATOR.1);
    let mut copy = run.clone();
    let mut now = run.log.last().map_or(STARTED_MS, |e| e.at_ms);
    let mut steps = Vec::new();
    // Why the walk stopped before `ROUTE_STEPS` (a small plan).
    let mut stopped = None;
    while steps.len() < ROUTE_STEPS && stopped.is_none() {
        let at = copy.current;
        let node = copy
            .plan
            .plan
            .node(at)
            .cloned()
            .ok_or_else(|| format!("the current node {at} is not in the plan"))?;
        // What the node asks before it may be left.
        let mut asks: Vec<(Command, Value)> = Vec::new();
        match node.kind {
            NodeKind::Phase => {
                for index in 0..node.exit_conditions.len() as u32 {
                    if !copy.visit().is_ticked(Conditions::Exit, index) {
                        asks.push((
                            Command::Condition {
                                list: Conditions::Exit,
                                index,
                                ticked: true,
                            },
                            json!({ "do": "tick", "list": "exit", "index": index }),
                        ));
                    }
                }
            }
            NodeKind::Verification => {
                for index in 0..node.checks.len() as u32 {
                    asks.push((
                        Command::Check {
                            index,
                            observed: "0".into(),
                            verdict: Some(Verdict::Pass),
                            evidence: String::new(),
                        },
                        json!({ "do": "check", "index": index }),
                    ));
                }
            }
            NodeKind::Gate => asks.push((
                Command::Go {
                    approver: Operator::new(APPROVER.0, APPROVER.1),
                    comment: String::new(),
                },
                json!({ "do": "go" }),
            )),
            NodeKind::Start => {}
            NodeKind::End => {
                stopped = Some(format!("it reached the end {at}"));
                break;
            }
        }
        // Then the way out: forward, unless that is a point of no return.
        let leave = {
            let all = moves(&copy);
            let plan = &copy.plan.plan;
            let forward = all.iter().find(|m| m.way == Way::Forward);
            let simple = forward.filter(|m| {
                m.no_return.is_none()
                    && m.target.kind != NodeKind::End
                    && (m.target.kind != NodeKind::Gate
                        || plan.edges.values().all(|e| {
                            e.from != m.target.id
                                || e.kind != EdgeKind::Forward
                                || point_of_no_return(plan, e).is_none()
                        }))
            });
            match simple {
                Some(m) => Some((
                    Command::Advance {
                        edge: m.edge.id,
                        override_reason: String::new(),
                        confirm: String::new(),
                    },
                    json!({ "do": "advance", "edge": m.edge.id.0 }),
                )),
                None => {
                    let back = all.iter().find(|m| {
                        m.way == Way::Rollback
                            && m.target.kind != NodeKind::Start
                            && m.no_return.is_none()
                    });
                    if back.is_none() {
                        stopped = Some(format!(
                            "{at} (\"{}\") has no simple way on and no rollback but to the start",
                            node.title
                        ));
                    }
                    back.map(|m| {
                        (
                            Command::Rollback {
                                edge: m.edge.id,
                                reason: "bench".into(),
                                confirm: String::new(),
                            },
                            json!({ "do": "rollback", "edge": m.edge.id.0 }),
                        )
                    })
                }
            }
        };
        asks.extend(leave);
        for (command, mut step) in asks {
            now += NOTE_EVERY_MS;
            let what = command.describe();
            apply(&mut copy, command, now, &operator).map_err(|e| {
                format!(
                    "route step {} ({what} at {at}) refused: {e}",
                    steps.len() + 1
                )
            })?;
            step["at"] = json!(at.0);
            step["to"] = json!(copy.current.0);
            step["seq"] = json!(copy.log.len());
            steps.push(step);
        }
    }
    if let Some(why) = &stopped {
        eprintln!("the route stops early: {why}");
    }
    let count = |what: &str| steps.iter().filter(|s| s["do"] == what).count();
    eprintln!(
        "start node {} (\"{}\") accepted by run::start; route of {} commands from it, all accepted: {} advances, {} ticks, {} checks, {} gate Go, {} rollbacks",
        run.current,
        title_of(run, run.current),
        steps.len(),
        count("advance"),
        count("tick"),
        count("check"),
        count("go"),
        count("rollback"),
    );
    Ok(steps)
}

fn title_of(run: &Run, id: NodeId) -> String {
    run.plan
        .plan
        .node(id)
        .map(|n| n.title.clone())
        .unwrap_or_default()
}
