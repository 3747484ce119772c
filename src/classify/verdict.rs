//! The rubric's verdict: which statements each item supports, how strong each statement
//! and area is, what could not be measured, and the goals. docs/portfolio.md says the
//! same rules in prose; a change here is a change there.
//!
//! - An item supports at most [`MAX_STATEMENTS_PER_ITEM`] statements: those of its
//!   primary signal first, then the most specific.
//! - The commit that only added or edited a design doc counts with the doc, not again.
//! - Mechanical churn (dependency and lock-file updates, generated, vendored or snapshot
//!   files, bulk changes) is evidence but never leads as "strongest".
//! - A statement none of whose sources was collected is `not_measured`, never `none`.
//! - An area is `strong` when most of its measured statements are strong, `some` when
//!   any has evidence, `none` when none has, `not_measured` when none is measured.
//! - A goal says what the evidence shows so far, what strong needs, then the rubric's
//!   advice.

use super::bulk;
use super::initiatives::{INCREMENTAL, MIN_STEPS};
use super::sources::{self, StatementNeeds};
use crate::config::rubric::{Rubric, Statement};
use crate::model::Kind;
use crate::model::evidence::{Collection, Evidence};
use crate::model::portfolio::*;
use chrono::{DateTime, Datelike, Utc};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// The most statements one item is evidence for: one commit cannot prove a whole rubric.
pub const MAX_STATEMENTS_PER_ITEM: usize = 3;

/// Evidence in the past this long before the period's end is "a while ago" in a goal.
const STALE_DAYS: i64 = 120;

/// Marks mechanical churn (see [`bulk::mechanical`]). A revert that ended an incident or
/// unblocked the pipeline is the fix, and leads as one.
pub fn mark_mechanical(items: &mut [Item]) {
    for it in items.iter_mut() {
        let fixed = it
            .signals
            .iter()
            .any(|s| s == "incident" || s == "pipeline-fix");
        it.mechanical =
            bulk::mechanical(&it.evidence).filter(|why| !(fixed && why == bulk::REVERT));
    }
}

/// The commits that only added or edited design docs count with the doc: they get
/// `counted_with` (the doc's id) and support no statement of their own.
pub fn fold_design_doc_commits(items: &mut [Item]) {
    let docs: HashMap<(String, String), String> = items
        .iter()
        .filter(|i| i.evidence.kind == Kind::DesignDoc)
        .flat_map(|i| {
            i.evidence
                .paths
                .iter()
                .map(|p| ((i.evidence.repo.clone(), p.clone()), i.evidence.id.clone()))
        })
        .collect();
    if docs.is_empty() {
        return;
    }
    for it in items.iter_mut() {
        let e = &it.evidence;
        if e.kind != Kind::Commit || e.paths.is_empty() {
            continue;
        }
        let doc_of = |p: &String| docs.get(&(e.repo.clone(), p.clone()));
        let Some(doc) = e.paths.iter().find_map(doc_of) else {
            continue;
        };
        // Only the doc (and other documents beside it, such as an index): the commit is
        // the doc's writing, not other work.
        if e.paths
            .iter()
            .all(|p| doc_of(p).is_some() || is_document(p))
        {
            it.counted_with = Some(doc.clone());
            it.counted_why = Some(CountedWhy::DesignDoc);
        }
    }
}

/// A pull request landed twice (a backport or a re-land) is one piece of work: two
/// commits whose titles end in a pull request's number, `(#N)`, and are the same, or are
/// the same but for that number (a backport merged as a pull request of its own) with
/// the same lines added and removed in the same files. Each later commit is marked `counted_with` the
/// earliest (by author time, then the lower number: a cherry-pick keeps its author time),
/// and supports no statement of its own. Both stay in the totals, as git counts both.
/// Without the number, or with other line counts or files under another number, the same
/// title is no proof of the same change: two `Fix typo (#N)` of one line each in other
/// files are two changes. Without a number, a plain `git cherry-pick` onto a release
/// branch merged back (pip's "Match release control behavior…", twice) is the same
/// title with the same author time to the second: a copy, folded as well (see
/// [`fold_cherry_picked_copies`]).
pub fn fold_relanded_commits(items: &mut [Item]) {
    fold_named_copies(items);
    fold_cherry_picked_copies(items);
    struct Landing<'a> {
        at: (Option<DateTime<Utc>>, u64, String),
        index: usize,
        title: String,
        lines: Option<(u64, u64)>,
        paths: BTreeSet<&'a str>,
    }
    // (repository, title without its number) -> the commits of that title.
    let mut groups: HashMap<(String, String), Vec<Landing>> = HashMap::new();
    for (index, it) in items.iter().enumerate() {
        let e = &it.evidence;
        if e.kind != Kind::Commit || it.counted_with.is_some() {
            continue;
        }
        let Some((number, bare)) = crate::model::refs::squash_suffix(e.title.trim()) else {
            continue;
        };
        groups
            .entry((e.repo.clone(), bare.to_string()))
            .or_default()
            .push(Landing {
                at: (
                    e.timestamp,
                    number.parse().unwrap_or(u64::MAX),
                    e.id.clone(),
                ),
                index,
                title: e.title.trim().to_string(),
                lines: e.additions.zip(e.deletions),
                paths: e.paths.iter().map(String::as_str).collect(),
            });
    }
    let mut folds: Vec<(usize, String)> = Vec::new();
    for mut group in groups.into_values() {
        group.sort_by(|a, b| a.at.cmp(&b.at));
        // Each commit's earliest landing: itself, or the one an earlier same change has.
        let mut root: Vec<usize> = (0..group.len()).collect();
        for later in 1..group.len() {
            let l = &group[later];
            // Under another number, the same lines in the same files are the same change
            // only within a month: aiohttp's "Bump version (#N)" of +1 -1 in one file,
            // months apart, are other releases.
            // Measured from the first landing, so a bump every 20 days does not chain.
            let near = |first: &Landing| match (first.at.0, l.at.0) {
                (Some(a), Some(b)) => (b - a).num_days().abs() <= RELANDED_DAYS,
                _ => false,
            };
            let same = group[..later].iter().enumerate().position(|(j, e)| {
                e.title == l.title
                    || (e.lines.is_some()
                        && e.lines == l.lines
                        && e.paths == l.paths
                        && near(&group[root[j]]))
            });
            if let Some(earlier) = same {
                root[later] = root[earlier];
                folds.push((l.index, group[root[later]].at.2.clone()));
            }
        }
    }
    fold_into(items, folds, CountedWhy::LandedAgain);
}

/// How far apart two commits of one title under other numbers, with the same lines in
/// the same files, can be and still be one change landed twice.
pub const RELANDED_DAYS: i64 = 30;

/// A commit that names the commit it copies (`git cherry-pick -x`'s `(cherry picked from
/// commit SHA)`, `meta.copy_of`), when that commit is one of the items too, is
/// `counted_with` it (or with what it is counted with): aiohttp's maintainer backports
/// each pull request onto two release branches as `Title (#N) (#M)`, under a new author
/// time and often other lines, and "Add max_headers parameter" had been three of his big
/// features.
fn fold_named_copies(items: &mut [Item]) {
    // Commits by repository and sha: a copy names its original by sha.
    let index: HashMap<(&str, &str), usize> = items
        .iter()
        .enumerate()
        .filter(|(_, it)| it.evidence.kind == Kind::Commit)
        .filter_map(|(i, it)| Some(((it.evidence.repo.as_str(), it.evidence.meta_str("sha")?), i)))
        .collect();
    let original_of = |i: usize| {
        let e = &items[i].evidence;
        index
            .get(&(e.repo.as_str(), e.meta_str("copy_of")?))
            .copied()
    };
    let mut folds: Vec<(usize, String)> = Vec::new();
    for (i, it) in items.iter().enumerate() {
        if it.evidence.kind != Kind::Commit || it.counted_with.is_some() {
            continue;
        }
        let Some(mut root) = original_of(i) else {
            continue;
        };
        // A copy of a copy: to the original (a chain is short; the bound guards a loop).
        for _ in 0..8 {
            match original_of(root) {
                Some(earlier) if earlier != root => root = earlier,
                _ => break,
            }
        }
        // An original undone (reverted) or counted elsewhere leaves the copy as the work
        // that shipped (pip's reverted commit, landed again); an original on a branch the
        // main line does not reach, for a copy it does (a fix forward-ported from a
        // release branch, re-authored or retitled on the way), counts with the copy.
        let off_head = |j: usize| items[j].evidence.meta_flag("off_head");
        if root == i || items[root].counted_with.is_some() {
            continue;
        }
        if off_head(root) && !off_head(i) {
            // The merged copy is the work; the unmerged original counts with it.
            if !folds.iter().any(|(j, _)| *j == root) {
                folds.push((root, items[i].evidence.id.clone()));
            }
        } else {
            folds.push((i, items[root].evidence.id.clone()));
        }
    }
    fold_into(items, folds, CountedWhy::Copy);
}

/// Commits with the same title and author time to the second, in one repository: a
/// cherry-pick (or a patch applied with `git am`) keeps the author time, while a change
/// written again does not. The lines may differ, as a backport adapted to an older
/// branch's code does: valkey's CVE patch applied to three release branches, 27, 27 and
/// 25 lines, had counted three times. Each later copy is `counted_with` the first
/// committed (`meta.committed`; then by id), the original: pip's feature had been folded
/// into its release-branch copy by hash order. With `--all-branches`, a copy the main
/// line reaches comes first: a branch left behind by a rebase holds the pre-rebase
/// commits, committed earlier, and zstd's merged block splitter had been folded into
/// them and called "not merged".
fn fold_cherry_picked_copies(items: &mut [Item]) {
    type Key<'a> = (&'a str, &'a str, DateTime<Utc>);
    let mut seen: HashMap<Key, Vec<usize>> = HashMap::new();
    let mut order: Vec<usize> = (0..items.len()).collect();
    let committed = |i: usize| items[i].evidence.meta_u64("committed").unwrap_or(u64::MAX);
    let off_head = |i: usize| items[i].evidence.meta_flag("off_head");
    order.sort_by(|&a, &b| {
        off_head(a)
            .cmp(&off_head(b))
            .then_with(|| committed(a).cmp(&committed(b)))
            .then_with(|| items[a].evidence.id.cmp(&items[b].evidence.id))
    });
    let mut folds: Vec<(usize, String)> = Vec::new();
    for index in order {
        let (it, e) = (&items[index], &items[index].evidence);
        let Some(at) = e.timestamp else {
            continue;
        };
        if e.kind != Kind::Commit || it.counted_with.is_some() {
            continue;
        }
        let key = (e.repo.as_str(), e.title.trim(), at);
        let earlier = seen.get(&key).and_then(|earlier| {
            earlier
                .iter()
                .map(|&j| &items[j].evidence)
                .find(|o| is_copy_of(e, o))
        });
        match earlier {
            Some(o) => folds.push((index, o.id.clone())),
            None => seen.entry(key).or_default().push(index),
        }
    }
    fold_into(items, folds, CountedWhy::Copy);
}

/// Marks each item of `folds` counted with the item named beside it, for one reason.
fn fold_into(items: &mut [Item], folds: Vec<(usize, String)>, why: CountedWhy) {
    for (i, id) in folds {
        items[i].counted_with = Some(id);
        items[i].counted_why = Some(why);
    }
}

/// Whether a commit of the same title and author time as an earlier one is a copy of it:
/// it changes some of the same files (a commit split in two with `git commit -c` keeps
/// the title and author time, for other files), and was committed at another moment (the
/// halves of a split, or of one rebase, are committed together).
fn is_copy_of(e: &Evidence, earlier: &Evidence) -> bool {
    let committed = |e: &Evidence| e.meta_u64("committed");
    let shares_a_file = e.paths.is_empty()
        || earlier.paths.is_empty()
        || e.paths.iter().any(|p| earlier.paths.contains(p));
    shares_a_file && (committed(e).is_none() || committed(e) != committed(earlier))
}

/// A commit that only writes its pull request's changelog entry (towncrier's
/// `news/1234.bugfix.rst`, a `.changeset/` file, a line in `CHANGELOG.md`), or that
/// applies a reviewer's suggestion on it (`meta.applied_suggestion`: the reviewer's
/// words), is part of the pull request's work, not an item of its own: pip's maintainer
/// commits each pull request's news fragment apart ("NEWS ENTRY", +1), and 18 of them,
/// with three accepted "Update SECURITY.md" suggestions, had made "unglamorous work"
/// strong. Where the pull request holds another commit of the person's, the entry is
/// `counted_with` the largest of them; alone, it stays.
pub fn fold_changelog_entries(items: &mut [Item]) {
    let entry = |it: &Item| {
        let e = &it.evidence;
        e.kind == Kind::Commit
            && !e.paths.is_empty()
            && (e.paths.iter().all(|p| is_changelog_path(p)) || e.meta_flag("applied_suggestion"))
    };
    // pull request -> its largest commit of the person that is more than an entry (the
    // lowest id among equals).
    let mut largest: HashMap<String, (u64, std::cmp::Reverse<&str>)> = HashMap::new();
    for it in items
        .iter()
        .filter(|it| it.evidence.kind == Kind::Commit && it.counted_with.is_none() && !entry(it))
    {
        let Some(pr) = super::initiatives::pull_request_of(it) else {
            continue;
        };
        let candidate = (
            it.evidence.churn(),
            std::cmp::Reverse(it.evidence.id.as_str()),
        );
        let best = largest.entry(pr).or_insert(candidate);
        *best = (*best).max(candidate);
    }
    let folds: Vec<(usize, String, CountedWhy)> = items
        .iter()
        .enumerate()
        .filter(|(_, it)| it.counted_with.is_none() && entry(it))
        .filter_map(|(i, it)| {
            let pr = super::initiatives::pull_request_of(it)?;
            let why = if it.evidence.meta_flag("applied_suggestion") {
                CountedWhy::Suggestion
            } else {
                CountedWhy::ChangelogEntry
            };
            largest.get(&pr).map(|(_, id)| (i, id.0.to_string(), why))
        })
        .collect();
    for (i, id, why) in folds {
        items[i].counted_with = Some(id);
        items[i].counted_why = Some(why);
    }
}

/// A changelog: a text fragment in a changelog folder (`news/`, `newsfragments/`,
/// `changelog.d/`, `changelog/`, `changes/`, `.changeset/`; code in `app/news/` is none)
/// or a changelog file (`CHANGELOG.md`, `CHANGES.rst`, `NEWS`, `HISTORY.md`).
fn is_changelog_path(path: &str) -> bool {
    static CHANGELOG: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)(^|/)(news|newsfragments|changelog\.d|changelog|changes|changes\.d|\.changeset|\.changelog)/[^/]+\.(md|rst|txt|markdown|adoc)$|(^|/)(changelog|changes|news|history|release[-_]notes)(\.(md|rst|txt|markdown|adoc))?$",
        )
        .expect("valid")
    });
    CHANGELOG.is_match(path)
}

/// A commit of the person's that another reverted within 30 days of landing (the
/// collector's `meta.reverted_by`, the revert's id) did not ship: counted with the revert,
/// it supports no statement. okhttp's Yuri Schimke's streaming support for the logging
/// interceptor, reverted by his co-maintainer sixteen days later, had been the first of
/// his "big features". It stays in the totals and the appendix, which say who reverted it.
pub fn fold_reverted_by_others(items: &mut [Item]) {
    // Changes only, as the totals count them: an issue or a note is reverted by no commit.
    let change = |it: &Item| matches!(it.evidence.kind, Kind::Commit | Kind::PullRequest);
    for it in items
        .iter_mut()
        .filter(|it| it.counted_with.is_none() && change(it))
    {
        if let Some(revert) = it.evidence.meta_str("reverted_by") {
            it.counted_with = Some(revert.to_string());
            it.counted_why = Some(CountedWhy::RevertedByOther);
        }
    }
}

/// A revert of the person's own commit within [`OWN_REVERT_DAYS`] undoes that work, and
/// is not more of it: tokio's `Revert "Pin stable to 1.94 for tokio-1.51.x"`, the same
/// day, had counted as unglamorous work beside the commit it undid, and fzf's
/// maintainer's fix reverted two minutes after it landed had counted as a bug fix. Each is
/// marked `counted_with` the other: neither supports a statement (a re-land is a commit of
/// its own). The revert is git's title, `Revert "TITLE"`, names the pull request it
/// undoes (`fix(context): revert PR #4707 (#4757)`, hono), or says so in git's body line
/// (`This reverts commit SHA.`); a revert of a revert is a re-land; the commit undone may be one
/// the person only co-authored (their part of it was undone too). A revert of someone
/// else's change is work of its own and stays.
pub fn fold_own_reverts(items: &mut [Item]) {
    let own = |it: &Item| it.evidence.kind == Kind::Commit && !it.evidence.is_co_authored();
    let within =
        |undone: &Item, revert: &Item| match (undone.evidence.timestamp, revert.evidence.timestamp)
        {
            (Some(a), Some(b)) => a <= b && b - a <= chrono::TimeDelta::days(OWN_REVERT_DAYS),
            _ => false,
        };
    let mut folds: Vec<(usize, String, CountedWhy)> = Vec::new();
    // A commit folds once: an addition, its removal and a revert of the removal leave the
    // addition counted (the removal and its revert undo each other).
    let mut folded: HashSet<usize> = HashSet::new();
    for (i, it) in items.iter().enumerate() {
        let e = &it.evidence;
        if !own(it) || it.counted_with.is_some() || folded.contains(&i) {
            continue;
        }
        // A revert of a revert is a re-land: work of its own.
        if re_lands(&e.title) {
            continue;
        }
        // A revert undoes a commit committed before it: not a copy of it committed later.
        let before = |o: &Item| match (
            o.evidence.meta_u64("committed"),
            it.evidence.meta_u64("committed"),
        ) {
            (Some(a), Some(b)) => a <= b,
            _ => true,
        };
        // An earlier commit of the repository, within the days a revert folds, not
        // folded yet.
        let earlier = |j: usize, o: &Item| {
            j != i
                && !folded.contains(&j)
                // Another's revert undid it already (`fold_reverted_by_others`).
                && o.counted_why != Some(CountedWhy::RevertedByOther)
                && o.evidence.kind == Kind::Commit
                && o.evidence.repo == e.repo
                && within(o, it)
        };
        let target = |undone: Undone| {
            items
                .iter()
                .enumerate()
                .find(|&(j, o)| earlier(j, o) && before(o) && undone.names(o))
        };
        // git's body line anywhere: the commit it names must be the person's own and
        // recent, which a squash's list of commits does not name.
        let found = reverted(&e.title)
            .and_then(target)
            .or_else(|| reverted_commit(&e.body).and_then(target))
            .or_else(|| {
                items.iter().enumerate().find(|&(j, o)| {
                    earlier(j, o)
                        && own(o)
                        && o.counted_with.is_none()
                        && o.evidence.timestamp != e.timestamp
                        && undoes_exactly(e, &o.evidence)
                })
            });
        // The commit undone supports nothing either: fzf's maintainer reverted a fix
        // two minutes after landing it, and it had counted as a bug fix.
        if let Some((j, o)) = found {
            folds.push((i, o.evidence.id.clone(), CountedWhy::Undoes));
            folds.push((j, e.id.clone(), CountedWhy::Undone));
            folded.extend([i, j]);
        }
    }
    for (i, id, why) in folds {
        items[i].counted_with = Some(id);
        items[i].counted_why = Some(why);
    }
}

/// Whether a commit takes out exactly what an earlier one put in, whatever its title:
/// the same files, its lines added the other's removed and the reverse, and not a
/// balanced edit (which is its own inverse). fastapi's maintainer added an April Fool's
/// `@app.vibe()` (+133 −1 in five files) and removed it 15 days later (+1 −133 in the
/// same five): the joke had counted as a big feature he led.
fn undoes_exactly(e: &Evidence, earlier: &Evidence) -> bool {
    let (Some(a), Some(d), Some(ea), Some(ed)) = (
        e.additions,
        e.deletions,
        earlier.additions,
        earlier.deletions,
    ) else {
        return false;
    };
    // The numbers first: this is asked of every pair of the person's commits 30 days apart.
    if !(a == ed && d == ea && a != d && a + d >= UNDONE_MIN_LINES) {
        return false;
    }
    fn sorted(paths: &[String]) -> Vec<&str> {
        let mut v: Vec<&str> = paths.iter().map(String::as_str).collect();
        v.sort_unstable();
        v
    }
    !e.paths.is_empty() && sorted(&e.paths) == sorted(&earlier.paths)
}

/// Lines a commit must change to be read as undoing another by its numbers alone.
const UNDONE_MIN_LINES: u64 = 20;

/// What a revert's title says it undoes.
enum Undone<'a> {
    /// git's `Revert "TITLE"`: a commit of that title.
    Title(&'a str),
    /// "revert PR #N", "Revert #N": the commit of pull request N.
    PullRequest(&'a str),
    /// git's body line, `This reverts commit SHA.`, under a title of the person's own.
    Commit(&'a str),
}

impl Undone<'_> {
    fn names(&self, item: &Item) -> bool {
        let title = item.evidence.title.trim();
        match self {
            Undone::Title(t) => bare_title(title) == *t,
            Undone::PullRequest(n) => {
                crate::model::refs::squash_suffix(title).is_some_and(|(number, _)| number == *n)
            }
            Undone::Commit(sha) => item
                .evidence
                .meta_str("sha")
                .is_some_and(|full| full.starts_with(*sha)),
        }
    }
}

/// Titles without a squash merge's `(#N)` (the revert is a pull request of its own) nor a
/// leading gitmoji (fastapi's `⏪️ Revert removing scripts…`).
fn bare_title(title: &str) -> &str {
    let title = super::conventions::after_gitmoji(title.trim());
    crate::model::refs::squash_suffix(title).map_or(title, |(_, t)| t.trim())
}

/// The commit a message body says it reverts, as `git revert` writes it: valkey's
/// "Revert make KEYS to be an exact match…" says so only there.
fn reverted_commit(body: &str) -> Option<Undone<'_>> {
    crate::model::refs::reverts_commit(body).map(Undone::Commit)
}

/// Whether a commit undoes a change rather than re-landing one (a revert of a revert, git's
/// `Reapply "…"`, a `Reland "…"` put the work back, and are weighed as work). Besides
/// git's forms and a title that begins by reverting a pull request ("revert PR #N", also
/// after a conventional prefix: hono's "fix(context): revert PR #4707"), a title that says
/// so in words counts: valkey's "Revert format updates on config.c file for config block
/// (#552)", 1,558 lines undone by hand, and a conventional `revert:`. A title that only
/// mentions a revert ("Fix the outage by reverting #4521") does not, nor "Revert to …" and
/// "Revert back to …", which describe behaviour.
pub fn undoes_a_change(title: &str, body: &str) -> bool {
    if re_lands(title) {
        return false;
    }
    match reverted(title) {
        Some(Undone::PullRequest(_)) => begins_with_revert(title),
        Some(_) => true,
        None => says_revert(title) || body_reverts(title, body).is_some(),
    }
}

/// A commit that puts back what a revert took away.
fn re_lands(title: &str) -> bool {
    static RELAND: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)^(reapply|re-?land)\b").expect("valid")
    });
    RELAND.is_match(bare_title(title))
        || matches!(reverted(title), Some(Undone::Title(t)) if reverted(t).is_some())
}

/// The commit git's body line says is reverted (`This reverts commit SHA.`), where the
/// commit is a revert: the line opens the body, or the title says revert (valkey's "Revert
/// make KEYS…" gives its reasons first). Deeper in the body of another title, it is one
/// commit's of the list a squash merge writes, not the pull request's; under a re-land's
/// title (`Reapply "…"`), it names the revert put back.
fn body_reverts<'a>(title: &str, body: &'a str) -> Option<Undone<'a>> {
    if re_lands(title) {
        return None;
    }
    let opening = body.trim_start().split("\n\n").next().unwrap_or("");
    reverted_commit(opening).or_else(|| {
        (reverted(title).is_some() || says_revert(title))
            .then(|| reverted_commit(body))
            .flatten()
    })
}

/// A title whose first word is revert, after a conventional prefix if any.
fn begins_with_revert(title: &str) -> bool {
    after_scope(title)
        .get(..6)
        .is_some_and(|w| w.eq_ignore_ascii_case("revert"))
}

/// A title past its gitmoji, its `(#N)` and a scope that precedes a revert: a
/// conventional type (`fix(context): revert PR #4707`) or a module's name, as Go
/// projects write titles (`go/analysis/passes/buildtag: revert "…"`, caddy's
/// `caddyauth: Revert "…"`).
fn after_scope(title: &str) -> &str {
    static SCOPE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^[\w./-]+(\([^)]*\))?!?:\s*").expect("valid")
    });
    let title = bare_title(title);
    match SCOPE.find(title) {
        Some(m)
            if title[m.end()..]
                .get(..6)
                .is_some_and(|w| w.eq_ignore_ascii_case("revert")) =>
        {
            &title[m.end()..]
        }
        _ => title,
    }
}

fn says_revert(title: &str) -> bool {
    static WORDS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^([Rr]evert|revert(\([^)]*\))?!?:)\s+(\S+)").expect("valid")
    });
    static BACK_TO: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"(?i)\bback to\b").expect("valid"));
    let title = after_scope(title);
    // "Revert repl backlog size back to 1mb": a value put back by hand, not a change undone.
    !BACK_TO.is_match(title)
        && WORDS
            .captures(title)
            .and_then(|c| c.get(3))
            .is_some_and(|w| !w.as_str().eq_ignore_ascii_case("to"))
}

fn reverted(title: &str) -> Option<Undone<'_>> {
    static NUMBER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)\brevert(s|ed|ing)?:?\s+(the\s+)?(pr|pull request)?\s*#(\d+)\b")
            .expect("valid")
    });
    if let Some(quoted) = crate::model::refs::git_revert_of(after_scope(title)) {
        return Some(Undone::Title(bare_title(quoted)));
    }
    NUMBER
        .captures(title)
        .and_then(|c| c.get(4))
        .map(|m| Undone::PullRequest(m.as_str()))
}

/// How soon a revert of the person's own commit is part of that commit's work.
pub const OWN_REVERT_DAYS: i64 = crate::model::refs::REVERT_DAYS;

/// Releases of one repository within [`RELEASE_BURST_DAYS`] of the first of a run are one
/// piece of release work: serde's nine `Release 1.0.22x` commits in fifteen days had
/// counted as nine items of unglamorous work, "1 more" from strong, which asked for
/// another version bump. Each later release of a run is marked `counted_with` the run's
/// first; every release stays in the totals and the appendix.
pub fn fold_release_runs(items: &mut [Item]) {
    let mut releases: Vec<(usize, &str, DateTime<Utc>)> = items
        .iter()
        .enumerate()
        .filter(|(_, it)| {
            it.counted_with.is_none()
                && !it.evidence.is_co_authored()
                && it.matches.iter().any(|m| m.rule == "release")
        })
        .filter_map(|(i, it)| Some((i, it.evidence.repo.as_str(), it.evidence.timestamp?)))
        .collect();
    releases.sort_by(|a, b| a.1.cmp(b.1).then(a.2.cmp(&b.2)).then(a.0.cmp(&b.0)));
    let mut folds: Vec<(usize, String)> = Vec::new();
    let mut first: Option<(usize, &str, DateTime<Utc>)> = None;
    for &(i, repo, at) in &releases {
        match first {
            Some((f, r, start)) if r == repo && (at - start).num_days() < RELEASE_BURST_DAYS => {
                folds.push((i, items[f].evidence.id.clone()));
            }
            _ => first = Some((i, repo, at)),
        }
    }
    fold_into(items, folds, CountedWhy::ReleaseRun);
}

/// How long a run of releases counts as one (see [`fold_release_runs`]).
pub const RELEASE_BURST_DAYS: i64 = 7;

/// How many of the person's commits of one repository must share a title to be one
/// recurring task (see [`fold_recurring_titles`]).
pub const RECURRING_TITLES: usize = 5;

/// How close the person's commits of one title must follow each other to be attempts at
/// one change (see [`fold_recurring_titles`]).
pub const RETRY_DAYS: i64 = 3;

/// The person's commits (or pull requests) of one repository that share their title (a pull request's
/// number aside) with at least [`RECURRING_TITLES`] - 1 others are one recurring task,
/// counted once: fastapi's scheduled `👥 Update FastAPI People - Sponsors` (36 pull
/// requests a workflow opened under its maintainer's name) and `📝 Update release notes`
/// had counted as dozens of pieces of unglamorous work. Each later commit is marked
/// `counted_with` the first; every one stays in the totals and the appendix. A security
/// fix or an incident is work of its own whatever its title (hono's seventeen `Merge
/// commit from fork`, each a different advisory's fix); a step of a pull request merged
/// as a branch belongs to that pull request's piece of work (six pull requests' "Address
/// review comments" are six pieces' steps); releases fold by their runs
/// ([`fold_release_runs`]).
///
/// Fewer commits of one title that says it fixes something are one fix tried again when
/// each follows the last within [`RETRY_DAYS`]: pydantic's maintainer's four `Fix CI
/// release job` pull requests of one release, within 20 hours, had made his unblocking
/// of the pipeline strong. Each later attempt is marked `counted_with` the first
/// (`retried`). Other titles so repeated are separate tasks ("Update release notes" on
/// four days).
pub fn fold_recurring_titles(items: &mut [Item]) {
    // The person's commits of each pull request merged as a branch: one alone in its
    // pull request is that piece of work whole, and may recur (six one-commit "Update
    // README.md" pull requests merged with a merge commit).
    let mut in_branch: HashMap<(&str, u64), usize> = HashMap::new();
    for it in items.iter() {
        if let Some(n) = it.evidence.meta_u64("pr_number") {
            *in_branch.entry((it.evidence.repo.as_str(), n)).or_default() += 1;
        }
    }
    let mut by_title: HashMap<(&str, Kind, String), Vec<usize>> = HashMap::new();
    for (i, it) in items.iter().enumerate() {
        let kind = it.evidence.kind;
        let own = matches!(kind, Kind::Commit | Kind::PullRequest) && !it.evidence.is_co_authored();
        let of_its_own = it
            .signals
            .iter()
            .any(|s| s == "security" || s == "incident");
        // A step of a pull request merged as a branch (`meta.pr_number` without its
        // number in the title: "Address review comments") is part of that piece of work,
        // not a task of its own; releases fold by their runs.
        let step = it
            .evidence
            .meta_u64("pr_number")
            .is_some_and(|n| in_branch[&(it.evidence.repo.as_str(), n)] > 1)
            && crate::model::refs::squash_suffix(&it.evidence.title).is_none();
        let release = it.matches.iter().any(|m| m.rule == "release");
        if own && !of_its_own && !step && !release && it.counted_with.is_none() {
            by_title
                .entry((
                    it.evidence.repo.as_str(),
                    kind,
                    recurring_key(&it.evidence.title),
                ))
                .or_default()
                .push(i);
        }
    }
    let mut folds: Vec<(usize, String)> = Vec::new();
    let mut retries: Vec<(usize, String)> = Vec::new();
    for mut group in by_title.into_values() {
        group.sort_by_key(|&i| (items[i].evidence.timestamp, i));
        let first = items[group[0]].evidence.id.clone();
        if group.len() >= RECURRING_TITLES {
            folds.extend(group[1..].iter().map(|&i| (i, first.clone())));
        } else if says_it_fixes(&items[group[0]].evidence.title) {
            retries.extend(attempts(items, &group));
        }
    }
    fold_into(items, folds, CountedWhy::Recurring);
    fold_into(items, retries, CountedWhy::Retried);
}

/// A title that says it fixes something: `Fix …`, `fix(ci): …`, `Hotfix …`; not
/// Renovate's `fix(deps): update …`, a dependency update (astro's maintainer opened three
/// in one morning, each its own).
fn says_it_fixes(title: &str) -> bool {
    static FIX: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)^\s*(?:fix(?:es|ed|ing)?|hotfix|bugfix)\b").expect("valid")
    });
    static DEPS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)^\s*fix\((?:deps|dependencies)\b").expect("valid")
    });
    FIX.is_match(title) && !DEPS.is_match(title)
}

/// Of one title's commits in time order, each that follows the one before within
/// [`RETRY_DAYS`], with the first of its run: one change, tried again.
fn attempts(items: &[Item], group: &[usize]) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut first = &items[group[0]].evidence;
    for pair in group.windows(2) {
        let (before, e) = (&items[pair[0]].evidence, &items[pair[1]].evidence);
        match (before.timestamp, e.timestamp) {
            (Some(a), Some(b)) if b - a <= chrono::TimeDelta::days(RETRY_DAYS) => {
                out.push((pair[1], first.id.clone()));
            }
            _ => first = e,
        }
    }
    out
}

/// How long after the first commit of a session its small follow-ups fold into it (see
/// [`fold_follow_ups`]).
pub const FOLLOW_UP_MINUTES: i64 = 60;

/// The most lines a follow-up adds: a fix-up, not the next piece of work.
pub const FOLLOW_UP_LINES: u64 = 20;

/// The person's small commits pushed straight to a branch within [`FOLLOW_UP_MINUTES`] of
/// one of theirs, touching a file it (or its other follow-ups) touched, and of no kind of
/// work it is not, are follow-ups of that commit: `counted_with` it, every one still in
/// the totals and the appendix. attrs' maintainer added a benchmark job and tuned it in
/// three one- to four-line commits within the hour ("Reading comprehension would help"),
/// and moved a new Code of Conduct 49 seconds after adding it ("fix path"): the pushes
/// had counted as pieces of pipeline work of their own, making a statement strong.
///
/// What stands on its own: a commit adding more than [`FOLLOW_UP_LINES`] lines, or
/// deleting more than ten times that (the next piece of work); a pull request's commit (its number in the title or `meta.pr_number`);
/// a change reviewed on its own (`Change-Id:`, a review page) or one naming the issue it
/// fixes (ripgrep's regression tests, `Closes #3067`); one committed within a minute of
/// the first (a series applied or rebased together, as git's patches are, is reviewed
/// patch by patch); a feature or a speed-up, and one whose kind of work the first does
/// not share (a bug fix after a feature, or after a commit that counts for nothing); one
/// sharing only a changelog, a test file, or a file the person's other work touches again
/// and again; one its author labelled a fix or a feature (`fix: …`);
/// mechanical changes, releases, security fixes and incidents.
pub fn fold_follow_ups(items: &mut [Item]) {
    let direct = |it: &Item| {
        let e = &it.evidence;
        e.kind == Kind::Commit
            && !e.is_co_authored()
            && it.counted_with.is_none()
            && it.mechanical.is_none()
            && e.timestamp.is_some()
            && e.meta.get("pr_number").is_none()
            && e.meta.get("review_url").is_none()
            && crate::model::refs::squash_suffix(&e.title).is_none()
            && crate::model::refs::change_id(&e.body).is_none()
            // Copies fold by what they copy; unmerged branches are not what shipped.
            && e.meta_str("copy_of").is_none()
            && !e.meta_flag("off_head")
            && !it.matches.iter().any(|m| m.rule == "release")
            && !it
                .signals
                .iter()
                .any(|s| s == "security" || s == "incident")
    };
    let names_an_issue = |e: &Evidence| {
        !crate::model::refs::issue_refs(&format!("{}\n\n{}", e.title, e.body), &e.repo).is_empty()
    };
    let order = in_push_order(items, direct);
    // A file the person's work touches again and again (fzf's 7,800-line `terminal.go`,
    // helix's `languages.toml`) says nothing of one piece of work: sharing it is no sign
    // of a fix-up. Central: five or more of the person's commits of the repository, a
    // quarter of them or more, touch it more than an hour away from the follow-up (fzf's
    // `terminal.go`: 91 of 263; attrs' workflows, a fifth of its maintainer's commits
    // through action bumps, are not).
    let mut touches: HashMap<(&str, &str), Vec<i64>> = HashMap::new();
    let mut commits: HashMap<&str, usize> = HashMap::new();
    for it in items.iter() {
        let e = &it.evidence;
        if e.kind != Kind::Commit || e.is_co_authored() {
            continue;
        }
        let Some(t) = e.timestamp else { continue };
        *commits.entry(e.repo.as_str()).or_default() += 1;
        for p in &e.paths {
            touches
                .entry((e.repo.as_str(), p.as_str()))
                .or_default()
                .push(t.timestamp());
        }
    }
    let central = |e: &Evidence, path: &str| {
        let Some(at) = e.timestamp.map(|t| t.timestamp()) else {
            return false;
        };
        let n = commits.get(e.repo.as_str()).copied().unwrap_or(0);
        let away = touches.get(&(e.repo.as_str(), path)).map_or(0, |ts| {
            ts.iter()
                .filter(|&&t| (t - at).abs() > FOLLOW_UP_MINUTES * 60)
                .count()
        });
        away >= 5 && away * 4 >= n
    };
    // The first commit of each session still open, newest last: a push on other files
    // between a commit and its fix-up (attrs' "Remove zenodo badge") closes nothing.
    let mut open: Vec<usize> = Vec::new();
    let mut folds: Vec<(usize, String)> = Vec::new();
    for &i in &order {
        let (it, e) = (&items[i], &items[i].evidence);
        let seconds_after = |first: &Evidence| {
            e.timestamp
                .zip(first.timestamp)
                .map(|(t, f)| (t - f).num_seconds())
        };
        open.retain(|&f| {
            let first = &items[f].evidence;
            first.repo == e.repo
                && seconds_after(first).is_some_and(|s| s <= FOLLOW_UP_MINUTES * 60)
        });
        let small = e.additions.is_some_and(|a| a <= FOLLOW_UP_LINES)
            && e.deletions.is_some_and(|d| d <= 10 * FOLLOW_UP_LINES)
            && !names_an_issue(e);
        // Applied or rebased with the first (committed within a minute of it, later than
        // written): one of a series, each reviewed on its own. A push's commit time is
        // its author time.
        let authored = e.timestamp.map(|t| t.timestamp());
        let committed = e.meta_u64("committed");
        let rebased = committed.zip(authored).is_some_and(|(c, a)| c as i64 != a);
        let follows = |&f: &usize| {
            let first = &items[f];
            let together = committed
                .zip(first.evidence.meta_u64("committed"))
                .is_some_and(|(a, b)| a.abs_diff(b) < 60);
            // A feature or a speed-up is a piece of its own, however small, and so is a
            // commit its author labelled a fix or a feature (`fix: …`): they named it a
            // change of its own.
            let labelled = it.matches.iter().any(|m| m.rule == "title-label")
                && matches!(it.primary.as_str(), "bug-fix" | "feature");
            let fix_up = !labelled && !matches!(it.primary.as_str(), "feature" | "performance");
            let same_kind = fix_up
                && it.signals.iter().all(|s| first.signals.contains(s))
                && (it.primary == first.primary || it.primary == UNCLASSIFIED);
            // Nor is a shared test file (fzf's O_EXCL hardening shared only the tmux
            // tests with the pane change before it).
            let shares_a_file = e.paths.iter().any(|p| {
                !is_changelog_path(p)
                    && !super::features::is_test_path(p)
                    && !central(e, p)
                    && first.evidence.paths.contains(p)
            });
            !(together && rebased) && same_kind && shares_a_file
        };
        match open.iter().rev().find(|f| small && follows(f)) {
            Some(&f) => folds.push((i, items[f].evidence.id.clone())),
            None => open.push(i),
        }
    }
    fold_into(items, folds, CountedWhy::FollowUp);
    fold_pin_bump_sittings(items);
}

/// The items `keep` takes, by repository, then oldest first (ids break ties): the order
/// the person pushed them in, which the fold of follow-ups and of pin sittings read.
fn in_push_order(items: &[Item], keep: impl Fn(&Item) -> bool) -> Vec<usize> {
    let mut order: Vec<usize> = (0..items.len()).filter(|&i| keep(&items[i])).collect();
    order.sort_by_key(|&i| {
        let e = &items[i].evidence;
        (e.repo.as_str(), e.timestamp, e.id.as_str())
    });
    order
}

/// Pinned versions moved in one sitting are one piece of housekeeping: tailwindcss'
/// maintainer pushed six "bump actions/…" commits in seven minutes on the same five
/// workflow files, and they were half of his unglamorous work's thirteen items. A push
/// of a pin bump (`meta.pin_bump`, no pull request) within [`FOLLOW_UP_MINUTES`] of the
/// first of a sitting's, sharing a file with it, counts with it.
fn fold_pin_bump_sittings(items: &mut [Item]) {
    let pushed_bump = |it: &Item| {
        let e = &it.evidence;
        e.kind == Kind::Commit
            && e.meta_flag("pin_bump")
            && !e.is_others_work()
            && it.counted_with.is_none()
            && e.timestamp.is_some()
            && e.meta.get("pr_number").is_none()
            && crate::model::refs::squash_suffix(&e.title).is_none()
    };
    let order = in_push_order(items, pushed_bump);
    let mut folds: Vec<(usize, String)> = Vec::new();
    let mut first: Option<usize> = None;
    for &i in &order {
        let e = &items[i].evidence;
        let joins = first.is_some_and(|f| {
            let head = &items[f].evidence;
            head.repo == e.repo
                && e.timestamp
                    .zip(head.timestamp)
                    .is_some_and(|(t, h)| (t - h).num_seconds() <= FOLLOW_UP_MINUTES * 60)
                && e.paths.iter().any(|p| head.paths.contains(p))
        });
        match (joins, first) {
            (true, Some(f)) => folds.push((i, items[f].evidence.id.clone())),
            _ => first = Some(i),
        }
    }
    fold_into(items, folds, CountedWhy::FollowUp);
}

/// A title as a recurring task is known by: without a pull request's number, in lower
/// case, its spaces collapsed.
fn recurring_key(title: &str) -> String {
    let bare = crate::model::refs::squash_suffix(title).map_or(title, |(_, t)| t);
    bare.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn is_document(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    [".md", ".markdown", ".rst", ".adoc", ".txt"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// The signal an item is mainly about: its `primary` (its title's label, a rule, your
/// relabelling, or the model's confident answer), else the first signal of the first rule
/// that gave one.
fn lead_signal(item: &Item) -> Option<&str> {
    if item.signals.contains(&item.primary) {
        return Some(item.primary.as_str());
    }
    item.matches
        .iter()
        .flat_map(|m| m.signals.iter())
        .find(|s| item.signals.contains(s))
        .map(String::as_str)
}

/// A statement of the rubric with its id and the kinds that can show it.
struct Judged<'a> {
    id: String,
    area: usize,
    statement: &'a Statement,
    kinds: Vec<Kind>,
}

fn judged_statements(rubric: &Rubric) -> Vec<Judged<'_>> {
    let mut out = Vec::new();
    for (ai, area) in rubric.area.iter().enumerate() {
        for s in &area.statement {
            let s = s.get_ref();
            out.push(Judged {
                id: format!("{}/{}", area.id, s.id),
                area: ai,
                statement: s,
                kinds: s.evidence_kinds(),
            });
        }
    }
    out
}

/// Each item's statements (`item.statements`), at most [`MAX_STATEMENTS_PER_ITEM`]: the
/// statements its primary signal counts for first, then those of its other signals in the
/// order the rules gave them; among equals the statement with fewer signals (the more
/// specific), then rubric order.
pub fn assign_statements(items: &mut [Item], rubric: &Rubric) {
    let statements = judged_statements(rubric);
    for it in items.iter_mut() {
        it.statements.clear();
        if it.counted_with.is_some() || it.signals.is_empty() {
            continue;
        }
        let lead = lead_signal(it);
        let order: Vec<&str> = it
            .matches
            .iter()
            .flat_map(|m| m.signals.iter().map(String::as_str))
            .filter(|s| it.signals.iter().any(|x| x == s))
            .collect();
        let mut candidates: Vec<(usize, usize, usize, usize)> = statements
            .iter()
            .enumerate()
            .filter(|(_, j)| {
                it.signals.iter().any(|s| j.statement.signals.contains(s))
                    && admits(j.statement, it)
            })
            .map(|(i, j)| {
                let has_lead = lead.is_some_and(|l| j.statement.signals.iter().any(|s| s == l));
                let first = order
                    .iter()
                    .position(|s| j.statement.signals.iter().any(|x| x == s))
                    .unwrap_or(usize::MAX);
                (usize::from(!has_lead), first, j.statement.signals.len(), i)
            })
            .collect();
        candidates.sort_unstable();
        it.statements = candidates
            .into_iter()
            .take(MAX_STATEMENTS_PER_ITEM)
            .map(|(_, _, _, i)| i)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .map(|i| statements[i].id.clone())
            .collect();
    }
}

/// `a`, `a or b`, `a, b or c`.
fn either(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// Items whose best guess is one of the statement's signals but that do not count (below
/// their class's threshold), and that would otherwise be its evidence.
fn unsure_guesses<'i>(s: &Statement, items: &'i [Item]) -> Vec<&'i Item> {
    unsure_of(items, &s.signals, |it| admits(s, it))
}

/// Items whose best guess is one of `signals` but that do not count (not mechanical, not
/// counted with another item), among those `admits` takes.
pub fn unsure_of<'i>(
    items: &'i [Item],
    signals: &[String],
    admits: impl Fn(&Item) -> bool,
) -> Vec<&'i Item> {
    items
        .iter()
        .filter(|it| {
            !it.counted
                && it.counted_with.is_none()
                && it.mechanical.is_none()
                && signals.contains(&it.primary)
                && admits(it)
        })
        .collect()
}

/// " 7 items look like refactor but the classifier never counts refactor from its guess
/// alone (…)": best guesses that do not count, and what settles them ("" when none).
/// `more` when some items already count ("7 more items look …").
pub fn unsure_note(unsure: &[&Item], more: bool) -> String {
    if unsure.is_empty() {
        return String::new();
    }
    let kinds: BTreeSet<&str> = unsure.iter().map(|it| it.primary.as_str()).collect();
    let kinds: Vec<&str> = kinds.into_iter().collect();
    // A class no threshold makes precise enough is never counted from the model alone,
    // however sure: "not sure enough" would promise what cannot happen.
    let is_never = |it: &&&Item| it.never_counted();
    let never: BTreeSet<&str> = unsure
        .iter()
        .filter(is_never)
        .map(|it| it.primary.as_str())
        .collect();
    let never: Vec<&str> = never.into_iter().collect();
    let short = unsure.iter().filter(|it| !is_never(it)).count();
    let why = match (never.is_empty(), short) {
        (false, 0) => format!(
            " but the classifier never counts {} from its guess alone",
            either(&never)
        ),
        (true, 1) => " but is not sure enough to count".to_string(),
        (true, _) => " but are not sure enough to count".to_string(),
        // Some fell short of a threshold, others are of a kind never counted: jq's
        // "3 items … not sure enough" held a chore the model never counts.
        (false, n) => format!(
            ": {n} {} not sure enough to count, and the classifier never counts {} from its guess alone",
            if n == 1 { "is" } else { "are" },
            either(&never)
        ),
    };
    format!(
        " {} {} like {}{why} (`evident explain ID` says why; `evident relabel ID --signal {}` counts one you confirm).",
        unsure.len(),
        match (more, unsure.len()) {
            (false, 1) => "item looks",
            (false, _) => "items look",
            (true, 1) => "more item looks",
            (true, _) => "more items look",
        },
        either(&kinds),
        kinds[0]
    )
}

/// Whether a statement takes an item of its kind, size and authorship (`kinds`,
/// `min_lines`, `own_work`), whatever its signals.
fn admits(s: &Statement, it: &Item) -> bool {
    refusal(s, it).is_none()
}

/// Why a statement does not take an item, whatever its signals (`explain` says it).
pub fn refusal(s: &Statement, it: &Item) -> Option<String> {
    let e = &it.evidence;
    if !s.counts_kind(e.kind) {
        let kinds = s.kinds.as_deref().unwrap_or_default().join(", ");
        return Some(format!("takes only {kinds}"));
    }
    if s.own_work && e.is_others_work() {
        return Some(
            "takes only the person's own work, not a commit they only co-authored or copied"
                .to_string(),
        );
    }
    // A dependency update is housekeeping whatever its title says: tailwindcss' "fix:
    // remove unused braces dependencies" (a manifest and its lock file) had been domain
    // and quality evidence. One that names a vulnerability is a security fix still.
    let housekeeping = s.signals.iter().any(|x| x == "build" || x == "chore");
    if !housekeeping
        && it
            .mechanical
            .as_deref()
            .is_some_and(super::bulk::is_dependency_update)
        && !it.signals.iter().any(|x| x == "security")
    {
        return Some("takes no dependency update: it is housekeeping".to_string());
    }
    match (s.min_lines, authored_lines(it)) {
        (Some(min), Some(own)) if own < min as f64 => Some(format!(
            "takes changes of {min} lines or more written by a person (this one: {})",
            own.round()
        )),
        _ => None,
    }
}

/// An item's changed lines the person wrote (not in lock, generated, vendored or snapshot
/// files: [`super::bulk::authored_share`]), for commits and pull requests with line
/// counts: the size a statement's `min_lines` asks of it.
fn authored_lines(it: &Item) -> Option<f64> {
    let e = &it.evidence;
    (matches!(e.kind, Kind::Commit | Kind::PullRequest) && e.additions.is_some())
        .then(|| super::bulk::written_lines(e))
}

/// The verdict on every statement and area, the gaps, and what was not seen.
pub fn judge(
    items: &[Item],
    rubric: &Rubric,
    collection: &Collection,
) -> (Vec<AreaReport>, Vec<Gap>, Vec<NotSeen>) {
    let statements = judged_statements(rubric);
    let seen = sources::Seen::of(collection, items);
    let context = GoalContext::new(items, collection);
    let mut by_statement: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, it) in items.iter().enumerate() {
        for s in &it.statements {
            by_statement.entry(s.as_str()).or_default().push(i);
        }
    }
    let mut reports: Vec<Vec<StatementReport>> = vec![Vec::new(); rubric.area.len()];
    let mut gaps = Vec::new();
    let links_named = std::cell::OnceCell::new();
    for j in &statements {
        let matching = by_statement.remove(j.id.as_str()).unwrap_or_default();
        let count = matching.len();
        let thresholds = j.statement.thresholds(rubric);
        // Work delivered in steps is told by the issue its pieces share: where no change
        // names one, it cannot be seen (see `initiatives::names_any_requirement`).
        let unlinked = count == 0
            && j.statement
                .signals
                .iter()
                .any(|s| s == super::initiatives::INCREMENTAL)
            && !*links_named.get_or_init(|| super::initiatives::names_any_requirement(items));
        let measured = count > 0 || (!unlinked && seen.measures(&j.kinds, &j.statement.signals));
        let strength = if measured {
            strength(count, thresholds)
        } else {
            Strength::NotMeasured
        };
        let signal = j.statement.signals.first().map_or("", String::as_str);
        let measure = if measured {
            String::new()
        } else if unlinked {
            unlinked_measure(&seen)
        } else if j.kinds.contains(&Kind::Review)
            && let Some(merged) = seen.co_authored_forge_merges()
        {
            // fastapi's maintainers co-author contributors' pull requests the forge
            // merges: 59 in the year, unsaid where reviews were not measured.
            format!(
                "{} {merged} on GitHub or GitLab, whose reviews git does not record.",
                sources::how_to_measure(&j.kinds, signal, &seen),
            )
        } else {
            sources::how_to_measure(&j.kinds, signal, &seen)
        };
        let goal = match strength {
            Strength::Strong | Strength::NotMeasured => String::new(),
            _ => {
                let partly = if j.kinds.contains(&Kind::Review) {
                    seen.reviews_partly()
                } else {
                    String::new()
                };
                context.goal(j.statement, items, &matching, thresholds, &partly)
            }
        };
        if matches!(strength, Strength::None | Strength::Some) {
            gaps.push(Gap {
                area: rubric.area[j.area].id.clone(),
                statement: j.id.clone(),
                text: j.statement.text.clone(),
                strength,
                count,
                goal: goal.clone(),
            });
        }
        // tailwindcss' maintainer's "strong: 106" in his domain held 37 contributors'
        // pull requests he co-authored, and the page said only "keep it up".
        let others = matching
            .iter()
            .filter(|&&i| items[i].evidence.is_others_work())
            .count();
        reports[j.area].push(StatementReport {
            id: j.id.clone(),
            text: j.statement.text.clone(),
            strength,
            count,
            others,
            thresholds,
            evidence: strongest_first(items, matching),
            goal,
            sources: j.kinds.iter().map(|k| k.as_str().to_string()).collect(),
            measure,
        });
    }
    // Gaps with no evidence at all come first: they are the clearest goals.
    gaps.sort_by_key(|g| (g.strength, g.count));
    let areas: Vec<AreaReport> = rubric
        .area
        .iter()
        .zip(reports)
        .map(|(area, statements)| {
            let ids: BTreeSet<&str> = statements.iter().map(|s| s.id.as_str()).collect();
            let area_items: Vec<usize> = items
                .iter()
                .enumerate()
                .filter(|(_, it)| it.statements.iter().any(|s| ids.contains(s.as_str())))
                .map(|(i, _)| i)
                .collect();
            AreaReport {
                id: area.id.clone(),
                name: area.name.clone(),
                icon: area.icon.clone(),
                summary: area.summary.clone(),
                count: area_items.len(),
                strength: area_strength(&statements),
                measured: statements
                    .iter()
                    .filter(|s| s.strength.is_measured())
                    .count(),
                statements,
                evidence: strongest_first(items, area_items),
            }
        })
        .collect();
    let measured: BTreeSet<&str> = areas
        .iter()
        .flat_map(|a: &AreaReport| &a.statements)
        .filter(|s| s.strength.is_measured())
        .map(|s| s.id.as_str())
        .collect();
    let needs: Vec<StatementNeeds> = statements
        .iter()
        .map(|j| StatementNeeds {
            id: &j.id,
            kinds: &j.kinds,
            measured: measured.contains(j.id.as_str()),
        })
        .collect();
    (areas, gaps, sources::not_seen(collection, &seen, &needs))
}

/// How to measure work delivered in steps where no change names an issue or ticket.
fn unlinked_measure(seen: &sources::Seen) -> String {
    let github = if seen.kinds.contains(&Kind::PullRequest) {
        ""
    } else {
        ", or collect pull requests and the issues they close with `--github`"
    };
    format!(
        "None of your commits or pull requests in the period names an issue or ticket, and the pieces of a larger requirement are told by the one they share. To measure it, name it in each piece's title or description (`Part of #123`, `ABC-42`){github}."
    )
}

fn strength(count: usize, t: Thresholds) -> Strength {
    if count >= t.strong {
        Strength::Strong
    } else if count >= t.some {
        Strength::Some
    } else {
        Strength::None
    }
}

/// An area's badge: `strong` when more than half of its measured statements are strong;
/// else `some` when any measured statement has at least some evidence; else `none`;
/// `not_measured` when no statement of the area could be measured.
pub fn area_strength(statements: &[StatementReport]) -> Strength {
    let measured: Vec<Strength> = statements
        .iter()
        .map(|s| s.strength)
        .filter(|s| s.is_measured())
        .collect();
    if measured.is_empty() {
        return Strength::NotMeasured;
    }
    let strong = measured.iter().filter(|s| **s == Strength::Strong).count();
    if strong * 2 > measured.len() {
        Strength::Strong
    } else if measured.iter().any(|s| *s >= Strength::Some) {
        Strength::Some
    } else {
        Strength::None
    }
}

/// Item ids, strongest first: weight, heaviest first, but mechanical churn after all
/// other work whatever its size; then newest, then id.
pub fn strongest_first(items: &[Item], mut indices: Vec<usize>) -> Vec<String> {
    indices.sort_by(|&a, &b| {
        let (x, y) = (&items[a], &items[b]);
        x.mechanical
            .is_some()
            .cmp(&y.mechanical.is_some())
            .then_with(|| y.weight.total_cmp(&x.weight))
            .then_with(|| y.evidence.timestamp.cmp(&x.evidence.timestamp))
            .then_with(|| x.evidence.id.cmp(&y.evidence.id))
    });
    indices
        .into_iter()
        .map(|i| items[i].evidence.id.clone())
        .collect()
}

/// What goals are written against: the repositories read and the period's end.
struct GoalContext {
    repositories: BTreeSet<String>,
    until: Option<DateTime<Utc>>,
}

impl GoalContext {
    fn new(items: &[Item], collection: &Collection) -> GoalContext {
        let mut repositories: BTreeSet<String> = items
            .iter()
            .map(|i| i.evidence.repo.clone())
            .filter(|r| !r.is_empty())
            .collect();
        repositories.extend(
            collection
                .sources
                .iter()
                .filter(|s| s.kinds.iter().any(|k| k == Kind::Commit.as_str()))
                .map(|s| s.name.clone()),
        );
        GoalContext {
            repositories,
            until: collection
                .until
                .or_else(|| items.iter().filter_map(|i| i.evidence.timestamp).max()),
        }
    }

    /// "So far 3 reviews of 2 people's changes, all in acme/api; strong needs 25 (22 more).
    /// <the rubric's advice>". Nothing yet: where was looked, and both thresholds.
    fn goal(
        &self,
        s: &Statement,
        items: &[Item],
        matching: &[usize],
        t: Thresholds,
        partly: &str,
    ) -> String {
        let advice = s.goal.trim();
        // A size bar is said, or "Nothing yet" would read as no features at all.
        let sized = match (s.min_lines, s.own_work) {
            (Some(min), false) => {
                format!(" Only commits and pull requests of {min} lines or more count here.")
            }
            (Some(min), true) => format!(
                " Only commits and pull requests of {min} lines or more, and not ones only co-authored, count here."
            ),
            (None, true) => " Commits only co-authored do not count here.".to_string(),
            (None, false) => String::new(),
        };
        // What counts for a statement of work in steps is not a kind of work: say it.
        let sized = if s.signals.iter().any(|x| x == INCREMENTAL) {
            format!(
                "{sized} Counted here: each change you landed on its own (a pull request, a reviewed change, a push) that names the same issue or ticket as another, in work of {MIN_STEPS} or more such changes."
            )
        } else {
            sized
        };
        let count = matching.len();
        // Best guesses of the statement's kind that do not count: the gap may be the
        // classifier's, and the person can settle it.
        let unsure = unsure_guesses(s, items);
        let unsure_note = unsure_note(&unsure, count > 0);
        let unsure_note = if s.signals.iter().any(|x| x == "ci-cd") {
            format!(
                "{unsure_note}{}",
                pipeline_files_note(items, matching, &unsure)
            )
        } else {
            unsure_note
        };
        let status = if count == 0 {
            // Where was looked: the repositories when commits or docs could show it, the
            // notes when only they can.
            let kinds = s.evidence_kinds();
            let in_git = kinds
                .iter()
                .any(|k| matches!(k, Kind::Commit | Kind::DesignDoc));
            let place = match self.repositories.len() {
                _ if kinds == [Kind::Note] => " in your notes".to_string(),
                0 => String::new(),
                _ if !in_git => String::new(),
                1 => format!(
                    " in {}",
                    self.repositories.iter().next().map_or("", String::as_str)
                ),
                n => format!(" in the {n} repositories read"),
            };
            let nothing = if unsure.is_empty() {
                "Nothing yet".to_string()
            } else {
                "Nothing counted yet".to_string()
            };
            format!(
                "{nothing}{place}{partly}: some needs {}, strong {}.{sized}{unsure_note}",
                t.some, t.strong
            )
        } else {
            let evidence: Vec<&Item> = matching.iter().map(|&i| &items[i]).collect();
            format!(
                "So far {}{}{partly}; strong needs {} ({} more).{sized}{unsure_note}",
                what_was_done(&evidence),
                self.spread(&evidence),
                t.strong,
                t.strong.saturating_sub(count)
            )
        };
        if advice.is_empty() {
            status
        } else {
            format!("{status} {advice}")
        }
    }

    /// Where and when the evidence lies, when that says what is missing: all in one
    /// repository of several, all in one month, or the last long before the period's end.
    fn spread(&self, evidence: &[&Item]) -> String {
        let mut parts = Vec::new();
        let repos: BTreeSet<&str> = evidence.iter().map(|i| i.evidence.repo.as_str()).collect();
        // Every item in the same repository (a note in none is not), of several read.
        if repos.len() == 1
            && !repos.contains("")
            && self.repositories.len() > 1
            && evidence.len() > 1
        {
            parts.push(format!(
                "all in {}",
                repos.iter().next().copied().unwrap_or_default()
            ));
        }
        let times: Vec<DateTime<Utc>> = evidence
            .iter()
            .filter_map(|i| i.evidence.timestamp)
            .collect();
        if let (Some(first), Some(last)) = (times.iter().min(), times.iter().max()) {
            if evidence.len() > 1 && (first.year(), first.month()) == (last.year(), last.month()) {
                parts.push(format!("all in {}", last.format("%B %Y")));
            } else if let Some(until) = self.until
                && (until - *last).num_days() > STALE_DAYS
            {
                parts.push(format!("the last on {}", last.format("%Y-%m-%d")));
            }
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!(", {}", parts.join(", "))
        }
    }
}

/// Whether a change is enough of a pipeline's to name for the pipeline goals: a sixth or
/// more of the lines it wrote are in a pipeline's files (`meta.pipeline_lines`), or,
/// where lines per file are not known, a third of its files are. A feature that also
/// edits one line of a workflow (an MSRV variable, a log upload) is not named: those
/// were 7 of the 26 changes a first version named over 35 readings, all under 7%.
fn enough_pipeline(e: &crate::model::Evidence) -> bool {
    let in_pipeline = |p: &String| crate::model::pipeline::is_pipeline_file(p.as_bytes());
    if !e.paths.iter().any(in_pipeline) {
        return false;
    }
    match e.meta_u64("pipeline_lines") {
        Some(lines) => lines as f64 * 6.0 >= super::bulk::written_lines(e).max(1.0),
        // Lines counted per file, but none in a pipeline's: a rename, a mode change.
        None if e.meta_u64("tool_lines").is_some() => false,
        None => e.paths.iter().filter(|p| in_pipeline(p)).count() * 3 >= e.paths.len(),
    }
}

/// Changes of the person's own to a pipeline's files that no rule or guess made pipeline
/// work, named for the pipeline statements' goals: just's "Build docker images", a
/// release job with the Dockerfile and tool it builds, was a likely feature, and the
/// pipeline goal named a one-line condition instead ("" when none).
fn pipeline_files_note(items: &[Item], matching: &[usize], unsure: &[&Item]) -> String {
    let mut found: Vec<&Item> = items
        .iter()
        .enumerate()
        .filter(|(i, _)| !matching.contains(i))
        .map(|(_, it)| it)
        .filter(|it| {
            matches!(it.evidence.kind, Kind::Commit | Kind::PullRequest)
                && !it.signals.iter().any(|s| s == "ci-cd")
                && it.mechanical.is_none()
                && it.counted_with.is_none()
                && !it.evidence.is_others_work()
                && !unsure.iter().any(|u| u.evidence.id == it.evidence.id)
                && enough_pipeline(&it.evidence)
        })
        .collect();
    if found.is_empty() {
        return String::new();
    }
    // Where the pipeline's files are most of the change first: a feature that also
    // edits a workflow's command line is less likely pipeline work than a release job.
    let share = |it: &Item| {
        let paths = &it.evidence.paths;
        let n = paths
            .iter()
            .filter(|p| crate::model::pipeline::is_pipeline_file(p.as_bytes()))
            .count();
        n as f64 / paths.len().max(1) as f64
    };
    found.sort_by(|a, b| {
        share(b)
            .total_cmp(&share(a))
            .then(b.weight.total_cmp(&a.weight))
    });
    let named: Vec<String> = found
        .iter()
        .take(3)
        .map(|it| format!("\"{}\" (`{}`)", it.evidence.title, it.evidence.id))
        .collect();
    let n = found.len();
    format!(
        " {} also {} a pipeline's files without being judged pipeline work: {}{} (`evident relabel ID --signal ci-cd` counts one that is).",
        crate::model::unseen::plural(n, "change of yours", "changes of yours"),
        if n == 1 { "changes" } else { "change" },
        named.join(", "),
        if n > 3 {
            format!(" and {} more", n - 3)
        } else {
            String::new()
        },
    )
}

/// "3 commits and 1 review of 1 person's change", counted by kind.
fn what_was_done(evidence: &[&Item]) -> String {
    let mut by_kind: BTreeMap<Kind, usize> = BTreeMap::new();
    for it in evidence {
        *by_kind.entry(it.evidence.kind).or_default() += 1;
    }
    let people = crate::model::count_people_reviewed(
        evidence
            .iter()
            .filter(|i| i.evidence.kind == Kind::Review)
            .map(|i| &i.evidence),
    );
    let commits = || evidence.iter().filter(|i| i.evidence.kind == Kind::Commit);
    let others = commits().filter(|i| i.evidence.is_others_work()).count();
    let copied = commits()
        .filter(|i| !i.evidence.is_co_authored() && i.evidence.copies_work_of().is_some())
        .count();
    let how = match copied {
        0 => "that you co-authored",
        c if c == others => "that you copied onto a branch",
        _ => "that you co-authored or copied onto a branch",
    };
    let parts: Vec<String> = by_kind
        .into_iter()
        .map(|(kind, n)| {
            let noun = match (kind, n) {
                (Kind::Commit, 1) => "commit",
                (Kind::Commit, _) => "commits",
                (Kind::PullRequest, 1) => "pull request",
                (Kind::PullRequest, _) => "pull requests",
                (Kind::Review, 1) => "review",
                (Kind::Review, _) => "reviews",
                (Kind::Issue, 1) => "issue",
                (Kind::Issue, _) => "issues",
                (Kind::DesignDoc, 1) => "design doc",
                (Kind::DesignDoc, _) => "design docs",
                (Kind::Note, 1) => "note",
                (Kind::Note, _) => "notes",
            };
            let reach = match (kind, people) {
                (Kind::Review, 0) => String::new(),
                (Kind::Review, 1) => " of 1 person's changes".to_string(),
                (Kind::Review, p) => format!(" of {p} people's changes"),
                // fastapi: 5 of a maintainer's 7 "commits" were contributors' fixes she had
                // co-authored while reviewing them.
                (Kind::Commit, _) => match others {
                    0 => String::new(),
                    1 if n == 1 => format!(" (another's {how})"),
                    1 => format!(" (1 of them another's {how})"),
                    c if c == n => format!(" (all others' {how})"),
                    c => format!(" ({c} of them others' {how})"),
                },
                _ => String::new(),
            };
            format!("{n} {noun}{reach}")
        })
        .collect();
    sources::join_and(&parts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Evidence;
    use crate::model::evidence::SourceSummary;
    use chrono::TimeZone;
    use serde_json::json;

    fn item(id: &str, kind: Kind, repo: &str, day: u32, signals: &[&str], paths: &[&str]) -> Item {
        let mut e = Evidence::new(id, kind, format!("title of {id}"));
        e.repo = repo.into();
        e.timestamp = Some(Utc.with_ymd_and_hms(2026, 3, day, 10, 0, 0).unwrap());
        e.paths = paths.iter().map(|p| p.to_string()).collect();
        e.additions = Some(10);
        e.deletions = Some(1);
        Item {
            evidence: e,
            signals: signals.iter().map(|s| s.to_string()).collect(),
            primary: signals
                .first()
                .map_or("unclassified".into(), |s| s.to_string()),
            confidence: 1.0,
            counted: !signals.is_empty(),
            counts_from: None,
            matches: vec![RuleMatch {
                rule: "r".into(),
                reason: "r".into(),
                signals: signals.iter().map(|s| s.to_string()).collect(),
                features: Vec::new(),
            }],
            statements: Vec::new(),
            weight: 1.0,
            counted_with: None,
            counted_why: None,
            mechanical: None,
        }
    }

    #[test]
    fn only_changes_another_reverted_count_with_the_revert() {
        let mark = |mut it: Item| {
            it.evidence
                .meta
                .insert("reverted_by".into(), json!("git:o/r:fff"));
            it
        };
        let mut items = vec![
            mark(item("c", Kind::Commit, "o/r", 2, &["feature"], &["a.rs"])),
            mark(item(
                "p",
                Kind::PullRequest,
                "o/r",
                2,
                &["feature"],
                &["a.rs"],
            )),
            mark(item("i", Kind::Issue, "o/r", 2, &["bug-fix"], &[])),
            item("d", Kind::Commit, "o/r", 3, &["feature"], &["b.rs"]),
        ];
        fold_reverted_by_others(&mut items);
        assert_eq!(counted_with(&items, "c").as_deref(), Some("git:o/r:fff"));
        assert_eq!(counted_with(&items, "p").as_deref(), Some("git:o/r:fff"));
        assert_eq!(items[0].counted_why, Some(CountedWhy::RevertedByOther));
        assert_eq!(counted_with(&items, "i"), None);
        assert_eq!(counted_with(&items, "d"), None);
    }

    /// The item `id` is counted with, if any.
    fn counted_with(items: &[Item], id: &str) -> Option<String> {
        items
            .iter()
            .find(|i| i.evidence.id == id)
            .unwrap()
            .counted_with
            .clone()
    }

    /// A collection that read one git repository (commits and design docs).
    fn git_only() -> Collection {
        Collection {
            sources: vec![SourceSummary {
                name: "acme/api".into(),
                path: "/src/api".into(),
                items: 1,
                web_url: Some("https://github.com/acme/api".into()),
                kinds: vec!["commit".into(), "design_doc".into()],
                ..Default::default()
            }],
            until: Some(Utc.with_ymd_and_hms(2026, 4, 1, 0, 0, 0).unwrap()),
            ..Default::default()
        }
    }

    fn report<'a>(areas: &'a [AreaReport], id: &str) -> &'a StatementReport {
        areas
            .iter()
            .flat_map(|a| &a.statements)
            .find(|s| s.id == id)
            .unwrap()
    }

    #[test]
    fn an_item_supports_at_most_three_statements_those_of_its_lead_signal_first() {
        let rubric = Rubric::builtin();
        let mut it = item(
            "c",
            Kind::Commit,
            "acme/api",
            1,
            &["bug-fix"],
            &["src/a.rs"],
        );
        it.matches.push(RuleMatch {
            rule: "more".into(),
            reason: "r".into(),
            signals: vec![
                "performance".into(),
                "ci-cd".into(),
                "testing".into(),
                "feature".into(),
            ],
            features: Vec::new(),
        });
        it.signals = ["feature", "bug-fix", "performance", "testing", "ci-cd"]
            .map(String::from)
            .to_vec();
        let mut items = vec![it];
        assign_statements(&mut items, &rubric);
        assert_eq!(
            items[0].statements,
            [
                "domain-expertise/advanced-in-domain",
                "domain-expertise/trade-offs",
                "culture-and-leadership/improves-quality",
            ],
            "bug-fix (the lead) first: advanced-in-domain and improves-quality; then performance"
        );
    }

    #[test]
    fn a_dependency_bump_is_housekeeping_not_new_technology_nor_a_pipeline() {
        let rubric = Rubric::builtin();
        let mut items = vec![item(
            "deps",
            Kind::Commit,
            "acme/api",
            1,
            &["build"],
            &["Cargo.toml", "Cargo.lock"],
        )];
        mark_mechanical(&mut items);
        assign_statements(&mut items, &rubric);
        assert_eq!(
            items[0].statements,
            ["culture-and-leadership/unglamorous-work"]
        );
        assert_eq!(
            items[0].mechanical.as_deref(),
            Some("dependency update (lock files and manifests only)")
        );
    }

    #[test]
    fn the_commit_that_added_a_design_doc_counts_with_the_doc() {
        let rubric = Rubric::builtin();
        let doc = item(
            "doc:acme/api:docs/adr/0001-queue.md",
            Kind::DesignDoc,
            "acme/api",
            2,
            &["design-doc"],
            &["docs/adr/0001-queue.md"],
        );
        let adding = item(
            "git:acme/api:1",
            Kind::Commit,
            "acme/api",
            2,
            &["design-doc", "documentation"],
            &["docs/adr/0001-queue.md", "docs/adr/README.md"],
        );
        let with_code = item(
            "git:acme/api:2",
            Kind::Commit,
            "acme/api",
            3,
            &["design-doc", "feature"],
            &["docs/adr/0001-queue.md", "src/queue.rs"],
        );
        let mut items = vec![doc, adding, with_code];
        items[0].weight = 6.0;
        fold_design_doc_commits(&mut items);
        assign_statements(&mut items, &rubric);
        assert_eq!(
            items[1].counted_with.as_deref(),
            Some("doc:acme/api:docs/adr/0001-queue.md")
        );
        assert_eq!(items[1].counted_why, Some(CountedWhy::DesignDoc));
        assert!(items[1].statements.is_empty());
        assert_eq!(items[2].counted_with, None, "it also changed code");
        let (areas, _, _) = judge(&items, &rubric, &git_only());
        let lead = report(&areas, "culture-and-leadership/leads-technical-direction");
        assert_eq!(
            lead.evidence,
            ["doc:acme/api:docs/adr/0001-queue.md", "git:acme/api:2"]
        );
    }

    #[test]
    fn mechanical_churn_never_leads_as_strongest() {
        let rubric = Rubric::builtin();
        let snapshots: Vec<String> = (0..791)
            .map(|i| format!("tests/snapshots/case_{i}.snap"))
            .collect();
        let snapshots: Vec<&str> = snapshots.iter().map(String::as_str).collect();
        let mut churn = item(
            "churn",
            Kind::Commit,
            "acme/api",
            1,
            &["feature"],
            &snapshots,
        );
        churn.weight = 9.0;
        let small = item(
            "small",
            Kind::Commit,
            "acme/api",
            2,
            &["feature"],
            &["src/a.rs"],
        );
        let mut items = vec![churn, small];
        mark_mechanical(&mut items);
        assign_statements(&mut items, &rubric);
        let (areas, _, _) = judge(&items, &rubric, &git_only());
        let s = report(&areas, "domain-expertise/advanced-in-domain");
        assert_eq!(s.evidence, ["small", "churn"]);
    }

    #[test]
    fn a_plain_cherry_pick_counts_once_and_a_change_written_again_twice() {
        // pip's release branch: `git cherry-pick` without -x keeps title and author time;
        // the copy on the branch merged back had counted a second time.
        let titled = |id: &str, day: u32, title: &str| {
            let mut it = item(id, Kind::Commit, "pip", day, &["bug-fix"], &["src/a.py"]);
            it.evidence.title = title.into();
            it
        };
        let mut items = vec![
            titled("a-copy", 3, "Match release control behavior"),
            titled("b-first", 3, "Match release control behavior"),
            titled("again", 4, "Match release control behavior"),
            titled("backport", 3, "Match release control behavior"),
            titled("other-repo", 3, "Match release control behavior"),
        ];
        // The copy sorts first by id, but was committed later (onto the release branch).
        for (i, committed) in [(0, 2_000), (1, 1_000)] {
            items[i]
                .evidence
                .meta
                .insert("committed".into(), serde_json::json!(committed));
        }
        items[3].evidence.additions = Some(99);
        items[4].evidence.repo = "other".into();
        fold_relanded_commits(&mut items);
        assert_eq!(counted_with(&items, "a-copy").as_deref(), Some("b-first"));
        assert_eq!(counted_with(&items, "b-first"), None);
        // Another day: written again (a re-land), its own work.
        assert_eq!(counted_with(&items, "again"), None);
        // The same moment with other lines: a backport adapted to an older branch
        // (valkey's CVE patch on three release branches, 27, 27 and 25 lines).
        assert_eq!(counted_with(&items, "backport").as_deref(), Some("b-first"));
        assert_eq!(counted_with(&items, "other-repo"), None);
    }

    #[test]
    fn a_commit_that_takes_out_exactly_what_an_earlier_one_put_in_undoes_it() {
        // fastapi: `@app.vibe()` added on April 1st (+133 −1) and removed 15 days later
        // (+1 −133), in the same five files.
        let files = ["fastapi/applications.py", "tests/test_vibe.py"];
        let change = |id: &str, day: u32, title: &str, lines: (u64, u64), paths: &[&str]| {
            let mut it = item(id, Kind::Commit, "fastapi", day, &["feature"], paths);
            it.evidence.title = title.into();
            it.evidence.additions = Some(lines.0);
            it.evidence.deletions = Some(lines.1);
            it
        };
        let mut items = vec![
            change("vibe", 1, "Add support for @app.vibe()", (133, 1), &files),
            change(
                "unvibe",
                16,
                "Remove April Fool's @app.vibe()",
                (1, 133),
                &files,
            ),
            change("edit", 2, "Rename a field", (5, 5), &["src/a.py"]),
            change("edit-back", 3, "Rename it back", (5, 5), &["src/a.py"]),
            change("other", 4, "Add a cache", (40, 2), &["src/cache.py"]),
            change(
                "elsewhere",
                5,
                "Drop the old cache",
                (2, 40),
                &["src/old_cache.py"],
            ),
        ];
        fold_own_reverts(&mut items);
        assert_eq!(counted_with(&items, "unvibe").as_deref(), Some("vibe"));
        assert_eq!(counted_with(&items, "vibe").as_deref(), Some("unvibe"));
        for stays in ["edit", "edit-back", "other", "elsewhere"] {
            assert_eq!(counted_with(&items, stays), None, "{stays}");
        }
    }

    #[test]
    fn the_goal_says_how_many_commits_are_others_the_person_co_authored() {
        let commit = |id: &str, co: bool| {
            let mut it = item(id, Kind::Commit, "fastapi", 3, &["bug-fix"], &["a.py"]);
            if co {
                it.evidence
                    .meta
                    .insert("role".into(), serde_json::json!("co-author"));
            }
            it
        };
        let items = [
            commit("own", false),
            commit("co1", true),
            commit("co2", true),
        ];
        let all: Vec<&Item> = items.iter().collect();
        assert_eq!(
            what_was_done(&all),
            "3 commits (2 of them others' that you co-authored)"
        );
        assert_eq!(
            what_was_done(&all[1..]),
            "2 commits (all others' that you co-authored)"
        );
        assert_eq!(what_was_done(&all[..1]), "1 commit");
        assert_eq!(
            what_was_done(&all[1..2]),
            "1 commit (another's that you co-authored)"
        );
        assert_eq!(
            what_was_done(&all[..2]),
            "2 commits (1 of them another's that you co-authored)"
        );
    }

    #[test]
    fn an_addition_whose_removal_was_reverted_still_counts() {
        let files = ["src/vibe.py"];
        let change = |id: &str, day: u32, title: &str, lines: (u64, u64)| {
            let mut it = item(id, Kind::Commit, "fastapi", day, &["feature"], &files);
            it.evidence.title = title.into();
            it.evidence.additions = Some(lines.0);
            it.evidence.deletions = Some(lines.1);
            it
        };
        // Newest first, as the portfolio orders items.
        let mut items = vec![
            change("back", 9, r#"Revert "Remove the vibe""#, (133, 1)),
            change("remove", 5, "Remove the vibe", (1, 133)),
            change("add", 1, "Add the vibe", (133, 1)),
        ];
        fold_own_reverts(&mut items);
        assert_eq!(counted_with(&items, "back").as_deref(), Some("remove"));
        assert_eq!(counted_with(&items, "remove").as_deref(), Some("back"));
        assert_eq!(counted_with(&items, "add"), None);
        // Added, removed, added again by hand: the first addition counts.
        let mut items = vec![
            change("again", 9, "Add the vibe again", (133, 1)),
            change("remove", 5, "Remove the vibe", (1, 133)),
            change("add", 1, "Add the vibe", (133, 1)),
        ];
        fold_own_reverts(&mut items);
        assert_eq!(counted_with(&items, "again").as_deref(), Some("remove"));
        assert_eq!(counted_with(&items, "add"), None);
    }

    #[test]
    fn a_revert_that_ended_an_incident_leads_as_the_fix() {
        let titled = |id: &str, title: &str, signals: &[&str]| {
            let mut it = item(id, Kind::Commit, "api", 3, signals, &["src/a.rs"]);
            it.evidence.title = title.into();
            it
        };
        let mut items = vec![
            titled(
                "outage",
                r#"Revert "Cache sessions in Redis""#,
                &["incident"],
            ),
            titled("red", r#"Revert "Bump the linker""#, &["pipeline-fix"]),
            titled("routine", r#"Revert "Add a banner""#, &["chore"]),
        ];
        mark_mechanical(&mut items);
        assert_eq!(items[0].mechanical, None);
        assert_eq!(items[1].mechanical, None);
        assert_eq!(items[2].mechanical.as_deref(), Some(bulk::REVERT));
    }

    #[test]
    fn the_halves_of_a_split_commit_are_not_copies() {
        // `git commit -c ORIG_HEAD` keeps the title and author time for the second half,
        // in other files, committed with the first in one rebase.
        let half = |id: &str, path: &str, committed: u64| {
            let mut it = item(id, Kind::Commit, "api", 3, &["feature"], &[path]);
            it.evidence.title = "Add the uploader".into();
            it.evidence
                .meta
                .insert("committed".into(), serde_json::json!(committed));
            it
        };
        let mut items = vec![
            half("one", "src/upload.rs", 1_000),
            half("two", "src/retry.rs", 1_000),
            half("same-files-same-moment", "src/upload.rs", 1_000),
            half("picked", "src/upload.rs", 5_000),
        ];
        fold_relanded_commits(&mut items);
        assert_eq!(counted_with(&items, "two"), None);
        assert_eq!(counted_with(&items, "same-files-same-moment"), None);
        assert_eq!(counted_with(&items, "picked").as_deref(), Some("one"));
    }

    #[test]
    fn a_changelog_entry_committed_apart_counts_with_its_pull_request() {
        // pip: each pull request's news fragment is a commit of its own, "NEWS ENTRY", +1.
        let in_pr = |id: &str, n: u64, paths: &[&str], lines: u64| {
            let mut it = item(id, Kind::Commit, "pip", 3, &["documentation"], paths);
            it.evidence
                .meta
                .insert("pr_number".into(), serde_json::json!(n));
            it.evidence.additions = Some(lines);
            it
        };
        let mut items = vec![
            in_pr("news", 13625, &["news/13625.feature.rst"], 1),
            in_pr("small", 13625, &["src/pip/_internal/cli.py"], 5),
            in_pr("large", 13625, &["src/pip/_internal/index.py"], 300),
            in_pr("changelog", 13700, &["CHANGELOG.md"], 2),
            in_pr("alone", 13800, &["news/13800.bugfix.rst"], 1),
            in_pr("docs", 13900, &["docs/html/cli.rst"], 4),
            in_pr("fix", 13900, &["src/pip/_internal/req.py"], 9),
        ];
        items[3].evidence.meta.remove("pr_number");
        fold_changelog_entries(&mut items);
        assert_eq!(counted_with(&items, "news").as_deref(), Some("large"));
        assert_eq!(counted_with(&items, "large"), None);
        // Outside a pull request, or the pull request's only commit: its own item.
        assert_eq!(counted_with(&items, "changelog"), None);
        assert_eq!(counted_with(&items, "alone"), None);
        // Documentation is more than a changelog entry, unless a reviewer wrote it.
        assert_eq!(counted_with(&items, "docs"), None);
        let mut suggested = in_pr("suggested", 13900, &["SECURITY.md"], 2);
        suggested
            .evidence
            .meta
            .insert("applied_suggestion".into(), serde_json::json!(true));
        let mut items = vec![
            suggested,
            in_pr("fix", 13900, &["src/pip/_internal/req.py"], 9),
        ];
        fold_changelog_entries(&mut items);
        assert_eq!(counted_with(&items, "suggested").as_deref(), Some("fix"));
        for path in [
            "news/1.bugfix.rst",
            "changelog.d/x.fix.md",
            ".changeset/blue-cats.md",
            "CHANGES.rst",
            "pkg/NEWS",
        ] {
            assert!(is_changelog_path(path), "{path}");
        }
        for path in [
            "docs/news.html",
            "src/changes.rs",
            "newsletter.md",
            // Code in a folder of that name.
            "app/news/models.py",
            "src/changes/mod.rs",
            "lib/changelog/parser.rs",
        ] {
            assert!(!is_changelog_path(path), "{path}");
        }
    }

    #[test]
    fn a_pull_request_landed_twice_counts_once() {
        let rubric = Rubric::builtin();
        let titled = |id: &str, day: u32, title: &str| {
            let mut it = item(
                id,
                Kind::Commit,
                "acme/api",
                day,
                &["documentation"],
                &["CHANGELOG.md"],
            );
            it.evidence.title = title.into();
            it
        };
        let mut items = vec![
            titled("backport", 9, "Add a link to the changelog (#7)"),
            titled("original", 3, "Add a link to the changelog (#7)"),
            titled("other", 4, "Add a link to the changelog (#8)"),
            titled("plain", 5, "Update the changelog"),
            titled("plain-again", 6, "Update the changelog"),
        ];
        // Under another number with other line counts: another change of the same title.
        items[2].evidence.additions = Some(3);
        fold_relanded_commits(&mut items);
        assert_eq!(
            counted_with(&items, "backport").as_deref(),
            Some("original")
        );
        assert_eq!(counted_with(&items, "original"), None);
        assert_eq!(counted_with(&items, "other"), None);
        // Without a pull request's number, the same title is no proof of the same change.
        assert_eq!(counted_with(&items, "plain-again"), None);
        assign_statements(&mut items, &rubric);
        assert!(items[0].statements.is_empty());
        let names_pull_request = |t: &str| crate::model::refs::squash_suffix(t).is_some();
        assert!(names_pull_request("x (#12) "));
        assert!(!names_pull_request("x (#12a)"));
        assert!(!names_pull_request("x (#)"));
    }

    #[test]
    fn a_revert_of_the_persons_own_commit_and_the_commit_it_undid_support_nothing() {
        let commit = |id: &str, day: u32, title: &str| {
            let mut it = item(id, Kind::Commit, "acme/api", day, &["chore"], &["ci.yml"]);
            it.evidence.title = title.into();
            it
        };
        // hono's maintainer reverted a fix he had co-authored 46 minutes after it landed.
        let mut co = commit("co", 2, "Add the flaky check");
        co.evidence
            .meta
            .insert("role".into(), serde_json::json!("co-author"));
        let mut fast_path = commit(
            "fast-path",
            5,
            "perf(context): add fast path to c.json() (#4707)",
        );
        fast_path
            .evidence
            .meta
            .insert("role".into(), serde_json::json!("co-author"));
        let mut items = vec![
            commit("pin", 1, "Pin stable to 1.94 for tokio-1.51.x"),
            commit(
                "unpin",
                1,
                "Revert \"Pin stable to 1.94 for tokio-1.51.x\" (#8106)",
            ),
            co,
            commit("unflake", 3, "Revert \"Add the flaky check\""),
            fast_path,
            commit("slow-path", 9, "fix(context): revert PR #4707 (#4757)"),
            commit("other-pr", 9, "Revert #4700"),
            // A re-land: the revert of a revert is work of its own.
            commit(
                "reland",
                2,
                "Revert \"Revert \"Pin stable to 1.94 for tokio-1.51.x\"\"",
            ),
            commit(
                "keys",
                10,
                "Make KEYS an exact match without a pattern (#792)",
            ),
            commit("unkeys", 12, "Revert make KEYS to be an exact match (#964)"),
            commit("late", 1, "Use the new runner"),
            commit("much-later", 28, "Revert \"Use the new runner\""),
            commit("orphan", 4, "Revert \"Something from last year\""),
        ];
        let sha = "d66a06e8183818c035bb78706f46fd62645db07e";
        let keys = items.iter().position(|i| i.evidence.id == "keys").unwrap();
        items[keys]
            .evidence
            .meta
            .insert("sha".into(), serde_json::json!(sha));
        items[keys + 1].evidence.body = format!("In #792, ...\n\nThis reverts commit {sha}.\n");
        let much_later = items
            .iter()
            .position(|i| i.evidence.id == "much-later")
            .unwrap();
        items[much_later].evidence.timestamp =
            Some(Utc.with_ymd_and_hms(2026, 5, 1, 10, 0, 0).unwrap());
        fold_own_reverts(&mut items);
        assert_eq!(counted_with(&items, "unpin").as_deref(), Some("pin"));
        assert_eq!(counted_with(&items, "pin").as_deref(), Some("unpin"));
        // A commit the person co-authored and then reverted: their part was undone.
        assert_eq!(counted_with(&items, "unflake").as_deref(), Some("co"));
        assert_eq!(counted_with(&items, "co").as_deref(), Some("unflake"));
        // A revert that says which commit it undoes only in its body.
        assert_eq!(counted_with(&items, "unkeys").as_deref(), Some("keys"));
        // A revert that names the pull request it undoes.
        assert_eq!(
            counted_with(&items, "slow-path").as_deref(),
            Some("fast-path")
        );
        assert_eq!(
            counted_with(&items, "fast-path").as_deref(),
            Some("slow-path")
        );
        assign_statements(&mut items, &Rubric::builtin());
        for undone in ["pin", "unpin"] {
            let it = items.iter().find(|i| i.evidence.id == undone).unwrap();
            assert!(it.statements.is_empty(), "{undone}: {:?}", it.statements);
        }
        // A revert months later is work of its own, and so is one of a commit not read
        // (another's change: the person's items do not hold it).
        assert_eq!(counted_with(&items, "other-pr"), None);
        assert_eq!(counted_with(&items, "reland"), None);
        assert_eq!(counted_with(&items, "much-later"), None);
        assert_eq!(counted_with(&items, "late"), None);
        assert_eq!(counted_with(&items, "orphan"), None);
    }

    #[test]
    fn unsure_guesses_say_which_fell_short_and_which_never_count() {
        let guess = |id: &str, kind: &str, counts_from: f64| {
            let mut it = item(id, Kind::Commit, "acme/jq", 1, &[], &["src/a.c"]);
            it.primary = kind.into();
            it.counts_from = Some(counts_from);
            it
        };
        let (a, b, c) = (
            guess("a", "documentation", 0.8),
            guess("b", "documentation", 0.8),
            guess("c", "chore", 1.0),
        );
        assert_eq!(
            unsure_note(&[&a, &b, &c], false),
            " 3 items look like chore or documentation: 2 are not sure enough to count, and the classifier never counts chore from its guess alone (`evident explain ID` says why; `evident relabel ID --signal chore` counts one you confirm)."
        );
        assert!(unsure_note(&[&c], true).starts_with(
            " 1 more item looks like chore but the classifier never counts chore from its guess alone"
        ));
        assert!(
            unsure_note(&[&a], false)
                .starts_with(" 1 item looks like documentation but is not sure enough to count")
        );
    }

    #[test]
    fn a_run_of_releases_within_a_week_counts_once() {
        let release = |id: &str, repo: &str, day: u32| {
            let mut it = item(id, Kind::Commit, repo, day, &["chore"], &["Cargo.toml"]);
            it.matches[0].rule = "release".into();
            it
        };
        // serde's run: releases on days 1, 3 and 6, then 9 (a week after the first: a new
        // run), and one in another repository the same week.
        let mut items = vec![
            release("r6", "acme/serde", 6),
            release("r1", "acme/serde", 1),
            release("r3", "acme/serde", 3),
            release("r9", "acme/serde", 9),
            release("other", "acme/json", 2),
            item(
                "fix",
                Kind::Commit,
                "acme/serde",
                2,
                &["bug-fix"],
                &["src/de.rs"],
            ),
        ];
        fold_release_runs(&mut items);
        assert_eq!(counted_with(&items, "r1"), None);
        assert_eq!(counted_with(&items, "r3").as_deref(), Some("r1"));
        assert_eq!(counted_with(&items, "r6").as_deref(), Some("r1"));
        assert_eq!(counted_with(&items, "r9"), None);
        assert_eq!(counted_with(&items, "other"), None);
        assert_eq!(counted_with(&items, "fix"), None);
        assign_statements(&mut items, &Rubric::builtin());
        let supporting = items.iter().filter(|i| !i.statements.is_empty()).count();
        assert_eq!(supporting, 4, "r1, r9, other and the fix");
    }

    #[test]
    fn commits_that_share_a_title_five_times_are_one_recurring_task() {
        let titled = |id: &str, repo: &str, day: u32, title: &str, signals: &[&str]| {
            let mut it = item(id, Kind::Commit, repo, day, signals, &["docs/people.yml"]);
            it.evidence.title = title.into();
            it
        };
        // fastapi's scheduled pull requests, each under its own number; four of another
        // title (below the bar); five in another repository; five advisories' fixes.
        let mut items: Vec<Item> = (1..=5)
            .map(|d| {
                let title = format!("👥 Update FastAPI People - Sponsors (#{})", 100 + d);
                titled(&format!("people{d}"), "acme/api", 6 - d, &title, &["chore"])
            })
            .collect();
        items.extend((1..=4).map(|d| {
            titled(
                &format!("notes{d}"),
                "acme/api",
                d,
                "📝 Update release notes",
                &["documentation"],
            )
        }));
        items.extend((1..=4).map(|d| {
            titled(
                &format!("web{d}"),
                "acme/web",
                d,
                "👥  update fastapi people - sponsors",
                &["chore"],
            )
        }));
        items.extend((1..=5).map(|d| {
            titled(
                &format!("fork{d}"),
                "acme/api",
                d,
                "Merge commit from fork",
                &["security"],
            )
        }));
        // Steps of six pull requests merged as branches, one title: each its own
        // pull request's; and a run of releases, folded by week elsewhere.
        items.extend((1..=6).map(|d| {
            let mut it = titled(
                &format!("step{d}"),
                "acme/api",
                d,
                "Address review comments",
                &["chore"],
            );
            it.evidence.meta.insert("pr_number".into(), json!(10 + d));
            it
        }));
        items.extend((1..=6).map(|d| {
            let mut it = titled(
                &format!("feat{d}"),
                "acme/api",
                d,
                &format!("Add gift card {d}"),
                &["feature"],
            );
            it.evidence.meta.insert("pr_number".into(), json!(10 + d));
            it
        }));
        // One commit alone in each of six pull requests merged as branches: the pull
        // request's work whole, which recurs.
        items.extend((1..=6).map(|d| {
            let mut it = titled(
                &format!("readme{d}"),
                "acme/api",
                d,
                "Update README.md",
                &["documentation"],
            );
            it.evidence.meta.insert("pr_number".into(), json!(30 + d));
            it
        }));
        items.extend((1..=6).map(|d| {
            let mut it = titled(
                &format!("bump{d}"),
                "acme/api",
                4 * d,
                "Bump version",
                &["chore"],
            );
            it.matches[0].rule = "release".into();
            it
        }));
        fold_recurring_titles(&mut items);
        for d in 1..=6 {
            assert_eq!(counted_with(&items, &format!("step{d}")), None);
            assert_eq!(counted_with(&items, &format!("bump{d}")), None);
        }
        assert_eq!(counted_with(&items, "readme1"), None);
        for d in 2..=6 {
            assert_eq!(
                counted_with(&items, &format!("readme{d}")).as_deref(),
                Some("readme1")
            );
        }
        // The first by date is the one counted.
        assert_eq!(counted_with(&items, "people5"), None);
        for d in 1..=4 {
            let id = format!("people{d}");
            assert_eq!(
                counted_with(&items, &id).as_deref(),
                Some("people5"),
                "{id}"
            );
            assert_eq!(counted_with(&items, &format!("notes{d}")), None);
            assert_eq!(counted_with(&items, &format!("web{d}")), None);
        }
        for d in 1..=5 {
            assert_eq!(counted_with(&items, &format!("fork{d}")), None);
        }
        assert_eq!(
            recurring_key("👥  Update FastAPI People - Sponsors (#16175)"),
            "👥 update fastapi people - sponsors"
        );
    }

    #[test]
    fn a_fix_of_one_title_tried_again_within_days_is_one_fix() {
        let at = |id: &str, hour: i64, title: &str| {
            let mut it = item(
                id,
                Kind::Commit,
                "acme/api",
                1,
                &["ci-cd"],
                &[".github/x.yml"],
            );
            it.evidence.title = title.into();
            it.evidence.timestamp = Some(
                Utc.with_ymd_and_hms(2026, 2, 22, 20, 0, 0).unwrap()
                    + chrono::TimeDelta::hours(hour),
            );
            it
        };
        // pydantic's `Fix CI release job` of one release, within 20 hours (two of his four
        // here: five in all would be a recurring task); the same title nine days later
        // starts a run of its own; a title that fixes nothing is not folded.
        let mut items = vec![
            at("r1", 0, "Fix CI release job (#12844)"),
            at("r2", 15, "fix CI release job (#12847)"),
            at("r5", 24 * 9, "Fix CI release job (#12900)"),
            at("r6", 24 * 9 + 10, "Fix CI release job (#12901)"),
            at("n1", 0, "Update release notes"),
            at("n2", 5, "Update release notes"),
        ];
        fold_recurring_titles(&mut items);
        assert_eq!(counted_with(&items, "r2").as_deref(), Some("r1"));
        let r2 = items.iter().find(|i| i.evidence.id == "r2").unwrap();
        assert_eq!(r2.counted_why, Some(CountedWhy::Retried));
        assert_eq!(counted_with(&items, "r5"), None);
        assert_eq!(counted_with(&items, "r6").as_deref(), Some("r5"));
        assert_eq!(counted_with(&items, "n2"), None);
        assert!(says_it_fixes("fix(ci): pin the runner"));
        assert!(!says_it_fixes(
            "fix(deps): update astro dependencies (#14308)"
        ));
        assert!(!says_it_fixes("Fixture for the parser"));
    }

    #[test]
    fn the_same_lines_under_other_numbers_fold_within_a_month_of_the_first_not_in_a_chain() {
        let bump = |id: &str, month: u32, day: u32, number: u32| {
            let mut it = item(
                id,
                Kind::Commit,
                "acme/api",
                1,
                &["chore"],
                &["aiohttp/__init__.py"],
            );
            it.evidence.title = format!("Bump version (#{number})");
            it.evidence.timestamp = Some(Utc.with_ymd_and_hms(2026, month, day, 10, 0, 0).unwrap());
            it
        };
        // Every 20 days: the second is within a month of the first, the third is not.
        let mut items = vec![
            bump("b1", 3, 1, 10),
            bump("b2", 3, 21, 11),
            bump("b3", 4, 10, 12),
        ];
        fold_relanded_commits(&mut items);
        assert_eq!(counted_with(&items, "b2").as_deref(), Some("b1"));
        assert_eq!(counted_with(&items, "b3"), None);
    }

    #[test]
    fn a_copy_of_an_undone_commit_is_the_work_that_shipped() {
        let mut original = item(
            "original",
            Kind::Commit,
            "acme/api",
            1,
            &["feature"],
            &["src/a.rs"],
        );
        original.evidence.meta.insert("sha".into(), json!("aaaa"));
        original.counted_with = Some("revert".into());
        let mut copy = item(
            "copy",
            Kind::Commit,
            "acme/api",
            5,
            &["feature"],
            &["src/a.rs"],
        );
        copy.evidence.meta.insert("copy_of".into(), json!("aaaa"));
        original.evidence.id = "git:acme/api:aaaa".into();
        let mut items = vec![original, copy];
        fold_named_copies(&mut items);
        assert_eq!(counted_with(&items, "copy"), None);
        items[0].counted_with = None;
        fold_named_copies(&mut items);
        assert_eq!(
            counted_with(&items, "copy").as_deref(),
            Some("git:acme/api:aaaa")
        );
    }

    #[test]
    fn a_backport_under_its_own_number_counts_once_when_its_lines_are_the_same() {
        let landed = |id: &str, day: u32, number: u32, lines: Option<(u64, u64)>| {
            let mut it = item(
                id,
                Kind::Commit,
                "acme/api",
                day,
                &["bug-fix"],
                &["src/a.rs"],
            );
            it.evidence.title = format!("taskdump: remove crate disambiguators (#{number})");
            it.evidence.additions = lines.map(|l| l.0);
            it.evidence.deletions = lines.map(|l| l.1);
            it
        };
        let mut items = vec![
            // Tokio's backport: merged as #8288, the same author time and diff as #8264.
            landed("backport", 10, 8288, Some((3, 2))),
            landed("original", 10, 8264, Some((3, 2))),
            // The same title again, with other lines: another change, not a copy.
            landed("another", 12, 8300, Some((5, 2))),
            // Line counts unknown (unreadable objects): no proof of the same change.
            landed("unknown", 13, 8301, None),
            // Its own number again re-lands it, whatever its lines.
            landed("reland", 14, 8264, Some((4, 2))),
            // Copies of the reland's copy count with the first landing too.
            landed("reland-copy", 15, 8310, Some((4, 2))),
            // The same title and lines in another file: another change (two one-line
            // typo fixes), not a copy.
            {
                let mut it = landed("elsewhere", 16, 8320, Some((3, 2)));
                it.evidence.paths = vec!["docs/b.md".to_string()];
                it
            },
            // The same lines in the same file three months later: another change
            // (aiohttp's "Bump version (#N)", +1 -1, one a release).
            {
                let mut it = landed("months-later", 1, 8400, Some((3, 2)));
                it.evidence.timestamp = Some(Utc.with_ymd_and_hms(2026, 6, 20, 10, 0, 0).unwrap());
                it
            },
        ];
        fold_relanded_commits(&mut items);
        assert_eq!(counted_with(&items, "months-later"), None);
        assert_eq!(counted_with(&items, "original"), None);
        assert_eq!(
            counted_with(&items, "backport").as_deref(),
            Some("original")
        );
        assert_eq!(counted_with(&items, "another"), None);
        assert_eq!(counted_with(&items, "unknown"), None);
        assert_eq!(counted_with(&items, "reland").as_deref(), Some("original"));
        assert_eq!(
            counted_with(&items, "reland-copy").as_deref(),
            Some("original")
        );
        assert_eq!(counted_with(&items, "elsewhere"), None);
        assign_statements(&mut items, &Rubric::builtin());
        assert!(items[0].statements.is_empty());
        assert!(!items[1].statements.is_empty());
    }

    #[test]
    fn a_goal_says_how_many_unsure_guesses_could_be_its_evidence() {
        let rubric = Rubric::builtin();
        let guess = |id: &str, day: u32, class: &str| {
            let mut it = item(id, Kind::Commit, "acme/api", day, &[], &["src/a.rs"]);
            it.primary = class.into();
            it.counted = false;
            it
        };
        let mut items = vec![
            guess("r1", 1, "refactor"),
            guess("r2", 2, "refactor"),
            guess("f1", 3, "feature"),
            item(
                "t",
                Kind::Commit,
                "acme/api",
                4,
                &["testing"],
                &["tests/a.rs"],
            ),
        ];
        assign_statements(&mut items, &rubric);
        let (areas, _, _) = judge(&items, &rubric, &git_only());
        let debt = report(&areas, "domain-expertise/reduces-tech-debt");
        assert!(debt.evidence.is_empty());
        assert!(
            debt.goal.starts_with("Nothing counted yet in acme/api: some needs 2, strong 8. 2 items look like refactor but are not sure enough to count (`evident explain ID` says why; `evident relabel ID --signal refactor` counts one you confirm)."),
            "{}",
            debt.goal
        );
        // With evidence counted, the guesses are said as more.
        let quality = report(&areas, "culture-and-leadership/improves-quality");
        assert!(
            quality.goal.contains(
                "strong needs 15 (14 more). 2 more items look like refactor but are not sure"
            ),
            "{}",
            quality.goal
        );
        // A statement none of the guesses could show says nothing of them.
        let docs = report(&areas, "domain-expertise/designs-interfaces");
        assert!(
            docs.goal.starts_with("Nothing yet in acme/api"),
            "{}",
            docs.goal
        );
        assert_eq!(either(&["a", "b", "c"]), "a, b or c");
    }

    #[test]
    fn a_statement_with_min_lines_and_own_work_counts_only_own_changes_that_large() {
        let rubric = Rubric::builtin();
        let sized = |id: &str, day: u32, lines: u64, paths: &[&str]| {
            let mut it = item(id, Kind::Commit, "acme/api", day, &["feature"], paths);
            it.evidence.additions = Some(lines);
            it.evidence.deletions = Some(0);
            it
        };
        let mut items = vec![
            sized("one-line", 1, 1, &["languages.toml"]),
            sized("feature", 2, 120, &["src/a.rs", "src/b.rs"]),
            // Large, but its lines are a lock file's, not the person's.
            sized("lock", 3, 400, &["Cargo.lock"]),
            sized("half-lock", 4, 60, &["src/c.rs", "Cargo.lock"]),
        ];
        // Large, but the person only co-authored it.
        let mut co = sized("co-authored", 6, 200, &["src/d.rs"]);
        co.evidence.meta.insert("role".into(), json!("co-author"));
        items.push(co);
        let mut note = item("note", Kind::Note, "", 5, &["feature"], &[]);
        note.evidence.additions = None;
        note.evidence.deletions = None;
        items.push(note);
        assign_statements(&mut items, &rubric);
        let (areas, _, _) = judge(&items, &rubric, &git_only());
        let ships = report(&areas, "customer-success/ships-end-to-end");
        let mut counted = ships.evidence.clone();
        counted.sort();
        assert_eq!(counted, ["feature", "half-lock", "note"]);
        assert!(
            ships.goal.starts_with("So far 2 commits and 1 note, all in March 2026; strong needs 12 (9 more). Only commits and pull requests of 30 lines or more, and not ones only co-authored, count here. Ask to lead"),
            "{}",
            ships.goal
        );
        // A statement without min_lines or own_work takes the small and co-authored ones.
        let steps = report(&areas, "domain-expertise/advanced-in-domain");
        assert!(
            ["one-line", "lock", "co-authored"]
                .iter()
                .all(|id| steps.evidence.iter().any(|e| e == id)),
            "{:?}",
            steps.evidence
        );
    }

    #[test]
    fn an_area_is_strong_only_when_most_of_its_measured_statements_are() {
        let s = |strength| StatementReport {
            id: "a/s".into(),
            text: String::new(),
            strength,
            count: 0,
            thresholds: Thresholds { some: 1, strong: 2 },
            evidence: Vec::new(),
            goal: String::new(),
            sources: Vec::new(),
            measure: String::new(),
            others: 0,
        };
        use Strength::*;
        assert_eq!(area_strength(&[s(Strong), s(None), s(None), s(None)]), Some);
        assert_eq!(
            area_strength(&[s(Strong), s(Strong), s(Some), s(None)]),
            Some
        );
        assert_eq!(area_strength(&[s(Strong), s(Strong), s(Some)]), Strong);
        assert_eq!(
            area_strength(&[s(Strong), s(NotMeasured), s(NotMeasured), s(NotMeasured)]),
            Strong,
            "the one measured statement is strong"
        );
        assert_eq!(area_strength(&[s(None), s(NotMeasured)]), None);
        assert_eq!(area_strength(&[s(NotMeasured)]), NotMeasured);
    }

    #[test]
    fn not_measured_is_not_none_and_is_no_gap() {
        let rubric = Rubric::builtin();
        let mut items = vec![item(
            "c",
            Kind::Commit,
            "acme/api",
            1,
            &["feature"],
            &["src/a.rs"],
        )];
        assign_statements(&mut items, &rubric);
        let (areas, gaps, not_seen) = judge(&items, &rubric, &git_only());
        let bar = report(&areas, "culture-and-leadership/raises-the-bar");
        assert_eq!(bar.strength, Strength::NotMeasured);
        assert_eq!(bar.goal, "");
        assert_eq!(
            bar.measure,
            "To measure it, collect reviews with `--github`, or record what git cannot see with `evident note add \"TEXT\" --signal code-review`."
        );
        assert!(!gaps.iter().any(|g| g.statement == bar.id));
        let teaching = areas
            .iter()
            .find(|a| a.id == "teaching-and-mentoring")
            .unwrap();
        assert_eq!(
            teaching.measured, 1,
            "only fuels-learning: commits can show it"
        );
        assert_eq!(teaching.strength, Strength::None);
        let sources: Vec<&str> = not_seen.iter().map(|n| n.source.as_str()).collect();
        assert_eq!(sources, ["github", "notes"]);
        assert!(not_seen[0].statements.contains(&bar.id));
    }

    #[test]
    fn goals_name_what_was_done_and_what_is_missing() {
        let rubric = Rubric::builtin();
        let review = |id: &str, day: u32, author: &str| {
            let mut r = item(id, Kind::Review, "acme/api", day, &["code-review"], &[]);
            r.evidence.meta.insert("pr_author".into(), json!(author));
            r
        };
        let mut items = vec![
            review("r1", 2, "bob"),
            review("r2", 9, "carol"),
            review("r3", 20, "Bob"),
            item(
                "c",
                Kind::Commit,
                "acme/web",
                5,
                &["feature"],
                &["src/a.rs"],
            ),
        ];
        assign_statements(&mut items, &rubric);
        let mut collection = git_only();
        collection.sources[0].kinds.push("review".into());
        let (areas, gaps, _) = judge(&items, &rubric, &collection);
        let bar = report(&areas, "culture-and-leadership/raises-the-bar");
        assert_eq!(
            bar.goal,
            "So far 3 reviews of 2 people's changes, all in acme/api, all in March 2026; strong needs 25 (22 more). Review pull requests every week, including ones outside your own area, and volunteer for candidate interviews (record them with `evident note add --signal interviewing`)."
        );
        let lead = report(&areas, "culture-and-leadership/leads-technical-direction");
        assert_eq!(
            lead.goal,
            "Nothing yet in the 2 repositories read: some needs 1, strong 4. Write a clear and concise proposal for a technical decision your team faces and take it to a decision."
        );
        assert!(gaps.iter().any(|g| g.goal == bar.goal));
    }
}
