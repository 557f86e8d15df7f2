//! Share links in the browser: the core's envelope (`migraflow_core::share`)
//! around the browser's deflater (`adapters::deflate`).

use crate::adapters::deflate::{deflate, inflate, supported};
use migraflow_core::format::Loaded;
use migraflow_core::share::{self, ShareError, MAX_INFLATED};
use migraflow_core::Document;

/// The fragment (without `#`) that carries `doc`.
pub async fn make(doc: &Document) -> Result<String, String> {
    let deflated = deflate(&share::payload(doc))
        .await
        .map_err(|_| "This browser could not compress the plan into a link.".to_string())?;
    Ok(share::fragment(&deflated))
}

/// Opens the document a fragment carries.
pub async fn open(fragment: &str) -> Result<Loaded, ShareError> {
    let deflated = share::deflated(fragment)?;
    // Said apart from a damaged link, which is what a failed inflate means.
    if !supported() {
        return Err(ShareError::Unsupported);
    }
    let inflated = inflate(&deflated, MAX_INFLATED)
        .await
        .ok_or(ShareError::Damaged)?;
    share::open(inflated)
}
