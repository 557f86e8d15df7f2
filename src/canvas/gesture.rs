//! Pointer gestures on the canvas: drag nodes, pan, pinch, box-select,
//! connect from a port, reconnect an edge by dragging one of its ends.
//!
//! A gesture starts on the element pressed (node, port, edge, background)
//! and is then followed by the canvas element, which captures the pointer so
//! moves and the release arrive even outside it. Moves only set position
//! signals; the release records one undoable step.

use crate::canvas::menu::{MenuFor, MenuState};
use crate::editor::Editor;
use crate::selection::Selection;
use crate::viewport::Viewport;
use leptos::prelude::*;
use migraflow_core::shape::Rect;
use migraflow_core::{Edge, EdgeId, EdgeKind, Edit, NodeId, Point};
use rustc_hash::FxHashMap;
use wasm_bindgen::JsCast;

/// Pixels the pointer may travel before a press becomes a drag.
const CLICK_SLOP: f64 = 3.0;

#[derive(Clone, Debug)]
enum Gesture {
    Idle,
    /// Dragging nodes; `origins` are their positions when it began.
    Drag {
        start: Point,
        origins: Vec<(NodeId, Point)>,
        moved: bool,
    },
    Pan {
        start: Point,
        viewport: Viewport,
        moved: bool,
    },
    /// Two pointers on the background: zoom about their midpoint.
    Pinch {
        distance: f64,
        viewport: Viewport,
    },
    BoxSelect {
        start: Point,
        additive: bool,
    },
    /// Drawing a line from `from`: a new edge, or, with `moving`, the edge
    /// whose other end (the target end when `true`) is being moved.
    Connect {
        from: NodeId,
        moving: Option<(EdgeId, bool)>,
    },
}

/// A line being drawn from a port to the pointer.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ConnectPreview {
    pub from: Point,
    pub to: Point,
    pub kind: EdgeKind,
}

/// Pointer gesture state, shared through context with node and edge views.
#[derive(Clone, Copy)]
pub struct Gestures {
    editor: Editor,
    /// The canvas `<svg>`, bound by the canvas when it mounts.
    pub svg: NodeRef<leptos::svg::Svg>,
    state: StoredValue<Gesture>,
    /// Screen positions of the pointers currently down.
    pointers: StoredValue<FxHashMap<i32, Point>>,
    /// The kind new connections get (the toolbar's choice).
    pub connect_kind: RwSignal<EdgeKind>,
    pub connect_preview: RwSignal<Option<ConnectPreview>>,
    pub box_preview: RwSignal<Option<Rect>>,
    /// The canvas menu shown, if any (menu.rs).
    pub menu: RwSignal<Option<MenuState>>,
}

impl Gestures {
    pub fn new(editor: Editor, svg: NodeRef<leptos::svg::Svg>) -> Gestures {
        Gestures {
            editor,
            svg,
            state: StoredValue::new(Gesture::Idle),
            pointers: StoredValue::new(FxHashMap::default()),
            connect_kind: RwSignal::new(EdgeKind::Forward),
            connect_preview: RwSignal::new(None),
            box_preview: RwSignal::new(None),
            menu: RwSignal::new(None),
        }
    }

    /// The canvas `<svg>` element, once mounted.
    pub fn svg_element(&self) -> Option<web_sys::SvgElement> {
        self.svg.get_untracked()
    }

    /// The pointer's position relative to the canvas element.
    fn screen_point(&self, ev: &web_sys::MouseEvent) -> Point {
        let Some(svg) = self.svg.get_untracked() else {
            return Point::new(ev.offset_x() as f64, ev.offset_y() as f64);
        };
        let rect = svg.get_bounding_client_rect();
        Point::new(
            ev.client_x() as f64 - rect.left(),
            ev.client_y() as f64 - rect.top(),
        )
    }

    /// Where a mouse or pointer event is, on the canvas element (screen)
    /// and in canvas coordinates.
    pub fn points(&self, ev: &web_sys::MouseEvent) -> (Point, Point) {
        let screen = self.screen_point(ev);
        (
            screen,
            self.editor.viewport.get_untracked().to_canvas(screen),
        )
    }

    fn canvas_point(&self, ev: &web_sys::MouseEvent) -> Point {
        self.editor
            .viewport
            .get_untracked()
            .to_canvas(self.screen_point(ev))
    }

    fn capture(&self, ev: &web_sys::PointerEvent) {
        if let Some(svg) = self.svg.get_untracked() {
            let el: &web_sys::Element = svg.unchecked_ref();
            let _ = el.set_pointer_capture(ev.pointer_id());
        }
        let p = self.screen_point(ev);
        self.pointers.update_value(|m| {
            m.insert(ev.pointer_id(), p);
        });
    }

    /// A press on a node: select it (shift toggles) and start dragging the
    /// selection.
    pub fn press_node(&self, id: NodeId, ev: &web_sys::PointerEvent) {
        let editor = self.editor;
        if ev.shift_key() || ev.meta_key() || ev.ctrl_key() {
            editor.selection.update(|s| s.toggle_node(id));
        } else if !editor.selection.with_untracked(|s| s.nodes.contains(&id)) {
            editor.selection.set(Selection::node(id));
        }
        let origins: Vec<(NodeId, Point)> = editor.selection.with_untracked(|s| {
            s.nodes
                .iter()
                .map(|n| (*n, editor.geometry.get_untracked(*n)))
                .collect()
        });
        if origins.is_empty() {
            return;
        }
        self.capture(ev);
        self.state.set_value(Gesture::Drag {
            start: self.canvas_point(ev),
            origins,
            moved: false,
        });
    }

    /// A press on a node's port: start drawing a connection.
    pub fn press_port(&self, id: NodeId, ev: &web_sys::PointerEvent) {
        self.start_line(id, self.kind_for(ev), None, ev);
    }

    /// A press on a selected edge's end handle: the line is drawn from the
    /// end that stays, and the release reconnects the other.
    pub fn press_end(&self, id: EdgeId, target_end: bool, ev: &web_sys::PointerEvent) {
        let edge = self
            .editor
            .plan
            .with_untracked(|p| p.edges.get(&id).cloned());
        if let Some(e) = edge {
            let stays = if target_end { e.from } else { e.to };
            self.start_line(stays, e.kind, Some((id, target_end)), ev);
        }
    }

    fn start_line(
        &self,
        from: NodeId,
        kind: EdgeKind,
        moving: Option<(EdgeId, bool)>,
        ev: &web_sys::PointerEvent,
    ) {
        self.capture(ev);
        self.connect_preview.set(Some(ConnectPreview {
            from: self.editor.geometry.get_untracked(from),
            to: self.canvas_point(ev),
            kind,
        }));
        self.state.set_value(Gesture::Connect { from, moving });
    }

    /// A press on an edge selects it (shift toggles).
    pub fn press_edge(&self, id: EdgeId, ev: &web_sys::PointerEvent) {
        if ev.shift_key() || ev.meta_key() || ev.ctrl_key() {
            self.editor.selection.update(|s| s.toggle_edge(id));
        } else {
            self.editor.selection.set(Selection::edge(id));
        }
    }

    /// A press on the empty canvas: pan, or box-select with shift; a
    /// second finger turns a pan into a pinch.
    pub fn press_background(&self, ev: &web_sys::PointerEvent) {
        self.capture(ev);
        let two = self.pointers.with_value(|m| m.len() >= 2);
        if two {
            self.state.set_value(Gesture::Pinch {
                distance: self.pinch_distance(),
                viewport: self.editor.viewport.get_untracked(),
            });
            return;
        }
        if ev.shift_key() {
            let start = self.canvas_point(ev);
            self.box_preview.set(Some(Rect {
                x: start.x,
                y: start.y,
                width: 0.0,
                height: 0.0,
            }));
            self.state.set_value(Gesture::BoxSelect {
                start,
                additive: ev.ctrl_key() || ev.meta_key(),
            });
        } else {
            self.state.set_value(Gesture::Pan {
                start: self.screen_point(ev),
                viewport: self.editor.viewport.get_untracked(),
                moved: false,
            });
        }
    }

    fn pinch_distance(&self) -> f64 {
        self.pointers.with_value(|m| {
            let mut it = m.values();
            match (it.next(), it.next()) {
                (Some(a), Some(b)) => ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt(),
                _ => 0.0,
            }
        })
    }

    fn kind_for(&self, ev: &web_sys::PointerEvent) -> EdgeKind {
        if ev.alt_key() {
            EdgeKind::Rollback
        } else {
            self.connect_kind.get_untracked()
        }
    }

    pub fn on_move(&self, ev: &web_sys::PointerEvent) {
        let screen = self.screen_point(ev);
        let known = self
            .pointers
            .try_update_value(|m| m.get_mut(&ev.pointer_id()).map(|p| *p = screen).is_some());
        if known != Some(true) {
            return;
        }
        let editor = self.editor;
        let mut state = self.state.get_value();
        match &mut state {
            Gesture::Idle => {}
            Gesture::Drag {
                start,
                origins,
                moved,
            } => {
                let now = self.canvas_point(ev);
                let (dx, dy) = (now.x - start.x, now.y - start.y);
                let zoom = editor.viewport.get_untracked().zoom;
                if !*moved && dx.hypot(dy) * zoom < CLICK_SLOP {
                    return;
                }
                *moved = true;
                for (id, origin) in origins.iter() {
                    let p = editor.snapped(Point::new(origin.x + dx, origin.y + dy));
                    editor.geometry.set(*id, p);
                }
            }
            Gesture::Pan {
                start,
                viewport,
                moved,
            } => {
                let (dx, dy) = (screen.x - start.x, screen.y - start.y);
                if !*moved && dx.hypot(dy) < CLICK_SLOP {
                    return;
                }
                *moved = true;
                editor.viewport.set(Viewport {
                    x: viewport.x + dx,
                    y: viewport.y + dy,
                    zoom: viewport.zoom,
                });
            }
            Gesture::Pinch { distance, viewport } => {
                let now = self.pinch_distance();
                if *distance > 0.0 && now > 0.0 {
                    let mid = self.pointers.with_value(|m| {
                        let n = m.len().max(1) as f64;
                        let (sx, sy) = m.values().fold((0.0, 0.0), |a, p| (a.0 + p.x, a.1 + p.y));
                        Point::new(sx / n, sy / n)
                    });
                    editor
                        .viewport
                        .set(viewport.zoomed_at(mid, now / *distance));
                }
            }
            Gesture::BoxSelect { start, .. } => {
                let now = self.canvas_point(ev);
                self.box_preview.set(Some(Rect {
                    x: start.x.min(now.x),
                    y: start.y.min(now.y),
                    width: (now.x - start.x).abs(),
                    height: (now.y - start.y).abs(),
                }));
            }
            Gesture::Connect { moving, .. } => {
                let to = self.canvas_point(ev);
                // A moved end keeps its edge's kind; a new line follows Alt.
                let kind = moving.is_none().then(|| self.kind_for(ev));
                self.connect_preview.update(|p| {
                    if let Some(p) = p {
                        p.to = to;
                        p.kind = kind.unwrap_or(p.kind);
                    }
                });
            }
        }
        self.state.set_value(state);
    }

    pub fn on_up(&self, ev: &web_sys::PointerEvent) {
        let was_down = self
            .pointers
            .try_update_value(|m| m.remove(&ev.pointer_id()).is_some())
            .unwrap_or(false);
        if !was_down {
            return;
        }
        let editor = self.editor;
        let state = self.state.get_value();
        self.state.set_value(Gesture::Idle);
        match state {
            Gesture::Idle | Gesture::Pinch { .. } => {}
            Gesture::Drag { origins, moved, .. } => {
                if moved {
                    editor.commit_drag(origins);
                }
            }
            Gesture::Pan { moved, .. } => {
                if !moved {
                    editor.selection.set(Selection::default());
                }
            }
            Gesture::BoxSelect { additive, .. } => {
                if let Some(rect) = self.box_preview.get_untracked() {
                    let hits = nodes_in(editor, &rect);
                    editor.selection.update(|s| {
                        if !additive {
                            *s = Selection::default();
                        }
                        s.nodes.extend(hits);
                    });
                }
                self.box_preview.set(None);
            }
            Gesture::Connect {
                from,
                moving: Some((id, target_end)),
            } => {
                self.connect_preview.set(None);
                let edge = editor.plan.with_untracked(|p| p.edges.get(&id).cloned());
                match (node_at(editor, self.canvas_point(ev)), edge) {
                    (Some(node), Some(mut e)) if node != from => {
                        *if target_end { &mut e.to } else { &mut e.from } = node;
                        editor.apply("Reconnect edge", Edit::UpdateEdge(e));
                    }
                    // Dropped on its own node or on empty canvas: unchanged.
                    _ => {}
                }
            }
            Gesture::Connect { from, moving: None } => {
                self.connect_preview.set(None);
                let at = self.canvas_point(ev);
                match node_at(editor, at) {
                    Some(to) if to != from => {
                        connect(editor, self.kind_for(ev), from, to);
                    }
                    Some(_) => {}
                    // On empty canvas: offer the kinds of node to create
                    // there, already connected (React Flow, draw.io).
                    None => {
                        let (screen, at) = self.points(ev);
                        let kind = self.kind_for(ev);
                        self.menu.set(Some(MenuState {
                            screen,
                            at,
                            target: MenuFor::Link { from, kind },
                        }));
                    }
                }
            }
        }
    }

    /// The pointer was taken away (e.g. by the browser): end the gesture as
    /// if released where it was, keeping what was done so far.
    pub fn on_cancel(&self, ev: &web_sys::PointerEvent) {
        self.on_up(ev);
    }
}

/// Adds an edge of `kind` as one undoable step.
pub fn connect(editor: Editor, kind: EdgeKind, from: NodeId, to: NodeId) -> bool {
    let id = editor.plan.with_untracked(|p| p.next_edge_id());
    let label = format!("Connect ({})", kind.label().to_ascii_lowercase());
    editor.apply(&label, Edit::AddEdge(Edge::new(id, kind, from, to)))
}

/// The topmost node whose footprint holds `at`.
pub fn node_at(editor: Editor, at: Point) -> Option<NodeId> {
    editor.plan.with_untracked(|p| {
        p.nodes
            .values()
            .rev()
            .find(|n| {
                let r = Rect::around(editor.geometry.get_untracked(n.id), n.kind);
                at.x >= r.x && at.x <= r.right() && at.y >= r.y && at.y <= r.bottom()
            })
            .map(|n| n.id)
    })
}

/// Nodes whose footprint touches `rect`.
fn nodes_in(editor: Editor, rect: &Rect) -> Vec<NodeId> {
    editor.plan.with_untracked(|p| {
        p.nodes
            .values()
            .filter(|n| Rect::around(editor.geometry.get_untracked(n.id), n.kind).intersects(rect))
            .map(|n| n.id)
            .collect()
    })
}
