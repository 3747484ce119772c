//! Finding repositories: a path that is a repository (working tree, bare, or worktree) is
//! used as is; a folder that is not is searched for repositories below it, to a bounded
//! depth, skipping build output, dependencies and hidden folders.

use git2::{Repository, RepositoryOpenFlags};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// How deep below a given folder repositories are looked for.
pub const MAX_DEPTH: usize = 4;

const SKIPPED: &[&str] = &[
    "target",
    "node_modules",
    "vendor",
    "dist",
    "build",
    "__pycache__",
];

/// What looking at one `--repo` path found.
#[derive(Debug)]
pub enum Found {
    Repositories(Vec<PathBuf>),
    /// The path is inside a repository but not its top (e.g. `src/`): that repository.
    Enclosing(PathBuf),
    Nothing,
}

pub fn find(path: &Path) -> std::io::Result<Found> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_dir() {
        return Ok(Found::Nothing);
    }
    if open_exact(path).is_some() {
        return Ok(Found::Repositories(vec![path.to_path_buf()]));
    }
    // Reading the folder itself must work; errors below it are skipped silently.
    std::fs::read_dir(path)?;
    let mut found = Vec::new();
    search(path, 1, &mut found);
    if !found.is_empty() {
        found.sort();
        return Ok(Found::Repositories(found));
    }
    match Repository::discover(path) {
        Ok(repo) => Ok(Found::Enclosing(
            repo.workdir().unwrap_or(repo.path()).to_path_buf(),
        )),
        Err(_) => Ok(Found::Nothing),
    }
}

/// Opens the repository at `path` as git does. A folder that is itself a git directory
/// (a bare clone or mirror) is bare unless its config says `core.bare = false`: libgit2
/// takes one without a `config` file for a working tree's, and would then look for the
/// `.mailmap` in a working tree that does not exist instead of at HEAD.
pub fn open(path: &Path) -> Result<Repository, git2::Error> {
    let repo = Repository::open(path)?;
    if repo.is_bare() || !is_git_dir_itself(path, &repo) {
        return Ok(repo);
    }
    let said_not_bare = repo
        .config()
        .and_then(|c| c.open_level(git2::ConfigLevel::Local))
        .and_then(|c| c.get_bool("core.bare"))
        .is_ok_and(|bare| !bare);
    if said_not_bare {
        return Ok(repo);
    }
    Repository::open_ext(
        path,
        RepositoryOpenFlags::BARE | RepositoryOpenFlags::NO_SEARCH,
        std::iter::empty::<&OsStr>(),
    )
}

/// Whether `path` is the git directory of `repo` (not a working tree holding one).
fn is_git_dir_itself(path: &Path, repo: &Repository) -> bool {
    let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    canonical(path) == canonical(repo.path())
}

fn open_exact(path: &Path) -> Option<Repository> {
    Repository::open_ext(
        path,
        RepositoryOpenFlags::NO_SEARCH,
        std::iter::empty::<&OsStr>(),
    )
    .ok()
}

fn search(dir: &Path, depth: usize, found: &mut Vec<PathBuf>) {
    if depth > MAX_DEPTH {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if !kind.is_dir() {
            continue;
        }
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if SKIPPED.contains(&name.as_ref()) || (name.starts_with('.') && name != ".git") {
            continue;
        }
        if name == ".git" {
            continue;
        }
        let path = entry.path();
        if open_exact(&path).is_some() {
            found.push(path);
        } else {
            search(&path, depth + 1, found);
        }
    }
}
