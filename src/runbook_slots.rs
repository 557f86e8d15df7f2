//! Where runbook mode (`src/run/`) plugs into the shell, and nothing
//! without the `runbook` cargo feature.
//!
//! Runbook mode works and is browser-tested (`tests/e2e/runbook.spec.mjs`
//! against a build with the feature), but it costs about 61 KB of gzip
//! wasm (8 KB over, in December 2026), and the default build must stay under the 400 KB ceiling of
//! `scripts/bundle-size.mjs` (issue 15). Until its bytes are found, the
//! default build leaves it out and the test command builds it apart.

use crate::editor::Editor;
use crate::persistence::Persistence;
use leptos::prelude::*;

#[cfg(feature = "runbook")]
mod on {
    use super::*;
    use crate::run::panel::RunPanel;
    use crate::run::runs_list::RunsList;
    use crate::run::session::RunSession;
    use crate::run::start_form::{StartRunButton, StartRunForm};

    pub fn install(editor: Editor, persistence: Persistence) {
        provide_context(RunSession::start(editor, persistence));
    }

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
}

#[cfg(not(feature = "runbook"))]
mod on {
    use super::*;

    pub fn install(_: Editor, _: Persistence) {}

    pub fn editing() -> bool {
        true
    }

    pub fn top_bar() -> impl IntoView {}

    pub fn sidebar() -> impl IntoView {}

    pub fn dialogs() -> impl IntoView {}

    pub fn export_items(_: Editor) -> impl IntoView {}
}

pub use on::*;
