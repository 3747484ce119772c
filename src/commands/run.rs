use super::{Context, collect_evidence_in, make_portfolio, write_atomic, write_output};
use crate::cli::RunArgs;
use crate::error::Result;
use crate::render::{self, Format};
use std::path::Path;

pub const LAST_PORTFOLIO: &str = "last-portfolio.json";

pub fn run(ctx: &Context, args: &RunArgs) -> Result<()> {
    // Rules and rubric first: a bad rules file should fail before minutes of collection.
    let (rubric, rules) = ctx.rubric_and_rules(&args.rules)?;
    let output = args.output.as_deref().or(ctx.config.output.as_deref());
    let format = output_format(
        args.format.as_deref().or(ctx.config.format.as_deref()),
        output,
    )?;
    let dir = args
        .template_dir
        .as_deref()
        .or(ctx.config.template_dir.as_deref());
    // The store stays locked until the portfolio is written: one run per store.
    let (_store, mut evidence) = match &args.from_store {
        Some(dir) => super::merge::read_store(ctx, dir)?,
        None => {
            let selection = ctx.selection(&args.select)?;
            let store = ctx.open_store(args.store.as_deref(), args.no_store)?;
            let evidence = collect_evidence_in(&selection, store.as_ref())?;
            (store, evidence)
        }
    };
    ctx.add_notes(&mut evidence, &rubric)?;
    let portfolio = make_portfolio(
        evidence,
        &rubric,
        &rules,
        ctx.env.now,
        &ctx.decisions(&rubric)?,
    );
    let text = render::render(&ctx.shareable(&portfolio, args.redact), format, dir)?;
    write_output(&text, output)?;
    remember(ctx, &portfolio);
    tracing::info!(items = portfolio.items.len(), "portfolio written");
    Ok(())
}

/// Keeps the portfolio for `evident explain`; failing to is only worth a note.
fn remember(ctx: &Context, portfolio: &crate::model::Portfolio) {
    let Some(dir) = ctx.store_dir() else { return };
    let saved = serde_json::to_vec(portfolio)
        .ok()
        .map(|bytes| write_atomic(&dir.join(LAST_PORTFOLIO), &bytes));
    if let Some(Err(e)) = saved {
        tracing::debug!("could not keep the portfolio for `explain`: {}", e.message);
    }
}

/// `--format`, else the output file's extension, else Markdown.
pub fn output_format(flag: Option<&str>, output: Option<&Path>) -> Result<Format> {
    match flag {
        Some(f) => Format::parse(f),
        None => Ok(output
            .and_then(Format::from_path)
            .unwrap_or(Format::Markdown)),
    }
}
