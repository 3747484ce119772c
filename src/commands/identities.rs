//! `evident identities [--team FILE]`: which author identities evident takes as one
//! person and why, the likely aliases it did not merge, and the bots seen (see
//! `crate::pipeline::identities`).

use super::{Context, select_options};
use crate::cli::IdentitiesArgs;
use crate::error::{Error, Result};
use crate::pipeline::identities::reports;
use crate::pipeline::stage_io::write_output;
use crate::render::identities::identities_text;

pub fn run(ctx: &Context, args: &IdentitiesArgs) -> Result<()> {
    let json = match args.format.as_str() {
        "text" => false,
        "json" => true,
        other => {
            return Err(
                Error::usage(format!("unknown format `{other}`")).with_hint("use text or json")
            );
        }
    };
    let (reports, bots) = reports(
        &ctx.config,
        &ctx.env,
        &select_options(&args.select),
        args.team.as_deref(),
        ctx.config_file.as_deref(),
    )?;
    let text = if json {
        let mut s = serde_json::to_string_pretty(&serde_json::json!({
            "people": reports,
            "bots": bots,
        }))
        .map_err(|e| Error::failed("could not write the report as JSON").with_source(e))?;
        s.push('\n');
        s
    } else {
        identities_text(&reports, &bots)
    };
    write_output(&text, None)
}
