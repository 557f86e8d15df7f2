//! Runbook mode in the core (SPEC §6): a run of a plan during the
//! migration — which node the system is in, what may be done next, and
//! what was done, by whom, when.
//!
//! A [`Run`] pins the plan it runs (a copy and its hash), so editing the
//! document never changes a run. It starts with [`start`] and changes only
//! through [`apply`], one [`Command`] at a time, with the time and the
//! operator passed in: the core reads no clock. Every command is logged,
//! refusals included; the log is append-only and corrections refer to the
//! entries they correct. The moves offered from the current node, with
//! what each needs, come from [`moves`]; times against the plan and the
//! per-node summaries from [`timing`]. A run is saved and loaded as JSON
//! of its own versioned format by [`file`]; its Markdown log and the
//! plan's runbook are in [`crate::markdown`].
//!
//! Files, one job each: `record.rs` (the record and its invariants),
//! `status.rs` (legal status changes), `start.rs`, `command.rs`,
//! `apply.rs`, `moves.rs`, `no_return.rs` (points of no return),
//! `threshold.rs` (check verdicts), `timing.rs`, `hash.rs` (the pinned
//! plan's hash), `utc.rs` (ISO 8601 times), `file.rs` (JSON).

mod apply;
mod command;
pub mod file;
pub mod hash;
pub mod moves;
pub mod no_return;
mod record;
mod start;
mod status;
pub mod threshold;
pub mod timing;
pub mod utc;

#[cfg(test)]
mod tests;

#[cfg(test)]
mod properties;

#[cfg(test)]
mod templates_run;

pub use apply::apply;
pub use command::{Applied, Command, Refusal, Why};
pub use file::{load_run_json, load_run_parts, run_head_json, run_to_json, RunLoadError};
pub use moves::{moves, Move, Way};
pub use record::{
    CheckRecord, Conditions, GateDecision, LogEntry, LogKind, Operator, Run, Tick, Verdict, Visit,
};
pub use start::{start, NewRun, StartError};
pub use status::Status;
