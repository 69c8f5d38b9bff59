//! `CREATE TABLE`, and the column and constraint rules that `ALTER TABLE` shares with it.

use flash_core::{
    CheckConstraint, Column, Diagnostic, FkAction, ForeignKey, Generated, Index, PrimaryKey, Table,
};
use sqlparser::ast::{
    ColumnDef, ColumnOption, CreateTable, CreateTableOptions, Expr, GeneratedExpressionMode, Ident,
    ReferentialAction, SqlOption, TableConstraint,
};
use sqlparser::tokenizer::Token;

use super::ctx::{ident_offset, next_numbered, qual_name, Ctx};
use super::expr::{default_text, fit_to_type, now_or_text};
use super::index::{self, IndexSpec, Key};
use super::tokens::Stmt;
use super::types::{canonical, read_type};
use flash_core::{IndexKeyPart, QualName};

/// A table being created or altered, with the indexes the statement adds to it.
pub struct TableEdit {
    pub table: Table,
    pub indexes: Vec<Index>,
    /// Names of the table's indexes already in the schema.
    existing_indexes: Vec<String>,
    is_new: bool,
    at: usize,
}

impl TableEdit {
    pub fn new(table: Table, at: usize) -> Self {
        TableEdit {
            table,
            indexes: Vec::new(),
            existing_indexes: Vec::new(),
            is_new: true,
            at,
        }
    }

    /// A table an earlier statement defined; an error when there is none.
    pub fn existing(cx: &Ctx<'_>, name: &QualName, at: usize) -> Result<Self, Diagnostic> {
        let key =
            cx.b.find_table(name)
                .ok_or_else(|| cx.err(at, format!("table \"{name}\" does not exist")))?;
        let table =
            cx.b.schema
                .tables
                .get(&key)
                .cloned()
                .ok_or_else(|| cx.err(at, "table vanished"))?;
        let existing_indexes = cx.index_names(&key);
        Ok(TableEdit {
            table,
            indexes: Vec::new(),
            existing_indexes,
            is_new: false,
            at,
        })
    }

    pub fn has_column(&self, name: &str) -> bool {
        self.table
            .columns
            .iter()
            .any(|c| c.name.eq_ignore_ascii_case(name))
    }

    pub fn column_mut(&mut self, name: &str) -> Option<&mut Column> {
        self.table
            .columns
            .iter_mut()
            .find(|c| c.name.eq_ignore_ascii_case(name))
    }

    pub fn index_names(&self) -> Vec<String> {
        self.existing_indexes
            .iter()
            .cloned()
            .chain(self.indexes.iter().map(|i| i.name.clone()))
            .collect()
    }

    fn constraint_names(&self) -> Vec<String> {
        self.table.constraint_names().map(str::to_string).collect()
    }

    /// Puts the table and its new indexes into the schema.
    pub fn store(self, cx: &mut Ctx<'_>) -> Result<(), Diagnostic> {
        if self.is_new {
            cx.b.add_table(self.table, cx.origin(self.at))?;
        } else {
            cx.b.schema.tables.insert(self.table);
        }
        for index in self.indexes {
            cx.add_index(index, self.at)?;
        }
        Ok(())
    }
}

pub fn create_table(cx: &mut Ctx<'_>, stmt: &Stmt<'_>, ct: &CreateTable) -> Result<(), Diagnostic> {
    if ct.query.is_some() || ct.like.is_some() || ct.clone.is_some() {
        return Err(cx.err(
            stmt.start(),
            "CREATE TABLE ... AS / LIKE is not supported: write the columns out",
        ));
    }
    if ct.temporary {
        return Err(cx.err(stmt.start(), "temporary tables are not schema"));
    }
    let name = qual_name(cx, stmt, &ct.name)?;
    if cx.b.schema.views.contains_key(&name) {
        return Err(cx.err(
            stmt.start(),
            format!("a view named \"{name}\" already exists"),
        ));
    }
    let mut table = Table::new(name);
    table.renamed_from = cx.renamed_from(stmt.start());
    let mut edit = TableEdit::new(table, stmt.start());
    for column in &ct.columns {
        add_column(cx, stmt, &mut edit, column)?;
    }
    for constraint in &ct.constraints {
        add_constraint(cx, stmt, &mut edit, constraint)?;
    }
    table_options(&mut edit.table, &ct.table_options);
    if let Some((_, clause)) = partition_clause(stmt) {
        edit.table.options.insert("partition".to_string(), clause);
    }
    if let Some(comment) = &ct.comment {
        edit.table.comment = Some(comment_text(comment));
    }
    edit.store(cx)
}

fn comment_text(c: &sqlparser::ast::CommentDef) -> String {
    match c {
        sqlparser::ast::CommentDef::WithEq(s) | sqlparser::ast::CommentDef::WithoutEq(s) => {
            s.clone()
        }
    }
}

fn table_options(table: &mut Table, options: &CreateTableOptions) {
    let list = match options {
        CreateTableOptions::None => return,
        CreateTableOptions::With(l)
        | CreateTableOptions::Options(l)
        | CreateTableOptions::Plain(l)
        | CreateTableOptions::TableProperties(l) => l,
    };
    for option in list {
        match option {
            SqlOption::NamedParenthesizedList(p) if p.key.value.eq_ignore_ascii_case("ENGINE") => {
                if let Some(engine) = &p.name {
                    table
                        .options
                        .insert("engine".to_string(), engine_name(&engine.value));
                }
            }
            SqlOption::KeyValue { key, value } => {
                let key = match key.value.to_ascii_uppercase().as_str() {
                    "DEFAULT CHARSET" | "CHARSET" | "DEFAULT CHARACTER SET" | "CHARACTER SET" => {
                        "charset"
                    }
                    "DEFAULT COLLATE" | "COLLATE" => "collate",
                    "ROW_FORMAT" => "row_format",
                    "ENGINE" => "engine",
                    // AUTO_INCREMENT=N is the next counter value: data, not schema.
                    _ => continue,
                };
                let value = match value {
                    Expr::Value(v) => match &v.value {
                        sqlparser::ast::Value::SingleQuotedString(s)
                        | sqlparser::ast::Value::DoubleQuotedString(s) => s.clone(),
                        other => other.to_string(),
                    },
                    Expr::Identifier(i) => i.value.clone(),
                    other => other.to_string(),
                };
                let value = match key {
                    "row_format" => value.to_ascii_uppercase(),
                    "engine" => engine_name(&value),
                    _ => value.to_ascii_lowercase(),
                };
                table.options.insert(key.to_string(), value);
            }
            SqlOption::Comment(c) => table.comment = Some(comment_text(c)),
            _ => {}
        }
    }
}

/// A CREATE TABLE's closing `PARTITION BY ...` (sqlparser's MySQL dialect cannot read it): the index of its first
/// token, and the clause as written with its whitespace collapsed, kept whole as the table option `partition`.
pub fn partition_clause(stmt: &Stmt<'_>) -> Option<(usize, String)> {
    let significant = |from: usize| {
        stmt.tokens
            .iter()
            .enumerate()
            .skip(from)
            .find(|(_, t)| !matches!(t.token, Token::Whitespace(_)))
    };
    let is_word = |t: &Token, word: &str| matches!(t, Token::Word(w) if w.quote_style.is_none() && w.value.eq_ignore_ascii_case(word));
    let (first, create) = significant(0)?;
    if !is_word(&create.token, "CREATE") || !is_word(&significant(first + 1)?.1.token, "TABLE") {
        return None;
    }
    let (mut depth, mut columns_seen) = (0usize, false);
    for (i, t) in stmt.tokens.iter().enumerate() {
        match &t.token {
            Token::LParen => {
                depth += 1;
                columns_seen = true;
            }
            Token::RParen => depth = depth.saturating_sub(1),
            word if depth == 0
                && columns_seen
                && is_word(word, "PARTITION")
                && significant(i + 1).is_some_and(|(_, t)| is_word(&t.token, "BY")) =>
            {
                let at = stmt.offset_at(t.span.start);
                let text = stmt.text_from(at).trim_end_matches(';');
                return Some((i, text.split_whitespace().collect::<Vec<_>>().join(" ")));
            }
            _ => {}
        }
    }
    None
}

/// Engine names as the server spells them, whatever the case they were written in.
fn engine_name(written: &str) -> String {
    const ENGINES: &[&str] = &[
        "InnoDB",
        "MyISAM",
        "MEMORY",
        "Aria",
        "CSV",
        "ARCHIVE",
        "BLACKHOLE",
        "MRG_MyISAM",
        "ROCKSDB",
        "SEQUENCE",
    ];
    ENGINES
        .iter()
        .find(|e| e.eq_ignore_ascii_case(written))
        .map_or_else(|| written.to_string(), |e| e.to_string())
}

/// Reads a column definition into the table: its type from the tokens after its name, then its options.
pub fn add_column(
    cx: &mut Ctx<'_>,
    stmt: &Stmt<'_>,
    edit: &mut TableEdit,
    def: &ColumnDef,
) -> Result<(), Diagnostic> {
    let at = ident_offset(stmt, &def.name);
    if edit.has_column(&def.name.value) {
        return Err(cx.err(
            at,
            format!(
                "column \"{}\" is specified twice in table \"{}\"",
                def.name.value, edit.table.name
            ),
        ));
    }
    let column = new_column(cx, stmt, &def.name)?;
    edit.table.columns.push(column);
    let options: Vec<(Option<&Ident>, &ColumnOption)> = def
        .options
        .iter()
        .map(|o| (o.name.as_ref(), &o.option))
        .collect();
    column_options(cx, stmt, edit, &def.name, &options)
}

/// A column with its type read from the source and its rename hint; options are applied separately.
pub fn new_column(cx: &Ctx<'_>, stmt: &Stmt<'_>, name: &Ident) -> Result<Column, Diagnostic> {
    let at = ident_offset(stmt, name);
    let mut c = stmt.cursor_at(at);
    c.advance();
    let type_at = c.offset();
    let raw = read_type(&mut c)
        .ok_or_else(|| cx.err(type_at, format!("column \"{}\" needs a type", name.value)))?;
    let canon = canonical(&raw);
    let mut column = Column::new(name.value.clone(), canon.data_type);
    column.renamed_from = cx.renamed_from(at);
    if canon.serial {
        column.nullable = false;
        column.auto_increment = true;
    }
    Ok(column)
}

/// The unique index `SERIAL` implies, added once the column is in place.
fn serial_index(
    cx: &Ctx<'_>,
    edit: &mut TableEdit,
    column: &str,
    at: usize,
) -> Result<(), Diagnostic> {
    let spec = IndexSpec {
        name: None,
        unique: true,
        method: "btree".to_string(),
        keys: vec![Key {
            part: IndexKeyPart::column(column),
            at,
        }],
        comment: None,
        at,
    };
    index::add_index(cx, edit, spec)
}

pub fn column_options(
    cx: &mut Ctx<'_>,
    stmt: &Stmt<'_>,
    edit: &mut TableEdit,
    name: &Ident,
    options: &[(Option<&Ident>, &ColumnOption)],
) -> Result<(), Diagnostic> {
    let at = ident_offset(stmt, name);
    let col = name.value.as_str();
    if !edit.has_column(col) {
        return Err(cx.err(
            at,
            format!(
                "column \"{col}\" does not exist in table \"{}\"",
                edit.table.name
            ),
        ));
    }
    if stmt.cursor_at(at).is_word_at(1, "SERIAL") {
        serial_index(cx, edit, col, at)?;
    }
    for (constraint_name, option) in options {
        match option {
            ColumnOption::Null => set(edit, col, |c| c.nullable = true),
            ColumnOption::NotNull => set(edit, col, |c| c.nullable = false),
            ColumnOption::Default(e) => set(edit, col, |c| {
                c.default = default_text(e).map(|d| fit_to_type(d, &c.data_type))
            }),
            ColumnOption::OnUpdate(e) => set(edit, col, |c| c.on_update = Some(now_or_text(e))),
            ColumnOption::CharacterSet(n) => set(edit, col, |c| {
                c.charset = Some(
                    n.to_string()
                        .trim_matches(['`', '\'', '"'])
                        .to_ascii_lowercase(),
                )
            }),
            ColumnOption::Collation(n) => set(edit, col, |c| {
                c.collation = Some(
                    n.to_string()
                        .trim_matches(['`', '\'', '"'])
                        .to_ascii_lowercase(),
                )
            }),
            ColumnOption::Comment(s) => set(edit, col, |c| c.comment = Some(s.clone())),
            ColumnOption::DialectSpecific(tokens) => {
                if tokens.iter().any(|t| matches!(t, Token::Word(w) if w.value.eq_ignore_ascii_case("AUTO_INCREMENT"))) {
                    set(edit, col, |c| c.auto_increment = true);
                }
            }
            ColumnOption::Generated {
                generation_expr: Some(e),
                generation_expr_mode,
                ..
            } => {
                let stored = matches!(generation_expr_mode, Some(GeneratedExpressionMode::Stored));
                set(edit, col, |c| {
                    c.generated = Some(Generated {
                        expr: e.to_string(),
                        stored,
                    })
                });
            }
            ColumnOption::PrimaryKey(_) => set_primary_key(cx, edit, vec![col.to_string()], at)?,
            ColumnOption::Unique(u) => {
                let name = u
                    .index_name
                    .as_ref()
                    .or(u.name.as_ref())
                    .or(*constraint_name)
                    .map(|i| i.value.clone());
                let keys = vec![Key {
                    part: IndexKeyPart::column(col),
                    at,
                }];
                let spec = IndexSpec {
                    name,
                    unique: true,
                    method: "btree".to_string(),
                    keys,
                    comment: None,
                    at,
                };
                index::add_index(cx, edit, spec)?;
            }
            ColumnOption::ForeignKey(fk) => {
                let name = fk
                    .name
                    .as_ref()
                    .or(*constraint_name)
                    .map(|i| i.value.clone());
                let refs: Vec<String> = fk
                    .referred_columns
                    .iter()
                    .map(|i| i.value.clone())
                    .collect();
                let target = qual_name(cx, stmt, &fk.foreign_table)?;
                let actions = (fk.on_delete.as_ref(), fk.on_update.as_ref());
                add_foreign_key(
                    cx,
                    edit,
                    name,
                    vec![col.to_string()],
                    target,
                    refs,
                    actions,
                    at,
                )?;
            }
            ColumnOption::Check(ch) => {
                // MariaDB names a column-level check after its column.
                let name = ch
                    .name
                    .as_ref()
                    .or(*constraint_name)
                    .map_or_else(|| col.to_string(), |i| i.value.clone());
                add_check(cx, edit, name, ch.expr.to_string(), at)?;
            }
            ColumnOption::Invisible => set(edit, col, |c| c.invisible = true),
            ColumnOption::Srid(_) => {}
            _ => return Err(cx.err(at, format!("unsupported column option `{option}`"))),
        }
    }
    Ok(())
}

/// The column being defined; `column_options` has checked it exists.
fn set(edit: &mut TableEdit, col: &str, f: impl FnOnce(&mut Column)) {
    if let Some(c) = edit.column_mut(col) {
        f(c)
    }
}

fn set_primary_key(
    cx: &Ctx<'_>,
    edit: &mut TableEdit,
    columns: Vec<String>,
    at: usize,
) -> Result<(), Diagnostic> {
    if edit.table.primary_key.is_some() {
        return Err(cx.err(
            at,
            format!(
                "table \"{}\" has more than one primary key",
                edit.table.name
            ),
        ));
    }
    for c in &columns {
        let table_name = edit.table.name.clone();
        let column = edit.column_mut(c).ok_or_else(|| {
            cx.err(
                at,
                format!("column \"{c}\" does not exist in table \"{table_name}\""),
            )
        })?;
        column.nullable = false;
    }
    edit.table.primary_key = Some(PrimaryKey {
        name: None,
        columns,
    });
    Ok(())
}

fn check_constraint_name(
    cx: &Ctx<'_>,
    edit: &TableEdit,
    name: &str,
    at: usize,
) -> Result<(), Diagnostic> {
    if edit
        .constraint_names()
        .iter()
        .any(|n| n.eq_ignore_ascii_case(name))
    {
        return Err(cx.err(
            at,
            format!(
                "constraint \"{name}\" already exists on table \"{}\"",
                edit.table.name
            ),
        ));
    }
    Ok(())
}

fn add_check(
    cx: &Ctx<'_>,
    edit: &mut TableEdit,
    name: String,
    expr: String,
    at: usize,
) -> Result<(), Diagnostic> {
    check_constraint_name(cx, edit, &name, at)?;
    edit.table.checks.push(CheckConstraint {
        name: Some(name),
        expr,
        no_inherit: false,
        not_valid: false,
    });
    Ok(())
}

/// RESTRICT and NO ACTION are the same in MySQL (checks are never deferred), and MariaDB reports an unspecified action
/// as RESTRICT: both fold into the default so files and databases compare equal.
fn action(a: Option<&ReferentialAction>) -> FkAction {
    match a {
        Some(ReferentialAction::Cascade) => FkAction::Cascade,
        Some(ReferentialAction::SetNull) => FkAction::SetNull,
        Some(ReferentialAction::SetDefault) => FkAction::SetDefault,
        Some(ReferentialAction::Restrict) | Some(ReferentialAction::NoAction) | None => {
            FkAction::NoAction
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn add_foreign_key(
    cx: &mut Ctx<'_>,
    edit: &mut TableEdit,
    name: Option<String>,
    columns: Vec<String>,
    target: QualName,
    ref_columns: Vec<String>,
    actions: (Option<&ReferentialAction>, Option<&ReferentialAction>),
    at: usize,
) -> Result<(), Diagnostic> {
    for c in &columns {
        if !edit.has_column(c) {
            return Err(cx.err(
                at,
                format!(
                    "column \"{c}\" does not exist in table \"{}\"",
                    edit.table.name
                ),
            ));
        }
    }
    if ref_columns.is_empty() {
        return Err(cx.err(at, "a MySQL foreign key must list the referenced columns"));
    }
    if ref_columns.len() != columns.len() {
        return Err(cx.err(at, "a foreign key must reference as many columns as it has"));
    }
    let name = match name {
        Some(n) => {
            check_constraint_name(cx, edit, &n, at)?;
            n
        }
        None => next_numbered(
            &edit.constraint_names(),
            &format!("{}_ibfk_", edit.table.name.name),
        ),
    };
    // A reference to the table itself is checked now; other tables may come in a later file.
    let self_reference =
        target.schema == edit.table.name.schema && target.name == edit.table.name.name;
    if self_reference {
        if let Some(c) = ref_columns.iter().find(|c| !edit.has_column(c)) {
            return Err(cx.err(
                at,
                format!(
                    "column \"{c}\" does not exist in table \"{}\"",
                    edit.table.name
                ),
            ));
        }
    } else {
        cx.b.defer_table(target.clone(), cx.origin(at));
        cx.b.defer_columns(target.clone(), ref_columns.clone(), cx.origin(at));
    }
    edit.table.foreign_keys.push(ForeignKey {
        name: Some(name),
        columns,
        ref_table: target,
        ref_columns,
        on_delete: action(actions.0),
        on_update: action(actions.1),
        match_type: Default::default(),
        deferrable: false,
        initially_deferred: false,
        not_valid: false,
    });
    Ok(())
}

fn idents(list: &[Ident]) -> Vec<String> {
    list.iter().map(|i| i.value.clone()).collect()
}

/// A table-level constraint or index definition.
pub fn add_constraint(
    cx: &mut Ctx<'_>,
    stmt: &Stmt<'_>,
    edit: &mut TableEdit,
    constraint: &TableConstraint,
) -> Result<(), Diagnostic> {
    match constraint {
        TableConstraint::PrimaryKey(pk) => {
            let keys = index::key_parts(stmt, &pk.columns);
            let at = keys.first().map_or(stmt.start(), |k| k.at);
            let columns = key_columns(cx, &keys)?;
            set_primary_key(cx, edit, columns, at)
        }
        TableConstraint::Unique(u) => {
            let keys = index::key_parts(stmt, &u.columns);
            let at = keys.first().map_or(stmt.start(), |k| k.at);
            let name = u
                .index_name
                .as_ref()
                .or(u.name.as_ref())
                .map(|i| i.value.clone());
            let method = index::method(u.index_type.as_ref(), &u.index_options);
            let comment = index::comment(&u.index_options);
            index::add_index(
                cx,
                edit,
                IndexSpec {
                    name,
                    unique: true,
                    method,
                    keys,
                    comment,
                    at,
                },
            )
        }
        TableConstraint::Index(i) => {
            let keys = index::key_parts(stmt, &i.columns);
            let at = i.name.as_ref().map_or_else(
                || keys.first().map_or(stmt.start(), |k| k.at),
                |n| ident_offset(stmt, n),
            );
            let name = i.name.as_ref().map(|n| n.value.clone());
            let method = index::method(i.index_type.as_ref(), &i.index_options);
            let comment = index::comment(&i.index_options);
            index::add_index(
                cx,
                edit,
                IndexSpec {
                    name,
                    unique: false,
                    method,
                    keys,
                    comment,
                    at,
                },
            )
        }
        TableConstraint::FulltextOrSpatial(f) => {
            let keys = index::key_parts(stmt, &f.columns);
            let at = keys.first().map_or(stmt.start(), |k| k.at);
            let name = f.opt_index_name.as_ref().map(|n| n.value.clone());
            let method = if f.fulltext { "fulltext" } else { "spatial" }.to_string();
            index::add_index(
                cx,
                edit,
                IndexSpec {
                    name,
                    unique: false,
                    method,
                    keys,
                    comment: None,
                    at,
                },
            )
        }
        TableConstraint::ForeignKey(fk) => {
            let at = fk
                .columns
                .first()
                .map_or(stmt.start(), |i| ident_offset(stmt, i));
            let target = qual_name(cx, stmt, &fk.foreign_table)?;
            let name = fk.name.as_ref().map(|i| i.value.clone());
            let actions = (fk.on_delete.as_ref(), fk.on_update.as_ref());
            add_foreign_key(
                cx,
                edit,
                name,
                idents(&fk.columns),
                target,
                idents(&fk.referred_columns),
                actions,
                at,
            )
        }
        TableConstraint::Check(ch) => {
            let at = ch
                .name
                .as_ref()
                .map_or(stmt.start(), |n| ident_offset(stmt, n));
            let name = match &ch.name {
                Some(n) => n.value.clone(),
                None => next_numbered(&edit.constraint_names(), "CONSTRAINT_"),
            };
            add_check(cx, edit, name, ch.expr.to_string(), at)
        }
        other => Err(cx.err(
            stmt.start(),
            format!("MySQL does not support the constraint `{other}`"),
        )),
    }
}

/// Primary key parts must be plain columns.
fn key_columns(cx: &Ctx<'_>, keys: &[Key]) -> Result<Vec<String>, Diagnostic> {
    keys.iter()
        .map(|k| {
            k.part
                .column
                .clone()
                .ok_or_else(|| cx.err(k.at, "a primary key part must be a column"))
        })
        .collect()
}
