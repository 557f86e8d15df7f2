//! PNG export: a standalone SVG drawn onto a canvas at its chosen scale
//! (2× unless chosen otherwise), downloaded or put on the clipboard.

use crate::adapters::download::describe;
use crate::adapters::svg_export::Picture;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Largest side of the PNG in device pixels; browsers refuse bigger
/// canvases, so huge plans are exported at a smaller scale instead.
const MAX_SIDE: f64 = 16_000.0;

/// Renders the picture and returns the PNG as a data URL, with its pixel
/// size.
pub async fn rasterize(picture: &Picture) -> Result<(String, u32, u32), String> {
    let (canvas, w, h) = draw(picture).await?;
    let data_url = canvas
        .to_data_url_with_type("image/png")
        .map_err(describe)?;
    Ok((data_url, w, h))
}

/// Renders the picture as a PNG blob (for the clipboard).
pub async fn rasterize_blob(picture: &Picture) -> Result<web_sys::Blob, String> {
    let (canvas, _, _) = draw(picture).await?;
    // toBlob answers through a callback: turned into a promise.
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let done =
            wasm_bindgen::closure::Closure::once_into_js(move |blob: wasm_bindgen::JsValue| {
                let _ = resolve.call1(&wasm_bindgen::JsValue::NULL, &blob);
            });
        let _ = canvas.to_blob_with_type(done.unchecked_ref(), "image/png");
    });
    let blob = JsFuture::from(promise).await.map_err(describe)?;
    blob.dyn_into::<web_sys::Blob>()
        .map_err(|_| "the picture could not be encoded as PNG".to_owned())
}

/// Draws the picture on a canvas at its scale (less for huge plans).
async fn draw(picture: &Picture) -> Result<(web_sys::HtmlCanvasElement, u32, u32), String> {
    let scale = picture
        .scale
        .min(MAX_SIDE / picture.width)
        .min(MAX_SIDE / picture.height);
    let (w, h) = (
        (picture.width * scale).round() as u32,
        (picture.height * scale).round() as u32,
    );
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;

    let parts = js_sys::Array::of1(&picture.svg.clone().into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml;charset=utf-8");
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(describe)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(describe)?;

    let img = web_sys::HtmlImageElement::new().map_err(describe)?;
    img.set_src(&url);
    let decoded = JsFuture::from(img.decode()).await;
    let _ = web_sys::Url::revoke_object_url(&url);
    decoded.map_err(|e| format!("the picture could not be drawn ({})", describe(e)))?;

    let canvas: web_sys::HtmlCanvasElement = doc
        .create_element("canvas")
        .map_err(describe)?
        .unchecked_into();
    canvas.set_width(w);
    canvas.set_height(h);
    let ctx: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .map_err(describe)?
        .ok_or("no 2d canvas")?
        .unchecked_into();
    ctx.draw_image_with_html_image_element_and_dw_and_dh(&img, 0.0, 0.0, w as f64, h as f64)
        .map_err(describe)?;
    Ok((canvas, w, h))
}
