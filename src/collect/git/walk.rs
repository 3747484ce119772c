//! The commit walk: one repository, the person's commits in the period, with diff stats.
//!
//! The walk itself (reading commit headers) is cheap and runs on one thread; as it finds
//! the person's commits it hands them in batches to the thread pool, where the diffs, which
//! are the cost, run while the walk goes on. Each worker keeps its own handle on the
//! repository between batches, and each commit's diff is dropped as soon as its numbers
//! are taken, so memory stays flat.

use super::docs::DocTouch;
use super::remote::WebRepo;
use crate::model::person::{Person, parse_name_email};
use crate::model::{Evidence, Kind, Period};
use chrono::{TimeZone, Utc};
use git2::{Commit, Diff, DiffFindOptions, DiffOptions, Oid, Repository, Tree};
use serde::Serialize;
use serde_json::{Value, json};
use std::cmp::Ordering;
use std::path::Path;
use std::sync::Mutex;

#[derive(Debug, Clone, Serialize)]
pub struct WalkOptions {
    pub period: Period,
    pub include_merges: bool,
    pub all_branches: bool,
}

/// A commit of the person's, found by the walk, before its diff is read.
#[derive(Debug, Clone)]
struct Candidate {
    oid: Oid,
    /// The person is credited through a `Co-authored-by` trailer, not as author.
    co_author_only: bool,
    /// `Name <email>` of the author, mailmapped.
    author: String,
    /// The author time, in seconds.
    time: i64,
}

/// What the walk of one repository produced.
#[derive(Debug, Default)]
pub struct WalkResult {
    pub commits: Vec<Evidence>,
    pub doc_touches: Vec<DocTouch>,
    /// Commits in the period by anyone, oldest first: where design docs may have been created.
    pub period_commits: Vec<Oid>,
}

pub struct RepoInfo {
    pub name: String,
    pub web: Option<WebRepo>,
}

/// Candidates handed to a worker at a time: enough to amortise a task, few enough that
/// both cores get work while the walk is still running.
/// How many commits older than the period, in a row, end the walk.
const STOP_AFTER_OLDER: usize = 100;

const BATCH: usize = 64;

/// A commit's record, and the document changes seen in it.
type Record = (Evidence, Vec<DocTouch>);

/// A worker's own handle on the repository (libgit2 handles are not shared across
/// threads), kept for the next batch rather than reopened.
struct Worker {
    repo: Repository,
    rename_limit: usize,
}

pub fn walk(
    path: &Path,
    repo: &Repository,
    info: &RepoInfo,
    person: &Person,
    opts: &WalkOptions,
) -> Result<WalkResult, git2::Error> {
    let started = std::time::Instant::now();
    let mailmap = repo.mailmap().ok();
    let revwalk = super::revwalk::newest_first(repo, opts.all_branches)?;
    let (since, until) = opts.period.git_bounds();
    let canonical = person.canonical();
    let workers: Mutex<Vec<Worker>> = Mutex::new(Vec::new());
    let done: Mutex<Vec<(usize, Vec<Record>)>> = Mutex::new(Vec::new());
    let mut period_commits = Vec::new();
    let mut candidates = 0;
    let mut walked_in = std::time::Duration::ZERO;
    let source = DiffSource::for_repo(path, repo);
    let source = &source;
    // The walk runs here while the batches it fills are diffed on the pool's threads.
    let walked = rayon::in_place_scope(|scope| -> Result<(), git2::Error> {
        let mut batch = Vec::with_capacity(BATCH);
        let mut batches = 0;
        let mut send = |batch: Vec<Candidate>| {
            let index = batches;
            batches += 1;
            let (workers, done, canonical) = (&workers, &done, &canonical);
            scope.spawn(move |_| {
                let records = diff_batch(source, workers, info, canonical, &batch);
                done.lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push((index, records));
            });
        };
        let mut older_in_a_row = 0;
        for oid in revwalk {
            let oid = oid?;
            let commit = repo.find_commit(oid)?;
            // Newest commit time first: a commit made before the period was not authored in
            // it (author time <= commit time). After a run of those, stop, as
            // `git log --since` does; the run allows for skewed clocks.
            if commit.time().seconds() < since {
                older_in_a_row += 1;
                if older_in_a_row >= STOP_AFTER_OLDER {
                    break;
                }
                continue;
            }
            older_in_a_row = 0;
            let time = commit.author().when().seconds();
            if time < since || time >= until {
                continue;
            }
            if commit.parent_count() > 1 && !opts.include_merges {
                continue;
            }
            period_commits.push(oid);
            let author = commit.author();
            let author = match &mailmap {
                Some(m) => m.resolve_signature(&author).unwrap_or(author),
                None => author,
            };
            let name = String::from_utf8_lossy(author.name_bytes());
            let email = String::from_utf8_lossy(author.email_bytes());
            let is_author = person.matches(&name, &email);
            // A bot's commit is never the person's, even when they are named co-author.
            let co_author = !is_author
                && !person.is_bot(&name, &email)
                && co_authors(&commit)
                    .iter()
                    .any(|(n, e)| person.matches(n, e));
            if is_author || co_author {
                candidates += 1;
                batch.push(Candidate {
                    oid,
                    co_author_only: co_author,
                    author: format!("{name} <{email}>"),
                    time,
                });
                if batch.len() == BATCH {
                    send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)));
                }
            }
        }
        if !batch.is_empty() {
            send(batch);
        }
        walked_in = started.elapsed();
        Ok(())
    });
    walked?;
    period_commits.reverse();
    let mut done = done.into_inner().unwrap_or_else(|e| e.into_inner());
    done.sort_unstable_by_key(|(index, _)| *index);
    tracing::debug!(
        commits = candidates,
        walk_ms = walked_in.as_millis() as u64,
        total_ms = started.elapsed().as_millis() as u64,
        "history read"
    );
    let mut out = WalkResult {
        period_commits,
        ..Default::default()
    };
    for (record, touches) in done.into_iter().flat_map(|(_, records)| records) {
        out.commits.push(record);
        out.doc_touches.extend(touches);
    }
    Ok(out)
}

/// The records of a batch of candidates, in order. A commit that cannot be read is left
/// out, as is every commit when the repository cannot be opened here.
/// How the diff workers open the repository. Without any `.gitattributes` to apply, they
/// open it bare: libgit2 then skips looking for attribute files in the working tree for
/// every diffed path, a fifth of the collection's time, and the numbers cannot differ.
struct DiffSource {
    path: std::path::PathBuf,
    bare: bool,
}

impl DiffSource {
    fn for_repo(path: &Path, repo: &Repository) -> DiffSource {
        let bare = !repo.is_bare() && !has_worktree_attributes(repo);
        DiffSource {
            path: if bare {
                repo.path().to_path_buf()
            } else {
                path.to_path_buf()
            },
            bare,
        }
    }

    fn open(&self) -> Option<Repository> {
        if !self.bare {
            return Repository::open(&self.path).ok();
        }
        let flags = git2::RepositoryOpenFlags::BARE | git2::RepositoryOpenFlags::NO_SEARCH;
        Repository::open_ext(&self.path, flags, std::iter::empty::<&std::ffi::OsStr>()).ok()
    }
}

/// Whether `.gitattributes` files may apply in the working tree: one at its top, or one
/// anywhere in HEAD's tree.
fn has_worktree_attributes(repo: &Repository) -> bool {
    if repo
        .workdir()
        .is_some_and(|w| w.join(".gitattributes").exists())
    {
        return true;
    }
    let Ok(tree) = repo.head().and_then(|h| h.peel_to_tree()) else {
        return true;
    };
    let mut found = false;
    let _ = tree.walk(git2::TreeWalkMode::PreOrder, |_, entry| {
        if entry.name_bytes() == b".gitattributes" {
            found = true;
            return git2::TreeWalkResult::Abort;
        }
        git2::TreeWalkResult::Ok
    });
    found
}

fn diff_batch(
    source: &DiffSource,
    workers: &Mutex<Vec<Worker>>,
    info: &RepoInfo,
    canonical: &str,
    batch: &[Candidate],
) -> Vec<Record> {
    let idle = workers.lock().unwrap_or_else(|e| e.into_inner()).pop();
    let Some(worker) = idle.or_else(|| {
        let repo = source.open()?;
        let rename_limit = rename_limit(&repo);
        Some(Worker { repo, rename_limit })
    }) else {
        return Vec::new();
    };
    let records = batch
        .iter()
        .filter_map(|c| commit_record(&worker.repo, worker.rename_limit, info, canonical, c).ok())
        .collect();
    workers
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(worker);
    records
}

fn co_authors(commit: &Commit) -> Vec<(String, String)> {
    let message = String::from_utf8_lossy(commit.message_bytes());
    trailers(&message)
        .into_iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("co-authored-by"))
        .map(|(_, v)| parse_name_email(&v))
        .collect()
}

/// The trailer block of a message: `Key: value` lines in its last paragraph.
pub fn trailers(message: &str) -> Vec<(String, String)> {
    let trimmed = message.trim_end();
    let last = trimmed.rsplit("\n\n").next().unwrap_or("");
    if last == trimmed.lines().next().unwrap_or("") && !trimmed.contains("\n\n") {
        return Vec::new();
    }
    let lines: Vec<&str> = last.lines().collect();
    let parsed: Vec<Option<(String, String)>> = lines
        .iter()
        .map(|l| {
            let (k, v) = l.split_once(':')?;
            let k = k.trim();
            let valid = !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
            valid.then(|| (k.to_string(), v.trim().to_string()))
        })
        .collect();
    if parsed.is_empty() || parsed.iter().any(Option::is_none) {
        return Vec::new();
    }
    parsed.into_iter().flatten().collect()
}

fn commit_record(
    repo: &Repository,
    rename_limit: usize,
    info: &RepoInfo,
    canonical: &str,
    c: &Candidate,
) -> Result<(Evidence, Vec<DocTouch>), git2::Error> {
    let commit = repo.find_commit(c.oid)?;
    let sha = c.oid.to_string();
    let message = String::from_utf8_lossy(commit.message_bytes()).into_owned();
    let (title, body) = split_message(&message);
    let time = Utc.timestamp_opt(c.time, 0).single().unwrap_or_default();

    // Lines added to a document count towards its authorship.
    let wants_added = |path: &str, status: git2::Delta| {
        !c.co_author_only && status != git2::Delta::Deleted && super::docs::is_doc_path(path)
    };
    let stats = first_parent_stats(repo, &commit, rename_limit, &wants_added)?;
    let mut paths = Vec::with_capacity(stats.files.len());
    let mut touches = Vec::new();
    for file in stats.files {
        if wants_added(&file.path, file.status) {
            touches.push(DocTouch {
                path: file.path.clone(),
                created: file.status == git2::Delta::Added,
                added_lines: file.added,
                commit: c.oid,
                time,
            });
        }
        paths.push(file.path);
    }

    let trailer_list = trailers(&message);
    let co = trailer_list
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("co-authored-by"))
        .map(|(_, v)| Value::String(v.clone()))
        .collect::<Vec<_>>();
    let mut e = Evidence::new(format!("git:{}:{sha}", info.name), Kind::Commit, title);
    e.repo = info.name.clone();
    e.author = canonical.to_string();
    e.timestamp = Some(time);
    e.body = body;
    e.url = info.web.as_ref().map(|w| w.commit_url(&sha));
    e.paths = paths;
    e.additions = Some(stats.additions);
    e.deletions = Some(stats.deletions);
    e.files_changed = Some(stats.files_changed);
    e.meta.insert("sha".into(), json!(sha));
    e.meta.insert(
        "role".into(),
        json!(if c.co_author_only {
            "co-author"
        } else {
            "author"
        }),
    );
    e.meta.insert("commit_author".into(), json!(c.author));
    if commit.parent_count() > 1 {
        e.meta.insert("merge".into(), json!(true));
    }
    if !trailer_list.is_empty() {
        let list: Vec<Value> = trailer_list
            .iter()
            .map(|(k, v)| json!({"key": k, "value": v}))
            .collect();
        e.meta.insert("trailers".into(), Value::Array(list));
    }
    if !co.is_empty() {
        e.meta.insert("co_authors".into(), Value::Array(co));
    }
    Ok((e, touches))
}

/// A file a commit changed, named by its new path (its old path when deleted).
struct FileStat {
    path: String,
    status: git2::Delta,
    /// Lines added; read only where `wants_added` asked for it, else 0.
    added: u64,
}

/// What a commit changed, as `git log --numstat` counts it.
struct CommitStats {
    files: Vec<FileStat>,
    additions: u64,
    deletions: u64,
    files_changed: u64,
}

/// The numbers git shows for a commit: its diff against the first parent (the empty
/// tree for a root commit), with renames detected as `git log` does by default.
///
/// libgit2's tree-to-tree diff reads every entry of both trees, loading every subtree,
/// even where a subtree is the same on both sides; git skips those. So the changed files
/// are found first by comparing the trees as git does. When no file was both added and
/// deleted there is no rename to detect, and the changed files are the deltas: each is
/// diffed on its own (by path, so `.gitattributes` still decide what is binary). Else
/// libgit2 diffs the trees restricted to exactly those paths, and detects renames. When
/// the list cannot be trusted to give the same deltas (a type change, a submodule), or
/// libgit2 reports other paths than listed, the trees are diffed whole.
fn first_parent_stats(
    repo: &Repository,
    commit: &Commit,
    rename_limit: usize,
    wants_added: &dyn Fn(&str, git2::Delta) -> bool,
) -> Result<CommitStats, git2::Error> {
    let tree = commit.tree()?;
    let parent_tree = match commit.parent(0) {
        Ok(p) => Some(p.tree()?),
        Err(_) => None,
    };
    let mut changes = Vec::new();
    let listed = changed_paths(
        repo,
        parent_tree.as_ref(),
        Some(&tree),
        &mut Vec::new(),
        &mut changes,
    )?;
    if listed {
        let added = changes.iter().any(|c| c.old.is_none());
        let deleted = changes.iter().any(|c| c.new.is_none());
        let utf8 = changes.iter().all(|c| std::str::from_utf8(&c.path).is_ok());
        if !(added && deleted) && utf8 {
            return file_by_file(repo, &changes);
        }
    }
    let mut diff = None;
    if listed && !changes.is_empty() {
        let mut opts = diff_options();
        opts.disable_pathspec_match(true);
        for c in &changes {
            opts.pathspec(c.path.clone());
        }
        let restricted =
            repo.diff_tree_to_tree(parent_tree.as_ref(), Some(&tree), Some(&mut opts))?;
        if same_paths(&restricted, &changes) {
            diff = Some(restricted);
        }
    }
    let mut diff = match diff {
        Some(d) => d,
        None => {
            repo.diff_tree_to_tree(parent_tree.as_ref(), Some(&tree), Some(&mut diff_options()))?
        }
    };
    let mut find = DiffFindOptions::new();
    // The limit libgit2 would read from `diff.renameLimit` on every call, read once.
    find.renames(true).rename_limit(rename_limit);
    diff.find_similar(Some(&mut find))?;

    let stats = diff.stats()?;
    let mut files = Vec::with_capacity(diff.deltas().len());
    for (idx, delta) in diff.deltas().enumerate() {
        let file = if delta.status() == git2::Delta::Deleted {
            delta.old_file()
        } else {
            delta.new_file()
        };
        let Some(path) = file.path().map(|p| p.to_string_lossy().replace('\\', "/")) else {
            continue;
        };
        let added = if wants_added(&path, delta.status()) {
            git2::Patch::from_diff(&diff, idx)?
                .map(|patch| patch.line_stats().map(|(_, a, _)| a as u64).unwrap_or(0))
                .unwrap_or(0)
        } else {
            0
        };
        files.push(FileStat {
            path,
            status: delta.status(),
            added,
        });
    }
    Ok(CommitStats {
        files,
        additions: stats.insertions() as u64,
        deletions: stats.deletions() as u64,
        files_changed: stats.files_changed() as u64,
    })
}

/// The stats of changes that hold no rename: each file's own diff.
fn file_by_file(repo: &Repository, changes: &[Change]) -> Result<CommitStats, git2::Error> {
    let mut out = CommitStats {
        files: Vec::with_capacity(changes.len()),
        additions: 0,
        deletions: 0,
        files_changed: changes.len() as u64,
    };
    let mut opts = diff_options();
    // A diff of two buffers knows no attributes: where `.gitattributes` may apply (the
    // handle is not bare, see `DiffSource`), a file marked `-diff` or `binary` counts no
    // lines, as in `git log --numstat`.
    let attributes = !repo.is_bare() || repo.path().join("info/attributes").exists();
    for change in changes {
        let path = Path::new(std::str::from_utf8(&change.path).unwrap_or_default());
        let status = match (change.old, change.new) {
            (None, _) => git2::Delta::Added,
            (_, None) => git2::Delta::Deleted,
            _ => git2::Delta::Modified,
        };
        if attributes && !diffable(repo, path) {
            out.files.push(FileStat {
                path: String::from_utf8_lossy(&change.path).replace('\\', "/"),
                status,
                added: 0,
            });
            continue;
        }
        let blob = |side: Option<(Oid, i32)>| side.map(|(id, _)| repo.find_blob(id)).transpose();
        let (old, new) = (blob(change.old)?, blob(change.new)?);
        let patch = git2::Patch::from_buffers(
            old.as_ref().map_or(&[][..], |b| b.content()),
            Some(path),
            new.as_ref().map_or(&[][..], |b| b.content()),
            Some(path),
            Some(&mut opts),
        )?;
        let (_, added, deleted) = patch.line_stats()?;
        out.additions += added as u64;
        out.deletions += deleted as u64;
        out.files.push(FileStat {
            path: String::from_utf8_lossy(&change.path).replace('\\', "/"),
            status,
            added: added as u64,
        });
    }
    Ok(out)
}

/// Whether the `diff` attribute lets git count a file's lines (`-diff` and `binary` do not).
fn diffable(repo: &Repository, path: &Path) -> bool {
    let value = repo.get_attr(path, "diff", git2::AttrCheckFlags::FILE_THEN_INDEX);
    !matches!(
        value.map(git2::AttrValue::from_string),
        Ok(git2::AttrValue::False)
    )
}

fn diff_options() -> DiffOptions {
    let mut opts = DiffOptions::new();
    opts.context_lines(0)
        .interhunk_lines(0)
        .ignore_submodules(true);
    opts
}

/// `diff.renameLimit` as libgit2 reads it for rename detection (1000 when unset or not
/// positive).
fn rename_limit(repo: &Repository) -> usize {
    repo.config()
        .and_then(|c| c.get_i64("diff.renamelimit"))
        .ok()
        .filter(|v| *v > 0)
        .map_or(1000, |v| usize::try_from(v).unwrap_or(usize::MAX))
}

/// Whether the diff's deltas are exactly the listed changes.
fn same_paths(diff: &Diff, changes: &[Change]) -> bool {
    if diff.deltas().len() != changes.len() {
        return false;
    }
    let mut listed: Vec<&[u8]> = changes.iter().map(|c| c.path.as_slice()).collect();
    listed.sort_unstable();
    let mut got: Vec<&[u8]> = Vec::with_capacity(listed.len());
    for delta in diff.deltas() {
        let (old, new) = (delta.old_file().path_bytes(), delta.new_file().path_bytes());
        if old.is_some() && new.is_some() && old != new {
            return false;
        }
        match old.or(new) {
            Some(p) => got.push(p),
            None => return false,
        }
    }
    got.sort_unstable();
    got == listed
}

const MODE_TREE: i32 = 0o040000;
const MODE_GITLINK: i32 = 0o160000;
const MODE_TYPE: i32 = 0o170000;

/// A file that differs between two trees: its id and mode on each side it is on.
struct Change {
    path: Vec<u8>,
    old: Option<(Oid, i32)>,
    new: Option<(Oid, i32)>,
}

/// Appends to `out`, in git's order, every file that differs between two trees (either
/// may be absent), skipping subtrees with the same id on both sides. False when the
/// trees hold a change the list may not describe as libgit2 would: a submodule, or an
/// entry whose type changed.
fn changed_paths(
    repo: &Repository,
    old: Option<&Tree>,
    new: Option<&Tree>,
    prefix: &mut Vec<u8>,
    out: &mut Vec<Change>,
) -> Result<bool, git2::Error> {
    let entries = |t: Option<&Tree>| -> Vec<(Oid, i32)> {
        t.map(|t| t.iter().map(|e| (e.id(), e.filemode())).collect())
            .unwrap_or_default()
    };
    let (a, b) = (entries(old), entries(new));
    let name = |t: Option<&Tree>, i: usize| -> Vec<u8> {
        t.and_then(|t| t.get(i))
            .map(|e| e.name_bytes().to_vec())
            .unwrap_or_default()
    };
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        let order = match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) => {
                let (xn, yn) = (old.and_then(|t| t.get(i)), new.and_then(|t| t.get(j)));
                match (xn, yn) {
                    (Some(xn), Some(yn)) => tree_order(
                        xn.name_bytes(),
                        x.1 == MODE_TREE,
                        yn.name_bytes(),
                        y.1 == MODE_TREE,
                    ),
                    _ => return Ok(false),
                }
            }
            (Some(_), None) => Ordering::Less,
            _ => Ordering::Greater,
        };
        let (old_entry, new_entry, entry_name) = match order {
            Ordering::Less => {
                i += 1;
                (Some(a[i - 1]), None, (old, i - 1))
            }
            Ordering::Greater => {
                j += 1;
                (None, Some(b[j - 1]), (new, j - 1))
            }
            Ordering::Equal => {
                i += 1;
                j += 1;
                if a[i - 1] == b[j - 1] {
                    continue;
                }
                (Some(a[i - 1]), Some(b[j - 1]), (new, j - 1))
            }
        };
        let kinds = [old_entry, new_entry].map(|e| e.map(|(_, mode)| mode & MODE_TYPE));
        if kinds.contains(&Some(MODE_GITLINK)) {
            return Ok(false);
        }
        if let [Some(x), Some(y)] = kinds
            && x != y
        {
            return Ok(false);
        }
        let len = prefix.len();
        prefix.extend_from_slice(&name(entry_name.0, entry_name.1));
        if old_entry
            .or(new_entry)
            .is_some_and(|(_, mode)| mode == MODE_TREE)
        {
            let sub = |e: Option<(Oid, i32)>| e.map(|(id, _)| repo.find_tree(id)).transpose();
            let (old_sub, new_sub) = (sub(old_entry)?, sub(new_entry)?);
            prefix.push(b'/');
            let listed = changed_paths(repo, old_sub.as_ref(), new_sub.as_ref(), prefix, out)?;
            if !listed {
                return Ok(false);
            }
        } else {
            out.push(Change {
                path: prefix.clone(),
                old: old_entry,
                new: new_entry,
            });
        }
        prefix.truncate(len);
    }
    Ok(true)
}

/// Git's order of tree entries: by name, a folder's name read as if it ended in `/`.
fn tree_order(a: &[u8], a_tree: bool, b: &[u8], b_tree: bool) -> Ordering {
    let n = a.len().min(b.len());
    a[..n].cmp(&b[..n]).then_with(|| {
        let next = |name: &[u8], tree: bool| name.get(n).copied().or(tree.then_some(b'/'));
        next(a, a_tree).cmp(&next(b, b_tree))
    })
}

/// What the collector records of a commit's diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffNumbers {
    pub paths: Vec<String>,
    pub additions: u64,
    pub deletions: u64,
    pub files_changed: u64,
}

/// A commit's paths and line counts computed exactly as the walk computes them (first
/// parent, renames as `git log`). The classifier's training corpus is built with it, so
/// the model learns from the numbers it is given at run time.
pub fn diff_numbers(repo: &Repository, commit: &Commit) -> Result<DiffNumbers, git2::Error> {
    let stats = first_parent_stats(repo, commit, rename_limit(repo), &|_, _| false)?;
    Ok(DiffNumbers {
        paths: stats.files.into_iter().map(|f| f.path).collect(),
        additions: stats.additions,
        deletions: stats.deletions,
        files_changed: stats.files_changed,
    })
}

/// First line, and the rest without the blank line between.
pub fn split_message(message: &str) -> (String, String) {
    let message = message.trim();
    match message.split_once('\n') {
        Some((first, rest)) => (first.trim().to_string(), rest.trim().to_string()),
        None => (message.to_string(), String::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailer_block_is_the_last_paragraph_of_key_value_lines() {
        let m = "Fix it\n\nLonger text: with a colon.\n\nCo-authored-by: Ann <ann@x.io>\nSigned-off-by: Bob <bob@x.io>\n";
        assert_eq!(
            trailers(m),
            vec![
                ("Co-authored-by".to_string(), "Ann <ann@x.io>".to_string()),
                ("Signed-off-by".to_string(), "Bob <bob@x.io>".to_string())
            ]
        );
        assert!(trailers("Subject: only a title").is_empty());
        assert!(trailers("Title\n\nJust prose, no trailers.").is_empty());
    }
}
