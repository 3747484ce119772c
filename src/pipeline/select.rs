//! What to collect: repositories, person, period and GitHub options, from the resolved
//! settings (`crate::config::settings`: flags, variables, files and defaults are already
//! merged there).

use crate::collect::git::walk::WalkOptions;
use crate::collect::git::{self, GitOptions};
use crate::collect::github::{self, GithubOptions};
use crate::config::settings::Settings;
use crate::config::{Config, SearchSyntax, period};
use crate::env::{Env, Token};
use crate::error::{Error, Result};
use crate::model::{Period, Person, Unseen};
use chrono::{DateTime, Utc};
use std::path::PathBuf;

/// What to collect, from the resolved settings.
#[derive(Debug, Clone)]
pub struct Selection {
    pub git: GitOptions,
    pub person: Person,
    pub warnings: Vec<String>,
    /// What finding the repositories could not see (see `collect::git::discover`).
    pub unseen: Vec<Unseen>,
    /// Set when GitHub collection is on (`--github` or `[github] enabled = true`).
    pub github: Option<GithubSelection>,
    /// Whether the collection says which commits under the person's name but another
    /// email it did not count (`run`, `collect`); the team overview lists them in its
    /// identity report instead.
    pub likely_aliases: bool,
}

impl Selection {
    pub fn period(&self) -> Period {
        self.git.walk.period
    }

    /// `--no-store`: nothing is kept for the next run, GitHub's pages included.
    pub fn keep_nothing(&mut self) {
        if let Some(gh) = &mut self.github {
            gh.store = None;
        }
    }
}

/// GitHub collection: options, the token, and where its incremental state is kept.
#[derive(Debug, Clone)]
pub struct GithubSelection {
    pub options: GithubOptions,
    pub token: Token,
    /// Where GitHub's pages are kept when the run has no store of its own; `None` keeps
    /// nothing (`--no-store`, see [`Selection::keep_nothing`]).
    pub store: Option<PathBuf>,
}

/// The selection for the person `--author` and `[identity]` name.
pub fn select(settings: &Settings, env: &Env) -> Result<Selection> {
    select_person(settings, env, None)
}

/// The selection for a person the caller names (a team member) instead of the one from
/// `--author` and `[identity]`.
pub fn select_for(settings: &Settings, env: &Env, person: Person) -> Result<Selection> {
    select_person(settings, env, Some(person))
}

fn select_person(settings: &Settings, env: &Env, given: Option<Person>) -> Result<Selection> {
    let config = &settings.config;
    let period = period_of(settings, env)?;
    let paths = config
        .repos
        .clone()
        .unwrap_or_else(|| vec![PathBuf::from(".")]);
    let github = github_selection(config, env)?;
    let explicit_repos = !settings.is_default("repos");
    let all_branches = config.all_branches.unwrap_or(false);
    let resolved = match git::resolve_repositories(&paths, all_branches) {
        Ok(found) => found,
        // A GitHub-only run from a folder that holds no repository is fine.
        Err(_) if github.is_some() && !explicit_repos => Default::default(),
        Err(e) => return Err(e),
    };
    let git::Resolved {
        repos,
        warnings,
        unseen,
    } = resolved;
    let person = match given {
        Some(p) => p,
        None => person(config, &repos)?,
    };
    Ok(Selection {
        git: GitOptions {
            repos,
            walk: WalkOptions {
                period,
                include_merges: config.include_merges.unwrap_or(false),
                all_branches,
            },
            design_docs: config.design_docs.unwrap_or(true),
        },
        person,
        warnings,
        unseen,
        github,
        likely_aliases: true,
    })
}

/// `since` and `until`, by default the twelve months up to now.
fn period_of(settings: &Settings, env: &Env) -> Result<Period> {
    let now = env.now;
    let config = &settings.config;
    let since = match &config.since {
        Some(t) => period::parse_since(t, now).map_err(|_| date_error(settings, "since", t))?,
        None => period::default_since(now),
    };
    let until = match &config.until {
        Some(t) => period::parse_until(t, now).map_err(|_| date_error(settings, "until", t))?,
        None => now,
    };
    if since >= until {
        // As typed where it was typed: `--until 2025-08-05` ends with that day, which
        // reads as 2025-08-06 00:00 once resolved; an unset end is now.
        let shown = |key: &str, given: &Option<String>, at: DateTime<Utc>| {
            let by_default = matches!(
                settings.sources(key),
                [] | [crate::config::settings::Source::Default]
            );
            match given {
                Some(t) if !by_default => format!("{} {t}", setting_name(settings, key)),
                _ if key == "until" => format!("now ({})", at.format("%Y-%m-%d %H:%M")),
                _ => format!("the default start ({})", at.format("%Y-%m-%d")),
            }
        };
        return Err(Error::usage(format!(
            "the period is empty: {} is not before {} (the period runs from the start of its first day to the end of its last)",
            shown("since", &config.since, since),
            shown("until", &config.until, until)
        ))
        .with_hint("the start must come before the end: put the earlier date in --since"));
    }
    Ok(Period::new(since, until))
}

/// A bad date, named by where it was set: `--since`, or `` `since` (environment
/// EVIDENT_SINCE) ``.
/// How a setting was given: its flag (`--since`), else `` `since` (environment
/// EVIDENT_SINCE) `` or the file and line that set it.
fn setting_name(settings: &Settings, key: &str) -> String {
    match settings.sources(key) {
        [crate::config::settings::Source::Flag { name }] => name.clone(),
        _ => format!("`{key}` ({})", settings.origin(key)),
    }
}

fn date_error(settings: &Settings, key: &str, text: &str) -> Error {
    let name = setting_name(settings, key);
    Error::usage(format!("invalid date for {name}: `{text}` is not a date"))
        .with_hint(period::DATE_FORMS)
}

/// GitHub options from `[github]`; a missing token is a usage error.
fn github_selection(config: &Config, env: &Env) -> Result<Option<GithubSelection>> {
    let gh = config.github.clone().unwrap_or_default();
    if !gh.enabled.unwrap_or(false) {
        return Ok(None);
    }
    let url = gh.url;
    let host = github::client::Api::from_url(url.as_deref())?.host;
    let Some(token) = env.github_token(&host) else {
        return Err(Error::usage(format!("GitHub collection is on, but no token for {host} was found"))
            .with_hint("export GITHUB_TOKEN (or GH_TOKEN; GH_ENTERPRISE_TOKEN for an Enterprise host) with a token that has the `repo` and `read:org` scopes (`public_repo` for public work only), or log in with `gh auth login`, or leave out --github"));
    };
    let mut options = GithubOptions::new(env.now);
    options.url = url;
    options.login = gh
        .login
        .or_else(|| config.identity.as_ref().and_then(|i| i.github.clone()));
    options.include = gh.include;
    options.exclude = gh.exclude;
    options.search_syntax = match gh.search_syntax {
        Some(SearchSyntax::Advanced) => Some(github::search::Syntax::Advanced),
        Some(SearchSyntax::Legacy) => Some(github::search::Syntax::Legacy),
        Some(SearchSyntax::Auto) | None => None,
    };
    options.no_wait = gh.no_wait.unwrap_or(false);
    options.progress = env.interactive;
    options.net = env.net.clone();
    options.retry = github::client::RetryPolicy::from_vars(&env.vars);
    Ok(Some(GithubSelection {
        options,
        token,
        store: super::collect::store_dir(config),
    }))
}

/// `--author` (or config `author`), joined with the `[identity]` aliases; without
/// either, the first repository's `user.email`.
fn person(config: &Config, repos: &[PathBuf]) -> Result<Person> {
    let mut person = Person::default();
    if let Some(id) = &config.identity {
        if let Some(name) = &id.name {
            person.add(name);
        }
        id.emails
            .iter()
            .chain(&id.names)
            .chain(&id.aliases)
            .for_each(|a| person.add(a));
    }
    let explicit: Vec<String> = config.author.clone().unwrap_or_default();
    if explicit.is_empty() && person.is_empty() {
        person = default_person(config, repos, person)?;
    } else {
        // The first --author leads, so it becomes the canonical identity.
        let mut lead = Person::from_identities(&explicit);
        // The [identity] name as written: `add` keeps names lower-cased for matching.
        if lead.name.is_none() {
            lead.name = person.name.clone();
        }
        for e in person.emails.iter().chain(&person.names) {
            lead.add(e);
        }
        person = lead;
    }
    // `--github-login` is `[github] login`, so it wins over `[identity] github`.
    person.github = config.github.as_ref().and_then(|g| g.login.clone());
    person.bots = bot_names(config);
    Ok(person)
}

/// The person when nobody is named: the repository's `user.email`, else the author of
/// HEAD, else (GitHub only) the GitHub login.
fn default_person(config: &Config, repos: &[PathBuf], mut person: Person) -> Result<Person> {
    let found = repos
        .iter()
        .find_map(|r| git::configured_identity(r))
        .or_else(|| {
            // A fresh machine has no user.email: the author of HEAD is the best guess.
            let (name, email) = repos.iter().find_map(|r| git::head_author(r))?;
            tracing::warn!(
                hint = "pass --author to choose",
                "no --author and no user.email: using the author of HEAD, {name} <{email}>"
            );
            Some((Some(name), email))
        });
    match found {
        Some((name, email)) => {
            person.add(&email);
            if let Some(n) = name {
                person.name = Some(n);
            }
        }
        // GitHub-only: the person is the GitHub login (the token's own user by default).
        None if repos.is_empty() && github_enabled(config) => {
            let login = config
                .github
                .as_ref()
                .and_then(|g| g.login.clone())
                .or_else(|| config.identity.as_ref().and_then(|i| i.github.clone()));
            person.name = Some(login.unwrap_or_else(|| "you (GitHub)".to_string()));
        }
        None => {
            return Err(
                Error::usage("no author given, and the repository has no user.email").with_hint(
                    "pass --author you@example.com (repeatable), or set [identity] in evident.toml",
                ),
            );
        }
    }
    Ok(person)
}

/// Whose note `evident note add` records: `--author`, else the person `run` would use
/// (config `author`, `[identity]`, the current repository's user.email), as
/// `Name <email>` where both are known.
///
/// None when nobody can be named (no identity configured, no git user.email): the note
/// then names no author, and counts for whoever runs evident (which the portfolio says).
pub fn note_author(config: &Config, given: Option<&str>) -> Option<String> {
    let mut person = Person::default();
    if let Some(a) = given {
        person.add(a);
    } else if let Some(first) = config.author.as_ref().and_then(|a| a.first()) {
        person.add(first);
    }
    if let Some(id) = &config.identity {
        if let (Some(email), true) = (id.emails.first(), person.emails.is_empty()) {
            person.add(email);
        }
        if let (Some(name), None) = (&id.name, &person.name) {
            person.name = Some(name.clone());
        }
    }
    if person.is_empty()
        && let Some((name, email)) = git::configured_identity(std::path::Path::new("."))
    {
        person.add(&email);
        person.name = name;
    }
    if person.is_empty()
        && let Some((name, email)) = git::global_identity()
    {
        person.add(&email);
        person.name = name;
    }
    match (person.name.as_deref(), person.emails.first()) {
        (Some(name), Some(email)) => Some(format!("{name} <{email}>")),
        (None, Some(email)) => Some(email.clone()),
        (Some(name), None) => Some(name.to_string()),
        (None, None) => None,
    }
}

/// `[bots] names`: names, emails or logins that are bots, besides the built-in ones.
pub fn bot_names(config: &Config) -> Vec<String> {
    config
        .bots
        .as_ref()
        .map(|b| b.names.clone())
        .unwrap_or_default()
}

fn github_enabled(config: &Config) -> bool {
    config
        .github
        .as_ref()
        .and_then(|g| g.enabled)
        .unwrap_or(false)
}
