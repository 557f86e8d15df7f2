//! [`IdSet`]: a set of ids kept as one sorted vector.
//!
//! What [`crate::id_map::IdMap`] is to `BTreeMap`, for the sets of node
//! and edge ids: a selection, the nodes a step has seen, the ids taken.
//! Each `BTreeSet` key type cost the web app its own copy of the B-tree
//! code; these sets hold tens of ids, rarely thousands, where a binary
//! search over a `Vec` is as quick. Methods are `BTreeSet`'s names with
//! its meaning: iteration in order, `insert` saying whether it was new.

/// A set of `K` in order. Invariant: `items` strictly increase.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct IdSet<K> {
    items: Vec<K>,
}

impl<K> Default for IdSet<K> {
    fn default() -> Self {
        IdSet { items: Vec::new() }
    }
}

impl<K: Copy + Ord> IdSet<K> {
    pub fn new() -> Self {
        IdSet::default()
    }

    /// Where `key` is (`Ok`) or would go (`Err`); the end is tried first,
    /// where increasing ids go.
    fn find(&self, key: &K) -> Result<usize, usize> {
        match self.items.last() {
            Some(last) if last < key => Err(self.items.len()),
            _ => self.items.binary_search(key),
        }
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn contains(&self, key: &K) -> bool {
        self.find(key).is_ok()
    }

    /// Adds `key`; whether it was not there yet.
    pub fn insert(&mut self, key: K) -> bool {
        match self.find(&key) {
            Ok(_) => false,
            Err(at) => {
                self.items.insert(at, key);
                true
            }
        }
    }

    /// Takes `key` out; whether it was there.
    pub fn remove(&mut self, key: &K) -> bool {
        match self.find(key) {
            Ok(at) => {
                self.items.remove(at);
                true
            }
            Err(_) => false,
        }
    }

    pub fn iter(&self) -> std::slice::Iter<'_, K> {
        self.items.iter()
    }

    pub fn first(&self) -> Option<&K> {
        self.items.first()
    }

    pub fn last(&self) -> Option<&K> {
        self.items.last()
    }

    pub fn retain(&mut self, keep: impl FnMut(&K) -> bool) {
        self.items.retain(keep);
    }

    pub fn clear(&mut self) {
        self.items.clear();
    }
}

impl<K: Copy + Ord, const N: usize> From<[K; N]> for IdSet<K> {
    fn from(keys: [K; N]) -> Self {
        keys.into_iter().collect()
    }
}

impl<'a, K> IntoIterator for &'a IdSet<K> {
    type Item = &'a K;
    type IntoIter = std::slice::Iter<'a, K>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl<K> IntoIterator for IdSet<K> {
    type Item = K;
    type IntoIter = std::vec::IntoIter<K>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<K: Copy + Ord> FromIterator<K> for IdSet<K> {
    /// Sorted once, duplicates dropped: not one insert per key.
    fn from_iter<I: IntoIterator<Item = K>>(keys: I) -> Self {
        let mut items: Vec<K> = keys.into_iter().collect();
        items.sort_unstable();
        items.dedup();
        IdSet { items }
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
