//! A lenient SQL scanner: a script becomes statements of tokens.
//!
//! It knows just enough of PostgreSQL's lexical rules to find statement
//! boundaries and keywords without being fooled by text: `--` and `/* */`
//! comments, `'…'` strings (with `''`), `"…"` quoted identifiers (kept as
//! one token that never equals a keyword) and `$tag$…$tag$` bodies (skipped
//! whole: a function body is not the script's own DDL). Anything else is a
//! word (letters, digits, `_`, `.`) or a one-character punctuation token.
//! It never fails: shell commands or half-written SQL scan to tokens too.

/// One token of a statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Token<'a> {
    /// A keyword or a plain (possibly schema-qualified) name.
    Word(&'a str),
    /// A `"quoted"` identifier, with its quotes.
    Quoted(&'a str),
    Punct(&'a str),
}

impl Token<'_> {
    /// Whether this is the word `keyword`, in any case.
    pub fn is(&self, keyword: &str) -> bool {
        matches!(self, Token::Word(word) if word.eq_ignore_ascii_case(keyword))
    }

    /// The token as written, a slice of the script.
    pub fn as_str(&self) -> &str {
        match self {
            Token::Word(text) | Token::Quoted(text) | Token::Punct(text) => text,
        }
    }

    /// The byte offset in `script`, which this token is a slice of, just
    /// past the token.
    pub fn end_in(&self, script: &str) -> usize {
        let text = self.as_str();
        text.as_ptr() as usize - script.as_ptr() as usize + text.len()
    }

    /// The token as written, owned.
    pub fn text(&self) -> String {
        self.as_str().to_string()
    }
}

/// A statement: its tokens, the 1-based line of the script it starts on,
/// and the byte offset where it ends: just past its `;`, or past its last
/// token when the script ends without one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statement<'a> {
    pub line: usize,
    pub tokens: Vec<Token<'a>>,
    pub end: usize,
}

impl Statement<'_> {
    fn new(line: usize) -> Self {
        Statement {
            line,
            tokens: Vec::new(),
            end: 0,
        }
    }
}

/// The statements of `script`, separated by `;`; empty ones are dropped.
pub fn statements(script: &str) -> Vec<Statement<'_>> {
    let bytes = script.as_bytes();
    let mut out = Vec::new();
    let mut current = Statement::new(1);
    let mut line = 1;
    let mut i = 0;
    // Skips to just after `end`, counting lines; to the end if it is absent.
    let skip_past = |from: usize, end: &str, line: &mut usize| -> usize {
        let stop = script[from..]
            .find(end)
            .map_or(script.len(), |at| from + at + end.len());
        *line += script[from..stop].matches('\n').count();
        stop
    };
    while i < bytes.len() {
        let c = bytes[i];
        let rest = &script[i..];
        if c == b'\n' {
            line += 1;
            i += 1;
        } else if c.is_ascii_whitespace() {
            i += 1;
        } else if rest.starts_with("--") {
            i = rest.find('\n').map_or(script.len(), |at| i + at);
        } else if rest.starts_with("/*") {
            i = skip_past(i + 2, "*/", &mut line);
        } else if c == b'\'' {
            // `''` inside a string reads as the end of one string and the
            // start of the next: both skipped, the same thing.
            i = skip_past(i + 1, "'", &mut line);
        } else if c == b'"' {
            let start = i;
            i = skip_past(i + 1, "\"", &mut line);
            push(&mut current, line, Token::Quoted(&script[start..i]));
        } else if let Some(tag) = dollar_tag(rest) {
            i = skip_past(i + tag.len(), tag, &mut line);
        } else if c == b';' {
            i += 1;
            if !current.tokens.is_empty() {
                current.end = i;
                out.push(std::mem::replace(&mut current, Statement::new(line)));
            }
        } else if is_word_byte(c) {
            let start = i;
            while i < bytes.len() && is_word_byte(bytes[i]) {
                i += 1;
            }
            push(&mut current, line, Token::Word(&script[start..i]));
        } else {
            let len = rest.chars().next().map_or(1, char::len_utf8);
            push(&mut current, line, Token::Punct(&script[i..i + len]));
            i += len;
        }
    }
    if let Some(last) = current.tokens.last() {
        current.end = last.end_in(script);
        out.push(current);
    }
    out
}

fn push<'a>(statement: &mut Statement<'a>, line: usize, token: Token<'a>) {
    if statement.tokens.is_empty() {
        statement.line = line;
    }
    statement.tokens.push(token);
}

fn is_word_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'.' || c >= 0x80
}

/// The opening `$tag$` (or `$$`) at the start of `text`, if there is one.
/// `$1`, a parameter, is not: a tag does not start with a digit.
fn dollar_tag(text: &str) -> Option<&str> {
    let body = text.strip_prefix('$')?;
    let end = body.find('$')?;
    let tag = &body[..end];
    let valid = tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && !tag.starts_with(|c: char| c.is_ascii_digit());
    valid.then(|| &text[..end + 2])
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::{expect, Expect};

    fn check(script: &str, expect: Expect) {
        let rendered: Vec<String> = statements(script)
            .iter()
            .map(|s| {
                let tokens: Vec<String> = s.tokens.iter().map(Token::text).collect();
                format!("{}: {}", s.line, tokens.join(" "))
            })
            .collect();
        expect.assert_eq(&rendered.join("\n"));
    }

    #[test]
    fn statements_split_on_semicolons_with_their_lines() {
        check(
            "ALTER TABLE users ADD COLUMN email text;\n\n  CREATE INDEX CONCURRENTLY i ON users (email);\nSELECT 1",
            expect![[r#"
                1: ALTER TABLE users ADD COLUMN email text
                3: CREATE INDEX CONCURRENTLY i ON users ( email )
                4: SELECT 1"#]],
        );
    }

    #[test]
    fn comments_strings_and_bodies_hide_their_text() {
        check(
            "-- DROP TABLE a;\n/* DROP TABLE b;\n */ UPDATE t SET note = 'it''s; DROP TABLE c';\n\
             CREATE FUNCTION f() RETURNS trigger AS $fn$ BEGIN DROP TABLE d; END $fn$ LANGUAGE plpgsql;\n\
             SELECT \"Drop; Table\" FROM s WHERE x = $1",
            expect![[r#"
                3: UPDATE t SET note =
                4: CREATE FUNCTION f ( ) RETURNS trigger AS LANGUAGE plpgsql
                5: SELECT "Drop; Table" FROM s WHERE x = $ 1"#]],
        );
    }

    #[test]
    fn unterminated_text_runs_to_the_end_without_failing() {
        check("SELECT 'open; DROP", expect![[r#"1: SELECT"#]]);
        check("SELECT 1; /* open", expect![[r#"1: SELECT 1"#]]);
        check("", expect![[r#""#]]);
    }
}
