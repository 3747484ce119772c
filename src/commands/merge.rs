//! `evident merge SHARD... [--store OUT] [--output FILE]`: combines stores collected in
//! shards. The rules live in `src/store/merge.rs`.

use super::{Context, write_output};
use crate::cli::MergeArgs;
use crate::error::{Error, Result};
use crate::model::evidence::EvidenceFile;
use crate::store::{self, Store, TestHooks};
use std::path::Path;

pub fn run(ctx: &Context, args: &MergeArgs) -> Result<()> {
    let merged = store::merge::merge(&args.shards)?;
    if let Some(dir) = &args.store {
        let out = Store::open(dir, ctx.env.now, TestHooks::from_vars(&ctx.env.vars))?;
        store::merge::write(&out, &merged)?;
    }
    if args.output.is_some() || args.store.is_none() {
        write_output(&evidence_json(&merged.evidence())?, args.output.as_deref())?;
    }
    tracing::info!(
        shards = args.shards.len(),
        sources = merged.sources.len(),
        "stores merged"
    );
    Ok(())
}

/// The evidence of a store, for `run --from-store`: the store is locked while it is read
/// and until the caller drops it.
pub fn read_store(ctx: &Context, dir: &Path) -> Result<(Option<Store>, EvidenceFile)> {
    if !dir.join(store::source::EVIDENCE_DIR).is_dir() {
        return Err(Error::usage(format!(
            "{} is not an evident store: it has no evidence/ folder",
            dir.display()
        ))
        .with_hint(
            "pass a folder written by `evident collect --store DIR` or `evident merge --store DIR`",
        ));
    }
    let locked = Store::open(dir, ctx.env.now, TestHooks::from_vars(&ctx.env.vars))?;
    let sources = store::source::read_sources(dir)?;
    if sources.is_empty() {
        return Err(
            Error::failed(format!("the store {} holds no evidence", dir.display()))
                .with_hint("collect into it first: `evident collect --store DIR`"),
        );
    }
    let file = store::source::assemble(sources.values().map(|(_, f)| f));
    Ok((Some(locked), file))
}

/// The evidence as `collect --format json` writes it.
pub fn evidence_json(file: &EvidenceFile) -> Result<String> {
    serde_json::to_string_pretty(file)
        .map(|s| s + "\n")
        .map_err(|e| Error::failed("could not write the evidence as JSON").with_source(e))
}
