//! Room to work (issue 17, point 5): the side panel is resized by dragging
//! its edge (or with the arrow keys on it) and hidden from a button on that
//! edge; the palette and the minimap can be hidden too. The choices are
//! remembered in this browser, as the theme is.
//!
//! The side panel's width is the CSS variable `--side-w` on `<html>`, set
//! through the CSSOM (the page's CSP forbids style attributes); hiding is a
//! class on `<html>` (`side-hidden`, `palette-hidden`, `minimap-hidden`),
//! set in the same effect, so the app's own view carries no extra bindings.

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

const KEY: &str = "migraflow.panels";
const MIN_SIDE: u64 = 260;
const MAX_SIDE: u64 = 720;

/// What the user chose, in context.
#[derive(Clone, Copy)]
pub struct Room {
    /// In CSS pixels; `u64` as the editor's counters, so the wasm carries
    /// no second copy of the signal's code.
    pub side_width: RwSignal<u64>,
    pub side_hidden: RwSignal<bool>,
    pub palette_hidden: RwSignal<bool>,
    pub minimap_hidden: RwSignal<bool>,
}

/// Reads the stored choices (`340 0 0 0`: width, then side, palette and
/// minimap hidden), provides them, and keeps storage and `--side-w` in step.
pub fn provide_room() -> Room {
    let stored = crate::adapters::local_store::get_json_string(KEY).unwrap_or_default();
    let mut parts = stored.split(' ');
    let width = parts.next().and_then(|w| w.parse().ok()).unwrap_or(340);
    let mut flag = || RwSignal::new(parts.next() == Some("1"));
    let room = Room {
        side_width: RwSignal::new(width.clamp(MIN_SIDE, MAX_SIDE)),
        side_hidden: flag(),
        palette_hidden: flag(),
        minimap_hidden: flag(),
    };
    Effect::new(move |_| {
        let width = room.side_width.get();
        let bit = |s: RwSignal<bool>| if s.get() { "1" } else { "0" };
        let text = format!(
            "{width} {} {} {}",
            bit(room.side_hidden),
            bit(room.palette_hidden),
            bit(room.minimap_hidden)
        );
        // Remembering is a convenience: a full quota must not get in the way.
        let _ = LocalStorage::set(KEY, text);
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = root.style().set_property("--side-w", &format!("{width}px"));
            let classes = root.class_list();
            for (class, on) in [
                ("side-hidden", room.side_hidden),
                ("palette-hidden", room.palette_hidden),
                ("minimap-hidden", room.minimap_hidden),
            ] {
                let _ = classes.toggle_with_force(class, on.get());
            }
        }
    });
    provide_context(room);
    room
}

/// The edge between the canvas and the side panel: drag it to resize the
/// panel, arrow keys do the same in steps, Enter or its button hides and
/// shows the panel.
#[component]
pub fn SideEdge() -> impl IntoView {
    let room = expect_context::<Room>();
    let dragging = StoredValue::new(false);
    let resize = move |wider: bool| {
        room.side_hidden.set(false);
        room.side_width.update(|w| {
            *w = if wider { *w + 20 } else { w.saturating_sub(20) }.clamp(MIN_SIDE, MAX_SIDE)
        });
    };
    let follow = move |ev: web_sys::PointerEvent| {
        if dragging.get_value() {
            // The panel ends at the window's right edge.
            let right = web_sys::window()
                .and_then(|w| w.inner_width().ok())
                .and_then(|w| w.as_f64())
                .unwrap_or(0.0);
            let width = (right - ev.client_x() as f64).max(0.0) as u64;
            room.side_width.set(width.clamp(MIN_SIDE, MAX_SIDE));
        }
    };
    let toggle = move || room.side_hidden.update(|h| *h = !*h);
    // The button sits beside the separator, not in it: a focusable
    // separator may hold nothing focusable.
    view! {
        <div class="side-edge">
            <div
                class="side-grip"
                role="separator"
                tabindex="0"
                aria-orientation="vertical"
                aria-label="Side panel width"
                aria-valuemin=MIN_SIDE
                aria-valuemax=MAX_SIDE
                aria-valuenow=move || room.side_width.get()
                on:pointerdown=move |ev| {
                    if ev.button() == 0 && !room.side_hidden.get_untracked() {
                        dragging.set_value(true);
                        // Events are delegated: the current target is the document.
                        if let Some(el) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                            let _ = el.set_pointer_capture(ev.pointer_id());
                        }
                    }
                }
                on:pointermove=follow
                on:pointerup=move |_| dragging.set_value(false)
                on:keydown=move |ev| match ev.key().as_str() {
                    "ArrowLeft" => resize(true),
                    "ArrowRight" => resize(false),
                    "Enter" => toggle(),
                    _ => {}
                }
            ></div>
            <button
                on:click=move |_| toggle()
                aria-label=move || if room.side_hidden.get() { "Show side panel" } else { "Hide side panel" }
            >
                {move || if room.side_hidden.get() { "‹" } else { "›" }}
            </button>
        </div>
    }
}
