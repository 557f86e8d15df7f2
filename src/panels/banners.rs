//! Banners above the canvas: the first-run welcome on the example plan,
//! and what must not go unnoticed: a stored document that could not be
//! read, a full storage quota, a change made in another tab, repairs made
//! while loading.

use crate::adapters::download::{download_bytes, file_stem};
use crate::editor::{Editor, Tone};
use crate::persistence::{Persistence, SharedPlan};
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use migraflow_core::format::to_json;
use migraflow_core::Document;

const WELCOMED: &str = "migraflow.welcomed";

/// Offers the open document as a JSON download.
pub fn download_document(editor: Editor) {
    let doc = editor.document();
    let name = format!("{}.migraflow.json", file_stem(&doc.plan.title));
    if let Err(e) = download_bytes(&name, "application/json", to_json(&doc).as_bytes()) {
        editor.tell(Tone::Error, format!("The download failed: {e}"));
    }
}

#[component]
pub fn Banners() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let persistence = expect_context::<Persistence>();
    // The first screen is the example plan, unsaved: say so once, until
    // dismissed (remembered) or until there is a document of one's own.
    // It floats over the canvas (style/main.css) rather than taking its
    // height: a plan opened while it shows is fitted to the whole canvas.
    let welcomed = RwSignal::new(crate::adapters::local_store::get_json_string(WELCOMED).is_some());
    let welcome = move || {
        !welcomed.get()
            && persistence.enabled.get()
            && persistence.current.with(Option::is_none)
            && persistence.documents.with(Vec::is_empty)
    };
    let dismiss = move || {
        welcomed.set(true);
        let _ = LocalStorage::set(WELCOMED, "1");
    };
    view! {
        <div class="banners">
            <Show when=welcome>
                <div class="banner info welcome" role="status" data-testid="welcome-banner">
                    <p>
                        <strong>"Welcome to migraflow. "</strong>
                        "This is an example: a column renamed without downtime, not saved until you change it. Each step is checked as you draw; badges and the Problems list show what is unsafe, most with a one-click fix. Press ? for shortcuts."
                    </p>
                    <div class="actions">
                        <button class="primary" on:click=move |_| {
                            dismiss();
                            persistence.create(Document::new("Untitled migration"));
                        }>"Start a blank plan"</button>
                        <button on:click=move |_| dismiss()>"Got it"</button>
                    </div>
                </div>
            </Show>
            {move || {
                persistence
                    .shared
                    .get()
                    .map(|shared| match shared {
                        SharedPlan::Ready { document, .. } => {
                            view! {
                                <div class="banner info" role="alert" data-testid="share-banner">
                                    <p>
                                        <strong>{format!("This link carries the plan “{}”. ", document.plan.title)}</strong>
                                        "Open it as a new document? Your current document stays in the document list."
                                    </p>
                                    <div class="actions">
                                        <button class="primary" on:click=move |_| persistence.take_shared(true)>"Open shared plan"</button>
                                        <button on:click=move |_| persistence.take_shared(false)>"Ignore"</button>
                                    </div>
                                </div>
                            }
                                .into_any()
                        }
                        SharedPlan::Refused(why) => {
                            view! {
                                <div class="banner error" role="alert" data-testid="share-banner">
                                    <p>{why}</p>
                                    <div class="actions">
                                        <button on:click=move |_| persistence.take_shared(false)>"Dismiss"</button>
                                    </div>
                                </div>
                            }
                                .into_any()
                        }
                    })
            }}
            {move || {
                persistence
                    .recovery
                    .get()
                    .map(|r| {
                        let raw = r.raw.clone();
                        let file = format!("{}-unreadable.txt", file_stem(&r.name));
                        let kept = match &r.backup_key {
                            Some(key) => format!("It is kept untouched, with a copy under the storage key “{key}”."),
                            None => "It is kept untouched (storage had no room for a backup copy).".to_string(),
                        };
                        view! {
                            <div class="banner error" role="alert" data-testid="recovery-banner">
                                <p>
                                    <strong>{format!("The saved document “{}” could not be opened. ", r.name)}</strong>
                                    {r.message.clone()}
                                    " "
                                    {kept}
                                </p>
                                <div class="actions">
                                    <button on:click=move |_| {
                                        let _ = download_bytes(&file, "text/plain", raw.as_bytes());
                                    }>"Download its text"</button>
                                    <button on:click=move |_| persistence.start_fresh()>"Start fresh"</button>
                                    <button on:click=move |_| persistence.recovery.set(None) aria-label="Dismiss">"Dismiss"</button>
                                </div>
                            </div>
                        }
                    })
            }}
            <Show when=move || persistence.quota_full.get()>
                <div class="banner warning" role="alert" data-testid="quota-banner">
                    <p>
                        <strong>"Browser storage is full. "</strong>
                        "Your changes are kept in this tab only until storage has room again. Download the document to keep it safe."
                    </p>
                    <div class="actions">
                        <button on:click=move |_| download_document(editor)>"Download JSON"</button>
                    </div>
                </div>
            </Show>
            <Show when=move || persistence.conflict.get()>
                <div class="banner warning" role="alert" data-testid="conflict-banner">
                    <p>
                        <strong>"This document was changed in another tab. "</strong>
                        "Autosave is paused so neither version is lost."
                    </p>
                    <div class="actions">
                        <button on:click=move |_| persistence.resolve_conflict(false)>"Load their version"</button>
                        <button on:click=move |_| persistence.resolve_conflict(true)>"Keep mine as a copy"</button>
                    </div>
                </div>
            </Show>
            {move || {
                let repairs = persistence.repairs.get();
                (!repairs.is_empty())
                    .then(|| {
                        view! {
                            <div class="banner info" role="status" data-testid="repairs-banner">
                                <details>
                                    <summary>{format!("Loaded with {} note(s) — nothing was lost that could be kept.", repairs.len())}</summary>
                                    <ul>{repairs.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                                </details>
                                <div class="actions">
                                    <button on:click=move |_| persistence.repairs.set(Vec::new())>"Dismiss"</button>
                                </div>
                            </div>
                        }
                    })
            }}
        </div>
    }
}
