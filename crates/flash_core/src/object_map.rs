//! An ordered map of model objects that serialises as a plain list.
//!
//! JSON object keys must be strings, and a list of objects that each carry their own name is also what a reader of
//! `flash inspect --json` expects. Ordering by key keeps the output stable.

use std::collections::BTreeMap;

use serde::de::Deserializer;
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

/// An object that knows its own key in the schema.
pub trait Keyed {
    type Key: Ord + Clone;
    fn key(&self) -> Self::Key;
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectMap<T: Keyed>(BTreeMap<T::Key, T>);

impl<T: Keyed> Default for ObjectMap<T> {
    fn default() -> Self {
        ObjectMap(BTreeMap::new())
    }
}

impl<T: Keyed> ObjectMap<T> {
    /// Inserts `object`, handing back the one it replaced.
    pub fn insert(&mut self, object: T) -> Option<T> {
        self.0.insert(object.key(), object)
    }
    pub fn get(&self, key: &T::Key) -> Option<&T> {
        self.0.get(key)
    }
    pub fn get_mut(&mut self, key: &T::Key) -> Option<&mut T> {
        self.0.get_mut(key)
    }
    pub fn remove(&mut self, key: &T::Key) -> Option<T> {
        self.0.remove(key)
    }
    pub fn contains_key(&self, key: &T::Key) -> bool {
        self.0.contains_key(key)
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.0.values()
    }
    /// The objects whose key is `start` or after it, in key order: with a take_while, the objects under a key
    /// prefix (a table's indexes) without a scan of all of them.
    pub fn iter_from(&self, start: &T::Key) -> impl Iterator<Item = &T> {
        self.0.range(start.clone()..).map(|(_, object)| object)
    }
    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut T> {
        self.0.values_mut()
    }
    pub fn keys(&self) -> impl Iterator<Item = &T::Key> {
        self.0.keys()
    }
    pub fn retain(&mut self, mut keep: impl FnMut(&T) -> bool) {
        self.0.retain(|_, v| keep(v))
    }
}

impl<T: Keyed + Serialize> Serialize for ObjectMap<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.values())
    }
}

impl<'de, T: Keyed + Deserialize<'de>> Deserialize<'de> for ObjectMap<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let items = Vec::<T>::deserialize(deserializer)?;
        let mut map = ObjectMap::default();
        for item in items {
            if map.insert(item).is_some() {
                return Err(serde::de::Error::custom("the same object is listed twice"));
            }
        }
        Ok(map)
    }
}

impl<T: Keyed> IntoIterator for ObjectMap<T> {
    type Item = T;
    type IntoIter = std::collections::btree_map::IntoValues<T::Key, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_values()
    }
}

impl<T: Keyed> FromIterator<T> for ObjectMap<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut map = ObjectMap::default();
        for item in iter {
            map.insert(item);
        }
        map
    }
}
