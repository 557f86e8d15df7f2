//! Off-screen culling: nodes and edges far outside the view are not drawn.
//!
//! Every node and edge keeps its `<g>` (with its test hooks) in the DOM;
//! what is culled is its drawing. A view draws its content the first time
//! it comes near the viewport and hides it (`display: none`) whenever it
//! is far outside, so the browser lays out, paints and layerizes only what
//! can be seen. That is what keeps a drag on a 5,000-node plan cheap: the
//! cost of a frame follows what is on screen, not the size of the plan.
//!
//! Visibility is recomputed in one pass over positions when the viewport,
//! the canvas size or the document changes (O(nodes + edges) arithmetic),
//! and only the signals that flip are set. Export turns culling off
//! ([`Culling::show_all`]) so pictures hold the whole plan.

use crate::editor::Editor;
use crate::per_item::PerItem;
use leptos::prelude::*;
use migraflow_core::shape::{size, Rect};
use migraflow_core::{EdgeId, NodeId};

/// How far beyond the visible area (in screens) things are still drawn, so
/// a small pan never shows an empty border.
const MARGIN_SCREENS: f64 = 0.5;

#[derive(Clone, Copy)]
pub struct Culling {
    nodes: PerItem<NodeId, bool>,
    edges: PerItem<EdgeId, bool>,
    /// Draw everything (exports, tests that need every element).
    pub show_all: RwSignal<bool>,
}

impl Culling {
    /// Creates the culling state and keeps it up to date for `editor`.
    pub fn start(editor: Editor) -> Culling {
        let culling = Culling {
            nodes: PerItem::new(),
            edges: PerItem::new(),
            show_all: RwSignal::new(false),
        };
        Effect::new(move |_| {
            let viewport = editor.viewport.get();
            let canvas = editor.canvas_size.get();
            editor.revision.track();
            let all = culling.show_all.get();
            let seen = viewport.visible(canvas.width, canvas.height);
            let area = Rect {
                x: seen.x - seen.width * MARGIN_SCREENS,
                y: seen.y - seen.height * MARGIN_SCREENS,
                width: seen.width * (1.0 + 2.0 * MARGIN_SCREENS),
                height: seen.height * (1.0 + 2.0 * MARGIN_SCREENS),
            };
            editor.plan.with(|plan| {
                for n in plan.nodes.values() {
                    let r = Rect::around(editor.geometry.get_untracked(n.id), n.kind);
                    culling.nodes.set(n.id, all || r.intersects(&area));
                }
                for e in plan.edges.values() {
                    let (Some(a), Some(b)) = (plan.node(e.from), plan.node(e.to)) else {
                        continue;
                    };
                    let (pa, pb) = (
                        editor.geometry.get_untracked(a.id),
                        editor.geometry.get_untracked(b.id),
                    );
                    // The box spanned by both ends, deep enough below for a
                    // rollback's lane.
                    let depth = size(a.kind).1.max(size(b.kind).1) + 160.0;
                    let span = Rect {
                        x: pa.x.min(pb.x),
                        y: pa.y.min(pb.y) - depth,
                        width: (pa.x - pb.x).abs(),
                        height: (pa.y - pb.y).abs() + 2.0 * depth,
                    };
                    culling.edges.set(e.id, all || span.intersects(&area));
                }
            });
        });
        culling
    }

    /// Whether node `id` is near the view (reactive).
    pub fn node(&self, id: NodeId) -> ArcRwSignal<bool> {
        self.nodes.signal(id)
    }

    /// Whether edge `id` is near the view (reactive).
    pub fn edge(&self, id: EdgeId) -> ArcRwSignal<bool> {
        self.edges.signal(id)
    }
}

impl Culling {
    /// Draws every node and edge and waits until the DOM shows them, for
    /// exports; call [`Culling::resume`] afterwards.
    pub async fn draw_everything(&self) {
        self.show_all.set(true);
        // Effects run before the next frame; by then the DOM is complete.
        let frame = js_sys::Promise::new(&mut |resolve, _| {
            let called = web_sys::window().map(|w| w.request_animation_frame(&resolve));
            if !matches!(called, Some(Ok(_))) {
                let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            }
        });
        let _ = wasm_bindgen_futures::JsFuture::from(frame).await;
    }

    /// Goes back to drawing only what is near the view.
    pub fn resume(&self) {
        self.show_all.set(false);
    }
}
