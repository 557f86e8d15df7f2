//! [`IdSet`]: a set of ids kept as one sorted vector.
//!
//! What [`crate::id_map::IdMap`] is to `BTreeMap`, for the sets of node
//! and edge ids: a selection, the nodes a step has seen, the ids taken.
//! Each `BTreeSet` key type cost the web app its own copy of the B-tree
//! code; these sets hold tens of ids, rarely thousands, where a binary
//! search over a `Vec` is as quick. Methods are `BTreeSet`'s names with
//! its meaning: iteration in order, `insert` saying whether it was new.

use crate::id_map::IdMap;

/// A set of `K` in order: an [`IdMap`] to nothing, so the two share one
/// search and one invariant.
#[derive(Clone, Debug, PartialEq)]
pub struct IdSet<K> {
    map: IdMap<K, ()>,
}

impl<K> Default for IdSet<K> {
    fn default() -> Self {
        IdSet {
            map: IdMap::default(),
        }
    }
}

fn key<K>(entry: &(K, ())) -> &K {
    &entry.0
}

/// An `IdSet`'s keys in order.
pub type Iter<'a, K> = std::iter::Map<std::slice::Iter<'a, (K, ())>, fn(&(K, ())) -> &K>;

impl<K: Copy + Ord> IdSet<K> {
    pub fn new() -> Self {
        IdSet::default()
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    pub fn contains(&self, key: &K) -> bool {
        self.map.contains_key(key)
    }

    /// Adds `key`; whether it was not there yet.
    pub fn insert(&mut self, key: K) -> bool {
        self.map.insert(key, ()).is_none()
    }

    /// Takes `key` out; whether it was there.
    pub fn remove(&mut self, key: &K) -> bool {
        self.map.remove(key).is_some()
    }

    pub fn iter(&self) -> Iter<'_, K> {
        self.map.entries().iter().map(key)
    }

    pub fn first(&self) -> Option<&K> {
        self.map.first_key_value().map(|(k, _)| k)
    }

    pub fn last(&self) -> Option<&K> {
        self.map.last_key_value().map(|(k, _)| k)
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&K) -> bool) {
        self.map.retain(|k, _| keep(k));
    }
}

impl<K: Copy + Ord, const N: usize> From<[K; N]> for IdSet<K> {
    fn from(keys: [K; N]) -> Self {
        keys.into_iter().collect()
    }
}

impl<'a, K: Copy + Ord> IntoIterator for &'a IdSet<K> {
    type Item = &'a K;
    type IntoIter = Iter<'a, K>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<K: Copy + Ord> IntoIterator for IdSet<K> {
    type Item = K;
    type IntoIter = std::iter::Map<std::vec::IntoIter<(K, ())>, fn((K, ())) -> K>;

    fn into_iter(self) -> Self::IntoIter {
        let first: fn((K, ())) -> K = |(k, ())| k;
        self.map.into_iter().map(first)
    }
}

impl<K: Copy + Ord> FromIterator<K> for IdSet<K> {
    /// Sorted once, duplicates dropped: not one insert per key.
    fn from_iter<I: IntoIterator<Item = K>>(keys: I) -> Self {
        let mut keys: Vec<K> = keys.into_iter().collect();
        keys.sort_unstable();
        keys.dedup();
        IdSet {
            map: IdMap::from_sorted(keys.into_iter().map(|k| (k, ())).collect()),
        }
    }
}

impl<K: Copy + Ord> Extend<K> for IdSet<K> {
    fn extend<I: IntoIterator<Item = K>>(&mut self, keys: I) {
        for key in keys {
            self.insert(key);
        }
    }
}

impl<'a, K: Copy + Ord + 'a> Extend<&'a K> for IdSet<K> {
    fn extend<I: IntoIterator<Item = &'a K>>(&mut self, keys: I) {
        self.extend(keys.into_iter().copied());
    }
}

#[cfg(test)]
mod tests {
    use super::IdSet;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    proptest! {
        /// Inserting and removing keeps an `IdSet` equal, answer for
        /// answer, to a `BTreeSet` given the same.
        #[test]
        fn behaves_as_a_btree_set(
            start in prop::collection::vec(any::<u8>(), 0..40),
            ops in prop::collection::vec((any::<bool>(), any::<u8>()), 0..200),
        ) {
            let mut ours: IdSet<u8> = start.iter().copied().collect();
            let mut theirs: BTreeSet<u8> = start.iter().copied().collect();
            prop_assert!(ours.iter().eq(theirs.iter()));
            for (add, key) in ops {
                if add {
                    prop_assert_eq!(ours.insert(key), theirs.insert(key));
                } else {
                    prop_assert_eq!(ours.remove(&key), theirs.remove(&key));
                }
                prop_assert!(ours.iter().eq(theirs.iter()));
                prop_assert_eq!(ours.len(), theirs.len());
                prop_assert_eq!(ours.contains(&key), theirs.contains(&key));
                prop_assert_eq!(ours.first(), theirs.first());
                prop_assert_eq!(ours.last(), theirs.last());
            }
        }
    }
}
