//! MF003 collapsed-dual-write (error, or warning without dual-write).
//!
//! A phase node names a set of phase classes: its tag (unless `custom`)
//! and every class whose keywords appear in its title. Keywords match
//! whole words, case-insensitively, hyphens counting as spaces, and allow
//! regular inflections (`drops`, `dropped`, `backfilling`):
//!
//! | class | keywords |
//! |---|---|
//! | audit | audit |
//! | expand | expand, add column |
//! | dual-write | dual write (dual-write, dual writes) |
//! | backfill | backfill, back-fill |
//! | cutover | cutover, cut over, switch reads, switch traffic |
//! | contract | contract, drop, cleanup, clean up, remove old |
//!
//! Two or more distinct classes in one node is a finding: an error when
//! dual-write is among them (the dual-write phase needs its own node, with
//! its own conditions and checks), a warning otherwise.
//!
//! Quick fix: [`QuickFix::SplitCollapsed`].

use super::context::{quoted, Context};
use crate::finding::{Finding, QuickFix, RuleId, Severity};
use crate::plan::{Node, NodeKind, PhaseTag};

/// Title keywords per class, in canonical phase order; each keyword is a
/// sequence of words.
const KEYWORDS: [(PhaseTag, &[&[&str]]); 6] = [
    (PhaseTag::Audit, &[&["audit"]]),
    (PhaseTag::Expand, &[&["expand"], &["add", "column"]]),
    (PhaseTag::DualWrite, &[&["dual", "write"]]),
    (PhaseTag::Backfill, &[&["backfill"], &["back", "fill"]]),
    (
        PhaseTag::Cutover,
        &[
            &["cutover"],
            &["cut", "over"],
            &["switch", "read"],
            &["switch", "traffic"],
        ],
    ),
    (
        PhaseTag::Contract,
        &[
            &["contract"],
            &["drop"],
            &["cleanup"],
            &["clean", "up"],
            &["remove", "old"],
        ],
    ),
];

/// The distinct phase classes a phase node names, in canonical order
/// (audit, expand, dual-write, backfill, cutover, contract).
pub(crate) fn phase_classes(node: &Node) -> Vec<PhaseTag> {
    let title = node.title.to_lowercase();
    let words: Vec<&str> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect();
    KEYWORDS
        .iter()
        .filter(|(class, keywords)| {
            node.phase == *class || keywords.iter().any(|keyword| mentions(&words, keyword))
        })
        .map(|(class, _)| *class)
        .collect()
}

/// Whether the keyword's words appear consecutively in `words`.
fn mentions(words: &[&str], keyword: &[&str]) -> bool {
    words.windows(keyword.len()).any(|window| {
        window
            .iter()
            .zip(keyword)
            .all(|(word, key)| is_form_of(word, key))
    })
}

/// Whether `word` is `key` or a regular inflection of it: `writes`,
/// `writing`, `switches`, `dropped`.
fn is_form_of(word: &str, key: &str) -> bool {
    let stem = key.strip_suffix('e').unwrap_or(key);
    let Some(rest) = word.strip_prefix(stem) else {
        return false;
    };
    // A final consonant doubled before the suffix: `dropped`, `cutting`.
    let rest = match (stem.chars().next_back(), rest.chars().next()) {
        (Some(last), Some(first)) if last == first && rest.len() > 1 => &rest[first.len_utf8()..],
        _ => rest,
    };
    ["", "e", "s", "es", "ed", "ing"].contains(&rest)
}

pub(super) fn collapsed_dual_write(cx: &Context<'_>, findings: &mut Vec<Finding>) {
    for (_, node) in cx.graph.nodes_of(NodeKind::Phase) {
        let classes = phase_classes(node);
        if classes.len() < 2 {
            continue;
        }
        let names: Vec<String> = classes.iter().map(|c| c.label().to_lowercase()).collect();
        let name = quoted(node);
        let (severity, hint) = if classes.contains(&PhaseTag::DualWrite) {
            (
                Severity::Error,
                "Give dual-write its own phase node, with its own entry and exit conditions \
                 and a verification after it.",
            )
        } else {
            (
                Severity::Warning,
                "Split it into one phase per step, with a verification between them.",
            )
        };
        findings.push(Finding {
            rule: RuleId::CollapsedDualWrite,
            severity,
            message: format!("Phase {name} collapses {} into one node", names.join(" + ")),
            nodes: vec![node.id],
            edges: Vec::new(),
            hint: hint.to_string(),
            fix: Some(QuickFix::SplitCollapsed { node: node.id }),
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::finding::RuleId;
    use crate::rules::fixture::check_rule;
    use expect_test::{expect, Expect};

    fn check(text: &str, expect: Expect) {
        check_rule(RuleId::CollapsedDualWrite, text, expect);
    }

    #[test]
    fn one_class_per_phase_passes() {
        check(
            r#"
            phase A audit "Audit the schema"
            phase B expand "Expand: add column email_address"
            phase C dual_write "Dual-write old and new columns"
            phase D "Back-fill in batches"
            phase E cutover "Switch reads to the new column"
            phase F contract "Contract: drop the old column"
            phase G "Contractor handover, dropdown review"
            verify V "Dual write and backfill parity"
            "#,
            expect![[r#""#]],
        );
    }

    #[test]
    fn collapsed_phases_fail_as_errors_with_dual_write_else_as_warnings() {
        check(
            r#"
            phase A "Dual-write + backfill"
            phase B backfill "Dual writes enabled"
            phase C "Expand and clean up"
            phase D cutover "Switching traffic, then dropping the old table"
            phase E "AUDIT, ADD COLUMNS"
            "#,
            expect![[r#"
                MF003 error [A] [] fix: split A
                    Phase "Dual-write + backfill" collapses dual-write + backfill into one node
                MF003 error [B] [] fix: split B
                    Phase "Dual writes enabled" collapses dual-write + backfill into one node
                MF003 warning [C] [] fix: split C
                    Phase "Expand and clean up" collapses expand + contract into one node
                MF003 warning [D] [] fix: split D
                    Phase "Switching traffic, then dropping the old table" collapses cutover + contract into one node
                MF003 warning [E] [] fix: split E
                    Phase "AUDIT, ADD COLUMNS" collapses audit + expand into one node
            "#]],
        );
    }
}
