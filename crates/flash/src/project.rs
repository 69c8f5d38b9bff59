//! The project a command runs in: its configuration, found from `--config` or the current directory, and its .env.

use std::path::{Path, PathBuf};

use anyhow::Context;
use flash_config::Config;
use flash_core::Dialect;

use crate::cli::GlobalArgs;

/// The configuration, or `None` outside any project. Loading it loads the `.env` beside it too.
pub fn find_config(global: &GlobalArgs) -> anyhow::Result<Option<Config>> {
    let cwd = current_dir()?;
    let Some(path) = flash_config::discover(global.config.as_deref(), &cwd)? else {
        return Ok(None);
    };
    // Paths under the current directory are shown relative to it, as the user would type them.
    let path = relative_to(&path, &cwd);
    let config = Config::load(&path)?;
    flash_config::load_dotenv(&config.root)?;
    Ok(Some(config))
}

pub fn current_dir() -> anyhow::Result<PathBuf> {
    std::env::current_dir().context("cannot read the current directory")
}

fn relative_to(path: &Path, base: &Path) -> PathBuf {
    match path.strip_prefix(base) {
        Ok(rest) if !rest.as_os_str().is_empty() => rest.to_path_buf(),
        _ => path.to_path_buf(),
    }
}

/// What the project says about the schema a command reads: where its files and migrations are and which dialect
/// they are written in. Every field is `None` outside a project, except a dialect named by a `--db` URL.
#[derive(Debug, Default)]
pub struct ProjectSchema {
    pub schema_path: Option<PathBuf>,
    pub migrations_path: Option<PathBuf>,
    pub dialect: Option<Dialect>,
}

pub fn project_schema(global: &GlobalArgs) -> anyhow::Result<ProjectSchema> {
    let config = find_config(global)?;
    // Only `--db` needs the database entry; without it, an unrelated DATABASE_URL must not stop a look at files.
    Ok(match (&config, global.db.as_deref()) {
        (Some(config), None) => {
            // Without a provider, the configured URL's scheme still names the dialect; a URL that cannot be
            // resolved only means there is no such hint.
            let from_url = || config.select(None).ok().and_then(|t| t.dialect());
            ProjectSchema {
                schema_path: Some(config.schema_path.clone()),
                migrations_path: Some(config.migrations_path.clone()),
                dialect: config.database.provider.or_else(from_url),
            }
        }
        (Some(config), Some(db)) => {
            let target = config.select(Some(db))?;
            ProjectSchema {
                dialect: target.dialect(),
                schema_path: Some(target.schema_path),
                migrations_path: Some(target.migrations_path),
            }
        }
        (None, Some(db)) => {
            let target = Config::defaults(Path::new("")).select(Some(db))?;
            ProjectSchema {
                dialect: target.dialect(),
                ..ProjectSchema::default()
            }
        }
        (None, None) => ProjectSchema::default(),
    })
}

/// The sentence for a command that needs a project and found none.
pub fn no_project(hint: &str) -> anyhow::Error {
    match current_dir() {
        Ok(cwd) => anyhow::anyhow!(
            "no flash.toml or flash.config.json in {} or any parent directory: {hint}",
            cwd.display()
        ),
        Err(e) => e,
    }
}

/// The project a command that talks to a live database runs in: the database it picked (`--db NAME|URL`, else
/// `[database]`) with the schema files and migrations that belong to it.
#[derive(Debug)]
pub struct ProjectDatabase {
    /// `None` outside a project (a `--db URL` alone still names a database).
    pub schema_path: Option<PathBuf>,
    /// `None` when nothing configures one; [`ProjectDatabase::require_url`] says how to give one.
    pub url: Option<flash_config::DatabaseUrl>,
    target: flash_config::DatabaseTarget,
}

impl ProjectDatabase {
    pub fn require_url(&self) -> anyhow::Result<&flash_config::DatabaseUrl> {
        Ok(self.target.require_url()?)
    }
}

pub fn project_database(global: &GlobalArgs) -> anyhow::Result<ProjectDatabase> {
    let config = find_config(global)?;
    let in_project = config.is_some();
    let config = config.unwrap_or_else(|| Config::defaults(Path::new("")));
    let target = config.select(global.db.as_deref())?;
    Ok(ProjectDatabase {
        schema_path: in_project.then(|| target.schema_path.clone()),
        url: target.url.clone(),
        target,
    })
}
