//! PostgreSQL's catalog into the model: one query per object family for the whole database (never one per table),
//! all in one read-only transaction so they see one snapshot, with `search_path` pinned to `public` so that types
//! and names print as the parser writes them (qualified outside `public`).
//!
//! Each module reads one family and produces exactly the values the parser produces for the same schema: types as
//! `format_type()` names, the names PostgreSQL gave unnamed constraints, sequence options without their defaults.
//! Expressions (defaults, checks, view queries, ...) are the server's printed form; [`canonical`] brings a parsed
//! schema's expressions into that form through the same server.

pub mod canonical;
mod catalog;
mod constraints;
mod grants;
mod indexes;
mod namespaces;
mod remap;
mod routines;
mod rules;
mod sequences;
mod tables;
mod triggers;
mod types;
mod views;

use flash_core::{Dialect, Schema};
use sqlx::postgres::PgConnection;

pub use catalog::Scope;

use crate::error::DbError;

/// The whole database: every user schema and what is in it.
pub async fn inspect(conn: &mut PgConnection) -> Result<Schema, DbError> {
    in_read_only_transaction(conn, |conn| {
        Box::pin(async move {
            let (scope, namespaces) = namespaces::user_namespaces(conn).await?;
            let mut schema = read(conn, &scope).await?;
            schema.namespaces = namespaces.into_iter().collect();
            namespaces::extensions(conn, &mut schema).await?;
            Ok(schema)
        })
    })
    .await
}

/// The objects of the namespaces in `scope`, in canonical order. Extensions and the namespaces themselves are the
/// caller's.
pub async fn read(conn: &mut PgConnection, scope: &Scope) -> Result<Schema, DbError> {
    let mut schema = Schema::new(Dialect::Postgres);
    let (tables, mut composite_attributes) = tables::tables(conn, scope, &mut schema).await?;
    constraints::constraints(conn, scope, &tables, &mut schema).await?;
    indexes::indexes(conn, scope, &mut schema).await?;
    types::enums(conn, scope, &mut schema).await?;
    types::domains(conn, scope, &mut schema).await?;
    types::composites(conn, scope, &mut composite_attributes, &mut schema).await?;
    types::ranges(conn, scope, &mut schema).await?;
    sequences::sequences(conn, scope, &mut schema).await?;
    views::views(conn, scope, &mut schema).await?;
    routines::routines(conn, scope, &mut schema).await?;
    triggers::triggers(conn, scope, &mut schema).await?;
    triggers::policies(conn, scope, &mut schema).await?;
    rules::rules(conn, scope, &mut schema).await?;
    grants::grants(conn, scope, &mut schema).await?;
    schema.canonicalize();
    Ok(schema)
}

type Step<'c, T> =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<T, DbError>> + Send + 'c>>;

/// Runs `work` in a read-only repeatable-read transaction with `search_path` pinned to `public`, and ends the
/// transaction whatever happens.
async fn in_read_only_transaction<T>(
    conn: &mut PgConnection,
    work: impl for<'c> FnOnce(&'c mut PgConnection) -> Step<'c, T>,
) -> Result<T, DbError> {
    sqlx::raw_sql(
        "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL search_path = public",
    )
    .execute(&mut *conn)
    .await?;
    let result = work(conn).await;
    let end = if result.is_ok() { "COMMIT" } else { "ROLLBACK" };
    let ended = sqlx::raw_sql(end).execute(&mut *conn).await;
    let value = result?;
    ended?;
    Ok(value)
}
