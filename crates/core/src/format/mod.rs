//! The versioned JSON document format.
//!
//! STUB: being written.
