//! The editor state shared through context: one `Copy` handle to the open
//! document, its history, selection, viewport and derived findings.
//!
//! The plan (topology and content) is one signal; positions are per-node
//! signals ([`SignalGeometry`]). Validation is a memo over the plan alone,
//! so dragging never re-validates. Every change goes through [`Editor::apply`]
//! (or the drag's [`Editor::commit_drag`]), which records an undoable step.

use crate::selection::Selection;
use crate::signal_geometry::SignalGeometry;
use crate::viewport::Viewport;
use leptos::prelude::*;
use migraflow_core::drawing::Badge;
use migraflow_core::flow_order::Item;
use migraflow_core::rules::validate;
use migraflow_core::{Document, EdgeId, Edit, Finding, History, Layout, NodeId, Plan, Point};
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// A message shown to the user in the status area, optionally with one
/// action (such as "Undo delete").
#[derive(Clone, Debug)]
pub struct Notice {
    pub text: String,
    pub tone: Tone,
    pub action: Option<NoticeAction>,
}

/// A button on a notice. Held by reference count, not in the reactive
/// arena: the view that raised the notice may be gone before the click.
#[derive(Clone)]
pub struct NoticeAction {
    pub label: String,
    pub run: Arc<dyn Fn() + Send + Sync>,
}

impl std::fmt::Debug for NoticeAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NoticeAction")
            .field("label", &self.label)
            .finish()
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Tone {
    Info,
    Warning,
    Error,
}

/// Findings indexed by the node and edge they are about, built once per
/// validation so each canvas item looks up its badge in O(1).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Badges {
    pub nodes: FxHashMap<NodeId, Badge>,
    pub edges: FxHashMap<EdgeId, Badge>,
}

impl Badges {
    fn of(findings: &[Finding]) -> Badges {
        let mut badges = Badges::default();
        for f in findings {
            for id in &f.nodes {
                let b = badges.nodes.get(id).copied();
                badges.nodes.insert(*id, Badge::add(b, f));
            }
            for id in &f.edges {
                let b = badges.edges.get(id).copied();
                badges.edges.insert(*id, Badge::add(b, f));
            }
        }
        badges
    }
}

/// The canvas element's size in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CanvasSize {
    pub width: f64,
    pub height: f64,
}

/// The editor: a bundle of signals, cheap to copy into every closure.
#[derive(Clone, Copy)]
pub struct Editor {
    pub plan: RwSignal<Plan>,
    pub geometry: SignalGeometry,
    history: StoredValue<History>,
    /// (can undo, can redo), refreshed after every history operation.
    pub undo_state: RwSignal<(bool, bool)>,
    pub selection: RwSignal<Selection>,
    pub viewport: RwSignal<Viewport>,
    pub canvas_size: RwSignal<CanvasSize>,
    pub findings: Memo<Vec<Finding>>,
    pub badges: Memo<Badges>,
    pub notice: RwSignal<Option<Notice>>,
    /// Snap dragged and added nodes to the grid.
    pub snap: RwSignal<bool>,
    /// Bumped whenever a document is loaded, so views can refit.
    pub loaded: RwSignal<u64>,
    /// Bumped after every change to the document (plan or geometry), so
    /// autosave and other observers of "anything changed" need not track
    /// every position signal.
    pub revision: RwSignal<u64>,
    /// While a run is shown the plan is read-only (SPEC §6): edits that
    /// change the plan are refused with this reason. Positions may move.
    pub locked: RwSignal<Option<&'static str>>,
    /// How the shown run marks the canvas; `None` while no run is shown.
    pub run_marks: RwSignal<Option<Arc<RunMarks>>>,
}

/// The canvas marks of a shown run: the current node, the nodes visited,
/// the edges taken and the rollbacks among them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RunMarks {
    pub current: Option<NodeId>,
    pub visited: rustc_hash::FxHashSet<NodeId>,
    pub taken: rustc_hash::FxHashSet<EdgeId>,
    pub rolled_back: rustc_hash::FxHashSet<EdgeId>,
}

/// Grid size for snapping, in canvas units.
pub const GRID: f64 = 20.0;

/// The smallest zoom at which node titles are comfortably readable.
const READABLE_ZOOM: f64 = 0.6;

/// How far down the canvas the floating toolbar reaches, in screen pixels
/// (it wraps onto a second row in narrow windows); a fitted plan goes
/// below it. Read from the page once per fit, which is rare.
fn toolbar_inset() -> f64 {
    let rect = |selector: &str| {
        let el = web_sys::window()?
            .document()?
            .query_selector(selector)
            .ok()??;
        Some(el.get_bounding_client_rect())
    };
    match (
        rect(".canvas-overlay .toolbar"),
        rect("svg[data-testid=canvas]"),
    ) {
        (Some(bar), Some(canvas)) => (bar.bottom() - canvas.top() + 4.0).clamp(0.0, 200.0),
        _ => 48.0,
    }
}

/// The canvas size before it has been measured: the window less the
/// panels around it (see style/main.css). Read without layout, so a
/// document can be placed in view before its first frame.
fn estimated_canvas_size() -> CanvasSize {
    let window = web_sys::window();
    let read = |v: Option<Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>>| {
        v.and_then(Result::ok).and_then(|v| v.as_f64())
    };
    let width = read(window.as_ref().map(|w| w.inner_width())).unwrap_or(1400.0);
    let height = read(window.as_ref().map(|w| w.inner_height())).unwrap_or(900.0);
    CanvasSize {
        width: (width - 148.0 - 340.0).max(320.0),
        height: (height - 44.0).max(240.0),
    }
}

impl Editor {
    pub fn new() -> Editor {
        let plan = RwSignal::new(Plan::default());
        let findings = Memo::new(move |_| plan.with(validate));
        let badges = Memo::new(move |_| findings.with(|f| Badges::of(f)));
        Editor {
            plan,
            geometry: SignalGeometry::new(),
            history: StoredValue::new(History::default()),
            undo_state: RwSignal::new((false, false)),
            selection: RwSignal::new(Selection::default()),
            viewport: RwSignal::new(Viewport::default()),
            canvas_size: RwSignal::new(estimated_canvas_size()),
            findings,
            badges,
            notice: RwSignal::new(None),
            snap: RwSignal::new(true),
            loaded: RwSignal::new(0),
            revision: RwSignal::new(0),
            locked: RwSignal::new(None),
            run_marks: RwSignal::new(None),
        }
    }

    /// Refuses (with a notice) a change to the plan while it is locked.
    fn refuse_if_locked(&self, touches_plan: bool) -> bool {
        match self.locked.get_untracked() {
            Some(reason) if touches_plan => {
                self.tell(Tone::Warning, reason.to_string());
                true
            }
            _ => false,
        }
    }

    /// Applies an edit as one undoable step. On failure nothing changes and
    /// the reason is shown.
    pub fn apply(&self, label: &str, edit: Edit) -> bool {
        if self.refuse_if_locked(edit.touches_plan()) {
            return false;
        }
        let mut geo = self.geometry;
        let result = self.history.try_update_value(|history| {
            if edit.touches_plan() {
                self.plan
                    .try_update(|plan| history.apply(label, edit, plan, &mut geo))
            } else {
                self.plan
                    .try_update_untracked(|plan| history.apply(label, edit, plan, &mut geo))
            }
        });
        self.refresh_undo_state();
        match result.flatten() {
            Some(Ok(_)) => true,
            Some(Err(err)) => {
                self.tell(Tone::Warning, format!("{label}: {err}"));
                false
            }
            None => false,
        }
    }

    pub fn undo(&self) {
        self.shift(true);
    }

    pub fn redo(&self) {
        self.shift(false);
    }

    fn shift(&self, undo: bool) {
        let mut geo = self.geometry;
        self.history.update_value(|history| {
            let touches = if undo {
                history.next_undo_touches_plan()
            } else {
                history.next_redo_touches_plan()
            };
            let Some(touches) = touches else { return };
            if self.refuse_if_locked(touches) {
                return;
            }
            let mut run = |plan: &mut Plan| {
                if undo {
                    history.undo(plan, &mut geo)
                } else {
                    history.redo(plan, &mut geo)
                }
            };
            if touches {
                self.plan.update(|plan| {
                    run(plan);
                });
            } else {
                self.plan.update_untracked(|plan| {
                    run(plan);
                });
            }
        });
        self.prune_selection();
        self.refresh_undo_state();
    }

    fn refresh_undo_state(&self) {
        self.revision.update(|r| *r += 1);
        let state = self.history.with_value(|h| (h.can_undo(), h.can_redo()));
        if self.undo_state.get_untracked() != state {
            self.undo_state.set(state);
        }
    }

    /// Records a drag that already moved nodes live: `from` holds where
    /// each moved node started.
    pub fn commit_drag(&self, from: Vec<(NodeId, Point)>) {
        let moved = from
            .iter()
            .any(|(id, p)| self.geometry.get_untracked(*id) != *p);
        if !moved {
            return;
        }
        let label = if from.len() == 1 {
            "Move node"
        } else {
            "Move nodes"
        };
        self.history
            .update_value(|h| h.record(label, Edit::Move(from)));
        self.refresh_undo_state();
    }

    /// Opens a document with a fresh history (start-up, switching
    /// documents): nothing to undo into.
    pub fn open(&self, doc: Document) {
        let mut geo = self.geometry;
        let edit = Edit::Replace(Box::new(doc));
        self.plan.update(|plan| {
            let _ = edit.apply(plan, &mut geo);
        });
        self.history.update_value(History::clear);
        self.refresh_undo_state();
        self.selection.set(Selection::default());
        self.loaded.update(|n| *n += 1);
    }

    /// The open document with its current positions.
    pub fn document(&self) -> Document {
        let plan = self.plan.get_untracked();
        let mut layout = Layout {
            direction: self.geometry.direction.get_untracked(),
            ..Layout::default()
        };
        for id in plan.nodes.keys() {
            layout
                .positions
                .insert(*id, self.geometry.get_untracked(*id));
        }
        Document { plan, layout }
    }

    /// Drops selected ids that no longer exist (after undo or delete).
    pub fn prune_selection(&self) {
        let keep = self.plan.with_untracked(|p| {
            self.selection.with_untracked(|s| Selection {
                nodes: s
                    .nodes
                    .iter()
                    .copied()
                    .filter(|id| p.nodes.contains_key(id))
                    .collect(),
                edges: s
                    .edges
                    .iter()
                    .copied()
                    .filter(|id| p.edges.contains_key(id))
                    .collect(),
            })
        });
        if self.selection.with_untracked(|s| *s != keep) {
            self.selection.set(keep);
        }
    }

    /// Deletes everything selected as one step.
    pub fn delete_selection(&self) {
        let sel = self.selection.get_untracked();
        if sel.is_empty() {
            return;
        }
        let mut edits: Vec<Edit> = sel
            .edges
            .iter()
            .filter(|e| {
                // Edges of deleted nodes go with their node.
                self.plan.with_untracked(|p| {
                    p.edge(**e)
                        .is_some_and(|e| !sel.nodes.contains(&e.from) && !sel.nodes.contains(&e.to))
                })
            })
            .map(|e| Edit::RemoveEdge(*e))
            .collect();
        edits.extend(sel.nodes.iter().map(|n| Edit::RemoveNode(*n)));
        let count = sel.nodes.len() + sel.edges.len();
        let label = if count == 1 {
            "Delete"
        } else {
            "Delete selection"
        };
        if self.apply(label, Edit::Batch(edits)) {
            self.selection.set(Selection::default());
        }
    }

    /// Shows a message in the status area.
    pub fn tell(&self, tone: Tone, text: impl Into<String>) {
        self.notice.set(Some(Notice {
            text: text.into(),
            tone,
            action: None,
        }));
    }

    /// Shows a message with one action button.
    pub fn tell_with_action(
        &self,
        tone: Tone,
        text: impl Into<String>,
        label: impl Into<String>,
        action: impl Fn() + Send + Sync + 'static,
    ) {
        self.notice.set(Some(Notice {
            text: text.into(),
            tone,
            action: Some(NoticeAction {
                label: label.into(),
                run: Arc::new(action),
            }),
        }));
    }

    /// The drawing's bounds: the nodes, the lanes and labels of the
    /// routes that reach beyond them, and the stage bands.
    fn bounds(&self) -> Option<migraflow_core::shape::Rect> {
        self.plan.with_untracked(|p| {
            let nodes = migraflow_core::shape::bounds(
                p.nodes
                    .values()
                    .map(|n| (self.geometry.get_untracked(n.id), n.kind)),
            )?;
            let routes = crate::canvas::routes::plan_routes(*self, p);
            let drawn = routes
                .as_deref()
                .and_then(crate::canvas::routes::drawn_bounds);
            let bands = crate::canvas::stage_view::bands(*self, p, drawn);
            Some(
                drawn
                    .into_iter()
                    .chain(migraflow_core::stages::bands_bounds(&bands))
                    .fold(nodes, |all, more| all.union(&more)),
            )
        })
    }

    /// Fits the whole plan into the canvas.
    pub fn fit_view(&self) {
        let size = self.canvas_size.get_untracked();
        if let Some(b) = self.bounds() {
            self.viewport.set(Viewport::fitting(
                b,
                size.width,
                size.height,
                toolbar_inset(),
            ));
        }
    }

    /// The view a freshly opened document gets: whole if readable, else
    /// its beginning at a readable zoom.
    pub fn opening_view(&self) {
        let size = self.canvas_size.get_untracked();
        if let Some(b) = self.bounds() {
            self.viewport.set(Viewport::opening(
                b,
                size.width,
                size.height,
                toolbar_inset(),
                READABLE_ZOOM,
            ));
        }
    }

    /// Selects the one item a finding is about, so the inspector shows
    /// it, and pans it into the centre.
    pub fn reveal(&self, item: Item) {
        self.selection.set(match item {
            Item::Node(id) => Selection::node(id),
            Item::Edge(id) => Selection::edge(id),
        });
        if let Some(p) = self.item_point(item) {
            let size = self.canvas_size.get_untracked();
            self.viewport
                .update(|v| *v = v.centred_on(p, size.width, size.height));
        }
    }

    /// Zooms one round step in or out (or to 100 % with `None`), about
    /// the centre of the canvas.
    pub fn zoom_step(&self, up: Option<bool>) {
        let size = self.canvas_size.get_untracked();
        let centre = Point::new(size.width / 2.0, size.height / 2.0);
        self.viewport.update(|v| {
            *v = match up {
                Some(up) => v.stepped(centre, up),
                None => v.zoomed_to(centre, 1.0),
            }
        });
    }

    /// Pans so that `point` is in view, when it is not (the view follows
    /// the keyboard focus); the zoom stays.
    pub fn bring_into_view(&self, point: Point) {
        let size = self.canvas_size.get_untracked();
        let v = self.viewport.get_untracked();
        if !v.shows(point, size.width, size.height, 60.0) {
            self.viewport
                .set(v.centred_on(point, size.width, size.height));
        }
    }

    /// The centre of a node, or the middle of an edge's ends.
    pub fn item_point(&self, item: Item) -> Option<Point> {
        match item {
            // Positions are centres (core::shape::Rect::around).
            Item::Node(id) => self
                .plan
                .with_untracked(|p| p.nodes.contains_key(&id))
                .then(|| self.geometry.get_untracked(id)),
            Item::Edge(id) => {
                let edge = self.plan.with_untracked(|p| p.edge(id).cloned())?;
                let (a, b) = (
                    self.geometry.get_untracked(edge.from),
                    self.geometry.get_untracked(edge.to),
                );
                Some(Point::new((a.x + b.x) / 2.0, (a.y + b.y) / 2.0))
            }
        }
    }

    /// Where a new node goes: the centre of the view, snapped if enabled.
    pub fn drop_point(&self) -> Point {
        let size = self.canvas_size.get_untracked();
        let p = self
            .viewport
            .get_untracked()
            .to_canvas(Point::new(size.width / 2.0, size.height / 2.0));
        self.snapped(p)
    }

    pub fn snapped(&self, p: Point) -> Point {
        if self.snap.get_untracked() {
            p.snapped(GRID)
        } else {
            p
        }
    }
}
