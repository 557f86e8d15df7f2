//! An overview of the whole plan with the visible area marked; click or
//! drag in it to move the view there. Drawn as one path, so thousands of
//! nodes cost one DOM element; it refreshes on plan changes and after each
//! drag, not on every pointer move.

use crate::editor::Editor;
use leptos::prelude::*;
// Fixed, not `{:.1}`: a float's precision links the exact float formatter (size).
use migraflow_core::decimal::{Fixed, Num};
use migraflow_core::shape::{bounds, Rect};
use migraflow_core::Point;
use std::fmt::Write;

const WIDTH: f64 = 200.0;
const HEIGHT: f64 = 130.0;

#[component]
pub fn Minimap() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let hidden = expect_context::<crate::panels::room::Room>().minimap_hidden;
    // Geometry is read untracked: the minimap follows committed changes
    // (the revision moves after every edit and drag), not each pointer move.
    let picture = Memo::new(move |_| {
        editor.revision.track();
        if hidden.get() {
            return None;
        }
        editor.plan.with(|p| {
            let items: Vec<(Point, migraflow_core::NodeKind)> = p
                .nodes
                .values()
                .map(|n| (editor.geometry.get_untracked(n.id), n.kind))
                .collect();
            let b = bounds(items.iter().copied())?.inflated(40.0);
            let scale = (WIDTH / b.width).min(HEIGHT / b.height);
            let mut d = String::with_capacity(items.len() * 24);
            for (at, kind) in items {
                let r = Rect::around(at, kind);
                let _ = write!(
                    d,
                    "M{} {}h{}v{}h{}z",
                    Fixed((r.x - b.x) * scale, 1),
                    Fixed((r.y - b.y) * scale, 1),
                    Fixed(r.width * scale, 1),
                    Fixed(r.height * scale, 1),
                    Fixed(-r.width * scale, 1)
                );
            }
            Some((d, b, scale))
        })
    });
    let visible = move || {
        let (_, b, scale) = picture.get()?;
        let size = editor.canvas_size.get();
        let v = editor.viewport.get().visible(size.width, size.height);
        Some(Rect {
            x: (v.x - b.x) * scale,
            y: (v.y - b.y) * scale,
            width: v.width * scale,
            height: v.height * scale,
        })
    };
    let pressed = StoredValue::new(false);
    let go = move |ev: &web_sys::PointerEvent| {
        let Some((_, b, scale)) = picture.get_untracked() else {
            return;
        };
        let target = Point::new(
            b.x + ev.offset_x() as f64 / scale,
            b.y + ev.offset_y() as f64 / scale,
        );
        let size = editor.canvas_size.get_untracked();
        editor
            .viewport
            .update(|v| *v = v.centred_on(target, size.width, size.height));
    };
    let big_enough = move || editor.plan.with(|p| p.nodes.len() >= 12);

    view! {
        // Hidden, not removed, below twelve nodes.
        <div class="minimap-box" hidden=move || !big_enough()>
            <button
                class="minimap-toggle"
                aria-label=move || if hidden.get() { "Show overview" } else { "Hide overview" }
                on:click=move |_| hidden.update(|h| *h = !*h)
            >
                {move || if hidden.get() { "Overview" } else { "×" }}
            </button>
            <svg
                class="minimap"
                // Floats as text through `Num`, for size (migraflow_core::decimal).
                width=Num(WIDTH).to_string()
                height=Num(HEIGHT).to_string()
                role="img"
                aria-label="Overview of the plan; click to move the view"
                on:pointerdown=move |ev| {
                    pressed.set_value(true);
                    go(&ev);
                }
                on:pointermove=move |ev| {
                    if pressed.get_value() {
                        go(&ev);
                    }
                }
                on:pointerup=move |_| pressed.set_value(false)
                on:pointerleave=move |_| pressed.set_value(false)
            >
                <path class="minimap-nodes" d=move || picture.with(|p| p.as_ref().map(|p| p.0.clone()).unwrap_or_default()) />
                // The visible area as markup: one string per view change.
                <g inner_html=move || {
                    visible().map(|r| {
                        format!(
                            r#"<rect class="minimap-view" x="{}" y="{}" width="{}" height="{}"></rect>"#,
                            Num(r.x),
                            Num(r.y),
                            Num(r.width),
                            Num(r.height)
                        )
                    })
                }></g>
            </svg>
        </div>
    }
}
