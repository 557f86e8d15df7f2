//! Keyboard focus on the canvas (SPEC §9; issue 17): Tab and Shift+Tab
//! walk every node and edge in flow order (`migraflow_core::flow_order`),
//! whether or not it is on screen, and the view follows the focus.
//!
//! The canvas is one tab stop: nodes and edges have `tabindex="-1"`, so
//! the browser's own Tab order does not walk thousands of items in
//! creation order (nor skip those culled off-screen). Tabbing into the
//! canvas focuses the selected item, or the first in flow order; Tab from
//! the last item and Shift+Tab from the first leave the canvas.
//!
//! An item off-screen may not be drawn yet (culling.rs), so a move first
//! pans the view to it, then focuses it on the next animation frame, once
//! culling has drawn it.

use crate::canvas::hit::{hit, Hit};
use crate::editor::Editor;
use crate::selection::Selection;
use leptos::prelude::*;
use migraflow_core::flow_order::{flow_order, Item};
use wasm_bindgen::JsCast;

/// The item an event came from, if a node or an edge.
fn item_of(ev: &web_sys::Event) -> Option<Item> {
    match hit(ev) {
        Hit::Node(id) | Hit::Port(id) => Some(Item::Node(id)),
        Hit::Edge(id) | Hit::EdgeEnd(id, _) => Some(Item::Edge(id)),
        Hit::Background => None,
    }
}

/// The element that takes an item's focus.
fn element(item: Item) -> Option<web_sys::HtmlElement> {
    let selector = match item {
        Item::Node(id) => format!(r#"[data-node-id="{}"]"#, id.0),
        Item::Edge(id) => format!(r#"[data-edge-id="{}"] > .drawing"#, id.0),
    };
    let document = web_sys::window()?.document()?;
    let el = document.query_selector(&selector).ok()??;
    // SVG elements are not HtmlElements, but focus() is the same call.
    Some(el.unchecked_into())
}

thread_local! {
    /// The item a move is on its way to, until the frame that focuses it:
    /// a key pressed in between moves on from there, not from the item
    /// still focused, so a held Tab never repeats a step.
    static PENDING: std::cell::Cell<Option<Item>> = const { std::cell::Cell::new(None) };
}

/// Pans to `item`, selects it and focuses it once it is drawn.
pub fn go_to(editor: Editor, item: Item) {
    if let Some(point) = editor.item_point(item) {
        editor.bring_into_view(point);
    }
    PENDING.set(Some(item));
    request_animation_frame(move || {
        if PENDING.get() == Some(item) {
            PENDING.set(None);
        }
        if let Some(el) = element(item) {
            let _ = el.focus();
        }
    });
}

/// Tab and Shift+Tab on the canvas; whether the key was taken.
pub fn on_tab(editor: Editor, svg: &web_sys::Element, ev: &web_sys::KeyboardEvent) -> bool {
    if ev.key() != "Tab" || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
        return false;
    }
    let order = editor.plan.with_untracked(flow_order);
    let back = ev.shift_key();
    let next = match PENDING.get().or_else(|| item_of(ev)) {
        Some(current) => order
            .iter()
            .position(|i| *i == current)
            .and_then(|at| {
                if back {
                    at.checked_sub(1)
                } else {
                    Some(at + 1)
                }
            })
            .and_then(|at| order.get(at).copied()),
        // On the canvas itself: Tab enters at the first item.
        None if !back => order.first().copied(),
        None => None,
    };
    match next {
        Some(item) => {
            ev.prevent_default();
            go_to(editor, item);
            true
        }
        None => {
            if back && item_of(ev).is_some() {
                // Leaving backwards would land on the canvas itself, which
                // sends the focus back in: skip it for this one move.
                let _ = svg.set_attribute("tabindex", "-1");
                let svg = svg.clone();
                set_timeout(
                    move || {
                        let _ = svg.set_attribute("tabindex", "0");
                    },
                    std::time::Duration::ZERO,
                );
            }
            false
        }
    }
}

/// Focus arriving on the canvas or on one of its items.
pub fn on_focus_in(editor: Editor, ev: &web_sys::FocusEvent) {
    match item_of(ev) {
        Some(item) => {
            let selected = editor.selection.with_untracked(|s| match item {
                Item::Node(id) => s.nodes.contains(&id),
                Item::Edge(id) => s.edges.contains(&id),
            });
            if !selected {
                editor.selection.set(match item {
                    Item::Node(id) => Selection::node(id),
                    Item::Edge(id) => Selection::edge(id),
                });
            }
            if let Some(point) = editor.item_point(item) {
                editor.bring_into_view(point);
            }
        }
        None => {
            // Tabbed onto the canvas (a click focuses it too, but is not
            // keyboard focus): hand the focus to the selected item or the
            // first in flow order.
            let keyboard = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|el| el.matches(":focus-visible").unwrap_or(false));
            if !keyboard {
                return;
            }
            let selected = editor.selection.with_untracked(|s| {
                s.nodes
                    .iter()
                    .next()
                    .map(|id| Item::Node(*id))
                    .or_else(|| s.edges.iter().next().map(|id| Item::Edge(*id)))
            });
            let first = || editor.plan.with_untracked(flow_order).first().copied();
            if let Some(item) = selected.or_else(first) {
                go_to(editor, item);
            }
        }
    }
}
