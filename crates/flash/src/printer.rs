//! Where a command's messages go: progress lines to stdout unless `--quiet`, results always.

#[derive(Debug, Clone, Copy)]
pub struct Printer {
    quiet: bool,
}

impl Printer {
    pub fn new(quiet: bool) -> Self {
        Printer { quiet }
    }

    /// A line about what the command is doing; `--quiet` drops it.
    pub fn status(&self, line: impl AsRef<str>) {
        if !self.quiet {
            println!("{}", line.as_ref());
        }
    }

    /// A remark beside a result that owns stdout (a script, JSON): to stderr, so pipes get the result alone;
    /// `--quiet` drops it.
    pub fn note(&self, line: impl AsRef<str>) {
        if !self.quiet {
            eprintln!("{}", line.as_ref());
        }
    }

    /// The command's result (a report, JSON): printed whatever the verbosity.
    pub fn output(&self, text: impl AsRef<str>) {
        print!("{}", text.as_ref());
    }
}
