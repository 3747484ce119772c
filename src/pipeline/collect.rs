//! Collect: runs the collectors for a selection, GitHub first, and lets the store reuse
//! or keep each source's results.

use super::assemble::{self, FromGithub};
use super::select::{GithubSelection, Selection};
use crate::collect::git::{self, GitOptions, OpenRepo, RepoOutcome};
use crate::collect::github;
use crate::collect::github::Checkpoint;
use crate::config::Config;
use crate::env::Env;
use crate::error::{Error, Result};
use crate::model::evidence::SourceSummary;
use crate::model::{EvidenceFile, Person};
use crate::store::source::{Fingerprint, GitState};
use crate::store::{self, GithubStateDir, Store, TestHooks};
use std::path::{Path, PathBuf};

/// The default store: `store` in the configuration, else `<cache dir>/evident`. `run`
/// keeps its last portfolio there for `explain`, and GitHub its incremental state.
pub fn store_dir(config: &Config) -> Option<PathBuf> {
    config
        .store
        .clone()
        .or_else(|| dirs::cache_dir().map(|d| d.join("evident")))
}

/// The store a collection uses (`--store`, else [`store_dir`]), opened and locked:
/// refused at once when another run holds it. `None` with `--no-store`, or when the
/// default store cannot be created.
pub fn open_store(
    config: &Config,
    env: &Env,
    flag: Option<&Path>,
    no_store: bool,
) -> Result<Option<Store>> {
    if no_store {
        return Ok(None);
    }
    let Some(dir) = flag.map(Path::to_path_buf).or_else(|| store_dir(config)) else {
        return Ok(None);
    };
    // Only the default store (the cache dir) may be missing: then nothing is kept.
    let chosen = flag.is_some() || config.store.is_some();
    if !chosen && let Err(e) = std::fs::create_dir_all(&dir) {
        tracing::warn!(
            "the store {} cannot be created ({e}): nothing is kept for the next run",
            dir.display()
        );
        return Ok(None);
    }
    Store::open(&dir, env.now, TestHooks::from_vars(&env.vars)).map(Some)
}

/// The evidence a store holds, for `run --from-store`: the store is locked while it is
/// read and until the caller drops it.
pub fn from_store(env: &Env, dir: &Path) -> Result<(Store, EvidenceFile)> {
    if !dir.join(store::source::EVIDENCE_DIR).is_dir() {
        return Err(Error::usage(format!(
            "{} is not an evident store: it has no evidence/ folder",
            dir.display()
        ))
        .with_hint(
            "pass a folder written by `evident collect --store DIR` or `evident merge --store DIR`",
        ));
    }
    let locked = Store::open(dir, env.now, TestHooks::from_vars(&env.vars))?;
    let sources = store::source::read_sources(dir)?;
    if sources.is_empty() {
        return Err(
            Error::failed(format!("the store {} holds no evidence", dir.display()))
                .with_hint("collect into it first: `evident collect --store DIR`"),
        );
    }
    let file = assemble::from_sources(sources.values().map(|(_, f)| f));
    Ok((locked, file))
}

/// Collects evidence from every selected source, keeping each source's results in the
/// store as soon as it is done, and reusing what is still valid there (see `src/store`).
pub fn collect_evidence(selection: &Selection, store: Option<&Store>) -> Result<EvidenceFile> {
    // GitHub first: the commit emails it ties to the person's login are theirs too, and
    // the git walk should count them.
    let mut person = selection.person.clone();
    let from_github = match &selection.github {
        Some(gh) => Some(collect_github(selection, gh, store, &mut person)?),
        None => None,
    };
    let opts = &selection.git;
    let git = git::collect_with(opts, |path| read_repository(path, opts, &person, store))?;
    let file = assemble::assemble(selection, &person, git, from_github);
    if let Some(s) = store {
        s.finish()?;
    }
    Ok(file)
}

/// The GitHub collection, kept in the store; the commit emails GitHub pairs with the
/// person's login are added to `person`.
fn collect_github(
    selection: &Selection,
    gh: &GithubSelection,
    store: Option<&Store>,
    person: &mut Person,
) -> Result<FromGithub> {
    let period = selection.period();
    let state_dir = store.map(|s| s.dir().to_path_buf()).or(gh.store.clone());
    let checkpoint = state_dir.map(|dir| GithubStateDir { dir });
    let found = github::collect(
        &gh.options,
        &gh.token,
        &selection.person,
        period,
        checkpoint.as_ref().map(|c| c as &dyn Checkpoint),
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
            period,
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
    Ok(FromGithub { found, summary })
}

/// One repository's results: from the store when they are still valid there, else read
/// and kept in the store as soon as they are.
fn read_repository(
    path: &Path,
    opts: &GitOptions,
    person: &Person,
    store: Option<&Store>,
) -> Result<RepoOutcome> {
    let repo = git::open(path)?;
    let Some(store) = store else {
        return git::read(&repo, opts, person, None);
    };
    let (all_branches, merges) = (opts.walk.all_branches, opts.walk.include_merges);
    let entry = store.git_entry(
        path,
        &repo.name,
        git_fingerprint(&repo, opts, person),
        |kept, now| repo.same_commits_in(all_branches, merges, kept, now, Some(store.dir())),
    );
    if let Some(kept) = store.reuse(&entry, path) {
        return Ok(kept);
    }
    // The author times the walk scans are kept in the store too (`author-times/`).
    let mut outcome = git::read(&repo, opts, person, Some(store.dir()))?;
    if let Err(e) = store.keep_git(entry, &outcome) {
        // The results are still in this run's output; the next run reads it again.
        outcome
            .warnings
            .push(e.report().trim_start_matches("error: ").to_string());
    }
    Ok(outcome)
}

/// What a repository's results depend on: the person, the period, the repository's refs
/// and `.mailmap`, and the options.
fn git_fingerprint(repo: &OpenRepo, opts: &GitOptions, person: &Person) -> Fingerprint {
    let state = GitState::new(
        repo.refs(opts.walk.all_branches),
        repo.mailmap_bytes().as_deref(),
        repo.web.as_ref().map(|w| w.base.clone()),
        opts,
    );
    Fingerprint::new(person, opts.walk.period, Some(state))
}
