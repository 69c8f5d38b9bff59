//! `CREATE FUNCTION` and `CREATE PROCEDURE`.

use flash_core::{Diagnostic, Routine, RoutineArg, RoutineKind};
use pg_query::protobuf::{self, node::Node as N, FunctionParameterMode as Mode};

use super::context::Ctx;
use super::expr::{deparse_expr, deparse_stmt};
use super::names::{qualified, short, strings};
use super::table::def_value;
use super::types::routine_type_text;

pub fn create_routine(cx: &mut Ctx, s: &protobuf::CreateFunctionStmt) -> Result<(), Diagnostic> {
    let Some(name) = qualified(&s.funcname) else {
        return Ok(());
    };
    let mut args = Vec::new();
    let mut table_columns = Vec::new();
    for p in &s.parameters {
        let Some(N::FunctionParameter(fp)) = p.node.as_ref() else {
            continue;
        };
        let data_type = fp
            .arg_type
            .as_ref()
            .map(routine_type_text)
            .unwrap_or_default();
        let mode = match Mode::try_from(fp.mode).unwrap_or(Mode::Undefined) {
            Mode::FuncParamOut => Some("out"),
            Mode::FuncParamInout => Some("inout"),
            Mode::FuncParamVariadic => Some("variadic"),
            Mode::FuncParamTable => {
                table_columns.push(format!("{} {data_type}", fp.name));
                continue;
            }
            _ => None,
        };
        args.push(RoutineArg {
            mode: mode.map(str::to_string),
            name: (!fp.name.is_empty()).then(|| fp.name.clone()),
            data_type,
            default: fp.defexpr.as_deref().map(deparse_expr),
        });
    }
    let returns = if !table_columns.is_empty() {
        Some(format!("TABLE({})", table_columns.join(", ")))
    } else {
        s.return_type.as_ref().map(routine_type_text)
    };
    let mut routine = Routine {
        kind: if s.is_procedure {
            RoutineKind::Procedure
        } else {
            RoutineKind::Function
        },
        name: name.clone(),
        args,
        returns,
        language: "sql".into(),
        body: String::new(),
        attributes: Default::default(),
        comment: None,
    };
    for opt in &s.options {
        let Some(N::DefElem(d)) = opt.node.as_ref() else {
            continue;
        };
        let arg = d.arg.as_deref();
        let flag = || matches!(arg.and_then(|a| a.node.as_ref()), Some(N::Boolean(b)) if b.boolval);
        match d.defname.as_str() {
            "as" => {
                let parts = match arg.and_then(|a| a.node.as_ref()) {
                    Some(N::List(l)) => strings(&l.items),
                    Some(N::String(s)) => vec![s.sval.clone()],
                    _ => Vec::new(),
                };
                // Kept exactly as written: PostgreSQL stores the body verbatim (prosrc), white space included.
                routine.body = parts.join(", ");
            }
            "language" => routine.language = arg.map(def_value).unwrap_or_default().to_lowercase(),
            "volatility" => {
                let v = arg.map(def_value).unwrap_or_default();
                if v != "volatile" {
                    routine.attributes.insert("volatility".into(), v);
                }
            }
            "strict" if flag() => {
                routine.attributes.insert("strict".into(), "true".into());
            }
            "security" if flag() => {
                routine
                    .attributes
                    .insert("security".into(), "definer".into());
            }
            "leakproof" if flag() => {
                routine.attributes.insert("leakproof".into(), "true".into());
            }
            "parallel" => {
                let v = arg.map(def_value).unwrap_or_default();
                if v != "unsafe" {
                    routine.attributes.insert("parallel".into(), v);
                }
            }
            "cost" | "rows" => {
                routine
                    .attributes
                    .insert(d.defname.clone(), arg.map(def_value).unwrap_or_default());
            }
            "set" => {
                if let Some(N::VariableSetStmt(v)) = arg.and_then(|a| a.node.as_ref()) {
                    // PostgreSQL keeps the setting as the list of its values (`proconfig`), strings unquoted.
                    let value = v
                        .args
                        .iter()
                        .map(setting_value)
                        .collect::<Vec<_>>()
                        .join(", ");
                    routine.attributes.insert(format!("set.{}", v.name), value);
                }
            }
            _ => {}
        }
    }
    if let Some(body) = s.sql_body.as_deref().and_then(|b| b.node.as_ref()) {
        // SQL-standard bodies (`RETURN expr`, `BEGIN ATOMIC ... END`) are parsed SQL: keep their printed form.
        routine.body = match body {
            N::ReturnStmt(r) => format!(
                "RETURN {}",
                r.returnval.as_deref().map(deparse_expr).unwrap_or_default()
            ),
            N::List(l) => {
                let stmts: Vec<String> = l
                    .items
                    .iter()
                    .flat_map(|i| match i.node.as_ref() {
                        Some(N::List(inner)) => inner.items.clone(),
                        _ => vec![i.clone()],
                    })
                    .filter_map(|n| n.node.map(deparse_stmt))
                    .collect();
                format!("BEGIN ATOMIC {}; END", stmts.join("; "))
            }
            other => deparse_stmt(other.clone()),
        };
    }
    let routine = routine.without_postgres_defaults();
    let signature = format!("{}({})", short(&name), routine.arg_types());
    let at = cx.at(-1);
    let key = flash_core::object_map::Keyed::key(&routine);
    if s.replace && cx.b.schema.routines.contains_key(&key) {
        cx.b.schema.routines.insert(routine);
        return Ok(());
    }
    let kind = if s.is_procedure {
        "procedure"
    } else {
        "function"
    };
    cx.b.add(|s| &mut s.routines, kind, &signature, routine, at)
}

/// One value of `SET param = value, ...` as `proconfig` keeps it: a string or name without its quotes.
fn setting_value(node: &pg_query::Node) -> String {
    match node.node.as_ref() {
        Some(N::AConst(c)) => match c.val.as_ref() {
            Some(protobuf::a_const::Val::Sval(s)) => s.sval.clone(),
            Some(protobuf::a_const::Val::Ival(i)) => i.ival.to_string(),
            Some(protobuf::a_const::Val::Fval(f)) => f.fval.clone(),
            _ => def_value(node),
        },
        _ => def_value(node),
    }
}
