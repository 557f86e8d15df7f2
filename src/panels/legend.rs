//! The legend: what each node shape and edge style means.
//!
//! The drawing is fixed markup with no user text, so it is one static
//! string rather than a tree of view code: the same picture for a fraction
//! of the wasm.

use leptos::prelude::*;

/// Shapes and line styles, drawn with the canvas's own classes so both
/// themes colour them alike.
const DRAWING: &str = r#"<g class="node" data-kind="start" transform="translate(30 16)"><rect class="shape" x="-22" y="-9" width="44" height="18" rx="9"/></g><text x="64" y="20">Start</text><g class="node" data-kind="end" transform="translate(30 44)"><rect class="shape" x="-22" y="-9" width="44" height="18" rx="9"/><rect class="inner" x="-18" y="-5" width="36" height="10" rx="5"/></g><text x="64" y="48">End (double outline)</text><g class="node aborted" data-kind="end" transform="translate(30 72)"><rect class="shape" x="-22" y="-9" width="44" height="18" rx="9"/><rect class="inner" x="-18" y="-5" width="36" height="10" rx="5"/></g><text x="64" y="76">Aborted end (red)</text><g class="node" data-kind="phase" data-phase="expand" transform="translate(30 100)"><rect class="shape" x="-22" y="-11" width="44" height="22" rx="3"/><rect class="stripe" x="-22" y="-11" width="4" height="22"/></g><text x="64" y="104">Phase; stripe = its tag</text><g class="node unsafe" data-kind="phase" data-phase="contract" transform="translate(30 128)"><rect class="shape" x="-22" y="-11" width="44" height="22" rx="3"/><rect class="stripe" x="-22" y="-11" width="4" height="22"/></g><text x="64" y="132">Point of no return (dashed)</text><g class="node" data-kind="verification" transform="translate(30 156)"><polygon class="shape" points="-22,0 -14,-10 14,-10 22,0 14,10 -14,10"/></g><text x="64" y="160">Verification</text><g class="node" data-kind="gate" transform="translate(30 184)"><polygon class="shape" points="0,-13 22,0 0,13 -22,0"/></g><text x="64" y="188">Go/no-go gate</text><g class="badge error" transform="translate(18 212)"><circle r="8"/><text text-anchor="middle" dominant-baseline="central">2</text></g><g class="badge warning" transform="translate(42 212)"><circle r="8"/><text text-anchor="middle" dominant-baseline="central">1</text></g><text x="64" y="216">Errors, warnings (count)</text><g class="edge forward"><path class="line" d="M8 240 H52" marker-end="url(#arrow-forward)"/></g><text x="64" y="244">Forward</text><g class="edge rollback"><path class="line" d="M8 268 H52" marker-end="url(#arrow-rollback)"/></g><text x="64" y="272">Rollback</text><g class="edge validation"><path class="line" d="M8 296 H52" marker-end="url(#arrow-validation)"/></g><text x="64" y="300">Validation (guards)</text>"#;

#[component]
pub fn Legend() -> impl IntoView {
    view! {
        <details class="legend">
            <summary>"Legend"</summary>
            <svg
                viewBox="0 0 220 318"
                width="220"
                height="318"
                role="img"
                aria-label="Legend: start, end, aborted end, phase with its tag's stripe, point of no return, verification, go/no-go gate, problem badges, forward, rollback and validation edges"
                inner_html=DRAWING
            ></svg>
        </details>
    }
}
