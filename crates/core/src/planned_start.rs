//! When a plan is planned to start (`Node::planned_start` on its start
//! node, SPEC §10): where the Gantt view puts its first bar.
//!
//! Definition: `YYYY-MM-DD` or `YYYY-MM-DD HH:MM` (a `T` may stand for the
//! space), in UTC, with a real month (1–12), day (1–31), hour (0–23) and
//! minute (0–59); leading and trailing spaces are ignored. Empty text
//! means no planned start. The day is not checked against its month's
//! length: Mermaid rolls `02-30` over, and a reviewer sees it.

/// The planned start as Mermaid's `YYYY-MM-DD HH:mm:ss`; `Ok(None)` for
/// empty text, `Err` with a sentence for anything else.
pub fn parse_planned_start(text: &str) -> Result<Option<String>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let refuse = || {
        Err(format!(
            "planned start \"{text}\" is not a date; write it like 2026-03-01 22:00 (UTC)"
        ))
    };
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>, max: u32, min: u32| {
        b.get(range.clone())
            .filter(|d| d.iter().all(u8::is_ascii_digit))
            .and_then(|_| text[range].parse::<u32>().ok())
            .filter(|v| (min..=max).contains(v))
    };
    let date_ok = b.len() >= 10
        && b[4] == b'-'
        && b[7] == b'-'
        && digits(0..4, 9999, 0).is_some()
        && digits(5..7, 12, 1).is_some()
        && digits(8..10, 31, 1).is_some();
    let time = match b.len() {
        10 => Some("00:00"),
        16 if matches!(b[10], b' ' | b'T') && b[13] == b':' => (digits(11..13, 23, 0).is_some()
            && digits(14..16, 59, 0).is_some())
        .then(|| &text[11..16]),
        _ => None,
    };
    match time {
        Some(time) if date_ok => Ok(Some(format!("{} {time}:00", &text[..10]))),
        _ => refuse(),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_planned_start;

    #[test]
    fn reads_dates_and_times_and_refuses_the_rest() {
        assert_eq!(parse_planned_start("  "), Ok(None));
        assert_eq!(
            parse_planned_start("2026-03-01"),
            Ok(Some("2026-03-01 00:00:00".into()))
        );
        assert_eq!(
            parse_planned_start(" 2026-03-01T22:05 "),
            Ok(Some("2026-03-01 22:05:00".into()))
        );
        for bad in [
            "2026-13-01",
            "2026-03-00",
            "2026-03-01 24:00",
            "2026-03-01 22:60",
            "2026-3-1",
            "tomorrow",
            "2026-03-01 22:00:00",
            "２０２６-03-01",
        ] {
            let err = parse_planned_start(bad).unwrap_err();
            assert!(err.contains(bad.trim()), "{err}");
        }
    }
}
