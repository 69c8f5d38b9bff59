//! `CREATE [TEMP] VIEW [(columns)] AS query` into [`View`], the query printed by sqlparser.

use flash_core::{Diagnostic, View};
use sqlparser::ast::Statement as Ast;

use super::names::{check_name_free, qual_name};
use super::split::Statement;
use super::sql::StmtText;
use super::Cx;

pub fn create_view(cx: &mut Cx<'_>, stmt: &Statement) -> Result<(), Diagnostic> {
    let st = StmtText {
        file: cx.source,
        start: stmt.start,
        text: stmt.text(&cx.source.text),
    };
    let Ast::CreateView(cv) = st.parse()? else {
        return Err(st.error(stmt.start, "expected CREATE VIEW"));
    };
    if cv.materialized {
        return Err(st.error(stmt.start, "SQLite has no materialized views"));
    }
    let name = qual_name(
        &st,
        &cv.name,
        if cv.temporary {
            "temp"
        } else {
            cx.default_schema
        },
    )?;
    let at = st.name_offset(&cv.name);
    check_name_free(cx, true, &name, at)?;
    let view = View {
        name: name.clone(),
        columns: cv.columns.iter().map(|c| c.name.value.clone()).collect(),
        query: cv.query.to_string(),
        options: Default::default(),
        comment: None,
        column_comments: Default::default(),
    };
    let origin = cx.builder.origin(cx.file, at);
    cx.builder
        .add(|s| &mut s.views, "view", &name.to_string(), view, origin)
}
