//! The keyboard shortcuts, listed in a dialog that `?` opens (and the
//! toolbar's "Keyboard shortcuts" button). The list is the one place that
//! says what `keyboard.rs` and the canvas do with keys: keep them in step.

use crate::panels::dismiss::Modal;
use leptos::prelude::*;

/// Whether the shortcuts dialog is open (in context).
#[derive(Clone, Copy)]
pub struct ShortcutsOpen(pub RwSignal<bool>);

/// Key, then what it does.
const SHORTCUTS: [(&str, &str); 17] = [
    (
        "Tab / Shift+Tab",
        "Next or previous node or edge, in the order the plan flows; the view follows",
    ),
    ("Enter", "Edit the focused node in the inspector"),
    (
        "Delete / Backspace",
        "Delete what is selected (it is in view)",
    ),
    (
        "Arrow keys",
        "Move the selected nodes (Shift: five grid steps)",
    ),
    (
        "C",
        "Connect the selected node: go to the inspector's target field",
    ),
    ("F", "Fit the whole plan in view"),
    ("0", "Zoom to 100 %"),
    ("+ / −", "Zoom in or out"),
    ("Ctrl+Z", "Undo"),
    ("Ctrl+Shift+Z / Ctrl+Y", "Redo"),
    ("Ctrl+A", "Select everything"),
    ("Ctrl+C / Ctrl+X / Ctrl+V", "Copy, cut, paste"),
    ("Ctrl+D", "Duplicate the selection"),
    (
        "Escape",
        "Close a menu or dialog, leave a field, or clear the selection",
    ),
    ("?", "Show these shortcuts"),
    ("Ctrl+wheel or pinch", "Zoom at the pointer"),
    ("Wheel or two fingers", "Pan"),
];

/// The list, as markup: fixed text, no view code per row.
fn rows() -> String {
    SHORTCUTS
        .iter()
        .map(|(key, what)| format!("<dt><kbd>{key}</kbd></dt><dd>{what}</dd>"))
        .collect()
}

#[component]
pub fn ShortcutsDialog() -> impl IntoView {
    let open = expect_context::<ShortcutsOpen>().0;
    view! {
        <Modal open label="Keyboard shortcuts" close_label="Close keyboard shortcuts" class="shortcuts">
            <dl class="shortcut-list" data-testid="shortcuts" inner_html=rows()></dl>
        </Modal>
    }
}
