//! Findings grouped by cause: one mistake often breaks several rules, and a
//! list that shows every consequence beside the mistake hides it.
//!
//! Definitions, over a plan and its findings:
//! - *cut-off node*: one that an MF006 finding names (not reachable from
//!   the start by forward and validation edges).
//! - *cut-off region* of a cut-off node `r` with no forward or validation
//!   edge in from another cut-off node (or the smallest id of a cycle of
//!   them, when every one has): `r` and the cut-off nodes reached from it
//!   by forward and validation edges that no region found earlier claimed.
//! - *root* of a region: the finding that most likely explains it. That is
//!   the MF007 dead-end finding of a reachable node with an edge of any
//!   kind into `r` (the usual story: a forward edge turned into a rollback
//!   leaves its source with no way on and cuts off its target); else the
//!   MF006 finding of `r`.
//! - A finding *follows* a region's root when each node it names, and the
//!   source of each edge it names, lies in the region (or is the dead end
//!   the root names).
//! - Every other finding is its own root, with nothing following it.
//!
//! Groups come in the order of their worst severity, then the one that
//! explains more first, then the order the rules' findings are sorted in.
//! [`crate::rules::validate`] returns its findings in this order
//! ([`order_by_cause`]), so that the problems panel and the linter's JSON
//! need no second pass.

use crate::finding::{Finding, RuleId};
use crate::id::NodeId;
use crate::plan::{Edge, EdgeKind, Plan};
use rustc_hash::FxHashMap;

/// `findings` (of `plan`) in the order of their groups (see the module
/// doc): each cause, then the findings that follow from it, with
/// [`Finding::follows`] naming the cause's index.
pub fn order_by_cause(plan: &Plan, findings: Vec<Finding>) -> Vec<Finding> {
    let groups = group_by_cause(plan, &findings);
    let mut taken: Vec<Option<Finding>> = findings.into_iter().map(Some).collect();
    let mut ordered = Vec::with_capacity(taken.len());
    for group in groups {
        let root = ordered.len();
        ordered.extend(taken[group.root].take());
        for i in group.follows {
            ordered.extend(taken[i].take().map(|f| Finding {
                follows: Some(root),
                ..f
            }));
        }
    }
    ordered
}

/// A finding and the findings that follow from it, as indices into the
/// list given to `group_by_cause`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Group {
    root: usize,
    follows: Vec<usize>,
}

/// The findings of `plan` grouped by cause (see the module doc). Every
/// index of `findings` appears exactly once.
fn group_by_cause(plan: &Plan, findings: &[Finding]) -> Vec<Group> {
    // Every map here is one type, node → index, so the wasm carries one
    // copy of the hash map's code for all of them.
    type Index = FxHashMap<NodeId, usize>;
    let of_node = |rule: RuleId| -> Index {
        findings
            .iter()
            .enumerate()
            .filter(|(_, f)| f.rule == rule)
            .filter_map(|(i, f)| f.nodes.first().map(|&n| (n, i)))
            .collect()
    };
    let unreachable = of_node(RuleId::Unreachable);
    let dead_ends = of_node(RuleId::DeadEnd);
    let flows = |e: &&Edge| e.kind != EdgeKind::Rollback;

    // Each cut-off node's region, named by the MF006 finding of its first
    // node.
    let entered: Index = plan
        .edges
        .values()
        .filter(|e| flows(e) && unreachable.contains_key(&e.from))
        .map(|e| (e.to, 0))
        .collect();
    // The flow edges among cut-off nodes, by source, for the walks.
    let mut links: Vec<(NodeId, NodeId)> = plan
        .edges
        .values()
        .filter(|e| {
            flows(e) && unreachable.contains_key(&e.from) && unreachable.contains_key(&e.to)
        })
        .map(|e| (e.from, e.to))
        .collect();
    links.sort();
    let mut cut: Vec<NodeId> = unreachable.keys().copied().collect();
    cut.sort();
    let mut region_of = Index::default();
    // Entries first, then whatever a cycle left unclaimed.
    let firsts = cut.iter().filter(|n| !entered.contains_key(n)).chain(&cut);
    for &first in firsts {
        if region_of.contains_key(&first) {
            continue;
        }
        let region = unreachable[&first];
        let mut stack = vec![first];
        region_of.insert(first, region);
        while let Some(node) = stack.pop() {
            let from = links.partition_point(|&(f, _)| f < node);
            for &(_, to) in links[from..].iter().take_while(|&&(f, _)| f == node) {
                region_of.entry(to).or_insert_with(|| {
                    stack.push(to);
                    region
                });
            }
        }
    }

    // The root finding of each region (by region), and the dead ends that
    // are roots, with their region.
    let mut root_of = vec![None; findings.len()];
    let mut dead_end_region = Index::default();
    for (&first, &region) in &region_of {
        if unreachable[&first] != region {
            continue;
        }
        let dead_end = plan
            .edges
            .values()
            .filter(|e| e.to == first && !unreachable.contains_key(&e.from))
            .find_map(|e| dead_ends.get(&e.from).map(|&i| (e.from, i)));
        root_of[region] = Some(match dead_end {
            Some((node, finding)) => {
                dead_end_region.insert(node, region);
                finding
            }
            None => region,
        });
    }
    let mut is_root = vec![false; findings.len()];
    for &root in root_of.iter().flatten() {
        is_root[root] = true;
    }

    // A finding follows its region's root when all it names lies there.
    let region_of_finding = |f: &Finding| -> Option<usize> {
        let mut region = None;
        let sources = f
            .edges
            .iter()
            .filter_map(|id| plan.edges.get(id).map(|e| e.from));
        for node in f.nodes.iter().copied().chain(sources) {
            let here = *region_of
                .get(&node)
                .or_else(|| dead_end_region.get(&node))?;
            if *region.get_or_insert(here) != here {
                return None;
            }
        }
        region
    };
    let mut follows = vec![Vec::new(); findings.len()];
    let mut is_follower = vec![false; findings.len()];
    for (i, finding) in findings.iter().enumerate() {
        if is_root[i] {
            continue;
        }
        if let Some(root) = region_of_finding(finding).and_then(|r| root_of[r]) {
            follows[root].push(i);
            is_follower[i] = true;
        }
    }
    let mut groups: Vec<Group> = (0..findings.len())
        .filter(|&i| !is_follower[i])
        .map(|root| Group {
            root,
            follows: std::mem::take(&mut follows[root]),
        })
        .collect();
    groups.sort_by_key(|g| {
        let worst = std::iter::once(g.root)
            .chain(g.follows.iter().copied())
            .map(|i| findings[i].severity)
            .min();
        (worst, std::cmp::Reverse(g.follows.len()), g.root)
    });
    groups
}

#[cfg(test)]
mod tests {
    use crate::rules::fixture::Fixture;
    use crate::rules::validate;
    use expect_test::{expect, Expect};
    use std::fmt::Write;

    /// The findings as `validate` returns them: each cause, and indented
    /// under it the findings that follow from it.
    fn check(text: &str, expect: Expect) {
        let fixture = Fixture::parse(text);
        let findings = validate(&fixture.doc.plan);
        let mut out = String::new();
        for (i, f) in findings.iter().enumerate() {
            let indent = match f.follows {
                Some(root) => {
                    assert!(root < i && findings[root].follows.is_none());
                    "    "
                }
                None => "",
            };
            let _ = writeln!(out, "{indent}{} {}", f.rule.code(), f.message);
        }
        expect.assert_eq(&out);
    }

    #[test]
    fn a_forward_edge_turned_into_a_rollback_is_one_cause() {
        check(
            r#"
            start S
            phase A "Expand"
            verify VA check="healthy"
            phase B "Backfill"
            verify VB check="rows match"
            end E
            S -> A -> VA
            VA ~> B
            B -> VB -> E
            VA ~> S
            VB ~> A
            "#,
            expect![[r#"
                MF007 "VA" has no forward way out
                    MF002 Rollback from "VA" to "Backfill" points forward or sideways: "Backfill" does not come before "VA"
                    MF002 Rollback from "VB" to "Expand" points forward or sideways: "Expand" does not come before "VB"
                    MF006 "Backfill" cannot be reached from the start
                    MF006 "VB" cannot be reached from the start
                    MF006 "E" cannot be reached from the start
            "#]],
        );
    }

    #[test]
    fn each_unconnected_node_is_its_own_cause_with_its_dead_end_under_it() {
        check(
            r#"
            start S
            end E
            S -> E
            phase A "Expand"
            phase B "Contract"
            "#,
            expect![[r#"
                MF006 "Expand" cannot be reached from the start
                    MF007 "Expand" has no forward way out
                MF006 "Contract" cannot be reached from the start
                    MF007 "Contract" has no forward way out
            "#]],
        );
    }

    #[test]
    fn findings_with_no_common_cause_stay_apart() {
        check(
            r#"
            start S
            phase A "Expand"
            phase B "Expand"
            end E
            S -> A -> B -> E
            "#,
            expect![[r#"
                MF001 Phase "Expand" (n2) has no rollback to a safe state before it
                MF001 Phase "Expand" (n3) has no rollback to a safe state before it
                MF005 Phase "Expand" (n2) advances to "Expand" (n3) without a verification
                MF005 Phase "Expand" (n3) advances to "E" without a verification
            "#]],
        );
    }
}
