//! The Mermaid views of a plan by name (SPEC §10): what the Mermaid
//! panel's picker, the Export menu and `migraflow export --view` list.
//!
//! | view | name | file | menu item |
//! |---|---|---|---|
//! | flowchart (SPEC §8, lossless) | `flowchart` | `<plan>.mmd` | Export Mermaid |
//! | stateDiagram-v2 | `state` | `<plan>.state.mmd` | Export Mermaid state |
//! | Gantt | `gantt` | `<plan>.gantt.mmd` | Export Mermaid Gantt |
//! | sequence | `sequence` | `<plan>.sequence.mmd` | Export Mermaid sequence |
//! | requirement | `requirement` | `<plan>.requirement.mmd` | Export Mermaid requirement |
//! | timeline | `timeline` | `<plan>.timeline.mmd` | Export Mermaid timeline |
//! | git graph | `gitgraph` | `<plan>.gitgraph.mmd` | Export Mermaid git graph |
//!
//! The flowchart keeps the plain `.mmd` it always had, so that files
//! written before the views still read as the one to import.

use super::{
    export_flowchart, export_gantt, export_gitgraph, export_requirement, export_sequence,
    export_state_diagram, export_timeline,
};
use crate::document::Document;

/// One way of drawing a plan in Mermaid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Flowchart,
    State,
    Gantt,
    Sequence,
    Requirement,
    Timeline,
    GitGraph,
}

impl View {
    pub const ALL: [View; 7] = [
        View::Flowchart,
        View::State,
        View::Gantt,
        View::Sequence,
        View::Requirement,
        View::Timeline,
        View::GitGraph,
    ];

    /// The name the CLI and the picker use.
    pub fn as_str(self) -> &'static str {
        match self {
            View::Flowchart => "flowchart",
            View::State => "state",
            View::Gantt => "gantt",
            View::Sequence => "sequence",
            View::Requirement => "requirement",
            View::Timeline => "timeline",
            View::GitGraph => "gitgraph",
        }
    }

    /// What people call it: "Gantt", "git graph".
    pub fn label(self) -> &'static str {
        match self {
            View::Flowchart => "flowchart",
            View::State => "state",
            View::Gantt => "Gantt",
            View::Sequence => "sequence",
            View::Requirement => "requirement",
            View::Timeline => "timeline",
            View::GitGraph => "git graph",
        }
    }

    pub fn parse(name: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.as_str() == name)
    }

    /// The Export menu's item (SPEC §10).
    pub fn menu_item(self) -> String {
        match self {
            View::Flowchart => "Export Mermaid".to_owned(),
            view => format!("Export Mermaid {}", view.label()),
        }
    }

    /// The file name for a plan whose file stem is `stem`.
    pub fn file_name(self, stem: &str) -> String {
        match self {
            View::Flowchart => format!("{stem}.mmd"),
            view => format!("{stem}.{}.mmd", view.as_str()),
        }
    }

    /// `doc` drawn this way.
    pub fn export(self, doc: &Document) -> String {
        let export = match self {
            View::Flowchart => export_flowchart,
            View::State => export_state_diagram,
            View::Gantt => export_gantt,
            View::Sequence => export_sequence,
            View::Requirement => export_requirement,
            View::Timeline => export_timeline,
            View::GitGraph => export_gitgraph,
        };
        export(doc)
    }
}
