//! A petgraph view of a plan, built once per validation.
//!
//! STUB: to be filled in by the rules work.
