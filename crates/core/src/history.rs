//! Undo and redo over [`Edit`]s.
//!
//! The history stores, for each step, the edit that reverses it. Undoing a
//! step applies that edit and keeps *its* inverse for redo, so both stacks
//! hold plain edits and nothing is recomputed.

use crate::edit::{Edit, EditError};
use crate::geometry::Geometry;
use crate::plan::Plan;

/// Steps kept before the oldest are forgotten.
pub const DEFAULT_DEPTH: usize = 500;

#[derive(Clone, Debug, PartialEq)]
struct Step {
    /// Says what the step did, for "Undo move" style labels.
    label: String,
    /// Applying this edit reverses the step.
    reverse: Edit,
}

/// A linear undo/redo history.
#[derive(Clone, Debug)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    depth: usize,
}

impl Default for History {
    fn default() -> History {
        History::with_depth(DEFAULT_DEPTH)
    }
}

/// The result of a history operation: the edit that was applied (so the
/// caller can tell whether the plan changed) and the label of the step.
#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    pub label: String,
    pub touched_plan: bool,
}

impl History {
    pub fn with_depth(depth: usize) -> History {
        History {
            undo: Vec::new(),
            redo: Vec::new(),
            depth: depth.max(1),
        }
    }

    /// Applies `edit` as a new step, clearing the redo stack.
    pub fn apply(
        &mut self,
        label: impl Into<String>,
        edit: Edit,
        plan: &mut Plan,
        geo: &mut dyn Geometry,
    ) -> Result<Applied, EditError> {
        let reverse = edit.apply(plan, geo)?;
        let step = Step {
            label: label.into(),
            reverse,
        };
        let applied = Applied {
            label: step.label.clone(),
            touched_plan: edit.touches_plan(),
        };
        self.undo.push(step);
        if self.undo.len() > self.depth {
            self.undo.remove(0);
        }
        self.redo.clear();
        Ok(applied)
    }

    /// Records a step whose edit was already applied elsewhere (a drag that
    /// moved nodes live): `reverse` must undo it.
    pub fn record(&mut self, label: impl Into<String>, reverse: Edit) {
        self.undo.push(Step {
            label: label.into(),
            reverse,
        });
        if self.undo.len() > self.depth {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    pub fn undo(&mut self, plan: &mut Plan, geo: &mut dyn Geometry) -> Option<Applied> {
        Self::shift(&mut self.undo, &mut self.redo, plan, geo)
    }

    pub fn redo(&mut self, plan: &mut Plan, geo: &mut dyn Geometry) -> Option<Applied> {
        Self::shift(&mut self.redo, &mut self.undo, plan, geo)
    }

    fn shift(
        from: &mut Vec<Step>,
        to: &mut Vec<Step>,
        plan: &mut Plan,
        geo: &mut dyn Geometry,
    ) -> Option<Applied> {
        let step = from.pop()?;
        let touched_plan = step.reverse.touches_plan();
        // A reverse edit was produced by applying its twin to this very
        // state, so it cannot fail unless the document was changed behind
        // the history's back; then the step is dropped rather than looping.
        let reverse = step.reverse.apply(plan, geo).ok()?;
        to.push(Step {
            label: step.label.clone(),
            reverse,
        });
        Some(Applied {
            label: step.label,
            touched_plan,
        })
    }

    /// Whether a step would tell the plan changed before it is undone;
    /// lets the editor pick the right signal to notify.
    pub fn next_undo_touches_plan(&self) -> Option<bool> {
        self.undo.last().map(|s| s.reverse.touches_plan())
    }

    pub fn next_redo_touches_plan(&self) -> Option<bool> {
        self.redo.last().map(|s| s.reverse.touches_plan())
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}
