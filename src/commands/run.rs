//! `evident run`: collect, classify and render in one go.

use super::{Context, rules_options, select_options};
use crate::cli::RunArgs;
use crate::error::Result;
use crate::pipeline::assemble::add_notes;
use crate::pipeline::classify::{decisions, make_portfolio, rubric_and_rules};
use crate::pipeline::collect::{collect_evidence, from_store, open_store};
use crate::pipeline::render::{output_format, portfolio_text, remember};
use crate::pipeline::select::select;
use crate::pipeline::stage_io::write_output;

pub fn run(ctx: &Context, args: &RunArgs) -> Result<()> {
    let config = &ctx.config;
    // Rules and rubric first: a bad rules file should fail before minutes of collection.
    let (rubric, rules) = rubric_and_rules(config, &rules_options(&args.rules))?;
    let output = args.output.as_deref().or(config.output.as_deref());
    let format = output_format(args.format.as_deref().or(config.format.as_deref()), output)?;
    let dir = args
        .template_dir
        .as_deref()
        .or(config.template_dir.as_deref());
    // The store stays locked until the portfolio is written: one run per store.
    let (_store, mut evidence) = match &args.from_store {
        Some(dir) => {
            let (store, evidence) = from_store(&ctx.env, dir)?;
            (Some(store), evidence)
        }
        None => {
            let selection = select(config, &ctx.env, &select_options(&args.select))?;
            let store = open_store(config, &ctx.env, args.store.as_deref(), args.no_store)?;
            let evidence = collect_evidence(&selection, store.as_ref())?;
            (store, evidence)
        }
    };
    let notes = ctx.notes_path();
    add_notes(&mut evidence, &notes, &rubric)?;
    let decisions = decisions(&notes, &rubric)?;
    let portfolio = make_portfolio(evidence, &rubric, &rules, ctx.env.now, &decisions);
    let text = portfolio_text(config, &portfolio, args.redact, format, dir)?;
    write_output(&text, output)?;
    remember(ctx.store_dir().as_deref(), &portfolio);
    tracing::info!(items = portfolio.items.len(), "portfolio written");
    Ok(())
}
