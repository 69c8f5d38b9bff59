//! A plan's steps as one script for the dialect's own client.

use flash_core::Dialect;

use super::Step;
use crate::render::Placement;

/// Statements before the transaction, each on its own; then the transactional part in one transaction (left out
/// when there is nothing in it); then the statements that must run after it. MySQL commits every DDL statement
/// implicitly, so its script has no transaction to pretend with.
pub fn script(dialect: Dialect, steps: &[Step]) -> String {
    let statements = |p: Placement| -> String {
        steps
            .iter()
            .filter(|s| s.placement == p)
            .map(|s| statement(dialect, &s.sql))
            .collect()
    };
    let inside = statements(Placement::Transaction);
    let mut out = statements(Placement::BeforeTransaction);
    if inside.is_empty() || dialect == Dialect::Mysql {
        out.push_str(&inside);
    } else {
        out.push_str("BEGIN;\n");
        out.push_str(&inside);
        out.push_str("COMMIT;\n");
    }
    out.push_str(&statements(Placement::AfterTransaction));
    out
}

/// Every statement of `steps` in order, each ready for the dialect's client, with no transaction around them: what
/// a schema file holds (`flash pull`).
pub fn statements(dialect: Dialect, steps: &[Step]) -> String {
    steps.iter().map(|s| statement(dialect, &s.sql)).collect()
}

/// One statement for the client. The `mariadb` client cuts its input at every `;` outside quotes, so a trigger or
/// routine body with statements of its own goes between `DELIMITER` lines, with a delimiter the body does not hold.
fn statement(dialect: Dialect, sql: &str) -> String {
    if dialect != Dialect::Mysql || !sql.contains(';') {
        return format!("{sql};\n");
    }
    let mut delimiter = String::from("$$");
    while sql.contains(&delimiter) {
        delimiter.push('$');
    }
    format!("DELIMITER {delimiter}\n{sql}{delimiter}\nDELIMITER ;\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(sql: &str, placement: Placement) -> Step {
        Step {
            sql: sql.into(),
            placement,
        }
    }

    #[test]
    fn transaction_sits_between_the_statements_that_cannot_share_it() {
        let steps = [
            step(
                "CREATE INDEX CONCURRENTLY i ON t (c)",
                Placement::AfterTransaction,
            ),
            step("ALTER TABLE t ADD c int", Placement::Transaction),
            step("ALTER TYPE e ADD VALUE 'x'", Placement::BeforeTransaction),
        ];
        assert_eq!(
            script(Dialect::Postgres, &steps),
            "ALTER TYPE e ADD VALUE 'x';\nBEGIN;\nALTER TABLE t ADD c int;\nCOMMIT;\n\
             CREATE INDEX CONCURRENTLY i ON t (c);\n"
        );
        assert_eq!(
            script(Dialect::Postgres, &steps[2..]),
            "ALTER TYPE e ADD VALUE 'x';\n"
        );
        assert_eq!(
            script(Dialect::Mysql, &steps[1..2]),
            "ALTER TABLE t ADD c int;\n"
        );
        assert_eq!(script(Dialect::Sqlite, &[]), "");
    }

    #[test]
    fn mysql_bodies_with_semicolons_get_their_own_delimiter() {
        let steps = [
            step(
                "CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW\nBEGIN SET @a = '$$'; END",
                Placement::Transaction,
            ),
            step("DROP TABLE y", Placement::Transaction),
        ];
        assert_eq!(
            script(Dialect::Mysql, &steps),
            "DELIMITER $$$\nCREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW\nBEGIN SET @a = '$$'; END$$$\n\
             DELIMITER ;\nDROP TABLE y;\n"
        );
    }
}
