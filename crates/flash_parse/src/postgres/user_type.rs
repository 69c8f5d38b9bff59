//! `CREATE TYPE ... AS ENUM`, `ALTER TYPE ... ADD VALUE`, `CREATE DOMAIN`, `CREATE TYPE ... AS (...)`,
//! `CREATE TYPE ... AS RANGE`.

use flash_core::{
    CompositeAttribute, CompositeType, Diagnostic, Domain, DomainCheck, EnumType, QualName,
    RangeType,
};
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

/// `CREATE TYPE name AS RANGE (subtype = ..., ...)`. What PostgreSQL would take by default is left out of the model,
/// as the inspector leaves it out.
pub fn create_range(cx: &mut Ctx, s: &protobuf::CreateRangeStmt) -> Result<(), Diagnostic> {
    let Some(name) = qualified(&s.type_name) else {
        return Ok(());
    };
    let mut subtype = None;
    let mut range = RangeType {
        name: name.clone(),
        subtype: flash_core::DataType::named(""),
        subtype_opclass: None,
        collation: None,
        canonical: None,
        subtype_diff: None,
        multirange_type_name: None,
        comment: None,
    };
    for param in &s.params {
        let Some(N::DefElem(d)) = param.node.as_ref() else {
            continue;
        };
        let arg = d.arg.as_deref();
        let parts = arg.map(def_name_parts).unwrap_or_default();
        match d.defname.as_str() {
            "subtype" => {
                subtype = match arg.and_then(|a| a.node.as_ref()) {
                    Some(N::TypeName(t)) => Some(types::resolve(t).data_type),
                    _ => None,
                }
            }
            "subtype_opclass" => range.subtype_opclass = Some(system_or_public(&parts)),
            "collation" => range.collation = Some(collation_name(&parts)),
            "canonical" => range.canonical = Some(system_or_public(&parts)),
            "subtype_diff" => range.subtype_diff = Some(system_or_public(&parts)),
            "multirange_type_name" => {
                let named = match parts.as_slice() {
                    [schema, multirange] => QualName::new(schema.as_str(), multirange.as_str()),
                    [multirange] => QualName::new(name.schema.clone(), multirange.as_str()),
                    _ => return Err(cx.err(d.location, "multirange_type_name is not a name")),
                };
                range.multirange_type_name =
                    (named != RangeType::default_multirange_name(&name)).then_some(named);
            }
            other => {
                return Err(cx.err(
                    d.location,
                    format!("type attribute \"{other}\" not recognized"),
                ))
            }
        }
    }
    let Some(subtype) = subtype else {
        return Err(cx.err(-1, "type attribute \"subtype\" is required"));
    };
    range.subtype = subtype;
    let display = name.to_string();
    let at = cx.at(-1);
    cx.b.add(|s| &mut s.range_types, "type", &display, range, at)
}

/// The name parts of a `DefElem` argument: `float8_ops`, `pg_catalog.float8mi`, `"C"`.
fn def_name_parts(node: &pg_query::Node) -> Vec<String> {
    match node.node.as_ref() {
        Some(N::TypeName(t)) => strings(&t.names),
        Some(N::List(l)) => strings(&l.items),
        Some(N::String(s)) => vec![s.sval.clone()],
        _ => Vec::new(),
    }
}

/// A function or operator class name as `regproc` prints it with `search_path` at `public`: unqualified in
/// `pg_catalog` and `public`.
fn system_or_public(parts: &[String]) -> String {
    match parts {
        [schema, name] if schema == "pg_catalog" || schema == "public" => name.clone(),
        _ => parts.join("."),
    }
}
