//! `CREATE [OR REPLACE] [ALGORITHM=...] [DEFINER=...] [SQL SECURITY ...] VIEW`.

use flash_core::{Diagnostic, View};
use sqlparser::ast::{CreateView, CreateViewAlgorithm, CreateViewSecurity};

use super::ctx::{ident_offset, qual_name, Ctx};
use super::tokens::Stmt;

pub fn create_view(cx: &mut Ctx<'_>, stmt: &Stmt<'_>, cv: &CreateView) -> Result<(), Diagnostic> {
    if cv.materialized {
        return Err(cx.err(stmt.start(), "MySQL has no materialized views"));
    }
    let name = qual_name(cx, stmt, &cv.name)?;
    let at = cv
        .name
        .0
        .first()
        .and_then(|p| p.as_ident())
        .map_or(stmt.start(), |i| ident_offset(stmt, i));
    let mut view = View {
        name: name.clone(),
        columns: cv.columns.iter().map(|c| c.name.value.clone()).collect(),
        query: cv.query.to_string(),
        options: Default::default(),
        comment: None,
        column_comments: Default::default(),
    };
    if let Some(params) = &cv.params {
        // UNDEFINED and DEFINER are what MySQL assumes when nothing is said.
        match params.algorithm {
            Some(CreateViewAlgorithm::Merge) => {
                view.options
                    .insert("algorithm".to_string(), "MERGE".to_string());
            }
            Some(CreateViewAlgorithm::TempTable) => {
                view.options
                    .insert("algorithm".to_string(), "TEMPTABLE".to_string());
            }
            Some(CreateViewAlgorithm::Undefined) | None => {}
        }
        if let Some(CreateViewSecurity::Invoker) = params.security {
            view.options
                .insert("sql_security".to_string(), "INVOKER".to_string());
        }
    }
    if cx.b.find_table(&name).is_some() {
        return Err(cx.err(at, format!("a table named \"{name}\" already exists")));
    }
    let key = name.to_string();
    if cv.or_replace && cx.b.schema.views.remove(&name).is_some() {
        cx.b.undefine("view", &key);
    }
    cx.b.add(|s| &mut s.views, "view", &key, view, cx.origin(at))
}
