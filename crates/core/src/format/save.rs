//! Writing a document as current-schema JSON.

use super::stored::SavedDocument;
use crate::document::Document;

/// The document as pretty-printed JSON of the current schema (see
/// [`crate::format`]). Deterministic: nodes and edges in id order, fields
/// in a fixed order, so saving the same document twice gives the same
/// bytes and a saved plan diffs well in git. A node without a position is
/// written at the origin; a non-finite coordinate is written as `null`
/// (JSON has no NaN), which loading repairs.
pub fn to_json(doc: &Document) -> String {
    crate::json::write(&SavedDocument(doc), true)
}
