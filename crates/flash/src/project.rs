//! The project a command runs in: its configuration, found from `--config` or the current directory, and its .env.

use std::path::{Path, PathBuf};

use anyhow::Context;
use flash_config::Config;

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
