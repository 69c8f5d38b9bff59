use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{is_false, SequenceOptions};
use crate::object_map::Keyed;
use crate::{DataType, QualName};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    pub name: QualName,
    /// Columns in declaration order: order is visible to `SELECT *` and `INSERT` without a column list.
    pub columns: Vec<Column>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_key: Option<PrimaryKey>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub uniques: Vec<UniqueConstraint>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<CheckConstraint>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub foreign_keys: Vec<ForeignKey>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclusions: Vec<ExclusionConstraint>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition_by: Option<PartitionBy>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition_of: Option<PartitionBound>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inherits: Vec<QualName>,
    /// Dialect table options with canonical lower-case keys: `engine`, `charset`, `collate`, `row_format`,
    /// `auto_increment` (MySQL); `strict`, `without_rowid` (SQLite); `unlogged`, `tablespace`, storage parameters
    /// (PostgreSQL).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub options: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub rls_enabled: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub rls_forced: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Comments on constraints, by constraint name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub constraint_comments: BTreeMap<String, String>,
    /// `-- flash:renamed-from old_name` above the CREATE TABLE: a rename hint for the planner, never guessed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
}

impl Table {
    pub fn new(name: QualName) -> Self {
        Table {
            name,
            columns: Vec::new(),
            primary_key: None,
            uniques: Vec::new(),
            checks: Vec::new(),
            foreign_keys: Vec::new(),
            exclusions: Vec::new(),
            partition_by: None,
            partition_of: None,
            inherits: Vec::new(),
            options: BTreeMap::new(),
            rls_enabled: false,
            rls_forced: false,
            comment: None,
            constraint_comments: BTreeMap::new(),
            renamed_from: None,
        }
    }

    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    pub fn column_mut(&mut self, name: &str) -> Option<&mut Column> {
        self.columns.iter_mut().find(|c| c.name == name)
    }

    /// Every constraint name the table holds, for duplicate checks.
    pub fn constraint_names(&self) -> impl Iterator<Item = &str> {
        let pk = self.primary_key.iter().filter_map(|c| c.name.as_deref());
        let uniques = self.uniques.iter().filter_map(|c| c.name.as_deref());
        let checks = self.checks.iter().filter_map(|c| c.name.as_deref());
        let fks = self.foreign_keys.iter().filter_map(|c| c.name.as_deref());
        let exclusions = self.exclusions.iter().filter_map(|c| c.name.as_deref());
        pk.chain(uniques).chain(checks).chain(fks).chain(exclusions)
    }

    /// Constraints form a set: sort them so that declaration order does not make two tables differ.
    pub(crate) fn canonicalize(&mut self) {
        self.uniques
            .sort_by(|a, b| (&a.name, &a.columns).cmp(&(&b.name, &b.columns)));
        self.checks
            .sort_by(|a, b| (&a.name, &a.expr).cmp(&(&b.name, &b.expr)));
        self.foreign_keys
            .sort_by(|a, b| (&a.name, &a.columns).cmp(&(&b.name, &b.columns)));
        self.exclusions.sort_by(|a, b| a.name.cmp(&b.name));
    }
}

impl Keyed for Table {
    type Key = QualName;
    fn key(&self) -> QualName {
        self.name.clone()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    pub name: String,
    pub data_type: DataType,
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub nullable: bool,
    /// The default expression in the dialect's canonical printed form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<Identity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generated: Option<Generated>,
    /// MySQL AUTO_INCREMENT, SQLite AUTOINCREMENT.
    #[serde(default, skip_serializing_if = "is_false")]
    pub auto_increment: bool,
    /// MySQL/MariaDB `INVISIBLE`: left out of `SELECT *`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub invisible: bool,
    /// MySQL `ON UPDATE CURRENT_TIMESTAMP`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_update: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub charset: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// `-- flash:renamed-from old_name` on the line before the column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

impl Column {
    pub fn new(name: impl Into<String>, data_type: DataType) -> Self {
        Column {
            name: name.into(),
            data_type,
            nullable: true,
            default: None,
            identity: None,
            generated: None,
            auto_increment: false,
            invisible: false,
            on_update: None,
            charset: None,
            collation: None,
            comment: None,
            renamed_from: None,
        }
    }
}

/// `GENERATED ALWAYS|BY DEFAULT AS IDENTITY (...)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    pub always: bool,
    #[serde(flatten)]
    pub options: SequenceOptions,
}

/// `GENERATED ALWAYS AS (expr) STORED|VIRTUAL`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Generated {
    pub expr: String,
    pub stored: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrimaryKey {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub columns: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UniqueConstraint {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub columns: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub nulls_not_distinct: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub deferrable: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub initially_deferred: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckConstraint {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub expr: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub no_inherit: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub not_valid: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FkAction {
    #[default]
    NoAction,
    Restrict,
    Cascade,
    SetNull,
    SetDefault,
}

impl FkAction {
    pub fn is_default(&self) -> bool {
        *self == FkAction::NoAction
    }

    /// PostgreSQL's one-letter code (`pg_constraint.confdeltype`, the parse tree's `fk_del_action`).
    pub fn from_postgres_code(code: &str) -> Self {
        match code {
            "r" => FkAction::Restrict,
            "c" => FkAction::Cascade,
            "n" => FkAction::SetNull,
            "d" => FkAction::SetDefault,
            _ => FkAction::NoAction,
        }
    }

    pub fn sql(&self) -> &'static str {
        match self {
            FkAction::NoAction => "NO ACTION",
            FkAction::Restrict => "RESTRICT",
            FkAction::Cascade => "CASCADE",
            FkAction::SetNull => "SET NULL",
            FkAction::SetDefault => "SET DEFAULT",
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FkMatch {
    #[default]
    Simple,
    Full,
    Partial,
}

impl FkMatch {
    pub fn is_default(&self) -> bool {
        *self == FkMatch::Simple
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForeignKey {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub columns: Vec<String>,
    pub ref_table: QualName,
    pub ref_columns: Vec<String>,
    #[serde(default, skip_serializing_if = "FkAction::is_default")]
    pub on_delete: FkAction,
    #[serde(default, skip_serializing_if = "FkAction::is_default")]
    pub on_update: FkAction,
    #[serde(default, skip_serializing_if = "FkMatch::is_default")]
    pub match_type: FkMatch,
    #[serde(default, skip_serializing_if = "is_false")]
    pub deferrable: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub initially_deferred: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub not_valid: bool,
}

/// PostgreSQL `EXCLUDE USING method (expr WITH op, ...)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExclusionConstraint {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub method: String,
    pub elements: Vec<ExclusionElement>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub where_clause: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub deferrable: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub initially_deferred: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExclusionElement {
    pub expr: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opclass: Option<String>,
    pub operator: String,
}

/// `PARTITION BY RANGE|LIST|HASH (keys)` on a partitioned table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartitionBy {
    pub strategy: String,
    pub keys: Vec<String>,
}

/// `PARTITION OF parent FOR VALUES ...` on a partition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartitionBound {
    pub parent: QualName,
    /// `FOR VALUES FROM (...) TO (...)`, `FOR VALUES IN (...)`, `FOR VALUES WITH (...)` or `DEFAULT`.
    pub bound: String,
}
