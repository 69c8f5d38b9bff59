use serde::{Deserialize, Serialize};

use crate::object_map::Keyed;
use crate::{DataType, QualName};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sequence {
    pub name: QualName,
    #[serde(flatten)]
    pub options: SequenceOptions,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owned_by: Option<SequenceOwner>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// The options a sequence and an identity column share. `None` means the database default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SequenceOptions {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_type: Option<DataType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub increment: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_value: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_value: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache: Option<i64>,
    #[serde(default, skip_serializing_if = "super::is_false")]
    pub cycle: bool,
}

impl SequenceOptions {
    /// PostgreSQL's options with its defaults left out, for a sequence (or identity column) of `value_type`: the
    /// bounds of that type (or 1 and -1, by direction), a start at the bound the sequence counts from, an increment
    /// and a cache of 1. Files that spell a default out and catalogs that always hold every value then compare
    /// equal. The data type itself is left alone: a sequence keeps it (bigint is the default), an identity column
    /// has its column's.
    pub fn without_postgres_defaults(self, value_type: &str) -> Self {
        let (type_min, type_max) = match value_type {
            "smallint" => (i64::from(i16::MIN), i64::from(i16::MAX)),
            "integer" => (i64::from(i32::MIN), i64::from(i32::MAX)),
            _ => (i64::MIN, i64::MAX),
        };
        self.without_defaults((1, type_max), (type_min, -1), 1)
    }

    /// MariaDB's sequence options with its defaults left out (`SHOW CREATE SEQUENCE` prints them all): an
    /// increment of 1, the bounds 1 and 2^63-2 (ascending) or -(2^63-1) and -1 (descending), a start at the bound
    /// the sequence counts from, a cache of 1000.
    pub fn without_mariadb_defaults(self) -> Self {
        self.without_defaults((1, i64::MAX - 1), (i64::MIN + 1, -1), 1000)
    }

    /// The options with a database's defaults left out: its bounds for an ascending and a descending sequence, a
    /// start at the bound the sequence counts from, an increment of 1 and its default cache.
    fn without_defaults(
        mut self,
        ascending_bounds: (i64, i64),
        descending_bounds: (i64, i64),
        cache: i64,
    ) -> Self {
        let ascending = self.increment.unwrap_or(1) > 0;
        let (default_min, default_max) = if ascending {
            ascending_bounds
        } else {
            descending_bounds
        };
        if self.min_value == Some(default_min) {
            self.min_value = None;
        }
        if self.max_value == Some(default_max) {
            self.max_value = None;
        }
        let default_start = if ascending {
            self.min_value.unwrap_or(default_min)
        } else {
            self.max_value.unwrap_or(default_max)
        };
        if self.start == Some(default_start) {
            self.start = None;
        }
        if self.increment == Some(1) {
            self.increment = None;
        }
        if self.cache == Some(cache) {
            self.cache = None;
        }
        self
    }
}

impl Sequence {
    pub fn new(name: QualName) -> Self {
        Sequence {
            name,
            options: SequenceOptions::default(),
            owned_by: None,
            comment: None,
        }
    }
}

/// `OWNED BY table.column`: the sequence is dropped with the column (serial columns own theirs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SequenceOwner {
    pub table: QualName,
    pub column: String,
}

impl Keyed for Sequence {
    type Key = QualName;
    fn key(&self) -> QualName {
        self.name.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postgres_defaults_are_left_out_by_type_and_direction() {
        let all = SequenceOptions {
            data_type: None,
            start: Some(1),
            increment: Some(1),
            min_value: Some(1),
            max_value: Some(i64::from(i32::MAX)),
            cache: Some(1),
            cycle: false,
        };
        assert_eq!(
            all.clone().without_postgres_defaults("integer"),
            SequenceOptions::default()
        );
        // The same bound is not the default of a bigint sequence.
        assert_eq!(
            all.without_postgres_defaults("bigint").max_value,
            Some(i64::from(i32::MAX))
        );
        let down = SequenceOptions {
            increment: Some(-1),
            min_value: Some(i64::from(i16::MIN)),
            max_value: Some(-1),
            start: Some(-1),
            ..SequenceOptions::default()
        };
        assert_eq!(
            down.without_postgres_defaults("smallint"),
            SequenceOptions {
                increment: Some(-1),
                ..SequenceOptions::default()
            }
        );
        let started = SequenceOptions {
            min_value: Some(10),
            start: Some(10),
            ..SequenceOptions::default()
        };
        assert_eq!(
            started.without_postgres_defaults("bigint"),
            SequenceOptions {
                min_value: Some(10),
                ..SequenceOptions::default()
            }
        );
    }
}
