//! The run record: what a run keeps, and its append-only log.
//!
//! Invariants, kept by [`super::apply`] and checked when a run file is
//! loaded ([`super::file`]):
//! - the plan is pinned: `plan` is the document as it was when the run
//!   started and `plan_hash` its [`super::hash::plan_hash`]; nothing
//!   changes either afterwards;
//! - `current` is a node of the pinned plan, and the node of the last visit;
//! - the log is append-only: entry `i` has sequence number `i + 1`, times
//!   never decrease, and an entry once written is never changed; a
//!   correction is a new entry whose `corrects` names the earlier one;
//! - `visits` lists the nodes entered, in order; only the last one (the
//!   current node's) is still open and changes as conditions are ticked
//!   and checks recorded; a node entered again gets a fresh visit, so what
//!   was ticked before a rollback does not count after it;
//! - `paused_since` is set exactly while the status is `paused`.

use super::status::Status;
use crate::document::Document;
use crate::id::{EdgeId, NodeId};
use crate::json::from::{Fields, FromJson};
use crate::json::to::{Object, ToJson};
use crate::json::ReadError;
use serde_json::Value;
use std::sync::Arc;

/// Who did something: a self-declared name and role (SPEC §6, Operators).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Operator {
    pub name: String,
    pub role: String,
}

impl Operator {
    pub fn new(name: impl Into<String>, role: impl Into<String>) -> Operator {
        Operator {
            name: name.into(),
            role: role.into(),
        }
    }

    /// `Ana (DBA)`, or the name alone when no role was given.
    pub fn describe(&self) -> String {
        match self.role.trim() {
            "" => self.name.trim().to_owned(),
            role => format!("{} ({role})", self.name.trim()),
        }
    }
}

/// One run of a plan (SPEC §6). See the module doc for its invariants.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    pub id: String,
    /// The library id of the document the run was started from.
    pub document_id: String,
    /// Free text: `staging`, `production eu-west-1`…
    pub environment: String,
    /// A rehearsal stays one: no command turns it into a live run.
    pub rehearsal: bool,
    /// The plan as it was when the run started. Shared, never changed: a
    /// command applied to a copy of the run (as the page does, to store it
    /// before showing it) does not copy thousands of nodes.
    pub plan: Arc<Document>,
    pub plan_hash: String,
    pub status: Status,
    pub current: NodeId,
    /// Everyone who has given a command, in order of their first one.
    pub operators: Vec<Operator>,
    pub visits: Vec<Visit>,
    /// When the pause in progress began.
    pub paused_since: Option<u64>,
    pub log: Vec<LogEntry>,
}

/// One stay in a node, from entering it to leaving it.
#[derive(Clone, Debug, PartialEq)]
pub struct Visit {
    pub node: NodeId,
    /// The `entered` log entry.
    pub entered_seq: u32,
    pub entered_ms: u64,
    pub left_ms: Option<u64>,
    /// The edge the run left by (none for an end or an abort).
    pub left_by: Option<EdgeId>,
    /// Time paused during the visit, counted apart from its elapsed time.
    pub paused_ms: u64,
    /// Entry conditions ticked, by index into the node's list.
    pub entry_ticked: Vec<Tick>,
    pub exit_ticked: Vec<Tick>,
    /// The latest result of each check recorded, by index.
    pub checks: Vec<CheckRecord>,
    /// A gate's decision.
    pub gate: Option<GateDecision>,
    /// Moves out of this node made by override.
    pub overrides: u32,
}

impl Visit {
    pub(super) fn new(node: NodeId, entered_seq: u32, entered_ms: u64) -> Visit {
        Visit {
            node,
            entered_seq,
            entered_ms,
            left_ms: None,
            left_by: None,
            paused_ms: 0,
            entry_ticked: Vec::new(),
            exit_ticked: Vec::new(),
            checks: Vec::new(),
            gate: None,
            overrides: 0,
        }
    }

    /// The ticks of one list of conditions.
    pub fn ticked(&self, list: Conditions) -> &[Tick] {
        match list {
            Conditions::Entry => &self.entry_ticked,
            Conditions::Exit => &self.exit_ticked,
        }
    }

    pub fn is_ticked(&self, list: Conditions, index: u32) -> bool {
        self.ticked(list).iter().any(|t| t.index == index)
    }

    /// The latest result of check `index`.
    pub fn check(&self, index: u32) -> Option<&CheckRecord> {
        self.checks.iter().find(|c| c.index == index)
    }
}

/// A node's two lists of conditions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Conditions {
    Entry,
    Exit,
}

impl Conditions {
    pub fn label(self) -> &'static str {
        match self {
            Conditions::Entry => "entry condition",
            Conditions::Exit => "exit condition",
        }
    }
}

/// A ticked condition and the log entry that ticked it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tick {
    pub index: u32,
    pub seq: u32,
}

/// Pass or fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Verdict {
    Pass,
    Fail,
}

impl Verdict {
    pub const ALL: [Verdict; 2] = [Verdict::Pass, Verdict::Fail];

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Fail => "fail",
        }
    }

    pub fn parse(text: &str) -> Option<Verdict> {
        Verdict::ALL.into_iter().find(|v| v.as_str() == text)
    }
}

crate::plan::read_by_name!(Verdict);

/// The result of one check of a verification node.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckRecord {
    /// Index into the node's checks.
    pub index: u32,
    pub observed: String,
    pub verdict: Verdict,
    /// What the threshold proposed for the observed value, when it could.
    pub proposed: Option<Verdict>,
    /// A note or a URL.
    pub evidence: String,
    /// The `check` log entry.
    pub seq: u32,
}

/// A gate's go or no-go.
#[derive(Clone, Debug, PartialEq)]
pub struct GateDecision {
    pub go: bool,
    pub approver: Operator,
    pub comment: String,
    /// The `go` or `no_go` log entry (its time is the decision's).
    pub seq: u32,
}

/// What a log entry records; the names are `data-log-kind` on the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LogKind {
    Started,
    Entered,
    /// A condition ticked or unticked.
    Condition,
    /// A check recorded.
    Check,
    Override,
    Go,
    NoGo,
    /// A rollback edge taken.
    Rollback,
    Paused,
    Resumed,
    Note,
    Completed,
    Aborted,
    /// A command refused, with the reason.
    Refused,
    /// Another tab took control of the run.
    Control,
}

impl LogKind {
    pub const ALL: [LogKind; 15] = [
        LogKind::Started,
        LogKind::Entered,
        LogKind::Condition,
        LogKind::Check,
        LogKind::Override,
        LogKind::Go,
        LogKind::NoGo,
        LogKind::Rollback,
        LogKind::Paused,
        LogKind::Resumed,
        LogKind::Note,
        LogKind::Completed,
        LogKind::Aborted,
        LogKind::Refused,
        LogKind::Control,
    ];

    /// The serialized name, also `data-log-kind` on the page.
    pub fn as_str(self) -> &'static str {
        match self {
            LogKind::Started => "started",
            LogKind::Entered => "entered",
            LogKind::Condition => "condition",
            LogKind::Check => "check",
            LogKind::Override => "override",
            LogKind::Go => "go",
            LogKind::NoGo => "no_go",
            LogKind::Rollback => "rollback",
            LogKind::Paused => "paused",
            LogKind::Resumed => "resumed",
            LogKind::Note => "note",
            LogKind::Completed => "completed",
            LogKind::Aborted => "aborted",
            LogKind::Refused => "refused",
            LogKind::Control => "control",
        }
    }

    /// A human label ("No-go").
    pub fn label(self) -> &'static str {
        match self {
            LogKind::Started => "Started",
            LogKind::Entered => "Entered",
            LogKind::Condition => "Condition",
            LogKind::Check => "Check",
            LogKind::Override => "Override",
            LogKind::Go => "Go",
            LogKind::NoGo => "No-go",
            LogKind::Rollback => "Rollback",
            LogKind::Paused => "Paused",
            LogKind::Resumed => "Resumed",
            LogKind::Note => "Note",
            LogKind::Completed => "Completed",
            LogKind::Aborted => "Aborted",
            LogKind::Refused => "Refused",
            LogKind::Control => "Took control",
        }
    }

    pub fn parse(text: &str) -> Option<LogKind> {
        LogKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

crate::plan::read_by_name!(LogKind);

/// One line of the log.
#[derive(Clone, Debug, PartialEq)]
pub struct LogEntry {
    /// 1 for the first entry, one more for each next one.
    pub seq: u32,
    /// Milliseconds since 1970 (UTC), as passed in.
    pub at_ms: u64,
    /// `at_ms` in ISO 8601 ([`super::utc::iso8601`]), for people reading
    /// the file.
    pub time: String,
    /// The operator's name.
    pub operator: String,
    pub kind: LogKind,
    pub node: Option<NodeId>,
    pub edge: Option<EdgeId>,
    pub details: String,
    /// The earlier entry this one corrects.
    pub corrects: Option<u32>,
}

impl Run {
    /// The visit of the current node.
    pub fn visit(&self) -> &Visit {
        self.visits
            .last()
            .expect("a run has entered its start node")
    }

    pub(super) fn visit_mut(&mut self) -> &mut Visit {
        self.visits
            .last_mut()
            .expect("a run has entered its start node")
    }

    /// The sequence number the next entry gets.
    pub fn next_seq(&self) -> u32 {
        self.log.len() as u32 + 1
    }

    /// When the run started (its first entry).
    pub fn started_ms(&self) -> u64 {
        self.log.first().map_or(0, |e| e.at_ms)
    }

    /// When a finished run ended (its last entry); `None` while it goes on.
    pub fn ended_ms(&self) -> Option<u64> {
        self.status
            .is_finished()
            .then(|| self.log.last().map_or(0, |e| e.at_ms))
    }

    /// The entry with sequence number `seq`.
    pub fn entry(&self, seq: u32) -> Option<&LogEntry> {
        self.log.get((seq as usize).checked_sub(1)?)
    }

    /// "Rehearsal" or "Live".
    pub fn mode_label(&self) -> &'static str {
        if self.rehearsal {
            "Rehearsal"
        } else {
            "Live"
        }
    }
}

// Reading the record's types out of a run file (`super::file`), by hand:
// see `crate::json::from` for why. A field read with `or` may be absent,
// as written files leave defaults out.

// Writing them: fields at their defaults are left out.

impl ToJson for Operator {
    fn to_json(&self) -> Value {
        Object::new()
            .with("name", &self.name)
            .unless(self.role.is_empty(), "role", &self.role)
            .done()
    }
}

impl ToJson for Visit {
    fn to_json(&self) -> Value {
        Object::new()
            .with("node", &self.node)
            .with("entered_seq", &self.entered_seq)
            .with("entered_ms", &self.entered_ms)
            .unless(self.left_ms.is_none(), "left_ms", &self.left_ms)
            .unless(self.left_by.is_none(), "left_by", &self.left_by)
            .unless(self.paused_ms == 0, "paused_ms", &self.paused_ms)
            .unless(
                self.entry_ticked.is_empty(),
                "entry_ticked",
                &self.entry_ticked,
            )
            .unless(
                self.exit_ticked.is_empty(),
                "exit_ticked",
                &self.exit_ticked,
            )
            .unless(self.checks.is_empty(), "checks", &self.checks)
            .unless(self.gate.is_none(), "gate", &self.gate)
            .unless(self.overrides == 0, "overrides", &self.overrides)
            .done()
    }
}

impl ToJson for Tick {
    fn to_json(&self) -> Value {
        Object::new()
            .with("index", &self.index)
            .with("seq", &self.seq)
            .done()
    }
}

impl ToJson for CheckRecord {
    fn to_json(&self) -> Value {
        Object::new()
            .with("index", &self.index)
            .unless(self.observed.is_empty(), "observed", &self.observed)
            .with("verdict", &self.verdict)
            .unless(self.proposed.is_none(), "proposed", &self.proposed)
            .unless(self.evidence.is_empty(), "evidence", &self.evidence)
            .with("seq", &self.seq)
            .done()
    }
}

impl ToJson for GateDecision {
    fn to_json(&self) -> Value {
        Object::new()
            .with("go", &self.go)
            .with("approver", &self.approver)
            .unless(self.comment.is_empty(), "comment", &self.comment)
            .with("seq", &self.seq)
            .done()
    }
}

impl ToJson for LogEntry {
    fn to_json(&self) -> Value {
        Object::new()
            .with("seq", &self.seq)
            .with("at_ms", &self.at_ms)
            .with("time", &self.time)
            .with("operator", &self.operator)
            .with("kind", &self.kind)
            .unless(self.node.is_none(), "node", &self.node)
            .unless(self.edge.is_none(), "edge", &self.edge)
            .unless(self.details.is_empty(), "details", &self.details)
            .unless(self.corrects.is_none(), "corrects", &self.corrects)
            .done()
    }
}

impl FromJson for Operator {
    fn from_json(value: &Value) -> Result<Operator, ReadError> {
        let f = Fields::of(value, "Operator")?;
        Ok(Operator {
            name: f.get("name")?,
            role: f.or("role")?,
        })
    }
}

impl FromJson for Visit {
    fn from_json(value: &Value) -> Result<Visit, ReadError> {
        let f = Fields::of(value, "Visit")?;
        Ok(Visit {
            node: f.get("node")?,
            entered_seq: f.get("entered_seq")?,
            entered_ms: f.get("entered_ms")?,
            left_ms: f.get("left_ms")?,
            left_by: f.get("left_by")?,
            paused_ms: f.or("paused_ms")?,
            entry_ticked: f.or("entry_ticked")?,
            exit_ticked: f.or("exit_ticked")?,
            checks: f.or("checks")?,
            gate: f.get("gate")?,
            overrides: f.or("overrides")?,
        })
    }
}

impl FromJson for Tick {
    fn from_json(value: &Value) -> Result<Tick, ReadError> {
        let f = Fields::of(value, "Tick")?;
        Ok(Tick {
            index: f.get("index")?,
            seq: f.get("seq")?,
        })
    }
}

impl FromJson for CheckRecord {
    fn from_json(value: &Value) -> Result<CheckRecord, ReadError> {
        let f = Fields::of(value, "CheckRecord")?;
        Ok(CheckRecord {
            index: f.get("index")?,
            observed: f.or("observed")?,
            verdict: f.get("verdict")?,
            proposed: f.get("proposed")?,
            evidence: f.or("evidence")?,
            seq: f.get("seq")?,
        })
    }
}

impl FromJson for GateDecision {
    fn from_json(value: &Value) -> Result<GateDecision, ReadError> {
        let f = Fields::of(value, "GateDecision")?;
        Ok(GateDecision {
            go: f.get("go")?,
            approver: f.get("approver")?,
            comment: f.or("comment")?,
            seq: f.get("seq")?,
        })
    }
}

impl FromJson for LogEntry {
    fn from_json(value: &Value) -> Result<LogEntry, ReadError> {
        let f = Fields::of(value, "LogEntry")?;
        Ok(LogEntry {
            seq: f.get("seq")?,
            at_ms: f.get("at_ms")?,
            time: f.get("time")?,
            operator: f.get("operator")?,
            kind: f.get("kind")?,
            node: f.get("node")?,
            edge: f.get("edge")?,
            details: f.or("details")?,
            corrects: f.get("corrects")?,
        })
    }
}
