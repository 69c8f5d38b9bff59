//! The SQL dialects Flash speaks, and the names users may call them by.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Dialect {
    Postgres,
    Mysql,
    Sqlite,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("unknown dialect \"{0}\": expected postgresql, mysql or sqlite")]
pub struct UnknownDialect(pub String);

impl Dialect {
    pub const ALL: [Dialect; 3] = [Dialect::Postgres, Dialect::Mysql, Dialect::Sqlite];

    /// The schema an unqualified name lives in. MySQL's namespace is the connection's database, which a schema file
    /// does not name, so unqualified MySQL objects keep an empty schema.
    pub fn default_schema(self) -> &'static str {
        match self {
            Dialect::Postgres => "public",
            Dialect::Mysql => "",
            Dialect::Sqlite => "main",
        }
    }

    /// The name used in `flash.toml` (`[database] provider`).
    pub fn provider_name(self) -> &'static str {
        match self {
            Dialect::Postgres => "postgresql",
            Dialect::Mysql => "mysql",
            Dialect::Sqlite => "sqlite",
        }
    }

    /// Picks the dialect from a database URL's scheme.
    pub fn from_url(url: &str) -> Option<Dialect> {
        let scheme = url.split(':').next()?.to_ascii_lowercase();
        match scheme.as_str() {
            "postgres" | "postgresql" => Some(Dialect::Postgres),
            "mysql" | "mariadb" => Some(Dialect::Mysql),
            "sqlite" | "file" => Some(Dialect::Sqlite),
            _ => None,
        }
    }
}

impl FromStr for Dialect {
    type Err = UnknownDialect;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "postgres" | "postgresql" | "pg" => Ok(Dialect::Postgres),
            "mysql" | "mariadb" => Ok(Dialect::Mysql),
            "sqlite" | "sqlite3" => Ok(Dialect::Sqlite),
            _ => Err(UnknownDialect(s.to_string())),
        }
    }
}

impl fmt::Display for Dialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.provider_name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_every_documented_name() {
        for (name, dialect) in [
            ("postgres", Dialect::Postgres),
            ("PostgreSQL", Dialect::Postgres),
            ("mysql", Dialect::Mysql),
            ("mariadb", Dialect::Mysql),
            ("sqlite", Dialect::Sqlite),
        ] {
            assert_eq!(name.parse::<Dialect>(), Ok(dialect));
        }
        assert!("oracle".parse::<Dialect>().is_err());
    }

    #[test]
    fn url_scheme_picks_dialect() {
        assert_eq!(
            Dialect::from_url("postgres://u@h/db"),
            Some(Dialect::Postgres)
        );
        assert_eq!(
            Dialect::from_url("postgresql://u@h/db"),
            Some(Dialect::Postgres)
        );
        assert_eq!(
            Dialect::from_url("mysql://root@127.0.0.1/db"),
            Some(Dialect::Mysql)
        );
        assert_eq!(
            Dialect::from_url("sqlite:///tmp/a.db"),
            Some(Dialect::Sqlite)
        );
        assert_eq!(Dialect::from_url("sqlite::memory:"), Some(Dialect::Sqlite));
        assert_eq!(Dialect::from_url("redis://h"), None);
    }
}
