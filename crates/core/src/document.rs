//! A document: a plan together with its layout, the unit that is saved,
//! loaded, exported and undone.

use crate::geometry::{Geometry, Layout, Point};
use crate::id::{EdgeId, NodeId};
use crate::plan::{Edge, EdgeKind, Node, NodeKind, Plan};

/// A migration plan and where its nodes sit.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    pub plan: Plan,
    pub layout: Layout,
}

impl Document {
    pub fn new(title: impl Into<String>) -> Document {
        Document {
            plan: Plan::new(title),
            layout: Layout::default(),
        }
    }

    /// Adds a node with the next free id; returns the id. For building
    /// documents in code (templates, tests, generators), not for edits a
    /// user can undo — those go through [`crate::Edit`].
    pub fn add_node(&mut self, kind: NodeKind, title: &str, at: Point) -> NodeId {
        self.insert_node(Node::new(self.plan.next_node_id(), kind, title), at)
    }

    /// Inserts a fully built node at `at`; returns its id.
    pub fn insert_node(&mut self, node: Node, at: Point) -> NodeId {
        let id = node.id;
        self.plan.nodes.insert(id, node);
        self.layout.set_position(id, Some(at));
        id
    }

    /// Adds an edge with the next free id; returns the id.
    pub fn add_edge(&mut self, kind: EdgeKind, from: NodeId, to: NodeId, label: &str) -> EdgeId {
        let id = self.plan.next_edge_id();
        self.plan
            .edges
            .insert(id, Edge::new(id, kind, from, to).labeled(label));
        id
    }

    /// Mutable access to a node built in code.
    pub fn node_mut(&mut self, id: NodeId) -> &mut Node {
        self.plan.nodes.get_mut(&id).expect("node exists")
    }
}
