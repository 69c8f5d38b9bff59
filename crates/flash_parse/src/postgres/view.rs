//! `CREATE VIEW` and `CREATE MATERIALIZED VIEW`.

use flash_core::{Diagnostic, MaterializedView, View};
use pg_query::protobuf::{self, ObjectType, ViewCheckOption};

use super::context::Ctx;
use super::expr::deparse_stmt;
use super::names::{range_var, strings};
use super::table::with_options;

pub fn create_view(cx: &mut Ctx, s: &protobuf::ViewStmt) -> Result<(), Diagnostic> {
    let Some(rv) = s.view.as_ref() else {
        return Ok(());
    };
    let name = range_var(rv);
    let query = query_text(s.query.as_deref());
    let mut view = View {
        name: name.clone(),
        columns: strings(&s.aliases),
        query,
        options: Default::default(),
        comment: None,
        column_comments: Default::default(),
    };
    view.options.extend(with_options(&s.options));
    match ViewCheckOption::try_from(s.with_check_option) {
        Ok(ViewCheckOption::LocalCheckOption) => {
            view.options.insert("check_option".into(), "local".into());
        }
        Ok(ViewCheckOption::CascadedCheckOption) => {
            view.options
                .insert("check_option".into(), "cascaded".into());
        }
        _ => {}
    }
    let display = name.to_string();
    let at = cx.at(rv.location);
    if s.replace && cx.b.schema.views.contains_key(&name) {
        cx.b.schema.views.insert(view);
        return Ok(());
    }
    cx.b.add(|s| &mut s.views, "view", &display, view, at)
}

/// `CREATE MATERIALIZED VIEW` arrives as CREATE TABLE AS; a plain `CREATE TABLE ... AS SELECT` has no columns the
/// model could know without running it, so it is refused.
pub fn create_table_as(cx: &mut Ctx, s: &protobuf::CreateTableAsStmt) -> Result<(), Diagnostic> {
    let Some(into) = s.into.as_deref() else {
        return Ok(());
    };
    let Some(rv) = into.rel.as_ref() else {
        return Ok(());
    };
    if ObjectType::try_from(s.objtype) != Ok(ObjectType::ObjectMatview) {
        return Err(cx.err(
            rv.location,
            "CREATE TABLE ... AS is not supported in schema files: declare the columns",
        ));
    }
    let name = range_var(rv);
    let query = query_text(s.query.as_deref());
    let mut mv = MaterializedView {
        name: name.clone(),
        columns: strings(&into.col_names),
        query,
        with_data: !into.skip_data,
        options: Default::default(),
        comment: None,
        column_comments: Default::default(),
    };
    mv.options.extend(with_options(&into.options));
    let display = name.to_string();
    let at = cx.at(rv.location);
    cx.b.add(
        |s| &mut s.materialized_views,
        "materialized view",
        &display,
        mv,
        at,
    )
}

/// A view's defining query in canonical printed form.
fn query_text(query: Option<&pg_query::Node>) -> String {
    query
        .and_then(|q| q.node.clone())
        .map(deparse_stmt)
        .unwrap_or_default()
}
