//! SQLite's catalog into the model. SQLite keeps every object as the SQL text that created it (`sqlite_schema.sql`,
//! rewritten in place by `ALTER TABLE`), so the faithful reader of a live database is the same parser that reads
//! schema files: the texts are read in an order the parser accepts (tables, views, indexes, triggers) and parsed.
//! Internal objects (`sqlite_*`, automatic indexes, which have no text), the shadow tables of virtual tables and
//! Flash's own tables stay out.

use flash_core::{Dialect, Schema};
use sqlx::sqlite::SqliteConnection;
use sqlx::Row;

use crate::error::DbError;

const OBJECTS: &str = r"
SELECT s.type, s.name, s.sql
FROM sqlite_schema s
WHERE s.sql IS NOT NULL
  AND s.name NOT LIKE 'sqlite\_%' ESCAPE '\'
  AND s.tbl_name NOT LIKE '\_flash\_%' ESCAPE '\'
  AND s.name NOT IN (SELECT t.name FROM pragma_table_list t WHERE t.type = 'shadow' AND t.schema = 'main')
ORDER BY CASE s.type WHEN 'table' THEN 0 WHEN 'view' THEN 1 WHEN 'index' THEN 2 ELSE 3 END, s.rowid";

pub async fn inspect(conn: &mut SqliteConnection) -> Result<Schema, DbError> {
    let rows = sqlx::query(OBJECTS).fetch_all(conn).await?;
    let mut text = String::new();
    for row in &rows {
        let sql: String = row.try_get("sql")?;
        text.push_str(sql.trim_end().trim_end_matches(';'));
        text.push_str(";\n");
    }
    super::parse_catalog_text(Dialect::Sqlite, &text)
}
