//! Markdown exports.
