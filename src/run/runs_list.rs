//! The runs of the open document, newest first: open a past run read-only
//! (or an unfinished one to follow or continue), and open a run file that
//! was exported as JSON.

use super::session::RunSession;
use crate::adapters::file_pick::picked_text;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Local date and time of a UTC millisecond time.
fn local(ms: u64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    String::from(date.to_locale_string("default", &wasm_bindgen::JsValue::UNDEFINED))
}

#[component]
pub fn RunsList() -> impl IntoView {
    let session = expect_context::<RunSession>();
    let from_file = move |ev: web_sys::Event| {
        spawn_local(async move {
            match picked_text(&ev).await {
                Ok(Some((name, text))) => session.open_file(&name, &text),
                Ok(None) => {}
                Err(e) => session.message.set(Some(e)),
            }
        });
    };
    view! {
        <Show when=move || session.shown.with(Option::is_none)>
            <details class="runs-list">
                <summary>{move || format!("Runs ({})", session.list.with(Vec::len))}</summary>
                <ul>
                    {move || session.list.get().into_iter().map(|r| {
                        let id = r.id.clone();
                        let what = format!(
                            "{} · {} · {} · {}",
                            if r.rehearsal { "Rehearsal" } else { "Live" },
                            if r.environment.is_empty() { "no environment" } else { &r.environment },
                            r.status.label(),
                            local(r.started_ms),
                        );
                        view! {
                            <li data-run-id=r.id.clone()>
                                <span>{what}</span>
                                <button on:click=move |_| session.open(&id)>"Open run"</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <label class="file-button">
                    <span>"Open run JSON"</span>
                    <input class="visually-hidden" type="file" accept=".json,application/json" aria-label="Open run JSON" on:change=from_file />
                </label>
            </details>
        </Show>
    }
}
