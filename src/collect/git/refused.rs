//! Repositories that git reads and libgit2 refuses, told apart from folders that are no
//! repository: a SHA-256 repository (libgit2 reads SHA-1 object names only, unless built
//! with its experimental SHA-256 support, which the `git2` crate offers only as an
//! unstable, ABI-breaking feature), a repository owned by another user (`safe.directory`),
//! and a HEAD on a branch with no commit yet. Each becomes an error that says what git
//! says and what to run.

use crate::error::Error;
use git2::{ErrorCode, Repository};
use std::path::Path;

/// Whether opening failed on something that is a repository (refused, not absent).
pub fn is_refused_repository(err: &git2::Error) -> bool {
    err.code() == ErrorCode::Owner || object_format(err).is_some()
}

/// The object format a repository declares when libgit2 refused it for that.
fn object_format(err: &git2::Error) -> Option<String> {
    let msg = err.message();
    let rest = msg.strip_prefix("unknown object format '")?;
    Some(rest.trim_end_matches('\'').to_string())
}

/// The error for a repository that could not be opened.
pub fn open_error(path: &Path, err: git2::Error) -> Error {
    let shown = path.display();
    if let Some(format) = object_format(&err) {
        return Error::failed(format!(
            "{shown} is a {} repository (extensions.objectformat = {format}), which evident cannot read: its git library, libgit2, reads SHA-1 repositories only",
            format.to_uppercase().replace("SHA", "SHA-")
        ))
        .with_source(err)
        .with_hint(format!(
            "git itself reads it (`git -C {shown} log`), evident not yet: leave it out of --repo (its pull requests and reviews can still come from --github)"
        ));
    }
    if err.code() == ErrorCode::Owner {
        let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        return Error::failed(format!(
            "{shown} is owned by another user, and git refuses to read it: git says \"detected dubious ownership in repository at '{}'\"",
            absolute.display()
        ))
        .with_hint(format!(
            "if you trust the repository, mark it safe as git suggests: git config --global --add safe.directory {}",
            absolute.display()
        ));
    }
    Error::failed(format!("{shown} is not a readable git repository"))
        .with_source(err)
        .with_hint("check the path, and that you may read its .git folder")
}

/// The error for a HEAD on a branch that has no commit yet, when other branches have
/// commits (a repository with no commit at all is "empty", see `open`).
pub fn unborn_head(repo: &Repository, path: &Path) -> Option<Error> {
    let err = repo.head().err()?;
    if err.code() != ErrorCode::UnbornBranch {
        return None;
    }
    let branch = repo
        .find_reference("HEAD")
        .ok()
        .and_then(|h| h.symbolic_target().ok().flatten().map(str::to_string))
        .unwrap_or_else(|| "HEAD".to_string());
    let branch = branch.trim_start_matches("refs/heads/").to_string();
    let others: Vec<String> = repo
        .branches(Some(git2::BranchType::Local))
        .map(|b| {
            b.flatten()
                .filter_map(|(b, _)| b.name().ok().flatten().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let switch = others
        .first()
        .map(|b| format!("`git -C {} switch {b}`", path.display()))
        .unwrap_or_else(|| "`git switch BRANCH`".to_string());
    Some(
        Error::failed(format!(
            "{}: HEAD is on branch `{branch}`, which has no commits yet: git says \"your current branch '{branch}' does not have any commits yet\"",
            path.display()
        ))
        .with_hint(format!(
            "check out a branch that has commits ({switch}), or pass --all-branches to read every branch"
        )),
    )
}
