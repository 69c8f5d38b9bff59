//! `flash inspect`: parse the schema files (or load a snapshot) and print the model.

use std::path::Path;

use anyhow::{anyhow, bail};
use flash_core::{Dialect, Schema};
use flash_parse::ParseError;

use crate::cli::{GlobalArgs, InspectArgs};
use crate::exit::ExitStatus;
use crate::printer::Printer;
use crate::project;
use crate::schema_summary::render_summary;

pub fn inspect(
    args: &InspectArgs,
    global: &GlobalArgs,
    printer: Printer,
) -> anyhow::Result<ExitStatus> {
    let config = project::find_config(global)?;
    // Only `--db` needs the database entry; without it, an unrelated DATABASE_URL must not stop a look at files.
    let (configured_path, configured_dialect) = match (&config, global.db.as_deref()) {
        (Some(config), None) => {
            // Without a provider, the configured URL's scheme still names the dialect; a URL that cannot be
            // resolved only means there is no such hint.
            let from_url = || config.select(None).ok().and_then(|t| t.dialect());
            (
                Some(config.schema_path.clone()),
                config.database.provider.or_else(from_url),
            )
        }
        (Some(config), Some(db)) => {
            let target = config.select(Some(db))?;
            (Some(target.schema_path.clone()), target.dialect())
        }
        (None, Some(db)) => {
            let target = flash_config::Config::defaults(Path::new("")).select(Some(db))?;
            (None, target.dialect())
        }
        (None, None) => (None, None),
    };

    let from = match (&args.from, configured_path) {
        (Some(from), _) => from.clone(),
        (None, Some(path)) => path,
        (None, None) => bail!(
            "no flash.toml or flash.config.json in {} or any parent directory: pass --from DIR|FILE, or run \
             `flash init` to create a project",
            project::current_dir()?.display()
        ),
    };

    if flash_config::DatabaseUrl::looks_like_url(&from.to_string_lossy()) {
        bail!(
            "reading a schema from a live database is not supported yet: pass --from a directory of .sql files, \
             a .sql file or a snapshot .json"
        );
    }
    let schema = if is_snapshot(&from) {
        flash_core::snapshot::load_snapshot(&from)?
    } else {
        let Some(dialect) = args.dialect.or(configured_dialect) else {
            bail!(
                "cannot tell which SQL dialect {} is written in: pass --dialect postgresql|mysql|sqlite, or set \
                 `provider` under [database] in flash.toml",
                from.display()
            );
        };
        parse_schema(dialect, &from)?
    };

    if args.json {
        printer.output(flash_core::snapshot::to_snapshot_json(&schema));
    } else {
        printer.output(render_summary(&schema, &from));
    }
    Ok(ExitStatus::Success)
}

fn is_snapshot(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

fn parse_schema(dialect: Dialect, from: &Path) -> anyhow::Result<Schema> {
    flash_parse::parse_path(dialect, from).map_err(|e| match e {
        ParseError::Io { path, source } => {
            anyhow!("cannot read schema files from {}: {source}", path.display())
        }
        // The diagnostic already says where and what, with the offending line.
        ParseError::Invalid(diagnostic) => anyhow!("{diagnostic}"),
    })
}
