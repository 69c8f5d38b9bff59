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
    /// The routine with what PostgreSQL assumes when nothing is said left out, so a file that spells a default out
    /// and a catalog that always holds every value compare equal: `COST` 100 (1 for C and internal functions),
    /// `ROWS` 1000, the result a function with OUT arguments returns anyway (a record of them, or the one OUT
    /// argument's type); estimates are printed as numbers (`10`, `0.5`).
    pub fn without_postgres_defaults(mut self) -> Self {
        let default_cost = if matches!(self.language.as_str(), "c" | "internal") {
            1.0
        } else {
            100.0
        };
        for (key, default) in [("cost", default_cost), ("rows", 1000.0)] {
            let Some(value) = self.attributes.get(key) else {
                continue;
            };
            match value.trim().parse::<f64>() {
                Ok(n) if n == default => {
                    self.attributes.remove(key);
                }
                Ok(n) => {
                    self.attributes.insert(key.to_string(), estimate(n));
                }
                Err(_) => {}
            }
        }
        let has_out = self
            .args
            .iter()
            .any(|a| matches!(a.mode.as_deref(), Some("out" | "inout")));
        let implied = self
            .returns
            .as_deref()
            .is_some_and(|r| !r.starts_with("SETOF ") && !r.starts_with("TABLE("));
        if has_out && implied {
            self.returns = None;
        }
        self
    }

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

/// A cost or row estimate as text: `10`, `0.5`.
fn estimate(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
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
