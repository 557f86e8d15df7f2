//! Repairs made while loading, each reported as a [`LoadWarning`].
//!
//! A document that is well-formed but inconsistent — hand-edited, merged
//! in git, written by a buggy tool — is repaired rather than refused, as
//! long as what is kept means what the file said. The repairs are below;
//! their warnings come in file order (the title, then node by node, then
//! edge by edge), each with the path of the element as the file has it,
//! so `nodes[2]` is the third node written.
//!
//! 1. **Text caps.** A one-line text (document and node title, edge label,
//!    owner, approver, planned duration, conditions, go criteria, check
//!    name and threshold)
//!    longer than [`MAX_LINE_CHARS`] characters, and notes or SQL longer
//!    than [`MAX_LONG_TEXT_BYTES`] bytes, are cut at a character boundary
//!    and end in `…`, so that a cut line is exactly at its cap and a cut
//!    note within 3 bytes of it.
//! 2. **Duplicate node ids.** The first node with an id keeps it; each
//!    later node with the same id gets a fresh id: one above the highest
//!    id in the file (or, when that is `u32::MAX`, the lowest unused id).
//!    Edges naming the id keep pointing at the first node.
//! 3. **Positions.** A coordinate is usable when it is a JSON number whose
//!    magnitude is at most [`MAX_COORDINATE`]. A node whose `x` or `y` is
//!    missing, not a number (`null` included) or beyond that is placed
//!    anew, in file order, on a grid below the others: rows of
//!    [`NODES_PER_ROW`], [`COLUMN_GAP`] apart, the first row [`ROW_GAP`]
//!    below the lowest placed node and starting at the leftmost one's `x`
//!    (at [`FIRST_SLOT`] when no node has a usable position).
//! 4. **Edges**, in file order. An edge is dropped when an end names no
//!    node, when it goes from a node to itself, or when an earlier kept
//!    edge has the same kind, `from` and `to`. A kept edge whose id an
//!    earlier kept edge has gets a fresh id, chosen as for nodes.
//!
//! A repaired document saved and loaded again needs no repair.

use super::limits::{MAX_LINE_CHARS, MAX_LONG_TEXT_BYTES};
use super::stored::{ReadDocument, ReadNode};
use crate::document::Document;
use crate::geometry::{Geometry, Point, MAX_COORDINATE};
use crate::id::{EdgeId, NodeId};
use crate::plan::{Edge, EdgeKind, Node};
use rustc_hash::FxHashMap;
use serde_json::Value;
use std::fmt;

/// Nodes per row of the grid that unplaced nodes are put on.
const NODES_PER_ROW: usize = 10;
/// Horizontal distance between two placed nodes of a row.
const COLUMN_GAP: f64 = 220.0;
/// Vertical distance between rows, and from the lowest node to the grid.
const ROW_GAP: f64 = 160.0;
/// Where the grid starts when no node has a usable position.
const FIRST_SLOT: Point = Point::new(80.0, 80.0);

/// One repair made while loading: what was wrong and what was done, and
/// where in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadWarning {
    pub message: String,
    /// The JSON path of the repaired element, e.g. `edges[3]`.
    pub path: String,
}

impl fmt::Display for LoadWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Builds a consistent document from one as read, repairing as the
/// module doc says.
pub(super) fn repair(read: ReadDocument) -> (Document, Vec<LoadWarning>) {
    let mut repairs = Repairs::default();
    let mut doc = Document::default();
    doc.plan.title = read.title;
    doc.layout.direction = read.direction;
    doc.plan.pack = read.pack;
    repairs.cap_line(&mut doc.plan.title, || "title".to_owned());

    let mut node_ids = FreshIds::new(read.nodes.iter().map(|read| read.node.id.0));
    let mut unplaced = Vec::new();
    for (index, ReadNode { mut node, x, y }) in read.nodes.into_iter().enumerate() {
        let path = format!("nodes[{index}]");
        repairs.cap_node_texts(&mut node, &path);
        if doc.plan.nodes.contains_key(&node.id) {
            let fresh = NodeId(node_ids.next());
            repairs.warn(
                &path,
                format!(
                    "Node id {} is already used by an earlier node; this node now has id {fresh} \
                     (edges to {} still go to the earlier node).",
                    node.id, node.id
                ),
            );
            node.id = fresh;
        }
        match usable_position(x.as_ref(), y.as_ref()) {
            Ok(at) => doc.layout.set_position(node.id, Some(at)),
            Err(problem) => {
                repairs.warn(
                    &path,
                    format!(
                        "Node {} had no usable position ({problem}); it was placed below the others.",
                        node.id
                    ),
                );
                unplaced.push(node.id);
            }
        }
        doc.plan.nodes.insert(node.id, node);
    }
    place_below(&mut doc, &unplaced);

    let mut edge_ids = FreshIds::new(read.edges.iter().map(|edge| edge.id.0));
    let mut first_of_kind: FxHashMap<(EdgeKind, NodeId, NodeId), EdgeId> = FxHashMap::default();
    for (index, mut edge) in read.edges.into_iter().enumerate() {
        let path = format!("edges[{index}]");
        if let Some(problem) = reason_to_drop(&doc, &first_of_kind, &edge) {
            repairs.warn(&path, format!("Edge {} was dropped: {problem}.", edge.id));
            continue;
        }
        if doc.plan.edges.contains_key(&edge.id) {
            let fresh = EdgeId(edge_ids.next());
            repairs.warn(
                &path,
                format!(
                    "Edge id {} is already used by an earlier edge; this edge now has id {fresh}.",
                    edge.id
                ),
            );
            edge.id = fresh;
        }
        repairs.cap_line(&mut edge.label, || format!("{path}.label"));
        first_of_kind.insert((edge.kind, edge.from, edge.to), edge.id);
        doc.plan.edges.insert(edge.id, edge);
    }
    (doc, repairs.warnings)
}

/// Why `edge` cannot be kept next to the edges already in `doc`, if it
/// cannot.
fn reason_to_drop(
    doc: &Document,
    first_of_kind: &FxHashMap<(EdgeKind, NodeId, NodeId), EdgeId>,
    edge: &Edge,
) -> Option<String> {
    if let Some(missing) = [edge.from, edge.to]
        .into_iter()
        .find(|end| !doc.plan.nodes.contains_key(end))
    {
        return Some(format!(
            "it goes from {} to {}, and there is no node {missing}",
            edge.from, edge.to
        ));
    }
    if edge.from == edge.to {
        return Some(format!("it connects {} to itself", edge.from));
    }
    first_of_kind
        .get(&(edge.kind, edge.from, edge.to))
        .map(|first| {
            format!(
                "it repeats edge {first} ({} from {} to {})",
                edge.kind.as_str(),
                edge.from,
                edge.to
            )
        })
}

/// Why a coordinate cannot be used (the module doc's rule 3).
enum Unusable {
    Missing(&'static str),
    NotANumber(&'static str),
    TooFar(&'static str, f64),
}

impl fmt::Display for Unusable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unusable::Missing(axis) => write!(f, "{axis} is missing"),
            Unusable::NotANumber(axis) => write!(f, "{axis} is not a number"),
            Unusable::TooFar(axis, v) => write!(
                f,
                "{axis} = {} is beyond ±{}",
                // Floats through `Num` (crate::decimal), for size.
                crate::decimal::Num(*v),
                crate::decimal::Num(MAX_COORDINATE)
            ),
        }
    }
}

fn usable_position(x: Option<&Value>, y: Option<&Value>) -> Result<Point, Unusable> {
    Ok(Point::new(
        usable_coordinate("x", x)?,
        usable_coordinate("y", y)?,
    ))
}

fn usable_coordinate(axis: &'static str, value: Option<&Value>) -> Result<f64, Unusable> {
    let value = value.ok_or(Unusable::Missing(axis))?;
    let v = value.as_f64().ok_or(Unusable::NotANumber(axis))?;
    // serde_json never yields a non-finite number; checked all the same so
    // the rule holds whatever the reader.
    if !v.is_finite() || v.abs() > MAX_COORDINATE {
        return Err(Unusable::TooFar(axis, v));
    }
    Ok(v)
}

/// Puts `unplaced` on the grid of the module doc's rule 3.
fn place_below(doc: &mut Document, unplaced: &[NodeId]) {
    let placed = doc.layout.positions.values();
    let (left, top) = placed
        .fold(None, |corner: Option<(f64, f64)>, at| {
            Some(match corner {
                None => (at.x, at.y + ROW_GAP),
                Some((left, top)) => (left.min(at.x), top.max(at.y + ROW_GAP)),
            })
        })
        .unwrap_or((FIRST_SLOT.x, FIRST_SLOT.y));
    for (slot, id) in unplaced.iter().enumerate() {
        let column = (slot % NODES_PER_ROW) as f64;
        let row = (slot / NODES_PER_ROW) as f64;
        // Clamped so that the new position is itself usable: a document
        // whose lowest node sits at the edge must not be repaired again on
        // its next load.
        let at = Point::new(
            (left + column * COLUMN_GAP).min(MAX_COORDINATE),
            (top + row * ROW_GAP).min(MAX_COORDINATE),
        );
        doc.layout.set_position(*id, Some(at));
    }
}

/// Hands out ids that no element of the file uses.
struct FreshIds {
    taken: crate::id_set::IdSet<u32>,
}

impl FreshIds {
    fn new(ids_in_file: impl Iterator<Item = u32>) -> FreshIds {
        FreshIds {
            taken: ids_in_file.collect(),
        }
    }

    /// One above the highest id taken; the lowest free id if that would
    /// overflow (the caps keep far fewer ids than `u32` has, so one is free).
    fn next(&mut self) -> u32 {
        let id = match self.taken.last() {
            None => 1,
            Some(&u32::MAX) => (1..=u32::MAX)
                .find(|id| !self.taken.contains(id))
                .expect("the size caps leave free ids"),
            Some(&highest) => highest + 1,
        };
        self.taken.insert(id);
        id
    }
}

/// The warnings of one load, and the text caps that make them.
#[derive(Default)]
struct Repairs {
    warnings: Vec<LoadWarning>,
}

impl Repairs {
    fn warn(&mut self, path: &str, message: String) {
        self.warnings.push(LoadWarning {
            message,
            path: path.to_owned(),
        });
    }

    fn cap_node_texts(&mut self, node: &mut Node, path: &str) {
        self.cap_line(&mut node.title, || format!("{path}.title"));
        self.cap_line(&mut node.owner, || format!("{path}.owner"));
        self.cap_line(&mut node.approver, || format!("{path}.approver"));
        self.cap_line(&mut node.planned_duration, || {
            format!("{path}.planned_duration")
        });
        self.cap_line(&mut node.planned_start, || format!("{path}.planned_start"));
        for (field, lines) in [
            ("entry_conditions", &mut node.entry_conditions),
            ("exit_conditions", &mut node.exit_conditions),
            ("go_criteria", &mut node.go_criteria),
        ] {
            for (k, line) in lines.iter_mut().enumerate() {
                self.cap_line(line, || format!("{path}.{field}[{k}]"));
            }
        }
        for (k, check) in node.checks.iter_mut().enumerate() {
            self.cap_line(&mut check.name, || format!("{path}.checks[{k}].name"));
            self.cap_line(&mut check.threshold, || {
                format!("{path}.checks[{k}].threshold")
            });
        }
        self.cap_long(&mut node.notes, || format!("{path}.notes"));
        self.cap_long(&mut node.sql, || format!("{path}.sql"));
    }

    fn cap_line(&mut self, text: &mut String, path: impl FnOnce() -> String) {
        let chars = text.chars().count();
        if chars > MAX_LINE_CHARS {
            let cut = text
                .char_indices()
                .nth(MAX_LINE_CHARS - 1)
                .map_or(text.len(), |(at, _)| at);
            text.truncate(cut);
            text.push('…');
            self.warn(
                &path(),
                format!("Text of {chars} characters was cut to {MAX_LINE_CHARS}."),
            );
        }
    }

    fn cap_long(&mut self, text: &mut String, path: impl FnOnce() -> String) {
        let bytes = text.len();
        if bytes > MAX_LONG_TEXT_BYTES {
            let mut cut = MAX_LONG_TEXT_BYTES - '…'.len_utf8();
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text.truncate(cut);
            text.push('…');
            self.warn(
                &path(),
                format!("Text of {bytes} bytes was cut to {MAX_LONG_TEXT_BYTES} bytes."),
            );
        }
    }
}
