//! Edge routing: the SVG path each edge is drawn along, and where its
//! label goes.
//!
//! Two routers share the shapes defined here:
//! - [`route`] routes one edge from its two ends alone. It is what a
//!   dragged edge follows, frame by frame, and what an edge shows before
//!   the whole plan has been routed.
//! - [`plan::route_plan`] routes every edge of a plan at once, around the
//!   nodes, with rollback lanes kept apart, edge ends into one node side
//!   spread apart and labels placed off nodes and off each other (see its
//!   module doc). The canvas shows its routes once a change is done, so
//!   the canvas, the SVG and the PNG (drawn from the canvas) agree.
//!
//! Shapes: a forward or validation edge is a cubic curve between facing
//! sides of its ends (top and bottom when they are further apart along the
//! vertical than along the horizontal, else left and right). A rollback
//! runs against the flow; drawn straight it would cut through the nodes in
//! between, so it leaves its source by a side, runs back along a *lane*
//! beside the nodes, and enters its target by a side: an orthogonal
//! polyline with rounded corners.

pub mod index;
pub mod labels;
pub mod plan;

use crate::decimal::Num;
use crate::geometry::Point;
use crate::plan::{EdgeKind, NodeKind};
use crate::shape::size;
use std::fmt::Write;

/// A routed edge: its SVG path data, where its label goes, and where a
/// selected edge's end handles go.
#[derive(Clone, Debug, PartialEq)]
pub struct Route {
    pub d: String,
    pub label_at: Point,
    /// Near the start and near the end: a little way along the path from
    /// each end, so the node drawn over the edge's end does not cover the
    /// handle that drags it (see [`handles`]).
    pub handles: [Point; 2],
}

/// The handles of a path from `start` (leaving towards `next`) to `end`
/// (arriving from `before`): 12 units in from each end, or a third of the
/// way to the next point when that is nearer.
fn handles(start: Point, next: Point, end: Point, before: Point) -> [Point; 2] {
    let inset = |at: Point, toward: Point| {
        let length = (toward.x - at.x).hypot(toward.y - at.y).max(1.0);
        let step = 12.0_f64.min(length / 3.0) / length;
        Point::new(
            at.x + (toward.x - at.x) * step,
            at.y + (toward.y - at.y) * step,
        )
    };
    [inset(start, next), inset(end, before)]
}

/// The route along the polyline `path` (at least two points), its label
/// at `label_at`.
pub fn polyline_route(path: &[Point], label_at: Point) -> Route {
    let n = path.len();
    Route {
        d: polyline_d(path),
        label_at,
        handles: handles(path[0], path[1], path[n - 1], path[n - 2]),
    }
}

/// One end of an edge: the node's centre and kind.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct End {
    pub at: Point,
    pub kind: NodeKind,
}

/// A side of a node's footprint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    Left,
    Right,
    Top,
    Bottom,
}

impl Side {
    pub const ALL: [Side; 4] = [Side::Left, Side::Right, Side::Top, Side::Bottom];

    /// The outward unit normal.
    pub fn normal(self) -> (f64, f64) {
        match self {
            Side::Left => (-1.0, 0.0),
            Side::Right => (1.0, 0.0),
            Side::Top => (0.0, -1.0),
            Side::Bottom => (0.0, 1.0),
        }
    }

    fn vertical(self) -> bool {
        matches!(self, Side::Top | Side::Bottom)
    }
}

/// How far along a side (from its middle) an edge end may sit.
pub fn side_reach(kind: NodeKind, side: Side) -> f64 {
    let (w, h) = size(kind);
    let half = if side.vertical() { w / 2.0 } else { h / 2.0 };
    half * 0.6
}

/// The point of `side` of a node of `kind` centred at `at`, `offset` along
/// the side from its middle (rightwards or downwards), exactly on each
/// kind's outline: a rhombus for gates, a hexagon with pointed ends for
/// verifications, a stadium for starts and ends, a box for phases.
pub fn port(at: Point, kind: NodeKind, side: Side, offset: f64) -> Point {
    let (w, h) = size(kind);
    let (hw, hh) = (w / 2.0, h / 2.0);
    let o = offset.clamp(-side_reach(kind, side), side_reach(kind, side));
    // Distance from the centre to the outline at `o` along the side.
    let depth = match (kind, side.vertical()) {
        (NodeKind::Gate, true) => hh * (1.0 - o.abs() / hw),
        (NodeKind::Gate, false) => hw * (1.0 - o.abs() / hh),
        (NodeKind::Verification, false) => hw - hh * 0.6 * o.abs() / hh,
        (NodeKind::Start | NodeKind::End, false) => hw - hh + (hh * hh - o * o).max(0.0).sqrt(),
        (_, true) => hh,
        (_, false) => hw,
    };
    let (nx, ny) = side.normal();
    if side.vertical() {
        Point::new(at.x + o, at.y + ny * depth)
    } else {
        Point::new(at.x + nx * depth, at.y + o)
    }
}

/// Routes an edge of `kind` from `from` to `to` from its ends alone.
pub fn route(kind: EdgeKind, from: End, to: End) -> Route {
    let path = match kind {
        EdgeKind::Rollback => lane_shape(from, to),
        EdgeKind::Forward | EdgeKind::Validation => {
            let (s1, s2) = facing_sides(from, to);
            return curve(from, s1, 0.0, to, s2, 0.0).0;
        }
    };
    polyline_route(&path, labels::middle_of_longest(&path))
}

/// The sides of `from` and `to` that face each other: top and bottom when
/// the footprints are further apart vertically than horizontally.
pub fn facing_sides(from: End, to: End) -> (Side, Side) {
    let ((w1, h1), (w2, h2)) = (size(from.kind), size(to.kind));
    let (dx, dy) = (to.at.x - from.at.x, to.at.y - from.at.y);
    let gap_x = dx.abs() - (w1 + w2) / 2.0;
    let gap_y = dy.abs() - (h1 + h2) / 2.0;
    if gap_y >= gap_x {
        if dy >= 0.0 {
            (Side::Bottom, Side::Top)
        } else {
            (Side::Top, Side::Bottom)
        }
    } else if dx >= 0.0 {
        (Side::Right, Side::Left)
    } else {
        (Side::Left, Side::Right)
    }
}

/// A cubic from side `s1` of `from` to side `s2` of `to`, leaving and
/// arriving along the sides' normals; with the polyline it is checked as.
pub fn curve(from: End, s1: Side, o1: f64, to: End, s2: Side, o2: f64) -> (Route, Vec<Point>) {
    let a = port(from.at, from.kind, s1, o1);
    let b = port(to.at, to.kind, s2, o2);
    let reach = ((b.x - a.x).abs() + (b.y - a.y).abs()) * 0.4;
    let k = reach.clamp(8.0, 80.0);
    let (n1, n2) = (s1.normal(), s2.normal());
    let c1 = Point::new(a.x + n1.0 * k, a.y + n1.1 * k);
    let c2 = Point::new(b.x + n2.0 * k, b.y + n2.1 * k);
    let mut d = String::with_capacity(64);
    let _ = write!(
        d,
        "M{} {} C{} {} {} {} {} {}",
        r(a.x),
        r(a.y),
        r(c1.x),
        r(c1.y),
        r(c2.x),
        r(c2.y),
        r(b.x),
        r(b.y)
    );
    let samples: Vec<Point> = (0..=CURVE_SAMPLES)
        .map(|i| cubic(a, c1, c2, b, i as f64 / CURVE_SAMPLES as f64))
        .collect();
    let label_at = cubic(a, c1, c2, b, 0.5);
    let handles = handles(a, c1, b, c2);
    (
        Route {
            d,
            label_at,
            handles,
        },
        samples,
    )
}

/// Pieces a curve is checked as.
const CURVE_SAMPLES: usize = 12;

fn cubic(a: Point, b: Point, c: Point, d: Point, t: f64) -> Point {
    let u = 1.0 - t;
    let (w0, w1, w2, w3) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
    Point::new(
        w0 * a.x + w1 * b.x + w2 * c.x + w3 * d.x,
        w0 * a.y + w1 * b.y + w2 * c.y + w3 * d.y,
    )
}

/// The lane a rollback takes from its ends alone: below both when they
/// sit side by side, right of both when one is above the other.
fn lane_shape(from: End, to: End) -> Vec<Point> {
    let ((_, h1), (_, h2)) = (size(from.kind), size(to.kind));
    let (w1, w2) = (size(from.kind).0, size(to.kind).0);
    let (dx, dy) = (to.at.x - from.at.x, to.at.y - from.at.y);
    if dx.abs() >= dy.abs() {
        let lane = (from.at.y + h1 / 2.0).max(to.at.y + h2 / 2.0) + 26.0;
        lane_path(from, Side::Bottom, -12.0, to, Side::Bottom, 12.0, lane)
    } else {
        let lane = (from.at.x + w1 / 2.0).max(to.at.x + w2 / 2.0) + 26.0;
        lane_path(from, Side::Right, 6.0, to, Side::Right, -6.0, lane)
    }
}

/// Length of the straight piece an edge leaves and enters a side with.
pub const STUB: f64 = 14.0;

/// The polyline out of side `s1` of `from`, along the lane at `lane` (a
/// vertical line when `s1` or `s2` is left or right of it… see below), and
/// into side `s2` of `to`. The lane runs vertically (at x = `lane`) when
/// `vertical_lane`, else horizontally (at y = `lane`).
#[allow(clippy::too_many_arguments)]
pub fn lane_path_in(
    from: End,
    s1: Side,
    o1: f64,
    to: End,
    s2: Side,
    o2: f64,
    lane: f64,
    vertical_lane: bool,
) -> Vec<Point> {
    let p0 = port(from.at, from.kind, s1, o1);
    let q0 = port(to.at, to.kind, s2, o2);
    let (n1, n2) = (s1.normal(), s2.normal());
    let p1 = Point::new(p0.x + n1.0 * STUB, p0.y + n1.1 * STUB);
    let q1 = Point::new(q0.x + n2.0 * STUB, q0.y + n2.1 * STUB);
    let points = if vertical_lane {
        [
            p0,
            p1,
            Point::new(lane, p1.y),
            Point::new(lane, q1.y),
            q1,
            q0,
        ]
    } else {
        [
            p0,
            p1,
            Point::new(p1.x, lane),
            Point::new(q1.x, lane),
            q1,
            q0,
        ]
    };
    simplified(&points)
}

/// [`lane_path_in`] with the lane's orientation taken from the sides.
fn lane_path(from: End, s1: Side, o1: f64, to: End, s2: Side, o2: f64, lane: f64) -> Vec<Point> {
    lane_path_in(from, s1, o1, to, s2, o2, lane, !s1.vertical())
}

/// Drops repeated points and the middle of three collinear ones.
fn simplified(points: &[Point]) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::with_capacity(points.len());
    for &p in points {
        if out
            .last()
            .is_some_and(|q| (q.x - p.x).abs() < 0.01 && (q.y - p.y).abs() < 0.01)
        {
            continue;
        }
        if out.len() >= 2 {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            let cross = (b.x - a.x) * (p.y - b.y) - (b.y - a.y) * (p.x - b.x);
            let onward = (b.x - a.x) * (p.x - b.x) + (b.y - a.y) * (p.y - b.y);
            if cross.abs() < 0.01 && onward > 0.0 {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

/// Path data for a polyline with corners rounded by up to 10 units.
pub fn polyline_d(points: &[Point]) -> String {
    let mut d = String::with_capacity(16 * points.len());
    let Some(first) = points.first() else {
        return d;
    };
    let _ = write!(d, "M{} {}", r(first.x), r(first.y));
    for i in 1..points.len() {
        let p = points[i];
        if i + 1 == points.len() {
            let _ = write!(d, " L{} {}", r(p.x), r(p.y));
            break;
        }
        let (a, c) = (points[i - 1], points[i + 1]);
        let len_in = (p.x - a.x).hypot(p.y - a.y);
        let len_out = (c.x - p.x).hypot(c.y - p.y);
        let radius = 10.0_f64.min(len_in / 2.0).min(len_out / 2.0);
        let before = Point::new(
            p.x - (p.x - a.x) / len_in * radius,
            p.y - (p.y - a.y) / len_in * radius,
        );
        let after = Point::new(
            p.x + (c.x - p.x) / len_out * radius,
            p.y + (c.y - p.y) / len_out * radius,
        );
        let _ = write!(
            d,
            " L{} {} Q{} {} {} {}",
            r(before.x),
            r(before.y),
            r(p.x),
            r(p.y),
            r(after.x),
            r(after.y)
        );
    }
    d
}

/// Rounds to a tenth of a unit: enough precision, short path strings.
fn r(v: f64) -> Num {
    // `Num`, not the f64: `{}` on a float links a second float formatter
    // (crate::decimal).
    Num((v * 10.0).round() / 10.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::expect;

    fn end(x: f64, y: f64, kind: NodeKind) -> End {
        End {
            at: Point::new(x, y),
            kind,
        }
    }

    #[test]
    fn forward_edges_join_facing_sides() {
        let got = route(
            EdgeKind::Forward,
            end(0.0, 0.0, NodeKind::Phase),
            end(240.0, 0.0, NodeKind::Verification),
        );
        expect![[r#"Route { d: "M94 0 C114.8 0 125.2 0 146 0", label_at: Point { x: 120.0, y: 0.0 }, handles: [Point { x: 100.93333333333334, y: 0.0 }, Point { x: 139.06666666666666, y: 0.0 }] }"#]]
        .assert_eq(&format!("{got:?}"));
        // One above the other: bottom to top.
        let got = route(
            EdgeKind::Forward,
            end(0.0, 0.0, NodeKind::Phase),
            end(0.0, 120.0, NodeKind::Gate),
        );
        expect![[r#"Route { d: "M0 32 C0 50.4 0 59.6 0 78", label_at: Point { x: 0.0, y: 55.0 }, handles: [Point { x: 0.0, y: 38.13333333333333 }, Point { x: 0.0, y: 71.86666666666666 }] }"#]]
        .assert_eq(&format!("{got:?}"));
    }

    #[test]
    fn rollbacks_run_back_along_a_lane_below_or_beside_both_nodes() {
        let got = route(
            EdgeKind::Rollback,
            end(480.0, 0.0, NodeKind::Verification),
            end(0.0, 0.0, NodeKind::Phase),
        );
        expect![[r#"Route { d: "M468 29 L468 48 Q468 58 458 58 L22 58 Q12 58 12 48 L12 32", label_at: Point { x: 240.0, y: 58.0 }, handles: [Point { x: 468.0, y: 38.666666666666664 }, Point { x: 12.0, y: 40.666666666666664 }] }"#]]
            .assert_eq(&format!("{got:?}"));
        let got = route(
            EdgeKind::Rollback,
            end(0.0, 300.0, NodeKind::Phase),
            end(0.0, 0.0, NodeKind::Phase),
        );
        expect![[r#"Route { d: "M94 306 L110 306 Q120 306 120 296 L120 4 Q120 -6 110 -6 L94 -6", label_at: Point { x: 120.0, y: 150.0 }, handles: [Point { x: 102.66666666666667, y: 306.0 }, Point { x: 102.66666666666667, y: -6.0 }] }"#]]
            .assert_eq(&format!("{got:?}"));
    }

    #[test]
    fn ports_lie_on_each_outline() {
        let c = Point::new(0.0, 0.0);
        assert_eq!(
            port(c, NodeKind::Gate, Side::Bottom, 0.0),
            Point::new(0.0, 42.0)
        );
        assert_eq!(
            port(c, NodeKind::Gate, Side::Right, 0.0),
            Point::new(84.0, 0.0)
        );
        let p = port(c, NodeKind::Gate, Side::Bottom, 20.0);
        assert!((p.x.abs() / 84.0 + p.y.abs() / 42.0 - 1.0).abs() < 1e-9);
        let p = port(c, NodeKind::Verification, Side::Left, 10.0);
        assert!((p.x + 88.0).abs() < 1e-9 && p.y == 10.0, "{p:?}");
        let p = port(c, NodeKind::End, Side::Right, 10.0);
        assert!(((p.x - 48.0).powi(2) + p.y.powi(2) - 22.0 * 22.0).abs() < 1e-6);
    }
}
