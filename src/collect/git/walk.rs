//! The commit walk: one repository, the person's commits in the period, with diff stats.
//!
//! The walk itself (reading commit headers) is cheap and runs on one thread; as it finds
//! the person's commits it hands them in batches to the thread pool, where the diffs, which
//! are the cost, run while the walk goes on. Each worker keeps its own handle on the
//! repository between batches, and each commit's diff is dropped as soon as its numbers
//! are taken, so memory stays flat.

use super::attributes::Marks;
use super::author_times::AuthorTimes;
use super::damage;
use super::docs::DocTouch;
use super::headers;
use super::history;
use super::numstat;
use super::remote::WebRepo;
use crate::model::person::Person;
use crate::model::{Evidence, Kind, Period};
use chrono::{TimeZone, Utc};
use git2::{Commit, Oid, Repository};
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::HashMap;
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
    /// The commit this one is a cherry-pick of, and its author (`Name <email>`,
    /// mailmapped) when that is someone else.
    copy_of: Option<(String, Option<String>)>,
}

/// What the walk of one repository produced.
#[derive(Debug, Default)]
pub struct WalkResult {
    pub commits: Vec<Evidence>,
    pub doc_touches: Vec<DocTouch>,
    /// Commits in the period by anyone, oldest first: where design docs may have been created.
    pub period_commits: Vec<Oid>,
    /// The person's work on others' changes that git records (reviews, help, reports).
    pub recorded: super::recorded::Recorded,
    /// The person's commits committed in the period but written before it (a
    /// contribution landed months later): not the period's work, and said so.
    pub written_before: crate::model::evidence::WrittenBefore,
    /// Every author of the period's commits (merges only when counted), as written and
    /// after the mailmap: where the person's other emails show.
    pub authors: Vec<super::authors::SeenAuthor>,
    /// The annotated tags of the period on its commits (see [`super::tags`]).
    pub release_tags: crate::model::evidence::ReleaseTags,
    /// The person's commits of the period that only branches other than HEAD reach (not
    /// counted with `--all-branches`, which reads them).
    pub off_head: super::branches::OffHead,
    /// The period's commits under the person's identity that an automation made (a deploy
    /// action's): left out of their work, and said.
    pub automated: crate::model::evidence::Automated,
}

pub struct RepoInfo {
    pub name: String,
    pub web: Option<WebRepo>,
}

/// Candidates handed to a worker at a time: enough to amortise a task, few enough that
/// both cores get work while the walk is still running.
const BATCH: usize = 64;

/// A commit's record, and the document changes seen in it.
type Record = (Evidence, Vec<DocTouch>);

/// A worker's own handle on the repository (libgit2 handles are not shared across
/// threads), kept for the next batch rather than reopened.
struct Worker {
    repo: Repository,
    settings: numstat::Settings,
}

pub fn walk(
    path: &Path,
    repo: &Repository,
    info: &RepoInfo,
    person: &Person,
    opts: &WalkOptions,
    times: &AuthorTimes,
) -> Result<WalkResult, git2::Error> {
    let started = std::time::Instant::now();
    let (since, until) = opts.period.git_bounds();
    let tips = history::tips(repo, opts.all_branches)?;
    let plan = match history::plan(repo, &tips, since, opts.include_merges) {
        Some(plan) => plan,
        None => history::Plan {
            recent_times: Vec::new(),
            recent: every_commit(repo, opts.all_branches)?,
            older: Vec::new(),
        },
    };
    let source = DiffSource::for_repo(path, repo);
    let marks = Marks::at_head(repo);
    let shared = Shared {
        source: &source,
        info,
        marks: &marks,
        canonical: person.canonical(),
        workers: Mutex::new(Vec::new()),
        done: Mutex::new(Vec::new()),
    };
    let mut walker = Walker {
        repo,
        mailmap: repo.mailmap().ok(),
        person,
        since,
        until,
        include_merges: opts.include_merges,
        period_commits: Vec::new(),
        read_times: Vec::new(),
        candidates: 0,
        batches: 0,
        recorder: super::recorded::Recorder::new(info, person, repo.mailmap().ok(), (since, until)),
        authors: HashMap::new(),
        written_before: Default::default(),
        automated: Default::default(),
    };
    // Commits committed before the period but authored in it, found by the header scan.
    let packs = headers::PackHeaders::open(repo.path());
    let scanned = history::scan_order(&plan.older);
    // Diffs run in the outer scope until the last is done; the walk, the scan and what
    // the walk saw (reviews, authors) are finished meanwhile, not after.
    let seen = rayon::in_place_scope(|diffs| -> Result<Seen, git2::Error> {
        let late: Mutex<Vec<Oid>> = Mutex::new(Vec::new());
        rayon::in_place_scope(|scans| -> Result<(), git2::Error> {
            for chunk in scanned.chunks(history::SCAN_CHUNK) {
                let (late, source, packs) = (&late, &source, &packs);
                scans.spawn(move |_| {
                    let found = match source.open() {
                        Some(r) => history::authored_in(&r, packs, times, chunk, since, until),
                        None => chunk.to_vec(),
                    };
                    late.lock().unwrap_or_else(|e| e.into_inner()).extend(found);
                });
            }
            walker.consider_all(&shared, diffs, &plan.recent)
        })?;
        let mut late = late.into_inner().unwrap_or_else(|e| e.into_inner());
        if !late.is_empty() {
            // Back in walk order: the scan ran in chunks, in any order.
            let order: HashMap<Oid, usize> = plan
                .older
                .iter()
                .enumerate()
                .map(|(i, o)| (*o, i))
                .collect();
            late.sort_unstable_by_key(|o| order.get(o).copied().unwrap_or(usize::MAX));
            walker.consider_all(&shared, diffs, &late)?;
        }
        Ok(walker.finish(late.len()))
    })?;
    let mut done = shared.done.into_inner().unwrap_or_else(|e| e.into_inner());
    done.sort_unstable_by_key(|(index, _)| *index);
    // Kept with the scanned ones: a later check of the store's results (another period)
    // then scans only new commits.
    times.add(seen.read_times);
    tracing::debug!(
        commits = seen.candidates,
        recent = plan.recent.len(),
        scanned = plan.older.len(),
        authored_late = seen.late,
        total_ms = started.elapsed().as_millis() as u64,
        "history read"
    );
    let mut out = WalkResult {
        release_tags: super::tags::release_tags(repo, person, &plan.recent, (since, until)),
        period_commits: seen.period_commits,
        authors: seen.authors,
        written_before: seen.written_before,
        automated: seen.automated,
        ..Default::default()
    };
    for (record, touches) in done.into_iter().flat_map(|(_, records)| records) {
        out.commits.push(record);
        out.doc_touches.extend(touches);
    }
    if !opts.all_branches {
        // A squash merge is titled as its branch's first commit, with `(#N)`, and GitHub
        // lists the branch's commits in its message (`* Fix the tests`): the branch left
        // behind holds copies.
        let mut titles: std::collections::HashSet<&str> = Default::default();
        for e in &out.commits {
            let title = e.title.trim();
            titles.insert(title);
            if let Some((_, bare)) = crate::model::refs::squash_suffix(title) {
                titles.insert(bare);
                titles.extend(
                    e.body
                        .lines()
                        .filter_map(|l| l.strip_prefix("* "))
                        .map(str::trim),
                );
            }
        }
        out.off_head =
            super::branches::off_head(repo, person, &plan.recent, &titles, (since, until));
    }
    let mut recorded = seen.recorded;
    recorded.annotate(&mut out.commits);
    out.recorded = recorded;
    if opts.all_branches {
        mark_off_head(repo, &tips, &mut out.commits)?;
    }
    Ok(out)
}

/// With `--all-branches`, marks the person's commits that the main line does not reach
/// (`meta.off_head`): work on a branch not merged (aiohttp's maintainer's fuzzing and
/// coverage experiments had made the pipeline statements strong, and nothing said the
/// work was not in the main line). The main line is the remote's default branch
/// (`origin/HEAD`), else `HEAD`: a feature branch checked out, or a local `main` behind
/// the remote's, is not it. The walk is git's `git log --branches --remotes --not
/// origin/HEAD`.
fn mark_off_head(
    repo: &Repository,
    tips: &[Oid],
    commits: &mut [Evidence],
) -> Result<(), git2::Error> {
    let main_line = repo
        .find_reference("refs/remotes/origin/HEAD")
        .and_then(|r| r.resolve())
        .and_then(|r| r.peel_to_commit())
        .or_else(|_| repo.head().and_then(|h| h.peel_to_commit()));
    let Ok(main_line) = main_line else {
        return Ok(());
    };
    let mut walk = repo.revwalk()?;
    for tip in tips.iter().filter(|t| **t != main_line.id()) {
        walk.push(*tip)?;
    }
    walk.hide(main_line.id())?;
    let off: std::collections::HashSet<Oid> = walk.filter_map(Result::ok).collect();
    for e in commits.iter_mut() {
        let oid = e.meta_str("sha").and_then(|sha| Oid::from_str(sha).ok());
        if oid.is_some_and(|o| off.contains(&o)) {
            e.meta.insert("off_head".into(), json!(true));
        }
    }
    Ok(())
}

/// What the walk saw, apart from the person's commits.
struct Seen {
    period_commits: Vec<Oid>,
    read_times: Vec<(Oid, i64)>,
    candidates: usize,
    /// Commits committed before the period but authored in it.
    late: usize,
    recorded: super::recorded::Recorded,
    authors: Vec<super::authors::SeenAuthor>,
    written_before: crate::model::evidence::WrittenBefore,
    automated: crate::model::evidence::Automated,
}

/// Every commit reachable from the walked refs, newest commit time first: the walk
/// without a commit-graph.
fn every_commit(repo: &Repository, all_branches: bool) -> Result<Vec<Oid>, git2::Error> {
    super::revwalk::newest_first(repo, all_branches)?.collect()
}

/// What the diff tasks share: how to open the repository, their kept handles, and the
/// records done, by batch.
struct Shared<'a> {
    source: &'a DiffSource,
    info: &'a RepoInfo,
    /// The files the repository marks generated (read as paths ask).
    marks: &'a Marks,
    canonical: String,
    workers: Mutex<Vec<Worker>>,
    done: Mutex<Vec<(usize, Vec<Record>)>>,
}

/// The walk's state: what it is looking for, and what it found so far.
struct Walker<'a> {
    repo: &'a Repository,
    mailmap: Option<git2::Mailmap>,
    person: &'a Person,
    since: i64,
    until: i64,
    include_merges: bool,
    period_commits: Vec<Oid>,
    /// The author time of each commit read whole.
    read_times: Vec<(Oid, i64)>,
    candidates: usize,
    batches: usize,
    /// Sees every commit of the period, merges included (see `recorded`).
    recorder: super::recorded::Recorder<'a>,
    /// Commits of the period by author identity: raw name and email, then mapped.
    authors: HashMap<super::authors::AuthorKey, usize>,
    written_before: crate::model::evidence::WrittenBefore,
    /// The period's commits an automation made under the person's identity.
    automated: crate::model::evidence::Automated,
}

impl<'a> Walker<'a> {
    /// What the walk saw, once every commit is considered: the records of the person's
    /// work on others' changes, and the authors in the order `evident identities` lists
    /// them (by mapped email, then name).
    fn finish(self, late: usize) -> Seen {
        let mut authors: Vec<super::authors::SeenAuthor> = self
            .authors
            .into_iter()
            .map(
                |((raw_name, raw_email, name, email), commits)| super::authors::SeenAuthor {
                    raw_name,
                    raw_email,
                    name,
                    email,
                    commits,
                    // The recorder sees who committed each commit (`Recorded::own_landed`).
                    committers: Vec::new(),
                },
            )
            .collect();
        authors.sort_by_cached_key(|a| {
            (
                a.email.to_lowercase(),
                a.name.clone(),
                a.raw_email.to_lowercase(),
                a.raw_name.clone(),
            )
        });
        let mut period_commits = self.period_commits;
        period_commits.reverse();
        Seen {
            period_commits,
            read_times: self.read_times,
            candidates: self.candidates,
            late,
            recorded: self.recorder.finish(),
            authors,
            written_before: self.written_before,
            automated: self.automated,
        }
    }

    /// Reads each commit whole; the person's commits in the period go to the pool in
    /// batches, diffed while the walk goes on.
    fn consider_all<'s>(
        &mut self,
        shared: &'s Shared<'s>,
        scope: &rayon::Scope<'s>,
        ids: &[Oid],
    ) -> Result<(), git2::Error> {
        let mut batch = Vec::with_capacity(BATCH);
        for &oid in ids {
            if let Some(candidate) = self.consider(oid)? {
                batch.push(candidate);
                if batch.len() == BATCH {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    self.send(shared, scope, full);
                }
            }
        }
        if !batch.is_empty() {
            self.send(shared, scope, batch);
        }
        Ok(())
    }

    fn send<'s>(
        &mut self,
        shared: &'s Shared<'s>,
        scope: &rayon::Scope<'s>,
        batch: Vec<Candidate>,
    ) {
        let index = self.batches;
        self.batches += 1;
        scope.spawn(move |_| {
            let records = diff_batch(shared, &batch);
            shared
                .done
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push((index, records));
        });
    }

    /// The commit as a candidate when it is authored in the period by the person (or
    /// co-authored by them); every commit authored in the period is remembered.
    fn consider(&mut self, oid: Oid) -> Result<Option<Candidate>, git2::Error> {
        let commit = self.repo.find_commit(oid)?;
        let time = commit.author().when().seconds();
        self.read_times.push((oid, time));
        let authored_in_period = (self.since..self.until).contains(&time);
        // Authored before the period, committed in it: not the person's work of the
        // period, but landing it is (see `recorded`).
        if !authored_in_period && !(self.since..self.until).contains(&commit.time().seconds()) {
            return Ok(None);
        }
        let author = commit.author();
        let author = match &self.mailmap {
            Some(m) => m.resolve_signature(&author).unwrap_or(author),
            None => author,
        };
        let name = String::from_utf8_lossy(author.name_bytes());
        let email = String::from_utf8_lossy(author.email_bytes());
        // An automation committing under a person's identity (a deploy action) writes
        // nobody's work: not the person's, and not counted as any identity's commits.
        let automation = super::authors::automation(&commit);
        let automated = automation.is_some();
        let persons = self.person.matches(&name, &email);
        let is_author = persons && !automated;
        // One look at the message: co-authors (a bot's commit is never the person's, even
        // when they are named co-author), and what git records of the person's work on
        // others' changes, merges included (see `recorded`).
        let co_author =
            self.recorder
                .observe(&commit, (&name, &email), is_author, authored_in_period);
        if !authored_in_period {
            if is_author && time < self.since && commit.parent_count() <= 1 {
                self.written_before.add(time, &oid.to_string(), self.since);
            }
            return Ok(None);
        }
        if commit.parent_count() > 1 && !self.include_merges {
            return Ok(None);
        }
        self.period_commits.push(oid);
        if let Some(kind) = automation {
            if persons {
                let title = || {
                    String::from_utf8_lossy(commit.summary_bytes().unwrap_or_default()).into_owned()
                };
                self.automated.add(kind, &email.to_lowercase(), title);
            }
            return Ok(None);
        }
        // As written (the signature is the commit's own; nothing is copied to read it).
        let raw = commit.author();
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        *self
            .authors
            .entry((
                text(raw.name_bytes()),
                text(raw.email_bytes()),
                name.to_string(),
                email.to_string(),
            ))
            .or_default() += 1;
        if !(is_author || co_author) {
            return Ok(None);
        }
        self.candidates += 1;
        let copy_of = if is_author {
            self.copy_of(&commit)
        } else {
            None
        };
        Ok(Some(Candidate {
            oid,
            co_author_only: co_author,
            author: format!("{name} <{email}>"),
            time,
            copy_of,
        }))
    }

    /// The commit the person's commit is a cherry-pick of, with its author when that is
    /// someone else: aiohttp's maintainer backports contributors' pull requests onto
    /// release branches, and the copies had read as features he led. An original this
    /// repository does not hold is named without an author (whose it is is not known).
    fn copy_of(&self, commit: &git2::Commit) -> Option<(String, Option<String>)> {
        let message = String::from_utf8_lossy(commit.message_raw_bytes());
        let named = crate::model::refs::cherry_picked_from(&message)?;
        let Some(original) = git2::Oid::from_str(named)
            .ok()
            .filter(|_| named.len() == 40)
            .and_then(|oid| self.repo.find_commit(oid).ok())
            .or_else(|| {
                self.repo
                    .revparse_single(named)
                    .ok()
                    .and_then(|o| o.peel_to_commit().ok())
            })
        else {
            return Some((named.to_string(), None));
        };
        let author = original.author();
        let author = match &self.mailmap {
            Some(m) => m.resolve_signature(&author).unwrap_or(author),
            None => author,
        };
        let name = String::from_utf8_lossy(author.name_bytes());
        let email = String::from_utf8_lossy(author.email_bytes());
        let others = !self.person.matches(&name, &email);
        Some((
            original.id().to_string(),
            others.then(|| format!("{name} <{email}>")),
        ))
    }
}

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
            return super::discover::open(&self.path).ok();
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

/// The records of a batch of candidates, in order. A commit that cannot be read is kept
/// with its numbers unknown, as is every commit when the repository cannot be opened here.
fn diff_batch(shared: &Shared, batch: &[Candidate]) -> Vec<Record> {
    let Shared {
        source,
        info,
        marks,
        canonical,
        workers,
        ..
    } = shared;
    let idle = workers.lock().unwrap_or_else(|e| e.into_inner()).pop();
    let Some(worker) = idle.or_else(|| {
        let repo = source.open()?;
        let settings = numstat::Settings {
            rename_limit: numstat::rename_limit(&repo),
            // A handle opened bare reads no attributes from a working tree; see `DiffSource`.
            attributes: !repo.is_bare() || repo.path().join("info/attributes").exists(),
        };
        Some(Worker { repo, settings })
    }) else {
        let why = "the repository could not be opened again to read the commit";
        return batch
            .iter()
            .map(|c| (unread(info, canonical, c, why), Vec::new()))
            .collect();
    };
    // A commit whose objects cannot be read is kept, its numbers unknown (`damage`).
    // The batch's commits are consecutive in the walk: each one's objects are kept for the
    // next (see `numstat::Carry`).
    let mut carry = numstat::Carry::default();
    let records = batch
        .iter()
        .map(|c| {
            commit_record(
                &worker.repo,
                worker.settings,
                (info, marks),
                canonical,
                c,
                &mut carry,
            )
            .unwrap_or_else(|e| (unread(info, canonical, c, &damage::cause(&e)), Vec::new()))
        })
        .collect();
    drop(carry);
    workers
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(worker);
    records
}

/// About how many of the changed lines of `files` were moved or re-indented: an added
/// line whose key equals a removed line's, matched one to one across the files (a block
/// moved from one file to another counts), both copies. Each file's short lines, which
/// have no key, are taken in that file's share of keyed lines matched: a moved block
/// moves its blank lines too, and a file of short lines alone (a table of numbers) is
/// not scaled by another file's moves. A match counts only beside another, next to it
/// among the file's changed lines: a lone `if err != nil {` removed here and added there
/// is a rewrite's coincidence, not a move (golang/tools' "goasm: add Hover" had 8 such
/// pairs among its 35).
fn moved_lines(files: &[&numstat::FileStat]) -> u64 {
    let mut removed: HashMap<u64, u32> = HashMap::new();
    let mut added: HashMap<u64, u32> = HashMap::new();
    for f in files {
        for k in &f.moved.removed {
            *removed.entry(*k).or_default() += 1;
        }
        for k in &f.moved.added {
            *added.entry(*k).or_default() += 1;
        }
    }
    let take = |left: &mut HashMap<u64, u32>, keys: &[u64]| {
        let hit: Vec<bool> = keys
            .iter()
            .map(|k| match left.get_mut(k) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    true
                }
                _ => false,
            })
            .collect();
        let beside = |i: usize| (i > 0 && hit[i - 1]) || hit.get(i + 1).copied().unwrap_or(false);
        // Every line matched (one line re-indented alone in its file) is a move too.
        let all = hit.iter().all(|&h| h);
        (0..hit.len())
            .filter(|&i| hit[i] && (all || beside(i)))
            .count() as u64
    };
    let mut total = 0.0;
    for f in files {
        let matched = take(&mut removed, &f.moved.added) + take(&mut added, &f.moved.removed);
        let keyed = (f.moved.added.len() + f.moved.removed.len()) as f64;
        if keyed > 0.0 {
            total += (f.added + f.deleted) as f64 * matched as f64 / keyed;
        }
    }
    // No more than a move can be: each moved line is removed once and added once
    // (pytest's "doc: fixes for regendoc" had read 119 moved of 52 added lines).
    let added: u64 = files.iter().map(|f| f.added).sum();
    let deleted: u64 = files.iter().map(|f| f.deleted).sum();
    (total.round() as u64).min(2 * added.min(deleted))
}

/// The record of a commit that could not be read again in a worker: what the walk knew.
fn unread(info: &RepoInfo, canonical: &str, c: &Candidate, why: &str) -> Evidence {
    let known = damage::Known {
        repo: &info.name,
        canonical,
        sha: c.oid.to_string(),
        author: &c.author,
        time: c.time,
        co_author_only: c.co_author_only,
    };
    damage::unread_commit(known, why)
}

/// The trailer block of a message: `Key: value` lines in its last paragraph, after a
/// blank line. Lines are read as git reads them: a `\r\n` ending is a line ending and a
/// line of spaces is blank (GitHub's squash messages edited in the browser end their
/// lines so: valkey lost 140 of its 149 co-authored commits' trailers).
pub fn trailers(message: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = message.lines().collect();
    let blank = |l: &&str| l.trim().is_empty();
    let end = lines.iter().rposition(|l| !blank(l)).map_or(0, |i| i + 1);
    let Some(start) = lines[..end].iter().rposition(blank).map(|i| i + 1) else {
        return Vec::new();
    };
    let parsed: Vec<Option<(String, String)>> = lines[start..end]
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

fn commit_record<'r>(
    repo: &'r Repository,
    settings: numstat::Settings,
    (info, marks): (&RepoInfo, &Marks),
    canonical: &str,
    c: &Candidate,
    carry: &mut numstat::Carry<'r>,
) -> Result<(Evidence, Vec<DocTouch>), git2::Error> {
    let commit = repo.find_commit(c.oid)?;
    let sha = c.oid.to_string();
    let message = super::encoding::message(&commit).into_owned();
    let (title, body) = split_message(&message);
    let time = Utc.timestamp_opt(c.time, 0).single().unwrap_or_default();

    // Lines added to a document count towards its authorship.
    let wants_added = |path: &str, status: git2::Delta| {
        !c.co_author_only && status != git2::Delta::Deleted && super::docs::is_doc_path(path)
    };
    // Objects that cannot be read keep the commit, its numbers unknown (`damage`).
    let stats = numstat::first_parent_stats(repo, &commit, settings, carry);
    let (files, numbers) = match &stats {
        Ok(s) => (
            &s.files[..],
            Some((s.additions, s.deletions, s.files_changed)),
        ),
        Err(_) => (&[][..], None),
    };
    let mut paths = Vec::with_capacity(files.len());
    let mut touches = Vec::new();
    // The paths the repository marks generated (or that say so at their top), and their lines.
    let mut generated = Vec::new();
    let mut generated_lines = 0;
    // And the lines in every file a tool writes, by its mark or its path (a lock file, a
    // vendored library): what the person did not write, counted by line, since a
    // two-line manifest change beside a 2,000-line lock file is no half-and-half.
    let mut tool_lines = 0;
    // The lines in translations of the documentation (`docs/pt/…`): fastapi's maintainer's
    // year was two thirds machine translations, and the page did not say so.
    let mut translation_lines = 0;
    // The changed lines of the files the person wrote, to find those moved (see
    // `numstat::FileStat::moved`).
    let mut written = Vec::new();
    // The lines in a pipeline's files (workflows, `.gitlab-ci.yml`): how much of a
    // change is the pipeline's, for the pipeline goals' note.
    let mut pipeline_lines = 0;
    for file in files {
        if crate::model::pipeline::is_pipeline_file(file.path.as_bytes()) {
            pipeline_lines += file.added + file.deleted;
        }
        if super::docs::is_translation(&file.path) {
            translation_lines += file.added + file.deleted;
        }
        let marked = file.generated || marks.is_marked(repo, &file.path);
        if marked {
            generated.push(Value::String(file.path.clone()));
            generated_lines += file.added + file.deleted;
        }
        if marked || file.tool_path || is_rendered_page(&file.path, files) {
            tool_lines += file.added + file.deleted;
        } else {
            written.push(file);
        }
        if wants_added(&file.path, file.status) {
            touches.push(DocTouch {
                path: file.path.clone(),
                created: file.status == git2::Delta::Added,
                added_lines: file.added,
                commit: c.oid,
                time,
            });
        }
        paths.push(file.path.clone());
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
    // The forge's commit page; without a forge, the review page the message names.
    let review = super::remote::review_url(&message);
    e.url = info
        .web
        .as_ref()
        .map(|w| w.commit_url(&sha))
        .or_else(|| review.clone());
    if let Some(review) = review {
        e.meta.insert("review_url".into(), json!(review));
    }
    e.paths = paths;
    if let Some((additions, deletions, files_changed)) = numbers {
        e.additions = Some(additions);
        e.deletions = Some(deletions);
        e.files_changed = Some(files_changed);
    }
    if let Err(err) = &stats {
        damage::stats_unknown(&mut e, err);
    }
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
    if let Some((original, author)) = &c.copy_of {
        e.meta.insert("copy_of".into(), json!(original));
        if let Some(author) = author {
            e.meta.insert("copy_of_author".into(), json!(author));
        }
    }
    // A reviewer's suggestion the person accepted on their own pull request (GitHub
    // commits it as theirs, the reviewer a co-author): the words are the reviewer's.
    if !c.co_author_only
        && !co.is_empty()
        && super::recorded::is_applied_suggestion(&commit, &message)
    {
        e.meta.insert("applied_suggestion".into(), json!(true));
    }
    // When it was committed (Unix seconds): commits committed in the same second were
    // pushed or rebased together, one piece of work (see `initiatives::mark_steps`).
    e.meta
        .insert("committed".into(), json!(commit.time().seconds()));
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
    if !generated.is_empty() {
        e.meta
            .insert("generated_paths".into(), Value::Array(generated));
        e.meta
            .insert("generated_lines".into(), json!(generated_lines));
    }
    // Written whenever the numbers are known, 0 included: absent, the share of files is
    // all classification can go by (a binary `dist/app.wasm` counts no lines, but is a
    // file of the change).
    if stats.is_ok() {
        e.meta.insert("tool_lines".into(), json!(tool_lines));
    }
    if translation_lines > 0 {
        e.meta
            .insert("translation_lines".into(), json!(translation_lines));
    }
    // just's "Organize readme into sections" (+3060 −3039) removed and added again
    // 3,020 lines and wrote about 40, and led its author's unglamorous work on its size.
    let moved_lines = moved_lines(&written);
    if moved_lines > 0 {
        e.meta.insert("moved_lines".into(), json!(moved_lines));
    }
    if pipeline_lines > 0 {
        e.meta
            .insert("pipeline_lines".into(), json!(pipeline_lines));
    }
    // Pinned versions of actions or images changed in pipeline files only: attrs'
    // "Update actions" and zstd's `# tag=v3` → `# tag=v4.1.1` had led both pipeline
    // statements as their strongest evidence.
    let pins = files
        .iter()
        .map(|f| f.pins)
        .try_fold(numstat::PinLines::default(), |sum, f| {
            f.map(|f| numstat::PinLines {
                pins: sum.pins + f.pins,
                other: sum.other + f.other,
            })
        });
    if !files.is_empty() && pins.is_some_and(|p| p.is_bump()) {
        e.meta.insert("pin_bump".into(), json!(true));
    }
    Ok((e, touches))
}

/// What the collector records of a commit's diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffNumbers {
    pub paths: Vec<String>,
    /// One letter a path, as `git log --name-status` writes it: `A`, `D`, `M`, `R`, `T`...
    pub statuses: String,
    pub additions: u64,
    pub deletions: u64,
    pub files_changed: u64,
}

/// A commit's paths and line counts computed exactly as the walk computes them (first
/// parent, counted as `git log --numstat`; see [`numstat`]). The classifier's training
/// corpus is built with it, so the model learns from the numbers it is given at run time.
pub fn diff_numbers(repo: &Repository, commit: &Commit) -> Result<DiffNumbers, git2::Error> {
    let settings = numstat::Settings {
        rename_limit: numstat::rename_limit(repo),
        attributes: !repo.is_bare() || repo.path().join("info/attributes").exists(),
    };
    let stats = numstat::first_parent_stats(repo, commit, settings, &mut Default::default())?;
    Ok(DiffNumbers {
        statuses: stats
            .files
            .iter()
            .map(|f| status_letter(f.status))
            .collect(),
        paths: stats.files.into_iter().map(|f| f.path).collect(),
        additions: stats.additions,
        deletions: stats.deletions,
        files_changed: stats.files_changed,
    })
}

/// The letter `git log --name-status` gives a change.
pub fn status_letter(status: git2::Delta) -> char {
    match status {
        git2::Delta::Added => 'A',
        git2::Delta::Deleted => 'D',
        git2::Delta::Renamed => 'R',
        git2::Delta::Copied => 'C',
        git2::Delta::Typechange => 'T',
        _ => 'M',
    }
}

/// The subject as git reads it (`%s`): the first paragraph, its lines joined by a
/// space; and the rest after the blank line that ends it. OpenBSD's style wraps a first
/// sentence over two lines with no blank line after ("Add support for line numbers in
/// copy mode. A new copy-mode-line-numbers" / "option ..."): by its first line, tmux's
/// maintainer's titles stopped mid-sentence.
pub fn split_message(message: &str) -> (String, String) {
    let message = message.trim();
    let mut subject: Vec<&str> = Vec::new();
    let mut rest = "";
    let mut at = 0;
    for line in message.split_inclusive('\n') {
        at += line.len();
        if line.trim().is_empty() {
            rest = &message[at..];
            break;
        }
        subject.push(line.trim());
    }
    (subject.join(" "), rest.trim().to_string())
}

/// A man page a tool renders from its source changed in the same commit (`zstd.1` beside
/// `zstd.1.md`, by ronn; `.ronn`, `.adoc`, `.scd`, pandoc's `.md`): zstd's maintainer's
/// roff pages had counted as written beside the Markdown he wrote.
fn is_rendered_page(path: &str, files: &[numstat::FileStat]) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let section = name.rsplit_once('.').map(|(_, s)| s);
    let is_page =
        section.is_some_and(|s| s.len() <= 3 && s.starts_with(|c: char| matches!(c, '1'..='9')));
    is_page
        && files.iter().any(|f| {
            f.path
                .strip_prefix(path)
                .and_then(|rest| rest.strip_prefix('.'))
                .is_some_and(|ext| ["md", "ronn", "adoc", "scd", "txt"].contains(&ext))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moved_lines_are_matched_across_files_and_scaled_per_file() {
        let file = |path: &str, (added, deleted): (u64, u64), moved: numstat::LineKeys| {
            numstat::FileStat {
                path: path.to_string(),
                status: git2::Delta::Modified,
                added,
                deleted,
                generated: false,
                tool_path: false,
                pins: None,
                moved,
            }
        };
        let keys = |ks: &[u64]| ks.to_vec();
        // A function re-indented (10 keyed lines out and in, 2 braces each way), beside a
        // table of 500 short lines that have no key: only the function's 24 lines moved.
        let function = file(
            "src/primes.go",
            (12, 12),
            numstat::LineKeys {
                added: keys(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
                removed: keys(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
            },
        );
        let table = file(
            "testdata/primes.txt",
            (500, 0),
            numstat::LineKeys::default(),
        );
        assert_eq!(moved_lines(&[&function, &table]), 24);
        // A block moved from one file to another counts in both.
        let from = file(
            "a.rs",
            (0, 4),
            numstat::LineKeys {
                added: vec![],
                removed: keys(&[7, 8, 9, 11]),
            },
        );
        let to = file(
            "b.rs",
            (6, 0),
            numstat::LineKeys {
                added: keys(&[7, 8, 9, 12, 13, 14]),
                removed: vec![],
            },
        );
        // 3 of a.rs's 4 keyed lines matched (3 of its 4 lines), 3 of b.rs's 6 (3 of 6).
        assert_eq!(moved_lines(&[&from, &to]), 6);
        // A rewrite that removes and adds one `if err != nil {` among other lines: a
        // coincidence, not a move.
        let rewrite = file(
            "hover.go",
            (3, 3),
            numstat::LineKeys {
                added: keys(&[50, 1, 51]),
                removed: keys(&[60, 1, 61]),
            },
        );
        assert_eq!(moved_lines(&[&rewrite]), 0);
        // Two keyed lines moved among 98 short ones removed: no more moved than added
        // twice over (each moved line is removed once and added once).
        let shrunk = file(
            "doc.rst",
            (2, 100),
            numstat::LineKeys {
                added: keys(&[5, 6]),
                removed: keys(&[5, 6]),
            },
        );
        assert_eq!(moved_lines(&[&shrunk]), 4);
    }

    #[test]
    fn a_man_page_changed_beside_its_source_is_rendered() {
        let file = |path: &str| numstat::FileStat {
            path: path.to_string(),
            status: git2::Delta::Modified,
            added: 10,
            deleted: 2,
            generated: false,
            tool_path: false,
            pins: None,
            moved: Default::default(),
        };
        let commit = [
            file("programs/zstd.1"),
            file("programs/zstd.1.md"),
            file("programs/zstdgrep.1"),
            file("doc/git.7x"),
            file("doc/git.7x.adoc"),
        ];
        assert!(is_rendered_page("programs/zstd.1", &commit));
        assert!(is_rendered_page("doc/git.7x", &commit));
        assert!(
            !is_rendered_page("programs/zstd.1.md", &commit),
            "the source"
        );
        assert!(
            !is_rendered_page("programs/zstdgrep.1", &commit),
            "written by hand: no source beside it"
        );
    }

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
        assert!(trailers("Title\nKey: not after a blank line").is_empty());
    }

    #[test]
    fn the_title_is_the_first_paragraph_as_git_reads_it() {
        assert_eq!(
            split_message("Fix a leak\n\nThe buffer was not freed.\n"),
            (
                "Fix a leak".to_string(),
                "The buffer was not freed.".to_string()
            )
        );
        // tmux's: a first sentence wrapped with no blank line after it.
        assert_eq!(
            split_message(
                "Add support for line numbers in copy mode. A new copy-mode-line-numbers\noption turns them on.\n\nFrom someone.\nok nicm\n"
            ),
            (
                "Add support for line numbers in copy mode. A new copy-mode-line-numbers option turns them on.".to_string(),
                "From someone.\nok nicm".to_string()
            )
        );
        assert_eq!(
            split_message("Title only"),
            ("Title only".to_string(), String::new())
        );
        assert_eq!(
            split_message("Title\r\n\r\nBody\r\n"),
            ("Title".to_string(), "Body".to_string())
        );
        // Leading blank lines skipped, a separator of spaces is blank, three lines join.
        assert_eq!(
            split_message("\n\nOne\ntwo\nthree\n  \nBody"),
            ("One two three".to_string(), "Body".to_string())
        );
    }

    #[test]
    fn trailers_are_read_in_messages_with_windows_line_endings() {
        // valkey's 36d438ba2: a squash message edited on GitHub, `\r\n` between lines.
        let m = "Fix the replica's offset (#1013)\n\n* first\r\n\r\nMore text.\r\n\r\nCo-authored-by: Binbin <binloveplay1314@qq.com>\r\nSigned-off-by: A <a@x.io>\r\n";
        assert_eq!(
            trailers(m),
            vec![
                (
                    "Co-authored-by".to_string(),
                    "Binbin <binloveplay1314@qq.com>".to_string()
                ),
                ("Signed-off-by".to_string(), "A <a@x.io>".to_string())
            ]
        );
        // A line of spaces is blank too.
        assert_eq!(
            trailers("Title\n\nProse.\n  \nReviewed-by: Ann <ann@x.io>\n").len(),
            1
        );
    }
}
