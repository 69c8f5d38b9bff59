//! One module per subcommand.

pub(crate) mod apply;
mod baseline;
mod diff;
pub(crate) mod down;
mod drift;
mod gen;
mod init;
mod inspect;
mod lint;
mod migrate;
mod pull;
mod repair;
mod reset;
mod status;
mod validate;

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
        Command::Apply(args) => apply::apply(&args, &cli.global, printer),
        Command::Status(args) => status::status(&args, &cli.global, printer),
        Command::Down(args) => down::down(&args, &cli.global, printer),
        Command::Reset(args) => reset::reset(&args, &cli.global, printer),
        Command::Validate(args) => validate::validate(&args, &cli.global, printer),
        Command::Repair(args) => repair::repair(&args, &cli.global, printer),
        Command::Baseline(args) => baseline::baseline(&args, &cli.global, printer),
        Command::Lint(args) => lint::lint(&args, &cli.global, printer),
        Command::Drift(args) => drift::drift(&args, &cli.global, printer),
        Command::Pull(args) => pull::pull(&args, &cli.global, printer),
        Command::Gen(args) => gen::gen(&args, &cli.global, printer),
    }
}
