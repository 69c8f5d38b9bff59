//! `flash apply` and the commands around it, on the three real databases: a project per test, a fresh database per
//! test, the real binary.

mod basics;
mod crash;
mod flash_orm;
mod hazards;
mod lock;
mod rollback;
mod terminal;

use std::path::PathBuf;
use std::process::Command;

use flash_test::TestDatabase;

use crate::{Outcome, Sandbox};

pub(crate) const PROVIDERS: [&str; 3] = ["postgresql", "mysql", "sqlite"];

/// A fresh database of one provider, and how to look into it with the server's own client.
pub(crate) struct Db {
    pub provider: &'static str,
    pub url: String,
    sqlite: Option<PathBuf>,
    _server: Option<TestDatabase>,
}

impl Db {
    pub fn new(provider: &'static str, sandbox: &Sandbox, hint: &str) -> Db {
        match provider {
            "postgresql" => {
                let db = TestDatabase::postgres(hint);
                Db {
                    provider,
                    url: db.url.clone(),
                    sqlite: None,
                    _server: Some(db),
                }
            }
            "mysql" => {
                let db = TestDatabase::mysql(hint);
                Db {
                    provider,
                    url: db.url.clone(),
                    sqlite: None,
                    _server: Some(db),
                }
            }
            _ => {
                let path = sandbox.join(&format!("{hint}.db"));
                Db {
                    provider,
                    url: format!("sqlite://{}", path.display()),
                    sqlite: Some(path),
                    _server: None,
                }
            }
        }
    }

    /// The database's name.
    pub fn name(&self) -> &str {
        self.url.rsplit('/').next().unwrap_or_default()
    }

    /// Runs SQL with the server's own client and returns its output, trimmed.
    pub fn sql(&self, sql: &str) -> String {
        match (&self.sqlite, &self._server) {
            (Some(path), _) => {
                let out = Command::new("sqlite3")
                    .arg("-bail")
                    .arg(path)
                    .arg(sql)
                    .output()
                    .expect("sqlite3 runs");
                assert!(
                    out.status.success(),
                    "sqlite3 failed on {sql}: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
                String::from_utf8_lossy(&out.stdout).trim().to_string()
            }
            (None, Some(db)) => db.run_sql(sql).trim().to_string(),
            (None, None) => unreachable!("a database is one or the other"),
        }
    }

    /// The user tables, sorted, comma-separated.
    pub fn tables(&self) -> String {
        let q = match self.provider {
            "postgresql" => {
                "SELECT coalesce(string_agg(tablename, ',' ORDER BY tablename), '') FROM pg_tables WHERE schemaname = 'public'"
            }
            "mysql" => {
                "SELECT coalesce(GROUP_CONCAT(table_name ORDER BY table_name), '') FROM information_schema.tables WHERE table_schema = DATABASE()"
            }
            _ => {
                "SELECT coalesce(group_concat(name, ','), '') FROM (SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name)"
            }
        };
        // Sorted here: MySQL's collation puts `_` after letters.
        let text = self.sql(q);
        let mut names: Vec<&str> = text.split(',').filter(|n| !n.is_empty()).collect();
        names.sort_unstable();
        names.join(",")
    }

    /// `id:applied_steps_count:finished` for each tracking row, sorted by id.
    pub fn rows(&self) -> String {
        let finished = match self.provider {
            "mysql" => "IF(finished_at IS NULL, 'no', 'yes')",
            _ => "CASE WHEN finished_at IS NULL THEN 'no' ELSE 'yes' END",
        };
        let concat = match self.provider {
            "mysql" => format!("CONCAT(id, ':', applied_steps_count, ':', {finished})"),
            _ => format!("id || ':' || applied_steps_count || ':' || {finished}"),
        };
        let rows = self.sql(&format!(
            "SELECT {concat} FROM _flash_migrations ORDER BY id"
        ));
        rows.lines().map(str::trim).collect::<Vec<_>>().join(" ")
    }
}

/// A project for `provider` with its migrations in `db/migrations`.
pub(crate) fn project(provider: &str) -> Sandbox {
    let sb = Sandbox::new();
    sb.write(
        "flash.toml",
        &format!("[database]\nprovider = \"{provider}\"\n"),
    );
    std::fs::create_dir_all(sb.join("db/migrations")).expect("mkdir");
    sb
}

/// Writes `db/migrations/<id>.sql` with an Up and a Down.
pub(crate) fn migration(sb: &Sandbox, id: &str, up: &str, down: &str) {
    sb.write(
        &format!("db/migrations/{id}.sql"),
        &format!("-- +migrate Up\n{up}\n-- +migrate Down\n{down}\n"),
    );
}

pub(crate) fn flash(sb: &Sandbox, db: &Db, args: &[&str]) -> Outcome {
    sb.flash_with_env(args, &[("DATABASE_URL", db.url.as_str())])
}

/// `text` with the durations (`in 12 ms`, `in 1.20 s`) shown as `in [TIME]`.
pub(crate) fn filter_times(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(" in ") {
        let after = &rest[i + 4..];
        let digits = after
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(after.len());
        let unit = [" ms", " s"]
            .into_iter()
            .find(|u| digits > 0 && after[digits..].starts_with(u));
        out.push_str(&rest[..i + 4]);
        match unit {
            Some(u) => {
                out.push_str("[TIME]");
                rest = &after[digits + u.len()..];
            }
            None => rest = after,
        }
    }
    out.push_str(rest);
    out
}

/// `text` with every `YYYY-MM-DD HH:MM:SS` (and a following ` UTC`) shown as `[TIME]`.
pub(crate) fn filter_timestamps(text: &str) -> String {
    let shape = b"dddd-dd-dd dd:dd:dd";
    let bytes = text.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    while i < text.len() {
        let is_stamp = bytes.get(i..i + shape.len()).is_some_and(|w| {
            w.iter().zip(shape).all(|(b, s)| {
                if *s == b'd' {
                    b.is_ascii_digit()
                } else {
                    b == s
                }
            })
        });
        if is_stamp {
            out.push_str("[TIME]");
            i += shape.len();
            if text[i..].starts_with(" UTC") {
                i += 4;
            }
        } else {
            let c = text[i..].chars().next().expect("a char");
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}
