//! The template gallery, fetched: the index when the gallery first opens,
//! a template's document when it is chosen or a new user's first document
//! is needed. The templates are files of the site (`templates/`), not code
//! in the wasm (see `migraflow_core::templates::index`).

use crate::adapters::fetch_text::fetch_text;
use migraflow_core::format::load_json;
use migraflow_core::templates::index::{read_index, TemplateInfo, INDEX_PATH};
use migraflow_core::Document;

/// The gallery's entries, in order.
pub async fn index() -> Result<Vec<TemplateInfo>, String> {
    let text = fetch_text(INDEX_PATH)
        .await
        .map_err(|e| format!("The templates could not be loaded: {e}."))?;
    read_index(&text).map_err(|e| format!("The template list is damaged: {e}."))
}

/// A fresh document of template `id`.
pub async fn document(id: &str) -> Result<Document, String> {
    let text = fetch_text(&TemplateInfo::path(id))
        .await
        .map_err(|e| format!("The template could not be loaded: {e}."))?;
    load_json(&text)
        .map(|loaded| loaded.document)
        .map_err(|e| format!("The template is damaged: {e}."))
}
