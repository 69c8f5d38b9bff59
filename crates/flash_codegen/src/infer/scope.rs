//! What a query can see: the relations of its FROM clause (tables, CTEs, subqueries) with their columns, nested for
//! subqueries that see their outer query.

use crate::ir::Typed;

/// A column a relation or a query produces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutCol {
    pub name: String,
    pub typed: Typed,
}

#[derive(Debug, Clone)]
pub struct Relation {
    /// The name the query refers to it by: its alias, else the table's name.
    pub name: String,
    pub columns: Vec<OutCol>,
}

impl Relation {
    /// The same relation seen through an outer join: every column may be NULL.
    pub fn nullable(mut self) -> Relation {
        for c in &mut self.columns {
            c.typed.nullable = true;
        }
        self
    }

    pub fn column(&self, name: &str) -> Option<&OutCol> {
        self.columns.iter().find(|c| c.name == name).or_else(|| {
            self.columns
                .iter()
                .find(|c| c.name.eq_ignore_ascii_case(name))
        })
    }
}

#[derive(Debug, Default)]
pub struct Scope<'p> {
    pub relations: Vec<Relation>,
    pub parent: Option<&'p Scope<'p>>,
    /// The select list's output columns, which ORDER BY (and MySQL's GROUP BY/HAVING) may name.
    pub outputs: Vec<OutCol>,
    /// Columns a `JOIN ... USING (c)` merged: named alone they are one column, not an ambiguity.
    pub merged: Vec<String>,
}

/// Why a column could not be found.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup<'a> {
    Found(&'a OutCol),
    NoRelation,
    NoColumn,
    Ambiguous,
}

impl<'p> Scope<'p> {
    pub fn child(parent: &'p Scope<'p>) -> Scope<'p> {
        Scope {
            relations: Vec::new(),
            parent: Some(parent),
            outputs: Vec::new(),
            merged: Vec::new(),
        }
    }

    pub fn relation(&self, name: &str) -> Option<&Relation> {
        self.relations
            .iter()
            .rev()
            .find(|r| r.name == name)
            .or_else(|| {
                self.relations
                    .iter()
                    .rev()
                    .find(|r| r.name.eq_ignore_ascii_case(name))
            })
            .or_else(|| self.parent.and_then(|p| p.relation(name)))
    }

    pub fn lookup(&self, qualifier: Option<&str>, name: &str) -> Lookup<'_> {
        if let Some(q) = qualifier {
            return match self.relation(q) {
                None => Lookup::NoRelation,
                Some(r) => r.column(name).map_or(Lookup::NoColumn, Lookup::Found),
            };
        }
        let mut found = self.relations.iter().filter_map(|r| r.column(name));
        match (found.next(), found.next()) {
            (Some(c), None) => Lookup::Found(c),
            (Some(c), Some(_)) if self.merged.iter().any(|m| m == name) => Lookup::Found(c),
            (Some(_), Some(_)) => Lookup::Ambiguous,
            (None, _) => match self.outputs.iter().find(|c| c.name == name) {
                Some(c) => Lookup::Found(c),
                None => self
                    .parent
                    .map_or(Lookup::NoColumn, |p| p.lookup(None, name)),
            },
        }
    }
}
