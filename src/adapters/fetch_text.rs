//! Reading a file of the app's own site (the template gallery) with
//! `fetch`. Same origin only: the page's CSP allows nothing else.

use crate::adapters::download::describe;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The text at `path` (relative to the page), or why it could not be read.
pub async fn fetch_text(path: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(path))
        .await
        .map_err(|e| format!("the network did not answer ({})", describe(e)))?
        .unchecked_into();
    if !response.ok() {
        return Err(format!("the server answered {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(describe)?)
        .await
        .map_err(describe)?;
    text.as_string()
        .ok_or_else(|| "the answer was not text".to_string())
}
