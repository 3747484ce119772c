//! One file per subcommand. Shared steps of the pipeline live here: resolving what to
//! collect, loading rules and rubric, reading and writing the stage files.

pub mod classify;
pub mod collect;
pub mod explain;
pub mod identities;
pub mod init;
pub mod merge;
pub mod note;
pub mod report;
pub mod rubric;
pub mod run;
pub mod team;

use crate::classify::rules::RuleSet;
use crate::cli::{RulesArgs, SelectArgs};
use crate::collect::git::walk::WalkOptions;
use crate::collect::git::{self, GitOptions};
use crate::collect::github::{self, GithubOptions};
use crate::config::rubric::{BUILTIN_RUBRIC, BUILTIN_RUBRIC_NAME, Rubric};
use crate::config::{Config, period, read_text};
use crate::env::Env;
use crate::env::Secret;
use crate::error::{Error, Result};
use crate::model::Person;
use crate::model::evidence::SourceSummary;
use crate::model::evidence::{Collection, EVIDENCE_SCHEMA, EvidenceFile};
/// Until the GitHub collector takes the ordering from the model.
pub use crate::model::sort_evidence;
use crate::model::{Evidence, Period, Portfolio};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// What every command gets: the environment and the stacked configuration.
pub struct Context {
    pub env: Env,
    pub config: Config,
    /// The project config file in use (`--config`, or `./evident.toml` when present).
    pub config_file: Option<PathBuf>,
}

/// What to collect, resolved from flags over config over defaults.
#[derive(Debug, Clone)]
pub struct Selection {
    pub git: GitOptions,
    pub person: Person,
    pub warnings: Vec<String>,
    /// Set when GitHub collection is on (`--github` or `[github] enabled = true`).
    pub github: Option<GithubSelection>,
}

/// GitHub collection: options, the token, and the store for incremental runs.
#[derive(Debug, Clone)]
pub struct GithubSelection {
    pub options: GithubOptions,
    pub token: Secret,
    pub store: Option<PathBuf>,
}

impl Context {
    pub fn selection(&self, args: &SelectArgs) -> Result<Selection> {
        self.select(args, None)
    }

    /// The selection for a person the caller names (a team member) instead of the one
    /// from `--author` and `[identity]`.
    pub fn selection_for(&self, args: &SelectArgs, person: Person) -> Result<Selection> {
        self.select(args, Some(person))
    }

    fn select(&self, args: &SelectArgs, given: Option<Person>) -> Result<Selection> {
        let c = &self.config;
        let now = self.env.now;
        let since_text = args.since.clone().or_else(|| c.since.clone());
        let until_text = args.until.clone().or_else(|| c.until.clone());
        let since = match &since_text {
            Some(t) => period::parse_since(t, now).map_err(|_| date_error("--since", t))?,
            None => period::default_since(now),
        };
        let until = match &until_text {
            Some(t) => period::parse_until(t, now).map_err(|_| date_error("--until", t))?,
            None => now,
        };
        if since >= until {
            return Err(Error::usage(format!(
                "the period is empty: --since {} is not before --until {}",
                since.format("%Y-%m-%d %H:%M"),
                until.format("%Y-%m-%d %H:%M")
            ))
            .with_hint("put the earlier date in --since"));
        }
        let paths = if !args.repos.is_empty() {
            args.repos.clone()
        } else {
            c.repos.clone().unwrap_or_else(|| vec![PathBuf::from(".")])
        };
        let github = self.github_selection(args)?;
        let explicit_repos = !args.repos.is_empty() || c.repos.is_some();
        let (repos, warnings) = match git::resolve_repositories(&paths) {
            Ok(found) => found,
            // A GitHub-only run from a folder that holds no repository is fine.
            Err(_) if github.is_some() && !explicit_repos => (Vec::new(), Vec::new()),
            Err(e) => return Err(e),
        };
        let person = match given {
            Some(p) => p,
            None => self.person(args, &repos)?,
        };
        Ok(Selection {
            git: GitOptions {
                repos,
                walk: WalkOptions {
                    period: Period::new(since, until),
                    include_merges: args.include_merges || c.include_merges.unwrap_or(false),
                    all_branches: args.all_branches || c.all_branches.unwrap_or(false),
                },
                design_docs: !args.no_design_docs && c.design_docs.unwrap_or(true),
            },
            person,
            warnings,
            github,
        })
    }

    /// GitHub options from flags over `[github]`; a missing token is a usage error.
    fn github_selection(&self, args: &SelectArgs) -> Result<Option<GithubSelection>> {
        let gh = self.config.github.clone().unwrap_or_default();
        if !(args.github || gh.enabled.unwrap_or(false)) {
            return Ok(None);
        }
        let Some(token) = self.env.github_token.clone() else {
            return Err(Error::usage("GitHub collection is on, but no token was found")
                .with_hint("export GITHUB_TOKEN (or GH_TOKEN) with a token that has the `repo` and `read:org` scopes (`public_repo` for public work only), or leave out --github"));
        };
        let mut options = GithubOptions::new(self.env.now);
        options.url = args.github_url.clone().or(gh.url);
        options.login = args
            .github_login
            .clone()
            .or(gh.login)
            .or_else(|| self.config.identity.as_ref().and_then(|i| i.github.clone()));
        options.include = gh.include;
        options.exclude = gh.exclude;
        options.no_wait = args.no_wait || gh.no_wait.unwrap_or(false);
        options.progress = self.env.interactive;
        Ok(Some(GithubSelection {
            options,
            token,
            store: self.store_dir(),
        }))
    }

    /// `--author` (or config `author`), joined with the `[identity]` aliases; without
    /// either, the first repository's `user.email`.
    fn person(&self, args: &SelectArgs, repos: &[PathBuf]) -> Result<Person> {
        let mut person = Person::default();
        if let Some(id) = &self.config.identity {
            if let Some(name) = &id.name {
                person.add(name);
            }
            id.emails
                .iter()
                .chain(&id.names)
                .chain(&id.aliases)
                .for_each(|a| person.add(a));
        }
        let explicit: Vec<String> = if !args.authors.is_empty() {
            args.authors.clone()
        } else {
            self.config.author.clone().unwrap_or_default()
        };
        if explicit.is_empty() && person.is_empty() {
            let found = repos
                .iter()
                .find_map(|r| git::configured_identity(r))
                .or_else(|| {
                    // A fresh machine has no user.email: the author of HEAD is the best guess.
                    let (name, email) = repos.iter().find_map(|r| git::head_author(r))?;
                    tracing::warn!("no --author and no user.email: using the author of HEAD, {name} <{email}> (pass --author to choose)");
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
                None if repos.is_empty() && (args.github || self.github_enabled()) => {
                    let login = args
                        .github_login
                        .clone()
                        .or_else(|| self.config.github.as_ref().and_then(|g| g.login.clone()))
                        .or_else(|| self.config.identity.as_ref().and_then(|i| i.github.clone()));
                    person.name = Some(login.unwrap_or_else(|| "you (GitHub)".to_string()));
                }
                None => {
                    return Err(Error::usage("no author given, and the repository has no user.email")
                        .with_hint("pass --author you@example.com (repeatable), or set [identity] in evident.toml"));
                }
            }
        } else {
            // The first --author leads, so it becomes the canonical identity.
            let mut lead = Person::from_identities(&explicit);
            for e in person.emails.iter().chain(&person.names) {
                lead.add(e);
            }
            if lead.name.is_none() {
                lead.name = person.name.clone();
            }
            person = lead;
        }
        person.github = args
            .github_login
            .clone()
            .or_else(|| self.config.identity.as_ref().and_then(|i| i.github.clone()))
            .or_else(|| self.config.github.as_ref().and_then(|g| g.login.clone()));
        person.bots = self.bot_names();
        Ok(person)
    }

    /// `[bots] names`: names, emails or logins that are bots, besides the built-in ones.
    pub fn bot_names(&self) -> Vec<String> {
        self.config
            .bots
            .as_ref()
            .map(|b| b.names.clone())
            .unwrap_or_default()
    }

    fn github_enabled(&self) -> bool {
        self.config
            .github
            .as_ref()
            .and_then(|g| g.enabled)
            .unwrap_or(false)
    }

    /// The rubric (`--rubric`, config, or built-in) and the rules (built-in plus user files).
    pub fn rubric_and_rules(&self, args: &RulesArgs) -> Result<(Rubric, RuleSet)> {
        let rubric = match args.rubric.as_ref().or(self.config.rubric.as_ref()) {
            Some(path) => Rubric::parse(&path.display().to_string(), &read_text("rubric", path)?)?,
            None => Rubric::parse(BUILTIN_RUBRIC_NAME, BUILTIN_RUBRIC)?,
        };
        let mut files = Vec::new();
        let paths: Vec<&PathBuf> = self
            .config
            .rules
            .iter()
            .flatten()
            .chain(args.rules.iter())
            .collect();
        for path in paths {
            files.push((path.display().to_string(), read_text("rules file", path)?));
        }
        let rules = RuleSet::load(&files, &rubric.vocabulary())?;
        Ok((rubric, rules))
    }

    /// The portfolio as it may be shown: redacted when asked.
    pub fn shareable<'a>(
        &self,
        portfolio: &'a Portfolio,
        redact: bool,
    ) -> std::borrow::Cow<'a, Portfolio> {
        if redact {
            let public = self.config.public_repos.clone().unwrap_or_default();
            std::borrow::Cow::Owned(crate::model::redact::redact(portfolio, &public))
        } else {
            std::borrow::Cow::Borrowed(portfolio)
        }
    }

    /// The store a collection uses (`--store`, else [`Context::store_dir`]), opened and
    /// locked: refused at once when another run holds it.
    pub fn open_store(
        &self,
        flag: Option<&Path>,
        no_store: bool,
    ) -> Result<Option<crate::store::Store>> {
        if no_store {
            return Ok(None);
        }
        let Some(dir) = flag.map(Path::to_path_buf).or_else(|| self.store_dir()) else {
            return Ok(None);
        };
        // Only the default store (the cache dir) may be missing: then nothing is kept.
        let chosen = flag.is_some() || self.config.store.is_some();
        if !chosen && let Err(e) = std::fs::create_dir_all(&dir) {
            tracing::warn!(
                "the store {} cannot be created ({e}): nothing is kept for the next run",
                dir.display()
            );
            return Ok(None);
        }
        let hooks = crate::store::TestHooks::from_vars(&self.env.vars);
        crate::store::Store::open(&dir, self.env.now, hooks).map(Some)
    }

    /// The notes file in use.
    pub fn notes_path(&self) -> PathBuf {
        crate::notes::notes_path(
            self.config.notes.as_deref(),
            self.config_file.as_deref(),
            self.env.config_dir.as_deref(),
        )
    }

    /// The person's decisions (exclusions, relabellings) from the notes file.
    pub fn decisions(&self, rubric: &Rubric) -> Result<crate::model::Decisions> {
        let path = self.notes_path();
        let file = crate::notes::load(&path, &rubric.vocabulary())?;
        Ok(file.decisions(&path.display().to_string()))
    }

    /// Adds the notes that fall in the collected period to the evidence.
    pub fn add_notes(&self, file: &mut EvidenceFile, rubric: &Rubric) -> Result<()> {
        let path = self.notes_path();
        let notes = crate::notes::load(&path, &rubric.vocabulary())?;
        crate::notes::add_notes(file, &notes, &path);
        Ok(())
    }

    /// Where `run` keeps its last portfolio, for `explain`.
    pub fn store_dir(&self) -> Option<PathBuf> {
        self.config
            .store
            .clone()
            .or_else(|| dirs::cache_dir().map(|d| d.join("evident")))
    }
}

fn date_error(flag: &str, text: &str) -> Error {
    Error::usage(format!("invalid date for {flag}: `{text}` is not a date"))
        .with_hint(period::DATE_FORMS)
}

/// Collects evidence from every configured source.
pub fn collect_evidence(selection: &Selection) -> Result<EvidenceFile> {
    collect_evidence_in(selection, None)
}

/// [`collect_evidence`], keeping each source's results in the store as soon as it is
/// done, and reusing what is still valid there (see `src/store`).
pub fn collect_evidence_in(
    selection: &Selection,
    store: Option<&crate::store::Store>,
) -> Result<EvidenceFile> {
    // GitHub first: the commit emails it ties to the person's login are theirs too, and
    // the git walk should count them.
    let mut person = selection.person.clone();
    let mut from_github = None;
    if let Some(gh) = &selection.github {
        let walk = &selection.git.walk;
        let found = github::collect(
            &gh.options,
            &gh.token,
            &selection.person,
            walk.period.since,
            walk.period.until,
            store.map(|s| s.dir()).or(gh.store.as_deref()),
        )?;
        let summary = SourceSummary {
            name: format!("{}: {}", found.summary.host, found.summary.login),
            path: gh
                .options
                .url
                .clone()
                .unwrap_or_else(|| "https://github.com".into()),
            items: found.evidence.len(),
            web_url: None,
        };
        if let Some(s) = store {
            s.keep_github(
                &selection.person,
                walk.period,
                &summary,
                &found.summary,
                &found.warnings,
                &found.evidence,
            )?;
        }
        for email in github::emails_of(&found.evidence, &found.summary.login) {
            if !person.emails.contains(&email) {
                tracing::info!(
                    "GitHub pairs {email} with {}: counted as theirs",
                    found.summary.login
                );
                person.add(&email);
            }
        }
        from_github = Some((found, summary));
    }
    let git = git::collect_kept(&selection.git, &person, store)?;
    let mut warnings = selection.warnings.clone();
    warnings.extend(git.warnings);
    let mut evidence = git.evidence;
    let mut sources = git.sources;
    let mut github_summary = None;
    if let Some((found, summary)) = from_github {
        warnings.extend(found.warnings);
        sources.push(summary);
        evidence.extend(found.evidence);
        github::dedup::fold_local_commits(&mut evidence);
        github_summary = Some(found.summary);
    }
    for w in &warnings {
        tracing::warn!("{w}");
    }
    crate::model::sort_evidence(&mut evidence);
    if let Some(s) = store {
        s.finish()?;
    }
    Ok(EvidenceFile {
        schema: EVIDENCE_SCHEMA,
        collection: Some(Collection {
            person: person.display(),
            identities: person.identities(),
            since: Some(selection.git.walk.period.since),
            until: Some(selection.git.walk.period.until),
            sources,
            warnings,
            github: github_summary,
        }),
        evidence,
    })
}

/// Classifies collected evidence into a portfolio, the person's decisions applied last.
pub fn make_portfolio(
    file: EvidenceFile,
    rubric: &Rubric,
    rules: &RuleSet,
    now: chrono::DateTime<chrono::Utc>,
    decisions: &crate::model::Decisions,
) -> Portfolio {
    let vocabulary = rubric.vocabulary();
    let items = crate::classify::classify_all(rules, &vocabulary, file.evidence, decisions);
    let collection = file.collection.unwrap_or_default();
    crate::classify::build_portfolio(items, rubric, collection, now)
}

/// Reads a file or stdin (`-`).
pub fn read_input(what: &str, path: &Path) -> Result<String> {
    if path == Path::new("-") {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).map_err(|e| {
            Error::usage(format!("could not read the {what} from stdin")).with_source(e)
        })?;
        return Ok(s);
    }
    read_text(what, path)
}

/// Parses evidence JSON: an `{"schema":1,"evidence":[...]}` object, or JSON Lines of records.
pub fn parse_evidence(name: &str, text: &str) -> Result<EvidenceFile> {
    // JSON Lines start with a whole record on the first line; an evidence file does not
    // (pretty-printed, its first line is `{`; compact, its first object has `evidence`).
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let records = serde_json::from_str::<serde_json::Value>(first)
        .is_ok_and(|v| v.is_object() && v.get("evidence").is_none());
    if !records {
        let file: EvidenceFile = serde_json::from_str(text)
            .map_err(|e| json_error(name, text, &e, "an evidence file"))?;
        if file.schema != EVIDENCE_SCHEMA {
            return Err(Error::config(format!("{name}: evidence schema {} is not supported (this evident reads schema {EVIDENCE_SCHEMA})", file.schema))
                .with_hint("collect the evidence again with this version of evident"));
        }
        return Ok(file);
    }
    let mut evidence = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let record: Evidence = serde_json::from_str(line).map_err(|e| {
            Error::config(format!("{name}:{}:{}: {}", i + 1, e.column(), clean_serde(&e)))
                .with_hint("each line must be one evidence record with at least `id`, `kind` and `title`; see README \"Evidence JSON\"")
        })?;
        evidence.push(record);
    }
    if evidence.is_empty() {
        return Err(Error::config(format!("{name}: no evidence records found"))
            .with_hint("expected {\"schema\": 1, \"evidence\": [...]} or one JSON record a line"));
    }
    Ok(EvidenceFile {
        schema: EVIDENCE_SCHEMA,
        collection: None,
        evidence,
    })
}

/// Parses a portfolio JSON.
pub fn parse_portfolio(name: &str, text: &str) -> Result<Portfolio> {
    serde_json::from_str(text).map_err(|e| json_error(name, text, &e, "a portfolio"))
}

fn json_error(name: &str, _text: &str, e: &serde_json::Error, what: &str) -> Error {
    Error::config(format!(
        "{name}:{}:{}: not {what}: {}",
        e.line(),
        e.column(),
        clean_serde(e)
    ))
    .with_hint(format!(
        "check that the file is {what} written by evident (see README)"
    ))
}

fn clean_serde(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// Writes results to `--output` atomically (a temporary file renamed into place), or to
/// stdout. A closed stdout (e.g. `| head`) is not an error.
pub fn write_output(text: &str, output: Option<&Path>) -> Result<()> {
    match output {
        Some(path) => write_atomic(path, text.as_bytes()),
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => Err(Error::failed("could not write to stdout").with_source(e)),
            }
        }
    }
}

/// Writes a file atomically (see [`crate::store::write_atomic`]).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    crate::store::write_atomic(path, bytes)
}
