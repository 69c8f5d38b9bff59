//! `CREATE TYPE ... AS ENUM`, `ALTER TYPE ... ADD VALUE`, `CREATE DOMAIN`, `CREATE TYPE ... AS (...)`.

use flash_core::{CompositeAttribute, CompositeType, Diagnostic, Domain, DomainCheck, EnumType};
use pg_query::protobuf::{self, node::Node as N, ConstrType};

use super::constraint::constr_type;
use super::context::Ctx;
use super::expr::deparse_expr;
use super::names::{qualified, range_var, strings};
use super::table::collation_name;
use super::{naming, types};

pub fn create_enum(cx: &mut Ctx, s: &protobuf::CreateEnumStmt) -> Result<(), Diagnostic> {
    let Some(name) = qualified(&s.type_name) else {
        return Ok(());
    };
    let values = strings(&s.vals);
    for (i, v) in values.iter().enumerate() {
        if values[..i].contains(v) {
            return Err(cx.err(-1, format!("enum \"{name}\" lists the value \"{v}\" twice")));
        }
    }
    let display = name.to_string();
    let at = cx.at(-1);
    cx.b.add(
        |s| &mut s.enums,
        "type",
        &display,
        EnumType {
            name,
            values,
            comment: None,
        },
        at,
    )
}

pub fn alter_enum(cx: &mut Ctx, s: &protobuf::AlterEnumStmt) -> Result<(), Diagnostic> {
    let Some(name) = qualified(&s.type_name) else {
        return Ok(());
    };
    let at = cx.at(-1);
    let Some(e) = cx.b.schema.enums.get_mut(&name) else {
        return Err(cx.b.error(at, format!("type \"{name}\" does not exist")));
    };
    if !s.old_val.is_empty() {
        // RENAME VALUE old TO new
        match e.values.iter_mut().find(|v| **v == s.old_val) {
            Some(v) => *v = s.new_val.clone(),
            None => {
                return Err(cx.b.error(
                    at,
                    format!("\"{}\" is not a value of enum \"{name}\"", s.old_val),
                ))
            }
        }
        return Ok(());
    }
    if e.values.contains(&s.new_val) {
        if s.skip_if_new_val_exists {
            return Ok(());
        }
        return Err(cx.b.error(
            at,
            format!("enum \"{name}\" already has the value \"{}\"", s.new_val),
        ));
    }
    let position = if s.new_val_neighbor.is_empty() {
        e.values.len()
    } else {
        match e.values.iter().position(|v| *v == s.new_val_neighbor) {
            Some(i) if s.new_val_is_after => i + 1,
            Some(i) => i,
            None => {
                return Err(cx.b.error(
                    at,
                    format!(
                        "\"{}\" is not a value of enum \"{name}\"",
                        s.new_val_neighbor
                    ),
                ))
            }
        }
    };
    e.values.insert(position, s.new_val.clone());
    Ok(())
}

pub fn create_domain(cx: &mut Ctx, s: &protobuf::CreateDomainStmt) -> Result<(), Diagnostic> {
    let Some(name) = qualified(&s.domainname) else {
        return Ok(());
    };
    let Some(tn) = s.type_name.as_ref() else {
        return Ok(());
    };
    let mut domain = Domain {
        name: name.clone(),
        data_type: types::resolve(tn).data_type,
        default: None,
        not_null: false,
        collation: s
            .coll_clause
            .as_ref()
            .map(|c| collation_name(&strings(&c.collname))),
        checks: Vec::new(),
        comment: None,
    };
    for node in &s.constraints {
        let Some(N::Constraint(c)) = node.node.as_ref() else {
            continue;
        };
        match constr_type(c) {
            ConstrType::ConstrNotnull => domain.not_null = true,
            ConstrType::ConstrNull => domain.not_null = false,
            ConstrType::ConstrDefault => domain.default = c.raw_expr.as_deref().map(deparse_expr),
            ConstrType::ConstrCheck => {
                let taken = |n: &str| domain.checks.iter().any(|k| k.name.as_deref() == Some(n));
                let check_name = if c.conname.is_empty() {
                    naming::choose(&name.name, None, "check", taken)
                } else {
                    c.conname.clone()
                };
                let expr = c.raw_expr.as_deref().map(deparse_expr).unwrap_or_default();
                domain.checks.push(DomainCheck {
                    name: Some(check_name),
                    expr,
                });
            }
            _ => {}
        }
    }
    domain.checks.sort_by(|a, b| a.name.cmp(&b.name));
    let display = name.to_string();
    let at = cx.at(-1);
    cx.b.add(|s| &mut s.domains, "type", &display, domain, at)
}

pub fn create_composite(cx: &mut Ctx, s: &protobuf::CompositeTypeStmt) -> Result<(), Diagnostic> {
    let Some(rv) = s.typevar.as_ref() else {
        return Ok(());
    };
    let name = range_var(rv);
    let mut attributes: Vec<CompositeAttribute> = Vec::new();
    for node in &s.coldeflist {
        let Some(N::ColumnDef(cd)) = node.node.as_ref() else {
            continue;
        };
        let Some(tn) = cd.type_name.as_ref() else {
            continue;
        };
        if attributes.iter().any(|a| a.name == cd.colname) {
            return Err(cx.err(
                cd.location,
                format!("attribute \"{}\" is specified more than once", cd.colname),
            ));
        }
        attributes.push(CompositeAttribute {
            name: cd.colname.clone(),
            data_type: types::resolve(tn).data_type,
            collation: cd
                .coll_clause
                .as_ref()
                .map(|c| collation_name(&strings(&c.collname))),
        });
    }
    let display = name.to_string();
    let at = cx.at(rv.location);
    cx.b.add(
        |s| &mut s.composite_types,
        "type",
        &display,
        CompositeType {
            name,
            attributes,
            comment: None,
        },
        at,
    )
}
