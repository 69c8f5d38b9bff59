use serde::{Deserialize, Serialize};

use crate::object_map::Keyed;
use crate::QualName;

/// A row-level security policy (PostgreSQL `CREATE POLICY`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    pub name: String,
    pub table: QualName,
    /// `PERMISSIVE` (the default) or `RESTRICTIVE`.
    pub permissive: bool,
    /// `ALL`, `SELECT`, `INSERT`, `UPDATE` or `DELETE`.
    pub command: String,
    /// Role names, sorted; `public` when none was given.
    pub roles: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub using: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with_check: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PolicyKey {
    pub table: QualName,
    pub name: String,
}

impl Keyed for Policy {
    type Key = PolicyKey;
    fn key(&self) -> PolicyKey {
        PolicyKey {
            table: self.table.clone(),
            name: self.name.clone(),
        }
    }
}
