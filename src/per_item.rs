//! One signal per node or edge id, made on first use and kept for the
//! session: how each canvas item subscribes to its own piece of the
//! editor's state and nothing else (ARCHITECTURE.md: "No signal has a
//! subscriber per item"). Positions, culling and the records all use it.
//!
//! A signal stays with its id after the item is gone, so a view that an
//! undo re-creates finds the one its source has kept up to date.

use leptos::prelude::*;
use rustc_hash::FxHashMap;
use std::hash::Hash;

pub struct PerItem<K: 'static, V: 'static>(StoredValue<FxHashMap<K, ArcRwSignal<V>>>);

impl<K, V> Clone for PerItem<K, V> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<K, V> Copy for PerItem<K, V> {}

impl<K, V> PerItem<K, V>
where
    K: Hash + Eq + Copy + Send + Sync + 'static,
    V: PartialEq + Send + Sync + 'static,
{
    pub fn new() -> Self {
        PerItem(StoredValue::new(FxHashMap::default()))
    }

    /// The signal of `id`, made holding `V::default()` if it has none.
    pub fn signal(self, id: K) -> ArcRwSignal<V>
    where
        V: Default,
    {
        if let Some(s) = self.0.with_value(|m| m.get(&id).cloned()) {
            return s;
        }
        self.make(id, V::default())
    }

    /// The signal of `id`, holding `now`: made so, or set if it held
    /// something else.
    pub fn set(self, id: K, now: V) -> ArcRwSignal<V> {
        if let Some(s) = self.0.with_value(|m| m.get(&id).cloned()) {
            set_if_changed(&s, now);
            return s;
        }
        self.make(id, now)
    }

    /// Sets the signal of `id`, if it has one, when `now` differs.
    pub fn update(self, id: K, now: V) {
        self.0.with_value(|m| {
            if let Some(s) = m.get(&id) {
                set_if_changed(s, now);
            }
        });
    }

    /// The value of `id`'s signal, without subscribing.
    pub fn peek(self, id: K) -> Option<V>
    where
        V: Clone,
    {
        self.0.with_value(|m| m.get(&id).map(|s| s.get_untracked()))
    }

    /// Calls `f` with every id that has a signal, and the signal.
    pub fn for_each(self, mut f: impl FnMut(K, &ArcRwSignal<V>)) {
        self.0.with_value(|m| {
            for (&id, s) in m {
                f(id, s);
            }
        });
    }

    fn make(self, id: K, value: V) -> ArcRwSignal<V> {
        let s = ArcRwSignal::new(value);
        self.0.update_value(|m| {
            m.insert(id, s.clone());
        });
        s
    }
}

/// Sets `s` to `now` unless it already holds that, so its subscribers
/// re-run only for a real change.
pub fn set_if_changed<V: PartialEq + Send + Sync + 'static>(s: &ArcRwSignal<V>, now: V) {
    if s.with_untracked(|old| *old != now) {
        s.set(now);
    }
}
