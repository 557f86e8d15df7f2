//! [`crate::finding::QuickFix::AddLagCheck`] (MF019): a side monitor for a backfill.
//!
//! A verification `Replication lag: <backfill>` with one check of kind
//! `replication_lag`, the replay lag of the slowest replica, expecting
//! `< 5 s` (the author tunes it to what the replicas can bear), linked to
//! the backfill by a validation edge "watched while it runs". Its failure
//! stops the job: a rollback "lag too high: stop the job" to the nearest
//! safe state before the backfill that no point of no return separates
//! from it, when there is one (a rollback across one would be MF015's
//! finding). It sits beside the backfill, across the flow, where the
//! automatic layout draws side monitors.

use super::place::Canvas;
use super::{chain_direction, name_of, rollback_targets, Before, FreshIds};
use crate::edit::Edit;
use crate::geometry::Geometry;
use crate::id::NodeId;
use crate::plan::{Check, CheckKind, Edge, EdgeKind, Node, NodeKind, PhaseTag, Plan};

pub(super) fn add_lag_check(plan: &Plan, geo: &dyn Geometry, backfill: NodeId) -> Option<Edit> {
    let phase = plan
        .node(backfill)
        .filter(|node| node.phase_tag() == Some(PhaseTag::Backfill))?;
    let mut fresh = FreshIds::after(plan);
    let mut monitor = Node::new(
        fresh.node(),
        NodeKind::Verification,
        format!("Replication lag: {}", name_of(phase)),
    );
    monitor.checks.push(Check {
        kind: CheckKind::ReplicationLag,
        name: "Replay lag of the slowest replica".to_string(),
        threshold: "< 5 s".to_string(),
    });
    let origin = geo.position(backfill).unwrap_or_default();
    let along = chain_direction(plan, geo, backfill, origin);
    let at = Canvas::of(plan, geo, &[]).beside(origin, along, NodeKind::Verification);

    let link = Edge::new(fresh.edge(), EdgeKind::Validation, backfill, monitor.id)
        .labeled("watched while it runs");
    let stop = rollback_targets(plan, backfill, Before::ForwardAncestors)
        .clear
        .first()
        .map(|&target| {
            Edge::new(fresh.edge(), EdgeKind::Rollback, monitor.id, target)
                .labeled("lag too high: stop the job")
        });
    let mut edits = vec![Edit::AddNode { node: monitor, at }, Edit::AddEdge(link)];
    edits.extend(stop.map(Edit::AddEdge));
    Some(Edit::Batch(edits))
}

#[cfg(test)]
mod tests {
    use super::super::tests::check_fix;
    use crate::finding::RuleId;
    use expect_test::expect;

    #[test]
    fn the_monitor_goes_beside_the_backfill_where_free_and_stops_the_job() {
        check_fix(
            RuleId::BackfillUnwatched,
            r#"
            start S
            phase X expand
            verify VX check="rows"
            phase B backfill "Backfill email_address"
            verify VB check="rows"
            end E @600,130
            S -> X -> VX -> B -> VB -> E
            VX ~> S
            B ~> X
            VB ~> X
            "#,
            expect![[r#"
                start S @0,0
                phase X expand @200,0
                verify VX check="rows" @400,0
                phase B backfill "Backfill email_address" @600,0
                verify VB check="rows" @800,0
                end E @600,130
                verify n7 "Replication lag: Backfill email_address" check="Replay lag of the slowest replica" check_kind="replication_lag" @600,-130
                S -> X
                X -> VX
                VX -> B
                B -> VB
                VB -> E
                VX ~> S
                B ~> X
                VB ~> X
                B => n7 "watched while it runs"
                n7 ~> X "lag too high: stop the job"
                --
            "#]],
        );
    }
}
