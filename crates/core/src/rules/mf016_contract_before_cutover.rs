//! MF016 contract-before-cutover (error).
//!
//! A contract phase (tag `contract`) that a forward path from the start
//! reaches without passing a cutover phase (tag `cutover`) is one finding:
//! on that path the old code still reads and writes the old schema when the
//! contract drops it. Switch the readers first (Squawk, Atlas and
//! strong_migrations all say so).
//!
//! Phases are known by their tag alone, not by their titles: the tag is
//! what the author chose, and MF003 already reads titles for phases that
//! say more than their tag. A contract reached only through another
//! contract is still reported: the first one cannot have made it safe.
//! Nothing is reported for a plan without a start (MF009) or for contracts
//! no path reaches (MF006).
//!
//! Cost: one walk over the forward edges from the start, stopping at
//! cutover phases ([`crate::graph::PlanGraph::reached_without_passing`]).

use super::context::Context;
use crate::finding::{Finding, RuleId, Severity};
use crate::plan::{NodeKind, PhaseTag};

pub(super) fn contract_before_cutover(cx: &Context<'_>, findings: &mut Vec<Finding>) {
    let graph = &cx.graph;
    let contracts = || {
        graph
            .nodes_of(NodeKind::Phase)
            .filter(|(_, node)| node.phase == PhaseTag::Contract)
    };
    if contracts().next().is_none() {
        return;
    }
    let reached = graph
        .reached_without_passing(|node| graph.node(node).phase_tag() == Some(PhaseTag::Cutover));
    for (phase, node) in contracts() {
        if !reached.contains(phase.index()) {
            continue;
        }
        let name = cx.quoted(node);
        findings.push(Finding {
            rule: RuleId::ContractBeforeCutover,
            severity: Severity::Error,
            message: format!(
                "Contract phase {name} can be reached from the start without a cutover: \
                 old code may still read what it drops"
            ),
            nodes: vec![node.id],
            edges: Vec::new(),
            hint: format!(
                "Put a cutover phase (readers and writers switched to the new schema) on \
                 every way from the start to {name}."
            ),
            fix: None,
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
        check_rule(RuleId::ContractBeforeCutover, text, expect);
    }

    #[test]
    fn contracts_after_a_cutover_on_every_way_pass() {
        check(
            r#"
            start S
            phase X expand
            gate G go="ok" approver="DBA"
            phase C1 cutover "Switch reads"
            phase C2 cutover "Switch reads, region B"
            phase K contract unsafe
            phase L contract "Drop orphaned index" unsafe
            end E
            S -> X -> G
            G -> C1 "region A"
            G -> C2 "region B"
            C1 -> K
            C2 -> K
            K -> E
            L -> E
            "#,
            expect![[r#""#]],
        );
    }

    #[test]
    fn a_way_around_the_cutover_or_a_contract_behind_a_contract_fails() {
        check(
            r#"
            start S
            phase X expand
            gate G go="ok" approver="DBA"
            phase C cutover
            phase K contract "Drop column email" unsafe
            phase L contract "Drop trigger" unsafe
            phase N "Switch reads"
            phase M contract unsafe
            end E
            S -> X -> G
            G -> C "go"
            G -> K "in a hurry"
            C -> K -> L -> E
            S -> N -> M -> E
            "#,
            expect![[r#"
                MF016 error [K] []
                    Contract phase "Drop column email" can be reached from the start without a cutover: old code may still read what it drops
                MF016 error [L] []
                    Contract phase "Drop trigger" can be reached from the start without a cutover: old code may still read what it drops
                MF016 error [M] []
                    Contract phase "M" can be reached from the start without a cutover: old code may still read what it drops
            "#]],
        );
    }
}
