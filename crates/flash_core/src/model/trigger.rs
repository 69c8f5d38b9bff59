use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::object_map::Keyed;
use crate::QualName;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trigger {
    pub name: String,
    pub table: QualName,
    /// `BEFORE`, `AFTER` or `INSTEAD OF`.
    pub timing: String,
    /// `INSERT`, `UPDATE`, `DELETE`, `TRUNCATE`, in that order.
    pub events: Vec<String>,
    /// `UPDATE OF col, ...`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub update_columns: Vec<String>,
    pub for_each_row: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    /// PostgreSQL: the function it executes with its arguments, e.g. `public.touch()`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub function: Option<String>,
    /// MySQL and SQLite: the trigger body as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// `constraint`, `deferrable`, `initially_deferred`, `referencing_old`, `referencing_new`, MySQL `order`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub options: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TriggerKey {
    pub table: QualName,
    pub name: String,
}

impl Keyed for Trigger {
    type Key = TriggerKey;
    fn key(&self) -> TriggerKey {
        TriggerKey {
            table: self.table.clone(),
            name: self.name.clone(),
        }
    }
}
