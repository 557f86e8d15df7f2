//! The migration plan: nodes, edges and their content (SPEC §1).
//!
//! A plan is the topology and text of a migration, without positions (see
//! [`crate::geometry`]). Nodes and edges are kept in maps ordered by id, so
//! iteration order — and therefore every export — is deterministic.
//!
//! A [`Node`] is one flat record for every kind: fields that do not apply to
//! a kind are simply empty and ignored by the rules. That keeps a change of
//! kind lossless and undoable, which matters more in an editor than a
//! tighter type per kind.

use crate::id::{EdgeId, NodeId};
use crate::id_map::IdMap;
use crate::json::from::{Fields, FromJson};
use crate::json::to::{Object, ToJson};
use crate::json::ReadError;
use serde_json::Value;

/// What a node stands for in the flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NodeKind {
    Start,
    End,
    /// A discrete state of the database or application.
    Phase,
    /// An explicit check before the flow advances.
    Verification,
    /// A go/no-go decision.
    Gate,
}

impl NodeKind {
    pub const ALL: [NodeKind; 5] = [
        NodeKind::Start,
        NodeKind::End,
        NodeKind::Phase,
        NodeKind::Verification,
        NodeKind::Gate,
    ];

    /// The serialized name, also used for `data-kind` on the page.
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Start => "start",
            NodeKind::End => "end",
            NodeKind::Phase => "phase",
            NodeKind::Verification => "verification",
            NodeKind::Gate => "gate",
        }
    }

    /// A human label ("Verification").
    pub fn label(self) -> &'static str {
        match self {
            NodeKind::Start => "Start",
            NodeKind::End => "End",
            NodeKind::Phase => "Phase",
            NodeKind::Verification => "Verification",
            NodeKind::Gate => "Go/no-go gate",
        }
    }

    pub fn parse(text: &str) -> Option<NodeKind> {
        NodeKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// The role of a phase in a zero-downtime migration.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum PhaseTag {
    Audit,
    /// Backward-compatible additions.
    Expand,
    DualWrite,
    Backfill,
    /// Traffic or read switch.
    Cutover,
    /// Legacy clean-up.
    Contract,
    #[default]
    Custom,
}

impl PhaseTag {
    /// The phases of a zero-downtime migration, in the order they happen.
    pub const IN_ORDER: [PhaseTag; 6] = [
        PhaseTag::Audit,
        PhaseTag::Expand,
        PhaseTag::DualWrite,
        PhaseTag::Backfill,
        PhaseTag::Cutover,
        PhaseTag::Contract,
    ];

    pub const ALL: [PhaseTag; 7] = [
        PhaseTag::Audit,
        PhaseTag::Expand,
        PhaseTag::DualWrite,
        PhaseTag::Backfill,
        PhaseTag::Cutover,
        PhaseTag::Contract,
        PhaseTag::Custom,
    ];

    /// The serialized name (`dual_write`), also `data-phase` on the page.
    pub fn as_str(self) -> &'static str {
        match self {
            PhaseTag::Audit => "audit",
            PhaseTag::Expand => "expand",
            PhaseTag::DualWrite => "dual_write",
            PhaseTag::Backfill => "backfill",
            PhaseTag::Cutover => "cutover",
            PhaseTag::Contract => "contract",
            PhaseTag::Custom => "custom",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PhaseTag::Audit => "Audit",
            PhaseTag::Expand => "Expand",
            PhaseTag::DualWrite => "Dual-write",
            PhaseTag::Backfill => "Backfill",
            PhaseTag::Cutover => "Cutover",
            PhaseTag::Contract => "Contract",
            PhaseTag::Custom => "Custom",
        }
    }

    pub fn parse(text: &str) -> Option<PhaseTag> {
        PhaseTag::ALL.into_iter().find(|k| k.as_str() == text)
    }

    pub fn is_custom(&self) -> bool {
        *self == PhaseTag::Custom
    }
}

/// The family of a verification check.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum CheckKind {
    RowCount,
    HealthProbe,
    ReplicationLag,
    ErrorRate,
    DataParity,
    #[default]
    Custom,
}

impl CheckKind {
    pub const ALL: [CheckKind; 6] = [
        CheckKind::RowCount,
        CheckKind::HealthProbe,
        CheckKind::ReplicationLag,
        CheckKind::ErrorRate,
        CheckKind::DataParity,
        CheckKind::Custom,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CheckKind::RowCount => "row_count",
            CheckKind::HealthProbe => "health_probe",
            CheckKind::ReplicationLag => "replication_lag",
            CheckKind::ErrorRate => "error_rate",
            CheckKind::DataParity => "data_parity",
            CheckKind::Custom => "custom",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CheckKind::RowCount => "Row count",
            CheckKind::HealthProbe => "Health probe",
            CheckKind::ReplicationLag => "Replication lag",
            CheckKind::ErrorRate => "Error rate",
            CheckKind::DataParity => "Data parity",
            CheckKind::Custom => "Custom",
        }
    }

    pub fn parse(text: &str) -> Option<CheckKind> {
        CheckKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// One check of a verification node: what is measured and what passes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Check {
    pub kind: CheckKind,
    pub name: String,
    /// The threshold or expectation, e.g. `lag < 5 s`.
    pub threshold: String,
}

/// A node of the plan. See the module doc for why it is one flat record.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub id: NodeId,
    pub kind: NodeKind,
    pub title: String,
    pub notes: String,
    /// Phase nodes: the role of the phase.
    pub phase: PhaseTag,
    pub entry_conditions: Vec<String>,
    pub exit_conditions: Vec<String>,
    pub owner: String,
    /// Phase nodes: SQL or shell commands the phase runs.
    pub sql: String,
    /// Phase nodes: a state it is safe to roll back to. `false` marks a
    /// point of no return that no rollback may target.
    pub safe: bool,
    /// Phase nodes: how long the phase is planned to take, as written
    /// (`45m`, `2h`, `1h30m`, `1d`; see [`crate::duration`]). Kept as text
    /// so that a typo is shown back as typed (MF020) rather than lost.
    pub planned_duration: String,
    /// Phase nodes: the systems the phase acts on (SPEC §10, the sequence
    /// view); none named means guessed from the tag ([`crate::touch`]).
    pub touches: Vec<crate::touch::Touch>,
    /// Start nodes: when the plan is planned to start, as written
    /// (`2026-03-01 22:00`, UTC; see [`crate::planned_start`]); the Gantt
    /// view's first bar.
    pub planned_start: String,
    /// Verification nodes: the checks run.
    pub checks: Vec<Check>,
    /// Gate nodes: what must hold to say "go".
    pub go_criteria: Vec<String>,
    /// Gate nodes: the role that signs off.
    pub approver: String,
    /// Gate nodes: the approver who says "go" must be someone other than
    /// the operator who entered the gate (four eyes).
    pub distinct_approver: bool,
    /// End nodes: an aborted (rather than successful) end.
    pub aborted: bool,
    /// The stage the node belongs to (`Expand`, `Cut over`…; SPEC §11),
    /// by name; empty for none. A stage is the set of nodes that name it:
    /// drawn as a band around them ([`crate::stages`]), written to Mermaid
    /// as a `subgraph`.
    pub stage: String,
}

impl Node {
    /// A node of `kind` with every field at its default.
    pub fn new(id: NodeId, kind: NodeKind, title: impl Into<String>) -> Node {
        Node {
            id,
            kind,
            title: title.into(),
            notes: String::new(),
            phase: PhaseTag::Custom,
            entry_conditions: Vec::new(),
            exit_conditions: Vec::new(),
            owner: String::new(),
            sql: String::new(),
            safe: true,
            planned_duration: String::new(),
            touches: Vec::new(),
            planned_start: String::new(),
            checks: Vec::new(),
            go_criteria: Vec::new(),
            approver: String::new(),
            distinct_approver: false,
            aborted: false,
            stage: String::new(),
        }
    }

    /// A phase node or the start node: the states a rollback can return to.
    pub fn is_state(&self) -> bool {
        matches!(self.kind, NodeKind::Phase | NodeKind::Start)
    }

    /// A verification or gate node: something that guards a state.
    pub fn is_guard(&self) -> bool {
        matches!(self.kind, NodeKind::Verification | NodeKind::Gate)
    }

    /// The phase tag, for phase nodes only.
    pub fn phase_tag(&self) -> Option<PhaseTag> {
        (self.kind == NodeKind::Phase).then_some(self.phase)
    }
}

/// How an edge moves the flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EdgeKind {
    /// The planned transition.
    Forward,
    /// Back to a safe prior state.
    Rollback,
    /// A state's link to the check that guards it.
    Validation,
}

impl EdgeKind {
    pub const ALL: [EdgeKind; 3] = [EdgeKind::Forward, EdgeKind::Rollback, EdgeKind::Validation];

    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::Forward => "forward",
            EdgeKind::Rollback => "rollback",
            EdgeKind::Validation => "validation",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            EdgeKind::Forward => "Forward",
            EdgeKind::Rollback => "Rollback",
            EdgeKind::Validation => "Validation",
        }
    }

    pub fn parse(text: &str) -> Option<EdgeKind> {
        EdgeKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// Unit enums are read as a string and looked up by name
/// ([`crate::json::from::by_name`]), not through serde's derived enum
/// visitors: those put a visitor of their own per enum into the web app,
/// where this is one string read for all. The message is serde's own
/// wording, so an error reads the same either way.
pub(crate) fn unknown_name(name: &str, known: impl Iterator<Item = &'static str>) -> String {
    let known: Vec<String> = known.map(|k| format!("`{k}`")).collect();
    format!(
        "unknown variant `{name}`, expected one of {}",
        known.join(", ")
    )
}

/// `FromJson` and `ToJson` for unit enums with `ALL` and `as_str`: read
/// and written as their name.
macro_rules! read_by_name {
    ($($kind:ty),*) => {$(
        impl $crate::json::to::ToJson for $kind {
            fn to_json(&self) -> serde_json::Value {
                serde_json::Value::from(self.as_str())
            }
        }
        impl $crate::json::from::FromJson for $kind {
            fn from_json(value: &serde_json::Value) -> Result<$kind, $crate::json::ReadError> {
                $crate::json::from::by_name(value, &<$kind>::ALL, <$kind>::as_str)
            }
        }
    )*};
}

/// Also used by the run's unit enums (`crate::run`).
pub(crate) use read_by_name;

read_by_name!(NodeKind, PhaseTag, CheckKind, EdgeKind);

/// A directed edge between two nodes.
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    pub id: EdgeId,
    pub kind: EdgeKind,
    pub from: NodeId,
    pub to: NodeId,
    /// A label or condition ("on failure", "lag < 5 s").
    pub label: String,
}

impl Edge {
    pub fn new(id: EdgeId, kind: EdgeKind, from: NodeId, to: NodeId) -> Edge {
        Edge {
            id,
            kind,
            from,
            to,
            label: String::new(),
        }
    }

    pub fn labeled(mut self, label: impl Into<String>) -> Edge {
        self.label = label.into();
        self
    }
}

/// The topology and content of a migration plan.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    pub title: String,
    /// The rule pack the plan is checked by ([`crate::pack`]).
    pub pack: crate::pack::Pack,
    pub nodes: IdMap<NodeId, Node>,
    pub edges: IdMap<EdgeId, Edge>,
}

impl Plan {
    pub fn new(title: impl Into<String>) -> Plan {
        Plan {
            title: title.into(),
            ..Plan::default()
        }
    }

    pub fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.get(&id)
    }

    pub fn edge(&self, id: EdgeId) -> Option<&Edge> {
        self.edges.get(&id)
    }

    /// One above the highest node id in use (ids are never reused while
    /// the highest one exists, so undo/redo can rely on them). A document
    /// that already uses `u32::MAX` gets that id back, which the edit then
    /// refuses as taken instead of overflowing.
    pub fn next_node_id(&self) -> NodeId {
        NodeId(
            self.nodes
                .keys()
                .next_back()
                .map_or(1, |id| id.0.saturating_add(1)),
        )
    }

    pub fn next_edge_id(&self) -> EdgeId {
        EdgeId(
            self.edges
                .keys()
                .next_back()
                .map_or(1, |id| id.0.saturating_add(1)),
        )
    }

    /// Edges that start or end at `id`, in id order.
    pub fn edges_touching(&self, id: NodeId) -> impl Iterator<Item = &Edge> {
        self.edges
            .values()
            .filter(move |e| e.from == id || e.to == id)
    }

    /// Whether an edge of `kind` from `from` to `to` already exists.
    pub fn has_edge(&self, kind: EdgeKind, from: NodeId, to: NodeId) -> bool {
        self.edges
            .values()
            .any(|e| e.kind == kind && e.from == from && e.to == to)
    }
}

// Reading a plan's records out of JSON, by hand (see `crate::json::from`
// for why): a field read with `or` may be absent and reads as its default
// (`safe` as true), as written files leave defaults out.

impl ToJson for Check {
    fn to_json(&self) -> Value {
        Object::new()
            .with("kind", &self.kind)
            .with("name", &self.name)
            .with("threshold", &self.threshold)
            .done()
    }
}

impl FromJson for Check {
    fn from_json(value: &Value) -> Result<Check, ReadError> {
        let f = Fields::of(value, "Check")?;
        Ok(Check {
            kind: f.or("kind")?,
            name: f.or("name")?,
            threshold: f.or("threshold")?,
        })
    }
}

/// Fields at their defaults are left out, except `title`.
impl ToJson for Node {
    fn to_json(&self) -> Value {
        Object::new()
            .with("id", &self.id)
            .with("kind", &self.kind)
            .with("title", &self.title)
            .unless(self.notes.is_empty(), "notes", &self.notes)
            .unless(self.phase.is_custom(), "phase", &self.phase)
            .unless(
                self.entry_conditions.is_empty(),
                "entry_conditions",
                &self.entry_conditions,
            )
            .unless(
                self.exit_conditions.is_empty(),
                "exit_conditions",
                &self.exit_conditions,
            )
            .unless(self.owner.is_empty(), "owner", &self.owner)
            .unless(self.sql.is_empty(), "sql", &self.sql)
            .unless(self.safe, "safe", &self.safe)
            .unless(
                self.planned_duration.is_empty(),
                "planned_duration",
                &self.planned_duration,
            )
            .unless(self.touches.is_empty(), "touches", &self.touches)
            .unless(
                self.planned_start.is_empty(),
                "planned_start",
                &self.planned_start,
            )
            .unless(self.checks.is_empty(), "checks", &self.checks)
            .unless(
                self.go_criteria.is_empty(),
                "go_criteria",
                &self.go_criteria,
            )
            .unless(self.approver.is_empty(), "approver", &self.approver)
            .unless(
                !self.distinct_approver,
                "distinct_approver",
                &self.distinct_approver,
            )
            .unless(!self.aborted, "aborted", &self.aborted)
            .unless(self.stage.is_empty(), "stage", &self.stage)
            .done()
    }
}

impl FromJson for Node {
    fn from_json(value: &Value) -> Result<Node, ReadError> {
        let f = Fields::of(value, "Node")?;
        // At its defaults (`safe` true), then each field that is there.
        let mut node = Node::new(f.get("id")?, f.get("kind")?, "");
        f.fill("title", &mut node.title)?;
        f.fill("notes", &mut node.notes)?;
        f.fill("phase", &mut node.phase)?;
        f.fill("entry_conditions", &mut node.entry_conditions)?;
        f.fill("exit_conditions", &mut node.exit_conditions)?;
        f.fill("owner", &mut node.owner)?;
        f.fill("sql", &mut node.sql)?;
        f.fill("safe", &mut node.safe)?;
        f.fill("planned_duration", &mut node.planned_duration)?;
        f.fill("touches", &mut node.touches)?;
        f.fill("planned_start", &mut node.planned_start)?;
        f.fill("checks", &mut node.checks)?;
        f.fill("go_criteria", &mut node.go_criteria)?;
        f.fill("approver", &mut node.approver)?;
        f.fill("distinct_approver", &mut node.distinct_approver)?;
        f.fill("aborted", &mut node.aborted)?;
        f.fill("stage", &mut node.stage)?;
        Ok(node)
    }
}

impl ToJson for Edge {
    fn to_json(&self) -> Value {
        Object::new()
            .with("id", &self.id)
            .with("kind", &self.kind)
            .with("from", &self.from)
            .with("to", &self.to)
            .unless(self.label.is_empty(), "label", &self.label)
            .done()
    }
}

impl FromJson for Edge {
    fn from_json(value: &Value) -> Result<Edge, ReadError> {
        let f = Fields::of(value, "Edge")?;
        Ok(Edge {
            id: f.get("id")?,
            kind: f.get("kind")?,
            from: f.get("from")?,
            to: f.get("to")?,
            label: f.or("label")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Each unit enum writes (derived, `snake_case`) the name it reads
    /// (`as_str`, through `FromJson`), and refuses others in serde's words.
    fn names_round_trip<T>(all: &[T], name: fn(T) -> &'static str)
    where
        T: Copy + PartialEq + std::fmt::Debug + ToJson + FromJson,
    {
        for &kind in all {
            assert_eq!(kind.to_json(), json!(name(kind)));
            assert_eq!(T::from_json(&json!(name(kind))).unwrap(), kind);
        }
        let err = T::from_json(&json!("nope")).unwrap_err().to_string();
        assert!(
            err.starts_with("unknown variant `nope`, expected one of `"),
            "{err}"
        );
        let err = T::from_json(&Value::from(3)).unwrap_err().to_string();
        assert_eq!(err, "invalid type: integer `3`, expected a string");
    }

    #[test]
    fn unit_enums_read_the_names_they_write() {
        names_round_trip(&NodeKind::ALL, NodeKind::as_str);
        names_round_trip(&PhaseTag::ALL, PhaseTag::as_str);
        names_round_trip(&CheckKind::ALL, CheckKind::as_str);
        names_round_trip(&EdgeKind::ALL, EdgeKind::as_str);
    }
}
