//! UTC times of log entries, written as ISO 8601 from a millisecond
//! timestamp the caller passes in (the core never reads a clock).
//!
//! Definition: `ms` counts milliseconds since 1970-01-01T00:00:00Z, leap
//! seconds ignored (as JavaScript's `Date.now()` does); the text is
//! `YYYY-MM-DDTHH:MM:SS.mmmZ`, the form `Date.prototype.toISOString` writes,
//! so the app and the core print the same instant the same way.
//!
//! The calendar conversion counts days in 400-year eras of the proleptic
//! Gregorian calendar, with years starting on 1 March so that the leap day
//! is the last day of a year and month lengths follow a fixed pattern.

const MS_PER_DAY: u64 = 86_400_000;

/// `ms` as an ISO 8601 UTC time with milliseconds.
pub fn iso8601(ms: u64) -> String {
    let days = ms / MS_PER_DAY;
    let in_day = ms % MS_PER_DAY;
    let (year, month, day) = civil_from_days(days);
    let (hours, rest) = (in_day / 3_600_000, in_day % 3_600_000);
    let (minutes, rest) = (rest / 60_000, rest % 60_000);
    let (seconds, millis) = (rest / 1000, rest % 1000);
    format!("{year:04}-{month:02}-{day:02}T{hours:02}:{minutes:02}:{seconds:02}.{millis:03}Z")
}

/// The calendar date of a day counted from 1970-01-01 (day 0).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    // Shift the origin to 0000-03-01, the start of a 400-year era.
    let shifted = days + 719_468;
    let era = shifted / 146_097;
    let day_of_era = shifted % 146_097;
    // Years of the era: 365 days each, plus a leap day every 4 years except
    // every 100, except every 400 (the corrections count those days).
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    // Months from March: 31, 30, 31, 30, 31, 31, 30, 31, 30, 31, 31, 28/29
    // fall on the line (153 * month + 2) / 5.
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = era * 400 + year_of_era + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::expect;

    #[test]
    fn known_instants_print_as_javascript_prints_them() {
        let lines: Vec<String> = [
            0,
            951_782_400_000,   // 2000-02-29, a leap day of a 400-year leap year
            951_868_799_999,   // its last millisecond
            1_709_210_096_789, // 2024-02-29T12:34:56.789Z
            4_107_542_400_000, // 2100-03-01, after the 28 days of 2100's February
            253_402_300_799_999,
        ]
        .iter()
        .map(|&ms| iso8601(ms))
        .collect();
        expect![[r#"
            1970-01-01T00:00:00.000Z
            2000-02-29T00:00:00.000Z
            2000-02-29T23:59:59.999Z
            2024-02-29T12:34:56.789Z
            2100-03-01T00:00:00.000Z
            9999-12-31T23:59:59.999Z"#]]
        .assert_eq(&lines.join("\n"));
    }

    /// Day by day over four centuries, the date advances as a calendar does.
    #[test]
    fn consecutive_days_are_consecutive_dates() {
        let mut previous = civil_from_days(0);
        for day in 1..146_097 * 2 {
            let (y, m, d) = civil_from_days(day);
            let (py, pm, pd) = previous;
            let leap = py % 4 == 0 && (py % 100 != 0 || py % 400 == 0);
            let month_length = match pm {
                2 if leap => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            let expected = if pd < month_length {
                (py, pm, pd + 1)
            } else if pm < 12 {
                (py, pm + 1, 1)
            } else {
                (py + 1, 1, 1)
            };
            assert_eq!((y, m, d), expected, "day {day}");
            previous = (y, m, d);
        }
    }
}
