//! Hazards: what a change can do to data, locks or the ability to go back (DESIGN §4).
//!
//! [`classify`] looks at each change against the two schemas and says what it risks. Each kind has its rule in a
//! module of its own, with its tests beside it; `types.rs` holds what two of them share: which type changes narrow
//! and which rewrite.

mod data_change;
mod data_loss;
mod irreversible;
mod long_lock;
mod not_null_no_default;
mod table_rewrite;
#[cfg(test)]
mod test_support;
mod types;
mod unsafe_enum_change;

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use flash_core::{Column, DataType, Dialect, EnumType, QualName, Schema, Table};
use serde::Serialize;

use crate::{Change, ColumnChange};

/// The kinds of hazard, as they are written in `-- flash:hazard KIND detail` lines and in `--json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum HazardKind {
    /// Rows or values are deleted: a dropped table, column, type or enum value.
    DataLoss,
    /// Existing values are rewritten: NULLs backfilled with a default before SET NOT NULL.
    DataChange,
    /// The table is rewritten under an exclusive lock (most type changes).
    TableRewrite,
    /// A lock is held while the table is scanned: index builds without CONCURRENTLY, constraint validation,
    /// SET NOT NULL.
    LongLock,
    /// A NOT NULL column without a default added to a table that may have rows: fails if it has any.
    NotNullNoDefault,
    /// An enum change the database cannot make in place: values removed or reordered.
    UnsafeEnumChange,
    /// The Down cannot restore what the Up removes.
    Irreversible,
}

impl HazardKind {
    pub const ALL: [HazardKind; 7] = [
        HazardKind::DataLoss,
        HazardKind::DataChange,
        HazardKind::TableRewrite,
        HazardKind::LongLock,
        HazardKind::NotNullNoDefault,
        HazardKind::UnsafeEnumChange,
        HazardKind::Irreversible,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            HazardKind::DataLoss => "DATA_LOSS",
            HazardKind::DataChange => "DATA_CHANGE",
            HazardKind::TableRewrite => "TABLE_REWRITE",
            HazardKind::LongLock => "LONG_LOCK",
            HazardKind::NotNullNoDefault => "NOT_NULL_NO_DEFAULT",
            HazardKind::UnsafeEnumChange => "UNSAFE_ENUM_CHANGE",
            HazardKind::Irreversible => "IRREVERSIBLE",
        }
    }
}

impl fmt::Display for HazardKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown hazard kind `{0}`; the kinds are DATA_LOSS, DATA_CHANGE, TABLE_REWRITE, LONG_LOCK, NOT_NULL_NO_DEFAULT, UNSAFE_ENUM_CHANGE, IRREVERSIBLE")]
pub struct UnknownHazardKind(pub String);

impl FromStr for HazardKind {
    type Err = UnknownHazardKind;

    /// Case-insensitive, `-` accepted for `_`, so `--allow-hazards data-loss` works.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_uppercase().replace('-', "_");
        HazardKind::ALL
            .into_iter()
            .find(|k| k.as_str() == wanted)
            .ok_or_else(|| UnknownHazardKind(s.to_string()))
    }
}

/// One hazard of one change: its kind and one line saying what it does to what (`drops column public.users.bio`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Hazard {
    pub kind: HazardKind,
    pub detail: String,
}

impl Hazard {
    pub fn new(kind: HazardKind, detail: impl Into<String>) -> Self {
        Hazard {
            kind,
            detail: detail.into(),
        }
    }

    /// Whether `flash apply` refuses the migration unless the kind is allowed (`--allow-hazards`). Every kind blocks
    /// except `DATA_CHANGE`: backfilling NULLs with the column's own declared default is what the schema asks for,
    /// so it is shown, not stopped.
    pub fn blocking(&self) -> bool {
        self.kind != HazardKind::DataChange
    }
}

impl fmt::Display for Hazard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.kind, self.detail)
    }
}

/// The hazards of a list of changes from `from` to `to` in `dialect`, sorted by kind then detail, without
/// duplicates (a SQLite table rebuilt for several changes is one hazard).
pub fn classify(dialect: Dialect, changes: &[Change], from: &Schema, to: &Schema) -> Vec<Hazard> {
    let ctx = Ctx::new(dialect, changes, from, to);
    let mut out = Vec::new();
    for change in changes {
        out.extend(data_loss::hazards(&ctx, change));
        out.extend(data_change::hazards(&ctx, change));
        out.extend(table_rewrite::hazards(&ctx, change));
        out.extend(long_lock::hazards(&ctx, change));
        out.extend(not_null_no_default::hazards(&ctx, change));
        out.extend(unsafe_enum_change::hazards(&ctx, change));
        out.extend(irreversible::hazards(&ctx, change));
    }
    out.sort();
    out.dedup();
    out
}

/// What every rule may ask about a change besides the change itself.
struct Ctx<'a> {
    dialect: Dialect,
    from: &'a Schema,
    to: &'a Schema,
    /// Tables renamed by the plan, by their new name: they exist (with rows) although `from` knows them by another.
    renamed: Vec<&'a QualName>,
    /// SQLite: the tables the renderer rebuilds, asked of the renderer itself so the hazard says what the script
    /// does. Empty for the other dialects.
    sqlite_rebuilds: BTreeSet<QualName>,
}

impl<'a> Ctx<'a> {
    fn new(dialect: Dialect, changes: &'a [Change], from: &'a Schema, to: &'a Schema) -> Self {
        let renamed = changes
            .iter()
            .filter_map(|c| match c {
                Change::RenameTable { to, .. } => Some(to),
                _ => None,
            })
            .collect();
        // A change the renderer cannot make fails the plan; its hazards do not matter then.
        let sqlite_rebuilds = match dialect {
            Dialect::Sqlite => {
                crate::render::sqlite::tables_to_rebuild(changes, from, to).unwrap_or_default()
            }
            _ => BTreeSet::new(),
        };
        Ctx {
            dialect,
            from,
            to,
            renamed,
            sqlite_rebuilds,
        }
    }

    /// The table was there before the migration, so it may hold rows and be in use: a table the same plan creates
    /// carries no lock or rewrite hazard.
    fn existing(&self, table: &QualName) -> bool {
        self.from.tables.contains_key(table) || self.renamed.contains(&table)
    }

    /// A column as the migration leaves it (its type, default and charset after the change).
    fn new_column(&self, table: &QualName, column: &str) -> Option<(&'a Table, &'a Column)> {
        let t = self.to.tables.get(table)?;
        Some((t, t.column(column)?))
    }
}

/// The type change of an `AlterColumn`, if it has one: table, column, old type, new type.
fn type_change(change: &Change) -> Option<(&QualName, &str, &DataType, &DataType)> {
    let Change::AlterColumn {
        table,
        column,
        changes,
    } = change
    else {
        return None;
    };
    changes.iter().find_map(|c| match c {
        ColumnChange::Type { from, to } => Some((table, column.as_str(), from, to)),
        _ => None,
    })
}

/// The column an `AlterColumn` makes NOT NULL, if it does: table and column.
fn set_not_null(change: &Change) -> Option<(&QualName, &str)> {
    let Change::AlterColumn {
        table,
        column,
        changes,
    } = change
    else {
        return None;
    };
    changes
        .iter()
        .any(|c| matches!(c, ColumnChange::Nullable { to: false, .. }))
        .then_some((table, column.as_str()))
}

/// The values of enum `old` that `new` lacks, quoted as SQL literals.
fn removed_values(old: &EnumType, new: &EnumType) -> Vec<String> {
    old.values
        .iter()
        .filter(|v| !new.values.contains(v))
        .map(|v| format!("'{v}'"))
        .collect()
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// `name` for a constraint that has one, else its kind alone: `CHECK constraint t_x_check on public.t`.
fn constraint_label(kind: &str, name: Option<&str>, table: &QualName) -> String {
    match name {
        Some(n) => format!("{kind} constraint {n} on {table}"),
        None => format!("a {kind} constraint on {table}"),
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::parse;
    use super::*;

    #[test]
    fn kinds_parse_in_any_case_with_dashes() {
        for kind in HazardKind::ALL {
            assert_eq!(kind.as_str().parse::<HazardKind>(), Ok(kind));
            assert_eq!(
                kind.as_str().to_lowercase().replace('_', "-").parse(),
                Ok(kind)
            );
        }
        assert!("DATA_LOST".parse::<HazardKind>().is_err());
    }

    #[test]
    fn only_data_change_lets_apply_through() {
        for kind in HazardKind::ALL {
            let blocks = Hazard::new(kind, "x").blocking();
            assert_eq!(blocks, kind != HazardKind::DataChange, "{kind}");
        }
    }

    /// Every rule at once, through `plan`: sorted by kind then detail, one SQLite-style rebuild line per table, and
    /// nothing for the table the plan creates.
    #[test]
    fn classify_sorts_dedupes_and_spares_new_tables() {
        let from = "
            CREATE TABLE users (id bigint PRIMARY KEY, bio text, age integer, status text);
            CREATE TABLE logs (id bigint);
        ";
        let to = "
            CREATE TABLE users (id bigint PRIMARY KEY, age bigint NOT NULL, status text NOT NULL DEFAULT 'new',
                                email text NOT NULL);
            CREATE INDEX users_age_idx ON users (age);
            CREATE TABLE fresh (id bigint PRIMARY KEY, n integer NOT NULL, CHECK (n > 0));
            CREATE INDEX fresh_n_idx ON fresh (n);
        ";
        let (from, to) = (parse(Dialect::Postgres, from), parse(Dialect::Postgres, to));
        let changes = crate::diff(&from, &to);
        let hazards = classify(Dialect::Postgres, &changes, &from, &to);
        let mut sorted = hazards.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(hazards, sorted);
        let lines: Vec<String> = hazards.iter().map(Hazard::to_string).collect();
        insta::assert_snapshot!(lines.join("\n"));
    }

    #[test]
    fn sqlite_rebuild_is_one_hazard_per_table() {
        let from = "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT);";
        let to = "CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER, b TEXT NOT NULL DEFAULT '');";
        let (from, to) = (parse(Dialect::Sqlite, from), parse(Dialect::Sqlite, to));
        let hazards = classify(Dialect::Sqlite, &crate::diff(&from, &to), &from, &to);
        let rewrites = hazards
            .iter()
            .filter(|h| h.kind == HazardKind::TableRewrite)
            .count();
        assert_eq!(rewrites, 1, "{hazards:?}");
    }
}
