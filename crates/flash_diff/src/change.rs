//! The vocabulary of differences between two schemas.

use std::collections::BTreeMap;

use flash_core::{
    CheckConstraint, Column, CompositeType, Domain, EnumType, ExclusionConstraint, Extension,
    ForeignKey, Grant, Index, MaterializedView, Namespace, Policy, PrimaryKey, QualName, RangeType,
    Routine, Rule, Sequence, Table, Trigger, UniqueConstraint, View,
};
use serde::Serialize;

/// A whole schema object, for changes that create, drop or replace it as one.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "object", rename_all = "snake_case")]
pub enum Object {
    Namespace(Namespace),
    Extension(Extension),
    Enum(EnumType),
    Domain(Domain),
    CompositeType(CompositeType),
    RangeType(RangeType),
    Sequence(Sequence),
    Table(Table),
    Index(Index),
    View(View),
    MaterializedView(MaterializedView),
    Routine(Routine),
    Trigger(Trigger),
    Policy(Policy),
    Rule(Rule),
}

/// One difference. Objects the database can alter in place get fine-grained changes (tables, enums); the others are
/// created, dropped or replaced whole, and a renderer may refine a replacement into an ALTER where the dialect has one.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    Create {
        object: Box<Object>,
    },
    Drop {
        object: Box<Object>,
    },
    Replace {
        from: Box<Object>,
        to: Box<Object>,
    },
    RenameTable {
        from: QualName,
        to: QualName,
    },
    AddEnumValue {
        name: QualName,
        value: String,
        before: Option<String>,
    },
    AddColumn {
        table: QualName,
        column: Column,
    },
    DropColumn {
        table: QualName,
        column: Column,
    },
    RenameColumn {
        table: QualName,
        from: String,
        to: String,
    },
    AlterColumn {
        table: QualName,
        column: String,
        changes: Vec<ColumnChange>,
    },
    AddPrimaryKey {
        table: QualName,
        primary_key: PrimaryKey,
    },
    DropPrimaryKey {
        table: QualName,
        primary_key: PrimaryKey,
    },
    AddUnique {
        table: QualName,
        unique: UniqueConstraint,
    },
    DropUnique {
        table: QualName,
        unique: UniqueConstraint,
    },
    AddCheck {
        table: QualName,
        check: CheckConstraint,
    },
    DropCheck {
        table: QualName,
        check: CheckConstraint,
    },
    AddForeignKey {
        table: QualName,
        foreign_key: ForeignKey,
    },
    DropForeignKey {
        table: QualName,
        foreign_key: ForeignKey,
    },
    AddExclusion {
        table: QualName,
        exclusion: ExclusionConstraint,
    },
    DropExclusion {
        table: QualName,
        exclusion: ExclusionConstraint,
    },
    SetTableOptions {
        table: QualName,
        from: BTreeMap<String, String>,
        to: BTreeMap<String, String>,
    },
    SetRowLevelSecurity {
        table: QualName,
        enabled: bool,
        forced: bool,
    },
    SetComment {
        target: CommentTarget,
        from: Option<String>,
        to: Option<String>,
    },
    Grant {
        grant: Grant,
    },
    Revoke {
        grant: Grant,
    },
}

impl Change {
    /// The table an in-place table change alters (columns, constraints, options, row-level security); `None` for a
    /// whole object created, dropped or replaced, a table rename, and changes to anything but a table.
    pub fn altered_table(&self) -> Option<&QualName> {
        match self {
            Change::AddColumn { table, .. }
            | Change::DropColumn { table, .. }
            | Change::RenameColumn { table, .. }
            | Change::AlterColumn { table, .. }
            | Change::AddPrimaryKey { table, .. }
            | Change::DropPrimaryKey { table, .. }
            | Change::AddUnique { table, .. }
            | Change::DropUnique { table, .. }
            | Change::AddCheck { table, .. }
            | Change::DropCheck { table, .. }
            | Change::AddForeignKey { table, .. }
            | Change::DropForeignKey { table, .. }
            | Change::AddExclusion { table, .. }
            | Change::DropExclusion { table, .. }
            | Change::SetTableOptions { table, .. }
            | Change::SetRowLevelSecurity { table, .. } => Some(table),
            Change::Create { .. }
            | Change::Drop { .. }
            | Change::Replace { .. }
            | Change::RenameTable { .. }
            | Change::AddEnumValue { .. }
            | Change::SetComment { .. }
            | Change::Grant { .. }
            | Change::Revoke { .. } => None,
        }
    }
}

/// What changed on a column kept by name. Each carries the value before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "field", rename_all = "snake_case")]
pub enum ColumnChange {
    Type {
        from: flash_core::DataType,
        to: flash_core::DataType,
    },
    Nullable {
        from: bool,
        to: bool,
    },
    Default {
        from: Option<String>,
        to: Option<String>,
    },
    Identity {
        from: Option<flash_core::Identity>,
        to: Option<flash_core::Identity>,
    },
    Generated {
        from: Option<flash_core::Generated>,
        to: Option<flash_core::Generated>,
    },
    Collation {
        from: Option<String>,
        to: Option<String>,
    },
    Charset {
        from: Option<String>,
        to: Option<String>,
    },
    AutoIncrement {
        from: bool,
        to: bool,
    },
    OnUpdate {
        from: Option<String>,
        to: Option<String>,
    },
    Invisible {
        from: bool,
        to: bool,
    },
}

/// The object a comment is on: its kind (`table`, `column`, `index`, `view`, `type`, ...), its name, and for a column
/// or constraint the name inside the table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommentTarget {
    pub kind: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part: Option<String>,
}
