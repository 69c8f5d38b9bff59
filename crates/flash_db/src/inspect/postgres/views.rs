//! Views and materialized views, with the query as the server prints it (`pg_get_viewdef`).

use std::collections::BTreeMap;

use flash_core::{MaterializedView, Schema, View};
use sqlx::postgres::PgConnection;

use super::catalog::{get, options, qual, Scope, OWN_RELATION};
use crate::error::DbError;

const VIEWS: &str = r"
SELECT n.nspname::text AS schema, c.relname::text AS name, c.relkind::text AS kind,
       pg_get_viewdef(c.oid, true) AS query, coalesce(c.reloptions, '{}')::text[] AS options,
       c.relispopulated AS populated, d.description AS comment,
       ARRAY(SELECT a.attname::text FROM pg_attribute a JOIN pg_description cd
               ON cd.classoid = 'pg_class'::regclass AND cd.objoid = c.oid AND cd.objsubid = a.attnum
             WHERE a.attrelid = c.oid AND a.attnum > 0 ORDER BY a.attnum) AS commented_columns,
       ARRAY(SELECT cd.description FROM pg_attribute a JOIN pg_description cd
               ON cd.classoid = 'pg_class'::regclass AND cd.objoid = c.oid AND cd.objsubid = a.attnum
             WHERE a.attrelid = c.oid AND a.attnum > 0 ORDER BY a.attnum) AS column_comments
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_description d ON d.classoid = 'pg_class'::regclass AND d.objoid = c.oid AND d.objsubid = 0
WHERE c.relkind IN ('v', 'm') AND n.nspname = ANY($1) AND {own}";

pub async fn views(
    conn: &mut PgConnection,
    scope: &Scope,
    schema: &mut Schema,
) -> Result<(), DbError> {
    for row in scope
        .rows(conn, &VIEWS.replace("{own}", OWN_RELATION))
        .await?
    {
        let names: Vec<String> = get(&row, "commented_columns")?;
        let texts: Vec<String> = get(&row, "column_comments")?;
        let column_comments: BTreeMap<String, String> = names.into_iter().zip(texts).collect();
        let name = qual(&row, "schema", "name")?;
        let query = view_query(&get::<Option<String>>(&row, "query")?.unwrap_or_default());
        let options = options(get(&row, "options")?);
        let comment = get(&row, "comment")?;
        // A column list given at creation is part of the query the server prints (`SELECT a AS b`), so the model's
        // list stays empty.
        if get::<String>(&row, "kind")? == "m" {
            schema.materialized_views.insert(MaterializedView {
                name,
                columns: Vec::new(),
                query,
                with_data: get(&row, "populated")?,
                options,
                comment,
                column_comments,
            });
        } else {
            schema.views.insert(View {
                name,
                columns: Vec::new(),
                query,
                options,
                comment,
                column_comments,
            });
        }
    }
    Ok(())
}

/// `pg_get_viewdef()` text without its leading space and closing semicolon.
pub fn view_query(text: &str) -> String {
    text.trim().trim_end_matches(';').trim_end().to_string()
}
