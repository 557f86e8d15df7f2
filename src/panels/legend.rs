//! The legend: what each node shape and edge style means.
//!
//! The drawing is fixed markup with no user text, so it is one static
//! string rather than a tree of view code: the same picture for a fraction
//! of the wasm.

use leptos::prelude::*;

/// Shapes and line styles, drawn with the canvas's own classes so both
/// themes colour them alike.
const DRAWING: &str = r#"<g class="node" transform="translate(30 16)"><rect class="shape" x="-22" y="-9" width="44" height="18" rx="9"/></g><text x="64" y="20">Start / end</text><g class="node" data-kind="phase" transform="translate(30 44)"><rect class="shape" x="-22" y="-11" width="44" height="22" rx="3"/><rect class="stripe" x="-22" y="-11" width="4" height="22"/></g><text x="64" y="48">Phase (a state)</text><g class="node" data-kind="verification" transform="translate(30 74)"><polygon class="shape" points="-22,0 -14,-10 14,-10 22,0 14,10 -14,10"/></g><text x="64" y="78">Verification</text><g class="node" data-kind="gate" transform="translate(30 104)"><polygon class="shape" points="0,-13 22,0 0,13 -22,0"/></g><text x="64" y="108">Go/no-go gate</text><g class="edge forward"><path class="line" d="M8 136 H52" marker-end="url(#arrow-forward)"/></g><text x="64" y="140">Forward</text><g class="edge rollback"><path class="line" d="M8 162 H52" marker-end="url(#arrow-rollback)"/></g><text x="64" y="166">Rollback</text><g class="edge validation"><path class="line" d="M8 188 H52" marker-end="url(#arrow-validation)"/></g><text x="64" y="192">Validation (guards)</text>"#;

#[component]
pub fn Legend() -> impl IntoView {
    view! {
        <details class="legend">
            <summary>"Legend"</summary>
            <svg
                viewBox="0 0 220 214"
                width="220"
                height="214"
                role="img"
                aria-label="Legend of node and edge kinds"
                inner_html=DRAWING
            ></svg>
        </details>
    }
}
