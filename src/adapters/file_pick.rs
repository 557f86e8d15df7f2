//! Reading a file the user picked (an `<input type=file>` change event).

use crate::adapters::download::describe;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Largest file read, so a mistaken pick cannot freeze the tab.
pub const MAX_FILE_BYTES: f64 = 10.0 * 1024.0 * 1024.0;

/// The name and text of the file chosen in the input that fired `ev`, and
/// clears the input so picking the same file again fires again.
pub async fn picked_text(ev: &web_sys::Event) -> Result<Option<(String, String)>, String> {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return Ok(None);
    };
    let Some(file) = input.files().and_then(|f| f.get(0)) else {
        return Ok(None);
    };
    input.set_value("");
    if file.size() > MAX_FILE_BYTES {
        return Err(format!(
            "“{}” is {} MB; files over 10 MB are not read",
            file.name(),
            migraflow_core::decimal::Fixed(file.size() / 1_048_576.0, 1)
        ));
    }
    let text = JsFuture::from(file.text()).await.map_err(describe)?;
    Ok(Some((file.name(), text.as_string().unwrap_or_default())))
}
