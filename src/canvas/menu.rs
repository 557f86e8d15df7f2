//! The canvas menu (issue 17, point 1): a right-click on a node, an edge
//! or the background offers the common actions there, and a connection
//! dropped on empty canvas offers the kinds of node to create at the drop,
//! already connected (as React Flow and draw.io do).
//!
//! Each item calls what the toolbar, palette and keyboard call, so the menu
//! adds no behaviour of its own: every action is one undoable step. The
//! menu takes the focus, and Escape or a press outside closes it
//! (`dismiss::popover`).

use crate::canvas::gesture::Gestures;
use crate::editor::Editor;
use crate::panels::palette::add_node_at;
use crate::selection::Selection;
use leptos::html::Div;
use leptos::prelude::*;
use migraflow_core::decimal::Num;
use migraflow_core::drawing::escape;
use migraflow_core::{EdgeId, EdgeKind, NodeId, NodeKind, Point};

/// What the menu was opened on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum MenuFor {
    Background,
    Node(NodeId),
    Edge(EdgeId),
    /// A connection of `kind` from `from` dropped on empty canvas.
    Link {
        from: NodeId,
        kind: EdgeKind,
    },
}

/// An open menu: where (on the canvas element, and in canvas coordinates)
/// and on what.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MenuState {
    pub screen: Point,
    pub at: Point,
    pub target: MenuFor,
}

/// The kinds a new node can be made of here (a start is never the target
/// of a connection).
const PLACED: [NodeKind; 4] = [
    NodeKind::Phase,
    NodeKind::Verification,
    NodeKind::Gate,
    NodeKind::End,
];

#[derive(Clone)]
enum Action {
    Add(NodeKind),
    AddLinked(NodeKind, EdgeKind, NodeId),
    Edit(Selection),
    Duplicate(NodeId),
    Delete(Selection),
    FitView,
}

/// The menu's items, the node kinds named in the words of `pack`.
fn items(target: MenuFor, pack: migraflow_core::pack::Pack) -> Vec<(String, Action)> {
    let lower = |k: NodeKind| pack.kind_label(k).to_ascii_lowercase();
    match target {
        MenuFor::Background => PLACED
            .into_iter()
            .map(|k| (format!("Add {} here", lower(k)), Action::Add(k)))
            .chain([("Fit view".to_owned(), Action::FitView)])
            .collect(),
        MenuFor::Link { from, kind } => PLACED
            .into_iter()
            .map(|k| {
                (
                    format!("Add connected {}", lower(k)),
                    Action::AddLinked(k, kind, from),
                )
            })
            .collect(),
        MenuFor::Node(id) => vec![
            ("Edit".to_owned(), Action::Edit(Selection::node(id))),
            ("Duplicate".to_owned(), Action::Duplicate(id)),
            ("Delete".to_owned(), Action::Delete(Selection::node(id))),
        ],
        MenuFor::Edge(id) => vec![
            ("Edit".to_owned(), Action::Edit(Selection::edge(id))),
            ("Delete".to_owned(), Action::Delete(Selection::edge(id))),
        ],
    }
}

fn run(editor: Editor, at: Point, action: Action) {
    match action {
        Action::Add(kind) => add_node_at(editor, kind, at, None),
        Action::AddLinked(kind, edge, from) => add_node_at(editor, kind, at, Some((edge, from))),
        Action::Edit(selection) => {
            editor.selection.set(selection);
            crate::panels::inspector::focus_first_field();
        }
        Action::Duplicate(id) => {
            editor.selection.set(Selection::node(id));
            crate::clipboard::duplicate(editor);
        }
        Action::Delete(selection) => {
            editor.selection.set(selection);
            editor.delete_selection();
        }
        Action::FitView => editor.fit_view(),
    }
}

#[component]
pub fn CanvasMenu() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let menu = expect_context::<Gestures>().menu;
    let root = NodeRef::<Div>::new();
    crate::panels::dismiss::popover(
        root,
        move || menu.with_untracked(Option::is_some),
        move || menu.set(None),
    );
    let pack = move || editor.plan.with_untracked(|p| p.pack);
    // The menu as markup, its items numbered (`data-item`); a click looks
    // the item up again by number, as the list follows from what the menu
    // is on.
    let markup = move || {
        menu.get().map(|state| {
            let label = match state.target {
                MenuFor::Link { .. } => "New connected node",
                MenuFor::Node(_) => "Node",
                MenuFor::Edge(_) => "Edge",
                MenuFor::Background => "Canvas",
            };
            let mut out = format!(
                r#"<div class="canvas-menu" role="menu" aria-label="{label}" data-testid="canvas-menu">"#
            );
            for (i, (text, _)) in items(state.target, pack()).iter().enumerate() {
                out += &format!(
                    r#"<button role="menuitem" data-item="{i}">{}</button>"#,
                    escape(text)
                );
            }
            out + "</div>"
        })
    };
    let click = move |ev: web_sys::MouseEvent| {
        let Some((_, item)) = crate::adapters::marked::marked(&ev, "data-item") else {
            return;
        };
        let Some(state) = menu.get_untracked() else {
            return;
        };
        let chosen = item
            .parse::<usize>()
            .ok()
            .and_then(|i| items(state.target, pack()).into_iter().nth(i));
        if let Some((_, action)) = chosen {
            menu.set(None);
            run(editor, state.at, action);
        }
    };
    // Placed through the CSSOM (the page's CSP forbids style attributes),
    // then the first item takes the focus, so the keyboard can go on from
    // it. The markup is in place by now: render effects run first.
    Effect::new(move |_| {
        let Some(state) = menu.get() else {
            return;
        };
        let Some(host) = root.get() else {
            return;
        };
        if let Some(el) = host.query_selector(".canvas-menu").ok().flatten() {
            let el: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(el);
            // `Num`, not `{}` on a float, for size (migraflow_core::decimal).
            let _ = el
                .style()
                .set_property("left", &format!("{}px", Num(state.screen.x)));
            let _ = el
                .style()
                .set_property("top", &format!("{}px", Num(state.screen.y)));
        }
        if let Some(first) = host.query_selector("button").ok().flatten() {
            let first: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(first);
            let _ = first.focus();
        }
    });
    view! { <div class="canvas-menu-host" node_ref=root on:click=click inner_html=markup></div> }
}
