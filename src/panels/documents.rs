//! The document list: every stored document with its last change, size and
//! whether it has errors; open, duplicate, delete, or start a new one.

use crate::adapters::marked::marked;
use crate::persistence::Persistence;
use leptos::prelude::*;
use migraflow_core::drawing::{escape, escape_attr};
use migraflow_core::library::index::Entry;
use migraflow_core::Document;

/// "just now", "5 min ago", "3 h ago", or a date.
fn ago(then: f64) -> String {
    if then <= 0.0 {
        return "unknown".to_string();
    }
    let secs = ((js_sys::Date::now() - then) / 1000.0).max(0.0);
    if secs < 60.0 {
        "just now".to_string()
    } else if secs < 3600.0 {
        // Whole numbers as integers: `{:.0}` links the exact float formatter (size).
        format!("{} min ago", (secs / 60.0) as u64)
    } else if secs < 86_400.0 {
        format!("{} h ago", (secs / 3600.0) as u64)
    } else {
        let d = js_sys::Date::new(&then.into());
        format!(
            "{}-{:02}-{:02}",
            d.get_full_year(),
            d.get_month() + 1,
            d.get_date()
        )
    }
}

/// The list's items, as markup: one per stored document, the open one
/// marked; names escaped. One listener acts on the item's buttons
/// (`data-doc`), as a view per item and button cost far more wasm.
fn items(documents: &[Entry], current: Option<&str>) -> String {
    let mut out = String::new();
    for e in documents {
        let is_open = current == Some(e.id.as_str());
        let (class, aria) = if is_open {
            (r#" class="open""#, r#" aria-current="true""#)
        } else {
            ("", "")
        };
        let errors = if e.errors > 0 {
            format!(r#"<span class="errors"> · {} errors</span>"#, e.errors)
        } else {
            String::new()
        };
        let name = escape_attr(&e.name);
        out += &format!(
            r#"<li{class} data-document-id="{}"><button class="doc-open" data-doc="open"{aria}><strong>{}</strong><span class="meta">{} · {} nodes{errors}</span></button><button aria-label="Duplicate {name}" data-doc="duplicate">⧉</button><button aria-label="Delete document {name}" data-doc="delete">🗑</button></li>"#,
            escape_attr(&e.id),
            escape(&e.name),
            ago(e.updated),
            e.nodes,
        );
    }
    out
}

#[component]
pub fn Documents() -> impl IntoView {
    let persistence = expect_context::<Persistence>();
    let open = RwSignal::new(false);
    let root = NodeRef::new();
    crate::panels::dismiss::popover(root, move || open.get_untracked(), move || open.set(false));
    // One listener for the button, "New blank" and every item's buttons.
    let click = move |ev: web_sys::MouseEvent| {
        let Some((button, action)) = marked(&ev, "data-doc") else {
            return;
        };
        match action.as_str() {
            "toggle" => return open.update(|o| *o = !*o),
            "new" => {
                persistence.create(Document::new("Untitled migration"));
                return open.set(false);
            }
            _ => {}
        }
        let Some(id) = button
            .closest("[data-document-id]")
            .ok()
            .flatten()
            .and_then(|li| li.get_attribute("data-document-id"))
        else {
            return;
        };
        match action.as_str() {
            "open" => {
                persistence.switch_to(&id);
                open.set(false);
            }
            "duplicate" => persistence.duplicate(&id),
            "delete" => persistence.delete(&id),
            _ => {}
        }
    };
    // The panel, while open: "New blank" and the list.
    let panel = move || {
        if !open.get() {
            return String::new();
        }
        let current = persistence.current.get();
        let list = persistence.documents.with(|d| items(d, current.as_deref()));
        format!(
            r#"<div class="documents-panel" role="region" aria-label="Documents"><div class="actions"><button data-doc="new">New blank</button></div><ul>{list}</ul></div>"#
        )
    };
    view! {
        <div class="documents" node_ref=root on:click=click>
            <button
                aria-haspopup="true"
                aria-expanded=move || open.get().to_string()
                data-doc="toggle"
                disabled=move || !persistence.enabled.get()
            >
                "Documents"
            </button>
            <div class="contents" inner_html=panel></div>
        </div>
    }
}
