//! How readable a drawn plan is (SPEC §11): what overlaps what, and the
//! zoom at which the whole drawing fits a window.
//!
//! Definitions, measured on the routes of [`crate::route::plan::route_plan`]
//! by brute force, independently of how the router avoided them:
//! - a *label overlap*: two label plates whose insides meet;
//! - a *label on a node*: a plate whose inside meets a node's footprint;
//! - an *edge through a node*: an edge with a piece of its path inside the
//!   footprint (shrunk by one unit) of a node other than its two ends;
//! - the *drawing's bounds*: every footprint, path point and plate;
//! - the *fit zoom* in a `width`×`height` canvas: the zoom "Fit view"
//!   shows the bounds at (with its `FIT_MARGIN`, never above 1).

use crate::geometry::Point;
use crate::id::NodeId;
use crate::plan::Plan;
use crate::route::index::{overlaps, segment_crosses};
use crate::route::plan::Routed;
use crate::shape::Rect;

/// The counts and sizes defined in the module doc.
#[derive(Clone, Debug, PartialEq)]
pub struct Readability {
    pub label_overlaps: usize,
    pub labels_on_nodes: usize,
    pub edges_through_nodes: usize,
    pub bounds: Option<Rect>,
}

/// The margin "Fit view" keeps around the drawing, in canvas units.
pub const FIT_MARGIN: f64 = 24.0;

/// Measures a plan placed by `at` and routed as `routes`.
pub fn measure(plan: &Plan, at: impl Fn(NodeId) -> Point, routes: &[Routed]) -> Readability {
    let nodes: Vec<(NodeId, Rect)> = plan
        .nodes
        .values()
        .map(|n| (n.id, Rect::around(at(n.id), n.kind)))
        .collect();
    let plates: Vec<Rect> = routes.iter().filter_map(|r| r.label).collect();
    let mut label_overlaps = 0;
    for (i, a) in plates.iter().enumerate() {
        label_overlaps += plates[i + 1..].iter().filter(|b| overlaps(a, b)).count();
    }
    let labels_on_nodes = plates
        .iter()
        .filter(|p| nodes.iter().any(|(_, r)| overlaps(p, r)))
        .count();
    let edges_through_nodes = routes
        .iter()
        .filter(|r| {
            let edge = &plan.edges[&r.edge];
            nodes
                .iter()
                .filter(|(id, _)| *id != edge.from && *id != edge.to)
                .any(|(_, rect)| {
                    let inside = rect.inflated(-1.0);
                    r.path
                        .windows(2)
                        .any(|w| segment_crosses(w[0], w[1], &inside))
                })
        })
        .count();
    let points = routes.iter().flat_map(|r| r.path.iter()).map(|p| Rect {
        x: p.x,
        y: p.y,
        width: 0.0,
        height: 0.0,
    });
    let bounds = nodes
        .iter()
        .map(|(_, r)| *r)
        .chain(plates.iter().copied())
        .chain(points)
        .reduce(|a, b| a.union(&b));
    Readability {
        label_overlaps,
        labels_on_nodes,
        edges_through_nodes,
        bounds,
    }
}

/// The zoom "Fit view" shows `bounds` at in a `width`×`height` canvas.
pub fn fit_zoom(bounds: Rect, width: f64, height: f64) -> f64 {
    let b = bounds.inflated(FIT_MARGIN);
    (width / b.width).min(height / b.height).min(1.0)
}
