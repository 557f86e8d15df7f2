//! The runs of the open document, newest first: open a past run read-only
//! (or an unfinished one to follow or continue), and open a run file that
//! was exported as JSON.

use super::session::RunSession;
use crate::adapters::file_pick::picked_text;
use leptos::prelude::*;
use leptos::task::spawn_local;
use migraflow_core::drawing::run_panel::runs_list_items;
use wasm_bindgen::JsCast;

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
    // The items are the core's markup; one listener opens the run whose
    // "Open run" was clicked.
    let open = move |ev: web_sys::MouseEvent| {
        let item = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .filter(|el| el.get_attribute("data-action").as_deref() == Some("open-run"))
            .and_then(|el| el.closest("[data-run-id]").ok().flatten());
        if let Some(id) = item.and_then(|li| li.get_attribute("data-run-id")) {
            session.open(&id);
        }
    };
    // Markup under the two listeners: the count, the items, the file
    // input; hidden (not removed) while a run is shown.
    let body = move || {
        session.list.with(|l| {
            format!(
                r#"<summary>Runs ({})</summary><ul>{}</ul><label class="file-button"><span>Open run JSON</span><input class="visually-hidden" type="file" accept=".json,application/json" aria-label="Open run JSON"></label>"#,
                l.len(),
                runs_list_items(l, local)
            )
        })
    };
    view! {
        <details
            class="runs-list"
            hidden=move || session.shown.with(Option::is_some)
            on:click=open
            on:change=from_file
            inner_html=body
        ></details>
    }
}
