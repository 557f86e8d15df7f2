//! A standalone SVG of the diagram, for SVG and PNG export.
//!
//! The canvas SVG is cloned, cropped to the diagram (not the viewport),
//! stripped of interaction-only parts (hit areas, ports, selection), and
//! given one `<style>` element holding the canvas rules of the page's
//! stylesheet with every colour variable resolved for the chosen theme, so
//! the file looks the same opened alone as it did on the canvas. With a
//! header ([`Look::header`]) the plan's title and a legend go above the
//! drawing, for a review document. User text stays in text nodes; the
//! serializer escapes it.

use crate::adapters::download::describe;
use migraflow_core::decimal::Num;
use migraflow_core::drawing::legend;
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

/// How an exported picture looks, as chosen in the Export menu.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Look {
    pub background: Background,
    /// Space around the drawing, in canvas units.
    pub padding: f64,
    /// Device pixels per canvas unit of a PNG.
    pub scale: f64,
    /// The plan's title and a legend above the drawing, for a review
    /// document.
    pub header: bool,
}

impl Default for Look {
    fn default() -> Look {
        Look {
            background: Background::Light,
            padding: 24.0,
            scale: 2.0,
            header: true,
        }
    }
}

/// The standalone SVG, its size in canvas units, and the PNG scale.
pub struct Picture {
    pub svg: String,
    pub width: f64,
    pub height: f64,
    pub scale: f64,
}

/// Depth of the header (title, gap, legend rows, gap), in canvas units.
const HEADER: f64 = 36.0 + legend::ROW_HEIGHT + 20.0;

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

/// Builds the standalone picture of the canvas element `svg`, headed by
/// `title` when `look` wants a header.
pub fn picture(svg: &web_sys::SvgElement, look: Look, title: &str) -> Result<Picture, String> {
    let background = look.background;
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
    let pad = look.padding;
    let header = if look.header { HEADER } else { 0.0 };
    let (x, y) = (bx - pad, by - pad - header);
    let width = bw.max(if look.header { legend::ROW_WIDTH } else { 0.0 }) + 2.0 * pad;
    let height = bh + 2.0 * pad + header;

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
    // On no background the picture may land on a light or a dark page:
    // the header and the forward edges take a middle grey that reads on
    // both (the light theme's slate is lost on a dark page).
    let (ink, forward) = match background {
        Background::Transparent => ("#7c8798", "--forward:#7c8798;"),
        _ => ("var(--node-text)", ""),
    };
    style.set_text_content(Some(&format!(
        "svg{{{}{forward}}}{font}\n.picture-title{{font-size:22px;font-weight:700;fill:{ink}}}.picture-legend text{{font-size:12px;fill:{ink}}}\n{}",
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
    if look.header {
        let head = svg_child(&doc, &clone, "g")?;
        head.set_attribute(
            "transform",
            &format!("translate({} {})", Num(x + pad), Num(y + pad)),
        )
        .map_err(describe)?;
        let heading = svg_child(&doc, &head, "text")?;
        heading
            .set_attribute("class", "picture-title")
            .map_err(describe)?;
        heading.set_attribute("y", "22").map_err(describe)?;
        // A text node: the title is never markup. About 12 units a
        // character at 22 px; a longer title ends in "…".
        let fits = ((width - 2.0 * pad) / 12.0) as usize;
        let shown = migraflow_core::drawing::wrap::wrap(title, fits.max(8), 1);
        heading.set_text_content(shown.first().map(String::as_str));
        let rows = svg_child(&doc, &head, "g")?;
        rows.set_attribute("class", "picture-legend")
            .map_err(describe)?;
        rows.set_attribute("transform", "translate(0 40)")
            .map_err(describe)?;
        rows.set_inner_html(legend::ROWS);
    }
    let text = web_sys::XmlSerializer::new()
        .map_err(describe)?
        .serialize_to_string(&clone)
        .map_err(describe)?;
    Ok(Picture {
        svg: format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{text}"),
        width,
        height,
        scale: look.scale,
    })
}

/// A new SVG element `name`, appended to `parent`.
fn svg_child(
    doc: &web_sys::Document,
    parent: &web_sys::Element,
    name: &str,
) -> Result<web_sys::Element, String> {
    let el = doc
        .create_element_ns(Some("http://www.w3.org/2000/svg"), name)
        .map_err(describe)?;
    parent.append_child(&el).map_err(describe)?;
    Ok(el)
}
