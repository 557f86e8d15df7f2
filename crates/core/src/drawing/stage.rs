//! The markup of the stage bands ([`crate::stages`]), drawn behind the
//! edges and nodes: per band a `g.stage` with its `rect` and its name in
//! the header (the left column top down, the top row left to right),
//! wrapped to fit the header.

use super::escape;
use super::wrap::wrap;
use crate::decimal::Num;
use crate::geometry::Direction;
use crate::stages::{Band, HEADER_COLUMN};
use std::fmt::Write;

/// Characters of the name per line in the header column, at its 12 px font.
const COLUMN_CHARS: usize = 13;
/// Line height of the name, in canvas units.
const LINE: u32 = 15;

/// The bands' markup, one `g` each; empty for none.
pub fn markup(bands: &[Band], direction: Direction) -> String {
    let mut out = String::new();
    for band in bands {
        let r = band.rect;
        let lines = match direction {
            Direction::TopDown => wrap(&band.name, COLUMN_CHARS, 3),
            // Across the top of a column as wide as its nodes.
            Direction::LeftRight => wrap(&band.name, (r.width / 7.5) as usize, 1),
        };
        let _ = write!(
            out,
            r#"<g class="stage"><rect x="{}" y="{}" width="{}" height="{}" rx="10"></rect><text class="stage-name" x="{}" y="{}">"#,
            Num(r.x),
            Num(r.y),
            Num(r.width),
            Num(r.height),
            Num(r.x + 10.0),
            Num(r.y + 20.0),
        );
        for (i, line) in lines.iter().enumerate() {
            let _ = write!(
                out,
                r#"<tspan x="{}" dy="{}">{}</tspan>"#,
                Num(r.x + 10.0),
                // An integer: `{}` on a float would link std's float
                // formatting into the wasm (see crate::decimal).
                if i == 0 { 0 } else { LINE },
                escape(line)
            );
        }
        // The whole name for a reader, even when the header cuts it.
        let _ = write!(
            out,
            "<title>Stage: {}</title></text></g>",
            escape(&band.name)
        );
    }
    debug_assert!(HEADER_COLUMN > COLUMN_CHARS as f64 * 6.5);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shape::Rect;
    use expect_test::expect;

    #[test]
    fn names_are_escaped_and_wrapped_into_the_header() {
        let bands = [Band {
            name: "Cut over <now> & then tidy up".to_owned(),
            rect: Rect {
                x: -110.0,
                y: 156.0,
                width: 516.0,
                height: 88.0,
            },
        }];
        expect![[r#"<g class="stage"><rect x="-110" y="156" width="516" height="88" rx="10"></rect><text class="stage-name" x="-100" y="176"><tspan x="-100" dy="0">Cut over</tspan><tspan x="-100" dy="15">&lt;now&gt; &amp; then</tspan><tspan x="-100" dy="15">tidy up</tspan><title>Stage: Cut over &lt;now&gt; &amp; then tidy up</title></text></g>"#]]
            .assert_eq(&markup(&bands, Direction::TopDown));
    }
}
