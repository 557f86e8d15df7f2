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
//! - [`import`]: the flowchart subset the exporter writes, losslessly
//!   (`import(&export_flowchart(d))?.document == d`), and ordinary
//!   hand-written flowcharts; anything else is a [`MermaidError`] with a
//!   line and column, never a panic.
//! - [`size_warning`]: whether default Mermaid viewers will refuse a text.
//!
//! Hand-written flowcharts: `graph`/`flowchart` headers in any direction,
//! node ids of letters, digits, `_` (and inner `-`/`.`), every bracket
//! shape and Mermaid 11's `id@{ shape: …, label: … }` (stadium → start or
//! end, hexagon → check, rhombus → gate, any other → phase), quoted,
//! unquoted and Markdown labels with entity codes and `<br>`, links `-->`
//! `---` `--o` `--x` `-.->` `-.-` `==>` `===` `~~~` with `|text|` or
//! inline text (edge ids `e1@-->` ignored), chains, `&` groups, `;`,
//! `subgraph`/`end`, `class`, `:::class`, and `%%` comments, `%%{…}%%`
//! directives, front matter, `style`, `classDef`, `linkStyle`, `click`,
//! `accTitle`, `accDescr` (skipped). Refused: other diagram types,
//! bidirectional links (`<-->`), unbalanced `subgraph`/`end`, unclosed
//! labels, and inputs over [`MAX_IMPORT_BYTES`], [`MAX_IMPORT_NODES`] or
//! [`MAX_IMPORT_EDGES`].

mod escape;
mod export_flowchart;
mod export_state;
mod import;
mod infer_phase;
mod lexer;
mod limits;
mod metadata;
mod palette;
mod parser;
mod placement;
mod shape;

pub use export_flowchart::export_flowchart;
pub use export_state::export_state_diagram;
pub use import::import;
pub use limits::{size_warning, MAX_IMPORT_BYTES, MAX_IMPORT_EDGES, MAX_IMPORT_NODES};

use crate::document::Document;
use crate::plan::Node;
use std::fmt;

/// A document read from Mermaid, with what the reader had to guess or drop.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub document: Document,
    /// One sentence each, e.g. "line 7: the edge from `a` to itself was skipped".
    pub warnings: Vec<String>,
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
