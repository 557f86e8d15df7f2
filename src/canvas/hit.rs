//! What a pointer or key event on the canvas is aimed at: a node's port,
//! a node, an edge, an edge's end handle, or the background.
//!
//! The canvas listens once and asks this module, instead of every node and
//! edge holding listeners of its own (three per node and one per edge:
//! about 23,000 JS closures for a plan of 5,000 nodes while it opens). The answer comes from the
//! DOM the views drew (`data-node-id`, `data-edge-id`, `.port`), so it
//! always names what the user sees under the pointer.

use migraflow_core::{EdgeId, NodeId};
use wasm_bindgen::JsCast;

/// The thing an event on the canvas is aimed at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    /// The connection handle on a node's right side.
    Port(NodeId),
    Node(NodeId),
    Edge(EdgeId),
    /// A selected edge's end handle: `true` for its target end.
    EdgeEnd(EdgeId, bool),
    Background,
}

/// What `ev`'s target is inside of.
pub fn hit(ev: &web_sys::Event) -> Hit {
    let Some(target) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return Hit::Background;
    };
    let Ok(Some(owner)) = target.closest("[data-node-id], [data-edge-id]") else {
        return Hit::Background;
    };
    let number = |name: &str| {
        owner
            .get_attribute(name)
            .and_then(|v| v.parse::<u32>().ok())
    };
    if let Some(n) = number("data-node-id") {
        let on_port = target.class_list().contains("port");
        return if on_port {
            Hit::Port(NodeId(n))
        } else {
            Hit::Node(NodeId(n))
        };
    }
    let end = target.get_attribute("data-end");
    number("data-edge-id").map_or(Hit::Background, |n| match end.as_deref() {
        Some(end) => Hit::EdgeEnd(EdgeId(n), end == "to"),
        None => Hit::Edge(EdgeId(n)),
    })
}
