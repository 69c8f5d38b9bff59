//! `CREATE TABLE`: columns, their constraints, partitioning and inheritance.

use flash_core::{
    Column, Diagnostic, Generated, Identity, PartitionBound, PartitionBy, Sequence, SequenceOwner,
    Table,
};
use pg_query::protobuf::{self, node::Node as N, ConstrType, PartitionStrategy};

use super::constraint::{add_constraint, constr_type, Scope};
use super::context::Ctx;
use super::expr::deparse_expr;
use super::names::{range_var, strings};
use super::sequence::sequence_options;
use super::{naming, types};

pub fn create_table(cx: &mut Ctx, s: &protobuf::CreateStmt) -> Result<(), Diagnostic> {
    let Some(relation) = s.relation.as_ref() else {
        return Ok(());
    };
    let mut table = Table::new(range_var(relation));
    table.renamed_from = cx.renamed_from(-1);
    if relation.relpersistence == "u" {
        table.options.insert("unlogged".into(), "true".into());
    }
    table.options.extend(with_options(&s.options));
    for parent in &s.inh_relations {
        if let Some(N::RangeVar(rv)) = parent.node.as_ref() {
            let parent_name = range_var(rv);
            if s.partbound.is_none() {
                // An inheriting table has its parents' columns first, as the catalog lists them.
                let parent = cx.b.table_mut(&parent_name, cx.at(rv.location))?;
                for c in &parent.columns {
                    if table.column(&c.name).is_none() {
                        table.columns.push(Column {
                            comment: None,
                            renamed_from: None,
                            ..c.clone()
                        });
                    }
                }
                table.inherits.push(parent_name);
            } else {
                // A partition has its parent's columns: copy them so the model matches the catalog.
                let parent = cx.b.table_mut(&parent_name, cx.at(rv.location))?;
                table.columns = parent
                    .columns
                    .iter()
                    .map(|c| Column {
                        comment: None,
                        ..c.clone()
                    })
                    .collect();
                table.partition_of = Some(PartitionBound {
                    parent: parent_name,
                    bound: s
                        .partbound
                        .as_ref()
                        .map(partition_bound)
                        .unwrap_or_default(),
                });
            }
        }
    }
    let mut sequences = Vec::new();
    for elt in &s.table_elts {
        match elt.node.as_ref() {
            // A column restated in an inheriting table merges with the inherited one.
            Some(N::ColumnDef(cd))
                if !table.inherits.is_empty() && table.column(&cd.colname).is_some() =>
            {
                column_constraints_only(cx, &mut table, cd)?;
            }
            Some(N::ColumnDef(cd)) => {
                if let Some(seq) = column(cx, &mut table, cd)? {
                    sequences.push(seq);
                }
            }
            Some(N::Constraint(c)) => add_constraint(cx, &mut table, c, Scope::Table)?,
            Some(N::TableLikeClause(_)) => {
                return Err(cx.err(
                    -1,
                    "CREATE TABLE ... (LIKE ...) is not supported: write the columns out",
                ));
            }
            _ => {}
        }
    }
    // PostgreSQL ignores NOT VALID in CREATE TABLE: a new table has no rows to leave unchecked.
    table.checks.iter_mut().for_each(|c| c.not_valid = false);
    table
        .foreign_keys
        .iter_mut()
        .for_each(|fk| fk.not_valid = false);
    if let Some(spec) = s.partspec.as_ref() {
        table.partition_by = Some(partition_by(spec));
    }
    let at = cx.at(relation.location);
    cx.b.add_table(table, at)?;
    for seq in sequences {
        let name = seq.name.to_string();
        cx.b.add(|s| &mut s.sequences, "sequence", &name, seq, at)?;
    }
    Ok(())
}

/// Adds a column definition to `table` (CREATE TABLE or ALTER TABLE ADD COLUMN). A `serial` column hands back the
/// sequence it owns, for the caller to add once the table is in the model.
pub fn column(
    cx: &mut Ctx,
    table: &mut Table,
    cd: &protobuf::ColumnDef,
) -> Result<Option<Sequence>, Diagnostic> {
    let Some(type_name) = cd.type_name.as_ref() else {
        // `PARTITION OF` may restate a column only to add constraints to it.
        return column_constraints_only(cx, table, cd).map(|_| None);
    };
    if table.column(&cd.colname).is_some() {
        return Err(cx.err(
            cd.location,
            format!(
                "column \"{}\" is specified more than once in table \"{}\"",
                cd.colname, table.name
            ),
        ));
    }
    let resolved = types::resolve(type_name);
    let mut col = Column::new(cd.colname.clone(), resolved.data_type);
    col.renamed_from = cx.renamed_from(cd.location);
    if let Some(coll) = cd.coll_clause.as_ref() {
        col.collation = Some(collation_name(&strings(&coll.collname)));
    }
    let mut sequence = None;
    if resolved.serial {
        let seq_name = naming::object_name(&table.name.name, Some(&cd.colname), "seq");
        let mut seq = Sequence::new(flash_core::QualName::new(
            table.name.schema.clone(),
            seq_name,
        ));
        if col.data_type.name != "bigint" {
            seq.options.data_type = Some(col.data_type.clone());
        }
        seq.owned_by = Some(SequenceOwner {
            table: table.name.clone(),
            column: cd.colname.clone(),
        });
        col.nullable = false;
        col.default = Some(format!(
            "nextval('{}'::regclass)",
            seq.name
                .display(flash_core::Dialect::Postgres)
                .replace('\'', "''")
        ));
        sequence = Some(seq);
    }
    if cd.is_not_null {
        col.nullable = false;
    }
    table.columns.push(col);
    column_constraints(cx, table, cd)?;
    Ok(sequence)
}

fn column_constraints_only(
    cx: &mut Ctx,
    table: &mut Table,
    cd: &protobuf::ColumnDef,
) -> Result<(), Diagnostic> {
    if table.column(&cd.colname).is_none() {
        return Err(cx.err(
            cd.location,
            format!(
                "column \"{}\" does not exist in table \"{}\"",
                cd.colname, table.name
            ),
        ));
    }
    column_constraints(cx, table, cd)
}

fn column_constraints(
    cx: &mut Ctx,
    table: &mut Table,
    cd: &protobuf::ColumnDef,
) -> Result<(), Diagnostic> {
    let name = cd.colname.as_str();
    for node in &cd.constraints {
        let Some(N::Constraint(c)) = node.node.as_ref() else {
            continue;
        };
        let Some(col) = table.column_mut(name) else {
            continue;
        };
        match constr_type(c) {
            ConstrType::ConstrNull => col.nullable = true,
            ConstrType::ConstrNotnull => col.nullable = false,
            // `DEFAULT NULL` is what a column without a default has.
            ConstrType::ConstrDefault => {
                col.default = c
                    .raw_expr
                    .as_deref()
                    .map(deparse_expr)
                    .filter(|d| d != "NULL")
            }
            ConstrType::ConstrIdentity => {
                col.nullable = false;
                let options =
                    sequence_options(&c.options).without_postgres_defaults(&col.data_type.name);
                col.identity = Some(Identity {
                    always: c.generated_when == "a",
                    options,
                });
            }
            ConstrType::ConstrGenerated => {
                col.generated = c.raw_expr.as_deref().map(|e| Generated {
                    expr: deparse_expr(e),
                    stored: c.generated_kind != "v",
                });
            }
            _ => add_constraint(cx, table, c, Scope::Column(name))?,
        }
    }
    Ok(())
}

/// `COLLATE "C"` and `COLLATE pg_catalog."C"` are the same collation.
pub fn collation_name(parts: &[String]) -> String {
    match parts {
        [schema, name] if schema == "pg_catalog" => name.clone(),
        _ => parts.join("."),
    }
}

fn partition_by(spec: &protobuf::PartitionSpec) -> PartitionBy {
    let strategy =
        match PartitionStrategy::try_from(spec.strategy).unwrap_or(PartitionStrategy::Undefined) {
            PartitionStrategy::List => "list",
            PartitionStrategy::Hash => "hash",
            _ => "range",
        };
    let keys = spec
        .part_params
        .iter()
        .filter_map(|p| match p.node.as_ref() {
            Some(N::PartitionElem(e)) => Some(match e.expr.as_deref() {
                Some(expr) => format!("({})", deparse_expr(expr)),
                None => e.name.clone(),
            }),
            _ => None,
        })
        .collect();
    PartitionBy {
        strategy: strategy.into(),
        keys,
    }
}

/// The bound of a partition as `pg_get_expr(relpartbound)` prints it.
pub fn partition_bound(b: &protobuf::PartitionBoundSpec) -> String {
    if b.is_default {
        return "DEFAULT".into();
    }
    let list = |nodes: &[pg_query::Node]| {
        nodes
            .iter()
            .map(deparse_expr)
            .collect::<Vec<_>>()
            .join(", ")
    };
    match b.strategy.as_str() {
        "l" => format!("FOR VALUES IN ({})", list(&b.listdatums)),
        "h" => format!(
            "FOR VALUES WITH (modulus {}, remainder {})",
            b.modulus, b.remainder
        ),
        _ => format!(
            "FOR VALUES FROM ({}) TO ({})",
            list(&b.lowerdatums),
            list(&b.upperdatums)
        ),
    }
}

/// `WITH (key = value, ...)` options as text; a bare `WITH (security_barrier)` means true.
pub fn with_options(nodes: &[pg_query::Node]) -> impl Iterator<Item = (String, String)> + '_ {
    nodes.iter().filter_map(|opt| match opt.node.as_ref() {
        Some(N::DefElem(d)) => Some((
            d.defname.clone(),
            d.arg
                .as_deref()
                .map(def_value)
                .unwrap_or_else(|| "true".into()),
        )),
        _ => None,
    })
}

/// A storage parameter or option value as text.
pub fn def_value(node: &pg_query::Node) -> String {
    match node.node.as_ref() {
        Some(N::String(s)) => s.sval.clone(),
        Some(N::Integer(i)) => i.ival.to_string(),
        Some(N::Float(f)) => f.fval.clone(),
        Some(N::Boolean(b)) => b.boolval.to_string(),
        Some(N::TypeName(t)) => types::type_text(t),
        Some(N::List(l)) => strings(&l.items).join("."),
        _ => deparse_expr(node),
    }
}
