//! One node on the canvas.
//!
//! A node view reads only its own data: its own record and marks (selected,
//! badge) from records.rs, its own position signal and its own culling
//! signal. Editing another node or dragging it re-renders nothing here.
//! Every reactive object a node holds is paid for thousands of times when
//! a large plan opens, so a node that is never drawn holds as few as it
//! can (see culling.rs). It holds no event listeners: the canvas handles
//! pointer, key and focus events for every node at once (see hit.rs). What
//! a drawn node shows is markup from `migraflow_core::drawing`, set in one
//! DOM call.

use crate::canvas::culling::Culling;
use crate::canvas::records::{Records, RunMark};
use crate::editor::Editor;
use leptos::prelude::*;
use migraflow_core::decimal::Num;
use migraflow_core::drawing::node::{accessible_name, markup};
use migraflow_core::{NodeId, NodeKind};

#[component]
pub fn NodeView(id: NodeId) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let records = expect_context::<Records>();
    let node = records.node(id);
    let marks = records.node_marks(id);
    let selected = {
        let marks = marks.clone();
        move || marks.with(|m| m.selected)
    };
    let position = editor.geometry.signal(id);
    let transform = {
        let position = position.clone();
        move || {
            let p = position.get();
            // `Num`, not `{}` on a float, for size (migraflow_core::decimal).
            format!("translate({} {})", Num(p.x), Num(p.y))
        }
    };
    // Drawn from the first time it comes near the view; hidden, not
    // dropped, when it leaves (see culling.rs).
    let near = expect_context::<Culling>().node(id);
    let drawn = Memo::new({
        let near = near.clone();
        move |before: Option<&bool>| before.copied().unwrap_or(false) || near.get()
    });

    move || {
        let n = node.get()?;
        // What the drawing shows, in its order, with the badge's count.
        let aria = {
            let marks = marks.clone();
            let n = n.clone();
            move || marks.with(|m| accessible_name(&n, m.badge))
        };
        let phase = (n.kind == NodeKind::Phase).then(|| n.phase.as_str());
        let unsafe_phase = n.kind == NodeKind::Phase && !n.safe;
        let near = near.clone();
        let kind = n.kind;
        let aborted = n.aborted && kind == NodeKind::End;
        // The drawing is handed over as markup, one DOM call per node (see
        // migraflow_core::drawing); it changes with the node and its badge.
        let run_mark = {
            let marks = marks.clone();
            move || marks.with(|m| m.run.map(RunMark::as_str))
        };
        let marks = marks.clone();
        let drawing = move || {
            drawn.get().then(|| {
                // Only a drawn node shows its badge.
                let marks = marks.clone();
                let n = n.clone();
                view! { <g class="drawing" inner_html=move || markup(&n, marks.with(|m| m.badge))></g> }
            })
        };
        // One class effect for selection and culling together.
        let class = {
            let selected = selected.clone();
            move || {
                let mut class = String::from("node");
                for (on, name) in [
                    (selected(), " selected"),
                    (!near.get(), " culled"),
                    (unsafe_phase, " unsafe"),
                    (aborted, " aborted"),
                ] {
                    if on {
                        class.push_str(name);
                    }
                }
                class
            }
        };
        Some(view! {
            <g
                class=class
                data-node-id=id.0.to_string()
                data-kind=kind.as_str()
                data-phase=phase
                transform=transform.clone()
                tabindex="-1"
                role="button"
                aria-label=aria
                data-run=run_mark
                aria-pressed={
                    let selected = selected.clone();
                    move || if selected() { "true" } else { "false" }
                }
            >
                {drawing}
            </g>
        })
    }
}
