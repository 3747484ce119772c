//! `evident init`: a commented evident.toml for the current user.

use crate::cli::InitArgs;
use crate::error::{Error, Result};
use crate::pipeline::stage_io::write_atomic;
use toml_edit::{Array, DocumentMut, value};

const TEMPLATE: &str = include_str!("../../config/evident.example.toml");

pub fn run(args: &InitArgs) -> Result<()> {
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
    write_atomic(&args.path, settings_file(&name, &email).as_bytes())?;
    crate::ui::status(format!(
        "wrote {}: edit it, then run `evident run`",
        args.path.display()
    ));
    Ok(())
}

/// The commented example with the person's name and email in `[identity]`, written by
/// toml_edit so that any name (quotes, backslashes) stays valid TOML and the comments stay.
pub fn settings_file(name: &str, email: &str) -> String {
    let mut doc: DocumentMut = TEMPLATE
        .parse()
        .expect("the built-in example is valid TOML");
    let identity = &mut doc["identity"];
    identity["name"] = value(name);
    let mut emails = Array::new();
    emails.push(email);
    identity["emails"] = value(emails);
    doc.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_name_gives_valid_toml() {
        for name in ["Ann \"The\" Lee", "O'Brien \\ Co", "Zoë [x] = {y}"] {
            let text = settings_file(name, "ann@x.io");
            let config = crate::config::Config::parse("evident.toml", &text).unwrap();
            let id = config.identity.unwrap();
            assert_eq!(id.name.as_deref(), Some(name));
            assert_eq!(id.emails, vec!["ann@x.io"]);
            assert!(
                text.contains("# Who the portfolio is about."),
                "comments kept"
            );
        }
    }
}
