//! The routes of the whole plan (`migraflow_core::route::plan`), one
//! signal per edge.
//!
//! One effect routes every edge after each change to the document (the
//! editor's `revision`: an edit, an undo, a finished drag, a document
//! opened), not while a drag runs: each edge then follows its moving ends
//! by the core's one-edge `route`, and takes its planned route again once
//! the drag is recorded. A planned route is used only while both ends are
//! where it was planned for. Plans of more than
//! [`WHOLE_PLAN_EDGES`] edges are not routed whole (it grows faster than
//! the plan), and show one-edge routes.

use crate::editor::Editor;
use crate::per_item::PerItem;
use leptos::prelude::*;
use migraflow_core::route::plan::{route_plan, Routed};
use migraflow_core::route::Route;
use migraflow_core::shape::Rect;
use migraflow_core::{EdgeId, Plan, Point};

/// Above this many edges, edges are routed one by one.
pub const WHOLE_PLAN_EDGES: usize = 250;

/// A route planned for an edge whose ends were at `from` and `to`.
#[derive(Clone, Debug, PartialEq)]
pub struct Planned {
    pub route: Route,
    pub from: Point,
    pub to: Point,
}

#[derive(Clone, Copy)]
pub struct Routes {
    edges: PerItem<EdgeId, Option<Planned>>,
    /// What the planned routes draw beyond the nodes ([`drawn_bounds`]),
    /// which the stage bands span (stage_view.rs).
    pub drawn: RwSignal<Option<Rect>>,
}

impl Routes {
    pub fn start(editor: Editor) -> Routes {
        let routes = Routes {
            edges: PerItem::new(),
            drawn: RwSignal::new(None),
        };
        Effect::new(move |_| {
            editor.revision.track();
            editor.plan.with(|plan| {
                let routed = plan_routes(editor, plan).unwrap_or_default();
                let drawn = drawn_bounds(&routed);
                if routes.drawn.get_untracked() != drawn {
                    routes.drawn.set(drawn);
                }
                let mut planned = routed.into_iter().peekable();
                for e in plan.edges.values() {
                    let mine = planned.next_if(|r| r.edge == e.id).map(|r| Planned {
                        route: r.route,
                        from: editor.geometry.get_untracked(e.from),
                        to: editor.geometry.get_untracked(e.to),
                    });
                    if mine.is_some() || routes.edges.peek(e.id).flatten().is_some() {
                        routes.edges.set(e.id, mine);
                    }
                }
            });
        });
        routes
    }

    pub fn signal(self, id: EdgeId) -> ArcRwSignal<Option<Planned>> {
        self.edges.signal(id)
    }
}

/// Every edge routed, when the plan is small enough (see the module doc).
pub fn plan_routes(editor: Editor, plan: &Plan) -> Option<Vec<Routed>> {
    (plan.edges.len() <= WHOLE_PLAN_EDGES)
        .then(|| route_plan(plan, |id| editor.geometry.get_untracked(id)))
}

/// What the routes draw beyond the nodes: their paths and label plates.
pub fn drawn_bounds(routes: &[Routed]) -> Option<Rect> {
    routes
        .iter()
        .flat_map(|r| {
            r.path
                .iter()
                .map(|p| Rect {
                    x: p.x,
                    y: p.y,
                    width: 0.0,
                    height: 0.0,
                })
                .chain(r.label)
        })
        .reduce(|a, b| a.union(&b))
}
