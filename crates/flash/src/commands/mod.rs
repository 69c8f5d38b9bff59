//! One module per subcommand.

mod init;
mod inspect;

use crate::cli::{Cli, Command};
use crate::exit::ExitStatus;
use crate::printer::Printer;

pub fn run(cli: Cli) -> anyhow::Result<ExitStatus> {
    let printer = Printer::new(cli.global.quiet);
    match cli.command {
        Command::Init(args) => init::init(&args, printer),
        Command::Inspect(args) => inspect::inspect(&args, &cli.global, printer),
    }
}
