//! `evident identities [--team FILE]`: which author identities evident takes as one
//! person and why, the likely aliases it did not merge, and the bots seen (see
//! `crate::pipeline::identities`).

use super::{Context, github_flags, select_flags};
use crate::cli::{IdentitiesArgs, TextFormat};
use crate::config::settings::Flags;
use crate::error::{Error, Result};
use crate::pipeline::identities::reports;
use crate::pipeline::stage_io::write_output;
use crate::render::identities::identities_text;

pub fn run(ctx: &Context, args: &IdentitiesArgs) -> Result<()> {
    let mut flags = Flags::new();
    select_flags(&mut flags, &args.select);
    github_flags(&mut flags, &args.github);
    let settings = ctx.settings(&flags)?;
    let (reports, bots) = reports(&settings, &ctx.env, args.team.as_deref())?;
    let text = match args.format {
        TextFormat::Json => {
            let mut s = serde_json::to_string_pretty(&serde_json::json!({
                "people": reports,
                "bots": bots,
            }))
            .map_err(|e| Error::failed("could not write the report as JSON").with_source(e))?;
            s.push('\n');
            s
        }
        TextFormat::Text => identities_text(&reports, &bots),
    };
    write_output(&text, None)
}
