//! `CREATE TABLE` (and the column definitions `ALTER TABLE ... ADD COLUMN` shares) into a [`Table`].
//!
//! SQLite constraints written on a column move to the table: a column `PRIMARY KEY` becomes the table's primary key,
//! `UNIQUE`/`CHECK`/`REFERENCES` join the table's constraint lists, so that the two ways of writing the same table
//! give the same model.

use flash_core::{
    CheckConstraint, Column, DataType, Diagnostic, FkAction, FkMatch, ForeignKey, Generated,
    PrimaryKey, QualName, Table, UniqueConstraint,
};
use sqlparser::ast::{
    ColumnDef, ColumnOption, ConstraintCharacteristics, ConstraintReferenceMatchKind, CreateTable,
    DeferrableInitial, Expr, ForeignKeyConstraint, GeneratedExpressionMode, Ident, IndexColumn,
    ReferentialAction, TableConstraint,
};

use super::prepass::Rewritten;
use super::sql::StmtText;
use crate::builder::missing_column;
use crate::hints;

/// A foreign key target to check once the table is in the builder (it may be the table itself or a later one).
pub struct ForeignRef {
    pub table: QualName,
    pub columns: Vec<String>,
    pub offset: usize,
}

/// Columns a constraint names, to check against the finished table.
struct LocalColumns {
    columns: Vec<String>,
    offset: usize,
}

/// The table and the foreign references it makes.
pub struct BuiltTable {
    pub table: Table,
    pub refs: Vec<ForeignRef>,
}

pub fn build_table(
    st: &StmtText<'_>,
    ct: &CreateTable,
    name: QualName,
    pre: &Rewritten,
) -> Result<BuiltTable, Diagnostic> {
    let types = &pre.types;
    if ct.query.is_some() {
        return Err(st.error(
            st.start,
            "CREATE TABLE ... AS SELECT is not supported in schema files: declare the columns",
        ));
    }
    if ct.columns.is_empty() {
        return Err(st.error(
            st.name_offset(&ct.name),
            format!("table \"{name}\" has no columns"),
        ));
    }
    let mut table = Table::new(name);
    table.renamed_from = hints::renamed_from(st.file, st.start);
    let mut refs = Vec::new();
    let mut local = Vec::new();
    for (i, cd) in ct.columns.iter().enumerate() {
        let data_type = types.get(i).cloned().unwrap_or_else(|| DataType::named(""));
        add_column(st, &mut table, cd, data_type, &mut refs)?;
    }
    for constraint in &ct.constraints {
        add_table_constraint(st, &mut table, constraint, &mut refs, &mut local)?;
    }
    check_local_columns(st, &table, &local)?;
    if ct.strict || pre.strict {
        table.options.insert("strict".into(), "true".into());
    }
    for (constraint, algorithm) in &pre.conflicts {
        table
            .options
            .insert(format!("on_conflict.{constraint}"), algorithm.clone());
    }
    if ct.without_rowid || pre.without_rowid {
        if table.primary_key.is_none() {
            return Err(st.error(
                st.name_offset(&ct.name),
                "a WITHOUT ROWID table must have a PRIMARY KEY",
            ));
        }
        table.options.insert("without_rowid".into(), "true".into());
    }
    Ok(BuiltTable { table, refs })
}

/// Adds one column definition to `table`, moving its constraints to the table.
pub fn add_column(
    st: &StmtText<'_>,
    table: &mut Table,
    cd: &ColumnDef,
    data_type: DataType,
    refs: &mut Vec<ForeignRef>,
) -> Result<(), Diagnostic> {
    let at = st.ident_offset(&cd.name);
    let name = cd.name.value.clone();
    if table
        .columns
        .iter()
        .any(|c| c.name.eq_ignore_ascii_case(&name))
    {
        return Err(st.error(
            at,
            format!(
                "column \"{name}\" is defined twice in table \"{}\"",
                table.name
            ),
        ));
    }
    let mut column = Column::new(name.clone(), data_type);
    column.renamed_from = hints::renamed_from(st.file, at);
    let mut is_primary = false;
    let mut autoincrement_at = None;
    for def in &cd.options {
        let constraint_name = def.name.as_ref().map(|n| n.value.clone());
        match &def.option {
            ColumnOption::Null => column.nullable = true,
            ColumnOption::NotNull => column.nullable = false,
            ColumnOption::Default(expr) => column.default = Some(print_unwrapped(expr)),
            ColumnOption::Collation(collation) => column.collation = Some(object_text(collation)),
            ColumnOption::PrimaryKey(_) => {
                if table.primary_key.is_some() {
                    return Err(st.error(
                        at,
                        format!("table \"{}\" has more than one primary key", table.name),
                    ));
                }
                is_primary = true;
                table.primary_key = Some(PrimaryKey {
                    name: constraint_name,
                    columns: vec![name.clone()],
                });
            }
            ColumnOption::Unique(_) => table
                .uniques
                .push(unique(constraint_name, vec![name.clone()])),
            ColumnOption::Check(check) => table.checks.push(CheckConstraint {
                name: constraint_name,
                expr: print_unwrapped(&check.expr),
                no_inherit: false,
                not_valid: false,
            }),
            ColumnOption::ForeignKey(fk) => {
                let foreign = foreign_key(
                    st,
                    fk,
                    constraint_name,
                    vec![name.clone()],
                    &table.name,
                    refs,
                );
                table.foreign_keys.push(foreign);
            }
            ColumnOption::Generated {
                generation_expr: Some(expr),
                generation_expr_mode,
                ..
            } => {
                column.generated = Some(Generated {
                    expr: print_unwrapped(expr),
                    stored: matches!(generation_expr_mode, Some(GeneratedExpressionMode::Stored)),
                });
            }
            ColumnOption::DialectSpecific(tokens) => {
                let text = tokens.iter().map(ToString::to_string).collect::<String>();
                if text.eq_ignore_ascii_case("AUTOINCREMENT") {
                    autoincrement_at = Some(at);
                } else if !(text.eq_ignore_ascii_case("ASC") || text.eq_ignore_ascii_case("DESC")) {
                    return Err(st.error(at, format!("SQLite has no column option {text}")));
                }
            }
            ColumnOption::OnConflict(_) => {}
            other => return Err(st.error(at, format!("SQLite has no column option {other}"))),
        }
    }
    if let Some(at) = autoincrement_at {
        if !(is_primary && column.data_type.name == "INTEGER" && column.data_type.args.is_empty()) {
            return Err(st.error(
                at,
                "AUTOINCREMENT is only allowed on an INTEGER PRIMARY KEY",
            ));
        }
        column.auto_increment = true;
    }
    table.columns.push(column);
    Ok(())
}

fn add_table_constraint(
    st: &StmtText<'_>,
    table: &mut Table,
    constraint: &TableConstraint,
    refs: &mut Vec<ForeignRef>,
    local: &mut Vec<LocalColumns>,
) -> Result<(), Diagnostic> {
    match constraint {
        TableConstraint::PrimaryKey(pk) => {
            let (columns, offset) = key_columns(st, &pk.columns)?;
            if table.primary_key.is_some() {
                return Err(st.error(
                    offset,
                    format!("table \"{}\" has more than one primary key", table.name),
                ));
            }
            local.push(LocalColumns {
                columns: columns.clone(),
                offset,
            });
            table.primary_key = Some(PrimaryKey {
                name: ident_value(pk.name.as_ref()),
                columns,
            });
        }
        TableConstraint::Unique(u) => {
            let (columns, offset) = key_columns(st, &u.columns)?;
            local.push(LocalColumns {
                columns: columns.clone(),
                offset,
            });
            table
                .uniques
                .push(unique(ident_value(u.name.as_ref()), columns));
        }
        TableConstraint::Check(check) => table.checks.push(CheckConstraint {
            name: ident_value(check.name.as_ref()),
            expr: print_unwrapped(&check.expr),
            no_inherit: false,
            not_valid: false,
        }),
        TableConstraint::ForeignKey(fk) => {
            let columns: Vec<String> = fk.columns.iter().map(|c| c.value.clone()).collect();
            let offset = fk.columns.first().map_or(st.start, |c| st.ident_offset(c));
            if !fk.referred_columns.is_empty() && fk.referred_columns.len() != columns.len() {
                return Err(st.error(
                    st.name_offset(&fk.foreign_table),
                    format!(
                        "foreign key has {} columns but references {}",
                        columns.len(),
                        fk.referred_columns.len()
                    ),
                ));
            }
            local.push(LocalColumns {
                columns: columns.clone(),
                offset,
            });
            let foreign = foreign_key(
                st,
                fk,
                ident_value(fk.name.as_ref()),
                columns,
                &table.name,
                refs,
            );
            table.foreign_keys.push(foreign);
        }
        other => {
            return Err(st.error(
                st.start,
                format!("SQLite has no table constraint like {other}"),
            ))
        }
    }
    Ok(())
}

fn check_local_columns(
    st: &StmtText<'_>,
    table: &Table,
    local: &[LocalColumns],
) -> Result<(), Diagnostic> {
    for l in local {
        if let Some(c) = missing_column(flash_core::Dialect::Sqlite, table, &l.columns) {
            return Err(st.error(
                l.offset,
                format!("column \"{c}\" does not exist in table \"{}\"", table.name),
            ));
        }
    }
    Ok(())
}

/// The plain column names of a PRIMARY KEY or UNIQUE list (SQLite allows `COLLATE` and `ASC`/`DESC` on them, which
/// do not change what the constraint covers).
fn key_columns(
    st: &StmtText<'_>,
    columns: &[IndexColumn],
) -> Result<(Vec<String>, usize), Diagnostic> {
    let mut names = Vec::new();
    let mut first = st.start;
    for (i, ic) in columns.iter().enumerate() {
        let ident = match &ic.column.expr {
            Expr::Identifier(ident) => ident,
            Expr::Collate { expr, .. } => match expr.as_ref() {
                Expr::Identifier(ident) => ident,
                _ => {
                    return Err(st.error(
                        st.start,
                        "expressions are not allowed in PRIMARY KEY or UNIQUE",
                    ))
                }
            },
            _ => {
                return Err(st.error(
                    st.start,
                    "expressions are not allowed in PRIMARY KEY or UNIQUE",
                ))
            }
        };
        if i == 0 {
            first = st.ident_offset(ident);
        }
        names.push(ident.value.clone());
    }
    Ok((names, first))
}

fn foreign_key(
    st: &StmtText<'_>,
    fk: &ForeignKeyConstraint,
    name: Option<String>,
    columns: Vec<String>,
    table: &QualName,
    refs: &mut Vec<ForeignRef>,
) -> ForeignKey {
    // A REFERENCES target in SQLite always lives in the referencing table's schema.
    let target_name = match fk.foreign_table.0.last() {
        Some(sqlparser::ast::ObjectNamePart::Identifier(ident)) => ident.value.clone(),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let ref_table = QualName::new(table.schema.clone(), target_name);
    let ref_columns: Vec<String> = fk
        .referred_columns
        .iter()
        .map(|c| c.value.clone())
        .collect();
    refs.push(ForeignRef {
        table: ref_table.clone(),
        columns: ref_columns.clone(),
        offset: st.name_offset(&fk.foreign_table),
    });
    let (deferrable, initially_deferred) = characteristics(fk.characteristics.as_ref());
    ForeignKey {
        name,
        columns,
        ref_table,
        ref_columns,
        on_delete: fk.on_delete.map(action).unwrap_or_default(),
        on_update: fk.on_update.map(action).unwrap_or_default(),
        match_type: match fk.match_kind {
            Some(ConstraintReferenceMatchKind::Full) => FkMatch::Full,
            Some(ConstraintReferenceMatchKind::Partial) => FkMatch::Partial,
            Some(ConstraintReferenceMatchKind::Simple) | None => FkMatch::Simple,
        },
        deferrable,
        initially_deferred,
        not_valid: false,
    }
}

fn characteristics(c: Option<&ConstraintCharacteristics>) -> (bool, bool) {
    let Some(c) = c else { return (false, false) };
    let deferred = matches!(c.initially, Some(DeferrableInitial::Deferred));
    (
        c.deferrable == Some(true),
        deferred && c.deferrable == Some(true),
    )
}

fn action(a: ReferentialAction) -> FkAction {
    match a {
        ReferentialAction::Restrict => FkAction::Restrict,
        ReferentialAction::Cascade => FkAction::Cascade,
        ReferentialAction::SetNull => FkAction::SetNull,
        ReferentialAction::NoAction => FkAction::NoAction,
        ReferentialAction::SetDefault => FkAction::SetDefault,
    }
}

fn unique(name: Option<String>, columns: Vec<String>) -> UniqueConstraint {
    UniqueConstraint {
        name,
        columns,
        include: Vec::new(),
        nulls_not_distinct: false,
        deferrable: false,
        initially_deferred: false,
    }
}

fn ident_value(ident: Option<&Ident>) -> Option<String> {
    ident.map(|i| i.value.clone())
}

/// An expression printed by sqlparser, without the parentheses SQLite requires around `DEFAULT (expr)`.
pub fn print_unwrapped(expr: &Expr) -> String {
    let mut e = expr;
    while let Expr::Nested(inner) = e {
        e = inner;
    }
    e.to_string()
}

/// A (collation) name as written, quotes removed.
pub fn object_text(name: &sqlparser::ast::ObjectName) -> String {
    name.0
        .iter()
        .map(|p| match p {
            sqlparser::ast::ObjectNamePart::Identifier(ident) => ident.value.clone(),
            other => other.to_string(),
        })
        .collect::<Vec<_>>()
        .join(".")
}
