//! A standalone SVG of the diagram, for SVG and PNG export.
//!
//! The canvas SVG is cloned, cropped to the diagram (not the viewport),
//! stripped of interaction-only parts (hit areas, ports, selection), and
//! given one `<style>` element holding the canvas rules of the page's
//! stylesheet with every colour variable resolved for the chosen theme, so
//! the file looks the same opened alone as it did on the canvas. User text
//! stays in text nodes; the serializer escapes it.

use crate::adapters::download::describe;
use migraflow_core::decimal::Num;
use wasm_bindgen::JsCast;

/// Background (and colour theme) of an exported picture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Background {
    Light,
    Dark,
    /// No background; the colours of the light theme.
    Transparent,
}

impl Background {
    pub const ALL: [Background; 3] = [Background::Light, Background::Dark, Background::Transparent];

    pub fn as_str(self) -> &'static str {
        match self {
            Background::Light => "light",
            Background::Dark => "dark",
            Background::Transparent => "transparent",
        }
    }

    pub fn parse(text: &str) -> Background {
        match text {
            "dark" => Background::Dark,
            "transparent" => Background::Transparent,
            _ => Background::Light,
        }
    }

    fn theme(self) -> &'static str {
        match self {
            Background::Dark => "dark",
            _ => "light",
        }
    }
}

/// The standalone SVG and its size in CSS pixels.
pub struct Picture {
    pub svg: String,
    pub width: f64,
    pub height: f64,
}

/// Margin around the diagram, in canvas units.
const MARGIN: f64 = 24.0;

/// The colour variables the canvas rules use.
const VARIABLES: [&str; 26] = [
    "--canvas",
    "--node",
    "--node-text",
    "--node-stroke",
    "--muted",
    "--line",
    "--panel",
    "--start",
    "--phase",
    "--verify",
    "--gate",
    "--forward",
    "--rollback",
    "--validation",
    "--error",
    "--warning",
    "--info",
    "--selected",
    "--tag-audit",
    "--tag-expand",
    "--tag-dual_write",
    "--tag-backfill",
    "--tag-cutover",
    "--tag-contract",
    "--tag-custom",
    "--focus",
];

/// Selectors of stylesheet rules that style the drawing itself.
const CANVAS_SELECTORS: [&str; 9] = [
    ".stage",
    ".node",
    ".edge",
    ".arrow",
    ".badge",
    ".edge-label",
    ".stripe",
    ".shape",
    ".title",
];

fn document() -> Result<web_sys::Document, String> {
    web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| "no document".to_string())
}

/// Resolves the colour variables as they are under `theme`, by switching
/// the page's theme attribute for the duration of the read.
fn resolved_variables(theme: &str) -> Result<String, String> {
    let doc = document()?;
    let root = doc.document_element().ok_or("no root element")?;
    let window = web_sys::window().ok_or("no window")?;
    let previous = root.get_attribute("data-theme");
    root.set_attribute("data-theme", theme).map_err(describe)?;
    let style = window
        .get_computed_style(&root)
        .map_err(describe)?
        .ok_or("no computed style")?;
    let mut out = String::new();
    for var in VARIABLES {
        let value = style.get_property_value(var).unwrap_or_default();
        out.push_str(&format!("{var}:{};", value.trim()));
    }
    match previous {
        Some(p) => root.set_attribute("data-theme", &p).map_err(describe)?,
        None => root.remove_attribute("data-theme").map_err(describe)?,
    }
    Ok(out)
}

/// The text of every stylesheet rule that styles the drawing.
fn canvas_rules() -> Result<String, String> {
    let sheets = document()?.style_sheets();
    let mut out = String::new();
    for i in 0..sheets.length() {
        let Some(sheet) = sheets
            .item(i)
            .and_then(|s| s.dyn_into::<web_sys::CssStyleSheet>().ok())
        else {
            continue;
        };
        let Ok(rules) = sheet.css_rules() else {
            continue;
        };
        for j in 0..rules.length() {
            let Some(rule) = rules
                .item(j)
                .and_then(|r| r.dyn_into::<web_sys::CssStyleRule>().ok())
            else {
                continue;
            };
            let selector = rule.selector_text();
            let relevant = CANVAS_SELECTORS.iter().any(|s| selector.contains(s))
                && !selector.contains(":hover")
                && !selector.contains(":focus")
                && !selector.contains(".port");
            if relevant {
                out.push_str(&rule.css_text());
                out.push('\n');
            }
        }
    }
    Ok(out)
}

/// Builds the standalone picture of the canvas element `svg`.
pub fn picture(svg: &web_sys::SvgElement, background: Background) -> Result<Picture, String> {
    let doc = document()?;
    let viewport: web_sys::SvgGraphicsElement = svg
        .query_selector("g.viewport")
        .map_err(describe)?
        .ok_or("the canvas has no drawing")?
        .unchecked_into();
    let bbox = viewport.get_b_box().map_err(describe)?;
    let (bx, by, bw, bh) = (
        bbox.x() as f64,
        bbox.y() as f64,
        bbox.width() as f64,
        bbox.height() as f64,
    );
    if bw <= 0.0 || bh <= 0.0 {
        return Err("there is nothing to export: the plan is empty".into());
    }
    let (x, y) = (bx - MARGIN, by - MARGIN);
    let (width, height) = (bw + 2.0 * MARGIN, bh + 2.0 * MARGIN);

    let clone: web_sys::Element = svg
        .clone_node_with_deep(true)
        .map_err(describe)?
        .unchecked_into();
    for selector in [
        ".grid-bg",
        ".hit",
        ".port",
        ".edge-end",
        ".box-select",
        ".connect-preview",
    ] {
        let found = clone.query_selector_all(selector).map_err(describe)?;
        for i in 0..found.length() {
            if let Some(node) = found
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                node.remove();
            }
        }
    }
    let selected = clone.query_selector_all(".selected").map_err(describe)?;
    for i in 0..selected.length() {
        if let Some(el) = selected
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        {
            let _ = el.class_list().remove_1("selected");
        }
    }
    for attr in ["data-testid", "role", "aria-label", "class"] {
        let _ = clone.remove_attribute(attr);
    }
    if let Some(g) = clone.query_selector("g.viewport").map_err(describe)? {
        let _ = g.remove_attribute("transform");
    }
    clone
        .set_attribute("xmlns", "http://www.w3.org/2000/svg")
        .map_err(describe)?;
    clone
        .set_attribute(
            "viewBox",
            &format!("{} {} {} {}", Num(x), Num(y), Num(width), Num(height)),
        )
        .map_err(describe)?;
    clone
        .set_attribute("width", &Num(width).to_string())
        .map_err(describe)?;
    clone
        .set_attribute("height", &Num(height).to_string())
        .map_err(describe)?;

    let style = doc
        .create_element_ns(Some("http://www.w3.org/2000/svg"), "style")
        .map_err(describe)?;
    let font = "svg{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif;font-size:14px}";
    style.set_text_content(Some(&format!(
        "svg{{{}}}{font}\n{}",
        resolved_variables(background.theme())?,
        canvas_rules()?
    )));
    clone
        .insert_before(&style, clone.first_child().as_ref())
        .map_err(describe)?;
    if background != Background::Transparent {
        let rect = doc
            .create_element_ns(Some("http://www.w3.org/2000/svg"), "rect")
            .map_err(describe)?;
        let attributes: [(&str, String); 5] = [
            ("x", Num(x).to_string()),
            ("y", Num(y).to_string()),
            ("width", Num(width).to_string()),
            ("height", Num(height).to_string()),
            ("fill", "var(--canvas)".to_string()),
        ];
        for (k, v) in attributes {
            rect.set_attribute(k, &v).map_err(describe)?;
        }
        let first_drawing = clone.query_selector("g.viewport").map_err(describe)?;
        clone
            .insert_before(&rect, first_drawing.as_ref().map(|g| g.as_ref()))
            .map_err(describe)?;
    }
    let text = web_sys::XmlSerializer::new()
        .map_err(describe)?
        .serialize_to_string(&clone)
        .map_err(describe)?;
    Ok(Picture {
        svg: format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{text}"),
        width,
        height,
    })
}
