//! One annotated query to its typed form: placeholders numbered for the grammar, the statement lowered and
//! inferred, parameters named, result fields made unique, and the kind checked against what the query does.

use flash_core::{Diagnostic, Dialect, Schema, SourceFile};

use crate::infer::{self, types::Enums};
use crate::ir::{Column, CopyTarget, Param, Query, QueryKind, SqlPart, SqlType, Typed};
use crate::lower;
use crate::naming::{snake, unique};
use crate::query_file::RawQuery;
use crate::sql_tree::{InsertSource, Statement};

/// The query text the grammar reads: every slot written as `$N` (PostgreSQL) or `?N` (sqlparser), N the parameter
/// number, with a map from offsets in it back to offsets in the body.
struct ParseText {
    text: String,
    /// (offset in `text`, offset in the body) at the start of each stretch that shifted.
    shifts: Vec<(usize, usize)>,
}

impl ParseText {
    fn new(dialect: Dialect, raw: &RawQuery) -> ParseText {
        let mut text = String::with_capacity(raw.body.len());
        let mut shifts = vec![(0, 0)];
        let mut at = 0;
        for slot in &raw.placeholders.slots {
            text.push_str(&raw.body[at..slot.start]);
            let marker = match dialect {
                Dialect::Postgres => format!("${}", slot.param + 1),
                Dialect::Mysql | Dialect::Sqlite => format!("?{}", slot.param + 1),
            };
            shifts.push((text.len(), slot.start));
            text.push_str(&marker);
            shifts.push((text.len(), slot.end));
            at = slot.end;
        }
        text.push_str(&raw.body[at..]);
        ParseText { text, shifts }
    }

    fn body_offset(&self, offset: usize) -> usize {
        let i = self
            .shifts
            .partition_point(|(t, _)| *t <= offset)
            .saturating_sub(1);
        let (t, b) = self.shifts[i];
        b + (offset - t)
    }
}

pub fn analyze(
    schema: &Schema,
    enums: &Enums,
    file: &SourceFile,
    file_stem: &str,
    raw: &RawQuery,
) -> Result<Query, Diagnostic> {
    let dialect = schema.dialect;
    let parse_text = ParseText::new(dialect, raw);
    let at = |offset: usize| raw.body_offset + parse_text.body_offset(offset).min(raw.body.len());
    let statement = lower::lower(dialect, &parse_text.text)
        .map_err(|e| file.error_at(at(e.offset), format!("query {}: {}", raw.name, e.message)))?;
    let param_count = raw.placeholders.params.len();
    let inferred = infer::infer(schema, enums, &statement, param_count)
        .map_err(|e| file.error_at(at(e.offset), format!("query {}: {}", raw.name, e.message)))?;

    let mut taken = Vec::new();
    let mut params = Vec::with_capacity(param_count);
    for (i, (decl, info)) in raw
        .placeholders
        .params
        .iter()
        .zip(&inferred.params)
        .enumerate()
    {
        let Some(ty) = info.ty.clone().filter(|t| *t != SqlType::Unknown) else {
            let slot = raw.placeholders.slots.iter().find(|s| s.param == i);
            let offset = raw.body_offset + slot.map_or(0, |s| s.start);
            return Err(file.error_at(
                offset,
                format!(
                    "query {}: cannot infer the type of parameter {}; compare it with a column or cast it",
                    raw.name,
                    decl.name.clone().unwrap_or_else(|| format!("{}", i + 1))
                ),
            ));
        };
        let base = decl
            .name
            .clone()
            .or_else(|| info.hint.clone())
            .map(|n| snake(&n))
            .unwrap_or_else(|| format!("p{}", i + 1));
        params.push(Param {
            name: unique(base, &mut taken),
            typed: Typed::new(ty, decl.nullable || info.nullable),
        });
    }

    let mut fields = Vec::new();
    let columns: Vec<Column> = inferred
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let base = if c.name.chars().any(|ch| ch.is_ascii_alphanumeric()) {
                snake(&c.name)
            } else {
                format!("column_{}", i + 1)
            };
            Column {
                name: c.name.clone(),
                field: unique(base, &mut fields),
                typed: c.typed.clone(),
            }
        })
        .collect();

    let mut sql = Vec::new();
    let mut at_text = 0;
    for slot in &raw.placeholders.slots {
        sql.push(SqlPart::Text(raw.body[at_text..slot.start].to_string()));
        sql.push(SqlPart::Param(slot.param));
        at_text = slot.end;
    }
    sql.push(SqlPart::Text(raw.body[at_text..].to_string()));
    sql.retain(|p| !matches!(p, SqlPart::Text(t) if t.is_empty()));

    let name_at = raw.name_offset;
    if raw.kind.returns_rows() && columns.is_empty() {
        return Err(file.error_at(
            name_at,
            format!(
                "query {} is :{} but returns no columns; use :exec, :execrows or :execresult, or add RETURNING",
                raw.name,
                raw.kind.name()
            ),
        ));
    }
    let copy_target = if raw.kind == QueryKind::CopyFrom {
        Some(copy_target(&statement, &inferred, &params).ok_or_else(|| {
            file.error_at(
                name_at,
                format!(
                    "query {} is :copyfrom, which needs `INSERT INTO t (columns) VALUES (one parameter per column)`",
                    raw.name
                ),
            )
        })?)
    } else {
        None
    };

    Ok(Query {
        name: raw.name.clone(),
        kind: raw.kind,
        file_stem: file_stem.to_string(),
        sql,
        params,
        columns,
        copy_target,
        doc: raw.doc.clone(),
    })
}

fn copy_target(
    statement: &Statement,
    inferred: &infer::Inferred,
    params: &[Param],
) -> Option<CopyTarget> {
    let Statement::Insert(insert) = statement else {
        return None;
    };
    let InsertSource::Values(rows) = &insert.source else {
        return None;
    };
    let [row] = rows.as_slice() else {
        return None;
    };
    let all_params = row
        .iter()
        .enumerate()
        .all(|(i, e)| matches!(e, crate::sql_tree::Expr::Param { index, .. } if *index == i));
    let (table, columns) = inferred.insert_target.clone()?;
    (all_params
        && !columns.is_empty()
        && columns.len() == params.len()
        && insert.returning.is_empty())
    .then_some(CopyTarget { table, columns })
}
