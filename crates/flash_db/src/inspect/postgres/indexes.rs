//! Indexes a user created: not the ones behind a primary key, unique or exclusion constraint, and not a partition's
//! copy of its parent's index (the database makes those itself).

use flash_core::{Index, IndexKeyPart, NullsOrder, QualName, Schema, SortOrder};
use sqlx::postgres::PgConnection;

use super::catalog::{get, options, Scope, OWN_RELATION};
use crate::error::DbError;

const INDEXES: &str = r"
SELECT n.nspname::text AS schema, c.relname::text AS table_name, i.relname::text AS name,
       x.indisunique AS is_unique, am.amname::text AS method,
       ARRAY(SELECT CASE WHEN x.indkey[k] = 0 THEN NULL
                         ELSE (SELECT a.attname::text FROM pg_attribute a
                               WHERE a.attrelid = x.indrelid AND a.attnum = x.indkey[k]) END
             FROM generate_series(0, x.indnkeyatts - 1) k ORDER BY k) AS key_columns,
       ARRAY(SELECT CASE WHEN x.indkey[k] = 0 THEN pg_get_indexdef(x.indexrelid, k + 1, true) END
             FROM generate_series(0, x.indnkeyatts - 1) k ORDER BY k) AS key_exprs,
       ARRAY(SELECT CASE WHEN oc.opcdefault THEN NULL ELSE oc.opcname::text END
             FROM generate_series(0, x.indnkeyatts - 1) k JOIN pg_opclass oc ON oc.oid = x.indclass[k]
             ORDER BY k) AS key_opclasses,
       ARRAY(SELECT x.indoption[k]::int4 FROM generate_series(0, x.indnkeyatts - 1) k ORDER BY k) AS key_options,
       ARRAY(SELECT CASE WHEN x.indcollation[k] IN (0, 100)
                           OR x.indcollation[k] = (SELECT a.attcollation FROM pg_attribute a
                                                   WHERE a.attrelid = x.indrelid AND a.attnum = x.indkey[k])
                         THEN NULL
                         ELSE (SELECT CASE WHEN cn.nspname IN ('pg_catalog', 'public') THEN co.collname::text
                                           ELSE cn.nspname || '.' || co.collname END
                               FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace
                               WHERE co.oid = x.indcollation[k]) END
             FROM generate_series(0, x.indnkeyatts - 1) k ORDER BY k) AS key_collations,
       ARRAY(SELECT a.attname::text FROM generate_series(x.indnkeyatts, x.indnatts - 1) k
             JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = x.indkey[k] ORDER BY k) AS include,
       pg_get_expr(x.indpred, x.indrelid, true) AS where_clause,
       coalesce({nulls_not_distinct}, false) AS nulls_not_distinct,
       coalesce(i.reloptions, '{}')::text[] AS options,
       d.description AS comment
FROM pg_index x
JOIN pg_class i ON i.oid = x.indexrelid
JOIN pg_class c ON c.oid = x.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_am am ON am.oid = i.relam
LEFT JOIN pg_description d ON d.classoid = 'pg_class'::regclass AND d.objoid = i.oid AND d.objsubid = 0
WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname = ANY($1) AND {own}
  AND NOT i.relispartition
  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.conrelid = x.indrelid
                  AND k.contype IN ('p', 'u', 'x'))";

/// `indoption` bits (catalog/pg_index.h).
const DESC: i32 = 1;
const NULLS_FIRST: i32 = 2;

pub async fn indexes(
    conn: &mut PgConnection,
    scope: &Scope,
    schema: &mut Schema,
) -> Result<(), DbError> {
    let sql = INDEXES.replace("{own}", OWN_RELATION);
    for row in scope.rows(conn, &sql).await? {
        let columns: Vec<Option<String>> = get(&row, "key_columns")?;
        let exprs: Vec<Option<String>> = get(&row, "key_exprs")?;
        let opclasses: Vec<Option<String>> = get(&row, "key_opclasses")?;
        let flags: Vec<i32> = get(&row, "key_options")?;
        let collations: Vec<Option<String>> = get(&row, "key_collations")?;
        let keys = columns
            .into_iter()
            .zip(exprs)
            .enumerate()
            .map(|(i, (column, expr))| {
                let mut part = match column {
                    Some(c) => IndexKeyPart::column(c),
                    None => IndexKeyPart::expression(expr.unwrap_or_default()),
                };
                let flag = flags.get(i).copied().unwrap_or(0);
                let desc = flag & DESC != 0;
                let nulls_first = flag & NULLS_FIRST != 0;
                part.order = if desc {
                    SortOrder::Desc
                } else {
                    SortOrder::Asc
                };
                // NULLS LAST is the default for ASC and NULLS FIRST for DESC: only the other choice is kept.
                part.nulls = match (desc, nulls_first) {
                    (false, true) => Some(NullsOrder::First),
                    (true, false) => Some(NullsOrder::Last),
                    _ => None,
                };
                part.opclass = opclasses.get(i).cloned().flatten();
                part.collation = collations.get(i).cloned().flatten();
                part
            })
            .collect();
        schema.indexes.insert(Index {
            name: get(&row, "name")?,
            table: QualName::new(
                get::<String>(&row, "schema")?,
                get::<String>(&row, "table_name")?,
            ),
            unique: get(&row, "is_unique")?,
            method: Some(get(&row, "method")?),
            keys,
            include: get(&row, "include")?,
            where_clause: get(&row, "where_clause")?,
            nulls_not_distinct: get(&row, "nulls_not_distinct")?,
            options: options(get(&row, "options")?),
            comment: get(&row, "comment")?,
        });
    }
    Ok(())
}
