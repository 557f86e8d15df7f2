//! The toolbar: history, view, layout and the choice of edge kind for new
//! connections. Every button has an accessible name saying what it does
//! (SPEC §9).

use crate::adapters::marked::marked;
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

/// The toolbar's buttons, as fixed markup: each says what it does in
/// `data-tool`; the states (disabled, zoom, direction, snap, the chosen
/// edge kind) are set by small effects. One listener, not a view per
/// button: the views cost far more wasm than the text.
fn markup() -> String {
    let mut out = String::from(
        r#"<div class="group"><button aria-label="Undo" title="Undo (Ctrl+Z)" data-tool="undo" disabled>↶ Undo</button><button aria-label="Redo" title="Redo (Ctrl+Shift+Z)" data-tool="redo" disabled>↷ Redo</button><button aria-label="Delete" title="Delete selection (Del)" data-tool="delete" disabled>Delete</button></div><div class="group"><button aria-label="Auto layout" data-tool="layout">Auto layout</button><button data-tool="direction"></button><button aria-label="Fit view" data-tool="fit">Fit view</button><button aria-label="Zoom out" title="Zoom out (−)" data-tool="zoom-out">−</button><button class="zoom" title="Reset zoom to 100 % (0)" data-tool="zoom-reset"></button><button aria-label="Zoom in" title="Zoom in (+)" data-tool="zoom-in">+</button><button aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" aria-haspopup="dialog" data-tool="shortcuts">?</button><label class="toggle"><input type="checkbox" data-tool="snap">Snap to grid</label></div><div class="group" role="radiogroup" aria-label="Kind of new connections">"#,
    );
    for k in EdgeKind::ALL {
        let kind = k.as_str();
        out += &format!(
            r#"<button class="edge-kind {kind}" role="radio" aria-checked="false" data-tool="edge-{kind}" title="Draw {kind} edges from a node's port (Alt: rollback)">{}</button>"#,
            k.label()
        );
    }
    out + "</div>"
}

/// The layout direction the direction button switches to.
fn other(direction: Direction) -> Direction {
    match direction {
        Direction::TopDown => Direction::LeftRight,
        Direction::LeftRight => Direction::TopDown,
    }
}

#[component]
pub fn Toolbar() -> impl IntoView {
    use wasm_bindgen::JsCast;
    let editor = expect_context::<Editor>();
    let gestures = expect_context::<Gestures>();
    let shortcuts = expect_context::<ShortcutsOpen>().0;
    let root = NodeRef::<leptos::html::Div>::new();
    // Runs `f` on the toolbar's element of `data-tool` `tool`.
    let with_tool = move |tool: &str, f: &dyn Fn(&web_sys::Element)| {
        if let Some(el) = root.get_untracked().and_then(|r| {
            r.query_selector(&format!(r#"[data-tool="{tool}"]"#))
                .ok()
                .flatten()
        }) {
            f(&el);
        }
    };
    let disable = move |tool: &str, off: bool| {
        with_tool(tool, &|el| {
            let _ = if off {
                el.set_attribute("disabled", "")
            } else {
                el.remove_attribute("disabled")
            };
        })
    };
    Effect::new(move |_| {
        root.track();
        let (undo, redo) = editor.undo_state.get();
        disable("undo", !undo);
        disable("redo", !redo);
        disable("delete", editor.selection.with(|s| s.is_empty()));
    });
    Effect::new(move |_| {
        root.track();
        let (text, name) = match other(editor.geometry.direction.get()) {
            Direction::TopDown => ("↓", "Lay out top down"),
            Direction::LeftRight => ("→", "Lay out left to right"),
        };
        with_tool("direction", &|el| {
            el.set_text_content(Some(text));
            let _ = el.set_attribute("aria-label", name);
            let _ = el.set_attribute("title", name);
        });
    });
    Effect::new(move |_| {
        root.track();
        let zoom = Fixed(editor.viewport.get().zoom * 100.0, 0);
        with_tool("zoom-reset", &|el| {
            el.set_text_content(Some(&format!("{zoom} %")));
            let _ = el.set_attribute("aria-label", &format!("Zoom {zoom} %, reset to 100 %"));
        });
    });
    Effect::new(move |_| {
        root.track();
        let snap = editor.snap.get();
        with_tool("snap", &|el| {
            if let Some(i) = el.dyn_ref::<web_sys::HtmlInputElement>() {
                i.set_checked(snap);
            }
        });
    });
    Effect::new(move |_| {
        root.track();
        let chosen = gestures.connect_kind.get();
        for k in EdgeKind::ALL {
            let on = if k == chosen { "true" } else { "false" };
            with_tool(&format!("edge-{}", k.as_str()), &|el| {
                let _ = el.set_attribute("aria-checked", on);
            });
        }
    });
    let click = move |ev: web_sys::MouseEvent| {
        // The snap checkbox has a `data-tool` too, and acts on change.
        let Some((_, tool)) = marked(&ev, "data-tool") else {
            return;
        };
        match tool.as_str() {
            "undo" => editor.undo(),
            "redo" => editor.redo(),
            "delete" => editor.delete_selection(),
            "layout" => run_auto_layout(editor, editor.geometry.direction.get_untracked()),
            "direction" => {
                run_auto_layout(editor, other(editor.geometry.direction.get_untracked()))
            }
            "fit" => editor.fit_view(),
            "zoom-out" => editor.zoom_step(Some(false)),
            "zoom-reset" => editor.zoom_step(None),
            "zoom-in" => editor.zoom_step(Some(true)),
            "shortcuts" => shortcuts.set(true),
            edge => {
                if let Some(k) = edge.strip_prefix("edge-").and_then(EdgeKind::parse) {
                    gestures.connect_kind.set(k);
                }
            }
        }
    };
    let change = move |ev: web_sys::Event| {
        editor.snap.set(event_target_checked(&ev));
    };
    view! {
        <div class="toolbar" role="toolbar" aria-label="Editor" node_ref=root inner_html=markup() on:click=click on:change=change></div>
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
