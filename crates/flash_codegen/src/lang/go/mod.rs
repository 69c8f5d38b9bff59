//! Go: `db.go` (the `DBTX` interface the driver's connection, pool or transaction satisfies, `New`, `Queries`),
//! `models.go` (enums as named string types with their constants), and one `<file>.go` per query file with a method
//! per query, named as written (`GetUser`). `database/sql` by default (lib/pq, go-sql-driver/mysql,
//! mattn/go-sqlite3), or pgx's native interface.

mod types;

use std::fmt::Write;
use std::path::{Path, PathBuf};

use flash_core::Dialect;

use crate::ir::{Query, QueryKind, QuerySet};
use crate::lang::{bind_order, header, sql_text, GeneratedFile, Placeholder};
use crate::naming::{camel, pascal, snake, unique};
use types::{enum_type, go_type, wrap, wrap_scan, Driver};

const KEYWORDS: &[&str] = &[
    "break",
    "case",
    "chan",
    "const",
    "continue",
    "default",
    "defer",
    "else",
    "fallthrough",
    "for",
    "func",
    "go",
    "goto",
    "if",
    "import",
    "interface",
    "map",
    "package",
    "range",
    "return",
    "select",
    "struct",
    "switch",
    "type",
    "var",
];

/// Names the generated methods use for themselves; a parameter with one of them is renamed.
const RESERVED: &[&str] = &[
    "ctx", "q", "i", "row", "rows", "err", "items", "result", "arg", "tag", "n",
];

fn param_ident(name: &str) -> String {
    let c = camel(name);
    if KEYWORDS.contains(&c.as_str()) || RESERVED.contains(&c.as_str()) {
        format!("{c}Arg")
    } else {
        c
    }
}

/// The package name: the output directory's name, unless Go cannot use it.
fn package_name(out: &Path) -> String {
    let dir = out
        .file_name()
        .map(|n| snake(&n.to_string_lossy()))
        .unwrap_or_default();
    if dir.is_empty() || KEYWORDS.contains(&dir.as_str()) || dir.starts_with('_') {
        "flash_gen".into()
    } else {
        dir
    }
}

pub fn render(set: &QuerySet, driver_name: &str, out: &Path) -> Vec<GeneratedFile> {
    let driver = Driver::parse(driver_name);
    let package = package_name(out);
    let mut files = vec![
        GeneratedFile {
            path: PathBuf::from("db.go"),
            contents: db_file(&package, driver),
        },
        GeneratedFile {
            path: PathBuf::from("models.go"),
            contents: models_file(&package, set),
        },
    ];
    for stem in set.file_stems() {
        files.push(GeneratedFile {
            path: PathBuf::from(format!("{}.go", snake(stem))),
            contents: query_file(&package, set, stem, driver),
        });
    }
    files
}

fn pgx_paths(v4: bool) -> (&'static str, &'static str) {
    if v4 {
        ("github.com/jackc/pgx/v4", "github.com/jackc/pgconn")
    } else {
        ("github.com/jackc/pgx/v5", "github.com/jackc/pgx/v5/pgconn")
    }
}

/// Shared by both drivers' db.go: JSON goes out as text, and a nil message as NULL.
const JSON_ARG: &str = "// jsonArg sends JSON as text and a nil message as NULL (drivers send bytes as binary data).\n\
func jsonArg(v json.RawMessage) interface{} {\n\tif v == nil {\n\t\treturn nil\n\t}\n\treturn string(v)\n}\n";

fn db_file(package: &str, driver: Driver) -> String {
    let mut out = header("//");
    let _ = writeln!(out, "\npackage {package}\n");
    match driver {
        Driver::DatabaseSql => out.push_str(
            "import (\n\t\"context\"\n\t\"database/sql\"\n\t\"encoding/json\"\n)\n\n\
             // DBTX is what a *sql.DB, *sql.Conn or *sql.Tx provides.\n\
             type DBTX interface {\n\
             \tExecContext(context.Context, string, ...interface{}) (sql.Result, error)\n\
             \tQueryContext(context.Context, string, ...interface{}) (*sql.Rows, error)\n\
             \tQueryRowContext(context.Context, string, ...interface{}) *sql.Row\n}\n\n\
             func New(db DBTX) *Queries {\n\treturn &Queries{db: db}\n}\n\n\
             type Queries struct {\n\tdb DBTX\n}\n\n\
             // WithTx runs the queries inside tx.\n\
             func (q *Queries) WithTx(tx *sql.Tx) *Queries {\n\treturn &Queries{db: tx}\n}\n",
        ),
        Driver::Pgx { v4 } => {
            let (pgx, pgconn) = pgx_paths(v4);
            // gofmt's order: sorted by path.
            let mut paths = [format!("\"{pgx}\""), format!("\"{pgconn}\"")];
            paths.sort();
            let _ = write!(
                out,
                "import (\n\t\"context\"\n\t\"encoding/json\"\n\n\t{}\n\t{}\n)\n\n\
                 // DBTX is what a *pgx.Conn, a pool or a pgx.Tx provides.\n\
                 type DBTX interface {{\n\
                 \tExec(context.Context, string, ...interface{{}}) (pgconn.CommandTag, error)\n\
                 \tQuery(context.Context, string, ...interface{{}}) (pgx.Rows, error)\n\
                 \tQueryRow(context.Context, string, ...interface{{}}) pgx.Row\n\
                 \tCopyFrom(context.Context, pgx.Identifier, []string, pgx.CopyFromSource) (int64, error)\n}}\n\n\
                 func New(db DBTX) *Queries {{\n\treturn &Queries{{db: db}}\n}}\n\n\
                 type Queries struct {{\n\tdb DBTX\n}}\n\n\
                 // WithTx runs the queries inside tx.\n\
                 func (q *Queries) WithTx(tx pgx.Tx) *Queries {{\n\treturn &Queries{{db: tx}}\n}}\n",
                paths[0],
                paths[1]
            );
        }
    }
    out.push('\n');
    out.push_str(JSON_ARG);
    out
}

fn models_file(package: &str, set: &QuerySet) -> String {
    let mut out = header("//");
    let _ = writeln!(out, "\npackage {package}");
    for e in &set.enums {
        let name = enum_type(e);
        let _ = write!(out, "\ntype {name} string\n\nconst (\n");
        let mut taken = Vec::new();
        let consts: Vec<String> = e
            .values
            .iter()
            .map(|v| unique(format!("{name}{}", pascal(v)), &mut taken))
            .collect();
        let rows: Vec<[String; 3]> = consts
            .iter()
            .zip(&e.values)
            .map(|(c, v)| [c.clone(), name.clone(), format!("= {}", go_string(v))])
            .collect();
        out.push_str(&aligned(&rows));
        out.push_str(")\n");
        let _ = write!(
            out,
            "\n// Valid reports whether e is one of the values the database accepts.\nfunc (e {name}) Valid() bool {{\n\tswitch e {{\n\tcase {}:\n\t\treturn true\n\t}}\n\treturn false\n}}\n",
            consts.join(", ")
        );
        let _ = write!(
            out,
            "\n// All{name}Values lists the values in the database's order.\nfunc All{name}Values() []{name} {{\n\treturn []{name}{{{}}}\n}}\n",
            consts.join(", ")
        );
    }
    out
}

/// Lines of three columns, tab-indented and padded as gofmt aligns struct fields and const specs.
fn aligned(rows: &[[String; 3]]) -> String {
    let w0 = rows.iter().map(|r| r[0].chars().count()).max().unwrap_or(0);
    let w1 = rows.iter().map(|r| r[1].chars().count()).max().unwrap_or(0);
    rows.iter()
        .map(|[a, b, c]| format!("\t{a:<w0$} {b:<w1$} {c}\n"))
        .collect()
}

fn go_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn sql_literal(sql: &str) -> String {
    if sql.contains('`') {
        go_string(sql)
    } else {
        format!("`{sql}`")
    }
}

fn query_file(package: &str, set: &QuerySet, stem: &str, driver: Driver) -> String {
    let mut code = String::new();
    for q in set.queries_of(stem) {
        query(&mut code, set, q, driver);
    }
    let mut imports = vec!["\"context\"".to_string()];
    for (needle, path) in [
        ("sql.", "\"database/sql\""),
        ("json.", "\"encoding/json\""),
        ("time.", "\"time\""),
    ] {
        if code.contains(needle) {
            imports.push(path.to_string());
        }
    }
    let mut third = Vec::new();
    if code.contains("pq.") {
        third.push("\"github.com/lib/pq\"".to_string());
    }
    if let Driver::Pgx { v4 } = driver {
        let (pgx, pgconn) = pgx_paths(v4);
        if code.contains("pgtype.") {
            third.push(if v4 {
                "\"github.com/jackc/pgtype\"".to_string()
            } else {
                "\"github.com/jackc/pgx/v5/pgtype\"".to_string()
            });
        }
        if code.contains("pgconn.") {
            third.push(format!("\"{pgconn}\""));
        }
        if code.contains("pgx.") {
            third.push(format!("\"{pgx}\""));
        }
    }
    third.sort();
    let mut out = header("//");
    let _ = write!(out, "\npackage {package}\n\nimport (\n");
    for i in &imports {
        let _ = writeln!(out, "\t{i}");
    }
    if !third.is_empty() {
        out.push('\n');
        for i in &third {
            let _ = writeln!(out, "\t{i}");
        }
    }
    out.push_str(")\n");
    out.push_str(&code);
    out
}

/// More parameters than this are passed as one struct.
const MAX_POSITIONAL: usize = 3;

fn query(out: &mut String, set: &QuerySet, q: &Query, driver: Driver) {
    let postgres = set.dialect == Dialect::Postgres;
    let style = if postgres {
        Placeholder::Dollar
    } else {
        Placeholder::Question
    };
    let const_name = crate::naming::lower_first(&q.name);
    let _ = write!(
        out,
        "\nconst {const_name} = {}\n",
        sql_literal(&sql_text(q, style))
    );

    let row_type = format!("{}Row", q.name);
    let fields: Vec<String> = q.columns.iter().map(|c| pascal(&c.field)).collect();
    if q.kind.returns_rows() {
        let rows: Vec<[String; 3]> = q
            .columns
            .iter()
            .zip(&fields)
            .map(|(c, f)| {
                [
                    f.clone(),
                    go_type(&c.typed, &set.enums, driver),
                    format!("`json:\"{}\"`", c.field),
                ]
            })
            .collect();
        let _ = write!(out, "\ntype {row_type} struct {{\n{}}}\n", aligned(&rows));
    }
    let params_type = format!("{}Params", q.name);
    let by_struct = q.kind == QueryKind::CopyFrom || q.params.len() > MAX_POSITIONAL;
    if by_struct {
        let rows: Vec<[String; 3]> = q
            .params
            .iter()
            .map(|p| {
                [
                    pascal(&p.name),
                    go_type(&p.typed, &set.enums, driver),
                    format!("`json:\"{}\"`", p.name),
                ]
            })
            .collect();
        let _ = write!(
            out,
            "\ntype {params_type} struct {{\n{}}}\n",
            aligned(&rows)
        );
    }
    let arg_expr = |i: usize, prefix: &str| {
        let p = &q.params[i];
        let value = if by_struct {
            format!("{prefix}.{}", pascal(&p.name))
        } else {
            param_ident(&p.name)
        };
        wrap(&p.typed, driver, postgres, &value)
    };
    let args: Vec<String> = bind_order(q, style)
        .iter()
        .map(|&i| arg_expr(i, "arg"))
        .collect();
    let call_args = std::iter::once(const_name.clone())
        .chain(args.iter().cloned())
        .collect::<Vec<_>>()
        .join(", ");
    let sig_params = if q.kind == QueryKind::CopyFrom {
        format!(", arg []{params_type}")
    } else if by_struct {
        format!(", arg {params_type}")
    } else {
        q.params
            .iter()
            .map(|p| {
                format!(
                    ", {} {}",
                    param_ident(&p.name),
                    go_type(&p.typed, &set.enums, driver)
                )
            })
            .collect()
    };
    let scan_targets: Vec<String> = q
        .columns
        .iter()
        .zip(&fields)
        .map(|(c, f)| wrap_scan(&c.typed, driver, postgres, &format!("&i.{f}")))
        .collect();
    let scan = scan_targets.join(", ");
    let (exec, query_many, query_row) = match driver {
        Driver::DatabaseSql => ("ExecContext", "QueryContext", "QueryRowContext"),
        Driver::Pgx { .. } => ("Exec", "Query", "QueryRow"),
    };
    let ret = match (q.kind, driver) {
        (QueryKind::One, _) => format!("({row_type}, error)"),
        (QueryKind::Many, _) => format!("([]{row_type}, error)"),
        (QueryKind::Exec, _) => "error".into(),
        (QueryKind::ExecRows | QueryKind::CopyFrom, _) => "(int64, error)".into(),
        (QueryKind::ExecResult, Driver::DatabaseSql) => "(sql.Result, error)".into(),
        (QueryKind::ExecResult, Driver::Pgx { .. }) => "(pgconn.CommandTag, error)".into(),
    };
    out.push('\n');
    for line in &q.doc {
        let _ = writeln!(out, "// {line}");
    }
    let _ = writeln!(
        out,
        "func (q *Queries) {}(ctx context.Context{sig_params}) {ret} {{",
        q.name
    );
    let body = match q.kind {
        QueryKind::One => format!(
            "\trow := q.db.{query_row}(ctx, {call_args})\n\tvar i {row_type}\n\terr := row.Scan({scan})\n\treturn i, err\n"
        ),
        QueryKind::Many => {
            let close = if driver == Driver::DatabaseSql {
                "\tif err := rows.Close(); err != nil {\n\t\treturn nil, err\n\t}\n"
            } else {
                ""
            };
            format!(
                "\trows, err := q.db.{query_many}(ctx, {call_args})\n\tif err != nil {{\n\t\treturn nil, err\n\t}}\n\tdefer rows.Close()\n\tvar items []{row_type}\n\tfor rows.Next() {{\n\t\tvar i {row_type}\n\t\tif err := rows.Scan({scan}); err != nil {{\n\t\t\treturn nil, err\n\t\t}}\n\t\titems = append(items, i)\n\t}}\n{close}\tif err := rows.Err(); err != nil {{\n\t\treturn nil, err\n\t}}\n\treturn items, nil\n"
            )
        }
        QueryKind::Exec => format!("\t_, err := q.db.{exec}(ctx, {call_args})\n\treturn err\n"),
        QueryKind::ExecRows => match driver {
            Driver::DatabaseSql => format!(
                "\tresult, err := q.db.{exec}(ctx, {call_args})\n\tif err != nil {{\n\t\treturn 0, err\n\t}}\n\treturn result.RowsAffected()\n"
            ),
            Driver::Pgx { .. } => format!(
                "\ttag, err := q.db.{exec}(ctx, {call_args})\n\tif err != nil {{\n\t\treturn 0, err\n\t}}\n\treturn tag.RowsAffected(), nil\n"
            ),
        },
        QueryKind::ExecResult => format!("\treturn q.db.{exec}(ctx, {call_args})\n"),
        QueryKind::CopyFrom => copy_from(q, driver, &const_name, postgres, style),
    };
    out.push_str(&body);
    out.push_str("}\n");
}

/// `:copyfrom`: pgx's COPY; with `database/sql`, the INSERT run once per row, counting what it inserted.
fn copy_from(
    q: &Query,
    driver: Driver,
    const_name: &str,
    postgres: bool,
    style: Placeholder,
) -> String {
    let row_args: Vec<String> = bind_order(q, style)
        .iter()
        .map(|&i| {
            wrap(
                &q.params[i].typed,
                driver,
                postgres,
                &format!("a.{}", pascal(&q.params[i].name)),
            )
        })
        .collect();
    match (driver, &q.copy_target) {
        (Driver::Pgx { .. }, Some(target)) => {
            let columns: Vec<String> = target.columns.iter().map(|c| go_string(c)).collect();
            format!(
                "\trows := make([][]interface{{}}, 0, len(arg))\n\tfor _, a := range arg {{\n\t\trows = append(rows, []interface{{}}{{{}}})\n\t}}\n\treturn q.db.CopyFrom(ctx, pgx.Identifier{{{}}}, []string{{{}}}, pgx.CopyFromRows(rows))\n",
                row_args.join(", "),
                go_string(&target.table),
                columns.join(", ")
            )
        }
        _ => format!(
            "\tvar n int64\n\tfor _, a := range arg {{\n\t\tresult, err := q.db.ExecContext(ctx, {const_name}, {})\n\t\tif err != nil {{\n\t\t\treturn n, err\n\t\t}}\n\t\taffected, err := result.RowsAffected()\n\t\tif err != nil {{\n\t\t\treturn n, err\n\t\t}}\n\t\tn += affected\n\t}}\n\treturn n, nil\n",
            row_args.join(", ")
        ),
    }
}
