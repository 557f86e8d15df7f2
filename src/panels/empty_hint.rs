//! What an empty plan shows in place of a drawing: how to begin (issue 17,
//! point 6). It goes as soon as the plan has a node.

use crate::editor::Editor;
use crate::panels::gallery::GalleryOpen;
use leptos::prelude::*;

#[component]
pub fn EmptyHint() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let gallery = expect_context::<GalleryOpen>().0;
    let empty = Memo::new(move |_| editor.plan.with(|p| p.nodes.is_empty()));
    // Fixed markup, there or not; one listener for its button.
    let hint = move || {
        empty.get().then_some(
            r#"<div class="empty-hint" role="note" data-testid="empty-hint"><h2>An empty plan</h2><p>Add a Start from the palette on the left (click it, or drag it here), then double-click the canvas to add phases and drag from a node's port to connect them. Right-click for more.</p><p>Or begin from a worked example:</p><button class="primary" data-open-templates="">Open templates</button></div>"#,
        )
    };
    let click = move |ev: web_sys::MouseEvent| {
        if crate::adapters::marked::marked(&ev, "data-open-templates").is_some() {
            gallery.set(true);
        }
    };
    view! { <div class="contents" on:click=click inner_html=hint></div> }
}
