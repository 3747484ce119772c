//! The worktrees of one repository are one source. A folder that holds a repository's
//! main worktree and a linked worktree (`git worktree add`) would otherwise have its
//! history read twice, every commit counted twice. They are read once, from the main
//! worktree (else the first found); a linked worktree whose HEAD holds commits the kept
//! HEAD does not is listed with their number, unless `--all-branches` reads them anyway.

use crate::model::unseen::{Unseen, UnseenKind, plural};
use git2::{Oid, Repository};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// How many commits are counted, at most, to say what a worktree's branch holds.
const COUNT_LIMIT: usize = 100_000;

/// The repositories with one path per repository (worktrees of one repository merged),
/// and what merging them left unread.
pub fn one_per_repository(repos: Vec<PathBuf>, all_branches: bool) -> (Vec<PathBuf>, Vec<Unseen>) {
    let mut groups: BTreeMap<PathBuf, Vec<(PathBuf, Option<Repository>)>> = BTreeMap::new();
    let mut order = Vec::new();
    for path in repos {
        let repo = Repository::open(&path).ok();
        let key = repo
            .as_ref()
            .map(|r| canonical(r.commondir()))
            .unwrap_or_else(|| canonical(&path));
        if !groups.contains_key(&key) {
            order.push(key.clone());
        }
        groups.entry(key).or_default().push((path, repo));
    }
    let mut kept = Vec::new();
    let mut unseen = Vec::new();
    for key in order {
        let mut group = groups.remove(&key).unwrap_or_default();
        // The main worktree (or a bare repository) leads; else the first one found.
        let lead = group
            .iter()
            .position(|(_, r)| r.as_ref().is_some_and(|r| !r.is_worktree()))
            .unwrap_or(0);
        let (path, repo) = group.remove(lead);
        for (other, other_repo) in &group {
            tracing::info!(
                "{} is a worktree of {}: read once",
                other.display(),
                path.display()
            );
            if all_branches {
                continue;
            }
            if let (Some(r), Some(o)) = (&repo, other_repo)
                && let Some(u) = unread_branch(r, &path, o, other)
            {
                unseen.push(u);
            }
        }
        kept.push(path);
    }
    (kept, unseen)
}

/// The commits of a linked worktree's HEAD that the kept worktree's HEAD does not hold.
fn unread_branch(
    kept: &Repository,
    kept_path: &Path,
    other: &Repository,
    other_path: &Path,
) -> Option<Unseen> {
    let head = |r: &Repository| r.head().ok().and_then(|h| h.target());
    let (ours, theirs) = (head(kept), head(other)?);
    let n = only_in(kept, theirs, ours);
    if n == 0 {
        return None;
    }
    let branch = other
        .head()
        .ok()
        .and_then(|h| h.shorthand().ok().map(str::to_string))
        .unwrap_or_else(|| "HEAD".into());
    let message = format!(
        "{} and {} are worktrees of one repository, read once (from {}): {} on {}'s branch `{branch}` {} not on the HEAD read, and {} not counted (pass --all-branches to read every branch)",
        kept_path.display(),
        other_path.display(),
        kept_path.display(),
        plural(n, "commit", "commits"),
        other_path.display(),
        if n == 1 { "is" } else { "are" },
        if n == 1 { "it is" } else { "they are" },
    );
    Some(
        Unseen::new(
            other_path.display().to_string(),
            UnseenKind::WorktreeBranch,
            message,
        )
        .with_commits(n)
        .with_ids([theirs.to_string()]),
    )
}

/// Commits reachable from `tip` and not from `hidden` (counted up to a limit).
fn only_in(repo: &Repository, tip: Oid, hidden: Option<Oid>) -> usize {
    let walk = || -> Result<usize, git2::Error> {
        let mut walk = repo.revwalk()?;
        walk.push(tip)?;
        if let Some(h) = hidden {
            walk.hide(h)?;
        }
        Ok(walk.take(COUNT_LIMIT).count())
    };
    walk().unwrap_or(0)
}

fn canonical(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}
