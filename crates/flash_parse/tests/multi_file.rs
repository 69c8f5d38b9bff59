//! A table spread over several files: later files extend it with ALTER TABLE, CREATE INDEX and COMMENT ON, in path
//! order; a statement that reaches for a table from a later file is an error.

use flash_core::{Dialect, QualName};
use flash_parse::{parse_path, ParseError};

fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
    dir
}

#[test]
fn later_files_extend_earlier_tables_in_path_order() {
    let dir = project(&[
        (
            "01_users.sql",
            "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);",
        ),
        (
            "02_profile/extra.sql",
            "ALTER TABLE users ADD COLUMN bio text;\n\
             CREATE INDEX users_email_idx ON users (email);\n\
             COMMENT ON COLUMN users.bio IS 'About me';\n\
             CREATE TABLE posts (id bigint PRIMARY KEY, author bigint REFERENCES users);",
        ),
        ("notes.txt", "not sql"),
    ]);
    let schema = parse_path(Dialect::Postgres, dir.path()).expect("parses");
    let users = schema
        .tables
        .get(&QualName::new("public", "users"))
        .expect("users");
    let columns: Vec<&str> = users.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(columns, ["id", "email", "bio"]);
    assert_eq!(
        users.column("bio").and_then(|c| c.comment.as_deref()),
        Some("About me")
    );
    assert_eq!(schema.indexes.len(), 1);
    let posts = schema
        .tables
        .get(&QualName::new("public", "posts"))
        .expect("posts");
    assert_eq!(
        posts.foreign_keys[0].ref_columns,
        ["id"],
        "REFERENCES users means users' primary key"
    );
}

#[test]
fn an_alter_before_the_table_exists_points_at_the_alter() {
    let dir = project(&[
        ("a.sql", "ALTER TABLE users ADD COLUMN bio text;"),
        ("b.sql", "CREATE TABLE users (id bigint);"),
    ]);
    match parse_path(Dialect::Postgres, dir.path()) {
        Err(ParseError::Invalid(d)) => {
            assert!(d.path.ends_with("a.sql"), "{}", d.path.display());
            assert_eq!((d.span.line, d.span.col), (1, 13));
            assert_eq!(d.message, "table \"public.users\" does not exist");
        }
        other => panic!("expected a diagnostic, got {other:?}"),
    }
}

#[test]
fn a_missing_path_is_an_io_error_naming_it() {
    let err = parse_path(Dialect::Postgres, std::path::Path::new("/no/such/schema"))
        .expect_err("missing");
    assert!(err.to_string().starts_with("/no/such/schema: "), "{err}");
}
