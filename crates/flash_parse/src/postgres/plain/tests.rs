//! Every tree [`super::statement`] gives must be libpg_query's tree for the same text, exactly (node for node,
//! location for location); and what it declines libpg_query must still be asked. Checked over every PostgreSQL
//! schema text in the repository, seeded token-level mutants of its statements, every keyword of the grammar in
//! every place a name or a type can stand, and a list of type spellings.

use std::path::{Path, PathBuf};

use flash_core::Dialect;
use pg_query::protobuf::Node;

use super::statement;
use crate::postgres::{blank_meta_commands, libpg_query, split};

/// What libpg_query makes of `text` when it is exactly one statement.
fn oracle(text: &str) -> Result<Option<Node>, String> {
    let parsed = libpg_query::parse(text).map_err(|e| e.message)?;
    let mut stmts = parsed.stmts.into_iter();
    let first = stmts.next().and_then(|s| s.stmt).map(|s| *s);
    Ok(if stmts.next().is_some() { None } else { first })
}

/// Checks one text; true when the fast path took it.
fn check(text: &str) -> bool {
    let Some(fast) = statement(text) else {
        return false;
    };
    match oracle(text) {
        Ok(Some(tree)) => {
            if tree != fast {
                let (a, b) = (format!("{tree:#?}"), format!("{fast:#?}"));
                let line = a
                    .lines()
                    .zip(b.lines())
                    .position(|(x, y)| x != y)
                    .unwrap_or(0);
                let context = |s: &str| -> String {
                    s.lines()
                        .skip(line.saturating_sub(12))
                        .take(16)
                        .collect::<Vec<_>>()
                        .join("\n")
                };
                panic!(
                    "the fast path's tree differs from libpg_query's for:\n{text}\n--- libpg_query (from line \
                     {line}):\n{}\n--- fast path:\n{}",
                    context(&a),
                    context(&b)
                );
            }
        }
        Ok(None) => panic!("the fast path took more or less than one statement:\n{text}"),
        Err(message) => panic!("the fast path took what PostgreSQL refuses ({message}):\n{text}"),
    }
    true
}

fn corpus_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut out = Vec::new();
    let mut stack: Vec<PathBuf> = [
        "crates/flash_parse/tests/fixtures/postgres",
        "crates/flash_parse/tests/dumps",
        "crates/flash_diff/tests/cases/postgres",
        "tests/convergence/postgres",
        "examples",
    ]
    .iter()
    .map(|d| root.join(d))
    .collect();
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "sql")
                && path.to_string_lossy().contains("postgres")
            {
                out.push(path);
            }
        }
    }
    out.sort();
    assert!(
        out.len() > 150,
        "the PostgreSQL corpus went missing: {}",
        out.len()
    );
    out
}

/// Every statement of every corpus file, as the statement-wise parse cuts them.
fn corpus_pieces() -> Vec<String> {
    let mut pieces = Vec::new();
    for path in corpus_files() {
        let text = std::fs::read_to_string(&path).expect("readable");
        let text = blank_meta_commands(&text);
        for range in split::statement_ranges(&text) {
            pieces.push(text[range].to_string());
        }
    }
    pieces
}

#[test]
fn every_statement_in_the_repository_is_read_as_libpg_query_reads_it() {
    let pieces = corpus_pieces();
    let taken = pieces.iter().filter(|p| check(p)).count();
    // The corpus is mostly about everything else a schema holds (it takes about a third of its statements), yet
    // plain tables and indexes are common in it.
    assert!(
        taken > 250,
        "the fast path took only {taken} of {} statements",
        pieces.len()
    );
}

#[test]
fn the_benchmark_schema_is_read_entirely_by_the_fast_path() {
    let sql = flash_test::schema_gen::tables(Dialect::Postgres, 30);
    for range in split::statement_ranges(&sql) {
        let piece = &sql[range];
        assert!(check(piece), "not taken:\n{piece}");
        let widened = piece.replacen("quantity integer", "quantity bigint", 1);
        assert!(check(&widened), "not taken:\n{widened}");
    }
}

/// Token-level mutants of the statements the fast path takes: tokens dropped, doubled, swapped, replaced by
/// keywords and punctuation, letters changed in case, comments and line breaks put between them.
#[test]
fn mutants_are_read_as_libpg_query_reads_them_or_declined() {
    const INSERTS: &[&str] = &[
        "(",
        ")",
        ",",
        ".",
        "-",
        "::",
        "[",
        "]",
        "[3]",
        "1",
        "-2",
        "1.5",
        "'x'",
        "\"Q\"",
        "not",
        "null",
        "default",
        "primary",
        "key",
        "unique",
        "references",
        "constraint",
        "c",
        "on",
        "delete",
        "update",
        "set",
        "cascade",
        "restrict",
        "no",
        "action",
        "generated",
        "always",
        "by",
        "as",
        "identity",
        "asc",
        "desc",
        "nulls",
        "first",
        "last",
        "using",
        "hash",
        "if",
        "exists",
        "table",
        "index",
        "create",
        "int",
        "varchar",
        "character",
        "varying",
        "double",
        "precision",
        "timestamp",
        "with",
        "without",
        "time",
        "zone",
        "text",
        "now()",
        "true",
        "current_timestamp",
        "foreign",
        "check",
        "collate",
        "array",
        "/* c */",
        "-- c\n",
        "\n",
        "select",
        "name",
        "type",
        "json",
        "only",
        "include",
        "where",
        "match",
        "full",
    ];
    let taken: Vec<String> = corpus_pieces()
        .into_iter()
        .filter(|p| statement(p).is_some())
        .collect();
    let mut rng = fastrand::Rng::with_seed(0x9a1a_5eed);
    let mut mutants_taken = 0;
    for piece in &taken {
        let Some(tokens) = super::lex::tokens(piece) else {
            continue;
        };
        let words: Vec<&str> = tokens.iter().map(|t| &piece[t.start..t.end]).collect();
        for _ in 0..30 {
            let mut w: Vec<String> = words.iter().map(|s| s.to_string()).collect();
            for _ in 0..rng.usize(1..3) {
                let i = rng.usize(0..w.len());
                match rng.usize(0..6) {
                    0 => {
                        w.remove(i);
                    }
                    1 => w.insert(i, w[i].clone()),
                    2 if i + 1 < w.len() => w.swap(i, i + 1),
                    3 => w[i] = w[i].to_ascii_uppercase(),
                    _ => w.insert(i, INSERTS[rng.usize(0..INSERTS.len())].to_string()),
                }
                if w.is_empty() {
                    break;
                }
            }
            let sep = if rng.bool() { " " } else { "\n  " };
            if check(&w.join(sep)) {
                mutants_taken += 1;
            }
        }
    }
    assert!(
        mutants_taken > 1000,
        "only {mutants_taken} mutants were taken"
    );
}

/// Each keyword of the grammar, in every place the fast path reads a name, a type or a default.
#[test]
fn every_keyword_in_every_name_position() {
    const TEMPLATES: &[&str] = &[
        "CREATE TABLE K (a int)",
        "CREATE TABLE s.K (a int)",
        "CREATE TABLE K.t (a int)",
        "CREATE TABLE t (K int)",
        "CREATE TABLE t (K int, b int)",
        "CREATE TABLE t (a K)",
        "CREATE TABLE t (a K, b int)",
        "CREATE TABLE t (a K(1))",
        "CREATE TABLE t (a K[])",
        "CREATE TABLE t (a K NOT NULL)",
        "CREATE TABLE t (a s.K)",
        "CREATE TABLE t (K K)",
        "CREATE TABLE t (K text NOT NULL)",
        "CREATE TABLE t (a int CONSTRAINT K NOT NULL)",
        "CREATE TABLE t (a int, CONSTRAINT K PRIMARY KEY (a))",
        "CREATE TABLE t (a int, PRIMARY KEY (K))",
        "CREATE TABLE t (a int, UNIQUE (a, K))",
        "CREATE TABLE t (a int REFERENCES K (a))",
        "CREATE TABLE t (a int REFERENCES u (K))",
        "CREATE TABLE t (a int, FOREIGN KEY (K) REFERENCES u)",
        "CREATE TABLE t (a int DEFAULT K)",
        "CREATE TABLE t (a int DEFAULT K())",
        "CREATE TABLE t (a int DEFAULT 'x'::K)",
        "CREATE TABLE t (a int K)",
        "CREATE TABLE t (a int NOT NULL K)",
        "CREATE TABLE t (a int) K",
        "CREATE TABLE IF NOT EXISTS K (a int)",
        "CREATE TABLE K",
        "CREATE INDEX K ON t (a)",
        "CREATE INDEX ON K (a)",
        "CREATE INDEX ON t (K)",
        "CREATE INDEX ON t (K, a)",
        "CREATE INDEX ON t (a K)",
        "CREATE INDEX ON t (K DESC)",
        "CREATE INDEX ON t USING K (a)",
        "CREATE UNIQUE INDEX IF NOT EXISTS K ON s.t (a)",
        "CREATE K INDEX i ON t (a)",
        "CREATE INDEX K i ON t (a)",
    ];
    let keywords = libpg_query::all_keywords();
    let mut taken = 0;
    for template in TEMPLATES {
        for keyword in &keywords {
            for spelling in [keyword.clone(), keyword.to_ascii_uppercase()] {
                if check(&template.replace('K', &spelling)) {
                    taken += 1;
                }
            }
        }
    }
    assert!(taken > 5000, "only {taken} keyword statements were taken");
}

#[test]
fn type_spellings_are_read_as_libpg_query_reads_them() {
    const TYPES: &[&str] = &[
        "int",
        "INT",
        "integer",
        "int4",
        "smallint",
        "int2",
        "bigint",
        "int8",
        "real",
        "float",
        "float4",
        "float8",
        "double precision",
        "DOUBLE  PRECISION",
        "double",
        "numeric",
        "numeric(12)",
        "numeric(12,2)",
        "NUMERIC (12, 2)",
        "decimal(5,1)",
        "dec(3)",
        "boolean",
        "bool",
        "text",
        "varchar",
        "varchar(100)",
        "character varying",
        "character varying(3)",
        "char",
        "char(2)",
        "character",
        "character(5)",
        "char varying(4)",
        "bpchar",
        "timestamp",
        "timestamp(3)",
        "timestamp with time zone",
        "timestamp(6) with time zone",
        "timestamp without time zone",
        "timestamptz",
        "timestamptz(3)",
        "time",
        "time(2)",
        "time with time zone",
        "time without time zone",
        "timetz",
        "date",
        "interval",
        "interval day",
        "uuid",
        "json",
        "jsonb",
        "bytea",
        "inet",
        "citext",
        "int[]",
        "int[3]",
        "text[][]",
        "integer [ ] [2]",
        "varchar(10)[]",
        "public.my_type",
        "\"My Type\"",
        "\"public\".\"t\"",
        "s.t(1)",
        "serial",
        "bigserial",
        "money",
        "bit",
        "bit(3)",
        "bit varying(3)",
        "national character(2)",
        "nchar(2)",
        "float(10)",
        "float(30)",
        "setof int",
        "t%type",
        "numeric(-1)",
        "varchar(1.5)",
        "varchar('a')",
        "char(0)",
        "timestamp(7)",
        "json(1)",
        "int(11)",
        "geometry(Point, 4326)",
        "a.b.c",
        "a.b.c.d",
        "double precision[]",
        "\"double\"",
        "\"double\" precision",
        "\"int\"",
    ];
    let mut taken = 0;
    for t in TYPES {
        for text in [
            format!("CREATE TABLE t (a {t})"),
            format!("CREATE TABLE t (a {t} NOT NULL DEFAULT 'x'::{t})"),
            format!("CREATE TABLE t (a int DEFAULT '1'::{t}::{t}, b {t})"),
        ] {
            taken += usize::from(check(&text));
        }
    }
    assert!(taken > 150, "only {taken} type spellings were taken");
}

#[test]
fn defaults_and_constraints_are_read_as_libpg_query_reads_them() {
    const DEFAULTS: &[&str] = &[
        "0",
        "-1",
        "2147483647",
        "2147483648",
        "-2147483648",
        "-2147483649",
        "99999999999999999999",
        "1.5",
        "-1.5",
        "0.00",
        "1.",
        "'x'",
        "'it''s'",
        "''",
        "true",
        "FALSE",
        "null",
        "now()",
        "NOW ( )",
        "gen_random_uuid()",
        "current_timestamp",
        "CURRENT_DATE",
        "current_time",
        "localtime",
        "localtimestamp",
        "current_timestamp(3)",
        "current_user",
        "'{}'::jsonb",
        "'a'::text::varchar(3)",
        "-1::int",
        "1::int",
        "'x' 'y'",
        "1 + 1",
        "(1)",
        "now(1)",
        "public.now()",
        "nextval('s'::regclass)",
        "E'\\n'",
        "-'1'",
        "- 1",
        "--1\n2",
        "-1.5::numeric",
        "array[]",
        "'{}'::int[]",
        "'a\\'",
        "'\\'::bytea",
        "'é'",
        "'a\nb'",
    ];
    const CONSTRAINTS: &[&str] = &[
        "NOT NULL",
        "NULL",
        "PRIMARY KEY",
        "UNIQUE",
        "UNIQUE NULLS NOT DISTINCT",
        "GENERATED ALWAYS AS IDENTITY",
        "GENERATED BY DEFAULT AS IDENTITY",
        "GENERATED BY DEFAULT AS IDENTITY (START 5)",
        "GENERATED ALWAYS AS (1) STORED",
        "REFERENCES u",
        "REFERENCES u (id)",
        "REFERENCES s.u (id) ON DELETE CASCADE",
        "REFERENCES u ON UPDATE RESTRICT ON DELETE SET NULL",
        "REFERENCES u ON DELETE SET DEFAULT ON UPDATE NO ACTION",
        "REFERENCES u ON DELETE SET NULL (a)",
        "REFERENCES u ON DELETE CASCADE ON DELETE CASCADE",
        "REFERENCES u MATCH FULL",
        "REFERENCES u DEFERRABLE",
        "CONSTRAINT c NOT NULL",
        "CONSTRAINT c UNIQUE",
        "CONSTRAINT c REFERENCES u",
        "CONSTRAINT c",
        "CHECK (a > 0)",
        "COLLATE \"C\"",
        "NOT NULL NO INHERIT",
        "PRIMARY KEY USING INDEX TABLESPACE x",
        "UNIQUE WITH (fillfactor=70)",
    ];
    const TABLE_CONSTRAINTS: &[&str] = &[
        "PRIMARY KEY (a)",
        "PRIMARY KEY (a, b)",
        "CONSTRAINT pk PRIMARY KEY (a)",
        "UNIQUE (a)",
        "UNIQUE NULLS NOT DISTINCT (a)",
        "UNIQUE (a) INCLUDE (b)",
        "FOREIGN KEY (a) REFERENCES u",
        "FOREIGN KEY (a, b) REFERENCES s.u (x, y) ON DELETE CASCADE ON UPDATE SET NULL",
        "CONSTRAINT fk FOREIGN KEY (a) REFERENCES u (id) ON DELETE SET NULL",
        "FOREIGN KEY (a) REFERENCES u NOT VALID",
        "CHECK (a > 0)",
        "EXCLUDE USING gist (a WITH =)",
        "LIKE u",
        "PRIMARY KEY ()",
        "UNIQUE",
    ];
    let mut taken = 0;
    for d in DEFAULTS {
        taken += usize::from(check(&format!("CREATE TABLE t (a int DEFAULT {d})")));
        taken += usize::from(check(&format!(
            "CREATE TABLE t (a int DEFAULT {d} NOT NULL, b int)"
        )));
    }
    for c in CONSTRAINTS {
        taken += usize::from(check(&format!("CREATE TABLE t (a int {c})")));
        taken += usize::from(check(&format!(
            "CREATE TABLE t (a int NOT NULL {c}, b text)"
        )));
    }
    for c in TABLE_CONSTRAINTS {
        taken += usize::from(check(&format!("CREATE TABLE t (a int, b int, {c})")));
        taken += usize::from(check(&format!("CREATE TABLE t ({c}, a int)")));
    }
    for text in [
        "CREATE TABLE t ()",
        "create table \"T\" (\"A\" int)",
        "CREATE TABLE t (a int) INHERITS (u)",
        "CREATE TABLE t (a int) PARTITION BY RANGE (a)",
        "CREATE UNLOGGED TABLE t (a int)",
        "CREATE TEMP TABLE t (a int)",
        "CREATE TABLE t (a int,)",
        "CREATE TABLE t (a int",
        "CREATE TABLE t (a int) -- done",
        "/* lead */ CREATE TABLE t (a int)",
        "CREATE INDEX i ON t (a) WHERE a > 0",
        "CREATE INDEX i ON t ((a + 1))",
        "CREATE INDEX i ON t (lower(a))",
        "CREATE INDEX i ON t (a) INCLUDE (b)",
        "CREATE INDEX CONCURRENTLY i ON t (a)",
        "CREATE INDEX i ON ONLY t (a)",
        "CREATE INDEX i ON t (a text_pattern_ops)",
        "CREATE INDEX i ON t (a COLLATE \"C\")",
        "CREATE INDEX i ON t (a ASC NULLS LAST, b DESC NULLS FIRST, c NULLS FIRST)",
        "CREATE INDEX i ON t USING gin (a)",
        "CREATE UNIQUE INDEX i ON t (a) NULLS NOT DISTINCT",
        "CREATE INDEX i ON t (a) WITH (fillfactor = 70)",
        "CREATE INDEX IF NOT EXISTS ON t (a)",
        "CREATE INDEX i ON t ()",
        "CREATE TABLE t (a int); CREATE TABLE u (b int)",
        "CREATE VIEW v AS SELECT 1",
        "",
    ] {
        taken += usize::from(check(text));
    }
    assert!(taken > 100, "only {taken} were taken");
}
