//! How dialogs and menus leave: Escape closes the open menu or the dialog
//! on top, a dialog takes the focus when it opens and gives it back to
//! where it was when it closes (WAI-ARIA's modal dialog pattern).
//!
//! A dialog listens on the document, which an event reaches before the
//! window: the editor's shortcuts (`keyboard.rs`) listen on the window, so
//! the Escape that closes a dialog does not also clear the selection.

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// What a dialog focuses first: its `autofocus` element, else its first
/// control.
const FIRST_FOCUS: [&str; 2] = ["[autofocus]", "input, textarea, select, button, [tabindex]"];

/// Gives the dialog rendered into `dialog` its modal behaviour for as long
/// as the calling owner lives (call it where the dialog is shown): focus
/// moves in, Escape calls `close`, focus returns to the opener afterwards.
fn modal(dialog: NodeRef<Div>, close: impl Fn() + 'static) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let opener = document.active_element();
    Effect::new(move || {
        if let Some(el) = dialog.get() {
            let target = FIRST_FOCUS
                .iter()
                .find_map(|selector| el.query_selector(selector).ok().flatten());
            if let Some(target) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = target.focus();
            }
        }
    });
    let on_key =
        Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |ev: web_sys::KeyboardEvent| {
            if ev.key() == "Escape" {
                ev.prevent_default();
                ev.stop_propagation();
                close();
            }
        });
    let _ = document.add_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref());
    // The listener and the opener are browser objects: kept beside the
    // owner, not inside it (they are not Send).
    let kept = send_wrapper::SendWrapper::new((document, on_key, opener));
    on_cleanup(move || {
        let (document, on_key, opener) = kept.take();
        let _ = document
            .remove_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref());
        if let Some(opener) = opener.and_then(|o| o.dyn_into::<web_sys::HtmlElement>().ok()) {
            if opener.is_connected() {
                let _ = opener.focus();
            }
        }
    });
}

/// Closes every open menu (`details.menu`), giving the focus back to its
/// button; whether one was open.
pub fn close_menus() -> bool {
    let Some(open) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector_all("details.menu[open]").ok())
    else {
        return false;
    };
    for i in 0..open.length() {
        let menu = open
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::HtmlDetailsElement>().ok());
        if let Some(menu) = menu {
            menu.set_open(false);
            let summary = menu.query_selector("summary").ok().flatten();
            if let Some(summary) = summary.and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = summary.focus();
            }
        }
    }
    open.length() > 0
}

/// Closes an open menu when the pointer goes down outside it, as menus
/// do everywhere else; installed once, for the owner's lifetime.
pub fn close_menus_on_outside_press() {
    let handle = window_event_listener(leptos::ev::pointerdown, |ev| {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let target = ev.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        let Ok(open) = document.query_selector_all("details.menu[open]") else {
            return;
        };
        for i in 0..open.length() {
            let Some(menu) = open
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::HtmlDetailsElement>().ok())
            else {
                continue;
            };
            if !menu.contains(target.as_ref()) {
                menu.set_open(false);
            }
        }
    });
    on_cleanup(move || handle.remove());
}

/// A popover in `root` (the Documents list, the canvas menu): while
/// `is_open`, Escape calls `close` and gives the focus to the first button
/// in `root` (the Documents list's own), and a press outside `root` calls
/// `close`. Listens on the document, before the editor's shortcuts, like
/// [`modal`].
pub fn popover(
    root: NodeRef<Div>,
    is_open: impl Fn() -> bool + Copy + 'static,
    close: impl Fn() + Copy + 'static,
) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let on_key =
        Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |ev: web_sys::KeyboardEvent| {
            if ev.key() == "Escape" && is_open() {
                ev.prevent_default();
                ev.stop_propagation();
                close();
                let button = root
                    .get_untracked()
                    .and_then(|r| r.query_selector("button").ok().flatten())
                    .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok());
                if let Some(button) = button {
                    let _ = button.focus();
                }
            }
        });
    let on_press =
        Closure::<dyn Fn(web_sys::PointerEvent)>::new(move |ev: web_sys::PointerEvent| {
            let target = ev.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
            let inside = root
                .get_untracked()
                .is_some_and(|r| r.contains(target.as_ref()));
            if is_open() && !inside {
                close();
            }
        });
    let _ = document.add_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref());
    let _ =
        document.add_event_listener_with_callback("pointerdown", on_press.as_ref().unchecked_ref());
    let kept = send_wrapper::SendWrapper::new((document, on_key, on_press));
    on_cleanup(move || {
        let (document, on_key, on_press) = kept.take();
        let _ = document
            .remove_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref());
        let _ = document
            .remove_event_listener_with_callback("pointerdown", on_press.as_ref().unchecked_ref());
    });
}

/// A modal dialog, shown while `open` holds: the backdrop (a click on it
/// closes), the dialog with its heading and close button, and the
/// behaviour of [`modal`]. Every dialog of the app is one. Not generic, so
/// the app holds one copy of it, not one per dialog.
#[component]
pub fn Modal(
    /// Whether the dialog is shown; closing it sets this to false.
    open: RwSignal<bool>,
    /// The dialog's heading and accessible name.
    label: &'static str,
    /// The close button's accessible name ("Close templates").
    close_label: &'static str,
    /// More classes of the dialog.
    #[prop(default = "")]
    class: &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    view! {
        <Show when=move || open.get()>
            {dialog(open, label, close_label, class, children.clone())}
        </Show>
    }
}

/// The dialog itself, built each time it is shown (its `modal` behaviour
/// lives as long as it does).
fn dialog(
    open: RwSignal<bool>,
    label: &'static str,
    close_label: &'static str,
    class: &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    let close = move || open.set(false);
    let dialog = NodeRef::new();
    modal(dialog, close);
    view! {
        <div class="modal-backdrop" on:click=move |_| close()>
            <div
                class=format!("modal {class}")
                role="dialog"
                aria-modal="true"
                aria-label=label
                on:click=|ev| ev.stop_propagation()
                node_ref=dialog
            >
                <header>
                    <h2>{label}</h2>
                    <button type="button" aria-label=close_label on:click=move |_| close()>"×"</button>
                </header>
                {children()}
            </div>
        </div>
    }
}
