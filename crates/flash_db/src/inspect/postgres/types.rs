//! User types: enums, domains, composite and range types. Array types, table row types, the multirange types
//! PostgreSQL creates with each range, and what extensions own are left out.

use std::collections::HashMap;

use flash_core::{
    Column, CompositeAttribute, CompositeType, Domain, DomainCheck, EnumType, QualName, RangeType,
    Schema,
};
use sqlx::postgres::PgConnection;

use super::catalog::{data_type, get, qual, type_columns, Scope, TYPE_JOIN};
use super::tables::Oid;
use crate::error::DbError;

/// Types of the scope an extension does not own; `{kind}` picks enums, domains or composites.
const USER_TYPE: &str = "n.nspname = ANY($1) AND NOT EXISTS (SELECT 1 FROM pg_depend e \
     WHERE e.classid = 'pg_type'::regclass AND e.objid = u.oid AND e.deptype = 'e')";

const ENUMS: &str = r"
SELECT n.nspname::text AS schema, u.typname::text AS name,
       ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = u.oid ORDER BY e.enumsortorder) AS labels,
       d.description AS comment
FROM pg_type u
JOIN pg_namespace n ON n.oid = u.typnamespace
LEFT JOIN pg_description d ON d.classoid = 'pg_type'::regclass AND d.objoid = u.oid AND d.objsubid = 0
WHERE u.typtype = 'e' AND {user_type}";

const DOMAINS: &str = r"
SELECT n.nspname::text AS schema, u.typname::text AS name, {type_columns}, u.typndims::int4 AS dims,
       u.typnotnull AS not_null, pg_get_expr(u.typdefaultbin, 0, true) AS default_expr,
       CASE WHEN u.typcollation <> 0 AND u.typcollation <> t.typcollation THEN co.collname::text END AS collation,
       ARRAY(SELECT k.conname::text FROM pg_constraint k WHERE k.contypid = u.oid AND k.contype = 'c'
             ORDER BY k.conname) AS check_names,
       ARRAY(SELECT pg_get_expr(k.conbin, 0, true) FROM pg_constraint k WHERE k.contypid = u.oid AND k.contype = 'c'
             ORDER BY k.conname) AS check_exprs,
       d.description AS comment
FROM pg_type u
JOIN pg_namespace n ON n.oid = u.typnamespace
JOIN pg_type t ON t.oid = u.typbasetype
{type_join}
LEFT JOIN pg_collation co ON co.oid = u.typcollation
LEFT JOIN pg_description d ON d.classoid = 'pg_type'::regclass AND d.objoid = u.oid AND d.objsubid = 0
WHERE u.typtype = 'd' AND {user_type}";

const COMPOSITES: &str = r"
SELECT n.nspname::text AS schema, u.typname::text AS name, u.typrelid::int8 AS rel, d.description AS comment
FROM pg_type u
JOIN pg_namespace n ON n.oid = u.typnamespace
JOIN pg_class c ON c.oid = u.typrelid AND c.relkind = 'c'
LEFT JOIN pg_description d ON d.classoid = 'pg_type'::regclass AND d.objoid = u.oid AND d.objsubid = 0
WHERE u.typtype = 'c' AND {user_type}";

/// Range types, with `NULL` for each attribute PostgreSQL would have chosen itself: the subtype's default btree
/// operator class and its collation. Functions print as `regproc` does with `search_path` at `public`.
const RANGES: &str = r"
SELECT n.nspname::text AS schema, u.typname::text AS name, {type_columns},
       CASE WHEN NOT (oc.opcdefault AND oc.opcmethod = 403)
            THEN CASE WHEN ocn.nspname IN ('pg_catalog', 'public') THEN oc.opcname::text
                      ELSE quote_ident(ocn.nspname) || '.' || quote_ident(oc.opcname) END END AS opclass,
       CASE WHEN r.rngcollation <> 0 AND r.rngcollation <> t.typcollation THEN co.collname::text END AS collation,
       CASE WHEN r.rngcanonical <> 0 THEN r.rngcanonical::text END AS canonical,
       CASE WHEN r.rngsubdiff <> 0 THEN r.rngsubdiff::text END AS subtype_diff,
       mn.nspname::text AS multirange_schema, m.typname::text AS multirange_name,
       d.description AS comment
FROM pg_type u
JOIN pg_namespace n ON n.oid = u.typnamespace
JOIN pg_range r ON r.rngtypid = u.oid
JOIN pg_type t ON t.oid = r.rngsubtype
{type_join}
JOIN pg_opclass oc ON oc.oid = r.rngsubopc
JOIN pg_namespace ocn ON ocn.oid = oc.opcnamespace
LEFT JOIN pg_collation co ON co.oid = r.rngcollation
LEFT JOIN pg_type m ON m.oid = {range_multirange}
LEFT JOIN pg_namespace mn ON mn.oid = m.typnamespace
LEFT JOIN pg_description d ON d.classoid = 'pg_type'::regclass AND d.objoid = u.oid AND d.objsubid = 0
WHERE u.typtype = 'r' AND {user_type}";

pub async fn enums(
    conn: &mut PgConnection,
    scope: &Scope,
    schema: &mut Schema,
) -> Result<(), DbError> {
    for row in scope
        .rows(conn, &ENUMS.replace("{user_type}", USER_TYPE))
        .await?
    {
        schema.enums.insert(EnumType {
            name: qual(&row, "schema", "name")?,
            values: get(&row, "labels")?,
            comment: get(&row, "comment")?,
        });
    }
    Ok(())
}

pub async fn domains(
    conn: &mut PgConnection,
    scope: &Scope,
    schema: &mut Schema,
) -> Result<(), DbError> {
    let sql = DOMAINS
        .replace("{type_columns}", &type_columns("u.typtypmod"))
        .replace("{type_join}", TYPE_JOIN)
        .replace("{user_type}", USER_TYPE);
    for row in scope.rows(conn, &sql).await? {
        let names: Vec<String> = get(&row, "check_names")?;
        let exprs: Vec<String> = get(&row, "check_exprs")?;
        schema.domains.insert(Domain {
            name: qual(&row, "schema", "name")?,
            data_type: data_type(&row, get(&row, "dims")?)?,
            default: get(&row, "default_expr")?,
            not_null: get(&row, "not_null")?,
            collation: get(&row, "collation")?,
            checks: names
                .into_iter()
                .zip(exprs)
                .map(|(name, expr)| DomainCheck {
                    name: Some(name),
                    expr,
                })
                .collect(),
            comment: get(&row, "comment")?,
        });
    }
    Ok(())
}

/// Composite types, with the attributes the column query read (by the type's relation oid).
pub async fn composites(
    conn: &mut PgConnection,
    scope: &Scope,
    attributes: &mut HashMap<Oid, Vec<Column>>,
    schema: &mut Schema,
) -> Result<(), DbError> {
    for row in scope
        .rows(conn, &COMPOSITES.replace("{user_type}", USER_TYPE))
        .await?
    {
        let columns = attributes
            .remove(&get::<Oid>(&row, "rel")?)
            .unwrap_or_default();
        schema.composite_types.insert(CompositeType {
            name: qual(&row, "schema", "name")?,
            attributes: columns
                .into_iter()
                .map(|c| CompositeAttribute {
                    name: c.name,
                    data_type: c.data_type,
                    collation: c.collation,
                })
                .collect(),
            comment: get(&row, "comment")?,
        });
    }
    Ok(())
}

pub async fn ranges(
    conn: &mut PgConnection,
    scope: &Scope,
    schema: &mut Schema,
) -> Result<(), DbError> {
    let sql = RANGES
        .replace("{type_columns}", &type_columns("-1"))
        .replace("{type_join}", TYPE_JOIN)
        .replace("{user_type}", USER_TYPE);
    for row in scope.rows(conn, &sql).await? {
        let name = qual(&row, "schema", "name")?;
        let multirange_schema: Option<String> = get(&row, "multirange_schema")?;
        let multirange_name: Option<String> = get(&row, "multirange_name")?;
        let multirange = multirange_schema
            .zip(multirange_name)
            .map(|(s, n)| QualName::new(s, n))
            .filter(|m| *m != RangeType::default_multirange_name(&name));
        schema.range_types.insert(RangeType {
            subtype: data_type(&row, 0)?,
            subtype_opclass: get(&row, "opclass")?,
            collation: get(&row, "collation")?,
            canonical: get(&row, "canonical")?,
            subtype_diff: get(&row, "subtype_diff")?,
            multirange_type_name: multirange,
            comment: get(&row, "comment")?,
            name,
        });
    }
    Ok(())
}
