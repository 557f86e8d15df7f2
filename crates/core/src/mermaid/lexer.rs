//! A cursor over flowchart text and the tokens of the flowchart language:
//! node ids, labels, links (arrows with their text), class names.
//!
//! The cursor never moves backwards and every reader either consumes what
//! it recognised or nothing, so reading is linear in the text. Text is
//! expected with `\n` line breaks only (see [`super::parser`]).
//!
//! Links, as Mermaid reads them (`o`/`x` right after the dashes is an arrow
//! head, which is why `A---oB` links `A` to `B`):
//!
//! | family | plain | with text |
//! |---|---|---|
//! | solid | `-->` `---` `--o` `--x` (any number of dashes ≥ 2) | `-- text -->`, `-->\|text\|` |
//! | dotted | `-.->` `-.-` `-..->` | `-. text .->`, `-.->\|text\|` |
//! | thick | `==>` `===` | `== text ==>`, `==>\|text\|` |
//! | invisible | `~~~` | — |

use super::escape::decode_label;
use super::shape::{self, Shape};
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
}

/// Reads a text left to right, keeping track of the line it is on.
pub(super) struct Cursor<'a> {
    text: &'a str,
    pos: usize,
    /// The 1-based line of `pos`, kept up to date by [`Cursor::advance`].
    line: usize,
    /// Where that line starts.
    line_start: usize,
}

/// A character that can be part of a node id: letters and digits of any
/// script and `_`; `-` and `.` count only between two such characters, so
/// that `my-node` is one id and `a-->b`, `a-.->b` are links.
fn is_id_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

impl<'a> Cursor<'a> {
    pub fn new(text: &'a str) -> Cursor<'a> {
        Cursor {
            text,
            pos: 0,
            line: 1,
            line_start: 0,
        }
    }

    pub fn pos(&self) -> usize {
        self.pos
    }

    /// The 1-based line of the cursor.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The 1-based column of the cursor, in characters.
    pub fn column(&self) -> usize {
        self.text[self.line_start..self.pos].chars().count() + 1
    }

    /// Moves `len` bytes forward, counting the line breaks passed.
    fn advance(&mut self, len: usize) {
        let passed = &self.text[self.pos..self.pos + len];
        if let Some(last) = passed.rfind('\n') {
            self.line += passed.matches('\n').count();
            self.line_start = self.pos + last + 1;
        }
        self.pos += len;
    }

    pub fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    pub fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    pub fn at_end(&self) -> bool {
        self.pos == self.text.len()
    }

    /// Consumes `prefix` if the rest starts with it.
    pub fn eat(&mut self, prefix: &str) -> bool {
        let found = self.rest().starts_with(prefix);
        if found {
            self.advance(prefix.len());
        }
        found
    }

    /// Consumes characters while `keep` holds; returns them.
    pub fn take_while(&mut self, keep: impl Fn(char) -> bool) -> &'a str {
        let rest = self.rest();
        let len = rest.find(|c: char| !keep(c)).unwrap_or(rest.len());
        self.advance(len);
        &rest[..len]
    }

    /// Skips spaces and tabs (not line breaks).
    pub fn skip_blanks(&mut self) {
        self.take_while(|c| c == ' ' || c == '\t');
    }

    /// Consumes the rest of the line, not its line break; returns it.
    pub fn rest_of_line(&mut self) -> &'a str {
        self.take_while(|c| c != '\n')
    }

    /// Consumes everything up to and including the first `terminator`;
    /// returns what came before it, or `None` (consuming nothing) if there
    /// is no terminator before the end of the line or, if `multiline`, the
    /// end of the text.
    pub fn until(&mut self, terminator: &str, multiline: bool) -> Option<&'a str> {
        let rest = self.rest();
        let (at, _) = if multiline {
            (rest.find(terminator)?, terminator)
        } else {
            find_on_line(rest, &[terminator])?
        };
        self.advance(at + terminator.len());
        Some(&rest[..at])
    }

    /// An error at byte `at`, with its 1-based line and column.
    pub fn error_at(
        &self,
        at: usize,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> MermaidError {
        let before = &self.text[..at];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        MermaidError {
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
            message: message.into(),
            hint: hint.into(),
        }
    }

    /// An error at the cursor.
    pub fn error(&self, message: impl Into<String>, hint: impl Into<String>) -> MermaidError {
        self.error_at(self.pos, message, hint)
    }

    /// How the next character reads in a message: `` `x` `` or "the end of the line".
    pub fn describe_next(&self) -> String {
        match self.peek() {
            None => "the end of the text".to_owned(),
            Some('\n') => "the end of the line".to_owned(),
            Some(c) => format!("`{c}`"),
        }
    }

    /// A node id, if one starts here.
    pub fn node_id(&mut self) -> Option<&'a str> {
        let rest = self.rest();
        let mut chars = rest.char_indices().peekable();
        let mut end = 0;
        while let Some((at, c)) = chars.next() {
            let joins = (c == '-' || c == '.')
                && end > 0
                && chars.peek().is_some_and(|&(_, next)| is_id_char(next));
            if !(is_id_char(c) || joins) {
                break;
            }
            end = at + c.len_utf8();
        }
        self.advance(end);
        (end > 0).then(|| &rest[..end])
    }

    /// A class name (`phase_dual_write`, `my-class`), if one starts here.
    pub fn class_name(&mut self) -> Option<&'a str> {
        let name = self.take_while(|c| is_id_char(c) || c == '-');
        (!name.is_empty()).then_some(name)
    }

    /// A node shape and its decoded label, if a shape opens here.
    pub fn shape_and_label(&mut self) -> Result<Option<(&'static Shape, String)>, MermaidError> {
        let Some(shape) = shape::opening(self.rest()) else {
            return Ok(None);
        };
        let open_at = self.pos;
        self.advance(shape.open.len());
        self.skip_blanks();
        let close_hint = || format!("close the label with `{}`", shape.closes[0]);
        let label = if self.peek() == Some('"') {
            let label = self.quoted()?;
            self.skip_blanks();
            if !shape.closes.iter().any(|close| self.eat(close)) {
                return Err(self.error(
                    format!(
                        "expected `{}` after the quoted label, found {}",
                        shape.closes[0],
                        self.describe_next()
                    ),
                    close_hint(),
                ));
            }
            label
        } else {
            let rest = self.rest();
            let Some((at, close)) = find_on_line(rest, shape.closes) else {
                return Err(self.error_at(
                    open_at,
                    "this label is not closed on its line",
                    close_hint(),
                ));
            };
            self.advance(at + close.len());
            decode_label(rest[..at].trim())
        };
        Ok(Some((shape, label)))
    }

    /// The `key: value` pairs of a Mermaid 11 `@{ shape: diamond, label:
    /// "Go?" }` block, values decoded; the cursor is on the `@`. Pairs are
    /// separated by `,` or line breaks; a value is a quoted string or the
    /// text up to the next `,`, `}` or line break.
    pub fn shape_data(&mut self) -> Result<Vec<(&'a str, String)>, MermaidError> {
        let open_at = self.pos;
        self.advance("@{".len());
        let mut pairs = Vec::new();
        loop {
            self.take_while(|c| c == ',' || c.is_whitespace());
            if self.eat("}") {
                return Ok(pairs);
            }
            if self.at_end() {
                return Err(self.error_at(
                    open_at,
                    "this `@{` block is never closed",
                    "end it with `}`",
                ));
            }
            let key = self.take_while(|c| is_id_char(c) || c == '-');
            self.skip_blanks();
            if key.is_empty() || !self.eat(":") {
                return Err(self.error(
                    format!(
                        "expected `key:` in the `@{{…}}` block, found {}",
                        self.describe_next()
                    ),
                    "write `id@{ shape: diamond, label: \"Go?\" }`",
                ));
            }
            self.skip_blanks();
            let value = if self.peek() == Some('"') {
                self.quoted()?
            } else {
                decode_label(self.take_while(|c| !matches!(c, ',' | '}' | '\n')).trim())
            };
            pairs.push((key, value));
        }
    }

    /// A Mermaid 11 edge id written before a link (`e1@-->`), consumed with
    /// its `@`; `None`, consuming nothing, if the next word is not one.
    pub fn edge_id(&mut self) -> Option<&'a str> {
        let rest = self.rest();
        let len = rest.find(|c: char| !is_id_char(c)).unwrap_or(rest.len());
        let after = rest[len..].strip_prefix('@')?;
        if len == 0 || after.starts_with('{') {
            return None;
        }
        self.advance(len + 1);
        Some(&rest[..len])
    }

    /// A `"…"` string (or a Markdown string `` "`…`" ``), decoded. The
    /// cursor is on the opening quote. Quoted text may span lines.
    fn quoted(&mut self) -> Result<String, MermaidError> {
        let open_at = self.pos;
        self.advance(1);
        let markdown = self.eat("`");
        let closing = if markdown { "`\"" } else { "\"" };
        match self.until(closing, true) {
            Some(text) => Ok(decode_label(text)),
            None => Err(self.error_at(
                open_at,
                "this quoted text is never closed",
                format!("end it with `{closing}`"),
            )),
        }
    }

    /// A link, if one starts here (after blanks).
    pub fn link(&mut self) -> Result<Option<Link>, MermaidError> {
        self.skip_blanks();
        let rest = self.rest();
        let mut chars = rest.chars();
        let (first, second) = (chars.next(), chars.next());
        let bidirectional = match (first, second) {
            (Some('<'), Some('-' | '=' | '.')) => true,
            (Some('o' | 'x'), Some('-' | '=')) => ["--", "==", "-."]
                .iter()
                .any(|body| rest[1..].starts_with(body)),
            _ => false,
        };
        if bidirectional {
            return Err(self.error(
                "links with a head at both ends have no direction in a migration plan",
                "write one link each way, e.g. `a --> b` and `b -.-> a`",
            ));
        }
        let link = match first {
            Some('-') => self.solid_or_dotted()?,
            Some('=') => self.thick()?,
            Some('~') => self.invisible()?,
            _ => return Ok(None),
        };
        let plain_arrow = link.text.is_empty();
        if plain_arrow && link.style != LinkStyle::Invisible {
            self.skip_blanks();
            if self.peek() == Some('|') {
                return Ok(Some(Link {
                    style: link.style,
                    text: self.pipe_text()?,
                }));
            }
        }
        Ok(Some(link))
    }

    /// `-->`, `---`, `--o`, `-- text -->`, `-.->`, `-.-`, `-. text .->`.
    fn solid_or_dotted(&mut self) -> Result<Link, MermaidError> {
        let start = self.pos;
        let dashes = self.take_while(|c| c == '-').len();
        if dashes == 1 && self.peek() == Some('.') {
            self.take_while(|c| c == '.');
            if self.eat("-") {
                self.eat_head();
                return Ok(plain(LinkStyle::Dotted));
            }
            return self.link_text(start, LinkStyle::Dotted);
        }
        if dashes == 1 {
            return Err(self.error_at(
                start,
                "a single `-` is not a link",
                "write `-->` for a forward edge",
            ));
        }
        if self.eat_head() || dashes >= 3 {
            return Ok(plain(LinkStyle::Solid));
        }
        self.link_text(start, LinkStyle::Solid)
    }

    /// `==>`, `===`, `== text ==>`.
    fn thick(&mut self) -> Result<Link, MermaidError> {
        let start = self.pos;
        let signs = self.take_while(|c| c == '=').len();
        if signs == 1 {
            return Err(self.error_at(
                start,
                "a single `=` is not a link",
                "write `==>` for a validation edge",
            ));
        }
        if self.eat_head() || signs >= 3 {
            return Ok(plain(LinkStyle::Thick));
        }
        self.link_text(start, LinkStyle::Thick)
    }

    /// `~~~` (three or more).
    fn invisible(&mut self) -> Result<Link, MermaidError> {
        let start = self.pos;
        if self.take_while(|c| c == '~').len() < 3 {
            return Err(self.error_at(
                start,
                "`~` is not a link",
                "write `~~~` for an invisible link",
            ));
        }
        Ok(plain(LinkStyle::Invisible))
    }

    /// An arrow head `>`, `o` or `x`, if one is next.
    fn eat_head(&mut self) -> bool {
        self.eat(">") || self.eat("o") || self.eat("x")
    }

    /// The text of `-- text -->`, `-. text .->` or `== text ==>`, from just
    /// after the opening to the end of the closing arrow.
    fn link_text(&mut self, start: usize, style: LinkStyle) -> Result<Link, MermaidError> {
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
        let closed = match style {
            LinkStyle::Dotted => {
                self.take_while(|c| c == '-');
                self.eat_head();
                true
            }
            LinkStyle::Thick => {
                let more = self.take_while(|c| c == '=').len();
                self.eat_head() || more > 0
            }
            _ => {
                let more = self.take_while(|c| c == '-').len();
                self.eat_head() || more > 0
            }
        };
        if !closed {
            return Err(not_closed(self));
        }
        // The closing `.-` of `-. text ..->` may follow more dots.
        let raw = match style {
            LinkStyle::Dotted => raw.trim_end_matches('.').trim(),
            _ => raw.trim(),
        };
        let unquoted = raw
            .strip_prefix('"')
            .and_then(|inner| inner.strip_suffix('"'))
            .unwrap_or(raw);
        Ok(Link {
            style,
            text: decode_label(unquoted),
        })
    }

    /// `|text|` or `|"text"|` after an arrow; the cursor is on the first `|`.
    fn pipe_text(&mut self) -> Result<String, MermaidError> {
        let open_at = self.pos;
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

/// The first of `needles` in `text` before its first line break: where it
/// starts and which one. Scans only as far as it has to, so that reading
/// many tokens off one long line stays linear.
fn find_on_line<'n>(text: &str, needles: &[&'n str]) -> Option<(usize, &'n str)> {
    for (at, c) in text.char_indices() {
        if c == '\n' {
            return None;
        }
        if let Some(needle) = needles
            .iter()
            .find(|needle| text[at..].starts_with(**needle))
        {
            return Some((at, needle));
        }
    }
    None
}

fn plain(style: LinkStyle) -> Link {
    Link {
        style,
        text: String::new(),
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
            Ok(Some(link)) => format!("{:?} {:?} rest {:?}", link.style, link.text, cursor.rest()),
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
        check_link("~~~ b", expect![[r#"Invisible "" rest " b""#]]);
        check_link("b", expect![[r#"none rest "b""#]]);
    }

    #[test]
    fn links_with_text() {
        check_link("-->|yes| b", expect![[r#"Solid "yes" rest " b""#]]);
        check_link("-->|\"a|b\"| b", expect![[r#"Solid "a|b" rest " b""#]]);
        check_link(
            "-- on failure --> b",
            expect![[r#"Solid "on failure" rest " b""#]],
        );
        check_link("--text---b", expect![[r#"Solid "text" rest "b""#]]);
        check_link(
            "-. lag #lt; 5 s .-> b",
            expect![[r#"Dotted "lag < 5 s" rest " b""#]],
        );
        check_link(
            "== \"checks\" ==> b",
            expect![[r#"Thick "checks" rest " b""#]],
        );
    }

    #[test]
    fn malformed_links() {
        check_link("- b", expect!["error line 1, column 1: a single `-` is not a link (write `-->` for a forward edge)"]);
        check_link("-- no end", expect!["error line 1, column 1: the text of this link is not closed on its line (write `-- text -->` or `-->|text|`)"]);
        check_link("-- a --\nb", expect!["error line 1, column 1: the text of this link is not closed on its line (write `-- text -->` or `-->|text|`)"]);
        check_link("-->|open", expect!["error line 1, column 4: this link text is not closed on its line (end it with `|`)"]);
        check_link("<--> b", expect!["error line 1, column 1: links with a head at both ends have no direction in a migration plan (write one link each way, e.g. `a --> b` and `b -.-> a`)"]);
        check_link("o--o b", expect!["error line 1, column 1: links with a head at both ends have no direction in a migration plan (write one link each way, e.g. `a --> b` and `b -.-> a`)"]);
    }

    #[test]
    fn node_ids_stop_before_links() {
        let ids: Vec<_> = ["my-node-->x", "a.b-.->c", "A---oB", "漢字_1 x", "a-", "-a"]
            .into_iter()
            .map(|text| Cursor::new(text).node_id())
            .collect();
        assert_eq!(
            ids,
            [
                Some("my-node"),
                Some("a.b"),
                Some("A"),
                Some("漢字_1"),
                Some("a"),
                None
            ]
        );
    }
}
