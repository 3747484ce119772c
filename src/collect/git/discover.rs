//! Finding repositories: a path that is a repository (working tree, bare, or worktree) is
//! used as is; a folder that is not is searched for repositories below it, to a bounded
//! depth, skipping build output, dependencies and hidden folders.
//!
//! Symbolic links to folders are followed, each target once: a link that leads back to a
//! folder being searched (a loop) is not followed, and a target already searched is not
//! searched again. Nothing is skipped silently: folders that cannot be read, links that
//! loop or lead nowhere, and repositories below the depth limit are returned as
//! [`Skipped`], which the collection lists under "What could not be seen".

use super::refused;
use crate::model::UnseenKind;
use git2::{Repository, RepositoryOpenFlags};
use std::collections::HashSet;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// How deep below a given folder repositories are looked for.
pub const MAX_DEPTH: usize = 4;

/// How much deeper than [`MAX_DEPTH`] discovery looks, only to say what it left out.
const PROBE_DEPTH: usize = 4;

/// At most this many folders are looked at below the depth limit.
const PROBE_FOLDERS: usize = 5_000;

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

/// Something discovery did not look into, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub kind: UnseenKind,
    pub why: String,
}

/// What searching one `--repo` path found, and what it skipped.
#[derive(Debug)]
pub struct Discovery {
    pub found: Found,
    pub skipped: Vec<Skipped>,
}

pub fn find(path: &Path) -> std::io::Result<Discovery> {
    let meta = std::fs::metadata(path)?;
    let done = |found| Discovery {
        found,
        skipped: Vec::new(),
    };
    if !meta.is_dir() {
        return Ok(done(Found::Nothing));
    }
    if is_repository(path) {
        let mut found = done(Found::Repositories(vec![path.to_path_buf()]));
        found.skipped = submodules_of(path);
        return Ok(found);
    }
    // Reading the folder itself must work; what cannot be read below it is listed.
    std::fs::read_dir(path)?;
    let mut search = Search::default();
    if let Ok(top) = std::fs::canonicalize(path) {
        search.visited.insert(top);
    }
    search.folder(path, 1);
    let Search {
        mut found, skipped, ..
    } = search;
    if !found.is_empty() {
        found.sort();
        return Ok(Discovery {
            found: Found::Repositories(found),
            skipped,
        });
    }
    let found = match Repository::discover(path) {
        Ok(repo) => Found::Enclosing(repo.workdir().unwrap_or(repo.path()).to_path_buf()),
        Err(_) => Found::Nothing,
    };
    Ok(Discovery { found, skipped })
}

/// The checked-out submodules of the repository at `path`: repositories of their own,
/// whose commits `git log` in the parent does not show either. They are listed (not
/// read), so work in them is not lost in silence; `--repo` names one to read it.
fn submodules_of(path: &Path) -> Vec<Skipped> {
    // Most repositories have none: no need to open them during discovery.
    if !path.join(".gitmodules").is_file() {
        return Vec::new();
    }
    let Ok(repo) = Repository::open(path) else {
        return Vec::new();
    };
    let (Some(workdir), Ok(modules)) = (repo.workdir(), repo.submodules()) else {
        return Vec::new();
    };
    modules
        .iter()
        .map(|m| workdir.join(m.path()))
        .filter(|checkout| checkout.join(".git").exists())
        .map(|checkout| Skipped {
            why: format!(
                "is a submodule of {}, a repository of its own: not read (name it with --repo)",
                path.display()
            ),
            path: checkout,
            kind: UnseenKind::Submodule,
        })
        .collect()
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

/// Whether `path` is itself a repository: one libgit2 opens, or one it refuses for what
/// it is (another owner, a SHA-256 object format), which reading then reports.
fn is_repository(path: &Path) -> bool {
    match Repository::open_ext(
        path,
        RepositoryOpenFlags::NO_SEARCH,
        std::iter::empty::<&OsStr>(),
    ) {
        Ok(_) => true,
        Err(e) => refused::is_refused_repository(&e),
    }
}

#[derive(Default)]
struct Search {
    found: Vec<PathBuf>,
    skipped: Vec<Skipped>,
    /// Canonical folders searched so far: each is searched once.
    visited: HashSet<PathBuf>,
    probed: usize,
}

impl Search {
    fn folder(&mut self, dir: &Path, depth: usize) {
        if depth > MAX_DEPTH {
            self.below_limit(dir, depth);
            return;
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                self.skip(
                    dir,
                    UnseenKind::UnreadableFolder,
                    format!("cannot be read ({e})"),
                );
                return;
            }
        };
        let mut subfolders: Vec<PathBuf> = entries
            .flatten()
            .filter(|e| wanted_name(&e.file_name()))
            .filter_map(|e| self.subfolder(dir, &e))
            .collect();
        subfolders.sort();
        for path in subfolders {
            if is_repository(&path) {
                self.skipped.extend(submodules_of(&path));
                self.found.push(path);
            } else {
                self.folder(&path, depth + 1);
            }
        }
    }

    /// The entry as a folder to look at: a folder, or a link to a folder not yet searched.
    fn subfolder(&mut self, dir: &Path, entry: &std::fs::DirEntry) -> Option<PathBuf> {
        let kind = entry.file_type().ok()?;
        let path = entry.path();
        if kind.is_dir() {
            let real = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
            return self.visited.insert(real).then_some(path);
        }
        if !kind.is_symlink() {
            return None;
        }
        let Ok(target) = std::fs::metadata(&path) else {
            let to = std::fs::read_link(&path)
                .map(|t| t.display().to_string())
                .unwrap_or_default();
            self.skip(
                &path,
                UnseenKind::BrokenSymlink,
                format!("is a symbolic link to {to}, which does not exist (or loops)"),
            );
            return None;
        };
        if !target.is_dir() {
            return None;
        }
        let real = std::fs::canonicalize(&path).ok()?;
        let here = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        if here.starts_with(&real) {
            self.skip(
                &path,
                UnseenKind::SymlinkLoop,
                format!(
                    "is a symbolic link back to {}, which holds it: not followed (a loop)",
                    real.display()
                ),
            );
            return None;
        }
        // A target reached before (by its own path or another link) is searched once.
        self.visited.insert(real).then_some(path)
    }

    /// Below the depth limit nothing is collected, but repositories there are listed, so
    /// that the person can name them with `--repo`.
    fn below_limit(&mut self, dir: &Path, depth: usize) {
        if depth > MAX_DEPTH + PROBE_DEPTH || self.probed >= PROBE_FOLDERS {
            return;
        }
        self.probed += 1;
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut subfolders: Vec<PathBuf> = entries
            .flatten()
            .filter(|e| wanted_name(&e.file_name()))
            .filter(|e| e.file_type().is_ok_and(|k| k.is_dir()))
            .map(|e| e.path())
            .collect();
        subfolders.sort();
        for path in subfolders {
            if is_repository(&path) {
                let why = format!(
                    "is a repository {depth} folders down, below the {MAX_DEPTH} levels searched: not read (name it with --repo)"
                );
                self.skip(&path, UnseenKind::TooDeep, why);
            } else {
                self.below_limit(&path, depth + 1);
            }
        }
    }

    fn skip(&mut self, path: &Path, kind: UnseenKind, why: String) {
        self.skipped.push(Skipped {
            path: path.to_path_buf(),
            kind,
            why,
        });
    }
}

/// Folders worth looking into: not build output, dependencies or hidden folders.
fn wanted_name(name: &OsStr) -> bool {
    let name = name.to_string_lossy();
    !(SKIPPED.contains(&name.as_ref()) || name.starts_with('.'))
}
