//! Quick fixes turned into undoable edits.
//!
//! STUB: to be filled in by the rules work.

use crate::edit::Edit;
use crate::finding::QuickFix;
use crate::geometry::Geometry;
use crate::plan::Plan;

/// The edit that applies `fix` to the plan as it is now, or `None` when the
/// fix no longer applies (the plan changed since validation).
pub fn edit_for(_fix: &QuickFix, _plan: &Plan, _geo: &dyn Geometry) -> Option<Edit> {
    None
}
