//! How a migration's statements are grouped into steps, the unit `applied_steps_count` counts.
//!
//! PostgreSQL and SQLite: each run of statements without `-- flash:no-transaction` is one step, run in one
//! transaction with its tracking write; each marked statement is a step of its own. A migration without marks is
//! one step: it commits whole, with its tracking row, or not at all. MySQL/MariaDB commit DDL implicitly, so every
//! statement is a step: the tracking write follows each one.

use flash_core::Dialect;

use super::Statement;

/// Statements `first..first + len` of the migration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub first: usize,
    pub len: usize,
    pub transactional: bool,
}

pub fn steps(dialect: Dialect, statements: &[Statement]) -> Vec<Step> {
    let mut out: Vec<Step> = Vec::new();
    for (i, s) in statements.iter().enumerate() {
        let transactional = dialect != Dialect::Mysql && !s.no_transaction;
        match out.last_mut() {
            Some(last) if transactional && last.transactional => last.len += 1,
            _ => out.push(Step {
                first: i,
                len: 1,
                transactional,
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stmt(no_transaction: bool) -> Statement {
        Statement {
            sql: "SELECT 1".into(),
            line: 1,
            no_transaction,
        }
    }

    #[test]
    fn marked_statements_stand_alone_and_mysql_counts_every_statement() {
        let s = [
            stmt(true),
            stmt(false),
            stmt(false),
            stmt(true),
            stmt(false),
        ];
        let step = |first, len, transactional| Step {
            first,
            len,
            transactional,
        };
        assert_eq!(
            steps(Dialect::Postgres, &s),
            [
                step(0, 1, false),
                step(1, 2, true),
                step(3, 1, false),
                step(4, 1, true)
            ]
        );
        assert_eq!(steps(Dialect::Mysql, &s).len(), 5);
        assert!(steps(Dialect::Sqlite, &[]).is_empty());
    }
}
