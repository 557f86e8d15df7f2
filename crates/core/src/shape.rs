//! The drawn size of each node kind and where edges meet a node's outline.
//!
//! Positions are node centres; a node's footprint depends only on its kind,
//! so layout, routing, fit-to-view and export agree without measuring text.

use crate::geometry::Point;
use crate::plan::NodeKind;

/// Width and height of a node of `kind`, in canvas units.
pub fn size(kind: NodeKind) -> (f64, f64) {
    match kind {
        NodeKind::Start | NodeKind::End => (140.0, 44.0),
        NodeKind::Phase => (188.0, 64.0),
        NodeKind::Verification => (188.0, 58.0),
        NodeKind::Gate => (168.0, 84.0),
    }
}

/// An axis-aligned rectangle.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    /// The footprint of a node of `kind` centred at `at`.
    pub fn around(at: Point, kind: NodeKind) -> Rect {
        let (w, h) = size(kind);
        Rect {
            x: at.x - w / 2.0,
            y: at.y - h / 2.0,
            width: w,
            height: h,
        }
    }

    pub fn right(&self) -> f64 {
        self.x + self.width
    }

    pub fn bottom(&self) -> f64 {
        self.y + self.height
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, other: &Rect) -> Rect {
        let x = self.x.min(other.x);
        let y = self.y.min(other.y);
        Rect {
            x,
            y,
            width: self.right().max(other.right()) - x,
            height: self.bottom().max(other.bottom()) - y,
        }
    }

    /// Grown by `margin` on every side.
    pub fn inflated(&self, margin: f64) -> Rect {
        Rect {
            x: self.x - margin,
            y: self.y - margin,
            width: self.width + 2.0 * margin,
            height: self.height + 2.0 * margin,
        }
    }

    /// Whether the two rectangles overlap (touching counts).
    pub fn intersects(&self, other: &Rect) -> bool {
        self.x <= other.right()
            && other.x <= self.right()
            && self.y <= other.bottom()
            && other.y <= self.bottom()
    }
}

/// The bounds of a set of node footprints, or `None` for no nodes.
pub fn bounds(nodes: impl IntoIterator<Item = (Point, NodeKind)>) -> Option<Rect> {
    nodes
        .into_iter()
        .map(|(at, kind)| Rect::around(at, kind))
        .reduce(|a, b| a.union(&b))
}

/// Where the ray from the centre of a node towards `toward` leaves the
/// node's outline. Each kind's outline is treated exactly: a rhombus for
/// gates, a hexagon's flat top and pointed sides for verifications, and a
/// rounded rectangle (as its box) for the rest.
pub fn outline_point(center: Point, kind: NodeKind, toward: Point) -> Point {
    let (w, h) = size(kind);
    let (dx, dy) = (toward.x - center.x, toward.y - center.y);
    if dx == 0.0 && dy == 0.0 {
        return center;
    }
    let (hw, hh) = (w / 2.0, h / 2.0);
    // Scale t so that center + t·(dx, dy) lies on the outline.
    let t = match kind {
        NodeKind::Gate => 1.0 / (dx.abs() / hw + dy.abs() / hh),
        NodeKind::Verification => {
            // Flat top/bottom between ±(hw - inset), pointed ends at ±hw.
            let inset = hh * 0.6;
            let box_t = (hw / dx.abs()).min(hh / dy.abs());
            let at_box_x = dx * box_t;
            if at_box_x.abs() <= hw - inset {
                box_t
            } else {
                // The slanted side: |x|/hw + |y|·inset/(hh·hw) = 1.
                1.0 / (dx.abs() / hw + dy.abs() * inset / (hh * hw))
            }
        }
        _ => (hw / dx.abs()).min(hh / dy.abs()),
    };
    Point::new(center.x + dx * t, center.y + dy * t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outline_point_lands_on_each_outline() {
        let c = Point::new(0.0, 0.0);
        // Straight right: every kind meets its own half width.
        for kind in NodeKind::ALL {
            let p = outline_point(c, kind, Point::new(1000.0, 0.0));
            assert!(
                (p.x - size(kind).0 / 2.0).abs() < 1e-9 && p.y == 0.0,
                "{kind:?} {p:?}"
            );
        }
        // Straight down: half height.
        let p = outline_point(c, NodeKind::Phase, Point::new(0.0, 500.0));
        assert_eq!(p, Point::new(0.0, 32.0));
        // A diagonal into a rhombus stays on |x|/hw + |y|/hh = 1.
        let p = outline_point(c, NodeKind::Gate, Point::new(100.0, 100.0));
        assert!((p.x.abs() / 84.0 + p.y.abs() / 42.0 - 1.0).abs() < 1e-9);
        assert_eq!(outline_point(c, NodeKind::Gate, c), c);
    }

    #[test]
    fn bounds_cover_every_footprint() {
        let b = bounds([
            (Point::new(0.0, 0.0), NodeKind::Phase),
            (Point::new(300.0, 100.0), NodeKind::Start),
        ])
        .unwrap();
        assert_eq!(
            b,
            Rect {
                x: -94.0,
                y: -32.0,
                width: 464.0,
                height: 154.0
            }
        );
        assert!(bounds(std::iter::empty()).is_none());
    }
}
