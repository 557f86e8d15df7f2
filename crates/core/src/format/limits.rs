//! The documented size caps of a loaded document.
//!
//! A document is data from outside (a file, a share link, another tab's
//! storage), so loading bounds what it can cost. The counts are refused
//! when exceeded — a plan that large is not one a person drew, and cutting
//! it would silently change its meaning. Text fields are cut instead (with
//! a warning), since a shortened note still says what it said.

/// Most nodes a document may have; more is refused.
pub const MAX_NODES: usize = 20_000;

/// Most edges a document may have; more is refused. Five per node at the
/// node cap: real plans have about two.
pub const MAX_EDGES: usize = 100_000;

/// Longest one-line text, in characters: titles, labels, owner, approver,
/// planned duration, conditions, criteria, check names and thresholds. Longer is cut.
pub const MAX_LINE_CHARS: usize = 500;

/// Longest free text, in bytes of UTF-8: notes and SQL. Longer is cut.
pub const MAX_LONG_TEXT_BYTES: usize = 100 * 1024;
