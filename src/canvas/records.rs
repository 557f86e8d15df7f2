//! What each node and edge view shows of the editor's state, in signals of
//! its own: its record in the plan, and its marks (whether it is selected,
//! its badge).
//!
//! A view must not subscribe to a signal that every other view subscribes
//! to. reactive_graph keeps a signal's subscribers in insertion order and
//! takes a re-running subscriber out with an order-keeping remove, which
//! costs time in the number of subscribers; when all of them re-run, the
//! change is quadratic. With every node and edge view on the plan, one
//! rename on a 5,000-node plan took 0.7 s, and with every node view on the
//! selection, one click took 0.6 s (`node bench/edit.mjs`, before this
//! module). Here one effect per source follows the plan, the selection and
//! the badges, and sets only the signals whose value changed, so a change
//! re-renders only the items it touched.
//!
//! The signals are `PerItem`s (per_item.rs): a record reads `None` while
//! its item is gone.

use crate::editor::{Badges, Editor, RunMarks};
use crate::per_item::{set_if_changed, PerItem};
use crate::selection::Selection;
use leptos::prelude::*;
use migraflow_core::drawing::Badge;
use migraflow_core::{EdgeId, EdgeKind, Node, NodeId, NodeKind, Plan};

/// What an edge view needs of the plan: its own record and the kinds of
/// its end nodes, which decide where it meets their outlines.
#[derive(Clone, Debug, PartialEq)]
pub struct EdgeRecord {
    pub kind: EdgeKind,
    pub from: (NodeId, NodeKind),
    pub to: (NodeId, NodeKind),
    pub label: String,
}

/// How a node or edge is marked apart from its record: selected, the
/// badge of its findings, and its part in the run shown.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Marks {
    pub selected: bool,
    pub badge: Option<Badge>,
    pub run: Option<RunMark>,
}

/// A node's or edge's part in the run shown (SPEC §9 `data-run`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunMark {
    Current,
    Visited,
    Pending,
    /// An edge the run took forward.
    Taken,
    /// A rollback edge the run took.
    RolledBack,
}

impl RunMark {
    pub fn as_str(self) -> &'static str {
        match self {
            RunMark::Current => "current",
            RunMark::Visited => "visited",
            RunMark::Pending => "pending",
            RunMark::Taken => "taken",
            RunMark::RolledBack => "rolled-back",
        }
    }
}

type Run<'a> = Option<&'a RunMarks>;

fn node_run(run: Run, id: NodeId) -> Option<RunMark> {
    let run = run?;
    Some(if run.current == Some(id) {
        RunMark::Current
    } else if run.visited.contains(&id) {
        RunMark::Visited
    } else {
        RunMark::Pending
    })
}

fn edge_run(run: Run, id: EdgeId) -> Option<RunMark> {
    let run = run?;
    if run.rolled_back.contains(&id) {
        Some(RunMark::RolledBack)
    } else {
        run.taken.contains(&id).then_some(RunMark::Taken)
    }
}

fn node_marks(selection: &Selection, badges: &Badges, run: Run, id: NodeId) -> Marks {
    Marks {
        selected: selection.nodes.contains(&id),
        badge: badges.nodes.get(&id).copied(),
        run: node_run(run, id),
    }
}

fn edge_marks(selection: &Selection, badges: &Badges, run: Run, id: EdgeId) -> Marks {
    Marks {
        selected: selection.edges.contains(&id),
        badge: badges.edges.get(&id).copied(),
        run: edge_run(run, id),
    }
}

fn edge_record(plan: &Plan, id: EdgeId) -> Option<EdgeRecord> {
    let e = plan.edge(id)?;
    Some(EdgeRecord {
        kind: e.kind,
        from: (e.from, plan.node(e.from)?.kind),
        to: (e.to, plan.node(e.to)?.kind),
        label: e.label.clone(),
    })
}

/// The per-item signals of the open plan's nodes and edges.
#[derive(Clone, Copy)]
pub struct Records {
    editor: Editor,
    nodes: PerItem<NodeId, Option<Node>>,
    edges: PerItem<EdgeId, Option<EdgeRecord>>,
    node_marks: PerItem<NodeId, Marks>,
    edge_marks: PerItem<EdgeId, Marks>,
}

impl Records {
    /// Creates the signals and keeps them in step with `editor`.
    pub fn start(editor: Editor) -> Records {
        let r = Records {
            editor,
            nodes: PerItem::new(),
            edges: PerItem::new(),
            node_marks: PerItem::new(),
            edge_marks: PerItem::new(),
        };
        // The plan: every record is compared, O(items), without cloning
        // the nodes that did not change.
        Effect::new(move |_| {
            editor.plan.with(|plan| {
                r.nodes.for_each(|id, s| {
                    if !s.with_untracked(|old| old.as_ref() == plan.node(id)) {
                        s.set(plan.node(id).cloned());
                    }
                });
                r.edges
                    .for_each(|id, s| set_if_changed(s, edge_record(plan, id)));
            })
        });
        // The marks: only the items marked before or now are visited.
        let marked = StoredValue::new((Vec::new(), Vec::new()));
        Effect::new(move |_| {
            editor.selection.with(|selection| {
                editor.badges.with(|badges| {
                    let nodes: Vec<NodeId> = selection
                        .nodes
                        .iter()
                        .chain(badges.nodes.keys())
                        .copied()
                        .collect();
                    let edges: Vec<EdgeId> = selection
                        .edges
                        .iter()
                        .chain(badges.edges.keys())
                        .copied()
                        .collect();
                    let run = editor.run_marks.get_untracked();
                    let run = run.as_deref();
                    marked.update_value(
                        |(was_nodes, was_edges): &mut (Vec<NodeId>, Vec<EdgeId>)| {
                            for &id in was_nodes.iter().chain(&nodes) {
                                r.node_marks
                                    .update(id, node_marks(selection, badges, run, id));
                            }
                            for &id in was_edges.iter().chain(&edges) {
                                r.edge_marks
                                    .update(id, edge_marks(selection, badges, run, id));
                            }
                            *was_nodes = nodes;
                            *was_edges = edges;
                        },
                    )
                })
            })
        });
        // The run's marks reach every item while a run is shown (each node
        // is current, visited or pending); only changed signals notify.
        Effect::new(move |_| {
            let run = editor.run_marks.get();
            let run = run.as_deref();
            editor.selection.with_untracked(|selection| {
                editor.badges.with_untracked(|badges| {
                    r.node_marks.for_each(|id, s| {
                        set_if_changed(s, node_marks(selection, badges, run, id))
                    });
                    r.edge_marks.for_each(|id, s| {
                        set_if_changed(s, edge_marks(selection, badges, run, id))
                    });
                })
            })
        });
        r
    }

    /// A node's record.
    pub fn node(&self, id: NodeId) -> ArcRwSignal<Option<Node>> {
        let now = self.editor.plan.with_untracked(|p| p.node(id).cloned());
        self.nodes.set(id, now)
    }

    /// An edge's record.
    pub fn edge(&self, id: EdgeId) -> ArcRwSignal<Option<EdgeRecord>> {
        let now = self.editor.plan.with_untracked(|p| edge_record(p, id));
        self.edges.set(id, now)
    }

    /// A node's marks.
    pub fn node_marks(&self, id: NodeId) -> ArcRwSignal<Marks> {
        let e = self.editor;
        let run = e.run_marks.get_untracked();
        let now = e.selection.with_untracked(|s| {
            e.badges
                .with_untracked(|b| node_marks(s, b, run.as_deref(), id))
        });
        self.node_marks.set(id, now)
    }

    /// An edge's marks.
    pub fn edge_marks(&self, id: EdgeId) -> ArcRwSignal<Marks> {
        let e = self.editor;
        let run = e.run_marks.get_untracked();
        let now = e.selection.with_untracked(|s| {
            e.badges
                .with_untracked(|b| edge_marks(s, b, run.as_deref(), id))
        });
        self.edge_marks.set(id, now)
    }
}
