//! Writing a type into a [`Value`] by hand: [`ToJson`], the other half of
//! [`super::from`].
//!
//! serde's derived `Serialize`, written into a `Value`, put a serializer
//! call per field and per field type into the web app; here a struct's
//! writer is a list of [`Object::with`] calls over a few value types, and
//! the output is the same JSON: fields in the order they are put,
//! defaults left out where the format leaves them out ([`Object::unless`]).

use serde_json::{Map, Value};

/// A type written as a JSON [`Value`].
pub(crate) trait ToJson {
    fn to_json(&self) -> Value;
}

/// A JSON object being built, its fields in the order they are put.
pub(crate) struct Object(Map<String, Value>);

impl Object {
    pub fn new() -> Object {
        Object(Map::new())
    }

    /// Puts field `key`.
    pub fn with(self, key: &str, value: &(impl ToJson + ?Sized)) -> Object {
        self.put(key, value.to_json())
    }

    /// The one place a field goes in: not inlined, so each `with` is a
    /// call rather than a copy of the map's insertion code.
    #[inline(never)]
    fn put(mut self, key: &str, value: Value) -> Object {
        self.0.insert(key.to_owned(), value);
        self
    }

    /// Puts field `key` unless `skip` (serde's `skip_serializing_if`).
    pub fn unless(self, skip: bool, key: &str, value: &(impl ToJson + ?Sized)) -> Object {
        if skip {
            self
        } else {
            self.with(key, value)
        }
    }

    pub fn done(self) -> Value {
        Value::Object(self.0)
    }
}

impl ToJson for Value {
    fn to_json(&self) -> Value {
        self.clone()
    }
}

impl ToJson for serde_json::Number {
    fn to_json(&self) -> Value {
        Value::Number(self.clone())
    }
}

impl ToJson for str {
    fn to_json(&self) -> Value {
        Value::String(self.to_owned())
    }
}

impl ToJson for String {
    fn to_json(&self) -> Value {
        self.as_str().to_json()
    }
}

impl ToJson for bool {
    fn to_json(&self) -> Value {
        Value::Bool(*self)
    }
}

impl ToJson for u32 {
    fn to_json(&self) -> Value {
        Value::from(*self)
    }
}

impl ToJson for u64 {
    fn to_json(&self) -> Value {
        Value::from(*self)
    }
}

impl ToJson for usize {
    fn to_json(&self) -> Value {
        Value::from(*self)
    }
}

/// A finite number, or `null` (as serde_json writes a NaN or infinity).
impl ToJson for f64 {
    fn to_json(&self) -> Value {
        Value::from(*self)
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn to_json(&self) -> Value {
        (**self).to_json()
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn to_json(&self) -> Value {
        match self {
            Some(value) => value.to_json(),
            None => Value::Null,
        }
    }
}

impl<T: ToJson> ToJson for [T] {
    fn to_json(&self) -> Value {
        Value::Array(self.iter().map(ToJson::to_json).collect())
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn to_json(&self) -> Value {
        self.as_slice().to_json()
    }
}

impl ToJson for crate::id::NodeId {
    fn to_json(&self) -> Value {
        self.0.to_json()
    }
}

impl ToJson for crate::id::EdgeId {
    fn to_json(&self) -> Value {
        self.0.to_json()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn objects_keep_the_order_fields_are_put_in_and_skip_what_is_asked() {
        let value = Object::new()
            .with("b", &2u32)
            .with("a", "x")
            .unless(true, "skipped", &1u64)
            .unless(false, "kept", &Some(vec![1.5, f64::NAN]))
            .with("none", &None::<bool>)
            .done();
        assert_eq!(
            serde_json::to_string(&value).unwrap(),
            r#"{"b":2,"a":"x","kept":[1.5,null],"none":null}"#
        );
        assert_eq!(
            value,
            json!({"b": 2, "a": "x", "kept": [1.5, null], "none": null})
        );
    }
}
