//! Configuration problems as the CLI reports them.

use crate::Sandbox;

#[test]
fn unknown_flash_toml_key_names_key_and_line() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "flash.toml",
        "version = \"2\"\n\n[database]\nprovider = \"sqlite\"\nurl_envv = \"X\"\n",
    );
    insta::assert_snapshot!(sandbox.flash(&["inspect"]));
}

#[test]
fn wrongly_typed_flash_toml_value_names_key_and_line() {
    let sandbox = Sandbox::new();
    sandbox.write("flash.toml", "[gen.python]\nasync = \"yes\"\n");
    insta::assert_snapshot!(sandbox.flash(&["inspect"]));
}

#[test]
fn db_unknown_name_lists_the_known_ones() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "flash.toml",
        "[database]\nprovider = \"postgresql\"\n\n[[databases]]\nname = \"main\"\n\n[[databases]]\nname = \"analytics\"\n",
    );
    insta::assert_snapshot!(sandbox.flash(&["--db", "staging", "inspect"]));
}

#[test]
fn db_entry_supplies_schema_dir_and_provider() {
    let sandbox = Sandbox::new();
    sandbox
        .write(
            "flash.toml",
            "[database]\nprovider = \"postgresql\"\n\n[[databases]]\nname = \"cache\"\nprovider = \"sqlite\"\n\
             schema_dir = \"cache_schema\"\n",
        )
        .write("cache_schema/a.sql", "");
    let outcome = sandbox.flash(&["inspect", "--db", "cache"]);
    assert_eq!(outcome.code, Some(0), "{outcome}");
    assert!(
        outcome.stdout.starts_with("cache_schema (sqlite):"),
        "{outcome}"
    );
}

#[test]
fn db_url_names_the_dialect() {
    let sandbox = Sandbox::new();
    sandbox.write("schema.sql", "");
    let outcome = sandbox.flash(&[
        "inspect",
        "--from",
        "schema.sql",
        "--db",
        "mysql://root@127.0.0.1/app",
    ]);
    assert!(
        outcome.stdout.starts_with("schema.sql (mysql):"),
        "{outcome}"
    );
}

#[test]
fn explicit_config_path_is_used() {
    let sandbox = Sandbox::new();
    sandbox
        .write("conf/flash.toml", "[database]\nprovider = \"sqlite\"\n")
        .write("conf/db/schema/a.sql", "");
    let outcome = sandbox.flash(&["inspect", "--config", "conf/flash.toml"]);
    assert_eq!(outcome.code, Some(0), "{outcome}");
    assert!(
        outcome.stdout.starts_with("conf/db/schema (sqlite):"),
        "{outcome}"
    );
    let missing = sandbox.flash(&["inspect", "--config", "nope.toml"]);
    assert_eq!(missing.code, Some(1), "{missing}");
    assert!(
        missing.stderr.starts_with("error: cannot read nope.toml:"),
        "{missing}"
    );
}

#[test]
fn dotenv_beside_flash_toml_is_loaded_without_overriding_the_environment() {
    let sandbox = Sandbox::new();
    sandbox
        .write("flash.toml", "[database]\nurl_env = \"FLASH_IT_URL\"\n")
        .write(".env", "FLASH_IT_URL=sqlite://app.db\n")
        .write("db/schema/a.sql", "");
    // No provider in flash.toml: the scheme of the URL found through url_env names the dialect.
    let outcome = sandbox.flash(&["inspect"]);
    assert!(
        outcome.stdout.starts_with("db/schema (sqlite):"),
        "{outcome}"
    );
    let outcome = sandbox.flash_with_env(&["inspect"], &[("FLASH_IT_URL", "mysql://root@h/app")]);
    assert!(
        outcome.stdout.starts_with("db/schema (mysql):"),
        "{outcome}"
    );
}
