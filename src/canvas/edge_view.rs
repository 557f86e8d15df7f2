//! One edge on the canvas.
//!
//! The edge reads its own record signal (records.rs: with its end nodes'
//! kinds, which decide where it meets their outlines), its planned route
//! (routes.rs) and the position signals of its two ends, so a drag
//! re-routes only the edges of the dragged nodes.

use crate::canvas::culling::Culling;
use crate::canvas::records::{EdgeRecord, Records, RunMark};
use crate::canvas::routes::Routes;
use crate::editor::Editor;
use leptos::prelude::*;
use migraflow_core::drawing::edge::{accessible_name, markup};
use migraflow_core::route::{route, End};
use migraflow_core::{EdgeId, EdgeKind, Node, Severity};

#[component]
pub fn EdgeView(id: EdgeId) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let data = expect_context::<Records>().edge(id);

    // Drawn from the first time it comes near the view (see culling.rs).
    let near = expect_context::<Culling>().edge(id);
    let drawn = Memo::new({
        let near = near.clone();
        move |before: Option<&bool>| before.copied().unwrap_or(false) || near.get()
    });

    // Only a drawn edge watches its selection, badge and culling and routes
    // itself (see `drawing`), so an edge never drawn costs none of that: its
    // `<g>` stays empty, with nothing to hide.
    move || {
        let d = data.get()?;
        let near = near.clone();
        let kind = d.kind;
        let (from, to) = (d.from.0 .0, d.to.0 .0);
        Some(view! {
            <g
                class=match kind {
                    EdgeKind::Forward => "edge forward",
                    EdgeKind::Rollback => "edge rollback",
                    EdgeKind::Validation => "edge validation",
                }
                data-edge-id=id.0.to_string()
                data-kind=kind.as_str()
                data-from=from.to_string()
                data-to=to.to_string()
            >
                {move || drawn.get().then(|| drawing(editor, id, &d, near.clone()))}
            </g>
        })
    }
}

/// The visible part of a drawn edge: its path, label and badge. Routing,
/// label text, the accessible name and the handle on its marks (selection
/// and badge, see records.rs) are made here, not at mount, so an edge that
/// is never drawn costs none of them. Once drawn, it is hidden while
/// `near` is false.
fn drawing(editor: Editor, id: EdgeId, d: &EdgeRecord, near: ArcRwSignal<bool>) -> impl IntoView {
    // Copy handles in this view's arena; the signals stay in `Records`.
    let records = expect_context::<Records>();
    let marks = RwSignal::from(records.edge_marks(id));
    let badge = move || marks.with(|m| m.badge);
    let from = editor.geometry.signal(d.from.0);
    let to = editor.geometry.signal(d.to.0);
    let (from_kind, to_kind, kind) = (d.from.1, d.to.1, d.kind);
    let planned = expect_context::<Routes>().signal(id);
    let routed = Memo::new(move |_| {
        let (at_from, at_to) = (from.get(), to.get());
        let whole = planned.with(|p| {
            p.as_ref()
                .filter(|p| p.from == at_from && p.to == at_to)
                .map(|p| p.route.clone())
        });
        if let Some(r) = whole {
            return r;
        }
        route(
            kind,
            End {
                at: at_from,
                kind: from_kind,
            },
            End {
                at: at_to,
                kind: to_kind,
            },
        )
    });
    let label = d.label.clone();
    // Kind, both ends and label; it follows a renamed end.
    let ends = (records.node(d.from.0), records.node(d.to.0));
    let aria = {
        let label = label.clone();
        move || {
            let title = |n: &ArcRwSignal<Option<Node>>| {
                n.with(|n| n.as_ref().map(|n| n.title.clone()).unwrap_or_default())
            };
            accessible_name(kind, &title(&ends.0), &title(&ends.1), &label)
        }
    };
    // Handed over as markup, one DOM call (see migraflow_core::drawing);
    // redrawn when the route or the badge changes.
    let drawing = move || routed.with(|r| markup(kind, r, &label, badge()));
    view! {
        <g
            class="drawing"
            class:culled=move || !near.get()
            class:selected=move || marks.with(|m| m.selected)
            class:run-taken=move || marks.with(|m| m.run == Some(RunMark::Taken))
            class:run-rolled-back=move || marks.with(|m| m.run == Some(RunMark::RolledBack))
            class:has-error=move || badge().is_some_and(|b| b.severity == Severity::Error)
            class:has-warning=move || badge().is_some_and(|b| b.severity == Severity::Warning)
            role="button"
            tabindex="-1"
            aria-label=aria
            inner_html=drawing
        ></g>
    }
}
