//! Text to the system clipboard (the Async Clipboard API), for the copy
//! buttons. Where the page has no clipboard permission the promise is
//! rejected and the caller says so.

use crate::adapters::download::describe;

/// Writes `text` to the clipboard.
pub async fn write_text(text: String) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let promise = window.navigator().clipboard().write_text(&text);
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map(|_| ())
        .map_err(describe)
}
