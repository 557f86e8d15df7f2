//! One edge on the canvas.
//!
//! The edge reads its own record (with its end nodes' kinds, which decide
//! where it meets their outlines) and the position signals of its two ends,
//! so a drag re-routes only the edges of the dragged nodes.

use crate::canvas::culling::Culling;
use crate::editor::Editor;
use leptos::prelude::*;
use migraflow_core::route::{route, End};
use migraflow_core::{EdgeId, EdgeKind, NodeKind, Severity};

/// What an edge view needs from the plan, compared cheaply by its memo.
#[derive(Clone, Debug, PartialEq)]
struct EdgeData {
    kind: EdgeKind,
    from: (migraflow_core::NodeId, NodeKind),
    to: (migraflow_core::NodeId, NodeKind),
    label: String,
}

#[component]
pub fn EdgeView(id: EdgeId) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let data = Memo::new(move |_| {
        editor.plan.with(|p| {
            let e = p.edge(id)?;
            Some(EdgeData {
                kind: e.kind,
                from: (e.from, p.node(e.from)?.kind),
                to: (e.to, p.node(e.to)?.kind),
                label: e.label.clone(),
            })
        })
    });

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
/// label text, the accessible name and the memos of its selection and
/// badge are made here, not at mount, so an edge that is never drawn costs
/// none of them. Once drawn, it is hidden while `near` is false.
fn drawing(editor: Editor, id: EdgeId, d: &EdgeData, near: ArcRwSignal<bool>) -> impl IntoView {
    let selected = Memo::new(move |_| editor.selection.with(|s| s.edges.contains(&id)));
    let badge = Memo::new(move |_| editor.badges.with(|b| b.edges.get(&id).copied()));
    let from = editor.geometry.signal(d.from.0);
    let to = editor.geometry.signal(d.to.0);
    let (from_kind, to_kind, kind) = (d.from.1, d.to.1, d.kind);
    let routed = Memo::new(move |_| {
        route(
            kind,
            End {
                at: from.get(),
                kind: from_kind,
            },
            End {
                at: to.get(),
                kind: to_kind,
            },
        )
    });
    let path = move || routed.with(|r| r.d.clone());
    let label = &d.label;
    let has_label = !label.trim().is_empty();
    let label_width = 8.0 + 6.6 * label.chars().count().min(40) as f64;
    let label_text: String = if label.chars().count() > 40 {
        format!("{}…", label.chars().take(39).collect::<String>())
    } else {
        label.clone()
    };
    let label_transform =
        move || routed.with(|r| format!("translate({} {})", r.label_at.x, r.label_at.y));
    let aria = format!(
        "{} edge{}",
        kind.label(),
        if has_label {
            format!(": {label}")
        } else {
            String::new()
        }
    );
    view! {
        <g
            class="drawing"
            class:culled=move || !near.get()
            class:selected=move || selected.get()
            class:has-error=move || badge.get().is_some_and(|b| b.severity == Severity::Error)
            class:has-warning=move || badge.get().is_some_and(|b| b.severity == Severity::Warning)
            role="button"
            aria-label=aria
        >
            <path class="hit" d=path />
            <path class="line" d=path marker-end=format!("url(#arrow-{})", kind.as_str()) />
            {has_label
                .then(|| {
                    view! {
                        <g class="edge-label" transform=label_transform>
                            <rect x=-label_width / 2.0 y="-9" width=label_width height="18" rx="4" />
                            <text text-anchor="middle" dominant-baseline="central">
                                {label_text}
                            </text>
                        </g>
                    }
                })}
            {move || {
                badge
                    .get()
                    .map(|b| {
                        view! {
                            <g
                                class=format!("badge {}", b.severity.as_str())
                                data-badge=b.severity.as_str()
                                transform=move || {
                                    routed
                                        .with(|r| {
                                            format!(
                                                "translate({} {})",
                                                r.label_at.x,
                                                r.label_at.y - if has_label { 18.0 } else { 0.0 },
                                            )
                                        })
                                }
                            >
                                <circle r="8" />
                                <text text-anchor="middle" dominant-baseline="central">
                                    "!"
                                </text>
                            </g>
                        }
                    })
            }}
        </g>
    }
}
