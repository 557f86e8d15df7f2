//! Raw DEFLATE (RFC 1951) by the browser's Compression Streams API, for
//! share links. The browser carries a deflater already; bundling our own
//! (miniz_oxide) cost 12 KB of the gzipped wasm.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, ReadableStreamDefaultReader, ReadableStreamReadResult, ReadableWritablePair};

// Declared here: web-sys has these only behind `web_sys_unstable_apis`.
#[wasm_bindgen]
extern "C" {
    type CompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;
}

#[wasm_bindgen]
extern "C" {
    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
}

const FORMAT: &str = "deflate-raw";

/// Whether this browser has the Compression Streams API (Chrome 80,
/// Firefox 113, Safari 16.4 and later).
pub fn supported() -> bool {
    js_sys::Reflect::has(&js_sys::global(), &JsValue::from_str("DecompressionStream"))
        .unwrap_or(false)
}

/// `bytes`, deflated.
pub async fn deflate(bytes: &[u8]) -> Result<Vec<u8>, JsValue> {
    through(
        bytes,
        CompressionStream::new(FORMAT)?.unchecked_ref(),
        usize::MAX,
    )
    .await
}

/// `bytes`, inflated; `None` when they are not deflate data or would
/// inflate to more than `limit` bytes (the rest is then never inflated).
pub async fn inflate(bytes: &[u8], limit: usize) -> Option<Vec<u8>> {
    through(
        bytes,
        DecompressionStream::new(FORMAT).ok()?.unchecked_ref(),
        limit,
    )
    .await
    .ok()
}

/// Pipes `bytes` through a transform stream (anything with `readable` and
/// `writable`, which is all `pipeThrough` asks of a pair) and collects what
/// comes out, up to `limit` bytes.
async fn through(
    bytes: &[u8],
    transform: &ReadableWritablePair,
    limit: usize,
) -> Result<Vec<u8>, JsValue> {
    let input = Blob::new_with_u8_array_sequence(&Array::of1(&Uint8Array::from(bytes)))?.stream();
    let reader: ReadableStreamDefaultReader =
        input.pipe_through(transform).get_reader().unchecked_into();
    let mut out = Vec::new();
    loop {
        let chunk: ReadableStreamReadResult = JsFuture::from(reader.read()).await?.unchecked_into();
        if chunk.get_done().unwrap_or(true) {
            return Ok(out);
        }
        let piece = Uint8Array::new(&chunk.get_value());
        let at = out.len();
        let end = at + piece.length() as usize;
        if end > limit {
            let _ = reader.cancel();
            return Err(JsValue::from_str("inflates past the limit"));
        }
        out.resize(end, 0);
        piece.copy_to(&mut out[at..]);
    }
}
