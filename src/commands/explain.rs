//! `evident explain ID`: why an item counts, or what a rule does (see
//! `crate::pipeline::explain`).

use super::{Context, notes_path, rules_flags};
use crate::cli::ExplainArgs;
use crate::config::settings::Flags;
use crate::error::Result;
use crate::pipeline::collect::store_dir;
use crate::pipeline::explain::{ExplainOptions, explain};
use crate::pipeline::stage_io::write_output;

pub fn run(ctx: &Context, args: &ExplainArgs) -> Result<()> {
    let mut flags = Flags::new();
    rules_flags(&mut flags, &args.rules);
    let settings = ctx.settings(&flags)?;
    let options = ExplainOptions {
        id: args.id.clone(),
        input: args.input.clone(),
        notes: notes_path(&settings),
        store: store_dir(&settings.config),
    };
    let explained = explain(&settings.config, &ctx.env, &options)?;
    if let Some(place) = &explained.looked_in {
        crate::ui::status(format!("(from {place}; --input FILE looks elsewhere)"));
    }
    write_output(&explained.text, None)
}
