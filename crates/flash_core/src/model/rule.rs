use serde::{Deserialize, Serialize};

use crate::object_map::Keyed;
use crate::QualName;

/// A PostgreSQL rewrite rule (`CREATE RULE`). The rules PostgreSQL makes itself for views (`_RETURN`) are part of
/// the view, not rules of their own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    pub name: String,
    pub table: QualName,
    /// `SELECT`, `INSERT`, `UPDATE` or `DELETE`.
    pub event: String,
    /// `DO INSTEAD` rather than `DO ALSO`.
    pub instead: bool,
    /// The rule's condition, printed as PostgreSQL's deparser prints it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub where_clause: Option<String>,
    /// The commands it runs, each printed as PostgreSQL's deparser prints it, in order; none for `DO NOTHING`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RuleKey {
    pub table: QualName,
    pub name: String,
}

impl Keyed for Rule {
    type Key = RuleKey;
    fn key(&self) -> RuleKey {
        RuleKey {
            table: self.table.clone(),
            name: self.name.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Dialect, Schema};

    #[test]
    fn rules_round_trip_through_json_and_old_snapshots_load_without_them() {
        let mut schema = Schema::new(Dialect::Postgres);
        schema.rules.insert(Rule {
            name: "t_log".into(),
            table: QualName::new("public", "t"),
            event: "INSERT".into(),
            instead: false,
            where_clause: Some("new.id > 0".into()),
            actions: vec!["INSERT INTO log (id) VALUES (new.id)".into()],
            comment: Some("audit".into()),
        });
        let json = serde_json::to_string(&schema).expect("serialises");
        let back: Schema = serde_json::from_str(&json).expect("reads back");
        assert_eq!(back, schema);
        let old: Schema = serde_json::from_str(r#"{"dialect":"postgres"}"#).expect("old snapshot");
        assert!(old.rules.is_empty());
    }
}
