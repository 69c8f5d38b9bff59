//! Where a PostgreSQL syntax error is.
//!
//! The `pg_query` crate keeps only the message of a parse error and drops libpg_query's cursor position. We need the
//! position for a `path:line:col` diagnostic, so on the error path only we call libpg_query's plain entry point,
//! which pg_query has already linked into the binary, and read the cursor position it reports.

#![allow(unsafe_code)]

use std::ffi::{c_char, c_int, CStr, CString};

#[repr(C)]
struct PgQueryError {
    message: *mut c_char,
    funcname: *mut c_char,
    filename: *mut c_char,
    lineno: c_int,
    cursorpos: c_int,
    context: *mut c_char,
}

#[repr(C)]
struct PgQueryParseResult {
    parse_tree: *mut c_char,
    stderr_buffer: *mut c_char,
    error: *mut PgQueryError,
}

extern "C" {
    fn pg_query_parse(input: *const c_char) -> PgQueryParseResult;
    fn pg_query_free_parse_result(result: PgQueryParseResult);
}

/// A syntax error: PostgreSQL's message and the byte offset it points at (if it points anywhere).
pub struct SyntaxError {
    pub message: String,
    pub offset: Option<usize>,
}

/// Parses `sql` with libpg_query to learn where it fails. `None` when it parses.
pub fn locate(sql: &str) -> Option<SyntaxError> {
    let input = CString::new(sql).ok()?;
    // SAFETY: `input` is a valid NUL-terminated string that outlives the call; the result is freed exactly once
    // below, after its error fields have been copied out.
    unsafe {
        let result = pg_query_parse(input.as_ptr());
        let found = if result.error.is_null() {
            None
        } else {
            let err = &*result.error;
            let message = if err.message.is_null() {
                String::new()
            } else {
                CStr::from_ptr(err.message).to_string_lossy().into_owned()
            };
            // cursorpos is 1-based and counts characters, not bytes.
            let offset = (err.cursorpos > 0).then(|| char_to_byte(sql, err.cursorpos as usize - 1));
            Some(SyntaxError { message, offset })
        };
        pg_query_free_parse_result(result);
        found
    }
}

fn char_to_byte(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map(|(i, _)| i)
        .unwrap_or(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_the_byte_offset_of_the_bad_token() {
        let sql = "CREATE TABLE é (a int);\nCREATE TABLE t (a int,, b int);";
        let err = locate(sql).expect("has an error");
        assert_eq!(err.message, "syntax error at or near \",\"");
        assert_eq!(err.offset, sql.find(",,").map(|i| i + 1));
        assert!(locate("SELECT 1").is_none());
    }
}
