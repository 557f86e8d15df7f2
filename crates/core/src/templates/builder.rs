//! A small builder the templates write their plans with: one call per node
//! or edge, content as plain text, positions from
//! [`crate::layout::auto_layout`] when the plan is finished.

use crate::document::Document;
use crate::geometry::{Geometry, Point};
use crate::id::NodeId;
use crate::plan::{Check, CheckKind, EdgeKind, NodeKind, PhaseTag};

/// The content of a phase node. `Default` is an empty, safe, custom phase.
#[derive(Default)]
pub(super) struct PhaseSpec<'a> {
    pub tag: PhaseTag,
    pub title: &'a str,
    pub owner: &'a str,
    pub notes: &'a str,
    pub entry: &'a [&'a str],
    pub exit: &'a [&'a str],
    /// SQL or commands; surrounding blank lines are trimmed, so a raw string
    /// may start on the line after its opening quote.
    pub sql: &'a str,
    /// After this phase, data is gone: no rollback may return here.
    pub point_of_no_return: bool,
}

impl<'a> PhaseSpec<'a> {
    /// A step of a flow (another pack than migration's): untagged, safe,
    /// with who runs it and a note.
    pub fn step(title: &'a str, owner: &'a str, notes: &'a str) -> PhaseSpec<'a> {
        PhaseSpec {
            title,
            owner,
            notes,
            ..PhaseSpec::default()
        }
    }
}

/// The content of a verification node.
pub(super) struct CheckSpec<'a> {
    pub title: &'a str,
    pub owner: &'a str,
    /// Each check: its family, what is measured, what passes.
    pub checks: &'a [(CheckKind, &'a str, &'a str)],
}

/// The content of a go/no-go gate.
pub(super) struct GateSpec<'a> {
    pub title: &'a str,
    pub approver: &'a str,
    pub go_criteria: &'a [&'a str],
    pub notes: &'a str,
}

impl<'a> GateSpec<'a> {
    /// A flow's decision: a question, with no approver or criteria.
    pub fn decision(title: &'a str) -> GateSpec<'a> {
        GateSpec {
            title,
            approver: "",
            go_criteria: &[],
            notes: "",
        }
    }
}

/// A plan under construction.
pub(super) struct Flow {
    doc: Document,
}

impl Flow {
    pub fn new(title: &str) -> Flow {
        Flow {
            doc: Document::new(title),
        }
    }

    /// A plan checked by another rule pack than `migration`.
    pub fn for_pack(title: &str, pack: crate::pack::Pack) -> Flow {
        let mut flow = Flow::new(title);
        flow.doc.plan.pack = pack;
        flow
    }

    /// Puts `nodes` in the stage `name` (a band on the canvas).
    pub fn stage(&mut self, name: &str, nodes: &[NodeId]) {
        for &id in nodes {
            self.doc.node_mut(id).stage = name.to_string();
        }
    }

    pub fn start(&mut self, title: &str, notes: &str) -> NodeId {
        let id = self.node(NodeKind::Start, title);
        self.doc.node_mut(id).notes = notes.to_string();
        id
    }

    /// A successful end.
    pub fn end(&mut self, title: &str) -> NodeId {
        self.node(NodeKind::End, title)
    }

    pub fn aborted_end(&mut self, title: &str) -> NodeId {
        let id = self.node(NodeKind::End, title);
        self.doc.node_mut(id).aborted = true;
        id
    }

    pub fn phase(&mut self, spec: PhaseSpec<'_>) -> NodeId {
        let id = self.node(NodeKind::Phase, spec.title);
        let node = self.doc.node_mut(id);
        node.phase = spec.tag;
        node.owner = spec.owner.to_string();
        node.notes = spec.notes.to_string();
        node.entry_conditions = lines(spec.entry);
        node.exit_conditions = lines(spec.exit);
        node.sql = spec.sql.trim().to_string();
        node.safe = !spec.point_of_no_return;
        id
    }

    pub fn verification(&mut self, spec: CheckSpec<'_>) -> NodeId {
        let id = self.node(NodeKind::Verification, spec.title);
        let node = self.doc.node_mut(id);
        node.owner = spec.owner.to_string();
        node.checks = spec
            .checks
            .iter()
            .map(|&(kind, name, threshold)| Check {
                kind,
                name: name.to_string(),
                threshold: threshold.to_string(),
            })
            .collect();
        id
    }

    pub fn gate(&mut self, spec: GateSpec<'_>) -> NodeId {
        let id = self.node(NodeKind::Gate, spec.title);
        let node = self.doc.node_mut(id);
        node.approver = spec.approver.to_string();
        node.go_criteria = lines(spec.go_criteria);
        node.notes = spec.notes.to_string();
        id
    }

    /// Unlabelled forward edges along `path`.
    pub fn path(&mut self, path: &[NodeId]) {
        for pair in path.windows(2) {
            self.doc.add_edge(EdgeKind::Forward, pair[0], pair[1], "");
        }
    }

    /// A labelled forward edge: one way out of a node that has several.
    pub fn branch(&mut self, from: NodeId, to: NodeId, condition: &str) {
        self.doc.add_edge(EdgeKind::Forward, from, to, condition);
    }

    pub fn rollback(&mut self, from: NodeId, to: NodeId, label: &str) {
        self.doc.add_edge(EdgeKind::Rollback, from, to, label);
    }

    /// A validation edge from a state to the side monitor that guards it.
    pub fn monitor(&mut self, state: NodeId, check: NodeId, label: &str) {
        self.doc.add_edge(EdgeKind::Validation, state, check, label);
    }

    /// The finished document: its phases and their checks grouped into
    /// the stages their tags suggest ([`crate::stages::suggest`]), laid
    /// out automatically.
    pub fn finish(mut self) -> Document {
        for (id, stage) in crate::stages::suggest(&self.doc.plan) {
            if let Some(node) = self.doc.plan.nodes.get_mut(&id) {
                node.stage = stage.to_owned();
            }
        }
        // Top down: a plan of a dozen steps fits a laptop screen at a
        // readable zoom, where a row of them does not.
        self.doc.layout.direction = crate::geometry::Direction::TopDown;
        for (id, at) in crate::layout::auto_layout(&self.doc.plan, self.doc.layout.direction) {
            self.doc.layout.set_position(id, Some(at));
        }
        self.doc
    }

    fn node(&mut self, kind: NodeKind, title: &str) -> NodeId {
        // Placed at the origin until `finish` lays the plan out.
        self.doc.add_node(kind, title, Point::default())
    }
}

fn lines(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}
