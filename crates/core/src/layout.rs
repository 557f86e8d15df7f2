//! Automatic layered layout.
//!
//! STUB: to be filled in by the templates/layout work.

use crate::geometry::{Layout, Point};
use crate::id::NodeId;
use crate::plan::Plan;

/// New positions for every node of the plan.
pub fn auto_layout(plan: &Plan) -> Vec<(NodeId, Point)> {
    let mut layout = Layout::default();
    let _ = &mut layout;
    plan.nodes
        .keys()
        .enumerate()
        .map(|(i, id)| (*id, Point::new(80.0 + 220.0 * i as f64, 120.0)))
        .collect()
}
