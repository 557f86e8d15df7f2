//! Forward-ancestor queries answered from one bitset closure.
//!
//! STUB: to be filled in by the rules work.
