//! Running one catalog query over the namespaces being read, and reading its rows.

use flash_core::{DataType, QualName};
use sqlx::postgres::{PgConnection, PgRow};
use sqlx::{AssertSqlSafe, Decode, Row, Type};

use crate::error::DbError;

/// The namespaces one inspection reads: every user schema of the database, or the scratch schemas the
/// canonicaliser built. Each query takes them as `$1 text[]`.
#[derive(Debug, Clone)]
pub struct Scope {
    pub namespaces: Vec<String>,
    /// `server_version_num`, for the few catalog columns that are newer than the oldest server Flash reads.
    pub version: i32,
}

impl Scope {
    /// `sql` with its version-dependent parts filled in: `{nulls_not_distinct}` (PostgreSQL 15),
    /// `{sql_body}` (14), `{is_array}` (14: `typsubscript`), `{range_multirange}` (14), `{parent_trigger}` (13).
    fn sql(&self, sql: &str) -> String {
        let pick = |since: i32, new: &str, old: &str| {
            if self.version >= since {
                new.to_string()
            } else {
                old.to_string()
            }
        };
        sql.replace(
            "{nulls_not_distinct}",
            &pick(150000, "x.indnullsnotdistinct", "false"),
        )
        .replace(
            "{sql_body}",
            &pick(140000, "pg_get_function_sqlbody(p.oid)", "NULL::text"),
        )
        .replace(
            "{is_array}",
            &pick(
                140000,
                "(t.typsubscript = 'array_subscript_handler'::regproc AND t.typelem <> 0)",
                "(t.typcategory = 'A' AND t.typelem <> 0 AND t.typlen = -1)",
            ),
        )
        .replace(
            "{parent_trigger}",
            &pick(130000, "g.tgparentid = 0", "true"),
        )
        .replace(
            "{range_multirange}",
            &pick(140000, "r.rngmultitypid", "0::oid"),
        )
    }

    /// Every row of `sql`, with `$1` bound to the namespaces in scope.
    pub async fn rows(&self, conn: &mut PgConnection, sql: &str) -> Result<Vec<PgRow>, DbError> {
        // Flash's own catalog queries, with the scope bound as a parameter.
        let sql = self.sql(sql);
        Ok(sqlx::query(AssertSqlSafe(sql))
            .bind(&self.namespaces)
            .fetch_all(conn)
            .await?)
    }
}

/// One column of a catalog row.
pub fn get<'r, T>(row: &'r PgRow, column: &str) -> Result<T, DbError>
where
    T: Decode<'r, sqlx::Postgres> + Type<sqlx::Postgres>,
{
    Ok(row.try_get(column)?)
}

/// A name in a schema, as the model keys it (schema always filled in).
pub fn qual(row: &PgRow, schema: &str, name: &str) -> Result<QualName, DbError> {
    Ok(QualName::new(
        get::<String>(row, schema)?,
        get::<String>(row, name)?,
    ))
}

/// The SQL that selects a type reference's parts, given `t` (the `pg_type` row) and the typmod expression: used in
/// every query that reads a column, attribute or domain type. Joins `el` (the element type of an array, else the
/// type itself) and its namespace.
pub const TYPE_JOIN: &str =
    "CROSS JOIN LATERAL (SELECT CASE WHEN {is_array} THEN t.typelem ELSE t.oid END AS oid) el \
     JOIN pg_type et ON et.oid = el.oid \
     JOIN pg_namespace etn ON etn.oid = et.typnamespace";

/// The columns [`data_type`] reads, for a typmod expression.
pub fn type_columns(typmod: &str) -> String {
    format!(
        "etn.nspname::text AS type_schema, et.typname::text AS type_name, \
         CASE WHEN etn.nspname = 'pg_catalog' THEN format_type(el.oid, NULL) END AS type_base, \
         CASE WHEN {typmod} >= 0 THEN format_type(el.oid, {typmod}) END AS type_full, \
         (el.oid <> t.oid) AS type_is_array"
    )
}

/// A column's type in the parsers' canonical form: `format_type()` names for built-in types, user types by name
/// (qualified outside `public`), modifiers apart, array dimensions counted.
pub fn data_type(row: &PgRow, dims: i32) -> Result<DataType, DbError> {
    let schema: String = get(row, "type_schema")?;
    let typname: String = get(row, "type_name")?;
    // format_type() is called only where its answer is needed: the name of a built-in type, the modifiers of a
    // type that has some. It is most of the cost of reading thousands of columns.
    let base: Option<String> = get(row, "type_base")?;
    let full: Option<String> = get(row, "type_full")?;
    let is_array: bool = get(row, "type_is_array")?;
    let name = match (schema.as_str(), base) {
        ("pg_catalog", Some(base)) => base,
        ("public", _) => typname,
        _ => format!("{schema}.{typname}"),
    };
    let base_name = if schema == "pg_catalog" {
        name.as_str()
    } else {
        ""
    };
    Ok(DataType {
        args: full.map_or_else(Vec::new, |full| type_modifiers(base_name, &full)),
        name,
        array_dims: if is_array { dims.max(1) as u32 } else { 0 },
    })
}

/// The modifiers `format_type(oid, typmod)` prints beyond `format_type(oid, NULL)`: `(100)`, `(12,2)`,
/// `timestamp(3) with time zone`.
fn type_modifiers(base: &str, full: &str) -> Vec<String> {
    if full == base {
        return Vec::new();
    }
    let Some(open) = full.rfind('(') else {
        return Vec::new();
    };
    let Some(close) = full[open..].find(')') else {
        return Vec::new();
    };
    full[open + 1..open + close]
        .split(',')
        .map(|a| a.trim().to_string())
        .collect()
}

/// `key=value` storage options (`reloptions`) as a map.
pub fn options(raw: Vec<String>) -> std::collections::BTreeMap<String, String> {
    raw.into_iter()
        .map(|o| match o.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => (o, "true".to_string()),
        })
        .collect()
}

/// The excluded-relation test every relation query shares: Flash's own tables and what extensions own.
pub const OWN_RELATION: &str = "c.relname NOT LIKE '\\_flash\\_%' \
     AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid \
     AND e.deptype = 'e')";

#[cfg(test)]
mod tests {
    use super::type_modifiers;

    #[test]
    fn modifiers_are_what_the_typmod_adds() {
        assert_eq!(
            type_modifiers("character varying", "character varying(100)"),
            ["100"]
        );
        assert_eq!(type_modifiers("numeric", "numeric(12,2)"), ["12", "2"]);
        assert_eq!(
            type_modifiers("timestamp with time zone", "timestamp(3) with time zone"),
            ["3"]
        );
        assert!(type_modifiers("text", "text").is_empty());
    }
}
