//! Changes to SQL, per dialect. Each renderer turns every change into statements tagged with a [`Phase`] and the
//! object they create or drop ([`Staged`]); `plan::order` puts them in their final order for all dialects alike.

mod mysql;
mod phase;
mod postgres;
pub(crate) mod sqlite;

use flash_core::{Dialect, Schema};

pub use phase::{ObjectKind, ObjectRef, Phase, Placement, Staged};

use crate::Change;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum RenderError {
    #[error("rendering {what} for {dialect} is not implemented yet")]
    Unsupported { dialect: Dialect, what: String },
}

/// The statements for `changes`, which turn `from` into `to`. Renderers read the schemas for what a change alone
/// does not say: MySQL's `MODIFY COLUMN` restates the whole column, a SQLite rebuild the whole table and what hangs
/// off it.
pub fn render(
    dialect: Dialect,
    changes: &[Change],
    from: &Schema,
    to: &Schema,
) -> Result<Vec<Staged>, RenderError> {
    match dialect {
        Dialect::Postgres => postgres::render(changes, from, to),
        Dialect::Mysql => mysql::render(changes, from, to),
        Dialect::Sqlite => sqlite::render(changes, from, to),
    }
}

/// Names separated by `, `, each written by the dialect's `push_name`, at the end of `out`.
fn push_list(out: &mut String, names: &[String], push_name: fn(&mut String, &str)) {
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        push_name(out, name);
    }
}

/// What an index key is on, at the end of `out`: its column (written by the dialect's `push_name`) or its expression
/// in parentheses.
fn push_index_key(
    out: &mut String,
    key: &flash_core::IndexKeyPart,
    push_name: fn(&mut String, &str),
) {
    match (&key.column, &key.expr) {
        (Some(c), _) => push_name(out, c),
        (None, Some(e)) => {
            out.push('(');
            out.push_str(e);
            out.push(')');
        }
        (None, None) => {}
    }
}
