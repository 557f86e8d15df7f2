//! Stable identifiers of nodes and edges.
//!
//! Ids are small integers handed out by the plan and never reused while a
//! document is open, so undo, redo, Mermaid ids (`n7`) and the page's
//! `data-node-id` hooks all name the same thing across edits.

use serde::Serialize;
use std::fmt;

/// Identifies a node within one plan. (`Serialize` for the linter's
/// report of findings; the core writes ids with `json::to`.)
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct NodeId(pub u32);

/// Identifies an edge within one plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct EdgeId(pub u32);

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "n{}", self.0)
    }
}

impl fmt::Display for EdgeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "e{}", self.0)
    }
}

impl NodeId {
    /// Parses the display form (`n7`) back into an id.
    pub fn parse(text: &str) -> Option<NodeId> {
        text.strip_prefix('n')?.parse().ok().map(NodeId)
    }
}

impl EdgeId {
    /// Parses the display form (`e7`) back into an id.
    pub fn parse(text: &str) -> Option<EdgeId> {
        text.strip_prefix('e')?.parse().ok().map(EdgeId)
    }
}
