//! Evidence from local git repositories (git2): commits and design docs.
//!
//! [`open`] opens a repository, [`read`] reads the person's work in it, and
//! [`collect_with`] runs a reader over every repository in parallel. What the store needs
//! to tell whether kept results are still valid (refs, `.mailmap`, the commits of a
//! period) is read in [`state`]; the collector itself never sees the store.

pub mod attributes;
pub mod author_times;
pub mod authors;
pub mod branches;
pub mod damage;
pub mod discover;
pub mod docs;
pub mod encoding;
pub mod headers;
pub mod history;
pub mod numstat;
pub mod recorded;
pub mod refused;
pub mod remote;
pub mod rename;
pub mod reverts;
pub mod revwalk;
pub mod state;
pub mod tags;
pub mod walk;
pub mod worktrees;

use crate::error::{Error, Result};
use crate::model::Person;
use crate::model::Unseen;
use crate::model::evidence::{RECORDED_REVIEWS, SourceSummary};
use crate::model::person::parse_name_email;
use crate::model::{Evidence, Kind};
use author_times::AuthorTimes;
use git2::Repository;
use rayon::prelude::*;
use remote::WebRepo;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use walk::{RepoInfo, WalkOptions};

/// What a repository's results hold, as a number: raised when the collector starts
/// recording more (2: review, collaboration and report records, pull requests of commits,
/// the kinds a source looked for), so that a store's older results are read again.
pub const RECORDS: u32 = 2;

#[derive(Debug, Clone, Serialize)]
pub struct GitOptions {
    pub repos: Vec<PathBuf>,
    pub walk: WalkOptions,
    pub design_docs: bool,
}

/// What the git collection found, and what it could not read.
#[derive(Debug, Default)]
pub struct GitCollection {
    pub evidence: Vec<Evidence>,
    pub sources: Vec<SourceSummary>,
    pub warnings: Vec<String>,
    /// What could not be seen, with its cost: repositories that failed, commits whose
    /// objects could not be read.
    pub unseen: Vec<Unseen>,
    /// The first repository that could not be read: the run's error when no source at
    /// all could be read.
    pub first_error: Option<Error>,
}

/// The repositories the `--repo` paths name, and what finding them could not see.
#[derive(Debug, Default)]
pub struct Resolved {
    pub repos: Vec<PathBuf>,
    pub warnings: Vec<String>,
    pub unseen: Vec<Unseen>,
}

/// Expands the `--repo` paths into repositories, one per repository (its worktrees
/// merged). A path that yields none is an error when it is the only path given, and a
/// warning when others yield repositories. What discovery skipped (folders it may not
/// read, symbolic-link loops, repositories below the depth limit) is listed.
pub fn resolve_repositories(paths: &[PathBuf], all_branches: bool) -> Result<Resolved> {
    let mut repos: Vec<PathBuf> = Vec::new();
    let mut problems: Vec<Error> = Vec::new();
    let mut unseen = Vec::new();
    for path in paths {
        match discover::find(path) {
            Ok(found) => {
                let skipped: Vec<Unseen> = found.skipped.into_iter().map(skipped_entry).collect();
                match found.found {
                    discover::Found::Repositories(found) => repos.extend(found),
                    discover::Found::Enclosing(top) => repos.push(top),
                    discover::Found::Nothing => {
                        let mut hint = format!(
                            "pass a repository with --repo, or a folder that holds repositories (searched {} levels deep)",
                            discover::MAX_DEPTH
                        );
                        if let Some(first) = skipped.first() {
                            hint = format!("{hint}; what was not searched: {}", first.message);
                        }
                        problems.push(
                            Error::usage(format!(
                                "{} is not a git repository, and no repository was found below it",
                                path.display()
                            ))
                            .with_hint(hint),
                        );
                    }
                }
                unseen.extend(skipped);
            }
            Err(e) => problems.push(
                Error::usage(format!("cannot read {}", path.display()))
                    .with_source(e)
                    .with_hint("check that the path exists and that you may read it"),
            ),
        }
    }
    // The same repository reached twice (a folder and a repo inside it) counts once.
    let mut seen = std::collections::BTreeSet::new();
    repos.retain(|r| seen.insert(std::fs::canonicalize(r).unwrap_or_else(|_| r.clone())));
    // A submodule named with --repo as well is read, not "not read".
    unseen.retain(|u| {
        u.kind != crate::model::UnseenKind::Submodule
            || !seen.contains(
                &std::fs::canonicalize(&u.source).unwrap_or_else(|_| PathBuf::from(&u.source)),
            )
    });
    let (repos, merged) = worktrees::one_per_repository(repos, all_branches);
    unseen.extend(merged);
    if repos.is_empty() {
        if let Some(first) = problems.into_iter().next() {
            return Err(first);
        }
        return Err(Error::usage("no repository to read").with_hint("pass one with --repo PATH"));
    }
    let warnings = problems
        .iter()
        .map(|p| p.report().replace("error: ", ""))
        .collect();
    Ok(Resolved {
        repos,
        warnings,
        unseen,
    })
}

/// A folder discovery skipped, as a line under "What could not be seen".
fn skipped_entry(s: discover::Skipped) -> Unseen {
    let path = s.path.display().to_string();
    let message = format!("{path} {}", s.why);
    let mut u = Unseen::new(path.clone(), s.kind, message);
    if matches!(
        s.kind,
        crate::model::UnseenKind::TooDeep | crate::model::UnseenKind::Submodule
    ) {
        u = u.with_ids([path]);
    }
    u
}

/// Pack bytes libgit2 keeps mapped at once, in windows of `PACK_WINDOW`.
const PACK_MAPPED_LIMIT: usize = 320 << 20;
/// One mapping of a pack: libgit2 maps packs in windows, closing the least recently used
/// when the limit is reached.
const PACK_WINDOW: usize = 64 << 20;

/// Bounds the pack bytes libgit2 keeps mapped. By default (git's own defaults: windows of
/// 1 GiB, 8 GiB mapped) a pack below 1 GiB is one window, never closed, and every page the
/// diffs read stays in the resident set: 427 MB for the whole of git/git (a 473 MiB
/// pack), above git's 396 MB. With 64 MiB windows and 320 MiB mapped, 180-250 MB in the
/// same time (docs/benchmarks.md). A pack that fits in the limit is unaffected.
fn bound_pack_mappings() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: these set two of libgit2's global settings, read when a pack window is
        // opened; `Once` sets them before the first walk opens one, and never again.
        #[allow(unsafe_code)]
        let set = unsafe {
            git2::opts::set_mwindow_size(PACK_WINDOW)
                .and_then(|()| git2::opts::set_mwindow_mapped_limit(PACK_MAPPED_LIMIT))
        };
        if let Err(e) = set {
            tracing::debug!(error = %e, "pack mapping limits not set");
        }
    });
}

/// Reads every repository in parallel with `read_one` (the pipeline passes one that
/// first asks the store). An empty repository is a warning; a repository that cannot be
/// read is listed as a failed source (the run is then incomplete). The first of either is
/// kept for the caller: when no source at all could be read, it is the run's error.
pub fn collect_with(
    opts: &GitOptions,
    read_one: impl Fn(&Path) -> Result<RepoOutcome> + Sync,
) -> GitCollection {
    // Object hashes are checked by git itself when objects are written; checking each on
    // every read makes the walk much slower and catches nothing a clone did not.
    git2::opts::strict_hash_verification(false);
    // libgit2 keeps parsed commits and trees in a cache (256 MiB by default) that a walk
    // of a long history fills, so memory grew with the history. Each diff reads its own
    // trees and blobs once, and the cache's bookkeeping cost more than it saved: measured
    // on 50,000 commits, no cache is as fast and keeps memory flat.
    git2::opts::enable_caching(false);
    bound_pack_mappings();
    let results: Vec<Result<RepoOutcome>> = opts
        .repos
        .par_iter()
        .map(|path| {
            let _span = tracing::info_span!("git", repo = %path.display()).entered();
            read_one(path)
        })
        .collect();
    let mut out = GitCollection::default();
    for (path, r) in opts.repos.iter().zip(results) {
        match r {
            Ok(o) => {
                out.sources.push(o.source);
                out.evidence.extend(o.evidence);
                out.warnings.extend(o.warnings);
                out.unseen.extend(o.unseen);
            }
            Err(e) => {
                let text = e.report().trim_start_matches("error: ").to_string();
                // An empty repository holds nothing to lose; any other failure does.
                if e.kind == crate::error::ErrorKind::Failed {
                    out.unseen
                        .push(Unseen::failed(path.display().to_string(), text));
                } else {
                    out.warnings.push(text);
                }
                out.first_error.get_or_insert(e);
            }
        }
    }
    let warnings = count_shared_commits_once(&mut out.sources, &mut out.evidence);
    out.warnings.extend(warnings);
    out
}

/// A commit in two repositories read (a fork and its upstream; setuptools, which merges
/// pypa/distutils' history whole) is one piece of work: each record of it (and a design
/// doc it wrote) is kept in one repository only, the first by path (so `collect` and a
/// store's `merge` keep the same ids), and the other's summary says how many of the
/// person's commits were counted where (`counted_in`), for "What could not be seen".
/// Two clones of one repository under one name hold the same ids: each is kept once.
/// Two repositories of one name are a warning: the count of repositories runs them
/// together.
pub fn count_shared_commits_once(
    sources: &mut [SourceSummary],
    evidence: &mut Vec<Evidence>,
) -> Vec<String> {
    let read = |s: &SourceSummary| s.kinds.iter().any(|k| k == "commit");
    let mut names: BTreeMap<&str, usize> = BTreeMap::new();
    // Each repository's place: its path, the first of those under one name.
    let mut place: HashMap<&str, &str> = HashMap::new();
    for s in sources.iter().filter(|s| read(s)) {
        *names.entry(s.name.as_str()).or_default() += 1;
        let at = place.entry(s.name.as_str()).or_insert(s.path.as_str());
        *at = (*at).min(s.path.as_str());
    }
    let twice: Vec<(String, usize, usize)> = names
        .iter()
        .filter(|(_, n)| **n > 1)
        .map(|(name, n)| {
            let most = sources
                .iter()
                .filter(|s| s.name == *name)
                .map(|s| s.items)
                .max()
                .unwrap_or(0);
            (name.to_string(), *n, most)
        })
        .collect();
    // What a record is, whichever repository holds it: a commit's (or a review's) sha,
    // a design doc's path, title and date.
    let key = |e: &Evidence| -> Option<(Kind, String)> {
        match e.kind {
            Kind::DesignDoc if e.id.starts_with("doc:") => Some((
                e.kind,
                format!("{}\n{}\n{:?}", e.paths.join("\n"), e.title, e.timestamp),
            )),
            _ if e.id.starts_with("git") => Some((e.kind, e.meta_str("sha")?.to_string())),
            // GitHub's records of a commit fold with git's elsewhere (`github::dedup`).
            _ => None,
        }
    };
    let rank = |repo: &str| place.get(repo).copied().unwrap_or("");
    let mut kept_in: HashMap<(Kind, String), String> = HashMap::new();
    for e in evidence.iter() {
        if let Some(k) = key(e) {
            let best = kept_in.entry(k).or_insert_with(|| e.repo.clone());
            if (rank(&e.repo), e.repo.as_str()) < (rank(best), best.as_str()) {
                *best = e.repo.clone();
            }
        }
    }
    let mut counted_in: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut ids: std::collections::HashSet<String> = std::collections::HashSet::new();
    evidence.retain(|e| {
        let Some(k) = key(e) else {
            return true;
        };
        let there = &kept_in[&k];
        if *there != e.repo {
            if e.kind == Kind::Commit {
                *counted_in
                    .entry((e.repo.clone(), there.clone()))
                    .or_default() += 1;
            }
            return false;
        }
        // Two clones under one name: the same record twice.
        ids.insert(e.id.clone())
    });
    // Two clones of one repository hold nothing the larger does not: said only when the
    // repositories of one name hold different work.
    let warnings: Vec<String> = twice
        .into_iter()
        .filter(|(name, _, most)| evidence.iter().filter(|e| e.repo == *name).count() > *most)
        .map(|(name, n, _)| {
            format!(
                "{n} repositories read are named {name}: they count as one repository, and a commit in both counts once; give each its own remote or folder name"
            )
        })
        .collect();
    for s in sources.iter_mut() {
        s.counted_in.clear();
    }
    for ((repo, there), n) in counted_in {
        if let Some(s) = sources.iter_mut().find(|s| s.name == repo) {
            s.counted_in.insert(there, n);
        }
    }
    warnings
}

/// One repository's results.
pub struct RepoOutcome {
    pub source: SourceSummary,
    pub evidence: Vec<Evidence>,
    pub warnings: Vec<String>,
    /// What reading it could not see, with its cost (see `damage`).
    pub unseen: Vec<Unseen>,
}

/// A repository opened for reading: its name, its web address, and what opening it
/// showed (a shallow clone).
pub struct OpenRepo {
    pub path: PathBuf,
    pub repo: Repository,
    /// `owner/name` where the remote tells it, else the folder name.
    pub name: String,
    pub web: Option<WebRepo>,
    pub warnings: Vec<String>,
}

/// Opens a repository; an unreadable or empty one is an error.
pub fn open(path: &Path) -> Result<OpenRepo> {
    let repo = discover::open(path).map_err(|e| refused::open_error(path, e))?;
    if repo.is_empty().unwrap_or(false) {
        return Err(Error::usage(format!(
            "{} is an empty repository: it has no commits yet",
            path.display()
        ))
        .with_hint("commit something first, or leave this repository out"));
    }
    let mut warnings = Vec::new();
    if repo.is_shallow() {
        warnings.push(format!(
            "{} is a shallow clone: history before the cut is not seen, so counts may be low (run `git fetch --unshallow` there)",
            path.display()
        ));
    }
    let web = web_repo(&repo);
    let name = repo_name(path, &repo, web.as_ref());
    Ok(OpenRepo {
        path: path.to_path_buf(),
        repo,
        name,
        web,
        warnings,
    })
}

/// Reads the person's commits in the period, and their design docs. `kept` is a folder
/// where the author times scanned by the walk are kept between runs (the pipeline passes
/// the store's; see [`author_times`]), or None to keep nothing.
pub fn read(
    open: &OpenRepo,
    opts: &GitOptions,
    person: &Person,
    kept: Option<&Path>,
) -> Result<RepoOutcome> {
    let path = &open.path;
    if !opts.walk.all_branches
        && let Some(e) = refused::unborn_head(&open.repo, path)
    {
        return Err(e);
    }
    let info = RepoInfo {
        name: open.name.clone(),
        web: open.web.clone(),
    };
    let times = AuthorTimes::kept_in(kept, open.repo.path());
    let mut walked =
        walk::walk(path, &open.repo, &info, person, &opts.walk, &times).map_err(|e| {
            Error::failed(format!("could not read the history of {}", path.display()))
                .with_source(e)
        })?;
    times.keep();
    let warnings = open.warnings.clone();
    let mut unseen = Vec::new();
    let mut evidence = std::mem::take(&mut walked.commits);
    let mut kinds = vec![Kind::Commit];
    if opts.design_docs {
        kinds.push(Kind::DesignDoc);
        match read_design_docs(open, person, &evidence, &walked) {
            Ok(docs) => evidence.extend(docs),
            Err(e) => unseen.push(Unseen::new(
                open.name.clone(),
                crate::model::UnseenKind::UnreadableDocument,
                format!(
                    "{}: design docs not read, so none is in the portfolio: {}",
                    path.display(),
                    e.message()
                ),
            )),
        }
    }
    let mut kinds: Vec<String> = kinds.iter().map(|k| k.as_str().to_string()).collect();
    // Reviews are seen in a history that records them for someone (trailers, approvals
    // in merges, others' changes landed); in one that records none, a review cannot show.
    if walked.recorded.review_records > 0 {
        kinds.push(RECORDED_REVIEWS.to_string());
    }
    let reviewed_on = walked.recorded.reviewed_on.take();
    let names = authors::alias_names(person, &walked.authors);
    let mut likely_aliases = authors::likely_aliases(person, &names, &walked.authors);
    authors::add_own_landed(
        &mut likely_aliases,
        &walked.recorded.own_landed,
        &walked.authors,
    );
    authors::add_landing_aliases(
        &mut likely_aliases,
        person,
        &names,
        &walked.recorded.other_landers,
    );
    evidence.append(&mut walked.recorded.evidence);
    tracing::info!(items = evidence.len(), "repository read");
    unseen.extend(branches::unseen_entry(
        &open.name,
        &walked.off_head,
        person.is_everyone(),
    ));
    let shown = path.display().to_string();
    unseen.extend(damage::unreadable_entry(
        &open.repo, &open.name, &shown, &evidence,
    ));
    Ok(RepoOutcome {
        source: SourceSummary {
            name: open.name.clone(),
            path: path.display().to_string(),
            items: evidence.len(),
            web_url: open.web.as_ref().map(|w| w.base.clone()),
            kinds,
            reviewed_on,
            likely_aliases,
            written_before: std::mem::take(&mut walked.written_before),
            merged_on_forge: walked.recorded.merged_on_forge,
            merged_on_forge_with_you: walked.recorded.merged_on_forge_with_person,
            release_tags: std::mem::take(&mut walked.release_tags),
            automated: crate::model::evidence::Automated {
                bots_naming_you: walked.recorded.bots_naming_person,
                bots_merged: walked.recorded.bots_merged,
                branch_merges_naming_you: walked.recorded.branch_merges_naming_person,
                ..std::mem::take(&mut walked.automated)
            },
            counted_in: BTreeMap::new(),
            // Counted as commits when asked for; else left out, and said.
            // `--author '*'` (a parity run): the merges are no one person's.
            branch_merges: if opts.walk.include_merges || person.is_everyone() {
                Default::default()
            } else {
                crate::model::evidence::BranchMerges::of(&walked.recorded.own_branch_merges)
            },
        },
        evidence,
        warnings,
        unseen,
    })
}

fn read_design_docs(
    open: &OpenRepo,
    person: &Person,
    commits: &[Evidence],
    walked: &walk::WalkResult,
) -> Result<Vec<Evidence>, git2::Error> {
    // A document names its author by name more often than by email: learn the names
    // the person commits under.
    let mut known = person.clone();
    for c in commits
        .iter()
        .filter(|e| e.meta_str("role") == Some("author"))
    {
        if let Some(author) = c.meta_str("commit_author") {
            known.add(parse_name_email(author).0.as_str());
        }
    }
    let mut docs = docs::design_docs(
        &open.repo,
        &open.name,
        open.web.as_ref(),
        &known,
        &walked.doc_touches,
        &walked.period_commits,
    )?;
    for d in &mut docs {
        d.author = person.canonical();
    }
    Ok(docs)
}

fn web_repo(repo: &Repository) -> Option<WebRepo> {
    let remotes = repo.remotes().ok()?;
    let names: Vec<&str> = remotes.iter().flatten().flatten().collect();
    let preferred = names.iter().find(|n| **n == "origin").or(names.first())?;
    let remote = repo.find_remote(preferred).ok()?;
    WebRepo::parse(remote.url().ok()?)
}

/// `owner/name` where the remote tells it, else the repository's folder name.
fn repo_name(path: &Path, repo: &Repository, web: Option<&WebRepo>) -> String {
    if let Some(w) = web {
        return w.slug.clone();
    }
    let dir = repo
        .workdir()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| repo.path().to_path_buf());
    let dir = std::fs::canonicalize(&dir).unwrap_or(dir);
    let dir = if dir.file_name().is_some_and(|n| n == ".git") {
        dir.parent().map(Path::to_path_buf).unwrap_or(dir)
    } else {
        dir
    };
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    name.strip_suffix(".git")
        .map(str::to_string)
        .unwrap_or(name)
}

/// The repository's `user.email` (its config, then the user's): the default `--author`.
pub fn configured_identity(path: &Path) -> Option<(Option<String>, String)> {
    let repo = Repository::discover(path).ok()?;
    let config = repo.config().ok()?;
    let email = config.get_string("user.email").ok()?;
    let name = config.get_string("user.name").ok();
    Some((name, email))
}

/// The user's own `user.email` (and `user.name`) from their git configuration, outside
/// any repository.
pub fn global_identity() -> Option<(Option<String>, String)> {
    let config = git2::Config::open_default().ok()?;
    let email = config.get_string("user.email").ok()?;
    Some((config.get_string("user.name").ok(), email))
}

/// The author of HEAD, after mailmap: the default person when nothing else names one.
pub fn head_author(path: &Path) -> Option<(String, String)> {
    let repo = discover::open(path)
        .or_else(|_| Repository::discover(path))
        .ok()?;
    let commit = repo.head().ok()?.peel_to_commit().ok()?;
    let author = commit.author();
    let author = match repo.mailmap() {
        Ok(m) => m.resolve_signature(&author).unwrap_or(author),
        Err(_) => author,
    };
    Some((
        String::from_utf8_lossy(author.name_bytes()).into_owned(),
        String::from_utf8_lossy(author.email_bytes()).into_owned(),
    ))
}
