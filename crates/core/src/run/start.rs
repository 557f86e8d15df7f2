//! Starting a run: the plan pinned, the first two log entries written.
//!
//! Definition: a run starts from a copy of the document and its
//! [`super::hash::plan_hash`], with status `running` at the plan's one
//! start node. The log opens with `started` (mode, environment, plan and
//! hash) and `entered` (the start node), both at `now_ms`, by the operator
//! who started it. A plan with no start node, or with several, cannot be
//! run: there would be no one place to begin.

use super::hash::plan_hash;
use super::record::{LogEntry, LogKind, Operator, Run, Visit};
use super::status::Status;
use super::utc::iso8601;
use crate::document::Document;
use crate::plan::NodeKind;
use std::fmt;

/// What the "Start run" form asks (SPEC §9), besides the operator.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewRun {
    pub id: String,
    pub document_id: String,
    pub environment: String,
    pub rehearsal: bool,
}

/// Why a run could not start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StartError {
    NoOperator,
    /// The plan has this many start nodes, not one.
    StartNodes(usize),
}

impl fmt::Display for StartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StartError::NoOperator => f.write_str("a run needs the operator's name"),
            StartError::StartNodes(0) => {
                f.write_str("the plan has no start node, so a run has nowhere to begin")
            }
            StartError::StartNodes(n) => write!(
                f,
                "the plan has {n} start nodes; a run begins at exactly one"
            ),
        }
    }
}

impl std::error::Error for StartError {}

/// Starts a run of `plan` (see the module doc).
pub fn start(
    new: NewRun,
    plan: Document,
    now_ms: u64,
    operator: &Operator,
) -> Result<Run, StartError> {
    let name = operator.name.trim();
    if name.is_empty() {
        return Err(StartError::NoOperator);
    }
    let starts: Vec<_> = plan
        .plan
        .nodes
        .values()
        .filter(|n| n.kind == NodeKind::Start)
        .map(|n| n.id)
        .collect();
    let [start] = starts[..] else {
        return Err(StartError::StartNodes(starts.len()));
    };
    let plan_hash = plan_hash(&plan.plan);
    let mode = if new.rehearsal {
        "Rehearsal"
    } else {
        "Live run"
    };
    let started = format!(
        "{mode} in \"{}\" of \"{}\" ({plan_hash})",
        new.environment.trim(),
        plan.plan.title.trim()
    );
    let entry = |seq, kind, node, details: String| LogEntry {
        seq,
        at_ms: now_ms,
        time: iso8601(now_ms),
        operator: name.to_owned(),
        kind,
        node,
        edge: None,
        details,
        corrects: None,
    };
    let log = vec![
        entry(1, LogKind::Started, None, started),
        entry(2, LogKind::Entered, Some(start), "the start".to_owned()),
    ];
    Ok(Run {
        id: new.id,
        document_id: new.document_id,
        environment: new.environment,
        rehearsal: new.rehearsal,
        plan: plan.into(),
        plan_hash,
        status: Status::Running,
        current: start,
        operators: vec![Operator::new(name, operator.role.trim())],
        visits: vec![Visit::new(start, 2, now_ms)],
        paused_since: None,
        log,
    })
}
