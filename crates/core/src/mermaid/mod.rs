//! Mermaid export and import (SPEC §8).
//!
//! STUB: to be filled in by the Mermaid work.
