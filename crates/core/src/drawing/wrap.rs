//! Fitting node titles into the fixed node footprints.
//!
//! SVG text does not wrap, and measuring text in the browser for thousands
//! of nodes costs layout passes; titles are wrapped by character count
//! instead, which is close enough at the canvas font size.

/// Splits `text` into at most `max_lines` lines of at most `width`
/// characters, breaking at spaces where possible and ending with "…" when
/// the text does not fit.
pub fn wrap(text: &str, width: usize, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut truncated = false;
    'words: for word in text.split_whitespace() {
        let mut word = word;
        loop {
            let used = current.chars().count();
            let len = word.chars().count();
            let sep = usize::from(used > 0);
            if used + sep + len <= width {
                if sep == 1 {
                    current.push(' ');
                }
                current.push_str(word);
                continue 'words;
            }
            if used > 0 {
                lines.push(std::mem::take(&mut current));
            } else {
                // A word longer than a line: hard-break it.
                let cut = word
                    .char_indices()
                    .nth(width)
                    .map_or(word.len(), |(i, _)| i);
                lines.push(word[..cut].to_string());
                word = &word[cut..];
                if word.is_empty() {
                    continue 'words;
                }
            }
            if lines.len() == max_lines {
                truncated = true;
                break 'words;
            }
        }
    }
    if !current.is_empty() {
        if lines.len() < max_lines {
            lines.push(current);
        } else {
            truncated = true;
        }
    }
    if truncated {
        if let Some(last) = lines.last_mut() {
            let keep: String = last.chars().take(width.saturating_sub(1)).collect();
            *last = format!("{}…", keep.trim_end());
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wraps_at_spaces_and_marks_what_was_cut() {
        assert_eq!(wrap("Expand: add column", 24, 2), ["Expand: add column"]);
        assert_eq!(
            wrap("Backfill email_address in batches of 10,000", 24, 2),
            ["Backfill email_address", "in batches of 10,000"]
        );
        assert_eq!(
            wrap("one two three four five six seven eight", 10, 2),
            ["one two", "three fou…"]
        );
        assert_eq!(wrap("abcdefghijkl", 5, 2), ["abcde", "fghi…"]);
        assert_eq!(wrap("   ", 5, 2), Vec::<String>::new());
        assert_eq!(wrap("שלום עולם 🚀", 24, 2), ["שלום עולם 🚀"]);
    }
}
