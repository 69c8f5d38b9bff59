//! Finding the project's configuration file, the way cargo finds `Cargo.toml`.

use std::path::{Path, PathBuf};

use crate::error::ConfigError;

/// The names looked for in each directory, in order of preference: `flash.toml` wins over Flash ORM's older file.
pub const CONFIG_FILE_NAMES: [&str; 2] = ["flash.toml", "flash.config.json"];

/// An explicit `--config PATH` (a file, or a directory holding one of [`CONFIG_FILE_NAMES`]) must exist; without
/// one, `start` and then each of its parents is searched. `Ok(None)` when no directory up to the root has one.
pub fn discover(explicit: Option<&Path>, start: &Path) -> Result<Option<PathBuf>, ConfigError> {
    if let Some(path) = explicit {
        if path.is_dir() {
            return match config_in(path) {
                Some(found) => Ok(Some(found)),
                None => Err(ConfigError::Read {
                    path: path.join(CONFIG_FILE_NAMES[0]),
                    source: std::io::Error::new(
                        std::io::ErrorKind::NotFound,
                        "no flash.toml or flash.config.json here",
                    ),
                }),
            };
        }
        // Reading it is what reports a missing file, with the OS's own words.
        return Ok(Some(path.to_path_buf()));
    }
    Ok(start.ancestors().find_map(config_in))
}

fn config_in(dir: &Path) -> Option<PathBuf> {
    CONFIG_FILE_NAMES
        .iter()
        .map(|name| dir.join(name))
        .find(|p| p.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(path: &Path) {
        std::fs::create_dir_all(path.parent().expect("has parent")).expect("mkdir");
        std::fs::write(path, "").expect("write");
    }

    #[test]
    fn finds_the_nearest_parent_like_cargo() {
        let dir = tempfile::tempdir().expect("temp dir");
        let deep = dir.path().join("a/b/c");
        std::fs::create_dir_all(&deep).expect("mkdir");
        touch(&dir.path().join("flash.toml"));
        touch(&dir.path().join("a/flash.toml"));
        assert_eq!(
            discover(None, &deep).expect("ok"),
            Some(dir.path().join("a/flash.toml"))
        );
        assert_eq!(
            discover(None, dir.path()).expect("ok"),
            Some(dir.path().join("flash.toml"))
        );
    }

    #[test]
    fn prefers_flash_toml_and_falls_back_to_the_json_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        touch(&dir.path().join("flash.config.json"));
        assert_eq!(
            discover(None, dir.path()).expect("ok"),
            Some(dir.path().join("flash.config.json"))
        );
        touch(&dir.path().join("flash.toml"));
        assert_eq!(
            discover(None, dir.path()).expect("ok"),
            Some(dir.path().join("flash.toml"))
        );
    }

    #[test]
    fn explicit_path_wins_and_may_name_a_directory() {
        let dir = tempfile::tempdir().expect("temp dir");
        let other = dir.path().join("elsewhere/custom.toml");
        touch(&other);
        touch(&dir.path().join("flash.toml"));
        assert_eq!(
            discover(Some(&other), dir.path()).expect("ok"),
            Some(other.clone())
        );
        let project = dir.path().join("proj");
        touch(&project.join("flash.config.json"));
        assert_eq!(
            discover(Some(&project), dir.path()).expect("ok"),
            Some(project.join("flash.config.json"))
        );
        let empty = dir.path().join("elsewhere");
        let err = discover(Some(&empty), dir.path()).expect_err("no config there");
        assert!(
            err.to_string()
                .contains("no flash.toml or flash.config.json here"),
            "{err}"
        );
    }

    #[test]
    fn nothing_found_is_not_an_error() {
        let dir = tempfile::tempdir().expect("temp dir");
        // The temp dir's own parents could hold a flash.toml on a developer machine; only check below it.
        let found = discover(None, dir.path()).expect("ok");
        assert!(found.is_none_or(|p| !p.starts_with(dir.path())));
    }
}
