//! The chain of schema upgrades.
//!
//! [`STEPS`]`[i]` turns a document of schema `i + 1` into one of schema
//! `i + 2`, working on plain JSON so that each step only has to know its
//! two neighbouring schemas. A document of schema `n` runs through every
//! step from `n` on, so supporting schema 3 is one more step here, one
//! more file beside `v1.rs`, and `CURRENT_VERSION = 3`; a compile-time check
//! keeps the chain and the version in step.

use super::error::LoadError;
use super::{v1, CURRENT_VERSION};
use serde_json::Value;

/// One upgrade, from schema `n` to `n + 1`.
type Step = fn(Value) -> Result<Value, LoadError>;

/// `STEPS[i]` upgrades schema `i + 1` to `i + 2`.
const STEPS: [Step; 1] = [v1::upgrade_to_v2];

const _: () = assert!(
    STEPS.len() + 1 == CURRENT_VERSION as usize,
    "one upgrade step per schema before the current one"
);

/// Upgrades a document of schema `from` (1..=[`CURRENT_VERSION`]) to the
/// current schema.
pub(super) fn upgrade(doc: Value, from: u32) -> Result<Value, LoadError> {
    debug_assert!((1..=CURRENT_VERSION).contains(&from));
    STEPS[from as usize - 1..]
        .iter()
        .try_fold(doc, |doc, step| step(doc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Each step stamps the schema it produces, so a chain cannot skip or
    /// repeat a version unnoticed.
    #[test]
    fn each_step_produces_the_next_schema() {
        for (index, step) in STEPS.iter().enumerate() {
            let from = index + 1;
            let doc = json!({ "schema_version": from, "nodes": [], "edges": [] });
            let upgraded = step(doc).expect("an empty document upgrades");
            assert_eq!(upgraded["schema_version"], json!(from + 1), "step {from}");
        }
    }

    #[test]
    fn the_current_schema_passes_through_unchanged() {
        let doc = json!({ "format": "migraflow", "schema_version": CURRENT_VERSION, "title": "t" });
        assert_eq!(upgrade(doc.clone(), CURRENT_VERSION).unwrap(), doc);
    }
}
