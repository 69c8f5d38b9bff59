//! `ALTER TABLE` in schema files: columns, constraints, defaults, RLS and partitions added after the CREATE, the way
//! pg_dump writes them and the way teams spread one table over several files.

use flash_core::{Diagnostic, Identity, PartitionBound, QualName};
use pg_query::protobuf::{self, node::Node as N, AlterTableType as At, ObjectType};

use super::constraint::{add_constraint, Scope};
use super::context::Ctx;
use super::expr::deparse_expr;
use super::names::range_var;
use super::sequence::sequence_options;
use super::table::{column, partition_bound, with_options};
use super::trigger::set_trigger_enabled;
use super::types;

pub fn alter_table(cx: &mut Ctx, s: &protobuf::AlterTableStmt) -> Result<(), Diagnostic> {
    let Some(relation) = s.relation.as_ref() else {
        return Ok(());
    };
    let name = range_var(relation);
    match ObjectType::try_from(s.objtype).unwrap_or(ObjectType::Undefined) {
        ObjectType::ObjectTable | ObjectType::ObjectForeignTable => {}
        ObjectType::ObjectIndex => return alter_index(cx, &name, s),
        // Ownership and storage settings on views, sequences and materialized views are not modelled; anything else
        // on them (or ALTER TYPE ... ADD ATTRIBUTE) would be lost, so it is refused.
        _ if only_ownership_or_storage(s) => return Ok(()),
        _ => {
            return Err(cx.err(
                -1,
                "this ALTER statement is not supported in schema files yet: change the CREATE",
            ))
        }
    }
    let at = cx.at(relation.location);
    let key = match cx.b.find_table(&name) {
        Some(key) => key,
        // pg_dump writes `ALTER TABLE view OWNER TO ...` for views and sequences too; ownership is not modelled.
        None if is_other_relation(cx, &name) => return Ok(()),
        None => return Err(cx.b.error(at, format!("table \"{name}\" does not exist"))),
    };
    // Work on a copy so that the builder stays free for lookups and sequence additions while commands run.
    let Some(mut table) = cx.b.schema.tables.remove(&key) else {
        return Ok(());
    };
    let result = apply_commands(cx, &mut table, s);
    cx.b.schema.tables.insert(table);
    result
}

fn apply_commands(
    cx: &mut Ctx,
    table: &mut flash_core::Table,
    s: &protobuf::AlterTableStmt,
) -> Result<(), Diagnostic> {
    let table_name = table.name.clone();
    for node in &s.cmds {
        let Some(N::AlterTableCmd(cmd)) = node.node.as_ref() else {
            continue;
        };
        let def = cmd.def.as_deref().and_then(|d| d.node.as_ref());
        let missing_column = |cx: &Ctx| {
            cx.err(
                -1,
                format!(
                    "column \"{}\" does not exist in table \"{}\"",
                    cmd.name, table_name
                ),
            )
        };
        match At::try_from(cmd.subtype).unwrap_or(At::Undefined) {
            At::AtAddColumn => {
                if let Some(N::ColumnDef(cd)) = def {
                    if cmd.missing_ok && table.column(&cd.colname).is_some() {
                        continue;
                    }
                    if let Some(seq) = column(cx, table, cd)? {
                        let at = cx.at(cd.location);
                        let name = seq.name.to_string();
                        cx.b.add(|s| &mut s.sequences, "sequence", &name, seq, at)?;
                    }
                }
            }
            At::AtAddConstraint => {
                if let Some(N::Constraint(c)) = def {
                    add_constraint(cx, table, c, Scope::Table)?;
                }
            }
            At::AtColumnDefault => {
                let default = def.map(|d| {
                    deparse_expr(&pg_query::Node {
                        node: Some(d.clone()),
                    })
                });
                let Some(col) = table.column_mut(&cmd.name) else {
                    return Err(missing_column(cx));
                };
                col.default = default;
            }
            At::AtSetNotNull | At::AtDropNotNull => {
                let Some(col) = table.column_mut(&cmd.name) else {
                    return Err(missing_column(cx));
                };
                col.nullable = At::try_from(cmd.subtype) == Ok(At::AtDropNotNull);
            }
            At::AtAlterColumnType => {
                let Some(N::ColumnDef(cd)) = def else {
                    continue;
                };
                let Some(tn) = cd.type_name.as_ref() else {
                    continue;
                };
                let data_type = types::resolve(tn).data_type;
                let Some(col) = table.column_mut(&cmd.name) else {
                    return Err(missing_column(cx));
                };
                col.data_type = data_type;
            }
            At::AtDropColumn => {
                let before = table.columns.len();
                table.columns.retain(|c| c.name != cmd.name);
                if table.columns.len() == before && !cmd.missing_ok {
                    return Err(missing_column(cx));
                }
            }
            At::AtDropConstraint => drop_constraint(table, &cmd.name),
            At::AtAddIdentity => {
                let Some(N::Constraint(c)) = def else {
                    continue;
                };
                let Some(col) = table.column_mut(&cmd.name) else {
                    return Err(missing_column(cx));
                };
                let options =
                    sequence_options(&c.options).without_postgres_defaults(&col.data_type.name);
                col.nullable = false;
                col.identity = Some(Identity {
                    always: c.generated_when == "a",
                    options,
                });
            }
            At::AtEnableRowSecurity => table.rls_enabled = true,
            At::AtDisableRowSecurity => table.rls_enabled = false,
            At::AtForceRowSecurity => table.rls_forced = true,
            At::AtNoForceRowSecurity => table.rls_forced = false,
            At::AtSetRelOptions => {
                if let Some(N::List(list)) = def {
                    table.options.extend(with_options(&list.items));
                }
            }
            At::AtSetUnLogged => {
                table.options.insert("unlogged".into(), "true".into());
            }
            At::AtSetLogged => {
                table.options.remove("unlogged");
            }
            At::AtAddInherit => {
                if let Some(N::RangeVar(rv)) = def {
                    table.inherits.push(range_var(rv));
                }
            }
            At::AtAttachPartition => {
                if let Some(N::PartitionCmd(pc)) = def {
                    attach_partition(cx, &table.name, pc)?;
                }
            }
            At::AtValidateConstraint => {
                let named = |n: &Option<String>| n.as_deref() == Some(cmd.name.as_str());
                table
                    .checks
                    .iter_mut()
                    .filter(|c| named(&c.name))
                    .for_each(|c| c.not_valid = false);
                table
                    .foreign_keys
                    .iter_mut()
                    .filter(|f| named(&f.name))
                    .for_each(|f| f.not_valid = false);
            }
            At::AtDropIdentity => {
                let Some(col) = table.column_mut(&cmd.name) else {
                    return Err(missing_column(cx));
                };
                col.identity = None;
            }
            At::AtDropExpression => {
                let Some(col) = table.column_mut(&cmd.name) else {
                    return Err(missing_column(cx));
                };
                col.generated = None;
            }
            At::AtDetachPartition => {
                if let Some(N::PartitionCmd(pc)) = def {
                    if let Some(rv) = pc.name.as_ref() {
                        let at = cx.at(rv.location);
                        cx.b.table_mut(&range_var(rv), at)?.partition_of = None;
                    }
                }
            }
            At::AtDropInherit => {
                if let Some(N::RangeVar(rv)) = def {
                    let parent = range_var(rv);
                    table.inherits.retain(|p| *p != parent);
                }
            }
            // Ownership, statistics, storage, clustering, replica identity, tablespaces and access methods are not
            // schema shape; pg_dump writes some of them.
            At::AtChangeOwner
            | At::AtSetStatistics
            | At::AtSetOptions
            | At::AtResetOptions
            | At::AtSetStorage
            | At::AtSetCompression
            | At::AtClusterOn
            | At::AtDropCluster
            | At::AtReplicaIdentity
            | At::AtSetTableSpace
            | At::AtSetAccessMethod => {}
            At::AtEnableTrig
            | At::AtEnableAlwaysTrig
            | At::AtEnableReplicaTrig
            | At::AtDisableTrig
            | At::AtEnableTrigAll
            | At::AtDisableTrigAll
            | At::AtEnableTrigUser
            | At::AtDisableTrigUser => set_trigger_enabled(cx, &table_name, cmd)?,
            // Anything else would change the schema in a way the model cannot follow yet: refuse it rather than
            // silently lose it.
            _ => {
                return Err(cx.err(
                    -1,
                    "this ALTER TABLE action is not supported in schema files yet",
                ))
            }
        }
    }
    Ok(())
}

fn only_ownership_or_storage(s: &protobuf::AlterTableStmt) -> bool {
    s.cmds.iter().all(|node| match node.node.as_ref() {
        Some(N::AlterTableCmd(cmd)) => matches!(
            At::try_from(cmd.subtype),
            Ok(At::AtChangeOwner
                | At::AtSetStatistics
                | At::AtSetStorage
                | At::AtClusterOn
                | At::AtSetRelOptions)
        ),
        _ => true,
    })
}

fn is_other_relation(cx: &Ctx, name: &QualName) -> bool {
    let schema = &cx.b.schema;
    schema.views.contains_key(name)
        || schema.materialized_views.contains_key(name)
        || schema.sequences.contains_key(name)
}

fn drop_constraint(table: &mut flash_core::Table, name: &str) {
    let named = |n: &Option<String>| n.as_deref() == Some(name);
    if table.primary_key.as_ref().is_some_and(|pk| named(&pk.name)) {
        table.primary_key = None;
    }
    table.uniques.retain(|c| !named(&c.name));
    table.checks.retain(|c| !named(&c.name));
    table.foreign_keys.retain(|c| !named(&c.name));
    table.exclusions.retain(|c| !named(&c.name));
}

/// `ALTER TABLE parent ATTACH PARTITION child FOR VALUES ...`: pg_dump's way of writing partitions.
fn attach_partition(
    cx: &mut Ctx,
    parent: &QualName,
    pc: &protobuf::PartitionCmd,
) -> Result<(), Diagnostic> {
    let Some(rv) = pc.name.as_ref() else {
        return Ok(());
    };
    let child = range_var(rv);
    let bound = pc.bound.as_ref().map(partition_bound).unwrap_or_default();
    let at = cx.at(rv.location);
    let table = cx.b.table_mut(&child, at)?;
    table.partition_of = Some(PartitionBound {
        parent: parent.clone(),
        bound,
    });
    Ok(())
}

/// `ALTER INDEX parent_idx ATTACH PARTITION child_idx`: the child index is the partition's copy of the parent's
/// index, created by the database itself, so it leaves the model.
fn alter_index(
    cx: &mut Ctx,
    _parent: &QualName,
    s: &protobuf::AlterTableStmt,
) -> Result<(), Diagnostic> {
    for node in &s.cmds {
        let Some(N::AlterTableCmd(cmd)) = node.node.as_ref() else {
            continue;
        };
        if At::try_from(cmd.subtype) != Ok(At::AtAttachPartition) {
            continue;
        }
        let Some(N::PartitionCmd(pc)) = cmd.def.as_deref().and_then(|d| d.node.as_ref()) else {
            continue;
        };
        let Some(rv) = pc.name.as_ref() else { continue };
        let child = range_var(rv);
        let qualified = format!("{}.{}", child.schema, child.name);
        cx.b.schema
            .indexes
            .retain(|i| !(i.table.schema == child.schema && i.name == child.name));
        cx.b.undefine("index", &qualified);
        // pg_dump also writes the partition's copy of a primary key or unique constraint out as its own constraint.
        for table in
            cx.b.schema
                .tables
                .iter_mut()
                .filter(|t| t.name.schema == child.schema)
        {
            let named = |n: &Option<String>| n.as_deref() == Some(child.name.as_str());
            if table.primary_key.as_ref().is_some_and(|pk| named(&pk.name)) {
                table.primary_key = None;
            }
            table.uniques.retain(|u| !named(&u.name));
        }
    }
    Ok(())
}
