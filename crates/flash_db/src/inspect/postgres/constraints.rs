//! Table constraints: primary keys, uniques, checks, foreign keys and exclusions. Constraints a table inherits (a
//! parent's check) or a partition receives from its parent (keys cloned onto each partition) are the parent's, and
//! stay out, as the parsers leave them out.

use std::collections::HashMap;

use flash_core::{
    CheckConstraint, ExclusionConstraint, ExclusionElement, FkAction, FkMatch, ForeignKey,
    PrimaryKey, QualName, Schema, UniqueConstraint,
};
use sqlx::postgres::{PgConnection, PgRow};

use super::catalog::{get, Scope};
use super::tables::Oid;
use crate::error::DbError;

const CONSTRAINTS: &str = r"
SELECT c.conrelid::int8 AS rel, c.conname::text AS name, c.contype::text AS kind,
       cols.columns, rn.nspname::text AS ref_schema, r.relname::text AS ref_table, refs.ref_columns,
       c.confupdtype::text AS on_update, c.confdeltype::text AS on_delete, c.confmatchtype::text AS match_type,
       c.condeferrable AS deferrable, c.condeferred AS deferred, c.convalidated AS validated,
       c.connoinherit AS no_inherit, pg_get_expr(c.conbin, c.conrelid, true) AS expr,
       coalesce(idx.include, '{}') AS include,
       coalesce({nulls_not_distinct}, false) AS nulls_not_distinct,
       am.amname::text AS method,
       coalesce(excl.element_exprs, '{}') AS element_exprs,
       coalesce(excl.element_opclasses, '{}') AS element_opclasses,
       coalesce(excl.element_operators, '{}') AS element_operators,
       pg_get_expr(x.indpred, x.indrelid, true) AS where_clause,
       d.description AS comment
FROM pg_constraint c
JOIN pg_class t ON t.oid = c.conrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
CROSS JOIN LATERAL (
    SELECT array_agg(a.attname::text ORDER BY k.i) AS columns
    FROM unnest(c.conkey) WITH ORDINALITY k(num, i)
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.num) cols
LEFT JOIN pg_class r ON r.oid = c.confrelid
LEFT JOIN pg_namespace rn ON rn.oid = r.relnamespace
LEFT JOIN LATERAL (
    SELECT array_agg(a.attname::text ORDER BY k.i) AS ref_columns
    FROM unnest(c.confkey) WITH ORDINALITY k(num, i)
    JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.num) refs ON c.contype = 'f'
LEFT JOIN pg_index x ON x.indexrelid = c.conindid AND c.contype IN ('u', 'x')
LEFT JOIN pg_class xc ON xc.oid = x.indexrelid
LEFT JOIN pg_am am ON am.oid = xc.relam
LEFT JOIN LATERAL (
    SELECT array_agg(a.attname::text ORDER BY j) AS include
    FROM generate_series(x.indnkeyatts, x.indnatts - 1) j
    JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = x.indkey[j]) idx ON x.indnatts > x.indnkeyatts
LEFT JOIN LATERAL (
    SELECT array_agg(CASE WHEN x.indkey[j] = 0 THEN pg_get_indexdef(x.indexrelid, j + 1, true)
                          ELSE a.attname::text END ORDER BY j) AS element_exprs,
           array_agg(CASE WHEN oc.opcdefault THEN NULL ELSE oc.opcname::text END ORDER BY j) AS element_opclasses,
           array_agg(o.oprname::text ORDER BY j) AS element_operators
    FROM generate_series(0, x.indnkeyatts - 1) j
    LEFT JOIN pg_attribute a ON x.indkey[j] <> 0 AND a.attrelid = x.indrelid AND a.attnum = x.indkey[j]
    LEFT JOIN pg_opclass oc ON oc.oid = x.indclass[j]
    LEFT JOIN pg_operator o ON o.oid = c.conexclop[j + 1]) excl ON c.contype = 'x'
LEFT JOIN pg_description d ON d.classoid = 'pg_constraint'::regclass AND d.objoid = c.oid AND d.objsubid = 0
WHERE c.contype IN ('p', 'u', 'c', 'f', 'x') AND c.conparentid = 0 AND c.conislocal
  AND t.relkind IN ('r', 'p') AND n.nspname = ANY($1)";

/// Adds every constraint of the tables in `tables` (by oid) to them.
pub async fn constraints(
    conn: &mut PgConnection,
    scope: &Scope,
    tables: &HashMap<Oid, QualName>,
    schema: &mut Schema,
) -> Result<(), DbError> {
    for row in scope.rows(conn, CONSTRAINTS).await? {
        let Some(table) = tables
            .get(&get::<Oid>(&row, "rel")?)
            .and_then(|name| schema.tables.get_mut(name))
        else {
            continue;
        };
        let name: String = get(&row, "name")?;
        if let Some(comment) = get::<Option<String>>(&row, "comment")? {
            table.constraint_comments.insert(name.clone(), comment);
        }
        let columns: Vec<String> = get(&row, "columns")?;
        let deferrable: bool = get(&row, "deferrable")?;
        let initially_deferred: bool = get(&row, "deferred")?;
        match get::<String>(&row, "kind")?.as_str() {
            "p" => {
                table.primary_key = Some(PrimaryKey {
                    name: Some(name),
                    columns,
                })
            }
            "u" => table.uniques.push(UniqueConstraint {
                name: Some(name),
                columns,
                include: get(&row, "include")?,
                nulls_not_distinct: get(&row, "nulls_not_distinct")?,
                deferrable,
                initially_deferred,
            }),
            "c" => table.checks.push(CheckConstraint {
                name: Some(name),
                expr: get::<Option<String>>(&row, "expr")?.unwrap_or_default(),
                no_inherit: get(&row, "no_inherit")?,
                not_valid: !get::<bool>(&row, "validated")?,
            }),
            "f" => table.foreign_keys.push(ForeignKey {
                name: Some(name),
                columns,
                ref_table: QualName::new(
                    get::<Option<String>>(&row, "ref_schema")?.unwrap_or_default(),
                    get::<Option<String>>(&row, "ref_table")?.unwrap_or_default(),
                ),
                ref_columns: get(&row, "ref_columns")?,
                on_delete: FkAction::from_postgres_code(&get::<String>(&row, "on_delete")?),
                on_update: FkAction::from_postgres_code(&get::<String>(&row, "on_update")?),
                match_type: match get::<String>(&row, "match_type")?.as_str() {
                    "f" => FkMatch::Full,
                    "p" => FkMatch::Partial,
                    _ => FkMatch::Simple,
                },
                deferrable,
                initially_deferred,
                not_valid: !get::<bool>(&row, "validated")?,
            }),
            "x" => table.exclusions.push(exclusion(&row, name)?),
            _ => {}
        }
    }
    Ok(())
}

fn exclusion(row: &PgRow, name: String) -> Result<ExclusionConstraint, DbError> {
    let exprs: Vec<String> = get(row, "element_exprs")?;
    let opclasses: Vec<Option<String>> = get(row, "element_opclasses")?;
    let operators: Vec<String> = get(row, "element_operators")?;
    let elements = exprs
        .into_iter()
        .zip(operators)
        .enumerate()
        .map(|(i, (expr, operator))| ExclusionElement {
            expr,
            opclass: opclasses.get(i).cloned().flatten(),
            operator,
        })
        .collect();
    Ok(ExclusionConstraint {
        name: Some(name),
        method: get::<Option<String>>(row, "method")?.unwrap_or_else(|| "btree".into()),
        elements,
        include: get(row, "include")?,
        where_clause: get(row, "where_clause")?,
        deferrable: get(row, "deferrable")?,
        initially_deferred: get(row, "deferred")?,
    })
}
