//! Fixture folders turned into snapshot tests: `tests/fixtures/<dialect>/ok/*.sql` must parse, and their model is
//! snapshotted as JSON; `tests/fixtures/<dialect>/err/*.sql` must fail, and the rendered diagnostic is snapshotted.
//! Adding a case is adding a file. Snapshots are named `<dialect>_ok@<file>` / `<dialect>_err@<file>`.

use std::path::Path;

use flash_core::Dialect;
use flash_parse::{parse_str, ParseError};

/// The fixture path relative to the fixtures folder, so snapshots do not depend on where the repo is checked out.
fn relative(path: &Path) -> String {
    let text = path.display().to_string();
    match text.find("fixtures/") {
        Some(i) => text[i..].to_string(),
        None => text,
    }
}

fn check_ok(dialect: Dialect, path: &Path) {
    let text = std::fs::read_to_string(path).expect("fixture is readable");
    match parse_str(dialect, &relative(path), &text) {
        Ok(schema) => insta::assert_json_snapshot!(format!("{dialect}_ok"), schema),
        Err(e) => panic!("{} should parse:\n{e}", path.display()),
    }
}

fn check_err(dialect: Dialect, path: &Path) {
    let text = std::fs::read_to_string(path).expect("fixture is readable");
    match parse_str(dialect, &relative(path), &text) {
        Ok(_) => panic!("{} should fail to parse", path.display()),
        Err(ParseError::Invalid(d)) => {
            insta::assert_snapshot!(format!("{dialect}_err"), d.to_string())
        }
        Err(e) => panic!("{} failed with a non-diagnostic error: {e}", path.display()),
    }
}

#[test]
fn postgres_ok() {
    insta::glob!("fixtures/postgres/ok/*.sql", |p| check_ok(
        Dialect::Postgres,
        p
    ));
}

#[test]
fn postgres_err() {
    insta::glob!("fixtures/postgres/err/*.sql", |p| check_err(
        Dialect::Postgres,
        p
    ));
}

#[test]
fn mysql_ok() {
    insta::glob!("fixtures/mysql/ok/*.sql", |p| check_ok(Dialect::Mysql, p));
}

#[test]
fn mysql_err() {
    insta::glob!("fixtures/mysql/err/*.sql", |p| check_err(Dialect::Mysql, p));
}

#[test]
fn sqlite_ok() {
    insta::glob!("fixtures/sqlite/ok/*.sql", |p| check_ok(Dialect::Sqlite, p));
}

#[test]
fn sqlite_err() {
    insta::glob!("fixtures/sqlite/err/*.sql", |p| check_err(
        Dialect::Sqlite,
        p
    ));
}
