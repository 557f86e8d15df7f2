//! The run panel (SPEC §6, §9 `run-panel`). Its body is markup from
//! `migraflow_core::drawing::run_panel`, set in one DOM call and rebuilt
//! when the run changes; the panel listens once and turns what was clicked
//! (`data-action`) and the inputs beside it into core commands through
//! `RunSession::command`. The timers are the one live part, a small view
//! of their own, so a tick never rebuilds the inputs being typed in.
//!
//! A move that needs more than a click asks for it in place: a point of
//! no return asks for the target's title ("Confirm"), a rollback for a
//! reason, and a forward move the core refused as overridable offers
//! "Override" with a "Reason". What each move needs is the core's.

use super::session::RunSession;
use leptos::prelude::*;
use migraflow_core::drawing::run_panel::{log_entries, markup, Asking, Control, PanelState};
use migraflow_core::duration::describe_ms;
use migraflow_core::run::moves::way;
use migraflow_core::run::no_return::point_of_no_return;
use migraflow_core::run::threshold::{propose, Proposal};
use migraflow_core::run::timing::{against_plan, current_time, run_time};
use migraflow_core::run::{moves, Command, Conditions, Operator, Verdict, Way};
use migraflow_core::{EdgeId, EdgeKind, NodeKind};
use wasm_bindgen::JsCast;

/// The value of the input named `name` in the nearest `scope` around `el`.
fn input_near(el: &web_sys::Element, scope: &str, name: &str) -> String {
    named_input(el, scope, name)
        .map(|i| i.value())
        .unwrap_or_default()
}

/// The input named `name` in `el`'s closest `scope` (`el` itself when it
/// matches): how the run's forms are read when submitted.
pub(super) fn named_input(
    el: &web_sys::Element,
    scope: &str,
    name: &str,
) -> Option<web_sys::HtmlInputElement> {
    el.closest(scope)
        .ok()
        .flatten()
        .and_then(|s| s.query_selector(&format!("[name={name}]")).ok().flatten())
        .and_then(|i| i.dyn_into().ok())
}

/// The element with a `data-action` the event came from, and the action.
fn action_of(ev: &web_sys::Event) -> Option<(web_sys::Element, String)> {
    crate::adapters::marked::marked(ev, "data-action")
}

fn number(el: &web_sys::Element, attribute: &str) -> Option<u32> {
    el.get_attribute(attribute)?.parse().ok()
}

/// The minutes local time is ahead of UTC.
fn utc_offset_min() -> i64 {
    -(js_sys::Date::new_0().get_timezone_offset() as i64)
}

#[component]
pub fn RunPanel() -> impl IntoView {
    let session = expect_context::<RunSession>();
    let asking = RwSignal::new(None::<Asking>);
    let control = RwSignal::new(None::<Control>);
    // A move (or a pause, an abort…) closes what was being asked; a
    // refusal, which only adds to the log, keeps the override form open.
    Effect::new(
        move |before: Option<Option<(String, u32, usize, &'static str)>>| {
            let now = session.shown.with(|r| {
                r.as_ref()
                    .map(|r| (r.id.clone(), r.current.0, r.visits.len(), r.status.as_str()))
            });
            if before.is_some_and(|b| b != now) {
                asking.set(None);
                control.set(None);
            }
            now
        },
    );
    let body = move || {
        let run = session.shown.get()?;
        let message = session.message.get();
        let state = PanelState {
            writer: session.writer.get(),
            stored: session.stored.get(),
            plan_changed: session.stored.get() && session.document_changed(&run),
            asking: asking.get(),
            control: control.get(),
            message: message.as_deref(),
            utc_offset_min: utc_offset_min(),
        };
        Some(markup(&run, &state))
    };
    let click = move |ev: web_sys::MouseEvent| {
        let Some((el, action)) = action_of(&ev) else {
            return;
        };
        on_action(session, asking, control, &el, &action);
    };
    // Checkboxes act on change; typing a check's value shows the verdict
    // its threshold proposes.
    let change = move |ev: web_sys::Event| {
        let Some((el, action)) = action_of(&ev) else {
            return;
        };
        if action == "condition" {
            on_action(session, asking, control, &el, &action);
        }
    };
    let input = move |ev: web_sys::Event| {
        let Some(target) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        if target.name() == "observed" {
            show_proposal(session, &target);
        }
    };
    // The log is appended to, not rebuilt: `shown_log` is the run and the
    // number of entries in the list; a run that did not grow from it (a
    // different run, or one reloaded shorter) is drawn again whole.
    let log_ref = NodeRef::<leptos::html::Ol>::new();
    let shown_log = StoredValue::new((String::new(), 0usize));
    Effect::new(move |_| {
        let (Some(ol), Some(run)) = (log_ref.get(), session.shown.get()) else {
            return;
        };
        let offset = utc_offset_min();
        let (id, len) = shown_log.get_value();
        if id == run.id && len <= run.log.len() {
            let _ = ol.insert_adjacent_html("beforeend", &log_entries(&run, len, offset));
        } else {
            ol.set_inner_html(&log_entries(&run, 0, offset));
        }
        shown_log.set_value((run.id.clone(), run.log.len()));
        // The panel's own state, for the page and its tests (SPEC §9):
        // set here with the log rather than by a closure per attribute.
        if let Some(section) = ol.closest(".run-panel").ok().flatten() {
            let _ = section.set_attribute("data-status", run.status.as_str());
            let _ = section.set_attribute("data-current", &run.current.0.to_string());
            let _ = section
                .class_list()
                .toggle_with_force("rehearsal", run.rehearsal);
            if let Some(summary) = section
                .query_selector(".run-log-box > summary")
                .ok()
                .flatten()
            {
                summary.set_text_content(Some(&format!("Log ({} entries)", run.log.len())));
            }
        }
    });
    // Shown or not decides the panel; what changes inside it updates in
    // place, so a command neither rebuilds the log nor restarts the timers.
    let shown = Memo::new(move |_| session.shown.with(|r| r.as_ref().map(|r| r.id.clone())));
    move || {
        shown.get()?;
        shown_log.set_value((String::new(), 0));
        Some(view! {
            <section class="run-panel" data-testid="run-panel" aria-label="Run">
                <Timers />
                <div class="run-body" inner_html=body on:click=click on:change=change on:input=input></div>
                <details class="run-log-box" open>
                    <summary>"Log"</summary>
                    <ol class="run-log" data-testid="run-log" node_ref=log_ref></ol>
                </details>
            </section>
        })
    }
}

/// Shows, beside a check's observed value, the verdict its threshold
/// proposes for it.
fn show_proposal(session: RunSession, input: &web_sys::HtmlInputElement) {
    let row = input.closest("[data-check]").ok().flatten();
    let Some(index) = row.as_ref().and_then(|r| number(r, "data-index")) else {
        return;
    };
    let threshold = session.shown.with_untracked(|run| {
        run.as_ref()
            .and_then(|r| r.plan.plan.node(r.current))
            .filter(|n| n.kind == NodeKind::Verification)
            .and_then(|n| n.checks.get(index as usize))
            .map(|c| c.threshold.clone())
    });
    let value = input.value();
    let text = match threshold {
        Some(_) if value.trim().is_empty() => String::new(),
        Some(t) => match propose(&t, &value) {
            Proposal::Verdict(v) => format!("the threshold says {}", v.as_str()),
            Proposal::Manual(why) => why,
        },
        None => String::new(),
    };
    if let Some(span) = row.and_then(|r| r.query_selector(".proposal").ok().flatten()) {
        span.set_text_content(Some(&text));
    }
}

/// Does what a `data-action` of the panel asks.
fn on_action(
    session: RunSession,
    asking: RwSignal<Option<Asking>>,
    control: RwSignal<Option<Control>>,
    el: &web_sys::Element,
    action: &str,
) {
    let edge = number(el, "data-move-edge")
        .or_else(|| number(el, "data-edge"))
        .map(EdgeId);
    let _ = match action {
        "close" => {
            session.close();
            Ok(())
        }
        "take-control" => session.command(Command::TakeControl),
        "export-log" => {
            session.export_log();
            Ok(())
        }
        "export-json" => {
            session.export_json();
            Ok(())
        }
        "copy-sql" => {
            session.copy_sql();
            Ok(())
        }
        "cancel" => {
            asking.set(None);
            control.set(None);
            Ok(())
        }
        "control" => {
            control.set(
                el.get_attribute("data-control")
                    .as_deref()
                    .and_then(Control::parse),
            );
            Ok(())
        }
        "submit-control" => {
            let reason = input_near(el, ".move-form", "reason");
            match el
                .get_attribute("data-control")
                .as_deref()
                .and_then(Control::parse)
            {
                Some(Control::Pause) => session.command(Command::Pause { reason }),
                Some(Control::Resume) => session.command(Command::Resume { reason }),
                Some(Control::Abort) => session.command(Command::Abort { reason }),
                None => Ok(()),
            }
        }
        "condition" => {
            let list = if el.get_attribute("data-list").as_deref() == Some("entry") {
                Conditions::Entry
            } else {
                Conditions::Exit
            };
            let ticked = el
                .dyn_ref::<web_sys::HtmlInputElement>()
                .is_some_and(|i| i.checked());
            match number(el, "data-index") {
                Some(index) => session.command(Command::Condition {
                    list,
                    index,
                    ticked,
                }),
                None => Ok(()),
            }
        }
        "check" => {
            let row = el.closest("[data-check]").ok().flatten();
            let verdict = match el.get_attribute("data-verdict").as_deref() {
                Some("pass") => Verdict::Pass,
                _ => Verdict::Fail,
            };
            match row.as_ref().and_then(|r| number(r, "data-index")) {
                Some(index) => session.command(Command::Check {
                    index,
                    observed: input_near(el, "[data-check]", "observed"),
                    verdict: Some(verdict),
                    evidence: input_near(el, "[data-check]", "evidence"),
                }),
                None => Ok(()),
            }
        }
        "go" | "no-go" => {
            let approver = Operator::new(
                input_near(el, ".run-gate", "approver-name"),
                input_near(el, ".run-gate", "approver-role"),
            );
            let comment = input_near(el, ".run-gate", "comment");
            if action == "go" {
                session.command(Command::Go { approver, comment })
            } else {
                match no_go_edge(session) {
                    Some(edge) => session.command(Command::NoGo {
                        approver,
                        comment,
                        edge,
                        confirm: String::new(),
                    }),
                    None => {
                        session.message.set(Some(
                            "This gate has no no-go branch and no rollback to take.".into(),
                        ));
                        Ok(())
                    }
                }
            }
        }
        "move" => {
            if let Some(edge) = edge {
                start_move(session, asking, edge);
            }
            Ok(())
        }
        "submit-move" => match edge {
            Some(edge) => {
                let reason = input_near(el, ".move-form", "reason");
                let confirm = input_near(el, ".move-form", "confirm");
                let rollback = way_of(session, edge) == Some(Way::Rollback);
                session.command(if rollback {
                    Command::Rollback {
                        edge,
                        reason,
                        confirm,
                    }
                } else {
                    Command::Advance {
                        edge,
                        override_reason: reason,
                        confirm,
                    }
                })
            }
            None => Ok(()),
        },
        _ => Ok(()),
    };
}

/// The way each move out of the shown run's current node leaves it, by
/// edge. Only the way: `moves` also works out every move's point of no
/// return, a walk of the plan per move, which a click does not need.
fn ways_out(session: RunSession) -> Vec<(EdgeId, Way)> {
    session.shown.with_untracked(|run| {
        let Some(run) = run.as_ref() else {
            return Vec::new();
        };
        let plan = &run.plan.plan;
        plan.edges
            .values()
            .filter(|e| e.from == run.current && e.kind != EdgeKind::Validation)
            .map(|e| (e.id, way(plan, e)))
            .collect()
    })
}

fn way_of(session: RunSession, edge: EdgeId) -> Option<Way> {
    ways_out(session)
        .into_iter()
        .find(|(e, _)| *e == edge)
        .map(|(_, w)| w)
}

/// A gate's No-go takes its no-go branch, else its first rollback.
fn no_go_edge(session: RunSession) -> Option<EdgeId> {
    let all = ways_out(session);
    all.iter()
        .find(|(_, w)| *w == Way::NoGo)
        .or_else(|| all.iter().find(|(_, w)| *w == Way::Rollback))
        .map(|(e, _)| *e)
}

/// A move button: asks first where the move needs more than a click,
/// else tries it; an overridable refusal (logged by the core) opens the
/// override form.
fn start_move(session: RunSession, asking: RwSignal<Option<Asking>>, edge: EdgeId) {
    let Some(way) = way_of(session, edge) else {
        return;
    };
    let no_return = session.shown.with_untracked(|run| {
        run.as_ref().is_some_and(|run| {
            let plan = &run.plan.plan;
            plan.edge(edge)
                .is_some_and(|e| point_of_no_return(plan, e).is_some())
        })
    });
    match way {
        Way::Rollback => asking.set(Some(Asking {
            edge,
            override_it: false,
            confirm: no_return,
        })),
        Way::NoGo => session.message.set(Some(
            "This is the gate's no-go branch: say No-go above to take it.".into(),
        )),
        Way::Forward if no_return => asking.set(Some(Asking {
            edge,
            override_it: false,
            confirm: true,
        })),
        Way::Forward => {
            let refused = session.command(Command::Advance {
                edge,
                override_reason: String::new(),
                confirm: String::new(),
            });
            if refused.is_err() && overridable(session, edge) {
                asking.set(Some(Asking {
                    edge,
                    override_it: true,
                    confirm: false,
                }));
            }
        }
    }
}

/// Whether a move along `edge` is refused for a reason an override lifts.
fn overridable(session: RunSession, edge: EdgeId) -> bool {
    session.shown.with_untracked(|run| {
        run.as_ref().is_some_and(|run| {
            moves(run)
                .iter()
                .find(|m| m.edge.id == edge)
                .and_then(|m| m.blocked.as_ref())
                .is_some_and(|why| why.overridable())
        })
    })
}

#[component]
fn Timers() -> impl IntoView {
    let session = expect_context::<RunSession>();
    // Markup: durations and fixed words only, rebuilt at every tick.
    let timers = move || {
        let run = session.shown.get()?;
        let now = session.now.get();
        let total = run_time(&run, now);
        let here = current_time(&run, now);
        let planned = here
            .planned_ms
            .map(|p| format!(" of {} planned", describe_ms(p)))
            .unwrap_or_default();
        let flag = here.flag.as_str();
        Some(format!(
            r#"<p class="run-timers flag-{flag}" data-flag="{flag}"><span class="run-node-time">In this node {}{planned} ({})</span><span class="run-total-time">Total {} · paused {}</span></p>"#,
            describe_ms(here.actual_ms),
            against_plan(&here),
            describe_ms(total.elapsed_ms),
            describe_ms(total.paused_ms)
        ))
    };
    view! { <div class="contents" inner_html=timers></div> }
}
