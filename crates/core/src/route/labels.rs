//! Where an edge's label goes along its route.
//!
//! Definition: a label is a plate of the size [`crate::drawing::edge::label_size`]
//! gives, centred on a point of its edge's path, or (on an upright piece
//! of the path) just left or right of it, reading beside its line. The
//! points tried are every `STEP` units along the path, nearest to the
//! *preferred* point first: the middle of the longest straight piece of a
//! polyline (its lane), or the middle of a curve. The first plate that
//! overlaps no node and no label already placed, and crosses no other
//! edge's line, is taken; failing that, the first that overlaps no node
//! and no label; failing that, the preferred point. Labels are placed one
//! edge after another, so what is placed first keeps its place.

use super::index::{Grid, Segments};
use crate::geometry::Point;
use crate::shape::Rect;

/// Distance between two points tried along a path.
const STEP: f64 = 8.0;
/// Points tried at most per label, nearest the preferred one first.
const MAX_TRIES: usize = 120;
/// Shifts tried across a level piece of path, each `STEP` further.
const SHIFTS: usize = 8;
/// Room kept between a plate and a node or another plate.
const CLEARANCE: f64 = 3.0;

/// The middle of the longest straight piece of `path`.
pub fn middle_of_longest(path: &[Point]) -> Point {
    path.windows(2)
        .max_by(|a, b| length(a[0], a[1]).total_cmp(&length(b[0], b[1])))
        .map_or(path.first().copied().unwrap_or_default(), |w| {
            Point::new((w[0].x + w[1].x) / 2.0, (w[0].y + w[1].y) / 2.0)
        })
}

fn length(a: Point, b: Point) -> f64 {
    (b.x - a.x).hypot(b.y - a.y)
}

/// The plate of a label of `size` centred at `at`.
pub fn plate(at: Point, size: (f64, f64)) -> Rect {
    Rect {
        x: at.x - size.0 / 2.0,
        y: at.y - size.1 / 2.0,
        width: size.0,
        height: size.1,
    }
}

/// What a label must keep off.
pub struct Obstacles<'a> {
    pub nodes: &'a Grid,
    pub labels: &'a Grid,
    pub lines: &'a Segments,
}

/// The centre of the label of edge `owner` along `path` (see the module
/// doc); `curve` says the path samples a curve, whose preferred point is
/// its middle.
pub fn place(
    path: &[Point],
    size: (f64, f64),
    curve: bool,
    owner: u32,
    around: &Obstacles<'_>,
) -> Placement {
    let preferred = if curve {
        along(path, total(path) / 2.0)
    } else {
        middle_of_longest(path)
    };
    let mut tries: Vec<(f64, Point, bool)> = Vec::new();
    let mut walked = 0.0;
    let mut preferred_at = 0.0;
    for w in path.windows(2) {
        let (a, b) = (w[0], w[1]);
        let len = length(a, b);
        let upright = (b.x - a.x).abs() < (b.y - a.y).abs();
        let steps = (len / STEP).floor() as usize;
        for i in 0..=steps {
            let t = if steps == 0 {
                0.5
            } else {
                i as f64 / steps as f64
            };
            let p = Point::new(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
            if length(p, preferred) < 0.5 {
                preferred_at = walked + len * t;
            }
            tries.push((walked + len * t, p, upright));
        }
        walked += len;
    }
    tries.sort_by(|a, b| {
        (a.0 - preferred_at)
            .abs()
            .total_cmp(&(b.0 - preferred_at).abs())
    });
    tries.truncate(MAX_TRIES);
    let beside = |p: Point, upright: bool| {
        let shifts: Vec<(f64, f64)> = if upright {
            let shift = size.0 / 2.0 + 4.0;
            vec![(shift, 0.0), (-shift, 0.0)]
        } else {
            (0..SHIFTS)
                .flat_map(|k| {
                    let shift = size.1 / 2.0 + 4.0 + k as f64 * STEP;
                    [(0.0, -shift), (0.0, shift)]
                })
                .collect()
        };
        std::iter::once(p).chain(
            shifts
                .into_iter()
                .map(move |(dx, dy)| Point::new(p.x + dx, p.y + dy)),
        )
    };
    let free = |at: Point| {
        let r = plate(at, size).inflated(CLEARANCE);
        !around.nodes.hits_rect(&r, &[]) && !around.labels.hits_rect(&r, &[])
    };
    let clear = |at: Point| !around.lines.cross(&plate(at, size), owner);
    let mut fallback = None;
    for &(_, p, upright) in &tries {
        for at in beside(p, upright) {
            if free(at) {
                if clear(at) {
                    return Placement { at, free: true };
                }
                fallback.get_or_insert(at);
            }
        }
    }
    match fallback {
        Some(at) => Placement { at, free: true },
        None => Placement {
            at: preferred,
            free: false,
        },
    }
}

/// Where a label goes, and whether it keeps off nodes and other labels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placement {
    pub at: Point,
    pub free: bool,
}

fn total(path: &[Point]) -> f64 {
    path.windows(2).map(|w| length(w[0], w[1])).sum()
}

/// The point `distance` along `path`.
fn along(path: &[Point], distance: f64) -> Point {
    let mut left = distance;
    for w in path.windows(2) {
        let len = length(w[0], w[1]);
        if left <= len && len > 0.0 {
            let t = left / len;
            return Point::new(
                w[0].x + (w[1].x - w[0].x) * t,
                w[0].y + (w[1].y - w[0].y) * t,
            );
        }
        left -= len;
    }
    path.last().copied().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_slides_along_its_path_off_a_node_and_off_another_label() {
        let path = [Point::new(0.0, 0.0), Point::new(400.0, 0.0)];
        let mut nodes = Grid::default();
        let (labels, lines) = (Grid::default(), Segments::default());
        let around = Obstacles {
            nodes: &nodes,
            labels: &labels,
            lines: &lines,
        };
        assert_eq!(
            place(&path, (60.0, 18.0), false, 0, &around).at,
            Point::new(200.0, 0.0)
        );
        nodes.insert(plate(Point::new(200.0, 0.0), (100.0, 40.0)), 9);
        let mut labels = Grid::default();
        labels.insert(plate(Point::new(300.0, 0.0), (60.0, 18.0)), 1);
        let around = Obstacles {
            nodes: &nodes,
            labels: &labels,
            lines: &lines,
        };
        let placed = place(&path, (60.0, 18.0), false, 0, &around);
        let r = plate(placed.at, (60.0, 18.0));
        assert!(placed.free, "{placed:?}");
        assert!(
            !nodes.hits_rect(&r, &[]) && !labels.hits_rect(&r, &[]),
            "{r:?}"
        );
        // Just above the node, over the preferred point.
        assert_eq!(placed.at, Point::new(200.0, -37.0));
    }
}
