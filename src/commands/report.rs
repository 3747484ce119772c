//! `evident report`: a portfolio JSON rendered as Markdown, HTML or JSON.

use super::Context;
use crate::cli::ReportArgs;
use crate::error::Result;
use crate::pipeline::render::{output_format, portfolio_text};
use crate::pipeline::stage_io::{parse_portfolio, read_input, write_output};

pub fn run(ctx: &Context, args: &ReportArgs) -> Result<()> {
    let config = &ctx.config;
    let name = args.input.display().to_string();
    let portfolio = parse_portfolio(&name, &read_input("portfolio", &args.input)?)?;
    let format = output_format(
        args.format.as_deref().or(config.format.as_deref()),
        args.output.as_deref(),
    )?;
    let dir = args
        .template_dir
        .as_deref()
        .or(config.template_dir.as_deref());
    let text = portfolio_text(config, &portfolio, args.redact, format, dir)?;
    write_output(&text, args.output.as_deref())
}
