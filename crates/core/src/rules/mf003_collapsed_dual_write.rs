//! MF003 collapsed-dual-write (error, or warning without dual-write).
//!
//! A phase node names a set of phase classes: its tag (unless `custom`)
//! and every class whose keywords appear in its title. Keywords match
//! whole words (runs of letters and digits, so hyphens count as spaces),
//! ignoring case, and allow regular inflections (`drops`, `dropped`,
//! `backfilling`):
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

use super::context::Context;
use crate::finding::{Finding, QuickFix, RuleId, Severity};
use crate::plan::{Node, NodeKind, PhaseTag};

/// The classes in canonical phase order.
const CLASSES: [PhaseTag; 6] = PhaseTag::IN_ORDER;

/// Title keywords: the class, the keyword's first word and its second one
/// if any (see the module doc).
static KEYWORDS: [(PhaseTag, &str, Option<&str>); 15] = [
    (PhaseTag::Audit, "audit", None),
    (PhaseTag::Expand, "expand", None),
    (PhaseTag::Expand, "add", Some("column")),
    (PhaseTag::DualWrite, "dual", Some("write")),
    (PhaseTag::Backfill, "backfill", None),
    (PhaseTag::Backfill, "back", Some("fill")),
    (PhaseTag::Cutover, "cutover", None),
    (PhaseTag::Cutover, "cut", Some("over")),
    (PhaseTag::Cutover, "switch", Some("read")),
    (PhaseTag::Cutover, "switch", Some("traffic")),
    (PhaseTag::Contract, "contract", None),
    (PhaseTag::Contract, "drop", None),
    (PhaseTag::Contract, "cleanup", None),
    (PhaseTag::Contract, "clean", Some("up")),
    (PhaseTag::Contract, "remove", Some("old")),
];

/// The phase classes a node names, as a set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct PhaseClasses(u8);

impl PhaseClasses {
    fn bit(class: PhaseTag) -> u8 {
        CLASSES
            .iter()
            .position(|&named| named == class)
            .map_or(0, |position| 1 << position)
    }

    fn insert(&mut self, class: PhaseTag) {
        self.0 |= Self::bit(class);
    }

    pub fn contains(self, class: PhaseTag) -> bool {
        self.0 & Self::bit(class) != 0
    }

    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// The classes in canonical order (audit, expand, dual-write,
    /// backfill, cutover, contract).
    pub fn iter(self) -> impl Iterator<Item = PhaseTag> {
        CLASSES
            .into_iter()
            .filter(move |&class| self.contains(class))
    }
}

/// Per lowercase ASCII letter, the keywords (bits indexing [`KEYWORDS`])
/// whose last word starts with it.
static KEYWORDS_BY_INITIAL: [u16; 26] = {
    let mut table = [0u16; 26];
    let mut index = 0;
    while index < KEYWORDS.len() {
        let (_, first, second) = KEYWORDS[index];
        let last = match second {
            Some(second) => second,
            None => first,
        };
        table[(last.as_bytes()[0] - b'a') as usize] |= 1 << index;
        index += 1;
    }
    table
};

/// The phase classes a phase node names: its tag and its title's keywords.
pub(crate) fn phase_classes(node: &Node) -> PhaseClasses {
    let mut classes = PhaseClasses::default();
    classes.insert(node.phase);
    // One pass over the words, each compared only with the keywords whose
    // last word starts with the same letter.
    let mut previous = None;
    for word in words(&node.title) {
        let initial = word[0].to_ascii_lowercase();
        let mut candidates = match initial {
            b'a'..=b'z' => KEYWORDS_BY_INITIAL[(initial - b'a') as usize],
            _ => 0,
        };
        while candidates != 0 {
            let (class, first, second) = KEYWORDS[candidates.trailing_zeros() as usize];
            candidates &= candidates - 1;
            let named = is_form_of(word, second.unwrap_or(first))
                && second.is_none_or(|_| previous.is_some_and(|p| is_form_of(p, first)));
            if named {
                classes.insert(class);
            }
        }
        previous = Some(word);
    }
    classes
}

/// The words of a title: runs of ASCII letters and digits and of
/// non-ASCII characters (which no keyword contains, so a word with one
/// never matches).
fn words(title: &str) -> impl Iterator<Item = &[u8]> {
    title
        .as_bytes()
        .split(|byte| byte.is_ascii() && !byte.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
}

/// Whether `word` is the lowercase ASCII `key` or a regular inflection of
/// it, in any ASCII case: `writes`, `writing`, `Switches`, `DROPPED`.
fn is_form_of(word: &[u8], key: &str) -> bool {
    let stem = key.strip_suffix('e').unwrap_or(key).as_bytes();
    if word.len() < stem.len() || !word[..stem.len()].eq_ignore_ascii_case(stem) {
        return false;
    }
    let rest = &word[stem.len()..];
    // A final consonant doubled before the suffix: `dropped`, `cutting`.
    let rest = match rest {
        [first, _, ..] if first.eq_ignore_ascii_case(&stem[stem.len() - 1]) => &rest[1..],
        _ => rest,
    };
    ["", "e", "s", "es", "ed", "ing"]
        .iter()
        .any(|suffix| rest.eq_ignore_ascii_case(suffix.as_bytes()))
}

pub(super) fn collapsed_dual_write(cx: &Context<'_>, findings: &mut Vec<Finding>) {
    for (_, node) in cx.graph.nodes_of(NodeKind::Phase) {
        let classes = phase_classes(node);
        if classes.len() < 2 {
            continue;
        }
        let names: Vec<String> = classes
            .iter()
            .map(|class| class.label().to_ascii_lowercase())
            .collect();
        let name = cx.quoted(node);
        let (severity, hint) = if classes.contains(PhaseTag::DualWrite) {
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
