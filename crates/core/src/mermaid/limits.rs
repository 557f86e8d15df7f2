//! Size limits: what the importer refuses, and what default Mermaid
//! viewers refuse.
//!
//! Mermaid 12.3 with its default configuration
//! - draws "Maximum text size in diagram exceeded" instead of a diagram
//!   whose text, once `%%` comment lines are removed, is longer than
//!   `maxTextSize` = 50 000 characters (counted as JavaScript does, in
//!   UTF-16 code units) — so migraflow's metadata comments do not count;
//! - fails a flowchart with more than `maxEdges` = 500 edges ("Edge limit
//!   exceeded"); `a & b --> c` counts two.
//!
//! The importer reads at most [`MAX_IMPORT_BYTES`] and stops at
//! [`MAX_IMPORT_NODES`] nodes or [`MAX_IMPORT_EDGES`] edges, so a hostile
//! text (`a & b & … --> c & d & …` multiplies) costs bounded time and memory.

use super::parser;
use super::MermaidError;

/// The largest text [`super::import`] reads: 2 MiB.
pub const MAX_IMPORT_BYTES: usize = 2 * 1024 * 1024;
/// The most nodes an imported flowchart may have.
pub const MAX_IMPORT_NODES: usize = 10_000;
/// The most edges an imported flowchart may have.
pub const MAX_IMPORT_EDGES: usize = 20_000;

/// Mermaid's default `maxTextSize`.
const MERMAID_MAX_TEXT: usize = 50_000;
/// Mermaid's default `maxEdges`.
const MERMAID_MAX_EDGES: usize = 500;

/// Refuses a text longer than [`MAX_IMPORT_BYTES`].
pub(super) fn check_import_size(text: &str) -> Result<(), MermaidError> {
    if text.len() <= MAX_IMPORT_BYTES {
        return Ok(());
    }
    Err(MermaidError {
        line: 1,
        column: 1,
        message: format!(
            "the text is {} MiB; Mermaid import reads at most {} MiB",
            crate::decimal::Fixed(text.len() as f64 / (1024.0 * 1024.0), 1),
            MAX_IMPORT_BYTES / (1024 * 1024)
        ),
        hint: "split the diagram, or import the plan as JSON".to_owned(),
    })
}

/// A message when default Mermaid viewers will refuse `text`: too long or,
/// for a flowchart, too many edges. `None` when it is within both limits.
pub fn size_warning(text: &str) -> Option<String> {
    let text = parser::normalise(text);
    let length = length_without_comments(&text);
    if length > MERMAID_MAX_TEXT {
        return Some(format!(
            "The diagram is {length} characters long without comments; Mermaid's default \
             limit (maxTextSize) is {MERMAID_MAX_TEXT}, so default Mermaid viewers will refuse it."
        ));
    }
    let edges = parser::parse(&text).ok()?.links.len();
    (edges > MERMAID_MAX_EDGES).then(|| {
        format!(
            "The diagram has {edges} edges; Mermaid's default limit (maxEdges) is \
             {MERMAID_MAX_EDGES}, so default Mermaid viewers will refuse it."
        )
    })
}

/// The length Mermaid checks against `maxTextSize`, in UTF-16 code units,
/// of the lines that are not `%%` comments or one-line `%%{…}%%`
/// directives (Mermaid removes both before it measures; it keeps the line
/// break of a directive, which this does not count).
fn length_without_comments(text: &str) -> usize {
    text.split_inclusive('\n')
        .filter(|line| !is_comment_line(line))
        .map(|line| line.encode_utf16().count())
        .sum()
}

/// `%%` followed by something: a bare `%%` does not match Mermaid's
/// comment pattern.
fn is_comment_line(line: &str) -> bool {
    line.trim_start()
        .strip_prefix("%%")
        .is_some_and(|after| !after.trim_end_matches('\n').is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_lines_do_not_count() {
        assert_eq!(length_without_comments("flowchart LR\n  %% x\n%%\na\n"), 18);
        assert_eq!(length_without_comments("%%{init: {}}%%\n😀"), 2);
    }
}
