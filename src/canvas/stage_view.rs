//! The stage bands behind the plan (`migraflow_core::stages`), as markup
//! from `migraflow_core::drawing::stage` in one DOM call.
//!
//! Redrawn after each change to the document (the editor's `revision`),
//! and while a node that belongs to a stage is dragged: the layer follows
//! the positions of staged nodes only, so dragging any other node redraws
//! nothing here.

use crate::canvas::routes::Routes;
use crate::editor::Editor;
use leptos::prelude::*;
use migraflow_core::drawing::stage::markup;
use migraflow_core::shape::Rect;
use migraflow_core::stages::Band;
use migraflow_core::Plan;

/// The bands of `plan` where its nodes are now, across the nodes and
/// `beyond` them (the routes' lanes and labels).
pub fn bands(editor: Editor, plan: &Plan, beyond: Option<Rect>) -> Vec<Band> {
    migraflow_core::stages::bands(
        plan,
        |id| editor.geometry.get_untracked(id),
        editor.geometry.direction.get_untracked(),
        beyond,
    )
}

#[component]
pub fn StageBands() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let routes = expect_context::<Routes>();
    let drawn = move || {
        editor.revision.track();
        let direction = editor.geometry.direction.get();
        let beyond = routes.drawn.get();
        editor.plan.with(|p| {
            for node in p.nodes.values().filter(|n| !n.stage.is_empty()) {
                editor.geometry.signal(node.id).track();
            }
            markup(&bands(editor, p, beyond), direction)
        })
    };
    view! { <g class="stages" inner_html=drawn></g> }
}
