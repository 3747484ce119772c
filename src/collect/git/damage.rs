//! Commits whose objects cannot be read: a damaged repository (a missing or corrupt tree
//! or blob) or a partial clone (`git clone --filter=blob:none`, whose blobs are fetched
//! only when git needs them, which libgit2 cannot do). Such a commit is never dropped:
//! it is kept with its line counts unknown (`additions`, `deletions` and `files_changed`
//! null, `meta.stats_unknown` saying why), and the repository's entry under "What could
//! not be seen" names the commits and their number.

use crate::model::unseen::{Unseen, UnseenKind, plural, short_list};
use crate::model::{Evidence, Kind};
use chrono::{TimeZone, Utc};
use git2::Repository;
use serde_json::json;

/// The `meta` key that marks a commit whose diff could not be read.
pub const STATS_UNKNOWN: &str = "stats_unknown";

/// Marks a commit record whose diff could not be read: it stays, its numbers unknown.
pub fn stats_unknown(e: &mut Evidence, err: &git2::Error) {
    e.additions = None;
    e.deletions = None;
    e.files_changed = None;
    e.paths.clear();
    e.meta.insert(STATS_UNKNOWN.into(), json!(cause(err)));
}

/// What a commit's reader knew before the commit itself failed to read.
pub struct Known<'a> {
    pub repo: &'a str,
    pub canonical: &'a str,
    pub sha: String,
    pub author: &'a str,
    pub time: i64,
    pub co_author_only: bool,
}

/// A record for a commit that could not be read again at all (its message included):
/// what the walk knew of it, and why the rest is missing.
pub fn unread_commit(k: Known, why: &str) -> Evidence {
    let short = &k.sha[..k.sha.len().min(12)];
    let mut e = Evidence::new(
        format!("git:{}:{}", k.repo, k.sha),
        Kind::Commit,
        format!("commit {short} (could not be read)"),
    );
    e.repo = k.repo.to_string();
    e.author = k.canonical.to_string();
    e.timestamp = Utc.timestamp_opt(k.time, 0).single();
    e.meta.insert("sha".into(), json!(k.sha));
    let role = if k.co_author_only {
        "co-author"
    } else {
        "author"
    };
    e.meta.insert("role".into(), json!(role));
    e.meta.insert("commit_author".into(), json!(k.author));
    e.meta.insert(STATS_UNKNOWN.into(), json!(why));
    e
}

/// A git error, as one line for `meta.stats_unknown`.
pub fn cause(err: &git2::Error) -> String {
    let what = if err.code() == git2::ErrorCode::NotFound {
        "an object is missing"
    } else {
        "an object could not be read (missing or damaged)"
    };
    format!("{what}: {}", err.message())
}

/// The entry under "What could not be seen" for a repository's commits whose line counts
/// are unknown, if any.
pub fn unreadable_entry(
    repo: &Repository,
    name: &str,
    path: &str,
    evidence: &[Evidence],
) -> Option<Unseen> {
    let shas: Vec<String> = evidence
        .iter()
        .filter(|e| e.kind == Kind::Commit && e.meta.contains_key(STATS_UNKNOWN))
        .filter_map(|e| e.meta_str("sha").map(|s| s[..s.len().min(12)].to_string()))
        .collect();
    if shas.is_empty() {
        return None;
    }
    let n = shas.len();
    let why = if is_partial_clone(repo) {
        format!(
            "it is a partial clone, and libgit2 cannot fetch the blobs it left out: run `git -C {path} log -p >/dev/null` once (git fetches them) or clone it without --filter, then run evident again"
        )
    } else {
        format!(
            "objects are missing or damaged: `git -C {path} fsck` names them; fetch or clone the repository again"
        )
    };
    let message = format!(
        "{name}: {} could not be fully read ({}); {} kept with line counts unknown, so the totals count no lines for {}: {why}",
        plural(n, "commit", "commits"),
        short_list(&shas, n, 5),
        if n == 1 { "it is" } else { "they are" },
        if n == 1 { "it" } else { "them" },
    );
    Some(
        Unseen::new(name, UnseenKind::UnreadableObjects, message)
            .with_commits(n)
            .with_ids(shas),
    )
}

/// Whether the repository is a partial clone: a promisor remote, or the extension.
fn is_partial_clone(repo: &Repository) -> bool {
    let Ok(config) = repo.config() else {
        return false;
    };
    if config.get_string("extensions.partialclone").is_ok() {
        return true;
    }
    let Ok(entries) = config.entries(Some(r"remote\..*\.promisor")) else {
        return false;
    };
    let mut promisor = false;
    let _ = entries.for_each(|e| promisor |= e.value() == Ok("true"));
    promisor
}
