//! A cursor over flowchart text and the tokens of the flowchart language
//! that are not links ([`super::link`]) or `@{…}` blocks
//! ([`super::shape_data`]): node ids, class names, shapes with labels,
//! quoted strings.
//!
//! The cursor never moves backwards and every reader either consumes what
//! it recognised or nothing, so reading is linear in the text. Text is
//! expected with `\n` line breaks only (see [`super::parser`]).
//!
//! Node ids are read as Mermaid's lexer reads them (flow.jison's
//! `NODE_STRING` and the tokens an `idString` may join): letters and digits
//! of any script and `_ ! # $ % & ' * + . ` ? \ / , :` anywhere, so that
//! `#`, `node-`, `default/node` and `a,b` are ids; `-` except where a link
//! starts (`--`, `-.`), `:` except where `:::class` starts, `%` except
//! where a `%%` comment starts.

use super::escape::decode_label;
use super::shape::{self, Shape};
use super::MermaidError;

/// Reads a text left to right, keeping track of the line it is on.
pub(super) struct Cursor<'a> {
    text: &'a str,
    pos: usize,
    /// The 1-based line of `pos`, kept up to date by [`Cursor::advance`].
    line: usize,
    /// Where that line starts.
    line_start: usize,
}

/// Whether `c`, followed by `after`, belongs to a node id (see the module
/// doc). `=` is left out: Mermaid refuses it in ids but for `=` alone.
pub(super) fn continues_id(c: char, after: &str) -> bool {
    match c {
        '-' => !after.starts_with(['-', '.']),
        ':' => !after.starts_with("::"),
        '%' => !after.starts_with('%'),
        '_' | '!' | '#' | '$' | '&' | '\'' | '*' | '+' | '.' | '`' | '?' | '\\' | '/' | ',' => true,
        c => c.is_alphanumeric(),
    }
}

/// The length in bytes of the node id `text` starts with (0 if none).
pub(super) fn id_len(text: &str) -> usize {
    text.char_indices()
        .find(|&(at, c)| !continues_id(c, &text[at + c.len_utf8()..]))
        .map_or(text.len(), |(at, _)| at)
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
    pub(super) fn advance(&mut self, len: usize) {
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

    /// A node id, if one starts here. Also what a class name is read as,
    /// as Mermaid does, so that `A:::c---B` ends the class at the link.
    pub fn node_id(&mut self) -> Option<&'a str> {
        let rest = self.rest();
        let len = id_len(rest);
        self.advance(len);
        (len > 0).then(|| &rest[..len])
    }

    /// A node shape and its decoded label, if a shape opens here.
    pub fn shape_and_label(&mut self) -> Result<Option<(&'static Shape, String)>, MermaidError> {
        // Every opening starts with one of these; most nodes have none.
        if !matches!(self.peek(), Some('[' | '(' | '{' | '>')) {
            return Ok(None);
        }
        let Some(shape) = shape::opening(self.rest()) else {
            return Ok(None);
        };
        let open_at = self.pos;
        self.advance(shape.open.len());
        self.skip_blanks();
        let close_hint = || format!("close the label with `{}`", shape.closes[0]);
        // Mermaid trims a label, quoted or not, before it shows it.
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

    /// A Mermaid 11 edge id written before a link (`e1@-->`), consumed with
    /// its `@`; `None`, consuming nothing, if the next word is not one.
    /// Mermaid's token is any run of characters but blanks and `"` before
    /// an `@`; here it is an id, and a link must follow the `@`.
    pub fn edge_id(&mut self) -> Option<&'a str> {
        let rest = self.rest();
        // Only as far as an id goes, so that looking for an edge id before
        // every link of a long line stays linear.
        let len = id_len(rest);
        let after = rest[len..].strip_prefix('@')?;
        if len == 0 || !super::link::opens(after, true) {
            return None;
        }
        self.advance(len + 1);
        Some(&rest[..len])
    }

    /// A `"…"` string (or a Markdown string `` "`…`" ``), trimmed and decoded. The
    /// cursor is on the opening quote. Quoted text may span lines.
    pub(super) fn quoted(&mut self) -> Result<String, MermaidError> {
        let open_at = self.pos;
        self.advance(1);
        let markdown = self.eat("`");
        let closing = if markdown { "`\"" } else { "\"" };
        match self.until(closing, true) {
            // Mermaid trims what it shows, before entity codes are read,
            // so `#32;` keeps a space.
            Some(text) => Ok(decode_label(text.trim())),
            None => Err(self.error_at(
                open_at,
                "this quoted text is never closed",
                format!("end it with `{closing}`"),
            )),
        }
    }
}

/// The first of `needles` in `text` before its first line break: where it
/// starts and which one. Scans only as far as it has to, so that reading
/// many tokens off one long line stays linear.
pub(super) fn find_on_line<'n>(text: &str, needles: &[&'n str]) -> Option<(usize, &'n str)> {
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
