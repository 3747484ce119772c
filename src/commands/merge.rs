//! `evident merge SHARD... [--store OUT] [--output FILE]`: combines stores collected in
//! shards. The rules live in `src/store/merge.rs`.

use super::Context;
use crate::cli::MergeArgs;
use crate::error::Result;
use crate::pipeline::assemble::from_sources;
use crate::pipeline::stage_io::{evidence_json, evidence_summary, write_output};
use crate::store::{self, Store, TestHooks};

pub fn run(ctx: &Context, args: &MergeArgs) -> Result<()> {
    let merged = store::merge::merge(&args.shards)?;
    if let Some(dir) = &args.store {
        let out = Store::open(dir, ctx.env.now, TestHooks::from_vars(&ctx.env.vars))?;
        store::merge::write(&out, &merged)?;
        crate::ui::status(format!(
            "wrote the store {}: {} sources from {} shards",
            dir.display(),
            merged.sources.len(),
            args.shards.len()
        ));
    }
    if args.output.is_some() || args.store.is_none() {
        let evidence = from_sources(merged.sources.values().map(|(_, f)| f));
        write_output(&evidence_json(&evidence)?, args.output.as_deref())?;
        if let Some(path) = &args.output {
            crate::ui::status(format!(
                "wrote {}: {}",
                path.display(),
                evidence_summary(&evidence.evidence)
            ));
        }
    }
    Ok(())
}
