//! Where runbook mode (`src/run/`) plugs into the shell: its session in
//! context, the top bar's "Start run", the run panel and the runs list in
//! the sidebar, the Start run dialog, the Export menu's runbook items.
//! The shell calls these and knows nothing else of runs.

use crate::editor::Editor;
use crate::persistence::Persistence;
use crate::run::panel::RunPanel;
use crate::run::runs_list::RunsList;
use crate::run::session::RunSession;
use crate::run::start_form::{StartRunButton, StartRunForm};
use leptos::prelude::*;

/// Starts the run session (in context for the run's components).
pub fn install(editor: Editor, persistence: Persistence) {
    provide_context(RunSession::start(editor, persistence));
}

/// Whether the plan is being edited (no run is shown): the inspector's
/// condition.
pub fn editing() -> bool {
    expect_context::<RunSession>().shown.with(Option::is_none)
}

pub fn top_bar() -> impl IntoView {
    view! { <StartRunButton /> }
}

pub fn sidebar() -> impl IntoView {
    view! {
        <RunPanel />
        <RunsList />
    }
}

pub fn dialogs() -> impl IntoView {
    view! { <StartRunForm /> }
}

/// The Export menu's runbook items, as markup under one listener: the
/// runbook, and the plan's Gantt beside the shown run's actual times
/// (SPEC §10) while a run is shown.
pub fn export_items(editor: Editor) -> impl IntoView {
    let session = expect_context::<RunSession>();
    let items = move || {
        let mut out = String::from(
            r#"<button role="menuitem" data-run-export="runbook">Export runbook</button>"#,
        );
        if session.shown.with(Option::is_some) {
            out += r#"<button role="menuitem" data-run-export="gantt">Export Mermaid Gantt with run times</button>"#;
        }
        out
    };
    let click = move |ev: web_sys::MouseEvent| {
        let Some((_, what)) = crate::adapters::marked::marked(&ev, "data-run-export") else {
            return;
        };
        crate::panels::export_menu::close_menu(&ev);
        if what == "gantt" {
            session.export_gantt();
        } else {
            crate::run::session::export_runbook(editor);
        }
    };
    view! { <div class="contents" inner_html=items on:click=click></div> }
}
