//! The schema-only dump of a real database holding every object kind, produced by `mysqldump --no-data` from the
//! running MariaDB server and parsed back. A server that cannot be reached fails the test: it never skips.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use flash_core::{Dialect, QualName, RoutineKind};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/mysql/live/every_kind.sql"
);

fn client(program: &str, args: &[&str], stdin: Option<&str>) -> std::io::Result<Output> {
    let mut child = Command::new(program)
        .args(["-uroot", "-h127.0.0.1"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    if let Some(mut pipe) = child.stdin.take() {
        pipe.write_all(stdin.unwrap_or("").as_bytes())?;
    }
    child.wait_with_output()
}

/// Drops the scratch database however the test ends.
struct Scratch(String);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = client(
            "mariadb",
            &["-e", &format!("DROP DATABASE IF EXISTS `{}`", self.0)],
            None,
        );
    }
}

#[test]
fn mysqldump_of_a_live_database_parses_back() {
    let name = format!("flash_parse_live_{}", std::process::id());
    match client(
        "mariadb",
        &["-e", &format!("CREATE DATABASE `{name}`")],
        None,
    ) {
        Ok(out) if out.status.success() => {}
        other => panic!("cannot create a database on the MariaDB server at 127.0.0.1: {other:?}"),
    }
    let scratch = Scratch(name);
    let ddl = std::fs::read_to_string(FIXTURE).expect("fixture is readable");
    let load = client("mariadb", &[&scratch.0], Some(&ddl)).expect("mariadb runs");
    assert!(
        load.status.success(),
        "loading failed: {}",
        String::from_utf8_lossy(&load.stderr)
    );
    let dump = client(
        "mysqldump",
        &["--no-data", "--routines", "--triggers", &scratch.0],
        None,
    )
    .expect("mysqldump runs");
    assert!(
        dump.status.success(),
        "mysqldump failed: {}",
        String::from_utf8_lossy(&dump.stderr)
    );
    let text = String::from_utf8_lossy(&dump.stdout).into_owned();

    let schema = match crate::parse_str(Dialect::Mysql, "dump.sql", &text) {
        Ok(schema) => schema,
        Err(e) => panic!("the dump does not parse:\n{e}\n--- dump ---\n{text}"),
    };
    let users = schema
        .tables
        .get(&QualName::new("", "users"))
        .expect("users");
    let email = users.column("email").expect("email column");
    assert_eq!(email.data_type.to_string(), "varchar(255)");
    assert!(!email.nullable);
    let updated = users.column("updated_at").expect("updated_at column");
    assert_eq!(updated.default.as_deref(), Some("current_timestamp(3)"));
    assert_eq!(updated.on_update.as_deref(), Some("current_timestamp(3)"));
    assert_eq!(
        users.column("balance").and_then(|c| c.default.as_deref()),
        Some("0.00")
    );
    assert_eq!(
        users.column("flags").and_then(|c| c.default.as_deref()),
        Some("b'0'")
    );
    assert!(users
        .column("email_len")
        .and_then(|c| c.generated.as_ref())
        .is_some_and(|g| g.stored));
    assert_eq!(
        users.options.get("engine").map(String::as_str),
        Some("InnoDB")
    );
    assert_eq!(users.comment.as_deref(), Some("application users"));
    assert!(users
        .checks
        .iter()
        .any(|c| c.name.as_deref() == Some("chk_balance")));

    let posts = schema
        .tables
        .get(&QualName::new("", "posts"))
        .expect("posts");
    assert_eq!(posts.foreign_keys.len(), 1);
    let methods: Vec<(&str, Option<&str>)> = schema
        .indexes
        .iter()
        .map(|i| (i.name.as_str(), i.method.as_deref()))
        .collect();
    for expected in [
        ("ft_bio", Some("fulltext")),
        ("sp_geo", Some("spatial")),
        ("users_email", Some("btree")),
        ("idx_posts_title", Some("btree")),
    ] {
        assert!(methods.contains(&expected), "{expected:?} in {methods:?}");
    }
    let view = schema
        .views
        .get(&QualName::new("", "post_counts"))
        .expect("the final view, not the placeholder");
    assert!(
        view.query.to_ascii_lowercase().contains("group by"),
        "{}",
        view.query
    );
    // MariaDB cannot MERGE a view with GROUP BY and stores UNDEFINED, the default, which is left out.
    assert_eq!(view.options.get("algorithm"), None);
    assert_eq!(
        view.options.get("sql_security").map(String::as_str),
        Some("INVOKER")
    );
    assert_eq!(schema.triggers.len(), 1);
    let kinds: Vec<RoutineKind> = schema.routines.iter().map(|r| r.kind).collect();
    assert!(kinds.contains(&RoutineKind::Procedure) && kinds.contains(&RoutineKind::Function));
}
