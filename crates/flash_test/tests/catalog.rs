//! The convergence corpus (`tests/convergence/<dialect>/<case>/`) against the real servers, before Flash's differ
//! exists: every `after.sql` loads and describes the same twice (so the catalog text is deterministic and names no
//! database), `before.sql` and `after.sql` describe differently unless the case says it is a no-op, and the rows of
//! `rows.sql` load over `before.sql` and read back.
//!
//! A case is a no-op when the first line of its `after.sql` (the README line) contains `(no-op)`.

use std::fs;
use std::path::{Path, PathBuf};

use flash_test::catalog::{catalog, sqlite_catalog, sqlite_table_rows, table_rows};
use flash_test::TestDatabase;

struct Case {
    name: String,
    before: String,
    after: String,
    rows: String,
}

impl Case {
    fn is_noop(&self) -> bool {
        self.after
            .lines()
            .next()
            .is_some_and(|l| l.contains("(no-op)"))
    }
}

fn corpus(dialect: &str) -> Vec<Case> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/convergence")
        .join(dialect);
    let mut dirs: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs.into_iter()
        .map(|path| {
            let read = |file: &str| {
                fs::read_to_string(path.join(file))
                    .unwrap_or_else(|e| panic!("{}/{file}: {e}", path.display()))
            };
            let case = Case {
                name: path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                before: read("before.sql"),
                after: read("after.sql"),
                rows: read("rows.sql"),
            };
            assert!(
                case.after.starts_with("-- README:"),
                "{}: after.sql must open with a `-- README:` line saying what the case exercises",
                case.name
            );
            case
        })
        .collect()
}

/// The tables `rows.sql` inserts into, as written after `INSERT INTO`, with how many rows each statement's VALUES
/// list holds (top-level parenthesized groups up to the statement's `;`).
fn inserted_rows(rows: &str) -> Vec<(String, usize)> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    let upper = rows.to_ascii_uppercase();
    let mut from = 0;
    while let Some(found) = upper.get(from..).and_then(|r| r.find("INSERT INTO ")) {
        let start = from + found + "INSERT INTO ".len();
        let rest = rows.get(start..).unwrap_or("");
        let name: String = rest
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '(')
            .collect();
        let after_values = upper
            .get(start..)
            .and_then(|r| r.find("VALUES"))
            .map(|v| start + v + "VALUES".len())
            .unwrap_or(rows.len());
        let (mut depth, mut in_string, mut tuples, mut end) = (0usize, false, 0usize, rows.len());
        for (i, c) in rows.get(after_values..).unwrap_or("").char_indices() {
            match c {
                '\'' => in_string = !in_string,
                '(' if !in_string => {
                    if depth == 0 {
                        tuples += 1;
                    }
                    depth += 1;
                }
                ')' if !in_string => depth = depth.saturating_sub(1),
                ';' if !in_string && depth == 0 => {
                    end = after_values + i;
                    break;
                }
                _ => {}
            }
        }
        match counts.iter_mut().find(|(t, _)| *t == name) {
            Some((_, n)) => *n += tuples,
            None => counts.push((name, tuples)),
        }
        from = end.max(start);
    }
    counts
}

#[test]
fn counts_inserted_rows() {
    assert_eq!(
        inserted_rows(
            "INSERT INTO a VALUES (1, 'x(;'), (2, f(3));\ninsert into \"B\" (id) values (1);\nINSERT INTO a VALUES (3);"
        ),
        [("a".to_string(), 3), ("\"B\"".to_string(), 1)]
    );
}

/// Runs `check` on every case, four workers: each case needs three databases, and the suite must stay quick.
fn each_case(cases: &[Case], check: impl Fn(&Case) + Sync) {
    let failures: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = cases
            .chunks(cases.len().div_ceil(4).max(1))
            .map(|chunk| {
                let check = &check;
                scope.spawn(move || {
                    let mut failed = Vec::new();
                    for case in chunk {
                        if let Err(panic) =
                            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(case)))
                        {
                            let message = panic
                                .downcast_ref::<String>()
                                .cloned()
                                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                                .unwrap_or_default();
                            failed.push(format!("{}: {message}", case.name));
                        }
                    }
                    failed
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|_| vec!["worker died".into()]))
            .collect()
    });
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

fn server_case(case: &Case, new_db: fn(&str) -> TestDatabase) {
    let target = new_db("conv_after");
    target.run_sql(&case.after);
    let again = new_db("conv_again");
    again.run_sql(&case.after);
    let after_catalog = catalog(&target);
    assert!(
        !after_catalog.contains(&target.name),
        "the catalog names the database:\n{after_catalog}"
    );
    assert_eq!(
        after_catalog,
        catalog(&again),
        "after.sql describes differently in two databases"
    );

    let source = new_db("conv_before");
    source.run_sql(&case.before);
    let before_catalog = catalog(&source);
    if case.is_noop() {
        assert_eq!(
            before_catalog, after_catalog,
            "a no-op case changes the catalog"
        );
    } else {
        assert_ne!(
            before_catalog, after_catalog,
            "before.sql and after.sql describe the same"
        );
    }
    source.run_sql(&case.rows);
    for (table, count) in inserted_rows(&case.rows) {
        assert_eq!(
            table_rows(&source, &table).len(),
            count,
            "rows.sql inserted {count} row(s) into {table}"
        );
    }
}

#[test]
fn postgres_corpus() {
    let cases = corpus("postgres");
    each_case(&cases, |case| server_case(case, TestDatabase::postgres));
}

#[test]
fn mysql_corpus() {
    let cases = corpus("mysql");
    each_case(&cases, |case| server_case(case, TestDatabase::mysql));
}

fn sqlite_load(path: &Path, sql: &str) {
    let out = std::process::Command::new("sqlite3")
        .arg("-bail")
        .arg(path)
        .arg(format!("PRAGMA foreign_keys = ON;\n{sql}"))
        .output()
        .expect("sqlite3 is installed");
    assert!(
        out.status.success(),
        "sqlite3 failed on {}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn sqlite_corpus() {
    let cases = corpus("sqlite");
    each_case(&cases, |case| {
        let dir = tempfile::tempdir().expect("temp dir");
        let [target, again, source] =
            ["after.db", "again.db", "before.db"].map(|f| dir.path().join(f));
        sqlite_load(&target, &case.after);
        sqlite_load(&again, &case.after);
        let after_catalog = sqlite_catalog(&target);
        assert_eq!(
            after_catalog,
            sqlite_catalog(&again),
            "after.sql describes differently twice"
        );
        sqlite_load(&source, &case.before);
        let before_catalog = sqlite_catalog(&source);
        if case.is_noop() {
            assert_eq!(
                before_catalog, after_catalog,
                "a no-op case changes the catalog"
            );
        } else {
            assert_ne!(
                before_catalog, after_catalog,
                "before.sql and after.sql describe the same"
            );
        }
        sqlite_load(&source, &case.rows);
        for (table, count) in inserted_rows(&case.rows) {
            assert_eq!(
                sqlite_table_rows(&source, &table).len(),
                count,
                "rows.sql inserted {count} row(s) into {table}"
            );
        }
    });
}

/// The catalog text carries the facts it promises, so equal texts mean equal schemas and not two empty readings.
#[test]
fn catalogs_show_the_facts_a_migration_changes() {
    let pg = TestDatabase::postgres("catalog_facts");
    pg.run_sql(
        "CREATE TYPE mood AS ENUM ('sad', 'ok');
         CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, m mood NOT NULL DEFAULT 'ok',
                         x text CHECK (length(x) > 1));
         CREATE INDEX t_x_idx ON t (lower(x)) INCLUDE (m) WHERE id > 3;
         COMMENT ON COLUMN t.x IS 'the x';
         ALTER TABLE t ENABLE ROW LEVEL SECURITY;
         CREATE POLICY p ON t USING (id > 0);
         CREATE RULE t_keep AS ON DELETE TO t WHERE old.id < 10 DO INSTEAD NOTHING;
         COMMENT ON RULE t_keep ON t IS 'small ids stay';
         CREATE TABLE _flash_migrations (id int);",
    );
    let text = catalog(&pg);
    for fact in [
        "type public.mood kind=e acl=",
        " labels='sad','ok'",
        "column public.t.m type=mood not_null=t default='ok'::mood identity= generated=",
        "column public.t.id type=integer not_null=t default= identity=a",
        "constraint public.t t_x_check type=c def=CHECK ((length(x) > 1))",
        "index public.t_x_idx def=CREATE INDEX t_x_idx ON public.t USING btree (lower(x)) INCLUDE (m) WHERE (id > 3)",
        "comment on table column public.t.x is 'the x'",
        "relation public.t kind=r persistence=p rls=t",
        "policy public.t p cmd=* permissive=t roles=public using=(id > 0) check=",
        "rule public.t t_keep enabled=O def=CREATE RULE t_keep AS\\n    ON DELETE TO public.t\\n   WHERE (old.id < 10) DO INSTEAD NOTHING;",
        "comment on rule t_keep on public.t is 'small ids stay'",
    ] {
        assert!(text.contains(fact), "missing {fact:?} in:\n{text}");
    }
    assert!(!text.contains("_flash_migrations"), "{text}");

    let my = TestDatabase::mysql("catalog_facts");
    my.run_sql(
        "CREATE TABLE t (id int PRIMARY KEY, s enum('a','b') NOT NULL DEFAULT 'a', q int, CONSTRAINT q_pos CHECK (q > 0));
         CREATE VIEW v AS SELECT id FROM t;
         CREATE SEQUENCE s START WITH 100 INCREMENT BY 5;",
    );
    let text = catalog(&my);
    for fact in [
        "column t.s type= enum('a','b') nullable= NO default= 'a'",
        "constraint t.q_pos type= CHECK columns= references=  check= `q` > 0",
        "sequence s CREATE SEQUENCE `s` start with 100 minvalue 1",
        "view v check_option= NONE security= DEFINER algorithm= UNDEFINED def= select `t`.`id` AS `id` from `t`",
    ] {
        assert!(text.contains(fact), "missing {fact:?} in:\n{text}");
    }
    assert!(!text.contains(&my.name), "{text}");

    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("facts.db");
    sqlite_load(
        &path,
        "CREATE TABLE t (id INTEGER PRIMARY KEY, x TEXT NOT NULL DEFAULT 'a' CHECK (x <> ''),
                         g INTEGER AS (id * 2) STORED);
         CREATE INDEX t_x ON t (x) WHERE x > 'b';",
    );
    let text = sqlite_catalog(&path);
    for fact in [
        "check t.x (x<>'')",
        "column t.x type=TEXT not_null=1 default='a' pk=0 hidden=0",
        "column t.g type=INTEGER not_null=0 default=<none> pk=0 hidden=3",
        "index t.t_x unique=0 origin=c partial=1 columns=x 0 BINARY",
        "index t_x sql=create index t_x on t(x) where x>'b'",
    ] {
        assert!(text.contains(fact), "missing {fact:?} in:\n{text}");
    }
}

/// Column order is not a fact (see `flash_test::catalog`): a plan that adds a column puts it last.
#[test]
fn column_order_is_not_a_fact() {
    let [first, second] = ["order_a", "order_b"].map(TestDatabase::postgres);
    first.run_sql("CREATE TABLE t (a int, b text NOT NULL);");
    second.run_sql("CREATE TABLE t (b text NOT NULL); ALTER TABLE t ADD COLUMN a int;");
    assert_eq!(catalog(&first), catalog(&second));
    let [first, second] = ["order_a", "order_b"].map(TestDatabase::mysql);
    first.run_sql("CREATE TABLE t (a int, b text NOT NULL);");
    second.run_sql("CREATE TABLE t (b text NOT NULL, a int);");
    assert_eq!(catalog(&first), catalog(&second));
}

/// Privileges are facts as they are in force: an ACL PostgreSQL has written out equals the NULL ACL of a new object
/// when it holds the same privileges (no GRANT or REVOKE ever writes NULL back), and a revoked default is a fact.
/// When a trigger fires is a fact.
#[test]
fn privileges_in_force_and_trigger_firing_are_facts() {
    let schema = "CREATE TABLE t (id int, b text);
                  CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
                  CREATE TRIGGER g BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();";
    let [fresh, restored, changed] =
        ["acl_fresh", "acl_restored", "acl_changed"].map(TestDatabase::postgres);
    fresh.run_sql(schema);
    restored.run_sql(schema);
    restored.run_sql(
        "GRANT SELECT, UPDATE (b) ON t TO PUBLIC; REVOKE SELECT, UPDATE (b) ON t FROM PUBLIC;
         REVOKE EXECUTE ON FUNCTION f() FROM PUBLIC; GRANT EXECUTE ON FUNCTION f() TO PUBLIC;
         ALTER TABLE t DISABLE TRIGGER g; ALTER TABLE t ENABLE TRIGGER g;",
    );
    assert_eq!(catalog(&fresh), catalog(&restored));
    let base = catalog(&fresh);
    for change in [
        "REVOKE EXECUTE ON FUNCTION f() FROM PUBLIC",
        "GRANT UPDATE (b) ON t TO PUBLIC",
        "ALTER TABLE t DISABLE TRIGGER g",
        "ALTER TABLE t ENABLE REPLICA TRIGGER g",
    ] {
        changed.run_sql(&format!(
            "DROP TABLE IF EXISTS t; DROP FUNCTION IF EXISTS f(); {schema} {change};"
        ));
        assert_ne!(catalog(&changed), base, "{change} is not seen");
    }
}
