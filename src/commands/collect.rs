//! `evident collect`: the evidence, as JSON or JSON Lines.

use super::{Context, github_flags, notes_path, select_flags, store_flags};
use crate::cli::{CollectArgs, CollectFormat};
use crate::config::settings::Flags;
use crate::error::Result;
use crate::pipeline::assemble::add_notes;
use crate::pipeline::classify::rubric;
use crate::pipeline::collect::{collect_evidence, open_store};
use crate::pipeline::complete::ensure_complete;
use crate::pipeline::select::select;
use crate::pipeline::stage_io::{evidence_json, evidence_jsonl, evidence_summary, write_output};

pub fn run(ctx: &Context, args: &CollectArgs) -> Result<()> {
    let mut flags = Flags::new();
    select_flags(&mut flags, &args.select);
    github_flags(&mut flags, &args.github);
    store_flags(&mut flags, &args.store);
    let settings = ctx.settings(&flags)?;
    let mut selection = select(&settings, &ctx.env)?;
    if args.store.no_store {
        selection.keep_nothing();
    }
    // Held until the command ends: one run per store.
    let store = open_store(&settings, &ctx.env, args.store.no_store)?;
    let mut file = collect_evidence(&selection, store.as_ref())?;
    let rubric = rubric(&settings.config)?;
    add_notes(&mut file, &notes_path(&settings), &rubric)?;
    let text = match format(args) {
        CollectFormat::Json => evidence_json(&file)?,
        CollectFormat::Jsonl => evidence_jsonl(&file)?,
    };
    write_output(&text, args.output.as_deref())?;
    if let Some(path) = &args.output {
        crate::ui::status(format!(
            "wrote {}: {}",
            path.display(),
            evidence_summary(&file.evidence)
        ));
    }
    let strict = args.strict || settings.config.strict.unwrap_or(false);
    ensure_complete(file.collection.as_ref(), strict, "the evidence")
}

/// `--format`, else JSON Lines for an `--output` ending in `.jsonl`, else JSON.
fn format(args: &CollectArgs) -> CollectFormat {
    let jsonl = args
        .output
        .as_deref()
        .and_then(|o| o.extension())
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"));
    args.format.unwrap_or(if jsonl {
        CollectFormat::Jsonl
    } else {
        CollectFormat::Json
    })
}
