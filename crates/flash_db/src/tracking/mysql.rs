//! `_flash_migrations` on MySQL/MariaDB: Flash ORM's column types, plus Flash's own columns.

pub const CREATE: &str = "CREATE TABLE IF NOT EXISTS _flash_migrations (
    id VARCHAR(255) PRIMARY KEY,
    checksum VARCHAR(64) NOT NULL,
    finished_at TIMESTAMP NULL,
    migration_name VARCHAR(255) NOT NULL,
    logs TEXT,
    rolled_back_at TIMESTAMP NULL,
    started_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    applied_steps_count INTEGER NOT NULL DEFAULT 0,
    down_sql LONGTEXT,
    schema_after VARCHAR(64)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";

pub const COLUMNS: &str = "SELECT CAST(column_name AS CHAR) FROM information_schema.columns \
     WHERE table_name = '_flash_migrations' AND table_schema = DATABASE()";

pub const SELECT: &str = "SELECT CAST(id AS CHAR), CAST(checksum AS CHAR), CAST(migration_name AS CHAR), \
     CAST(started_at AS CHAR), CAST(finished_at AS CHAR), CAST(rolled_back_at AS CHAR), CAST(logs AS CHAR), \
     CAST(applied_steps_count AS SIGNED), CAST(down_sql AS CHAR), CAST(schema_after AS CHAR) \
     FROM _flash_migrations ORDER BY id";

pub const NOW: &str = "CURRENT_TIMESTAMP";

/// A hex literal converted to text: immune to `NO_BACKSLASH_ESCAPES` and to any byte in the text.
pub fn literal(text: &str) -> String {
    if text.is_empty() {
        return "''".to_string();
    }
    let hex: String = text.bytes().map(|b| format!("{b:02X}")).collect();
    format!("CONVERT(X'{hex}' USING utf8mb4)")
}

pub fn ident(name: &str) -> String {
    format!("`{}`", name.replace('`', "``"))
}

pub fn upsert(values: &str) -> String {
    format!(
        "INSERT INTO _flash_migrations (id, migration_name, checksum, started_at, finished_at, rolled_back_at, \
         logs, applied_steps_count, down_sql, schema_after) VALUES ({values}) ON DUPLICATE KEY UPDATE \
         migration_name = VALUES(migration_name), checksum = VALUES(checksum), started_at = VALUES(started_at), \
         finished_at = VALUES(finished_at), rolled_back_at = NULL, logs = VALUES(logs), \
         applied_steps_count = VALUES(applied_steps_count), down_sql = VALUES(down_sql), \
         schema_after = VALUES(schema_after)"
    )
}
