//! The document list: every stored document with its last change, size and
//! whether it has errors; open, duplicate, delete, or start a new one.

use crate::persistence::Persistence;
use leptos::prelude::*;
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

#[component]
pub fn Documents() -> impl IntoView {
    let persistence = expect_context::<Persistence>();
    let open = RwSignal::new(false);
    let root = NodeRef::new();
    crate::panels::dismiss::popover(root, move || open.get_untracked(), move || open.set(false));
    view! {
        <div class="documents" node_ref=root>
            <button
                aria-haspopup="true"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
                disabled=move || !persistence.enabled.get()
            >
                "Documents"
            </button>
            <Show when=move || open.get()>
                <div class="documents-panel" role="region" aria-label="Documents">
                    <div class="actions">
                        <button on:click=move |_| {
                            persistence.create(Document::new("Untitled migration"));
                            open.set(false);
                        }>"New blank"</button>
                    </div>
                    <ul>
                        {move || {
                            let current = persistence.current.get();
                            persistence
                                .documents
                                .get()
                                .into_iter()
                                .map(|e| {
                                    let is_open = current.as_deref() == Some(e.id.as_str());
                                    let (id1, id2, id3) = (e.id.clone(), e.id.clone(), e.id.clone());
                                    view! {
                                        <li class:open=is_open data-document-id=e.id.clone()>
                                            <button class="doc-open" on:click=move |_| {
                                                persistence.switch_to(&id1);
                                                open.set(false);
                                            } aria-current=is_open.then_some("true")>
                                                <strong>{e.name.clone()}</strong>
                                                <span class="meta">
                                                    {format!("{} · {} nodes", ago(e.updated), e.nodes)}
                                                    {(e.errors > 0).then(|| view! { <span class="errors">{format!(" · {} errors", e.errors)}</span> })}
                                                </span>
                                            </button>
                                            <button aria-label=format!("Duplicate {}", e.name) on:click=move |_| persistence.duplicate(&id2)>"⧉"</button>
                                            <button aria-label=format!("Delete document {}", e.name) on:click=move |_| persistence.delete(&id3)>"🗑"</button>
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                </div>
            </Show>
        </div>
    }
}
