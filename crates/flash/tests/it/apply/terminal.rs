//! On a terminal (a pseudo-terminal from util-linux `script`): `flash reset` asks and takes only `reset` as a yes,
//! end of input is a no; `flash apply` draws its progress line, which pipes never get (the other tests compare
//! stdout and stderr whole).

use std::io::Write;
use std::process::{Command, Stdio};

use super::{migration, project, Db};
use crate::Sandbox;

/// Runs `flash ARGS` on a pseudo-terminal with `input` typed into it; returns the exit code and everything the
/// terminal showed.
fn on_terminal(sb: &Sandbox, db: &Db, args: &str, input: &str) -> (Option<i32>, String) {
    let line = format!("{} {args}", env!("CARGO_BIN_EXE_flash"));
    let mut child = Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .current_dir(sb.path())
        .env("DATABASE_URL", &db.url)
        .env("FLASH_NO_CACHE", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("script (util-linux) runs");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(input.as_bytes()).expect("type");
    drop(stdin);
    let out = child.wait_with_output().expect("script ends");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn reset_asks_on_a_terminal() {
    let sb = project("sqlite");
    let db = Db::new("sqlite", &sb, "reset_tty");
    migration(
        &sb,
        "20260101000001_a",
        "CREATE TABLE a (id int);",
        "DROP TABLE a;",
    );
    assert_eq!(super::flash(&sb, &db, &["apply"]).code, Some(0));

    let (code, screen) = on_terminal(&sb, &db, "reset", "no\n");
    assert_eq!(code, Some(1), "{screen}");
    assert!(screen.contains("Type `reset` to go on: "), "{screen}");
    assert!(
        screen.contains("reset cancelled: nothing was changed"),
        "{screen}"
    );
    // End of input on the terminal is a no too, at once.
    let (code, screen) = on_terminal(&sb, &db, "reset", "");
    assert_eq!(code, Some(1), "{screen}");
    assert_eq!(db.tables(), "_flash_migrations,a");

    let (code, screen) = on_terminal(&sb, &db, "reset", "reset\n");
    assert_eq!(code, Some(0), "{screen}");
    assert!(
        screen.contains("rolled back 20260101000001_a in "),
        "{screen}"
    );
    assert_eq!(db.tables(), "");
}

#[test]
fn apply_draws_progress_only_on_a_terminal() {
    let sb = project("sqlite");
    let db = Db::new("sqlite", &sb, "progress_tty");
    migration(
        &sb,
        "20260101000001_a",
        "CREATE TABLE a (id int);",
        "DROP TABLE a;",
    );
    migration(
        &sb,
        "20260101000002_b",
        "CREATE TABLE b (id int);",
        "DROP TABLE b;",
    );
    let (code, screen) = on_terminal(&sb, &db, "apply", "");
    assert_eq!(code, Some(0), "{screen}");
    assert!(
        screen.contains("] 1/2 applying 20260101000001_a ..."),
        "{screen:?}"
    );
    assert!(
        screen.contains("] 2/2 applying 20260101000002_b ..."),
        "{screen:?}"
    );
    assert!(screen.contains("applied 20260101000002_b in "), "{screen}");
}
