//! Browser adapters: the few places that touch browser APIs directly,
//! each small and behind plain functions so the rest of the app stays
//! testable and the core never sees the browser.

pub mod clipboard_text;
pub mod deflate;
pub mod download;
pub mod fetch_text;
pub mod file_pick;
pub mod local_store;
pub mod marked;
pub mod png;
pub mod svg_export;
