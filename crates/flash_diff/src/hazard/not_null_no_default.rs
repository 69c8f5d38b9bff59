//! NOT_NULL_NO_DEFAULT: a NOT NULL column without a default added to a table that may have rows. PostgreSQL and
//! SQLite refuse it when there are rows; MariaDB fills the rows with the type's implicit default instead.

use flash_core::Dialect;

use super::{Ctx, Hazard, HazardKind};
use crate::Change;

pub(super) fn hazards(ctx: &Ctx<'_>, change: &Change) -> Vec<Hazard> {
    let Change::AddColumn { table, column } = change else {
        return Vec::new();
    };
    // Identity, generated and AUTO_INCREMENT columns fill themselves.
    let fills_itself =
        column.identity.is_some() || column.generated.is_some() || column.auto_increment;
    if column.nullable || column.default.is_some() || fills_itself || !ctx.existing(table) {
        return Vec::new();
    }
    let outcome = match ctx.dialect {
        Dialect::Mysql => {
            "existing rows get the type's implicit default (0, '' or the zero date)".to_string()
        }
        Dialect::Postgres | Dialect::Sqlite => format!("fails if {table} has rows"),
    };
    vec![Hazard::new(
        HazardKind::NotNullNoDefault,
        format!(
            "adds NOT NULL column {table}.{} without a default: {outcome}",
            column.name
        ),
    )]
}

#[cfg(test)]
mod tests {
    use flash_core::Dialect;

    use super::super::test_support::lines;
    use super::hazards;

    #[test]
    fn postgres_only_plain_not_null_columns_on_existing_tables() {
        let from = "CREATE TABLE users (id bigint);";
        let to = "
            CREATE TABLE users (id bigint, age integer NOT NULL, score integer NOT NULL DEFAULT 0, note text,
                                n bigint NOT NULL GENERATED ALWAYS AS IDENTITY,
                                twice bigint NOT NULL GENERATED ALWAYS AS (id * 2) STORED);
            CREATE TABLE fresh (id bigint, age integer NOT NULL);
        ";
        insta::assert_snapshot!(lines(Dialect::Postgres, from, to, hazards));
    }

    #[test]
    fn mysql_fills_implicit_defaults() {
        let from = "CREATE TABLE users (id BIGINT PRIMARY KEY);";
        let to = "CREATE TABLE users (id BIGINT PRIMARY KEY, age INT NOT NULL, n INT NOT NULL DEFAULT 1);";
        insta::assert_snapshot!(lines(Dialect::Mysql, from, to, hazards));
    }

    #[test]
    fn sqlite_refuses_rows() {
        let from = "CREATE TABLE users (id INTEGER PRIMARY KEY);";
        let to = "CREATE TABLE users (id INTEGER PRIMARY KEY, age INTEGER NOT NULL);";
        insta::assert_snapshot!(lines(Dialect::Sqlite, from, to, hazards));
    }
}
