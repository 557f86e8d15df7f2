//! Links between node groups, read off a [`Cursor`] as Mermaid's lexer
//! reads them (flow.jison's `LINK` and `START_LINK` tokens).
//!
//! | family | plain | with text |
//! |---|---|---|
//! | solid | `-->` `---` `--o` `--x` (any number of dashes ≥ 2) | `-- text -->`, `-->\|text\|` |
//! | dotted | `-.->` `-.-` `-..->`, and without the first dash `.->` `..->` `.-` `.-x` | `-. text .->`, `-.->\|text\|` |
//! | thick | `==>` `===` | `== text ==>`, `==>\|text\|` |
//! | invisible | `~~~` | — |
//!
//! `o` or `x` right after the dashes is an arrow head, which is why
//! `A---oB` links `A` to `B`. A link may also start with a head: `<`, or
//! `x`/`o` after a blank (`A x--x B`); with the matching head at its end
//! (`<-->`, `x--x`, `o-.-o`, `<-- text -->`) Mermaid draws it both ways,
//! which [`Link::both_ends`] says. A head at the start alone (`<---`) is
//! drawn as no head at all, as Mermaid does.

use super::escape::decode_label;
use super::lexer::Cursor;
use super::MermaidError;

/// How a link is drawn, which decides the edge kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum LinkStyle {
    Solid,
    Dotted,
    Thick,
    Invisible,
}

/// A link between two node groups: its style and its decoded text.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Link {
    pub style: LinkStyle,
    pub text: String,
    /// Heads at both ends that match (`<`…`>`, `x`…`x`, `o`…`o`).
    pub both_ends: bool,
}

/// Whether a link starts `text`. `x` and `o` count as a head only if
/// `heads` (they are letters: at the start of a line they begin an id).
pub(super) fn opens(text: &str, heads: bool) -> bool {
    if text.starts_with("~~~") {
        return true;
    }
    let body = match text.as_bytes().first() {
        Some(b'<') => &text[1..],
        Some(b'x' | b'o') if heads => &text[1..],
        _ => text,
    };
    let after_dots = body.trim_start_matches('.');
    body.starts_with("--")
        || body.starts_with("-.")
        || body.starts_with("==")
        || (after_dots.len() < body.len() && after_dots.starts_with('-'))
}

impl Cursor<'_> {
    /// A link, if one starts here (after blanks), with the blanks and line
    /// breaks after it, and its `|text|` if it has one.
    pub fn link(&mut self) -> Result<Option<Link>, MermaidError> {
        self.skip_blanks();
        if !opens(self.rest(), true) {
            return Ok(None);
        }
        let start = self.pos();
        let first_head = self.peek().filter(|c| matches!(c, '<' | 'x' | 'o'));
        if first_head.is_some() {
            self.advance(1);
        }
        let (style, text, last_head) = match self.peek() {
            Some('~') => {
                self.take_while(|c| c == '~');
                (LinkStyle::Invisible, None, None)
            }
            Some('=') => self.thick(start)?,
            _ => self.solid_or_dotted(start)?,
        };
        let both_ends = matches!(
            (first_head, last_head),
            (Some('<'), Some('>')) | (Some('x'), Some('x')) | (Some('o'), Some('o'))
        );
        // Mermaid's link token ends with any blanks and line breaks.
        self.take_while(char::is_whitespace);
        let text = match text {
            Some(text) => text,
            None if style != LinkStyle::Invisible && self.peek() == Some('|') => {
                self.pipe_text()?
            }
            None => String::new(),
        };
        Ok(Some(Link {
            style,
            text,
            both_ends,
        }))
    }

    /// `-->`, `---`, `--o`, `-- text -->`, `-.->`, `.->`, `-. text .->`:
    /// the style, the text if written inside, and the head at the end.
    fn solid_or_dotted(
        &mut self,
        start: usize,
    ) -> Result<(LinkStyle, Option<String>, Option<char>), MermaidError> {
        let dashes = self.take_while(|c| c == '-').len();
        if dashes <= 1 && self.peek() == Some('.') {
            self.take_while(|c| c == '.');
            if self.eat("-") {
                return Ok((LinkStyle::Dotted, None, self.eat_head()));
            }
            let (text, head) = self.link_text(start, LinkStyle::Dotted)?;
            return Ok((LinkStyle::Dotted, Some(text), head));
        }
        let head = self.eat_head();
        if head.is_some() || dashes >= 3 {
            return Ok((LinkStyle::Solid, None, head));
        }
        let (text, head) = self.link_text(start, LinkStyle::Solid)?;
        Ok((LinkStyle::Solid, Some(text), head))
    }

    /// `==>`, `===`, `== text ==>`.
    fn thick(
        &mut self,
        start: usize,
    ) -> Result<(LinkStyle, Option<String>, Option<char>), MermaidError> {
        let signs = self.take_while(|c| c == '=').len();
        let head = self.eat_head();
        if head.is_some() || signs >= 3 {
            return Ok((LinkStyle::Thick, None, head));
        }
        let (text, head) = self.link_text(start, LinkStyle::Thick)?;
        Ok((LinkStyle::Thick, Some(text), head))
    }

    /// An arrow head `>`, `o` or `x`, if one is next.
    fn eat_head(&mut self) -> Option<char> {
        let head = self.peek().filter(|c| matches!(c, '>' | 'o' | 'x'))?;
        self.advance(1);
        Some(head)
    }

    /// The text of `-- text -->`, `-. text .->` or `== text ==>`, from just
    /// after the opening to the end of the closing arrow, and its head.
    fn link_text(
        &mut self,
        start: usize,
        style: LinkStyle,
    ) -> Result<(String, Option<char>), MermaidError> {
        let (closing, example) = match style {
            LinkStyle::Dotted => (".-", "-. text .->"),
            LinkStyle::Thick => ("==", "== text ==>"),
            _ => ("--", "-- text -->"),
        };
        let not_closed = |cursor: &Self| {
            cursor.error_at(
                start,
                "the text of this link is not closed on its line",
                format!("write `{example}` or `-->|text|`"),
            )
        };
        let Some(raw) = self.until(closing, false) else {
            return Err(not_closed(self));
        };
        let sign = if style == LinkStyle::Thick { '=' } else { '-' };
        let more = self.take_while(|c| c == sign).len();
        let head = self.eat_head();
        if style != LinkStyle::Dotted && more == 0 && head.is_none() {
            return Err(not_closed(self));
        }
        // The closing `.-` of a dotted link may follow more dots and a
        // dash (`-. text -..->`).
        let raw = match style {
            LinkStyle::Dotted => raw.trim_end_matches('.').trim_end_matches('-').trim(),
            _ => raw.trim(),
        };
        let unquoted = raw
            .strip_prefix('"')
            .and_then(|inner| inner.strip_suffix('"'))
            .unwrap_or(raw);
        Ok((decode_label(unquoted.trim()), head))
    }

    /// `|text|` or `|"text"|` after an arrow; the cursor is on the first `|`.
    fn pipe_text(&mut self) -> Result<String, MermaidError> {
        let open_at = self.pos();
        self.advance(1);
        self.skip_blanks();
        if self.peek() == Some('"') {
            let text = self.quoted()?;
            self.skip_blanks();
            if !self.eat("|") {
                return Err(self.error(
                    format!(
                        "expected `|` after the quoted link text, found {}",
                        self.describe_next()
                    ),
                    "write `-->|\"text\"| b`",
                ));
            }
            return Ok(text);
        }
        match self.until("|", false) {
            Some(text) => Ok(decode_label(text.trim())),
            None => Err(self.error_at(
                open_at,
                "this link text is not closed on its line",
                "end it with `|`",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::{expect, Expect};

    /// Reads one link from `text` and shows it with what is left.
    fn check_link(text: &str, expected: Expect) {
        let mut cursor = Cursor::new(text);
        let shown = match cursor.link() {
            Ok(Some(link)) => format!(
                "{:?}{} {:?} rest {:?}",
                link.style,
                if link.both_ends { " both ends" } else { "" },
                link.text,
                cursor.rest()
            ),
            Ok(None) => format!("none rest {:?}", cursor.rest()),
            Err(e) => format!("error {e}"),
        };
        expected.assert_eq(&shown);
    }

    #[test]
    fn plain_links() {
        check_link("--> b", expect![[r#"Solid "" rest "b""#]]);
        check_link("---oB", expect![[r#"Solid "" rest "B""#]]);
        check_link("----x b", expect![[r#"Solid "" rest "b""#]]);
        check_link("--- b", expect![[r#"Solid "" rest "b""#]]);
        check_link("-.-> b", expect![[r#"Dotted "" rest "b""#]]);
        check_link("-..- b", expect![[r#"Dotted "" rest "b""#]]);
        check_link("==> b", expect![[r#"Thick "" rest "b""#]]);
        check_link("==== b", expect![[r#"Thick "" rest "b""#]]);
        check_link("~~~ b", expect![[r#"Invisible "" rest "b""#]]);
        check_link("b", expect![[r#"none rest "b""#]]);
        check_link("-->\n  b", expect![[r#"Solid "" rest "b""#]]);
    }

    #[test]
    fn dotted_links_without_the_first_dash() {
        check_link(".-> b", expect![[r#"Dotted "" rest "b""#]]);
        check_link(".- b", expect![[r#"Dotted "" rest "b""#]]);
        check_link("..-> b", expect![[r#"Dotted "" rest "b""#]]);
        check_link(".-x b", expect![[r#"Dotted "" rest "b""#]]);
        check_link(".node", expect![[r#"none rest ".node""#]]);
    }

    #[test]
    fn heads_at_both_ends() {
        check_link("<--> b", expect![[r#"Solid both ends "" rest "b""#]]);
        check_link("x--x b", expect![[r#"Solid both ends "" rest "b""#]]);
        check_link("o--o b", expect![[r#"Solid both ends "" rest "b""#]]);
        check_link("<==> b", expect![[r#"Thick both ends "" rest "b""#]]);
        check_link("<-.-> b", expect![[r#"Dotted both ends "" rest "b""#]]);
        check_link("<.-> b", expect![[r#"Dotted both ends "" rest "b""#]]);
        check_link(
            "<-- text -->b",
            expect![[r#"Solid both ends "text" rest "b""#]],
        );
        check_link(
            "x-- label --x B",
            expect![[r#"Solid both ends "label" rest "B""#]],
        );
        check_link("<--- b", expect![[r#"Solid "" rest "b""#]]);
        check_link("x--o b", expect![[r#"Solid "" rest "b""#]]);
    }

    #[test]
    fn links_with_text() {
        check_link("-->|yes| b", expect![[r#"Solid "yes" rest " b""#]]);
        check_link("-->|\"a|b\"| b", expect![[r#"Solid "a|b" rest " b""#]]);
        check_link(
            "-- on failure --> b",
            expect![[r#"Solid "on failure" rest "b""#]],
        );
        check_link("--text---b", expect![[r#"Solid "text" rest "b""#]]);
        check_link(
            "-. lag #lt; 5 s .-> b",
            expect![[r#"Dotted "lag < 5 s" rest "b""#]],
        );
        check_link("-. t -.-> b", expect![[r#"Dotted "t" rest "b""#]]);
        check_link(
            "== \"checks\" ==> b",
            expect![[r#"Thick "checks" rest "b""#]],
        );
    }

    #[test]
    fn malformed_links() {
        check_link("- b", expect![[r#"none rest "- b""#]]);
        check_link("-- no end", expect!["error line 1, column 1: the text of this link is not closed on its line (write `-- text -->` or `-->|text|`)"]);
        check_link("-- a --\nb", expect!["error line 1, column 1: the text of this link is not closed on its line (write `-- text -->` or `-->|text|`)"]);
        check_link("-->|open", expect!["error line 1, column 4: this link text is not closed on its line (end it with `|`)"]);
    }
}
