//! The status line: the last message the editor wanted the user to see,
//! with its action (Undo delete…) when it has one, and a dismiss button.
//! Markup under one listener (the text escaped): a view per part cost more
//! wasm than the text.

use crate::adapters::marked::marked;
use crate::editor::{Editor, Tone};
use leptos::prelude::*;
use migraflow_core::drawing::escape;

#[component]
pub fn NoticeBar() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let body = move || {
        editor.notice.with(|n| {
            n.as_ref().map(|n| {
                let tone = match n.tone {
                    Tone::Info => "info",
                    Tone::Warning => "warning",
                    Tone::Error => "error",
                };
                let action = n.action.as_ref().map_or(String::new(), |a| {
                    format!(
                        r#"<button class="notice-action" data-notice="act">{}</button>"#,
                        escape(&a.label)
                    )
                });
                format!(
                    r#"<div class="notice {tone}" role="status" aria-live="polite" data-testid="notice"><span>{}</span>{action}<button aria-label="Dismiss message" data-notice="dismiss">×</button></div>"#,
                    escape(&n.text)
                )
            })
        })
    };
    let click = move |ev: web_sys::MouseEvent| {
        let Some((_, what)) = marked(&ev, "data-notice") else {
            return;
        };
        // The action is taken from the notice before it is cleared, and
        // run after: it may raise a notice of its own.
        let action = editor
            .notice
            .with_untracked(|n| n.as_ref().and_then(|n| n.action.clone()));
        editor.notice.set(None);
        if what == "act" {
            if let Some(action) = action {
                (action.run)();
            }
        }
    };
    view! { <div class="contents" on:click=click inner_html=body></div> }
}
