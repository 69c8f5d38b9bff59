//! Parsing many statements at once, on every core, while they are being used: the distinct statement texts are
//! grouped into batches, each batch is one call into libpg_query (one text with the statements one after another),
//! worker threads parse the batches in order, and whoever walks the statements ([`Statements::take`]) gets each one
//! as soon as its batch is parsed. A batch's trees are freed as soon as every use of its statements has been taken,
//! and the workers stay at most [`WINDOW`] batches ahead of what has been asked for, so the trees of a whole schema
//! never sit in memory at once (a fresh page costs more than the parse of it).
//!
//! The plain statements among them (`CREATE TABLE` and `CREATE INDEX` of the commonest shapes) never reach
//! libpg_query: [`plain`] reads their trees directly, and the rest of the batch goes in the one call.
//!
//! Each statement comes back with the parse trees of what it holds and the offset its locations are counted
//! from, so a caller maps a node's location into its own file. A statement text used twice is parsed once: the
//! two sides of `flash diff` share most of theirs.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use pg_query::protobuf::RawStmt;

use super::{libpg_query, plain};

/// The statements one piece of text parsed into; node locations count from `base` (subtract it to get an offset
/// into the piece).
#[derive(Debug, Default)]
pub struct ParsedPiece {
    pub stmts: Vec<RawStmt>,
    pub base: i64,
}

/// Bytes of SQL per batch: small, so that few parse trees are alive at once (on a 500-table schema, 4 KiB batches
/// touch half the fresh pages 16 KiB ones do), and still large enough that the fixed cost of a call into
/// libpg_query does not show.
const BATCH_BYTES: usize = 4 * 1024;

/// How many batches the workers may parse beyond the last one asked for.
const WINDOW: usize = 2;

/// The statement texts of several sides, parsed by [`Statements::work`] and handed out by [`Statements::take`].
pub struct Statements<'t> {
    /// Each distinct text: its batch and its place in the batch.
    place: HashMap<&'t str, (usize, usize)>,
    texts: Vec<&'t str>,
    batches: Vec<Range<usize>>,
    slots: Vec<Slot>,
    next: AtomicUsize,
    failed: AtomicBool,
    /// One past the furthest batch asked for (`usize::MAX`: parse everything); workers wait on `asked`.
    demand: Mutex<usize>,
    asked: Condvar,
}

struct Slot {
    /// How many takes the batch's statements will see, over all sides.
    uses: usize,
    state: Mutex<State>,
    ready: Condvar,
}

enum State {
    Pending,
    /// Parsed; `uses` takes are still to come.
    Parsed {
        pieces: Vec<Arc<ParsedPiece>>,
        uses: usize,
    },
    Done,
}

impl<'t> Statements<'t> {
    /// The pieces of each side, in the order each side will take them. The distinct texts are parsed in the order
    /// the sides need them together: first pieces of every side first.
    pub fn new(sides: &[Vec<&'t str>]) -> Self {
        let mut place: HashMap<&str, (usize, usize)> = HashMap::new();
        let mut texts = Vec::new();
        let longest = sides.iter().map(Vec::len).max().unwrap_or(0);
        for i in 0..longest {
            for side in sides {
                if let Some(&text) = side.get(i) {
                    place.entry(text).or_insert_with(|| {
                        texts.push(text);
                        (0, texts.len() - 1)
                    });
                }
            }
        }
        let batches = batches(&texts);
        let mut uses = vec![0; batches.len()];
        for (index, range) in batches.iter().enumerate() {
            for (offset, text) in texts[range.clone()].iter().enumerate() {
                if let Some(p) = place.get_mut(text) {
                    *p = (index, offset);
                }
            }
        }
        for text in sides.iter().flatten() {
            if let Some(&(batch, _)) = place.get(text) {
                uses[batch] += 1;
            }
        }
        let slots = uses
            .into_iter()
            .map(|uses| Slot {
                uses,
                state: Mutex::new(State::Pending),
                ready: Condvar::new(),
            })
            .collect();
        Statements {
            place,
            texts,
            batches,
            slots,
            next: AtomicUsize::new(0),
            failed: AtomicBool::new(false),
            demand: Mutex::new(0),
            asked: Condvar::new(),
        }
    }

    /// How many threads [`Self::work`] is worth running on: the cores, or fewer when there are fewer batches.
    pub fn workers(&self) -> usize {
        std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(self.batches.len())
    }

    /// Parses batches until none is left (or one failed); meant to run on several threads at once.
    pub fn work(&self) {
        while !self.failed.load(Ordering::Relaxed) {
            let index = self.next.fetch_add(1, Ordering::Relaxed);
            let Some(range) = self.batches.get(index) else {
                break;
            };
            self.wait_for_demand(index);
            let parsed = parse_batch(&self.texts[range.clone()]);
            let slot = &self.slots[index];
            match parsed {
                Some(pieces) => {
                    *lock(&slot.state) = State::Parsed {
                        pieces: pieces.into_iter().map(Arc::new).collect(),
                        uses: slot.uses,
                    };
                    slot.ready.notify_all();
                }
                None => {
                    self.failed.store(true, Ordering::Relaxed);
                    // Wake every walker and worker: what they wait for may never come now.
                    for slot in &self.slots {
                        let _state = lock(&slot.state);
                        slot.ready.notify_all();
                    }
                    let _demand = lock(&self.demand);
                    self.asked.notify_all();
                }
            }
        }
    }

    /// The parsed statement for `text` (one of the pieces given to [`Self::new`]), once its batch is parsed; each
    /// use of a piece takes it once. `None` when the statements cannot be parsed apart: a batch failed.
    pub fn take(&self, text: &str) -> Option<Arc<ParsedPiece>> {
        let &(batch, offset) = self.place.get(text)?;
        self.ask(batch + 1);
        let slot = &self.slots[batch];
        let mut state = lock(&slot.state);
        loop {
            match &mut *state {
                State::Pending if self.failed.load(Ordering::Relaxed) => return None,
                State::Pending => {
                    state = slot
                        .ready
                        .wait(state)
                        .unwrap_or_else(|poison| poison.into_inner());
                }
                State::Parsed { pieces, uses } => {
                    let piece = pieces.get(offset).cloned();
                    *uses = uses.saturating_sub(1);
                    if *uses == 0 {
                        // The last use: the batch's trees go with the last clone handed out.
                        *state = State::Done;
                    }
                    return piece;
                }
                State::Done => return None,
            }
        }
    }

    /// Lets the workers parse everything: for a walker that stopped at an error, since whether a later statement
    /// fails to parse still decides which error stands.
    pub fn ask_all(&self) {
        self.ask(usize::MAX);
    }

    fn ask(&self, until: usize) {
        let mut demand = lock(&self.demand);
        if until > *demand {
            *demand = until;
            self.asked.notify_all();
        }
    }

    fn wait_for_demand(&self, index: usize) {
        let mut demand = lock(&self.demand);
        while index >= demand.saturating_add(WINDOW) && !self.failed.load(Ordering::Relaxed) {
            demand = self
                .asked
                .wait(demand)
                .unwrap_or_else(|poison| poison.into_inner());
        }
    }

    /// Whether a batch failed to parse (so the files are to be parsed whole).
    pub fn failed(&self) -> bool {
        self.failed.load(Ordering::Relaxed)
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poison| poison.into_inner())
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

/// The statements of `texts`: the plain ones read by [`plain`] here, the rest in one call into libpg_query, each
/// handed back to the piece it came from.
fn parse_batch(texts: &[&str]) -> Option<Vec<ParsedPiece>> {
    let mut pieces: Vec<Option<ParsedPiece>> = texts.iter().map(|t| plain_piece(t)).collect();
    let rest: Vec<usize> = (0..texts.len()).filter(|&i| pieces[i].is_none()).collect();
    if !rest.is_empty() {
        let parsed = parse_with_libpg_query(&rest.iter().map(|&i| texts[i]).collect::<Vec<_>>())?;
        for (i, piece) in rest.into_iter().zip(parsed) {
            pieces[i] = Some(piece);
        }
    }
    pieces.into_iter().collect()
}

/// A piece that is one plain statement, its tree read without libpg_query.
fn plain_piece(text: &str) -> Option<ParsedPiece> {
    let tree = plain::statement(text)?;
    Some(ParsedPiece {
        stmts: vec![RawStmt {
            stmt: Some(Box::new(tree)),
            stmt_location: 0,
            stmt_len: i32::try_from(text.len()).ok()?,
        }],
        base: 0,
    })
}

/// One call into libpg_query for `texts`, then each statement handed back to the piece it came from.
fn parse_with_libpg_query(texts: &[&str]) -> Option<Vec<ParsedPiece>> {
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

/// Every distinct text of `pieces` parsed (on this thread), for tests; `None` as [`Statements::take`] gives it.
#[cfg(test)]
pub fn parse_pieces<'t>(pieces: &[&'t str]) -> Option<HashMap<&'t str, Arc<ParsedPiece>>> {
    let statements = Statements::new(&[pieces.to_vec()]);
    statements.ask_all();
    statements.work();
    pieces
        .iter()
        .map(|p| Some((*p, statements.take(p)?)))
        .collect()
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
    fn plain_and_other_statements_in_one_batch_each_get_their_own_tree() {
        let pieces = [
            "CREATE TABLE a (x int)",
            "CREATE VIEW v AS SELECT 1",
            "CREATE INDEX ON a (x)",
            "CREATE TABLE b (y int CHECK (y > 0))",
        ];
        let parsed = parse_pieces(&pieces).expect("parses");
        let kind = |stmt: &RawStmt| {
            format!("{:?}", stmt.stmt)
                .chars()
                .take(40)
                .collect::<String>()
        };
        for (i, piece) in pieces.into_iter().enumerate() {
            let alone = libpg_query::parse(piece).expect("parses alone");
            let got = &parsed[piece];
            assert_eq!(got.stmts.len(), 1, "{piece}");
            assert_eq!(kind(&got.stmts[0]), kind(&alone.stmts[0]), "{piece}");
            // A plain piece is read on its own, so its locations count from its start and its tree is the one
            // libpg_query gives for it alone.
            if i % 2 == 0 {
                assert_eq!(got.base, 0, "{piece}");
                assert_eq!(got.stmts[0].stmt, alone.stmts[0].stmt, "{piece}");
            }
        }
        // The other two shared one call into libpg_query: the second's locations count from further in.
        assert!(parsed[pieces[3]].base > 0);
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
