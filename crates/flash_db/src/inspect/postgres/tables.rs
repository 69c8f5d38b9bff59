//! Tables and their columns, partitioning and inheritance; composite types' attributes come through the same column
//! query.

use std::collections::HashMap;

use flash_core::{
    Column, DataType, Generated, Identity, PartitionBound, PartitionBy, QualName, Schema,
    SequenceOptions, Table,
};
use sqlx::postgres::PgConnection;

use super::catalog::{data_type, get, options, qual, type_columns, Scope, OWN_RELATION, TYPE_JOIN};
use crate::error::DbError;

/// A relation's oid, as the catalog rows name their table.
pub type Oid = i64;

const TABLES: &str = r"
SELECT c.oid::int8 AS oid, n.nspname::text AS schema, c.relname::text AS name,
       c.relpersistence::text AS persistence, coalesce(c.reloptions, '{}')::text[] AS options,
       c.relrowsecurity AS rls, c.relforcerowsecurity AS rls_forced,
       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_key,
       pg_get_expr(c.relpartbound, c.oid, true) AS partition_bound,
       d.description AS comment
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_description d ON d.classoid = 'pg_class'::regclass AND d.objoid = c.oid AND d.objsubid = 0
WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY($1) AND {own}";

const PARENTS: &str = r"
SELECT i.inhrelid::int8 AS child, pn.nspname::text AS schema, p.relname::text AS name, c.relispartition AS partition
FROM pg_inherits i
JOIN pg_class c ON c.oid = i.inhrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_class p ON p.oid = i.inhparent
JOIN pg_namespace pn ON pn.oid = p.relnamespace
WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY($1)
ORDER BY i.inhrelid, i.inhseqno";

/// Columns of tables and attributes of composite types, in order. An identity column's sequence comes along.
const COLUMNS: &str = r"
SELECT a.attrelid::int8 AS rel, a.attname::text AS name, {type_columns}, a.attndims::int4 AS dims,
       a.attnotnull AS not_null, a.attidentity::text AS identity, a.attgenerated::text AS generated,
       pg_get_expr(ad.adbin, ad.adrelid, true) AS default_expr,
       CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN
            CASE WHEN cn.nspname IN ('pg_catalog', 'public') THEN co.collname::text
                 ELSE cn.nspname || '.' || co.collname END END AS collation,
       d.description AS comment,
       s.seqstart AS seq_start, s.seqincrement AS seq_increment, s.seqmin AS seq_min, s.seqmax AS seq_max,
       s.seqcache AS seq_cache, s.seqcycle AS seq_cycle
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
{type_join}
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
LEFT JOIN pg_description d ON d.classoid = 'pg_class'::regclass AND d.objoid = a.attrelid AND d.objsubid = a.attnum
LEFT JOIN pg_depend dep ON a.attidentity <> '' AND dep.classid = 'pg_class'::regclass AND dep.deptype = 'i'
     AND dep.refclassid = 'pg_class'::regclass AND dep.refobjid = a.attrelid AND dep.refobjsubid = a.attnum
LEFT JOIN pg_sequence s ON s.seqrelid = dep.objid
WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'c') AND n.nspname = ANY($1) AND {own}
ORDER BY a.attrelid, a.attnum";

/// Reads every table in scope into `schema`, and hands back the tables by oid (for constraints) and the
/// attributes of composite types by their relation's oid.
pub async fn tables(
    conn: &mut PgConnection,
    scope: &Scope,
    schema: &mut Schema,
) -> Result<(HashMap<Oid, QualName>, HashMap<Oid, Vec<Column>>), DbError> {
    let mut by_oid: HashMap<Oid, Table> = HashMap::new();
    for row in scope
        .rows(conn, &TABLES.replace("{own}", OWN_RELATION))
        .await?
    {
        let mut table = Table::new(qual(&row, "schema", "name")?);
        table.options = options(get(&row, "options")?);
        if get::<String>(&row, "persistence")? == "u" {
            table.options.insert("unlogged".into(), "true".into());
        }
        table.rls_enabled = get(&row, "rls")?;
        table.rls_forced = get(&row, "rls_forced")?;
        table.comment = get(&row, "comment")?;
        table.partition_by =
            get::<Option<String>>(&row, "partition_key")?.map(|k| partition_by(&k));
        if let Some(bound) = get::<Option<String>>(&row, "partition_bound")? {
            // The parent is filled in from pg_inherits below.
            table.partition_of = Some(PartitionBound {
                parent: QualName::new("", ""),
                bound,
            });
        }
        by_oid.insert(get(&row, "oid")?, table);
    }
    for row in scope.rows(conn, PARENTS).await? {
        let Some(table) = by_oid.get_mut(&get::<Oid>(&row, "child")?) else {
            continue;
        };
        let parent = qual(&row, "schema", "name")?;
        match (&mut table.partition_of, get::<bool>(&row, "partition")?) {
            (Some(bound), true) => bound.parent = parent,
            _ => table.inherits.push(parent),
        }
    }
    let sql = COLUMNS
        .replace("{type_columns}", &type_columns("a.atttypmod"))
        .replace("{type_join}", TYPE_JOIN)
        .replace("{own}", OWN_RELATION);
    let mut composite_attributes: HashMap<Oid, Vec<Column>> = HashMap::new();
    for row in scope.rows(conn, &sql).await? {
        let rel: Oid = get(&row, "rel")?;
        let column = column(&row)?;
        match by_oid.get_mut(&rel) {
            Some(table) => table.columns.push(column),
            None => composite_attributes.entry(rel).or_default().push(column),
        }
    }
    let mut names = HashMap::with_capacity(by_oid.len());
    for (oid, table) in by_oid {
        names.insert(oid, table.name.clone());
        schema.tables.insert(table);
    }
    Ok((names, composite_attributes))
}

fn column(row: &sqlx::postgres::PgRow) -> Result<Column, DbError> {
    let mut column = Column::new(
        get::<String>(row, "name")?,
        data_type(row, get(row, "dims")?)?,
    );
    column.nullable = !get::<bool>(row, "not_null")?;
    column.collation = get(row, "collation")?;
    column.comment = get(row, "comment")?;
    let default: Option<String> = get(row, "default_expr")?;
    if get::<String>(row, "generated")? == "s" {
        column.generated = default.map(|expr| Generated { expr, stored: true });
    } else {
        column.default = default;
    }
    let identity: String = get(row, "identity")?;
    if !identity.is_empty() {
        column.identity = Some(Identity {
            always: identity == "a",
            options: identity_options(row, &column.data_type)?,
        });
    }
    Ok(column)
}

/// An identity column's sequence options, its defaults (which follow the column's type) left out.
fn identity_options(
    row: &sqlx::postgres::PgRow,
    column_type: &DataType,
) -> Result<SequenceOptions, DbError> {
    let options = SequenceOptions {
        data_type: None,
        start: get(row, "seq_start")?,
        increment: get(row, "seq_increment")?,
        min_value: get(row, "seq_min")?,
        max_value: get(row, "seq_max")?,
        cache: get(row, "seq_cache")?,
        cycle: get::<Option<bool>>(row, "seq_cycle")?.unwrap_or(false),
    };
    Ok(options.without_postgres_defaults(&column_type.name))
}

/// `pg_get_partkeydef()` (`RANGE (created_at)`, `LIST (lower(name), region)`) as the model holds it: the strategy
/// in lower case, plain columns by name, expressions in parentheses.
pub fn partition_by(def: &str) -> PartitionBy {
    let (strategy, rest) = def.split_once(' ').unwrap_or((def, ""));
    let inner = rest
        .trim()
        .strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
        .unwrap_or(rest);
    let keys = split_top_level(inner)
        .into_iter()
        .map(|key| match unquote_ident(key) {
            Some(column) => column,
            None if wrapped_in_parens(key) => key.to_string(),
            None => format!("({key})"),
        })
        .collect();
    PartitionBy {
        strategy: strategy.to_ascii_lowercase(),
        keys,
    }
}

/// `text` cut at the commas outside parentheses and quotes.
pub fn split_top_level(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    let mut quote: Option<char> = None;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') => depth -= 1,
            (None, ',') if depth == 0 => {
                out.push(text[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    if !text[start..].trim().is_empty() {
        out.push(text[start..].trim());
    }
    out
}

/// An identifier as PostgreSQL prints one (`name`, `"Name"`), unquoted; `None` for anything else.
pub fn unquote_ident(text: &str) -> Option<String> {
    if let Some(inner) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        if !inner.replace("\"\"", "").contains('"') {
            return Some(inner.replace("\"\"", "\""));
        }
        return None;
    }
    let plain = text
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '$');
    plain.then(|| text.to_string())
}

fn wrapped_in_parens(text: &str) -> bool {
    if !(text.starts_with('(') && text.ends_with(')')) {
        return false;
    }
    let mut depth = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 && i != text.len() - 1 {
                    return false;
                }
            }
            _ => {}
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partition_keys_read_as_the_parser_writes_them() {
        let p = partition_by("RANGE (created_at)");
        assert_eq!(
            (p.strategy.as_str(), p.keys),
            ("range", vec!["created_at".to_string()])
        );
        let p = partition_by("LIST (lower(name), \"Region\", ((a + b)))");
        assert_eq!(p.keys, ["(lower(name))", "Region", "((a + b))"]);
        assert_eq!(
            split_top_level("a, f(b, c), 'x,y'"),
            ["a", "f(b, c)", "'x,y'"]
        );
    }
}
