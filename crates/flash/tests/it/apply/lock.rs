//! Point 4: eight `flash apply` processes started together on one database apply every migration exactly once and
//! all exit 0; the ones that waited name the holder, then find nothing pending.

use std::process::Stdio;

use super::{migration, project, Db, PROVIDERS};

/// A statement that keeps the lock held a little while, so the eight really overlap.
fn pause(provider: &str) -> &'static str {
    match provider {
        "postgresql" => "SELECT pg_sleep(0.1);",
        "mysql" => "DO SLEEP(0.1);",
        _ => "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 200000) SELECT count(*) FROM c;",
    }
}

#[test]
fn eight_concurrent_applies_apply_each_migration_once() {
    for provider in PROVIDERS {
        let sb = project(provider);
        let db = Db::new(provider, &sb, "lock8");
        migration(
            &sb,
            "20260101000000_log",
            "CREATE TABLE applied_log (name varchar(20));",
            "DROP TABLE applied_log;",
        );
        for i in 1..=4 {
            migration(
                &sb,
                &format!("2026010100000{i}_m{i}"),
                &format!(
                    "CREATE TABLE t{i} (id int);\nINSERT INTO applied_log VALUES ('m{i}');\n{}",
                    pause(provider)
                ),
                &format!("DROP TABLE t{i};"),
            );
        }
        let children: Vec<_> = (0..8)
            .map(|_| {
                sb.command(&["apply"], &[("DATABASE_URL", db.url.as_str())])
                    .stdin(Stdio::null())
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("flash starts")
            })
            .collect();
        let outcomes: Vec<_> = children
            .into_iter()
            .map(|c| sb.outcome(&c.wait_with_output().expect("flash ends")))
            .collect();
        for out in &outcomes {
            assert_eq!(out.code, Some(0), "{provider}: {out}");
        }
        let appliers = outcomes
            .iter()
            .filter(|o| o.stdout.contains("applied 20260101000004_m4 in "))
            .count();
        assert_eq!(appliers, 1, "{provider}: one process applies everything");
        let idle: Vec<_> = outcomes
            .iter()
            .filter(|o| {
                o.stdout == "nothing pending: 5 migrations applied, the database is up to date\n"
            })
            .collect();
        assert_eq!(idle.len(), 7, "{provider}: the others find nothing pending");
        let waited: Vec<_> = idle
            .iter()
            .filter(|o| o.stderr.contains("for the migration lock, held by "))
            .collect();
        assert!(
            !waited.is_empty(),
            "{provider}: some process waited for the lock"
        );
        let holder = match provider {
            "postgresql" => "held by process ",
            "mysql" => "held by connection ",
            _ => "held by process ",
        };
        for o in &waited {
            assert!(
                o.stderr.contains(holder),
                "{provider}: the waiter names the holder: {o}"
            );
        }
        assert_eq!(
            db.sql("SELECT count(*) FROM applied_log"),
            "4",
            "{provider}: each migration ran once"
        );
        assert_eq!(db.sql("SELECT count(DISTINCT name) FROM applied_log"), "4");
        assert_eq!(
            db.tables(),
            "_flash_migrations,applied_log,t1,t2,t3,t4",
            "{provider}"
        );
    }
}
