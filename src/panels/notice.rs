//! The status line: the last message the editor wanted the user to see.

use crate::editor::{Editor, Tone};
use leptos::prelude::*;

#[component]
pub fn NoticeBar() -> impl IntoView {
    let editor = expect_context::<Editor>();
    move || {
        editor.notice.get().map(|n| {
            let tone = match n.tone {
                Tone::Info => "info",
                Tone::Warning => "warning",
                Tone::Error => "error",
            };
            view! {
                <div class=format!("notice {tone}") role="status" aria-live="polite" data-testid="notice">
                    <span>{n.text}</span>
                    {n.action.map(|action| {
                        let run = action.run.clone();
                        view! {
                            <button class="notice-action" on:click=move |_| {
                                editor.notice.set(None);
                                run();
                            }>{action.label}</button>
                        }
                    })}
                    <button aria-label="Dismiss message" on:click=move |_| editor.notice.set(None)>
                        "×"
                    </button>
                </div>
            }
        })
    }
}
