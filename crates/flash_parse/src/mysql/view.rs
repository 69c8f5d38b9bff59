//! `CREATE [OR REPLACE] [ALGORITHM=...] [DEFINER=...] [SQL SECURITY ...] VIEW`.

use flash_core::{Diagnostic, View};
use sqlparser::ast::{CreateView, CreateViewAlgorithm, CreateViewSecurity};
use sqlparser::tokenizer::{Token, TokenWithSpan};

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
    if let Some((_, option)) = trailing_check_option(&stmt.tokens) {
        view.options
            .insert("check_option".to_string(), option.to_string());
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

/// A view's closing `WITH [CASCADED | LOCAL] CHECK OPTION` (mysqldump writes it in its own executable comment),
/// which sqlparser's MySQL dialect does not read: the index of its first token and the option, CASCADED being
/// MySQL's default.
pub fn trailing_check_option(tokens: &[TokenWithSpan]) -> Option<(usize, &'static str)> {
    // The last four tokens that are not white space or `;`, from the end; checked before anything else is looked
    // at, since nearly every statement ends otherwise.
    let mut last = tokens
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, t)| !matches!(t.token, Token::Whitespace(_) | Token::SemiColon));
    let mut word = || {
        last.next().map(|(i, t)| match &t.token {
            Token::Word(w) if w.quote_style.is_none() => (i, w.value.to_ascii_uppercase()),
            _ => (i, String::new()),
        })
    };
    let (option, check) = (word(), word());
    if check.as_ref().map(|w| w.1.as_str()) != Some("CHECK")
        || option.as_ref().map(|w| w.1.as_str()) != Some("OPTION")
    {
        return None;
    }
    let (third, fourth) = (word(), word());
    let is_view = tokens.iter().any(|t| {
        matches!(&t.token, Token::Word(w) if w.quote_style.is_none() && w.value.eq_ignore_ascii_case("VIEW"))
    });
    let third = third.as_ref().map(|(i, w)| (*i, w.as_str()));
    let fourth = fourth.as_ref().map(|(i, w)| (*i, w.as_str()));
    match (fourth, third) {
        (Some((i, "WITH")), Some((_, "CASCADED"))) if is_view => Some((i, "cascaded")),
        (Some((i, "WITH")), Some((_, "LOCAL"))) if is_view => Some((i, "local")),
        (_, Some((i, "WITH"))) if is_view => Some((i, "cascaded")),
        _ => None,
    }
}
