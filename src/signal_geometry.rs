//! Node positions held as one reactive signal per node.
//!
//! This is the editor's side of the topology/geometry split: moving a node
//! sets that node's signal only, so only the node and the edges that touch
//! it re-render, and nothing that reads the plan (validation, the problems
//! panel, the Mermaid preview) runs at all.
//!
//! The signals are a `PerItem` (per_item.rs): `set_position(id, None)` keeps
//! a node's signal, so a view built for a node never holds a stale one when
//! the node is removed and re-added (undo) or a new document reuses the id.

use crate::per_item::PerItem;
use leptos::prelude::*;
use migraflow_core::geometry::Direction;
use migraflow_core::{Geometry, NodeId, Point};

/// The per-node position signals of the open document.
#[derive(Clone, Copy)]
pub struct SignalGeometry {
    signals: PerItem<NodeId, Point>,
    /// The document's layout direction (used by "Auto layout").
    pub direction: RwSignal<Direction>,
}

impl SignalGeometry {
    pub fn new() -> SignalGeometry {
        SignalGeometry {
            signals: PerItem::new(),
            direction: RwSignal::new(Direction::default()),
        }
    }

    /// The position signal of a node, made at the origin if it has none.
    pub fn signal(&self, id: NodeId) -> ArcRwSignal<Point> {
        self.signals.signal(id)
    }

    /// The current position, without subscribing.
    pub fn get_untracked(&self, id: NodeId) -> Point {
        self.signals.peek(id).unwrap_or_default()
    }

    /// Moves a node live (during a drag); the caller records the undo step.
    pub fn set(&self, id: NodeId, at: Point) {
        self.signals.set(id, at);
    }
}

impl Geometry for SignalGeometry {
    fn position(&self, id: NodeId) -> Option<Point> {
        self.signals.peek(id)
    }

    fn set_position(&mut self, id: NodeId, at: Option<Point>) {
        // Forgetting keeps the signal: see the module doc.
        if let Some(at) = at {
            self.set(id, at);
        }
    }

    fn direction(&self) -> Direction {
        self.direction.get_untracked()
    }

    fn set_direction(&mut self, direction: Direction) {
        if self.direction.get_untracked() != direction {
            self.direction.set(direction);
        }
    }
}
