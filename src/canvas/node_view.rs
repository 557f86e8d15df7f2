//! One node on the canvas.
//!
//! A node view reads only its own data: a memo of its own node record, its
//! own position signal, whether it is selected and, once drawn, its own
//! badge. Editing another node or dragging it re-renders nothing here.
//! Every reactive object a node holds is paid for thousands of times when
//! a large plan opens, so a node that is never drawn holds as few as it
//! can (see culling.rs). It holds no event listeners: the canvas handles
//! pointer, key and focus events for every node at once (see hit.rs).

use crate::canvas::culling::Culling;
use crate::canvas::label::wrap;
use crate::editor::Editor;
use leptos::prelude::*;
use migraflow_core::shape::size;
use migraflow_core::{Node, NodeId, NodeKind, Severity};

/// The SVG outline of a node of `kind`, centred on the origin.
fn outline(kind: NodeKind) -> impl IntoView {
    let (w, h) = size(kind);
    let (hw, hh) = (w / 2.0, h / 2.0);
    match kind {
        NodeKind::Start | NodeKind::End => view! {
            <rect class="shape" x=-hw y=-hh width=w height=h rx=hh ry=hh />
        }
        .into_any(),
        NodeKind::Phase => view! {
            <rect class="shape" x=-hw y=-hh width=w height=h rx="6" ry="6" />
            <rect class="stripe" x=-hw y=-hh width="6" height=h rx="3" ry="3" />
        }
        .into_any(),
        NodeKind::Verification => {
            let inset = hh * 0.6;
            let points = format!(
                "{},0 {},{} {},{} {},0 {},{} {},{}",
                -hw,
                -hw + inset,
                -hh,
                hw - inset,
                -hh,
                hw,
                hw - inset,
                hh,
                -hw + inset,
                hh
            );
            view! { <polygon class="shape" points=points /> }.into_any()
        }
        NodeKind::Gate => {
            let points = format!("0,{} {},0 0,{} {},0", -hh, hw, hh, -hw);
            view! { <polygon class="shape" points=points /> }.into_any()
        }
    }
}

/// The small second line under a node's title.
fn caption(node: &Node) -> String {
    match node.kind {
        NodeKind::Phase if !node.safe => format!("{} · no return", node.phase.label()),
        NodeKind::Phase => node.phase.label().to_string(),
        NodeKind::Verification => match node.checks.len() {
            0 => "no checks".to_string(),
            1 => "1 check".to_string(),
            n => format!("{n} checks"),
        },
        NodeKind::Gate if node.approver.trim().is_empty() => "go / no-go".to_string(),
        NodeKind::Gate => format!("go / no-go · {}", node.approver.trim()),
        NodeKind::End if node.aborted => "aborted".to_string(),
        NodeKind::Start | NodeKind::End => String::new(),
    }
}

/// Characters per title line for each kind's width at the canvas font size.
fn line_width(kind: NodeKind) -> usize {
    match kind {
        NodeKind::Gate => 16,
        NodeKind::Start | NodeKind::End => 17,
        NodeKind::Verification => 21,
        NodeKind::Phase => 23,
    }
}

#[component]
pub fn NodeView(id: NodeId) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let node = Memo::new(move |_| editor.plan.with(|p| p.node(id).cloned()));
    let position = editor.geometry.signal(id);
    // Read straight from the selection, not through a memo of its own:
    // every reactive object a node holds costs memory and time at mount,
    // times thousands of nodes.
    let selected = move || editor.selection.with(|s| s.nodes.contains(&id));

    let transform = {
        let position = position.clone();
        move || {
            let p = position.get();
            format!("translate({} {})", p.x, p.y)
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
        let (w, h) = size(n.kind);
        let caption = caption(&n);
        let aria = format!(
            "{}: {}{}",
            n.kind.label(),
            if n.title.is_empty() {
                "untitled"
            } else {
                &n.title
            },
            if caption.is_empty() {
                String::new()
            } else {
                format!(" ({caption})")
            }
        );
        let phase = (n.kind == NodeKind::Phase).then(|| n.phase.as_str());
        let unsafe_phase = n.kind == NodeKind::Phase && !n.safe;
        let near = near.clone();
        let drawing = move || {
            drawn.get().then(|| {
                // Only a drawn node shows its badge, so only it watches one.
                let badge = Memo::new(move |_| editor.badges.with(|b| b.nodes.get(&id).copied()));
                let lines = wrap(&n.title, line_width(n.kind), 2);
                let first_y = if caption.is_empty() { 0.0 } else { -7.0 }
                    - 8.0 * (lines.len() as f64 - 1.0);
                let title_view = lines
                    .into_iter()
                    .enumerate()
                    .map(|(i, line)| {
                        view! { <tspan x="0" y=first_y + 16.0 * i as f64>{line}</tspan> }
                    })
                    .collect_view();
                let caption_y = h / 2.0 - 10.0;
                view! {
                    {outline(n.kind)}
                    <text class="title" text-anchor="middle" dominant-baseline="central">
                        {title_view}
                    </text>
                    <text class="caption" text-anchor="middle" y=caption_y>
                        {caption.clone()}
                    </text>
                    <circle
                        class="port"
                        cx=w / 2.0
                        cy="0"
                        r="6"
                        aria-hidden="true"
                    />
                    {move || {
                        badge
                            .get()
                            .map(|b| {
                                let tone = match b.severity {
                                    Severity::Error => "badge error",
                                    Severity::Warning => "badge warning",
                                    Severity::Info => "badge info",
                                };
                                view! {
                                    <g
                                        class=tone
                                        transform=format!("translate({} {})", w / 2.0 - 8.0, -h / 2.0)
                                        data-badge=b.severity.as_str()
                                    >
                                        <circle r="9" />
                                        <text text-anchor="middle" dominant-baseline="central">
                                            {b.count}
                                        </text>
                                    </g>
                                }
                            })
                    }}
                }
            })
        };
        // One class effect for selection and culling together.
        let aborted = n.aborted && n.kind == NodeKind::End;
        let class = move || {
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
        };
        Some(view! {
            <g
                class=class
                data-node-id=id.0.to_string()
                data-kind=n.kind.as_str()
                data-phase=phase
                transform=transform.clone()
                tabindex="0"
                role="button"
                aria-label=aria
                aria-pressed=move || if selected() { "true" } else { "false" }
            >
                {drawing}
            </g>
        })
    }
}
