//! Statements: FROM scopes (tables, CTEs, subqueries, joins), select lists with `*`, set operations, and the
//! INSERT / UPDATE / DELETE targets whose columns name and type the parameters stored in them.

use flash_core::{QualName, Table};

use super::scope::{OutCol, Relation, Scope};
use super::{types, InferError, Inferrer};
use crate::ir::{SqlType, Typed};
use crate::sql_tree::*;

impl Inferrer<'_> {
    pub(crate) fn statement(
        &mut self,
        s: &Statement,
        outer: &Scope<'_>,
    ) -> Result<Vec<OutCol>, InferError> {
        match s {
            Statement::Query(q) => self.query(q, outer),
            Statement::Insert(i) => self.insert(i, outer),
            Statement::Update(u) => self.update(u, outer),
            Statement::Delete(d) => self.delete(d, outer),
        }
    }

    /// Registers CTEs (each sees the ones before it, and a recursive one sees itself through its first branch);
    /// returns how many to pop afterwards.
    fn with_ctes(&mut self, ctes: &[Cte], outer: &Scope<'_>) -> Result<usize, InferError> {
        for cte in ctes {
            if let Statement::Query(Query {
                body: SetExpr::SetOp { left, .. },
                ..
            }) = cte.statement.as_ref()
            {
                let scope = Scope::child(outer);
                let seed = self.set_expr(left, &scope)?;
                self.ctes.push(named(&cte.name, &cte.columns, seed));
                let full = self.statement(&cte.statement, outer)?;
                self.ctes.pop();
                self.ctes.push(named(&cte.name, &cte.columns, full));
            } else {
                let cols = self.statement(&cte.statement, outer)?;
                self.ctes.push(named(&cte.name, &cte.columns, cols));
            }
        }
        Ok(ctes.len())
    }

    fn pop_ctes(&mut self, n: usize) {
        let keep = self.ctes.len().saturating_sub(n);
        self.ctes.truncate(keep);
    }

    pub(crate) fn query(
        &mut self,
        q: &Query,
        outer: &Scope<'_>,
    ) -> Result<Vec<OutCol>, InferError> {
        let pushed = self.with_ctes(&q.ctes, outer)?;
        let mut scope = Scope::child(outer);
        let cols = self.set_expr_in(&q.body, &mut scope)?;
        scope.outputs = cols.clone();
        for e in &q.order_by {
            self.expr(e, &scope)?;
        }
        let int64 = Typed::new(SqlType::Int64, false);
        if let Some(limit) = &q.limit {
            self.expect(limit, &scope, &int64, Some("limit".into()), false)?;
        }
        if let Some(offset) = &q.offset {
            self.expect(offset, &scope, &int64, Some("offset".into()), false)?;
        }
        self.pop_ctes(pushed);
        Ok(cols)
    }

    fn set_expr(&mut self, body: &SetExpr, outer: &Scope<'_>) -> Result<Vec<OutCol>, InferError> {
        let mut scope = Scope::child(outer);
        self.set_expr_in(body, &mut scope)
    }

    /// A query body; a plain SELECT leaves its FROM relations in `scope` for ORDER BY to see.
    fn set_expr_in(
        &mut self,
        body: &SetExpr,
        scope: &mut Scope<'_>,
    ) -> Result<Vec<OutCol>, InferError> {
        match body {
            SetExpr::Select(select) => self.select(select, scope),
            SetExpr::Query(q) => self.query(q, scope),
            SetExpr::SetOp { left, right } => {
                let mut l = self.set_expr(left, scope)?;
                let r = self.set_expr(right, scope)?;
                for (lc, rc) in l.iter_mut().zip(r) {
                    lc.typed.nullable |= rc.typed.nullable;
                    if lc.typed.ty == SqlType::Unknown {
                        lc.typed.ty = rc.typed.ty;
                    }
                }
                Ok(l)
            }
            SetExpr::Values(rows) => {
                let mut cols: Vec<OutCol> = Vec::new();
                for row in rows {
                    for (i, e) in row.iter().enumerate() {
                        let t = self.expr(e, scope)?;
                        match cols.get_mut(i) {
                            Some(c) => c.typed.nullable |= t.nullable,
                            None => cols.push(OutCol {
                                name: format!("column{}", i + 1),
                                typed: t,
                            }),
                        }
                    }
                }
                Ok(cols)
            }
        }
    }

    fn select(&mut self, s: &Select, scope: &mut Scope<'_>) -> Result<Vec<OutCol>, InferError> {
        for item in &s.from {
            let relations = self.relations_of(item, scope)?;
            scope.relations.extend(relations);
        }
        if let Some(filter) = &s.filter {
            self.expect(
                filter,
                scope,
                &Typed::new(SqlType::Bool, false),
                None,
                false,
            )?;
        }
        let cols = self.select_items(&s.items, scope)?;
        scope.outputs = cols.clone();
        for g in &s.group_by {
            self.expr(g, scope)?;
        }
        if let Some(having) = &s.having {
            self.expect(
                having,
                scope,
                &Typed::new(SqlType::Bool, false),
                None,
                false,
            )?;
        }
        Ok(cols)
    }

    pub(crate) fn select_items(
        &mut self,
        items: &[SelectItem],
        scope: &Scope<'_>,
    ) -> Result<Vec<OutCol>, InferError> {
        let mut cols = Vec::new();
        for item in items {
            match item {
                SelectItem::Wildcard { qualifier, offset } => match qualifier {
                    Some(q) => {
                        let Some(r) = scope.relation(q) else {
                            return Err(InferError::at(
                                *offset,
                                format!("unknown table or alias \"{q}\""),
                            ));
                        };
                        cols.extend(r.columns.iter().cloned());
                    }
                    None => {
                        if scope.relations.is_empty() {
                            return Err(InferError::at(*offset, "SELECT * without a FROM clause"));
                        }
                        for r in &scope.relations {
                            cols.extend(r.columns.iter().cloned());
                        }
                    }
                },
                SelectItem::Expr { expr, alias } => {
                    let typed = self.expr(expr, scope)?;
                    let name = alias.clone().unwrap_or_else(|| self.default_name(expr));
                    cols.push(OutCol { name, typed });
                }
            }
        }
        Ok(cols)
    }

    /// The name the database gives an unaliased result column.
    fn default_name(&self, e: &Expr) -> String {
        match e {
            Expr::Column { name, .. } => name.clone(),
            Expr::Function { name, .. } => name.clone(),
            Expr::Cast { expr, ty, .. } => match expr.as_ref() {
                Expr::Column { name, .. } => name.clone(),
                _ => ty.name.clone(),
            },
            Expr::Coalesce(_) => "coalesce".into(),
            Expr::Case { .. } => "case".into(),
            Expr::Exists(_) => "exists".into(),
            _ => "?column?".into(),
        }
    }

    fn table(&self, t: &TableRef) -> Result<&Table, InferError> {
        let schema_name = t
            .schema
            .clone()
            .unwrap_or_else(|| self.dialect.default_schema().to_string());
        let key = QualName::new(schema_name.clone(), t.name.clone());
        self.schema
            .tables
            .get(&key)
            .or_else(|| {
                self.schema.tables.iter().find(|tb| {
                    tb.name.name.eq_ignore_ascii_case(&t.name)
                        && (t.schema.is_none() || tb.name.schema.eq_ignore_ascii_case(&schema_name))
                })
            })
            .ok_or_else(|| {
                let whole = match &t.schema {
                    Some(s) => format!("{s}.{}", t.name),
                    None => t.name.clone(),
                };
                InferError::at(t.offset, format!("unknown table \"{whole}\""))
            })
    }

    /// A table's columns as a relation named by its alias (else its name).
    fn table_relation(&self, t: &TableRef) -> Result<Relation, InferError> {
        if t.schema.is_none() {
            if let Some(cte) = self.ctes.iter().rev().find(|c| c.name == t.name) {
                let mut r = cte.clone();
                if let Some(alias) = &t.alias {
                    r.name = alias.clone();
                }
                return Ok(r);
            }
        }
        let table = self.table(t)?;
        let pk: Vec<&str> = table
            .primary_key
            .as_ref()
            .map(|pk| pk.columns.iter().map(String::as_str).collect())
            .unwrap_or_default();
        let columns = table
            .columns
            .iter()
            .filter(|c| !c.invisible)
            .map(|c| OutCol {
                name: c.name.clone(),
                typed: Typed::new(
                    types::column_type(
                        self.dialect,
                        self.enums,
                        &table.name,
                        &c.name,
                        &c.data_type,
                    ),
                    c.nullable && !pk.contains(&c.name.as_str()),
                ),
            })
            .collect();
        Ok(Relation {
            name: t.alias.clone().unwrap_or_else(|| t.name.clone()),
            columns,
        })
    }

    /// The relations a FROM item brings into scope (a join brings both sides), outer joins made nullable.
    fn relations_of(
        &mut self,
        item: &FromItem,
        scope: &mut Scope<'_>,
    ) -> Result<Vec<Relation>, InferError> {
        match item {
            FromItem::Table(t) => Ok(vec![self.table_relation(t)?]),
            FromItem::Subquery {
                query,
                alias,
                columns,
            } => {
                let cols = self.query(query, scope)?;
                Ok(vec![named(alias.as_deref().unwrap_or(""), columns, cols)])
            }
            FromItem::Join {
                left,
                right,
                kind,
                on,
                using,
            } => {
                let mut l = self.relations_of(left, scope)?;
                let mut r = self.relations_of(right, scope)?;
                if matches!(kind, JoinKind::Left | JoinKind::Full) {
                    r = r.into_iter().map(Relation::nullable).collect();
                }
                if matches!(kind, JoinKind::Right | JoinKind::Full) {
                    l = l.into_iter().map(Relation::nullable).collect();
                }
                l.extend(r);
                if let Some(on) = on {
                    // The condition sees both sides (and what came before in the FROM list).
                    let mut join_scope = Scope::child(scope);
                    join_scope.relations = l.clone();
                    self.expect(
                        on,
                        &join_scope,
                        &Typed::new(SqlType::Bool, false),
                        None,
                        false,
                    )?;
                }
                scope.merged.extend(using.iter().cloned());
                Ok(l)
            }
        }
    }

    fn target(&self, t: &TableRef) -> Result<(Relation, &Table), InferError> {
        Ok((self.table_relation(t)?, self.table(t)?))
    }

    fn insert(&mut self, i: &Insert, outer: &Scope<'_>) -> Result<Vec<OutCol>, InferError> {
        let pushed = self.with_ctes(&i.ctes, outer)?;
        let (relation, table) = self.target(&i.table)?;
        let targets: Vec<OutCol> = if i.columns.is_empty() {
            relation.columns.clone()
        } else {
            let mut out = Vec::new();
            for (name, offset) in &i.columns {
                let Some(c) = relation.column(name) else {
                    return Err(InferError::at(
                        *offset,
                        format!("unknown column \"{name}\" in table \"{}\"", table.name.name),
                    ));
                };
                out.push(c.clone());
            }
            out
        };
        let scope = Scope::child(outer);
        match &i.source {
            InsertSource::Values(rows) => {
                for row in rows {
                    for (value, target) in row.iter().zip(&targets) {
                        self.expect(
                            value,
                            &scope,
                            &target.typed,
                            Some(target.name.clone()),
                            target.typed.nullable,
                        )?;
                    }
                }
            }
            InsertSource::Query(q) => {
                let pushed = self.with_ctes(&q.ctes, outer)?;
                let mut sub = Scope::child(outer);
                // INSERT ... SELECT $1, col FROM ...: a bare parameter in the select list fills its target column.
                if let SetExpr::Select(select) = &q.body {
                    for item in &select.from {
                        let relations = self.relations_of(item, &mut sub)?;
                        sub.relations.extend(relations);
                    }
                    for (item, target) in select.items.iter().zip(&targets) {
                        if let SelectItem::Expr { expr, .. } = item {
                            self.expect(
                                expr,
                                &sub,
                                &target.typed,
                                Some(target.name.clone()),
                                target.typed.nullable,
                            )?;
                        }
                    }
                    if let Some(filter) = &select.filter {
                        self.expect(filter, &sub, &Typed::new(SqlType::Bool, false), None, false)?;
                    }
                    for g in &select.group_by {
                        self.expr(g, &sub)?;
                    }
                } else {
                    self.set_expr_in(&q.body, &mut sub)?;
                }
                let int64 = Typed::new(SqlType::Int64, false);
                for e in &q.order_by {
                    self.expr(e, &sub)?;
                }
                if let Some(limit) = &q.limit {
                    self.expect(limit, &sub, &int64, Some("limit".into()), false)?;
                }
                self.pop_ctes(pushed);
            }
            InsertSource::DefaultValues => {}
        }
        // ON CONFLICT DO UPDATE sees the row as `excluded`; ON DUPLICATE KEY UPDATE the table itself.
        let mut conflict_scope = Scope::child(outer);
        conflict_scope.relations.push(relation.clone());
        if self.dialect != flash_core::Dialect::Mysql {
            let mut excluded = relation.clone();
            excluded.name = "excluded".into();
            conflict_scope.relations.push(excluded);
        }
        self.assignments(&i.on_conflict, &relation, &conflict_scope)?;
        if let Some(filter) = &i.on_conflict_filter {
            self.expect(
                filter,
                &conflict_scope,
                &Typed::new(SqlType::Bool, false),
                None,
                false,
            )?;
        }
        let mut ret_scope = Scope::child(outer);
        ret_scope.relations.push(relation);
        let cols = self.select_items(&i.returning, &ret_scope)?;
        self.pop_ctes(pushed);
        Ok(cols)
    }

    fn assignments(
        &mut self,
        sets: &[Assignment],
        target: &Relation,
        scope: &Scope<'_>,
    ) -> Result<(), InferError> {
        for a in sets {
            let Some(column) = target.column(&a.column) else {
                return Err(InferError::at(
                    a.offset,
                    format!(
                        "unknown column \"{}\" in table \"{}\"",
                        a.column, target.name
                    ),
                ));
            };
            let typed = column.typed.clone();
            self.expect(
                &a.value,
                scope,
                &typed,
                Some(column.name.clone()),
                typed.nullable,
            )?;
        }
        Ok(())
    }

    fn update(&mut self, u: &Update, outer: &Scope<'_>) -> Result<Vec<OutCol>, InferError> {
        let pushed = self.with_ctes(&u.ctes, outer)?;
        let (relation, _) = self.target(&u.table)?;
        let mut scope = Scope::child(outer);
        scope.relations.push(relation.clone());
        for item in &u.from {
            let relations = self.relations_of(item, &mut scope)?;
            scope.relations.extend(relations);
        }
        self.assignments(&u.sets, &relation, &scope)?;
        self.dml_tail(&u.filter, &u.limit, &scope)?;
        let cols = self.select_items(&u.returning, &scope)?;
        self.pop_ctes(pushed);
        Ok(cols)
    }

    fn delete(&mut self, d: &Delete, outer: &Scope<'_>) -> Result<Vec<OutCol>, InferError> {
        let pushed = self.with_ctes(&d.ctes, outer)?;
        let (relation, _) = self.target(&d.table)?;
        let mut scope = Scope::child(outer);
        scope.relations.push(relation);
        for item in &d.using {
            let relations = self.relations_of(item, &mut scope)?;
            scope.relations.extend(relations);
        }
        self.dml_tail(&d.filter, &d.limit, &scope)?;
        let cols = self.select_items(&d.returning, &scope)?;
        self.pop_ctes(pushed);
        Ok(cols)
    }

    fn dml_tail(
        &mut self,
        filter: &Option<Expr>,
        limit: &Option<Expr>,
        scope: &Scope<'_>,
    ) -> Result<(), InferError> {
        if let Some(filter) = filter {
            self.expect(
                filter,
                scope,
                &Typed::new(SqlType::Bool, false),
                None,
                false,
            )?;
        }
        if let Some(limit) = limit {
            self.expect(
                limit,
                scope,
                &Typed::new(SqlType::Int64, false),
                Some("limit".into()),
                false,
            )?;
        }
        Ok(())
    }
}

/// A relation from a query's columns, renamed by an alias column list where one is given.
fn named(name: &str, rename: &[String], mut cols: Vec<OutCol>) -> Relation {
    for (c, n) in cols.iter_mut().zip(rename) {
        c.name = n.clone();
    }
    Relation {
        name: name.to_string(),
        columns: cols,
    }
}
