//! Rule packs (SPEC §10, Other flows): which checks a document gets, and
//! the words its palette and inspector use.
//!
//! A document names its pack; `migration` is the default, so every file
//! written before packs existed reads as one. Node kinds are the same in
//! every pack (a step, a check, a decision); only the rules run and the
//! words differ:
//! - **migration**: every rule, MF001–MF020.
//! - **delivery** (CI/CD pipelines, rollouts): a stage needs a check
//!   before promotion (MF005) and a way back (MF001, MF002); approvals
//!   name their criteria and an approver (MF011) and have a go and a no-go
//!   way out (MF018); the graph's hygiene (MF006–MF010), checks that name
//!   something (MF012), planned durations that read (MF020). Not the rules
//!   about schemas, SQL, dual writes, backfills and points of no return.
//! - **flow** (auth flows, request lifecycles, architectures): the graph's
//!   hygiene only — reachable from the start (MF006), no dead end (MF007),
//!   no forward cycle (MF008), a start and an end (MF009), labelled
//!   branches (MF010).

use crate::finding::RuleId;
use crate::plan::NodeKind;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Pack {
    #[default]
    Migration,
    Delivery,
    Flow,
}

impl Pack {
    pub const ALL: [Pack; 3] = [Pack::Migration, Pack::Delivery, Pack::Flow];

    /// The name in files (`"pack": "delivery"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Pack::Migration => "migration",
            Pack::Delivery => "delivery",
            Pack::Flow => "flow",
        }
    }

    pub fn parse(text: &str) -> Option<Pack> {
        Pack::ALL.into_iter().find(|p| p.as_str() == text)
    }

    pub fn is_migration(&self) -> bool {
        *self == Pack::Migration
    }

    /// What the pack is for, as offered to the user.
    pub fn label(self) -> &'static str {
        match self {
            Pack::Migration => "Database migration",
            Pack::Delivery => "Delivery (CI/CD, rollouts)",
            Pack::Flow => "Flow (auth, requests, services)",
        }
    }

    /// Whether the pack checks `rule` (see the module doc).
    pub fn runs(self, rule: RuleId) -> bool {
        use RuleId::*;
        match self {
            Pack::Migration => true,
            Pack::Delivery => matches!(
                rule,
                MissingRollback
                    | RollbackNotBackward
                    | MissingVerification
                    | Unreachable
                    | DeadEnd
                    | ForwardCycle
                    | StartEnd
                    | UnlabeledBranch
                    | GateCriteria
                    | EmptyCheck
                    | GateMissingBranch
                    | BadDuration
            ),
            Pack::Flow => matches!(
                rule,
                Unreachable | DeadEnd | ForwardCycle | StartEnd | UnlabeledBranch
            ),
        }
    }

    /// A node kind's name in this pack: a migration's phase is a
    /// delivery's stage and a flow's step.
    pub fn kind_label(self, kind: NodeKind) -> &'static str {
        match (self, kind) {
            (Pack::Delivery, NodeKind::Phase) => "Stage",
            (Pack::Flow, NodeKind::Phase) => "Step",
            (Pack::Migration, NodeKind::Verification) => "Verification",
            (_, NodeKind::Verification) => "Check",
            (Pack::Delivery, NodeKind::Gate) => "Approval gate",
            (Pack::Flow, NodeKind::Gate) => "Decision",
            _ => kind.label(),
        }
    }
}

crate::plan::read_by_name!(Pack);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pack_keeps_the_graph_hygiene_and_only_migration_reads_sql() {
        for pack in Pack::ALL {
            for rule in [
                RuleId::Unreachable,
                RuleId::DeadEnd,
                RuleId::ForwardCycle,
                RuleId::StartEnd,
            ] {
                assert!(pack.runs(rule), "{pack:?} {rule:?}");
            }
            assert_eq!(pack.runs(RuleId::BreakingSql), pack == Pack::Migration);
            assert_eq!(Pack::parse(pack.as_str()), Some(pack));
        }
        assert!(Pack::Delivery.runs(RuleId::MissingRollback));
        assert!(!Pack::Flow.runs(RuleId::MissingRollback));
        assert_eq!(Pack::Flow.kind_label(NodeKind::Gate), "Decision");
        assert_eq!(Pack::Migration.kind_label(NodeKind::Gate), "Go/no-go gate");
    }
}
