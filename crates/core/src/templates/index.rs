//! The gallery's index as the web app reads it: each template's id, name
//! and summary, without the template's document. The app fetches the
//! index and, when one is chosen, that template's saved JSON (both written
//! by `examples/template_assets.rs`), so no template is code in its wasm.

use crate::json::from::{Fields, FromJson};
use crate::json::to::{Object, ToJson};
use crate::json::ReadError;
use serde_json::Value;

/// The template a new user starts from: the canonical column rename,
/// first in the gallery.
pub const CANONICAL: &str = "column-rename";

/// A gallery entry as listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateInfo {
    pub id: String,
    pub name: String,
    pub summary: String,
    /// The rule pack, by which the gallery groups; `migration` when absent.
    pub pack: crate::pack::Pack,
}

/// The pack is left out for `migration`.
impl ToJson for TemplateInfo {
    fn to_json(&self) -> Value {
        Object::new()
            .with("id", &self.id)
            .with("name", &self.name)
            .with("summary", &self.summary)
            .unless(self.pack.is_migration(), "pack", &self.pack)
            .done()
    }
}

impl FromJson for TemplateInfo {
    fn from_json(value: &Value) -> Result<TemplateInfo, ReadError> {
        let f = Fields::of(value, "TemplateInfo")?;
        Ok(TemplateInfo {
            id: f.get("id")?,
            name: f.get("name")?,
            summary: f.get("summary")?,
            pack: f.or("pack")?,
        })
    }
}

impl TemplateInfo {
    /// The path of the template's document, relative to the page.
    pub fn path(id: &str) -> String {
        format!("templates/{id}.json")
    }
}

/// The index's path, relative to the page.
pub const INDEX_PATH: &str = "templates/index.json";

/// The index of every template, in gallery order.
pub fn index() -> Vec<TemplateInfo> {
    super::all()
        .iter()
        .map(|t| TemplateInfo {
            id: t.id.to_owned(),
            name: t.name.to_owned(),
            summary: t.summary.to_owned(),
            pack: t.pack,
        })
        .collect()
}

/// The index as JSON text.
pub fn write_index(index: &[TemplateInfo]) -> String {
    crate::json::write(index, false)
}

/// Reads the index; the reason when it is not one.
pub fn read_index(text: &str) -> Result<Vec<TemplateInfo>, String> {
    crate::json::from::from_text(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_reads_back_and_starts_with_the_canonical_template() {
        let index = index();
        assert_eq!(index[0].id, CANONICAL);
        assert_eq!(read_index(&write_index(&index)).unwrap(), index);
        assert!(read_index("{\"id\":1}").is_err());
    }
}
