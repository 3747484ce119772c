//! `evident run`: collect, classify and render in one go.

use super::{
    Context, github_flags, notes_path, render_flags, rules_flags, select_flags, store_flags,
};
use crate::cli::RunArgs;
use crate::config::settings::Flags;
use crate::error::Result;
use crate::pipeline::assemble::add_notes;
use crate::pipeline::classify::{decisions, make_portfolio, rubric_and_rules};
use crate::pipeline::collect::{collect_evidence, from_store, open_store, store_dir};
use crate::pipeline::complete::ensure_complete;
use crate::pipeline::render::{output_format, portfolio_text, remember};
use crate::pipeline::select::select;
use crate::pipeline::stage_io::{portfolio_summary, write_output};

pub fn run(ctx: &Context, args: &RunArgs) -> Result<()> {
    let mut flags = Flags::new();
    select_flags(&mut flags, &args.select);
    github_flags(&mut flags, &args.github);
    rules_flags(&mut flags, &args.rules);
    render_flags(&mut flags, &args.render);
    store_flags(&mut flags, &args.store);
    flags.set("output", "--output", args.output.as_ref());
    let settings = ctx.settings(&flags)?;
    let config = &settings.config;
    // Rules and rubric first: a bad rules file should fail before minutes of collection.
    let (rubric, rules) = rubric_and_rules(config)?;
    let output = config.output.as_deref();
    let format = output_format(config.format, output);
    // The store stays locked until the portfolio is written: one run per store.
    let (_store, mut evidence) = match &args.from_store {
        Some(dir) => {
            let (store, evidence) = from_store(&ctx.env, dir)?;
            (Some(store), evidence)
        }
        None => {
            let mut selection = select(&settings, &ctx.env)?;
            if args.store.no_store {
                selection.keep_nothing();
            }
            let store = open_store(&settings, &ctx.env, args.store.no_store)?;
            let evidence = collect_evidence(&selection, store.as_ref())?;
            (store, evidence)
        }
    };
    let notes = notes_path(&settings);
    add_notes(&mut evidence, &notes, &rubric)?;
    let decisions = decisions(&notes, &rubric)?;
    let portfolio = make_portfolio(evidence, &rubric, &rules, ctx.env.now, &decisions);
    let text = portfolio_text(
        config,
        &portfolio,
        args.redact,
        format,
        config.template_dir.as_deref(),
    )?;
    write_output(&text, output)?;
    remember(store_dir(config).as_deref(), &portfolio);
    if let Some(path) = output {
        crate::ui::status(format!(
            "wrote {}: {}",
            path.display(),
            portfolio_summary(&portfolio)
        ));
    }
    let strict = args.strict || config.strict.unwrap_or(false);
    ensure_complete(Some(&portfolio.collection), strict, "the portfolio")
}
