//! Malformed Mermaid is refused with the right line, column and hint;
//! nothing makes the importer panic or take long. The fuzz tests run
//! `FUZZ_CASES` arbitrary strings, as many Mermaid-flavoured ones, and as
//! many mutations of valid exports.

mod mermaid_common;

use expect_test::{expect, Expect};
use migraflow_core::mermaid::{export_flowchart, import, size_warning, MAX_IMPORT_BYTES};
use proptest::prelude::*;
use proptest::sample::{select, Index};
use std::time::{Duration, Instant};

/// Cases per fuzz test.
const FUZZ_CASES: u32 = 3000;

fn check_error(text: &str, expected: Expect) {
    match import(text) {
        Ok(imported) => panic!("imported: {:?}", imported.document),
        Err(e) => expected.assert_eq(&e.to_string()),
    }
}

#[test]
fn not_a_flowchart() {
    check_error("", expect!["line 1, column 1: the text has no diagram (start with a header such as `flowchart LR`)"]);
    check_error("  \n%% only a comment\n", expect!["line 3, column 1: the text has no diagram (start with a header such as `flowchart LR`)"]);
    check_error("sequenceDiagram\n  A->>B: hi", expect!["line 1, column 1: this is a `sequenceDiagram`, not a flowchart (migraflow imports Mermaid flowcharts (`flowchart LR`, `graph TD`))"]);
    check_error("A --> B", expect!["line 1, column 1: expected `flowchart` or `graph`, found `A` (start with a header such as `flowchart LR`)"]);
    check_error(
        "flowchart XY",
        expect!["line 1, column 11: unknown direction `XY` (use TB, TD, BT, LR or RL)"],
    );
    check_error(
        "%%{init: {}\nflowchart LR",
        expect!["line 1, column 1: this directive is never closed (end it with `}%%`)"],
    );
    check_error("---\ntitle: x\nflowchart LR", expect!["line 1, column 1: the front matter opened here is never closed (end it with a line `---`)"]);
    check_error(
        "flowchart LR\n%% migraflow: {\"format\":2,\"title\":\"x\"}\n  a",
        expect!["line 2, column 15: this text was written by a newer migraflow (Mermaid convention 2, this one reads 1) (update migraflow, or delete the `%% migraflow:` lines to import it as a plain flowchart)"],
    );
}

#[test]
fn unclosed_things() {
    check_error(
        "flowchart LR\n  a[unclosed --> b",
        expect![
            "line 2, column 4: this label is not closed on its line (close the label with `]`)"
        ],
    );
    check_error(
        "flowchart LR\n  a[\"quoted] --> b",
        expect![[r#"line 2, column 5: this quoted text is never closed (end it with `"`)"#]],
    );
    check_error("flowchart LR\n  a[\"quoted\" tail] --> b", expect!["line 2, column 14: expected `]` after the quoted label, found `t` (close the label with `]`)"]);
    check_error("flowchart LR\n  a -- text b", expect!["line 2, column 5: the text of this link is not closed on its line (write `-- text -->` or `-->|text|`)"]);
    check_error(
        "flowchart LR\n  a -->|open b",
        expect!["line 2, column 8: this link text is not closed on its line (end it with `|`)"],
    );
    check_error("flowchart LR\n  subgraph s\n    a --> b\n", expect!["line 4, column 1: the subgraph opened on line 2 is never closed (close it with a line `end`)"]);
    check_error(
        "flowchart LR\n  accDescr {\n  never closed",
        expect!["line 2, column 3: this accessible description is never closed (end it with `}`)"],
    );
}

#[test]
fn unknown_syntax() {
    check_error("flowchart LR\n  a --> ", expect!["line 2, column 9: expected a node id, found the end of the text (ids are letters, digits, `_` and punctuation but `-->`-like links, brackets, `;`, `|`, `@` and quotes, e.g. `db1`)"]);
    check_error(
        "flowchart LR\n  a - b",
        expect!["line 2, column 5: unexpected `-` (a single `-` is not a link: write `-->` for a forward edge)"],
    );
    check_error("flowchart LR\n  a <-x b", expect!["line 2, column 5: unexpected `<` (expected a link such as `-->`, or the end of the statement; separate statements with a line break or `;`)"]);
    check_error("flowchart LR\n  a [x]", expect!["line 2, column 5: unexpected `[` (write the shape right after the id, without a space: `id[Text]`)"]);
    check_error("flowchart LR\n  a --> b c", expect!["line 2, column 11: unexpected `c` (expected a link such as `-->`, or the end of the statement; separate statements with a line break or `;`)"]);
    check_error("flowchart LR\n  end", expect!["line 2, column 3: `end` closes a subgraph, but none is open (a node cannot be called `end`; call it `End` or `done`)"]);
    check_error(
        "flowchart LR\n  a@{ shape: diamond",
        expect!["line 2, column 4: this `@{` block is never closed (end it with `}`)"],
    );
    check_error(
        "flowchart LR\n  a@{ shape diamond }",
        expect![[
            r#"line 2, column 13: expected `key:` in the `@{…}` block, found `d` (write `id@{ shape: diamond, label: "Go?" }`)"#
        ]],
    );
    check_error("flowchart LR\n  a e1@ b", expect!["line 2, column 5: unexpected `e` (expected a link such as `-->`, or the end of the statement; separate statements with a line break or `;`)"]);
    check_error("flowchart LR\n  class a", expect!["line 2, column 10: expected a class name, found the end of the text (write `class a,b className`)"]);
    check_error(
        "flowchart LR\n  a:::",
        expect!["line 2, column 7: expected a class name after `:::` (write `id:::className`)"],
    );
    check_error(
        "flowchart LR\n  a --> |b",
        expect!["line 2, column 9: this link text is not closed on its line (end it with `|`)"],
    );
}

#[test]
fn columns_count_characters_and_line_breaks_are_normalised() {
    check_error(
        "flowchart LR\n  über[ünclosed",
        expect![
            "line 2, column 7: this label is not closed on its line (close the label with `]`)"
        ],
    );
    check_error("flowchart LR\r\n  a -->\r\n", expect!["line 3, column 1: expected a node id, found the end of the text (ids are letters, digits, `_` and punctuation but `-->`-like links, brackets, `;`, `|`, `@` and quotes, e.g. `db1`)"]);
    check_error("flowchart LR\r  a ; b -->", expect!["line 2, column 12: expected a node id, found the end of the text (ids are letters, digits, `_` and punctuation but `-->`-like links, brackets, `;`, `|`, `@` and quotes, e.g. `db1`)"]);
}

#[test]
fn too_large_inputs_are_refused_quickly() {
    let started = Instant::now();
    let ten_megabytes = format!("flowchart LR\n{}", "a --> b\n".repeat(10 * 1024 * 1024 / 8));
    check_error(&ten_megabytes, expect!["line 1, column 1: the text is 10.0 MiB; Mermaid import reads at most 2 MiB (split the diagram, or import the plan as JSON)"]);

    let sources: Vec<String> = (0..150).map(|i| format!("a{i}")).collect();
    let targets: Vec<String> = (0..150).map(|i| format!("b{i}")).collect();
    let product = format!(
        "flowchart LR\n{} --> {}",
        sources.join(" & "),
        targets.join(" & ")
    );
    check_error(&product, expect!["line 2, column 1880: more than 20000 edges (split the diagram, or import the plan as JSON)"]);

    let many_nodes: String = (0..10_001).map(|i| format!("n{i};")).collect();
    check_error(&format!("flowchart LR\n{many_nodes}"), expect!["line 2, column 58897: more than 10000 nodes (split the diagram, or import the plan as JSON)"]);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}

/// Texts just under the size cap that stress one reader each, with how
/// they end. Each must finish in linear-ish time: the bound is loose on
/// purpose (a debug build takes ~5 s on the slowest case, far longer on a
/// loaded 2-core machine), since what it guards against is a quadratic
/// reader, which takes hours on a megabyte; speed itself is measured by
/// `examples/fuzz_import.rs`, not here.
#[test]
fn pathological_inputs_just_under_the_cap_finish_fast() {
    let fill = |piece: &str| piece.repeat((MAX_IMPORT_BYTES - 100) / piece.len());
    let cases = [
        format!("flowchart LR\na[\"{}\"]", fill("#a#amp;&#x;<br")),
        format!("flowchart LR\na[\"{}", fill("x")),
        format!("flowchart LR\na -- {}", fill("-x ")),
        format!("flowchart LR\na -. {}", fill(".x ")),
        format!("flowchart LR\n{}", fill("a;")),
        format!("flowchart LR\n{}", fill("%% migraflow: {\"node\":\"a\"}\n")),
        format!("flowchart LR\nsubgraph s\n{}", fill("a-b.c_d ")),
        format!("flowchart LR\n{}", fill("a[x] --> ")),
    ];
    for text in &cases {
        let started = Instant::now();
        let outcome = import(text).map(|_| "imported").unwrap_or("refused");
        let took = started.elapsed();
        assert!(
            took < Duration::from_secs(60),
            "{outcome} in {took:?}: {}…",
            &text[..40]
        );
    }
}

#[test]
fn size_warnings_follow_mermaids_defaults() {
    let edges = |n: usize| {
        format!(
            "flowchart LR\n{}",
            (0..n)
                .map(|i| format!("a{i} --> b{i}\n"))
                .collect::<String>()
        )
    };
    assert_eq!(size_warning(&edges(500)), None);
    expect!["The diagram has 501 edges; Mermaid's default limit (maxEdges) is 500, so default Mermaid viewers will refuse it."].assert_eq(&size_warning(&edges(501)).unwrap_or_default());
    let long_label = format!("flowchart LR\na[\"{}\"]", "x".repeat(50_000));
    expect!["The diagram is 50018 characters long without comments; Mermaid's default limit (maxTextSize) is 50000, so default Mermaid viewers will refuse it."].assert_eq(&size_warning(&long_label).unwrap_or_default());
    let long_comment = format!("flowchart LR\n%% {}\na", "x".repeat(60_000));
    assert_eq!(size_warning(&long_comment), None);
}

/// Bits of Mermaid syntax, for strings that get further than the header.
const SYNTAX: &[&str] = &[
    "flowchart LR\n",
    "graph TD;",
    "\n",
    ";",
    " ",
    "a",
    "b1",
    "end",
    "subgraph s",
    "class a x",
    "style a",
    "[",
    "]",
    "(",
    ")",
    "{",
    "}",
    "{{",
    "}}",
    "([",
    "])",
    "[(",
    "\"",
    "`",
    "|",
    "-->",
    "---",
    "-.->",
    "==>",
    "~~~",
    "--",
    "-.",
    "==",
    "<",
    ">",
    "o",
    "x",
    "&",
    ":::",
    "@{",
    "%%",
    "%% migraflow: ",
    "%%{",
    "}%%",
    "{\"node\":\"a\"}",
    "{\"format\":1}",
    "#quot;",
    "#35;",
    "&amp;",
    "<br/>",
    "---\n",
    "title: t\n",
    "\r",
    "\u{feff}",
    "é",
    "😀",
];

fn assert_sound(text: &str) -> Result<(), TestCaseError> {
    match import(text) {
        Ok(imported) => {
            // Whatever was read must itself survive a round trip.
            let document = imported.document;
            let again = import(&export_flowchart(&document))
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(again.document, document);
        }
        Err(e) => {
            let lines = text.split(['\n', '\r']).count();
            prop_assert!(e.line >= 1 && e.line <= lines + 1, "{e} in {} lines", lines);
            prop_assert!(e.column >= 1);
            prop_assert!(!e.message.is_empty() && !e.hint.is_empty());
        }
    }
    Ok(())
}

fn valid_export() -> impl Strategy<Value = String> {
    let mut documents: Vec<String> = mermaid_common::all_labels()
        .map(|label| export_flowchart(&mermaid_common::label_document(label)))
        .collect();
    documents.push(export_flowchart(&mermaid_common::rename_column()));
    select(documents)
}

/// The largest char boundary at or below `at`.
fn boundary(text: &str, at: usize) -> usize {
    (0..=at.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

#[derive(Clone, Debug)]
enum Mutation {
    Delete(Index, Index),
    Insert(Index, &'static str),
    DuplicateLine(Index),
    SwapLines(Index, Index),
}

fn mutate(text: &str, mutations: &[Mutation]) -> String {
    let mut text = text.to_owned();
    for mutation in mutations {
        text = match mutation {
            Mutation::Delete(a, b) => {
                let (a, b) = (
                    boundary(&text, a.index(text.len() + 1)),
                    boundary(&text, b.index(text.len() + 1)),
                );
                let (from, to) = (a.min(b), a.max(b).min(a.min(b) + 40));
                let to = boundary(&text, to);
                format!("{}{}", &text[..from], &text[to..])
            }
            Mutation::Insert(at, piece) => {
                let at = boundary(&text, at.index(text.len() + 1));
                format!("{}{piece}{}", &text[..at], &text[at..])
            }
            Mutation::DuplicateLine(line) => {
                let mut lines: Vec<&str> = text.lines().collect();
                if !lines.is_empty() {
                    let at = line.index(lines.len());
                    lines.insert(at, lines[at]);
                }
                lines.join("\n")
            }
            Mutation::SwapLines(a, b) => {
                let mut lines: Vec<&str> = text.lines().collect();
                if !lines.is_empty() {
                    let (a, b) = (a.index(lines.len()), b.index(lines.len()));
                    lines.swap(a, b);
                }
                lines.join("\n")
            }
        };
    }
    text
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::Delete(a, b)),
        (any::<Index>(), select(SYNTAX)).prop_map(|(at, piece)| Mutation::Insert(at, piece)),
        any::<Index>().prop_map(Mutation::DuplicateLine),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: FUZZ_CASES,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn arbitrary_strings_never_panic(text in any::<String>()) {
        assert_sound(&text)?;
    }

    #[test]
    fn mermaid_flavoured_strings_never_panic(pieces in prop::collection::vec(select(SYNTAX), 0..40)) {
        assert_sound(&pieces.concat())?;
    }

    #[test]
    fn mutated_exports_never_panic(text in valid_export(), mutations in prop::collection::vec(mutation(), 1..4)) {
        assert_sound(&mutate(&text, &mutations))?;
    }
}
