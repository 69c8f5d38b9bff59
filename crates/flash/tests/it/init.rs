use crate::Sandbox;

#[test]
fn init_postgresql() {
    let sandbox = Sandbox::new();
    let outcome = sandbox.flash(&["init", "--postgresql"]);
    insta::assert_snapshot!(outcome);
    assert!(sandbox
        .read("flash.toml")
        .contains("provider = \"postgresql\""));
    assert!(sandbox.read(".env").contains("DATABASE_URL=postgres://"));
    assert!(sandbox
        .read("db/schema/schema.sql")
        .contains("REFERENCES users (id)"));
    assert!(sandbox
        .read("db/queries/users.sql")
        .contains("-- name: GetUser :one"));
    assert!(sandbox.join("db/migrations").is_dir());
}

#[test]
fn init_mysql() {
    let sandbox = Sandbox::new();
    insta::assert_snapshot!(sandbox.flash(&["init", "--mysql"]));
    assert!(sandbox.read("flash.toml").contains("provider = \"mysql\""));
    assert!(sandbox.read(".env").contains("DATABASE_URL=mysql://"));
    assert!(sandbox
        .read("db/schema/schema.sql")
        .contains("AUTO_INCREMENT"));
    assert!(sandbox
        .read("db/queries/users.sql")
        .contains("WHERE id = ?"));
}

#[test]
fn init_sqlite() {
    let sandbox = Sandbox::new();
    insta::assert_snapshot!(sandbox.flash(&["init", "--sqlite"]));
    assert!(sandbox.read("flash.toml").contains("provider = \"sqlite\""));
    assert!(sandbox.read(".env").contains("DATABASE_URL=sqlite://"));
    assert!(sandbox
        .read("db/schema/schema.sql")
        .contains("AUTOINCREMENT"));
}

#[test]
fn init_defaults_to_postgresql_and_creates_the_directory() {
    let sandbox = Sandbox::new();
    let outcome = sandbox.flash(&["init", "--quiet", "apps/blog"]);
    assert_eq!(
        (
            outcome.code,
            outcome.stdout.as_str(),
            outcome.stderr.as_str()
        ),
        (Some(0), "", "")
    );
    assert!(sandbox
        .read("apps/blog/flash.toml")
        .contains("provider = \"postgresql\""));
    assert!(sandbox.join("apps/blog/db/migrations").is_dir());
}

#[test]
fn init_keeps_existing_files_unless_forced() {
    let sandbox = Sandbox::new();
    sandbox
        .write("proj/flash.toml", "# mine\n")
        .write("proj/db/schema/schema.sql", "-- mine\n");
    let kept = sandbox.flash(&["init", "--sqlite", "proj"]);
    insta::assert_snapshot!("init_keeps_existing_files", kept);
    assert_eq!(sandbox.read("proj/flash.toml"), "# mine\n");
    assert_eq!(sandbox.read("proj/db/schema/schema.sql"), "-- mine\n");

    let forced = sandbox.flash(&["init", "--sqlite", "--force", "proj"]);
    insta::assert_snapshot!("init_force_overwrites", forced);
    assert!(sandbox
        .read("proj/flash.toml")
        .contains("provider = \"sqlite\""));
    assert!(sandbox
        .read("proj/db/schema/schema.sql")
        .contains("CREATE TABLE users"));
}

#[test]
fn init_refuses_two_dialects() {
    let outcome = Sandbox::new().flash(&["init", "--mysql", "--sqlite"]);
    assert_eq!(outcome.code, Some(2), "{outcome}");
    assert!(outcome.stderr.contains("cannot be used with"), "{outcome}");
}

#[test]
fn init_into_a_file_is_an_error() {
    let sandbox = Sandbox::new();
    sandbox.write("taken", "");
    insta::assert_snapshot!(sandbox.flash(&["init", "taken"]));
}

#[test]
fn init_help_explains_the_command() {
    insta::assert_snapshot!(Sandbox::new().flash(&["init", "--help"]));
}

/// The scaffolded project is one `flash inspect` reads without any flag.
#[test]
fn scaffolded_project_inspects() {
    for dialect in ["--postgresql", "--mysql", "--sqlite"] {
        let sandbox = Sandbox::new();
        assert_eq!(sandbox.flash(&["init", "-q", dialect]).code, Some(0));
        let outcome = sandbox.flash(&["inspect", "--json"]);
        assert_eq!(outcome.code, Some(0), "{dialect}: {outcome}");
        assert!(
            outcome.stdout.starts_with("{\n  \"format_version\": 1,"),
            "{dialect}: {outcome}"
        );
    }
}

#[test]
fn init_beside_a_flash_orm_json_config_says_which_file_wins() {
    let sandbox = Sandbox::new();
    sandbox.write("flash.config.json", "{}");
    let outcome = sandbox.flash(&["init", "--sqlite"]);
    assert_eq!(outcome.code, Some(0), "{outcome}");
    assert!(
        outcome.stdout.contains(
            "note: flash.config.json is still there; flash.toml takes precedence over it"
        ),
        "{outcome}"
    );
}
