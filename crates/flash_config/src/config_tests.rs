use std::path::{Path, PathBuf};

use flash_core::Dialect;

use super::*;

fn toml(text: &str) -> Result<Config, ConfigError> {
    Config::from_toml_str(Path::new("proj/flash.toml"), text)
}

fn toml_err(text: &str) -> String {
    toml(text).expect_err("refused").to_string()
}

#[test]
fn empty_file_takes_every_default_relative_to_its_directory() {
    let c = toml("").expect("read");
    assert_eq!(c.version, "2");
    assert_eq!(c.root, PathBuf::from("proj"));
    assert_eq!(c.schema_path, PathBuf::from("proj/db/schema"));
    assert_eq!(c.queries, PathBuf::from("proj/db/queries"));
    assert_eq!(c.migrations_path, PathBuf::from("proj/db/migrations"));
    assert_eq!(c.export_path, PathBuf::from("proj/db/export"));
    assert_eq!(
        c.database,
        DatabaseConfig {
            provider: None,
            url_env: "DATABASE_URL".into(),
            url: None
        }
    );
    assert_eq!(
        c.gen.go,
        GenTarget {
            enabled: false,
            out: "proj/flash_gen".into(),
            driver: "database/sql".into()
        }
    );
    assert_eq!(c.gen.js.driver, "pg");
    assert_eq!(c.gen.python.driver, "psycopg");
    assert!(!c.gen.python.is_async);
    assert!(c.databases.is_empty());
    assert_eq!(c.format, ConfigFormat::Toml);
}

#[test]
fn defaults_without_a_file_resolve_against_the_given_root() {
    let c = Config::defaults(Path::new("/work/app"));
    assert_eq!(c.file, None);
    assert_eq!(c.schema_path, PathBuf::from("/work/app/db/schema"));
    assert_eq!(c.gen.js.out, PathBuf::from("/work/app/flash_gen"));
}

#[test]
fn reads_every_key() {
    let c = toml(
        r#"
version = "2"
schema_dir = "sql/schema"
queries = "sql/queries"
migrations_path = "sql/migrations"
export_path = "/var/export"

[database]
provider = "mysql"
url_env = "APP_DB"
url = "mysql://root@127.0.0.1:3306/app"

[gen.go]
enabled = true
out = "internal/db"
driver = "database/sql"

[gen.js]
enabled = true
out = "web/src/db"
driver = "mysql2"

[gen.python]
enabled = true
out = "py/db"
async = true
driver = "aiomysql"

[[databases]]
name = "analytics"
provider = "postgresql"
url_env = "ANALYTICS_URL"
schema_dir = "analytics/schema"
migrations_path = "analytics/migrations"
"#,
    )
    .expect("read");
    assert_eq!(c.schema_path, PathBuf::from("proj/sql/schema"));
    assert_eq!(c.queries, PathBuf::from("proj/sql/queries"));
    assert_eq!(c.migrations_path, PathBuf::from("proj/sql/migrations"));
    assert_eq!(
        c.export_path,
        PathBuf::from("/var/export"),
        "absolute paths stay as written"
    );
    assert_eq!(c.database.provider, Some(Dialect::Mysql));
    assert_eq!(c.database.url_env, "APP_DB");
    assert_eq!(
        c.database.url.as_deref(),
        Some("mysql://root@127.0.0.1:3306/app")
    );
    assert_eq!(
        c.gen.go,
        GenTarget {
            enabled: true,
            out: "proj/internal/db".into(),
            driver: "database/sql".into()
        }
    );
    assert_eq!(
        c.gen.js,
        GenTarget {
            enabled: true,
            out: "proj/web/src/db".into(),
            driver: "mysql2".into()
        }
    );
    assert_eq!(
        c.gen.python,
        PythonGen {
            enabled: true,
            out: "proj/py/db".into(),
            is_async: true,
            driver: "aiomysql".into()
        }
    );
    assert_eq!(
        c.databases,
        vec![NamedDatabase {
            name: "analytics".into(),
            provider: Some(Dialect::Postgres),
            url_env: Some("ANALYTICS_URL".into()),
            url: None,
            schema_path: Some("proj/analytics/schema".into()),
            migrations_path: Some("proj/analytics/migrations".into()),
        }]
    );
}

#[test]
fn schema_path_is_another_name_for_schema_dir_and_may_name_a_file() {
    let c = toml("schema_path = \"db/schema.sql\"").expect("read");
    assert_eq!(c.schema_path, PathBuf::from("proj/db/schema.sql"));
    let err = toml_err("schema_dir = \"a\"\nschema_path = \"b\"");
    assert!(err.contains("key `schema_dir` is given twice"), "{err}");
}

#[test]
fn provider_accepts_every_spelling_of_a_dialect() {
    for (name, dialect) in [
        ("postgresql", Dialect::Postgres),
        ("postgres", Dialect::Postgres),
        ("mysql", Dialect::Mysql),
        ("mariadb", Dialect::Mysql),
        ("sqlite", Dialect::Sqlite),
    ] {
        let c = toml(&format!("[database]\nprovider = \"{name}\"")).expect(name);
        assert_eq!(c.database.provider, Some(dialect), "{name}");
    }
}

#[test]
fn driver_defaults_follow_the_provider_and_async() {
    let c = toml("[database]\nprovider = \"sqlite\"\n[gen.python]\nasync = true").expect("read");
    assert_eq!(c.gen.js.driver, "better-sqlite3");
    assert_eq!(c.gen.python.driver, "aiosqlite");
    let c =
        toml("[database]\nprovider = \"postgresql\"\n[gen.python]\nasync = true").expect("read");
    assert_eq!(c.gen.python.driver, "asyncpg");
    let c = toml("[database]\nprovider = \"mysql\"").expect("read");
    assert_eq!(
        (c.gen.js.driver.as_str(), c.gen.python.driver.as_str()),
        ("mysql2", "pymysql")
    );
}

#[test]
fn unknown_top_level_key_is_named_with_its_line_and_column() {
    let err = toml_err("version = \"2\"\nschema_dirr = \"db\"\n");
    assert!(
        err.starts_with("proj/flash.toml:2:1: unknown key `schema_dirr`"),
        "{err}"
    );
    assert!(
        err.contains("2 | schema_dirr = \"db\""),
        "the line is shown: {err}"
    );
}

#[test]
fn unknown_nested_key_is_named_with_its_full_path() {
    let err = toml_err("[gen.js]\nenabled = true\n  outt = \"x\"\n");
    assert!(
        err.starts_with("proj/flash.toml:3:3: unknown key `gen.js.outt`"),
        "{err}"
    );
    let err = toml_err("[database]\nprovider = \"sqlite\"\n\n[gen.rust]\nenabled = true\n");
    assert!(err.starts_with("proj/flash.toml:4:"), "{err}");
    assert!(err.contains("unknown key `gen.rust`"), "{err}");
    let err = toml_err("[[databases]]\nname = \"a\"\nurll = \"x\"\n");
    assert!(
        err.starts_with("proj/flash.toml:3:1: unknown key `databases[0].urll`"),
        "{err}"
    );
}

#[test]
fn wrongly_typed_value_names_its_key_and_line() {
    let err = toml_err("[database]\nurl_env = 5\n");
    assert!(
        err.starts_with("proj/flash.toml:2:11: key `database.url_env`: invalid type: integer `5`"),
        "{err}"
    );
    let err = toml_err("[gen.go]\nenabled = \"yes\"\n");
    assert!(
        err.starts_with("proj/flash.toml:2:11: key `gen.go.enabled`: invalid type: string"),
        "{err}"
    );
    let err = toml_err("version = 2");
    assert!(
        err.starts_with("proj/flash.toml:1:11: key `version`: invalid type: integer"),
        "{err}"
    );
}

#[test]
fn wrong_values_name_their_key_and_line() {
    let err = toml_err("[database]\nprovider = \"oracle\"\n");
    assert!(
        err.starts_with(
            "proj/flash.toml:2:12: key `database.provider`: unknown dialect \"oracle\""
        ),
        "{err}"
    );
    let err = toml_err("[gen.js]\ndriver = \"knex\"\n");
    assert!(
        err.starts_with("proj/flash.toml:2:10: key `gen.js.driver`: unknown driver \"knex\""),
        "{err}"
    );
    let err = toml_err("[[databases]]\nprovider = \"sqlite\"\n");
    assert!(
        err.contains("key `databases[0]`: missing field `name`"),
        "{err}"
    );
}

#[test]
fn toml_syntax_errors_point_at_the_spot() {
    let err = toml_err("version = \"2\"\nqueries = \n");
    assert!(err.starts_with("proj/flash.toml:2:"), "{err}");
}

#[test]
fn duplicate_database_names_are_refused() {
    let err = toml_err("[[databases]]\nname = \"a\"\n[[databases]]\nname = \"a\"\n");
    assert_eq!(
        err,
        "proj/flash.toml: two [[databases]] entries are named \"a\""
    );
}

#[test]
fn flash_orm_json_config_reads_the_same_keys() {
    let c = Config::from_json_str(
        Path::new("proj/flash.config.json"),
        r#"{
  "version": "2",
  "schema_path": "db/schema/schema.sql",
  "queries": "db/queries/",
  "migrations_path": "db/migrations",
  "export_path": "db/export",
  "database": { "provider": "postgresql", "url_env": "DATABASE_URL" },
  "gen": { "js": { "enabled": true, "out": "flash_gen" }, "python": { "enabled": false, "async": true } }
}"#,
    )
    .expect("read");
    assert_eq!(c.format, ConfigFormat::Json);
    assert_eq!(c.schema_path, PathBuf::from("proj/db/schema/schema.sql"));
    assert_eq!(c.database.provider, Some(Dialect::Postgres));
    assert_eq!(
        c.gen.js,
        GenTarget {
            enabled: true,
            out: "proj/flash_gen".into(),
            driver: "pg".into()
        }
    );
    assert_eq!(c.gen.python.driver, "asyncpg");
}

#[test]
fn json_errors_name_the_key_and_line() {
    let json = |text: &str| {
        Config::from_json_str(Path::new("flash.config.json"), text)
            .expect_err("refused")
            .to_string()
    };
    let err = json("{\n  \"version\": \"2\",\n  \"gen\": { \"js\": { \"outt\": \"x\" } }\n}");
    assert!(
        err.starts_with("flash.config.json:3:20: unknown key `gen.js.outt`"),
        "{err}"
    );
    assert!(err.contains("unknown key `gen.js.outt`"), "{err}");
    let err = json("{\n  \"database\": {\n    \"url_env\": 5\n  }\n}");
    assert!(err.starts_with("flash.config.json:3:"), "{err}");
    assert!(
        err.contains("key `database.url_env`: invalid type: integer `5`"),
        "{err}"
    );
    let err = json("{\n  \"version\": \"2\",\n}");
    assert!(err.starts_with("flash.config.json:3:"), "{err}");
    let err = json("{} {}");
    assert!(err.starts_with("flash.config.json:1:"), "{err}");
}

#[test]
fn load_picks_the_format_from_the_file_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let json = dir.path().join("flash.config.json");
    std::fs::write(&json, "{\"database\": {\"provider\": \"sqlite\"}}").expect("write");
    let c = Config::load(&json).expect("read");
    assert_eq!(
        (c.format, c.database.provider),
        (ConfigFormat::Json, Some(Dialect::Sqlite))
    );
    assert_eq!(c.root, dir.path());
    let missing = Config::load(&dir.path().join("flash.toml")).expect_err("missing");
    assert!(missing.to_string().starts_with("cannot read "), "{missing}");
}
