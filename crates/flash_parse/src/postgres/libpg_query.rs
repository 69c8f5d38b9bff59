//! Parsing through libpg_query's C entry point.
//!
//! The `pg_query` crate's `parse` drops the error's cursor position (which a `path:line:col` diagnostic needs) and
//! walks the whole tree afterwards to collect table and function names that Flash never reads. We call the C
//! function it links in ourselves and decode the protobuf tree with the crate's own message types.

#![allow(unsafe_code)]

use std::ffi::{c_char, c_int, CStr, CString};
use std::sync::Mutex;

use pg_query::protobuf::ParseResult;
use prost::Message;

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
struct PgQueryProtobuf {
    len: usize,
    data: *mut c_char,
}

#[repr(C)]
struct PgQueryProtobufParseResult {
    parse_tree: PgQueryProtobuf,
    stderr_buffer: *mut c_char,
    error: *mut PgQueryError,
}

/// PostgreSQL's keyword table (`src/common/keywords.c`), as libpg_query links it.
#[repr(C)]
struct ScanKeywordList {
    kw_string: *const c_char,
    kw_offsets: *const u16,
    hash: *const std::ffi::c_void,
    num_keywords: c_int,
    max_kw_len: c_int,
}

extern "C" {
    static ScanKeywords: ScanKeywordList;
    static ScanKeywordCategories: [u8; 0];
    fn ScanKeywordLookup(word: *const c_char, keywords: *const ScanKeywordList) -> c_int;
    fn dup(fd: c_int) -> c_int;
    fn dup2(from: c_int, to: c_int) -> c_int;
    fn close(fd: c_int) -> c_int;
    fn pg_query_parse_protobuf(input: *const c_char) -> PgQueryProtobufParseResult;
    fn pg_query_free_protobuf_parse_result(result: PgQueryProtobufParseResult);
}

/// A parse failure: PostgreSQL's message and the byte offset it points at, if it points anywhere.
#[derive(Debug)]
pub struct ParseFailure {
    pub message: String,
    pub offset: Option<usize>,
}

/// Parses `sql` (which must not contain a NUL byte) into PostgreSQL's raw parse tree.
pub fn parse(sql: &str) -> Result<ParseResult, ParseFailure> {
    let input = CString::new(sql).map_err(|e| ParseFailure {
        message: "SQL text cannot contain a NUL byte".into(),
        offset: Some(e.nul_position()),
    })?;
    let _stderr = StderrGuard::enter();
    // SAFETY: `input` is a valid NUL-terminated string that outlives the call. The result's buffers are read (copied
    // into owned values) before the result is freed, exactly once.
    unsafe {
        let result = pg_query_parse_protobuf(input.as_ptr());
        let outcome = if !result.error.is_null() {
            let err = &*result.error;
            let message = if err.message.is_null() {
                String::new()
            } else {
                CStr::from_ptr(err.message).to_string_lossy().into_owned()
            };
            // cursorpos is 1-based and counts characters, not bytes.
            let offset = (err.cursorpos > 0).then(|| char_to_byte(sql, err.cursorpos as usize - 1));
            Err(ParseFailure { message, offset })
        } else if result.parse_tree.data.is_null() {
            Ok(ParseResult::default())
        } else {
            let bytes = std::slice::from_raw_parts(
                result.parse_tree.data as *const u8,
                result.parse_tree.len,
            );
            ParseResult::decode(bytes).map_err(|e| ParseFailure {
                message: format!("cannot read the parse tree: {e}"),
                offset: None,
            })
        };
        pg_query_free_protobuf_parse_result(result);
        outcome
    }
}

/// How many parses are running, and the copy of the process's stderr taken when the first began.
static STDERR: Mutex<(usize, c_int)> = Mutex::new((0, -1));

/// libpg_query points the process's stderr (fd 2) at a pipe of its own for the length of each parse, then puts
/// back the descriptor it found there. Two parses on two threads interleave those steps, and the one that finishes
/// last can put back the other's pipe, whose reading end is closed by then: every later write to stderr fails. So
/// every parse runs inside this guard: the first to enter keeps a copy of fd 2, the last to leave puts it back.
struct StderrGuard;

impl StderrGuard {
    fn enter() -> StderrGuard {
        let mut state = STDERR.lock().unwrap_or_else(|p| p.into_inner());
        if state.0 == 0 {
            // SAFETY: dup only reads the descriptor table; -1 (stderr closed) is remembered as such.
            state.1 = unsafe { dup(2) };
        }
        state.0 += 1;
        StderrGuard
    }
}

impl Drop for StderrGuard {
    fn drop(&mut self) {
        let mut state = STDERR.lock().unwrap_or_else(|p| p.into_inner());
        state.0 -= 1;
        if state.0 == 0 {
            // SAFETY: the saved descriptor is ours (from dup above) and closed exactly once, here.
            unsafe {
                if state.1 >= 0 {
                    dup2(state.1, 2);
                    close(state.1);
                } else {
                    close(2);
                }
            }
            state.1 = -1;
        }
    }
}

/// What kind of keyword a word is to PostgreSQL's grammar (`kwlist.h`'s categories, in its order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keyword {
    Unreserved,
    ColName,
    TypeFuncName,
    Reserved,
}

/// The keyword `word` is (compared as the scanner does: ASCII letters in any case), or `None` for a plain
/// identifier. Asks the grammar's own table, so it is right for the PostgreSQL version libpg_query carries.
pub fn keyword(word: &str) -> Option<Keyword> {
    // No keyword is longer than this (the longest today has 17 bytes); a longer word needs no lookup.
    const LONGEST: usize = 32;
    if word.len() > LONGEST || word.bytes().any(|b| b == 0) {
        return None;
    }
    let mut buffer = [0u8; LONGEST + 1];
    buffer[..word.len()].copy_from_slice(word.as_bytes());
    // SAFETY: `buffer` is NUL-terminated (it holds at most LONGEST bytes of the word, no NUL among them);
    // ScanKeywordLookup only reads it and the static table, and returns -1 or an index into the table, which
    // has one category per keyword.
    unsafe {
        let index = ScanKeywordLookup(buffer.as_ptr().cast(), &raw const ScanKeywords);
        let index = usize::try_from(index).ok()?;
        let category = *(&raw const ScanKeywordCategories).cast::<u8>().add(index);
        Some(match category {
            0 => Keyword::Unreserved,
            1 => Keyword::ColName,
            2 => Keyword::TypeFuncName,
            _ => Keyword::Reserved,
        })
    }
}

/// Every keyword of the grammar, in lower case: for tests that try each one where an identifier may stand.
#[cfg(test)]
pub fn all_keywords() -> Vec<String> {
    // SAFETY: the table is static; `kw_offsets` has `num_keywords` entries, each the offset of a NUL-terminated
    // string inside `kw_string`.
    unsafe {
        let list = &ScanKeywords;
        let count = usize::try_from(list.num_keywords).unwrap_or(0);
        (0..count)
            .map(|i| {
                let offset = usize::from(*list.kw_offsets.add(i));
                CStr::from_ptr(list.kw_string.add(offset))
                    .to_string_lossy()
                    .into_owned()
            })
            .collect()
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
        let err = parse(sql).expect_err("has an error");
        assert_eq!(err.message, "syntax error at or near \",\"");
        assert_eq!(err.offset, sql.find(",,").map(|i| i + 1));
        assert_eq!(parse("SELECT 1; SELECT 2").expect("parses").stmts.len(), 2);
        assert_eq!(parse("").expect("empty is fine").stmts.len(), 0);
    }

    #[test]
    fn keywords_come_from_the_grammar() {
        assert_eq!(keyword("name"), Some(Keyword::Unreserved));
        assert_eq!(keyword("NAME"), Some(Keyword::Unreserved));
        assert_eq!(keyword("integer"), Some(Keyword::ColName));
        assert_eq!(keyword("left"), Some(Keyword::TypeFuncName));
        assert_eq!(keyword("select"), Some(Keyword::Reserved));
        assert_eq!(keyword("t0001"), None);
        assert_eq!(keyword("x".repeat(40).as_str()), None);
        let all = all_keywords();
        assert!(all.len() > 400, "{}", all.len());
        assert!(
            all.iter().all(|k| keyword(k).is_some()),
            "every listed keyword is found"
        );
    }
}
