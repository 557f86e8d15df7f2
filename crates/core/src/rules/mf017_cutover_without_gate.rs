//! MF017 cutover-without-gate (warning).
//!
//! A cutover phase (tag `cutover`) that a forward path from the start
//! reaches without passing a go/no-go gate is one finding: traffic would
//! move when the previous step finishes rather than when someone decides
//! it may (gh-ost postpones its cut-over until a person says go).
//!
//! As in MF016, phases are known by their tag. One gate may stand before
//! several cutovers in a row (switch reads, then writes): each path from
//! the start needs a gate somewhere before the cutover, not one per
//! cutover. Nothing is reported for a plan without a start (MF009) or for
//! cutovers no path reaches (MF006).
//!
//! Cost: one walk over the forward edges from the start, stopping at gates
//! ([`crate::graph::PlanGraph::reached_without_passing`]).
//!
//! Quick fix: [`QuickFix::InsertGate`], always offered: a cutover reached
//! this way has an incoming forward edge from a node reached this way,
//! which is where the gate goes.

use super::context::Context;
use crate::finding::{Finding, QuickFix, RuleId, Severity};
use crate::plan::{NodeKind, PhaseTag};

pub(super) fn cutover_without_gate(cx: &Context<'_>, findings: &mut Vec<Finding>) {
    let graph = &cx.graph;
    let cutovers = || {
        graph
            .nodes_of(NodeKind::Phase)
            .filter(|(_, node)| node.phase == PhaseTag::Cutover)
    };
    if cutovers().next().is_none() {
        return;
    }
    let reached = graph.reached_without_passing(|node| graph.kind(node) == NodeKind::Gate);
    for (phase, node) in cutovers() {
        if !reached.contains(phase.index()) {
            continue;
        }
        let name = cx.quoted(node);
        findings.push(Finding {
            rule: RuleId::CutoverWithoutGate,
            severity: Severity::Warning,
            message: format!(
                "Cutover phase {name} can be reached from the start without a go/no-go gate"
            ),
            nodes: vec![node.id],
            edges: Vec::new(),
            hint: format!(
                "Put a go/no-go gate before {name}, with its go criteria and approver, so \
                 that a person decides when traffic moves."
            ),
            fix: Some(QuickFix::InsertGate { before: node.id }),
            sql_line: None,
            follows: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::finding::RuleId;
    use crate::rules::fixture::check_rule;
    use expect_test::{expect, Expect};

    fn check(text: &str, expect: Expect) {
        check_rule(RuleId::CutoverWithoutGate, text, expect);
    }

    #[test]
    fn cutovers_behind_a_gate_on_every_way_pass() {
        check(
            r#"
            start S
            phase B backfill
            verify V check="rows"
            gate G go="parity" approver="DBA"
            gate H go="parity" approver="DBA"
            phase C cutover
            phase D cutover "Switch writes"
            end E
            end F aborted
            S -> B -> V -> G
            G -> C "go"
            G -> F "no-go"
            S -> H -> C
            C -> D -> E
            phase Z cutover "Never reached"
            Z -> E
            "#,
            expect![[r#""#]],
        );
    }

    #[test]
    fn a_way_around_the_gate_fails() {
        check(
            r#"
            start S
            phase B backfill
            verify V check="rows"
            gate G go="parity" approver="DBA"
            phase C cutover "Switch reads"
            phase D cutover "Switch writes"
            end E
            S -> B -> V -> G -> C -> E
            V -> D "skip the gate"
            D -> C
            "#,
            expect![[r#"
                MF017 warning [C] [] fix: insert gate before C
                    Cutover phase "Switch reads" can be reached from the start without a go/no-go gate
                MF017 warning [D] [] fix: insert gate before D
                    Cutover phase "Switch writes" can be reached from the start without a go/no-go gate
            "#]],
        );
    }
}
