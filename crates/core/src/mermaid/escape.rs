//! Label text ⇄ what goes between the quotes of a Mermaid label.
//!
//! **Encoding** ([`encode_label`]) writes every character as itself except
//! the ones below, each replaced by one of Mermaid's entity codes. One
//! left-to-right pass, so the `#` of a code written for an earlier
//! character is never encoded again (the effect of SPEC §8's "`#` first").
//! Characters that are only dangerous in some places are encoded only
//! there, so that the exported text stays readable ("Expand: add column").
//!
//! | character | written | when | why (checked against Mermaid 12.3) |
//! |---|---|---|---|
//! | `#` | `#35;` | always | starts an entity code, so a literal `#35;` must not read as one |
//! | `"` | `#quot;` | always | ends the quoted label |
//! | `<` `>` `&` | `#lt;` `#gt;` `#amp;` | always | labels are HTML: `<b>`, `&lt;` would be markup, `<script>` is stripped |
//! | newline | `<br/>` | always | a label is one line of source |
//! | `;` | `#59;` | always | ends a stateDiagram description |
//! | `` ` `` | `#96;` | first character | `` "` `` opens a Markdown string; a lone backtick is a parse error |
//! | `%` | `#37;` | next to another `%` | `%%{…}%%` anywhere in the text is read as an init directive |
//! | `$` | `#36;` | next to another `$` | `$$…$$` is rendered as KaTeX |
//! | `:` | `#58;` | before `:`, `fa-` or the end, or after `style` or `classDef` | `::` or a final `:` ends a stateDiagram description; `fa:fa-x` is an icon; on a line with `style…:x#…;` Mermaid cuts the last `;`, breaking an entity code |
//! | whitespace | `#N;` | right after `direction` (any case) | `direction TB` anywhere on a line is read as a direction statement |
//! | whitespace | `#N;` | first or last character | Mermaid trims a label (and so does the importer) before it decodes it |
//! | control characters, U+2028/U+2029, bidi controls, U+FEFF | `#N;` | always | invisible; they would make the source text misleading |
//!
//! One thing no encoding can do: Mermaid marks entity codes with the
//! placeholder pairs `ﬂ°` and `¶ß` and decodes them twice (once in the
//! label, once in the finished SVG), so a label that itself contains `¶ß`
//! or `ﬂ°` shows `;` or `&` there in Mermaid.js. The text survives the
//! round trip through migraflow unchanged.
//!
//! **Decoding** ([`decode_label`]) reads a label as the browser shows it,
//! again in one pass, so `#amp;lt;` reads `&lt;`:
//! - Mermaid codes `#name;` and `#123;` (decimal), and HTML references
//!   `&name;`, `&#123;`, `&#x7B;`. Names come from [`NAMED_ENTITIES`]; an
//!   unknown `#name;` reads `&name;` (what Mermaid shows), an unknown
//!   `&name;` stays as written. A number that is not a Unicode scalar value
//!   (a surrogate, above U+10FFFF) reads U+FFFD, as in HTML; every other
//!   number reads as that code point — where HTML differs (it shows U+FFFD
//!   for 0 and remaps 128–159 to windows-1252), the code point wins, so
//!   that an exported NUL or C1 control survives the round trip.
//! - `<br>`, `<br/>`, `<br />` (any case) read a newline.

use std::fmt::Write;

/// Named entities understood in `#name;` and `&name;`: the ones Mermaid
/// users write, not all of HTML's 2 000.
const NAMED_ENTITIES: &[(&str, char)] = &[
    ("quot", '"'),
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("apos", '\''),
    ("nbsp", '\u{a0}'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("hellip", '…'),
    ("mdash", '—'),
    ("ndash", '–'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("bull", '•'),
    ("middot", '·'),
    ("deg", '°'),
    ("plusmn", '±'),
    ("times", '×'),
    ("divide", '÷'),
    ("minus", '−'),
    ("le", '≤'),
    ("ge", '≥'),
    ("ne", '≠'),
    ("asymp", '≈'),
    ("infin", '∞'),
    ("micro", 'µ'),
    ("para", '¶'),
    ("sect", '§'),
    ("euro", '€'),
    ("pound", '£'),
    ("yen", '¥'),
    ("cent", '¢'),
    ("larr", '←'),
    ("rarr", '→'),
    ("uarr", '↑'),
    ("darr", '↓'),
    ("harr", '↔'),
    ("lArr", '⇐'),
    ("rArr", '⇒'),
    ("hArr", '⇔'),
    ("check", '✓'),
    ("cross", '✗'),
    ("hearts", '♥'),
    ("star", '☆'),
];

/// Characters that do not show but change how the source reads: controls,
/// line and paragraph separators, bidirectional controls, the BOM.
pub(super) fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}'
                | '\u{2029}'
                | '\u{061c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{feff}'
        )
}

/// Encodes `text` for use between the quotes of a flowchart label, or as a
/// stateDiagram description or transition label. See the module doc.
pub(super) fn encode_label(text: &str) -> String {
    let style_statement_at = ["style", "classDef"]
        .iter()
        .filter_map(|word| text.find(word))
        .min();
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut previous = None;
    for (at, c) in text.char_indices() {
        let after = &text[at + c.len_utf8()..];
        let next = after.chars().next();
        let doubled = previous == Some(c) || next == Some(c);
        let colon_needs_code = || {
            after.is_empty()
                || after.starts_with(':')
                || after.starts_with("fa-")
                || style_statement_at.is_some_and(|style| style < at)
        };
        match c {
            '#' => out.push_str("#35;"),
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '\n' => out.push_str("<br/>"),
            ';' => push_code(&mut out, c),
            '`' if at == 0 => push_code(&mut out, c),
            '%' | '$' if doubled => push_code(&mut out, c),
            ':' if colon_needs_code() => push_code(&mut out, c),
            _ if is_invisible(c) => push_code(&mut out, c),
            _ if c.is_whitespace() && (at == 0 || after.is_empty()) => push_code(&mut out, c),
            _ if c.is_whitespace() && follows_direction(text, at) => push_code(&mut out, c),
            _ => out.push(c),
        }
        previous = Some(c);
    }
    out
}

fn push_code(out: &mut String, c: char) {
    // Writing to a String cannot fail.
    let _ = write!(out, "#{};", u32::from(c));
}

/// Whether the word `direction` (any case) ends right before byte `at`.
fn follows_direction(text: &str, at: usize) -> bool {
    const WORD: &str = "direction";
    at.checked_sub(WORD.len())
        .and_then(|start| text.get(start..at))
        .is_some_and(|before| before.eq_ignore_ascii_case(WORD))
}

/// Decodes label text as Mermaid shows it. See the module doc.
pub(super) fn decode_label(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest.find(['#', '&', '<']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let (decoded, used) = decode_one(rest);
        match decoded {
            Some(text) => out.push_str(&text),
            None => out.push_str(&rest[..used]),
        }
        rest = &rest[used..];
    }
    out.push_str(rest);
    out
}

/// Decodes the code or line break at the start of `text` (which starts with
/// `#`, `&` or `<`): the replacement, if any, and how many bytes it spans.
/// Without a replacement, the first character stands for itself.
fn decode_one(text: &str) -> (Option<String>, usize) {
    let lead = text.as_bytes()[0];
    if lead == b'<' {
        return match line_break_len(text) {
            Some(len) => (Some("\n".to_owned()), len),
            None => (None, 1),
        };
    }
    // `&#…;` is a numeric reference; otherwise the body is a word.
    let word_start = if lead == b'&' && text[1..].starts_with('#') {
        2
    } else {
        1
    };
    let body_end = text[word_start..]
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .map_or(text.len(), |i| i + word_start);
    if text.as_bytes().get(body_end) != Some(&b';') || body_end == 1 {
        return (None, 1);
    }
    let body = &text[1..body_end];
    let used = body_end + 1;
    let decoded = if lead == b'#' {
        Some(mermaid_code(body))
    } else {
        html_reference(body)
    };
    match decoded {
        Some(text) => (Some(text), used),
        None => (None, 1),
    }
}

/// `#body;` as Mermaid shows it: a decimal code point or a name. Mermaid
/// turns `#name;` into `&name;`, so an unknown name shows as written that way.
fn mermaid_code(body: &str) -> String {
    if body.bytes().all(|b| b.is_ascii_digit()) {
        return code_point(body.parse().ok()).to_string();
    }
    match named(body) {
        Some(c) => c.to_string(),
        None => format!("&{body};"),
    }
}

/// `&body;` as the browser shows it: `#123`, `#x7B` or a known name.
fn html_reference(body: &str) -> Option<String> {
    if let Some(number) = body.strip_prefix('#') {
        let value = match number.strip_prefix(['x', 'X']) {
            Some(hex) if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
                u32::from_str_radix(hex, 16).ok()
            }
            _ if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) => {
                number.parse().ok()
            }
            _ => return None,
        };
        return Some(code_point(value).to_string());
    }
    named(body).map(String::from)
}

fn named(name: &str) -> Option<char> {
    NAMED_ENTITIES
        .iter()
        .find(|(entity, _)| *entity == name)
        .map(|&(_, c)| c)
}

/// The character for a numeric reference; U+FFFD for surrogates, values
/// past U+10FFFF and numbers too long to parse, as HTML does.
fn code_point(value: Option<u32>) -> char {
    value
        .and_then(char::from_u32)
        .unwrap_or(char::REPLACEMENT_CHARACTER)
}

/// The length of a `<br>`, `<br/>` or `<br />` tag (any case) at the start.
fn line_break_len(text: &str) -> Option<usize> {
    let tag = text.get(..3)?;
    if !tag.eq_ignore_ascii_case("<br") {
        return None;
    }
    let after = &text[3..];
    let spaces = after.len() - after.trim_start_matches([' ', '\t']).len();
    let after = &after[spaces..];
    let close = if after.starts_with("/>") {
        2
    } else if after.starts_with('>') {
        1
    } else {
        return None;
    };
    Some(3 + spaces + close)
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::{expect, Expect};

    fn check_decode(raw: &str, expected: Expect) {
        expected.assert_eq(&format!("{:?}", decode_label(raw)));
    }

    #[test]
    fn decodes_mermaid_codes() {
        check_decode(
            "#quot;a#quot; #lt;b#gt; #amp; #35;",
            expect![[r#""\"a\" <b> & #""#]],
        );
        check_decode("#65;#9731;#128512;", expect![[r#""A☃😀""#]]);
        check_decode(
            "#0; #55296; #99999999999; #1114112;",
            expect![[r#""\0 � � �""#]],
        );
        check_decode(
            "#nbsp;#copy; #unknown_name;",
            expect![[r#""\u{a0}© &unknown_name;""#]],
        );
    }

    #[test]
    fn decodes_html_references() {
        check_decode(
            "&amp;lt; &#65; &#x41; &#X1F600; &bogus; &#; &#x;",
            expect![[r#""&lt; A A 😀 &bogus; &#; &&x;""#]],
        );
    }

    #[test]
    fn decoding_is_one_pass() {
        check_decode("#amp;lt; #35;quot;", expect![[r##""&lt; #quot;""##]]);
    }

    #[test]
    fn decodes_line_breaks_and_leaves_other_markup() {
        check_decode(
            "a<br>b<BR/>c<br />d<bR\t>e<br x>f<b>g",
            expect![[r#""a\nb\nc\nd\ne<br x>f<b>g""#]],
        );
    }

    #[test]
    fn leaves_incomplete_codes() {
        check_decode(
            "# #; #a b; & &; #35 <br",
            expect![[r##""# #; #a b; & &; #35 <br""##]],
        );
    }

    #[test]
    fn encodes_direction_whitespace_only_after_the_word() {
        expect![["direction#32;TB Direction#9;lr directions x redirection#32;LR"]].assert_eq(
            &encode_label("direction TB Direction\tlr directions x redirection LR"),
        );
    }

    #[test]
    fn encodes_context_dependent_characters_only_where_needed() {
        let encoded: Vec<String> = [
            "Expand: add column, 100% done, $5",
            "a::b trailing:",
            "fa:fa-car",
            "tag: x style a:b",
            "`tick` and `more`",
            "%%{init}%% $$x$$ %%%",
        ]
        .into_iter()
        .map(encode_label)
        .collect();
        expect![[r##"
            [
                "Expand: add column, 100% done, $5",
                "a#58;:b trailing#58;",
                "fa#58;fa-car",
                "tag: x style a#58;b",
                "#96;tick` and `more`",
                "#37;#37;{init}#37;#37; #36;#36;x#36;#36; #37;#37;#37;",
            ]
        "##]]
        .assert_debug_eq(&encoded);
    }

    #[test]
    fn encodes_invisible_characters() {
        expect![["a#8238;b#8232;c#13;d#133;e#65279;"]]
            .assert_eq(&encode_label("a\u{202e}b\u{2028}c\rd\u{85}e\u{feff}"));
    }
}
