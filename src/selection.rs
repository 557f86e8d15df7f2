//! What is selected on the canvas.

use migraflow_core::id_set::IdSet;
use migraflow_core::{EdgeId, NodeId};

/// Selected nodes and edges.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Selection {
    pub nodes: IdSet<NodeId>,
    pub edges: IdSet<EdgeId>,
}

impl Selection {
    pub fn node(id: NodeId) -> Selection {
        Selection {
            nodes: IdSet::from([id]),
            edges: IdSet::new(),
        }
    }

    pub fn edge(id: EdgeId) -> Selection {
        Selection {
            nodes: IdSet::new(),
            edges: IdSet::from([id]),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty() && self.edges.is_empty()
    }

    /// The one selected node, when exactly one thing is selected.
    pub fn single_node(&self) -> Option<NodeId> {
        (self.nodes.len() == 1 && self.edges.is_empty()).then(|| *self.nodes.first().unwrap())
    }

    /// What the inspector shows for this selection.
    pub fn subject(&self) -> migraflow_core::inspect::Subject {
        use migraflow_core::inspect::Subject;
        match (self.single_node(), self.single_edge()) {
            (Some(id), _) => Subject::Node(id),
            (_, Some(id)) => Subject::Edge(id),
            _ if self.is_empty() => Subject::Plan,
            _ => Subject::Several(self.nodes.len() + self.edges.len()),
        }
    }

    /// The one selected edge, when exactly one thing is selected.
    pub fn single_edge(&self) -> Option<EdgeId> {
        (self.edges.len() == 1 && self.nodes.is_empty()).then(|| *self.edges.first().unwrap())
    }

    /// Adds the node, or removes it when already selected (shift-click).
    pub fn toggle_node(&mut self, id: NodeId) {
        if !self.nodes.remove(&id) {
            self.nodes.insert(id);
        }
    }

    pub fn toggle_edge(&mut self, id: EdgeId) {
        if !self.edges.remove(&id) {
            self.edges.insert(id);
        }
    }
}
