//! What each object uses, read from a schema: the edges of the planner's dependency graph.

use std::collections::{BTreeMap, BTreeSet};

use flash_core::{QualName, Schema};

use super::references::NameIndex;
use crate::render::{ObjectKind, ObjectRef};

/// What SQL text in each place can name and the planner must order around.
const IN_EXPRESSIONS: &[ObjectKind] =
    &[ObjectKind::Routine, ObjectKind::Sequence, ObjectKind::Type];
const IN_QUERIES: &[ObjectKind] = &[
    ObjectKind::Table,
    ObjectKind::View,
    ObjectKind::Routine,
    ObjectKind::Sequence,
    ObjectKind::Type,
];

/// For each object of `schema` in `wanted`, the objects it uses: they must exist before it, and outlive it. Only the
/// objects a plan creates or drops need their edges, so a plan that alters a few columns of a large schema does not
/// scan all of it.
pub fn dependencies(
    schema: &Schema,
    wanted: &BTreeSet<&ObjectRef>,
) -> BTreeMap<ObjectRef, Vec<ObjectRef>> {
    let mut out: BTreeMap<ObjectRef, Vec<ObjectRef>> = BTreeMap::new();
    if wanted.is_empty() {
        return out;
    }
    let index = NameIndex::new(schema);
    let want =
        |kind: ObjectKind, name: &QualName| wanted.contains(&ObjectRef::new(kind, name.clone()));
    let namespace = |name: &QualName, uses: &mut Vec<ObjectRef>| {
        if schema.namespaces.contains_key(&name.schema) {
            uses.push(ObjectRef::new(
                ObjectKind::Namespace,
                QualName::new("", &name.schema),
            ));
        }
    };
    let mut record = |object: ObjectRef, mut uses: Vec<ObjectRef>| {
        uses.retain(|u| *u != object);
        if !uses.is_empty() {
            out.entry(object).or_default().extend(uses);
        }
    };

    for t in schema
        .tables
        .iter()
        .filter(|t| want(ObjectKind::Table, &t.name))
    {
        let mut uses = Vec::new();
        namespace(&t.name, &mut uses);
        for c in &t.columns {
            index.type_named(&c.data_type.name, &mut uses);
            let texts = c.default.iter().chain(c.generated.iter().map(|g| &g.expr));
            for text in texts {
                index.named_in(text, IN_EXPRESSIONS, &mut uses);
            }
        }
        for check in &t.checks {
            index.named_in(&check.expr, IN_EXPRESSIONS, &mut uses);
        }
        let parents = t.partition_of.iter().map(|p| &p.parent).chain(&t.inherits);
        uses.extend(parents.map(|p| ObjectRef::new(ObjectKind::Table, p.clone())));
        record(ObjectRef::new(ObjectKind::Table, t.name.clone()), uses);
    }
    let index_name = |i: &flash_core::Index| QualName::new(i.table.schema.clone(), &i.name);
    for i in schema
        .indexes
        .iter()
        .filter(|i| want(ObjectKind::Index, &index_name(i)))
    {
        let mut uses = vec![ObjectRef::new(ObjectKind::Table, i.table.clone())];
        let texts = i
            .keys
            .iter()
            .filter_map(|k| k.expr.as_ref())
            .chain(&i.where_clause);
        for text in texts {
            index.named_in(text, &[ObjectKind::Routine], &mut uses);
        }
        record(ObjectRef::new(ObjectKind::Index, index_name(i)), uses);
    }
    for v in schema
        .views
        .iter()
        .filter(|v| want(ObjectKind::View, &v.name))
    {
        let mut uses = Vec::new();
        namespace(&v.name, &mut uses);
        index.named_in(&v.query, IN_QUERIES, &mut uses);
        record(ObjectRef::new(ObjectKind::View, v.name.clone()), uses);
    }
    let matviews = schema.materialized_views.iter();
    for v in matviews.filter(|v| want(ObjectKind::View, &v.name)) {
        let mut uses = Vec::new();
        namespace(&v.name, &mut uses);
        index.named_in(&v.query, IN_QUERIES, &mut uses);
        record(ObjectRef::new(ObjectKind::View, v.name.clone()), uses);
    }
    for r in schema
        .routines
        .iter()
        .filter(|r| want(ObjectKind::Routine, &r.name))
    {
        let mut uses = Vec::new();
        namespace(&r.name, &mut uses);
        for a in &r.args {
            index.type_named(&a.data_type, &mut uses);
        }
        if let Some(returns) = &r.returns {
            index.named_in(returns, &[ObjectKind::Type, ObjectKind::Table], &mut uses);
        }
        // PostgreSQL checks the body of a SQL-language function when it is created, so what the body names must
        // exist first; procedural bodies are only looked at when they run.
        if r.language == "sql" {
            index.named_in(&r.body, IN_QUERIES, &mut uses);
        }
        record(ObjectRef::new(ObjectKind::Routine, r.name.clone()), uses);
    }
    for t in schema.triggers.iter() {
        let trigger = ObjectRef::on_table(ObjectKind::Trigger, &t.table, &t.name);
        if !wanted.contains(&trigger) {
            continue;
        }
        let mut uses = vec![ObjectRef::new(ObjectKind::Table, t.table.clone())];
        for text in t.function.iter().chain(&t.when) {
            index.named_in(text, &[ObjectKind::Routine], &mut uses);
        }
        if let Some(body) = &t.body {
            index.named_in(body, IN_QUERIES, &mut uses);
        }
        record(trigger, uses);
    }
    for p in schema.policies.iter() {
        let policy = ObjectRef::on_table(ObjectKind::Policy, &p.table, &p.name);
        if !wanted.contains(&policy) {
            continue;
        }
        let mut uses = vec![ObjectRef::new(ObjectKind::Table, p.table.clone())];
        for text in p.using.iter().chain(&p.with_check) {
            index.named_in(text, IN_QUERIES, &mut uses);
        }
        record(policy, uses);
    }
    for r in schema.rules.iter() {
        let rule = ObjectRef::on_table(ObjectKind::Rule, &r.table, &r.name);
        if !wanted.contains(&rule) {
            continue;
        }
        // A rule may hang off a view as well as a table.
        let kind = if schema.tables.contains_key(&r.table) {
            ObjectKind::Table
        } else {
            ObjectKind::View
        };
        let mut uses = vec![ObjectRef::new(kind, r.table.clone())];
        for text in r.where_clause.iter().chain(&r.actions) {
            index.named_in(text, IN_QUERIES, &mut uses);
        }
        record(rule, uses);
    }
    for d in schema
        .domains
        .iter()
        .filter(|d| want(ObjectKind::Type, &d.name))
    {
        let mut uses = Vec::new();
        namespace(&d.name, &mut uses);
        index.type_named(&d.data_type.name, &mut uses);
        for check in &d.checks {
            index.named_in(&check.expr, &[ObjectKind::Routine], &mut uses);
        }
        record(ObjectRef::new(ObjectKind::Type, d.name.clone()), uses);
    }
    let composites = schema.composite_types.iter();
    for c in composites.filter(|c| want(ObjectKind::Type, &c.name)) {
        let mut uses = Vec::new();
        namespace(&c.name, &mut uses);
        for a in &c.attributes {
            index.type_named(&a.data_type.name, &mut uses);
        }
        record(ObjectRef::new(ObjectKind::Type, c.name.clone()), uses);
    }
    for r in schema
        .range_types
        .iter()
        .filter(|r| want(ObjectKind::Type, &r.name))
    {
        let mut uses = Vec::new();
        namespace(&r.name, &mut uses);
        index.type_named(&r.subtype.name, &mut uses);
        for function in r.canonical.iter().chain(&r.subtype_diff) {
            index.named_in(function, &[ObjectKind::Routine], &mut uses);
        }
        record(ObjectRef::new(ObjectKind::Type, r.name.clone()), uses);
    }
    for e in schema
        .enums
        .iter()
        .filter(|e| want(ObjectKind::Type, &e.name))
    {
        let mut uses = Vec::new();
        namespace(&e.name, &mut uses);
        record(ObjectRef::new(ObjectKind::Type, e.name.clone()), uses);
    }
    for s in schema
        .sequences
        .iter()
        .filter(|s| want(ObjectKind::Sequence, &s.name))
    {
        let mut uses = Vec::new();
        namespace(&s.name, &mut uses);
        record(ObjectRef::new(ObjectKind::Sequence, s.name.clone()), uses);
    }
    out
}
