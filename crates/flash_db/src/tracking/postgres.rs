//! `_flash_migrations` on PostgreSQL: Flash ORM's column types (so its databases carry on), plus Flash's own
//! columns, added to an existing table with ALTER TABLE.

pub const CREATE: &str = "CREATE TABLE IF NOT EXISTS _flash_migrations (
    id VARCHAR(255) PRIMARY KEY,
    checksum VARCHAR(64) NOT NULL,
    finished_at TIMESTAMP WITH TIME ZONE,
    migration_name VARCHAR(255) NOT NULL,
    logs TEXT,
    rolled_back_at TIMESTAMP WITH TIME ZONE,
    started_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    applied_steps_count INTEGER NOT NULL DEFAULT 0,
    down_sql TEXT,
    schema_after VARCHAR(64)
)";

pub const COLUMNS: &str = "SELECT column_name::text FROM information_schema.columns \
     WHERE table_name = '_flash_migrations' AND table_schema = ANY (current_schemas(false))";

pub const SELECT: &str = "SELECT id::text, checksum::text, migration_name::text, \
     to_char(started_at, 'YYYY-MM-DD HH24:MI:SS TZ'), to_char(finished_at, 'YYYY-MM-DD HH24:MI:SS TZ'), \
     to_char(rolled_back_at, 'YYYY-MM-DD HH24:MI:SS TZ'), logs, applied_steps_count::bigint, down_sql, schema_after \
     FROM _flash_migrations ORDER BY id";

pub const NOW: &str = "now()";

/// A dollar-quoted literal whose tag does not occur in the text, so any text is taken as it is whatever
/// `standard_conforming_strings` says.
pub fn literal(text: &str) -> String {
    let mut tag = String::from("flash");
    while text.contains(&format!("${tag}$")) {
        tag.push('x');
    }
    format!("${tag}${text}${tag}$")
}

pub fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Insert or replace a row (a rolled-back or failed row is started again).
pub fn upsert(values: &str) -> String {
    format!(
        "INSERT INTO _flash_migrations (id, migration_name, checksum, started_at, finished_at, rolled_back_at, \
         logs, applied_steps_count, down_sql, schema_after) VALUES ({values}) ON CONFLICT (id) DO UPDATE SET \
         migration_name = EXCLUDED.migration_name, checksum = EXCLUDED.checksum, started_at = EXCLUDED.started_at, \
         finished_at = EXCLUDED.finished_at, rolled_back_at = NULL, logs = EXCLUDED.logs, \
         applied_steps_count = EXCLUDED.applied_steps_count, down_sql = EXCLUDED.down_sql, \
         schema_after = EXCLUDED.schema_after"
    )
}
