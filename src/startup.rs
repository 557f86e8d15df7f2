//! Start-up requests in the page URL.
//!
//! `?generate=N` opens a generated N-node plan for benchmarks and demos and
//! touches no saved document; `#plan=…` carries a shared document.

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

/// The URL fragment, when it is a share link.
pub fn share_fragment() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    migraflow_core::share::is_share_fragment(&hash).then_some(hash)
}

/// Removes the fragment from the address bar without reloading, so a
/// reload does not offer the shared plan again.
pub fn clear_fragment() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let url = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}
