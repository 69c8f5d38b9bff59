//! TypeScript: `models.ts` (enums as literal unions with their values, `ExecResult`), `db.ts` (the connection type
//! the functions take), and one `<file>.ts` per query file: an interface per result row and per parameter set, and
//! a function per query named as written with a lower-case first letter (`GetUser` -> `getUser`). Rows are read as
//! arrays (pg `rowMode: "array"`, mysql2 `rowsAsArray`, better-sqlite3 `raw()`), so duplicate column names in a
//! join cannot overwrite each other.

mod types;

use std::fmt::Write;
use std::path::PathBuf;

use crate::ir::{Query, QueryKind, QuerySet};
use crate::lang::{bind_order, header, sql_text, GeneratedFile, Placeholder};
use crate::naming::{camel, lower_first, snake};
use types::{decode, encode, enum_type, ts_type, Driver};

pub fn render(set: &QuerySet, driver_name: &str) -> Vec<GeneratedFile> {
    let driver = Driver::parse(driver_name);
    let mut files = vec![
        GeneratedFile {
            path: PathBuf::from("models.ts"),
            contents: models(set),
        },
        GeneratedFile {
            path: PathBuf::from("db.ts"),
            contents: db(driver),
        },
    ];
    for stem in set.file_stems() {
        files.push(GeneratedFile {
            path: PathBuf::from(format!("{}.ts", snake(stem))),
            contents: module(set, stem, driver),
        });
    }
    files
}

fn ts_string(s: &str) -> String {
    format!(
        "\"{}\"",
        s.replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n")
    )
}

fn models(set: &QuerySet) -> String {
    let mut out = header("//");
    for e in &set.enums {
        let name = enum_type(e);
        let values: Vec<String> = e.values.iter().map(|v| ts_string(v)).collect();
        let _ = write!(
            out,
            "\nexport type {name} = {};\n\nexport const {}_VALUES: readonly {name}[] = [{}];\n",
            values.join(" | "),
            snake(&e.name).to_ascii_uppercase(),
            values.join(", ")
        );
    }
    out.push_str(
        "\n/** What an :execresult query reports. */\nexport interface ExecResult {\n  rowsAffected: number;\n  lastInsertId: number | null;\n}\n",
    );
    out
}

fn db(driver: Driver) -> String {
    let mut out = header("//");
    out.push_str(match driver {
        Driver::Pg => {
            "\nimport type { QueryArrayConfig, QueryArrayResult } from \"pg\";\n\n\
             /** What a pg Client, Pool or PoolClient provides. */\n\
             export interface Queryable {\n  query(config: QueryArrayConfig<unknown[]>): Promise<QueryArrayResult<unknown[]>>;\n}\n"
        }
        Driver::Mysql2 => {
            "\nimport type { Connection, Pool, PoolConnection } from \"mysql2/promise\";\n\n\
             /** A mysql2 promise Connection, Pool or PoolConnection. */\n\
             export type Queryable = Connection | Pool | PoolConnection;\n"
        }
        Driver::BetterSqlite3 => {
            "\nimport type { Database } from \"better-sqlite3\";\n\n\
             /** A better-sqlite3 Database. */\n\
             export type Queryable = Database;\n"
        }
    });
    out
}

fn module(set: &QuerySet, stem: &str, driver: Driver) -> String {
    let mut out = header("//");
    let mut model_names: Vec<String> = set.enums.iter().map(enum_type).collect();
    model_names.push("ExecResult".into());
    let _ = write!(
        out,
        "\nimport type {{ {} }} from \"./models\";\nimport type {{ Queryable }} from \"./db\";\n",
        model_names.join(", ")
    );
    if driver == Driver::Mysql2 {
        out.push_str("import type { ResultSetHeader, RowDataPacket } from \"mysql2/promise\";\n");
    }
    for q in set.queries_of(stem) {
        query(&mut out, set, q, driver);
    }
    out
}

fn placeholder(driver: Driver) -> Placeholder {
    match driver {
        Driver::Pg => Placeholder::Dollar,
        Driver::Mysql2 | Driver::BetterSqlite3 => Placeholder::Question,
    }
}

fn query(out: &mut String, set: &QuerySet, q: &Query, driver: Driver) {
    let style = placeholder(driver);
    let const_name = format!("{}Sql", lower_first(&q.name));
    let _ = write!(
        out,
        "\nconst {const_name} = {};\n",
        ts_string(&sql_text(q, style))
    );
    let row_type = format!("{}Row", q.name);
    if q.kind.returns_rows() {
        let _ = write!(out, "\nexport interface {row_type} {{\n");
        for c in &q.columns {
            let _ = writeln!(
                out,
                "  {}: {};",
                camel(&c.field),
                ts_type(&c.typed, &set.enums, driver)
            );
        }
        out.push_str("}\n");
    }
    let args_type = format!("{}Args", q.name);
    if !q.params.is_empty() {
        let _ = write!(out, "\nexport interface {args_type} {{\n");
        for p in &q.params {
            let _ = writeln!(
                out,
                "  {}: {};",
                camel(&p.name),
                ts_type(&p.typed, &set.enums, driver)
            );
        }
        out.push_str("}\n");
    }
    let values: Vec<String> = bind_order(q, style)
        .iter()
        .map(|&i| {
            let p = &q.params[i];
            encode(&p.typed, driver, &format!("args.{}", camel(&p.name)))
        })
        .collect();
    let values = format!("[{}]", values.join(", "));
    let build = |indent: &str| {
        let fields: Vec<String> = q
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                format!(
                    "{indent}  {}: {},",
                    camel(&c.field),
                    decode(&c.typed, &set.enums, driver, &format!("row[{i}]"))
                )
            })
            .collect();
        format!("{{\n{}\n{indent}}}", fields.join("\n"))
    };
    let sync = driver == Driver::BetterSqlite3;
    let wrap_ret = |t: &str| {
        if sync {
            t.to_string()
        } else {
            format!("Promise<{t}>")
        }
    };
    let ret = match q.kind {
        QueryKind::One => wrap_ret(&format!("{row_type} | null")),
        QueryKind::Many => wrap_ret(&format!("{row_type}[]")),
        QueryKind::Exec => wrap_ret("void"),
        QueryKind::ExecRows | QueryKind::CopyFrom => wrap_ret("number"),
        QueryKind::ExecResult => wrap_ret("ExecResult"),
    };
    let args_param = match (q.kind, q.params.is_empty()) {
        (QueryKind::CopyFrom, _) => format!(", rows: {args_type}[]"),
        (_, true) => String::new(),
        (_, false) => format!(", args: {args_type}"),
    };
    out.push('\n');
    if !q.doc.is_empty() {
        let _ = writeln!(out, "/** {} */", q.doc.join(" ").replace("*/", "* /"));
    }
    let func = lower_first(&q.name);
    let asyncness = if sync { "" } else { "async " };
    let _ = writeln!(
        out,
        "export {asyncness}function {func}(db: Queryable{args_param}): {ret} {{"
    );
    let body = match (driver, q.kind) {
        (_, QueryKind::CopyFrom) => copy_body(&const_name, q, driver, style),
        (Driver::Pg, kind) => pg_body(kind, &const_name, &values, &build),
        (Driver::Mysql2, kind) => mysql_body(kind, &const_name, &values, &build),
        (Driver::BetterSqlite3, kind) => sqlite_body(kind, &const_name, &values, &build),
    };
    out.push_str(&body);
    out.push_str("}\n");
}

fn pg_body(kind: QueryKind, sql: &str, values: &str, build: &dyn Fn(&str) -> String) -> String {
    let call = format!("await db.query({{ text: {sql}, values: {values}, rowMode: \"array\" }})");
    match kind {
        QueryKind::One => format!(
            "  const result = {call};\n  const row = result.rows[0];\n  if (row === undefined) {{\n    return null;\n  }}\n  return {};\n",
            build("  ")
        ),
        QueryKind::Many => format!("  const result = {call};\n  return result.rows.map((row) => ({}));\n", build("  ")),
        QueryKind::Exec => format!("  {call};\n"),
        QueryKind::ExecRows => format!("  const result = {call};\n  return result.rowCount ?? 0;\n"),
        QueryKind::ExecResult => format!(
            "  const result = {call};\n  return {{ rowsAffected: result.rowCount ?? 0, lastInsertId: null }};\n"
        ),
        QueryKind::CopyFrom => String::new(),
    }
}

fn mysql_body(kind: QueryKind, sql: &str, values: &str, build: &dyn Fn(&str) -> String) -> String {
    match kind {
        QueryKind::One | QueryKind::Many => {
            let fetch = format!(
                "  const [rows] = await db.query<RowDataPacket[]>({{ sql: {sql}, rowsAsArray: true }}, {values});\n"
            );
            if kind == QueryKind::One {
                format!(
                    "{fetch}  const row = rows[0];\n  if (row === undefined) {{\n    return null;\n  }}\n  return {};\n",
                    build("  ")
                )
            } else {
                format!("{fetch}  return rows.map((row) => ({}));\n", build("  "))
            }
        }
        QueryKind::Exec => format!("  await db.query<ResultSetHeader>({sql}, {values});\n"),
        QueryKind::ExecRows => format!(
            "  const [result] = await db.query<ResultSetHeader>({sql}, {values});\n  return result.affectedRows;\n"
        ),
        QueryKind::ExecResult => format!(
            "  const [result] = await db.query<ResultSetHeader>({sql}, {values});\n  return {{ rowsAffected: result.affectedRows, lastInsertId: result.insertId }};\n"
        ),
        QueryKind::CopyFrom => String::new(),
    }
}

fn sqlite_body(kind: QueryKind, sql: &str, values: &str, build: &dyn Fn(&str) -> String) -> String {
    match kind {
        QueryKind::One => format!(
            "  const row = db.prepare({sql}).raw(true).get(...{values}) as unknown[] | undefined;\n  if (row === undefined) {{\n    return null;\n  }}\n  return {};\n",
            build("  ")
        ),
        QueryKind::Many => format!(
            "  const rows = db.prepare({sql}).raw(true).all(...{values}) as unknown[][];\n  return rows.map((row) => ({}));\n",
            build("  ")
        ),
        QueryKind::Exec => format!("  db.prepare({sql}).run(...{values});\n"),
        QueryKind::ExecRows => format!("  return db.prepare({sql}).run(...{values}).changes;\n"),
        QueryKind::ExecResult => format!(
            "  const result = db.prepare({sql}).run(...{values});\n  return {{ rowsAffected: result.changes, lastInsertId: Number(result.lastInsertRowid) }};\n"
        ),
        QueryKind::CopyFrom => String::new(),
    }
}

/// `:copyfrom`: one prepared INSERT run for every row (inside a transaction with better-sqlite3), counting rows.
fn copy_body(sql: &str, q: &Query, driver: Driver, style: Placeholder) -> String {
    let values: Vec<String> = bind_order(q, style)
        .iter()
        .map(|&i| {
            let p = &q.params[i];
            encode(&p.typed, driver, &format!("args.{}", camel(&p.name)))
        })
        .collect();
    let values = format!("[{}]", values.join(", "));
    match driver {
        Driver::BetterSqlite3 => format!(
            "  const statement = db.prepare({sql});\n  let count = 0;\n  db.transaction(() => {{\n    for (const args of rows) {{\n      count += statement.run(...{values}).changes;\n    }}\n  }})();\n  return count;\n"
        ),
        Driver::Pg => format!(
            "  let count = 0;\n  for (const args of rows) {{\n    const result = await db.query({{ text: {sql}, values: {values}, rowMode: \"array\" }});\n    count += result.rowCount ?? 0;\n  }}\n  return count;\n"
        ),
        Driver::Mysql2 => format!(
            "  let count = 0;\n  for (const args of rows) {{\n    const [result] = await db.query<ResultSetHeader>({sql}, {values});\n    count += result.affectedRows;\n  }}\n  return count;\n"
        ),
    }
}
