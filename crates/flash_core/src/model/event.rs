use serde::{Deserialize, Serialize};

use super::is_false;
use crate::object_map::Keyed;
use crate::QualName;

/// A MySQL/MariaDB scheduled event (`CREATE EVENT`). The definer, time zone and SQL mode the server records with it
/// are the session's, not schema, and are left out like a routine's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub name: QualName,
    pub schedule: EventSchedule,
    /// `ON COMPLETION PRESERVE`; `NOT PRESERVE` (the default) is `false`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub preserve: bool,
    #[serde(default, skip_serializing_if = "EventStatus::is_enabled")]
    pub status: EventStatus,
    /// Never empty: the server keeps `COMMENT ''` as no comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// What follows `DO`, as written (the server keeps it so, from its first token), trimmed.
    pub body: String,
}

/// When an event runs. Times are SQL text: a literal in the server's printed form (`'2030-01-01 00:00:00'`), or an
/// expression as written (`CURRENT_TIMESTAMP + INTERVAL 1 DAY`), which the server evaluates once, when the event is
/// created — see [`is_computed_time`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventSchedule {
    /// `AT time`: once.
    At(String),
    /// `EVERY interval unit [STARTS time] [ENDS time]`.
    Every {
        /// `10`, or a quoted value for a compound unit (`'1:30'`), as the server prints it.
        interval: String,
        /// Upper case: `MINUTE`, `HOUR_MINUTE`, ...
        unit: String,
        /// `None` when the statement gave no STARTS, or gave the moment it ran (`CURRENT_TIMESTAMP`, `NOW()`).
        /// The server then starts the event at its creation (or at the ALTER that set the schedule) and prints
        /// that moment, which no file can state: the inspector reads a start equal to the event's creation or
        /// last-alteration time as `None`, so a file without STARTS and the database it built compare equal,
        /// while a start the user wrote is compared as written.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        starts: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        ends: Option<String>,
    },
}

/// `ENABLE`, `DISABLE`, `DISABLE ON SLAVE`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventStatus {
    #[default]
    Enabled,
    Disabled,
    /// `DISABLE ON SLAVE` (MySQL 8.4: `DISABLE ON REPLICA`): created by replication, runs on the primary only.
    DisabledOnReplica,
}

impl EventStatus {
    pub fn is_enabled(&self) -> bool {
        *self == EventStatus::Enabled
    }

    /// The clause as CREATE and ALTER EVENT take it.
    pub fn sql(self) -> &'static str {
        match self {
            EventStatus::Enabled => "ENABLE",
            EventStatus::Disabled => "DISABLE",
            EventStatus::DisabledOnReplica => "DISABLE ON SLAVE",
        }
    }
}

impl EventSchedule {
    /// The times it holds: AT's, or STARTS and ENDS.
    pub fn times_mut(&mut self) -> Vec<&mut String> {
        match self {
            EventSchedule::At(at) => vec![at],
            EventSchedule::Every { starts, ends, .. } => starts.iter_mut().chain(ends).collect(),
        }
    }
}

/// Whether a schedule time is an expression rather than a literal. The server evaluates it when the event is
/// created and keeps only the result, so a database built from the same text at another moment holds another
/// time: against a live database such a time cannot be compared, only taken as the server has it.
pub fn is_computed_time(text: &str) -> bool {
    let t = text.trim();
    !(t.len() >= 2 && t.starts_with('\'') && t.ends_with('\'') && !t[1..t.len() - 1].contains('\''))
}

impl Keyed for Event {
    type Key = QualName;
    fn key(&self) -> QualName {
        self.name.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_are_not_computed() {
        assert!(!is_computed_time("'2030-01-01 00:00:00'"));
        assert!(is_computed_time("CURRENT_TIMESTAMP + INTERVAL 1 DAY"));
        assert!(is_computed_time("'2030-01-01' + INTERVAL 1 DAY"));
        assert!(is_computed_time("'a' + 'b'"));
    }
}
