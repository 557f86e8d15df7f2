//! The inspector's fields that only the Mermaid views of SPEC §10 read: the
//! systems a phase touches (the sequence view's participants) and the
//! start node's planned start (where the Gantt's first bar begins). Both
//! are optional document fields that every build keeps as it reads them.

use crate::editor::Editor;
use crate::panels::inspector::{flag_field, text_field, update_node};
use leptos::prelude::*;
use migraflow_core::touch::Touch;
use migraflow_core::{Node, NodeId};

/// One switch per system; none ticked means "guessed from the phase tag"
/// (`migraflow_core::touch`).
pub fn touches_field(editor: Editor, id: NodeId, node: Memo<Option<Node>>) -> impl IntoView {
    view! {
        <fieldset class="touches">
            <legend>"Touches"<small>"For the sequence view; none ticked: guessed from the phase"</small></legend>
            {Touch::ALL
                .into_iter()
                .map(|t| flag_field(
                    t.label(),
                    "",
                    move || node.with(|n| n.as_ref().is_some_and(|n| n.touches.contains(&t))),
                    move |on| update_node(editor, id, "Edit touches", |n| {
                        n.touches.retain(|x| *x != t);
                        if on {
                            n.touches.push(t);
                            n.touches.sort();
                        }
                    }),
                ))
                .collect_view()}
        </fieldset>
    }
}

/// The planned start, its format in the label; text that does not read
/// is MF020's finding, at this field.
pub fn planned_start_field(editor: Editor, id: NodeId, node: Memo<Option<Node>>) -> impl IntoView {
    text_field(
        "Planned start (YYYY-MM-DD HH:MM, UTC)",
        move || {
            node.with(|n| {
                n.as_ref()
                    .map(|n| n.planned_start.clone())
                    .unwrap_or_default()
            })
        },
        move |v| {
            update_node(editor, id, "Edit planned start", |n| {
                n.planned_start = v.trim().to_string()
            })
        },
        false,
    )
}
