//! Hazard rules exercised on real schemas: both sides parsed from SQL, the changes from `diff`.

use flash_core::{Dialect, Schema};

use super::{Ctx, Hazard};
use crate::Change;

/// One rule's hazards for the change from `from_sql` to `to_sql`, one line each (`KIND detail`), sorted, so a
/// snapshot reads as the list a user would see.
pub fn lines(
    dialect: Dialect,
    from_sql: &str,
    to_sql: &str,
    rule: fn(&Ctx<'_>, &Change) -> Vec<Hazard>,
) -> String {
    let from =
        flash_parse::parse_str(dialect, "from.sql", from_sql).unwrap_or_else(|e| panic!("{e}"));
    let to = flash_parse::parse_str(dialect, "to.sql", to_sql).unwrap_or_else(|e| panic!("{e}"));
    let changes = crate::diff(&from, &to);
    let ctx = Ctx::new(dialect, &changes, &from, &to);
    let mut hazards: Vec<Hazard> = changes.iter().flat_map(|c| rule(&ctx, c)).collect();
    hazards.sort();
    hazards.dedup();
    hazards
        .iter()
        .map(Hazard::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn parse(dialect: Dialect, sql: &str) -> Schema {
    flash_parse::parse_str(dialect, "schema.sql", sql).unwrap_or_else(|e| panic!("{e}"))
}
