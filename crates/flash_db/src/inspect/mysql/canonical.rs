//! A parsed schema in the form MariaDB/MySQL prints it back (DESIGN §3).
//!
//! MariaDB rewrites much of what it is given: a view's query is reprinted with every name quoted and qualified, a
//! CHECK or generation expression gets backquotes, `JSON` becomes `longtext` with a `json_valid` check, table
//! options the statement did not name are filled in from the database's defaults. Where a live object and its
//! parsed counterpart differ, the parsed one is built in a scratch database (created with the live database's
//! character set and collation, dropped afterwards, whatever happens) and read back with the same inspector; the
//! object read back replaces the parsed one, so both sides of the comparison are in the server's words.

use std::collections::BTreeSet;

use flash_core::object_map::Keyed;
use flash_core::{is_computed_time, EventSchedule, Schema};
use flash_diff::render::{ObjectKind, ObjectRef};
use sqlx::mysql::MySqlConnection;
use sqlx::{AssertSqlSafe, Row};

use crate::error::DbError;
use crate::inspect::closure::{closure, creation_statements, index_ref, scratch_name, subset};
use crate::inspect::Canonical;

pub async fn canonicalize(
    conn: &mut MySqlConnection,
    live: &Schema,
    desired: &Schema,
) -> Result<Canonical, DbError> {
    let settled;
    let desired = match with_live_computed_times(live, desired) {
        Some(schema) => {
            settled = schema;
            &settled
        }
        None => desired,
    };
    let targets = targets(live, desired);
    if targets.is_empty() {
        return Ok(Canonical::unchanged(desired));
    }
    let mut objects = closure(desired, &targets);
    // A table is built with its indexes: MariaDB prints them as part of it.
    for i in desired.indexes.iter() {
        if objects.contains(&ObjectRef::new(ObjectKind::Table, i.table.clone())) {
            objects.insert(index_ref(i));
        }
    }
    let scratch = subset(desired, &objects);
    let statements = match creation_statements(&scratch) {
        Ok(statements) => statements,
        Err(why) => {
            return Ok(Canonical {
                schema: desired.clone(),
                unbuilt: vec![why],
            })
        }
    };
    let (read_back, unbuilt) = build_and_read(conn, &statements).await?;
    let mut schema = desired.clone();
    merge(&mut schema, &read_back, &targets);
    Ok(Canonical { schema, unbuilt })
}

/// `desired` with each computed schedule time (`STARTS CURRENT_TIMESTAMP + INTERVAL 1 DAY`) of an event the live
/// database has too replaced by the time the server computed from it, when the schedules are of one kind: the
/// server kept only the result, and building the text again would compute another (`flash_core::is_computed_time`).
/// `None` when there is no such time.
fn with_live_computed_times(live: &Schema, desired: &Schema) -> Option<Schema> {
    let settle = |e: &flash_core::Event| -> Option<flash_core::Event> {
        let l = live.events.get(&e.name)?;
        let mut e = e.clone();
        let mut changed = false;
        let mut server = l.schedule.clone();
        let pairs = match (&mut e.schedule, &mut server) {
            (EventSchedule::At(a), EventSchedule::At(b)) => vec![(Some(a), Some(b))],
            (
                EventSchedule::Every { starts, ends, .. },
                EventSchedule::Every {
                    starts: s2,
                    ends: e2,
                    ..
                },
            ) => vec![(starts.as_mut(), s2.as_mut()), (ends.as_mut(), e2.as_mut())],
            _ => Vec::new(),
        };
        for (mine, theirs) in pairs {
            if let (Some(mine), Some(theirs)) = (mine, theirs) {
                if is_computed_time(mine) && mine != theirs {
                    *mine = theirs.clone();
                    changed = true;
                }
            }
        }
        changed.then_some(e)
    };
    let settled: Vec<flash_core::Event> = desired.events.iter().filter_map(settle).collect();
    if settled.is_empty() {
        return None;
    }
    let mut schema = desired.clone();
    for e in settled {
        schema.events.insert(e);
    }
    Some(schema)
}

/// Builds `statements` in a fresh scratch database and inspects it; the scratch database is dropped and the
/// connection returned to its own database whatever happens.
async fn build_and_read(
    conn: &mut MySqlConnection,
    statements: &[String],
) -> Result<(Schema, Vec<String>), DbError> {
    let row = sqlx::raw_sql(
        "SELECT DATABASE() AS db, @@character_set_database AS charset, @@collation_database AS collation, \
         @@foreign_key_checks AS fk_checks",
    )
    .fetch_one(&mut *conn)
    .await?;
    let Some(original): Option<String> = row.try_get("db")? else {
        return Err(DbError::Catalog {
            message: "the connection has no current database: put one in the URL".into(),
        });
    };
    let charset: String = row.try_get("charset")?;
    let collation: String = row.try_get("collation")?;
    let fk_checks: i64 = row.try_get("fk_checks")?;
    let scratch = scratch_name();
    let create = format!(
        "CREATE DATABASE `{scratch}` CHARACTER SET {charset} COLLATE {collation}; USE `{scratch}`; \
         SET FOREIGN_KEY_CHECKS = 0"
    );
    // Names Flash made itself, and the server's own character set and collation names.
    sqlx::raw_sql(AssertSqlSafe(create))
        .execute(&mut *conn)
        .await?;
    let result = build_in_scratch(conn, statements).await;
    let cleanup = format!(
        "USE `{}`; DROP DATABASE IF EXISTS `{scratch}`; SET FOREIGN_KEY_CHECKS = {fk_checks}",
        original.replace('`', "``")
    );
    let cleaned = sqlx::raw_sql(AssertSqlSafe(cleanup))
        .execute(&mut *conn)
        .await;
    let value = result?;
    cleaned?;
    Ok(value)
}

async fn build_in_scratch(
    conn: &mut MySqlConnection,
    statements: &[String],
) -> Result<(Schema, Vec<String>), DbError> {
    let mut unbuilt = Vec::new();
    for statement in statements {
        // MySQL's DDL is not transactional: statements go one by one, and one refused leaves the others built.
        if let Err(e) = sqlx::raw_sql(AssertSqlSafe(statement.clone()))
            .execute(&mut *conn)
            .await
        {
            unbuilt.push(format!("{statement}: {e}"));
        }
    }
    let schema = super::inspect(conn).await?;
    Ok((schema, unbuilt))
}

/// The parsed objects that exist live too and differ from the live ones (a table also when its indexes differ).
fn targets(live: &Schema, desired: &Schema) -> BTreeSet<ObjectRef> {
    let mut out = BTreeSet::new();
    let indexes_of = |s: &Schema, t: &flash_core::QualName| -> Vec<flash_core::Index> {
        s.indexes
            .iter()
            .filter(|i| &i.table == t)
            .cloned()
            .collect()
    };
    for t in desired.tables.iter() {
        let Some(l) = live.tables.get(&t.name) else {
            continue;
        };
        let mut plain = t.clone();
        plain.renamed_from = None;
        plain.columns.iter_mut().for_each(|c| c.renamed_from = None);
        if &plain != l || indexes_of(live, &t.name) != indexes_of(desired, &t.name) {
            out.insert(ObjectRef::new(ObjectKind::Table, t.name.clone()));
        }
    }
    for v in desired.views.iter() {
        if live.views.get(&v.name).is_some_and(|l| l != v) {
            out.insert(ObjectRef::new(ObjectKind::View, v.name.clone()));
        }
    }
    for r in desired.routines.iter() {
        if live.routines.get(&r.key()).is_some_and(|l| l != r) {
            out.insert(ObjectRef::new(ObjectKind::Routine, r.name.clone()));
        }
    }
    for t in desired.triggers.iter() {
        if live.triggers.get(&t.key()).is_some_and(|l| l != t) {
            out.insert(ObjectRef::on_table(ObjectKind::Trigger, &t.table, &t.name));
        }
    }
    for q in desired.sequences.iter() {
        if live.sequences.get(&q.name).is_some_and(|l| l != q) {
            out.insert(ObjectRef::new(ObjectKind::Sequence, q.name.clone()));
        }
    }
    for e in desired.events.iter() {
        if live.events.get(&e.name).is_some_and(|l| l != e) {
            out.insert(ObjectRef::new(ObjectKind::Event, e.name.clone()));
        }
    }
    out
}

/// Replaces each target with what the server read back, keeping the files' rename hints (instructions to the
/// planner, which no server holds).
fn merge(schema: &mut Schema, read_back: &Schema, targets: &BTreeSet<ObjectRef>) {
    let target = |kind: ObjectKind, name: &flash_core::QualName| {
        targets.contains(&ObjectRef::new(kind, name.clone()))
    };
    let tables: Vec<flash_core::QualName> = schema
        .tables
        .keys()
        .filter(|t| target(ObjectKind::Table, t))
        .cloned()
        .collect();
    for name in tables {
        let (Some(server), Some(files)) = (read_back.tables.get(&name), schema.tables.get(&name))
        else {
            continue;
        };
        let mut table = server.clone();
        table.renamed_from = files.renamed_from.clone();
        for column in &mut table.columns {
            column.renamed_from = files
                .column(&column.name)
                .and_then(|c| c.renamed_from.clone());
        }
        schema.tables.insert(table);
        schema.indexes.retain(|i| i.table != name);
        for index in read_back.indexes.iter().filter(|i| i.table == name) {
            schema.indexes.insert(index.clone());
        }
    }
    for v in read_back.views.iter() {
        if target(ObjectKind::View, &v.name) {
            schema.views.insert(v.clone());
        }
    }
    for r in read_back.routines.iter() {
        if target(ObjectKind::Routine, &r.name) && schema.routines.contains_key(&r.key()) {
            schema.routines.insert(r.clone());
        }
    }
    for t in read_back.triggers.iter() {
        if targets.contains(&ObjectRef::on_table(ObjectKind::Trigger, &t.table, &t.name)) {
            schema.triggers.insert(t.clone());
        }
    }
    for q in read_back.sequences.iter() {
        if target(ObjectKind::Sequence, &q.name) {
            schema.sequences.insert(q.clone());
        }
    }
    // An event the scratch database did not keep (a one-time event in the past goes as soon as it is made) keeps
    // its parsed form.
    for e in read_back.events.iter() {
        if target(ObjectKind::Event, &e.name) {
            schema.events.insert(e.clone());
        }
    }
    schema.canonicalize();
}
