//! What every dialect's renderer hands the planner: statements tagged with the phase they belong to and the object
//! they create or drop, so that one ordering engine (`plan::order`) serves all three dialects.

use flash_core::QualName;

/// Statement order, earliest first. Each change lands in one phase (a replacement in two: its drop and its create),
/// so dependents are dropped before what they depend on and created after it. The planner keeps this order except
/// where a dependency between two objects says otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Phase {
    /// Statements that must run before the transaction: PostgreSQL `ALTER TYPE ... ADD VALUE` (a value added inside
    /// a transaction cannot be used in it), SQLite `PRAGMA foreign_keys = OFF` (a no-op inside one).
    BeforeTransaction,
    /// Renames first, so every later statement can use the new names.
    Renames,
    DropDependents,
    DropForeignKeys,
    DropConstraintsAndIndexes,
    DropTables,
    DropTypes,
    CreateTypes,
    Tables,
    Columns,
    Constraints,
    ForeignKeys,
    Dependents,
    Finishing,
    /// Statements that must run after the transaction has committed: `CREATE INDEX CONCURRENTLY`, SQLite
    /// `PRAGMA foreign_keys = ON`.
    AfterTransaction,
}

impl Phase {
    pub fn placement(self) -> Placement {
        match self {
            Phase::BeforeTransaction => Placement::BeforeTransaction,
            Phase::AfterTransaction => Placement::AfterTransaction,
            _ => Placement::Transaction,
        }
    }
}

/// Where a statement runs relative to the migration's one transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Placement {
    BeforeTransaction,
    Transaction,
    AfterTransaction,
}

/// The kinds of object the planner orders by dependency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ObjectKind {
    Namespace,
    Extension,
    Type,
    Sequence,
    Table,
    Index,
    View,
    Routine,
    Trigger,
    Policy,
    Rule,
}

/// An object by kind and name: what a statement creates or drops. Types (enums, domains, composites) share one
/// kind because they share one namespace in the database; so do views and materialized views, and routines of
/// every signature (their name is enough to order them).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ObjectRef {
    pub kind: ObjectKind,
    pub name: QualName,
}

impl ObjectRef {
    pub fn new(kind: ObjectKind, name: QualName) -> Self {
        ObjectRef { kind, name }
    }

    /// A trigger, policy or rule, whose name is only unique on its table.
    pub fn on_table(kind: ObjectKind, table: &QualName, name: &str) -> Self {
        ObjectRef::new(
            kind,
            QualName::new(table.schema.clone(), format!("{}.{name}", table.name)),
        )
    }
}

impl std::fmt::Display for ObjectRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self.kind {
            ObjectKind::Namespace => "schema",
            ObjectKind::Extension => "extension",
            ObjectKind::Type => "type",
            ObjectKind::Sequence => "sequence",
            ObjectKind::Table => "table",
            ObjectKind::Index => "index",
            ObjectKind::View => "view",
            ObjectKind::Routine => "function",
            ObjectKind::Trigger => "trigger",
            ObjectKind::Policy => "policy",
            ObjectKind::Rule => "rule",
        };
        write!(f, "{kind} {}", self.name)
    }
}

/// One statement from a renderer, before ordering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Staged {
    pub phase: Phase,
    pub sql: String,
    /// The whole object this statement creates, when it creates one.
    pub creates: Option<ObjectRef>,
    /// The whole object this statement drops, when it drops one.
    pub drops: Option<ObjectRef>,
}

impl Staged {
    pub fn new(phase: Phase, sql: impl Into<String>) -> Self {
        Staged {
            phase,
            sql: sql.into(),
            creates: None,
            drops: None,
        }
    }

    pub fn creating(mut self, object: ObjectRef) -> Self {
        self.creates = Some(object);
        self
    }

    pub fn dropping(mut self, object: ObjectRef) -> Self {
        self.drops = Some(object);
        self
    }
}

impl crate::Object {
    /// The object as the planner orders it.
    pub fn object_ref(&self) -> ObjectRef {
        use crate::Object as O;
        match self {
            O::Namespace(n) => ObjectRef::new(ObjectKind::Namespace, QualName::new("", &n.name)),
            O::Extension(e) => ObjectRef::new(ObjectKind::Extension, QualName::new("", &e.name)),
            O::Enum(e) => ObjectRef::new(ObjectKind::Type, e.name.clone()),
            O::Domain(d) => ObjectRef::new(ObjectKind::Type, d.name.clone()),
            O::CompositeType(c) => ObjectRef::new(ObjectKind::Type, c.name.clone()),
            O::RangeType(r) => ObjectRef::new(ObjectKind::Type, r.name.clone()),
            O::Sequence(s) => ObjectRef::new(ObjectKind::Sequence, s.name.clone()),
            O::Table(t) => ObjectRef::new(ObjectKind::Table, t.name.clone()),
            O::Index(i) => ObjectRef::new(
                ObjectKind::Index,
                QualName::new(i.table.schema.clone(), &i.name),
            ),
            O::View(v) => ObjectRef::new(ObjectKind::View, v.name.clone()),
            O::MaterializedView(v) => ObjectRef::new(ObjectKind::View, v.name.clone()),
            O::Routine(r) => ObjectRef::new(ObjectKind::Routine, r.name.clone()),
            O::Trigger(t) => ObjectRef::on_table(ObjectKind::Trigger, &t.table, &t.name),
            O::Policy(p) => ObjectRef::on_table(ObjectKind::Policy, &p.table, &p.name),
            O::Rule(r) => ObjectRef::on_table(ObjectKind::Rule, &r.table, &r.name),
        }
    }
}
