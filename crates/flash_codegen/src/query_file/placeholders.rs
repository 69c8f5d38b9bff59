//! Parameters in a query's SQL: `$1` (PostgreSQL), `?` (MySQL, SQLite), `@name`, `sqlc.arg(name)` and
//! `sqlc.narg(name)` everywhere. Strings, quoted identifiers and comments are skipped.

use flash_core::Dialect;

/// One parameter of the query: what the generated function takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamDecl {
    /// The name given by `@name`/`sqlc.arg(name)`; positional parameters have none and are named by inference.
    pub name: Option<String>,
    /// `sqlc.narg`: the parameter may be NULL whatever it is compared with.
    pub nullable: bool,
}

/// One place in the text where a parameter is bound. A named parameter used twice has two slots.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub param: usize,
    /// Byte range of the placeholder as written.
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Placeholders {
    pub params: Vec<ParamDecl>,
    pub slots: Vec<Slot>,
    /// Byte offsets of statement-ending semicolons outside strings and comments.
    pub semicolons: Vec<usize>,
}

/// A placeholder error: the byte offset it points at and one sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceholderError {
    pub offset: usize,
    pub message: String,
}

/// Finds every parameter slot in `sql`.
pub fn scan(dialect: Dialect, sql: &str) -> Result<Placeholders, PlaceholderError> {
    let bytes = sql.as_bytes();
    let mut out = Placeholders::default();
    let mut positional = false;
    let mut named = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'\'' => i = skip_quoted(bytes, i, b'\'', dialect == Dialect::Mysql),
            b'"' => i = skip_quoted(bytes, i, b'"', dialect == Dialect::Mysql),
            b'`' if dialect != Dialect::Postgres => i = skip_quoted(bytes, i, b'`', false),
            b'-' if bytes.get(i + 1) == Some(&b'-') => {
                i = sql[i..].find('\n').map_or(bytes.len(), |n| i + n);
            }
            b'#' if dialect == Dialect::Mysql => {
                i = sql[i..].find('\n').map_or(bytes.len(), |n| i + n);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = sql[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |n| i + 2 + n + 2);
            }
            b';' => {
                out.semicolons.push(i);
                i += 1;
            }
            b'$' if dialect == Dialect::Postgres => {
                let digits = take_while(bytes, i + 1, |c| c.is_ascii_digit());
                if digits > 0 && !prev_is_ident(bytes, i) {
                    let end = i + 1 + digits;
                    let number: usize = sql[i + 1..end].parse().unwrap_or(0);
                    if number == 0 || number > 65535 {
                        return Err(PlaceholderError {
                            offset: i,
                            message: format!("parameter {} is out of range", &sql[i..end]),
                        });
                    }
                    positional = true;
                    while out.params.len() < number {
                        out.params.push(ParamDecl {
                            name: None,
                            nullable: false,
                        });
                    }
                    out.slots.push(Slot {
                        param: number - 1,
                        start: i,
                        end,
                    });
                    i = end;
                } else if let Some(end) = dollar_quote_end(sql, i) {
                    i = end;
                } else {
                    i += 1;
                }
            }
            b'?' if dialect != Dialect::Postgres => {
                positional = true;
                out.params.push(ParamDecl {
                    name: None,
                    nullable: false,
                });
                out.slots.push(Slot {
                    param: out.params.len() - 1,
                    start: i,
                    end: i + 1,
                });
                i += 1;
            }
            // MySQL system variables (`@@version`) are not parameters.
            b'@' if bytes.get(i + 1) == Some(&b'@') => {
                i += 2 + take_while(bytes, i + 2, is_ident_byte);
            }
            b'@' if !prev_is_ident(bytes, i) => {
                let len = take_while(bytes, i + 1, is_ident_byte);
                if len > 0 && !bytes[i + 1].is_ascii_digit() {
                    named = true;
                    let name = sql[i + 1..i + 1 + len].to_string();
                    bind_named(&mut out, name, false, i, i + 1 + len);
                    i += 1 + len;
                } else {
                    i += 1;
                }
            }
            b's' | b'S' if starts_with_ci(&sql[i..], "sqlc.") && !prev_is_ident(bytes, i) => {
                match sqlc_macro(sql, i)? {
                    Some((name, nullable, end)) => {
                        named = true;
                        bind_named(&mut out, name, nullable, i, end);
                        i = end;
                    }
                    None => i += 1,
                }
            }
            _ => i += 1,
        }
        if positional && named {
            let offset = out.slots.last().map_or(0, |s| s.start);
            return Err(PlaceholderError {
                offset,
                message: "a query mixes positional and named parameters; use one kind".into(),
            });
        }
    }
    if positional && dialect == Dialect::Postgres {
        let used: Vec<bool> = (0..out.params.len())
            .map(|p| out.slots.iter().any(|s| s.param == p))
            .collect();
        if let Some(missing) = used.iter().position(|u| !u) {
            let offset = out.slots.iter().map(|s| s.start).max().unwrap_or(0);
            return Err(PlaceholderError {
                offset,
                message: format!(
                    "parameter ${} is never used although higher numbers are",
                    missing + 1
                ),
            });
        }
    }
    Ok(out)
}

fn bind_named(out: &mut Placeholders, name: String, nullable: bool, start: usize, end: usize) {
    let param = match out
        .params
        .iter()
        .position(|p| p.name.as_deref() == Some(name.as_str()))
    {
        Some(p) => {
            out.params[p].nullable |= nullable;
            p
        }
        None => {
            out.params.push(ParamDecl {
                name: Some(name),
                nullable,
            });
            out.params.len() - 1
        }
    };
    out.slots.push(Slot { param, start, end });
}

/// `sqlc.arg(name)`, `sqlc.arg('name')`, `sqlc.narg(name)`: the name, whether it is nullable, and the end offset.
fn sqlc_macro(sql: &str, start: usize) -> Result<Option<(String, bool, usize)>, PlaceholderError> {
    let rest = &sql[start + 5..];
    let (nullable, after) = if starts_with_ci(rest, "narg") {
        (true, start + 9)
    } else if starts_with_ci(rest, "arg") {
        (false, start + 8)
    } else {
        return Ok(None);
    };
    let tail = &sql[after..];
    let open = tail.len() - tail.trim_start().len();
    if !tail[open..].starts_with('(') {
        return Ok(None);
    }
    let inner_start = after + open + 1;
    let Some(close) = sql[inner_start..].find(')') else {
        return Err(PlaceholderError {
            offset: start,
            message: "sqlc.arg( is not closed".into(),
        });
    };
    let raw = sql[inner_start..inner_start + close].trim();
    let name = raw.trim_matches(|c| c == '\'' || c == '"' || c == '`');
    if name.is_empty() || !name.bytes().all(is_ident_byte) || name.as_bytes()[0].is_ascii_digit() {
        return Err(PlaceholderError {
            offset: inner_start,
            message: format!("\"{raw}\" is not a parameter name"),
        });
    }
    Ok(Some((name.to_string(), nullable, inner_start + close + 1)))
}

fn skip_quoted(bytes: &[u8], start: usize, quote: u8, backslash_escapes: bool) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        let b = bytes[i];
        if backslash_escapes && b == b'\\' {
            i += 2;
            continue;
        }
        if b == quote {
            if bytes.get(i + 1) == Some(&quote) {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i += 1;
    }
    bytes.len()
}

/// The end of a PostgreSQL dollar-quoted string starting at `start` (`$$...$$`, `$tag$...$tag$`), if it is one.
fn dollar_quote_end(sql: &str, start: usize) -> Option<usize> {
    let bytes = sql.as_bytes();
    let tag_len = take_while(bytes, start + 1, is_ident_byte);
    if bytes.get(start + 1 + tag_len) != Some(&b'$') {
        return None;
    }
    let tag = &sql[start..start + tag_len + 2];
    let body = start + tag.len();
    Some(
        sql[body..]
            .find(tag)
            .map_or(sql.len(), |n| body + n + tag.len()),
    )
}

fn take_while(bytes: &[u8], from: usize, pred: impl Fn(u8) -> bool) -> usize {
    bytes
        .get(from..)
        .unwrap_or(&[])
        .iter()
        .take_while(|b| pred(**b))
        .count()
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn prev_is_ident(bytes: &[u8], i: usize) -> bool {
    i > 0 && (is_ident_byte(bytes[i - 1]) || bytes[i - 1] == b'$' || bytes[i - 1] == b'.')
}

fn starts_with_ci(text: &str, prefix: &str) -> bool {
    text.len() >= prefix.len()
        && text.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(p: &Placeholders) -> Vec<Option<&str>> {
        p.params.iter().map(|d| d.name.as_deref()).collect()
    }

    #[test]
    fn positional_parameters_per_dialect() {
        let pg = scan(Dialect::Postgres, "SELECT $2, '$1', $1 -- $3\n, $1").expect("scans");
        assert_eq!(pg.params.len(), 2);
        let order: Vec<usize> = pg.slots.iter().map(|s| s.param).collect();
        assert_eq!(order, vec![1, 0, 0]);
        let sqlite = scan(Dialect::Sqlite, "SELECT ? , '?', \"?\" /* ? */, ?").expect("scans");
        assert_eq!(sqlite.slots.len(), 2);
        assert_eq!(sqlite.slots[1].param, 1);
        let pg_json = scan(Dialect::Postgres, "SELECT data ? 'k' FROM t").expect("scans");
        assert!(pg_json.slots.is_empty());
    }

    #[test]
    fn named_parameters_are_shared_by_name() {
        let p = scan(
            Dialect::Mysql,
            "SELECT * FROM t WHERE a = @email OR b = sqlc.arg(email) OR c = sqlc.narg('bio') OR @@version",
        )
        .expect("scans");
        assert_eq!(names(&p), vec![Some("email"), Some("bio")]);
        assert_eq!(p.slots.len(), 3);
        assert!(p.params[1].nullable);
    }

    #[test]
    fn refuses_mixing_and_gaps() {
        let mixed = scan(Dialect::Sqlite, "SELECT ?, @a").expect_err("mixed");
        assert!(mixed.message.contains("mixes"));
        let gap = scan(Dialect::Postgres, "SELECT $1, $3").expect_err("gap");
        assert!(gap.message.contains("$2"), "{}", gap.message);
        let dollar = scan(Dialect::Postgres, "SELECT $$ $1 $$, $tag$ ? $tag$").expect("scans");
        assert!(dollar.slots.is_empty());
    }
}
