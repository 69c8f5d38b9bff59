//! Database URLs and the dialect their scheme names.

use std::path::PathBuf;

use flash_core::Dialect;

use crate::error::ConfigError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatabaseUrl {
    pub url: String,
    pub dialect: Dialect,
}

/// Where a SQLite URL points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SqliteLocation {
    Memory,
    File(PathBuf),
}

impl DatabaseUrl {
    pub fn parse(url: &str) -> Result<DatabaseUrl, ConfigError> {
        let unknown = || ConfigError::UnknownUrlScheme {
            url: url.to_string(),
        };
        // `file:` URLs are SQLite's own, but Flash's documented spellings are the ones below.
        if url.to_ascii_lowercase().starts_with("file:") || !url.contains(':') {
            return Err(unknown());
        }
        let dialect = Dialect::from_url(url).ok_or_else(unknown)?;
        Ok(DatabaseUrl {
            url: url.to_string(),
            dialect,
        })
    }

    /// Whether a `--db` value is a URL (used as is) rather than the name of a `[[databases]]` entry.
    pub fn looks_like_url(value: &str) -> bool {
        value.contains("://") || value.to_ascii_lowercase().starts_with("sqlite:")
    }

    /// The file or memory database of a SQLite URL: `sqlite://app.db` (relative), `sqlite:///abs/app.db`,
    /// `sqlite:app.db`, `sqlite::memory:`. Query parameters are not part of the path.
    pub fn sqlite_location(&self) -> Option<SqliteLocation> {
        if self.dialect != Dialect::Sqlite {
            return None;
        }
        let rest = self
            .url
            .split_once(':')
            .map(|(_, rest)| rest)
            .unwrap_or_default();
        let rest = rest.split('?').next().unwrap_or_default();
        if rest == ":memory:" || rest == "//:memory:" {
            return Some(SqliteLocation::Memory);
        }
        let path = rest.strip_prefix("//").unwrap_or(rest);
        Some(SqliteLocation::File(PathBuf::from(path)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scheme_names_the_dialect() {
        for (url, dialect) in [
            ("postgres://u@h/db", Dialect::Postgres),
            (
                "postgresql://u@h:5432/db?sslmode=disable",
                Dialect::Postgres,
            ),
            ("mysql://root@127.0.0.1:3306/app", Dialect::Mysql),
            ("sqlite://app.db", Dialect::Sqlite),
            ("sqlite:///tmp/app.db", Dialect::Sqlite),
            ("sqlite::memory:", Dialect::Sqlite),
        ] {
            assert_eq!(
                DatabaseUrl::parse(url).expect(url).dialect,
                dialect,
                "{url}"
            );
        }
        for url in ["redis://h", "oracle://x", "file:a.db", "app.db"] {
            let err = DatabaseUrl::parse(url).expect_err(url);
            assert!(
                err.to_string()
                    .contains("cannot tell the database from URL"),
                "{err}"
            );
        }
    }

    #[test]
    fn sqlite_urls_point_at_files_or_memory() {
        let at = |url: &str| DatabaseUrl::parse(url).expect(url).sqlite_location();
        assert_eq!(at("sqlite::memory:"), Some(SqliteLocation::Memory));
        assert_eq!(
            at("sqlite://app.db"),
            Some(SqliteLocation::File("app.db".into()))
        );
        assert_eq!(
            at("sqlite:///tmp/app.db?mode=rwc"),
            Some(SqliteLocation::File("/tmp/app.db".into()))
        );
        assert_eq!(at("postgres://h/db"), None);
    }

    #[test]
    fn urls_are_told_from_names() {
        assert!(DatabaseUrl::looks_like_url("postgres://h/db"));
        assert!(DatabaseUrl::looks_like_url("sqlite::memory:"));
        assert!(DatabaseUrl::looks_like_url("sqlite:app.db"));
        assert!(!DatabaseUrl::looks_like_url("staging"));
    }
}
