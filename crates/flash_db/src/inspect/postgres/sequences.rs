//! Sequences: standalone ones and those a `serial` column owns (the model keeps those, as pg_dump writes them), not
//! the ones behind identity columns (part of the column).

use flash_core::{DataType, QualName, Schema, Sequence, SequenceOptions, SequenceOwner};
use sqlx::postgres::PgConnection;

use super::catalog::{get, qual, Scope, OWN_RELATION};
use crate::error::DbError;

const SEQUENCES: &str = r"
SELECT n.nspname::text AS schema, c.relname::text AS name, format_type(s.seqtypid, NULL) AS data_type,
       s.seqstart AS start, s.seqincrement AS increment, s.seqmin AS min_value, s.seqmax AS max_value,
       s.seqcache AS cache, s.seqcycle AS cycle,
       own.owner_schema, own.owner_table, own.owner_column, d.description AS comment
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_sequence s ON s.seqrelid = c.oid
LEFT JOIN LATERAL (
    SELECT tn.nspname::text AS owner_schema, t.relname::text AS owner_table, a.attname::text AS owner_column
    FROM pg_depend dep
    JOIN pg_class t ON t.oid = dep.refobjid
    JOIN pg_namespace tn ON tn.oid = t.relnamespace
    JOIN pg_attribute a ON a.attrelid = dep.refobjid AND a.attnum = dep.refobjsubid
    WHERE dep.classid = 'pg_class'::regclass AND dep.objid = c.oid AND dep.refclassid = 'pg_class'::regclass
      AND dep.deptype = 'a'
    LIMIT 1) own ON true
LEFT JOIN pg_description d ON d.classoid = 'pg_class'::regclass AND d.objoid = c.oid AND d.objsubid = 0
WHERE c.relkind = 'S' AND n.nspname = ANY($1) AND {own}
  AND coalesce(own.owner_table, '') NOT LIKE '\_flash\_%'
  AND NOT EXISTS (SELECT 1 FROM pg_depend i WHERE i.classid = 'pg_class'::regclass AND i.objid = c.oid
                  AND i.deptype = 'i')";

pub async fn sequences(
    conn: &mut PgConnection,
    scope: &Scope,
    schema: &mut Schema,
) -> Result<(), DbError> {
    let sql = SEQUENCES.replace("{own}", OWN_RELATION);
    for row in scope.rows(conn, &sql).await? {
        let type_name: String = get(&row, "data_type")?;
        let options = SequenceOptions {
            data_type: (type_name != "bigint").then(|| DataType::named(type_name.clone())),
            start: get(&row, "start")?,
            increment: get(&row, "increment")?,
            min_value: get(&row, "min_value")?,
            max_value: get(&row, "max_value")?,
            cache: get(&row, "cache")?,
            cycle: get(&row, "cycle")?,
        };
        let owner_table: Option<String> = get(&row, "owner_table")?;
        let owned_by = match owner_table {
            Some(table) => Some(SequenceOwner {
                table: QualName::new(
                    get::<Option<String>>(&row, "owner_schema")?.unwrap_or_default(),
                    table,
                ),
                column: get::<Option<String>>(&row, "owner_column")?.unwrap_or_default(),
            }),
            None => None,
        };
        schema.sequences.insert(Sequence {
            name: qual(&row, "schema", "name")?,
            options: options.without_postgres_defaults(&type_name),
            owned_by,
            comment: get(&row, "comment")?,
        });
    }
    Ok(())
}
