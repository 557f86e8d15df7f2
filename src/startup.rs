//! Start-up requests in the page URL.
//!
//! `?generate=N` opens a generated N-node plan for benchmarks and demos and
//! touches no saved document.

use migraflow_core::generate::generated_plan;
use migraflow_core::Document;

/// Largest plan `?generate=` will build.
const MAX_GENERATED: usize = 20_000;

/// The N of a `?generate=N` query, if present and sane.
fn generate_request() -> Option<usize> {
    let search = web_sys::window()?.location().search().ok()?;
    let n = search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("generate="))?
        .parse::<usize>()
        .ok()?;
    Some(n.clamp(1, MAX_GENERATED))
}

/// The generated plan the URL asks for, if any.
pub fn generated_document() -> Option<Document> {
    generate_request().map(generated_plan)
}
