//! Parsing many statements at once, on every core: the texts are grouped into batches, each batch is one call into
//! libpg_query (one text with the statements one after another), and the batches run on worker threads.
//!
//! Each statement comes back with the parse trees of what it holds and the offset its locations are counted
//! from, so a caller maps a node's location into its own file. A statement text given twice is parsed once: the
//! two sides of `flash diff` share most of theirs.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

use pg_query::protobuf::RawStmt;

use super::libpg_query;

/// The statements one piece of text parsed into; node locations count from `base` (subtract it to get an offset
/// into the piece).
#[derive(Debug, Default)]
pub struct ParsedPiece {
    pub stmts: Vec<RawStmt>,
    pub base: i64,
}

/// Statements per batch at most: small enough that batches spread over the workers and each parse tree stays
/// small, large enough that the fixed cost of a call into libpg_query does not show.
const BATCH_BYTES: usize = 16 * 1024;

/// Parses each distinct text of `pieces` once. `None` when any batch fails to parse or a piece does not come back
/// as whole statements of its own (the piece was cut wrongly): the caller then parses its files whole.
pub fn parse_pieces<'t>(pieces: &[&'t str]) -> Option<HashMap<&'t str, ParsedPiece>> {
    let mut distinct: Vec<&str> = Vec::with_capacity(pieces.len());
    let mut seen: HashMap<&str, ()> = HashMap::with_capacity(pieces.len());
    for piece in pieces {
        if seen.insert(piece, ()).is_none() {
            distinct.push(piece);
        }
    }
    let batches = batches(&distinct);
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(batches.len());
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    // One slot per batch, filled by whichever worker parsed it.
    let slots: Vec<Mutex<Vec<ParsedPiece>>> = batches.iter().map(|_| Mutex::default()).collect();
    let work = || {
        while !failed.load(Ordering::Relaxed) {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(range) = batches.get(index) else {
                break;
            };
            match parse_batch(&distinct[range.clone()]) {
                Some(parsed) => *slots[index].lock().unwrap_or_else(|p| p.into_inner()) = parsed,
                // Nothing else matters once one batch failed: the files are parsed whole anyway.
                None => failed.store(true, Ordering::Relaxed),
            }
        }
    };
    if workers > 1 {
        std::thread::scope(|scope| {
            for _ in 1..workers {
                scope.spawn(work);
            }
            work();
        });
    } else {
        work();
    }
    if failed.into_inner() {
        return None;
    }
    let parsed = slots
        .into_iter()
        .flat_map(|slot| slot.into_inner().unwrap_or_else(|p| p.into_inner()));
    Some(distinct.into_iter().zip(parsed).collect())
}

/// Consecutive ranges of `texts` of about `BATCH_BYTES` each.
fn batches(texts: &[&str]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut bytes = 0;
    for (i, text) in texts.iter().enumerate() {
        bytes += text.len();
        if bytes >= BATCH_BYTES {
            out.push(start..i + 1);
            start = i + 1;
            bytes = 0;
        }
    }
    if start < texts.len() {
        out.push(start..texts.len());
    }
    out
}

/// One call into libpg_query for `texts`, then each statement handed back to the piece it came from.
fn parse_batch(texts: &[&str]) -> Option<Vec<ParsedPiece>> {
    // A newline before each `;`, so a piece ending in a line comment does not swallow it.
    let mut sql = String::with_capacity(texts.iter().map(|t| t.len() + 2).sum());
    let mut spans = Vec::with_capacity(texts.len());
    for text in texts {
        let start = sql.len();
        sql.push_str(text);
        spans.push(start..sql.len());
        sql.push_str("\n;");
    }
    let parsed = libpg_query::parse(&sql).ok()?;
    let mut pieces: Vec<ParsedPiece> = spans
        .iter()
        .map(|span| ParsedPiece {
            stmts: Vec::new(),
            base: span.start as i64,
        })
        .collect();
    let mut piece = 0;
    for raw in parsed.stmts {
        let start = super::first_token(&sql, usize::try_from(raw.stmt_location).ok()?);
        // A statement's length is 0 when it runs to the end of the text.
        let end = match usize::try_from(raw.stmt_len).ok()? {
            0 => sql.len(),
            len => usize::try_from(raw.stmt_location).ok()? + len,
        };
        while spans.get(piece).is_some_and(|s| s.end < start) {
            piece += 1;
        }
        let span = spans.get(piece)?;
        let first_of_piece = pieces[piece].stmts.is_empty();
        if start < span.start || (first_of_piece && start != span.start) {
            return None;
        }
        // The statement must end inside its piece: at most the newline put before its `;` is not the piece's.
        if end > span.end + 1 {
            return None;
        }
        pieces[piece].stmts.push(raw);
    }
    pieces.iter().all(|p| !p.stmts.is_empty()).then_some(pieces)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_piece_gets_its_statements_and_shared_texts_are_parsed_once() {
        let pieces = [
            "CREATE TABLE a (x int)",
            "SELECT 1; SELECT 2",
            "CREATE TABLE a (x int)",
        ];
        let parsed = parse_pieces(&pieces).expect("parses");
        assert_eq!(parsed.len(), 2);
        assert_eq!(parsed["SELECT 1; SELECT 2"].stmts.len(), 2);
        assert_eq!(parsed["CREATE TABLE a (x int)"].stmts.len(), 1);
    }

    #[test]
    fn a_wrong_cut_or_a_syntax_error_is_refused() {
        // The first piece ends inside a dollar quote: it runs into the second one.
        assert!(parse_pieces(&["SELECT $$a", "b$$"]).is_none());
        assert!(parse_pieces(&["SELECT 'a", "b'"]).is_none());
        // A comment that swallows the next piece whole.
        assert!(parse_pieces(&["SELECT 1 /* a", "SELECT 2 */"]).is_none());
        assert!(parse_pieces(&["CREATE TABLE (", "x"]).is_none());
    }

    #[test]
    fn batches_cover_every_text_once() {
        let big = "x".repeat(BATCH_BYTES / 2 + 1);
        let texts: Vec<&str> = vec![&big, "a", &big, &big, "b"];
        let b = batches(&texts);
        assert_eq!(b.first().map(|r| r.start), Some(0));
        assert_eq!(b.last().map(|r| r.end), Some(texts.len()));
        assert!(b.windows(2).all(|w| w[0].end == w[1].start));
    }
}
