//! Time in a run: per visit against the plan, in total, and paused apart;
//! and the one-line summary of a node when it is left.
//!
//! Definitions, all in milliseconds, `now_ms` passed in:
//! - a visit's *actual* time: from entering to leaving (or to `now_ms`
//!   while it is the current one), less the time paused during it;
//! - its *planned* time: the node's `planned_duration`, when it reads
//!   ([`crate::duration`]); none otherwise;
//! - its *flag*: `over` at 100 % of the plan or more, `far_over` at 150 %
//!   or more;
//! - the run's *elapsed* time: from its first entry to its last (finished)
//!   or to `now_ms`; *paused*: the pauses of all visits plus the one in
//!   progress; *active*: elapsed less paused.
//!
//! A summary reads "Backfill: 3/3 checks, 1 override, 12 min over plan":
//! the node's name, what was done there (exit conditions of a phase,
//! checks passed of a verification, the decision of a gate), overrides,
//! and time against the plan ("took 4 min" when there is none).

use super::record::{Run, Verdict, Visit};
use crate::duration::{describe_ms, parse_duration};
use crate::plan::NodeKind;

/// How a visit's time stands against its plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeFlag {
    /// Under plan, or no plan.
    None,
    /// At 100 % of the plan or more.
    Over,
    /// At 150 % of the plan or more.
    FarOver,
}

impl TimeFlag {
    pub fn as_str(self) -> &'static str {
        match self {
            TimeFlag::None => "none",
            TimeFlag::Over => "over",
            TimeFlag::FarOver => "far_over",
        }
    }
}

/// A visit's time against its plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VisitTime {
    pub actual_ms: u64,
    pub planned_ms: Option<u64>,
    pub flag: TimeFlag,
}

/// The run's time as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RunTime {
    pub elapsed_ms: u64,
    pub paused_ms: u64,
    pub active_ms: u64,
}

/// The pause in progress, if any, up to `now_ms`.
fn pausing(run: &Run, now_ms: u64) -> u64 {
    run.paused_since
        .map_or(0, |since| now_ms.saturating_sub(since))
}

/// The time of `run.visits[index]`; see the module doc.
pub fn visit_time(run: &Run, index: usize, now_ms: u64) -> Option<VisitTime> {
    let visit = run.visits.get(index)?;
    let is_current = index + 1 == run.visits.len();
    let end = visit.left_ms.unwrap_or(now_ms);
    let mut paused = visit.paused_ms;
    if is_current {
        paused += pausing(run, now_ms);
    }
    let actual_ms = end.saturating_sub(visit.entered_ms).saturating_sub(paused);
    let planned_ms = run
        .plan
        .plan
        .node(visit.node)
        .and_then(|n| parse_duration(&n.planned_duration).ok().flatten())
        .map(|s| s * 1000);
    let flag = match planned_ms {
        Some(plan) if actual_ms.saturating_mul(2) >= plan.saturating_mul(3) => TimeFlag::FarOver,
        Some(plan) if actual_ms >= plan => TimeFlag::Over,
        _ => TimeFlag::None,
    };
    Some(VisitTime {
        actual_ms,
        planned_ms,
        flag,
    })
}

/// The time of the current node's visit.
pub fn current_time(run: &Run, now_ms: u64) -> VisitTime {
    visit_time(run, run.visits.len() - 1, now_ms).expect("a run has a visit")
}

/// The run's elapsed, paused and active time.
pub fn run_time(run: &Run, now_ms: u64) -> RunTime {
    let end = run.ended_ms().unwrap_or(now_ms);
    let elapsed_ms = end.saturating_sub(run.started_ms());
    let paused_ms = run.visits.iter().map(|v| v.paused_ms).sum::<u64>() + pausing(run, now_ms);
    RunTime {
        elapsed_ms,
        paused_ms,
        active_ms: elapsed_ms.saturating_sub(paused_ms),
    }
}

/// "12 min over plan", "3 min under plan", "on plan", or "took 4 min".
pub fn against_plan(time: &VisitTime) -> String {
    let actual = time.actual_ms;
    match time.planned_ms {
        None => format!("took {}", describe_ms(actual)),
        // Within half a minute either way reads as on plan.
        Some(plan) if actual.abs_diff(plan) < 30_000 => "on plan".to_owned(),
        Some(plan) if actual > plan => format!("{} over plan", describe_ms(actual - plan)),
        Some(plan) => format!("{} under plan", describe_ms(plan - actual)),
    }
}

/// The summary of `run.visits[index]`; see the module doc.
pub fn summary(run: &Run, index: usize, now_ms: u64) -> Option<String> {
    let visit = run.visits.get(index)?;
    let node = run.plan.plan.node(visit.node)?;
    let mut parts = vec![];
    match node.kind {
        NodeKind::Phase if !node.exit_conditions.is_empty() => parts.push(format!(
            "{}/{} exit conditions",
            visit.exit_ticked.len(),
            node.exit_conditions.len()
        )),
        NodeKind::Verification => {
            parts.push(format!("{}/{} checks", passed(visit), node.checks.len()))
        }
        NodeKind::Gate => parts.push(match &visit.gate {
            Some(d) if d.go => format!("go by {}", d.approver.describe()),
            Some(d) => format!("no-go by {}", d.approver.describe()),
            None => "no decision".to_owned(),
        }),
        _ => {}
    }
    match visit.overrides {
        0 => {}
        1 => parts.push("1 override".to_owned()),
        n => parts.push(format!("{n} overrides")),
    }
    if node.kind != NodeKind::End {
        parts.push(against_plan(&visit_time(run, index, now_ms)?));
    }
    let name = super::moves::name(node);
    Some(match parts.is_empty() {
        true => name,
        false => format!("{name}: {}", parts.join(", ")),
    })
}

fn passed(visit: &Visit) -> usize {
    visit
        .checks
        .iter()
        .filter(|c| c.verdict == Verdict::Pass)
        .count()
}
