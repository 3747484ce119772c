//! The commit walk: one repository, the person's commits in the period, with diff stats.
//!
//! The walk itself (reading commit headers) is cheap and runs on one thread; the diffs,
//! which are the cost, are spread over worker threads that each open the repository, and
//! each commit's diff is dropped as soon as its numbers are taken, so memory stays flat.

use super::docs::DocTouch;
use super::identity::{Person, parse_name_email};
use super::remote::WebRepo;
use crate::model::{Evidence, Kind};
use chrono::{DateTime, TimeZone, Utc};
use git2::{Commit, Diff, DiffFindOptions, DiffOptions, Oid, Repository, Sort};
use rayon::prelude::*;
use serde_json::{Value, json};
use std::path::Path;

#[derive(Debug, Clone)]
pub struct WalkOptions {
    pub since: DateTime<Utc>,
    pub until: DateTime<Utc>,
    pub include_merges: bool,
    pub all_branches: bool,
}

/// A commit of the person's, found by the walk, before its diff is read.
#[derive(Debug, Clone)]
struct Candidate {
    oid: Oid,
    /// The person is credited through a `Co-authored-by` trailer, not as author.
    co_author_only: bool,
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

pub fn walk(
    path: &Path,
    repo: &Repository,
    info: &RepoInfo,
    person: &Person,
    opts: &WalkOptions,
) -> Result<WalkResult, git2::Error> {
    let mailmap = repo.mailmap().ok();
    let mut revwalk = repo.revwalk()?;
    revwalk.set_sorting(Sort::TIME)?;
    if opts.all_branches {
        revwalk.push_glob("refs/heads/*")?;
        revwalk.push_glob("refs/remotes/*")?;
        if repo.head().is_ok() {
            revwalk.push_head()?;
        }
    } else {
        revwalk.push_head()?;
    }
    let since = opts.since.timestamp();
    // Commit times have whole seconds: an `until` of "now" includes this second's commits.
    let until = opts.until.timestamp() + i64::from(opts.until.timestamp_subsec_nanos() > 0);
    let mut candidates = Vec::new();
    let mut period_commits = Vec::new();
    for oid in revwalk {
        let oid = oid?;
        let commit = repo.find_commit(oid)?;
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
        let is_author = person.matches(
            &String::from_utf8_lossy(author.name_bytes()),
            &String::from_utf8_lossy(author.email_bytes()),
        );
        // A bot's commit is never the person's, even when they are named co-author.
        let co_author = !is_author
            && !person.is_bot(
                &String::from_utf8_lossy(author.name_bytes()),
                &String::from_utf8_lossy(author.email_bytes()),
            )
            && co_authors(&commit)
                .iter()
                .any(|(n, e)| person.matches(n, e));
        if is_author || co_author {
            candidates.push(Candidate {
                oid,
                co_author_only: co_author,
            });
        }
    }
    period_commits.reverse();

    let canonical = person.canonical();
    let results: Vec<(Evidence, Vec<DocTouch>)> = candidates
        .par_iter()
        .map_init(
            || {
                let local = Repository::open(path).ok();
                let mailmap = local.as_ref().and_then(|r| r.mailmap().ok());
                (local, mailmap)
            },
            |(local, mailmap), c| {
                commit_record(local.as_ref()?, mailmap.as_ref(), info, &canonical, c).ok()
            },
        )
        .flatten()
        .collect();
    let mut out = WalkResult {
        period_commits,
        ..Default::default()
    };
    for (record, touches) in results {
        out.commits.push(record);
        out.doc_touches.extend(touches);
    }
    Ok(out)
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
    mailmap: Option<&git2::Mailmap>,
    info: &RepoInfo,
    canonical: &str,
    c: &Candidate,
) -> Result<(Evidence, Vec<DocTouch>), git2::Error> {
    let commit = repo.find_commit(c.oid)?;
    let sha = c.oid.to_string();
    let message = String::from_utf8_lossy(commit.message_bytes()).into_owned();
    let (title, body) = split_message(&message);
    let raw_author = commit.author();
    let author = match mailmap {
        Some(m) => m.resolve_signature(&raw_author).unwrap_or(raw_author),
        None => raw_author,
    };
    let time = Utc
        .timestamp_opt(author.when().seconds(), 0)
        .single()
        .unwrap_or_default();

    let diff = first_parent_diff(repo, &commit)?;
    let stats = diff.stats()?;
    let mut paths = Vec::with_capacity(diff.deltas().len());
    let mut touches = Vec::new();
    for (idx, delta) in diff.deltas().enumerate() {
        let file = if delta.status() == git2::Delta::Deleted {
            delta.old_file()
        } else {
            delta.new_file()
        };
        let Some(p) = file.path().map(|p| p.to_string_lossy().replace('\\', "/")) else {
            continue;
        };
        if !c.co_author_only
            && super::docs::is_doc_path(&p)
            && delta.status() != git2::Delta::Deleted
        {
            let added = git2::Patch::from_diff(&diff, idx)?
                .map(|patch| patch.line_stats().map(|(_, a, _)| a as u64).unwrap_or(0))
                .unwrap_or(0);
            touches.push(DocTouch {
                path: p.clone(),
                created: delta.status() == git2::Delta::Added,
                added_lines: added,
                commit: c.oid,
                time,
            });
        }
        paths.push(p);
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
    e.additions = Some(stats.insertions() as u64);
    e.deletions = Some(stats.deletions() as u64);
    e.files_changed = Some(stats.files_changed() as u64);
    e.meta.insert("sha".into(), json!(sha));
    e.meta.insert(
        "role".into(),
        json!(if c.co_author_only {
            "co-author"
        } else {
            "author"
        }),
    );
    e.meta.insert(
        "commit_author".into(),
        json!(format!(
            "{} <{}>",
            String::from_utf8_lossy(author.name_bytes()),
            String::from_utf8_lossy(author.email_bytes())
        )),
    );
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

/// The diff git shows: against the first parent (the empty tree for a root commit),
/// with renames detected as `git log` does by default.
fn first_parent_diff<'r>(repo: &'r Repository, commit: &Commit) -> Result<Diff<'r>, git2::Error> {
    let tree = commit.tree()?;
    let parent_tree = match commit.parent(0) {
        Ok(p) => Some(p.tree()?),
        Err(_) => None,
    };
    let mut opts = DiffOptions::new();
    opts.context_lines(0)
        .interhunk_lines(0)
        .ignore_submodules(true);
    let mut diff = repo.diff_tree_to_tree(parent_tree.as_ref(), Some(&tree), Some(&mut opts))?;
    let mut find = DiffFindOptions::new();
    find.renames(true);
    diff.find_similar(Some(&mut find))?;
    Ok(diff)
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
