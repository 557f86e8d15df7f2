//! The template gallery: a dialog listing every template of the core's
//! gallery; choosing one opens it as a new document, so the open one is
//! kept in the document list.

use crate::persistence::Persistence;
use leptos::prelude::*;
use migraflow_core::templates;

/// Whether the gallery dialog is open.
#[derive(Clone, Copy)]
pub struct GalleryOpen(pub RwSignal<bool>);

#[component]
pub fn Gallery() -> impl IntoView {
    let persistence = expect_context::<Persistence>();
    let open = expect_context::<GalleryOpen>().0;
    let close = move || open.set(false);
    view! {
        <Show when=move || open.get()>
            <div class="modal-backdrop" on:click=move |_| close()>
                <div
                    class="modal gallery"
                    role="dialog"
                    aria-modal="true"
                    aria-label="Templates"
                    on:click=|ev| ev.stop_propagation()
                    node_ref={
                        let dialog = NodeRef::new();
                        crate::panels::dismiss::modal(dialog, close);
                        dialog
                    }
                >
                    <header>
                        <h2>"Templates"</h2>
                        <button aria-label="Close templates" on:click=move |_| close()>"×"</button>
                    </header>
                    <ul>
                        {templates::all()
                            .iter()
                            .map(|t| {
                                view! {
                                    <li>
                                        <button
                                            class="template"
                                            data-template=t.id
                                            autofocus=t.id == templates::all()[0].id
                                            on:click=move |_| {
                                                persistence.create(t.build());
                                                close();
                                            }
                                        >
                                            <strong>{t.name}</strong>
                                            <span>{t.summary}</span>
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </div>
            </div>
        </Show>
    }
}

/// The top bar's button that opens the gallery.
#[component]
pub fn TemplatesButton() -> impl IntoView {
    let open = expect_context::<GalleryOpen>().0;
    view! { <button on:click=move |_| open.set(true) aria-haspopup="dialog">"Templates"</button> }
}
