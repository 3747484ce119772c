//! The revision walk every git reader starts from: the commits reachable from HEAD, or
//! with `--all-branches` from every local and remote branch too, newest commit time first.

use git2::{Repository, Revwalk, Sort};

/// A walk over the history the options name, newest commit time first.
pub fn newest_first(repo: &Repository, all_branches: bool) -> Result<Revwalk<'_>, git2::Error> {
    let mut walk = repo.revwalk()?;
    walk.set_sorting(Sort::TIME)?;
    if all_branches {
        walk.push_glob("refs/heads/*")?;
        walk.push_glob("refs/remotes/*")?;
        if repo.head().is_ok() {
            walk.push_head()?;
        }
    } else {
        walk.push_head()?;
    }
    Ok(walk)
}
