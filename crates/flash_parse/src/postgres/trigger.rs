//! `CREATE TRIGGER` and `CREATE POLICY`: objects that hang off a table.

use flash_core::{postgres_trigger_type, Diagnostic, Policy, Trigger};
use pg_query::protobuf::{self, node::Node as N};

use super::context::Ctx;
use super::expr::deparse_expr;
use super::names::{qualified, range_var, role, short, strings};

pub fn create_trigger(cx: &mut Ctx, s: &protobuf::CreateTrigStmt) -> Result<(), Diagnostic> {
    let Some(rv) = s.relation.as_ref() else {
        return Ok(());
    };
    let table = range_var(rv);
    let at = cx.at(rv.location);
    let is_view = cx.b.schema.views.contains_key(&table);
    let table = match cx.b.find_table(&table) {
        Some(t) => t,
        None if is_view => table,
        None => return Err(cx.b.error(at, format!("table \"{table}\" does not exist"))),
    };
    let (timing, events, row) = postgres_trigger_type(s.timing, s.events);
    let function = qualified(&s.funcname).map(|f| {
        let args: Vec<String> = strings(&s.args)
            .iter()
            .map(|a| format!("'{}'", a.replace('\'', "''")))
            .collect();
        format!("{}.{}({})", f.schema, f.name, args.join(", "))
    });
    let mut trigger = Trigger {
        name: s.trigname.clone(),
        table: table.clone(),
        timing: timing.into(),
        events,
        update_columns: strings(&s.columns),
        for_each_row: s.row || row,
        when: s.when_clause.as_deref().map(deparse_expr),
        function,
        body: None,
        options: Default::default(),
        comment: None,
    };
    if s.isconstraint {
        trigger.options.insert("constraint".into(), "true".into());
    }
    if s.deferrable {
        trigger.options.insert("deferrable".into(), "true".into());
    }
    if s.initdeferred {
        trigger
            .options
            .insert("initially_deferred".into(), "true".into());
    }
    for t in &s.transition_rels {
        if let Some(N::TriggerTransition(tt)) = t.node.as_ref() {
            let key = if tt.is_new {
                "referencing_new"
            } else {
                "referencing_old"
            };
            trigger.options.insert(key.into(), tt.name.clone());
        }
    }
    let display = format!("{} on {}", s.trigname, short(&table));
    cx.b.add(|s| &mut s.triggers, "trigger", &display, trigger, at)
}

pub fn create_policy(cx: &mut Ctx, s: &protobuf::CreatePolicyStmt) -> Result<(), Diagnostic> {
    let Some(rv) = s.table.as_ref() else {
        return Ok(());
    };
    let at = cx.at(rv.location);
    let wanted = range_var(rv);
    let Some(table) = cx.b.find_table(&wanted) else {
        return Err(cx.b.error(at, format!("table \"{wanted}\" does not exist")));
    };
    let mut roles: Vec<String> = s.roles.iter().filter_map(role).collect();
    if roles.is_empty() {
        roles.push("public".into());
    }
    roles.sort();
    let policy = Policy {
        name: s.policy_name.clone(),
        table: table.clone(),
        permissive: s.permissive,
        command: s.cmd_name.to_uppercase(),
        roles,
        using: s.qual.as_deref().map(deparse_expr),
        with_check: s.with_check.as_deref().map(deparse_expr),
        comment: None,
    };
    let display = format!("{} on {}", s.policy_name, short(&table));
    cx.b.add(|s| &mut s.policies, "policy", &display, policy, at)
}
