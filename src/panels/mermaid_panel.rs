//! The Mermaid text of the open plan, live and editable as in Mermaid
//! Live: a moment after typing stops, the text is read back into the plan
//! as one undoable step, or its error is shown and the plan left alone.
//! The flowchart is shown without its `%% migraflow:` lines, which the
//! core merges back when reading (`mermaid::import_edited`); Copy Mermaid
//! copies the full text, which is what round-trips. The other views (the
//! state diagram and those of SPEC §10: Gantt, sequence, requirement,
//! timeline, git graph) are picked from the same list and shown read-only:
//! they are drawings of the plan, not a way to write it. Computed only
//! while the panel is open.

use crate::editor::{Editor, Tone};
use leptos::prelude::*;
use migraflow_core::drawing::escape;
use migraflow_core::mermaid::{
    export_flowchart, import_edited, size_warning, without_metadata, View,
};
use migraflow_core::Edit;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// The panel's textarea (looked up rather than held in a `NodeRef`, which
/// costs more code).
fn area() -> Option<web_sys::HtmlTextAreaElement> {
    document()
        .get_element_by_id("mermaid-text")
        .and_then(|e| e.dyn_into().ok())
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

/// A paragraph of `text` (escaped) as markup: the panel's messages are
/// strings in `div.contents`, not a view each.
fn paragraph(class: &str, attributes: &str, text: &str) -> String {
    format!(r#"<p class="{class}"{attributes}>{}</p>"#, escape(text))
}

#[component]
pub fn MermaidPanel() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let open = RwSignal::new(false);
    // Which diagram; only the flowchart is read back.
    let view = RwSignal::new(View::Flowchart);
    let drawing = move || view.get() != View::Flowchart;
    let text = Memo::new(move |_| {
        if !open.get() {
            return String::new();
        }
        // Any change, positions included (they travel in the metadata).
        editor.revision.track();
        editor.plan.track();
        let doc = editor.document();
        view.get().export(&doc)
    });
    // The flowchart is shown, and read back, without its metadata lines.
    let shown = Memo::new(move |_| {
        let full = text.get();
        if drawing() {
            full
        } else {
            without_metadata(&full)
        }
    });
    // What reading the text said: its error (line, column and hint), or
    // the importer's warnings, one a line. Shown with the markup the import
    // dialog and the size warning use, which costs no new code.
    let problem = RwSignal::new(None::<String>);
    let notes = RwSignal::new(None::<String>);
    let pending = StoredValue::new(None::<TimeoutHandle>);

    // The text follows the plan, but not while it has the focus: the plan
    // it just produced, written back, would move the cursor. Only the
    // flowchart is read back, and not while a run holds the plan.
    Effect::new(move |_| {
        let now = shown.get();
        let Some(el) = area() else { return };
        el.set_read_only(drawing() || editor.locked.get().is_some());
        if !el.is_same_node(document().active_element().as_deref()) {
            el.set_value(&now);
            problem.set(None);
            notes.set(None);
        }
    });

    let read = move || {
        if let Some(Some(handle)) = pending.try_update_value(Option::take) {
            handle.clear();
        }
        let Some(el) = area() else {
            return;
        };
        match import_edited(&el.value(), &editor.document()) {
            Ok(imported) => {
                problem.set(None);
                notes.set((!imported.warnings.is_empty()).then(|| imported.warnings.join("\n")));
                // Typing that changes nothing (a blank, a comment) is no
                // step. The export is lossless, so equal texts are equal
                // documents (and comparing them needs no more code).
                if export_flowchart(&imported.document) != text.get_untracked()
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

    // Fixed options, as markup: no view code per option.
    let options: String = View::ALL
        .into_iter()
        .map(|v| format!(r#"<option value="{}">{}</option>"#, v.as_str(), v.label()))
        .collect();
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
                <select aria-label="Mermaid diagram type" inner_html=options on:change=move |ev| {
                    view.set(View::parse(&event_target_value(&ev)).unwrap_or(View::Flowchart));
                }></select>
                <button on:click=move |_| {
                    if area().is_some_and(|el| copy_through(&el, &text.get_untracked())) {
                        editor.tell(Tone::Info, "Mermaid text copied.");
                    } else {
                        editor.tell(Tone::Warning, "Copy was blocked; select the text and copy it by hand.");
                    }
                }>"Copy Mermaid"</button>
            </div>
            <div class="contents" inner_html=move || text.with(|t| size_warning(t)).map(|w| paragraph("warning-text", "", &w))></div>
            <textarea
                id="mermaid-text"
                class="mono"
                rows="12"
                spellcheck="false"
                aria-label="Mermaid text of the plan"
                on:input=move |_| typed()
                on:blur=move |_| {
                    if pending.with_value(Option::is_some) {
                        read();
                    }
                }
            ></textarea>
            <div class="contents" inner_html=move || problem.with(|e| e.as_deref().map(|e| paragraph("import-error", r#" role="alert""#, e)))></div>
            <div class="contents" inner_html=move || notes.with(|w| w.as_deref().map(|w| paragraph("warning-text", "", w)))></div>
        </details>
    }
}
