//! The canvas viewport: pan offset and zoom, and the maths between screen
//! and canvas coordinates.

use migraflow_core::decimal::Num;
use migraflow_core::shape::Rect;
use migraflow_core::Point;

pub const MIN_ZOOM: f64 = 0.05;
pub const MAX_ZOOM: f64 = 4.0;
/// Canvas units kept around the drawing by "Fit view" (the core's
/// readability measure assumes the same).
const FIT_MARGIN: f64 = migraflow_core::readability::FIT_MARGIN;

/// The zoom levels the zoom buttons and keys step through: round
/// percentages, 100 % among them, so a few presses always reach it.
pub const ZOOM_STEPS: [f64; 12] = [
    0.1, 0.25, 0.33, 0.5, 0.67, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0,
];

/// screen = canvas · zoom + (x, y), in CSS pixels relative to the canvas
/// element's top-left corner.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    pub x: f64,
    pub y: f64,
    pub zoom: f64,
}

impl Default for Viewport {
    fn default() -> Viewport {
        Viewport {
            x: 0.0,
            y: 0.0,
            zoom: 1.0,
        }
    }
}

impl Viewport {
    pub fn to_canvas(self, screen: Point) -> Point {
        Point::new(
            (screen.x - self.x) / self.zoom,
            (screen.y - self.y) / self.zoom,
        )
    }

    #[cfg(test)]
    pub fn to_screen(self, canvas: Point) -> Point {
        Point::new(canvas.x * self.zoom + self.x, canvas.y * self.zoom + self.y)
    }

    /// The SVG `transform` of the canvas group.
    pub fn transform(&self) -> String {
        // `Num`, not `{}` on a float, for size (migraflow_core::decimal).
        format!(
            "translate({} {}) scale({})",
            Num(self.x),
            Num(self.y),
            Num(self.zoom)
        )
    }

    /// Zooms by `factor` keeping the canvas point under `screen` fixed.
    pub fn zoomed_at(&self, screen: Point, factor: f64) -> Viewport {
        self.zoomed_to(screen, self.zoom * factor)
    }

    /// Zooms to `zoom` keeping the canvas point under `screen` fixed.
    pub fn zoomed_to(&self, screen: Point, zoom: f64) -> Viewport {
        let zoom = zoom.clamp(MIN_ZOOM, MAX_ZOOM);
        let anchor = self.to_canvas(screen);
        Viewport {
            x: screen.x - anchor.x * zoom,
            y: screen.y - anchor.y * zoom,
            zoom,
        }
    }

    /// The viewport that shows `bounds` whole and centred in a
    /// `width`×`height` element, never zooming in past 1.
    /// `inset` screen pixels at the top are covered (by the floating
    /// toolbar): the bounds go below them.
    pub fn fitting(bounds: Rect, width: f64, height: f64, inset: f64) -> Viewport {
        let b = bounds.inflated(FIT_MARGIN);
        let below = (height - inset).max(height / 2.0);
        if width <= 0.0 || height <= 0.0 || b.width <= 0.0 || b.height <= 0.0 {
            return Viewport::default();
        }
        let zoom = (width / b.width).min(below / b.height).clamp(MIN_ZOOM, 1.0);
        Viewport {
            x: (width - b.width * zoom) / 2.0 - b.x * zoom,
            y: height - below + (below - b.height * zoom) / 2.0 - b.y * zoom,
            zoom,
        }
    }

    /// Like [`Viewport::fitting`], but never below `readable` zoom: a plan
    /// too big to read whole opens at its beginning (left, vertically
    /// centred when it fits) instead of as a strip of unreadable boxes.
    pub fn opening(bounds: Rect, width: f64, height: f64, inset: f64, readable: f64) -> Viewport {
        let fit = Viewport::fitting(bounds, width, height, inset);
        if fit.zoom >= readable {
            return fit;
        }
        let b = bounds.inflated(FIT_MARGIN);
        let zoom = readable;
        let y = if b.height * zoom <= height {
            (height - b.height * zoom) / 2.0 - b.y * zoom
        } else {
            -b.y * zoom
        };
        Viewport {
            x: -b.x * zoom,
            y,
            zoom,
        }
    }

    /// The next zoom step above (`up`) or below the current zoom, kept
    /// at `screen`; a zoom between steps goes to the nearest one that way.
    pub fn stepped(&self, screen: Point, up: bool) -> Viewport {
        const SAME: f64 = 0.005;
        let next = if up {
            ZOOM_STEPS.iter().find(|z| **z > self.zoom + SAME)
        } else {
            ZOOM_STEPS.iter().rev().find(|z| **z < self.zoom - SAME)
        };
        match next {
            Some(z) => self.zoomed_to(screen, *z),
            None => *self,
        }
    }

    /// Whether `point` lies inside the view of a `width`×`height` element,
    /// at least `margin` screen pixels from its edges.
    pub fn shows(&self, point: Point, width: f64, height: f64, margin: f64) -> bool {
        let s = Point::new(point.x * self.zoom + self.x, point.y * self.zoom + self.y);
        s.x >= margin && s.y >= margin && s.x <= width - margin && s.y <= height - margin
    }

    /// The viewport that centres `point` without changing the zoom.
    pub fn centred_on(&self, point: Point, width: f64, height: f64) -> Viewport {
        Viewport {
            x: width / 2.0 - point.x * self.zoom,
            y: height / 2.0 - point.y * self.zoom,
            zoom: self.zoom,
        }
    }

    /// The canvas-space rectangle visible in a `width`×`height` element.
    pub fn visible(&self, width: f64, height: f64) -> Rect {
        let a = self.to_canvas(Point::new(0.0, 0.0));
        Rect {
            x: a.x,
            y: a.y,
            width: width / self.zoom,
            height: height / self.zoom,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zooming_keeps_the_point_under_the_cursor() {
        let v = Viewport {
            x: 30.0,
            y: -10.0,
            zoom: 0.8,
        };
        let cursor = Point::new(200.0, 150.0);
        let before = v.to_canvas(cursor);
        let after = v.zoomed_at(cursor, 1.5).to_canvas(cursor);
        assert!((before.x - after.x).abs() < 1e-9 && (before.y - after.y).abs() < 1e-9);
        assert_eq!(v.zoomed_at(cursor, 1e9).zoom, MAX_ZOOM);
        assert_eq!(v.zoomed_at(cursor, 1e-9).zoom, MIN_ZOOM);
    }

    /// From anywhere, the steps reach 100 % in a few presses either way,
    /// and stop at the ends.
    #[test]
    fn zoom_steps_are_round_and_reach_100_percent() {
        let at = Point::new(100.0, 100.0);
        let mut v = Viewport {
            x: 0.0,
            y: 0.0,
            zoom: 0.94,
        };
        v = v.stepped(at, true);
        assert_eq!(v.zoom, 1.0);
        let zooms: Vec<f64> = (0..4)
            .scan(v, |v, _| {
                *v = v.stepped(at, true);
                Some(v.zoom)
            })
            .collect();
        assert_eq!(zooms, [1.25, 1.5, 2.0, 3.0]);
        let mut v = Viewport {
            x: 0.0,
            y: 0.0,
            zoom: 1.17,
        };
        v = v.stepped(at, false);
        assert_eq!(v.zoom, 1.0);
        for _ in 0..20 {
            v = v.stepped(at, false);
        }
        assert_eq!(v.zoom, ZOOM_STEPS[0]);
        assert_eq!(v.stepped(at, false), v);
    }

    #[test]
    fn a_point_is_shown_inside_the_margins_only() {
        let v = Viewport {
            x: -100.0,
            y: 0.0,
            zoom: 2.0,
        };
        assert!(v.shows(Point::new(100.0, 50.0), 400.0, 300.0, 20.0));
        assert!(!v.shows(Point::new(10.0, 50.0), 400.0, 300.0, 20.0));
        assert!(!v.shows(Point::new(100.0, 145.0), 400.0, 300.0, 20.0));
    }

    #[test]
    fn a_long_plan_opens_readable_at_its_start() {
        let strip = Rect {
            x: 0.0,
            y: 0.0,
            width: 6000.0,
            height: 200.0,
        };
        let v = Viewport::opening(strip, 1000.0, 600.0, 0.0, 0.7);
        assert_eq!(v.zoom, 0.7);
        let start = v.to_screen(Point::new(0.0, 100.0));
        assert!((start.x - FIT_MARGIN * 0.7).abs() < 1e-9, "{start:?}");
        assert!(
            (start.y - 300.0).abs() < 1e-9,
            "vertically centred: {start:?}"
        );
        // A plan that fits at a readable zoom is simply fitted.
        let small = Rect {
            x: 0.0,
            y: 0.0,
            width: 900.0,
            height: 300.0,
        };
        assert_eq!(
            Viewport::opening(small, 1000.0, 600.0, 0.0, 0.7),
            Viewport::fitting(small, 1000.0, 600.0, 0.0)
        );
    }

    #[test]
    fn fitting_shows_the_bounds_whole() {
        let b = Rect {
            x: 100.0,
            y: 50.0,
            width: 2000.0,
            height: 400.0,
        };
        let v = Viewport::fitting(b, 1000.0, 600.0, 0.0);
        let top_left = v.to_screen(Point::new(b.x, b.y));
        let bottom_right = v.to_screen(Point::new(b.right(), b.bottom()));
        assert!(top_left.x >= 0.0 && top_left.y >= 0.0, "{top_left:?}");
        assert!(
            bottom_right.x <= 1000.0 && bottom_right.y <= 600.0,
            "{bottom_right:?}"
        );
        // A small plan is not blown up past 100 %.
        let small = Rect {
            x: 0.0,
            y: 0.0,
            width: 100.0,
            height: 50.0,
        };
        assert_eq!(Viewport::fitting(small, 1000.0, 600.0, 0.0).zoom, 1.0);
    }
}
