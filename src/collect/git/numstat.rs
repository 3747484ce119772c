//! A commit's changes counted as `git log --numstat` counts them: the files that differ
//! from the first parent (found as git's tree diff finds them, skipping unchanged
//! subtrees), renames paired as git pairs them ([`super::rename`]), and lines counted per
//! file pair:
//!
//! - a file that is binary on either side (a NUL in its first 8,000 bytes, or `-diff` /
//!   `binary` in `.gitattributes`) counts no lines (git prints `-`);
//! - a submodule (gitlink) is the one line `Subproject commit <id>`: +1 when added, -1
//!   when removed, +1 -1 when it moves to another commit;
//! - a symlink is its target, a line without a newline; a file that becomes a symlink (or
//!   the reverse) is one change whose lines are those of the two contents;
//! - a pure rename or mode change counts 0 lines but is a changed file;
//! - otherwise the lines come from the same diff algorithm as git's (xdiff, through
//!   libgit2).

use super::rename::{self, Contents, Side, Source};
use git2::{Blob, Oid, Repository, Tree};
use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::HashMap;

const MODE_TREE: i32 = 0o040000;
const MODE_GITLINK: i32 = 0o160000;
const MODE_TYPE: i32 = 0o170000;

/// A file a commit changed, named by its new path (its old path when deleted).
#[derive(Debug, Clone)]
pub struct FileStat {
    pub path: String,
    pub status: git2::Delta,
    pub added: u64,
    pub deleted: u64,
    /// The file says a tool wrote it, Go's way: a `// Code generated … DO NOT EDIT.` line
    /// at its top (read from the content the count already loaded).
    pub generated: bool,
    /// Its path says a tool writes it (a lock file, a vendored or generated folder:
    /// [`crate::model::generated::is_generated_path`]), read once here for the walk.
    pub tool_path: bool,
    /// In a pipeline's file (a workflow, `.gitlab-ci.yml`), the changed lines that pin a
    /// version of an action or image (`uses: actions/checkout@v5`, `image: node:22`), and
    /// the others (comments and blank lines aside); `None` in other files.
    pub pins: Option<PinLines>,
    /// The changed lines of code, as keys (see [`line_key`]): those added and those
    /// removed, a whole file's when it is added or deleted. Within one commit, an added
    /// line equal to a removed one is moved or re-indented, not written
    /// (`meta.moved_lines`).
    pub moved: LineKeys,
}

/// Keys of the changed lines of a file (see [`FileStat::moved`]).
#[derive(Debug, Clone, Default)]
pub struct LineKeys {
    pub added: Vec<u64>,
    pub removed: Vec<u64>,
}

/// A changed line's key, or None for a line too short to tell a move from a coincidence
/// (a blank line, a brace, `end`): its text without the whitespace around it, hashed, when
/// that has four bytes or more.
pub fn line_key(line: &[u8]) -> Option<u64> {
    let text = line.trim_ascii();
    (text.len() >= 4).then(|| {
        use std::hash::BuildHasher;
        std::hash::BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default()
            .hash_one(text)
    })
}

/// The keys of every line of a text.
fn keys_of(text: &[u8]) -> Vec<u64> {
    text.split(|&c| c == b'\n').filter_map(line_key).collect()
}

/// What a commit changed, as `git log --numstat` counts it.
#[derive(Debug, Default)]
pub struct CommitStats {
    pub files: Vec<FileStat>,
    pub additions: u64,
    pub deletions: u64,
    pub files_changed: u64,
}

/// How the counting reads a repository: `diff.renameLimit`, and whether attributes may
/// apply (else no attribute is looked up).
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    pub rename_limit: usize,
    pub attributes: bool,
}

/// `diff.renameLimit` as git reads it: 1000 when unset; 0 or less means no limit.
pub fn rename_limit(repo: &Repository) -> usize {
    match repo.config().and_then(|c| c.get_i64("diff.renamelimit")) {
        Ok(v) if v <= 0 => 0,
        Ok(v) => usize::try_from(v).unwrap_or(usize::MAX),
        Err(_) => 1000,
    }
}

/// A file that differs between two trees: its path and its side in each tree.
#[derive(Debug, Clone)]
pub struct Change {
    pub path: Vec<u8>,
    pub old: Option<Side>,
    pub new: Option<Side>,
}

/// Trees and blobs read for the commit counted just before, kept for the next one. A
/// worker counts its commits newest first, so a commit's tree is often the parent tree of
/// the one before it, and a series of commits on the same files reads each version twice
/// (as one commit's new side and the next one's old side). Only one commit's objects are
/// kept, so memory stays flat. (libgit2's own object cache is off: see `collect_with`.)
#[derive(Default)]
pub struct Carry<'r> {
    trees: HashMap<Oid, Tree<'r>>,
    blobs: HashMap<Oid, Option<Blob<'r>>>,
}

/// The trees of one commit's diff, each read once, and those of the commit before.
struct Trees<'r, 'c> {
    repo: &'r Repository,
    current: HashMap<Oid, Tree<'r>>,
    previous: &'c mut HashMap<Oid, Tree<'r>>,
}

impl<'r> Trees<'r, '_> {
    fn get(&mut self, id: Oid) -> Result<Tree<'r>, git2::Error> {
        if let Some(t) = self.current.get(&id) {
            return Ok(t.clone());
        }
        let tree = match self.previous.remove(&id) {
            Some(t) => t,
            None => self.repo.find_tree(id)?,
        };
        self.current.insert(id, tree.clone());
        Ok(tree)
    }
}

/// The numbers git shows for a commit against its first parent (the empty tree for a
/// root commit). `carry` holds the objects of the commit counted before (see [`Carry`]).
pub fn first_parent_stats<'r>(
    repo: &'r Repository,
    commit: &git2::Commit,
    settings: Settings,
    carry: &mut Carry<'r>,
) -> Result<CommitStats, git2::Error> {
    let mut trees = Trees {
        repo,
        current: HashMap::new(),
        previous: &mut carry.trees,
    };
    let tree = trees.get(commit.tree_id())?;
    let parent_tree = match commit.parent_id(0) {
        Ok(id) => Some(trees.get(repo.find_commit(id)?.tree_id())?),
        Err(_) => None,
    };
    let mut changes = Vec::new();
    changed_paths(
        &mut trees,
        parent_tree,
        Some(tree),
        &mut Vec::new(),
        &mut changes,
    )?;
    carry.trees = trees.current;
    let mut contents = RepoContents::new(repo, settings.attributes, &mut carry.blobs);
    let stats = count_changes(&changes, settings, &mut contents);
    *contents.previous = std::mem::take(&mut contents.blobs);
    stats
}

/// The numstat lines of a commit's changes, renames paired.
fn count_changes(
    changes: &[Change],
    settings: Settings,
    contents: &mut RepoContents,
) -> Result<CommitStats, git2::Error> {
    let pairs = pair_renames(changes, settings.rename_limit, contents);
    let mut stats = CommitStats::default();
    for pair in pairs {
        let Some(file) = count_pair(&pair, contents)? else {
            continue;
        };
        stats.additions += file.added;
        stats.deletions += file.deleted;
        stats.files_changed += 1;
        stats.files.push(file);
    }
    Ok(stats)
}

/// A file pair of the final diff: after rename detection, a rename is one pair.
struct Pair<'a> {
    old_path: &'a [u8],
    new_path: &'a [u8],
    old: Option<Side>,
    new: Option<Side>,
    renamed: bool,
}

/// The changes as git's diff queue holds them after rename detection: in tree order, a
/// rename in the place of its added file, its deleted file gone.
fn pair_renames<'a>(
    changes: &'a [Change],
    rename_limit: usize,
    contents: &mut dyn Contents,
) -> Vec<Pair<'a>> {
    let mut sources = Vec::new();
    let mut source_of = Vec::new();
    let mut dests = Vec::new();
    let mut dest_of = Vec::new();
    for (i, c) in changes.iter().enumerate() {
        match (c.old, c.new) {
            (Some(side), None) => {
                source_of.push(i);
                sources.push(Source {
                    path: &c.path,
                    side,
                });
            }
            (None, Some(side)) => {
                dest_of.push(i);
                dests.push(Source {
                    path: &c.path,
                    side,
                });
            }
            _ => {}
        }
    }
    let found = rename::detect(&sources, &dests, rename_limit, contents);
    let mut renamed_from: HashMap<usize, usize> = HashMap::new();
    let mut gone = vec![false; changes.len()];
    for (d, s) in found.iter().enumerate() {
        if let Some(s) = s {
            renamed_from.insert(dest_of[d], source_of[*s]);
            gone[source_of[*s]] = true;
        }
    }
    let mut pairs = Vec::with_capacity(changes.len());
    for (i, c) in changes.iter().enumerate() {
        if gone[i] {
            continue;
        }
        let pair = match renamed_from.get(&i) {
            Some(&s) => Pair {
                old_path: &changes[s].path,
                new_path: &c.path,
                old: changes[s].old,
                new: c.new,
                renamed: true,
            },
            None => Pair {
                old_path: &c.path,
                new_path: &c.path,
                old: c.old,
                new: c.new,
                renamed: false,
            },
        };
        pairs.push(pair);
    }
    pairs
}

/// The numstat line of a pair; None when git leaves it out (a modification that changes
/// no line and no mode).
fn count_pair(pair: &Pair, contents: &mut RepoContents) -> Result<Option<FileStat>, git2::Error> {
    let status = match (pair.old, pair.new) {
        (None, _) => git2::Delta::Added,
        (_, None) => git2::Delta::Deleted,
        _ if pair.renamed => git2::Delta::Renamed,
        (Some(a), Some(b)) if (a.mode & MODE_TYPE) != (b.mode & MODE_TYPE) => {
            git2::Delta::Typechange
        }
        _ => git2::Delta::Modified,
    };
    let path = if pair.new.is_some() {
        pair.new_path
    } else {
        pair.old_path
    };
    let path = String::from_utf8_lossy(path).into_owned();
    let mut file = FileStat {
        tool_path: crate::model::generated::is_generated_path(&path),
        path,
        status,
        added: 0,
        deleted: 0,
        generated: false,
        pins: None,
        moved: LineKeys::default(),
    };
    if let (Some(a), Some(b)) = (pair.old, pair.new)
        && a.id == b.id
    {
        return Ok(Some(file));
    }
    if contents.binary_by_attributes(pair.old_path) || contents.binary_by_attributes(pair.new_path)
    {
        return Ok(Some(file));
    }
    contents.load(pair.old)?;
    contents.load(pair.new)?;
    let (old, new) = (contents.view(pair.old), contents.view(pair.new));
    if rename::has_nul(&old) || rename::has_nul(&new) {
        return Ok(Some(file));
    }
    file.generated = says_generated(if new.is_empty() { &old } else { &new });
    // A tool's file (a lock file, a generated one) is no one's writing: its lines are not
    // keyed for moves (the walk leaves them out anyway), which spares hashing them.
    let keyed = !file.generated && !file.tool_path;
    let (added, deleted) = if old.is_empty() {
        if keyed {
            file.moved.added = keys_of(&new);
        }
        (count_lines(&new), 0)
    } else if new.is_empty() {
        if keyed {
            file.moved.removed = keys_of(&old);
        }
        (0, count_lines(&old))
    } else {
        let mut opts = git2::DiffOptions::new();
        opts.context_lines(0).interhunk_lines(0);
        // Blobs are diffed as blobs: libgit2 hashes buffers it is given, blobs it knows.
        // No path is passed, so libgit2 looks up no attributes (done above).
        let (mut a, mut d) = (0u64, 0u64);
        // In a pipeline's file, whether every changed line is a pin or a comment (and one
        // at least a pin).
        let mut pins =
            crate::model::pipeline::is_pipeline_file(pair.new_path).then(PinReader::default);
        let moved = &mut file.moved;
        let mut count = |_: git2::DiffDelta, _: Option<git2::DiffHunk>, line: git2::DiffLine| {
            let (n, keys) = match line.origin() {
                '+' => (&mut a, &mut moved.added),
                '-' => (&mut d, &mut moved.removed),
                _ => return true,
            };
            *n += 1;
            if keyed {
                keys.extend(line_key(line.content()));
            }
            if let Some(p) = pins.as_mut() {
                p.read(line.origin(), line.content());
            }
            true
        };
        match (contents.blob(pair.old), contents.blob(pair.new)) {
            (Some(x), Some(y)) => contents.repo.diff_blobs(
                Some(x),
                None,
                Some(y),
                None,
                Some(&mut opts),
                None,
                None,
                None,
                Some(&mut count),
            )?,
            _ => {
                let patch = git2::Patch::from_buffers(&old, None, &new, None, Some(&mut opts))?;
                let (_, x, y) = patch.line_stats()?;
                (a, d) = (x as u64, y as u64);
                pins = None;
            }
        }
        file.pins = pins.map(PinReader::count);
        (a, d)
    };
    let same_mode = pair.old.map(|s| s.mode) == pair.new.map(|s| s.mode);
    if status == git2::Delta::Modified && added == 0 && deleted == 0 && same_mode {
        return Ok(None);
    }
    file.added = added;
    file.deleted = deleted;
    Ok(Some(file))
}

/// In a pipeline's file, the changed lines that move a pinned action or image to another
/// version (a removed and an added line naming the same one), and the others (comments
/// and blank lines aside).
#[derive(Debug, Clone, Copy, Default)]
pub struct PinLines {
    pub pins: u64,
    pub other: u64,
}

impl PinLines {
    /// A version bump: pins moved, and at most one other line in ten beside them (a new
    /// major version's required input: attrs' `mode: instrumentation` for CodSpeed's
    /// action v4, beside 44 pins).
    pub fn is_bump(&self) -> bool {
        self.pins > 0 && self.other * 10 <= self.pins
    }
}

/// The changed lines of a pipeline's file, read one at a time: the actions and images
/// pinned on removed and on added lines, and the other lines.
#[derive(Default)]
struct PinReader {
    /// (action or image, its version) of each removed and added pin line.
    removed: Vec<(Vec<u8>, Vec<u8>)>,
    added: Vec<(Vec<u8>, Vec<u8>)>,
    other: u64,
}

impl PinReader {
    fn read(&mut self, origin: char, line: &[u8]) {
        // `uses: owner/action@<sha>  # v5.0.0`, `- uses: …@v4`, `image: node:22`, `image:
        // "python:3.12-slim"`: a commit or a version, not a branch (`@master` follows
        // whatever comes); a comment or a blank line changes nothing run.
        static PIN: std::sync::LazyLock<regex::bytes::Regex> = std::sync::LazyLock::new(|| {
            regex::bytes::Regex::new(
                r#"^\s*(?:-\s+)?(?:uses|image)\s*:\s*["']?([^\s"'#@]+)[@:]((?:[0-9a-f]{7,64}|v?\d[\w.+-]*)(?:@sha256:[0-9a-f]{64})?|sha256:[0-9a-f]{64})["']?\s*(#.*)?$"#,
            )
            .expect("valid")
        });
        static NOTHING: std::sync::LazyLock<regex::bytes::Regex> =
            std::sync::LazyLock::new(|| regex::bytes::Regex::new(r"^\s*(#.*)?$").expect("valid"));
        let line = line.strip_suffix(b"\n").unwrap_or(line);
        if let Some(c) = PIN.captures(line) {
            let side = if origin == '+' {
                &mut self.added
            } else {
                &mut self.removed
            };
            // The version with its comment (`# tag=v4.1.1` names it too).
            let version = [&c[2], c.get(3).map_or(&b""[..], |m| m.as_bytes())].concat();
            side.push((c[1].to_ascii_lowercase(), version));
        } else if !NOTHING.is_match(line) {
            self.other += 1;
        }
    }

    /// Pairs of a removed and an added pin of the same action or image at another
    /// version are a version moved; a pin added or removed alone is a step added or taken
    /// out, and the same pin removed and added again a step moved: other work.
    fn count(mut self) -> PinLines {
        let mut pins = 0;
        let added = std::mem::take(&mut self.added);
        let mut moved_versions = Vec::new();
        for pin in added {
            match self.removed.iter().position(|r| *r == pin) {
                Some(i) => {
                    self.removed.swap_remove(i);
                    self.other += 2;
                }
                None => moved_versions.push(pin),
            }
        }
        for (name, _) in moved_versions {
            match self.removed.iter().position(|(r, _)| *r == name) {
                Some(i) => {
                    self.removed.swap_remove(i);
                    pins += 2;
                }
                None => self.other += 1,
            }
        }
        PinLines {
            pins,
            other: self.other + self.removed.len() as u64,
        }
    }
}

/// Whether a file's top says a tool wrote it: Go's convention, `// Code generated by
/// "stringer" …; DO NOT EDIT.` before the code (fzf's `actiontype_string.go`, regenerated
/// in 10 of its maintainer's commits, had weighed as written); the `@generated` mark; or
/// a comment line that says it was generated and is not to be edited (rust-analyzer's
/// `//! Generated by `cargo xtask codegen …`, do not edit by hand.`). Only the first
/// lines are read.
fn says_generated(text: &[u8]) -> bool {
    static HEADER: std::sync::LazyLock<regex::bytes::Regex> = std::sync::LazyLock::new(|| {
        regex::bytes::Regex::new(
            r"(?m)^// Code generated .*DO NOT EDIT\.\s*$|(?im)^\s*(//[/!]?|#|/?\*+|<!--|--|;+)\s*((this file (is|was|has been) )?(auto-?|automatically )?generated\b.*\b(do not|don't|must not) (edit|modify)\b|(do not|don't) (edit|modify)\b.*\bgenerated\b|.*@generated\b)|(?i)\A\s*[_*]{0,2}\s*this file (is|was|has been) (auto-?|automatically )generated\b",
        )
        .expect("valid")
    });
    // Most files never say "generated": a literal search spares them the pattern.
    static WORD: std::sync::LazyLock<regex::bytes::Regex> =
        std::sync::LazyLock::new(|| regex::bytes::Regex::new("(?i)generated").expect("valid"));
    let top = &text[..text.len().min(1024)];
    WORD.is_match(top) && HEADER.is_match(top)
}

/// Lines in a text, the last one counted even without its newline.
fn count_lines(text: &[u8]) -> u64 {
    let newlines = text.iter().filter(|&&c| c == b'\n').count() as u64;
    newlines + u64::from(text.last().is_some_and(|&c| c != b'\n'))
}

/// Blobs of one commit's diff, each read once, and attribute answers per path; the blobs
/// of the commit before are taken from `previous` rather than read again.
struct RepoContents<'r, 'c> {
    repo: &'r Repository,
    attributes: bool,
    blobs: HashMap<Oid, Option<Blob<'r>>>,
    previous: &'c mut HashMap<Oid, Option<Blob<'r>>>,
    sizes: HashMap<Oid, Option<u64>>,
    binary: HashMap<Vec<u8>, bool>,
}

impl<'r, 'c> RepoContents<'r, 'c> {
    fn new(
        repo: &'r Repository,
        attributes: bool,
        previous: &'c mut HashMap<Oid, Option<Blob<'r>>>,
    ) -> RepoContents<'r, 'c> {
        RepoContents {
            repo,
            attributes,
            blobs: HashMap::new(),
            previous,
            sizes: HashMap::new(),
            binary: HashMap::new(),
        }
    }

    /// A side's blob once loaded; None for a submodule or an absent side.
    fn blob(&self, side: Option<Side>) -> Option<&Blob<'r>> {
        let side = side.filter(|s| s.mode & MODE_TYPE != MODE_GITLINK)?;
        self.blobs.get(&side.id)?.as_ref()
    }

    /// Reads a side's blob, unless it is a submodule.
    fn load(&mut self, side: Option<Side>) -> Result<(), git2::Error> {
        match side {
            Some(s) if s.mode & MODE_TYPE != MODE_GITLINK => match self.data(s.id) {
                Some(_) => Ok(()),
                None => Err(git2::Error::from_str(&format!("cannot read blob {}", s.id))),
            },
            _ => Ok(()),
        }
    }

    /// The text git diffs for one side, once loaded: nothing when absent,
    /// `Subproject commit <id>` for a submodule, else the blob.
    fn view(&self, side: Option<Side>) -> Cow<'_, [u8]> {
        let Some(side) = side else {
            return Cow::Borrowed(&[]);
        };
        if side.mode & MODE_TYPE == MODE_GITLINK {
            return Cow::Owned(format!("Subproject commit {}\n", side.id).into_bytes());
        }
        match self.blobs.get(&side.id) {
            Some(Some(b)) => Cow::Borrowed(b.content()),
            _ => Cow::Borrowed(&[]),
        }
    }
}

impl Contents for RepoContents<'_, '_> {
    fn size(&mut self, id: Oid) -> Option<u64> {
        if let Some(Some(blob)) = self.blobs.get(&id).or_else(|| self.previous.get(&id)) {
            return Some(blob.size() as u64);
        }
        let repo = self.repo;
        *self.sizes.entry(id).or_insert_with(|| {
            let odb = repo.odb().ok()?;
            odb.read_header(id).ok().map(|(size, _)| size as u64)
        })
    }

    fn data(&mut self, id: Oid) -> Option<&[u8]> {
        let (repo, previous) = (self.repo, &mut *self.previous);
        self.blobs
            .entry(id)
            .or_insert_with(|| {
                previous
                    .remove(&id)
                    .unwrap_or_else(|| repo.find_blob(id).ok())
            })
            .as_ref()
            .map(|b| b.content())
    }

    fn binary_by_attributes(&mut self, path: &[u8]) -> bool {
        if !self.attributes {
            return false;
        }
        if let Some(&b) = self.binary.get(path) {
            return b;
        }
        let b = std::str::from_utf8(path).is_ok_and(|p| {
            let value = self.repo.get_attr(
                std::path::Path::new(p),
                "diff",
                git2::AttrCheckFlags::FILE_THEN_INDEX,
            );
            matches!(
                value.map(git2::AttrValue::from_string),
                Ok(git2::AttrValue::False)
            )
        });
        self.binary.insert(path.to_vec(), b);
        b
    }
}

/// Appends to `out`, in git's order, every file that differs between two trees (either
/// may be absent), skipping subtrees with the same id on both sides. A path that is a
/// folder on one side and a file on the other is two changes, as in git.
fn changed_paths<'r>(
    trees: &mut Trees<'r, '_>,
    old: Option<Tree<'r>>,
    new: Option<Tree<'r>>,
    prefix: &mut Vec<u8>,
    out: &mut Vec<Change>,
) -> Result<(), git2::Error> {
    // Entries borrow their names from the trees: no name is copied.
    fn entries<'t>(t: &'t Option<Tree<'_>>) -> Vec<git2::TreeEntry<'t>> {
        t.as_ref().map(|t| t.iter().collect()).unwrap_or_default()
    }
    let side = |e: &git2::TreeEntry| Side {
        id: e.id(),
        mode: e.filemode(),
    };
    let (a, b) = (entries(&old), entries(&new));
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        let order = match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) => tree_order(
                x.name_bytes(),
                x.filemode() == MODE_TREE,
                y.name_bytes(),
                y.filemode() == MODE_TREE,
            ),
            (Some(_), None) => Ordering::Less,
            _ => Ordering::Greater,
        };
        let (name, old_side, new_side) = match order {
            Ordering::Less => {
                i += 1;
                (a[i - 1].name_bytes(), Some(side(&a[i - 1])), None)
            }
            Ordering::Greater => {
                j += 1;
                (b[j - 1].name_bytes(), None, Some(side(&b[j - 1])))
            }
            Ordering::Equal => {
                i += 1;
                j += 1;
                let (x, y) = (side(&a[i - 1]), side(&b[j - 1]));
                if x == y {
                    continue;
                }
                (b[j - 1].name_bytes(), Some(x), Some(y))
            }
        };
        let len = prefix.len();
        prefix.extend_from_slice(name);
        if old_side.or(new_side).is_some_and(|s| s.mode == MODE_TREE) {
            let mut sub = |s: Option<Side>| s.map(|s| trees.get(s.id)).transpose();
            let (old_sub, new_sub) = (sub(old_side)?, sub(new_side)?);
            prefix.push(b'/');
            changed_paths(trees, old_sub, new_sub, prefix, out)?;
        } else {
            out.push(Change {
                path: prefix.clone(),
                old: old_side,
                new: new_side,
            });
        }
        prefix.truncate(len);
    }
    Ok(())
}

/// Git's order of tree entries: by name, a folder's name read as if it ended in `/`.
fn tree_order(a: &[u8], a_tree: bool, b: &[u8], b_tree: bool) -> Ordering {
    let n = a.len().min(b.len());
    a[..n].cmp(&b[..n]).then_with(|| {
        let next = |name: &[u8], tree: bool| name.get(n).copied().or(tree.then_some(b'/'));
        next(a, a_tree).cmp(&next(b, b_tree))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_that_says_generated_and_not_to_edit_says_a_tool_wrote_the_file() {
        for top in [
            "//! Generated by `cargo xtask codegen assists-doc-tests`, do not edit by hand.\n\nuse super::*;\n",
            "# This file is automatically @generated by Cargo.\n",
            "<!-- Generated file, do not edit. -->\n# Configuration\n",
            "/* DO NOT EDIT: this file is generated by protoc */\n",
            // lazygit's keybinding pages, in Markdown: a first line that says so.
            "_This file is auto-generated. To update, make the changes in the pkg/i18n directory and then run `go generate ./...` from the project root._\n",
        ] {
            assert!(says_generated(top.as_bytes()), "{top}");
        }
        for top in [
            "// The generated parser is checked in; edit grammar.y instead.\n",
            "//! Do not edit the order of these fields.\n",
            "fn generated() {}\n// do not edit\n",
            "Unlike the keybinding pages, this file is not auto-generated.\n",
        ] {
            assert!(!says_generated(top.as_bytes()), "{top}");
        }
    }

    #[test]
    fn a_go_header_says_a_tool_wrote_the_file() {
        assert!(says_generated(
            b"// Code generated by \"stringer -type=actionType\"; DO NOT EDIT.\n\npackage fzf\n"
        ));
        assert!(says_generated(
            b"// Copyright 2026\n\n// Code generated by protoc-gen-go. DO NOT EDIT.\npackage pb\n"
        ));
        assert!(!says_generated(
            b"package fzf\n\n// Code generated above is fine\n"
        ));
        assert!(!says_generated(
            b"package fzf\n// The generator writes \"// Code generated ... DO NOT EDIT.\" lines\n"
        ));
        let mut late = vec![b'x'; 2000];
        late.extend_from_slice(b"\n// Code generated by x. DO NOT EDIT.\n");
        assert!(!says_generated(&late), "only the top is read");
    }

    #[test]
    fn a_pinned_version_moved_is_a_pin_bump_and_a_step_added_is_not() {
        let bump = |lines: &[(char, &str)]| {
            let mut p = PinReader::default();
            for (origin, l) in lines {
                p.read(*origin, format!("{l}\n").as_bytes());
            }
            p.count().is_bump()
        };
        assert!(bump(&[
            (
                '-',
                "      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2"
            ),
            (
                '+',
                "      - uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0"
            ),
            ('-', "        uses: actions/setup-python@v5"),
            ('+', "        uses: actions/setup-python@v6"),
            ('-', "    image: \"python:3.12-slim\""),
            ('+', "    image: \"python:3.13-slim\""),
            ('+', "  # tag=v4.1.1"),
            ('+', ""),
        ]));
        // zstd's: only the comment after the pin changed.
        assert!(bump(&[
            (
                '-',
                "      - uses: actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11 # tag=v3"
            ),
            (
                '+',
                "      - uses: actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11 # tag=v4.1.1"
            ),
        ]));
        assert!(!bump(&[('+', "# only a comment")]), "no pin moved");
        // Steps reordered, no version changed.
        assert!(!bump(&[
            ('-', "      - uses: actions/checkout@v4"),
            ('+', "      - uses: actions/checkout@v4"),
        ]));
        // Renovate's digest pins.
        assert!(bump(&[
            (
                '-',
                &format!("    image: node:22@sha256:{}", "a".repeat(64))
            ),
            (
                '+',
                &format!("    image: node:22@sha256:{}", "b".repeat(64))
            ),
        ]));
        // aiohttp's "Track upstream": pins replaced by a branch, no version.
        assert!(!bump(&[
            (
                '-',
                "      - uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8"
            ),
            ('+', "      - uses: actions/checkout@master"),
        ]));
        assert!(
            !bump(&[('+', "      - uses: Swatinem/rust-cache@v2")]),
            "a step added is work on the pipeline"
        );
        assert!(!bump(&[
            ('-', "      - uses: actions/checkout@v4"),
            ('+', "      - uses: actions/checkout@v5"),
            ('+', "        with: { fetch-depth: 0 }"),
        ]));
        assert!(
            !bump(&[('+', "      - uses: ./.github/actions/setup")]),
            "a local action, no version"
        );
        // A new major version's required input beside ten pins is still the bump.
        let mut lines = Vec::new();
        for _ in 0..5 {
            lines.push(('-', "  - uses: actions/checkout@v4"));
            lines.push(('+', "  - uses: actions/checkout@v5"));
        }
        lines.push(('+', "    mode: instrumentation"));
        assert!(bump(&lines));
        lines.push(('+', "    run: make test"));
        assert!(
            !bump(&lines),
            "two other lines beside ten pins are work on the pipeline"
        );
    }

    #[test]
    fn lines_count_the_last_one_without_newline() {
        assert_eq!(count_lines(b""), 0);
        assert_eq!(count_lines(b"a"), 1);
        assert_eq!(count_lines(b"a\n"), 1);
        assert_eq!(count_lines(b"a\nb"), 2);
    }

    #[test]
    fn a_folder_sorts_as_if_its_name_ended_in_a_slash() {
        assert_eq!(tree_order(b"a.c", false, b"a", true), Ordering::Less);
        assert_eq!(tree_order(b"a", false, b"a", true), Ordering::Less);
        assert_eq!(tree_order(b"a0", false, b"a", true), Ordering::Greater);
    }
}
