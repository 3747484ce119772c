//! Configuration: the keys of `evident.toml` ([`Config`]), and the files evident reads:
//! dates, rubric, team. [`settings`] resolves the layers (defaults, the user's file, the
//! project's file, `EVIDENT_*` variables, flags) into the settings every command uses.

pub mod period;
pub mod rubric;
pub mod settings;
pub mod team;

use crate::error::{Error, Result, toml_error};
use crate::render::Format;
use serde::Deserialize;
use std::path::{Path, PathBuf};

pub const CONFIG_FILE: &str = "evident.toml";

/// The keys of a settings file, every one optional: one layer, or (in
/// [`settings::Settings`]) every layer merged.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub repos: Option<Vec<PathBuf>>,
    pub author: Option<Vec<String>>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub rubric: Option<PathBuf>,
    pub rules: Option<Vec<PathBuf>>,
    pub format: Option<Format>,
    pub output: Option<PathBuf>,
    pub template_dir: Option<PathBuf>,
    pub include_merges: Option<bool>,
    pub all_branches: Option<bool>,
    pub design_docs: Option<bool>,
    pub store: Option<PathBuf>,
    /// The notes and decisions file (`evident note add`, `exclude`, `relabel`).
    pub notes: Option<PathBuf>,
    /// Repositories whose names `--redact` may show.
    pub public_repos: Option<Vec<String>>,
    /// Anything the collection could not see fails the run (exit code 1), like --strict.
    pub strict: Option<bool>,
    #[serde(default)]
    pub identity: Option<IdentityConfig>,
    #[serde(default)]
    pub github: Option<GithubConfig>,
    #[serde(default)]
    pub bots: Option<BotsConfig>,
}

/// `[identity]`: several emails and names that are one person.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdentityConfig {
    pub name: Option<String>,
    #[serde(default)]
    pub emails: Vec<String>,
    #[serde(default)]
    pub names: Vec<String>,
    /// Emails or names, mixed: anything with an `@` is an email.
    #[serde(default)]
    pub aliases: Vec<String>,
    pub github: Option<String>,
}

/// `[github]`: collecting pull requests, reviews and issues.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GithubConfig {
    pub enabled: Option<bool>,
    /// The person's login (default: the token's own user).
    pub login: Option<String>,
    /// GitHub Enterprise Server: `https://HOST` (REST under /api/v3, GraphQL under /api/graphql).
    pub url: Option<String>,
    /// Organisations (`acme`) or repositories (`acme/widgets`) to include; all when empty.
    #[serde(default)]
    pub include: Vec<String>,
    /// Organisations or repositories to leave out.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Stop and keep what was fetched instead of waiting for a rate limit to reset.
    pub no_wait: Option<bool>,
    /// The issue search syntax: `auto` (default), `advanced` or `legacy`.
    pub search_syntax: Option<SearchSyntax>,
}

/// `[github] search_syntax`: `auto` uses GitHub's advanced issue search and falls back
/// to the legacy one on an Enterprise Server that refuses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SearchSyntax {
    Auto,
    Advanced,
    Legacy,
}

/// `[bots]`: extra logins or emails that are bots.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BotsConfig {
    #[serde(default)]
    pub names: Vec<String>,
}

impl Config {
    /// Parses one settings file's text; `name` is the file, for errors at
    /// `file:line:col`. Paths are left as written (see [`settings`]).
    pub fn parse(name: &str, text: &str) -> Result<Config> {
        toml::from_str(text).map_err(|e| {
            let mut err = toml_error(name, text, &e);
            err.kind = crate::error::ErrorKind::Config;
            err.with_hint("see docs/configuration.md for the keys evident.toml takes, or run `evident init` for a commented example")
        })
    }
}

/// Reads a file the user named, as text, with an error that names it.
pub fn read_text(what: &str, path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| {
        let mut err = Error::io(&format!("read the {what}"), path, e);
        err.kind = crate::error::ErrorKind::Usage;
        err
    })?;
    String::from_utf8(bytes).map_err(|_| {
        Error::config(format!("{what} {} is not UTF-8 text", path.display()))
            .with_hint("save the file as UTF-8")
    })
}
