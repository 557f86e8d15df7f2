//! Where the Mermaid views of SPEC §10 (Gantt, sequence, requirement,
//! timeline, git graph) plug into the shell: the Mermaid panel's picker,
//! the Export menu and two inspector fields.
//!
//! The core writes every view and the command-line tool exports them
//! (`migraflow export --view`); in the app they are the `views` cargo
//! feature, built and browser-tested by the test command in the preview
//! build, because their code costs about 21 KB of gzip and the default
//! build must stay under the 400 KB ceiling of `scripts/bundle-size.mjs`
//! (issue 18). Without the feature the picker and the menu offer the two
//! views whose code the default build links anyway: the flowchart and the
//! state diagram.

use crate::editor::Editor;
use crate::panels::export_menu::{close_menu, export_mermaid};
use leptos::prelude::*;
use migraflow_core::mermaid::View;
use migraflow_core::{Document, Node, NodeId};

#[cfg(feature = "views")]
mod on {
    use super::*;

    /// The Mermaid panel's picker: every view.
    pub fn picker_options() -> impl IntoView {
        View::ALL
            .into_iter()
            .map(|v| view! { <option value=v.as_str()>{v.label()}</option> })
            .collect_view()
    }

    /// The Export menu's Mermaid items, one per view.
    pub fn export_items(editor: Editor) -> impl IntoView {
        View::ALL
            .into_iter()
            .map(|v| view! {
                <button role="menuitem" on:click=move |ev| { close_menu(&ev); export_mermaid(editor, v) }>{v.menu_item()}</button>
            })
            .collect_view()
    }

    pub fn export(view: View, doc: &Document) -> String {
        view.export(doc)
    }

    pub fn touches_field(editor: Editor, id: NodeId, node: Memo<Option<Node>>) -> impl IntoView {
        crate::panels::view_fields::touches_field(editor, id, node)
    }

    pub fn planned_start_field(
        editor: Editor,
        id: NodeId,
        node: Memo<Option<Node>>,
    ) -> impl IntoView {
        crate::panels::view_fields::planned_start_field(editor, id, node)
    }
}

#[cfg(not(feature = "views"))]
mod on {
    use super::*;
    use migraflow_core::mermaid::{export_flowchart, export_state_diagram};

    // Written out, not looped over a list: less code for two items.
    pub fn picker_options() -> impl IntoView {
        view! {
            <option value="flowchart">"flowchart"</option>
            <option value="state">"state"</option>
        }
    }

    pub fn export_items(editor: Editor) -> impl IntoView {
        view! {
            <button role="menuitem" on:click=move |ev| { close_menu(&ev); export_mermaid(editor, View::Flowchart) }>"Export Mermaid"</button>
            <button role="menuitem" on:click=move |ev| { close_menu(&ev); export_mermaid(editor, View::State) }>"Export Mermaid state"</button>
        }
    }

    /// Matches only the two views offered, so that the others' code is not
    /// linked (`View::export` names them all).
    pub fn export(view: View, doc: &Document) -> String {
        match view {
            View::State => export_state_diagram(doc),
            _ => export_flowchart(doc),
        }
    }

    pub fn touches_field(_: Editor, _: NodeId, _: Memo<Option<Node>>) -> impl IntoView {}

    pub fn planned_start_field(_: Editor, _: NodeId, _: Memo<Option<Node>>) -> impl IntoView {}
}

pub use on::*;
