//! `evident config show`: every setting, its value and where it came from.

use super::{Context, github_flags, rules_flags, select_flags, store_flags};
use crate::cli::{ConfigAction, ConfigArgs, TextFormat};
use crate::config::settings::{Flags, Settings, Shown};
use crate::error::{Error, Result};
use crate::pipeline::stage_io::write_output;
use std::fmt::Write;

pub fn run(ctx: &Context, args: &ConfigArgs) -> Result<()> {
    match &args.action {
        ConfigAction::Show(a) => {
            let mut flags = Flags::new();
            select_flags(&mut flags, &a.select);
            github_flags(&mut flags, &a.github);
            rules_flags(&mut flags, &a.rules);
            store_flags(&mut flags, &a.store);
            let settings = ctx.settings(&flags)?;
            let text = match a.format {
                TextFormat::Text => text(&settings),
                TextFormat::Json => json(&settings)?,
            };
            write_output(&text, None)
        }
    }
}

/// One line a key: `key = value` and, after `#`, where it came from; keys no layer sets
/// say what applies instead.
fn text(settings: &Settings) -> String {
    let mut out = String::new();
    let file = |p: &Option<std::path::PathBuf>| {
        p.as_ref()
            .map_or("none".to_string(), |p| p.display().to_string())
    };
    let _ = writeln!(out, "# user file:    {}", file(&settings.user_file));
    let _ = writeln!(out, "# project file: {}", file(&settings.project_file));
    let rows: Vec<(String, String)> = settings.shown().iter().map(row).collect();
    let width = rows
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0);
    for (line, source) in rows {
        let _ = writeln!(out, "{line:<width$}  # {source}");
    }
    out
}

fn row(s: &Shown) -> (String, String) {
    match &s.value {
        Some(v) => {
            let sources: Vec<String> = s.sources.iter().map(ToString::to_string).collect();
            (format!("{} = {}", s.key, toml_text(v)), sources.join(", "))
        }
        None => (
            format!("# {} (not set)", s.key),
            format!("default: {}", s.default),
        ),
    }
}

/// A JSON value as TOML writes it (strings quoted, lists in brackets).
fn toml_text(v: &serde_json::Value) -> String {
    toml::Value::try_from(v)
        .ok()
        .map(|t| match t {
            toml::Value::String(s) => toml_edit::Value::from(s).to_string().trim().to_string(),
            other => other.to_string(),
        })
        .unwrap_or_else(|| v.to_string())
}

fn json(settings: &Settings) -> Result<String> {
    let doc = serde_json::json!({
        "user_file": settings.user_file,
        "project_file": settings.project_file,
        "settings": settings.shown(),
    });
    serde_json::to_string_pretty(&doc)
        .map(|s| s + "\n")
        .map_err(|e| Error::failed("could not write the settings as JSON").with_source(e))
}
