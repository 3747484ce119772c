//! `evident explain ID`: why an item counts, or what a rule does (see
//! `crate::pipeline::explain`).

use super::{Context, rules_options};
use crate::cli::ExplainArgs;
use crate::error::Result;
use crate::pipeline::explain::{ExplainOptions, explain};
use crate::pipeline::stage_io::write_output;

pub fn run(ctx: &Context, args: &ExplainArgs) -> Result<()> {
    let options = ExplainOptions {
        id: args.id.clone(),
        input: args.input.clone(),
        rules: rules_options(&args.rules),
        notes: ctx.notes_path(),
        store: ctx.store_dir(),
    };
    write_output(&explain(&ctx.config, &ctx.env, &options)?, None)
}
