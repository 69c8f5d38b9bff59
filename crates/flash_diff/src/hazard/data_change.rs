//! DATA_CHANGE: a column made NOT NULL that declares a DEFAULT has its NULLs set to that default first (DESIGN §4).
//! Existing values change, which is shown but does not block.

use super::{set_not_null, Ctx, Hazard, HazardKind};
use crate::Change;

pub(super) fn hazards(ctx: &Ctx<'_>, change: &Change) -> Vec<Hazard> {
    let Some((table, column)) = set_not_null(change) else {
        return Vec::new();
    };
    let Some(default) = ctx
        .new_column(table, column)
        .and_then(|(_, c)| c.default.as_deref())
    else {
        return Vec::new();
    };
    vec![Hazard::new(
        HazardKind::DataChange,
        format!(
            "sets the NULLs of {table}.{column} to its default {default} before making it NOT NULL"
        ),
    )]
}

#[cfg(test)]
mod tests {
    use flash_core::Dialect;

    use super::super::test_support::lines;
    use super::hazards;

    #[test]
    fn backfill_only_with_a_default() {
        let from = "CREATE TABLE users (id bigint, status text, age integer, nick text NOT NULL);";
        let to = "CREATE TABLE users (id bigint, status text NOT NULL DEFAULT 'new', age integer NOT NULL, nick text DEFAULT 'x');";
        insta::assert_snapshot!(lines(Dialect::Postgres, from, to, hazards));
    }

    #[test]
    fn every_dialect_backfills() {
        let from = "CREATE TABLE users (id INT, qty INT);";
        let to = "CREATE TABLE users (id INT, qty INT NOT NULL DEFAULT 0);";
        let mysql = lines(Dialect::Mysql, from, to, hazards);
        let sqlite = lines(Dialect::Sqlite, from, to, hazards);
        insta::assert_snapshot!(format!("{mysql}\n{sqlite}"));
    }
}
