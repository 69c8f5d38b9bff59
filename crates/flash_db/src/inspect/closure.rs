//! What the canonicalisers build on the server: some objects of a schema and everything they use, transitively
//! (the planner's own dependency edges, `flash_diff::plan::dependencies`), as a schema of their own; the statements
//! that create it; and the scratch names they build it under.

use std::collections::BTreeSet;

use flash_core::{QualName, Schema};
use flash_diff::render::{ObjectKind, ObjectRef};

/// `targets` and everything they use, transitively, within `schema`. Namespaces are left to the caller.
pub fn closure(schema: &Schema, targets: &BTreeSet<ObjectRef>) -> BTreeSet<ObjectRef> {
    let mut all: BTreeSet<ObjectRef> = targets.clone();
    let mut frontier: BTreeSet<ObjectRef> = targets.clone();
    while !frontier.is_empty() {
        let wanted: BTreeSet<&ObjectRef> = frontier.iter().collect();
        let uses = flash_diff::plan::dependencies(schema, &wanted);
        let mut next = BTreeSet::new();
        for used in uses.into_values().flatten() {
            if used.kind != ObjectKind::Namespace && all.insert(used.clone()) {
                next.insert(used);
            }
        }
        frontier = next;
    }
    all
}

/// An index as the planner refers to it.
pub fn index_ref(i: &flash_core::Index) -> ObjectRef {
    ObjectRef::new(
        ObjectKind::Index,
        QualName::new(i.table.schema.clone(), &i.name),
    )
}

/// The objects of `schema` in `objects`, with nothing else (no namespaces, extensions or grants).
pub fn subset(schema: &Schema, objects: &BTreeSet<ObjectRef>) -> Schema {
    let has =
        |kind: ObjectKind, name: &QualName| objects.contains(&ObjectRef::new(kind, name.clone()));
    let mut s = Schema::new(schema.dialect);
    s.enums = schema
        .enums
        .iter()
        .filter(|e| has(ObjectKind::Type, &e.name))
        .cloned()
        .collect();
    s.domains = schema
        .domains
        .iter()
        .filter(|d| has(ObjectKind::Type, &d.name))
        .cloned()
        .collect();
    s.composite_types = schema
        .composite_types
        .iter()
        .filter(|c| has(ObjectKind::Type, &c.name))
        .cloned()
        .collect();
    s.range_types = schema
        .range_types
        .iter()
        .filter(|r| has(ObjectKind::Type, &r.name))
        .cloned()
        .collect();
    s.sequences = schema
        .sequences
        .iter()
        .filter(|q| has(ObjectKind::Sequence, &q.name))
        .cloned()
        .collect();
    s.tables = schema
        .tables
        .iter()
        .filter(|t| has(ObjectKind::Table, &t.name))
        .cloned()
        .collect();
    s.indexes = schema
        .indexes
        .iter()
        .filter(|i| objects.contains(&index_ref(i)))
        .cloned()
        .collect();
    s.views = schema
        .views
        .iter()
        .filter(|v| has(ObjectKind::View, &v.name))
        .cloned()
        .collect();
    s.materialized_views = schema
        .materialized_views
        .iter()
        .filter(|v| has(ObjectKind::View, &v.name))
        .cloned()
        .collect();
    s.routines = schema
        .routines
        .iter()
        .filter(|r| has(ObjectKind::Routine, &r.name))
        .cloned()
        .collect();
    s.triggers = schema
        .triggers
        .iter()
        .filter(|t| objects.contains(&ObjectRef::on_table(ObjectKind::Trigger, &t.table, &t.name)))
        .cloned()
        .collect();
    s.policies = schema
        .policies
        .iter()
        .filter(|p| objects.contains(&ObjectRef::on_table(ObjectKind::Policy, &p.table, &p.name)))
        .cloned()
        .collect();
    s.rules = schema
        .rules
        .iter()
        .filter(|r| objects.contains(&ObjectRef::on_table(ObjectKind::Rule, &r.table, &r.name)))
        .cloned()
        .collect();
    s
}

/// A name no other session's scratch schema or database shares: `flash_scratch_<pid>_<nanos>`.
pub fn scratch_name() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!("flash_scratch_{}_{nanos:x}", std::process::id())
}

/// The statements that create `scratch` from nothing, in dependency order (the planner's own), or why there are none.
pub fn creation_statements(scratch: &Schema) -> Result<Vec<String>, String> {
    flash_diff::plan(&Schema::new(scratch.dialect), scratch)
        .map(|plan| plan.steps.into_iter().map(|s| s.sql).collect())
        .map_err(|e| format!("cannot build the schema files' objects on the server: {e}"))
}
