//! `GRANT` and `REVOKE` on objects: the model keeps the set of grants that results.

use flash_core::{postgres_privileges, postgres_public_defaults, Diagnostic, Grant, RoutineKind};
use pg_query::protobuf::{self, node::Node as N, GrantTargetType, ObjectType as O};

use super::comment::routine_key;
use super::context::Ctx;
use super::names::{qualified, range_var, role, strings};

pub fn grant(cx: &mut Ctx, s: &protobuf::GrantStmt) -> Result<(), Diagnostic> {
    if GrantTargetType::try_from(s.targtype) != Ok(GrantTargetType::AclTargetObject) {
        return Err(cx.err(
            -1,
            "GRANT ... ON ALL ... IN SCHEMA is not modelled: grant on each object",
        ));
    }
    let kind = match O::try_from(s.objtype).unwrap_or(O::Undefined) {
        O::ObjectTable => "table",
        O::ObjectSequence => "sequence",
        O::ObjectFunction => "function",
        O::ObjectProcedure => "procedure",
        O::ObjectRoutine => "routine",
        O::ObjectSchema => "schema",
        O::ObjectType | O::ObjectDomain => "type",
        O::ObjectDatabase => "database",
        O::ObjectLanguage => "language",
        // Grants on servers, tablespaces and the like are outside the schema.
        _ => return Ok(()),
    };
    let mut objects: Vec<(&str, String)> = Vec::new();
    for obj in &s.objects {
        let name = match obj.node.as_ref() {
            Some(N::RangeVar(rv)) => {
                let name = range_var(rv);
                let known = cx.b.find_table(&name).is_some()
                    || cx.b.schema.views.contains_key(&name)
                    || cx.b.schema.materialized_views.contains_key(&name)
                    || cx.b.schema.sequences.contains_key(&name);
                if !known {
                    return Err(cx.err(rv.location, format!("{kind} \"{name}\" does not exist")));
                }
                name.to_string()
            }
            Some(N::ObjectWithArgs(owa)) => match routine_key(owa) {
                Some(key) => {
                    // `ON ROUTINE` names a function or a procedure; the catalog says which.
                    let routine = cx.b.schema.routines.get(&key).map(|r| match r.kind {
                        RoutineKind::Function => "function",
                        RoutineKind::Procedure => "procedure",
                    });
                    objects.push((
                        routine.filter(|_| kind == "routine").unwrap_or(kind),
                        format!("{}({})", key.name, key.arg_types),
                    ));
                    continue;
                }
                None => continue,
            },
            Some(N::String(s)) => s.sval.clone(),
            Some(N::List(l)) => match qualified(&l.items) {
                Some(q) => q.to_string(),
                None => strings(&l.items).join("."),
            },
            Some(N::TypeName(t)) => qualified(&t.names)
                .map(|q| q.to_string())
                .unwrap_or_default(),
            _ => continue,
        };
        objects.push((kind, name));
    }
    let mut privileges: Vec<(String, Vec<String>)> = s
        .privileges
        .iter()
        .filter_map(|p| match p.node.as_ref() {
            Some(N::AccessPriv(a)) => Some((a.priv_name.to_uppercase(), strings(&a.cols))),
            _ => None,
        })
        .collect();
    if privileges.is_empty() {
        privileges.push(("ALL".into(), Vec::new()));
    }
    let grantees: Vec<String> = s.grantees.iter().filter_map(role).collect();
    for (kind, object) in &objects {
        for (privilege, columns) in &privileges {
            for grantee in &grantees {
                let grant = Grant {
                    object_kind: kind.to_string(),
                    object: object.clone(),
                    privilege: privilege.clone(),
                    columns: columns.clone(),
                    grantee: grantee.clone(),
                    with_grant_option: s.grant_option,
                    revoked: false,
                };
                let grants = &mut cx.b.schema.grants;
                public_default(grants, &grant, s.is_grant);
                if s.is_grant {
                    grants.push(grant);
                } else {
                    revoke(grants, &grant, s.grant_option);
                }
            }
        }
    }
    Ok(())
}

/// What `REVOKE` takes away, as PostgreSQL does it: a table privilege goes with the same privilege on every column;
/// a column privilege goes from the columns named only (the table-level privilege and the other columns keep it);
/// `REVOKE GRANT OPTION FOR` leaves the privilege and takes only the right to grant it on.
fn revoke(grants: &mut Vec<Grant>, revoked: &Grant, option_only: bool) {
    // `ALL` (and `ALL (columns)`, whose privilege name is empty) stands for every privilege.
    let all = revoked.privilege == "ALL" || revoked.privilege.is_empty();
    if !all && revoked.columns.is_empty() {
        expand_all(grants, revoked);
    }
    let touched = |g: &Grant| {
        g.object_kind == revoked.object_kind
            && g.object == revoked.object
            && g.grantee == revoked.grantee
            && !g.revoked
            && (all || g.privilege == revoked.privilege)
            && (revoked.columns.is_empty() || !g.columns.is_empty())
    };
    let mut kept = Vec::with_capacity(grants.len());
    for mut g in grants.drain(..) {
        // A grant without the option keeps all of itself when only the option is revoked.
        if !touched(&g) || (option_only && !g.with_grant_option) {
            kept.push(g);
            continue;
        }
        // The part of `g` the revoke names: all of it, or (a column revoke) its columns among those named.
        let (named, others): (Vec<String>, Vec<String>) = if revoked.columns.is_empty() {
            (g.columns.clone(), Vec::new())
        } else {
            g.columns
                .iter()
                .cloned()
                .partition(|c| revoked.columns.contains(c))
        };
        if !revoked.columns.is_empty() && named.is_empty() {
            kept.push(g);
            continue;
        }
        if option_only {
            kept.push(Grant {
                columns: named,
                with_grant_option: false,
                ..g.clone()
            });
        }
        if !others.is_empty() {
            g.columns = others;
            kept.push(g);
        }
    }
    *grants = kept;
}

/// A GRANT or REVOKE to PUBLIC of what PUBLIC holds on every new object of the kind (EXECUTE on a function):
/// a revoke is recorded as the default revoked, a grant gives the default back.
fn public_default(grants: &mut Vec<Grant>, grant: &Grant, is_grant: bool) {
    if grant.grantee != "public" || !grant.columns.is_empty() {
        return;
    }
    let defaults = postgres_public_defaults(&grant.object_kind);
    let touched = defaults
        .iter()
        .filter(|p| grant.privilege == "ALL" || grant.privilege == **p);
    for privilege in touched {
        let revoked = Grant {
            privilege: privilege.to_string(),
            with_grant_option: false,
            revoked: true,
            ..grant.clone()
        };
        grants.retain(|g| *g != revoked);
        // `REVOKE GRANT OPTION FOR` leaves the privilege itself (PUBLIC never holds the option).
        if !is_grant && !grant.with_grant_option {
            grants.push(revoked);
        }
    }
}

/// Before one privilege is revoked from a grantee holding `ALL`, `ALL` becomes the privileges it stands for, so the
/// others stay granted.
fn expand_all(grants: &mut Vec<Grant>, revoked: &Grant) {
    let Some(every) = postgres_privileges(&revoked.object_kind) else {
        return;
    };
    let holds_all = |g: &Grant| {
        g.privilege == "ALL"
            && g.columns.is_empty()
            && g.object_kind == revoked.object_kind
            && g.object == revoked.object
            && g.grantee == revoked.grantee
    };
    let Some(at) = grants.iter().position(holds_all) else {
        return;
    };
    let all = grants.remove(at);
    grants.extend(every.iter().map(|p| Grant {
        privilege: p.to_string(),
        ..all.clone()
    }));
}
