//! A seeded mutation fuzzer for the two importers (Mermaid and JSON),
//! run apart from the test command because a million cases take minutes:
//!
//! `cargo run --release -p migraflow-core --example fuzz_import -- [CASES] [SEED]`
//!
//! (defaults: 1,000,000 cases, seed 1). Seeds: every flowchart of Mermaid's
//! own suite (`tests/fixtures/mermaid_suite.json`), and each gallery
//! template as exported Mermaid and as saved JSON. Each case takes one
//! seed and applies one to four mutations (delete a range, insert a piece
//! of syntax, duplicate a range, swap two lines, replace a character,
//! splice in a piece of another seed); Mermaid-looking texts go to
//! `mermaid::import`, the JSON ones to `format::load_json`. It fails (exit
//! 1, with the input written to `target/fuzz-failure.txt`) on a panic or
//! on one case taking longer than a second, and reports the slowest case
//! and the process's peak memory, which the importers' size limits keep
//! bounded. The same seed gives the same cases on every machine.

use migraflow_core::format::{load_json, to_json};
use migraflow_core::mermaid::{export_flowchart, import};
use migraflow_core::templates;
use std::panic;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Pieces of syntax inserted by the mutations: the tokens where the
/// readers branch.
const SYNTAX: &[&str] = &[
    "-->",
    "---",
    "-.->",
    ".->",
    "..-",
    "==>",
    "===",
    "~~~",
    "<-->",
    "x--x",
    "o--o",
    "<==>",
    "<-.->",
    "-- t -->",
    "-. t .->",
    "|t|",
    "|",
    "&",
    ";",
    ":::",
    "::",
    ":",
    "\n",
    " ",
    "\t",
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
    "[[",
    "((",
    ">",
    "\"",
    "'",
    "`",
    "\"`",
    "@{",
    "@{ shape: diamond, label: \"x\" }",
    "@{ label: |\n  a\n  b\n}",
    "e1@",
    "L_a_b_0@{ animation: fast }",
    "subgraph s;",
    "subgraph ",
    "end",
    "end\n",
    "class a c",
    "style a fill:#f00",
    "classDef c fill:#f00",
    "click a x",
    "linkStyle 0 stroke:red",
    "%%",
    "%% migraflow: {\"node\":\"n1\"}",
    "%%{init: {}}%%",
    "---\n",
    "#quot;",
    "#35;",
    "&amp;",
    "<br/>",
    "direction LR",
    "accDescr {",
    "accTitle: t",
    "graph TD\n",
    "flowchart LR\n",
    "{\"",
    "\":",
    ",",
    "null",
    "[]",
    "{}",
    "1e999",
    "-1",
    "\\u0000",
    "\"format\"",
    "\"nodes\"",
    "\"edges\"",
    "ü",
    "😀",
    "\u{202e}",
];

/// xorshift64*: small, seeded, the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// The nearest character boundary at or before `at`.
fn boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn mutate(text: &str, seeds: &[String], rng: &mut Rng) -> String {
    let mut text = text.to_owned();
    for _ in 0..1 + rng.below(4) {
        let a = boundary(&text, rng.below(text.len() + 1));
        let b = boundary(&text, a + rng.below(40));
        text = match rng.below(6) {
            0 => format!("{}{}", &text[..a], &text[b..]),
            1 => format!(
                "{}{}{}",
                &text[..a],
                SYNTAX[rng.below(SYNTAX.len())],
                &text[a..]
            ),
            2 => format!("{}{}", &text[..b], &text[a..]),
            3 => {
                let mut lines: Vec<&str> = text.split('\n').collect();
                let (i, j) = (rng.below(lines.len()), rng.below(lines.len()));
                lines.swap(i, j);
                lines.join("\n")
            }
            4 => {
                let end = text[a..].chars().next().map_or(a, |c| a + c.len_utf8());
                let c = char::from(rng.below(0x80) as u8);
                format!("{}{c}{}", &text[..a], &text[end..])
            }
            _ => {
                let other = &seeds[rng.below(seeds.len())];
                let from = boundary(other, rng.below(other.len() + 1));
                let to = boundary(other, from + rng.below(80));
                format!("{}{}{}", &text[..a], &other[from..to], &text[a..])
            }
        };
    }
    text
}

/// Reads `text` with the importer it looks made for; `true` if read.
fn read(text: &str) -> bool {
    if text.trim_start().starts_with('{') {
        load_json(text).is_ok()
    } else {
        import(text).is_ok()
    }
}

fn seeds() -> Vec<String> {
    let suite: serde_json::Value =
        serde_json::from_str(include_str!("../tests/fixtures/mermaid_suite.json"))
            .expect("the suite is JSON");
    let mut seeds: Vec<String> = suite["cases"]
        .as_array()
        .expect("a list of cases")
        .iter()
        .filter_map(|case| case["text"].as_str().map(str::to_owned))
        .collect();
    for template in templates::all() {
        let doc = template.build();
        seeds.push(export_flowchart(&doc));
        seeds.push(to_json(&doc));
    }
    seeds
}

/// The process's peak resident memory, from Linux's `/proc`.
fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("VmHWM:"))
                .map(|kb| kb.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".to_owned())
}

struct Outcome {
    read: u64,
    slowest: Duration,
    failure: Option<(String, String)>,
}

fn run(seeds: &[String], cases: u64, seed: u64, stop: &AtomicBool) -> Outcome {
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let mut outcome = Outcome {
        read: 0,
        slowest: Duration::ZERO,
        failure: None,
    };
    for _ in 0..cases {
        if stop.load(Ordering::Relaxed) {
            break;
        }
        let text = mutate(&seeds[rng.below(seeds.len())], seeds, &mut rng);
        let started = Instant::now();
        let result = panic::catch_unwind(|| read(&text));
        let took = started.elapsed();
        outcome.slowest = outcome.slowest.max(took);
        let failure = match result {
            Err(_) => Some("panicked".to_owned()),
            Ok(_) if took > Duration::from_secs(1) => Some(format!("took {took:?}")),
            Ok(read) => {
                outcome.read += u64::from(read);
                None
            }
        };
        if let Some(why) = failure {
            outcome.failure = Some((why, text));
            stop.store(true, Ordering::Relaxed);
            break;
        }
    }
    outcome
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let cases: u64 = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let seeds = Arc::new(seeds());
    let threads = std::thread::available_parallelism().map_or(4, |n| n.get()) as u64;
    panic::set_hook(Box::new(|_| {}));
    let stop = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let handles: Vec<_> = (0..threads)
        .map(|thread| {
            let (seeds, stop) = (Arc::clone(&seeds), Arc::clone(&stop));
            let share = cases / threads + u64::from(thread < cases % threads);
            std::thread::spawn(move || run(&seeds, share, seed * 1000 + thread, &stop))
        })
        .collect();
    let outcomes: Vec<Outcome> = handles
        .into_iter()
        .map(|h| h.join().expect("a fuzz thread"))
        .collect();
    let read: u64 = outcomes.iter().map(|o| o.read).sum();
    let slowest = outcomes.iter().map(|o| o.slowest).max().unwrap_or_default();
    println!(
        "{cases} cases from {} seeds (seed {seed}, {threads} threads) in {:.1?}: {read} read, {} refused; slowest case {slowest:?}; peak memory {}",
        seeds.len(),
        started.elapsed(),
        cases - read,
        peak_memory()
    );
    if let Some((why, text)) = outcomes.into_iter().find_map(|o| o.failure) {
        let _ = std::fs::create_dir_all("target");
        let _ = std::fs::write("target/fuzz-failure.txt", &text);
        eprintln!("FAILED: a case {why}; its input is in target/fuzz-failure.txt");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
