//! Indexes a user created: not the ones behind a primary key, unique or exclusion constraint, and not a partition's
//! copy of its parent's index (the database makes those itself).

use flash_core::{Index, IndexKeyPart, NullsOrder, QualName, Schema, SortOrder};
use sqlx::postgres::PgConnection;

use super::catalog::{get, options, Scope, OWN_RELATION};
use crate::error::DbError;

const INDEXES: &str = r"
WITH constraint_index AS (
    SELECT DISTINCT conindid FROM pg_constraint WHERE contype IN ('p', 'u', 'x') AND conindid <> 0
)
SELECT n.nspname::text AS schema, c.relname::text AS table_name, i.relname::text AS name,
       x.indisunique AS is_unique, am.amname::text AS method,
       k.key_columns, k.key_exprs, k.key_opclasses, k.key_options, k.key_collations,
       ARRAY(SELECT a.attname::text FROM generate_series(x.indnkeyatts, x.indnatts - 1) j
             JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = x.indkey[j] ORDER BY j) AS include,
       pg_get_expr(x.indpred, x.indrelid, true) AS where_clause,
       coalesce({nulls_not_distinct}, false) AS nulls_not_distinct,
       coalesce(i.reloptions, '{}')::text[] AS options,
       d.description AS comment
FROM pg_index x
JOIN pg_class i ON i.oid = x.indexrelid
JOIN pg_class c ON c.oid = x.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_am am ON am.oid = i.relam
LEFT JOIN constraint_index ci ON ci.conindid = x.indexrelid
LEFT JOIN pg_description d ON d.classoid = 'pg_class'::regclass AND d.objoid = i.oid AND d.objsubid = 0
CROSS JOIN LATERAL (
    SELECT array_agg(a.attname::text ORDER BY j) AS key_columns,
           array_agg(CASE WHEN x.indkey[j] = 0 THEN pg_get_indexdef(x.indexrelid, j + 1, true) END ORDER BY j)
               AS key_exprs,
           array_agg(CASE WHEN oc.opcdefault THEN NULL ELSE oc.opcname::text END ORDER BY j) AS key_opclasses,
           array_agg(x.indoption[j]::int4 ORDER BY j) AS key_options,
           array_agg(CASE WHEN x.indcollation[j] IN (0, 100) OR x.indcollation[j] = a.attcollation THEN NULL
                          WHEN cn.nspname IN ('pg_catalog', 'public') THEN co.collname::text
                          ELSE cn.nspname || '.' || co.collname END ORDER BY j) AS key_collations
    FROM generate_series(0, x.indnkeyatts - 1) j
    LEFT JOIN pg_attribute a ON x.indkey[j] <> 0 AND a.attrelid = x.indrelid AND a.attnum = x.indkey[j]
    LEFT JOIN pg_opclass oc ON oc.oid = x.indclass[j]
    LEFT JOIN pg_collation co ON co.oid = x.indcollation[j]
    LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
) k
WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname = ANY($1) AND {own}
  AND NOT i.relispartition AND ci.conindid IS NULL";

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
