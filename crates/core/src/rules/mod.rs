//! Validation rules MF001–MF012.
//!
//! STUB: to be filled in by the rules work.

use crate::finding::Finding;
use crate::plan::Plan;

/// Runs every rule over the plan; findings sorted by severity, rule, ids.
pub fn validate(_plan: &Plan) -> Vec<Finding> {
    Vec::new()
}
