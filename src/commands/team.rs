//! `evident team --team FILE --output-dir DIR`: a portfolio per member of the team file
//! and a team overview (see `crate::pipeline::team`).

use super::{Context, github_flags, render_flags, rules_flags, select_flags};
use crate::cli::TeamArgs;
use crate::config::settings::Flags;
use crate::error::Result;
use crate::pipeline::complete::ensure_complete;
use crate::pipeline::team::{TeamOptions, team};

pub fn run(ctx: &Context, args: &TeamArgs) -> Result<()> {
    let mut flags = Flags::new();
    select_flags(&mut flags, &args.select);
    github_flags(&mut flags, &args.github);
    rules_flags(&mut flags, &args.rules);
    render_flags(&mut flags, &args.render);
    let settings = ctx.settings(&flags)?;
    let options = TeamOptions {
        team: args.team.clone(),
        output_dir: args.output_dir.clone(),
    };
    let written = team(&settings, &ctx.env, &options)?;
    crate::ui::status(format!(
        "wrote {} portfolios, team.json and {}",
        written.portfolios,
        written.index.display()
    ));
    let strict = args.strict || settings.config.strict.unwrap_or(false);
    ensure_complete(
        Some(&written.gaps),
        strict,
        "every portfolio and the overview",
    )
}
