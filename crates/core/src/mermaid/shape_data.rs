//! Mermaid 11's `@{ … }` blocks after a node or an edge id: `key: value`
//! pairs, which Mermaid reads as YAML (a flow mapping on one line, a
//! block mapping over several).
//!
//! The YAML read here is what such blocks hold: pairs separated by `,` or
//! line breaks; a value is a `"double"` or `'single'` quoted string (`''`
//! is a quote, as in YAML; either may span lines), a block scalar (`|`
//! keeps line breaks, `>` folds them into spaces; its lines are those
//! indented deeper than its key, their common indent removed, trailing
//! line breaks dropped), or plain text up to the next `,`, `}` or line
//! break. Values are decoded like labels.

use super::escape::decode_label;
use super::lexer::Cursor;
use super::MermaidError;

impl<'a> Cursor<'a> {
    /// The pairs of the block; the cursor is on its `@`.
    pub fn shape_data(&mut self) -> Result<Vec<(&'a str, String)>, MermaidError> {
        let open_at = self.pos();
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
            let key_indent = self.column() - 1;
            let key = self.take_while(|c| c.is_alphanumeric() || c == '_' || c == '-');
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
            let value = match self.peek() {
                Some('"') => self.quoted()?,
                Some('\'') => self.single_quoted()?,
                Some('|' | '>') => self.block_scalar(key_indent),
                _ => decode_label(self.take_while(|c| !matches!(c, ',' | '}' | '\n')).trim()),
            };
            pairs.push((key, value));
        }
    }

    /// `'…'`, where `''` stands for one quote; the cursor is on the quote.
    fn single_quoted(&mut self) -> Result<String, MermaidError> {
        let open_at = self.pos();
        let rest = &self.rest()[1..];
        let mut text = String::new();
        let mut from = 0;
        loop {
            let Some(at) = rest[from..].find('\'').map(|at| from + at) else {
                return Err(self.error_at(
                    open_at,
                    "this quoted text is never closed",
                    "end it with `'`",
                ));
            };
            text.push_str(&rest[from..at]);
            if rest[at + 1..].starts_with('\'') {
                text.push('\'');
                from = at + 2;
            } else {
                self.advance(1 + at + 1);
                return Ok(decode_label(&text));
            }
        }
    }

    /// A block scalar `|` or `>` (with an optional chomping or indent
    /// indicator) whose key starts at column `key_indent` (0-based); the
    /// cursor is on the `|` or `>`.
    fn block_scalar(&mut self, key_indent: usize) -> String {
        let folded = self.peek() == Some('>');
        // The indicators and anything else after them on the line.
        self.rest_of_line();
        let mut lines: Vec<&str> = Vec::new();
        let mut indent = None;
        loop {
            let rest = self.rest();
            let Some(body) = rest.strip_prefix('\n') else {
                break;
            };
            let line = &body[..body.find('\n').unwrap_or(body.len())];
            let depth = line.len() - line.trim_start_matches([' ', '\t']).len();
            if line.trim().is_empty() {
                lines.push("");
                self.advance(1 + line.len());
                continue;
            }
            let block_indent = *indent.get_or_insert(depth);
            if depth <= key_indent || depth < block_indent {
                break;
            }
            // Mermaid's lexer ends the block at the first `}`.
            let text = &line[block_indent..];
            match text.find('}') {
                Some(close) => {
                    lines.push(&text[..close]);
                    self.advance(1 + block_indent + close);
                    break;
                }
                None => {
                    lines.push(text);
                    self.advance(1 + line.len());
                }
            }
        }
        while lines.last().is_some_and(|line| line.trim().is_empty()) {
            lines.pop();
        }
        let joined = if folded {
            lines.join(" ")
        } else {
            lines.join("\n")
        };
        decode_label(joined.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::{expect, Expect};

    fn check(text: &str, expected: Expect) {
        let mut cursor = Cursor::new(text);
        let shown = match cursor.shape_data() {
            Ok(pairs) => format!("{pairs:?} rest {:?}", cursor.rest()),
            Err(e) => format!("error {e}"),
        };
        expected.assert_eq(&shown);
    }

    #[test]
    fn flow_pairs() {
        check(
            r#"@{ shape: diamond, label: "Go, now?" } x"#,
            expect![[r#"[("shape", "diamond"), ("label", "Go, now?")] rest " x""#]],
        );
        check(
            "@{ label: 'single ''quoted''' }",
            expect![[r#"[("label", "single 'quoted'")] rest """#]],
        );
    }

    #[test]
    fn block_scalars() {
        check(
            "@{\n  label: |\n    This is a\n    multiline string\n  other: \"clock\"\n }",
            expect![[r#"[("label", "This is a\nmultiline string"), ("other", "clock")] rest """#]],
        );
        check(
            "@{ label: >-\n      folded\n      text }",
            expect![[r#"[("label", "folded text")] rest """#]],
        );
    }

    #[test]
    fn unclosed_blocks() {
        check(
            "@{ label: 'open }",
            expect!["error line 1, column 11: this quoted text is never closed (end it with `'`)"],
        );
        check(
            "@{ label: |\n",
            expect!["error line 1, column 1: this `@{` block is never closed (end it with `}`)"],
        );
    }
}
