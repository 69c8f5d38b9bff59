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
    /// PostgreSQL: when it fires (`ALTER TABLE ... ENABLE/DISABLE TRIGGER`); a snapshot without it is enabled.
    #[serde(default, skip_serializing_if = "TriggerEnabled::is_default")]
    pub enabled: TriggerEnabled,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// When a PostgreSQL trigger fires, as `pg_trigger.tgenabled` says against `session_replication_role`: `Origin`
/// (`O`, the default, when the role is `origin` or `local`), `Replica` (`R`, only on a replica), `Always` (`A`) or
/// `Disabled` (`D`, never).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TriggerEnabled {
    #[default]
    Origin,
    Replica,
    Always,
    Disabled,
}

impl TriggerEnabled {
    pub fn is_default(&self) -> bool {
        *self == TriggerEnabled::Origin
    }

    /// From `pg_trigger.tgenabled`; `None` for a letter PostgreSQL does not write.
    pub fn from_postgres(tgenabled: &str) -> Option<Self> {
        Some(match tgenabled {
            "O" => TriggerEnabled::Origin,
            "R" => TriggerEnabled::Replica,
            "A" => TriggerEnabled::Always,
            "D" => TriggerEnabled::Disabled,
            _ => return None,
        })
    }

    /// The words after `ALTER TABLE t` that set it: `ENABLE`, `ENABLE REPLICA`, `ENABLE ALWAYS`, `DISABLE`.
    pub fn postgres_action(&self) -> &'static str {
        match self {
            TriggerEnabled::Origin => "ENABLE",
            TriggerEnabled::Replica => "ENABLE REPLICA",
            TriggerEnabled::Always => "ENABLE ALWAYS",
            TriggerEnabled::Disabled => "DISABLE",
        }
    }
}

// Bits of PostgreSQL's trigger type (catalog/pg_trigger.h), in `pg_trigger.tgtype` and the parse tree alike.
const ROW: i32 = 1 << 0;
const BEFORE: i32 = 1 << 1;
const INSERT: i32 = 1 << 2;
const DELETE: i32 = 1 << 3;
const UPDATE: i32 = 1 << 4;
const TRUNCATE: i32 = 1 << 5;
const INSTEAD: i32 = 1 << 6;

/// A PostgreSQL trigger's timing (`BEFORE`, `AFTER`, `INSTEAD OF`), events in the model's order, and whether it
/// fires for each row, from the trigger-type bits of its timing and of its events (one number in the catalog, two
/// in the parse tree).
pub fn postgres_trigger_type(
    timing_bits: i32,
    event_bits: i32,
) -> (&'static str, Vec<String>, bool) {
    let timing = if timing_bits & INSTEAD != 0 {
        "INSTEAD OF"
    } else if timing_bits & BEFORE != 0 {
        "BEFORE"
    } else {
        "AFTER"
    };
    let events = [
        (INSERT, "INSERT"),
        (UPDATE, "UPDATE"),
        (DELETE, "DELETE"),
        (TRUNCATE, "TRUNCATE"),
    ]
    .iter()
    .filter(|(bit, _)| event_bits & bit != 0)
    .map(|(_, name)| name.to_string())
    .collect();
    (timing, events, timing_bits & ROW != 0)
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
