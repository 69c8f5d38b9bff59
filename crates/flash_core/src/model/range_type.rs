use serde::{Deserialize, Serialize};

use crate::object_map::Keyed;
use crate::{DataType, QualName};

/// `CREATE TYPE ... AS RANGE (subtype = ...)`. Every optional field is `None` where PostgreSQL takes its default (the
/// subtype's default btree operator class and collation, no canonical or subtype_diff function, the multirange type
/// name PostgreSQL derives), so that a range written with the defaults spelled out or left out, and one read back
/// from the catalog, compare equal. The multirange type PostgreSQL creates with a range is part of it, not an object
/// of its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RangeType {
    pub name: QualName,
    pub subtype: DataType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtype_opclass: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collation: Option<String>,
    /// Functions as `regproc` prints them with `search_path` at `public`: unqualified in `public` and `pg_catalog`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtype_diff: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multirange_type_name: Option<QualName>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

impl Keyed for RangeType {
    type Key = QualName;
    fn key(&self) -> QualName {
        self.name.clone()
    }
}

impl RangeType {
    /// The multirange type PostgreSQL creates beside a range when none is named (`makeMultirangeTypeName`): the first
    /// `range` in the name becomes `multirange`, or `_multirange` is appended, clipped to 63 bytes.
    pub fn default_multirange_name(range: &QualName) -> QualName {
        let name = &range.name;
        let derived = match name.find("range") {
            Some(i) => format!("{}multirange{}", &name[..i], &name[i + "range".len()..]),
            None => format!("{}_multirange", clip(name, 63 - 11)),
        };
        QualName::new(range.schema.clone(), clip(&derived, 63))
    }

    /// The multirange type's name, named or derived.
    pub fn multirange_name(&self) -> QualName {
        self.multirange_type_name
            .clone()
            .unwrap_or_else(|| Self::default_multirange_name(&self.name))
    }
}

/// `s` cut to at most `bytes` bytes on a character boundary, as PostgreSQL clips identifiers.
fn clip(s: &str, bytes: usize) -> &str {
    if s.len() <= bytes {
        return s;
    }
    let mut end = bytes;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multirange_names_follow_postgres() {
        let derived =
            |n: &str| RangeType::default_multirange_name(&QualName::new("public", n)).name;
        assert_eq!(derived("floatrange"), "floatmultirange");
        assert_eq!(derived("range_of_x"), "multirange_of_x");
        assert_eq!(derived("span"), "span_multirange");
        assert_eq!(derived(&"a".repeat(70)).len(), 63);
    }
}
