//! What the inspectors leave out (issue 5, acceptance 1): Flash's own tables, system objects, what extensions own and
//! what the engine creates by itself. What they read is checked object kind by object kind by the convergence
//! suites' live checks (`flash_diff/tests/live_check`) and the pull round trips (`flash/tests/it`); here, what no
//! convergence case covers in full (every way a trigger fires, every kind of revoked default).

use flash_config::DatabaseUrl;
use flash_core::{QualName, Schema};
use flash_db::Connection;
use flash_test::TestDatabase;

fn inspect(url: &str) -> Schema {
    let url = DatabaseUrl::parse(url).expect("a valid URL");
    flash_db::runtime()
        .expect("runtime")
        .block_on(async {
            let mut conn = Connection::connect(&url).await?;
            let schema = flash_db::inspect::inspect(&mut conn).await?;
            conn.close().await?;
            Ok::<_, flash_db::DbError>(schema)
        })
        .expect("inspects")
}

fn table_names(schema: &Schema) -> Vec<String> {
    schema.tables.keys().map(|k| k.name.clone()).collect()
}

#[test]
fn postgres_leaves_out_what_the_engine_and_extensions_create_and_flash_own_tables() {
    let db = TestDatabase::postgres("inspect_out");
    db.run_sql(
        "CREATE EXTENSION IF NOT EXISTS pgcrypto;
         CREATE TABLE _flash_migrations (id text PRIMARY KEY, checksum text);
         CREATE TABLE _flash_lock (id int);
         CREATE TABLE parent (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text UNIQUE);
         CREATE TABLE child (id serial PRIMARY KEY, parent_id bigint REFERENCES parent (id), CHECK (id > 0));
         CREATE TABLE events (id bigint NOT NULL, at date NOT NULL, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
         CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
         CREATE INDEX events_at_idx ON events (at);
         CREATE TABLE kid_of_child (extra text) INHERITS (child);",
    );
    let schema = inspect(&db.url);
    assert_eq!(
        table_names(&schema),
        ["child", "events", "events_2025", "kid_of_child", "parent"],
        "no _flash_ table"
    );
    // Only the index a user created: not those behind keys, not the partition's copy of events_at_idx.
    let indexes: Vec<&str> = schema.indexes.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(indexes, ["events_at_idx"]);
    // pgcrypto's functions are the extension's; the extension itself is listed.
    assert!(
        schema.routines.is_empty(),
        "{:?}",
        schema.routines.keys().collect::<Vec<_>>()
    );
    assert_eq!(schema.extensions.keys().collect::<Vec<_>>(), ["pgcrypto"]);
    // The serial column's sequence is modelled (pg_dump writes it), the identity column's is not.
    let sequences: Vec<&str> = schema
        .sequences
        .iter()
        .map(|s| s.name.name.as_str())
        .collect();
    assert_eq!(sequences, ["child_id_seq"]);
    // The partition has its own bound but not its parent's key; the inheriting table not its parent's check.
    let partition = schema
        .tables
        .get(&QualName::new("public", "events_2025"))
        .expect("partition");
    assert!(partition.primary_key.is_none() && partition.partition_of.is_some());
    let kid = schema
        .tables
        .get(&QualName::new("public", "kid_of_child"))
        .expect("inheriting table");
    assert!(kid.checks.is_empty() && kid.foreign_keys.is_empty());
    assert_eq!(
        kid.columns.len(),
        3,
        "inherited columns first, then its own"
    );
    // Foreign keys' internal triggers are not triggers.
    assert!(schema.triggers.is_empty());
    // `public` holds the objects but is not a declared schema.
    assert!(schema.namespaces.is_empty());
}

/// When each trigger fires (`pg_trigger.tgenabled`) and the defaults revoked from PUBLIC inspect as the parser reads
/// the same SQL.
#[test]
fn postgres_trigger_firing_and_revoked_defaults_inspect_as_parsed() {
    let sql = "CREATE TABLE dials (id int PRIMARY KEY);
        CREATE TYPE mood AS ENUM ('sad', 'ok');
        CREATE TYPE floatrange AS RANGE (subtype = float8);
        CREATE FUNCTION noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
        CREATE PROCEDURE tidy() LANGUAGE sql AS $$ SELECT 1 $$;
        CREATE TRIGGER a_off BEFORE INSERT ON dials FOR EACH ROW EXECUTE FUNCTION noop();
        CREATE TRIGGER b_replica BEFORE INSERT ON dials FOR EACH ROW EXECUTE FUNCTION noop();
        CREATE TRIGGER c_always BEFORE INSERT ON dials FOR EACH ROW EXECUTE FUNCTION noop();
        CREATE TRIGGER d_on BEFORE INSERT ON dials FOR EACH ROW EXECUTE FUNCTION noop();
        ALTER TABLE dials DISABLE TRIGGER a_off;
        ALTER TABLE dials ENABLE REPLICA TRIGGER b_replica;
        ALTER TABLE dials ENABLE ALWAYS TRIGGER c_always;
        REVOKE EXECUTE ON FUNCTION noop() FROM PUBLIC;
        REVOKE ALL ON PROCEDURE tidy() FROM PUBLIC;
        REVOKE USAGE ON TYPE mood FROM PUBLIC;
        REVOKE USAGE ON TYPE floatrange FROM PUBLIC;
        GRANT SELECT ON dials TO PUBLIC;";
    let parsed =
        flash_parse::parse_str(flash_core::Dialect::Postgres, "firing.sql", sql).expect("parses");
    let db = TestDatabase::postgres("inspect_firing");
    db.run_sql(sql);
    let live = inspect(&db.url);
    assert_eq!(live.triggers, parsed.triggers);
    assert_eq!(live.grants, parsed.grants);
    // Not vacuous: every state is there, and the revoked defaults.
    let states: Vec<_> = live.triggers.iter().map(|t| t.enabled).collect();
    assert_eq!(states.len(), 4);
    assert!(states.windows(2).all(|w| w[0] != w[1]), "{states:?}");
    assert_eq!(live.grants.iter().filter(|g| g.revoked).count(), 4);
}

/// Rules read back as the parser reads the same text, once the files' spelling is canonicalised through the server;
/// a view's own `_RETURN` rule is the view, not a rule.
#[test]
fn postgres_rules_read_back_as_parsed_without_views_own_rules() {
    let db = TestDatabase::postgres("inspect_rules");
    let sql = "CREATE TABLE accounts (id int PRIMARY KEY, balance numeric NOT NULL DEFAULT 0);
         CREATE TABLE audit (account_id int, note text);
         CREATE VIEW rich AS SELECT id, balance FROM accounts WHERE balance > 100;
         CREATE RULE accounts_keep AS ON DELETE TO accounts WHERE old.balance > 0 DO INSTEAD NOTHING;
         CREATE RULE accounts_log AS ON UPDATE TO public.accounts
             DO ALSO (INSERT INTO audit VALUES (new.id, 'changed'); NOTIFY accounts);
         CREATE RULE rich_insert AS ON INSERT TO rich
             DO INSTEAD INSERT INTO accounts (id, balance) VALUES (new.id, new.balance);
         COMMENT ON RULE accounts_keep ON accounts IS 'kept';";
    db.run_sql(sql);
    let live = inspect(&db.url);
    let names: Vec<(&str, &str)> = live
        .rules
        .iter()
        .map(|r| (r.table.name.as_str(), r.name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("accounts", "accounts_keep"),
            ("accounts", "accounts_log"),
            ("rich", "rich_insert")
        ]
    );
    let keep = live.rules.iter().next().expect("a rule");
    assert!(keep.instead && keep.actions.is_empty() && keep.event == "DELETE");
    assert_eq!(keep.comment.as_deref(), Some("kept"));
    let parsed =
        flash_parse::parse_str(flash_core::Dialect::Postgres, "schema.sql", sql).expect("parses");
    let url = DatabaseUrl::parse(&db.url).expect("a valid URL");
    let canonical = flash_db::runtime()
        .expect("runtime")
        .block_on(async {
            let mut conn = Connection::connect(&url).await?;
            let canonical = flash_db::inspect::canonicalize(&mut conn, &live, &parsed).await?;
            conn.close().await?;
            Ok::<_, flash_db::DbError>(canonical)
        })
        .expect("canonicalises");
    assert!(canonical.unbuilt.is_empty(), "{:?}", canonical.unbuilt);
    assert_eq!(canonical.schema.rules, live.rules);
}

/// Range types read as the parser reads their definitions: each range once, its multirange type and the
/// constructor functions PostgreSQL creates with it not as objects of their own, defaults left out.
#[test]
fn postgres_reads_range_types_as_parsed_without_multiranges_or_constructors() {
    let sql = "CREATE SCHEMA app;
         CREATE TYPE floatrange AS RANGE (subtype = float8);
         CREATE TYPE app.textspan AS RANGE (subtype = text, collation = \"C\", subtype_opclass = text_pattern_ops,
             multirange_type_name = app.textspans);
         CREATE TYPE app.numspan AS RANGE (subtype = float8, subtype_diff = pg_catalog.float8mi,
             multirange_type_name = app.nummultispan);
         CREATE TYPE daterange2 AS RANGE (subtype = date, multirange_type_name = datemultirange2);
         COMMENT ON TYPE floatrange IS 'doubles';
         CREATE TABLE bookings (id int PRIMARY KEY, during tstzrange, score floatrange, spans app.textspans,
             many int4multirange);";
    let db = TestDatabase::postgres("inspect_ranges");
    db.run_sql(sql);
    let schema = inspect(&db.url);
    let parsed = flash_parse::parse_str(flash_core::Dialect::Postgres, "ranges.sql", sql)
        .expect("the definitions parse");
    assert_eq!(schema.range_types, parsed.range_types);
    assert!(
        schema.routines.is_empty(),
        "{:?}",
        schema.routines.keys().collect::<Vec<_>>()
    );
    assert_eq!(
        schema.tables.get(&QualName::new("public", "bookings")),
        parsed.tables.get(&QualName::new("public", "bookings"))
    );
}

/// `public` is not declared in schema files, but its comment is part of the schema: a comment other than the one
/// every new database has makes it a model object, as the parser models `COMMENT ON SCHEMA public`.
#[test]
fn postgres_reads_a_comment_on_public_and_leaves_out_public_without_one() {
    let db = TestDatabase::postgres("inspect_public");
    let commented = "COMMENT ON SCHEMA public IS 'the app';";
    db.run_sql(commented);
    let parsed = flash_parse::parse_str(flash_core::Dialect::Postgres, "public.sql", commented)
        .expect("the comment parses");
    assert_eq!(inspect(&db.url).namespaces, parsed.namespaces);
    assert_eq!(parsed.namespaces.len(), 1);
    db.run_sql("COMMENT ON SCHEMA public IS NULL;");
    assert!(inspect(&db.url).namespaces.is_empty());
}

#[test]
fn mysql_leaves_out_flash_own_tables() {
    let db = TestDatabase::mysql("inspect_out");
    db.run_sql(
        "CREATE TABLE _flash_migrations (id varchar(255) PRIMARY KEY);
         CREATE TABLE parent (id int PRIMARY KEY);
         CREATE TABLE child (id int PRIMARY KEY, parent_id int, FOREIGN KEY (parent_id) REFERENCES parent (id));",
    );
    let schema = inspect(&db.url);
    assert_eq!(table_names(&schema), ["child", "parent"]);
    let child = schema
        .tables
        .get(&QualName::new("", "child"))
        .expect("child");
    assert_eq!(child.foreign_keys.len(), 1);
}

/// Events read back as the parser reads the statements that made them: a STARTS left out (or given as the moment
/// the statement ran) is none, although the server prints the creation time; and a computed time is the one the
/// server computed.
#[test]
fn mysql_reads_events_as_parsed() {
    const EVENTS: &str = "CREATE TABLE sessions (id int PRIMARY KEY, expires_at datetime NOT NULL);
CREATE EVENT purge_old ON SCHEDULE EVERY 10 MINUTE DISABLE DO DELETE FROM sessions WHERE expires_at < NOW();
CREATE EVENT `nightly report` ON SCHEDULE EVERY '1' DAY STARTS '2030-01-01' ENDS '2031-01-01 02:30'
  ON COMPLETION PRESERVE COMMENT 'it''s nightly' DO INSERT INTO sessions VALUES (0, NOW());
CREATE EVENT once ON SCHEDULE AT '2030-06-01 12:00:00' DISABLE ON SLAVE DO DELETE FROM sessions;
CREATE EVENT now_start ON SCHEDULE EVERY '1:30' HOUR_MINUTE STARTS CURRENT_TIMESTAMP DO DELETE FROM sessions;
DELIMITER $$
CREATE EVENT compound ON SCHEDULE EVERY 2 HOUR DO BEGIN
  DELETE FROM sessions WHERE id = 1;
  DELETE FROM sessions WHERE id = 2;
END$$
DELIMITER ;
";
    const LATER: &str =
        "CREATE EVENT later ON SCHEDULE EVERY 1 DAY STARTS CURRENT_TIMESTAMP + INTERVAL 1 DAY \
                         DO DELETE FROM sessions;";
    let db = TestDatabase::mysql("inspect_events");
    db.run_sql(EVENTS);
    db.run_sql(LATER);
    let mut live = inspect(&db.url);

    // The files, computed start included, compared with the database once in the server's form: no difference.
    let files = flash_parse::parse_str(
        flash_core::Dialect::Mysql,
        "events.sql",
        &format!("{EVENTS}{LATER}"),
    )
    .expect("parses");
    let url = DatabaseUrl::parse(&db.url).expect("a valid URL");
    let canonical = flash_db::runtime()
        .expect("runtime")
        .block_on(async {
            let mut conn = Connection::connect(&url).await?;
            let canonical = flash_db::inspect::canonicalize(&mut conn, &live, &files).await?;
            conn.close().await?;
            Ok::<_, flash_db::DbError>(canonical)
        })
        .expect("canonicalizes");
    assert_eq!(flash_diff::diff(&live, &canonical.schema), []);

    let parsed =
        flash_parse::parse_str(flash_core::Dialect::Mysql, "events.sql", EVENTS).expect("parses");
    let later = live
        .events
        .remove(&QualName::new("", "later"))
        .expect("the event with a computed start");
    match later.schedule {
        flash_core::EventSchedule::Every {
            starts: Some(s), ..
        } => assert!(!flash_core::is_computed_time(&s), "{s}"),
        other => panic!("a start the server computed: {other:?}"),
    }
    assert_eq!(live.events, parsed.events);
}

#[test]
fn sqlite_leaves_out_internal_shadow_and_flash_own_tables() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("app.db");
    let out = std::process::Command::new("sqlite3")
        .arg(&path)
        .arg(
            "CREATE TABLE _flash_migrations (id TEXT PRIMARY KEY);
             CREATE TABLE notes (id INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT UNIQUE);
             CREATE VIRTUAL TABLE notes_search USING fts5(body);",
        )
        .output()
        .expect("sqlite3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let schema = inspect(&format!("sqlite://{}", path.display()));
    // No sqlite_sequence, no fts5 shadow tables (notes_search_data, ...), no _flash_ table; no automatic index.
    assert_eq!(table_names(&schema), ["notes", "notes_search"]);
    assert!(schema.indexes.is_empty());
}
