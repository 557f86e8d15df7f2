//! The layout-quality report (issue 16): for each template as shipped and
//! re-laid out the other way, and for generated plans of 50 and 200 nodes
//! (their own grid and auto layout), the fit zoom in the canvas of a
//! 1440×900 window, node titles' height on screen, label overlaps, labels
//! on nodes and edges through nodes.
//! `cargo run -p migraflow-core --example readability`

use migraflow_core::generate::generated_plan;
use migraflow_core::layout::{auto_layout, Direction};
use migraflow_core::readability::{fit_zoom, measure};
use migraflow_core::route::plan::route_plan;
use migraflow_core::templates;
use migraflow_core::Document;

/// The canvas of a 1440×900 window: less the palette, the side panel and
/// the toolbar (src/editor.rs, `estimated_canvas_size`).
/// Less the toolbar floating over its top (src/viewport.rs).
const CANVAS: (f64, f64) = (1440.0 - 148.0 - 340.0, 900.0 - 44.0 - 32.0);
/// The canvas font size of node titles (style/main.css).
const TITLE_PX: f64 = 13.0;

fn report(name: &str, doc: &Document) {
    let at = |id| doc.layout.at(id);
    let routes = route_plan(&doc.plan, at);
    let m = measure(&doc.plan, at, &routes);
    let b = m.bounds.expect("nodes");
    let zoom = fit_zoom(b, CANVAS.0, CANVAS.1);
    println!(
        "{name:<40} {:>4} nodes  {:>5.0}×{:<5.0}  fit {:>5.1} %  title {:>4.1} px  label/label {}  label/node {}  edge/node {}",
        doc.plan.nodes.len(),
        b.width,
        b.height,
        zoom * 100.0,
        zoom * TITLE_PX,
        m.label_overlaps,
        m.labels_on_nodes,
        m.edges_through_nodes
    );
}

fn relaid(doc: &Document, direction: Direction) -> Document {
    let mut doc = doc.clone();
    doc.layout.direction = direction;
    for (id, at) in auto_layout(&doc.plan, direction) {
        doc.layout.positions.insert(id, at);
    }
    doc
}

fn main() {
    for t in templates::all() {
        let doc = t.build();
        report(&format!("{} (shipped)", t.id), &doc);
        report(
            &format!("{} (left-right)", t.id),
            &relaid(&doc, Direction::LeftRight),
        );
    }
    for n in [50, 200] {
        let doc = generated_plan(n);
        report(&format!("generated {n} (grid)"), &doc);
        for d in Direction::ALL {
            report(&format!("generated {n} ({})", d.as_str()), &relaid(&doc, d));
        }
    }
}
