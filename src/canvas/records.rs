//! What each node and edge view shows of the plan, one signal per item.
//!
//! A view must not subscribe to the plan signal itself. reactive_graph
//! keeps a signal's subscribers in insertion order and takes a re-running
//! subscriber out with an order-keeping remove, which costs time in the
//! number of subscribers. With every node and edge view on the plan, one
//! edit re-ran 13,000 memos on a 5,000-node plan and each paid for the
//! 13,000 others: 0.7 s per rename (`target/editlat.mjs`, before this
//! module). Here one effect follows the plan and sets only the records that
//! changed, so an edit re-renders only the items it touched and the plan
//! keeps a handful of subscribers.
//!
//! As with positions (`signal_geometry.rs`), a record signal, once made for
//! an id, stays with it for the session and reads `None` while the plan has
//! no such item, so a view re-created by an undo finds it current.

use crate::editor::Editor;
use leptos::prelude::*;
use migraflow_core::{EdgeId, EdgeKind, Node, NodeId, NodeKind, Plan};
use rustc_hash::FxHashMap;
use std::hash::Hash;

/// What an edge view needs of the plan: its own record and the kinds of
/// its end nodes, which decide where it meets their outlines.
#[derive(Clone, Debug, PartialEq)]
pub struct EdgeRecord {
    pub kind: EdgeKind,
    pub from: (NodeId, NodeKind),
    pub to: (NodeId, NodeKind),
    pub label: String,
}

/// A node or edge id, and how its record is read off the plan.
trait Item: Hash + Eq + Copy + Send + Sync + 'static {
    type Record: PartialEq + Send + Sync + 'static;
    fn record(self, plan: &Plan) -> Option<Self::Record>;
    /// Whether `old` is still this item's record (without building it,
    /// where that can be avoided).
    fn is_current(self, plan: &Plan, old: &Option<Self::Record>) -> bool {
        *old == self.record(plan)
    }
}

impl Item for NodeId {
    type Record = Node;
    fn record(self, plan: &Plan) -> Option<Node> {
        plan.node(self).cloned()
    }
    fn is_current(self, plan: &Plan, old: &Option<Node>) -> bool {
        old.as_ref() == plan.node(self)
    }
}

impl Item for EdgeId {
    type Record = EdgeRecord;
    fn record(self, plan: &Plan) -> Option<EdgeRecord> {
        let e = plan.edge(self)?;
        Some(EdgeRecord {
            kind: e.kind,
            from: (e.from, plan.node(e.from)?.kind),
            to: (e.to, plan.node(e.to)?.kind),
            label: e.label.clone(),
        })
    }
}

type Signals<K> = StoredValue<FxHashMap<K, ArcRwSignal<Option<<K as Item>::Record>>>>;

/// The record signals of the open plan's nodes and edges.
#[derive(Clone, Copy)]
pub struct Records {
    plan: RwSignal<Plan>,
    nodes: Signals<NodeId>,
    edges: Signals<EdgeId>,
}

impl Records {
    /// Creates the records and keeps them in step with `editor`'s plan.
    pub fn start(editor: Editor) -> Records {
        let records = Records {
            plan: editor.plan,
            nodes: StoredValue::new(FxHashMap::default()),
            edges: StoredValue::new(FxHashMap::default()),
        };
        Effect::new(move |_| {
            editor.plan.with(|plan| {
                refresh(records.nodes, plan);
                refresh(records.edges, plan);
            })
        });
        records
    }

    /// The record signal of a node.
    pub fn node(&self, id: NodeId) -> ArcRwSignal<Option<Node>> {
        signal(self.nodes, self.plan, id)
    }

    /// The record signal of an edge.
    pub fn edge(&self, id: EdgeId) -> ArcRwSignal<Option<EdgeRecord>> {
        signal(self.edges, self.plan, id)
    }
}

/// The signal for `id`, made (or brought up to date: the effect may not
/// have run yet since the plan changed) from the plan as it is now.
fn signal<K: Item>(
    signals: Signals<K>,
    plan: RwSignal<Plan>,
    id: K,
) -> ArcRwSignal<Option<K::Record>> {
    if let Some(s) = signals.with_value(|m| m.get(&id).cloned()) {
        if !plan.with_untracked(|p| s.with_untracked(|old| id.is_current(p, old))) {
            s.set(plan.with_untracked(|p| id.record(p)));
        }
        return s;
    }
    let s = ArcRwSignal::new(plan.with_untracked(|p| id.record(p)));
    signals.update_value(|m| {
        m.insert(id, s.clone());
    });
    s
}

/// Sets every record that differs from the plan, and only those.
fn refresh<K: Item>(signals: Signals<K>, plan: &Plan) {
    signals.with_value(|m| {
        for (&id, s) in m {
            if !s.with_untracked(|old| id.is_current(plan, old)) {
                s.set(id.record(plan));
            }
        }
    });
}
