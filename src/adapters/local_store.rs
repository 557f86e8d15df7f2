//! `localStorage` as the core library's key-value store.
//!
//! Holds no handle: each call asks the window for its storage, so the
//! adapter is a plain value and a storage that disappears (private mode,
//! disabled by policy) turns into an error rather than a crash.

use crate::adapters::download::describe;
use gloo_storage::{LocalStorage, Storage};
use migraflow_core::library::kv::{KeyValue, StoreError};
use wasm_bindgen::JsCast;

#[derive(Clone, Copy, Debug, Default)]
pub struct LocalStore;

fn storage() -> Result<web_sys::Storage, StoreError> {
    // gloo's raw() panics when storage is missing; ask the window first.
    let available = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .is_some();
    if available {
        Ok(LocalStorage::raw())
    } else {
        Err(StoreError::Unavailable("localStorage is disabled".into()))
    }
}

/// The string stored as JSON text under `key` (as gloo-storage's
/// `LocalStorage::set` writes it), or `None` when there is none or it is
/// not a JSON string. Read through serde_json's `Value`, which the app
/// links anyway: gloo's `LocalStorage::get::<String>` linked a JSON reader
/// of its own for `String` (size).
pub fn get_json_string(key: &str) -> Option<String> {
    let raw = storage().ok()?.get_item(key).ok().flatten()?;
    match serde_json::from_str(&raw).ok()? {
        serde_json::Value::String(text) => Some(text),
        _ => None,
    }
}

/// Maps a failed `setItem` to a quota error where it is one.
fn classify(err: wasm_bindgen::JsValue) -> StoreError {
    let quota = err
        .dyn_ref::<web_sys::DomException>()
        .is_some_and(|e| e.name() == "QuotaExceededError" || e.code() == 22);
    if quota {
        StoreError::Quota
    } else {
        StoreError::Unavailable(describe(err))
    }
}

impl KeyValue for LocalStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        storage()?.get_item(key).map_err(classify)
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        storage()?.set_item(key, value).map_err(classify)
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        storage()?.remove_item(key).map_err(classify)
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let s = storage()?;
        let n = s.length().map_err(classify)?;
        Ok((0..n).filter_map(|i| s.key(i).ok().flatten()).collect())
    }
}
