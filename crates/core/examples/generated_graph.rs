//! Prints the generated plan of `?generate=N` as plain graph JSON, so the
//! benchmark's React Flow reference page (`bench/reactflow`) draws exactly
//! the graph migraflow draws: the same ids, positions, sizes and edges.
//!
//! Usage: `cargo run -p migraflow-core --example generated_graph -- N`
//!
//! Output: `{"nodes":[{id,kind,title,x,y,width,height}],
//! "edges":[{id,from,to,kind,label}]}` where ids are the page's display
//! ids (`n7`, `e7`), `x`/`y` is the node's centre in canvas units and
//! `width`/`height` its drawn size (`shape::size`).

use migraflow_core::generate::generated_plan;
use migraflow_core::shape::size;
use serde_json::{json, Value};
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(nodes) = std::env::args().nth(1).and_then(|n| n.parse().ok()) else {
        eprintln!("usage: generated_graph N");
        return ExitCode::FAILURE;
    };
    println!("{}", graph_json(nodes));
    ExitCode::SUCCESS
}

fn graph_json(nodes: usize) -> Value {
    let doc = generated_plan(nodes);
    let nodes: Vec<Value> = doc
        .plan
        .nodes
        .values()
        .map(|node| {
            let at = doc.layout.at(node.id);
            let (width, height) = size(node.kind);
            json!({
                "id": node.id.to_string(),
                "kind": node.kind.as_str(),
                "title": node.title,
                "x": at.x,
                "y": at.y,
                "width": width,
                "height": height,
            })
        })
        .collect();
    let edges: Vec<Value> = doc
        .plan
        .edges
        .values()
        .map(|edge| {
            json!({
                "id": edge.id.to_string(),
                "from": edge.from.to_string(),
                "to": edge.to.to_string(),
                "kind": edge.kind.as_str(),
                "label": edge.label,
            })
        })
        .collect();
    json!({ "nodes": nodes, "edges": edges })
}
