//! Edge routing: the SVG path each edge is drawn along.
//!
//! Plans flow left to right, so forward and validation edges are short
//! curves between facing outlines. Rollback edges run against the flow;
//! drawn straight they would cut through every node in between, so they
//! leave the source from below, run back along a lane under both nodes and
//! rise into the target from below. Longer rollbacks take deeper lanes, so
//! nested rollbacks do not sit on top of each other.

use crate::geometry::Point;
use crate::plan::{EdgeKind, NodeKind};
use crate::shape::{outline_point, size};
use std::fmt::Write;

/// Horizontal distance between layout ranks, used to size lane depths.
const RANK_SPACING: f64 = 240.0;

/// A routed edge: its SVG path data and where its label goes.
#[derive(Clone, Debug, PartialEq)]
pub struct Route {
    pub d: String,
    pub label_at: Point,
}

/// One end of an edge: the node's centre and kind.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct End {
    pub at: Point,
    pub kind: NodeKind,
}

/// Routes an edge of `kind` from `from` to `to`.
pub fn route(kind: EdgeKind, from: End, to: End) -> Route {
    match kind {
        EdgeKind::Rollback => lane_below(from, to),
        EdgeKind::Forward | EdgeKind::Validation => facing_curve(from, to),
    }
}

/// A cubic curve between the two outlines, tangent to the main direction.
fn facing_curve(from: End, to: End) -> Route {
    let a = outline_point(from.at, from.kind, to.at);
    let b = outline_point(to.at, to.kind, from.at);
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    // Bend along the dominant axis only; a straight line when aligned.
    let (c1, c2) = if dx.abs() >= dy.abs() {
        let k = dx * 0.4;
        (Point::new(a.x + k, a.y), Point::new(b.x - k, b.y))
    } else {
        let k = dy * 0.4;
        (Point::new(a.x, a.y + k), Point::new(b.x, b.y - k))
    };
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
    Route {
        d,
        label_at: Point::new((a.x + b.x) / 2.0, (a.y + b.y) / 2.0),
    }
}

/// Down from the source, back along a lane under both nodes, up into the
/// target, with rounded corners.
fn lane_below(from: End, to: End) -> Route {
    let from_bottom = from.at.y + size(from.kind).1 / 2.0;
    let to_bottom = to.at.y + size(to.kind).1 / 2.0;
    let span_ranks = ((from.at.x - to.at.x).abs() / RANK_SPACING)
        .round()
        .min(8.0);
    let lane = from_bottom.max(to_bottom) + 26.0 + 14.0 * span_ranks;
    // Leave and enter a little off-centre so a rollback and a forward edge
    // meeting the same node bottom stay apart.
    let (x0, x1) = (from.at.x - 12.0, to.at.x + 12.0);
    let radius = 12.0_f64.min((lane - from_bottom.max(to_bottom)) / 2.0);
    let dir = if x1 < x0 { -1.0 } else { 1.0 };
    let mut d = String::with_capacity(96);
    let _ = write!(
        d,
        "M{} {} L{} {} Q{} {} {} {} L{} {} Q{} {} {} {} L{} {}",
        r(x0),
        r(from_bottom),
        r(x0),
        r(lane - radius),
        r(x0),
        r(lane),
        r(x0 + dir * radius),
        r(lane),
        r(x1 - dir * radius),
        r(lane),
        r(x1),
        r(lane),
        r(x1),
        r(lane - radius),
        r(x1),
        r(to_bottom)
    );
    Route {
        d,
        label_at: Point::new((x0 + x1) / 2.0, lane),
    }
}

/// Rounds to a tenth of a unit: enough precision, short path strings.
fn r(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
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
    fn forward_edges_join_facing_outlines() {
        let got = route(
            EdgeKind::Forward,
            end(0.0, 0.0, NodeKind::Phase),
            end(240.0, 0.0, NodeKind::Verification),
        );
        expect![[
            r#"Route { d: "M94 0 C114.8 0 125.2 0 146 0", label_at: Point { x: 120.0, y: 0.0 } }"#
        ]]
        .assert_eq(&format!("{got:?}"));
    }

    #[test]
    fn rollbacks_run_back_along_a_lane_below_both_nodes() {
        let got = route(
            EdgeKind::Rollback,
            end(480.0, 0.0, NodeKind::Verification),
            end(0.0, 0.0, NodeKind::Phase),
        );
        // Lane at 32 (phase bottom) + 26 + 14·2 ranks = 86.
        expect![[r#"Route { d: "M468 29 L468 74 Q468 86 456 86 L24 86 Q12 86 12 74 L12 32", label_at: Point { x: 240.0, y: 86.0 } }"#]]
            .assert_eq(&format!("{got:?}"));
    }
}
