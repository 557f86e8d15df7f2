//! The Mermaid text of the open plan, live and editable as in Mermaid
//! Live: a moment after typing stops, the text is read back into the plan
//! as one undoable step, or its error is shown and the plan left alone.
//! The flowchart is shown without its `%% migraflow:` lines, which the
//! core merges back when reading (`mermaid::import_edited`); Copy Mermaid
//! copies the full text, which is what round-trips. Computed only while
//! the panel is open.

use crate::editor::{Editor, Tone};
use leptos::html::Textarea;
use leptos::prelude::*;
use migraflow_core::mermaid::{
    export_flowchart, export_state_diagram, import_edited, size_warning, without_metadata,
};
use migraflow_core::Edit;
use std::time::Duration;
use wasm_bindgen::JsCast;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Flavour {
    Flowchart,
    State,
}

/// Copies `text` by selecting it in `area` (select + copy command: works
/// without the async clipboard permission); the area then shows what it
/// showed before.
fn copy_through(area: &web_sys::HtmlTextAreaElement, text: &str) -> bool {
    let shown = area.value();
    area.set_value(text);
    area.select();
    let copied = document()
        .dyn_into::<web_sys::HtmlDocument>()
        .ok()
        .and_then(|d| d.exec_command("copy").ok())
        .unwrap_or(false);
    area.set_value(&shown);
    copied
}

#[component]
pub fn MermaidPanel() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let open = RwSignal::new(false);
    let flavour = RwSignal::new(Flavour::Flowchart);
    let metadata_shown = RwSignal::new(false);
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
    // Only the flowchart without metadata lines is read back, and not
    // while a run holds the plan.
    let editable = Memo::new(move |_| {
        flavour.get() == Flavour::Flowchart
            && !metadata_shown.get()
            && editor.locked.get().is_none()
    });
    let shown = Memo::new(move |_| {
        let full = text.get();
        if flavour.get() == Flavour::Flowchart && !metadata_shown.get() {
            without_metadata(&full)
        } else {
            full
        }
    });
    let area = NodeRef::<Textarea>::new();
    let problem = RwSignal::new(None::<String>);
    let notes = RwSignal::new(Vec::<String>::new());
    let pending = StoredValue::new(None::<TimeoutHandle>);

    // The text follows the plan, but not while it has the focus: the plan
    // it just produced, written back, would move the cursor.
    Effect::new(move |_| {
        let now = shown.get();
        let Some(el) = area.get() else { return };
        if !el.is_same_node(document().active_element().as_deref()) {
            el.set_value(&now);
            problem.set(None);
            notes.set(Vec::new());
        }
    });

    let read = move || {
        if let Some(Some(handle)) = pending.try_update_value(Option::take) {
            handle.clear();
        }
        let Some(el) = area.get_untracked() else {
            return;
        };
        let doc = editor.document();
        match import_edited(&el.value(), &doc) {
            Ok(imported) => {
                problem.set(None);
                notes.set(imported.warnings);
                // Typing that changes nothing (a blank, a comment) is no step.
                if imported.document != doc
                    && editor.apply(
                        "Edit Mermaid text",
                        Edit::Replace(Box::new(imported.document)),
                    )
                {
                    editor.prune_selection();
                }
            }
            Err(e) => problem.set(Some(e.to_string())),
        }
    };
    let typed = move || {
        if let Some(Some(handle)) = pending.try_update_value(Option::take) {
            handle.clear();
        }
        pending.set_value(set_timeout_with_handle(read, Duration::from_millis(300)).ok());
    };

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
                    if area.get_untracked().is_some_and(|el| copy_through(&el, &text.get_untracked())) {
                        editor.tell(Tone::Info, "Mermaid text copied.");
                    } else {
                        editor.tell(Tone::Warning, "Copy was blocked; select the text and copy it by hand.");
                    }
                }>"Copy Mermaid"</button>
                <label class="toggle">
                    <input type="checkbox" on:change=move |ev| metadata_shown.set(event_target_checked(&ev)) />
                    "Show metadata lines"
                </label>
            </div>
            {move || text.with(|t| size_warning(t)).map(|w| view! { <p class="warning-text">{w}</p> })}
            <textarea
                id="mermaid-text"
                class="mono"
                rows="12"
                spellcheck="false"
                aria-label="Mermaid text of the plan"
                readonly=move || !editable.get()
                node_ref=area
                on:input=move |_| typed()
                on:blur=move |_| {
                    if pending.with_value(Option::is_some) {
                        read();
                    }
                }
            ></textarea>
            {move || problem.get().map(|e| view! { <p class="import-error" role="alert">{e}</p> })}
            {move || notes.with(|n| !n.is_empty()).then(|| view! {
                <ul class="warning-text">{notes.get().into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
            })}
        </details>
    }
}
