//! Point 1: a database whose `_flash_migrations` Flash ORM made — its column types, its old file-length checksums —
//! is recognised: applied rows count as applied, Flash adds its own columns, and `flash repair` rewrites the old
//! checksums after saying so.

use super::{flash, migration, project, Db, PROVIDERS};

/// The table exactly as Flash ORM creates it (internal/database/<dialect>/adapter.go, CreateMigrationsTable).
fn flash_orm_table(provider: &str) -> &'static str {
    match provider {
        "postgresql" => {
            "CREATE TABLE IF NOT EXISTS _flash_migrations (
                id VARCHAR(255) PRIMARY KEY,
                checksum VARCHAR(64) NOT NULL,
                finished_at TIMESTAMP WITH TIME ZONE,
                migration_name VARCHAR(255) NOT NULL,
                logs TEXT,
                rolled_back_at TIMESTAMP WITH TIME ZONE,
                started_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
                applied_steps_count INTEGER NOT NULL DEFAULT 0
            );"
        }
        "mysql" => {
            "CREATE TABLE IF NOT EXISTS _flash_migrations (
                id VARCHAR(255) PRIMARY KEY,
                checksum VARCHAR(64) NOT NULL,
                finished_at TIMESTAMP NULL,
                migration_name VARCHAR(255) NOT NULL,
                logs TEXT,
                rolled_back_at TIMESTAMP NULL,
                started_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
                applied_steps_count INTEGER NOT NULL DEFAULT 0
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;"
        }
        _ => {
            "CREATE TABLE IF NOT EXISTS _flash_migrations (
                id TEXT PRIMARY KEY,
                checksum TEXT NOT NULL,
                finished_at TIMESTAMP,
                migration_name TEXT NOT NULL,
                logs TEXT,
                rolled_back_at TIMESTAMP,
                started_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
                applied_steps_count INTEGER NOT NULL DEFAULT 0
            );"
        }
    }
}

#[test]
fn a_flash_orm_database_carries_on() {
    for provider in PROVIDERS {
        let sb = project(provider);
        let db = Db::new(provider, &sb, "flash_orm");
        migration(
            &sb,
            "20250101000000_create_users",
            "CREATE TABLE users (id int);",
            "DROP TABLE users;",
        );
        let len = std::fs::metadata(sb.join("db/migrations/20250101000000_create_users.sql"))
            .expect("file")
            .len();
        // What Flash ORM left: the table, the migration applied, its checksum the file's length in hex.
        db.sql(flash_orm_table(provider));
        db.sql(&format!(
            "CREATE TABLE users (id int); INSERT INTO _flash_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count) \
             VALUES ('20250101000000_create_users', '{len:x}', CURRENT_TIMESTAMP, 'create_users', CURRENT_TIMESTAMP, 1);"
        ));
        migration(
            &sb,
            "20250102000000_create_posts",
            "CREATE TABLE posts (id int);",
            "DROP TABLE posts;",
        );

        let status = flash(&sb, &db, &["status"]);
        assert!(
            status
                .stdout
                .contains("applied   20250101000000_create_users  at ")
                && status
                    .stdout
                    .contains("(Flash ORM checksum; flash repair updates it)"),
            "{provider}: {status}"
        );
        assert!(
            status
                .stdout
                .contains("pending   20250102000000_create_posts"),
            "{status}"
        );

        let out = flash(&sb, &db, &["apply"]);
        assert_eq!(out.code, Some(0), "{provider}: {out}");
        assert!(out.stdout.starts_with("added columns down_sql, schema_after to _flash_migrations (a table Flash ORM made)\n"), "{out}");
        assert_eq!(db.tables(), "_flash_migrations,posts,users", "{provider}");
        assert_eq!(
            db.rows(),
            "20250101000000_create_users:1:yes 20250102000000_create_posts:1:yes"
        );

        let out = flash(&sb, &db, &["repair"]);
        assert_eq!(out.code, Some(0), "{provider}: {out}");
        let sha = flash_orm_sha(&sb);
        assert_eq!(
            out.stdout,
            format!(
                "20250101000000_create_users: checksum {len:x} -> {sha} (Flash ORM's file-length checksum)\nrepaired 1 checksum\n"
            ),
            "{provider}"
        );
        assert_eq!(
            db.sql(
                "SELECT checksum FROM _flash_migrations WHERE id = '20250101000000_create_users'"
            ),
            sha
        );
        let status = flash(&sb, &db, &["status"]);
        assert!(!status.stdout.contains("Flash ORM checksum"), "{status}");
    }
}

/// The SHA-256 of the first migration file, as `sha256sum` computes it.
fn flash_orm_sha(sb: &crate::Sandbox) -> String {
    let out = std::process::Command::new("sha256sum")
        .arg(sb.join("db/migrations/20250101000000_create_users.sql"))
        .output()
        .expect("sha256sum runs");
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string()
}
