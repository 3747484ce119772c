use super::Context;
use crate::cli::InitArgs;
use crate::error::{Error, Result};
use crate::pipeline::stage_io::write_atomic;

const TEMPLATE: &str = include_str!("../../config/evident.example.toml");

pub fn run(ctx: &Context, args: &InitArgs) -> Result<()> {
    if args.path.exists() && !args.force {
        return Err(
            Error::usage(format!("{} already exists", args.path.display()))
                .with_hint("pass --force to overwrite it"),
        );
    }
    let identity = crate::collect::git::configured_identity(std::path::Path::new("."));
    let (name, email) = match identity {
        Some((name, email)) => (name.unwrap_or_else(|| "Your Name".into()), email),
        None => ("Your Name".to_string(), "you@example.com".to_string()),
    };
    let _ = ctx;
    let text = TEMPLATE.replace("{name}", &name).replace("{email}", &email);
    write_atomic(&args.path, text.as_bytes())?;
    eprintln!(
        "wrote {}: edit it, then run `evident run`",
        args.path.display()
    );
    Ok(())
}
