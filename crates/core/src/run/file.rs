//! A run as JSON of its own versioned format: saving, and loading that
//! either gives back the whole run or refuses with a message.
//!
//! A run file of schema 1:
//!
//! ```json
//! { "format": "migraflow-run", "schema_version": 1,
//!   "id": "r1", "document_id": "d1", "environment": "staging",
//!   "rehearsal": true, "status": "running", "current": 3,
//!   "plan_hash": "fnv1a64:…", "paused_since": 1714550400000,
//!   "operators": [ { "name": "Ana", "role": "DBA" } ],
//!   "visits": [ { "node": 1, "entered_seq": 2, "entered_ms": …, "left_ms": …,
//!                 "left_by": 1, "paused_ms": 0, "exit_ticked": [ { "index": 0, "seq": 3 } ],
//!                 "checks": [ { "index": 0, "observed": "4 s", "verdict": "pass",
//!                               "proposed": "pass", "seq": 5 } ],
//!                 "gate": { "go": true, "approver": { "name": "Bo" }, "seq": 7 },
//!                 "overrides": 1 } ],
//!   "log": [ { "seq": 1, "at_ms": …, "time": "2024-05-01T08:00:00.000Z",
//!              "operator": "Ana", "kind": "started", "node": 1, "edge": 2,
//!              "details": "…", "corrects": 3 } ],
//!   "plan": { …the pinned document, in the document format… } }
//! ```
//!
//! Optional fields are left out at their defaults, as in documents. The
//! pinned plan is a whole document of the document format (read by
//! [`crate::format::load_json`], so older plan schemas still read).
//!
//! Loading refuses, never half-loads ([`RunLoadError`]): text that is not
//! JSON; JSON that is not a run (a plan document is named as such); a run
//! schema newer than [`RUN_SCHEMA_VERSION`]; a field missing or of the
//! wrong type; a pinned plan that does not read or whose hash is not
//! `plan_hash`; a log longer than [`MAX_LOG_ENTRIES`]; and a run that
//! breaks the invariants of [`super::record`] (sequence numbers 1, 2, 3…,
//! times that never decrease and match `time`, nodes and edges of the
//! pinned plan, corrections of earlier entries, the current node the last
//! visit's, `paused_since` exactly while paused). All JSON goes through
//! [`crate::json`], like the document format's.

use super::hash::plan_hash;
use super::record::{LogEntry, Operator, Run, Visit};
use super::status::Status;
use super::utc::iso8601;
use crate::format::{load_json, to_json};
use crate::id::NodeId;
use crate::json::from::{Fields, FromJson};
use crate::json::to::{Object, ToJson};
use crate::json::ReadError;
use crate::plan::NodeKind;
use serde_json::Value;
use std::fmt;

/// The `format` marker of a run file.
pub const RUN_FORMAT: &str = "migraflow-run";

/// The run schema [`run_to_json`] writes and the newest [`load_run_json`]
/// reads.
pub const RUN_SCHEMA_VERSION: u32 = 1;

/// The most log entries a run file may have; more is refused. A run of a
/// day logs hundreds; this leaves room for the longest rehearsal loops.
pub const MAX_LOG_ENTRIES: usize = 200_000;

/// A run file's fields, in the order written.
struct SavedRun<'a> {
    run: &'a Run,
    log: Option<&'a [LogEntry]>,
    plan: Option<Value>,
    /// Where a stored run's plan and log are ([`crate::library::runs`]).
    stored: Option<Value>,
}

impl ToJson for SavedRun<'_> {
    fn to_json(&self) -> Value {
        let run = self.run;
        Object::new()
            .with("format", RUN_FORMAT)
            .with("schema_version", &RUN_SCHEMA_VERSION)
            .with("id", &run.id)
            .with("document_id", &run.document_id)
            .with("environment", &run.environment)
            .with("rehearsal", &run.rehearsal)
            .with("status", &run.status)
            .with("current", &run.current)
            .with("plan_hash", &run.plan_hash)
            .unless(
                run.paused_since.is_none(),
                "paused_since",
                &run.paused_since,
            )
            .with("operators", &run.operators)
            .with("visits", &run.visits)
            .unless(self.log.is_none(), "log", &self.log)
            .unless(self.plan.is_none(), "plan", &self.plan)
            .unless(self.stored.is_none(), "stored", &self.stored)
            .done()
    }
}

/// The run as pretty-printed JSON of the current run schema.
pub fn run_to_json(run: &Run) -> String {
    let plan = crate::json::parse(&to_json(&run.plan)).expect("a saved document is JSON");
    crate::json::write(&saved(run, Some(&run.log), Some(plan), None), true)
}

/// The run's head: the run file without its plan and log, and with
/// `stored`, which says where they are. Storage writes the (large) pinned
/// plan once and the log in pieces, so a command rewrites neither
/// ([`crate::library::runs`]); [`load_run_parts`] puts them back together.
pub fn run_head_json(run: &Run, stored: Value) -> String {
    crate::json::write(&saved(run, None, None, Some(stored)), false)
}

fn saved<'a>(
    run: &'a Run,
    log: Option<&'a [LogEntry]>,
    plan: Option<Value>,
    stored: Option<Value>,
) -> SavedRun<'a> {
    SavedRun {
        run,
        log,
        plan,
        stored,
    }
}

/// What a run file holds besides its plan, read by hand
/// ([`crate::json::from`]).
struct ReadRun {
    id: String,
    document_id: String,
    environment: String,
    rehearsal: bool,
    status: Status,
    current: NodeId,
    plan_hash: String,
    paused_since: Option<u64>,
    operators: Vec<Operator>,
    visits: Vec<Visit>,
    log: Vec<LogEntry>,
}

impl FromJson for ReadRun {
    fn from_json(value: &Value) -> Result<ReadRun, ReadError> {
        let f = Fields::of(value, "ReadRun")?;
        Ok(ReadRun {
            id: f.get("id")?,
            document_id: f.or("document_id")?,
            environment: f.or("environment")?,
            rehearsal: f.or("rehearsal")?,
            status: f.get("status")?,
            current: f.get("current")?,
            plan_hash: f.get("plan_hash")?,
            paused_since: f.get("paused_since")?,
            operators: f.or("operators")?,
            visits: f.get("visits")?,
            log: f.get("log")?,
        })
    }
}

/// The families of refusal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunLoadErrorKind {
    NotJson,
    /// JSON, but not a migraflow run.
    NotARun,
    TooNew {
        found: u32,
        supported: u32,
    },
    /// A run file that breaks the format or the run's invariants.
    Invalid,
}

/// Why a run file was not opened. Nothing was loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunLoadError {
    pub kind: RunLoadErrorKind,
    pub message: String,
    /// A JSON path (`log[3].seq`) or a line and column.
    pub location: Option<String>,
}

impl RunLoadError {
    fn invalid(message: impl Into<String>, location: impl Into<String>) -> RunLoadError {
        let location = location.into();
        RunLoadError {
            kind: RunLoadErrorKind::Invalid,
            message: message.into(),
            location: (!location.is_empty()).then_some(location),
        }
    }

    fn not_a_run(message: impl Into<String>) -> RunLoadError {
        RunLoadError {
            kind: RunLoadErrorKind::NotARun,
            message: message.into(),
            location: None,
        }
    }
}

impl fmt::Display for RunLoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = match &self.location {
            Some(location) => format!(" (at {location})"),
            None => String::new(),
        };
        match self.kind {
            RunLoadErrorKind::NotJson => {
                write!(f, "This file is not valid JSON: {}{at}.", self.message)?
            }
            RunLoadErrorKind::NotARun => {
                write!(f, "This is not a migraflow run: {}.", self.message)?
            }
            RunLoadErrorKind::TooNew { found, supported } => write!(
                f,
                "This run was saved by a newer migraflow (run schema {found}); \
                 this version reads run schemas up to {supported}."
            )?,
            RunLoadErrorKind::Invalid => write!(
                f,
                "This migraflow run cannot be opened: {}{at}.",
                self.message
            )?,
        }
        f.write_str(" Nothing was opened and nothing was changed.")
    }
}

impl std::error::Error for RunLoadError {}

/// Loads a run from JSON text (see the module doc). Never panics.
pub fn load_run_json(text: &str) -> Result<Run, RunLoadError> {
    let value = crate::json::parse(text).map_err(|err| RunLoadError {
        kind: RunLoadErrorKind::NotJson,
        message: if text.trim().is_empty() {
            "the file is empty".to_owned()
        } else if err.is_eof() {
            "it ends in the middle of the JSON".to_owned()
        } else {
            err.to_string()
        },
        location: Some(format!("line {}, column {}", err.line(), err.column())),
    })?;
    let mut value = value;
    let plan = match &mut value {
        Value::Object(fields) => fields.remove("plan"),
        _ => None,
    };
    let plan_text = plan
        .as_ref()
        .map(|p| crate::json::write(p, false))
        .unwrap_or_default();
    load_run_parts(value, &plan_text)
}

/// Loads a run from its JSON without the plan, and the pinned plan's text
/// (a document of the document format). The checks are [`load_run_json`]'s.
pub fn load_run_parts(value: Value, plan_text: &str) -> Result<Run, RunLoadError> {
    identify(&value)?;
    if let Some(Value::Array(log)) = value.get("log") {
        if log.len() > MAX_LOG_ENTRIES {
            return Err(RunLoadError::invalid(
                format!(
                    "its log has {} entries, and migraflow opens runs of at most {MAX_LOG_ENTRIES}",
                    log.len()
                ),
                "log",
            ));
        }
    }
    let read = ReadRun::from_json(&value)
        .map_err(|err| RunLoadError::invalid(err.message.clone(), err.path_from("")))?;
    if plan_text.is_empty() {
        return Err(RunLoadError::invalid("it has no pinned plan", "plan"));
    }
    let plan = load_json(plan_text)
        .map_err(|err| {
            let location = match &err.location {
                Some(inner) if !inner.starts_with("line") => format!("plan.{inner}"),
                _ => "plan".to_owned(),
            };
            RunLoadError::invalid(
                format!("its pinned plan does not read: {}", err.message),
                location,
            )
        })?
        .document;
    let hash = plan_hash(&plan.plan);
    if hash != read.plan_hash {
        return Err(RunLoadError::invalid(
            format!(
                "its pinned plan has hash {hash}, not the {} the run was written against \
                 (the plan in the file was changed)",
                read.plan_hash
            ),
            "plan_hash",
        ));
    }
    let run = Run {
        id: read.id,
        document_id: read.document_id,
        environment: read.environment,
        rehearsal: read.rehearsal,
        plan: plan.into(),
        plan_hash: read.plan_hash,
        status: read.status,
        current: read.current,
        operators: read.operators,
        visits: read.visits,
        paused_since: read.paused_since,
        log: read.log,
    };
    check_invariants(&run)?;
    Ok(run)
}

/// A run file of this schema, or why not.
fn identify(value: &Value) -> Result<(), RunLoadError> {
    let Value::Object(fields) = value else {
        return Err(RunLoadError::not_a_run("it is not a JSON object"));
    };
    match fields.get("format").and_then(Value::as_str) {
        Some(RUN_FORMAT) => {}
        Some("migraflow") => {
            return Err(RunLoadError::not_a_run(
                "it is a migraflow plan document; open it with Import JSON",
            ))
        }
        _ => {
            return Err(RunLoadError::not_a_run(format!(
                "it has no \"format\": \"{RUN_FORMAT}\""
            )))
        }
    }
    let version = fields.get("schema_version");
    let whole = version
        .and_then(Value::as_u64)
        .filter(|v| *v >= 1)
        .ok_or_else(|| {
            RunLoadError::invalid(
                format!(
                    "schema_version must be a whole number from 1 up, found {}",
                    // Through json::write: Value's Display is a second
                    // JSON printer in the wasm.
                    version.map_or("nothing".to_owned(), |v| crate::json::write(v, false))
                ),
                "schema_version",
            )
        })?;
    if whole > u64::from(RUN_SCHEMA_VERSION) {
        return Err(RunLoadError {
            kind: RunLoadErrorKind::TooNew {
                found: u32::try_from(whole).unwrap_or(u32::MAX),
                supported: RUN_SCHEMA_VERSION,
            },
            message: format!("run schema {whole} is newer than {RUN_SCHEMA_VERSION}"),
            location: Some("schema_version".to_owned()),
        });
    }
    Ok(())
}

/// The invariants of [`super::record`], checked on a loaded run.
fn check_invariants(run: &Run) -> Result<(), RunLoadError> {
    let plan = &run.plan.plan;
    if run.log.is_empty() {
        return Err(RunLoadError::invalid(
            "its log is empty; a run logs its start",
            "log",
        ));
    }
    let mut last_ms = 0;
    for (index, entry) in run.log.iter().enumerate() {
        let at = |field: &str| format!("log[{index}].{field}");
        if entry.seq as usize != index + 1 {
            return Err(RunLoadError::invalid(
                format!("entry {} is numbered {}", index + 1, entry.seq),
                at("seq"),
            ));
        }
        if entry.at_ms < last_ms {
            return Err(RunLoadError::invalid(
                "its time is before the entry above it",
                at("at_ms"),
            ));
        }
        last_ms = entry.at_ms;
        if entry.time != iso8601(entry.at_ms) {
            return Err(RunLoadError::invalid(
                format!("\"{}\" is not the time at_ms says", entry.time),
                at("time"),
            ));
        }
        if let Some(node) = entry.node.filter(|id| plan.node(*id).is_none()) {
            return Err(RunLoadError::invalid(
                format!("the plan has no node {node}"),
                at("node"),
            ));
        }
        if let Some(edge) = entry.edge.filter(|id| plan.edge(*id).is_none()) {
            return Err(RunLoadError::invalid(
                format!("the plan has no edge {edge}"),
                at("edge"),
            ));
        }
        if entry.corrects.is_some_and(|c| c == 0 || c >= entry.seq) {
            return Err(RunLoadError::invalid(
                "it corrects an entry that is not before it",
                at("corrects"),
            ));
        }
    }
    if plan.node(run.current).is_none() {
        return Err(RunLoadError::invalid(
            format!("the plan has no node {}", run.current),
            "current",
        ));
    }
    let Some(last) = run.visits.last() else {
        return Err(RunLoadError::invalid(
            "it has no visit; a run enters its start",
            "visits",
        ));
    };
    if last.node != run.current {
        return Err(RunLoadError::invalid(
            "the last visit is not to the current node",
            "current",
        ));
    }
    let entries = run.log.len() as u32;
    for (index, visit) in run.visits.iter().enumerate() {
        let at = |field: &str| format!("visits[{index}].{field}");
        let Some(node) = plan.node(visit.node) else {
            return Err(RunLoadError::invalid(
                format!("the plan has no node {}", visit.node),
                at("node"),
            ));
        };
        if index + 1 < run.visits.len() && visit.left_ms.is_none() {
            return Err(RunLoadError::invalid(
                "an earlier visit was never left",
                at("left_ms"),
            ));
        }
        let seqs = std::iter::once(visit.entered_seq)
            .chain(visit.entry_ticked.iter().map(|t| t.seq))
            .chain(visit.exit_ticked.iter().map(|t| t.seq))
            .chain(visit.checks.iter().map(|c| c.seq))
            .chain(visit.gate.iter().map(|g| g.seq));
        for seq in seqs {
            if seq == 0 || seq > entries {
                return Err(RunLoadError::invalid(
                    format!("it names log entry {seq}, which does not exist"),
                    at(""),
                ));
            }
        }
        let in_range = |ticks: &[super::record::Tick], len: usize| {
            ticks.iter().all(|t| (t.index as usize) < len)
        };
        if !in_range(&visit.entry_ticked, node.entry_conditions.len())
            || !in_range(&visit.exit_ticked, node.exit_conditions.len())
            || visit
                .checks
                .iter()
                .any(|c| c.index as usize >= node.checks.len())
        {
            return Err(RunLoadError::invalid(
                "it ticks a condition or records a check the node does not have",
                at("node"),
            ));
        }
        if visit.gate.is_some() && node.kind != NodeKind::Gate {
            return Err(RunLoadError::invalid(
                "a decision on a node that is not a gate",
                at("gate"),
            ));
        }
    }
    if (run.status == Status::Paused) != run.paused_since.is_some() {
        return Err(RunLoadError::invalid(
            "paused_since must be set exactly while the run is paused",
            "paused_since",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::{apply, start, Command, NewRun};
    use crate::templates;
    use expect_test::{expect, Expect};
    use serde_json::json;

    fn sample() -> Run {
        let ana = Operator::new("Ana", "DBA");
        let mut run = start(
            NewRun {
                id: "r1".into(),
                document_id: "d1".into(),
                environment: "prod | eu\n<b>".into(),
                rehearsal: false,
            },
            templates::all()[0].build(),
            1_714_550_400_000,
            &ana,
        )
        .unwrap();
        let first = *run.plan.plan.edges.keys().next().unwrap();
        let advance = Command::Advance {
            edge: first,
            override_reason: String::new(),
            confirm: String::new(),
        };
        apply(&mut run, advance, 1_714_550_460_000, &ana).unwrap();
        let pause = Command::Pause {
            reason: "waiting".into(),
        };
        apply(&mut run, pause, 1_714_550_520_000, &ana).unwrap();
        run
    }

    #[test]
    fn a_run_saves_and_loads_back_exactly() {
        let run = sample();
        let text = run_to_json(&run);
        assert!(text.starts_with("{\n  \"format\": \"migraflow-run\",\n  \"schema_version\": 1,"));
        assert_eq!(load_run_json(&text).unwrap(), run);
        assert_eq!(run_to_json(&load_run_json(&text).unwrap()), text);
    }

    /// The refusal of the sample run's JSON after `edit`.
    fn check(edit: impl FnOnce(&mut Value), expect: Expect) {
        let mut value: Value = serde_json::from_str(&run_to_json(&sample())).unwrap();
        edit(&mut value);
        let text = serde_json::to_string(&value).unwrap();
        expect.assert_eq(&load_run_json(&text).unwrap_err().to_string());
    }

    #[test]
    fn text_that_is_not_a_run_is_refused() {
        let cases = [
            "",
            "{\"format\": \"migraflow-run\",",
            "[1, 2]",
            "{\"format\": \"migraflow\", \"schema_version\": 2}",
            "{\"schema_version\": 1}",
        ];
        let lines: Vec<String> = cases
            .iter()
            .map(|text| load_run_json(text).unwrap_err().to_string())
            .collect();
        expect![[r#"
            This file is not valid JSON: the file is empty (at line 1, column 0). Nothing was opened and nothing was changed.
            This file is not valid JSON: it ends in the middle of the JSON (at line 1, column 27). Nothing was opened and nothing was changed.
            This is not a migraflow run: it is not a JSON object. Nothing was opened and nothing was changed.
            This is not a migraflow run: it is a migraflow plan document; open it with Import JSON. Nothing was opened and nothing was changed.
            This is not a migraflow run: it has no "format": "migraflow-run". Nothing was opened and nothing was changed."#]]
        .assert_eq(&lines.join("\n"));
    }

    #[test]
    fn a_newer_schema_is_refused() {
        check(
            |v| v["schema_version"] = json!(2),
            expect!["This run was saved by a newer migraflow (run schema 2); this version reads run schemas up to 1. Nothing was opened and nothing was changed."],
        );
    }

    #[test]
    fn a_field_of_the_wrong_shape_is_named() {
        check(
            |v| v["log"][2]["kind"] = json!("teleported"),
            expect!["This migraflow run cannot be opened: unknown variant `teleported`, expected one of `started`, `entered`, `condition`, `check`, `override`, `go`, `no_go`, `rollback`, `paused`, `resumed`, `note`, `completed`, `aborted`, `refused`, `control` (at log[2].kind). Nothing was opened and nothing was changed."],
        );
        check(
            |v| v["visits"][0]["entered_ms"] = json!("soon"),
            expect![[
                r#"This migraflow run cannot be opened: invalid type: string "soon", expected u64 (at visits[0].entered_ms). Nothing was opened and nothing was changed."#
            ]],
        );
        check(
            |v| v["plan"]["nodes"][0]["kind"] = json!("blob"),
            expect!["This migraflow run cannot be opened: its pinned plan does not read: unknown variant `blob`, expected one of `start`, `end`, `phase`, `verification`, `gate` (at plan.nodes[0].kind). Nothing was opened and nothing was changed."],
        );
    }

    #[test]
    fn a_run_that_breaks_its_invariants_is_refused() {
        check(
            |v| v["plan"]["title"] = json!("edited"),
            expect!["This migraflow run cannot be opened: its pinned plan has hash fnv1a64:903b62d72075ba7d, not the fnv1a64:393d8aa7e6250a8a the run was written against (the plan in the file was changed) (at plan_hash). Nothing was opened and nothing was changed."],
        );
        check(
            |v| v["log"][1]["seq"] = json!(7),
            expect!["This migraflow run cannot be opened: entry 2 is numbered 7 (at log[1].seq). Nothing was opened and nothing was changed."],
        );
        check(
            |v| v["log"][3]["at_ms"] = json!(0),
            expect!["This migraflow run cannot be opened: its time is before the entry above it (at log[3].at_ms). Nothing was opened and nothing was changed."],
        );
        check(
            |v| v["log"][0]["time"] = json!("yesterday"),
            expect![[
                r#"This migraflow run cannot be opened: "yesterday" is not the time at_ms says (at log[0].time). Nothing was opened and nothing was changed."#
            ]],
        );
        check(
            |v| v["current"] = json!(9999),
            expect!["This migraflow run cannot be opened: the plan has no node n9999 (at current). Nothing was opened and nothing was changed."],
        );
        check(
            |v| v["status"] = json!("running"),
            expect!["This migraflow run cannot be opened: paused_since must be set exactly while the run is paused (at paused_since). Nothing was opened and nothing was changed."],
        );
        check(
            |v| v["log"][3]["corrects"] = json!(4),
            expect!["This migraflow run cannot be opened: it corrects an entry that is not before it (at log[3].corrects). Nothing was opened and nothing was changed."],
        );
    }
}
