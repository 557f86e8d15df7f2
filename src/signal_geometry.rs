//! Node positions held as one reactive signal per node.
//!
//! This is the editor's side of the topology/geometry split: moving a node
//! sets that node's signal only, so only the node and the edges that touch
//! it re-render, and nothing that reads the plan (validation, the problems
//! panel, the Mermaid preview) runs at all.
//!
//! A signal, once made for an id, stays with that id for the session:
//! `set_position(id, None)` keeps it. A view built for a node therefore never
//! holds a stale signal when the node is removed and re-added (undo) or a new
//! document reuses the id.

use leptos::prelude::*;
use migraflow_core::{Geometry, NodeId, Point};
use rustc_hash::FxHashMap;

/// The per-node position signals of the open document.
#[derive(Clone, Copy)]
pub struct SignalGeometry {
    signals: StoredValue<FxHashMap<NodeId, ArcRwSignal<Point>>>,
}

impl SignalGeometry {
    pub fn new() -> SignalGeometry {
        SignalGeometry {
            signals: StoredValue::new(FxHashMap::default()),
        }
    }

    /// The position signal of a node, made at the origin if it has none.
    pub fn signal(&self, id: NodeId) -> ArcRwSignal<Point> {
        if let Some(s) = self.signals.with_value(|m| m.get(&id).cloned()) {
            return s;
        }
        let s = ArcRwSignal::new(Point::default());
        self.signals.update_value(|m| {
            m.insert(id, s.clone());
        });
        s
    }

    /// The current position, without subscribing.
    pub fn get_untracked(&self, id: NodeId) -> Point {
        self.signals
            .with_value(|m| m.get(&id).map(|s| s.get_untracked()))
            .unwrap_or_default()
    }

    /// Moves a node live (during a drag); the caller records the undo step.
    pub fn set(&self, id: NodeId, at: Point) {
        self.signal(id).set(at);
    }
}

impl Geometry for SignalGeometry {
    fn position(&self, id: NodeId) -> Option<Point> {
        self.signals
            .with_value(|m| m.get(&id).map(|s| s.get_untracked()))
    }

    fn set_position(&mut self, id: NodeId, at: Option<Point>) {
        // Forgetting keeps the signal: see the module doc.
        if let Some(at) = at {
            self.set(id, at);
        }
    }
}
