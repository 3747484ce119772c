//! `evident collect`: the evidence, as JSON or JSON Lines.

use super::{Context, select_options};
use crate::cli::CollectArgs;
use crate::error::{Error, Result};
use crate::pipeline::assemble::add_notes;
use crate::pipeline::classify::rubric;
use crate::pipeline::collect::{collect_evidence, open_store};
use crate::pipeline::select::select;
use crate::pipeline::stage_io::{evidence_json, evidence_jsonl, write_output};

pub fn run(ctx: &Context, args: &CollectArgs) -> Result<()> {
    let config = &ctx.config;
    let selection = select(config, &ctx.env, &select_options(&args.select))?;
    // Held until the command ends: one run per store.
    let store = open_store(config, &ctx.env, args.store.as_deref(), args.no_store)?;
    let mut file = collect_evidence(&selection, store.as_ref())?;
    let rubric = rubric(config, &Default::default())?;
    add_notes(&mut file, &ctx.notes_path(), &rubric)?;
    let text = match args.format.as_str() {
        "json" => evidence_json(&file)?,
        "jsonl" => evidence_jsonl(&file)?,
        other => {
            return Err(
                Error::usage(format!("unknown format `{other}` for collect"))
                    .with_hint("use json or jsonl"),
            );
        }
    };
    write_output(&text, args.output.as_deref())?;
    tracing::info!(items = file.evidence.len(), "evidence collected");
    Ok(())
}
