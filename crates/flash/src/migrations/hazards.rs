//! What a migration's statements risk, found from the SQL itself (`flash_parse::statement::effects`) and put in
//! flash_diff's hazard kinds, so a hand-written `DROP TABLE` is caught like a planned one; and the counts the
//! pre-flight checks must make before anything runs.

use std::collections::HashSet;

use flash_core::Dialect;
use flash_diff::{Hazard, HazardKind};
use flash_parse::statement::{effects, Effect, Name};

use super::SourceStatement;

/// A hazard and the line of the statement that has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub hazard: Hazard,
    pub line: usize,
}

/// A count that must be zero for a statement to succeed on the rows already there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// A NOT NULL column without a default: the table must be empty.
    EmptyTable {
        table: Name,
        column: String,
        line: usize,
    },
    /// A new unique key: no two rows may share its values.
    NoDuplicates {
        table: Name,
        columns: Vec<String>,
        line: usize,
    },
    /// SET NOT NULL: no row may be NULL there.
    NoNulls {
        table: Name,
        column: String,
        line: usize,
    },
}

#[derive(Debug, Default)]
pub struct Analysis {
    pub findings: Vec<Finding>,
    pub checks: Vec<Check>,
}

pub fn analyse(dialect: Dialect, statements: &[SourceStatement]) -> Analysis {
    let all: Vec<(usize, Effect)> = statements
        .iter()
        .flat_map(|s| {
            effects(dialect, &s.sql)
                .into_iter()
                .map(move |e| (s.line, e))
        })
        .collect();
    let key = |n: &Name| n.base().to_lowercase();
    // Tables this migration creates (or renames into place) carry no lock hazard and hold no rows yet.
    let mut created: HashSet<String> = HashSet::new();
    let mut out = Analysis::default();
    let mut hazard = |kind, detail: String, line| {
        out.findings.push(Finding {
            hazard: Hazard::new(kind, detail),
            line,
        });
    };
    let mut checks = Vec::new();
    for (i, (line, effect)) in all.iter().enumerate() {
        let line = *line;
        match effect {
            Effect::CreateTable { table } => {
                created.insert(key(table));
            }
            Effect::RenameTable { from, to } if created.contains(&key(from)) => {
                created.insert(key(to));
            }
            Effect::DropTable { table } => {
                // SQLite's rebuild: the old table dropped, a new one renamed into its place later.
                let rebuilt = all[i + 1..].iter().any(|(_, e)| {
                    matches!(e, Effect::RenameTable { to, .. } if key(to) == key(table))
                });
                if rebuilt {
                    hazard(HazardKind::TableRewrite, format!("rebuilds table {table}"), line);
                } else if !created.contains(&key(table)) {
                    hazard(HazardKind::DataLoss, format!("drops table {table}"), line);
                }
                created.remove(&key(table));
            }
            Effect::Truncate { table } | Effect::DeleteAll { table } if !created.contains(&key(table)) => {
                hazard(HazardKind::DataLoss, format!("deletes every row of {table}"), line);
            }
            Effect::DropColumn { table, column } if !created.contains(&key(table)) => {
                hazard(HazardKind::DataLoss, format!("drops column {table}.{column}"), line);
            }
            Effect::DropObject { kind, name } => {
                hazard(HazardKind::DataLoss, format!("drops {} {name}", kind.to_lowercase()), line);
            }
            Effect::AlterColumnType { table, column } if !created.contains(&key(table)) => hazard(
                HazardKind::TableRewrite,
                format!("changes the type of {table}.{column}, which may rewrite the table under an exclusive lock"),
                line,
            ),
            Effect::SetNotNull { table, column } if !created.contains(&key(table)) => {
                if dialect == Dialect::Postgres {
                    hazard(
                        HazardKind::LongLock,
                        format!("SET NOT NULL on {table}.{column} scans every row under an ACCESS EXCLUSIVE lock"),
                        line,
                    );
                }
                checks.push(Check::NoNulls { table: table.clone(), column: column.clone(), line });
            }
            Effect::AddColumn { table, column, not_null: true, has_default: false }
                if !created.contains(&key(table)) =>
            {
                hazard(
                    HazardKind::NotNullNoDefault,
                    format!("adds NOT NULL column {table}.{column} without a default: fails if {table} has rows"),
                    line,
                );
                checks.push(Check::EmptyTable { table: table.clone(), column: column.clone(), line });
            }
            Effect::CreateIndex { table, name, unique, concurrently, columns } if !created.contains(&key(table)) => {
                if dialect == Dialect::Postgres && !concurrently {
                    let unique_word = if *unique { "UNIQUE " } else { "" };
                    let name = name.as_deref().unwrap_or("an index");
                    hazard(
                        HazardKind::LongLock,
                        format!(
                            "CREATE {unique_word}INDEX {name} ON {table} blocks writes to the table while it builds; \
                             the safe form is CREATE {unique_word}INDEX CONCURRENTLY"
                        ),
                        line,
                    );
                }
                if *unique && !columns.is_empty() {
                    checks.push(Check::NoDuplicates { table: table.clone(), columns: columns.clone(), line });
                }
            }
            Effect::AddUnique { table, columns } if !created.contains(&key(table)) => {
                if dialect == Dialect::Postgres {
                    hazard(
                        HazardKind::LongLock,
                        format!("adds a unique key on {table} ({}), building its index under a lock", columns.join(", ")),
                        line,
                    );
                }
                if !columns.is_empty() {
                    checks.push(Check::NoDuplicates { table: table.clone(), columns: columns.clone(), line });
                }
            }
            Effect::AddValidatedConstraint { table, kind, not_valid: false }
                if dialect == Dialect::Postgres && !created.contains(&key(table)) =>
            {
                hazard(
                    HazardKind::LongLock,
                    format!(
                        "adds a {kind} constraint on {table}, validating every row under a lock; the safe form is \
                         ADD CONSTRAINT ... NOT VALID, then VALIDATE CONSTRAINT in a later step"
                    ),
                    line,
                );
            }
            _ => {}
        }
    }
    out.checks = checks;
    out
}

/// The header's hazards and the statements' together, without repeating one the header already states.
pub fn merged(header: &[Hazard], findings: &[Finding]) -> Vec<Hazard> {
    let mut out: Vec<Hazard> = header.to_vec();
    for f in findings {
        if !out.contains(&f.hazard) {
            out.push(f.hazard.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stmts(sql: &[&str]) -> Vec<SourceStatement> {
        sql.iter()
            .enumerate()
            .map(|(i, s)| SourceStatement {
                sql: (*s).to_string(),
                line: i + 1,
                no_transaction: false,
            })
            .collect()
    }

    fn lines(a: &Analysis) -> Vec<String> {
        a.findings
            .iter()
            .map(|f| format!("{}: {}", f.line, f.hazard))
            .collect()
    }

    #[test]
    fn hand_written_statements_are_classified() {
        let a = analyse(
            Dialect::Postgres,
            &stmts(&[
                "DROP TABLE legacy",
                "ALTER TABLE public.users DROP COLUMN bio",
                "ALTER TABLE users ALTER COLUMN age TYPE bigint",
                "CREATE INDEX users_age ON users (age)",
                "ALTER TABLE users ADD COLUMN email text NOT NULL",
                "CREATE UNIQUE INDEX CONCURRENTLY users_email ON users (email)",
                "ALTER TABLE users ALTER COLUMN name SET NOT NULL",
            ]),
        );
        insta::assert_snapshot!(lines(&a).join("\n"));
        assert_eq!(a.checks.len(), 3, "{:?}", a.checks);
    }

    #[test]
    fn new_tables_and_sqlite_rebuilds_are_not_data_loss() {
        let a = analyse(
            Dialect::Sqlite,
            &stmts(&[
                "CREATE TABLE fresh (id INTEGER)",
                "CREATE INDEX fresh_id ON fresh (id)",
                "ALTER TABLE fresh ADD COLUMN n INTEGER NOT NULL",
                "DROP TABLE fresh",
                "CREATE TABLE _flash_new_t (id INTEGER, a INTEGER)",
                "INSERT INTO _flash_new_t SELECT id, a FROM t",
                "DROP TABLE t",
                "ALTER TABLE _flash_new_t RENAME TO t",
            ]),
        );
        assert_eq!(lines(&a), ["7: TABLE_REWRITE rebuilds table t"]);
        assert!(a.checks.is_empty());
    }
}
