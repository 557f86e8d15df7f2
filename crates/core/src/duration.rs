//! Planned durations of phases (`Node::planned_duration`), and how run
//! times are written for people.
//!
//! Definition: a planned duration is one or more parts `<whole number><unit>`,
//! units `d` (days), `h` (hours), `m` (minutes), `s` (seconds), each unit at
//! most once and from the largest down, spaces allowed between parts:
//! `45m`, `2h`, `1h30m`, `1h 30m`, `1d`, `90s`. Its value is in seconds,
//! more than zero and at most [`MAX_SECONDS`] (a year). Empty text means no
//! plan. Anything else is refused with a message that quotes the text and
//! says how to write it; MF020 shows that message on the node, and a run
//! treats the node as having no plan.
//!
//! The grammar is deliberately small: `45 mins` or `1.5h` could be guessed,
//! but a guess that is wrong by a unit is worse than an error at the field.

use std::fmt;

/// The longest planned duration: a year, in seconds. Longer is a typo.
pub const MAX_SECONDS: u64 = 365 * 24 * 3600;

/// Why a planned duration does not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DurationError {
    /// The text as written.
    pub text: String,
    /// What is wrong with it, without the text.
    pub problem: String,
}

impl fmt::Display for DurationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "planned duration \"{}\" {}; write it like 45m, 2h, 1h30m or 1d",
            self.text, self.problem
        )
    }
}

impl std::error::Error for DurationError {}

const UNITS: [(char, u64); 4] = [('d', 86_400), ('h', 3_600), ('m', 60), ('s', 1)];

/// The planned duration in seconds; `Ok(None)` for empty text.
pub fn parse_duration(text: &str) -> Result<Option<u64>, DurationError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    let fail = |problem: &str| DurationError {
        text: trimmed.to_owned(),
        problem: problem.to_owned(),
    };
    let mut total: u64 = 0;
    // Index into UNITS of the next unit allowed: units go from large to small.
    let mut next_unit = 0;
    let mut rest = trimmed;
    while !rest.is_empty() {
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 {
            return Err(fail("is not a duration"));
        }
        let number: u64 = rest[..digits].parse().map_err(|_| fail("is too long"))?;
        rest = &rest[digits..];
        let Some(unit) = rest.chars().next() else {
            return Err(fail("has a number without a unit (d, h, m or s)"));
        };
        let Some(position) = UNITS.iter().position(|&(u, _)| u == unit) else {
            return Err(fail("is not a duration"));
        };
        if position < next_unit {
            return Err(fail("repeats a unit or puts a smaller one first"));
        }
        next_unit = position + 1;
        total = number
            .checked_mul(UNITS[position].1)
            .and_then(|part| total.checked_add(part))
            .ok_or_else(|| fail("is too long"))?;
        rest = rest[unit.len_utf8()..].trim_start();
    }
    if total == 0 {
        return Err(fail("is zero"));
    }
    if total > MAX_SECONDS {
        return Err(fail("is longer than a year"));
    }
    Ok(Some(total))
}

/// A length of time for people, rounded to what matters at its size:
/// `40 s`, `12 min`, `1 h 5 min`, `2 d 3 h`. Milliseconds in.
pub fn describe_ms(ms: u64) -> String {
    let seconds = (ms + 500) / 1000;
    if seconds < 60 {
        return format!("{seconds} s");
    }
    let minutes = (seconds + 30) / 60;
    if minutes < 60 {
        return format!("{minutes} min");
    }
    let (hours, minutes) = (minutes / 60, minutes % 60);
    if hours < 24 {
        return match minutes {
            0 => format!("{hours} h"),
            _ => format!("{hours} h {minutes} min"),
        };
    }
    let (days, hours) = (hours / 24, hours % 24);
    match hours {
        0 => format!("{days} d"),
        _ => format!("{days} d {hours} h"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::{expect, Expect};

    fn check(texts: &[&str], expect: Expect) {
        let lines: Vec<String> = texts
            .iter()
            .map(|text| match parse_duration(text) {
                Ok(Some(s)) => format!("{text:?} = {s} s"),
                Ok(None) => format!("{text:?} = no plan"),
                Err(e) => format!("{text:?}: {e}"),
            })
            .collect();
        expect.assert_eq(&lines.join("\n"));
    }

    #[test]
    fn durations_read_in_seconds() {
        check(
            &[
                "45m", "2h", "1h30m", " 1h 30m ", "1d", "90s", "1d2h3m4s", "", "  ",
            ],
            expect![[r#"
                "45m" = 2700 s
                "2h" = 7200 s
                "1h30m" = 5400 s
                " 1h 30m " = 5400 s
                "1d" = 86400 s
                "90s" = 90 s
                "1d2h3m4s" = 93784 s
                "" = no plan
                "  " = no plan"#]],
        );
    }

    #[test]
    fn bad_text_is_refused_with_the_text_and_how_to_write_it() {
        check(
            &[
                "45 mins",
                "1.5h",
                "m",
                "45",
                "30m1h",
                "1h1h",
                "0m",
                "400d",
                "99999999999999999999s",
                "½h",
            ],
            expect![[r#"
                "45 mins": planned duration "45 mins" is not a duration; write it like 45m, 2h, 1h30m or 1d
                "1.5h": planned duration "1.5h" is not a duration; write it like 45m, 2h, 1h30m or 1d
                "m": planned duration "m" is not a duration; write it like 45m, 2h, 1h30m or 1d
                "45": planned duration "45" has a number without a unit (d, h, m or s); write it like 45m, 2h, 1h30m or 1d
                "30m1h": planned duration "30m1h" repeats a unit or puts a smaller one first; write it like 45m, 2h, 1h30m or 1d
                "1h1h": planned duration "1h1h" repeats a unit or puts a smaller one first; write it like 45m, 2h, 1h30m or 1d
                "0m": planned duration "0m" is zero; write it like 45m, 2h, 1h30m or 1d
                "400d": planned duration "400d" is longer than a year; write it like 45m, 2h, 1h30m or 1d
                "99999999999999999999s": planned duration "99999999999999999999s" is too long; write it like 45m, 2h, 1h30m or 1d
                "½h": planned duration "½h" is not a duration; write it like 45m, 2h, 1h30m or 1d"#]],
        );
    }

    #[test]
    fn lengths_are_described_at_their_scale() {
        let lines: Vec<String> = [
            0, 400, 40_000, 89_000, 720_000, 3_900_000, 7_200_000, 97_200_000, 86_400_000,
        ]
        .iter()
        .map(|&ms| format!("{ms} ms: {}", describe_ms(ms)))
        .collect();
        expect![[r#"
            0 ms: 0 s
            400 ms: 0 s
            40000 ms: 40 s
            89000 ms: 1 min
            720000 ms: 12 min
            3900000 ms: 1 h 5 min
            7200000 ms: 2 h
            97200000 ms: 1 d 3 h
            86400000 ms: 1 d"#]]
        .assert_eq(&lines.join("\n"));
    }
}
