//! The run panel's markup (SPEC §6 and the §9 hooks): where the run is,
//! what the current node asks, the moves out of it, the controls and the
//! log, as one HTML string the app sets in one DOM call.
//!
//! Why markup and not a view per element: the panel is rebuilt after every
//! command and lists every log entry (ten thousand on a long run); built
//! as Leptos views it cost about 60 KB of gzip wasm, as text it costs a
//! few. The app listens once on the panel and reads what was asked from
//! `data-action` and the inputs beside it (`name=reason`, `confirm`,
//! `observed`, `evidence`, `approver-name`, `approver-role`, `comment`).
//!
//! User text goes through [`escape`] between tags and through
//! [`escape_attr`] in the few attributes SPEC §9 puts it in (a check's name
//! in `data-check`, an input's `value`); nothing else from the plan or the
//! log reaches a tag. What is offered (moves, what each needs, the
//! controls) comes from [`crate::run`]; this file only lays it out.

use super::{escape, escape_attr};
use crate::id::EdgeId;
use crate::library::runs::RunSummary;
use crate::plan::{Node, NodeKind};
use crate::run::moves::name;
use crate::run::timing::summary;
use crate::run::{moves, Conditions, Run, Status, Visit, Way};
use std::fmt::Write;

/// The fields of the Start run form (SPEC §9): environment, rehearsal
/// (ticked), and the operator's `name` and `role` as last given in this
/// browser. As markup, like the panel, so the form costs the app one
/// listener instead of a component per field.
pub fn start_run_fields(name: &str, role: &str) -> String {
    format!(
        r#"<p class="muted">The run pins the plan as it is now. Names are self-declared: nothing checks them.</p><label class="field"><span>Environment</span><input name="environment" aria-label="Environment" placeholder="staging, production eu-west-1…" autofocus></label><label class="check"><input type="checkbox" name="rehearsal" aria-label="Rehearsal" checked>Rehearsal</label><label class="field"><span>Operator name</span><input name="operator-name" aria-label="Operator name" required value="{}"></label><label class="field"><span>Operator role</span><input name="operator-role" aria-label="Operator role" placeholder="DBA, SRE…" value="{}"></label>"#,
        escape_attr(name),
        escape_attr(role)
    )
}

/// The items of a document's list of runs (SPEC §9 `data-run-id`), newest
/// first as given: what each run is and an "Open run" button. `started`
/// writes a start time as the page shows it (the browser's local time).
/// As markup, like the panel: one listener for the list, not a view per run.
pub fn runs_list_items(runs: &[RunSummary], started: impl Fn(u64) -> String) -> String {
    let mut out = String::new();
    for run in runs {
        let mode = if run.rehearsal { "Rehearsal" } else { "Live" };
        let environment = match run.environment.as_str() {
            "" => "no environment",
            text => text,
        };
        let _ = write!(
            out,
            r#"<li data-run-id="{}"><span>{mode} · {} · {} · {}</span><button data-action="open-run">Open run</button></li>"#,
            escape_attr(&run.id),
            escape(environment),
            run.status.label(),
            escape(&started(run.started_ms)),
        );
    }
    out
}

/// A move whose form is open: what it asks before it is taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Asking {
    pub edge: EdgeId,
    /// The core refused the move as overridable: a reason overrides it.
    pub override_it: bool,
    /// A point of no return: the target's title must be typed.
    pub confirm: bool,
}

/// A run control that asks for a reason first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Control {
    Pause,
    Resume,
    Abort,
}

impl Control {
    pub fn as_str(self) -> &'static str {
        match self {
            Control::Pause => "pause",
            Control::Resume => "resume",
            Control::Abort => "abort",
        }
    }

    pub fn parse(text: &str) -> Option<Control> {
        [Control::Pause, Control::Resume, Control::Abort]
            .into_iter()
            .find(|c| c.as_str() == text)
    }

    /// The button's name (SPEC §9).
    pub fn label(self) -> &'static str {
        match self {
            Control::Pause => "Pause run",
            Control::Resume => "Resume run",
            Control::Abort => "Abort run",
        }
    }
}

/// What the panel shows besides the run: how this tab stands to it and
/// what is being asked.
#[derive(Clone, Debug, Default)]
pub struct PanelState<'a> {
    /// This tab writes the run (another tab may, and this one follows).
    pub writer: bool,
    /// The run is stored (not a file opened to read).
    pub stored: bool,
    /// The document has changed since the run pinned its plan.
    pub plan_changed: bool,
    pub asking: Option<Asking>,
    pub control: Option<Control>,
    /// The last refusal or failure.
    pub message: Option<&'a str>,
    /// Minutes to add to UTC for local times (JavaScript's
    /// `-getTimezoneOffset()`), so the log reads in local time.
    pub utc_offset_min: i64,
}

/// The panel's inner markup for `run`, all but the log: the log only ever
/// grows, so the page appends its new entries ([`log_entries`]) instead
/// of rebuilding thousands of them on every command.
pub fn markup(run: &Run, state: &PanelState) -> String {
    let mut out = String::with_capacity(4096);
    let live = !run.status.is_finished() && state.stored;
    let enabled = state.writer && live && run.status == Status::Running;
    let disabled = if enabled { "" } else { " disabled" };
    let _ = write!(
        out,
        r#"<header><h2>{} run</h2><span class="run-status {}">{}</span><button class="close" data-action="close" aria-label="Close run view">×</button></header>"#,
        run.mode_label(),
        run.status.as_str(),
        run.status.label()
    );
    if run.rehearsal {
        out.push_str(r#"<p class="watermark">REHEARSAL — not a live run</p>"#);
    }
    let environment = match run.environment.trim() {
        "" => "no environment given",
        e => e,
    };
    let _ = write!(
        out,
        r#"<p class="run-meta">{} · {}</p><p class="muted identity">Operators are self-declared: this browser records the names typed, it does not check them.</p>"#,
        escape(environment),
        escape(&run.plan.plan.title)
    );
    let warn = |out: &mut String, text: &str| {
        let _ = write!(out, r#"<p class="run-warning" role="status">{text}</p>"#);
    };
    if state.plan_changed {
        warn(&mut out, "The document has changed since this run started; the run follows the plan as it was then.");
    }
    if !state.stored {
        warn(&mut out, "Opened from a file: read-only.");
    }
    if !state.writer && live {
        warn(
            &mut out,
            r#"Another tab is running this; this tab follows it read-only. <button data-action="take-control">Take control</button>"#,
        );
    }
    let node = run.plan.plan.node(run.current);
    let _ = write!(
        out,
        r#"<h3 class="run-current">Now in: {}</h3>"#,
        escape(&node.map(name).unwrap_or_default())
    );
    if let Some(message) = state.message {
        let _ = write!(
            out,
            r#"<p class="run-message" role="alert">{}</p>"#,
            escape(message)
        );
    }
    if let Some(node) = node {
        node_part(&mut out, node, run.visit(), disabled);
    }
    moves_part(&mut out, run, state, disabled);
    controls_part(&mut out, run, state, state.writer && live);
    path_part(&mut out, run);
    out
}

/// The most nodes left that the path lists; the run log export has all.
const PATH_SHOWN: usize = 30;

/// The nodes left so far, latest last, each with its summary ("Backfill:
/// 3/3 checks, 1 override, 12 min over plan", SPEC §6 Time).
fn path_part(out: &mut String, run: &Run) {
    let left = run.visits.len() - 1;
    if left == 0 {
        return;
    }
    let _ = write!(
        out,
        r#"<details class="run-path" data-testid="run-path"><summary>Path ({left} left)</summary><ol start="{}">"#,
        left.saturating_sub(PATH_SHOWN) + 1
    );
    for (index, visit) in run
        .visits
        .iter()
        .enumerate()
        .take(left)
        .skip(left.saturating_sub(PATH_SHOWN))
    {
        let text =
            summary(run, index, visit.left_ms.unwrap_or(visit.entered_ms)).unwrap_or_default();
        let _ = write!(
            out,
            r#"<li data-node="{}">{}</li>"#,
            visit.node.0,
            escape(&text)
        );
    }
    out.push_str("</ol></details>");
}

/// What the current node asks: SQL and conditions, checks, or a sign-off.
fn node_part(out: &mut String, node: &Node, visit: &Visit, disabled: &str) {
    match node.kind {
        NodeKind::Phase => {
            if !node.sql.trim().is_empty() {
                let _ = write!(
                    out,
                    r#"<div class="run-sql"><pre class="mono">{}</pre><button data-action="copy-sql">Copy SQL</button></div>"#,
                    escape(&node.sql)
                );
            }
            for (list, title, items) in [
                (
                    Conditions::Entry,
                    "Entry conditions",
                    &node.entry_conditions,
                ),
                (Conditions::Exit, "Exit conditions", &node.exit_conditions),
            ] {
                if items.is_empty() {
                    continue;
                }
                let _ = write!(out, r#"<h4>{title}</h4><ul class="run-conditions">"#);
                let key = if list == Conditions::Entry {
                    "entry"
                } else {
                    "exit"
                };
                for (i, text) in items.iter().enumerate() {
                    let checked = if visit.is_ticked(list, i as u32) {
                        " checked"
                    } else {
                        ""
                    };
                    let _ = write!(
                        out,
                        r#"<li><label><input type="checkbox" data-action="condition" data-list="{key}" data-index="{i}"{checked}{disabled}> {}</label></li>"#,
                        escape(text)
                    );
                }
                out.push_str("</ul>");
            }
        }
        NodeKind::Verification => {
            out.push_str(r#"<ul class="run-checks">"#);
            for (i, check) in node.checks.iter().enumerate() {
                let record = visit.check(i as u32);
                let state = record.map_or("not recorded", |r| r.verdict.as_str());
                let threshold = match check.threshold.trim() {
                    "" => "no threshold",
                    t => t,
                };
                let _ = write!(
                    out,
                    r#"<li class="run-check" data-check="{}" data-index="{i}" data-verdict="{state}"><div class="run-check-head"><strong>{}</strong><span class="muted">{}</span><span class="verdict {state}">{state}</span></div><input name="observed" aria-label="Observed value" placeholder="observed value" value="{}"{disabled}><input name="evidence" aria-label="Evidence" placeholder="evidence: a note or a URL" value="{}"{disabled}><span class="muted proposal"></span><div class="actions"><button data-action="check" data-verdict="pass"{disabled}>Pass</button><button data-action="check" data-verdict="fail"{disabled}>Fail</button></div></li>"#,
                    escape_attr(&check.name),
                    escape(&check.name),
                    escape(threshold),
                    escape_attr(record.map_or("", |r| r.observed.as_str())),
                    escape_attr(record.map_or("", |r| r.evidence.as_str())),
                );
            }
            out.push_str("</ul>");
        }
        NodeKind::Gate => {
            let role = match node.approver.trim() {
                "" => "any",
                r => r,
            };
            let _ = write!(
                out,
                r#"<div class="run-gate"><p>Approver role asked: <strong>{}</strong>{}</p>"#,
                escape(role),
                if node.distinct_approver {
                    " — not the operator who entered the gate"
                } else {
                    ""
                }
            );
            if !node.go_criteria.is_empty() {
                out.push_str(r#"<ul class="go-criteria">"#);
                for c in &node.go_criteria {
                    let _ = write!(out, "<li>{}</li>", escape(c));
                }
                out.push_str("</ul>");
            }
            if let Some(d) = &visit.gate {
                let _ = write!(
                    out,
                    r#"<p class="gate-decision">{} by {}</p>"#,
                    if d.go { "Go" } else { "No-go" },
                    escape(&d.approver.describe())
                );
            }
            let _ = write!(
                out,
                r#"<label class="field"><span>Approver name</span><input name="approver-name" aria-label="Approver name"{disabled}></label><label class="field"><span>Approver role</span><input name="approver-role" aria-label="Approver role" value="{}"{disabled}></label><label class="field"><span>Comment</span><input name="comment" aria-label="Comment"{disabled}></label><div class="actions"><button class="primary" data-action="go"{disabled}>Go</button><button class="danger" data-action="no-go"{disabled}>No-go</button></div></div>"#,
                escape_attr(node.approver.trim())
            );
        }
        NodeKind::Start | NodeKind::End => {}
    }
}

/// The moves, rollbacks always among them, with the open move's form.
fn moves_part(out: &mut String, run: &Run, state: &PanelState, disabled: &str) {
    out.push_str("<h4>Moves</h4>");
    let list = moves(run);
    if list.is_empty() {
        out.push_str(r#"<p class="muted">No moves: the run is over.</p>"#);
        return;
    }
    out.push_str(r#"<ul class="run-moves">"#);
    for m in &list {
        let edge = m.edge.id.0;
        let class = if m.way == Way::Rollback {
            "rollback"
        } else {
            "forward"
        };
        let _ = write!(
            out,
            r#"<li class="move {class}"><button data-action="move" data-move-edge="{edge}"{disabled}>{}</button>"#,
            escape(&m.label())
        );
        if !m.edge.label.is_empty() {
            let _ = write!(
                out,
                r#"<span class="muted">{}</span>"#,
                escape(&m.edge.label)
            );
        }
        if let Some(a) = state.asking.filter(|a| a.edge == m.edge.id) {
            out.push_str(r#"<div class="move-form">"#);
            if a.confirm {
                let lost: Vec<String> = m
                    .no_return
                    .as_ref()
                    .map(|n| {
                        n.lost
                            .iter()
                            .filter_map(|id| run.plan.plan.node(*id).map(name))
                            .collect()
                    })
                    .unwrap_or_default();
                let what = if lost.is_empty() {
                    "The target cannot be rolled back from.".to_owned()
                } else {
                    format!("After this, no rollback reaches: {}.", lost.join(", "))
                };
                let _ = write!(
                    out,
                    r#"<p class="no-return"><strong>Point of no return.</strong> {} Type “{}” to confirm.</p><input name="confirm" aria-label="Confirm">"#,
                    escape(&what),
                    escape(&name(m.target))
                );
            }
            if m.way == Way::Rollback || a.override_it {
                out.push_str(
                    r#"<input name="reason" aria-label="Reason" placeholder="reason (logged)">"#,
                );
            }
            let button = match (m.way, a.override_it) {
                (Way::Rollback, _) => "Roll back",
                (_, true) => "Override",
                _ => "Confirm move",
            };
            let _ = write!(
                out,
                r#"<div class="actions"><button class="primary" data-action="submit-move" data-edge="{edge}">{button}</button><button data-action="cancel">Cancel</button></div></div>"#
            );
        }
        out.push_str("</li>");
    }
    out.push_str("</ul>");
}

/// Pause or resume, abort (each asking for a reason), and the exports.
fn controls_part(out: &mut String, run: &Run, state: &PanelState, can_act: bool) {
    out.push_str(r#"<div class="run-controls">"#);
    if can_act {
        let first = if run.status == Status::Paused {
            Control::Resume
        } else {
            Control::Pause
        };
        for c in [first, Control::Abort] {
            if state.control == Some(c) {
                let _ = write!(
                    out,
                    r#"<div class="move-form"><input name="reason" aria-label="Reason" placeholder="reason (logged)"><button class="primary" data-action="submit-control" data-control="{}">{}</button><button data-action="cancel">Cancel</button></div>"#,
                    c.as_str(),
                    c.label()
                );
            } else {
                let _ = write!(
                    out,
                    r#"<button data-action="control" data-control="{}">{}</button>"#,
                    c.as_str(),
                    c.label()
                );
            }
        }
    }
    out.push_str(r#"<button data-action="export-log">Export run log</button><button data-action="export-json">Export run JSON</button></div>"#);
}

/// The log entries from index `from` on, one `<li>` each, times in local
/// time: the content of the panel's `<ol class="run-log">`.
pub fn log_entries(run: &Run, from: usize, utc_offset_min: i64) -> String {
    let mut out = String::with_capacity(run.log.len().saturating_sub(from) * 160);
    for e in run.log.get(from..).unwrap_or_default() {
        let local = (e.at_ms as i64 + utc_offset_min * 60_000).rem_euclid(86_400_000) / 1000;
        let node = e
            .node
            .and_then(|id| run.plan.plan.node(id))
            .map(name)
            .unwrap_or_default();
        let _ = write!(
            out,
            r#"<li data-seq="{}" data-log-kind="{}" title="{}"><span class="seq">#{}</span><time>{:02}:{:02}:{:02}</time><span class="who">{}</span><strong class="kind">{}</strong><span class="node">{}</span><span class="details">{}</span>"#,
            e.seq,
            e.kind.as_str(),
            escape_attr(&e.time),
            e.seq,
            local / 3600,
            local / 60 % 60,
            local % 60,
            escape(&e.operator),
            e.kind.label(),
            escape(&node),
            escape(&e.details)
        );
        if let Some(c) = e.corrects {
            let _ = write!(out, r#"<span class="muted"> (corrects #{c})</span>"#);
        }
        out.push_str("</li>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::{apply, start, Command, NewRun, Operator};
    use crate::templates;

    fn started() -> Run {
        let doc = templates::all()[0].build();
        start(
            NewRun {
                id: "r1".into(),
                document_id: "d1".into(),
                environment: "<b>staging</b> \"eu\"".into(),
                rehearsal: true,
            },
            doc,
            0,
            &Operator::new("Ana <script>", "DBA"),
        )
        .unwrap()
    }

    #[test]
    fn the_start_form_offers_the_last_operator_escaped() {
        let html = start_run_fields("Ana \"<b>\"", "R&D");
        assert!(html.contains(r#"name="operator-name" aria-label="Operator name" required value="Ana &quot;&lt;b&gt;&quot;""#));
        assert!(html.contains(r#"value="R&amp;D""#));
        assert!(!html.contains("<b>"));
    }

    fn writer() -> PanelState<'static> {
        PanelState {
            writer: true,
            stored: true,
            ..PanelState::default()
        }
    }

    #[test]
    fn user_text_never_becomes_markup() {
        let run = started();
        let html = markup(&run, &writer()) + &log_entries(&run, 0, 0);
        assert!(!html.contains("<script") && !html.contains("<b>"), "{html}");
        assert!(html.contains("&lt;b&gt;staging&lt;/b&gt;"), "{html}");
        assert_eq!(html.matches("data-seq=").count(), run.log.len());
        assert!(html.contains("REHEARSAL"));
        assert!(html.contains("self-declared"));
    }

    /// What the page appends after a command is exactly the entries it
    /// had not shown, so appending never repeats or skips one.
    #[test]
    fn log_entries_from_an_index_are_the_rest_of_the_log() {
        let mut run = started();
        let shown = run.log.len();
        let before = log_entries(&run, 0, 60);
        for i in 0..3 {
            let text = format!("note {i}");
            let command = Command::Note {
                text,
                corrects: None,
            };
            apply(
                &mut run,
                command,
                1_714_550_460_000 + i,
                &Operator::new("Ana", ""),
            )
            .unwrap();
        }
        let added = log_entries(&run, shown, 60);
        assert_eq!(added.matches("<li ").count(), 3);
        assert_eq!(before + &added, log_entries(&run, 0, 60));
        assert_eq!(log_entries(&run, run.log.len() + 5, 60), "");
    }

    /// Each node left is listed once with its summary, the current one not.
    #[test]
    fn the_path_lists_each_node_left_with_its_summary() {
        let run = started();
        assert!(
            !markup(&run, &writer()).contains("run-path"),
            "nothing left yet"
        );
        let mut run = run;
        let edge = run
            .plan
            .plan
            .edges
            .values()
            .find(|e| e.from == run.current)
            .unwrap()
            .id;
        apply(
            &mut run,
            Command::Advance {
                edge,
                override_reason: String::new(),
                confirm: String::new(),
            },
            1_714_550_470_000,
            &Operator::new("Ana", ""),
        )
        .unwrap();
        let html = markup(&run, &writer());
        assert_eq!(html.matches("<li data-node=").count(), run.visits.len() - 1);
        let first = run.plan.plan.node(run.visits[0].node).unwrap();
        assert!(html.contains("Path (1 left)"), "{html}");
        assert!(html.contains(&escape(&name(first))), "{html}");
    }

    #[test]
    fn a_follower_sees_everything_disabled_and_may_take_control() {
        let run = started();
        let follower = PanelState {
            stored: true,
            ..PanelState::default()
        };
        let html = markup(&run, &follower);
        assert!(html.contains(r#"data-action="take-control""#));
        for button in html.split("data-action=\"move\"").skip(1) {
            assert!(
                button.split('>').next().unwrap().contains("disabled"),
                "{button}"
            );
        }
        assert!(!html.contains(r#"data-control="pause""#));
    }

    #[test]
    fn an_open_move_asks_for_what_it_needs() {
        let mut run = started();
        let op = Operator::new("Ana", "DBA");
        // Leave the start node: its one forward move.
        let first = moves(&run)[0].edge.id;
        apply(
            &mut run,
            Command::Advance {
                edge: first,
                override_reason: String::new(),
                confirm: String::new(),
            },
            1000,
            &op,
        )
        .unwrap();
        let rollback = moves(&run)
            .iter()
            .find(|m| m.way == Way::Rollback)
            .map(|m| m.edge.id)
            .expect("every state of the template has a rollback");
        let state = PanelState {
            asking: Some(Asking {
                edge: rollback,
                override_it: false,
                confirm: false,
            }),
            ..writer()
        };
        let html = markup(&run, &state);
        assert!(html.contains(r#"name="reason""#), "{html}");
        assert!(html.contains(">Roll back</button>"), "{html}");
        let paused = PanelState {
            control: Some(Control::Pause),
            ..writer()
        };
        let html = markup(&run, &paused);
        assert!(html.contains(r#"data-action="submit-control" data-control="pause">Pause run<"#));
        assert_eq!(html.matches(">Pause run<").count(), 1);
    }

    #[test]
    fn attributes_escape_quotes() {
        expect_test::expect![[r#"a &quot;b&quot; &lt;c&gt; &amp;"#]]
            .assert_eq(&escape_attr(r#"a "b" <c> &"#));
    }

    #[test]
    fn the_runs_list_names_each_run_and_escapes_what_was_typed() {
        let run = started();
        let mut summary = RunSummary::of(&run);
        let plain = RunSummary {
            id: "r2\"x".into(),
            environment: String::new(),
            rehearsal: false,
            ..summary.clone()
        };
        summary.status = Status::Aborted;
        let html = runs_list_items(&[summary, plain], |ms| format!("<{ms}>"));
        expect_test::expect![[r#"<li data-run-id="r1"><span>Rehearsal · &lt;b&gt;staging&lt;/b&gt; "eu" · Aborted · &lt;0&gt;</span><button data-action="open-run">Open run</button></li><li data-run-id="r2&quot;x"><span>Live · no environment · Running · &lt;0&gt;</span><button data-action="open-run">Open run</button></li>"#]]
        .assert_eq(&html);
    }
}
