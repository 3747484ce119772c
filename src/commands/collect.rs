use super::{Context, collect_evidence_in, write_output};
use crate::cli::CollectArgs;
use crate::error::{Error, Result};

pub fn run(ctx: &Context, args: &CollectArgs) -> Result<()> {
    let selection = ctx.selection(&args.select)?;
    // Held until the command ends: one run per store.
    let store = ctx.open_store(args.store.as_deref(), args.no_store)?;
    let mut file = collect_evidence_in(&selection, store.as_ref())?;
    let rubric = ctx.rubric_and_rules(&Default::default())?.0;
    ctx.add_notes(&mut file, &rubric)?;
    let text = match args.format.as_str() {
        "json" => serde_json::to_string_pretty(&file).map(|s| s + "\n"),
        "jsonl" => file
            .evidence
            .iter()
            .map(serde_json::to_string)
            .collect::<Result<Vec<_>, _>>()
            .map(|lines| lines.join("\n") + "\n"),
        other => {
            return Err(
                Error::usage(format!("unknown format `{other}` for collect"))
                    .with_hint("use json or jsonl"),
            );
        }
    }
    .map_err(|e| Error::failed("could not write the evidence as JSON").with_source(e))?;
    write_output(&text, args.output.as_deref())?;
    tracing::info!(items = file.evidence.len(), "evidence collected");
    Ok(())
}
