//! What `flash init` writes: the project layout and its example files per dialect. The examples are real files
//! beside this module so they can be read and checked against the databases as they are.

use flash_core::Dialect;

/// One path of a new project, relative to its directory.
pub enum ScaffoldEntry {
    Dir(&'static str),
    File {
        path: &'static str,
        contents: String,
    },
}

const FLASH_TOML: &str = include_str!("flash.toml.in");

pub fn project_entries(dialect: Dialect) -> Vec<ScaffoldEntry> {
    let (env, schema, queries) = match dialect {
        Dialect::Postgres => (
            include_str!("postgresql/env"),
            include_str!("postgresql/schema.sql"),
            include_str!("postgresql/users.sql"),
        ),
        Dialect::Mysql => (
            include_str!("mysql/env"),
            include_str!("mysql/schema.sql"),
            include_str!("mysql/users.sql"),
        ),
        Dialect::Sqlite => (
            include_str!("sqlite/env"),
            include_str!("sqlite/schema.sql"),
            include_str!("sqlite/users.sql"),
        ),
    };
    let file = |path, contents: &str| ScaffoldEntry::File {
        path,
        contents: contents.to_string(),
    };
    vec![
        file("flash.toml", &flash_toml(dialect)),
        file(".env", env),
        ScaffoldEntry::Dir("db/schema"),
        file("db/schema/schema.sql", schema),
        ScaffoldEntry::Dir("db/queries"),
        file("db/queries/users.sql", queries),
        ScaffoldEntry::Dir("db/migrations"),
    ]
}

fn flash_toml(dialect: Dialect) -> String {
    let (js_driver, python_driver) = match dialect {
        Dialect::Postgres => ("pg", "psycopg"),
        Dialect::Mysql => ("mysql2", "pymysql"),
        Dialect::Sqlite => ("better-sqlite3", "sqlite3"),
    };
    FLASH_TOML
        .replace("{provider}", dialect.provider_name())
        .replace("{js_driver}", js_driver)
        .replace("{python_driver}", python_driver)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn the_written_flash_toml_reads_back_with_its_provider() {
        for dialect in Dialect::ALL {
            let config =
                flash_config::Config::from_toml_str(Path::new("flash.toml"), &flash_toml(dialect))
                    .unwrap_or_else(|e| panic!("{dialect}: {e}"));
            assert_eq!(config.database.provider, Some(dialect));
            assert!(!config.gen.js.enabled);
        }
    }
}
