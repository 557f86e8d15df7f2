//! What the escapers of the views (Gantt, sequence, requirement, timeline,
//! git graph) share: writing a character as one of Mermaid's numeric
//! entity codes (`#59;`), and spotting a text that starts with a keyword.
//!
//! Why codes work in every view (checked against Mermaid 12.3): before
//! any diagram's parser runs, Mermaid replaces each `#name;` or `#123;` of
//! the whole text by placeholder characters (`ﬂ°°59¶ß`) that no grammar
//! gives a meaning to, and turns them back into `&#59;` in the finished
//! SVG. So a coded character can neither end a statement nor start a
//! comment, and still shows as itself.
//!
//! Each view decides which characters it codes (its module doc has the
//! table and the why); [`encode`] also always codes the characters a
//! reader could not see (controls, newline included, bidirectional
//! controls, line separators, the BOM), as the flowchart's escaper does.

use super::escape::is_invisible;
use std::fmt::Write;

/// `text` with every character for which `coded(text, at, c)` holds, and
/// every invisible one, written as `#N;` (`at` is the byte offset of `c`).
pub(super) fn encode(text: &str, coded: impl Fn(&str, usize, char) -> bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (at, c) in text.char_indices() {
        if is_invisible(c) || coded(text, at, c) {
            // Writing to a String cannot fail.
            let _ = write!(out, "#{};", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether `text` starts with one of `words`, ignoring ASCII case (the
/// Gantt and timeline lexers are case-insensitive and need no space
/// after some of their keywords).
pub(super) fn starts_with_any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|word| {
        text.get(..word.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(word))
    })
}

/// The characters no view may leave as they are: `#` (a literal `#35;`
/// must not read as a code), `;` and `%` (end a statement, start a
/// comment), `:` (splits tasks, events and fields; also, a line with
/// `style`, a `:` and a `#…;` after it has its last `;` cut by Mermaid's
/// pre-processing, breaking a code), `"`, `<`, `>` and `&` (end strings,
/// or are read as markup where labels are HTML).
pub(super) fn always(c: char) -> bool {
    matches!(c, '#' | ';' | '%' | ':' | '"' | '<' | '>' | '&')
}

/// The text a node shows in a view: its title trimmed (Mermaid trims the
/// texts of these views), or its kind's name when that is empty, since an
/// empty task, message or period is a parse error or draws nothing.
pub(super) fn shown(node: &crate::plan::Node) -> &str {
    match node.title.trim() {
        "" => node.kind.label(),
        title => title,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_what_it_is_asked_to_and_what_cannot_be_seen() {
        let out = encode("a;b:c\nd\u{202e}e é", |_, _, c| always(c));
        assert_eq!(out, "a#59;b#58;c#10;d#8238;e é");
        assert!(starts_with_any("Section 2", &["section"]));
        assert!(!starts_with_any("sect", &["section"]));
        assert!(!starts_with_any("é", &["e"]));
    }
}
