//! Configuration: `evident.toml` and its layers. Later layers win:
//! built-in defaults, the user's config dir (`~/.config/evident/config.toml`), the
//! repository's `evident.toml` (or `--config FILE`), `EVIDENT_*` variables, then flags.

pub mod period;
pub mod rubric;
pub mod team;

use crate::error::{Error, Result, toml_error};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const CONFIG_FILE: &str = "evident.toml";

/// One layer of settings; every field optional so layers can be stacked.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub repos: Option<Vec<PathBuf>>,
    pub author: Option<Vec<String>>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub rubric: Option<PathBuf>,
    pub rules: Option<Vec<PathBuf>>,
    pub format: Option<String>,
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
    /// Reads one config file; relative paths in it are taken from the file's folder.
    pub fn read(path: &Path) -> Result<Config> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::io("read the config file", path, e))?;
        let mut c: Config = toml::from_str(&text).map_err(|e| {
            let mut err = toml_error(&path.display().to_string(), &text, &e);
            err.kind = crate::error::ErrorKind::Config;
            err.with_hint("see README \"Configuration\" for the keys evident.toml takes, or run `evident init` for a commented example")
        })?;
        let base = path.parent().unwrap_or(Path::new("."));
        let fix = |p: &mut PathBuf| {
            if p.is_relative() {
                *p = base.join(&*p);
            }
        };
        c.repos.iter_mut().flatten().for_each(fix);
        c.rules.iter_mut().flatten().for_each(fix);
        c.rubric.iter_mut().for_each(fix);
        c.template_dir.iter_mut().for_each(fix);
        c.store.iter_mut().for_each(fix);
        c.notes.iter_mut().for_each(fix);
        Ok(c)
    }

    /// Lays `other` over `self`: what `other` sets wins.
    pub fn overlay(mut self, other: Config) -> Config {
        macro_rules! take {
            ($($f:ident),*) => { $( if other.$f.is_some() { self.$f = other.$f; } )* };
        }
        take!(
            repos,
            author,
            since,
            until,
            rubric,
            rules,
            format,
            output,
            template_dir,
            include_merges,
            all_branches,
            design_docs,
            store,
            notes,
            public_repos,
            identity,
            github,
            bots
        );
        self
    }

    /// `EVIDENT_SINCE`, `EVIDENT_UNTIL`, `EVIDENT_FORMAT`, `EVIDENT_RUBRIC`, `EVIDENT_AUTHOR`
    /// (comma-separated), `EVIDENT_STORE`, from the `EVIDENT_*` variables (without the
    /// prefix) that `crate::env` collected.
    pub fn from_vars(vars: &BTreeMap<String, String>) -> Config {
        let v = |k: &str| vars.get(k).filter(|v| !v.is_empty()).cloned();
        Config {
            since: v("SINCE"),
            until: v("UNTIL"),
            format: v("FORMAT"),
            rubric: v("RUBRIC").map(PathBuf::from),
            author: v("AUTHOR").map(|a| a.split(',').map(|s| s.trim().to_string()).collect()),
            store: v("STORE").map(PathBuf::from),
            ..Config::default()
        }
    }

    /// The stacked layers below the flags: the user's config dir, then `--config` or
    /// `./evident.toml`, then the `EVIDENT_*` variables. Also says which project file was
    /// used, if any.
    pub fn load(
        config_dir: Option<&Path>,
        vars: &BTreeMap<String, String>,
        explicit: Option<&Path>,
    ) -> Result<(Config, Option<PathBuf>)> {
        let mut used = None;
        let mut config = Config::default();
        if let Some(dir) = config_dir {
            let user = dir.join("config.toml");
            if user.is_file() {
                config = config.overlay(Config::read(&user)?);
            }
        }
        match explicit {
            Some(path) => {
                if !path.is_file() {
                    return Err(Error::usage(format!(
                        "config file {} does not exist",
                        path.display()
                    ))
                    .with_hint("run `evident init` to write one, or check the path"));
                }
                config = config.overlay(Config::read(path)?);
                used = Some(path.to_path_buf());
            }
            None => {
                let local = Path::new(CONFIG_FILE);
                if local.is_file() {
                    config = config.overlay(Config::read(local)?);
                    used = Some(local.to_path_buf());
                }
            }
        }
        Ok((config.overlay(Config::from_vars(vars)), used))
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
