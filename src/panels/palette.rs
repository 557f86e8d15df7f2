//! The palette: one button per node kind, adding it at the centre of the
//! view (or to the right of the selected node) as an undoable step, or
//! where it is dropped when dragged onto the canvas.

use crate::editor::Editor;
use crate::selection::Selection;
use leptos::prelude::*;
use migraflow_core::free_spot::free_spot;
use migraflow_core::pack::Pack;
use migraflow_core::{Check, Edge, EdgeKind, Edit, Node, NodeId, NodeKind, Point};

/// A new node of `kind` with useful defaults, so it does not start out
/// flagged for things the user has not had a chance to fill in yet.
fn fresh(kind: NodeKind, editor: Editor) -> Node {
    let id = editor.plan.with_untracked(|p| p.next_node_id());
    let title = match kind {
        NodeKind::Start => "Start",
        NodeKind::End => "Done",
        NodeKind::Phase => "New phase",
        NodeKind::Verification => "Verify",
        NodeKind::Gate => "Go / no-go",
    };
    let mut node = Node::new(id, kind, title);
    if kind == NodeKind::Verification {
        node.checks.push(Check::default());
    }
    node
}

/// Adds a node of `kind` and selects it.
pub fn add_node(editor: Editor, kind: NodeKind) {
    // Next to the single selected node if there is one, else mid-view;
    // then the free spot in view nearest that, so it buries nothing.
    let wanted = editor
        .selection
        .with_untracked(|s| s.single_node())
        .map(|n| {
            let p = editor.geometry.get_untracked(n);
            editor.snapped(Point::new(p.x + 240.0, p.y))
        })
        .unwrap_or_else(|| editor.drop_point());
    let size = editor.canvas_size.get_untracked();
    let view = editor
        .viewport
        .get_untracked()
        .visible(size.width, size.height);
    // Not snapped again: the free spot keeps its distance from its neighbours.
    let at = editor
        .plan
        .with_untracked(|plan| free_spot(plan, &editor.geometry, kind, wanted, Some(view)));
    place(editor, kind, at, None);
}

/// The drag-and-drop type a palette item carries: the node kind's name.
pub const DRAG_TYPE: &str = "application/x-migraflow-kind";

/// Adds a node of `kind` at `at` (snapped), connected from `link`'s node
/// by an edge of its kind when given, as one undoable step, and selects
/// it: a drop from the palette, a double-click, the canvas menu.
pub fn add_node_at(editor: Editor, kind: NodeKind, at: Point, link: Option<(EdgeKind, NodeId)>) {
    // Where asked, unless that would bury a node: then the nearest free spot.
    let wanted = editor.snapped(at);
    let at = editor
        .plan
        .with_untracked(|plan| free_spot(plan, &editor.geometry, kind, wanted, None));
    place(editor, kind, at, link);
}

/// Adds a fresh node of `kind` at `at` exactly, with the edge from `link`'s
/// node when given, as one undoable step, and selects it.
fn place(editor: Editor, kind: NodeKind, at: Point, link: Option<(EdgeKind, NodeId)>) {
    let node = fresh(kind, editor);
    let id = node.id;
    let add = Edit::AddNode { node, at };
    // The undo history names the kind as the palette does.
    let name = editor
        .plan
        .with_untracked(|p| p.pack.kind_label(kind))
        .to_ascii_lowercase();
    let (label, edit) = match link {
        Some((edge_kind, from)) => {
            let edge = editor.plan.with_untracked(|p| p.next_edge_id());
            (
                format!("Add connected {name}"),
                Edit::Batch(vec![
                    add,
                    Edit::AddEdge(Edge::new(edge, edge_kind, from, id)),
                ]),
            )
        }
        None => (format!("Add {name}"), add),
    };
    if editor.apply(&label, edit) {
        editor.selection.set(Selection::node(id));
    }
}

/// One button per node kind, named in the words of `pack`: markup under
/// one listener, as a view per button cost more wasm than the text.
fn items(pack: Pack) -> String {
    let mut out = String::new();
    for kind in NodeKind::ALL {
        let (kind, label) = (kind.as_str(), pack.kind_label(kind));
        let name = format!("Add {}", label.to_ascii_lowercase());
        out += &format!(
            r#"<button class="palette-item {kind}" data-add-kind="{kind}" aria-label="{name}" title="{name} (click, or drag onto the canvas)" draggable="true"><span class="swatch {kind}" aria-hidden="true"></span>{label}</button>"#
        );
    }
    out
}

/// The node kind of the palette item an event came from.
fn kind_of(ev: &web_sys::Event) -> Option<NodeKind> {
    let (_, kind) = crate::adapters::marked::marked(ev, "data-add-kind")?;
    NodeKind::parse(&kind)
}

#[component]
pub fn Palette() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let hidden = expect_context::<crate::panels::room::Room>().palette_hidden;
    // The words follow the plan's rule pack (a delivery's stage, a flow's
    // step); the `data-add-kind` hooks do not.
    let pack = Memo::new(move |_| editor.plan.with(|p| p.pack));
    let click = move |ev: web_sys::MouseEvent| {
        if let Some(kind) = kind_of(&ev) {
            add_node(editor, kind);
        }
    };
    let drag = move |ev: web_sys::DragEvent| {
        if let (Some(kind), Some(data)) = (kind_of(&ev), ev.data_transfer()) {
            let _ = data.set_data(DRAG_TYPE, kind.as_str());
            data.set_effect_allowed("copy");
        }
    };
    view! {
        <nav class="palette" aria-label="Add node">
            <button
                class="palette-toggle"
                aria-label=move || if hidden.get() { "Show palette" } else { "Hide palette" }
                aria-expanded=move || (!hidden.get()).to_string()
                on:click=move |_| hidden.update(|h| *h = !*h)
            >
                {move || if hidden.get() { "»" } else { "«" }}
            </button>
            <div class="contents" inner_html=move || items(pack.get()) on:click=click on:dragstart=drag></div>
        </nav>
    }
}
