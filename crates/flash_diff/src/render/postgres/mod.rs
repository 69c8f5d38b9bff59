//! PostgreSQL migration scripts from changes.

mod ddl;

use flash_core::{Dialect, QualName};

use super::{Phase, RenderError, Staged};
use crate::{Change, ColumnChange, CommentTarget, Object};
use ddl::{ident, literal, qname};

/// The statements for each change, in the differ's order; `plan::order` orders them.
pub fn render(changes: &[Change]) -> Result<Vec<Staged>, RenderError> {
    let mut staged = Vec::new();
    for change in changes {
        render_change(change, &mut staged)?;
    }
    Ok(staged)
}

fn unsupported(what: impl Into<String>) -> RenderError {
    RenderError::Unsupported {
        dialect: Dialect::Postgres,
        what: what.into(),
    }
}

fn render_change(change: &Change, out: &mut Vec<Staged>) -> Result<(), RenderError> {
    use Phase::*;
    match change {
        Change::Create { object } => {
            let (phase, sql) = create(object)?;
            out.push(Staged::new(phase, sql).creating(object.object_ref()));
        }
        Change::Drop { object } => {
            let (phase, sql) = drop(object)?;
            out.push(Staged::new(phase, sql).dropping(object.object_ref()));
        }
        Change::Replace { from, to } => match (from.as_ref(), to.as_ref()) {
            // Same signature: replaced in place, so triggers and views that use it stay attached.
            (Object::Routine(_), Object::Routine(r)) => {
                out.push(Staged::new(Dependents, ddl::create_routine(r)).creating(to.object_ref()))
            }
            (Object::Table(_), _) | (Object::Enum(_), _) => {
                return Err(unsupported(format!("replacing {}", object_kind(from))));
            }
            _ => {
                let (drop_phase, drop_sql) = drop(from)?;
                out.push(Staged::new(drop_phase, drop_sql).dropping(from.object_ref()));
                let (create_phase, create_sql) = create(to)?;
                out.push(Staged::new(create_phase, create_sql).creating(to.object_ref()));
            }
        },
        _ => {}
    }
    let mut push = |phase: Phase, sql: String| out.push(Staged::new(phase, sql));
    match change {
        Change::Create { object } => {
            if let Object::Sequence(seq) = object.as_ref() {
                if let Some(owner) = &seq.owned_by {
                    let column = format!("{}.{}", qname(&owner.table), ident(&owner.column));
                    push(
                        ForeignKeys,
                        format!("ALTER SEQUENCE {} OWNED BY {column}", qname(&seq.name)),
                    );
                }
            }
            // Foreign keys of a new table come after every table exists, so creation order cannot break them.
            if let Object::Table(t) = object.as_ref() {
                for fk in &t.foreign_keys {
                    push(
                        ForeignKeys,
                        format!(
                            "ALTER TABLE {} ADD {}",
                            qname(&t.name),
                            ddl::foreign_key(fk)
                        ),
                    );
                }
                push_table_comments(t, &mut push);
            }
        }
        Change::Drop { .. } | Change::Replace { .. } => {}
        Change::RenameTable { from, to } => {
            push(
                Renames,
                format!("ALTER TABLE {} RENAME TO {}", qname(from), ident(&to.name)),
            );
        }
        Change::AddEnumValue {
            name,
            value,
            before,
        } => {
            let position = before
                .as_ref()
                .map(|b| format!(" BEFORE {}", literal(b)))
                .unwrap_or_default();
            push(
                BeforeTransaction,
                format!(
                    "ALTER TYPE {} ADD VALUE {}{position}",
                    qname(name),
                    literal(value)
                ),
            );
        }
        Change::AddColumn { table, column } => {
            push(
                Columns,
                format!(
                    "ALTER TABLE {} ADD COLUMN {}",
                    qname(table),
                    ddl::column_definition(column)
                ),
            );
        }
        Change::DropColumn { table, column } => {
            push(
                DropTables,
                format!(
                    "ALTER TABLE {} DROP COLUMN {}",
                    qname(table),
                    ident(&column.name)
                ),
            );
        }
        Change::RenameColumn { table, from, to } => {
            push(
                Renames,
                format!(
                    "ALTER TABLE {} RENAME COLUMN {} TO {}",
                    qname(table),
                    ident(from),
                    ident(to)
                ),
            );
        }
        Change::AlterColumn {
            table,
            column,
            changes,
        } => {
            for sql in alter_column(table, column, changes)? {
                push(Columns, sql);
            }
        }
        Change::AddPrimaryKey { table, primary_key } => {
            push(
                Constraints,
                format!(
                    "ALTER TABLE {} ADD {}",
                    qname(table),
                    ddl::primary_key(primary_key)
                ),
            );
        }
        Change::DropPrimaryKey { table, primary_key } => push(
            DropConstraintsAndIndexes,
            drop_constraint(table, &primary_key.name)?,
        ),
        Change::AddUnique { table, unique } => {
            push(
                Constraints,
                format!("ALTER TABLE {} ADD {}", qname(table), ddl::unique(unique)),
            );
        }
        Change::DropUnique { table, unique } => push(
            DropConstraintsAndIndexes,
            drop_constraint(table, &unique.name)?,
        ),
        Change::AddCheck { table, check } => {
            push(
                Constraints,
                format!("ALTER TABLE {} ADD {}", qname(table), ddl::check(check)),
            );
        }
        Change::DropCheck { table, check } => push(
            DropConstraintsAndIndexes,
            drop_constraint(table, &check.name)?,
        ),
        Change::AddForeignKey { table, foreign_key } => {
            push(
                ForeignKeys,
                format!(
                    "ALTER TABLE {} ADD {}",
                    qname(table),
                    ddl::foreign_key(foreign_key)
                ),
            );
        }
        Change::DropForeignKey { table, foreign_key } => {
            push(DropForeignKeys, drop_constraint(table, &foreign_key.name)?)
        }
        Change::AddExclusion { table, exclusion } => {
            push(
                Constraints,
                format!(
                    "ALTER TABLE {} ADD {}",
                    qname(table),
                    ddl::exclusion(exclusion)
                ),
            );
        }
        Change::DropExclusion { table, exclusion } => push(
            DropConstraintsAndIndexes,
            drop_constraint(table, &exclusion.name)?,
        ),
        Change::SetRowLevelSecurity {
            table,
            enabled,
            forced,
        } => {
            let t = qname(table);
            push(
                Finishing,
                format!(
                    "ALTER TABLE {t} {} ROW LEVEL SECURITY",
                    if *enabled { "ENABLE" } else { "DISABLE" }
                ),
            );
            push(
                Finishing,
                format!(
                    "ALTER TABLE {t} {}FORCE ROW LEVEL SECURITY",
                    if *forced { "" } else { "NO " }
                ),
            );
        }
        Change::SetComment { target, to, .. } => push(Finishing, comment(target, to.as_deref())?),
        Change::SetTableOptions { .. } => return Err(unsupported("table option changes")),
        Change::Grant { grant } => push(Finishing, ddl::grant(grant, true)),
        Change::Revoke { grant } => push(Finishing, ddl::grant(grant, false)),
    }
    Ok(())
}

fn push_table_comments(t: &flash_core::Table, push: &mut impl FnMut(Phase, String)) {
    if let Some(c) = &t.comment {
        push(
            Phase::Finishing,
            format!("COMMENT ON TABLE {} IS {}", qname(&t.name), literal(c)),
        );
    }
    for col in &t.columns {
        if let Some(c) = &col.comment {
            push(
                Phase::Finishing,
                format!(
                    "COMMENT ON COLUMN {}.{} IS {}",
                    qname(&t.name),
                    ident(&col.name),
                    literal(c)
                ),
            );
        }
    }
}

fn object_kind(o: &Object) -> &'static str {
    match o {
        Object::Namespace(_) => "a schema",
        Object::Extension(_) => "an extension",
        Object::Enum(_) => "an enum",
        Object::Domain(_) => "a domain",
        Object::CompositeType(_) => "a composite type",
        Object::Sequence(_) => "a sequence",
        Object::Table(_) => "a table",
        Object::Index(_) => "an index",
        Object::View(_) => "a view",
        Object::MaterializedView(_) => "a materialized view",
        Object::Routine(_) => "a function",
        Object::Trigger(_) => "a trigger",
        Object::Policy(_) => "a policy",
    }
}

fn create(object: &Object) -> Result<(Phase, String), RenderError> {
    Ok(match object {
        Object::Namespace(n) => (
            Phase::CreateTypes,
            format!("CREATE SCHEMA {}", ident(&n.name)),
        ),
        Object::Extension(e) => {
            let schema = e
                .schema
                .as_ref()
                .map(|s| format!(" WITH SCHEMA {}", ident(s)))
                .unwrap_or_default();
            (
                Phase::CreateTypes,
                format!("CREATE EXTENSION IF NOT EXISTS {}{schema}", ident(&e.name)),
            )
        }
        Object::Enum(e) => (Phase::CreateTypes, ddl::create_enum(e)),
        Object::Domain(d) => (Phase::CreateTypes, ddl::create_domain(d)),
        Object::CompositeType(c) => (Phase::CreateTypes, ddl::create_composite(c)),
        Object::MaterializedView(v) => (Phase::Dependents, ddl::create_materialized_view(v)),
        Object::Sequence(s) => (Phase::CreateTypes, ddl::create_sequence(s)),
        Object::Table(t) => (Phase::Tables, ddl::create_table(t)),
        Object::Index(i) => (Phase::Constraints, ddl::create_index(i)),
        Object::View(v) => (Phase::Dependents, ddl::create_view(v)),
        Object::Routine(r) => (Phase::Dependents, ddl::create_routine(r)),
        // Triggers and policies come after the functions and tables they use.
        Object::Trigger(t) => (Phase::Finishing, ddl::create_trigger(t)),
        Object::Policy(p) => (Phase::Finishing, ddl::create_policy(p)),
    })
}

fn drop(object: &Object) -> Result<(Phase, String), RenderError> {
    Ok(match object {
        Object::Namespace(n) => (Phase::DropTypes, format!("DROP SCHEMA {}", ident(&n.name))),
        Object::Extension(e) => (
            Phase::DropTypes,
            format!("DROP EXTENSION {}", ident(&e.name)),
        ),
        Object::Enum(e) => (Phase::DropTypes, format!("DROP TYPE {}", qname(&e.name))),
        Object::Domain(d) => (Phase::DropTypes, format!("DROP DOMAIN {}", qname(&d.name))),
        Object::CompositeType(c) => (Phase::DropTypes, format!("DROP TYPE {}", qname(&c.name))),
        Object::MaterializedView(v) => (
            Phase::DropDependents,
            format!("DROP MATERIALIZED VIEW {}", qname(&v.name)),
        ),
        Object::Sequence(s) => (
            Phase::DropTypes,
            format!("DROP SEQUENCE {}", qname(&s.name)),
        ),
        Object::Table(t) => (Phase::DropTables, format!("DROP TABLE {}", qname(&t.name))),
        Object::Index(i) => {
            let name = QualName::new(i.table.schema.clone(), i.name.clone());
            (
                Phase::DropConstraintsAndIndexes,
                format!("DROP INDEX {}", qname(&name)),
            )
        }
        Object::View(v) => (
            Phase::DropDependents,
            format!("DROP VIEW {}", qname(&v.name)),
        ),
        Object::Trigger(t) => (
            Phase::DropDependents,
            format!("DROP TRIGGER {} ON {}", ident(&t.name), qname(&t.table)),
        ),
        Object::Policy(p) => (
            Phase::DropDependents,
            format!("DROP POLICY {} ON {}", ident(&p.name), qname(&p.table)),
        ),
        // Functions go after the triggers that call them.
        Object::Routine(r) => (
            Phase::DropTables,
            format!("DROP {}", ddl::routine_signature(r)),
        ),
    })
}

fn drop_constraint(table: &QualName, name: &Option<String>) -> Result<String, RenderError> {
    match name {
        Some(n) => Ok(format!(
            "ALTER TABLE {} DROP CONSTRAINT {}",
            qname(table),
            ident(n)
        )),
        None => Err(unsupported("dropping an unnamed constraint")),
    }
}

/// One column's changes, in an order that cannot trip over itself: an old default goes before the type changes
/// (it may not cast), the new default after, nullability last.
fn alter_column(
    table: &QualName,
    column: &str,
    changes: &[ColumnChange],
) -> Result<Vec<String>, RenderError> {
    let prefix = format!(
        "ALTER TABLE {} ALTER COLUMN {}",
        qname(table),
        ident(column)
    );
    let mut first = Vec::new();
    let mut middle = Vec::new();
    let mut last = Vec::new();
    let type_changes = changes
        .iter()
        .any(|c| matches!(c, ColumnChange::Type { .. }));
    for change in changes {
        match change {
            ColumnChange::Type { to, .. } => {
                middle.push(format!("{prefix} TYPE {to} USING {}::{to}", ident(column)));
            }
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
                (Some(_), None) => middle.push(format!("{prefix} DROP IDENTITY")),
                (None, Some(id)) => middle.push(format!(
                    "{prefix} ADD GENERATED {} AS IDENTITY",
                    if id.always { "ALWAYS" } else { "BY DEFAULT" }
                )),
                (Some(_), Some(id)) => middle.push(format!(
                    "{prefix} SET GENERATED {}",
                    if id.always { "ALWAYS" } else { "BY DEFAULT" }
                )),
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
    Ok(first)
}

fn comment(target: &CommentTarget, text: Option<&str>) -> Result<String, RenderError> {
    let value = text.map(literal).unwrap_or_else(|| "NULL".into());
    let name = |n: &str| {
        n.split_once('.')
            .map(|(s, o)| format!("{}.{}", ident(s), ident(o)))
            .unwrap_or_else(|| ident(n))
    };
    Ok(match (target.kind.as_str(), &target.part) {
        ("column", Some(col)) => format!(
            "COMMENT ON COLUMN {}.{} IS {value}",
            name(&target.name),
            ident(col)
        ),
        ("constraint", Some(c)) => format!(
            "COMMENT ON CONSTRAINT {} ON {} IS {value}",
            ident(c),
            name(&target.name)
        ),
        (
            "table" | "view" | "index" | "sequence" | "schema" | "extension" | "materialized view",
            None,
        ) => {
            format!(
                "COMMENT ON {} {} IS {value}",
                target.kind.to_uppercase(),
                name(&target.name)
            )
        }
        ("type" | "domain", None) => format!("COMMENT ON TYPE {} IS {value}", name(&target.name)),
        _ => return Err(unsupported(format!("comments on {}", target.kind))),
    })
}
