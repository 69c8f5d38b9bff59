//! MySQL/MariaDB migration statements from changes. MariaDB commits each DDL statement on its own, so the phases
//! are the whole story: foreign keys go before the indexes and columns they need and come back after them.

mod alter;
mod column;
mod ddl;

use flash_core::{Dialect, QualName, Schema};

use super::{Phase, RenderError, Staged};
use crate::{Change, CommentTarget, Object};
use ddl::{ident, literal, qname};

/// Everything a change may need to look up: the schemas on both sides and the other changes.
struct Cx<'a> {
    changes: &'a [Change],
    from: &'a Schema,
    to: &'a Schema,
}

/// The statements for each change, in the differ's order; `plan::order` orders them.
pub fn render(changes: &[Change], from: &Schema, to: &Schema) -> Result<Vec<Staged>, RenderError> {
    let cx = Cx { changes, from, to };
    let mut staged = Vec::new();
    for change in changes {
        render_change(&cx, change, &mut staged)?;
    }
    Ok(staged)
}

fn unsupported(what: impl Into<String>) -> RenderError {
    RenderError::Unsupported {
        dialect: Dialect::Mysql,
        what: what.into(),
    }
}

fn alter(table: &QualName, clause: impl std::fmt::Display) -> String {
    format!("ALTER TABLE {} {clause}", qname(table))
}

/// `ALTER TABLE t DROP <what> name`; MariaDB names every key and constraint, so a nameless one is not the server's.
fn drop_named(table: &QualName, what: &str, name: &Option<String>) -> Result<String, RenderError> {
    let name = name
        .as_ref()
        .ok_or_else(|| unsupported(format!("dropping an unnamed {}", what.to_lowercase())))?;
    Ok(alter(table, format_args!("DROP {what} {}", ident(name))))
}

fn render_change(cx: &Cx<'_>, change: &Change, out: &mut Vec<Staged>) -> Result<(), RenderError> {
    use Phase::*;
    let mut push = |phase: Phase, sql: String| out.push(Staged::new(phase, sql));
    match change {
        Change::Create { object } => return create(object, out),
        Change::Drop { object } => return drop(cx, object, out),
        Change::Replace { from, to } => return replace(cx, from, to, out),
        Change::RenameTable { from, to } => push(
            Renames,
            format!("RENAME TABLE {} TO {}", qname(from), qname(to)),
        ),
        Change::RenameColumn { table, from, to } => push(
            Renames,
            alter(
                table,
                format_args!("RENAME COLUMN {} TO {}", ident(from), ident(to)),
            ),
        ),
        Change::AddColumn { table, column } => {
            // The target's definition, not the change's copy: they are the same column, and one source is simpler.
            let c = alter::target_column(cx.to, table, &column.name)?;
            push(
                Columns,
                alter(
                    table,
                    format_args!("ADD COLUMN {}", column::column_definition(c)),
                ),
            )
        }
        Change::DropColumn { table, column } => push(
            DropTables,
            alter(table, format_args!("DROP COLUMN {}", ident(&column.name))),
        ),
        Change::AlterColumn {
            table,
            column,
            changes,
        } => push(Columns, alter::alter_column(cx.to, table, column, changes)?),
        Change::DropPrimaryKey { table, .. } => {
            // Dropped and added in one statement when it is replaced: an AUTO_INCREMENT column is never keyless.
            if !cx
                .changes
                .iter()
                .any(|c| matches!(c, Change::AddPrimaryKey { table: t, .. } if t == table))
            {
                push(DropConstraintsAndIndexes, alter(table, "DROP PRIMARY KEY"))
            }
        }
        Change::AddPrimaryKey { table, primary_key } => {
            let replaced = cx
                .changes
                .iter()
                .any(|c| matches!(c, Change::DropPrimaryKey { table: t, .. } if t == table));
            let drop = if replaced { "DROP PRIMARY KEY, " } else { "" };
            push(
                Constraints,
                alter(
                    table,
                    format_args!("{drop}ADD {}", ddl::primary_key(primary_key)),
                ),
            )
        }
        Change::AddUnique { table, unique } => push(
            Constraints,
            alter(table, format_args!("ADD {}", ddl::unique(unique))),
        ),
        Change::DropUnique { table, unique } => push(
            DropConstraintsAndIndexes,
            drop_named(table, "INDEX", &unique.name)?,
        ),
        Change::AddCheck { table, check } => push(
            Constraints,
            alter(table, format_args!("ADD {}", ddl::check(check))),
        ),
        Change::DropCheck { table, check } => push(
            DropConstraintsAndIndexes,
            drop_named(table, "CONSTRAINT", &check.name)?,
        ),
        Change::AddForeignKey { table, foreign_key } => push(
            ForeignKeys,
            alter(
                table,
                format_args!("ADD {}", ddl::foreign_key(table, foreign_key)),
            ),
        ),
        Change::DropForeignKey { table, foreign_key } => {
            push(
                DropForeignKeys,
                alter::drop_foreign_key(table, foreign_key)?,
            );
            if let Some(index) = alter::implicit_fk_index(cx.from, cx.to, table, foreign_key) {
                push(DropConstraintsAndIndexes, ddl::drop_index(table, &index));
            }
        }
        Change::SetTableOptions {
            table,
            from,
            to: options,
        } => {
            for (phase, sql) in
                alter::set_table_options(table, from, options, cx.to.tables.get(table))
            {
                push(phase, sql);
            }
        }
        Change::SetComment { target, to, .. } => {
            for sql in comment(cx, target, to.as_deref())? {
                push(Finishing, sql);
            }
        }
        Change::Grant { grant } => push(Finishing, ddl::grant(grant, true)),
        Change::Revoke { grant } => push(Finishing, ddl::grant(grant, false)),
        Change::AddEnumValue { .. } => return Err(unsupported("enum types")),
        Change::AddExclusion { .. } | Change::DropExclusion { .. } => {
            return Err(unsupported("exclusion constraints"))
        }
        Change::SetRowLevelSecurity { .. } => return Err(unsupported("row-level security")),
    }
    Ok(())
}

fn create(object: &Object, out: &mut Vec<Staged>) -> Result<(), RenderError> {
    let (phase, sql) = match object {
        Object::Table(t) => {
            // Foreign keys of a new table come after every table exists, so creation order cannot break them.
            for fk in &t.foreign_keys {
                out.push(Staged::new(
                    Phase::ForeignKeys,
                    alter(
                        &t.name,
                        format_args!("ADD {}", ddl::foreign_key(&t.name, fk)),
                    ),
                ));
            }
            (Phase::Tables, ddl::create_table(t))
        }
        Object::Index(i) => (Phase::Constraints, ddl::create_index(i)),
        Object::View(v) => (Phase::Dependents, ddl::create_view(v)),
        // A routine's body is not checked against tables when it is created, and a view may call it.
        Object::Routine(r) => (Phase::CreateTypes, ddl::create_routine(r)),
        Object::Trigger(t) => (Phase::Dependents, ddl::create_trigger(t)),
        // Before the tables, whose defaults may take their next value.
        Object::Sequence(s) => (Phase::CreateTypes, ddl::create_sequence(s)),
        other => return Err(unsupported(kind_of(other))),
    };
    out.push(Staged::new(phase, sql).creating(object.object_ref()));
    Ok(())
}

fn drop(cx: &Cx<'_>, object: &Object, out: &mut Vec<Staged>) -> Result<(), RenderError> {
    let (phase, sql) = match object {
        Object::Table(t) => {
            // A table referenced by another one that goes too cannot be dropped first: its keys go before.
            for fk in &t.foreign_keys {
                if fk.ref_table != t.name && !cx.to.tables.contains_key(&fk.ref_table) {
                    out.push(Staged::new(
                        Phase::DropForeignKeys,
                        alter::drop_foreign_key(&t.name, fk)?,
                    ));
                }
            }
            (Phase::DropTables, format!("DROP TABLE {}", qname(&t.name)))
        }
        Object::Index(i) => (
            Phase::DropConstraintsAndIndexes,
            alter::drop_index_keeping_fks(cx.from, cx.to, i),
        ),
        Object::View(v) => (
            Phase::DropDependents,
            format!("DROP VIEW {}", qname(&v.name)),
        ),
        Object::Routine(r) => (Phase::DropDependents, ddl::drop_routine(r)),
        Object::Trigger(t) => (Phase::DropDependents, ddl::drop_trigger(t)),
        Object::Sequence(s) => (
            Phase::DropTypes,
            format!("DROP SEQUENCE {}", qname(&s.name)),
        ),
        other => return Err(unsupported(kind_of(other))),
    };
    out.push(Staged::new(phase, sql).dropping(object.object_ref()));
    Ok(())
}

fn replace(
    cx: &Cx<'_>,
    from: &Object,
    to: &Object,
    out: &mut Vec<Staged>,
) -> Result<(), RenderError> {
    match to {
        Object::View(v) => {
            out.push(Staged::new(Phase::Dependents, ddl::create_view(v)).creating(to.object_ref()))
        }
        Object::Index(i) => out
            .push(Staged::new(Phase::Constraints, ddl::rebuild_index(i)).creating(to.object_ref())),
        Object::Sequence(s) => match from {
            Object::Sequence(old) if old.options != s.options => {
                out.push(Staged::new(Phase::CreateTypes, ddl::alter_sequence(old, s)))
            }
            _ => return Err(unsupported("replacing a sequence")),
        },
        Object::Routine(_) | Object::Trigger(_) => {
            drop(cx, from, out)?;
            create(to, out)?;
        }
        other => return Err(unsupported(format!("replacing {}", kind_of(other)))),
    }
    Ok(())
}

fn kind_of(o: &Object) -> &'static str {
    match o {
        Object::Namespace(_) => "schemas",
        Object::Extension(_) => "extensions",
        Object::Enum(_) => "enum types",
        Object::Domain(_) => "domains",
        Object::CompositeType(_) => "composite types",
        Object::RangeType(_) => "range types",
        Object::Sequence(_) => "a sequence",
        Object::Table(_) => "a table",
        Object::Index(_) => "an index",
        Object::View(_) => "a view",
        Object::MaterializedView(_) => "materialized views",
        Object::Routine(_) => "a routine",
        Object::Trigger(_) => "a trigger",
        Object::Policy(_) => "policies",
        Object::Rule(_) => "rules",
    }
}

/// MySQL keeps comments inside definitions: a table's in its options, a column's in the column (restated whole), an
/// index's in the index (rebuilt), a routine's in its characteristics.
fn comment(
    cx: &Cx<'_>,
    target: &CommentTarget,
    text: Option<&str>,
) -> Result<Vec<String>, RenderError> {
    let table = || {
        cx.to
            .tables
            .iter()
            .find(|t| t.name.to_string() == target.name)
            .ok_or_else(|| unsupported(format!("comment on missing table {}", target.name)))
    };
    Ok(match (target.kind.as_str(), &target.part) {
        ("table", None) => {
            let t = table()?;
            vec![alter(
                &t.name,
                format_args!("COMMENT = {}", literal(text.unwrap_or_default())),
            )]
        }
        ("column", Some(column)) => {
            let t = table()?;
            vec![alter::modify_column(
                &t.name,
                alter::target_column(cx.to, &t.name, column)?,
            )]
        }
        ("index", None) => {
            let rebuilt: Vec<String> =
                cx.to
                    .indexes
                    .iter()
                    .filter(|i| format!("{}.{}", i.table.schema, i.name) == target.name)
                    .filter(|i| {
                        cx.from.indexes.iter().any(|f| {
                            f.table == i.table && f.name == i.name && f.comment != i.comment
                        })
                    })
                    .map(ddl::rebuild_index)
                    .collect();
            if rebuilt.is_empty() {
                return Err(unsupported(format!("comment on index {}", target.name)));
            }
            rebuilt
        }
        ("function" | "procedure", None) => {
            let r = cx
                .to
                .routines
                .iter()
                .find(|r| format!("{}({})", r.name, r.arg_types()) == target.name)
                .ok_or_else(|| unsupported(format!("comment on {}", target.name)))?;
            vec![format!(
                "ALTER {} {} COMMENT {}",
                target.kind.to_uppercase(),
                qname(&r.name),
                literal(text.unwrap_or_default())
            )]
        }
        _ => return Err(unsupported(format!("comments on {}", target.kind))),
    })
}
