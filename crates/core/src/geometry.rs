//! Where nodes sit on the canvas, kept apart from the plan's topology.
//!
//! A drag changes geometry only; validation reads the plan only. Keeping the
//! two in separate types lets the editor move a node without invalidating
//! anything derived from the plan. [`Geometry`] abstracts over where the
//! positions live, so the same undoable [`crate::Edit`]s run against the
//! plain [`Layout`] here and against the browser app's per-node signals.

use crate::id::NodeId;
use crate::id_map::IdMap;

/// A point on the canvas, in canvas units (CSS pixels at zoom 1).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    pub const fn new(x: f64, y: f64) -> Point {
        Point { x, y }
    }

    /// Rounds to the nearest multiple of `grid` on both axes.
    pub fn snapped(self, grid: f64) -> Point {
        Point::new(
            (self.x / grid).round() * grid,
            (self.y / grid).round() * grid,
        )
    }
}

/// Largest coordinate magnitude a stored document may carry; anything
/// beyond is treated as corrupt and reset on load.
pub const MAX_COORDINATE: f64 = 1.0e7;

/// A coordinate as files store it: to the hundredth of a unit (far below
/// a pixel at any zoom). The decimal written then has at most 11
/// significant digits (coordinates are at most [`MAX_COORDINATE`]), which
/// serde_json reads back exactly without its `float_roundtrip` feature,
/// whose tables cost the wasm about 9 KB of gzip. Non-finite values stay
/// as they are (and are written as `null`).
pub fn stored_coordinate(v: f64) -> f64 {
    if v.is_finite() {
        (v * 100.0).round() / 100.0
    } else {
        v
    }
}

/// Read and write access to node positions, wherever they are stored.
pub trait Geometry {
    fn position(&self, id: NodeId) -> Option<Point>;
    /// Sets (`Some`) or forgets (`None`) the position of a node.
    fn set_position(&mut self, id: NodeId, at: Option<Point>);
    /// The direction automatic layout flows in.
    fn direction(&self) -> Direction;
    fn set_direction(&mut self, direction: Direction);
}

/// Which way a plan flows when it is laid out automatically: a choice of
/// the document, saved with it (documents from before the choice flow
/// left to right).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Direction {
    #[default]
    LeftRight,
    TopDown,
}

impl Direction {
    pub const ALL: [Direction; 2] = [Direction::TopDown, Direction::LeftRight];

    /// The name in documents and the UI's `value`s.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::LeftRight => "left-right",
            Direction::TopDown => "top-down",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Direction::LeftRight => "Left to right",
            Direction::TopDown => "Top down",
        }
    }

    pub fn from_name(name: &str) -> Option<Direction> {
        Direction::ALL.into_iter().find(|d| d.as_str() == name)
    }
}

/// Node positions of one document, as persisted, and the direction its
/// automatic layout flows in.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    pub positions: IdMap<NodeId, Point>,
    pub direction: Direction,
}

impl Geometry for Layout {
    fn position(&self, id: NodeId) -> Option<Point> {
        self.positions.get(&id).copied()
    }

    fn set_position(&mut self, id: NodeId, at: Option<Point>) {
        match at {
            Some(p) => {
                self.positions.insert(id, p);
            }
            None => {
                self.positions.remove(&id);
            }
        }
    }

    fn direction(&self) -> Direction {
        self.direction
    }

    fn set_direction(&mut self, direction: Direction) {
        self.direction = direction;
    }
}

impl Layout {
    /// Position of a node, or the origin if it has none yet.
    pub fn at(&self, id: NodeId) -> Point {
        self.position(id).unwrap_or_default()
    }
}
