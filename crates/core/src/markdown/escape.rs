//! Escaping user text for Markdown, so it reads as the user typed it and
//! never as markup.
//!
//! Definitions:
//! - [`inline`]: Markdown punctuation that can start code, emphasis,
//!   links, images, table columns or escapes (``\ ` * _ [ ] | ~ # !``) is
//!   backslash-escaped, and `<`, `>`, `&` become entities so no HTML tag
//!   or entity gets through; line breaks become spaces.
//! - [`cell`]: the same, with line breaks written as `<br>` (ours, not the
//!   user's), so a table cell stays on its row.
//! - [`fence`]: a backtick fence one longer than the longest run of
//!   backticks in the code, and at least three, so no line of the code
//!   can close the block.

/// `text` as inline Markdown text (see the module doc).
pub fn inline(text: &str) -> String {
    escape(text, " ")
}

/// `text` as the content of a table cell (see the module doc).
pub fn cell(text: &str) -> String {
    escape(text, "<br>")
}

fn escape(text: &str, line_break: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str(line_break);
            }
            '\n' => out.push_str(line_break),
            c if needs_escape(c) => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// The punctuation that can change how a line renders mid-line (code,
/// emphasis, links and images, table columns, strikethrough, escapes, a
/// heading where a cell starts). CommonMark's other punctuation is left
/// alone, so the Markdown source stays readable.
fn needs_escape(c: char) -> bool {
    matches!(
        c,
        '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' | '!'
    )
}

/// A fence for `code` (see the module doc).
pub fn fence(code: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in code.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    "`".repeat((longest + 1).max(3))
}

/// `code` as a fenced block tagged `language`, ending in a newline.
pub fn code_block(code: &str, language: &str) -> String {
    let fence = fence(code);
    let code = code.trim_end_matches(['\n', '\r']);
    format!("{fence}{language}\n{code}\n{fence}\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::expect;

    #[test]
    fn hostile_text_stays_text() {
        let hostile = "a | b\nc\r\nd `x` **y** <script>alert(1)</script> &amp; [l](u) \\ # ~";
        expect![[r#"a \| b<br>c<br>d \`x\` \*\*y\*\* &lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; \[l\](u) \\ \# \~"#]]
            .assert_eq(&cell(hostile));
        expect![[r#"a \| b c d \`x\` \*\*y\*\* &lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; \[l\](u) \\ \# \~"#]]
            .assert_eq(&inline(hostile));
    }

    #[test]
    fn a_fence_is_longer_than_any_backtick_run_inside() {
        assert_eq!(fence("SELECT 1;"), "```");
        assert_eq!(fence("a ``` b ```` c"), "`````");
        expect![[r#"
            ````sql
            SELECT '```';
            ````
        "#]]
        .assert_eq(&code_block("SELECT '```';\n\n", "sql"));
    }
}
