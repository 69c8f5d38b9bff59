//! Python: `models.py` (enums as `Literal` aliases, `ExecResult`), one module per query file with a dataclass per
//! result row and a function per query taking the connection first. Sync for psycopg, pymysql and sqlite3; async
//! for asyncpg, aiomysql, aiosqlite (and psycopg when `async = true`).

mod types;

use std::fmt::Write;
use std::path::PathBuf;

use crate::ir::{Query, QueryKind, QuerySet};
use crate::lang::{bind_order, header, sql_text, GeneratedFile, Placeholder};
use crate::naming::snake;
use types::{annotation, decode, encode, enum_type, Driver};

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield", "conn", "rows", "row", "cur", "json", "datetime", "decimal", "uuid",
];

fn ident(name: &str) -> String {
    if KEYWORDS.contains(&name) {
        format!("{name}_")
    } else {
        name.to_string()
    }
}

pub fn render(set: &QuerySet, driver_name: &str, is_async: bool) -> Vec<GeneratedFile> {
    let driver = Driver::parse(driver_name);
    let is_async = is_async
        || matches!(
            driver,
            Driver::Asyncpg | Driver::Aiomysql | Driver::Aiosqlite
        );
    let mut files = vec![
        GeneratedFile {
            path: PathBuf::from("__init__.py"),
            contents: header("#"),
        },
        GeneratedFile {
            path: PathBuf::from("models.py"),
            contents: models(set),
        },
    ];
    for stem in set.file_stems() {
        files.push(GeneratedFile {
            path: PathBuf::from(format!("{}.py", snake(stem))),
            contents: module(set, stem, driver, is_async),
        });
    }
    files
}

fn models(set: &QuerySet) -> String {
    let mut out = header("#");
    out.push_str("from __future__ import annotations\n\nimport dataclasses\nfrom typing import Literal, Optional, Tuple\n");
    for e in &set.enums {
        let name = enum_type(e);
        let values: Vec<String> = e.values.iter().map(|v| py_str(v)).collect();
        let _ = write!(
            out,
            "\n{name} = Literal[{}]\n{}_VALUES: Tuple[{name}, ...] = ({}{})\n",
            values.join(", "),
            snake(&e.name).to_ascii_uppercase(),
            values.join(", "),
            if values.len() == 1 { "," } else { "" }
        );
    }
    out.push_str(
        "\n\n@dataclasses.dataclass(frozen=True)\nclass ExecResult:\n    \"\"\"What an :execresult query reports.\"\"\"\n\n    rows_affected: int\n    last_insert_id: Optional[int]\n",
    );
    out
}

fn py_str(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn connection_type(driver: Driver, is_async: bool) -> &'static str {
    match (driver, is_async) {
        (Driver::Asyncpg, _) => "asyncpg.Connection[Any]",
        (Driver::Psycopg, false) => "psycopg.Connection[Any]",
        (Driver::Psycopg, true) => "psycopg.AsyncConnection[Any]",
        (Driver::Pymysql, _) => "pymysql.connections.Connection[Any]",
        (Driver::Aiomysql, _) => "aiomysql.Connection",
        (Driver::Aiosqlite, _) => "aiosqlite.Connection",
        (Driver::Sqlite3, _) => "sqlite3.Connection",
    }
}

fn driver_import(driver: Driver) -> &'static str {
    match driver {
        Driver::Asyncpg => "import asyncpg\n",
        Driver::Psycopg => "import psycopg\n",
        Driver::Pymysql => "import pymysql\nimport pymysql.connections\n",
        Driver::Aiomysql => "import aiomysql  # type: ignore[import-untyped]\n",
        Driver::Aiosqlite => "import aiosqlite\n",
        Driver::Sqlite3 => "import sqlite3\n",
    }
}

fn module(set: &QuerySet, stem: &str, driver: Driver, is_async: bool) -> String {
    let mut out = header("#");
    out.push_str("from __future__ import annotations\n\nimport dataclasses\nimport datetime\nimport decimal\nimport json\nimport uuid\nfrom typing import Any, Iterable, List, Optional\n\n");
    out.push_str(driver_import(driver));
    let mut model_names: Vec<String> = set.enums.iter().map(enum_type).collect();
    model_names.push("ExecResult".into());
    let _ = writeln!(out, "\nfrom .models import {}", model_names.join(", "));
    for q in set.queries_of(stem) {
        out.push('\n');
        query(&mut out, set, q, driver, is_async);
    }
    out
}

fn placeholder(driver: Driver) -> Placeholder {
    match driver {
        Driver::Asyncpg => Placeholder::Dollar,
        Driver::Psycopg | Driver::Pymysql | Driver::Aiomysql => Placeholder::Percent,
        Driver::Sqlite3 | Driver::Aiosqlite => Placeholder::Question,
    }
}

fn query(out: &mut String, set: &QuerySet, q: &Query, driver: Driver, is_async: bool) {
    let style = placeholder(driver);
    let const_name = snake(&q.name).to_ascii_uppercase();
    let sql = sql_text(q, style);
    let _ = writeln!(
        out,
        "\n{const_name} = \"\"\"{}\n\"\"\"\n",
        sql.replace('\\', "\\\\").replace("\"\"\"", "\\\"\\\"\\\"")
    );
    let row_type = format!("{}Row", q.name);
    if q.kind.returns_rows() {
        let _ = writeln!(out, "\n@dataclasses.dataclass\nclass {row_type}:");
        for c in &q.columns {
            let _ = writeln!(
                out,
                "    {}: {}",
                ident(&c.field),
                annotation(&c.typed, &set.enums, driver)
            );
        }
        out.push('\n');
    }
    let params_type = format!("{}Params", q.name);
    if q.kind == QueryKind::CopyFrom {
        let _ = writeln!(out, "\n@dataclasses.dataclass\nclass {params_type}:");
        for p in &q.params {
            let _ = writeln!(
                out,
                "    {}: {}",
                ident(&p.name),
                annotation(&p.typed, &set.enums, driver)
            );
        }
        out.push('\n');
    }
    let func = snake(&q.name);
    let (def, aw) = if is_async {
        ("async def", "await ")
    } else {
        ("def", "")
    };
    let conn_ty = connection_type(driver, is_async);
    let ret = match q.kind {
        QueryKind::One => format!("Optional[{row_type}]"),
        QueryKind::Many => format!("List[{row_type}]"),
        QueryKind::Exec => "None".into(),
        QueryKind::ExecRows | QueryKind::CopyFrom => "int".into(),
        QueryKind::ExecResult => "ExecResult".into(),
    };
    let mut sig = vec![format!("conn: {conn_ty}")];
    if q.kind == QueryKind::CopyFrom {
        sig.push(format!("rows: Iterable[{params_type}]"));
    } else {
        for p in &q.params {
            sig.push(format!(
                "{}: {}",
                ident(&p.name),
                annotation(&p.typed, &set.enums, driver)
            ));
        }
    }
    let _ = writeln!(out, "\n{def} {func}({}) -> {ret}:", sig.join(", "));
    if !q.doc.is_empty() {
        let _ = writeln!(
            out,
            "    \"\"\"{}\"\"\"",
            q.doc.join("\n    ").replace("\"\"\"", "'''")
        );
    }
    let order = bind_order(q, style);
    let arg_of = |i: usize, prefix: &str| {
        let p = &q.params[i];
        encode(&p.typed, &format!("{prefix}{}", ident(&p.name)))
    };
    let args: Vec<String> = order.iter().map(|&i| arg_of(i, "")).collect();
    let tuple = |args: &[String]| match args.len() {
        0 => "()".to_string(),
        1 => format!("({},)", args[0]),
        _ => format!("({})", args.join(", ")),
    };
    let build_row = |indent: &str| {
        let fields: Vec<String> = q
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                format!(
                    "{}={}",
                    ident(&c.field),
                    decode(&c.typed, driver, &format!("row[{i}]"))
                )
            })
            .collect();
        format!("{indent}{row_type}({})", fields.join(", "))
    };
    let body = match driver {
        Driver::Asyncpg => asyncpg_body(q, &const_name, &args, &build_row),
        Driver::Sqlite3 | Driver::Aiosqlite => {
            sqlite_body(q, &const_name, &tuple(&args), &build_row, aw, driver)
        }
        Driver::Psycopg | Driver::Pymysql | Driver::Aiomysql => {
            cursor_body(q, &const_name, &tuple(&args), &build_row, aw, driver)
        }
    };
    out.push_str(&body);
    if q.kind == QueryKind::CopyFrom {
        let row_args: Vec<String> = order.iter().map(|&i| arg_of(i, "r.")).collect();
        out.push_str(&copy_body(q, &const_name, &row_args, driver, aw));
    }
}

fn asyncpg_body(
    q: &Query,
    sql: &str,
    args: &[String],
    build_row: &dyn Fn(&str) -> String,
) -> String {
    let call_args = std::iter::once(sql.to_string())
        .chain(args.iter().cloned())
        .collect::<Vec<_>>()
        .join(", ");
    match q.kind {
        QueryKind::One => format!(
            "    row = await conn.fetchrow({call_args})\n    if row is None:\n        return None\n    return {}\n",
            build_row("").trim_start()
        ),
        QueryKind::Many => format!(
            "    return [\n{}\n        for row in await conn.fetch({call_args})\n    ]\n",
            build_row("        ")
        ),
        QueryKind::Exec => format!("    await conn.execute({call_args})\n"),
        QueryKind::ExecRows => format!(
            "    status = await conn.execute({call_args})\n    return int(status.split()[-1])\n"
        ),
        QueryKind::ExecResult => format!(
            "    status = await conn.execute({call_args})\n    return ExecResult(rows_affected=int(status.split()[-1]), last_insert_id=None)\n"
        ),
        QueryKind::CopyFrom => String::new(),
    }
}

fn sqlite_body(
    q: &Query,
    sql: &str,
    args: &str,
    build_row: &dyn Fn(&str) -> String,
    aw: &str,
    driver: Driver,
) -> String {
    let execute = format!("{aw}conn.execute({sql}, {args})");
    let is_async = driver == Driver::Aiosqlite;
    match q.kind {
        QueryKind::One if is_async => format!(
            "    async with conn.execute({sql}, {args}) as cur:\n        row = await cur.fetchone()\n    if row is None:\n        return None\n    return {}\n",
            build_row("").trim_start()
        ),
        QueryKind::One => format!(
            "    row = conn.execute({sql}, {args}).fetchone()\n    if row is None:\n        return None\n    return {}\n",
            build_row("").trim_start()
        ),
        QueryKind::Many if is_async => format!(
            "    async with conn.execute({sql}, {args}) as cur:\n        return [\n{}\n            for row in await cur.fetchall()\n        ]\n",
            build_row("            ")
        ),
        QueryKind::Many => format!(
            "    return [\n{}\n        for row in conn.execute({sql}, {args}).fetchall()\n    ]\n",
            build_row("        ")
        ),
        QueryKind::Exec => format!("    {execute}\n"),
        QueryKind::ExecRows => format!("    cur = {execute}\n    return cur.rowcount\n"),
        QueryKind::ExecResult => format!(
            "    cur = {execute}\n    return ExecResult(rows_affected=cur.rowcount, last_insert_id=cur.lastrowid)\n"
        ),
        QueryKind::CopyFrom => String::new(),
    }
}

fn cursor_body(
    q: &Query,
    sql: &str,
    args: &str,
    build_row: &dyn Fn(&str) -> String,
    aw: &str,
    driver: Driver,
) -> String {
    let with = if aw.is_empty() { "with" } else { "async with" };
    let open =
        format!("    {with} conn.cursor() as cur:\n        {aw}cur.execute({sql}, {args})\n");
    let last_id = if driver == Driver::Psycopg {
        "None"
    } else {
        "cur.lastrowid"
    };
    match q.kind {
        QueryKind::One => format!(
            "{open}        row = {aw}cur.fetchone()\n    if row is None:\n        return None\n    return {}\n",
            build_row("").trim_start()
        ),
        QueryKind::Many => format!(
            "{open}        return [\n{}\n            for row in {aw}cur.fetchall()\n        ]\n",
            build_row("            ")
        ),
        QueryKind::Exec => open,
        QueryKind::ExecRows => format!("{open}        return int(cur.rowcount)\n"),
        QueryKind::ExecResult => format!(
            "{open}        return ExecResult(rows_affected=int(cur.rowcount), last_insert_id={last_id})\n"
        ),
        QueryKind::CopyFrom => String::new(),
    }
}

/// `:copyfrom`: PostgreSQL's COPY where the driver has it, else one prepared INSERT run for every row.
fn copy_body(q: &Query, sql: &str, row_args: &[String], driver: Driver, aw: &str) -> String {
    let Some(target) = &q.copy_target else {
        return String::new();
    };
    let record = if row_args.len() == 1 {
        format!("({},)", row_args[0])
    } else {
        format!("({})", row_args.join(", "))
    };
    let columns: Vec<String> = target.columns.iter().map(|c| py_str(c)).collect();
    match driver {
        Driver::Asyncpg => format!(
            "    records = [{record} for r in rows]\n    await conn.copy_records_to_table({}, records=records, columns=[{}])\n    return len(records)\n",
            py_str(&target.table),
            columns.join(", ")
        ),
        Driver::Psycopg => {
            let cols = target.columns.join(", ");
            let with = if aw.is_empty() { "with" } else { "async with" };
            format!(
                "    count = 0\n    {with} conn.cursor() as cur:\n        {with} cur.copy(\"COPY {} ({cols}) FROM STDIN\") as copy:\n            for r in rows:\n                {aw}copy.write_row({record})\n                count += 1\n    return count\n",
                target.table
            )
        }
        Driver::Sqlite3 => format!(
            "    cur = conn.executemany({sql}, [{record} for r in rows])\n    return cur.rowcount\n"
        ),
        Driver::Aiosqlite => format!(
            "    records = [{record} for r in rows]\n    await conn.executemany({sql}, records)\n    return len(records)\n"
        ),
        Driver::Pymysql | Driver::Aiomysql => {
            let with = if aw.is_empty() { "with" } else { "async with" };
            format!(
                "    records = [{record} for r in rows]\n    if not records:\n        return 0\n    {with} conn.cursor() as cur:\n        {aw}cur.executemany({sql}, records)\n    return len(records)\n"
            )
        }
    }
}
