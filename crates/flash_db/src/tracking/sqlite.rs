//! `_flash_migrations` on SQLite: Flash ORM's column types, plus Flash's own columns.

pub const CREATE: &str = "CREATE TABLE IF NOT EXISTS _flash_migrations (
    id TEXT PRIMARY KEY,
    checksum TEXT NOT NULL,
    finished_at TIMESTAMP,
    migration_name TEXT NOT NULL,
    logs TEXT,
    rolled_back_at TIMESTAMP,
    started_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    applied_steps_count INTEGER NOT NULL DEFAULT 0,
    down_sql TEXT,
    schema_after TEXT
)";

pub const COLUMNS: &str = "SELECT name FROM pragma_table_info('_flash_migrations')";

pub const SELECT: &str = "SELECT CAST(id AS TEXT), CAST(checksum AS TEXT), CAST(migration_name AS TEXT), \
     CAST(started_at AS TEXT), CAST(finished_at AS TEXT), CAST(rolled_back_at AS TEXT), logs, \
     CAST(applied_steps_count AS INTEGER), down_sql, schema_after FROM _flash_migrations ORDER BY id";

pub const NOW: &str = "CURRENT_TIMESTAMP";

pub fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

pub fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

pub fn upsert(values: &str) -> String {
    format!(
        "INSERT INTO _flash_migrations (id, migration_name, checksum, started_at, finished_at, rolled_back_at, \
         logs, applied_steps_count, down_sql, schema_after) VALUES ({values}) ON CONFLICT (id) DO UPDATE SET \
         migration_name = excluded.migration_name, checksum = excluded.checksum, started_at = excluded.started_at, \
         finished_at = excluded.finished_at, rolled_back_at = NULL, logs = excluded.logs, \
         applied_steps_count = excluded.applied_steps_count, down_sql = excluded.down_sql, \
         schema_after = excluded.schema_after"
    )
}
