//! The toolbar: history, view, layout and the choice of edge kind for new
//! connections. Every button has an accessible name saying what it does
//! (SPEC §9).

use crate::canvas::gesture::Gestures;
use crate::editor::Editor;
use crate::panels::shortcuts::ShortcutsOpen;
use crate::theme::Theme;
use leptos::prelude::*;
// Fixed, not `{:.0}`: a float's precision links the exact float formatter (size).
use migraflow_core::decimal::Fixed;
use migraflow_core::layout::{auto_layout, Direction};
use migraflow_core::{EdgeKind, Edit};

/// Lays out the whole plan flowing `direction`, which becomes the
/// document's, as one undoable step.
pub fn run_auto_layout(editor: Editor, direction: Direction) {
    let moves = editor
        .plan
        .with_untracked(|plan| auto_layout(plan, direction));
    let edit = Edit::Batch(vec![Edit::SetDirection(direction), Edit::Move(moves)]);
    if editor.apply("Auto layout", edit) {
        editor.fit_view();
    }
}

#[component]
pub fn Toolbar() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let gestures = expect_context::<Gestures>();
    let can_undo = move || editor.undo_state.get().0;
    let can_redo = move || editor.undo_state.get().1;
    let nothing_selected = move || editor.selection.with(|s| s.is_empty());
    let shortcuts = expect_context::<ShortcutsOpen>().0;
    view! {
        <div class="toolbar" role="toolbar" aria-label="Editor">
            <div class="group">
                <button aria-label="Undo" title="Undo (Ctrl+Z)" disabled=move || !can_undo() on:click=move |_| editor.undo()>
                    "↶ Undo"
                </button>
                <button aria-label="Redo" title="Redo (Ctrl+Shift+Z)" disabled=move || !can_redo() on:click=move |_| editor.redo()>
                    "↷ Redo"
                </button>
                <button aria-label="Delete" title="Delete selection (Del)" disabled=nothing_selected on:click=move |_| editor.delete_selection()>
                    "Delete"
                </button>
            </div>
            <div class="group">
                <button aria-label="Auto layout" on:click=move |_| run_auto_layout(editor, editor.geometry.direction.get_untracked())>"Auto layout"</button>
                {move || {
                    let other = match editor.geometry.direction.get() {
                        Direction::TopDown => Direction::LeftRight,
                        Direction::LeftRight => Direction::TopDown,
                    };
                    let (text, name) = match other {
                        Direction::TopDown => ("↓", "Lay out top down"),
                        Direction::LeftRight => ("→", "Lay out left to right"),
                    };
                    view! {
                        <button aria-label=name title=name on:click=move |_| run_auto_layout(editor, other)>{text}</button>
                    }
                }}
                <button aria-label="Fit view" on:click=move |_| editor.fit_view()>"Fit view"</button>
                <button aria-label="Zoom out" title="Zoom out (−)" on:click=move |_| editor.zoom_step(Some(false))>"−"</button>
                <button class="zoom" title="Reset zoom to 100 % (0)" aria-label=move || format!("Zoom {} %, reset to 100 %", Fixed(editor.viewport.get().zoom * 100.0, 0)) on:click=move |_| editor.zoom_step(None)>
                    {move || format!("{} %", Fixed(editor.viewport.get().zoom * 100.0, 0))}
                </button>
                <button aria-label="Zoom in" title="Zoom in (+)" on:click=move |_| editor.zoom_step(Some(true))>"+"</button>
                <button aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" aria-haspopup="dialog" on:click=move |_| shortcuts.set(true)>"?"</button>
                <label class="toggle">
                    <input type="checkbox" prop:checked=move || editor.snap.get() on:change=move |ev| editor.snap.set(event_target_checked(&ev)) />
                    "Snap to grid"
                </label>
            </div>
            <div class="group" role="radiogroup" aria-label="Kind of new connections">
                {EdgeKind::ALL
                    .into_iter()
                    .map(|k| {
                        view! {
                            <button
                                class=format!("edge-kind {}", k.as_str())
                                role="radio"
                                aria-checked=move || (gestures.connect_kind.get() == k).to_string()
                                title=format!("Draw {} edges from a node's port (Alt: rollback)", k.as_str())
                                on:click=move |_| gestures.connect_kind.set(k)
                            >
                                {k.label()}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
        </div>
    }
}

/// Cycles the theme: system, light, dark.
#[component]
pub fn ThemeSwitch() -> impl IntoView {
    let theme = expect_context::<RwSignal<Theme>>();
    view! {
        <button
            class="theme-switch"
            aria-label=move || theme.get().switch_label()
            on:click=move |_| theme.update(|t| *t = t.next())
        >
            {move || theme.get().icon()}
        </button>
    }
}
