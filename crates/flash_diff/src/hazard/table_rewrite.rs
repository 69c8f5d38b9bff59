//! TABLE_REWRITE: the table is copied while writes (PostgreSQL, SQLite: and reads) wait. PostgreSQL rewrites for
//! type changes that are not binary coercible, volatile or stored defaults on a new column and LOGGED/UNLOGGED or
//! tablespace moves; MariaDB copies the table for most `MODIFY COLUMN`s and primary key changes; SQLite rebuilds the
//! table for everything its `ALTER TABLE` cannot do.

use flash_core::{Dialect, QualName};

use super::types::{charset_width, mysql_rewrites, postgres_rewrites};
use super::{type_change, Ctx, Hazard, HazardKind};
use crate::{Change, ColumnChange};

pub(super) fn hazards(ctx: &Ctx<'_>, change: &Change) -> Vec<Hazard> {
    match ctx.dialect {
        Dialect::Postgres => postgres(ctx, change),
        Dialect::Mysql => mysql(ctx, change),
        Dialect::Sqlite => sqlite(ctx, change),
    }
    .into_iter()
    .map(|detail| Hazard::new(HazardKind::TableRewrite, detail))
    .collect()
}

fn postgres(ctx: &Ctx<'_>, change: &Change) -> Vec<String> {
    let rewrite = |table: &QualName| {
        format!("rewrites {table} and its indexes under an ACCESS EXCLUSIVE lock")
    };
    match change {
        Change::AlterColumn { .. } => type_change(change)
            .filter(|(_, _, from, to)| postgres_rewrites(from, to))
            .map(|(table, column, from, to)| {
                format!(
                    "changes column {table}.{column} from {from} to {to}: {}",
                    rewrite(table)
                )
            })
            .into_iter()
            .collect(),
        Change::AddColumn { table, column } if ctx.existing(table) => {
            let name = format!("{table}.{}", column.name);
            let what = if column.generated.as_ref().is_some_and(|g| g.stored) {
                Some(format!("adds stored generated column {name}"))
            } else if column.identity.is_some() {
                Some(format!("adds identity column {name}"))
            } else {
                column
                    .default
                    .as_deref()
                    .filter(|d| volatile(d))
                    .map(|d| format!("adds column {name} with the volatile default {d}"))
            };
            what.map(|what| format!("{what}: {}", rewrite(table)))
                .into_iter()
                .collect()
        }
        Change::SetTableOptions { table, from, to } => {
            let mut out = Vec::new();
            if from.contains_key("unlogged") != to.contains_key("unlogged") {
                let now = if to.contains_key("unlogged") {
                    "UNLOGGED"
                } else {
                    "LOGGED"
                };
                out.push(format!("sets {table} {now}: {}", rewrite(table)));
            }
            if from.get("tablespace") != to.get("tablespace") {
                out.push(format!(
                    "moves {table} to tablespace {}: {}",
                    to.get("tablespace")
                        .map(String::as_str)
                        .unwrap_or("pg_default"),
                    rewrite(table)
                ));
            }
            out
        }
        _ => Vec::new(),
    }
}

/// Defaults PostgreSQL evaluates per row, so a new column with one cannot use the stored-default fast path. Only
/// the common volatile functions are known; `now()` and `CURRENT_TIMESTAMP` are stable and stay fast.
fn volatile(default: &str) -> bool {
    const VOLATILE: &[&str] = &[
        "random(",
        "gen_random_uuid(",
        "uuid_generate_v1",
        "uuid_generate_v4(",
        "uuidv4(",
        "uuidv7(",
        "clock_timestamp(",
        "timeofday(",
        "statement_timestamp(",
        "nextval(",
    ];
    let lower = default.to_ascii_lowercase();
    VOLATILE.iter().any(|f| lower.contains(f))
}

fn mysql(ctx: &Ctx<'_>, change: &Change) -> Vec<String> {
    let copy = |table: &QualName| format!("copies table {table}, blocking writes until it is done");
    match change {
        Change::AlterColumn {
            table,
            column,
            changes,
        } => {
            let width = ctx.new_column(table, column).map(|(t, c)| {
                let charset = c
                    .charset
                    .as_deref()
                    .or(t.options.get("charset").map(String::as_str));
                charset_width(charset)
            });
            changes
                .iter()
                .filter_map(|c| {
                    let what = match c {
                        ColumnChange::Type { from, to }
                            if mysql_rewrites(from, to, width.unwrap_or(4)) =>
                        {
                            format!("changes column {table}.{column} from {from} to {to}")
                        }
                        ColumnChange::Nullable { to, .. } => format!(
                            "makes column {table}.{column} {}",
                            if *to { "nullable" } else { "NOT NULL" }
                        ),
                        ColumnChange::Charset { .. } => {
                            format!("changes the character set of column {table}.{column}")
                        }
                        ColumnChange::Collation { .. } => {
                            format!("changes the collation of column {table}.{column}")
                        }
                        _ => return None,
                    };
                    Some(format!("{what}: {}", copy(table)))
                })
                .collect()
        }
        Change::AddPrimaryKey { table, .. } if ctx.existing(table) => {
            vec![format!("adds a primary key to {table}: {}", copy(table))]
        }
        Change::DropPrimaryKey { table, .. } if ctx.existing(table) => {
            vec![format!("drops the primary key of {table}: {}", copy(table))]
        }
        Change::SetTableOptions { table, from, to }
            if ["engine", "charset", "collate", "row_format"]
                .iter()
                .any(|k| from.get(*k) != to.get(*k)) =>
        {
            vec![format!(
                "changes the table options of {table}: {}",
                copy(table)
            )]
        }
        _ => Vec::new(),
    }
}

fn sqlite(ctx: &Ctx<'_>, change: &Change) -> Vec<String> {
    let Some(table) = change.altered_table() else {
        return Vec::new();
    };
    if !ctx.sqlite_rebuilds.contains(table) || !ctx.existing(table) {
        return Vec::new();
    }
    // One line per table whatever the reasons, so several changes to one table read as the one rebuild they are.
    vec![format!(
        "rebuilds table {table}: a new table is created, every row copied, the old one dropped and the new one renamed"
    )]
}

#[cfg(test)]
mod tests {
    use flash_core::Dialect;

    use super::super::test_support::lines;
    use super::hazards;

    #[test]
    fn postgres_type_changes_and_new_columns() {
        let from = "
            CREATE TABLE t (id integer, a varchar(10), b varchar(10), c text, d numeric(10,2), e numeric(10,2),
                            f text, g varchar(20));
        ";
        let to = "
            CREATE TABLE t (id bigint, a varchar(20), b text, c varchar(5), d numeric(12,2), e numeric(12,3),
                            f integer, g varchar(10),
                            u uuid DEFAULT gen_random_uuid(), ts timestamptz DEFAULT now(),
                            s integer GENERATED ALWAYS AS (id * 2) STORED);
            CREATE TABLE fresh (id bigint, u uuid DEFAULT gen_random_uuid());
        ";
        insta::assert_snapshot!(lines(Dialect::Postgres, from, to, hazards));
    }

    #[test]
    fn mysql_modify_column() {
        let from = "
            CREATE TABLE t (id INT NOT NULL, a VARCHAR(10), b VARCHAR(60), c INT, d ENUM('x'), e VARCHAR(20))
                DEFAULT CHARSET=utf8mb4;
            CREATE TABLE narrow (a VARCHAR(60), b VARCHAR(200)) DEFAULT CHARSET=latin1;
        ";
        let to = "
            CREATE TABLE t (id INT NOT NULL, a VARCHAR(60), b VARCHAR(70), c BIGINT, d ENUM('x','y'), e VARCHAR(20) NOT NULL,
                            PRIMARY KEY (id)) DEFAULT CHARSET=utf8mb4;
            CREATE TABLE narrow (a VARCHAR(70), b VARCHAR(300)) DEFAULT CHARSET=latin1;
        ";
        insta::assert_snapshot!(lines(Dialect::Mysql, from, to, hazards));
    }

    #[test]
    fn sqlite_rebuilds_once_per_table() {
        let from = "
            CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT, c TEXT);
            CREATE TABLE u (id INTEGER PRIMARY KEY, a TEXT, b TEXT);
            CREATE INDEX u_b ON u (b);
            CREATE TABLE v (id INTEGER PRIMARY KEY);
            CREATE TABLE w (id INTEGER PRIMARY KEY);
        ";
        let to = "
            CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER NOT NULL DEFAULT 0, b TEXT DEFAULT 'x', CHECK (b <> ''));
            CREATE TABLE u (id INTEGER PRIMARY KEY, a TEXT, note TEXT, made TEXT DEFAULT CURRENT_TIMESTAMP);
            CREATE TABLE v (id INTEGER PRIMARY KEY) STRICT;
            CREATE TABLE w (id INTEGER PRIMARY KEY, note TEXT);
        ";
        insta::assert_snapshot!(lines(Dialect::Sqlite, from, to, hazards));
    }
}
