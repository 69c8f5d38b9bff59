//! Real schema-only dumps parsed back: `tests/dumps/<dialect>_every_object.sql` is loaded into a fresh database on the
//! running server, dumped with the server's own tool (`pg_dump --schema-only`, `mysqldump --no-data`), and the dump
//! must parse into a model that holds every object with the expected count and matches the snapshot in
//! `tests/dumps/snapshots/`.
//!
//! Each expected count is checked twice: against the server's catalog (so the fixture and this list cannot drift
//! apart) and against the parsed model.

use std::path::PathBuf;

use flash_core::{Dialect, Schema};
use flash_parse::parse_str;
use flash_test::TestDatabase;

fn dumps_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/dumps")
}

fn read_fixture(name: &str) -> String {
    let path = dumps_dir().join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Keeps the dump where a failing run can be looked at.
fn keep_dump(name: &str, dump: &str) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    if let Err(e) = std::fs::write(&path, dump) {
        eprintln!("could not keep the dump at {}: {e}", path.display());
    }
    path
}

fn parse_dump(dialect: Dialect, name: &str, dump: &str) -> Schema {
    let kept = keep_dump(name, dump);
    match parse_str(dialect, name, dump) {
        Ok(schema) => schema,
        Err(e) => panic!(
            "the {dialect} dump does not parse (dump kept at {}):\n{e}",
            kept.display()
        ),
    }
}

/// One object kind: its expected count, how the catalog counts it, and how the model counts it.
struct Kind {
    name: &'static str,
    expected: usize,
    catalog: &'static str,
    model: fn(&Schema) -> usize,
}

fn check_counts(db: &TestDatabase, schema: Option<&Schema>, kinds: &[Kind]) {
    let mut wrong = Vec::new();
    for kind in kinds {
        let in_catalog = db
            .run_sql(kind.catalog)
            .trim()
            .parse::<usize>()
            .unwrap_or(usize::MAX);
        assert_eq!(
            in_catalog, kind.expected,
            "the fixture no longer holds {} {}: update the fixture or the expected count",
            kind.expected, kind.name
        );
        if let Some(schema) = schema {
            let in_model = (kind.model)(schema);
            if in_model != kind.expected {
                wrong.push(format!(
                    "{}: expected {}, the model has {in_model}",
                    kind.name, kind.expected
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "object counts differ from the database:\n  {}",
        wrong.join("\n  ")
    );
}

// ---------------------------------------------------------------------------------------------------------------
// PostgreSQL

fn postgres_kinds() -> Vec<Kind> {
    vec![
        Kind {
            name: "schemas (besides public)",
            expected: 2,
            catalog: "SELECT count(*) FROM pg_namespace n WHERE nspname NOT IN ('public', 'information_schema') \
                      AND nspname NOT LIKE 'pg\\_%';",
            model: |s| s.namespaces.iter().filter(|n| n.name != "public").count(),
        },
        Kind {
            name: "extensions (besides plpgsql)",
            expected: 2,
            catalog: "SELECT count(*) FROM pg_extension WHERE extname <> 'plpgsql';",
            model: |s| s.extensions.iter().filter(|e| e.name != "plpgsql").count(),
        },
        Kind {
            name: "enums",
            expected: 2,
            catalog: "SELECT count(*) FROM pg_type WHERE typtype = 'e';",
            model: |s| s.enums.len(),
        },
        Kind {
            name: "domains",
            expected: 2,
            catalog: "SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace \
                      WHERE t.typtype = 'd' AND n.nspname NOT IN ('pg_catalog', 'information_schema');",
            model: |s| s.domains.len(),
        },
        Kind {
            name: "composite types",
            expected: 1,
            catalog: "SELECT count(*) FROM pg_type t JOIN pg_class c ON c.oid = t.typrelid \
                      WHERE t.typtype = 'c' AND c.relkind = 'c';",
            model: |s| s.composite_types.len(),
        },
        Kind {
            name: "range types",
            expected: 2,
            catalog: "SELECT count(*) FROM pg_range r JOIN pg_type t ON t.oid = r.rngtypid \
                      JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname <> 'pg_catalog';",
            model: |s| s.range_types.len(),
        },
        Kind {
            // Two explicit sequences and the two behind serial/bigserial columns, which pg_dump writes as
            // CREATE SEQUENCE + OWNED BY. Identity columns' sequences belong to the column, not to this list.
            name: "sequences (not identity)",
            expected: 4,
            catalog: "SELECT count(*) FROM pg_class c WHERE c.relkind = 'S' \
                      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'i');",
            model: |s| s.sequences.len(),
        },
        Kind {
            name: "tables (with partitions and inheriting tables)",
            expected: 19,
            catalog: "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
                      WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') \
                      AND n.nspname NOT LIKE 'pg\\_toast%';",
            model: |s| s.tables.len(),
        },
        Kind {
            // Indexes not behind a PRIMARY KEY/UNIQUE/EXCLUDE constraint. A partition's copy of a partitioned index
            // (pg_dump: CREATE INDEX on the partition + ALTER INDEX ... ATTACH PARTITION) is made by the database from
            // the parent's index, so it is not an index of its own in the model.
            name: "indexes (not behind constraints, not partition copies)",
            expected: 11,
            catalog: "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
                      WHERE c.relkind IN ('i', 'I') AND n.nspname NOT IN ('pg_catalog', 'information_schema') \
                      AND n.nspname NOT LIKE 'pg\\_toast%' \
                      AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = c.oid) \
                      AND NOT EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid);",
            model: |s| s.indexes.len(),
        },
        Kind {
            name: "views",
            expected: 3,
            catalog: "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
                      WHERE c.relkind = 'v' AND n.nspname NOT IN ('pg_catalog', 'information_schema');",
            model: |s| s.views.len(),
        },
        Kind {
            name: "materialized views",
            expected: 1,
            catalog: "SELECT count(*) FROM pg_class WHERE relkind = 'm';",
            model: |s| s.materialized_views.len(),
        },
        Kind {
            name: "functions and procedures (not from extensions, not range constructors)",
            expected: 5,
            catalog: "SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace \
                      WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') \
                      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND (d.deptype = 'e' \
                      OR (d.deptype = 'i' AND d.refclassid = 'pg_type'::regclass)));",
            model: |s| s.routines.len(),
        },
        Kind {
            name: "triggers",
            expected: 3,
            catalog: "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal;",
            model: |s| s.triggers.len(),
        },
        Kind {
            name: "triggers disabled",
            expected: 1,
            catalog: "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgenabled = 'D';",
            model: |s| s.triggers.iter().filter(|t| t.enabled == flash_core::TriggerEnabled::Disabled).count(),
        },
        Kind { name: "policies", expected: 3, catalog: "SELECT count(*) FROM pg_policy;", model: |s| s.policies.len() },
        Kind {
            name: "rules (not a view's own)",
            expected: 2,
            catalog: "SELECT count(*) FROM pg_rewrite w JOIN pg_class c ON c.oid = w.ev_class \
                      JOIN pg_namespace n ON n.oid = c.relnamespace \
                      WHERE w.rulename <> '_RETURN' AND n.nspname NOT IN ('pg_catalog', 'information_schema');",
            model: |s| s.rules.len(),
        },
        Kind {
            name: "partitions",
            expected: 7,
            catalog: "SELECT count(*) FROM pg_class WHERE relispartition AND relkind IN ('r', 'p');",
            model: |s| s.tables.iter().filter(|t| t.partition_of.is_some()).count(),
        },
        Kind {
            name: "partitioned tables",
            expected: 3,
            catalog: "SELECT count(*) FROM pg_partitioned_table;",
            model: |s| s.tables.iter().filter(|t| t.partition_by.is_some()).count(),
        },
        Kind {
            name: "tables with RLS enabled",
            expected: 2,
            catalog: "SELECT count(*) FROM pg_class WHERE relrowsecurity;",
            model: |s| s.tables.iter().filter(|t| t.rls_enabled).count(),
        },
        Kind {
            name: "tables with RLS forced",
            expected: 1,
            catalog: "SELECT count(*) FROM pg_class WHERE relforcerowsecurity;",
            model: |s| s.tables.iter().filter(|t| t.rls_forced).count(),
        },
        Kind {
            name: "exclusion constraints",
            expected: 1,
            catalog: "SELECT count(*) FROM pg_constraint WHERE contype = 'x';",
            model: |s| s.tables.iter().map(|t| t.exclusions.len()).sum(),
        },
        Kind {
            name: "foreign keys",
            expected: 6,
            catalog: "SELECT count(*) FROM pg_constraint WHERE contype = 'f';",
            model: |s| s.tables.iter().map(|t| t.foreign_keys.len()).sum(),
        },
        Kind {
            name: "identity columns",
            expected: 2,
            catalog: "SELECT count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid \
                      WHERE a.attidentity <> '' AND c.relkind IN ('r', 'p');",
            model: |s| s.tables.iter().flat_map(|t| &t.columns).filter(|c| c.identity.is_some()).count(),
        },
        Kind {
            name: "generated columns",
            expected: 1,
            catalog: "SELECT count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid \
                      WHERE a.attgenerated <> '' AND c.relkind IN ('r', 'p');",
            model: |s| s.tables.iter().flat_map(|t| &t.columns).filter(|c| c.generated.is_some()).count(),
        },
        Kind {
            // One grant per privilege, object and grantee; pg_dump writes EXECUTE on a function as ALL.
            name: "grants to flash_dump_reader",
            expected: 9,
            catalog: "SELECT count(*) FROM ( \
                      SELECT (aclexplode(relacl)).grantee FROM pg_class \
                      UNION ALL SELECT (aclexplode(nspacl)).grantee FROM pg_namespace \
                      UNION ALL SELECT (aclexplode(proacl)).grantee FROM pg_proc \
                      UNION ALL SELECT (aclexplode(attacl)).grantee FROM pg_attribute \
                      ) g WHERE g.grantee = 'flash_dump_reader'::regrole;",
            model: |s| s.grants.iter().filter(|g| g.grantee == "flash_dump_reader").count(),
        },
        Kind {
            // EXECUTE on functions is PUBLIC's until revoked.
            name: "functions whose EXECUTE is revoked from PUBLIC",
            expected: 1,
            catalog: "SELECT count(*) FROM pg_proc p WHERE p.proacl IS NOT NULL \
                      AND p.pronamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace) \
                      AND NOT EXISTS \
                      (SELECT 1 FROM aclexplode(p.proacl) x WHERE x.grantee = 0 AND x.privilege_type = 'EXECUTE');",
            model: |s| s.grants.iter().filter(|g| g.revoked && g.privilege == "EXECUTE").count(),
        },
    ]
}

#[test]
fn postgres_dump_of_every_object_parses() {
    let db = TestDatabase::postgres("dump_every_object");
    db.run_sql(&read_fixture("postgres_every_object.sql"));
    let kinds = postgres_kinds();
    check_counts(&db, None, &kinds);

    let dump = db.dump_schema();
    assert!(
        dump.contains("CREATE TABLE app.customers"),
        "pg_dump wrote no table:\n{dump}"
    );
    let schema = parse_dump(Dialect::Postgres, "postgres_every_object.dump.sql", &dump);
    check_counts(&db, Some(&schema), &kinds);

    // PostgreSQL 15.14+ writes `\restrict KEY` / `\unrestrict KEY` with a fresh random key in every dump: the model
    // must not depend on it (psql meta-commands are not SQL and are skipped).
    let rekeyed = replace_restrict_keys(&dump, "FlashFixedKeyForTheTest");
    assert_eq!(
        parse_dump(
            Dialect::Postgres,
            "postgres_every_object.dump.sql",
            &rekeyed
        ),
        schema
    );

    let customers = schema
        .tables
        .iter()
        .find(|t| t.name.schema == "app" && t.name.name == "customers");
    let customers = customers.unwrap_or_else(|| panic!("app.customers is missing"));
    assert_eq!(customers.comment.as_deref(), Some("people who buy things"));
    assert_eq!(
        customers.column("email").and_then(|c| c.comment.as_deref()),
        Some("login address")
    );
    assert!(
        schema
            .tables
            .iter()
            .any(|t| t.name.name == "trucks" && !t.inherits.is_empty()),
        "trucks inherits"
    );
    assert!(schema
        .tables
        .iter()
        .any(|t| t.name.name == "sessions" && t.options.contains_key("unlogged")));
    // pg_dump writes a NOT VALID check as its own `ALTER TABLE ... ADD CONSTRAINT ... NOT VALID`.
    let links = schema
        .tables
        .iter()
        .find(|t| t.name.name == "product_links");
    let not_self = links.and_then(|t| {
        t.checks
            .iter()
            .find(|c| c.name.as_deref() == Some("product_links_not_self"))
    });
    assert!(
        not_self.is_some_and(|c| c.not_valid),
        "product_links_not_self is NOT VALID: {not_self:?}"
    );
    let cheap = schema
        .views
        .iter()
        .find(|v| v.name.name == "cheap_products");
    assert_eq!(
        cheap
            .and_then(|v| v.options.get("check_option"))
            .map(String::as_str),
        Some("cascaded"),
        "cheap_products has WITH CASCADED CHECK OPTION"
    );

    insta::with_settings!({ snapshot_path => "dumps/snapshots", prepend_module_to_snapshot => false }, {
        insta::assert_json_snapshot!("postgres_every_object", schema);
    });
}

/// The dump with every `\restrict` / `\unrestrict` key replaced.
fn replace_restrict_keys(dump: &str, key: &str) -> String {
    dump.lines()
        .map(|line| match line.split_once(' ') {
            Some((cmd @ ("\\restrict" | "\\unrestrict"), _)) => format!("{cmd} {key}"),
            _ => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

// ---------------------------------------------------------------------------------------------------------------
// MySQL / MariaDB

fn mysql_kinds() -> Vec<Kind> {
    vec![
        Kind {
            name: "tables",
            expected: 8,
            catalog: "SELECT count(*) FROM information_schema.tables WHERE table_schema = DATABASE() \
                      AND table_type = 'BASE TABLE';",
            model: |s| s.tables.len(),
        },
        Kind {
            name: "views",
            expected: 3,
            catalog: "SELECT count(*) FROM information_schema.tables WHERE table_schema = DATABASE() \
                      AND table_type = 'VIEW';",
            model: |s| s.views.len(),
        },
        Kind {
            name: "functions and procedures",
            expected: 2,
            catalog: "SELECT count(*) FROM information_schema.routines WHERE routine_schema = DATABASE();",
            model: |s| s.routines.len(),
        },
        Kind {
            name: "triggers",
            expected: 3,
            catalog: "SELECT count(*) FROM information_schema.triggers WHERE trigger_schema = DATABASE();",
            model: |s| s.triggers.len(),
        },
        Kind {
            // Includes the index InnoDB adds for a foreign key that has none (`KEY order_items_product_fk`).
            name: "non-unique indexes (KEY, FULLTEXT, SPATIAL)",
            expected: 12,
            catalog: "SELECT count(DISTINCT table_name, index_name) FROM information_schema.statistics \
                      WHERE table_schema = DATABASE() AND non_unique = 1;",
            model: |s| s.indexes.iter().filter(|i| !i.unique).count(),
        },
        Kind {
            // A UNIQUE KEY may land in the model as a table's unique constraint or as a unique index: count both.
            name: "unique keys",
            expected: 3,
            catalog: "SELECT count(DISTINCT table_name, index_name) FROM information_schema.statistics \
                      WHERE table_schema = DATABASE() AND non_unique = 0 AND index_name <> 'PRIMARY';",
            model: |s| {
                s.tables.iter().map(|t| t.uniques.len()).sum::<usize>() + s.indexes.iter().filter(|i| i.unique).count()
            },
        },
        Kind {
            name: "FULLTEXT indexes",
            expected: 1,
            catalog: "SELECT count(DISTINCT table_name, index_name) FROM information_schema.statistics \
                      WHERE table_schema = DATABASE() AND index_type = 'FULLTEXT';",
            model: |s| s.indexes.iter().filter(|i| i.method.as_deref() == Some("fulltext")).count(),
        },
        Kind {
            name: "primary keys",
            expected: 8,
            catalog: "SELECT count(*) FROM information_schema.table_constraints WHERE table_schema = DATABASE() \
                      AND constraint_type = 'PRIMARY KEY';",
            model: |s| s.tables.iter().filter(|t| t.primary_key.is_some()).count(),
        },
        Kind {
            name: "foreign keys",
            expected: 5,
            catalog: "SELECT count(*) FROM information_schema.referential_constraints \
                      WHERE constraint_schema = DATABASE();",
            model: |s| s.tables.iter().map(|t| t.foreign_keys.len()).sum(),
        },
        Kind {
            name: "AUTO_INCREMENT columns",
            expected: 5,
            catalog: "SELECT count(*) FROM information_schema.columns WHERE table_schema = DATABASE() \
                      AND extra LIKE '%auto_increment%';",
            model: |s| s.tables.iter().flat_map(|t| &t.columns).filter(|c| c.auto_increment).count(),
        },
        Kind {
            name: "ON UPDATE columns",
            expected: 1,
            catalog: "SELECT count(*) FROM information_schema.columns WHERE table_schema = DATABASE() \
                      AND extra LIKE '%on update%';",
            model: |s| s.tables.iter().flat_map(|t| &t.columns).filter(|c| c.on_update.is_some()).count(),
        },
        Kind {
            name: "generated columns",
            expected: 2,
            catalog: "SELECT count(*) FROM information_schema.columns WHERE table_schema = DATABASE() \
                      AND is_generated = 'ALWAYS';",
            model: |s| s.tables.iter().flat_map(|t| &t.columns).filter(|c| c.generated.is_some()).count(),
        },
        Kind {
            name: "tables with a comment",
            expected: 2,
            catalog: "SELECT count(*) FROM information_schema.tables WHERE table_schema = DATABASE() \
                      AND table_type = 'BASE TABLE' AND table_comment <> '';",
            model: |s| s.tables.iter().filter(|t| t.comment.is_some()).count(),
        },
    ]
}

/// `DEFINER=`user`@`host`` names the host the test connected from, which differs from machine to machine: make it
/// one fixed account so the snapshot does not depend on where the test runs.
fn normalize_definers(dump: &str) -> String {
    let mut out = String::with_capacity(dump.len());
    let mut rest = dump;
    while let Some(at) = rest.find("DEFINER=`") {
        let (before, after) = rest.split_at(at + "DEFINER=".len());
        out.push_str(before);
        match definer_len(after) {
            Some(len) => {
                out.push_str("`flash`@`localhost`");
                rest = after.get(len..).unwrap_or("");
            }
            None => rest = after,
        }
    }
    out.push_str(rest);
    out
}

/// The length of a leading `` `user`@`host` ``, if the text starts with one.
fn definer_len(text: &str) -> Option<usize> {
    let user_end = text.get(1..)?.find('`')? + 2;
    let host = text.get(user_end..)?.strip_prefix("@`")?;
    let host_end = host.find('`')?;
    Some(user_end + 2 + host_end + 1)
}

#[test]
fn definers_are_normalized() {
    let dump = "/*!50017 DEFINER=`root`@`10.0.0.7`*/ x; CREATE DEFINER=`app`@`%` FUNCTION f";
    assert_eq!(
        normalize_definers(dump),
        "/*!50017 DEFINER=`flash`@`localhost`*/ x; CREATE DEFINER=`flash`@`localhost` FUNCTION f"
    );
    assert_eq!(normalize_definers("DEFINER=`broken"), "DEFINER=`broken");
}

#[test]
fn mysql_dump_of_every_object_parses() {
    let db = TestDatabase::mysql("dump_every_object");
    db.run_sql(&read_fixture("mysql_every_object.sql"));
    let kinds = mysql_kinds();
    check_counts(&db, None, &kinds);

    let dump = normalize_definers(&db.dump_schema());
    assert!(
        dump.contains("CREATE TABLE `customers`"),
        "mysqldump wrote no table:\n{dump}"
    );
    let schema = parse_dump(Dialect::Mysql, "mysql_every_object.dump.sql", &dump);
    check_counts(&db, Some(&schema), &kinds);

    let customers = schema.tables.iter().find(|t| t.name.name == "customers");
    let customers = customers.unwrap_or_else(|| panic!("customers is missing"));
    assert_eq!(customers.comment.as_deref(), Some("people who buy things"));
    assert_eq!(
        customers
            .options
            .get("engine")
            .map(|e| e.to_ascii_lowercase())
            .as_deref(),
        Some("innodb")
    );
    assert_eq!(
        customers.column("email").and_then(|c| c.comment.as_deref()),
        Some("login address")
    );
    // mysqldump writes the check option in a versioned comment of its own: `/*!50002 WITH CASCADED CHECK OPTION */`.
    let cheap = schema
        .views
        .iter()
        .find(|v| v.name.name == "cheap_products");
    assert!(
        cheap.is_some_and(|v| v
            .options
            .values()
            .any(|o| o.eq_ignore_ascii_case("cascaded"))),
        "cheap_products has WITH CASCADED CHECK OPTION: {cheap:?}"
    );

    insta::with_settings!({ snapshot_path => "dumps/snapshots", prepend_module_to_snapshot => false }, {
        insta::assert_json_snapshot!("mysql_every_object", schema);
    });
}
