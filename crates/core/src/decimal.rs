//! Floats as decimal text without the standard library's float formatting:
//! [`Num`] writes what `{}` writes, [`Fixed`] what `{:.1}` writes; and
//! [`parse`] reads a plain decimal without its float parser.
//!
//! Size: `<f64 as Display>` links the standard library's float formatting
//! (Grisu and Dragon, shortest and exact, with their tables) into the wasm,
//! while serde_json already links another float formatter (`zmij`) to write
//! JSON; [`Num`] uses that one, and [`Fixed`] rounds to an integer. So code
//! the web app links (the core's drawing, routes and exports, `src/`)
//! writes every float through these: `{}` or `.to_string()` on an `f64`
//! there brings the second formatter back (about 3 KB of gzip).

use std::fmt;

/// `value` with `decimals` digits after the point (0 to 3), as `{:.N}`
/// writes it, except that a half is rounded away from zero rather than
/// to even (`Fixed(0.25, 1)` is `0.3`, `{:.1}` gives `0.2`). For numbers
/// shown to people and coordinates, not for data read back exactly.
#[derive(Clone, Copy, Debug)]
pub struct Fixed(pub f64, pub u32);

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Fixed(value, decimals) = *self;
        let scale = 10u64.pow(decimals);
        let n = (value.abs() * scale as f64).round() as u64;
        if value.is_sign_negative() {
            f.write_str("-")?;
        }
        if decimals == 0 {
            write!(f, "{n}")
        } else {
            let width = decimals as usize;
            write!(f, "{}.{:0width$}", n / scale, n % scale)
        }
    }
}

/// `value` as `{}` writes it (`12`, `-0.5`, `0.000001`, never an
/// exponent): the shortest decimal that reads back as the same float
/// (where two are equally near, rarely, the last digit may differ).
#[derive(Clone, Copy, Debug)]
pub struct Num(pub f64);

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = self.0;
        if !value.is_finite() {
            return f.write_str(match value {
                v if v.is_nan() => "NaN",
                v if v > 0.0 => "inf",
                _ => "-inf",
            });
        }
        let mut buffer = zmij::Buffer::new();
        let text = buffer.format_finite(value);
        // zmij writes `1.0`, `1.5e-7`, `1e16`: split into digits and the
        // place of the point, then write them out in full as `{}` does.
        let (negative, text) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (mantissa, exponent) = match text.split_once(['e', 'E']) {
            Some((m, e)) => (m, exponent_of(e)),
            None => (text, 0),
        };
        let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let fraction = fraction.trim_end_matches('0');
        let mut digits = String::with_capacity(whole.len() + fraction.len());
        digits.push_str(whole);
        digits.push_str(fraction);
        let mut point = whole.len() as i32 + exponent;
        while digits.len() > 1 && digits.starts_with('0') {
            digits.remove(0);
            point -= 1;
        }
        if negative {
            f.write_str("-")?;
        }
        if digits == "0" {
            return f.write_str("0");
        }
        let len = digits.len() as i32;
        if point <= 0 {
            f.write_str("0.")?;
            for _ in 0..-point {
                f.write_str("0")?;
            }
            f.write_str(&digits)
        } else if point >= len {
            f.write_str(&digits)?;
            for _ in 0..point - len {
                f.write_str("0")?;
            }
            Ok(())
        } else {
            let (a, b) = digits.split_at(point as usize);
            f.write_str(a)?;
            f.write_str(".")?;
            f.write_str(b)
        }
    }
}

/// `+16`, `16` or `-7` as a number (read by hand, like every number here).
fn exponent_of(text: &str) -> i32 {
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let n = digits
        .bytes()
        .fold(0i32, |n, b| n * 10 + i32::from(b.wrapping_sub(b'0')));
    if negative {
        -n
    } else {
        n
    }
}

/// A plain decimal (`-12`, `3.25`, `+0.5`: an optional sign, digits, and
/// an optional point followed by digits) as a float; `None` for anything
/// else, exponents included.
///
/// Size: `str::parse::<f64>` links the standard library's float parser
/// and its table of powers of five (about 20 KB of data) into the wasm.
/// This one divides the digits, read as an integer, by a power of ten:
/// correctly rounded while the digits fit in 2^53 and there are at most 22
/// after the point, as with the numbers people type into a check, and
/// within a few units in the last place beyond that (digits past the 19th
/// are dropped).
pub fn parse(text: &str) -> Option<f64> {
    let (negative, digits) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (integer, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let plain = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if integer.is_empty() || !plain(integer) || !plain(fraction) || digits.ends_with('.') {
        return None;
    }
    let mut mantissa: u64 = 0;
    let mut kept = 0;
    // The power of ten to apply: + for integer digits dropped, - for
    // fraction digits kept.
    let mut exponent: i32 = 0;
    for (i, b) in integer.bytes().chain(fraction.bytes()).enumerate() {
        let in_fraction = i >= integer.len();
        if mantissa == 0 && b == b'0' {
            exponent -= i32::from(in_fraction);
            continue;
        }
        if kept < 19 {
            mantissa = mantissa * 10 + u64::from(b - b'0');
            kept += 1;
            exponent -= i32::from(in_fraction);
        } else if !in_fraction {
            exponent += 1;
        }
    }
    let magnitude = |e: i32| 10f64.powi(e);
    let value = if exponent >= 0 {
        mantissa as f64 * magnitude(exponent)
    } else if exponent >= -22 {
        mantissa as f64 / magnitude(-exponent)
    } else {
        mantissa as f64 / magnitude(22) / magnitude(-exponent - 22)
    };
    Some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::{parse, Fixed, Num};

    #[test]
    fn parse_reads_plain_decimals_as_the_standard_parser_does() {
        for text in [
            "0",
            "-0",
            "+7",
            "12",
            "3.25",
            "0.1",
            "99.9",
            "0.000001",
            "100000",
            "-45.5",
            "1234567.891",
            "0.30000000000000004",
            "9007199254740993",
            "007.50",
            "123456789012345678901234",
            "0.00000000000000000000000123",
        ] {
            let want: f64 = text.parse().unwrap();
            let got = parse(text).unwrap();
            let ulps = (got.to_bits() as i64 - want.to_bits() as i64).unsigned_abs();
            assert!(ulps <= 2, "{text}: {got} against {want}");
            assert_eq!(got.is_sign_negative(), want.is_sign_negative(), "{text}");
        }
        // Short decimals, as people type them, read exactly.
        for i in 0..20_000u32 {
            let text = format!("{}.{:02}", i / 7, i % 100);
            assert_eq!(parse(&text), Some(text.parse::<f64>().unwrap()), "{text}");
        }
    }

    #[test]
    fn parse_refuses_what_is_not_a_plain_decimal() {
        for text in [
            "", "-", ".5", "5.", "1e3", "1.2.3", "1,000", " 1", "NaN", "inf", "--1", "0x10",
        ] {
            assert_eq!(parse(text), None, "{text:?}");
        }
    }

    #[test]
    fn num_writes_what_display_writes() {
        let mut samples = vec![
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            114.8,
            -12.25,
            1e16,
            1.5e-7,
            1e-300,
            123456789.0,
            0.1 + 0.2,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
            1e21,
            1e22,
            9007199254740993.0,
            2.5e15,
        ];
        // Random bit patterns over the whole range, and coordinates.
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        for i in 0..200_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            samples.push(f64::from_bits(state));
            samples.push((state % 2_000_000) as f64 / 10.0 - 100_000.0 + i as f64 * 1e-3);
        }
        let mut ties = 0;
        for v in samples {
            let (ours, std) = (Num(v).to_string(), format!("{v}"));
            if ours != std {
                // Two shortest decimals equally near: the last digit may be
                // chosen differently; both read back as the same float.
                assert_eq!(ours.parse::<f64>(), Ok(v), "{v:e}");
                assert_eq!(ours.len(), std.len(), "{v:e}");
                ties += 1;
            }
        }
        assert!(ties < 100, "{ties}");
        assert_eq!(Num(f64::NAN).to_string(), "NaN");
        assert_eq!(Num(f64::NEG_INFINITY).to_string(), "-inf");
    }

    #[test]
    fn writes_what_a_precision_writes() {
        for v in [
            0.0,
            1.0,
            -1.0,
            12.34,
            -12.36,
            99.96,
            0.04,
            -0.04,
            114.8,
            1e6 + 0.07,
            3.3333,
        ] {
            for d in 0..=3 {
                assert_eq!(
                    Fixed(v, d).to_string(),
                    format!("{v:.*}", d as usize),
                    "{v} {d}"
                );
            }
        }
    }

    #[test]
    fn rounds_halves_away_from_zero() {
        assert_eq!(Fixed(0.5, 0).to_string(), "1");
        assert_eq!(Fixed(-2.5, 0).to_string(), "-3");
    }
}
