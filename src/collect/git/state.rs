//! What a repository's results depend on, for the store to tell whether results it
//! keeps are still valid: the refs the walk starts from, the `.mailmap`, and whether
//! two periods hold the same commits.

use super::OpenRepo;
use super::{history, revwalk};
use crate::model::Period;
use std::collections::BTreeMap;
use std::path::Path;

impl OpenRepo {
    /// `HEAD`, every tag (a source counts the period's release tags), and with
    /// `all_branches` every local and remote branch, to the object id.
    pub fn refs(&self, all_branches: bool) -> BTreeMap<String, String> {
        let repo = &self.repo;
        let mut refs = BTreeMap::new();
        if let Ok(head) = repo.head().and_then(|h| h.peel_to_commit()) {
            refs.insert("HEAD".to_string(), head.id().to_string());
        }
        let globs: &[&str] = if all_branches {
            &["refs/tags/*", "refs/heads/*", "refs/remotes/*"]
        } else {
            &["refs/tags/*"]
        };
        for glob in globs {
            let Ok(found) = repo.references_glob(glob) else {
                continue;
            };
            for r in found.flatten() {
                let target = r.resolve().ok().and_then(|r| r.target());
                if let (Ok(name), Some(oid)) = (r.name(), target) {
                    refs.insert(name.to_string(), oid.to_string());
                }
            }
        }
        refs
    }

    /// The working tree's `.mailmap`, when there is one.
    pub fn mailmap_bytes(&self) -> Option<Vec<u8>> {
        let workdir = self.repo.workdir()?;
        std::fs::read(workdir.join(".mailmap")).ok()
    }

    /// Whether the same commits fall in both periods: no commit the walk would look at
    /// (reachable from the walked refs, merges included: the walk reads every merge for
    /// the reviews git records, even without `--include-merges`) has an author time, or a
    /// commit time, inside one period and outside the other (landings, and the person's
    /// commits written before the period, go by commit time). Bounds as the walk uses
    /// them.
    ///
    /// Every such commit's author time is read, as the walk reads them (see
    /// [`super::history`]): from the commit-graph's list, headers scanned in parallel, and
    /// the times kept in `kept` (the store's folder) reused and added to.
    pub fn same_commits_in(
        &self,
        all_branches: bool,
        a: Period,
        b: Period,
        kept: Option<&Path>,
    ) -> bool {
        let ((a0, a1), (b0, b1)) = (a.git_bounds(), b.git_bounds());
        if (a0, a1) == (b0, b1) {
            return true;
        }
        let differs = move |t: i64| (a0 <= t && t < a1) != (b0 <= t && t < b1);
        let repo = &self.repo;
        // A tag made in one period and not the other changes the source's release tags,
        // though its commit is in both.
        if tagger_times(repo).any(differs) {
            return false;
        }
        let check = || -> Result<bool, git2::Error> {
            let tips = history::tips(repo, all_branches)?;
            // Committed since the earlier start: their commit times are the graph's. Every
            // commit's author time goes to the header scan.
            let Some(plan) = history::plan(repo, &tips, a0.min(b0), true) else {
                for oid in revwalk::newest_first(repo, all_branches)? {
                    let c = repo.find_commit(oid?)?;
                    if differs(c.author().when().seconds()) || differs(c.time().seconds()) {
                        return Ok(false);
                    }
                }
                return Ok(true);
            };
            if plan.recent_times.iter().any(|&t| differs(t)) {
                return Ok(false);
            }
            let every: Vec<git2::Oid> = plan.older.iter().chain(&plan.recent).copied().collect();
            let flagged = history::authored_when_kept(repo, kept, &every, differs);
            for id in flagged {
                if differs(repo.find_commit(id)?.author().when().seconds()) {
                    return Ok(false);
                }
            }
            Ok(true)
        };
        check().unwrap_or(false)
    }
}

/// The tagger's time of every annotated tag.
fn tagger_times(repo: &git2::Repository) -> impl Iterator<Item = i64> + '_ {
    repo.references_glob("refs/tags/*")
        .into_iter()
        .flat_map(|refs| refs.flatten())
        .filter_map(|r| r.target())
        .filter_map(|oid| repo.find_tag(oid).ok())
        .filter_map(|tag| tag.tagger().map(|t| t.when().seconds()))
}
