//! The plan as a Mermaid `gantt` chart: the change window (SPEC §10).
//!
//! Mapping, steps in the order of [`super::steps`]:
//! - header: `title` (the plan's title, left out when empty),
//!   `dateFormat YYYY-MM-DD HH:mm:ss`, `axisFormat %H:%M` (`%m-%d %H:%M`
//!   when the plan is planned to take a day or more), `todayMarker off`
//!   so the text does not depend on the day it is drawn;
//! - one `section` per stage ([`super::steps::stages`]), named by the tag;
//! - one task per node, id `n7` (the node's id): a phase whose
//!   `planned_duration` reads is a bar that long (`45m`, or `5400s` where
//!   minutes do not divide it: Mermaid reads one unit only, and `1h30m`
//!   silently as nothing); every other node, and a phase without a
//!   readable duration, is a milestone (it takes no planned time);
//! - a task starts `after` the steps it waits for
//!   ([`super::steps::earlier_sources`]: the sources of its forward and
//!   validation edges placed before it); a task that waits for none starts
//!   at the plan start: the start node's `planned_start`
//!   ([`crate::planned_start`]), or `2000-01-01 00:00` when there is none,
//!   so that the axis reads as time since the start;
//! - a phase that is a point of no return (`safe: false`) is `crit`.
//!
//! After a run ([`export_gantt_with_run`]), the plan starts when the run
//! did, and a last section `Actual` has one bar per visit in the run's
//! order, from its entry for its active time (pauses left out,
//! [`crate::run::timing`]): `done`, or `active` for the visit in
//! progress, and `crit` when it took its plan or more. Ids `a1`, `a2`….
//!
//! Task names are escaped by [`escape`]:
//!
//! | written as a code | why (Mermaid 12.3) |
//! |---|---|
//! | `:` | ends the task's name: `Sec: ond :n2, …` is task `Sec`, and the render throws |
//! | `#` `;` `%` `"` `<` `>` `&` | as in every view ([`super::view_escape::always`]); a `%` right after the first character starts a comment that eats the line |
//! | the first character, when the name starts with a keyword (`section`, `title`, `click`, `dateFormat`, `excludes`…, any case) or a date (`2026-01-01`) | the line is read as that statement: a task named `section x` becomes a section, `title x` the title |
//! | newline and other invisible characters | a task is one line |
//!
//! Tags come before the id (`crit, milestone, n3, after n2, 0m`): after
//! it, the render throws. The first task always has a date: without one
//! the render throws "Invalid date".

use super::steps::{earlier_sources, is_no_return, stages, steps};
use super::view_escape::{always, encode, shown, starts_with_any};
use crate::document::Document;
use crate::duration::parse_duration;
use crate::plan::{NodeKind, Plan};
use crate::planned_start::parse_planned_start;
use crate::run::timing::{visit_time, TimeFlag};
use crate::run::utc::iso8601;
use crate::run::Run;
use std::fmt::Write;

/// Words that start a statement in Gantt's (case-insensitive) lexer.
const KEYWORDS: [&str; 19] = [
    "gantt",
    "dateformat",
    "inclusiveenddates",
    "topaxis",
    "axisformat",
    "tickinterval",
    "includes",
    "excludes",
    "todaymarker",
    "weekday",
    "weekend",
    "title",
    "accdescription",
    "section",
    "acctitle",
    "accdescr",
    "click",
    "href",
    "call",
];

/// Where a plan without a planned start begins.
const NO_START: &str = "2000-01-01 00:00:00";

/// A task's name (or the title) for a Gantt line; see the module doc.
pub(super) fn escape(text: &str) -> String {
    let text = text.trim();
    let b = text.as_bytes();
    let date = b.len() >= 10
        && b[4] == b'-'
        && b[7] == b'-'
        && [0, 1, 2, 3, 5, 6, 8, 9]
            .iter()
            .all(|&i| b[i].is_ascii_digit());
    let lead = date || starts_with_any(text, &KEYWORDS);
    encode(text, |_, at, c| always(c) || (lead && at == 0))
}

/// `doc` as a Mermaid `gantt` chart (see the module doc).
pub fn export_gantt(doc: &Document) -> String {
    let start = steps(&doc.plan)
        .into_iter()
        .filter(|n| n.kind == NodeKind::Start)
        .find_map(|n| parse_planned_start(&n.planned_start).ok().flatten());
    gantt(&doc.plan, &start.unwrap_or_else(|| NO_START.to_owned()), "")
}

/// The Gantt of the run's pinned plan, starting when the run started, with
/// the run's actual times beside it (see the module doc). `now_ms` ends
/// the visit in progress.
pub fn export_gantt_with_run(run: &Run, now_ms: u64) -> String {
    let plan = &run.plan.plan;
    let started = run.visits.first().map_or(0, |v| v.entered_ms);
    let mut actual = String::from("    section Actual\n");
    for (index, visit) in run.visits.iter().enumerate() {
        let (Some(node), Some(time)) = (plan.node(visit.node), visit_time(run, index, now_ms))
        else {
            continue;
        };
        let state = if visit.left_ms.is_none() {
            "active"
        } else {
            "done"
        };
        let crit = if time.flag == TimeFlag::None {
            ""
        } else {
            "crit, "
        };
        let _ = writeln!(
            actual,
            "    {} :{crit}{state}, a{}, {}, {}s",
            escape(shown(node)),
            index + 1,
            mermaid_time(visit.entered_ms),
            (time.actual_ms + 500) / 1000
        );
    }
    gantt(plan, &mermaid_time(started), &actual)
}

/// Milliseconds since the epoch as `YYYY-MM-DD HH:mm:ss` (UTC).
fn mermaid_time(ms: u64) -> String {
    let iso = iso8601(ms);
    format!("{} {}", &iso[..10], &iso[11..19])
}

/// The planned length of a node in seconds, if it is a bar.
fn planned_seconds(node: &crate::plan::Node) -> Option<u64> {
    (node.kind == NodeKind::Phase)
        .then(|| parse_duration(&node.planned_duration).ok().flatten())
        .flatten()
}

fn gantt(plan: &Plan, start: &str, actual: &str) -> String {
    let steps = steps(plan);
    let waits = earlier_sources(plan, &steps);
    // Finish times in seconds from the start, by step, for the axis format.
    let mut finish: Vec<u64> = Vec::with_capacity(steps.len());
    for node in &steps {
        let begin = waits.get(&node.id).map_or(0, |sources| {
            sources
                .iter()
                .filter_map(|s| steps.iter().position(|n| n.id == *s))
                .map(|at| finish[at])
                .max()
                .unwrap_or(0)
        });
        finish.push(begin + planned_seconds(node).unwrap_or(0));
    }
    let long = finish.iter().any(|&f| f >= 86_400);
    let mut out = String::from("gantt\n");
    if !plan.title.trim().is_empty() {
        let _ = writeln!(out, "    title {}", escape(&plan.title));
    }
    let _ = writeln!(
        out,
        "    dateFormat YYYY-MM-DD HH:mm:ss\n    axisFormat {}\n    todayMarker off",
        if long { "%m-%d %H:%M" } else { "%H:%M" }
    );
    for (name, nodes) in stages(&steps) {
        let _ = writeln!(out, "    section {name}");
        for node in nodes {
            let seconds = planned_seconds(node);
            let crit = if is_no_return(node) { "crit, " } else { "" };
            let milestone = if seconds.is_none() { "milestone, " } else { "" };
            let begin = match waits.get(&node.id) {
                Some(sources) => {
                    let ids: Vec<String> = sources.iter().map(ToString::to_string).collect();
                    format!("after {}", ids.join(" "))
                }
                None => start.to_owned(),
            };
            let length = match seconds {
                Some(s) if s % 60 == 0 => format!("{}m", s / 60),
                Some(s) => format!("{s}s"),
                None => "0m".to_owned(),
            };
            let _ = writeln!(
                out,
                "    {} :{crit}{milestone}{}, {begin}, {length}",
                escape(shown(node)),
                node.id
            );
        }
    }
    out.push_str(actual);
    out
}
