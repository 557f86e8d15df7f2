//! Where a new node goes so that it buries nothing and nothing buries it.
//!
//! Definition: [`free_spot`] tries `wanted`, then the points of square
//! rings around it, ring `k` made of the points `(i·dx, j·dy)` from
//! `wanted` with `max(|i|, |j|) = k`, where `dx`, `dy` are the new node's
//! width and height plus `GAP`; within a ring, nearest to `wanted` first
//! (ties in a fixed order). The first point where the new node's footprint
//! grown by `GAP / 2` meets no other node's footprint, and lies inside
//! `within` when given (the part of the canvas in view), is returned;
//! when none of the first `MAX_RINGS` rings has one, `wanted` is.

use crate::geometry::{Geometry, Point};
use crate::plan::{NodeKind, Plan};
use crate::route::index::Grid;
use crate::shape::{size, Rect};

/// Space kept between the new node and the others.
const GAP: f64 = 24.0;
/// Rings tried around the wanted point.
const MAX_RINGS: i32 = 8;

/// The free point nearest `wanted` for a node of `kind` (module doc).
pub fn free_spot(
    plan: &Plan,
    geo: &dyn Geometry,
    kind: NodeKind,
    wanted: Point,
    within: Option<Rect>,
) -> Point {
    let mut grid = Grid::default();
    for node in plan.nodes.values() {
        if let Some(at) = geo.position(node.id) {
            grid.insert(Rect::around(at, node.kind), 0);
        }
    }
    let (w, h) = size(kind);
    let (dx, dy) = (w + GAP, h + GAP);
    let fits = |at: Point| {
        let r = Rect::around(at, kind).inflated(GAP / 2.0);
        let inside = within.is_none_or(|v| {
            let own = Rect::around(at, kind);
            own.x >= v.x && own.y >= v.y && own.right() <= v.right() && own.bottom() <= v.bottom()
        });
        inside && !grid.hits_rect(&r, &[])
    };
    for k in 0..=MAX_RINGS {
        let mut ring: Vec<(i32, i32)> = (-k..=k)
            .flat_map(|i| (-k..=k).map(move |j| (i, j)))
            .filter(|(i, j)| i.abs().max(j.abs()) == k)
            .collect();
        ring.sort_by(|a, b| {
            let d = |(i, j): (i32, i32)| (i as f64 * dx).hypot(j as f64 * dy);
            d(*a).total_cmp(&d(*b)).then(a.cmp(b))
        });
        for (i, j) in ring {
            let at = Point::new(wanted.x + i as f64 * dx, wanted.y + j as f64 * dy);
            if fits(at) {
                return at;
            }
        }
    }
    wanted
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

    #[test]
    fn a_new_node_goes_beside_what_is_in_the_way_and_stays_in_view() {
        let mut doc = Document::new("t");
        let at = Point::new(0.0, 0.0);
        assert_eq!(
            free_spot(&doc.plan, &doc.layout, NodeKind::Phase, at, None),
            at
        );
        doc.add_node(NodeKind::Phase, "a", at);
        let spot = free_spot(&doc.plan, &doc.layout, NodeKind::Phase, at, None);
        assert_ne!(spot, at);
        let (a, b) = (
            Rect::around(at, NodeKind::Phase),
            Rect::around(spot, NodeKind::Phase),
        );
        assert!(!a.intersects(&b), "{spot:?}");
        // The nearest free point is straight above or below (rows are
        // closer than columns for a wide node).
        assert_eq!(spot.x, 0.0);
        let view = Rect {
            x: -100.0,
            y: -40.0,
            width: 600.0,
            height: 80.0,
        };
        let spot = free_spot(&doc.plan, &doc.layout, NodeKind::Phase, at, Some(view));
        assert_eq!(spot, Point::new(212.0, 0.0));
    }
}
