//! Reading the SQL attached to phase nodes (SPEC §7): a lenient scanner
//! ([`scan`]) and what a statement does that a zero-downtime plan has to
//! watch for ([`hazard`]), which rules MF013 and MF014 check against each
//! phase.

pub mod hazard;
pub mod scan;

pub use hazard::{hazards, Found, Hazard};
