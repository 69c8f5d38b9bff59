//! The tracking table and the apply engine on the real servers: the table is created once and kept, any text
//! survives the round trip through the literals the engine writes (the Down is user SQL full of quotes), and a
//! migration's steps are recorded as they commit.

use flash_config::DatabaseUrl;
use flash_db::apply::{apply_migration, Migration, Statement};
use flash_db::tracking::{self, RowState};
use flash_db::Connection;
use flash_test::TestDatabase;

/// Text that breaks naive quoting in every dialect.
const NASTY: &str =
    "DROP TABLE \"o'brien\"; -- it's $flash$ and $$ and \\' and `tick` and ünïcode\n\tdone";

fn statement(sql: &str, line: usize) -> Statement {
    Statement {
        sql: sql.to_string(),
        line,
        no_transaction: false,
    }
}

fn round_trip(url: &str) {
    let url = DatabaseUrl::parse(url).expect("a URL");
    flash_db::runtime()
        .expect("runtime")
        .block_on(async {
            let mut conn = Connection::connect(&url).await?;
            assert!(!tracking::table_exists(&mut conn).await?);
            assert_eq!(tracking::ensure_table(&mut conn).await?, Vec::<&str>::new());
            assert_eq!(
                tracking::ensure_table(&mut conn).await?,
                Vec::<&str>::new(),
                "a second call adds nothing"
            );
            let migration = Migration {
                id: "20260101000000_o'brien".into(),
                name: "o'brien".into(),
                checksum: "ab".repeat(32),
                statements: vec![
                    statement("CREATE TABLE a (id int)", 3),
                    statement("CREATE TABLE b (id int)", 4),
                ],
                down_sql: Some(NASTY.into()),
                schema_after: Some("cd".repeat(32)),
            };
            apply_migration(&mut conn, &migration, 0)
                .await
                .map_err(|e| std::io::Error::other(e.to_string()))?;
            let rows = tracking::read_rows(&mut conn).await?;
            assert_eq!(rows.len(), 1);
            let row = &rows[0];
            assert_eq!(row.id, migration.id);
            assert_eq!(row.migration_name, "o'brien");
            assert_eq!(row.down_sql.as_deref(), Some(NASTY));
            assert_eq!(row.schema_after, migration.schema_after);
            assert_eq!(row.state(), RowState::Applied);
            let steps = if url.dialect == flash_core::Dialect::Mysql {
                2
            } else {
                1
            };
            assert_eq!(row.applied_steps_count, steps);
            conn.close().await?;
            Ok::<_, Box<dyn std::error::Error>>(())
        })
        .expect("round trip");
}

#[test]
fn postgres_tracking_round_trip() {
    let db = TestDatabase::postgres("tracking");
    round_trip(&db.url);
}

#[test]
fn mysql_tracking_round_trip() {
    let db = TestDatabase::mysql("tracking");
    round_trip(&db.url);
}

#[test]
fn sqlite_tracking_round_trip() {
    let dir = tempfile::tempdir().expect("temp dir");
    round_trip(&format!("sqlite://{}", dir.path().join("t.db").display()));
}
