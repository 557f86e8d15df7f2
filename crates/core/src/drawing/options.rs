//! The `<option>`s of a `<select>` as markup, for lists long enough that a
//! view per option costs (the inspector's "connect to" list holds every
//! other node of the plan: thousands on a large one). Values are numbers;
//! texts are escaped, so plan text never becomes markup.

use super::escape;
use std::fmt::Write;

/// A first option with no value saying `prompt`, then one option per
/// `(value, text)`; the one whose value is `chosen` is selected.
pub fn options(prompt: &str, items: &[(u32, String)], chosen: Option<u32>) -> String {
    let mut out = format!("<option value=\"\">{}</option>", escape(prompt));
    for (value, text) in items {
        let selected = if chosen == Some(*value) {
            " selected"
        } else {
            ""
        };
        let _ = write!(
            out,
            "<option value=\"{value}\"{selected}>{}</option>",
            escape(text)
        );
    }
    out
}

/// A `<datalist>`'s options, one per name: its text is its value, so the
/// name stays between tags.
pub fn suggestions<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for name in names {
        let _ = write!(out, "<option>{}</option>", escape(name));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::expect;

    #[test]
    fn texts_are_escaped_and_the_chosen_one_is_selected() {
        let items = [
            (3, "<script>alert(1)</script> & co".to_string()),
            (7, "Backfill · Phase".to_string()),
        ];
        expect![[r#"<option value="">Choose…</option><option value="3">&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</option><option value="7" selected>Backfill · Phase</option>"#]]
            .assert_eq(&options("Choose…", &items, Some(7)));
        expect![[r#"<option value="">x</option>"#]].assert_eq(&options("x", &[], None));
        expect![[r#"<option>Cut over</option><option>"&gt;&lt;b&gt;</option>"#]]
            .assert_eq(&suggestions(["Cut over", "\"><b>"]));
    }
}
