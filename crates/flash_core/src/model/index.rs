use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::is_false;
use crate::object_map::Keyed;
use crate::QualName;

/// An index that is not the implicit one behind a PRIMARY KEY or UNIQUE constraint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Index {
    pub name: String,
    pub table: QualName,
    #[serde(default, skip_serializing_if = "is_false")]
    pub unique: bool,
    /// Access method in lower case: `btree`, `hash`, `gin`, `gist`, `brin`, `spgist` (PostgreSQL); `btree`, `hash`,
    /// `fulltext`, `spatial` (MySQL). `None` where the dialect has no choice (SQLite).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    pub keys: Vec<IndexKeyPart>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub where_clause: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub nulls_not_distinct: bool,
    /// Storage parameters (`WITH (fillfactor = 70)`) and dialect extras.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub options: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// Indexes are keyed by their table and name: MySQL index names are per table, and in PostgreSQL and SQLite an index
/// always lives beside its table, so the table is part of the key in every dialect.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct IndexKey {
    pub table: QualName,
    pub name: String,
}

impl Keyed for Index {
    type Key = IndexKey;
    fn key(&self) -> IndexKey {
        IndexKey {
            table: self.table.clone(),
            name: self.name.clone(),
        }
    }
}

/// One key of an index: a column or an expression, with its ordering options.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexKeyPart {
    /// A plain column name, or `None` for an expression key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// An expression key in canonical printed form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expr: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opclass: Option<String>,
    #[serde(default, skip_serializing_if = "SortOrder::is_default")]
    pub order: SortOrder,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nulls: Option<NullsOrder>,
    /// MySQL prefix length: `KEY (name(10))`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length: Option<u32>,
}

impl IndexKeyPart {
    pub fn column(name: impl Into<String>) -> Self {
        IndexKeyPart {
            column: Some(name.into()),
            expr: None,
            collation: None,
            opclass: None,
            order: SortOrder::Asc,
            nulls: None,
            length: None,
        }
    }

    pub fn expression(expr: impl Into<String>) -> Self {
        IndexKeyPart {
            column: None,
            expr: Some(expr.into()),
            ..IndexKeyPart::column("")
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SortOrder {
    #[default]
    Asc,
    Desc,
}

impl SortOrder {
    pub fn is_default(&self) -> bool {
        *self == SortOrder::Asc
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NullsOrder {
    First,
    Last,
}
