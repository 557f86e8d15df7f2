//! Check thresholds read as comparisons, and the verdict they propose for
//! an observed value.
//!
//! Definition: a threshold is numeric when it reads as
//! `[label] [Δ] [op] number [unit]`:
//! - `label`: words without digits before an operator (`lag < 5 s`,
//!   `difference = 0`); only allowed when an operator follows;
//! - `Δ`: the value is a difference (`Δ 0 rows`); it compares the same way;
//! - `op`: `<`, `<=`, `≤`, `>`, `>=`, `≥`, `=`, `==`, `!=`, `≠`; none means `=`;
//! - `number`: optional sign, digits with optional `,` thousands groups, an
//!   optional decimal part (`1,000`, `99.9`);
//! - `unit`: at most two words without digits and without the words that
//!   make a threshold relative or compound (`of`, `and`, `or`, `than`,
//!   `since`, `from`, `vs`, `baseline`): `s`, `%`, `rows`, `per minute`.
//!
//! So `< 5 s`, `<= 2s`, `= 0`, `>= 99.9 %`, `0 rows`, `Δ 0 rows`, `200 OK`
//! are numeric; `within 10 % of baseline`, `< 1,000 messages and < 30 s`,
//! `true` are not, and stay a manual pass or fail.
//!
//! An observed value is a number with an optional unit (`4.2 s`, `1,204`).
//! Without a unit it is taken in the threshold's unit; a unit of time
//! (ms, s, min, h, d) or of size (B, KB, MB, GB, TB) is converted to the
//! threshold's; other units must match (case aside). The proposal is only
//! a proposal: the operator records the verdict.

use super::record::Verdict;

/// A comparison operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

impl Op {
    fn holds(self, observed: f64, limit: f64) -> bool {
        // Measured values are decimals typed by people: equal within a
        // relative hair, so that 0.1 + 0.2 style noise never flips `=`.
        let close = (observed - limit).abs() <= 1e-9 * limit.abs().max(1.0);
        match self {
            Op::Lt => observed < limit && !close,
            Op::Le => observed < limit || close,
            Op::Gt => observed > limit && !close,
            Op::Ge => observed > limit || close,
            Op::Eq => close,
            Op::Ne => !close,
        }
    }
}

/// A numeric threshold.
#[derive(Clone, Debug, PartialEq)]
pub struct Threshold {
    pub op: Op,
    pub value: f64,
    /// As written, trimmed; empty when none.
    pub unit: String,
    pub delta: bool,
}

/// What the threshold says about an observed value.
#[derive(Clone, Debug, PartialEq)]
pub enum Proposal {
    Verdict(Verdict),
    /// No proposal; why, for the operator.
    Manual(String),
}

/// Operators, longest first so that `<=` is not read as `<`.
const OPS: [(&str, Op); 10] = [
    ("<=", Op::Le),
    (">=", Op::Ge),
    ("==", Op::Eq),
    ("!=", Op::Ne),
    ("≤", Op::Le),
    ("≥", Op::Ge),
    ("≠", Op::Ne),
    ("<", Op::Lt),
    (">", Op::Gt),
    ("=", Op::Eq),
];

const NOT_UNITS: [&str; 8] = ["of", "and", "or", "than", "since", "from", "vs", "baseline"];

/// The numeric threshold `text` states, if it states one.
pub fn parse_threshold(text: &str) -> Option<Threshold> {
    let text = text.trim();
    // The label ends where the operator starts.
    let op_at = text.find(['<', '>', '=', '!', '≤', '≥', '≠']);
    let (label, rest) = match op_at {
        Some(at) => text.split_at(at),
        None => ("", text),
    };
    let label = label.trim();
    let delta = label.ends_with('Δ') || rest.trim_start().starts_with('Δ');
    let label = label.trim_end_matches('Δ');
    if label.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut rest = rest.trim_start().trim_start_matches('Δ').trim_start();
    let mut op = Op::Eq;
    if let Some((sign, found)) = OPS.iter().find(|(sign, _)| rest.starts_with(sign)) {
        op = *found;
        rest = rest[sign.len()..].trim_start();
    }
    let (value, unit) = number_and_rest(rest)?;
    let unit = unit.trim();
    let words: Vec<&str> = unit.split_whitespace().collect();
    if words.len() > 2
        || unit
            .chars()
            .any(|c| c.is_ascii_digit() || "<>=≤≥≠".contains(c))
        || words
            .iter()
            .any(|w| NOT_UNITS.contains(&w.to_ascii_lowercase().as_str()))
    {
        return None;
    }
    Some(Threshold {
        op,
        value,
        unit: unit.to_owned(),
        delta,
    })
}

/// A number at the start of `text` and what follows it.
fn number_and_rest(text: &str) -> Option<(f64, &str)> {
    let bytes = text.as_bytes();
    let mut end = 0;
    if matches!(bytes.first(), Some(b'-' | b'+')) {
        end = 1;
    }
    let digits_start = end;
    while end < bytes.len() && (bytes[end].is_ascii_digit() || bytes[end] == b',') {
        end += 1;
    }
    let integer = &text[digits_start..end];
    if integer.is_empty() || !thousands_grouped(integer) {
        return None;
    }
    if end < bytes.len() && bytes[end] == b'.' {
        let fraction_start = end + 1;
        end = fraction_start;
        while end < bytes.len() && bytes[end].is_ascii_digit() {
            end += 1;
        }
        if end == fraction_start {
            return None;
        }
    }
    let number = crate::decimal::parse(&text[..end].replace(',', ""))?;
    Some((number, &text[end..]))
}

/// `1,000` and `1000` read; `1,00` and `,5` do not.
fn thousands_grouped(integer: &str) -> bool {
    let mut groups = integer.split(',');
    let first = groups.next().unwrap_or("");
    !first.is_empty() && groups.all(|g| g.len() == 3)
}

/// The factor of a unit of time (to seconds) or of size (to bytes), with
/// its family.
fn scale(unit: &str) -> Option<(&'static str, f64)> {
    // Units are ASCII words; ASCII lowercasing links no Unicode case tables.
    let unit = unit.to_ascii_lowercase();
    let time = |f| Some(("time", f));
    let size = |f| Some(("size", f));
    match unit.as_str() {
        "ms" | "msec" => time(0.001),
        "s" | "sec" | "secs" | "second" | "seconds" => time(1.0),
        "min" | "mins" | "minute" | "minutes" => time(60.0),
        "h" | "hr" | "hrs" | "hour" | "hours" => time(3600.0),
        "d" | "day" | "days" => time(86_400.0),
        "b" | "byte" | "bytes" => size(1.0),
        "kb" => size(1024.0),
        "mb" => size(1024.0 * 1024.0),
        "gb" => size(1024.0 * 1024.0 * 1024.0),
        "tb" => size(1024.0 * 1024.0 * 1024.0 * 1024.0),
        _ => None,
    }
}

/// The verdict `threshold` proposes for `observed`.
pub fn propose(threshold: &str, observed: &str) -> Proposal {
    let Some(limit) = parse_threshold(threshold) else {
        return Proposal::Manual(format!(
            "the threshold \"{}\" is not a number to compare with; decide pass or fail",
            threshold.trim()
        ));
    };
    let observed = observed.trim();
    let Some((value, unit)) = number_and_rest(observed) else {
        return Proposal::Manual(format!(
            "the observed value \"{observed}\" is not a number; decide pass or fail"
        ));
    };
    let unit = unit.trim();
    let value = if unit.is_empty() || unit.eq_ignore_ascii_case(&limit.unit) {
        value
    } else {
        match (scale(unit), scale(&limit.unit)) {
            (Some((family, from)), Some((wanted, to))) if family == wanted => value * from / to,
            _ => {
                return Proposal::Manual(format!(
                    "the observed unit \"{unit}\" does not compare with the threshold's \"{}\"",
                    limit.unit
                ))
            }
        }
    };
    Proposal::Verdict(if limit.op.holds(value, limit.value) {
        Verdict::Pass
    } else {
        Verdict::Fail
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::{expect, Expect};

    fn check_parse(texts: &[&str], expect: Expect) {
        let lines: Vec<String> = texts
            .iter()
            .map(|text| match parse_threshold(text) {
                Some(t) => format!(
                    "{text:?}: {:?} {} {:?}{}",
                    t.op,
                    t.value,
                    t.unit,
                    if t.delta { " delta" } else { "" }
                ),
                None => format!("{text:?}: manual"),
            })
            .collect();
        expect.assert_eq(&lines.join("\n"));
    }

    #[test]
    fn thresholds_read_as_comparisons_or_stay_manual() {
        check_parse(
            &[
                "< 5 s",
                "<= 2s",
                "= 0",
                ">= 99.9 %",
                "0 rows",
                "Δ 0 rows",
                "difference = 0",
                "lag < 5 s",
                "< 1,000 messages",
                "= 0 per minute",
                "200 OK",
                "≥ 3",
                "!= -1",
                "within 10 % of baseline",
                "< 1,000 messages and < 30 s",
                "< 10 % of n_live_tup",
                "0 calls since the flag reached 100 %",
                "true",
                "recorded in the ticket",
                "= the audit's orphan count",
                "1,00 rows",
                "",
            ],
            expect![[r#"
                "< 5 s": Lt 5 "s"
                "<= 2s": Le 2 "s"
                "= 0": Eq 0 ""
                ">= 99.9 %": Ge 99.9 "%"
                "0 rows": Eq 0 "rows"
                "Δ 0 rows": Eq 0 "rows" delta
                "difference = 0": Eq 0 ""
                "lag < 5 s": Lt 5 "s"
                "< 1,000 messages": Lt 1000 "messages"
                "= 0 per minute": Eq 0 "per minute"
                "200 OK": Eq 200 "OK"
                "≥ 3": Ge 3 ""
                "!= -1": Ne -1 ""
                "within 10 % of baseline": manual
                "< 1,000 messages and < 30 s": manual
                "< 10 % of n_live_tup": manual
                "0 calls since the flag reached 100 %": manual
                "true": manual
                "recorded in the ticket": manual
                "= the audit's orphan count": manual
                "1,00 rows": manual
                "": manual"#]],
        );
    }

    fn check_propose(cases: &[(&str, &str)], expect: Expect) {
        let lines: Vec<String> = cases
            .iter()
            .map(|(threshold, observed)| {
                let proposal = match propose(threshold, observed) {
                    Proposal::Verdict(v) => v.as_str().to_owned(),
                    Proposal::Manual(why) => format!("manual: {why}"),
                };
                format!("{threshold:?} with {observed:?}: {proposal}")
            })
            .collect();
        expect.assert_eq(&lines.join("\n"));
    }

    #[test]
    fn observed_values_are_compared_in_the_thresholds_unit() {
        check_propose(
            &[
                ("< 5 s", "4.2"),
                ("< 5 s", "5"),
                ("< 5 s", "4200 ms"),
                ("< 5 s", "2 min"),
                ("<= 2s", "2 s"),
                ("= 0", "0"),
                ("= 0", "3"),
                (">= 99.9 %", "99.95 %"),
                (">= 99.9 %", "99.8%"),
                ("0 rows", "0 rows"),
                ("Δ 0 rows", "12"),
                ("< 50 GB", "51,200 MB"),
                ("< 1,000 messages", "1,204"),
                ("200 OK", "200"),
                ("200 OK", "503"),
                ("< 5 s", "fast"),
                ("< 5 s", "3 rows"),
                ("true", "true"),
                ("= 0.3", "0.30000000000000004"),
            ],
            expect![[r#"
                "< 5 s" with "4.2": pass
                "< 5 s" with "5": fail
                "< 5 s" with "4200 ms": pass
                "< 5 s" with "2 min": fail
                "<= 2s" with "2 s": pass
                "= 0" with "0": pass
                "= 0" with "3": fail
                ">= 99.9 %" with "99.95 %": pass
                ">= 99.9 %" with "99.8%": fail
                "0 rows" with "0 rows": pass
                "Δ 0 rows" with "12": fail
                "< 50 GB" with "51,200 MB": fail
                "< 1,000 messages" with "1,204": fail
                "200 OK" with "200": pass
                "200 OK" with "503": fail
                "< 5 s" with "fast": manual: the observed value "fast" is not a number; decide pass or fail
                "< 5 s" with "3 rows": manual: the observed unit "rows" does not compare with the threshold's "s"
                "true" with "true": manual: the threshold "true" is not a number to compare with; decide pass or fail
                "= 0.3" with "0.30000000000000004": pass"#]],
        );
    }
}
