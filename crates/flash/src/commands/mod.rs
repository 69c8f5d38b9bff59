//! One module per subcommand.

mod diff;
mod drift;
mod gen;
mod init;
mod inspect;
mod migrate;
mod pull;

pub use diff::hazard_lines;

use crate::cli::{Cli, Command};
use crate::exit::ExitStatus;
use crate::printer::Printer;

pub fn run(cli: Cli) -> anyhow::Result<ExitStatus> {
    let printer = Printer::new(cli.global.quiet);
    match cli.command {
        Command::Init(args) => init::init(&args, printer),
        Command::Inspect(args) => inspect::inspect(&args, &cli.global, printer),
        Command::Diff(args) => diff::diff(&args, &cli.global, printer),
        Command::Migrate(args) => migrate::migrate(&args, &cli.global, printer),
        Command::Drift(args) => drift::drift(&args, &cli.global, printer),
        Command::Pull(args) => pull::pull(&args, &cli.global, printer),
        Command::Gen(args) => gen::gen(&args, &cli.global, printer),
    }
}
