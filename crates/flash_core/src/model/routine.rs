use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::object_map::Keyed;
use crate::QualName;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RoutineKind {
    Function,
    Procedure,
}

/// A function or procedure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Routine {
    pub kind: RoutineKind,
    pub name: QualName,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<RoutineArg>,
    /// The return type as printed (`integer`, `trigger`, `SETOF users`, `TABLE(id integer)`); none for procedures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub returns: Option<String>,
    /// Lower-case language name: `sql`, `plpgsql`, ... (MySQL routines are `sql`).
    pub language: String,
    /// The body as written: PostgreSQL's `AS $$ ... $$` content verbatim (as `prosrc` keeps it), MySQL's `BEGIN ... END`.
    pub body: String,
    /// Attributes in canonical form: `volatility` (`immutable`/`stable`), `strict`, `security` (`definer`),
    /// `parallel`, `leakproof`, `cost`, `rows`, `set.<param>`; MySQL `deterministic`, `data_access`, `sql_security`.
    /// Database defaults are left out, so an attribute present here was asked for.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoutineArg {
    /// `in` (left out), `out`, `inout`, `variadic`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub data_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
}

/// Routines overload on their input argument types, so those types are part of the key.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RoutineKey {
    pub name: QualName,
    pub arg_types: String,
}

impl Routine {
    /// The identity signature: input argument types, comma separated (what `DROP FUNCTION f(...)` needs).
    pub fn arg_types(&self) -> String {
        self.args
            .iter()
            .filter(|a| !matches!(a.mode.as_deref(), Some("out")))
            .map(|a| a.data_type.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl Keyed for Routine {
    type Key = RoutineKey;
    fn key(&self) -> RoutineKey {
        RoutineKey {
            name: self.name.clone(),
            arg_types: self.arg_types(),
        }
    }
}
