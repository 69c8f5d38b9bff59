//! The database a migration command works on, and the project around it: the URL (from `--db`, `[database]`,
//! `url_env`), the dialect, the migrations directory, and the snapshot whose hash the last migration leaves.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{bail, Context};
use flash_config::{Config, DatabaseUrl};
use flash_core::Dialect;
use flash_db::lock::MigrationLock;
use flash_db::Connection;

use crate::cli::GlobalArgs;
use crate::migrations::{dir, MigrationSource};
use crate::printer::Printer;
use crate::project;

/// Where the snapshot lives under `migrations_path` (as `flash migrate` writes it).
pub const SNAPSHOT_PATH: &str = ".flash/schema_snapshot.json";

pub struct Target {
    pub url: DatabaseUrl,
    pub dialect: Dialect,
    pub migrations: PathBuf,
}

impl Target {
    /// The project's database, or the `--db URL` alone (migrations then in `./db/migrations`).
    pub fn resolve(global: &GlobalArgs) -> anyhow::Result<Target> {
        Self::resolve_optional(global)?.ok_or_else(|| {
            anyhow::anyhow!(
                "no database to work on: set `url_env` (default DATABASE_URL) or [database] url in flash.toml, or pass --db URL"
            )
        })
    }

    /// As [`Target::resolve`], `None` when no database URL is configured (commands that can work on files alone).
    pub fn resolve_optional(global: &GlobalArgs) -> anyhow::Result<Option<Target>> {
        let config = project::find_config(global)?;
        let config = match config {
            Some(c) => c,
            None if global.db.is_some() => Config::defaults(Path::new("")),
            None => {
                return Err(project::no_project(
                    "run `flash init` to create a project, or pass --db URL",
                ))
            }
        };
        let target = config.select(global.db.as_deref())?;
        let Some(url) = target.url.clone() else {
            return Ok(None);
        };
        if let Some(provider) = target.provider.filter(|p| *p != url.dialect) {
            bail!(
                "the database URL is a {} URL, but the project's provider is {provider}",
                url.dialect
            );
        }
        Ok(Some(Target {
            dialect: url.dialect,
            url,
            migrations: target.migrations_path,
        }))
    }

    pub fn read_migrations(&self) -> anyhow::Result<Vec<MigrationSource>> {
        dir::read_dir(&self.migrations, self.dialect)
    }

    pub fn snapshot_path(&self) -> PathBuf {
        self.migrations.join(SNAPSHOT_PATH)
    }

    pub async fn connect(&self) -> anyhow::Result<Connection> {
        Ok(Connection::connect(&self.url).await?)
    }

    /// Takes the migration lock, saying on stderr whom it waits for.
    pub async fn lock(
        &self,
        conn: &mut Connection,
        timeout_secs: f64,
        printer: Printer,
    ) -> anyhow::Result<MigrationLock> {
        if !(timeout_secs.is_finite() && timeout_secs >= 0.0) {
            bail!("--lock-timeout must be a number of seconds, 0 or more");
        }
        let timeout = Duration::from_secs_f64(timeout_secs);
        let lock = MigrationLock::acquire(conn, &self.url, timeout, |holder| {
            printer.note(format!(
                "waiting up to {timeout_secs} s for the migration lock, held by {holder}"
            ));
        })
        .await
        .context("cannot take the migration lock")?;
        Ok(lock)
    }
}

/// Runs `f` on Flash's current-thread runtime.
pub fn block_on<T>(f: impl std::future::Future<Output = anyhow::Result<T>>) -> anyhow::Result<T> {
    flash_db::runtime()?.block_on(f)
}
