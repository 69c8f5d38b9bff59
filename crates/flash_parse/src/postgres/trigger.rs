//! `CREATE TRIGGER` and `CREATE POLICY`: objects that hang off a table.

use flash_core::{postgres_trigger_type, Diagnostic, Policy, QualName, Trigger, TriggerEnabled};
use pg_query::protobuf::{self, node::Node as N, AlterTableType as At};

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
        enabled: TriggerEnabled::Origin,
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

/// `ALTER TABLE t ENABLE [REPLICA | ALWAYS] TRIGGER name` and `DISABLE TRIGGER name`, or `USER` for every trigger
/// of the table defined so far. `DISABLE TRIGGER ALL` also stops the foreign keys' internal triggers, which the
/// model does not hold, so it is refused; `ENABLE TRIGGER ALL` is `USER` here, those being enabled already.
pub fn set_trigger_enabled(
    cx: &mut Ctx,
    table: &QualName,
    cmd: &protobuf::AlterTableCmd,
) -> Result<(), Diagnostic> {
    let (enabled, every) = match At::try_from(cmd.subtype).unwrap_or(At::Undefined) {
        At::AtEnableTrig => (TriggerEnabled::Origin, false),
        At::AtEnableReplicaTrig => (TriggerEnabled::Replica, false),
        At::AtEnableAlwaysTrig => (TriggerEnabled::Always, false),
        At::AtDisableTrig => (TriggerEnabled::Disabled, false),
        At::AtEnableTrigAll | At::AtEnableTrigUser => (TriggerEnabled::Origin, true),
        At::AtDisableTrigUser => (TriggerEnabled::Disabled, true),
        _ => {
            return Err(cx.err(
                -1,
                "DISABLE TRIGGER ALL also disables the foreign keys' triggers, which Flash does not model: \
                 disable each trigger by name, or USER",
            ))
        }
    };
    if every {
        cx.b.schema
            .triggers
            .iter_mut()
            .filter(|t| t.table == *table)
            .for_each(|t| t.enabled = enabled);
        return Ok(());
    }
    let key = flash_core::TriggerKey {
        table: table.clone(),
        name: cmd.name.clone(),
    };
    match cx.b.schema.triggers.get_mut(&key) {
        Some(t) => {
            t.enabled = enabled;
            Ok(())
        }
        None => Err(cx.err(
            -1,
            format!(
                "trigger \"{}\" for table \"{}\" does not exist",
                cmd.name,
                short(table)
            ),
        )),
    }
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
