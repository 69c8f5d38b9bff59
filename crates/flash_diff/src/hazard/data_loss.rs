//! DATA_LOSS: rows or values the migration deletes — dropped tables, columns, sequences and materialized views,
//! dropped types that columns used, removed enum values, and type changes to a narrower type.

use flash_core::{DataType, QualName};

use super::types::{enum_values_removed, narrows};
use super::{plural, removed_values, type_change, Ctx, Hazard, HazardKind};
use crate::{Change, Object};

pub(super) fn hazards(ctx: &Ctx<'_>, change: &Change) -> Vec<Hazard> {
    let loss = |detail: String| vec![Hazard::new(HazardKind::DataLoss, detail)];
    match change {
        Change::Drop { object } => match object.as_ref() {
            Object::Table(t) => loss(format!("drops table {} and its rows", t.name)),
            Object::Sequence(s) => loss(format!("drops sequence {} and its current value", s.name)),
            Object::MaterializedView(v) => loss(format!(
                "drops materialized view {} and its stored rows",
                v.name
            )),
            Object::Enum(e) => dropped_type(ctx, "enum", &e.name),
            Object::Domain(d) => dropped_type(ctx, "domain", &d.name),
            Object::CompositeType(c) => dropped_type(ctx, "type", &c.name),
            Object::RangeType(r) => dropped_type(ctx, "range type", &r.name),
            _ => Vec::new(),
        },
        Change::DropColumn { table, column } => loss(format!(
            "drops column {table}.{} and its values",
            column.name
        )),
        Change::Replace { from, to } => match (from.as_ref(), to.as_ref()) {
            (Object::Enum(old), Object::Enum(new)) => {
                let gone = removed_values(old, new);
                if gone.is_empty() {
                    return Vec::new();
                }
                loss(format!(
                    "removes {} {} from enum {}: rows holding {} cannot keep {}",
                    plural(gone.len(), "value", "values"),
                    gone.join(", "),
                    old.name,
                    plural(gone.len(), "it", "them"),
                    plural(gone.len(), "it", "them"),
                ))
            }
            _ => Vec::new(),
        },
        _ => type_change(change)
            .and_then(|(table, column, from, to)| narrowed(ctx, table, column, from, to))
            .into_iter()
            .collect(),
    }
}

fn narrowed(
    ctx: &Ctx<'_>,
    table: &QualName,
    column: &str,
    from: &DataType,
    to: &DataType,
) -> Option<Hazard> {
    if let Some(gone) = enum_values_removed(ctx.dialect, from, to) {
        return Some(Hazard::new(
            HazardKind::DataLoss,
            format!(
                "removes {} {} from the {} of column {table}.{column}: rows holding {} lose their value",
                plural(gone.len(), "member", "members"),
                gone.join(", "),
                from.name.to_uppercase(),
                plural(gone.len(), "it", "them"),
            ),
        ));
    }
    narrows(ctx.dialect, from, to).then(|| {
        Hazard::new(
            HazardKind::DataLoss,
            format!(
                "narrows column {table}.{column} from {from} to {to}: values that do not fit are cut or fail the change"
            ),
        )
    })
}

/// A dropped type loses data only through the columns that held it; they are named so the reader can check them.
fn dropped_type(ctx: &Ctx<'_>, kind: &str, name: &QualName) -> Vec<Hazard> {
    let users: Vec<String> = ctx
        .from
        .tables
        .iter()
        .flat_map(|t| {
            t.columns
                .iter()
                .filter(|c| names_type(&c.data_type, name, ctx))
                .map(move |c| format!("{}.{}", t.name, c.name))
        })
        .collect();
    if users.is_empty() {
        return Vec::new();
    }
    vec![Hazard::new(
        HazardKind::DataLoss,
        format!("drops {kind} {name}, which {} used", users.join(", ")),
    )]
}

/// Column types name a user type bare in the default schema and qualified elsewhere.
fn names_type(t: &DataType, name: &QualName, ctx: &Ctx<'_>) -> bool {
    if name.schema == ctx.dialect.default_schema() && t.name == name.name {
        return true;
    }
    t.name == name.to_string()
}

#[cfg(test)]
mod tests {
    use flash_core::Dialect;

    use super::super::test_support::lines;
    use super::hazards;

    #[test]
    fn postgres_drops_and_narrowing() {
        let from = "
            CREATE TYPE mood AS ENUM ('happy', 'sad', 'meh');
            CREATE TYPE unused AS ENUM ('a');
            CREATE SEQUENCE counter;
            CREATE TABLE users (id bigint PRIMARY KEY, bio text, name varchar(50), code varchar(10), n bigint,
                                price numeric(10,2), total numeric(10,2), m mood, note text);
            CREATE TABLE logs (id bigint);
            CREATE MATERIALIZED VIEW user_names AS SELECT name FROM users;
        ";
        let to = "
            CREATE TYPE mood AS ENUM ('happy', 'meh');
            CREATE TABLE users (id bigint PRIMARY KEY, name varchar(10), code varchar(20), n integer,
                                price numeric(10,1), total numeric(12,2), m mood, note varchar(200));
        ";
        insta::assert_snapshot!(lines(Dialect::Postgres, from, to, hazards));
    }

    #[test]
    fn postgres_dropped_type_in_use() {
        let from = "
            CREATE TYPE mood AS ENUM ('happy', 'sad');
            CREATE TABLE users (id bigint, m mood);
        ";
        let to = "CREATE TABLE users (id bigint);";
        insta::assert_snapshot!(lines(Dialect::Postgres, from, to, hazards));
    }

    #[test]
    fn mysql_enum_members_and_integers() {
        let from = "CREATE TABLE orders (id BIGINT, state ENUM('new','paid','void'), qty INT, tag VARCHAR(40));";
        let to = "CREATE TABLE orders (id INT UNSIGNED, state ENUM('new','paid'), qty BIGINT, tag VARCHAR(80));";
        insta::assert_snapshot!(lines(Dialect::Mysql, from, to, hazards));
    }

    #[test]
    fn sqlite_drops_but_never_narrows() {
        let from = "CREATE TABLE t (id INTEGER PRIMARY KEY, name VARCHAR(50), gone TEXT); CREATE TABLE old (x INT);";
        let to = "CREATE TABLE t (id INTEGER PRIMARY KEY, name VARCHAR(10));";
        insta::assert_snapshot!(lines(Dialect::Sqlite, from, to, hazards));
    }
}
