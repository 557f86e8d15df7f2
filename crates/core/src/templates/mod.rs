//! The template gallery (SPEC §3).
//!
//! STUB: to be filled in by the templates work.
