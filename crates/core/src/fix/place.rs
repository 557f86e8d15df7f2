//! Where a quick fix puts the nodes it adds, so that none lands on another.
//!
//! - *Beside* a node ([`Canvas::beside`]): a side monitor or an aborted end
//!   goes one row across the flow from what it belongs to, on the first
//!   free spot of: one row to one side, one row to the other, two rows…,
//!   as the automatic layout stacks side monitors under their state.
//! - *Into the flow* ([`room_at`]): a node inserted before another takes
//!   its place when the way in has no free spot, and every node at or
//!   ahead of that place along the flow moves on by one rank, like a column
//!   inserted into a layered layout; the rest of the drawing keeps its
//!   shape.
//!
//! A spot is free when the node's footprint ([`crate::shape`]), grown by a
//! margin, meets no other node's footprint. Distances are the automatic
//! automatic layout's ([`RANK_SPACING`], [`ROW_SPACING`]).

use crate::geometry::{Geometry, Point};
use crate::id::NodeId;

/// How far apart the nodes a fix inserts go, along the flow and across it:
/// a rank and a row of the roomier (left-to-right) automatic layout, so
/// they clear their neighbours in either direction.
pub(super) const RANK_SPACING: f64 = 240.0;
pub(super) const ROW_SPACING: f64 = 130.0;
use crate::id_map::IdMap;
use crate::plan::{NodeKind, Plan};
use crate::shape::Rect;

/// Room kept around a placed node, in canvas units.
const MARGIN: f64 = 10.0;

/// How many rows to each side are tried before giving up on a free spot.
const ROWS_TRIED: u32 = 12;

/// The footprints of a plan's nodes as they will be after a fix.
pub(super) struct Canvas {
    footprints: Vec<Rect>,
}

impl Canvas {
    /// The plan's nodes, those in `moved` at their new positions (nodes
    /// without a position take no room).
    pub fn of(plan: &Plan, geo: &dyn Geometry, moved: &[(NodeId, Point)]) -> Canvas {
        let moved: IdMap<NodeId, Point> = moved.iter().copied().collect();
        let footprints = plan
            .nodes
            .values()
            .filter_map(|node| {
                let at = moved.get(&node.id).copied().or(geo.position(node.id))?;
                Some(Rect::around(at, node.kind))
            })
            .collect();
        Canvas { footprints }
    }

    /// Whether a node of `kind` at `at` would meet no other.
    pub fn is_free(&self, at: Point, kind: NodeKind) -> bool {
        let wanted = Rect::around(at, kind).inflated(MARGIN);
        !self
            .footprints
            .iter()
            .any(|other| other.intersects(&wanted))
    }

    /// Marks the room a node of `kind` at `at` takes.
    pub fn take(&mut self, at: Point, kind: NodeKind) {
        self.footprints.push(Rect::around(at, kind));
    }

    /// The first free spot for a node of `kind` across the flow from
    /// `anchor` (`along` is the flow's unit direction there), taken. If
    /// every row tried is taken, the row past them.
    pub fn beside(&mut self, anchor: Point, along: Point, kind: NodeKind) -> Point {
        let across = Point::new(-along.y, along.x);
        // Whole canvas units, as the automatic layout gives.
        let row = |rows: f64| ahead(anchor, across, rows * ROW_SPACING).snapped(1.0);
        let at = (1..=ROWS_TRIED)
            .flat_map(|rows| [f64::from(rows), -f64::from(rows)])
            .map(row)
            .find(|&at| self.is_free(at, kind))
            .unwrap_or_else(|| row(f64::from(ROWS_TRIED + 1)));
        self.take(at, kind);
        at
    }
}

/// The moves that make room at `at` for a node inserted into the flow
/// there (`along` is the flow's unit direction): every node at or ahead of
/// `at` moves on by one rank.
pub(super) fn room_at(
    plan: &Plan,
    geo: &dyn Geometry,
    at: Point,
    along: Point,
) -> Vec<(NodeId, Point)> {
    plan.nodes
        .keys()
        .filter_map(|&id| Some((id, geo.position(id)?)))
        .filter(|(_, p)| (p.x - at.x) * along.x + (p.y - at.y) * along.y > -RANK_SPACING / 2.0)
        .map(|(id, p)| {
            let to = Point::new(p.x + along.x * RANK_SPACING, p.y + along.y * RANK_SPACING);
            (id, to)
        })
        .collect()
}

/// The unit vector from `from` to `to`; to the right when they coincide.
pub(super) fn direction(from: Point, to: Point) -> Point {
    let (dx, dy) = (to.x - from.x, to.y - from.y);
    let length = dx.hypot(dy);
    if length > f64::EPSILON {
        Point::new(dx / length, dy / length)
    } else {
        Point::new(1.0, 0.0)
    }
}

/// `from` moved by `distance` along the unit vector `along`.
pub(super) fn ahead(from: Point, along: Point, distance: f64) -> Point {
    Point::new(from.x + along.x * distance, from.y + along.y * distance)
}

#[cfg(test)]
mod tests {
    use super::{room_at, Canvas};
    use crate::document::Document;
    use crate::geometry::Point;
    use crate::plan::NodeKind;

    #[test]
    fn beside_skips_taken_rows_and_room_moves_what_lies_ahead() {
        let mut doc = Document::new("placing");
        let phase = doc.add_node(NodeKind::Phase, "P", Point::new(0.0, 0.0));
        let below = doc.add_node(NodeKind::Phase, "Q", Point::new(0.0, 130.0));
        let behind = doc.add_node(NodeKind::Phase, "R", Point::new(-240.0, 0.0));
        let right = Point::new(1.0, 0.0);

        let mut canvas = Canvas::of(&doc.plan, &doc.layout, &[]);
        // One row down is taken by Q, so one row up; then two rows down.
        let first = canvas.beside(Point::new(0.0, 0.0), right, NodeKind::Verification);
        let second = canvas.beside(Point::new(0.0, 0.0), right, NodeKind::Verification);
        assert_eq!(
            (first, second),
            (Point::new(0.0, -130.0), Point::new(0.0, 260.0))
        );

        let moved = room_at(&doc.plan, &doc.layout, Point::new(0.0, 0.0), right);
        assert_eq!(
            moved,
            [
                (phase, Point::new(240.0, 0.0)),
                (below, Point::new(240.0, 130.0))
            ]
        );
        assert!(!moved.iter().any(|(id, _)| *id == behind));
        let after = Canvas::of(&doc.plan, &doc.layout, &moved);
        assert!(after.is_free(Point::new(0.0, 0.0), NodeKind::Gate));
    }
}
