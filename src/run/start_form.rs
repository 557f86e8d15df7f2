//! "Start run" (SPEC §9): a button in the top bar and the form it opens:
//! environment, rehearsal, the operator's name and role (asked once per
//! browser, then offered again), confirmed by "Start". The fields are the
//! core's markup (`drawing::run_panel::start_run_fields`), read once when
//! the form is submitted: one listener, not a component per field.

use super::panel::named_input;
use super::session::RunSession;
use crate::panels::dismiss::Modal;
use leptos::prelude::*;
use migraflow_core::drawing::escape;
use migraflow_core::drawing::run_panel::start_run_fields;
use migraflow_core::run::Operator;
use wasm_bindgen::JsCast;

#[component]
pub fn StartRunButton() -> impl IntoView {
    let session = expect_context::<RunSession>();
    view! {
        <button
            class="start-run"
            aria-haspopup="dialog"
            disabled=move || session.shown.with(Option::is_some)
            on:click=move |_| session.form_open.set(true)
        >
            "Start run"
        </button>
    }
}

#[component]
pub fn StartRunForm() -> impl IntoView {
    let session = expect_context::<RunSession>();
    let open = session.form_open;
    // Why the last "Start" did not start a run; cleared when the form
    // opens, so it never shows an old error.
    let error = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if open.get() {
            error.set(None);
        }
    });
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let Some(form) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let text = |name| {
            named_input(&form, "form", name)
                .map(|i| i.value())
                .unwrap_or_default()
        };
        let rehearsal = named_input(&form, "form", "rehearsal").is_some_and(|i| i.checked());
        session.set_operator(Operator::new(text("operator-name"), text("operator-role")));
        match session.start_run(text("environment"), rehearsal) {
            Ok(()) => open.set(false),
            Err(e) => error.set(Some(e)),
        }
    };
    let error_html = move || {
        error.with(|e| {
            e.as_ref()
                .map(|e| format!(r#"<p class="import-error" role="alert">{}</p>"#, escape(e)))
        })
    };
    // Markup throughout: the fields (filled with the operator this browser
    // knows), the error apart so showing it keeps what was typed.
    view! {
        <Modal open label="Start run" close_label="Close start run" class="start-run-form">
                <form on:submit=submit>
                    <div class="contents" inner_html=session.operator.with_untracked(|k| start_run_fields(&k.name, &k.role))></div>
                    <div class="contents" inner_html=error_html></div>
                    <div class="actions">
                        <button type="submit" class="primary">"Start"</button>
                    </div>
                </form>
        </Modal>
    }
}
