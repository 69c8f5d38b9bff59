//! `ALTER TABLE ... ALTER COLUMN`: one column's changes in an order that cannot trip over itself, with `USING` only
//! where PostgreSQL has no implicit or assignment cast of its own.

use flash_core::{Column, DataType, QualName, Schema};

use flash_core::object_map::Keyed;

use super::ddl::{self, ident, qname};
use super::enum_rebuild::is_type;
use super::RenderError;
use super::{unsupported, Phase};
use crate::ColumnChange;

/// True when `ALTER COLUMN c TYPE to` needs no `USING`: without one PostgreSQL converts as an assignment cast does,
/// and it has one between any two numeric types (narrowing ones check the range), from anything to a string type
/// (I/O conversion) and along the date/time widenings. Anything else (text to integer, text to an enum) needs the
/// explicit cast.
pub fn cast_is_implicit(from: &DataType, to: &DataType) -> bool {
    if from.array_dims != to.array_dims {
        return false;
    }
    let rank = |name: &str| match name {
        "smallint" => Some(1),
        "integer" => Some(2),
        "bigint" => Some(3),
        "numeric" => Some(4),
        "real" => Some(5),
        "double precision" => Some(6),
        _ => None,
    };
    let stringy = |name: &str| matches!(name, "text" | "character varying" | "character");
    if from.name == to.name {
        return true;
    }
    if stringy(&to.name) {
        return true;
    }
    match (rank(&from.name), rank(&to.name)) {
        (Some(_), Some(_)) => return true,
        (Some(_), None) | (None, Some(_)) => return false,
        (None, None) => {}
    }
    matches!(
        (from.name.as_str(), to.name.as_str()),
        ("timestamp without time zone", "timestamp with time zone")
            | (
                "date",
                "timestamp without time zone" | "timestamp with time zone"
            )
            | ("time without time zone", "time with time zone")
    )
}

/// `TYPE t [COLLATE c] [USING c::t]` for a column going from `from` to `to`.
pub fn type_clause(
    column: &str,
    from: &DataType,
    to: &DataType,
    collation: Option<&str>,
) -> String {
    let collate = collation
        .map(|c| format!(" COLLATE {}", ident(c)))
        .unwrap_or_default();
    if cast_is_implicit(from, to) {
        format!("TYPE {to}{collate}")
    } else {
        format!("TYPE {to}{collate} USING {}::{to}", ident(column))
    }
}

/// The statements of one column's changes, each with its phase. `from`/`to` supply what a change alone does not
/// say: the old type under a collation change, the whole new column for a changed generation expression.
pub fn alter_column(
    table: &QualName,
    column: &str,
    changes: &[ColumnChange],
    from: &Schema,
    to: &Schema,
) -> Result<Vec<(Phase, String)>, RenderError> {
    let t = qname(table);
    let prefix = format!("ALTER TABLE {t} ALTER COLUMN {}", ident(column));
    let old_column = old_column(from, to, table, column);
    let new_column = to.tables.get(table).and_then(|t| t.column(column));
    // A generated column whose expression changes, or a plain column that becomes generated, is dropped and added
    // again: PostgreSQL 15 has no SET EXPRESSION, and the values are computed anyway.
    if changes
        .iter()
        .any(|c| matches!(c, ColumnChange::Generated { to: Some(_), .. }))
    {
        let new =
            new_column.ok_or_else(|| unsupported("a generated column missing from the target"))?;
        return Ok(vec![
            (
                Phase::Columns,
                format!("ALTER TABLE {t} DROP COLUMN {}", ident(column)),
            ),
            (
                Phase::Columns,
                format!("ALTER TABLE {t} ADD COLUMN {}", ddl::column_definition(new)),
            ),
        ]);
    }
    let mut early = Vec::new();
    let mut first = Vec::new();
    let mut middle = Vec::new();
    let mut last = Vec::new();
    let type_change = changes.iter().find_map(|c| match c {
        ColumnChange::Type { from, to } => Some((from.clone(), to.clone())),
        _ => None,
    });
    let collation_change = changes.iter().find_map(|c| match c {
        ColumnChange::Collation { to, .. } => Some(to.clone()),
        _ => None,
    });
    if type_change.is_some() || collation_change.is_some() {
        let (old, new) = match (&type_change, old_column, new_column) {
            (Some((a, b)), _, _) => (a.clone(), b.clone()),
            (None, Some(o), Some(n)) => (o.data_type.clone(), n.data_type.clone()),
            _ => {
                return Err(unsupported(
                    "a collation change on a column missing from a schema",
                ))
            }
        };
        let collation = match &collation_change {
            Some(c) => c.clone(),
            None => new_column.and_then(|c| c.collation.clone()),
        };
        // Back to the default collation: PostgreSQL has no "COLLATE DEFAULT" spelling other than the name.
        let collation = match (&collation_change, collation) {
            (Some(None), None) => Some("default".to_string()),
            (_, c) => c,
        };
        middle.push(format!(
            "{prefix} {}",
            type_clause(column, &old, &new, collation.as_deref())
        ));
    }
    let type_changes = type_change.is_some();
    for change in changes {
        match change {
            ColumnChange::Type { .. } | ColumnChange::Collation { .. } => {}
            ColumnChange::Default { from, to } => {
                if from.is_some() && (type_changes || to.is_none()) {
                    first.push(format!("{prefix} DROP DEFAULT"));
                }
                if let Some(d) = to {
                    last.push(format!("{prefix} SET DEFAULT {d}"));
                }
            }
            ColumnChange::Nullable { to, .. } => {
                last.push(format!(
                    "{prefix} {} NOT NULL",
                    if *to { "DROP" } else { "SET" }
                ));
            }
            ColumnChange::Identity { from, to } => match (from, to) {
                // Early, so that a sequence created for the column (identity back to serial) can take the
                // identity sequence's name.
                (Some(_), None) => early.push(format!("{prefix} DROP IDENTITY")),
                (None, Some(id)) => {
                    let options = ddl::sequence_options(&id.options);
                    let options = if options.is_empty() {
                        String::new()
                    } else {
                        format!(" ({options})")
                    };
                    middle.push(format!(
                        "{prefix} ADD GENERATED {} AS IDENTITY{options}",
                        if id.always { "ALWAYS" } else { "BY DEFAULT" }
                    ))
                }
                (Some(old), Some(id)) => {
                    if old.always != id.always {
                        middle.push(format!(
                            "{prefix} SET GENERATED {}",
                            if id.always { "ALWAYS" } else { "BY DEFAULT" }
                        ));
                    }
                    let options = super::objects::sequence_alterations(&old.options, &id.options);
                    if !options.is_empty() {
                        middle.push(format!("{prefix} SET {}", options.join(" SET ")));
                    }
                }
                (None, None) => {}
            },
            ColumnChange::Generated {
                from: Some(_),
                to: None,
            } => middle.push(format!("{prefix} DROP EXPRESSION")),
            other => return Err(unsupported(format!("column change {other:?}"))),
        }
    }
    first.extend(middle);
    first.extend(last);
    // A column leaving a type that goes away with this migration (an extension's, a dropped enum) changes before
    // the type is dropped.
    let phase = match &type_change {
        Some((old, _)) if goes_away(old, from, to) => Phase::DropTables,
        _ => Phase::Columns,
    };
    Ok(early
        .into_iter()
        .map(|sql| (Phase::DropConstraintsAndIndexes, sql))
        .chain(first.into_iter().map(|sql| (phase, sql)))
        .collect())
}

/// Is `t` a type that exists in `from` but not in `to`: a user type dropped, or (when an extension is dropped) a
/// type that is neither built in nor defined in the schema, which the extension brought?
fn goes_away(t: &DataType, from: &Schema, to: &Schema) -> bool {
    let user_type = |s: &Schema| {
        s.enums.iter().any(|e| is_type(t, &e.name))
            || s.domains.iter().any(|d| is_type(t, &d.name))
            || s.composite_types.iter().any(|c| is_type(t, &c.name))
            || s.range_types.iter().any(|r| is_type(t, &r.name))
    };
    if user_type(from) {
        return !user_type(to);
    }
    let extension_dropped = from
        .extensions
        .iter()
        .any(|e| !to.extensions.contains_key(&e.key()));
    extension_dropped && !BUILT_IN.contains(&t.name.as_str())
}

/// PostgreSQL's own types as `format_type()` names them.
const BUILT_IN: &[&str] = &[
    "smallint",
    "integer",
    "bigint",
    "numeric",
    "real",
    "double precision",
    "text",
    "character varying",
    "character",
    "boolean",
    "bytea",
    "date",
    "time without time zone",
    "time with time zone",
    "timestamp without time zone",
    "timestamp with time zone",
    "interval",
    "uuid",
    "json",
    "jsonb",
    "inet",
    "cidr",
    "macaddr",
    "money",
    "xml",
    "oid",
    "tsvector",
    "tsquery",
];

/// The column as it was, found under the table's old name when the table was renamed.
fn old_column<'a>(
    from: &'a Schema,
    to: &Schema,
    table: &QualName,
    column: &str,
) -> Option<&'a Column> {
    let old_table = to
        .tables
        .get(table)
        .and_then(|t| t.renamed_from.as_ref())
        .map(|old| QualName::new(table.schema.clone(), old.clone()))
        .unwrap_or_else(|| table.clone());
    from.tables.get(&old_table).and_then(|t| {
        t.column(column).or_else(|| {
            to.tables
                .get(table)
                .and_then(|n| n.column(column))
                .and_then(|n| n.renamed_from.as_deref())
                .and_then(|old| t.column(old))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(name: &str, args: &[&str]) -> DataType {
        DataType::with_args(name, args.iter().map(|a| a.to_string()).collect())
    }

    #[test]
    fn numeric_and_to_string_changes_need_no_using() {
        assert!(cast_is_implicit(&t("bigint", &[]), &t("integer", &[])));
        assert!(cast_is_implicit(&t("integer", &[]), &t("text", &[])));
        assert!(cast_is_implicit(&t("integer", &[]), &t("bigint", &[])));
        assert!(cast_is_implicit(
            &t("integer", &[]),
            &t("numeric", &["12", "2"])
        ));
        assert!(cast_is_implicit(
            &t("character varying", &["20"]),
            &t("character varying", &["100"])
        ));
        assert!(cast_is_implicit(
            &t("character varying", &["20"]),
            &t("text", &[])
        ));
        assert!(cast_is_implicit(
            &t("numeric", &["10", "2"]),
            &t("numeric", &["12", "2"])
        ));
    }

    #[test]
    fn from_strings_and_across_families_casts() {
        assert!(!cast_is_implicit(&t("text", &[]), &t("integer", &[])));
        assert!(!cast_is_implicit(&t("integer", &[]), &t("boolean", &[])));
        assert!(!cast_is_implicit(&t("text", &[]), &t("mood", &[])));
        assert_eq!(
            type_clause("n", &t("text", &[]), &t("integer", &[]), None),
            "TYPE integer USING n::integer"
        );
        assert_eq!(
            type_clause("v", &t("text", &[]), &t("text", &[]), Some("C")),
            "TYPE text COLLATE \"C\""
        );
    }
}
