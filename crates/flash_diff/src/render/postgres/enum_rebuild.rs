//! An enum that loses or reorders values: PostgreSQL cannot remove a value, so the type is rebuilt. The new type is
//! created under a temporary name, every column using the old one is converted through `text`, the old type is
//! dropped and the new one takes its name. A column's current default (which names the old type, and which
//! PostgreSQL will not cast) is dropped before, and the target's default set after; views over those columns are
//! recreated around it by `views::around_altered_tables`. Only columns that exist already are converted: a column the
//! same plan adds is added after the rebuild, with the type under its final name.

use flash_core::{DataType, EnumType, QualName, Schema};

use super::ddl::{ident, literal, qname};
use super::Phase;

/// Does a column of type `t` hold values of the type named `name` (as an element, for arrays)?
pub fn is_type(t: &DataType, name: &QualName) -> bool {
    t.name == name.name && name.schema == "public" || t.name == name.to_string()
}

/// The rebuild's statements and the tables whose columns change type.
pub fn rebuild_enum(
    old: &EnumType,
    new: &EnumType,
    from: &Schema,
    to: &Schema,
) -> (Vec<(Phase, String)>, Vec<QualName>) {
    let temp = QualName::new(
        new.name.schema.clone(),
        format!("{}__flash_new", new.name.name),
    );
    let values: Vec<String> = new.values.iter().map(|v| literal(v)).collect();
    let mut out = vec![(
        Phase::Columns,
        format!(
            "CREATE TYPE {} AS ENUM ({})",
            qname(&temp),
            values.join(", ")
        ),
    )];
    let mut restore = Vec::new();
    let mut tables = Vec::new();
    for table in to.tables.iter() {
        // The table as it is now: by its old name when the plan renames it.
        let current = table
            .renamed_from
            .as_ref()
            .map(|old_name| QualName::new(table.name.schema.clone(), old_name.clone()))
            .and_then(|n| from.tables.get(&n))
            .or_else(|| from.tables.get(&table.name));
        for column in table
            .columns
            .iter()
            .filter(|c| is_type(&c.data_type, &old.name))
        {
            let Some(existing) = current.and_then(|t| {
                t.column(&column.name)
                    .or_else(|| column.renamed_from.as_deref().and_then(|n| t.column(n)))
            }) else {
                continue;
            };
            if !is_type(&existing.data_type, &old.name) {
                continue;
            }
            let prefix = format!(
                "ALTER TABLE {} ALTER COLUMN {}",
                qname(&table.name),
                ident(&column.name)
            );
            if existing.default.is_some() {
                out.push((Phase::Columns, format!("{prefix} DROP DEFAULT")));
            }
            let brackets = "[]".repeat(column.data_type.array_dims as usize);
            out.push((
                Phase::Columns,
                format!(
                    "{prefix} TYPE {t}{brackets} USING {c}::text{brackets}::{t}{brackets}",
                    t = qname(&temp),
                    c = ident(&column.name)
                ),
            ));
            if let Some(d) = &column.default {
                restore.push((Phase::Columns, format!("{prefix} SET DEFAULT {d}")));
            }
            if !tables.contains(&table.name) {
                tables.push(table.name.clone());
            }
        }
    }
    out.push((Phase::Columns, format!("DROP TYPE {}", qname(&old.name))));
    out.push((
        Phase::Columns,
        format!(
            "ALTER TYPE {} RENAME TO {}",
            qname(&temp),
            ident(&new.name.name)
        ),
    ));
    out.extend(restore);
    (out, tables)
}
