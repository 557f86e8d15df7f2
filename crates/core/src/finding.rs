//! What validation reports: findings with a stable rule id, a severity, a
//! message, the ids they are about, a hint and, where the fix is
//! mechanical, a [`QuickFix`].

use crate::flow_order::Item;
use crate::id::{EdgeId, NodeId};
use serde::Serialize;
use std::fmt;

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    /// The serialized name, also `data-severity` on the page.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// The stable id of a validation rule (SPEC §2; MF013 and MF014 read the
/// SQL of phases, SPEC §7; MF015–MF019 read the plan as a whole; MF020
/// reads planned durations and starts, SPEC §6 and §10).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RuleId {
    MissingRollback,
    RollbackNotBackward,
    CollapsedDualWrite,
    DualWriteConditions,
    MissingVerification,
    Unreachable,
    DeadEnd,
    ForwardCycle,
    StartEnd,
    UnlabeledBranch,
    GateCriteria,
    EmptyCheck,
    BreakingSql,
    LockingSql,
    RollbackAcrossNoReturn,
    ContractBeforeCutover,
    CutoverWithoutGate,
    GateMissingBranch,
    BackfillUnwatched,
    BadDuration,
}

impl RuleId {
    pub const ALL: [RuleId; 20] = [
        RuleId::MissingRollback,
        RuleId::RollbackNotBackward,
        RuleId::CollapsedDualWrite,
        RuleId::DualWriteConditions,
        RuleId::MissingVerification,
        RuleId::Unreachable,
        RuleId::DeadEnd,
        RuleId::ForwardCycle,
        RuleId::StartEnd,
        RuleId::UnlabeledBranch,
        RuleId::GateCriteria,
        RuleId::EmptyCheck,
        RuleId::BreakingSql,
        RuleId::LockingSql,
        RuleId::RollbackAcrossNoReturn,
        RuleId::ContractBeforeCutover,
        RuleId::CutoverWithoutGate,
        RuleId::GateMissingBranch,
        RuleId::BackfillUnwatched,
        RuleId::BadDuration,
    ];

    /// The stable code, e.g. `MF001` (`data-rule` on the page).
    pub fn code(self) -> &'static str {
        match self {
            RuleId::MissingRollback => "MF001",
            RuleId::RollbackNotBackward => "MF002",
            RuleId::CollapsedDualWrite => "MF003",
            RuleId::DualWriteConditions => "MF004",
            RuleId::MissingVerification => "MF005",
            RuleId::Unreachable => "MF006",
            RuleId::DeadEnd => "MF007",
            RuleId::ForwardCycle => "MF008",
            RuleId::StartEnd => "MF009",
            RuleId::UnlabeledBranch => "MF010",
            RuleId::GateCriteria => "MF011",
            RuleId::EmptyCheck => "MF012",
            RuleId::BreakingSql => "MF013",
            RuleId::LockingSql => "MF014",
            RuleId::RollbackAcrossNoReturn => "MF015",
            RuleId::ContractBeforeCutover => "MF016",
            RuleId::CutoverWithoutGate => "MF017",
            RuleId::GateMissingBranch => "MF018",
            RuleId::BackfillUnwatched => "MF019",
            RuleId::BadDuration => "MF020",
        }
    }

    /// The short name, e.g. `missing-rollback`.
    pub fn name(self) -> &'static str {
        match self {
            RuleId::MissingRollback => "missing-rollback",
            RuleId::RollbackNotBackward => "rollback-not-backward",
            RuleId::CollapsedDualWrite => "collapsed-dual-write",
            RuleId::DualWriteConditions => "dual-write-conditions",
            RuleId::MissingVerification => "missing-verification",
            RuleId::Unreachable => "unreachable",
            RuleId::DeadEnd => "dead-end",
            RuleId::ForwardCycle => "forward-cycle",
            RuleId::StartEnd => "start-end",
            RuleId::UnlabeledBranch => "unlabeled-branch",
            RuleId::GateCriteria => "gate-criteria",
            RuleId::EmptyCheck => "empty-check",
            RuleId::BreakingSql => "breaking-sql",
            RuleId::LockingSql => "locking-sql",
            RuleId::RollbackAcrossNoReturn => "rollback-across-no-return",
            RuleId::ContractBeforeCutover => "contract-before-cutover",
            RuleId::CutoverWithoutGate => "cutover-without-gate",
            RuleId::GateMissingBranch => "gate-missing-branch",
            RuleId::BackfillUnwatched => "backfill-unwatched",
            RuleId::BadDuration => "bad-duration",
        }
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for RuleId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// A mechanical repair for a finding, turned into an ordinary undoable
/// [`crate::Edit`] by [`crate::fix`] when the user asks for it. Kept as a
/// description rather than a ready edit so validation stays cheap: most
/// findings are looked at, few are fixed.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "fix", rename_all = "snake_case")]
pub enum QuickFix {
    /// MF001: add a rollback edge from `from` to its nearest safe
    /// forward-ancestor.
    AddRollback { from: NodeId },
    /// MF002, MF015: point the rollback edge at the nearest valid target
    /// of its source, one after any point of no return where there is one.
    RetargetRollback { edge: EdgeId },
    /// MF005: insert a verification node into a forward edge.
    InsertVerification { edge: EdgeId },
    /// MF003: split a node that collapses several phases into one node per
    /// phase, chained by forward edges and verifications.
    SplitCollapsed { node: NodeId },
    /// MF014: insert `CONCURRENTLY` into the phase's SQL at byte `at`,
    /// just after the `INDEX` of a `CREATE INDEX` or `DROP INDEX`.
    AddConcurrently { node: NodeId, at: usize },
    /// MF014: a constraint added at once becomes `NOT VALID` (inserted at
    /// byte `at` of the phase's SQL) and is validated by the `validate`
    /// statement, inserted at `statement_end`: the lock of the `ADD` is
    /// then instant, and the scan of `VALIDATE` lets writes go on.
    AddNotValid {
        node: NodeId,
        at: usize,
        statement_end: usize,
        validate: String,
    },
    /// MF017: insert a go/no-go gate into the forward edges that reach the
    /// cutover phase `before` without passing a gate, its no-go way to a
    /// new aborted end.
    InsertGate { before: NodeId },
    /// MF018: give the gate a no-go way, to a new aborted end.
    AddNoGo { gate: NodeId },
    /// MF019: add a replication-lag check linked to the backfill phase.
    AddLagCheck { backfill: NodeId },
}

impl QuickFix {
    /// A button label that says what the fix does.
    pub fn label(&self) -> &'static str {
        match self {
            QuickFix::AddRollback { .. } => "Add rollback to nearest safe state",
            QuickFix::RetargetRollback { .. } => "Point rollback at nearest safe state",
            QuickFix::InsertVerification { .. } => "Insert verification step",
            QuickFix::SplitCollapsed { .. } => "Split into separate phases",
            QuickFix::AddConcurrently { .. } => "Add CONCURRENTLY",
            QuickFix::AddNotValid { .. } => "Add NOT VALID, then VALIDATE",
            QuickFix::InsertGate { .. } => "Insert go/no-go gate before it",
            QuickFix::AddNoGo { .. } => "Add no-go way to an aborted end",
            QuickFix::AddLagCheck { .. } => "Add replication-lag check",
        }
    }
}

/// One problem validation found.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    pub rule: RuleId,
    pub severity: Severity,
    /// One line, naming the node or edge by its title where it has one.
    pub message: String,
    pub nodes: Vec<NodeId>,
    pub edges: Vec<EdgeId>,
    /// How to fix it by hand.
    pub hint: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<QuickFix>,
    /// For a finding about a phase's SQL: the 1-based line of the statement.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sql_line: Option<usize>,
    /// The likelier cause validation found for this finding: the index, in
    /// the list [`crate::rules::validate`] returns, of the finding it
    /// follows from, which comes right before its followers (see
    /// [`crate::cause`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub follows: Option<usize>,
}

impl Finding {
    /// The one node or edge the finding is about, which clicking it
    /// selects: the edge for a finding about an edge (a rollback's target,
    /// a branch's label), else the node; the other ids it names are context.
    pub fn primary(&self) -> Option<Item> {
        let edge = self.edges.first().map(|&e| Item::Edge(e));
        let node = self.nodes.first().map(|&n| Item::Node(n));
        match self.rule {
            RuleId::RollbackNotBackward
            | RuleId::RollbackAcrossNoReturn
            | RuleId::UnlabeledBranch => edge.or(node),
            _ => node.or(edge),
        }
    }
}
