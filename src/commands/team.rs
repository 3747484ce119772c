//! `evident team --team FILE --output-dir DIR`: a portfolio per member of the team file
//! and a team overview (see `crate::pipeline::team`).

use super::{Context, rules_options, select_options};
use crate::cli::TeamArgs;
use crate::error::Result;
use crate::pipeline::team::{TeamOptions, team};

pub fn run(ctx: &Context, args: &TeamArgs) -> Result<()> {
    let options = TeamOptions {
        team: args.team.clone(),
        output_dir: args.output_dir.clone(),
        select: select_options(&args.select),
        rules: rules_options(&args.rules),
        format: args.format.clone(),
        template_dir: args.template_dir.clone(),
        notes: ctx.notes_path(),
    };
    team(&ctx.config, &ctx.env, &options)
}
