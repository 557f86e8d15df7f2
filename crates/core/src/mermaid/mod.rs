//! Mermaid export and import (SPEC §5, §8).
//!
//! - [`export_flowchart`]: a `flowchart LR` in the shared convention of
//!   SPEC §8 — stadium start/end, rectangle phases with a `phase_*` class,
//!   hexagon checks, rhombus gates; `-->` forward, `-.->` rollback, `==>`
//!   validation edges; fixed `classDef` colours. Ids are generated (`n7` =
//!   [`crate::NodeId`]'s Display); user text only ever appears inside
//!   quoted labels, escaped with Mermaid's entity codes, and inside the JSON
//!   of `%% migraflow: {…}` comment lines that carry what Mermaid has no
//!   syntax for (notes, conditions, checks, owner, SQL, `safe`, positions).
//! - [`export_state_diagram`]: the same plan as a `stateDiagram-v2`.
//! - the views of SPEC §10, export only, each with its own escaper and
//!   its mapping in its module doc: [`export_gantt`] (and
//!   [`export_gantt_with_run`]), [`export_sequence`], [`export_requirement`],
//!   [`export_timeline`], [`export_gitgraph`]; [`View`] lists them all by
//!   name, file and menu item.
//! - [`import`]: the flowchart subset the exporter writes, losslessly
//!   (`import(&export_flowchart(d))?.document == d`), and every flowchart
//!   Mermaid 12 reads, with Mermaid's vertices and edges (what a plan has
//!   no place for is named in a warning); anything else is a
//!   [`MermaidError`] with a line and column, never a panic.
//! - [`without_metadata`] and [`import_edited`]: the flowchart as the
//!   app's panel lets it be edited, its metadata lines folded away and
//!   merged back; [`title_untitled`] names an import without a title.
//! - [`size_warning`]: whether default Mermaid viewers will refuse a text.
//!
//! Hand-written flowcharts: what is read, and how, is in the module docs
//! of [`parser`] (statements), [`lexer`] (ids, shapes, labels), [`link`]
//! (links), [`shape_data`] (`@{…}` blocks) and [`import`] (what each
//! becomes in a plan). Inputs over [`MAX_IMPORT_BYTES`],
//! [`MAX_IMPORT_NODES`] or [`MAX_IMPORT_EDGES`] are refused.

mod edit_text;
mod escape;
mod export_flowchart;
mod export_gantt;
mod export_gitgraph;
mod export_requirement;
mod export_sequence;
mod export_state;
mod export_timeline;
mod import;
mod infer_phase;
mod lexer;
mod limits;
mod link;
mod metadata;
mod palette;
mod parser;
mod placement;
mod shape;
mod shape_data;
mod steps;
mod view;
mod view_escape;

pub use edit_text::{import_edited, title_untitled, without_metadata};
pub use export_flowchart::export_flowchart;
pub use export_gantt::{export_gantt, export_gantt_with_run};
pub use export_gitgraph::export_gitgraph;
pub use export_requirement::export_requirement;
pub use export_sequence::export_sequence;
pub use export_state::export_state_diagram;
pub use export_timeline::export_timeline;
pub use import::import;
pub use limits::{size_warning, MAX_IMPORT_BYTES, MAX_IMPORT_EDGES, MAX_IMPORT_NODES};
pub use view::View;

use crate::document::Document;
use crate::plan::Node;
use std::fmt;

/// A document read from Mermaid, with what the reader had to guess or drop.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub document: Document,
    /// One sentence each, e.g. "line 7: the edge from `a` to itself was skipped".
    pub warnings: Vec<String>,
    /// The vertices and edges of the text as Mermaid counts them.
    pub read: Counts,
    /// How many of those are not in the document (each named in a
    /// warning): `read` = document + `dropped`.
    pub dropped: Counts,
}

/// A number of vertices and of edges.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub nodes: usize,
    pub edges: usize,
}

/// Why a Mermaid text could not be imported. `line` and `column` are
/// 1-based; the column counts characters (Unicode scalar values), not bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MermaidError {
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// What to write instead.
    pub hint: String,
}

impl fmt::Display for MermaidError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {} ({})",
            self.line, self.column, self.message, self.hint
        )
    }
}

impl std::error::Error for MermaidError {}

/// The text a node shows: its title, or its kind's name when the title is
/// empty, because Mermaid refuses an empty label (`A[""]` is a parse
/// error). The importer turns the placeholder back into an empty title
/// when the node's metadata says the title was empty.
fn shown_title(node: &Node) -> &str {
    if node.title.is_empty() {
        node.kind.label()
    } else {
        &node.title
    }
}
