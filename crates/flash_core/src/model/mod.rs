//! `Schema` and the objects it holds.
//!
//! Every field here is something the differ can compare and the inspector can read back. Fields that do not apply
//! to a dialect stay at their empty default and are left out of the JSON form.

mod event;
mod grant;
mod index;
mod namespace;
mod policy;
mod range_type;
mod routine;
mod rule;
mod sequence;
mod table;
mod trigger;
mod user_type;
mod view;

pub use event::{is_computed_time, Event, EventSchedule, EventStatus};
pub use grant::{canonical_grants, postgres_privileges, postgres_public_defaults, Grant};
pub use index::{Index, IndexKey, IndexKeyPart, NullsOrder, SortOrder};
pub use namespace::{Extension, Namespace};
pub use policy::{Policy, PolicyKey};
pub use range_type::RangeType;
pub use routine::{Routine, RoutineArg, RoutineKey, RoutineKind};
pub use rule::{Rule, RuleKey};
pub use sequence::{Sequence, SequenceOptions, SequenceOwner};
pub use table::{
    CheckConstraint, Column, ExclusionConstraint, ExclusionElement, FkAction, FkMatch, ForeignKey,
    Generated, Identity, PartitionBound, PartitionBy, PrimaryKey, Table, UniqueConstraint,
};
pub use trigger::{postgres_trigger_type, Trigger, TriggerEnabled, TriggerKey};
pub use user_type::{CompositeAttribute, CompositeType, Domain, DomainCheck, EnumType};
pub use view::{MaterializedView, View};

use serde::{Deserialize, Serialize};

use crate::{Dialect, ObjectMap, QualName};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schema {
    pub dialect: Dialect,
    #[serde(default, skip_serializing_if = "ObjectMap::is_empty")]
    pub namespaces: ObjectMap<Namespace>,
    #[serde(default, skip_serializing_if = "ObjectMap::is_empty")]
    pub extensions: ObjectMap<Extension>,
    #[serde(default, skip_serializing_if = "ObjectMap::is_empty")]
    pub enums: ObjectMap<EnumType>,
    #[serde(default, skip_serializing_if = "ObjectMap::is_empty")]
    pub domains: ObjectMap<Domain>,
    #[serde(default, skip_serializing_if = "ObjectMap::is_empty")]
    pub composite_types: ObjectMap<CompositeType>,
    #[serde(default, skip_serializing_if = "ObjectMap::is_empty")]
    pub range_types: ObjectMap<RangeType>,
    #[serde(default, skip_serializing_if = "ObjectMap::is_empty")]
    pub sequences: ObjectMap<Sequence>,
    #[serde(default, skip_serializing_if = "ObjectMap::is_empty")]
    pub tables: ObjectMap<Table>,
    #[serde(default, skip_serializing_if = "ObjectMap::is_empty")]
    pub indexes: ObjectMap<Index>,
    #[serde(default, skip_serializing_if = "ObjectMap::is_empty")]
    pub views: ObjectMap<View>,
    #[serde(default, skip_serializing_if = "ObjectMap::is_empty")]
    pub materialized_views: ObjectMap<MaterializedView>,
    #[serde(default, skip_serializing_if = "ObjectMap::is_empty")]
    pub routines: ObjectMap<Routine>,
    #[serde(default, skip_serializing_if = "ObjectMap::is_empty")]
    pub triggers: ObjectMap<Trigger>,
    #[serde(default, skip_serializing_if = "ObjectMap::is_empty")]
    pub policies: ObjectMap<Policy>,
    #[serde(default, skip_serializing_if = "ObjectMap::is_empty")]
    pub rules: ObjectMap<Rule>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grants: Vec<Grant>,
    /// MySQL/MariaDB scheduled events.
    #[serde(default, skip_serializing_if = "ObjectMap::is_empty")]
    pub events: ObjectMap<Event>,
}

impl Schema {
    pub fn new(dialect: Dialect) -> Self {
        Schema {
            dialect,
            namespaces: ObjectMap::default(),
            extensions: ObjectMap::default(),
            enums: ObjectMap::default(),
            domains: ObjectMap::default(),
            composite_types: ObjectMap::default(),
            range_types: ObjectMap::default(),
            sequences: ObjectMap::default(),
            tables: ObjectMap::default(),
            indexes: ObjectMap::default(),
            views: ObjectMap::default(),
            materialized_views: ObjectMap::default(),
            routines: ObjectMap::default(),
            triggers: ObjectMap::default(),
            policies: ObjectMap::default(),
            rules: ObjectMap::default(),
            grants: Vec::new(),
            events: ObjectMap::default(),
        }
    }

    /// Fills in a name's schema with the dialect default when the source left it out.
    pub fn qualify(&self, schema: Option<&str>, name: &str) -> QualName {
        QualName::new(schema.unwrap_or(self.dialect.default_schema()), name)
    }

    /// Puts order-insensitive collections into their canonical order so that two equal schemas compare equal
    /// however their sources were written. Parsers and inspectors call this once when they are done.
    pub fn canonicalize(&mut self) {
        for table in self.tables.iter_mut() {
            table.canonicalize();
        }
        canonical_grants(&mut self.grants, self.dialect == Dialect::Postgres);
        // `public` as a new database has it is the same as no `public` (files never declare it).
        let public = "public".to_string();
        if self
            .namespaces
            .get(&public)
            .is_some_and(Namespace::is_default_postgres_public)
        {
            self.namespaces.remove(&public);
        }
    }

    /// The schema without its `-- flash:renamed-from` hints: instructions for one migration, not part of the schema
    /// (what a database holds never has them).
    pub fn without_rename_hints(mut self) -> Self {
        for table in self.tables.iter_mut() {
            table.renamed_from = None;
            table.columns.iter_mut().for_each(|c| c.renamed_from = None);
        }
        self
    }

    /// Counts per object kind, in the order `flash inspect` prints them.
    pub fn counts(&self) -> Vec<(&'static str, usize)> {
        vec![
            ("schemas", self.namespaces.len()),
            ("extensions", self.extensions.len()),
            ("enums", self.enums.len()),
            ("domains", self.domains.len()),
            ("composite types", self.composite_types.len()),
            ("range types", self.range_types.len()),
            ("sequences", self.sequences.len()),
            ("tables", self.tables.len()),
            ("indexes", self.indexes.len()),
            ("views", self.views.len()),
            ("materialized views", self.materialized_views.len()),
            ("functions and procedures", self.routines.len()),
            ("triggers", self.triggers.len()),
            ("policies", self.policies.len()),
            ("rules", self.rules.len()),
            ("grants", self.grants.len()),
            ("events", self.events.len()),
        ]
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}
