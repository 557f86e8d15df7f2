//! The SVG canvas: viewport, edges, nodes, and the previews of gestures in
//! progress. Test hooks (SPEC §9): `svg[data-testid=canvas]`, one
//! `g[data-node-id][data-kind]` per node and one
//! `g[data-edge-id][data-kind][data-from][data-to]` per edge.

pub mod culling;
pub mod edge_view;
pub mod focus;
pub mod gesture;
pub mod hit;
pub mod menu;
pub mod minimap;
pub mod node_view;
pub mod records;
pub mod routes;
pub mod stage_view;

use crate::editor::{CanvasSize, Editor};
use crate::panels::palette::{add_node_at, DRAG_TYPE};
use crate::selection::Selection;
use edge_view::EdgeView;
use gesture::Gestures;
use hit::{hit, Hit};
use leptos::prelude::*;
use menu::{CanvasMenu, MenuFor, MenuState};
use migraflow_core::decimal::Num;
use migraflow_core::{EdgeId, NodeId, NodeKind, Point};
use minimap::Minimap;
use node_view::NodeView;

/// Calls `report(width, height)` whenever `el` changes size (and once at
/// the start). The observer lives until disconnected.
fn observe_size(
    el: &web_sys::SvgElement,
    report: impl Fn(f64, f64) + 'static,
) -> Option<web_sys::ResizeObserver> {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        let rect = entries
            .get(0)
            .dyn_into::<web_sys::ResizeObserverEntry>()
            .ok()
            .map(|entry| entry.content_rect());
        if let Some(r) = rect.filter(|r| r.width() > 0.0 && r.height() > 0.0) {
            report(r.width(), r.height());
        }
    });
    let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
    observer.observe(el);
    // The observer calls back for as long as the page lives.
    callback.forget();
    Some(observer)
}

/// A listener added with `passive: false`; removed when dropped.
struct Listener {
    target: web_sys::EventTarget,
    name: &'static str,
    callback: wasm_bindgen::closure::Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        use wasm_bindgen::JsCast;
        let _ = self
            .target
            .remove_event_listener_with_callback(self.name, self.callback.as_ref().unchecked_ref());
    }
}

fn listen_not_passive<E: wasm_bindgen::JsCast + 'static>(
    el: &web_sys::SvgElement,
    name: &'static str,
    handler: impl Fn(E) + 'static,
) -> Option<Listener> {
    use wasm_bindgen::JsCast;
    let callback = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new(
        move |ev: web_sys::Event| {
            if let Ok(ev) = ev.dyn_into::<E>() {
                handler(ev);
            }
        },
    );
    let options = web_sys::AddEventListenerOptions::new();
    options.set_passive(false);
    el.add_event_listener_with_callback_and_add_event_listener_options(
        name,
        callback.as_ref().unchecked_ref(),
        &options,
    )
    .ok()?;
    Some(Listener {
        target: el.clone().into(),
        name,
        callback,
    })
}

/// Arrowheads, one per edge kind so each can take its kind's colour.
fn markers() -> impl IntoView {
    ["forward", "rollback", "validation", "preview"]
        .into_iter()
        .map(|kind| {
            view! {
                <marker
                    id=format!("arrow-{kind}")
                    class=format!("arrow {kind}")
                    viewBox="0 0 10 10"
                    refX="9"
                    refY="5"
                    markerWidth="7"
                    markerHeight="7"
                    orient="auto-start-reverse"
                >
                    <path d="M0 0 L10 5 L0 10 z" />
                </marker>
            }
        })
        .collect_view()
}

#[component]
pub fn Canvas(children: Children) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let gestures = expect_context::<Gestures>();
    let svg = gestures.svg;

    let node_ids = move || {
        editor
            .plan
            .with(|p| p.nodes.keys().copied().collect::<Vec<NodeId>>())
    };
    let edge_ids = move || {
        editor
            .plan
            .with(|p| p.edges.keys().copied().collect::<Vec<EdgeId>>())
    };

    // Keep the editor told of the canvas size, for fit-to-view and panning.
    // A ResizeObserver reports it after the browser's own layout, so
    // nothing here forces a synchronous layout of thousands of nodes.
    Effect::new(move |_| {
        let Some(el) = svg.get() else { return };
        let first = StoredValue::new(true);
        let observer = observe_size(&el, move |width, height| {
            editor.canvas_size.set(CanvasSize { width, height });
            // The first report replaces the estimate the document opened
            // with; show it again with the true size.
            if first.get_value() {
                first.set_value(false);
                editor.opening_view();
            }
        });
        on_cleanup(move || {
            if let Some(o) = observer {
                o.disconnect();
            }
        });
    });
    // Show each newly opened document.
    Effect::new(move |_| {
        editor.loaded.track();
        editor.opening_view();
    });

    let on_wheel = move |ev: web_sys::WheelEvent| {
        ev.prevent_default();
        let Some(el) = svg.get_untracked() else {
            return;
        };
        let r = el.get_bounding_client_rect();
        let at = Point::new(
            ev.client_x() as f64 - r.left(),
            ev.client_y() as f64 - r.top(),
        );
        // Lines and pages as pixels, so every mouse and trackpad feels alike.
        let scale = match ev.delta_mode() {
            1 => 16.0,
            2 => r.height(),
            _ => 1.0,
        };
        let (dx, dy) = (ev.delta_x() * scale, ev.delta_y() * scale);
        if ev.ctrl_key() || ev.meta_key() {
            // Pinch on a trackpad arrives as ctrl+wheel.
            let factor = (-dy * 0.002).exp();
            editor.viewport.update(|v| *v = v.zoomed_at(at, factor));
        } else {
            editor.viewport.update(|v| {
                v.x -= dx;
                v.y -= dy;
            });
        }
    };

    // Wheel: listened to on the canvas itself and not passive, so zooming
    // can stop the page from scrolling or zooming (a delegated listener at
    // the document would be passive).
    Effect::new(move |_| {
        let Some(el) = svg.get() else { return };
        let listener = listen_not_passive(&el, "wheel", on_wheel);
        // Held in the arena (local storage: closures are not `Send`) and
        // dropped, which removes the listener, when the canvas goes.
        let listener = StoredValue::new_local(listener);
        on_cleanup(move || listener.dispose());
    });
    view! {
        <div class="canvas-wrap">
            <svg
                data-testid="canvas"
                class="canvas"
                node_ref=svg
                role="application"
                aria-label="Migration plan canvas"
                tabindex="0"
                on:pointerdown=move |ev| {
                    let primary = ev.button() == 0;
                    match hit(&ev) {
                        Hit::Port(id) if primary => gestures.press_port(id, &ev),
                        Hit::Node(id) if primary => gestures.press_node(id, &ev),
                        Hit::Edge(id) if primary => gestures.press_edge(id, &ev),
                        Hit::EdgeEnd(id, to) if primary => gestures.press_end(id, to, &ev),
                        _ if primary || ev.pointer_type() == "touch" => gestures.press_background(&ev),
                        _ => {}
                    }
                }
                on:keydown=move |ev| {
                    if let Some(el) = svg.get_untracked() {
                        if focus::on_tab(editor, &el, &ev) {
                            return;
                        }
                    }
                    if let Hit::Node(id) = hit(&ev) {
                        if ev.key() == "Enter" || ev.key() == " " {
                            ev.prevent_default();
                            editor.selection.set(Selection::node(id));
                            crate::panels::inspector::focus_first_field();
                        }
                    }
                }
                on:focusin=move |ev| focus::on_focus_in(editor, &ev)
                on:dblclick=move |ev| {
                    // A double-click on empty canvas adds a phase there. The
                    // pointer is captured by the canvas during a press, so
                    // the event's target may be the canvas even on a node:
                    // ask the geometry too.
                    let (_, at) = gestures.points(&ev);
                    let empty = hit(&ev) == Hit::Background
                        && gesture::node_at(editor, at).is_none();
                    if empty && editor.locked.get_untracked().is_none() {
                        add_node_at(editor, NodeKind::Phase, at, None);
                    }
                }
                on:contextmenu=move |ev| {
                    ev.prevent_default();
                    if editor.locked.get_untracked().is_some() {
                        return;
                    }
                    let (screen, at) = gestures.points(&ev);
                    let target = match hit(&ev) {
                        Hit::Node(id) | Hit::Port(id) => MenuFor::Node(id),
                        Hit::Edge(id) | Hit::EdgeEnd(id, _) => MenuFor::Edge(id),
                        Hit::Background => MenuFor::Background,
                    };
                    gestures.menu.set(Some(MenuState { screen, at, target }));
                }
                on:dragover=move |ev: web_sys::DragEvent| {
                    // Accept what the palette drags, nothing else.
                    let ours = ev
                        .data_transfer()
                        .is_some_and(|d| d.types().includes(&DRAG_TYPE.into(), 0));
                    if ours {
                        ev.prevent_default();
                    }
                }
                on:drop=move |ev: web_sys::DragEvent| {
                    let kind = ev
                        .data_transfer()
                        .and_then(|d| d.get_data(DRAG_TYPE).ok())
                        .and_then(|k| NodeKind::parse(&k));
                    if let Some(kind) = kind {
                        ev.prevent_default();
                        let (_, at) = gestures.points(&ev);
                        add_node_at(editor, kind, at, None);
                    }
                }
                on:pointermove=move |ev| gestures.on_move(&ev)
                on:pointerup=move |ev| gestures.on_up(&ev)
                on:pointercancel=move |ev| gestures.on_cancel(&ev)
            >
                <defs>{markers()}</defs>
                <rect class="grid-bg" width="100%" height="100%" />
                <g class="viewport" transform=move || editor.viewport.get().transform()>
                    <stage_view::StageBands />
                    <g class="edges">
                        <For each=edge_ids key=|id| *id children=move |id| view! { <EdgeView id /> } />
                    </g>
                    <g class="nodes">
                        <For each=node_ids key=|id| *id children=move |id| view! { <NodeView id /> } />
                    </g>
                    // The previews of a connection and of a box selection,
                    // as markup: a small string per pointer move.
                    <g inner_html=move || {
                        gestures.connect_preview.get().map(|p| {
                            format!(
                                r#"<line class="connect-preview {}" x1="{}" y1="{}" x2="{}" y2="{}" marker-end="url(#arrow-preview)"></line>"#,
                                p.kind.as_str(),
                                Num(p.from.x),
                                Num(p.from.y),
                                Num(p.to.x),
                                Num(p.to.y)
                            )
                        })
                    }></g>
                    <g inner_html=move || {
                        gestures.box_preview.get().map(|r| {
                            format!(
                                r#"<rect class="box-select" x="{}" y="{}" width="{}" height="{}"></rect>"#,
                                Num(r.x),
                                Num(r.y),
                                Num(r.width),
                                Num(r.height)
                            )
                        })
                    }></g>
                </g>
            </svg>
            <Minimap />
            <CanvasMenu />
            <div class="canvas-overlay">{children()}</div>
        </div>
    }
}
