//! Which tab writes a run. One tab writes, the others follow it read-only
//! (SPEC §6, Durability); "Take control" moves the claim and is logged.
//!
//! The claim is a localStorage value, `migraflow.run-writer.<run id>`,
//! holding the writing tab's id. A tab's id lives in sessionStorage, which
//! survives a reload of the same tab but is not shared with other tabs, so
//! a reloaded writer is still the writer. A writer gives the claim up when
//! its page goes away (`release`), so a closed tab does not hold a run.
//! Other tabs see a claim move through the `storage` event.

use crate::adapters::local_store::LocalStore;
use migraflow_core::library::kv::KeyValue;

const TAB_KEY: &str = "migraflow.tab";

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

fn claim_key(run_id: &str) -> String {
    format!("migraflow.run-writer.{run_id}")
}

/// This tab's id, made on first use.
pub fn tab_id() -> String {
    let storage = session_storage();
    if let Some(id) = storage
        .as_ref()
        .and_then(|s| s.get_item(TAB_KEY).ok().flatten())
    {
        return id;
    }
    let id = format!(
        "t{:x}{:x}",
        js_sys::Date::now() as u64,
        (js_sys::Math::random() * 1e9) as u64
    );
    if let Some(s) = storage {
        let _ = s.set_item(TAB_KEY, &id);
    }
    id
}

/// The tab that writes `run_id`, if any.
pub fn holder(run_id: &str) -> Option<String> {
    LocalStore.get(&claim_key(run_id)).ok().flatten()
}

/// Makes this tab the writer of `run_id`.
pub fn take(run_id: &str) -> Result<(), String> {
    LocalStore
        .set(&claim_key(run_id), &tab_id())
        .map_err(|e| e.to_string())
}

/// Claims `run_id` unless another tab holds it; whether this tab writes.
pub fn claim_if_free(run_id: &str) -> bool {
    match holder(run_id) {
        Some(other) if other != tab_id() => false,
        _ => take(run_id).is_ok(),
    }
}

/// Gives the claim up if this tab holds it.
pub fn release(run_id: &str) {
    if holder(run_id).as_deref() == Some(tab_id().as_str()) {
        let _ = LocalStore.remove(&claim_key(run_id));
    }
}

/// Whether a `storage` event's key is the claim of `run_id`.
pub fn is_claim_key(key: &str, run_id: &str) -> bool {
    key == claim_key(run_id)
}
