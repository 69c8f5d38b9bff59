//! `COMMENT ON ...`: comments live on the objects they describe.

use flash_core::{Diagnostic, Namespace, QualName, RoutineKey};
use pg_query::protobuf::{self, node::Node as N, ObjectType as O};

use super::context::Ctx;
use super::names::{qualified, strings};
use super::types::routine_type_text;

pub fn comment_on(cx: &mut Ctx, s: &protobuf::CommentStmt) -> Result<(), Diagnostic> {
    let comment = (!s.comment.is_empty()).then(|| s.comment.clone());
    let Some(object) = s.object.as_deref().and_then(|o| o.node.as_ref()) else {
        return Ok(());
    };
    let list = || match object {
        N::List(l) => strings(&l.items),
        N::String(s) => vec![s.sval.clone()],
        _ => Vec::new(),
    };
    let name_of = |parts: &[String]| match parts {
        [name] => Some(QualName::new("public", name.as_str())),
        [.., schema, name] => Some(QualName::new(schema.as_str(), name.as_str())),
        [] => None,
    };
    let missing = |cx: &Ctx, what: &str, name: &dyn std::fmt::Display| {
        cx.err(-1, format!("{what} \"{name}\" does not exist"))
    };
    let kind = O::try_from(s.objtype).unwrap_or(O::Undefined);
    let schema = &mut cx.b.schema;
    let found = match kind {
        O::ObjectTable | O::ObjectForeignTable => {
            let Some(name) = name_of(&list()) else {
                return Ok(());
            };
            let key = cx.b.find_table(&name);
            match key.and_then(|k| cx.b.schema.tables.get_mut(&k)) {
                Some(t) => {
                    t.comment = comment;
                    true
                }
                None => return Err(missing(cx, "table", &name)),
            }
        }
        O::ObjectColumn => {
            let parts = list();
            let Some((column, table_parts)) = parts.split_last() else {
                return Ok(());
            };
            let Some(name) = name_of(table_parts) else {
                return Ok(());
            };
            if let Some(t) =
                cx.b.find_table(&name)
                    .and_then(|k| cx.b.schema.tables.get_mut(&k))
            {
                match t.column_mut(column) {
                    Some(c) => c.comment = comment,
                    None => {
                        return Err(cx.err(
                            -1,
                            format!("column \"{column}\" does not exist in table \"{name}\""),
                        ))
                    }
                }
                true
            } else if let Some(v) = cx.b.schema.views.get_mut(&name) {
                set_or_remove(&mut v.column_comments, column, comment);
                true
            } else if let Some(v) = cx.b.schema.materialized_views.get_mut(&name) {
                set_or_remove(&mut v.column_comments, column, comment);
                true
            } else {
                return Err(missing(cx, "table", &name));
            }
        }
        O::ObjectView => name_of(&list())
            .and_then(|n| schema.views.get_mut(&n))
            .map(|v| v.comment = comment)
            .is_some(),
        O::ObjectMatview => name_of(&list())
            .and_then(|n| schema.materialized_views.get_mut(&n))
            .map(|v| v.comment = comment)
            .is_some(),
        O::ObjectSequence => name_of(&list())
            .and_then(|n| schema.sequences.get_mut(&n))
            .map(|v| v.comment = comment)
            .is_some(),
        O::ObjectIndex => {
            let Some(name) = name_of(&list()) else {
                return Ok(());
            };
            schema
                .indexes
                .iter_mut()
                .find(|i| i.table.schema == name.schema && i.name == name.name)
                .map(|i| i.comment = comment)
                .is_some()
        }
        O::ObjectSchema => {
            let name = list().join(".");
            match schema.namespaces.get_mut(&name) {
                Some(n) => {
                    n.comment = comment;
                    true
                }
                // `public` is in every database without being declared: the files may still comment on it.
                None if name == "public" => {
                    schema.namespaces.insert(Namespace {
                        comment,
                        ..Namespace::postgres_public()
                    });
                    true
                }
                None => false,
            }
        }
        O::ObjectExtension => schema
            .extensions
            .get_mut(&list().join("."))
            .map(|e| e.comment = comment)
            .is_some(),
        O::ObjectType | O::ObjectDomain => {
            let name = match object {
                N::TypeName(t) => qualified(&t.names),
                _ => name_of(&list()),
            };
            let Some(name) = name else { return Ok(()) };
            if let Some(e) = schema.enums.get_mut(&name) {
                e.comment = comment;
                true
            } else if let Some(d) = schema.domains.get_mut(&name) {
                d.comment = comment;
                true
            } else if let Some(c) = schema.composite_types.get_mut(&name) {
                c.comment = comment;
                true
            } else if let Some(r) = schema.range_types.get_mut(&name) {
                r.comment = comment;
                true
            } else {
                false
            }
        }
        O::ObjectFunction | O::ObjectProcedure | O::ObjectRoutine => {
            let N::ObjectWithArgs(owa) = object else {
                return Ok(());
            };
            let Some(key) = routine_key(owa) else {
                return Ok(());
            };
            match schema.routines.get_mut(&key) {
                Some(r) => {
                    r.comment = comment;
                    true
                }
                None => {
                    return Err(cx.err(
                        -1,
                        format!(
                            "function \"{}({})\" does not exist",
                            key.name, key.arg_types
                        ),
                    ))
                }
            }
        }
        O::ObjectTabconstraint => {
            let parts = list();
            let Some((constraint, table_parts)) = parts.split_last() else {
                return Ok(());
            };
            let Some(name) = name_of(table_parts) else {
                return Ok(());
            };
            match cx
                .b
                .find_table(&name)
                .and_then(|k| cx.b.schema.tables.get_mut(&k))
            {
                Some(t) if t.constraint_names().any(|n| n == constraint) => {
                    set_or_remove(&mut t.constraint_comments, constraint, comment);
                    true
                }
                _ => false,
            }
        }
        O::ObjectTrigger => {
            let parts = list();
            let Some((trigger, table_parts)) = parts.split_last() else {
                return Ok(());
            };
            let Some(table) = name_of(table_parts) else {
                return Ok(());
            };
            let key = flash_core::TriggerKey {
                table,
                name: trigger.clone(),
            };
            schema
                .triggers
                .get_mut(&key)
                .map(|t| t.comment = comment)
                .is_some()
        }
        O::ObjectPolicy => {
            let parts = list();
            let Some((policy, table_parts)) = parts.split_last() else {
                return Ok(());
            };
            let Some(table) = name_of(table_parts) else {
                return Ok(());
            };
            let key = flash_core::PolicyKey {
                table,
                name: policy.clone(),
            };
            schema
                .policies
                .get_mut(&key)
                .map(|p| p.comment = comment)
                .is_some()
        }
        O::ObjectRule => {
            let parts = list();
            let Some((rule, table_parts)) = parts.split_last() else {
                return Ok(());
            };
            let Some(table) = name_of(table_parts) else {
                return Ok(());
            };
            let key = flash_core::RuleKey {
                table,
                name: rule.clone(),
            };
            schema
                .rules
                .get_mut(&key)
                .map(|r| r.comment = comment)
                .is_some()
        }
        // Comments on databases, roles and other objects outside the model are not schema.
        _ => return Ok(()),
    };
    if found {
        Ok(())
    } else {
        Err(cx.err(
            -1,
            "COMMENT ON names an object that is not defined in the schema files",
        ))
    }
}

fn set_or_remove(
    map: &mut std::collections::BTreeMap<String, String>,
    key: &str,
    value: Option<String>,
) {
    match value {
        Some(v) => {
            map.insert(key.to_string(), v);
        }
        None => {
            map.remove(key);
        }
    }
}

/// The routine an `ObjectWithArgs` names (`f(integer, text)`).
pub fn routine_key(owa: &protobuf::ObjectWithArgs) -> Option<RoutineKey> {
    let name = qualified(&owa.objname)?;
    let arg_types = owa
        .objargs
        .iter()
        .filter_map(|a| match a.node.as_ref() {
            Some(N::TypeName(t)) => Some(routine_type_text(t)),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(", ");
    Some(RoutineKey { name, arg_types })
}
