//! The phase tag of a hand-written phase node without a `phase_*` class,
//! guessed from its text (SPEC §8).
//!
//! Definition. The text is split into *words*: maximal runs of letters
//! and digits ("Dual-write + backfill" → `dual`, `write`, `backfill`),
//! with ASCII letters lowercased (the stems are ASCII; full Unicode case
//! mapping would bring its tables into the wasm for nothing). A *pattern* is a list of stems; it matches when the stems
//! occur in the words in order, each word after the first at most two
//! words after the previous one ("add a new column" matches `add column`).
//! A word matches a stem when it is the stem, the stem plus one of the
//! endings `s es d ed ing ped ping` ("drops", "dropped", "switching"), or,
//! for a stem ending in `e`, the stem without it plus `ing` ("writing").
//! The rules below are tried in order and the first tag with a matching
//! pattern wins; with none, the tag is `custom`. Only the first
//! [`MAX_WORDS`] words are read: a title says what it is about early, and
//! a pasted essay must not cost time. Dual-write comes first so
//! that a collapsed "dual-write + backfill" node is tagged dual-write and
//! the validator can flag the collapse.

use crate::plan::PhaseTag;

/// Tags with their patterns, in the order they are tried.
const RULES: &[(PhaseTag, &[&[&str]])] = &[
    (
        PhaseTag::DualWrite,
        &[
            &["dual", "write"],
            &["dualwrite"],
            &["double", "write"],
            &["write", "both"],
        ],
    ),
    (
        PhaseTag::Backfill,
        &[
            &["backfill"],
            &["back", "fill"],
            &["copy", "data"],
            &["copy", "row"],
        ],
    ),
    (
        PhaseTag::Cutover,
        &[
            &["cutover"],
            &["cut", "over"],
            &["switch"],
            &["switchover"],
            &["flip"],
        ],
    ),
    (
        PhaseTag::Expand,
        &[
            &["expand"],
            &["add", "column"],
            &["add", "table"],
            &["add", "index"],
            &["create", "table"],
            &["create", "index"],
            &["new", "column"],
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
            &["remove", "legacy"],
        ],
    ),
    (PhaseTag::Audit, &[&["audit"]]),
];

const ENDINGS: &[&str] = &["", "s", "es", "d", "ed", "ing", "ped", "ping"];

/// How many words of a text are read.
const MAX_WORDS: usize = 64;

/// How many other words may stand between two stems of a pattern.
const MAX_GAP: usize = 2;

/// The phase tag `text` suggests. See the module doc.
pub(super) fn infer_phase(text: &str) -> PhaseTag {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(MAX_WORDS)
        .map(str::to_ascii_lowercase)
        .collect();
    RULES
        .iter()
        .find(|(_, patterns)| patterns.iter().any(|pattern| matches(&words, pattern)))
        .map_or(PhaseTag::Custom, |&(tag, _)| tag)
}

fn matches(words: &[String], pattern: &[&str]) -> bool {
    let Some((first, rest)) = pattern.split_first() else {
        return false;
    };
    words.iter().enumerate().any(|(start, word)| {
        is_form_of(word, first)
            && rest
                .iter()
                .try_fold(start, |previous, stem| {
                    let window = words.get(previous + 1..).unwrap_or_default();
                    window
                        .iter()
                        .take(MAX_GAP + 1)
                        .position(|w| is_form_of(w, stem))
                        .map(|offset| previous + 1 + offset)
                })
                .is_some()
    })
}

fn is_form_of(word: &str, stem: &str) -> bool {
    let inflected = word
        .strip_prefix(stem)
        .is_some_and(|ending| ENDINGS.contains(&ending));
    let e_dropped = stem
        .strip_suffix('e')
        .and_then(|root| word.strip_prefix(root))
        .is_some_and(|ending| ending == "ing");
    inflected || e_dropped
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::expect;

    #[test]
    fn inference_table() {
        let texts = [
            "Dual-write old + new",
            "Enable dual writes",
            "Dual-write + backfill",
            "Start writing to both columns",
            "Backfill email_v2",
            "Back-fill in batches",
            "Switch reads to new column",
            "Cut over traffic",
            "Expand: add email_v2",
            "Add a new column",
            "CREATE INDEX CONCURRENTLY",
            "Drop old column",
            "Clean up triggers",
            "Contract",
            "Schema audit",
            "Dropdown menu",
            "Wait for replicas",
            "",
        ];
        let table: String = texts
            .iter()
            .map(|text| format!("{text:?} → {}\n", infer_phase(text).as_str()))
            .collect();
        expect![[r#"
            "Dual-write old + new" → dual_write
            "Enable dual writes" → dual_write
            "Dual-write + backfill" → dual_write
            "Start writing to both columns" → dual_write
            "Backfill email_v2" → backfill
            "Back-fill in batches" → backfill
            "Switch reads to new column" → cutover
            "Cut over traffic" → cutover
            "Expand: add email_v2" → expand
            "Add a new column" → expand
            "CREATE INDEX CONCURRENTLY" → expand
            "Drop old column" → contract
            "Clean up triggers" → contract
            "Contract" → contract
            "Schema audit" → audit
            "Dropdown menu" → custom
            "Wait for replicas" → custom
            "" → custom
        "#]]
        .assert_eq(&table);
    }
}
