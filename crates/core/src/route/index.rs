//! What a route must keep clear of, indexed for the router's questions.
//!
//! - [`Grid`]: rectangles (node footprints, placed labels) in square cells
//!   of `CELL` units; "which rectangles touch this segment or rectangle"
//!   looks only at the cells the query covers.
//! - [`Bands`]: "how far right (left, down, up) do the nodes reach whose
//!   centres lie between these two heights (widths)", for placing a lane
//!   beyond everything it runs past. Nodes sorted by the other axis, and a
//!   sparse table of extremes: `n log n` to build, constant time to ask.

use crate::geometry::Point;
use crate::shape::Rect;
use rustc_hash::FxHashMap;

/// Side of a grid cell, in canvas units: about a node's size.
const CELL: f64 = 128.0;

/// Rectangles, each with an owner id, bucketed by cell.
#[derive(Default)]
pub struct Grid {
    cells: FxHashMap<(i32, i32), Vec<usize>>,
    rects: Vec<(Rect, u32)>,
}

fn cell(v: f64) -> i32 {
    (v / CELL).floor().clamp(-1.0e6, 1.0e6) as i32
}

impl Grid {
    pub fn insert(&mut self, rect: Rect, owner: u32) {
        let index = self.rects.len();
        self.rects.push((rect, owner));
        for cx in cell(rect.x)..=cell(rect.right()) {
            for cy in cell(rect.y)..=cell(rect.bottom()) {
                self.cells.entry((cx, cy)).or_default().push(index);
            }
        }
    }

    /// Whether a rectangle other than those owned by `skip` overlaps `area`.
    pub fn hits_rect(&self, area: &Rect, skip: &[u32]) -> bool {
        self.candidates(area)
            .any(|(r, owner)| !skip.contains(&owner) && overlaps(r, area))
    }

    /// Whether the segment `a`–`b` passes through a rectangle other than
    /// those owned by `skip`.
    pub fn hits_segment(&self, a: Point, b: Point, skip: &[u32]) -> bool {
        let area = Rect {
            x: a.x.min(b.x),
            y: a.y.min(b.y),
            width: (a.x - b.x).abs(),
            height: (a.y - b.y).abs(),
        };
        self.candidates(&area)
            .any(|(r, owner)| !skip.contains(&owner) && segment_crosses(a, b, r))
    }

    fn candidates<'g>(&'g self, area: &Rect) -> impl Iterator<Item = (&'g Rect, u32)> + 'g {
        let (x0, x1, y0, y1) = (
            cell(area.x),
            cell(area.right()),
            cell(area.y),
            cell(area.bottom()),
        );
        (x0..=x1)
            .flat_map(move |cx| (y0..=y1).map(move |cy| (cx, cy)))
            .filter_map(|key| self.cells.get(&key))
            .flatten()
            .map(|&i| {
                let (r, owner) = &self.rects[i];
                (r, *owner)
            })
    }
}

/// Segments of routed edges, each with its edge's owner id, bucketed by
/// the cells of their bounding boxes.
#[derive(Default)]
pub struct Segments {
    cells: FxHashMap<(i32, i32), Vec<usize>>,
    segments: Vec<(Point, Point, u32)>,
}

impl Segments {
    pub fn insert_path(&mut self, path: &[Point], owner: u32) {
        for pair in path.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let index = self.segments.len();
            self.segments.push((a, b, owner));
            for cx in cell(a.x.min(b.x))..=cell(a.x.max(b.x)) {
                for cy in cell(a.y.min(b.y))..=cell(a.y.max(b.y)) {
                    self.cells.entry((cx, cy)).or_default().push(index);
                }
            }
        }
    }

    /// Whether a segment not owned by `skip` crosses `area`.
    pub fn cross(&self, area: &Rect, skip: u32) -> bool {
        (cell(area.x)..=cell(area.right()))
            .flat_map(|cx| (cell(area.y)..=cell(area.bottom())).map(move |cy| (cx, cy)))
            .filter_map(|key| self.cells.get(&key))
            .flatten()
            .any(|&i| {
                let (a, b, owner) = self.segments[i];
                owner != skip && segment_crosses(a, b, area)
            })
    }
}

/// Strict overlap: rectangles that only touch do not overlap.
pub fn overlaps(a: &Rect, b: &Rect) -> bool {
    a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom()
}

/// Whether the segment `a`–`b` enters the inside of `r` (Liang–Barsky
/// clipping; touching the border does not count).
pub fn segment_crosses(a: Point, b: Point, r: &Rect) -> bool {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
    for (p, q) in [
        (-dx, a.x - r.x),
        (dx, r.right() - a.x),
        (-dy, a.y - r.y),
        (dy, r.bottom() - a.y),
    ] {
        if p == 0.0 {
            if q <= 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    t1 - t0 > 1e-9
}

/// Extremes of node footprints over ranges of centres (see the module doc).
pub struct Bands {
    /// Nodes by centre y: their centre y, and the sparse tables of their
    /// smallest left and largest right.
    by_y: Extremes,
    /// Nodes by centre x: their smallest top and largest bottom.
    by_x: Extremes,
    /// Half the largest footprint on each axis, to widen a range of
    /// centres to every footprint that reaches into it.
    half: (f64, f64),
}

struct Extremes {
    keys: Vec<f64>,
    low: Vec<Vec<f64>>,
    high: Vec<Vec<f64>>,
}

impl Extremes {
    fn new(mut items: Vec<(f64, f64, f64)>) -> Extremes {
        items.sort_by(|a, b| a.0.total_cmp(&b.0));
        let keys = items.iter().map(|i| i.0).collect();
        let mut low = vec![items.iter().map(|i| i.1).collect::<Vec<f64>>()];
        let mut high = vec![items.iter().map(|i| i.2).collect::<Vec<f64>>()];
        let mut span = 1;
        while span * 2 <= items.len() {
            let (l, h) = (
                low.last().expect("one level"),
                high.last().expect("one level"),
            );
            let next_low = (0..=items.len() - span * 2)
                .map(|i| l[i].min(l[i + span]))
                .collect();
            let next_high = (0..=items.len() - span * 2)
                .map(|i| h[i].max(h[i + span]))
                .collect();
            low.push(next_low);
            high.push(next_high);
            span *= 2;
        }
        Extremes { keys, low, high }
    }

    /// (lowest low, highest high) of the items with keys in `from..=to`.
    fn between(&self, from: f64, to: f64) -> Option<(f64, f64)> {
        let i = self.keys.partition_point(|&k| k < from);
        let j = self.keys.partition_point(|&k| k <= to);
        if i >= j {
            return None;
        }
        let level = (usize::BITS - 1 - (j - i).leading_zeros()) as usize;
        let span = 1 << level;
        Some((
            self.low[level][i].min(self.low[level][j - span]),
            self.high[level][i].max(self.high[level][j - span]),
        ))
    }
}

impl Bands {
    pub fn new(rects: &[Rect]) -> Bands {
        let half = rects.iter().fold((0.0_f64, 0.0_f64), |(w, h), r| {
            (w.max(r.width / 2.0), h.max(r.height / 2.0))
        });
        Bands {
            by_y: Extremes::new(
                rects
                    .iter()
                    .map(|r| (r.y + r.height / 2.0, r.x, r.right()))
                    .collect(),
            ),
            by_x: Extremes::new(
                rects
                    .iter()
                    .map(|r| (r.x + r.width / 2.0, r.y, r.bottom()))
                    .collect(),
            ),
            half,
        }
    }

    /// (leftmost left, rightmost right) of the footprints that reach into
    /// the heights `y0..=y1`.
    pub fn across_heights(&self, y0: f64, y1: f64) -> Option<(f64, f64)> {
        self.by_y.between(y0 - self.half.1, y1 + self.half.1)
    }

    /// (topmost top, lowest bottom) of the footprints that reach into the
    /// widths `x0..=x1`.
    pub fn across_widths(&self, x0: f64, x1: f64) -> Option<(f64, f64)> {
        self.by_x.between(x0 - self.half.0, x1 + self.half.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(x: f64, y: f64, width: f64, height: f64) -> Rect {
        Rect {
            x,
            y,
            width,
            height,
        }
    }

    #[test]
    fn segments_cross_insides_not_borders() {
        let r = rect(0.0, 0.0, 10.0, 10.0);
        assert!(segment_crosses(
            Point::new(-5.0, 5.0),
            Point::new(15.0, 5.0),
            &r
        ));
        assert!(segment_crosses(
            Point::new(-5.0, -5.0),
            Point::new(15.0, 15.0),
            &r
        ));
        assert!(!segment_crosses(
            Point::new(-5.0, 0.0),
            Point::new(15.0, 0.0),
            &r
        ));
        assert!(!segment_crosses(
            Point::new(-5.0, 5.0),
            Point::new(-1.0, 5.0),
            &r
        ));
        assert!(!segment_crosses(
            Point::new(-5.0, 30.0),
            Point::new(30.0, -5.0),
            &r
        ));
    }

    #[test]
    fn the_grid_finds_what_a_segment_passes_and_skips_owners() {
        let mut grid = Grid::default();
        grid.insert(rect(300.0, 0.0, 10.0, 10.0), 1);
        grid.insert(rect(600.0, 600.0, 10.0, 10.0), 2);
        let (a, b) = (Point::new(0.0, 5.0), Point::new(1000.0, 5.0));
        assert!(grid.hits_segment(a, b, &[]));
        assert!(!grid.hits_segment(a, b, &[1]));
        assert!(grid.hits_rect(&rect(605.0, 605.0, 50.0, 50.0), &[1]));
        assert!(!grid.hits_rect(&rect(605.0, 605.0, 50.0, 50.0), &[2]));
    }

    #[test]
    fn bands_give_the_extremes_over_a_range_of_centres() {
        let rects: Vec<Rect> = (0..100)
            .map(|i| rect(i as f64 * 3.0 % 50.0, i as f64 * 100.0, 20.0, 40.0))
            .collect();
        let bands = Bands::new(&rects);
        for (y0, y1) in [
            (0.0, 0.0),
            (150.0, 950.0),
            (-100.0, 20_000.0),
            (5000.0, 5050.0),
        ] {
            let brute = rects
                .iter()
                .filter(|r| r.y + 20.0 >= y0 - 20.0 && r.y + 20.0 <= y1 + 20.0)
                .fold(None, |acc: Option<(f64, f64)>, r| {
                    let (lo, hi) = acc.unwrap_or((f64::INFINITY, f64::NEG_INFINITY));
                    Some((lo.min(r.x), hi.max(r.right())))
                });
            assert_eq!(bands.across_heights(y0, y1), brute, "{y0}..{y1}");
        }
        assert_eq!(bands.across_heights(20_000.0, 30_000.0), None);
    }
}
