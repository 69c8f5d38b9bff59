//! A parsed schema's expressions in the live server's printed form (DESIGN §3).
//!
//! PostgreSQL, not Flash, decides how a default, a CHECK, an index expression, a view's query or a SQL-standard
//! function body reads back: `'x'` becomes `'x'::text`, `price > 0` becomes `price > 0::numeric`, a view's columns
//! get qualified. No offline printer can match that for every expression, so where the live object and the
//! parsed one differ, the parsed one is built on the server — in scratch namespaces, inside a transaction that is
//! always rolled back — and read back with the same inspector. Objects that read equal were equal.
//!
//! Only the objects whose difference could be one of printing are built, together with what they name (a view's
//! tables, a default's sequence and functions, a column's types), so a database whose schema matches its files costs
//! nothing here.

use std::collections::{BTreeMap, BTreeSet};

use flash_core::{Namespace, QualName, Schema};
use flash_diff::render::{ObjectKind, ObjectRef};
use sqlx::postgres::PgConnection;
use sqlx::{AssertSqlSafe, Row};

use super::remap::Remap;
use super::Scope;
use crate::error::DbError;
use crate::inspect::closure::{closure, creation_statements, scratch_name, subset};
use crate::inspect::Canonical;

pub async fn canonicalize(
    conn: &mut PgConnection,
    live: &Schema,
    desired: &Schema,
) -> Result<Canonical, DbError> {
    let targets = targets(live, desired);
    if targets.is_empty() {
        return Ok(Canonical::unchanged(desired));
    }
    let closure = closure(desired, &targets);
    let mut scratch = scratch_schema(desired, &closure);
    let moved = moved_names(&scratch);
    let remap = Remap::new(&scratch_name(), moved);
    remap.to_scratch(&mut scratch);
    scratch.namespaces = remap
        .scratch_namespaces()
        .into_iter()
        .map(|name| Namespace {
            name,
            owner: None,
            comment: None,
        })
        .collect();
    let statements = match creation_statements(&scratch) {
        // A transaction cannot hold CONCURRENTLY, and a scratch table has no writers to spare.
        Ok(statements) => statements
            .into_iter()
            .map(|s| s.replace("INDEX CONCURRENTLY", "INDEX"))
            .collect::<Vec<_>>(),
        Err(why) => {
            return Ok(Canonical {
                schema: desired.clone(),
                unbuilt: vec![why],
            })
        }
    };
    let (mut read_back, unbuilt) = build_and_read(conn, &remap, &statements).await?;
    remap.to_real(&mut read_back);
    let mut schema = desired.clone();
    merge(&mut schema, &read_back, &targets);
    Ok(Canonical { schema, unbuilt })
}

/// Builds `statements` in a transaction that is rolled back whatever happens, and reads the scratch namespaces
/// back. Statements go in one round trip; when one fails, they go again one by one, each under a savepoint, so the
/// others are still built.
async fn build_and_read(
    conn: &mut PgConnection,
    remap: &Remap,
    statements: &[String],
) -> Result<(Schema, Vec<String>), DbError> {
    let begin = format!(
        "BEGIN; SET LOCAL search_path = {}, public; SET LOCAL check_function_bodies = off; \
         SET LOCAL lock_timeout = '10s'; SAVEPOINT flash_build",
        remap.scratch_public()
    );
    sqlx::raw_sql(AssertSqlSafe(begin))
        .execute(&mut *conn)
        .await?;
    let result = build_and_read_in_transaction(conn, remap, statements).await;
    let rolled_back = sqlx::raw_sql("ROLLBACK").execute(&mut *conn).await;
    let value = result?;
    rolled_back?;
    Ok(value)
}

async fn build_and_read_in_transaction(
    conn: &mut PgConnection,
    remap: &Remap,
    statements: &[String],
) -> Result<(Schema, Vec<String>), DbError> {
    let mut unbuilt = Vec::new();
    let script: String = statements.iter().map(|s| format!("{s};\n")).collect();
    // The statements are Flash's own rendering of the schema files, run in scratch namespaces and rolled back.
    if sqlx::raw_sql(AssertSqlSafe(script))
        .execute(&mut *conn)
        .await
        .is_err()
    {
        sqlx::raw_sql("ROLLBACK TO SAVEPOINT flash_build")
            .execute(&mut *conn)
            .await?;
        for statement in statements {
            let attempt =
                format!("SAVEPOINT flash_step; {statement}; RELEASE SAVEPOINT flash_step");
            if let Err(e) = sqlx::raw_sql(AssertSqlSafe(attempt))
                .execute(&mut *conn)
                .await
            {
                sqlx::raw_sql("ROLLBACK TO SAVEPOINT flash_step")
                    .execute(&mut *conn)
                    .await?;
                unbuilt.push(format!("{statement}: {e}"));
            }
        }
    }
    let version: i32 = sqlx::query("SELECT current_setting('server_version_num')::int4 AS v")
        .fetch_one(&mut *conn)
        .await?
        .try_get("v")?;
    let scope = Scope {
        namespaces: remap.scratch_namespaces(),
        version,
    };
    let schema = super::read(conn, &scope).await?;
    Ok((schema, unbuilt))
}

/// The parsed objects that exist live too and differ from the live ones in something the server prints: only
/// these can be differences of form.
fn targets(live: &Schema, desired: &Schema) -> BTreeSet<ObjectRef> {
    let mut out = BTreeSet::new();
    let mut add = |kind: ObjectKind, name: &QualName| {
        out.insert(ObjectRef::new(kind, name.clone()));
    };
    for t in desired.tables.iter() {
        let printed = t
            .columns
            .iter()
            .any(|c| c.default.is_some() || c.generated.is_some())
            || !t.checks.is_empty()
            || !t.exclusions.is_empty()
            || t.partition_by.is_some()
            || t.partition_of.is_some();
        if printed && live.tables.get(&t.name).is_some_and(|l| l != t) {
            add(ObjectKind::Table, &t.name);
        }
    }
    for i in desired.indexes.iter() {
        let printed = i.where_clause.is_some() || i.keys.iter().any(|k| k.expr.is_some());
        if printed
            && live
                .indexes
                .get(&flash_core::object_map::Keyed::key(i))
                .is_some_and(|l| l != i)
        {
            add(
                ObjectKind::Index,
                &QualName::new(i.table.schema.clone(), &i.name),
            );
        }
    }
    for v in desired.views.iter() {
        if live.views.get(&v.name).is_some_and(|l| l != v) {
            add(ObjectKind::View, &v.name);
        }
    }
    for v in desired.materialized_views.iter() {
        if live.materialized_views.get(&v.name).is_some_and(|l| l != v) {
            add(ObjectKind::View, &v.name);
        }
    }
    for r in desired.routines.iter() {
        let printed = is_sql_standard(&r.body) || r.args.iter().any(|a| a.default.is_some());
        let key = flash_core::object_map::Keyed::key(r);
        if printed && live.routines.get(&key).is_some_and(|l| l != r) {
            add(ObjectKind::Routine, &r.name);
        }
    }
    for d in desired.domains.iter() {
        let printed = d.default.is_some() || !d.checks.is_empty();
        if printed && live.domains.get(&d.name).is_some_and(|l| l != d) {
            add(ObjectKind::Type, &d.name);
        }
    }
    // A range's operator class or collation may be the subtype's default spelled out, which only the server knows.
    for r in desired.range_types.iter() {
        let printed = r.subtype_opclass.is_some() || r.collation.is_some();
        if printed && live.range_types.get(&r.name).is_some_and(|l| l != r) {
            add(ObjectKind::Type, &r.name);
        }
    }
    for t in desired.triggers.iter() {
        let key = flash_core::object_map::Keyed::key(t);
        if t.when.is_some() && live.triggers.get(&key).is_some_and(|l| l != t) {
            out.insert(ObjectRef::on_table(ObjectKind::Trigger, &t.table, &t.name));
        }
    }
    for p in desired.policies.iter() {
        let key = flash_core::object_map::Keyed::key(p);
        if live.policies.get(&key).is_some_and(|l| l != p) {
            out.insert(ObjectRef::on_table(ObjectKind::Policy, &p.table, &p.name));
        }
    }
    for r in desired.rules.iter() {
        let key = flash_core::object_map::Keyed::key(r);
        if live.rules.get(&key).is_some_and(|l| l != r) {
            out.insert(ObjectRef::on_table(ObjectKind::Rule, &r.table, &r.name));
        }
    }
    out
}

fn is_sql_standard(body: &str) -> bool {
    body.starts_with("RETURN ") || body.starts_with("BEGIN ATOMIC")
}

/// The objects of `desired` in `closure`, stripped of what the server need not see to print them: foreign keys
/// (which would pull in the tables they point to), comments, rename hints, row-level security; a materialized view
/// is never filled.
fn scratch_schema(desired: &Schema, closure: &BTreeSet<ObjectRef>) -> Schema {
    let mut s = subset(desired, closure);
    let built: BTreeSet<QualName> = s.tables.keys().cloned().collect();
    s.enums.iter_mut().for_each(|e| e.comment = None);
    s.domains.iter_mut().for_each(|d| d.comment = None);
    s.composite_types.iter_mut().for_each(|c| c.comment = None);
    s.range_types.iter_mut().for_each(|r| r.comment = None);
    for q in s.sequences.iter_mut() {
        q.comment = None;
        // A sequence whose owner is not built stands alone.
        if q.owned_by
            .as_ref()
            .is_some_and(|o| !built.contains(&o.table))
        {
            q.owned_by = None;
        }
    }
    for t in s.tables.iter_mut() {
        t.foreign_keys.clear();
        t.comment = None;
        t.constraint_comments.clear();
        t.renamed_from = None;
        t.rls_enabled = false;
        t.rls_forced = false;
        for c in &mut t.columns {
            c.comment = None;
            c.renamed_from = None;
        }
    }
    s.indexes.iter_mut().for_each(|i| i.comment = None);
    for v in s.views.iter_mut() {
        v.comment = None;
        v.column_comments = BTreeMap::new();
    }
    for v in s.materialized_views.iter_mut() {
        v.comment = None;
        v.column_comments = BTreeMap::new();
        v.with_data = false;
    }
    s.routines.iter_mut().for_each(|r| r.comment = None);
    s.triggers.iter_mut().for_each(|t| t.comment = None);
    s.policies.iter_mut().for_each(|p| p.comment = None);
    s.rules.iter_mut().for_each(|r| r.comment = None);
    s
}

/// The names of the objects that move to scratch namespaces: what SQL text can name.
fn moved_names(s: &Schema) -> BTreeSet<(String, String)> {
    let names = s
        .tables
        .iter()
        .map(|t| &t.name)
        .chain(s.views.iter().map(|v| &v.name))
        .chain(s.materialized_views.iter().map(|v| &v.name))
        .chain(s.sequences.iter().map(|q| &q.name))
        .chain(s.enums.iter().map(|e| &e.name))
        .chain(s.domains.iter().map(|d| &d.name))
        .chain(s.composite_types.iter().map(|c| &c.name))
        .chain(s.range_types.iter().map(|r| &r.name))
        .chain(s.routines.iter().map(|r| &r.name));
    let mut out: BTreeSet<(String, String)> =
        names.map(|q| (q.schema.clone(), q.name.clone())).collect();
    // A range's multirange type is created with it, and so moves with it.
    for r in s.range_types.iter() {
        let m = r.multirange_name();
        out.insert((m.schema, m.name));
    }
    // Indexes, triggers, policies and rules are named by their table, which moves with them.
    for i in s.indexes.iter() {
        out.insert((i.table.schema.clone(), i.table.name.clone()));
    }
    for t in s.triggers.iter() {
        out.insert((t.table.schema.clone(), t.table.name.clone()));
    }
    for p in s.policies.iter() {
        out.insert((p.table.schema.clone(), p.table.name.clone()));
    }
    for r in s.rules.iter() {
        out.insert((r.table.schema.clone(), r.table.name.clone()));
    }
    out
}

/// Copies what the server printed for each target into `schema`: only the printed fields, so everything else
/// stays as the files say.
fn merge(schema: &mut Schema, read_back: &Schema, targets: &BTreeSet<ObjectRef>) {
    let target =
        |kind: ObjectKind, name: &QualName| targets.contains(&ObjectRef::new(kind, name.clone()));
    for t in schema.tables.iter_mut() {
        if !target(ObjectKind::Table, &t.name) {
            continue;
        }
        let Some(server) = read_back.tables.get(&t.name) else {
            continue;
        };
        for c in &mut t.columns {
            if let Some(sc) = server.column(&c.name) {
                c.default = sc.default.clone();
                c.generated = sc.generated.clone();
            }
        }
        for check in &mut t.checks {
            if let Some(sc) = server.checks.iter().find(|s| s.name == check.name) {
                check.expr = sc.expr.clone();
            }
        }
        for x in &mut t.exclusions {
            if let Some(sx) = server.exclusions.iter().find(|s| s.name == x.name) {
                for (e, se) in x.elements.iter_mut().zip(&sx.elements) {
                    e.expr = se.expr.clone();
                }
                x.where_clause = sx.where_clause.clone();
            }
        }
        if let (Some(p), Some(sp)) = (&mut t.partition_by, &server.partition_by) {
            p.keys = sp.keys.clone();
        }
        if let (Some(p), Some(sp)) = (&mut t.partition_of, &server.partition_of) {
            p.bound = sp.bound.clone();
        }
    }
    for i in schema.indexes.iter_mut() {
        if !target(
            ObjectKind::Index,
            &QualName::new(i.table.schema.clone(), &i.name),
        ) {
            continue;
        }
        let Some(server) = read_back
            .indexes
            .get(&flash_core::object_map::Keyed::key(i))
        else {
            continue;
        };
        for (k, sk) in i.keys.iter_mut().zip(&server.keys) {
            if k.expr.is_some() {
                k.expr = sk.expr.clone();
            }
        }
        i.where_clause = server.where_clause.clone();
    }
    for v in schema.views.iter_mut() {
        if let Some(server) = read_back
            .views
            .get(&v.name)
            .filter(|_| target(ObjectKind::View, &v.name))
        {
            v.query = server.query.clone();
            v.columns = Vec::new();
        }
    }
    for v in schema.materialized_views.iter_mut() {
        let server = read_back.materialized_views.get(&v.name);
        if let Some(server) = server.filter(|_| target(ObjectKind::View, &v.name)) {
            v.query = server.query.clone();
            v.columns = Vec::new();
        }
    }
    for r in schema.routines.iter_mut() {
        if !target(ObjectKind::Routine, &r.name) {
            continue;
        }
        let Some(server) = read_back
            .routines
            .get(&flash_core::object_map::Keyed::key(r))
        else {
            continue;
        };
        if is_sql_standard(&r.body) {
            r.body = server.body.clone();
        }
        for (a, sa) in r.args.iter_mut().zip(&server.args) {
            a.default = sa.default.clone();
        }
    }
    for d in schema.domains.iter_mut() {
        let Some(server) = read_back
            .domains
            .get(&d.name)
            .filter(|_| target(ObjectKind::Type, &d.name))
        else {
            continue;
        };
        d.default = server.default.clone();
        for check in &mut d.checks {
            if let Some(sc) = server.checks.iter().find(|s| s.name == check.name) {
                check.expr = sc.expr.clone();
            }
        }
    }
    for r in schema.range_types.iter_mut() {
        let Some(server) = read_back
            .range_types
            .get(&r.name)
            .filter(|_| target(ObjectKind::Type, &r.name))
        else {
            continue;
        };
        r.subtype_opclass = server.subtype_opclass.clone();
        r.collation = server.collation.clone();
    }
    for t in schema.triggers.iter_mut() {
        if targets.contains(&ObjectRef::on_table(ObjectKind::Trigger, &t.table, &t.name)) {
            if let Some(server) = read_back
                .triggers
                .get(&flash_core::object_map::Keyed::key(t))
            {
                t.when = server.when.clone();
            }
        }
    }
    for p in schema.policies.iter_mut() {
        if targets.contains(&ObjectRef::on_table(ObjectKind::Policy, &p.table, &p.name)) {
            if let Some(server) = read_back
                .policies
                .get(&flash_core::object_map::Keyed::key(p))
            {
                p.using = server.using.clone();
                p.with_check = server.with_check.clone();
            }
        }
    }
    for r in schema.rules.iter_mut() {
        if targets.contains(&ObjectRef::on_table(ObjectKind::Rule, &r.table, &r.name)) {
            if let Some(server) = read_back.rules.get(&flash_core::object_map::Keyed::key(r)) {
                r.where_clause = server.where_clause.clone();
                r.actions = server.actions.clone();
            }
        }
    }
    schema.canonicalize();
}
