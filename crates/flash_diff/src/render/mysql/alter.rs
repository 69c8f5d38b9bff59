//! `ALTER TABLE` for the in-place changes of a kept table: columns restated whole from the target schema, keys and
//! constraints by name, table options, and the index MariaDB made on its own for a foreign key.

use std::collections::BTreeMap;

use flash_core::{Column, ForeignKey, Index, QualName, Schema, Table};

use super::column::column_definition;
use super::ddl::{self, drop_index, ident, qname, table_options};
use super::unsupported;
use crate::render::{Phase, RenderError};
use crate::ColumnChange;

/// The column as the target schema has it.
pub fn target_column<'a>(
    to: &'a Schema,
    table: &QualName,
    column: &str,
) -> Result<&'a Column, RenderError> {
    to.tables
        .get(table)
        .and_then(|t| t.column(column))
        .ok_or_else(|| unsupported(format!("column {table}.{column} missing from the target")))
}

/// `MODIFY COLUMN` with the whole target definition. A generated column whose expression or storage changes is
/// dropped and added back instead: MariaDB refuses that MODIFY, and its values are computed anyway.
pub fn alter_column(
    to: &Schema,
    table: &QualName,
    column: &str,
    changes: &[ColumnChange],
) -> Result<String, RenderError> {
    let target = target_column(to, table, column)?;
    let regenerated = changes.iter().any(|c| {
        matches!(
            c,
            ColumnChange::Generated {
                from: Some(_),
                to: Some(_)
            }
        )
    });
    Ok(if regenerated {
        format!(
            "ALTER TABLE {} DROP COLUMN {}, ADD COLUMN {}",
            qname(table),
            ident(column),
            column_definition(target)
        )
    } else {
        modify_column(table, target)
    })
}

pub fn modify_column(table: &QualName, column: &Column) -> String {
    format!(
        "ALTER TABLE {} MODIFY COLUMN {}",
        qname(table),
        column_definition(column)
    )
}

pub fn drop_foreign_key(table: &QualName, fk: &ForeignKey) -> Result<String, RenderError> {
    let name = fk
        .name
        .as_ref()
        .ok_or_else(|| unsupported("dropping an unnamed foreign key"))?;
    Ok(format!(
        "ALTER TABLE {} DROP FOREIGN KEY {}",
        qname(table),
        ident(name)
    ))
}

/// The index MariaDB created by itself for `fk` when nothing else could serve it (named after the constraint, or
/// after the first column when the server named the constraint too), which outlives a dropped foreign key. `None`
/// when the source schema has an index, primary key or unique key that starts with the key's columns.
pub fn implicit_fk_index(
    from: &Schema,
    to: &Schema,
    table: &QualName,
    fk: &ForeignKey,
) -> Option<String> {
    // A renamed table is known to the source by its old name.
    let source_name = to
        .tables
        .get(table)
        .and_then(|t| t.renamed_from.as_ref())
        .map(|old| QualName::new(table.schema.clone(), old.clone()))
        .filter(|old| from.tables.contains_key(old))
        .unwrap_or_else(|| table.clone());
    let source = from.tables.get(&source_name)?;
    let serves = |columns: Vec<&str>| {
        columns.len() >= fk.columns.len() && fk.columns.iter().zip(&columns).all(|(a, b)| a == b)
    };
    let pk = source
        .primary_key
        .iter()
        .map(|pk| pk.columns.iter().map(String::as_str).collect());
    let uniques = source
        .uniques
        .iter()
        .map(|u| u.columns.iter().map(String::as_str).collect());
    let indexes = from
        .indexes
        .iter()
        .filter(|i| i.table == source_name)
        .map(|i| {
            i.keys
                .iter()
                .map(|k| k.column.as_deref().unwrap_or(""))
                .collect()
        });
    if pk.chain(uniques).chain(indexes).any(serves) {
        return None;
    }
    let name = fk.name.as_ref()?;
    if ddl::is_generated_fk_name(&source_name, name) {
        fk.columns.first().cloned()
    } else {
        Some(name.clone())
    }
}

/// Whether an index with these key columns can serve a foreign key on `fk`: they start with the key's columns.
fn serves(fk: &ForeignKey, columns: &[&str]) -> bool {
    columns.len() >= fk.columns.len() && fk.columns.iter().zip(columns).all(|(a, b)| a == b)
}

fn index_columns(i: &Index) -> Vec<&str> {
    i.keys
        .iter()
        .map(|k| k.column.as_deref().unwrap_or(""))
        .collect()
}

/// `DROP INDEX`, or, when a foreign key that stays needs the index and nothing else that stays serves it, the index
/// MariaDB would have made for the key added in the same statement (InnoDB dropped that one when this index came).
pub fn drop_index_keeping_fks(from: &Schema, to: &Schema, index: &Index) -> String {
    let (Some(old), Some(new)) = (from.tables.get(&index.table), to.tables.get(&index.table))
    else {
        return drop_index(&index.table, &index.name);
    };
    let kept_indexes: Vec<Vec<&str>> = from
        .indexes
        .iter()
        .filter(|i| i.table == index.table && i.name != index.name)
        .filter(|i| to.indexes.iter().any(|t| t == *i))
        .map(index_columns)
        .chain(
            old.primary_key
                .iter()
                .filter(|pk| new.primary_key.as_ref() == Some(*pk))
                .map(|pk| pk.columns.iter().map(String::as_str).collect()),
        )
        .collect();
    let needs: Vec<String> = old
        .foreign_keys
        .iter()
        .filter(|fk| new.foreign_keys.contains(fk))
        .filter(|fk| serves(fk, &index_columns(index)))
        .filter(|fk| !kept_indexes.iter().any(|cols| serves(fk, cols)))
        .filter_map(|fk| {
            let name = fk.name.as_ref()?;
            let index_name = if ddl::is_generated_fk_name(&index.table, name) {
                fk.columns.first()?.clone()
            } else {
                name.clone()
            };
            Some(format!(
                ", ADD INDEX {} ({})",
                ident(&index_name),
                ddl::list(&fk.columns)
            ))
        })
        .collect();
    if needs.is_empty() {
        return drop_index(&index.table, &index.name);
    }
    format!(
        "ALTER TABLE {} DROP INDEX {}{}",
        qname(&index.table),
        ident(&index.name),
        needs.concat()
    )
}

/// `ALTER TABLE ... ENGINE=..., ...` for the options that changed, each with its phase. A changed character set or
/// collation converts the columns too (`CONVERT TO`), as a table created with it has them; columns that state their
/// own are then put back as the target has them. A move to Aria comes last: every later rebuild of an Aria table
/// writes `page_checksum=1` into its options for good, which a table created as Aria does not have.
pub fn set_table_options(
    table: &QualName,
    from: &BTreeMap<String, String>,
    to_options: &BTreeMap<String, String>,
    target: Option<&Table>,
) -> Vec<(Phase, String)> {
    let changed = |k: &str| from.get(k) != to_options.get(k);
    let alter = |clause: &str| format!("ALTER TABLE {} {clause}", qname(table));
    let mut out = Vec::new();
    let mut plain: BTreeMap<String, String> = BTreeMap::new();
    for (key, default) in [("engine", "InnoDB"), ("row_format", "DEFAULT")] {
        if changed(key) {
            let value = to_options.get(key).map_or(default, String::as_str);
            plain.insert(key.to_string(), value.to_string());
        }
    }
    if !plain.is_empty() {
        let to_aria = plain.get("engine").is_some_and(|e| e == "Aria");
        let phase = if to_aria {
            Phase::Finishing
        } else {
            Phase::Tables
        };
        out.push((phase, alter(&table_options(&plain).join(", "))));
    }
    if changed("charset") || changed("collate") {
        let collate = to_options.get("collate");
        let charset = to_options
            .get("charset")
            .map(String::as_str)
            .or_else(|| collate.and_then(|c| c.split('_').next()))
            .unwrap_or("DEFAULT");
        let mut clause = format!("CONVERT TO CHARACTER SET {charset}");
        if let Some(c) = collate {
            clause.push_str(&format!(" COLLATE {c}"));
        }
        out.push((Phase::Tables, alter(&clause)));
        for c in target.iter().flat_map(|t| &t.columns) {
            if c.charset.is_some() || c.collation.is_some() {
                out.push((Phase::Tables, modify_column(table, c)));
            }
        }
    }
    // Repartitioning moves the rows into the new partitions; it is a statement of its own.
    if changed("partition") {
        let clause = to_options
            .get("partition")
            .map_or("REMOVE PARTITIONING", String::as_str);
        out.push((Phase::Tables, alter(clause)));
    }
    out
}
