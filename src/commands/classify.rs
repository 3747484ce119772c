//! `evident classify`: evidence JSON in, portfolio JSON or Markdown out.

use super::{Context, rules_options};
use crate::cli::ClassifyArgs;
use crate::error::{Error, Result};
use crate::pipeline::classify::{decisions, make_portfolio, rubric_and_rules};
use crate::pipeline::stage_io::{parse_evidence, read_input, write_output};
use crate::render::{self, Format};

pub fn run(ctx: &Context, args: &ClassifyArgs) -> Result<()> {
    let (rubric, rules) = rubric_and_rules(&ctx.config, &rules_options(&args.rules))?;
    let name = args.input.display().to_string();
    let file = parse_evidence(&name, &read_input("evidence", &args.input)?)?;
    let decisions = decisions(&ctx.notes_path(), &rubric)?;
    let portfolio = make_portfolio(file, &rubric, &rules, ctx.env.now, &decisions);
    let format = Format::parse(&args.format)?;
    if format == Format::Html {
        return Err(Error::usage("classify writes json or md")
            .with_hint("use `evident report --format html` on its JSON output"));
    }
    let text = render::render(&portfolio, format, None)?;
    write_output(&text, args.output.as_deref())
}
