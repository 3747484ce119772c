//! Which commits the walk must look at, and how deeply, read from the commit-graph file
//! (`objects/info/commit-graph` or a split chain under `objects/info/commit-graphs/`)
//! where the repository has one, as git does.
//!
//! The period is by **author** time, which only the commit object holds; the graph holds
//! each commit's parents and **commit** time. Author time is usually at or before commit
//! time, but not always (a rebased or applied patch can carry an author date later than
//! its commit date), so no commit time proves that a commit was authored before the
//! period. The rule, correct by construction:
//!
//! - every commit reachable from the walked refs is listed, from the graph alone (no
//!   object is read): a few milliseconds for 80,000 commits;
//! - merges are left out there (the graph knows the parents) unless merges are wanted;
//! - a commit committed at or after the period's start is read whole (author, message),
//!   in commit-time order, as before;
//! - a commit committed before the period's start is only scanned: its raw header is read
//!   for the author time, on the thread pool while the diffs run. The rare one authored
//!   in the period anyway is then read whole like the others.
//!
//! So the cost that grows with the history is one header read per older commit, spread
//! over the cores, and nothing is lost. Without a usable commit-graph (none written, a
//! shallow clone, grafts or replace refs, which git also refuses the graph for) the
//! caller falls back to libgit2's walk over every commit.

use super::author_times::AuthorTimes;
use super::headers::{PackHeaders, Scanner};
use git2::{Oid, Repository};
use std::collections::HashSet;

/// The reachable commits split by how deeply they are read.
#[derive(Debug, Default)]
pub struct Plan {
    /// Committed at or after the start: read whole, newest commit time first.
    pub recent: Vec<Oid>,
    /// Their commit times, as the commit-graph holds them (empty when not planned from
    /// one).
    pub recent_times: Vec<i64>,
    /// Committed before the start: scanned for their author time.
    pub older: Vec<Oid>,
}

/// The commits the walk starts from: HEAD, or every branch (local and remote) and HEAD.
pub fn tips(repo: &Repository, all_branches: bool) -> Result<Vec<Oid>, git2::Error> {
    let mut tips = Vec::new();
    if all_branches {
        for glob in ["refs/heads/*", "refs/remotes/*"] {
            for r in repo.references_glob(glob)? {
                if let Ok(c) = r?.peel_to_commit() {
                    tips.push(c.id());
                }
            }
        }
        if let Ok(c) = repo.head().and_then(|h| h.peel_to_commit()) {
            tips.push(c.id());
        }
    } else {
        tips.push(repo.head()?.peel_to_commit()?.id());
    }
    let mut seen = HashSet::new();
    tips.retain(|t| seen.insert(*t));
    Ok(tips)
}

/// A commit to visit: by its place in the graph, or by id when it may not be there.
#[derive(Clone, Copy)]
enum Node {
    Pos(gix_commitgraph::Position),
    Id(Oid),
}

/// The plan from the commit-graph, or None when the repository has no usable one.
pub fn plan(repo: &Repository, tips: &[Oid], since: i64, include_merges: bool) -> Option<Plan> {
    let graph = usable_graph(repo)?;
    let mut in_graph = vec![false; graph.num_commits() as usize];
    let mut outside: HashSet<Oid> = HashSet::new();
    // (commit time, order found, id) of each commit read whole.
    let mut recent: Vec<(i64, usize, Oid)> = Vec::new();
    let mut older = Vec::new();
    let mut stack: Vec<Node> = tips.iter().rev().map(|&t| Node::Id(t)).collect();
    while let Some(node) = stack.pop() {
        let pos = match node {
            Node::Pos(p) => Some(p),
            Node::Id(id) => graph.lookup(gix_hash::oid::try_from_bytes(id.as_bytes()).ok()?),
        };
        // Parents go on the stack straight away (in reverse, so the first parent is
        // visited first); the commit is kept below once its parent count is known.
        let depth = stack.len();
        let (id, time) = match (pos, node) {
            (Some(pos), _) => {
                if std::mem::replace(&mut in_graph[pos.0 as usize], true) {
                    continue;
                }
                let c = graph.commit_at(pos);
                for p in c.iter_parents() {
                    stack.push(Node::Pos(p.ok()?));
                }
                let id = Oid::from_bytes(c.id().as_bytes()).ok()?;
                (id, c.committer_timestamp() as i64)
            }
            // A commit made after the graph was written: read it.
            (None, Node::Id(id)) => {
                if !outside.insert(id) {
                    continue;
                }
                let c = repo.find_commit(id).ok()?;
                stack.extend(c.parent_ids().map(Node::Id));
                (id, c.time().seconds())
            }
            (None, Node::Pos(_)) => return None,
        };
        let parents = stack.len() - depth;
        stack[depth..].reverse();
        // Merges committed in the period are read too: the walk looks at them for what
        // git records of reviews (`recorded`), then leaves them out unless asked.
        if time >= since {
            recent.push((time, recent.len(), id));
        } else if include_merges || parents <= 1 {
            older.push(id);
        }
    }
    recent.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    Some(Plan {
        recent_times: recent.iter().map(|(t, _, _)| *t).collect(),
        recent: recent.into_iter().map(|(_, _, id)| id).collect(),
        older,
    })
}

/// The repository's commit-graph, unless git would not use one either.
fn usable_graph(repo: &Repository) -> Option<gix_commitgraph::Graph> {
    let git_dir = repo.path();
    let replaced = repo
        .references_glob("refs/replace/*")
        .is_ok_and(|mut r| r.next().is_some());
    if repo.is_shallow() || git_dir.join("info/grafts").exists() || replaced {
        return None;
    }
    let info = git_dir.join("objects/info");
    gix_commitgraph::at(&info, gix_hash::Kind::Sha1, None).ok()
}

/// Of `ids`, those whose author time is in `[since, until)`, or whose header cannot be
/// read here (the caller reads those whole and decides). Times scanned in earlier runs
/// come from `times` ([`AuthorTimes`]); headers from the packs where they can
/// ([`PackHeaders`]), else from libgit2; what is scanned is added to `times`.
pub fn authored_in(
    repo: &Repository,
    packs: &PackHeaders,
    times: &AuthorTimes,
    ids: &[Oid],
    since: i64,
    until: i64,
) -> Vec<Oid> {
    authored_when(repo, packs, times, ids, |t| since <= t && t < until)
}

/// Of `ids`, those whose author time `wanted` accepts, or whose header cannot be read here;
/// as [`authored_in`].
pub fn authored_when(
    repo: &Repository,
    packs: &PackHeaders,
    times: &AuthorTimes,
    ids: &[Oid],
    wanted: impl Fn(i64) -> bool,
) -> Vec<Oid> {
    let odb = repo.odb().ok();
    let mut scanner = Scanner::default();
    let mut scanned = Vec::new();
    let found = ids
        .iter()
        .copied()
        .filter(|&id| {
            let time = times.get(id).or_else(|| {
                let t = packs.author_time(id, &mut scanner).or_else(|| {
                    let object = odb.as_ref()?.read(id).ok()?;
                    author_time(object.data())
                })?;
                scanned.push((id, t));
                Some(t)
            });
            time.is_none_or(&wanted)
        })
        .collect();
    times.add(scanned);
    found
}

/// A handle on a git directory for reading objects only (no working tree is looked at).
pub fn open_git_dir(git_dir: &std::path::Path) -> Option<Repository> {
    let flags = git2::RepositoryOpenFlags::BARE | git2::RepositoryOpenFlags::NO_SEARCH;
    Repository::open_ext(git_dir, flags, std::iter::empty::<&std::ffi::OsStr>()).ok()
}

/// Commits whose headers one task scans: enough to amortise a task and a repository
/// handle, small enough that both cores share the scan evenly.
pub const SCAN_CHUNK: usize = 2048;

/// The ids in the order the scan reads them best: by id, so that each is found in the
/// pack index near the one before (see [`Scanner`]).
pub fn scan_order(ids: &[Oid]) -> Vec<Oid> {
    let mut sorted = ids.to_vec();
    sorted.sort_unstable();
    sorted
}

/// [`authored_when`] over the thread pool, in chunks, each with its own handle from `open`
/// (libgit2 handles are not shared between threads). A chunk whose handle cannot be opened
/// is returned whole, for the caller to read. The result is in id order.
pub fn authored_when_parallel(
    open: impl Fn() -> Option<Repository> + Sync,
    packs: &PackHeaders,
    times: &AuthorTimes,
    ids: &[Oid],
    wanted: impl Fn(i64) -> bool + Sync,
) -> Vec<Oid> {
    use rayon::prelude::*;
    scan_order(ids)
        .par_chunks(SCAN_CHUNK)
        .flat_map_iter(|chunk| match open() {
            Some(repo) => authored_when(&repo, packs, times, chunk, &wanted),
            None => chunk.to_vec(),
        })
        .collect()
}

/// [`authored_when_parallel`] over a repository's packs, with the author times kept in
/// the store at `kept` (read before, the new ones written after).
pub fn authored_when_kept(
    repo: &Repository,
    kept: Option<&std::path::Path>,
    ids: &[Oid],
    wanted: impl Fn(i64) -> bool + Sync,
) -> Vec<Oid> {
    let times = AuthorTimes::kept_in(kept, repo.path());
    let packs = PackHeaders::open(repo.path());
    let git_dir = repo.path().to_path_buf();
    let found = authored_when_parallel(|| open_git_dir(&git_dir), &packs, &times, ids, wanted);
    times.keep();
    found
}

/// The author time in a raw commit: the number after the last `>` of its `author` line.
pub fn author_time(raw: &[u8]) -> Option<i64> {
    let mut rest = raw;
    loop {
        let end = rest.iter().position(|&c| c == b'\n')?;
        let line = &rest[..end];
        if line.is_empty() {
            return None; // the end of the header: no author line
        }
        if let Some(ident) = line.strip_prefix(b"author ") {
            let after = &ident[ident.iter().rposition(|&c| c == b'>')? + 1..];
            let text = std::str::from_utf8(after).ok()?;
            return text.split_whitespace().next()?.parse().ok();
        }
        rest = &rest[end + 1..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_author_time_is_read_from_the_raw_header() {
        let raw = b"tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nparent 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nauthor A <a@x> 1700000000 +0200\ncommitter C <c@x> 1600000000 +0000\n\nauthor 5\n";
        assert_eq!(author_time(raw), Some(1_700_000_000));
        assert_eq!(author_time(b"tree x\n\nauthor A <a@x> 1 +0000\n"), None);
        assert_eq!(author_time(b"author A <a> x> 42 +0000\n"), Some(42));
    }
}
