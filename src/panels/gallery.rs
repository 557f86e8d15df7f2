//! The template gallery: a dialog listing every template of the core's
//! gallery; choosing one opens it as a new document, so the open one is
//! kept in the document list. The list and the templates are fetched
//! (`gallery_source.rs`): the first opening loads the list, a choice loads
//! that template.

use crate::editor::{Editor, Tone};
use crate::gallery_source;
use crate::panels::dismiss::Modal;
use crate::persistence::Persistence;
use leptos::prelude::*;
use leptos::task::spawn_local;
use migraflow_core::drawing::{escape, escape_attr};
use migraflow_core::templates::index::TemplateInfo;

/// The gallery's list: not asked for yet, or fetched, or why not.
#[derive(Clone, Debug, PartialEq)]
enum Listing {
    Loading,
    Ready(Vec<TemplateInfo>),
    Failed(String),
}

/// Whether the gallery dialog is open.
#[derive(Clone, Copy)]
pub struct GalleryOpen(pub RwSignal<bool>);

#[component]
pub fn Gallery() -> impl IntoView {
    let persistence = expect_context::<Persistence>();
    let editor = expect_context::<Editor>();
    let open = expect_context::<GalleryOpen>().0;
    let close = move || open.set(false);
    let listing = RwSignal::new(Listing::Loading);
    // The list is fetched the first time the gallery opens, and again after
    // a failure.
    let fetching = StoredValue::new(false);
    Effect::new(move |_| {
        let wanted = open.get() && !matches!(listing.get_untracked(), Listing::Ready(_));
        if wanted && !fetching.get_value() {
            fetching.set_value(true);
            listing.set(Listing::Loading);
            spawn_local(async move {
                listing.set(match gallery_source::index().await {
                    Ok(list) => Listing::Ready(list),
                    Err(e) => Listing::Failed(e),
                });
                fetching.set_value(false);
            });
        }
    });
    let choose = move |id: String| {
        spawn_local(async move {
            match gallery_source::document(&id).await {
                Ok(doc) => {
                    persistence.create(doc);
                    close();
                }
                Err(e) => editor.tell(Tone::Error, e),
            }
        });
    };
    // The list is markup under one listener: a view per template cost far
    // more wasm than the text.
    let body = move || match listing.get() {
        Listing::Loading => r#"<p class="empty" role="status">Loading templates…</p>"#.to_string(),
        Listing::Failed(e) => format!(r#"<p class="import-error" role="alert">{}</p>"#, escape(&e)),
        Listing::Ready(list) => {
            // The list came after the dialog took the focus: give it to
            // the first template, as on opening.
            request_animation_frame(focus_first_template);
            templates(&list)
        }
    };
    let click = move |ev: web_sys::MouseEvent| {
        if let Some((_, id)) = crate::adapters::marked::marked(&ev, "data-template") {
            choose(id);
        }
    };
    view! {
        <Modal open label="Templates" close_label="Close templates" class="gallery">
            <div class="contents" on:click=click inner_html=body></div>
        </Modal>
    }
}

/// The templates as buttons, migrations first, then the related flows
/// (their own rule packs), each under a heading; texts escaped.
fn templates(list: &[TemplateInfo]) -> String {
    let mut out = String::new();
    for (heading, migrations) in [("Database migrations", true), ("Other flows", false)] {
        let group: Vec<_> = list
            .iter()
            .filter(|t| t.pack.is_migration() == migrations)
            .collect();
        if group.is_empty() {
            continue;
        }
        out += &format!(r#"<h3 class="gallery-group">{heading}</h3><ul>"#);
        for t in group {
            out += &format!(
                r#"<li><button class="template" data-template="{}" data-pack="{}"><strong>{}</strong><span>{}</span></button></li>"#,
                escape_attr(&t.id),
                t.pack.as_str(),
                escape(&t.name),
                escape(&t.summary)
            );
        }
        out += "</ul>";
    }
    out
}

/// Focuses the first template, unless the focus has left the gallery.
fn focus_first_template() {
    use wasm_bindgen::JsCast;
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let in_gallery = document.active_element().is_none_or(|el| {
        el.closest(".gallery").ok().flatten().is_some() || el.tag_name() == "BODY"
    });
    let first = document
        .query_selector(".gallery button[data-template]")
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    if let (true, Some(first)) = (in_gallery, first) {
        let _ = first.focus();
    }
}

/// The top bar's button that opens the gallery.
#[component]
pub fn TemplatesButton() -> impl IntoView {
    let open = expect_context::<GalleryOpen>().0;
    view! { <button on:click=move |_| open.set(true) aria-haspopup="dialog">"Templates"</button> }
}
