//! The key-value storage the library keeps documents in.
//!
//! In the browser this is `localStorage` (an adapter in the app); here it is
//! a trait, so every recovery path — corrupt values, a full quota, a value
//! from the future — is tested natively against [`MemoryStore`].

use std::collections::BTreeMap;
use std::fmt;

/// Why storage refused an operation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The storage quota is exhausted; nothing was written.
    Quota,
    /// Storage cannot be used at all (disabled, private mode, …).
    Unavailable(String),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Quota => f.write_str("the browser's storage for this site is full"),
            StoreError::Unavailable(why) => write!(f, "browser storage is unavailable ({why})"),
        }
    }
}

impl std::error::Error for StoreError {}

/// String keys to string values, like `localStorage`.
pub trait KeyValue {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    /// Writes atomically: on error the old value is still there.
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    fn remove(&mut self, key: &str) -> Result<(), StoreError>;
    fn keys(&self) -> Result<Vec<String>, StoreError>;
}

/// An in-memory store with an optional capacity in bytes (keys plus
/// values), for tests and for running without browser storage.
#[derive(Clone, Debug, Default)]
pub struct MemoryStore {
    pub values: BTreeMap<String, String>,
    pub capacity: Option<usize>,
}

impl MemoryStore {
    pub fn with_capacity(bytes: usize) -> MemoryStore {
        MemoryStore {
            values: BTreeMap::new(),
            capacity: Some(bytes),
        }
    }

    fn used_without(&self, key: &str) -> usize {
        self.values
            .iter()
            .filter(|(k, _)| k.as_str() != key)
            .map(|(k, v)| k.len() + v.len())
            .sum()
    }
}

impl KeyValue for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.values.get(key).cloned())
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        if let Some(cap) = self.capacity {
            if self.used_without(key) + key.len() + value.len() > cap {
                return Err(StoreError::Quota);
            }
        }
        self.values.insert(key.to_string(), value.to_string());
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.values.remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        Ok(self.values.keys().cloned().collect())
    }
}
