//! `evident report`: a portfolio JSON rendered as Markdown, HTML or JSON.

use super::{Context, render_flags};
use crate::cli::ReportArgs;
use crate::config::settings::Flags;
use crate::error::Result;
use crate::pipeline::render::{output_format, portfolio_text};
use crate::pipeline::stage_io::{parse_portfolio, portfolio_summary, read_input, write_output};

pub fn run(ctx: &Context, args: &ReportArgs) -> Result<()> {
    let mut flags = Flags::new();
    render_flags(&mut flags, &args.render);
    let settings = ctx.settings(&flags)?;
    let config = &settings.config;
    let format = output_format(config.format, args.output.as_deref());
    let name = args.input.display().to_string();
    let portfolio = parse_portfolio(&name, &read_input("portfolio", &args.input)?)?;
    let dir = config.template_dir.as_deref();
    let text = portfolio_text(config, &portfolio, args.redact, format, dir)?;
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
