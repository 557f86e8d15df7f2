//! Readable diagrams (SPEC §11, issue 16): every template, as shipped and
//! laid out the other way, and generated plans, routed by the core's
//! router, have no label on a label or on a node and no edge through a
//! node; the templates fit the canvas of a 1440×900 window at a zoom where
//! node titles are at least 9 px tall. The measures are taken by brute
//! force (`readability`), apart from how the router avoids them.
//! `cargo run -p migraflow-core --example readability` prints them all.

use migraflow_core::generate::generated_plan;
use migraflow_core::layout::{auto_layout, Direction};
use migraflow_core::readability::{fit_zoom, measure, Readability};
use migraflow_core::route::plan::route_plan;
use migraflow_core::templates;
use migraflow_core::Document;

/// Less the toolbar floating over its top (src/viewport.rs).
const CANVAS: (f64, f64) = (1440.0 - 148.0 - 340.0, 900.0 - 44.0 - 32.0);
const TITLE_PX: f64 = 13.0;

fn measured(doc: &Document) -> Readability {
    let at = |id| doc.layout.at(id);
    measure(&doc.plan, at, &route_plan(&doc.plan, at))
}

fn relaid(doc: &Document, direction: Direction) -> Document {
    let mut doc = doc.clone();
    doc.layout.direction = direction;
    for (id, at) in auto_layout(&doc.plan, direction) {
        doc.layout.positions.insert(id, at);
    }
    doc
}

fn assert_clean(name: &str, m: &Readability) {
    assert_eq!(
        (m.label_overlaps, m.labels_on_nodes, m.edges_through_nodes),
        (0, 0, 0),
        "{name}: label overlaps, labels on nodes, edges through nodes"
    );
}

#[test]
fn templates_fit_a_laptop_screen_legibly_with_nothing_on_top_of_anything() {
    for t in templates::all() {
        let doc = t.build();
        assert_eq!(doc.layout.direction, Direction::TopDown, "{}", t.id);
        let m = measured(&doc);
        assert_clean(t.id, &m);
        let zoom = fit_zoom(m.bounds.expect("nodes"), CANVAS.0, CANVAS.1);
        assert!(
            zoom * TITLE_PX >= 9.0,
            "{}: fits at {:.0} %, titles {:.1} px",
            t.id,
            zoom * 100.0,
            zoom * TITLE_PX
        );
        assert_clean(
            &format!("{} left to right", t.id),
            &measured(&relaid(&doc, Direction::LeftRight)),
        );
    }
}

#[test]
fn generated_plans_route_cleanly_on_their_grid_and_laid_out() {
    for n in [50, 200] {
        let doc = generated_plan(n);
        assert_clean(&format!("generated {n}"), &measured(&doc));
        assert_clean(
            &format!("generated {n} left to right"),
            &measured(&relaid(&doc, Direction::LeftRight)),
        );
    }
    assert_clean(
        "generated 50 top down",
        &measured(&relaid(&generated_plan(50), Direction::TopDown)),
    );
}

/// The measures can fail: a label pushed onto a node, and a node put in
/// an edge's way, are counted.
#[test]
fn the_measures_see_what_they_count() {
    let doc = templates::by_id("column-rename").expect("template").build();
    let at = |id| doc.layout.at(id);
    let mut routes = route_plan(&doc.plan, at);
    let labelled = routes
        .iter()
        .position(|r| r.label.is_some())
        .expect("a label");
    let node = doc.plan.nodes.keys().next().copied().expect("a node");
    let mut plate = routes[labelled].label.expect("label");
    (plate.x, plate.y) = (at(node).x - 5.0, at(node).y - 5.0);
    routes[labelled].label = Some(plate);
    let edge = &doc.plan.edges[&routes[0].edge];
    let other = doc
        .plan
        .nodes
        .keys()
        .copied()
        .find(|id| *id != edge.from && *id != edge.to)
        .expect("a third node");
    let (p, q) = (at(other), at(other));
    routes[0].path = vec![
        migraflow_core::Point::new(p.x - 200.0, p.y),
        migraflow_core::Point::new(q.x + 200.0, q.y),
    ];
    let m = measure(&doc.plan, at, &routes);
    assert!(
        m.labels_on_nodes >= 1 && m.edges_through_nodes >= 1,
        "{m:?}"
    );
}
