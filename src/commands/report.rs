use super::{Context, parse_portfolio, read_input, write_output};
use crate::cli::ReportArgs;
use crate::error::Result;
use crate::render;

pub fn run(ctx: &Context, args: &ReportArgs) -> Result<()> {
    let name = args.input.display().to_string();
    let portfolio = parse_portfolio(&name, &read_input("portfolio", &args.input)?)?;
    let format = super::run::output_format(
        args.format.as_deref().or(ctx.config.format.as_deref()),
        args.output.as_deref(),
    )?;
    let dir = args
        .template_dir
        .as_deref()
        .or(ctx.config.template_dir.as_deref());
    let text = render::render(&ctx.shareable(&portfolio, args.redact), format, dir)?;
    write_output(&text, args.output.as_deref())
}
