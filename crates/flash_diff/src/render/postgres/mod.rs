//! PostgreSQL migration scripts from changes.

mod alter_column;
mod comment;
mod ddl;
mod enum_rebuild;
mod objects;
mod renames;
mod rules;
mod views;

use flash_core::{Dialect, QualName, Schema};

use super::{Phase, RenderError, Staged};
use crate::{Change, ColumnChange, Object};
use comment::{comment, created_comment, table_comments, view_column_comments};
use ddl::{ident, literal, qname};

/// The statements for each change, in the differ's order; `plan::order` orders them. `from` and `to` say what a
/// change alone does not: the columns using a rebuilt enum, the views over an altered table.
pub fn render(changes: &[Change], from: &Schema, to: &Schema) -> Result<Vec<Staged>, RenderError> {
    let mut staged = Vec::new();
    let mut altered = Vec::new();
    let (changes, renames) = renames::fold_renames(changes);
    for change in changes.iter() {
        render_change(change, from, to, &mut staged, &mut altered)?;
    }
    // After the table renames, which come first among the changes.
    staged.extend(renames);
    // Partitions and inheriting tables before their parents, which cannot be dropped while they have children.
    let child = |s: &Staged| {
        s.drops.as_ref().is_some_and(|d| {
            d.kind == super::ObjectKind::Table
                && from
                    .tables
                    .get(&d.name)
                    .is_some_and(|t| t.partition_of.is_some() || !t.inherits.is_empty())
        })
    };
    let (mut children, rest): (Vec<Staged>, Vec<Staged>) = staged.into_iter().partition(child);
    children.extend(rest);
    let mut staged = children;
    let around_views = views::around_altered_tables(&altered, from, to)?;
    let recreated: Vec<QualName> = around_views
        .iter()
        .filter_map(|s| s.creates.as_ref())
        .filter(|c| c.kind == super::ObjectKind::View)
        .map(|c| c.name.clone())
        .collect();
    staged.extend(around_views);
    staged.extend(rules::around_altered_tables(
        &altered, &recreated, from, to,
    )?);
    Ok(staged)
}

fn unsupported(what: impl Into<String>) -> RenderError {
    RenderError::Unsupported {
        dialect: Dialect::Postgres,
        what: what.into(),
    }
}

/// Tables whose columns change type or go away under a change: the views over them are recreated around it.
fn altered_table(change: &Change) -> Option<&QualName> {
    match change {
        Change::DropColumn { table, .. } => Some(table),
        Change::AlterColumn { table, changes, .. } => changes
            .iter()
            .any(|c| {
                matches!(
                    c,
                    ColumnChange::Type { .. }
                        | ColumnChange::Collation { .. }
                        | ColumnChange::Generated { to: Some(_), .. }
                )
            })
            .then_some(table),
        _ => None,
    }
}

fn render_change(
    change: &Change,
    from_schema: &Schema,
    to_schema: &Schema,
    out: &mut Vec<Staged>,
    altered: &mut Vec<QualName>,
) -> Result<(), RenderError> {
    use Phase::*;
    if let Some(table) = altered_table(change) {
        altered.push(table.clone());
    }
    match change {
        Change::Create { object } => {
            let (phase, sql) = create(object, to_schema)?;
            out.push(Staged::new(phase, sql).creating(object.object_ref()));
            if let Some(sql) = ddl::created_trigger_enabled(object) {
                out.push(Staged::new(Finishing, sql));
            }
            if let Some(c) = created_comment(object)? {
                out.push(Staged::new(Finishing, c));
            }
            for c in view_column_comments(object) {
                out.push(Staged::new(Finishing, c));
            }
        }
        Change::Drop { object } => {
            if let Object::Sequence(seq) = object.as_ref() {
                out.extend(release_sequence(seq, from_schema, to_schema));
            }
            let (phase, sql) = drop(object, from_schema)?;
            out.push(Staged::new(phase, sql).dropping(object.object_ref()));
        }
        Change::Replace { from, to } => {
            // An enum rebuild drops the type, and its comment with it.
            let rebuilt = matches!(from.as_ref(), Object::Enum(_));
            let in_place = match (from.as_ref(), to.as_ref()) {
                (Object::Sequence(a), Object::Sequence(b)) => Some(objects::alter_sequence(a, b)),
                (Object::Domain(a), Object::Domain(b)) => objects::alter_domain(a, b),
                (Object::CompositeType(a), Object::CompositeType(b)) => {
                    Some(objects::alter_composite(a, b))
                }
                (Object::Trigger(a), Object::Trigger(b)) => objects::alter_trigger(a, b),
                (Object::Enum(a), Object::Enum(b)) => {
                    let (statements, tables) =
                        enum_rebuild::rebuild_enum(a, b, from_schema, to_schema);
                    altered.extend(tables);
                    Some(statements)
                }
                _ => None,
            };
            // CREATE OR REPLACE keeps a routine's or a rule's comment too.
            let replaced_rule =
                matches!(from.as_ref(), Object::Rule(r) if !rules::uses_any(r, altered));
            let kept = !rebuilt
                && (in_place.is_some()
                    || replaced_rule
                    || matches!(from.as_ref(), Object::Routine(_)));
            match (in_place, from.as_ref(), to.as_ref()) {
                (Some(statements), _, _) => {
                    for (phase, sql) in statements {
                        out.push(Staged::new(phase, sql));
                    }
                }
                // Same signature: replaced in place, so triggers and views that use it stay attached.
                (None, Object::Routine(_), Object::Routine(r)) => out.push(
                    Staged::new(Dependents, ddl::create_routine(r)).creating(to.object_ref()),
                ),
                // The rule keeps its place in the catalog (and its comment), unless it reads a column that changes
                // under it: then it goes first, like a view, and comes back whole.
                (None, Object::Rule(old), Object::Rule(r)) if !rules::uses_any(old, altered) => out
                    .push(
                        Staged::new(Dependents, rules::create_rule(r, true))
                            .creating(to.object_ref()),
                    ),
                (None, Object::Table(_), _) => {
                    return Err(unsupported(format!("replacing {}", object_kind(from))));
                }
                // Dropping a type that columns use would take the columns with it.
                (None, Object::Domain(d), _) if type_in_use(&d.name, from_schema) => {
                    return Err(unsupported(format!(
                        "changing the base type or collation of domain {} while columns use it",
                        d.name
                    )));
                }
                // PostgreSQL alters nothing of a range but its name, owner and schema: a change is a drop and a
                // create, which columns using it would not survive.
                (None, Object::RangeType(r), _) if type_in_use(&r.name, from_schema) => {
                    return Err(unsupported(format!(
                        "changing range type {} while columns use it",
                        r.name
                    )));
                }
                (None, _, _) => {
                    let (drop_phase, drop_sql) = drop(from, from_schema)?;
                    out.push(Staged::new(drop_phase, drop_sql).dropping(from.object_ref()));
                    let (create_phase, create_sql) = create(to, to_schema)?;
                    out.push(Staged::new(create_phase, create_sql).creating(to.object_ref()));
                    if let Some(sql) = ddl::created_trigger_enabled(to) {
                        out.push(Staged::new(Finishing, sql));
                    }
                }
            }
            // A drop takes the comment with it; an object altered in place keeps its own.
            let c = if kept {
                comment::changed_comment(from, to)?
            } else {
                for c in view_column_comments(to) {
                    out.push(Staged::new(Finishing, c));
                }
                created_comment(to)?
            };
            if let Some(c) = c {
                out.push(Staged::new(Finishing, c));
            }
        }
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
                for c in t.checks.iter().filter(|c| c.not_valid) {
                    push(
                        Constraints,
                        format!("ALTER TABLE {} ADD {}", qname(&t.name), ddl::check(c)),
                    );
                }
                if t.rls_enabled {
                    push(
                        Finishing,
                        format!("ALTER TABLE {} ENABLE ROW LEVEL SECURITY", qname(&t.name)),
                    );
                }
                if t.rls_forced {
                    push(
                        Finishing,
                        format!("ALTER TABLE {} FORCE ROW LEVEL SECURITY", qname(&t.name)),
                    );
                }
                for c in table_comments(t) {
                    push(Finishing, c);
                }
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
            for (phase, sql) in
                alter_column::alter_column(table, column, changes, from_schema, to_schema)?
            {
                push(phase, sql);
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
        Change::SetTableOptions { table, from, to } => {
            for sql in table_options(table, from, to) {
                push(Columns, sql);
            }
        }
        Change::Grant { grant } => push(Finishing, ddl::grant(grant, true)),
        Change::Revoke { grant } => push(Finishing, ddl::grant(grant, false)),
    }
    Ok(())
}

fn object_kind(o: &Object) -> &'static str {
    match o {
        Object::Namespace(_) => "a schema",
        Object::Extension(_) => "an extension",
        Object::Enum(_) => "an enum",
        Object::Domain(_) => "a domain",
        Object::CompositeType(_) => "a composite type",
        Object::RangeType(_) => "a range type",
        Object::Sequence(_) => "a sequence",
        Object::Table(_) => "a table",
        Object::Index(_) => "an index",
        Object::View(_) => "a view",
        Object::MaterializedView(_) => "a materialized view",
        Object::Routine(_) => "a function",
        Object::Trigger(_) => "a trigger",
        Object::Policy(_) => "a policy",
        Object::Rule(_) => "a rule",
        Object::Event(_) => "an event",
    }
}

/// Statements that let go of a sequence about to be dropped: the defaults of kept columns that still call it (a
/// serial column becoming an identity), which PostgreSQL would otherwise refuse the drop over.
fn release_sequence(seq: &flash_core::Sequence, from: &Schema, to: &Schema) -> Vec<Staged> {
    let mut out = Vec::new();
    for table in from.tables.iter() {
        let Some(kept) = to.tables.get(&table.name) else {
            continue;
        };
        for column in &table.columns {
            let calls = column
                .default
                .as_deref()
                .is_some_and(|d| d.contains("nextval(") && calls_sequence(d, &seq.name));
            if calls && kept.column(&column.name).is_some() {
                out.push(Staged::new(
                    Phase::DropTypes,
                    format!(
                        "ALTER TABLE {} ALTER COLUMN {} DROP DEFAULT",
                        qname(&table.name),
                        ident(&column.name)
                    ),
                ));
            }
        }
    }
    out
}

fn type_in_use(name: &QualName, schema: &Schema) -> bool {
    schema.tables.iter().any(|t| {
        t.columns
            .iter()
            .any(|c| enum_rebuild::is_type(&c.data_type, name))
    })
}

/// Does the default `d` name the sequence, as `'name'` or `'schema.name'` (how PostgreSQL prints a regclass)?
fn calls_sequence(d: &str, seq: &QualName) -> bool {
    d.contains(&format!("'{}'", seq.name)) || d.contains(&format!("'{}.{}'", seq.schema, seq.name))
}

/// Indexes on a materialized view come after the view, which is created with the dependents.
fn index_phase(index: &flash_core::Index, to: &Schema) -> Phase {
    if to.materialized_views.contains_key(&index.table) {
        Phase::Finishing
    } else {
        Phase::Constraints
    }
}

fn create(object: &Object, to: &Schema) -> Result<(Phase, String), RenderError> {
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
        Object::RangeType(r) => (Phase::CreateTypes, ddl::create_range(r)),
        Object::MaterializedView(v) => (Phase::Dependents, ddl::create_materialized_view(v)),
        Object::Sequence(s) => (Phase::CreateTypes, ddl::create_sequence(s)),
        Object::Table(t) => (Phase::Tables, ddl::create_table(t)),
        Object::Index(i) => (index_phase(i, to), ddl::create_index(i)),
        Object::View(v) => (Phase::Dependents, ddl::create_view(v)),
        // Before the tables, whose defaults, checks and generated columns may call them; the planner holds back a
        // SQL-language function until the tables its body reads exist (PostgreSQL checks such bodies on creation).
        Object::Routine(r) => (Phase::CreateTypes, ddl::create_routine(r)),
        // Triggers and policies come after the functions and tables they use.
        Object::Trigger(t) => (Phase::Finishing, ddl::create_trigger(t)),
        Object::Policy(p) => (Phase::Finishing, ddl::create_policy(p)),
        // With the views (the planner puts it after those it names), before the comments of the finishing phase.
        Object::Rule(r) => (Phase::Dependents, rules::create_rule(r, false)),
        Object::Event(_) => return Err(unsupported("events")),
    })
}

/// `IF EXISTS` where something dropped earlier in the same migration may have taken the object with it: a
/// sequence owned by a dropped column, an index on a dropped materialized view, a partition of a dropped table.
fn if_taken(object: &Object, from: &Schema) -> &'static str {
    let taken = match object {
        Object::Sequence(s) => s.owned_by.is_some(),
        Object::Index(i) => from.materialized_views.contains_key(&i.table),
        Object::Table(t) => t.partition_of.is_some() || !t.inherits.is_empty(),
        _ => false,
    };
    if taken {
        "IF EXISTS "
    } else {
        ""
    }
}

/// `ALTER TABLE ... SET (k = v)`, `RESET (k)` and `SET [UN]LOGGED` for changed table options.
fn table_options(
    table: &QualName,
    from: &std::collections::BTreeMap<String, String>,
    to: &std::collections::BTreeMap<String, String>,
) -> Vec<String> {
    let t = qname(table);
    let mut out = Vec::new();
    let unlogged = |m: &std::collections::BTreeMap<String, String>| {
        m.get("unlogged").is_some_and(|v| v == "true")
    };
    if unlogged(from) != unlogged(to) {
        let logged = if unlogged(to) { "UNLOGGED" } else { "LOGGED" };
        out.push(format!("ALTER TABLE {t} SET {logged}"));
    }
    let reset: Vec<&str> = from
        .keys()
        .filter(|k| *k != "unlogged" && !to.contains_key(*k))
        .map(String::as_str)
        .collect();
    if !reset.is_empty() {
        out.push(format!("ALTER TABLE {t} RESET ({})", reset.join(", ")));
    }
    let set: Vec<String> = to
        .iter()
        .filter(|(k, v)| *k != "unlogged" && from.get(*k) != Some(*v))
        .map(|(k, v)| format!("{k} = {v}"))
        .collect();
    if !set.is_empty() {
        out.push(format!("ALTER TABLE {t} SET ({})", set.join(", ")));
    }
    out
}

fn drop(object: &Object, from: &Schema) -> Result<(Phase, String), RenderError> {
    let if_exists = if_taken(object, from);
    Ok(match object {
        Object::Namespace(n) => (Phase::DropTypes, format!("DROP SCHEMA {}", ident(&n.name))),
        Object::Extension(e) => (
            Phase::DropTypes,
            format!("DROP EXTENSION {}", ident(&e.name)),
        ),
        Object::Enum(e) => (Phase::DropTypes, format!("DROP TYPE {}", qname(&e.name))),
        Object::Domain(d) => (Phase::DropTypes, format!("DROP DOMAIN {}", qname(&d.name))),
        Object::CompositeType(c) => (Phase::DropTypes, format!("DROP TYPE {}", qname(&c.name))),
        Object::RangeType(r) => (Phase::DropTypes, format!("DROP TYPE {}", qname(&r.name))),
        Object::MaterializedView(v) => (
            Phase::DropDependents,
            format!("DROP MATERIALIZED VIEW {}", qname(&v.name)),
        ),
        Object::Sequence(s) => (
            Phase::DropTypes,
            format!("DROP SEQUENCE {if_exists}{}", qname(&s.name)),
        ),
        Object::Table(t) => (
            Phase::DropTables,
            format!("DROP TABLE {if_exists}{}", qname(&t.name)),
        ),
        Object::Index(i) => {
            let name = QualName::new(i.table.schema.clone(), i.name.clone());
            (
                Phase::DropConstraintsAndIndexes,
                format!("DROP INDEX {if_exists}{}", qname(&name)),
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
        Object::Rule(r) => (Phase::DropDependents, rules::drop_rule(r)),
        // Functions go after the triggers that call them.
        Object::Routine(r) => (
            Phase::DropTables,
            format!("DROP {}", ddl::routine_signature(r)),
        ),
        Object::Event(_) => return Err(unsupported("events")),
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
