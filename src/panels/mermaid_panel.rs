//! The Mermaid text of the open plan, live, ready to copy into a design
//! doc or a pull request. Computed only while the panel is open.

use crate::editor::{Editor, Tone};
use leptos::prelude::*;
use migraflow_core::mermaid::{export_flowchart, export_state_diagram, size_warning};
use wasm_bindgen::JsCast;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Flavour {
    Flowchart,
    State,
}

/// Copies the text of the textarea with `id` (select + copy command: works
/// without the async clipboard permission).
fn copy_textarea(id: &str) -> bool {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let Some(area) = doc
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    else {
        return false;
    };
    area.select();
    doc.dyn_into::<web_sys::HtmlDocument>()
        .ok()
        .and_then(|d| d.exec_command("copy").ok())
        .unwrap_or(false)
}

#[component]
pub fn MermaidPanel() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let open = RwSignal::new(false);
    let flavour = RwSignal::new(Flavour::Flowchart);
    let text = Memo::new(move |_| {
        if !open.get() {
            return String::new();
        }
        // Any change, positions included (they travel in the metadata).
        editor.revision.track();
        editor.plan.track();
        let doc = editor.document();
        match flavour.get() {
            Flavour::Flowchart => export_flowchart(&doc),
            Flavour::State => export_state_diagram(&doc),
        }
    });
    view! {
        <details class="mermaid-panel" on:toggle=move |ev| {
            let is_open = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
                .is_some_and(|d| d.open());
            open.set(is_open);
        }>
            <summary>"Mermaid"</summary>
            <div class="mermaid-tools">
                <select aria-label="Mermaid diagram type" on:change=move |ev| {
                    flavour.set(if event_target_value(&ev) == "state" { Flavour::State } else { Flavour::Flowchart });
                }>
                    <option value="flowchart">"flowchart"</option>
                    <option value="state">"stateDiagram-v2"</option>
                </select>
                <button on:click=move |_| {
                    if copy_textarea("mermaid-text") {
                        editor.tell(Tone::Info, "Mermaid text copied.");
                    } else {
                        editor.tell(Tone::Warning, "Copy was blocked; select the text and copy it by hand.");
                    }
                }>"Copy Mermaid"</button>
            </div>
            {move || text.with(|t| size_warning(t)).map(|w| view! { <p class="warning-text">{w}</p> })}
            <textarea id="mermaid-text" class="mono" readonly rows="12" aria-label="Mermaid text of the plan" prop:value=move || text.get()></textarea>
        </details>
    }
}
