//! The inspector's stage fields: the stage (band) a node belongs to, with
//! the usual stages and the plan's own offered as suggestions, and a
//! switch to rename the node's whole stage at once
//! (`migraflow_core::stages::rename`, one undoable step).

use crate::editor::Editor;
use crate::panels::inspector::{flag_field, listed_field, update_node};
use leptos::prelude::*;
use migraflow_core::drawing::options::suggestions;
use migraflow_core::stages::{self, SUGGESTED};
use migraflow_core::{Node, NodeId};

/// The fields, built from the inspector's shared field views (size).
pub fn stage_fields(editor: Editor, id: NodeId, node: Memo<Option<Node>>) -> impl IntoView {
    let whole = RwSignal::new(false);
    let stage = move || node.with(|n| n.as_ref().map(|n| n.stage.clone()).unwrap_or_default());
    let offered = move || {
        editor.plan.with(|p| {
            let own = stages::names(p)
                .into_iter()
                .filter(|n| !SUGGESTED.contains(n));
            suggestions(SUGGESTED.into_iter().chain(own))
        })
    };
    let set = move |to: String| {
        let to = to.trim().to_owned();
        let from = node.with_untracked(|n| n.as_ref().map(|n| n.stage.clone()).unwrap_or_default());
        // Renaming needs a stage to rename; without one, only this node
        // joins the stage typed.
        let renamed = whole.get_untracked()
            && !from.is_empty()
            && editor
                .plan
                .with_untracked(|p| stages::rename(p, &from, &to))
                .is_some_and(|edit| editor.apply("Rename stage", edit));
        if !renamed {
            update_node(editor, id, "Change stage", |n| n.stage = to);
        }
    };
    view! {
        {listed_field("Stage", "Nodes of one stage share a band", "stage-names", stage, set)}
        <datalist id="stage-names" inner_html=offered></datalist>
        {flag_field(
            "Rename the whole stage",
            "Every node in it takes the new name",
            move || whole.get(),
            move |on| whole.set(on),
        )}
    }
}
