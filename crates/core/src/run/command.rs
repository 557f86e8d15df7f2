//! What an operator can ask of a run, and why a request is refused.
//!
//! Every change to a run is a [`Command`] given to [`super::apply`], with
//! the time and the operator. A refused command changes nothing but the
//! log (where it is recorded, kind `refused`, with the reason), so a
//! refusal is as visible afterwards as a move. Texts that are "absent"
//! are empty strings, as the page's inputs give them.

use super::record::{Conditions, Operator, Verdict};
use super::status::Status;
use crate::id::EdgeId;
use std::fmt;

/// One request to a run.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Ticks or unticks a condition of the current node.
    Condition {
        list: Conditions,
        index: u32,
        ticked: bool,
    },
    /// Records a check of the current verification node. Without a
    /// verdict, the one the threshold proposes for `observed` is taken.
    Check {
        index: u32,
        observed: String,
        verdict: Option<Verdict>,
        evidence: String,
    },
    /// Signs the current gate off: go.
    Go {
        approver: Operator,
        comment: String,
    },
    /// Says no-go at the current gate and takes `edge`: a rollback edge or
    /// its no-go branch.
    NoGo {
        approver: Operator,
        comment: String,
        edge: EdgeId,
        confirm: String,
    },
    /// Takes a forward edge. `override_reason` lets a phase with open exit
    /// conditions or a verification with checks not passed advance;
    /// `confirm` is the target's title, typed, at a point of no return.
    Advance {
        edge: EdgeId,
        override_reason: String,
        confirm: String,
    },
    /// Takes a rollback edge; the run continues from its target.
    Rollback {
        edge: EdgeId,
        reason: String,
        confirm: String,
    },
    Pause {
        reason: String,
    },
    Resume {
        reason: String,
    },
    Abort {
        reason: String,
    },
    /// This tab becomes the one that writes (another tab was).
    TakeControl,
    /// A note; `corrects` names an earlier entry it corrects.
    Note {
        text: String,
        corrects: Option<u32>,
    },
}

impl Command {
    /// What was asked, for the log line of a refusal ("Advance along e4").
    pub fn describe(&self) -> String {
        match self {
            Command::Condition {
                list,
                index,
                ticked,
            } => format!(
                "{} {} {}",
                if *ticked { "Tick" } else { "Untick" },
                list.label(),
                index + 1
            ),
            Command::Check { index, .. } => format!("Record check {}", index + 1),
            Command::Go { .. } => "Go".to_owned(),
            Command::NoGo { edge, .. } => format!("No-go along {edge}"),
            Command::Advance { edge, .. } => format!("Advance along {edge}"),
            Command::Rollback { edge, .. } => format!("Roll back along {edge}"),
            Command::Pause { .. } => "Pause".to_owned(),
            Command::Resume { .. } => "Resume".to_owned(),
            Command::Abort { .. } => "Abort".to_owned(),
            Command::TakeControl => "Take control".to_owned(),
            Command::Note { .. } => "Note".to_owned(),
        }
    }

    /// The edge the command is about, if any.
    pub fn edge(&self) -> Option<EdgeId> {
        match self {
            Command::NoGo { edge, .. }
            | Command::Advance { edge, .. }
            | Command::Rollback { edge, .. } => Some(*edge),
            _ => None,
        }
    }
}

/// What [`super::apply`] did: the entries from `first_seq` to the end of
/// the log are new.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Applied {
    pub first_seq: u32,
}

/// A refused command. `logged` is the `refused` entry that records it;
/// `None` when nothing could be written (a finished run, no operator).
#[derive(Clone, Debug, PartialEq)]
pub struct Refusal {
    pub why: Why,
    pub logged: Option<u32>,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.why.fmt(f)
    }
}

impl std::error::Error for Refusal {}

/// Why a command was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum Why {
    /// The run is over; it only exports now.
    Finished(Status),
    /// No operator name: the log could not say who.
    NoOperator,
    /// Paused: only Resume, Abort, notes and taking control.
    Paused,
    NotPaused,
    AlreadyPaused,
    /// The edge does not leave the current node (or does not exist).
    NotAMove(EdgeId),
    /// A rollback edge asked to advance along, or the reverse.
    WrongWay {
        edge: EdgeId,
        is_rollback: bool,
    },
    /// A phase's exit conditions not ticked (overridable).
    ExitConditionsOpen(Vec<String>),
    /// A verification's checks not passed, each with its state
    /// (overridable); `rollbacks` are where a failure points.
    ChecksNotPassed {
        open: Vec<String>,
        rollbacks: Vec<String>,
    },
    /// A gate's go branch taken without a Go.
    GateNotSigned,
    /// A gate's no-go branch taken by Advance: it needs a No-go.
    NoGoBranch,
    /// No-go along an edge that is neither a rollback nor a no-go branch.
    NotNoGoWay(EdgeId),
    /// The gate asks for an approver other than the operator who entered it.
    ApproverIsOperator(String),
    NoApprover,
    /// The command needs the current node to be of another kind.
    WrongNode(&'static str),
    NoSuchCondition(Conditions, u32),
    NoSuchCheck(u32),
    /// The condition is already in the state asked for.
    Unchanged,
    /// A check with no verdict given and none proposed.
    NeedsVerdict(String),
    /// A point of no return: the target's title must be typed.
    Confirm {
        title: String,
        lost: Vec<String>,
    },
    /// A reason (or text) is required.
    NeedsText(&'static str),
    NoSuchEntry(u32),
}

impl Why {
    /// Whether an override with a reason lets the move through.
    pub fn overridable(&self) -> bool {
        matches!(
            self,
            Why::ExitConditionsOpen(_) | Why::ChecksNotPassed { .. }
        )
    }
}

fn quoted_list(items: &[String]) -> String {
    items
        .iter()
        .map(|i| format!("\"{i}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

impl fmt::Display for Why {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Why::Finished(status) => write!(
                f,
                "the run is {}; a finished run can only be exported",
                status.label().to_ascii_lowercase()
            ),
            Why::NoOperator => f.write_str("no operator name: say who you are first"),
            Why::Paused => f.write_str("the run is paused; resume it first"),
            Why::NotPaused => f.write_str("the run is not paused"),
            Why::AlreadyPaused => f.write_str("the run is already paused"),
            Why::NotAMove(edge) => write!(f, "{edge} is not a way out of the current node"),
            Why::WrongWay { edge, is_rollback } => {
                if *is_rollback {
                    write!(
                        f,
                        "{edge} is a rollback edge: roll back along it, with a reason"
                    )
                } else {
                    write!(f, "{edge} is not a rollback edge")
                }
            }
            Why::ExitConditionsOpen(open) => write!(
                f,
                "exit conditions not ticked: {}; tick them or override with a reason",
                quoted_list(open)
            ),
            Why::ChecksNotPassed { open, rollbacks } => {
                write!(f, "checks not passed: {}", open.join(", "))?;
                if !rollbacks.is_empty() {
                    write!(f, "; on failure roll back to {}", quoted_list(rollbacks))?;
                }
                f.write_str("; or override with a reason")
            }
            Why::GateNotSigned => {
                f.write_str("the gate has no Go: an approver must sign it off first")
            }
            Why::NoGoBranch => f.write_str("this is the gate's no-go branch: record a No-go"),
            Why::NotNoGoWay(edge) => write!(
                f,
                "{edge} is neither a rollback nor the gate's no-go branch"
            ),
            Why::ApproverIsOperator(name) => write!(
                f,
                "the gate needs an approver other than {name}, who entered it"
            ),
            Why::NoApprover => f.write_str("the approver's name is missing"),
            Why::WrongNode(wanted) => write!(f, "the current node is not {wanted}"),
            Why::NoSuchCondition(list, index) => {
                write!(f, "the current node has no {} {}", list.label(), index + 1)
            }
            Why::NoSuchCheck(index) => write!(f, "the current node has no check {}", index + 1),
            Why::Unchanged => f.write_str("the condition is already so"),
            Why::NeedsVerdict(why) => write!(f, "no verdict: {why}"),
            Why::Confirm { title, lost } => {
                write!(f, "a point of no return: type \"{title}\" to confirm")?;
                if !lost.is_empty() {
                    write!(f, "; no rollback to {} after it", quoted_list(lost))?;
                }
                Ok(())
            }
            Why::NeedsText(what) => write!(f, "{what} is required"),
            Why::NoSuchEntry(seq) => write!(f, "there is no log entry {seq}"),
        }
    }
}
