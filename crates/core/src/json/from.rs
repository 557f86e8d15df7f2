//! Reading a type out of a [`Value`] by hand: [`FromJson`].
//!
//! What `#[derive(Deserialize)]` would do, in a few shared functions.
//! serde's derive writes a visitor per struct, a sequence visitor per `Vec`
//! and an option visitor per `Option`, each a copy of its code in the web
//! app; read by hand, the documents, run files and lists cost the default
//! build 9 KB of gzip less and the runbook build 16 KB. A struct's reader
//! is a list of [`Fields::get`], [`Fields::or`] or [`Fields::fill`] calls,
//! and the path of a refusal is kept on the way out (`nodes[2].kind`), so
//! nothing has to be probed afterwards to say where a file is wrong.
//!
//! The messages are serde's (`invalid type: string "soon", expected u64`,
//! `missing field \`node\``, `invalid value: integer \`-1\`, expected u32`),
//! so a file refused before is refused in the same words. Like serde's
//! derive, unknown fields are ignored, an absent `Option` is `None`, and a
//! field read with [`Fields::or`] may be absent.

use super::{ReadError, Segment};
use serde_json::{Map, Value};

/// A type read out of a [`Value`], or refused with serde's message and
/// the path to the part that is wrong.
pub(crate) trait FromJson: Sized {
    fn from_json(value: &Value) -> Result<Self, ReadError>;

    /// The value of a field that is absent: refused, except for an
    /// `Option`.
    fn absent(key: &str) -> Result<Self, ReadError> {
        Err(refusal(format!("missing field `{key}`")))
    }
}

fn refusal(message: String) -> ReadError {
    ReadError {
        path: Vec::new(),
        message,
    }
}

/// serde's words for a value of the wrong type, `expected` being what was
/// wanted (`u64`, `a string`, `struct Visit`).
pub(crate) fn wrong_type(value: &Value, expected: &str) -> ReadError {
    let found = match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) if n.is_f64() => format!("floating point `{}`", super::write(n, false)),
        Value::Number(n) => format!("integer `{}`", super::write(n, false)),
        Value::String(s) => format!("string {}", super::write(s, false)),
        Value::Array(_) => "sequence".to_owned(),
        Value::Object(_) => "map".to_owned(),
    };
    refusal(format!("invalid type: {found}, expected {expected}"))
}

/// The fields of an object being read as `struct <name>`.
pub(crate) struct Fields<'a>(&'a Map<String, Value>);

impl<'a> Fields<'a> {
    pub fn of(value: &'a Value, name: &str) -> Result<Fields<'a>, ReadError> {
        match value {
            Value::Object(map) => Ok(Fields(map)),
            other => Err(wrong_type(other, &format!("struct {name}"))),
        }
    }

    /// Field `key`, which must be present unless `T` is an `Option`.
    pub fn get<T: FromJson>(&self, key: &str) -> Result<T, ReadError> {
        match self.field(key) {
            Some(value) => T::from_json(value).map_err(|e| under_field(e, key)),
            None => T::absent(key),
        }
    }

    /// Field `key`, or `T`'s default when it is absent (serde's
    /// `#[serde(default)]`).
    pub fn or<T: FromJson + Default>(&self, key: &str) -> Result<T, ReadError> {
        self.or_given(key, T::default())
    }

    /// Field `key`, or `absent` when it is absent.
    pub fn or_given<T: FromJson>(&self, key: &str, mut absent: T) -> Result<T, ReadError> {
        self.fill(key, &mut absent)?;
        Ok(absent)
    }

    /// Reads field `key` into `slot` when it is there; leaves `slot` as it
    /// is when absent. For a struct built at its defaults first, then
    /// filled: one drop of the whole on an error, not one per field read.
    pub fn fill<T: FromJson>(&self, key: &str, slot: &mut T) -> Result<(), ReadError> {
        if let Some(value) = self.field(key) {
            *slot = T::from_json(value).map_err(|e| under_field(e, key))?;
        }
        Ok(())
    }

    /// The lookup, not inlined: each `get` is a call rather than a copy
    /// of the map's search code.
    #[inline(never)]
    fn field(&self, key: &str) -> Option<&'a Value> {
        self.0.get(key)
    }
}

/// `err` with its path put under `segment`. Not generic, so each type's
/// reader does not carry a copy.
#[inline(never)]
fn under(mut err: ReadError, segment: Segment) -> ReadError {
    err.path.insert(0, segment);
    err
}

/// `err` with its path put under field `key`.
#[inline(never)]
fn under_field(err: ReadError, key: &str) -> ReadError {
    under(err, Segment::Field(key.to_owned()))
}

/// An unsigned integer of at most `max`, named `expected` (`u32`).
fn unsigned(value: &Value, max: u64, expected: &str) -> Result<u64, ReadError> {
    match value {
        // An integer: a negative one or one above `max` is out of range.
        Value::Number(n) if !n.is_f64() => n.as_u64().filter(|v| *v <= max).ok_or_else(|| {
            refusal(format!(
                "invalid value: integer `{}`, expected {expected}",
                super::write(n, false)
            ))
        }),
        other => Err(wrong_type(other, expected)),
    }
}

impl FromJson for u64 {
    fn from_json(value: &Value) -> Result<u64, ReadError> {
        unsigned(value, u64::MAX, "u64")
    }
}

impl FromJson for u32 {
    fn from_json(value: &Value) -> Result<u32, ReadError> {
        unsigned(value, u32::MAX.into(), "u32").map(|v| v as u32)
    }
}

impl FromJson for usize {
    fn from_json(value: &Value) -> Result<usize, ReadError> {
        unsigned(value, usize::MAX as u64, "usize").map(|v| v as usize)
    }
}

/// Any JSON number, as serde reads an `f64`.
impl FromJson for f64 {
    fn from_json(value: &Value) -> Result<f64, ReadError> {
        match value {
            Value::Number(n) => Ok(n.as_f64().unwrap_or(f64::NAN)),
            other => Err(wrong_type(other, "f64")),
        }
    }
}

impl FromJson for bool {
    fn from_json(value: &Value) -> Result<bool, ReadError> {
        value
            .as_bool()
            .ok_or_else(|| wrong_type(value, "a boolean"))
    }
}

impl FromJson for String {
    fn from_json(value: &Value) -> Result<String, ReadError> {
        value
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| wrong_type(value, "a string"))
    }
}

impl FromJson for crate::id::NodeId {
    fn from_json(value: &Value) -> Result<Self, ReadError> {
        u32::from_json(value).map(crate::id::NodeId)
    }
}

impl FromJson for crate::id::EdgeId {
    fn from_json(value: &Value) -> Result<Self, ReadError> {
        u32::from_json(value).map(crate::id::EdgeId)
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(value: &Value) -> Result<Option<T>, ReadError> {
        match value {
            Value::Null => Ok(None),
            value => T::from_json(value).map(Some),
        }
    }

    fn absent(_key: &str) -> Result<Option<T>, ReadError> {
        Ok(None)
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: &Value) -> Result<Vec<T>, ReadError> {
        let Value::Array(items) = value else {
            return Err(wrong_type(value, "a sequence"));
        };
        let mut read = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            read.push(T::from_json(item).map_err(|e| under(e, Segment::Index(index)))?);
        }
        Ok(read)
    }
}

/// Reads a unit enum by its name, as `crate::plan::read_by_name!` does for
/// serde (`unknown variant \`x\`, expected one of …`): `all` are its
/// values, `as_str` their names.
pub(crate) fn by_name<T: Copy>(
    value: &Value,
    all: &[T],
    as_str: fn(T) -> &'static str,
) -> Result<T, ReadError> {
    let index = index_by_name(value, &|i| all.get(i).map(|k| as_str(*k)))?;
    Ok(all[index])
}

/// The index of `value`'s name among `names(0)`, `names(1)`… (until
/// `None`): the part of [`by_name`] that is the same for every enum.
fn index_by_name(
    value: &Value,
    names: &dyn Fn(usize) -> Option<&'static str>,
) -> Result<usize, ReadError> {
    let name = value
        .as_str()
        .ok_or_else(|| wrong_type(value, "a string"))?;
    let known = || (0..).map_while(names);
    known()
        .position(|n| n == name)
        .ok_or_else(|| refusal(crate::plan::unknown_name(name, known())))
}

/// Parses JSON text and reads a `T` out of it, for callers that need no
/// position: the message alone.
pub(crate) fn from_text<T: FromJson>(text: &str) -> Result<T, String> {
    let value = super::parse(text).map_err(|e| e.to_string())?;
    T::from_json(&value).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::DeserializeOwned;
    use serde_json::json;

    /// What serde's derive says about `value` read as a `T`, and what
    /// `FromJson` says: the two must agree.
    fn both<T: FromJson + DeserializeOwned>(value: Value) -> (String, String) {
        let serde = match T::deserialize(&value) {
            Ok(_) => "reads".to_owned(),
            Err(e) => e.to_string(),
        };
        let ours = match T::from_json(&value) {
            Ok(_) => "reads".to_owned(),
            Err(e) => e.message,
        };
        (serde, ours)
    }

    #[test]
    fn refusals_are_in_serdes_words() {
        let values = [
            json!("soon"),
            json!(-1),
            json!(5_000_000_000u64),
            json!(1.5),
            json!(2.0),
            json!(true),
            json!(null),
            json!([1]),
            json!({"a": 1}),
            json!("quote \" and \\ and \n"),
            json!(7),
        ];
        for value in values {
            let (serde, ours) = both::<u32>(value.clone());
            assert_eq!(serde, ours, "u32 from {value}");
            let (serde, ours) = both::<u64>(value.clone());
            assert_eq!(serde, ours, "u64 from {value}");
            let (serde, ours) = both::<String>(value.clone());
            assert_eq!(serde, ours, "String from {value}");
            let (serde, ours) = both::<bool>(value.clone());
            assert_eq!(serde, ours, "bool from {value}");
            let (serde, ours) = both::<Vec<u32>>(value.clone());
            assert_eq!(serde, ours, "Vec<u32> from {value}");
            let (serde, ours) = both::<Option<u32>>(value.clone());
            assert_eq!(serde, ours, "Option<u32> from {value}");
            let (serde, ours) = both::<usize>(value.clone());
            assert_eq!(serde, ours, "usize from {value}");
            let (serde, ours) = both::<f64>(value.clone());
            assert_eq!(serde, ours, "f64 from {value}");
        }
    }

    struct Pair {
        a: u32,
        b: Option<String>,
        c: Vec<u64>,
    }

    impl FromJson for Pair {
        fn from_json(value: &Value) -> Result<Pair, ReadError> {
            let f = Fields::of(value, "Pair")?;
            Ok(Pair {
                a: f.get("a")?,
                b: f.get("b")?,
                c: f.or("c")?,
            })
        }
    }

    fn read(value: Value) -> String {
        match Pair::from_json(&value) {
            Ok(p) => format!("a={} b={:?} c={:?}", p.a, p.b, p.c),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn structs_read_their_fields_with_paths() {
        assert_eq!(read(json!({"a": 1, "zzz": 2})), "a=1 b=None c=[]");
        assert_eq!(
            read(json!({"a": 1, "b": "x", "c": [3]})),
            r#"a=1 b=Some("x") c=[3]"#
        );
        assert_eq!(read(json!({"b": "x"})), "missing field `a`");
        assert_eq!(
            read(json!({"a": 1, "c": [3, "x"]})),
            r#"c[1]: invalid type: string "x", expected u64"#
        );
        assert_eq!(
            read(json!([1])),
            "invalid type: sequence, expected struct Pair"
        );
    }
}
