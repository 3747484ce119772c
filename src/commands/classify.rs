//! `evident classify`: evidence JSON in, portfolio JSON or Markdown out.

use super::{Context, notes_path, rules_flags};
use crate::cli::{ClassifyArgs, ClassifyFormat};
use crate::config::settings::{Flags, Settings};
use crate::error::{Error, Result};
use crate::pipeline::classify::{decisions, make_portfolio, rubric_and_rules};
use crate::pipeline::stage_io::{parse_evidence, portfolio_summary, read_input, write_output};
use crate::render::{self, Format};

pub fn run(ctx: &Context, args: &ClassifyArgs) -> Result<()> {
    let mut flags = Flags::new();
    rules_flags(&mut flags, &args.rules);
    flags.set("format", "--format", args.format.map(portfolio_format));
    let settings = ctx.settings(&flags)?;
    let format = classify_format(&settings)?;
    let (rubric, rules) = rubric_and_rules(&settings.config)?;
    let name = args.input.display().to_string();
    let file = parse_evidence(&name, &read_input("evidence", &args.input)?)?;
    let decisions = decisions(&notes_path(&settings), &rubric)?;
    let portfolio = make_portfolio(file, &rubric, &rules, ctx.env.now, &decisions);
    let text = render::render(&portfolio, format, None)?;
    write_output(&text, args.output.as_deref())?;
    if let Some(path) = &args.output {
        crate::ui::status(format!(
            "wrote {}: {}",
            path.display(),
            portfolio_summary(&portfolio)
        ));
    }
    Ok(())
}

fn portfolio_format(f: ClassifyFormat) -> Format {
    match f {
        ClassifyFormat::Json => Format::Json,
        ClassifyFormat::Md => Format::Markdown,
    }
}

/// The `format` setting when it is one classify writes (json or md), else json; html
/// from a file or variable is an error that says where it was set.
fn classify_format(settings: &Settings) -> Result<Format> {
    match settings.config.format {
        None => Ok(Format::Json),
        Some(Format::Html) => Err(Error::usage(format!(
            "classify writes json or md, but the format is html ({})",
            settings.origin("format")
        ))
        .with_hint("pass --format json, and use `evident report --format html` on its output")),
        Some(f) => Ok(f),
    }
}
