//! A fresh database per test on the real PostgreSQL or MariaDB server, dropped when the test ends.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::command::{mask_password, CommandError, Tool};
use crate::url::{mysql_url, pg_url, DbUrl};

/// Which server a [`TestDatabase`] lives on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TestServer {
    Postgres,
    Mysql,
}

impl TestServer {
    fn label(self) -> &'static str {
        match self {
            TestServer::Postgres => "PostgreSQL",
            TestServer::Mysql => "MariaDB/MySQL",
        }
    }

    fn url_env(self) -> &'static str {
        match self {
            TestServer::Postgres => "FLASH_TEST_PG_URL",
            TestServer::Mysql => "FLASH_TEST_MYSQL_URL",
        }
    }
}

/// A database created for one test. `Drop` removes it, so tests leave nothing behind even when they fail.
#[derive(Debug)]
pub struct TestDatabase {
    pub server: TestServer,
    /// The database name: `flash_<hint>_<pid>_<counter>_<time>`, unique across parallel tests and test processes.
    pub name: String,
    /// A URL that connects to this database.
    pub url: String,
    admin: DbUrl,
    db: DbUrl,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A database name safe to use unquoted in every dialect and short enough for PostgreSQL's 63-byte limit.
pub(crate) fn unique_name(hint: &str) -> String {
    let hint: String = hint
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .take(24)
        .collect();
    let counter = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!(
        "flash_{hint}_{}_{counter}_{:x}",
        std::process::id(),
        nanos % 0xffff_ffff_ffff
    )
}

impl TestDatabase {
    /// Creates a fresh database on the PostgreSQL server of `FLASH_TEST_PG_URL` (default: local, user postgres).
    /// Panics with the reason when the server cannot be reached: a test must not pass without its database.
    pub fn postgres(hint: &str) -> TestDatabase {
        TestDatabase::create(TestServer::Postgres, &pg_url(), hint)
    }

    /// Creates a fresh database on the MariaDB/MySQL server of `FLASH_TEST_MYSQL_URL` (default: local, user root).
    pub fn mysql(hint: &str) -> TestDatabase {
        TestDatabase::create(TestServer::Mysql, &mysql_url(), hint)
    }

    fn create(server: TestServer, server_url: &str, hint: &str) -> TestDatabase {
        let admin = DbUrl::parse(server_url).unwrap_or_else(|e| {
            panic!(
                "{} of the {} test server is not usable: {e}",
                server.url_env(),
                server.label()
            )
        });
        let name = unique_name(hint);
        let db = admin.with_database(&name);
        let created = match server {
            TestServer::Postgres => psql(&admin).run(&format!("CREATE DATABASE \"{name}\";")),
            TestServer::Mysql => mariadb(&admin).run(&format!("CREATE DATABASE `{name}`;")),
        };
        if let Err(e) = created {
            panic!(
                "cannot create a test database on the {} server at {} (is it running? set {} to use another): {e}",
                server.label(),
                mask(&admin),
                server.url_env()
            );
        }
        TestDatabase {
            server,
            url: db.to_string(),
            name,
            admin,
            db,
        }
    }

    /// Runs a SQL script, stopping at the first error (`psql -v ON_ERROR_STOP=1`; `mariadb` in batch mode).
    /// Returns what the script printed: rows without headers, one per line, columns separated by tabs.
    pub fn try_run_sql(&self, sql: &str) -> Result<String, CommandError> {
        match self.server {
            TestServer::Postgres => psql(&self.db).run(sql),
            TestServer::Mysql => mariadb(&self.db).run(sql),
        }
    }

    /// [`TestDatabase::try_run_sql`], failing the test with the server's message when the script fails.
    #[track_caller]
    pub fn run_sql(&self, sql: &str) -> String {
        match self.try_run_sql(sql) {
            Ok(out) => out,
            Err(e) => panic!("SQL failed in test database {}: {e}", self.name),
        }
    }

    /// The schema-only dump of this database, as the server's own dump tool writes it:
    /// `pg_dump --schema-only`, or `mysqldump --no-data --routines --triggers --skip-dump-date`.
    pub fn try_dump_schema(&self) -> Result<String, CommandError> {
        match self.server {
            TestServer::Postgres => Tool::new("pg_dump")
                .arg("--schema-only")
                .arg(format!("--dbname={}", self.db))
                .run(""),
            TestServer::Mysql => Tool::new("mysqldump")
                .args(mysql_connection_args(&self.db))
                .env("MYSQL_PWD", self.db.password.as_deref())
                .arg("--no-data")
                .arg("--routines")
                .arg("--triggers")
                .arg("--skip-dump-date")
                .arg(self.name.clone())
                .run(""),
        }
    }

    /// [`TestDatabase::try_dump_schema`], failing the test when the dump tool fails.
    #[track_caller]
    pub fn dump_schema(&self) -> String {
        match self.try_dump_schema() {
            Ok(out) => out,
            Err(e) => panic!("dumping test database {} failed: {e}", self.name),
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        // WITH (FORCE) ends sessions a failed test may have left open, so the drop does not hang or fail.
        let dropped = match self.server {
            TestServer::Postgres => psql(&self.admin).run(&format!(
                "DROP DATABASE IF EXISTS \"{}\" WITH (FORCE);",
                self.name
            )),
            TestServer::Mysql => {
                mariadb(&self.admin).run(&format!("DROP DATABASE IF EXISTS `{}`;", self.name))
            }
        };
        if let Err(e) = dropped {
            eprintln!("warning: could not drop test database {}: {e}", self.name);
        }
    }
}

fn mask(url: &DbUrl) -> String {
    mask_password(&url.to_string())
}

fn psql(url: &DbUrl) -> Tool {
    Tool::new("psql")
        .args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"].map(String::from))
        .arg("--field-separator=\t")
        .arg(format!("--dbname={url}"))
        .arg("--file=-")
}

fn mysql_connection_args(url: &DbUrl) -> Vec<String> {
    let mut args = vec!["--protocol=TCP".to_string(), format!("--host={}", url.host)];
    if let Some(port) = url.port {
        args.push(format!("--port={port}"));
    }
    if let Some(user) = &url.user {
        args.push(format!("--user={user}"));
    }
    args
}

fn mariadb(url: &DbUrl) -> Tool {
    let mut tool = Tool::new("mariadb")
        .args(mysql_connection_args(url))
        .env("MYSQL_PWD", url.password.as_deref())
        .arg("--batch")
        .arg("--skip-column-names");
    if let Some(database) = &url.database {
        tool = tool.arg(format!("--database={database}"));
    }
    tool
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_safe_and_short() {
        let a = unique_name("Dump every-object test with a very long hint indeed");
        let b = unique_name("Dump every-object test with a very long hint indeed");
        assert_ne!(a, b);
        assert!(a.len() <= 63, "{a} is too long for PostgreSQL");
        assert!(
            a.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "{a}"
        );
        assert!(a.starts_with("flash_dump_every_object_test_w_"), "{a}");
    }

    #[test]
    fn mysql_arguments_come_from_the_url() {
        let url = DbUrl::parse("mysql://app:secret@db.local:3307/shop").expect("valid url");
        assert_eq!(
            mysql_connection_args(&url),
            [
                "--protocol=TCP",
                "--host=db.local",
                "--port=3307",
                "--user=app"
            ]
        );
        assert_eq!(mask(&url), "mysql://app:***@db.local:3307/shop");
    }
}
