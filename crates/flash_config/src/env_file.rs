//! The `.env` file beside the configuration.

use std::path::{Path, PathBuf};

use crate::error::ConfigError;

/// Loads `<project_dir>/.env` into the process environment. Variables already set win, so a value exported in the
/// shell or by CI is never replaced by the file. Returns the file's path when there was one.
pub fn load_dotenv(project_dir: &Path) -> Result<Option<PathBuf>, ConfigError> {
    let path = project_dir.join(".env");
    if !path.is_file() {
        return Ok(None);
    }
    match dotenvy::from_path(&path) {
        Ok(()) => Ok(Some(path)),
        Err(dotenvy::Error::LineParse(line, index)) => Err(ConfigError::DotEnv {
            path,
            message: format!("cannot parse `{line}` (at character {})", index + 1),
        }),
        Err(dotenvy::Error::Io(source)) => Err(ConfigError::Read { path, source }),
        Err(other) => Err(ConfigError::DotEnv {
            path,
            message: other.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_the_file_without_overriding_what_is_set() {
        let dir = tempfile::tempdir().expect("temp dir");
        // Names unique to this test: the process environment is shared by every test thread.
        std::env::set_var("FLASH_CONFIG_TEST_KEPT", "from-shell");
        std::fs::write(
            dir.path().join(".env"),
            "# comment\nFLASH_CONFIG_TEST_NEW=postgres://u@h/db\nFLASH_CONFIG_TEST_KEPT=from-file\n",
        )
        .expect("write");
        assert_eq!(
            load_dotenv(dir.path()).expect("loaded"),
            Some(dir.path().join(".env"))
        );
        assert_eq!(
            std::env::var("FLASH_CONFIG_TEST_NEW").as_deref(),
            Ok("postgres://u@h/db")
        );
        assert_eq!(
            std::env::var("FLASH_CONFIG_TEST_KEPT").as_deref(),
            Ok("from-shell")
        );
    }

    #[test]
    fn no_file_is_fine_and_a_broken_one_is_named() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert_eq!(load_dotenv(dir.path()).expect("no file"), None);
        std::fs::write(
            dir.path().join(".env"),
            "FLASH_CONFIG_TEST_BROKEN='unterminated\n",
        )
        .expect("write");
        let err = load_dotenv(dir.path()).expect_err("broken");
        assert!(err.to_string().contains(".env: cannot parse"), "{err}");
    }
}
