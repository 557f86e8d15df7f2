//! "Start run" (SPEC §9): a button in the top bar and the form it opens:
//! environment, rehearsal, the operator's name and role (asked once per
//! browser, then offered again), confirmed by "Start".

use super::session::RunSession;
use crate::panels::dismiss::Modal;
use leptos::prelude::*;
use migraflow_core::run::Operator;

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
    let close = move || open.set(false);
    view! {
        <Show when=move || open.get()>
            {move || {
                let known = session.operator.get_untracked();
                let environment = RwSignal::new(String::new());
                let rehearsal = RwSignal::new(true);
                let name = RwSignal::new(known.name.clone());
                let role = RwSignal::new(known.role.clone());
                let error = RwSignal::new(None::<String>);
                let submit = move |ev: web_sys::SubmitEvent| {
                    ev.prevent_default();
                    session.set_operator(Operator::new(name.get_untracked(), role.get_untracked()));
                    match session.start_run(environment.get_untracked(), rehearsal.get_untracked()) {
                        Ok(()) => close(),
                        Err(e) => error.set(Some(e)),
                    }
                };
                view! {
                    <Modal label="Start run" close_label="Close start run" class="start-run-form" close=close>
                        <form on:submit=submit>
                            <p class="muted">"The run pins the plan as it is now. Names are self-declared: nothing checks them."</p>
                            <label class="field"><span>"Environment"</span>
                                <input aria-label="Environment" placeholder="staging, production eu-west-1…" autofocus
                                    on:input=move |ev| environment.set(event_target_value(&ev)) /></label>
                            <label class="check"><input type="checkbox" aria-label="Rehearsal" prop:checked=move || rehearsal.get()
                                on:change=move |ev| rehearsal.set(event_target_checked(&ev)) />"Rehearsal"</label>
                            <label class="field"><span>"Operator name"</span>
                                <input aria-label="Operator name" required prop:value=move || name.get()
                                    on:input=move |ev| name.set(event_target_value(&ev)) /></label>
                            <label class="field"><span>"Operator role"</span>
                                <input aria-label="Operator role" placeholder="DBA, SRE…" prop:value=move || role.get()
                                    on:input=move |ev| role.set(event_target_value(&ev)) /></label>
                            {move || error.get().map(|e| view! { <p class="import-error" role="alert">{e}</p> })}
                            <div class="actions">
                                <button type="submit" class="primary">"Start"</button>
                            </div>
                        </form>
                    </Modal>
                }
            }}
        </Show>
    }
}
