//! What a collection could not see, with what it cost: a source that failed, commits
//! whose objects could not be read, folders discovery skipped, files it could not
//! collect. Each entry is also a line of the collection's `warnings` (the portfolio's
//! "What could not be seen"); this is the same as data, for `--strict`, the exit code
//! and programs reading the JSON.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One thing the collection could not see, with what it cost (docs/robustness.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Unseen {
    /// Where: a repository's name, `GitHub (host)`, a folder, the notes file.
    pub source: String,
    pub kind: UnseenKind,
    /// The line shown under "What could not be seen".
    pub message: String,
    /// Commits affected, where that is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "usize")]
    pub commits: Option<usize>,
    /// What was affected: commit ids, paths (the first 20; `commits` says how many).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ids: Vec<String>,
    /// The whole source could not be read: the run is incomplete (exit code 1). Absent
    /// when false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub failed: bool,
}

/// How many affected ids an entry lists; its count says how many there were.
pub const MAX_IDS: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum UnseenKind {
    /// A source (a repository, GitHub) failed: nothing of it is in the portfolio.
    SourceFailed,
    /// Commits whose trees or blobs could not be read: kept, line counts unknown.
    UnreadableObjects,
    /// A design doc that could not be read.
    UnreadableDocument,
    /// Discovery did not enter a folder it may not read.
    UnreadableFolder,
    /// Discovery did not follow a symbolic link that leads back into itself.
    SymlinkLoop,
    /// Discovery did not follow a symbolic link whose target is missing.
    BrokenSymlink,
    /// Repositories below the depth discovery searches.
    TooDeep,
    /// A submodule's checkout: a repository of its own, read only when named.
    Submodule,
    /// A linked worktree on another branch, read once with its main worktree.
    WorktreeBranch,
    /// The person's commits of the period on branches HEAD does not reach: not read
    /// without `--all-branches`.
    OtherBranches,
    /// The person matches no commit in the repositories read.
    NoMatchingCommits,
    /// Commits under another email with the person's name, or a name like it whose
    /// commits the person committed: likely theirs, not counted.
    LikelyAliases,
    /// Notes that name no author, counted for whoever runs evident.
    NotesWithoutAuthor,
    /// Items given twice under one id: kept once.
    DuplicateIds,
}

impl Unseen {
    pub fn new(source: impl Into<String>, kind: UnseenKind, message: impl Into<String>) -> Self {
        Unseen {
            source: source.into(),
            kind,
            message: message.into(),
            commits: None,
            ids: Vec::new(),
            failed: false,
        }
    }

    /// The source failed as a whole.
    pub fn failed(source: impl Into<String>, message: impl Into<String>) -> Self {
        let mut u = Unseen::new(source, UnseenKind::SourceFailed, message);
        u.failed = true;
        u
    }

    pub fn with_commits(mut self, commits: usize) -> Self {
        self.commits = Some(commits);
        self
    }

    /// The affected ids, at most [`MAX_IDS`] of them.
    pub fn with_ids(mut self, ids: impl IntoIterator<Item = String>) -> Self {
        self.ids = ids.into_iter().take(MAX_IDS).collect();
        self
    }
}

/// `n thing` or `n things`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Ids for a message: the first few, then how many more.
pub fn short_list(ids: &[String], total: usize, show: usize) -> String {
    let mut out: Vec<String> = ids.iter().take(show).cloned().collect();
    if total > out.len() {
        out.push(format!("and {} more", total - out.len()));
    }
    out.join(", ")
}
