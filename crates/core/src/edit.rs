//! Undoable edits of a document.
//!
//! Every change a user makes is an [`Edit`]. Applying one returns its
//! inverse, so undo is "apply the inverse" and redo is "apply the inverse of
//! the inverse"; no edit needs hand-written undo logic beyond saying what it
//! replaced. Edits are atomic: a [`Edit::Batch`] that fails half-way is
//! rolled back before the error is returned.
//!
//! Edits run against a [`Plan`] and any [`Geometry`], so the browser app can
//! keep positions in per-node signals and still share this code.

use crate::document::Document;
use crate::geometry::{Direction, Geometry, Point};
use crate::id::{EdgeId, NodeId};
use crate::plan::{Edge, Node, Plan};
use std::fmt;

/// One undoable change.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Adds a node at a position. The id must be free.
    AddNode {
        node: Node,
        at: Point,
    },
    /// Removes a node, together with every edge touching it.
    RemoveNode(NodeId),
    /// Replaces a node's content (any field, including its kind).
    UpdateNode(Node),
    /// Adds an edge. The id must be free and both ends must exist.
    AddEdge(Edge),
    RemoveEdge(EdgeId),
    /// Replaces an edge (kind, label or ends).
    UpdateEdge(Edge),
    /// Moves nodes; the only edit that leaves the plan untouched.
    Move(Vec<(NodeId, Point)>),
    /// Renames the plan.
    SetTitle(String),
    /// Chooses the rule pack the plan is checked by.
    SetPack(crate::pack::Pack),
    /// Sets the direction automatic layout flows in; leaves the plan
    /// untouched, like [`Edit::Move`].
    SetDirection(Direction),
    /// Replaces the whole document (load, import, new from template).
    Replace(Box<Document>),
    /// Several edits as one step, applied in order.
    Batch(Vec<Edit>),
}

/// Why an edit could not be applied. The document is unchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditError {
    NoSuchNode(NodeId),
    NoSuchEdge(EdgeId),
    NodeIdTaken(NodeId),
    EdgeIdTaken(EdgeId),
    /// An edge from a node to itself.
    SelfLoop(NodeId),
    /// An edge of the same kind between the same nodes already exists.
    DuplicateEdge {
        from: NodeId,
        to: NodeId,
    },
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::NoSuchNode(id) => write!(f, "node {id} does not exist"),
            EditError::NoSuchEdge(id) => write!(f, "edge {id} does not exist"),
            EditError::NodeIdTaken(id) => write!(f, "node id {id} is already used"),
            EditError::EdgeIdTaken(id) => write!(f, "edge id {id} is already used"),
            EditError::SelfLoop(id) => write!(f, "a node cannot connect to itself ({id})"),
            EditError::DuplicateEdge { from, to } => {
                write!(f, "an edge of that kind from {from} to {to} already exists")
            }
        }
    }
}

impl std::error::Error for EditError {}

impl Edit {
    /// Whether applying this edit can change the plan (topology or content).
    /// Only [`Edit::Move`] cannot: the editor relies on this to skip
    /// re-validation while nodes are dragged.
    pub fn touches_plan(&self) -> bool {
        match self {
            Edit::Move(_) | Edit::SetDirection(_) => false,
            Edit::Batch(edits) => edits.iter().any(Edit::touches_plan),
            _ => true,
        }
    }

    /// Applies the edit to a whole document; returns the inverse edit.
    pub fn apply_to(&self, doc: &mut Document) -> Result<Edit, EditError> {
        self.apply(&mut doc.plan, &mut doc.layout)
    }

    /// Applies the edit; returns the edit that undoes it.
    pub fn apply(&self, plan: &mut Plan, geo: &mut dyn Geometry) -> Result<Edit, EditError> {
        match self {
            Edit::AddNode { node, at } => {
                if plan.nodes.contains_key(&node.id) {
                    return Err(EditError::NodeIdTaken(node.id));
                }
                plan.nodes.insert(node.id, node.clone());
                geo.set_position(node.id, Some(*at));
                Ok(Edit::RemoveNode(node.id))
            }
            Edit::RemoveNode(id) => {
                let node = plan
                    .nodes
                    .get(id)
                    .ok_or(EditError::NoSuchNode(*id))?
                    .clone();
                let touching: Vec<EdgeId> = plan.edges_touching(*id).map(|e| e.id).collect();
                // Undo re-adds the node first, then its edges.
                let mut undo = vec![Edit::AddNode {
                    node,
                    at: geo.position(*id).unwrap_or_default(),
                }];
                for edge_id in touching {
                    if let Some(edge) = plan.edges.remove(&edge_id) {
                        undo.push(Edit::AddEdge(edge));
                    }
                }
                plan.nodes.remove(id);
                geo.set_position(*id, None);
                Ok(Edit::Batch(undo))
            }
            Edit::UpdateNode(node) => {
                let slot = plan
                    .nodes
                    .get_mut(&node.id)
                    .ok_or(EditError::NoSuchNode(node.id))?;
                let old = std::mem::replace(slot, node.clone());
                Ok(Edit::UpdateNode(old))
            }
            Edit::AddEdge(edge) => {
                check_edge(plan, edge, None)?;
                plan.edges.insert(edge.id, edge.clone());
                Ok(Edit::RemoveEdge(edge.id))
            }
            Edit::RemoveEdge(id) => {
                let edge = plan.edges.remove(id).ok_or(EditError::NoSuchEdge(*id))?;
                Ok(Edit::AddEdge(edge))
            }
            Edit::UpdateEdge(edge) => {
                if !plan.edges.contains_key(&edge.id) {
                    return Err(EditError::NoSuchEdge(edge.id));
                }
                check_edge(plan, edge, Some(edge.id))?;
                let old = plan
                    .edges
                    .insert(edge.id, edge.clone())
                    .expect("checked above");
                Ok(Edit::UpdateEdge(old))
            }
            Edit::Move(moves) => {
                if let Some((id, _)) = moves.iter().find(|(id, _)| !plan.nodes.contains_key(id)) {
                    return Err(EditError::NoSuchNode(*id));
                }
                let undo = moves
                    .iter()
                    .map(|(id, to)| {
                        let from = geo.position(*id).unwrap_or_default();
                        geo.set_position(*id, Some(*to));
                        (*id, from)
                    })
                    .collect();
                Ok(Edit::Move(undo))
            }
            Edit::SetTitle(title) => Ok(Edit::SetTitle(std::mem::replace(
                &mut plan.title,
                title.clone(),
            ))),
            Edit::SetPack(pack) => Ok(Edit::SetPack(std::mem::replace(&mut plan.pack, *pack))),
            Edit::SetDirection(direction) => {
                let old = geo.direction();
                geo.set_direction(*direction);
                Ok(Edit::SetDirection(old))
            }
            Edit::Replace(doc) => {
                let old_positions: Vec<(NodeId, Point)> = plan
                    .nodes
                    .keys()
                    .map(|id| (*id, geo.position(*id).unwrap_or_default()))
                    .collect();
                for id in plan.nodes.keys() {
                    geo.set_position(*id, None);
                }
                let mut old = Document {
                    plan: std::mem::replace(plan, doc.plan.clone()),
                    ..Document::default()
                };
                for (id, p) in old_positions {
                    old.layout.set_position(id, Some(p));
                }
                old.layout.direction = geo.direction();
                geo.set_direction(doc.layout.direction);
                for id in plan.nodes.keys() {
                    geo.set_position(*id, Some(doc.layout.at(*id)));
                }
                Ok(Edit::Replace(Box::new(old)))
            }
            Edit::Batch(edits) => {
                let mut undo = Vec::with_capacity(edits.len());
                for edit in edits {
                    match edit.apply(plan, geo) {
                        Ok(inverse) => undo.push(inverse),
                        Err(err) => {
                            for inverse in undo.iter().rev() {
                                inverse
                                    .apply(plan, geo)
                                    .expect("the inverse of an applied edit applies");
                            }
                            return Err(err);
                        }
                    }
                }
                undo.reverse();
                Ok(Edit::Batch(undo))
            }
        }
    }
}

/// Checks that `edge` may be stored: ends exist, no self-loop, no duplicate
/// (ignoring the edge `replacing`, when an edge is being updated in place).
fn check_edge(plan: &Plan, edge: &Edge, replacing: Option<EdgeId>) -> Result<(), EditError> {
    if replacing.is_none() && plan.edges.contains_key(&edge.id) {
        return Err(EditError::EdgeIdTaken(edge.id));
    }
    for end in [edge.from, edge.to] {
        if !plan.nodes.contains_key(&end) {
            return Err(EditError::NoSuchNode(end));
        }
    }
    if edge.from == edge.to {
        return Err(EditError::SelfLoop(edge.from));
    }
    let duplicate = plan.edges.values().any(|e| {
        Some(e.id) != replacing && e.kind == edge.kind && e.from == edge.from && e.to == edge.to
    });
    if duplicate {
        return Err(EditError::DuplicateEdge {
            from: edge.from,
            to: edge.to,
        });
    }
    Ok(())
}
