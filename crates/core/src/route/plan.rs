//! Routing a whole plan at once: every edge around the nodes, lanes apart,
//! edge ends spread along node sides, labels off nodes and off each other.
//!
//! Definition. Edges are routed one after another: forward and validation
//! edges in id order, then rollbacks from the shortest (by the distance
//! between their ends) to the longest, so short rollbacks take the inner
//! lanes. For each edge the candidates below are tried from the cheapest
//! (length, plus `CORNER_COST` per corner and `TURN_COST` per end that
//! does not face the lane) and the first that is *clear* is taken:
//! - **direct** (forward and validation edges only): the curve between the
//!   facing sides ([`super::facing_sides`]), or between the other pair of
//!   sides; tried before any lane;
//! - **lane**: out of a side of the source, along a straight lane, into a
//!   side of the target ([`super::lane_path_in`]). A lane runs upright
//!   left or right of both ends, or level above or below them, at
//!   `LANE_GAP` beyond the two ends or beyond every node whose footprint
//!   reaches into the stretch it runs along ([`super::index::Bands`]),
//!   then `LANE_STEP` further each time; each end leaves by the side that
//!   faces the lane or by one of the two sides across it.
//!
//! A candidate is clear when no piece of it enters a node's footprint
//! grown by `NODE_MARGIN` (its own ends count too, but for the first and
//! last pieces, which leave and enter them), and its lane does not run
//! within `LANE_STEP / 2` along a lane already taken. When none is clear
//! the cheapest is taken. An end takes the next free point of its side:
//! the middle, then `PORT_STEP` either way, alternately, so that two edges
//! into one side arrive apart. A labelled edge's label is placed with its
//! route, by [`super::labels::place`]: of the first `LABEL_TRIES` clear
//! candidates, the first whose label finds a free place is taken.
//!
//! Cost: each candidate is checked against the nodes and lanes near it
//! (grids of cells; lanes bucketed by position), so a plan of `n` nodes
//! routes in about `n log n` unless its lanes pile up in one place.

use super::index::{Bands, Grid, Segments};
use super::labels::{self, Obstacles};
use super::{curve, facing_sides, lane_path_in, polyline_route, side_reach, End, Route, Side};
use crate::drawing::edge::label_size;
use crate::geometry::Point;
use crate::id::{EdgeId, NodeId};
use crate::plan::{EdgeKind, Plan};
use crate::shape::Rect;
use rustc_hash::FxHashMap;

/// Space between a node and the first lane beside it.
const LANE_GAP: f64 = 18.0;
/// Space between neighbouring lanes.
const LANE_STEP: f64 = 12.0;
/// Lanes tried beyond the two ends, and beyond everything in the way.
const NEAR_LANES: usize = 3;
const FAR_LANES: usize = 8;
/// Room an edge keeps from a node it passes.
const NODE_MARGIN: f64 = 3.0;
/// Distance between two edge ends on one side of a node.
const PORT_STEP: f64 = 12.0;
const CORNER_COST: f64 = 24.0;
/// Clear candidates tried for one whose label finds a free place.
const LABEL_TRIES: usize = 6;
const TURN_COST: f64 = 40.0;

/// One routed edge: what is drawn, the polyline it was checked as, and
/// its label's plate.
#[derive(Clone, Debug, PartialEq)]
pub struct Routed {
    pub edge: EdgeId,
    pub route: Route,
    pub path: Vec<Point>,
    pub label: Option<Rect>,
}

/// Routes every edge of `plan` whose ends are placed by `at` (see the
/// module doc), in edge id order.
pub fn route_plan(plan: &Plan, at: impl Fn(NodeId) -> Point) -> Vec<Routed> {
    let ids: Vec<NodeId> = plan.nodes.keys().copied().collect();
    let index: FxHashMap<NodeId, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let ends: Vec<End> = plan
        .nodes
        .values()
        .map(|n| End {
            at: at(n.id),
            kind: n.kind,
        })
        .collect();
    let rects: Vec<Rect> = ends.iter().map(|e| Rect::around(e.at, e.kind)).collect();
    let mut grid = Grid::default();
    for (i, r) in rects.iter().enumerate() {
        grid.insert(r.inflated(NODE_MARGIN), i as u32);
    }
    let mut router = Router {
        ends,
        rects: &rects,
        grid: &grid,
        bands: Bands::new(&rects),
        ports: FxHashMap::default(),
        lanes: FxHashMap::default(),
    };
    let mut order: Vec<(u8, f64, EdgeId)> = plan
        .edges
        .values()
        .map(|e| {
            let span = match (index.get(&e.from), index.get(&e.to)) {
                (Some(&a), Some(&b)) => {
                    let (p, q) = (router.ends[a].at, router.ends[b].at);
                    (p.x - q.x).abs() + (p.y - q.y).abs()
                }
                _ => 0.0,
            };
            match e.kind {
                EdgeKind::Rollback => (1, span, e.id),
                _ => (0, 0.0, e.id),
            }
        })
        .collect();
    order.sort_by(|a, b| {
        (a.0, a.1, a.2)
            .partial_cmp(&(b.0, b.1, b.2))
            .expect("finite")
    });
    let mut placed = Grid::default();
    let mut lines = Segments::default();
    let mut out = Vec::with_capacity(order.len());
    for (_, _, id) in order {
        let edge = &plan.edges[&id];
        let (Some(&a), Some(&b)) = (index.get(&edge.from), index.get(&edge.to)) else {
            continue;
        };
        let size = label_size(&edge.label);
        let around = Obstacles {
            nodes: &grid,
            labels: &placed,
            lines: &lines,
        };
        let (path, route) = router.route(edge.kind, a, b, size.map(|s| (s, id.0, &around)));
        let label = size.map(|size| labels::plate(route.label_at, size));
        if let Some(plate) = label {
            placed.insert(plate, id.0);
        }
        lines.insert_path(&path, id.0);
        out.push(Routed {
            edge: id,
            route,
            path,
            label,
        });
    }
    out.sort_by_key(|r| r.edge);
    out
}

/// A label to place: its size, its edge's id, and what it keeps off.
type LabelTask<'a> = ((f64, f64), u32, &'a Obstacles<'a>);

struct Router<'r> {
    ends: Vec<End>,
    rects: &'r [Rect],
    grid: &'r Grid,
    bands: Bands,
    /// Edge ends taken on each side of each node.
    ports: FxHashMap<(usize, Side), usize>,
    /// Lanes taken: by (upright, position bucket), each its position and
    /// the stretch it runs along.
    lanes: FxHashMap<(bool, i64), Vec<Lane>>,
}

/// A lane taken: its position and the stretch it runs along.
type Lane = (f64, f64, f64);

/// A candidate route, before it is checked.
struct Candidate {
    cost: f64,
    path: Vec<Point>,
    sides: (Side, Side),
    /// (upright, position, stretch) of its lane; `None` for a curve.
    lane: Option<(bool, f64, f64, f64)>,
    route: Option<Route>,
}

impl Router<'_> {
    /// The `n`-th free point along a side: 0, +1, −1, +2, … steps.
    fn offset(&self, node: usize, side: Side) -> f64 {
        let n = self.ports.get(&(node, side)).copied().unwrap_or(0);
        let step = n.div_ceil(2) as f64 * PORT_STEP;
        let o = if n % 2 == 1 { step } else { -step };
        let reach = side_reach(self.ends[node].kind, side);
        o.clamp(-reach, reach)
    }

    fn route(
        &mut self,
        kind: EdgeKind,
        a: usize,
        b: usize,
        label: Option<LabelTask<'_>>,
    ) -> (Vec<Point>, Route) {
        let (from, to) = (self.ends[a], self.ends[b]);
        let mut candidates = Vec::new();
        if kind != EdgeKind::Rollback {
            let (s1, s2) = facing_sides(from, to);
            let other = match s1 {
                Side::Top | Side::Bottom => facing_sides_across(from, to, false),
                Side::Left | Side::Right => facing_sides_across(from, to, true),
            };
            for (rank, (s1, s2)) in [(s1, s2), other].into_iter().enumerate() {
                let (route, path) = curve(from, s1, self.offset(a, s1), to, s2, self.offset(b, s2));
                candidates.push(Candidate {
                    cost: -1000.0 + rank as f64,
                    path,
                    sides: (s1, s2),
                    lane: None,
                    route: Some(route),
                });
            }
        }
        self.lane_candidates(a, b, &mut candidates);
        candidates.sort_by(|x, y| x.cost.total_cmp(&y.cost));
        // The first clear candidate whose label finds a free place; failing
        // that (within `LABEL_TRIES` clear ones), the first clear one.
        let mut first_clear = None;
        let mut chosen = None;
        let mut tried = 0;
        for (i, c) in candidates.iter().enumerate() {
            if !self.clear(c, a, b) {
                continue;
            }
            let placement = label.map(|(size, owner, around)| {
                let curve = c.route.is_some();
                labels::place(&c.path, size, curve, owner, around)
            });
            if placement.is_none_or(|p| p.free) {
                chosen = Some((i, placement));
                break;
            }
            first_clear.get_or_insert((i, placement));
            tried += 1;
            if tried == LABEL_TRIES {
                break;
            }
        }
        let (i, placement) = chosen.or(first_clear).unwrap_or((0, None));
        let c = candidates.swap_remove(i);
        *self.ports.entry((a, c.sides.0)).or_default() += 1;
        *self.ports.entry((b, c.sides.1)).or_default() += 1;
        if let Some((upright, at, lo, hi)) = c.lane {
            self.lanes
                .entry((upright, bucket(at)))
                .or_default()
                .push((at, lo, hi));
        }
        let mut route = c
            .route
            .unwrap_or_else(|| polyline_route(&c.path, labels::middle_of_longest(&c.path)));
        if let Some(p) = placement {
            route.label_at = p.at;
        }
        (c.path, route)
    }

    fn lane_candidates(&self, a: usize, b: usize, out: &mut Vec<Candidate>) {
        let (from, to) = (self.ends[a], self.ends[b]);
        let (ra, rb) = (self.rects[a], self.rects[b]);
        for upright in [true, false] {
            for high in [false, true] {
                let facing = match (upright, high) {
                    (true, false) => Side::Left,
                    (true, true) => Side::Right,
                    (false, false) => Side::Top,
                    (false, true) => Side::Bottom,
                };
                let across: [Side; 2] = if upright {
                    [Side::Top, Side::Bottom]
                } else {
                    [Side::Left, Side::Right]
                };
                let (lo, hi) = if upright {
                    (from.at.y.min(to.at.y), from.at.y.max(to.at.y))
                } else {
                    (from.at.x.min(to.at.x), from.at.x.max(to.at.x))
                };
                let extent = |r: &Rect| match (upright, high) {
                    (true, false) => r.x,
                    (true, true) => r.right(),
                    (false, false) => r.y,
                    (false, true) => r.bottom(),
                };
                let pick = |x: f64, y: f64| if high { x.max(y) } else { x.min(y) };
                let near = pick(extent(&ra), extent(&rb));
                let band = if upright {
                    self.bands.across_heights(lo, hi)
                } else {
                    self.bands.across_widths(lo, hi)
                };
                let far = band.map_or(near, |(l, h)| if high { h } else { l });
                let dir = if high { 1.0 } else { -1.0 };
                let mut positions: Vec<f64> = (0..NEAR_LANES)
                    .map(|k| near + dir * (LANE_GAP + k as f64 * LANE_STEP))
                    .collect();
                if (far - near).abs() > 0.5 {
                    positions.extend(
                        (0..FAR_LANES).map(|k| far + dir * (LANE_GAP + k as f64 * LANE_STEP)),
                    );
                }
                for s1 in std::iter::once(facing).chain(across) {
                    for s2 in std::iter::once(facing).chain(across) {
                        let (o1, o2) = (self.offset(a, s1), self.offset(b, s2));
                        for &lane in &positions {
                            let path = lane_path_in(from, s1, o1, to, s2, o2, lane, upright);
                            let turns = usize::from(s1 != facing) + usize::from(s2 != facing);
                            let corners = path.len().saturating_sub(2);
                            let cost = path_length(&path)
                                + CORNER_COST * corners as f64
                                + TURN_COST * turns as f64;
                            let stretch = lane_stretch(&path, lane, upright);
                            out.push(Candidate {
                                cost,
                                path,
                                sides: (s1, s2),
                                lane: stretch.map(|(l, h)| (upright, lane, l, h)),
                                route: None,
                            });
                        }
                    }
                }
            }
        }
    }

    /// Whether a candidate keeps off the nodes and the lanes taken.
    fn clear(&self, c: &Candidate, a: usize, b: usize) -> bool {
        let last = c.path.len().saturating_sub(2);
        let own = [a as u32, b as u32];
        let crosses = c.path.windows(2).enumerate().any(|(i, w)| {
            let skip: &[u32] = if c.route.is_some() || i == 0 || i == last {
                &own
            } else {
                &[]
            };
            self.grid.hits_segment(w[0], w[1], skip)
        });
        if crosses {
            return false;
        }
        match c.lane {
            Some((upright, at, lo, hi)) => ![-1, 0, 1].iter().any(|d| {
                self.lanes
                    .get(&(upright, bucket(at) + d))
                    .is_some_and(|taken| {
                        taken
                            .iter()
                            .any(|&(t, l, h)| (t - at).abs() < LANE_STEP / 2.0 && l < hi && lo < h)
                    })
            }),
            None => true,
        }
    }
}

/// The other pair of facing sides: top and bottom when `vertical`.
fn facing_sides_across(from: End, to: End, vertical: bool) -> (Side, Side) {
    let (dx, dy) = (to.at.x - from.at.x, to.at.y - from.at.y);
    match (vertical, dx >= 0.0, dy >= 0.0) {
        (true, _, true) => (Side::Bottom, Side::Top),
        (true, _, false) => (Side::Top, Side::Bottom),
        (false, true, _) => (Side::Right, Side::Left),
        (false, false, _) => (Side::Left, Side::Right),
    }
}

fn bucket(at: f64) -> i64 {
    (at / LANE_STEP).floor() as i64
}

fn path_length(path: &[Point]) -> f64 {
    path.windows(2)
        .map(|w| (w[1].x - w[0].x).hypot(w[1].y - w[0].y))
        .sum()
}

/// The stretch the piece of `path` on the lane runs along, if any.
fn lane_stretch(path: &[Point], lane: f64, upright: bool) -> Option<(f64, f64)> {
    path.windows(2).find_map(|w| {
        let on = if upright {
            (w[0].x - lane).abs() < 0.01 && (w[1].x - lane).abs() < 0.01
        } else {
            (w[0].y - lane).abs() < 0.01 && (w[1].y - lane).abs() < 0.01
        };
        let (p, q) = if upright {
            (w[0].y, w[1].y)
        } else {
            (w[0].x, w[1].x)
        };
        on.then(|| (p.min(q), p.max(q)))
    })
}
