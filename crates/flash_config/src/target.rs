//! Picking the database a command works on: `--db NAME|URL`, else `[database]`.

use std::path::PathBuf;

use flash_core::Dialect;

use crate::config::Config;
use crate::database_url::DatabaseUrl;
use crate::error::ConfigError;

/// The database a command works on, with the schema and migrations that belong to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatabaseTarget {
    /// The `[[databases]]` entry picked with `--db NAME`.
    pub name: Option<String>,
    pub provider: Option<Dialect>,
    /// `None` when no URL was configured and the environment variable is unset; commands that need a live
    /// database call [`DatabaseTarget::require_url`].
    pub url: Option<DatabaseUrl>,
    /// The environment variable the URL was looked up in.
    pub url_env: String,
    pub schema_path: PathBuf,
    pub migrations_path: PathBuf,
}

impl DatabaseTarget {
    /// The configured provider, else the dialect the URL's scheme names.
    pub fn dialect(&self) -> Option<Dialect> {
        self.provider.or(self.url.as_ref().map(|u| u.dialect))
    }

    pub fn require_url(&self) -> Result<&DatabaseUrl, ConfigError> {
        self.url.as_ref().ok_or_else(|| ConfigError::MissingUrl {
            for_name: self
                .name
                .as_ref()
                .map(|n| format!(" for database \"{n}\""))
                .unwrap_or_default(),
            url_env: self.url_env.clone(),
        })
    }
}

impl Config {
    /// Picks the database for `--db` (a URL, or a `[[databases]]` name) or, without it, `[database]`; URLs not
    /// written in the file come from the process environment.
    pub fn select(&self, db: Option<&str>) -> Result<DatabaseTarget, ConfigError> {
        self.select_with_env(db, |name| std::env::var(name).ok())
    }

    /// [`Config::select`] with the environment given, so tests need not touch the process's own.
    pub fn select_with_env(
        &self,
        db: Option<&str>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<DatabaseTarget, ConfigError> {
        let top = DatabaseTarget {
            name: None,
            provider: self.database.provider,
            url: None,
            url_env: self.database.url_env.clone(),
            schema_path: self.schema_path.clone(),
            migrations_path: self.migrations_path.clone(),
        };
        match db {
            Some(value) if DatabaseUrl::looks_like_url(value) => {
                // A URL given on the command line says what it is; the configured provider does not overrule it.
                let url = DatabaseUrl::parse(value)?;
                Ok(DatabaseTarget {
                    provider: Some(url.dialect),
                    url: Some(url),
                    ..top
                })
            }
            Some(name) => {
                let Some(entry) = self.databases.iter().find(|d| d.name == name) else {
                    return Err(match &self.file {
                        None => ConfigError::NoProjectForName {
                            name: name.to_string(),
                        },
                        Some(path) => ConfigError::UnknownDatabase {
                            name: name.to_string(),
                            path: path.clone(),
                            known: known_names(self),
                        },
                    });
                };
                let url_env = entry.url_env.clone().unwrap_or(top.url_env);
                let provider = entry.provider.or(top.provider);
                let url = configured_url(entry.url.as_deref(), &url_env, provider, &env)?;
                Ok(DatabaseTarget {
                    name: Some(entry.name.clone()),
                    provider,
                    url,
                    url_env,
                    schema_path: entry.schema_path.clone().unwrap_or(top.schema_path),
                    migrations_path: entry.migrations_path.clone().unwrap_or(top.migrations_path),
                })
            }
            None => {
                let url = configured_url(
                    self.database.url.as_deref(),
                    &top.url_env,
                    top.provider,
                    &env,
                )?;
                Ok(DatabaseTarget { url, ..top })
            }
        }
    }
}

fn known_names(config: &Config) -> String {
    let names = config.database_names();
    if names.is_empty() {
        "none (the file has no [[databases]] entries)".to_string()
    } else {
        names.join(", ")
    }
}

/// The URL written in the file, else the one in the environment variable; checked against the provider.
fn configured_url(
    written: Option<&str>,
    url_env: &str,
    provider: Option<Dialect>,
    env: &impl Fn(&str) -> Option<String>,
) -> Result<Option<DatabaseUrl>, ConfigError> {
    let text = match written {
        Some(url) => Some(url.to_string()),
        None => env(url_env).filter(|v| !v.trim().is_empty()),
    };
    let Some(text) = text else { return Ok(None) };
    let url = DatabaseUrl::parse(text.trim())?;
    match provider {
        Some(p) if p != url.dialect => Err(ConfigError::ProviderMismatch {
            url: url.url,
            url_dialect: url.dialect.to_string(),
            provider: p.to_string(),
        }),
        _ => Ok(Some(url)),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::path::Path;

    use super::*;

    const PROJECT: &str = r#"
[database]
provider = "postgresql"

[[databases]]
name = "analytics"
url_env = "ANALYTICS_URL"
schema_dir = "analytics"

[[databases]]
name = "cache"
provider = "sqlite"
url = "sqlite://cache.db"
"#;

    fn config(text: &str) -> Config {
        Config::from_toml_str(Path::new("p/flash.toml"), text).expect("valid")
    }

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn without_db_the_url_comes_from_url_env() {
        let c = config(PROJECT);
        let t = c
            .select_with_env(None, env(&[("DATABASE_URL", "postgres://u@h/app")]))
            .expect("ok");
        assert_eq!(
            t.url.as_ref().map(|u| u.url.as_str()),
            Some("postgres://u@h/app")
        );
        assert_eq!(
            (t.name.as_deref(), t.dialect()),
            (None, Some(Dialect::Postgres))
        );
        assert_eq!(t.schema_path, Path::new("p/db/schema"));
    }

    #[test]
    fn url_env_names_the_variable() {
        let c = config("[database]\nurl_env = \"APP_URL\"");
        let t = c
            .select_with_env(
                None,
                env(&[("APP_URL", "mysql://root@h/app"), ("DATABASE_URL", "x")]),
            )
            .expect("ok");
        assert_eq!(
            t.dialect(),
            Some(Dialect::Mysql),
            "dialect from the URL when no provider is set"
        );
    }

    #[test]
    fn written_url_wins_over_the_environment() {
        let c = config("[database]\nurl = \"sqlite::memory:\"");
        let t = c
            .select_with_env(None, env(&[("DATABASE_URL", "postgres://h/db")]))
            .expect("ok");
        assert_eq!(t.url.map(|u| u.url), Some("sqlite::memory:".to_string()));
    }

    #[test]
    fn missing_url_is_reported_only_when_needed() {
        let c = config(PROJECT);
        let t = c
            .select_with_env(None, env(&[]))
            .expect("selecting needs no URL");
        assert_eq!(t.dialect(), Some(Dialect::Postgres));
        let err = t.require_url().expect_err("no URL");
        assert!(
            err.to_string()
                .starts_with("no database URL: set DATABASE_URL"),
            "{err}"
        );
    }

    #[test]
    fn db_url_is_used_as_is_and_names_the_dialect() {
        let c = config(PROJECT);
        for (url, dialect) in [
            ("mysql://root@127.0.0.1/app", Dialect::Mysql),
            ("sqlite:///tmp/x.db", Dialect::Sqlite),
            ("sqlite::memory:", Dialect::Sqlite),
            ("postgresql://h/db", Dialect::Postgres),
        ] {
            let t = c.select_with_env(Some(url), env(&[])).expect(url);
            assert_eq!(t.url.as_ref().map(|u| u.url.as_str()), Some(url));
            assert_eq!(t.dialect(), Some(dialect), "{url}");
        }
        let err = c
            .select_with_env(Some("redis://h"), env(&[]))
            .expect_err("not SQL");
        assert!(
            err.to_string()
                .contains("cannot tell the database from URL \"redis://h\""),
            "{err}"
        );
    }

    #[test]
    fn db_name_picks_a_databases_entry() {
        let c = config(PROJECT);
        let t = c
            .select_with_env(
                Some("analytics"),
                env(&[("ANALYTICS_URL", "postgres://h/an")]),
            )
            .expect("ok");
        assert_eq!(t.name.as_deref(), Some("analytics"));
        assert_eq!(
            t.provider,
            Some(Dialect::Postgres),
            "inherits the top-level provider"
        );
        assert_eq!(t.schema_path, Path::new("p/analytics"));
        assert_eq!(
            t.migrations_path,
            Path::new("p/db/migrations"),
            "inherits the top-level path"
        );
        let t = c.select_with_env(Some("cache"), env(&[])).expect("ok");
        assert_eq!(t.dialect(), Some(Dialect::Sqlite));
        assert_eq!(t.url.map(|u| u.url), Some("sqlite://cache.db".to_string()));
        let t = c.select_with_env(Some("analytics"), env(&[])).expect("ok");
        let err = t.require_url().expect_err("unset");
        assert!(
            err.to_string()
                .starts_with("no database URL for database \"analytics\": set ANALYTICS_URL"),
            "{err}"
        );
    }

    #[test]
    fn unknown_db_name_lists_the_known_ones() {
        let err = config(PROJECT)
            .select_with_env(Some("staging"), env(&[]))
            .expect_err("unknown");
        assert_eq!(
            err.to_string(),
            "no database named \"staging\" in p/flash.toml; known: analytics, cache"
        );
        let err = config("")
            .select_with_env(Some("staging"), env(&[]))
            .expect_err("unknown");
        assert!(
            err.to_string()
                .ends_with("known: none (the file has no [[databases]] entries)"),
            "{err}"
        );
        let err = Config::defaults(Path::new("."))
            .select_with_env(Some("staging"), env(&[]))
            .expect_err("no file");
        assert!(err.to_string().contains("there is no flash.toml"), "{err}");
    }

    #[test]
    fn provider_and_url_must_agree() {
        let c = config(PROJECT);
        let err = c
            .select_with_env(None, env(&[("DATABASE_URL", "mysql://h/db")]))
            .expect_err("mismatch");
        assert_eq!(
            err.to_string(),
            "database URL \"mysql://h/db\" is mysql but the configured provider is postgresql"
        );
    }
}
