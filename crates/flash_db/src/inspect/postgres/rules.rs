//! Rewrite rules a user created: not the `_RETURN` rule that makes a view a view, not an extension's.
//!
//! `pg_get_ruledef` prints the whole `CREATE RULE`; it is read with PostgreSQL's own grammar, through the parser's
//! reading of rules, so the live condition and commands are in the same printed form as the files' ones (and a
//! parsed rule that still differs in form is built on the server by [`super::canonical`]).

use flash_core::{QualName, Schema};
use sqlx::postgres::PgConnection;

use super::catalog::{get, Scope, OWN_RELATION};
use crate::error::DbError;

const RULES: &str = r"
SELECT n.nspname::text AS schema, c.relname::text AS table_name, w.rulename::text AS name,
       pg_get_ruledef(w.oid) AS def, d.description AS comment
FROM pg_rewrite w
JOIN pg_class c ON c.oid = w.ev_class
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_description d ON d.classoid = 'pg_rewrite'::regclass AND d.objoid = w.oid AND d.objsubid = 0
WHERE w.rulename <> '_RETURN' AND n.nspname = ANY($1) AND {own}
  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_rewrite'::regclass AND e.objid = w.oid
                  AND e.deptype = 'e')";

pub async fn rules(
    conn: &mut PgConnection,
    scope: &Scope,
    schema: &mut Schema,
) -> Result<(), DbError> {
    for row in scope
        .rows(conn, &RULES.replace("{own}", OWN_RELATION))
        .await?
    {
        let table = QualName::new(
            get::<String>(&row, "schema")?,
            get::<String>(&row, "table_name")?,
        );
        let def: String = get(&row, "def")?;
        let Some(mut rule) = flash_parse::postgres_rule(&def, table) else {
            return Err(DbError::Catalog {
                message: format!("cannot read the rule definition {def}"),
            });
        };
        rule.comment = get(&row, "comment")?;
        schema.rules.insert(rule);
    }
    Ok(())
}
