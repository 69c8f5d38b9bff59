//! `CREATE RULE`: a rewrite rule on a table or view. Its condition and commands are kept as PostgreSQL's deparser
//! prints them, as a view's query is, so spacing and letter case in the file do not make a difference.

use flash_core::{Diagnostic, QualName, Rule};
use pg_query::protobuf::{self, CmdType};

use super::context::Ctx;
use super::expr::{deparse_expr, deparse_stmt};
use super::names::{range_var, short};

pub fn create_rule(cx: &mut Ctx, s: &protobuf::RuleStmt) -> Result<(), Diagnostic> {
    let Some(rv) = s.relation.as_ref() else {
        return Ok(());
    };
    let at = cx.at(rv.location);
    let wanted = range_var(rv);
    let on_view = cx.b.schema.views.contains_key(&wanted)
        || cx.b.schema.materialized_views.contains_key(&wanted);
    let table = match cx.b.find_table(&wanted) {
        Some(t) => t,
        None if on_view => wanted,
        None => return Err(cx.b.error(at, format!("table \"{wanted}\" does not exist"))),
    };
    let Some(rule) = rule(s, table.clone()) else {
        return Err(cx.err(
            rv.location,
            "a rule's event must be SELECT, INSERT, UPDATE or DELETE",
        ));
    };
    let display = format!("{} on {}", s.rulename, short(&table));
    if s.replace
        && cx
            .b
            .schema
            .rules
            .contains_key(&flash_core::object_map::Keyed::key(&rule))
    {
        cx.b.schema.rules.insert(rule);
        return Ok(());
    }
    cx.b.add(|s| &mut s.rules, "rule", &display, rule, at)
}

/// The rule a `CREATE RULE` statement defines, on `table`; `None` for an event a rule cannot have.
pub fn rule(s: &protobuf::RuleStmt, table: QualName) -> Option<Rule> {
    let event = match CmdType::try_from(s.event).ok()? {
        CmdType::CmdSelect => "SELECT",
        CmdType::CmdInsert => "INSERT",
        CmdType::CmdUpdate => "UPDATE",
        CmdType::CmdDelete => "DELETE",
        _ => return None,
    };
    Some(Rule {
        name: s.rulename.clone(),
        table,
        event: event.into(),
        instead: s.instead,
        where_clause: s.where_clause.as_deref().map(deparse_expr),
        actions: s
            .actions
            .iter()
            .filter_map(|a| a.node.clone())
            .map(deparse_stmt)
            .collect(),
        comment: None,
    })
}

/// The rule `pg_get_ruledef` printed, on `table` (which the inspector knows from the catalog): the live side read
/// through the same deparser as the files, so the two compare as text.
pub fn rule_from_definition(definition: &str, table: QualName) -> Option<Rule> {
    let parsed = super::libpg_query::parse(definition).ok()?;
    let stmt = parsed.stmts.first()?.stmt.as_ref()?.node.as_ref()?;
    match stmt {
        protobuf::node::Node::RuleStmt(s) => rule(s, table),
        _ => None,
    }
}
