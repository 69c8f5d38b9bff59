//! IRREVERSIBLE: what the Down cannot bring back. It recreates a dropped table or column, but not the rows or
//! values the Up deleted. `plan::down::irreversible` takes these lines for the Down of a migration.

use super::{Ctx, Hazard, HazardKind};
use crate::{Change, Object};

pub(super) fn hazards(_ctx: &Ctx<'_>, change: &Change) -> Vec<Hazard> {
    let detail = match change {
        Change::Drop { object } => match object.as_ref() {
            Object::Table(t) => format!("the rows of table {} are not restored", t.name),
            _ => return Vec::new(),
        },
        Change::DropColumn { table, column } => {
            format!(
                "the values of column {table}.{} are not restored",
                column.name
            )
        }
        _ => return Vec::new(),
    };
    vec![Hazard::new(HazardKind::Irreversible, detail)]
}

#[cfg(test)]
mod tests {
    use flash_core::Dialect;

    use super::super::test_support::lines;
    use super::hazards;

    #[test]
    fn dropped_rows_and_values() {
        let from = "CREATE TABLE users (id bigint, bio text); CREATE TABLE logs (id bigint); CREATE TYPE mood AS ENUM ('a');";
        let to = "CREATE TABLE users (id bigint, nick text);";
        insta::assert_snapshot!(lines(Dialect::Postgres, from, to, hazards));
    }
}
