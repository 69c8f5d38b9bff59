//! A one-line progress display on stderr for long work, only when stderr is a terminal: pipes and logs get the
//! plain result lines alone.

use std::io::{IsTerminal, Write};

pub struct Progress {
    total: usize,
    on: bool,
}

impl Progress {
    pub fn new(total: usize) -> Self {
        Progress {
            total,
            on: std::io::stderr().is_terminal(),
        }
    }

    /// `[2/5] applying 20260101_x ...`, with a bar.
    pub fn show(&mut self, done: usize, what: &str) {
        if !self.on {
            return;
        }
        const WIDTH: usize = 20;
        let filled = (done * WIDTH).checked_div(self.total).unwrap_or(WIDTH);
        let bar: String = "#".repeat(filled) + &"-".repeat(WIDTH - filled);
        let mut err = std::io::stderr();
        let _ = write!(
            err,
            "\r\x1b[2K[{bar}] {}/{} applying {what} ...",
            done + 1,
            self.total
        );
        let _ = err.flush();
    }

    pub fn clear(&mut self) {
        if self.on {
            let mut err = std::io::stderr();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
        }
    }
}
