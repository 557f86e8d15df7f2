//! Copy, cut, paste and duplicate through the system clipboard's `copy`
//! and `paste` events (no permission prompt). What is pasted must be a
//! migraflow fragment; anything else is refused with a message and
//! changes nothing.

use crate::editor::{Editor, Tone, GRID};
use crate::selection::Selection;
use leptos::prelude::*;
use migraflow_core::clipboard::Fragment;
use migraflow_core::Point;

/// How far a paste or duplicate lands from the original.
const PASTE_OFFSET: Point = Point::new(2.0 * GRID, 2.0 * GRID);

fn copy_selection(editor: Editor) -> Option<Fragment> {
    let ids = editor.selection.with_untracked(|s| s.nodes.clone());
    let fragment = editor
        .plan
        .with_untracked(|p| Fragment::copy(p, &editor.geometry, &ids));
    (!fragment.is_empty()).then_some(fragment)
}

/// Pastes a fragment as one undoable step and selects what was pasted.
fn paste(editor: Editor, fragment: &Fragment) {
    let (edit, ids) = editor
        .plan
        .with_untracked(|p| fragment.paste(p, PASTE_OFFSET));
    let label = if ids.len() == 1 {
        "Paste node"
    } else {
        "Paste nodes"
    };
    if editor.apply(label, edit) {
        editor.selection.set(Selection {
            nodes: ids.into_iter().collect(),
            edges: Default::default(),
        });
    }
}

/// Duplicates the selected nodes (Ctrl+D).
pub fn duplicate(editor: Editor) {
    if let Some(fragment) = copy_selection(editor) {
        paste(editor, &fragment);
    }
}

/// Installs the clipboard event handlers for the current owner's lifetime.
pub fn install(editor: Editor, typing: fn(&web_sys::Event) -> bool) {
    let write = move |ev: web_sys::ClipboardEvent, cut: bool| {
        if typing(&ev) {
            return;
        }
        let Some(fragment) = copy_selection(editor) else {
            return;
        };
        if let Some(data) = ev.clipboard_data() {
            if data.set_data("text/plain", &fragment.to_text()).is_ok() {
                ev.prevent_default();
                if cut {
                    editor.delete_selection();
                }
            }
        }
    };
    let copy = window_event_listener(leptos::ev::copy, move |ev| write(ev, false));
    let cut = window_event_listener(leptos::ev::cut, move |ev| write(ev, true));
    let paste_handle = window_event_listener(leptos::ev::paste, move |ev| {
        if typing(&ev) {
            return;
        }
        let text = ev
            .clipboard_data()
            .and_then(|d| d.get_data("text/plain").ok())
            .unwrap_or_default();
        ev.prevent_default();
        match Fragment::from_text(&text) {
            Ok(fragment) => paste(editor, &fragment),
            Err(why) => editor.tell(Tone::Info, format!("Nothing pasted: {why}.")),
        }
    });
    on_cleanup(move || {
        copy.remove();
        cut.remove();
        paste_handle.remove();
    });
}
