//! Generated plans of any size, for benchmarks and demos.
//!
//! STUB: to be filled in by the rules work.
