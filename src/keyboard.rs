//! Editor-wide keyboard shortcuts. Keys typed into a text field belong to
//! the field, except Escape, which leaves it. Escape closes an open menu
//! first; an open dialog takes Escape before this (panels/dismiss.rs).

use crate::editor::{Editor, GRID};
use crate::panels::shortcuts::ShortcutsOpen;
use crate::selection::Selection;
use leptos::prelude::*;
use migraflow_core::{Edit, Point};
use wasm_bindgen::JsCast;

/// Whether the event comes from a text field or select that should keep
/// it (typing, copying text).
pub fn typing(ev: &web_sys::Event) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            matches!(
                el.tag_name().to_ascii_lowercase().as_str(),
                "input" | "textarea" | "select"
            ) || el.has_attribute("contenteditable")
        })
}

/// Moves the selected nodes by (dx, dy) as one undoable step.
fn nudge(editor: Editor, dx: f64, dy: f64) {
    let moves: Vec<(migraflow_core::NodeId, Point)> = editor.selection.with_untracked(|s| {
        s.nodes
            .iter()
            .map(|id| {
                let p = editor.geometry.get_untracked(*id);
                (*id, Point::new(p.x + dx, p.y + dy))
            })
            .collect()
    });
    if !moves.is_empty() {
        editor.apply("Move with keyboard", Edit::Move(moves));
    }
}

/// Installs the shortcuts for the lifetime of the current owner.
pub fn install(editor: Editor) {
    // Read here, in the shell's owner: the listener runs outside any.
    let shortcuts = use_context::<ShortcutsOpen>();
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        let key = ev.key();
        let command = ev.ctrl_key() || ev.meta_key();
        // Escape closes an open menu first, wherever the focus is in it.
        if key == "Escape" && crate::panels::dismiss::close_menus() {
            ev.prevent_default();
            return;
        }
        if typing(&ev) {
            if key == "Escape" {
                if let Some(el) = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = el.blur();
                }
            }
            return;
        }
        let step = if ev.shift_key() { GRID * 5.0 } else { GRID };
        let handled = match (command, key.as_str()) {
            (true, "z" | "Z") if ev.shift_key() => {
                editor.redo();
                true
            }
            (true, "z" | "Z") => {
                editor.undo();
                true
            }
            (true, "d" | "D") => {
                crate::clipboard::duplicate(editor);
                true
            }
            (true, "y" | "Y") => {
                editor.redo();
                true
            }
            (true, "a" | "A") => {
                editor
                    .selection
                    .set(editor.plan.with_untracked(|p| Selection {
                        nodes: p.nodes.keys().copied().collect(),
                        edges: p.edges.keys().copied().collect(),
                    }));
                true
            }
            (false, "Delete" | "Backspace") => {
                editor.delete_selection();
                true
            }
            (false, "Escape") => {
                editor.selection.set(Selection::default());
                true
            }
            (false, "ArrowLeft") => {
                nudge(editor, -step, 0.0);
                true
            }
            (false, "ArrowRight") => {
                nudge(editor, step, 0.0);
                true
            }
            (false, "ArrowUp") => {
                nudge(editor, 0.0, -step);
                true
            }
            (false, "ArrowDown") => {
                nudge(editor, 0.0, step);
                true
            }
            (false, "c" | "C") if !ev.alt_key() => {
                // Keyboard connect: jump to the inspector's target field.
                crate::panels::inspector::focus_connect_target()
            }
            (false, "f" | "F") if !ev.alt_key() => {
                editor.fit_view();
                true
            }
            (false, "?") => {
                if let Some(open) = shortcuts {
                    open.0.set(true);
                }
                true
            }
            (false, "0") => {
                editor.zoom_step(None);
                true
            }
            (false, "+" | "=") => {
                editor.zoom_step(Some(true));
                true
            }
            (false, "-") => {
                editor.zoom_step(Some(false));
                true
            }
            _ => false,
        };
        if handled {
            ev.prevent_default();
        }
    });
    on_cleanup(move || handle.remove());
    crate::panels::dismiss::close_menus_on_outside_press();
    crate::clipboard::install(editor, typing);
}
