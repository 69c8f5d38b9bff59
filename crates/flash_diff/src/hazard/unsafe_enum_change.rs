//! UNSAFE_ENUM_CHANGE: an enum change the database cannot make in place. PostgreSQL only appends or inserts values
//! (`ADD VALUE`); removing or reordering them rebuilds the type and converts every column using it. A MariaDB
//! ENUM or SET column that loses members has its rows holding them changed.

use super::types::enum_values_removed;
use super::{removed_values, type_change, Ctx, Hazard, HazardKind};
use crate::{Change, Object};

pub(super) fn hazards(ctx: &Ctx<'_>, change: &Change) -> Vec<Hazard> {
    let unsafe_change = |detail: String| vec![Hazard::new(HazardKind::UnsafeEnumChange, detail)];
    match change {
        Change::Replace { from, to } => {
            let (Object::Enum(old), Object::Enum(new)) = (from.as_ref(), to.as_ref()) else {
                return Vec::new();
            };
            let gone = removed_values(old, new);
            let kept_old: Vec<&String> = old
                .values
                .iter()
                .filter(|v| new.values.contains(v))
                .collect();
            let kept_new: Vec<&String> = new
                .values
                .iter()
                .filter(|v| old.values.contains(v))
                .collect();
            let what = match (gone.is_empty(), kept_old == kept_new) {
                (true, true) => return Vec::new(),
                (false, true) => format!("removes {} from", gone.join(", ")),
                (true, false) => "reorders the values of".to_string(),
                (false, false) => format!("removes {} from and reorders", gone.join(", ")),
            };
            unsafe_change(format!(
                "{what} enum {}: the type is rebuilt and every column using it converted",
                old.name
            ))
        }
        _ => type_change(change)
            .and_then(|(table, column, from, to)| {
                let gone = enum_values_removed(ctx.dialect, from, to)?;
                Some(Hazard::new(
                    HazardKind::UnsafeEnumChange,
                    format!(
                        "removes {} from the {} of column {table}.{column}",
                        gone.join(", "),
                        from.name.to_uppercase()
                    ),
                ))
            })
            .into_iter()
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use flash_core::Dialect;

    use super::super::test_support::lines;
    use super::hazards;

    #[test]
    fn postgres_removal_and_reorder_not_addition() {
        let from = "
            CREATE TYPE mood AS ENUM ('happy', 'sad', 'meh');
            CREATE TYPE size AS ENUM ('s', 'm', 'l');
            CREATE TYPE color AS ENUM ('red');
            CREATE TYPE both_ways AS ENUM ('a', 'b', 'c');
        ";
        let to = "
            CREATE TYPE mood AS ENUM ('happy', 'meh');
            CREATE TYPE size AS ENUM ('l', 'm', 's');
            CREATE TYPE color AS ENUM ('red', 'green');
            CREATE TYPE both_ways AS ENUM ('c', 'a');
        ";
        insta::assert_snapshot!(lines(Dialect::Postgres, from, to, hazards));
    }

    #[test]
    fn mysql_inline_enum_and_set() {
        let from = "CREATE TABLE t (id INT, state ENUM('new','paid','void'), tags SET('a','b'), kind ENUM('x'));";
        let to =
            "CREATE TABLE t (id INT, state ENUM('new','paid'), tags SET('a'), kind ENUM('x','y'));";
        insta::assert_snapshot!(lines(Dialect::Mysql, from, to, hazards));
    }
}
