//! File downloads through an ordinary `<a download>` click, so the browser
//! (and a test driving it) sees a normal download.
//!
//! The click is dispatched as a non-bubbling event. Downloads start from
//! click handlers, and Leptos handles clicks through one delegated listener
//! on the window: a bubbling `a.click()` reached that listener again while
//! it was still running the handler that asked for the download, and
//! wasm-bindgen threw "closure invoked recursively or after being dropped"
//! (a page error on every export, issue 14). The anchor's own activation,
//! which starts the download, does not need the event to bubble.

use wasm_bindgen::{JsCast, JsValue};

/// Offers `bytes` as a file named `filename` of type `mime`.
pub fn download_bytes(filename: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(describe)?;
    download_blob(filename, &blob)
}

/// Offers a blob as a file named `filename`.
pub fn download_blob(filename: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(describe)?;
    download_url(filename, &url)?;
    // Revoke later: revoking at once can cancel the download in some browsers.
    let url_for_later = url.clone();
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url_for_later);
        },
        std::time::Duration::from_secs(30),
    );
    Ok(())
}

/// A readable message for a JavaScript exception.
pub fn describe(err: JsValue) -> String {
    if let Some(e) = err.dyn_ref::<js_sys::Error>() {
        return String::from(e.message());
    }
    if let Some(e) = err.dyn_ref::<web_sys::DomException>() {
        return format!("{}: {}", e.name(), e.message());
    }
    err.as_string()
        .unwrap_or_else(|| "an unexpected browser error".to_string())
}

/// A file name made from a plan title: letters, digits and dashes only.
pub fn file_stem(title: &str) -> String {
    let stem: String = title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let stem = stem
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if stem.is_empty() {
        "migration-plan".to_string()
    } else {
        stem.chars().take(60).collect()
    }
}

/// Offers a URL (e.g. a `data:` URL) as a file named `filename`.
pub fn download_url(filename: &str, url: &str) -> Result<(), String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(describe)?
        .unchecked_into();
    a.set_href(url);
    a.set_download(filename);
    a.set_hidden(true);
    let body = document.body().ok_or("no body")?;
    body.append_child(&a).map_err(describe)?;
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(false);
    init.set_cancelable(true);
    let click =
        web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).map_err(describe)?;
    a.dispatch_event(&click).map_err(describe)?;
    a.remove();
    Ok(())
}
