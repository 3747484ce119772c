//! What a repository's results depend on, for the store to tell whether results it
//! keeps are still valid: the refs the walk starts from, the `.mailmap`, and whether
//! two periods hold the same commits.

use super::OpenRepo;
use super::revwalk;
use crate::model::Period;
use std::collections::BTreeMap;

impl OpenRepo {
    /// `HEAD`, and with `all_branches` every local and remote branch, to the commit id.
    pub fn refs(&self, all_branches: bool) -> BTreeMap<String, String> {
        let repo = &self.repo;
        let mut refs = BTreeMap::new();
        if let Ok(head) = repo.head().and_then(|h| h.peel_to_commit()) {
            refs.insert("HEAD".to_string(), head.id().to_string());
        }
        if all_branches {
            for glob in ["refs/heads/*", "refs/remotes/*"] {
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
        }
        refs
    }

    /// The working tree's `.mailmap`, when there is one.
    pub fn mailmap_bytes(&self) -> Option<Vec<u8>> {
        let workdir = self.repo.workdir()?;
        std::fs::read(workdir.join(".mailmap")).ok()
    }

    /// Whether the same commits fall in both periods: no commit reachable from the walked
    /// refs has an author time inside one period and outside the other. Bounds as the
    /// walk uses them.
    pub fn same_commits_in(&self, all_branches: bool, a: Period, b: Period) -> bool {
        let ((a0, a1), (b0, b1)) = (a.git_bounds(), b.git_bounds());
        if (a0, a1) == (b0, b1) {
            return true;
        }
        let walk = || -> Result<bool, git2::Error> {
            for oid in revwalk::newest_first(&self.repo, all_branches)? {
                let t = self.repo.find_commit(oid?)?.author().when().seconds();
                if (a0 <= t && t < a1) != (b0 <= t && t < b1) {
                    return Ok(false);
                }
            }
            Ok(true)
        };
        walk().unwrap_or(false)
    }
}
