//! Which changes SQLite makes in place and which take a rebuild, and what a rebuild carries along.

use flash_core::Dialect;

fn script(from: &str, to: &str) -> String {
    let parse = |sql: &str| {
        flash_parse::parse_str(Dialect::Sqlite, "schema.sql", sql).unwrap_or_else(|e| panic!("{e}"))
    };
    match crate::plan(&parse(from), &parse(to)) {
        Ok(plan) => plan.script(),
        Err(e) => panic!("{e}"),
    }
}

fn rebuilds(script: &str) -> usize {
    script.matches("CREATE TABLE new_").count()
}

#[test]
fn add_column_in_place_only_when_sqlite_allows_it() {
    let from = "CREATE TABLE t (id INTEGER PRIMARY KEY);";
    let plain = script(
        from,
        "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT NOT NULL DEFAULT 'x');",
    );
    assert!(
        plain.contains("ALTER TABLE t ADD COLUMN a TEXT NOT NULL DEFAULT 'x'"),
        "{plain}"
    );
    assert!(!plain.contains("PRAGMA"), "{plain}");
    for to in [
        "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT DEFAULT CURRENT_TIMESTAMP);",
        "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT NOT NULL);",
        "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT UNIQUE);",
        "CREATE TABLE t (id INTEGER PRIMARY KEY, a INT GENERATED ALWAYS AS (id * 2) STORED);",
    ] {
        let s = script(from, to);
        assert_eq!(rebuilds(&s), 1, "{to}:\n{s}");
        assert!(s.starts_with("PRAGMA foreign_keys = OFF;\nBEGIN;\n"), "{s}");
        assert!(
            s.ends_with("PRAGMA foreign_key_check;\nCOMMIT;\nPRAGMA foreign_keys = ON;\n"),
            "{s}"
        );
    }
}

#[test]
fn drop_column_in_place_unless_something_kept_uses_it() {
    let from =
        "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT); CREATE INDEX t_b ON t (b);";
    let free = script(
        from,
        "CREATE TABLE t (id INTEGER PRIMARY KEY, b TEXT); CREATE INDEX t_b ON t (b);",
    );
    assert!(free.contains("ALTER TABLE t DROP COLUMN a"), "{free}");
    let gone_with_index = script(from, "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT);");
    assert!(
        gone_with_index.contains("ALTER TABLE t DROP COLUMN b"),
        "{gone_with_index}"
    );
    let checked = script(
        "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT CHECK (a <> ''), b TEXT);",
        "CREATE TABLE t (id INTEGER PRIMARY KEY, b TEXT);",
    );
    assert_eq!(rebuilds(&checked), 1, "{checked}");
}

#[test]
fn several_changes_to_one_table_are_one_rebuild_keeping_what_hangs_off_it() {
    let s = script(
        "CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER, b TEXT);
         CREATE INDEX t_a ON t (a);
         CREATE VIEW v AS SELECT a FROM t;
         CREATE VIEW w AS SELECT a FROM v;
         CREATE TABLE log (x);
         CREATE TRIGGER t_log AFTER INSERT ON t BEGIN INSERT INTO log VALUES (NEW.a); END;",
        "CREATE TABLE t (id INTEGER PRIMARY KEY, a REAL NOT NULL DEFAULT 0, b TEXT CHECK (b <> ''), c TEXT UNIQUE);
         CREATE INDEX t_a ON t (a);
         CREATE VIEW v AS SELECT a FROM t;
         CREATE VIEW w AS SELECT a FROM v;
         CREATE TABLE log (x);
         CREATE TRIGGER t_log AFTER INSERT ON t BEGIN INSERT INTO log VALUES (NEW.a); END;",
    );
    assert_eq!(rebuilds(&s), 1, "{s}");
    for line in [
        "DROP VIEW v;",
        "DROP VIEW w;",
        "DROP TRIGGER t_log;",
        "INSERT INTO new_t (id, a, b) SELECT id, coalesce(a, 0), b FROM t;",
        "ALTER TABLE new_t RENAME TO t;",
        "CREATE INDEX t_a ON t (a);",
        "CREATE VIEW v AS SELECT a FROM t;",
        "CREATE VIEW w AS SELECT a FROM v;",
    ] {
        assert!(s.lines().any(|l| l == line), "missing {line}:\n{s}");
    }
    let position = |l: &str| s.find(l).unwrap_or(usize::MAX);
    assert!(
        position("CREATE VIEW v ") < position("CREATE VIEW w "),
        "{s}"
    );
    assert!(
        position("DROP VIEW") < position("CREATE TABLE new_t"),
        "{s}"
    );
}

#[test]
fn references_follow_a_rename_without_a_rebuild() {
    let s = script(
        "CREATE TABLE a (id INTEGER PRIMARY KEY); CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a (id));",
        "-- flash:renamed-from a\nCREATE TABLE z (id INTEGER PRIMARY KEY); CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES z (id));",
    );
    assert_eq!(s, "BEGIN;\nALTER TABLE a RENAME TO z;\nCOMMIT;\n");
}

#[test]
fn conflict_clauses_survive_a_rebuild() {
    let s = script(
        "CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT UNIQUE ON CONFLICT REPLACE, v TEXT);",
        "CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT UNIQUE ON CONFLICT REPLACE, v TEXT NOT NULL DEFAULT '');",
    );
    assert!(s.contains("k TEXT UNIQUE ON CONFLICT REPLACE"), "{s}");
}

/// Runs `sql` on the database file at `path` with foreign keys enforced, as the migration tool would.
fn sqlite(path: &std::path::Path, sql: &str) {
    let out = std::process::Command::new("sqlite3")
        .arg("-bail")
        .arg(path)
        .arg(format!("PRAGMA foreign_keys = ON;\n{sql}"))
        .output()
        .unwrap_or_else(|e| panic!("sqlite3: {e}"));
    assert!(
        out.status.success(),
        "sqlite3 failed on\n{sql}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The plan from `from` to `to`, applied over `rows` on a real database, gives `to`'s catalog.
fn converges(name: &str, from: &str, rows: &str, to: &str) {
    let dir = std::env::temp_dir();
    let [migrated, target] = ["migrated", "target"].map(|k| {
        let p = dir.join(format!(
            "flash_sqlite_render_{}_{name}_{k}.db",
            std::process::id()
        ));
        let _ = std::fs::remove_file(&p);
        p
    });
    sqlite(&migrated, from);
    sqlite(&migrated, rows);
    sqlite(&migrated, &script(from, to));
    sqlite(&target, to);
    let (got, want) = (
        flash_test::catalog::sqlite_catalog(&migrated),
        flash_test::catalog::sqlite_catalog(&target),
    );
    for p in [&migrated, &target] {
        let _ = std::fs::remove_file(p);
    }
    assert_eq!(got, want);
}

#[test]
fn a_replaced_view_gets_its_instead_of_trigger_back() {
    let trigger =
        "CREATE TRIGGER v_ins INSTEAD OF INSERT ON v BEGIN INSERT INTO t (a) VALUES (NEW.a); END;";
    converges(
        "instead_of",
        &format!("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT); CREATE VIEW v AS SELECT a FROM t; {trigger}"),
        "INSERT INTO t (a) VALUES ('x');",
        &format!("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT); CREATE VIEW v AS SELECT a, id FROM t; {trigger}"),
    );
}

#[test]
fn a_rebuild_puts_back_views_over_views_and_triggers_elsewhere_that_name_the_table() {
    let rest = "CREATE VIEW v AS SELECT a FROM t; CREATE VIEW w AS SELECT a FROM v;
        CREATE TABLE log (x TEXT);
        CREATE TRIGGER log_t AFTER INSERT ON log BEGIN INSERT INTO t (a) VALUES (NEW.x); END;
        CREATE TRIGGER w_ins INSTEAD OF INSERT ON w BEGIN INSERT INTO log VALUES (NEW.a); END;";
    converges(
        "dependents",
        &format!("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT); {rest}"),
        "INSERT INTO t (a) VALUES ('x'), (NULL); INSERT INTO log VALUES ('y');",
        &format!("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT NOT NULL DEFAULT '-'); {rest}"),
    );
}

#[test]
fn the_new_table_does_not_take_an_existing_name() {
    let new_t = "CREATE TABLE new_t (id INTEGER PRIMARY KEY);";
    converges(
        "new_name",
        &format!("CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER); {new_t}"),
        "INSERT INTO t (a) VALUES (1); INSERT INTO new_t VALUES (1);",
        &format!("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT); {new_t}"),
    );
}
