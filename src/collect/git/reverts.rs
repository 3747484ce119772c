//! The person's commits another person reverted. okhttp's Yuri Schimke's "Add minimal
//! HttpLoggingInterceptor support for streaming" (+500 −105) was his big feature of the
//! year on the page, and his co-maintainer had reverted it sixteen days after it landed:
//! work that did not ship, claimed as shipped. The recorder sees every commit of the
//! period, so each revert is noted as it passes (what it names, who wrote it, when), and
//! the person's commits it undid are marked (`meta.reverted_by`); the classifier then
//! counts them for no statement (`CountedWhy::RevertedByOther`).
//!
//! A revert names what it undoes as git and GitHub write it: `This reverts commit SHA.`
//! opening its description (or anywhere in it under a `Revert "…"` title), else the title
//! it quotes, `Revert "TITLE"`: the nearest earlier commit of that title (and number, when
//! it quotes one), which must be the person's. A revert that was itself reverted, or
//! whose change was applied again (`Reapply "TITLE"`, `Revert "Revert "TITLE""`), undid
//! nothing that lasted. The days count from the commit's landing (its commit time). The
//! walk goes newest first, so a revert passes before the commit it undoes: only the
//! titles earlier reverts quote are kept, not every commit's.
//! Reverts by the person are the classifier's (`fold_own_reverts`). Scoped and gitmoji
//! forms (`caddyauth: Revert "…"`) are read by the classifier's revert rules only.

use crate::model::Evidence;
use crate::model::refs;
use chrono::{DateTime, Utc};
use git2::Oid;
use serde_json::json;

/// The keys [`annotate`] sets on a commit another reverted; a pull request that holds it
/// takes them too (`collect::github::dedup`).
pub const MARKS: [&str; 4] = [
    "reverted_by",
    "reverted_by_author",
    "reverted_by_url",
    "reverted_at",
];

/// A revert seen in the period, anyone's.
#[derive(Debug)]
struct Seen {
    oid: Oid,
    /// Its author's name, after the mailmap.
    by: String,
    /// Its commit time (Unix seconds).
    time: i64,
    /// Written or co-written by the person.
    persons: bool,
    /// Its own title without its squash suffix: a revert of it quotes this.
    title: String,
    /// The commit its description names (a SHA prefix).
    commit: Option<String>,
    /// The title it quotes, as quoted (its own `(#N)` kept).
    quoted: Option<String>,
}

/// A commit of the period that is no revert, of a title a revert quotes: a revert that
/// names no commit undoes the nearest earlier commit of the title it quotes.
#[derive(Debug)]
struct Titled {
    oid: Oid,
    time: i64,
    /// The pull request its title names (`Title (#12)`).
    number: Option<u64>,
    persons: bool,
}

/// The reverts of a period, noted as the walk passes them.
#[derive(Debug, Default)]
pub struct Reverts {
    seen: Vec<Seen>,
    /// Titles applied again (`Reapply "TITLE"`, `Reland "TITLE"`), when.
    reapplied: Vec<(String, i64)>,
    /// The commits of the titles the reverts seen so far quote (without their `(#N)`).
    titled: std::collections::HashMap<String, Vec<Titled>>,
}

/// A revert by another of one of the person's commits, ready to mark it.
#[derive(Debug, Clone)]
pub struct ByOther {
    /// The revert's evidence id (`git:owner/name:SHA`): it is not one of the person's items.
    id: String,
    url: Option<String>,
    by: String,
    time: i64,
    commit: Option<String>,
    quoted: Option<String>,
}

/// A title without the squash suffix a forge gives it (`Title (#12)` → `Title`).
fn bare(title: &str) -> &str {
    let title = title.trim();
    refs::squash_suffix(title).map_or(title, |(_, t)| t.trim())
}

/// The pull request a title's squash suffix names (`Title (#12)` → 12).
fn number(title: &str) -> Option<u64> {
    refs::squash_suffix(title.trim()).and_then(|(n, _)| n.parse().ok())
}

/// Whether a title begins with `word`, whatever its case.
fn begins(title: &str, word: &str) -> bool {
    title
        .get(..word.len())
        .is_some_and(|w| w.eq_ignore_ascii_case(word))
}

impl Reverts {
    /// Looks at one commit of the period (no merge), committed at `time`: `by` its
    /// author's name; `persons` when the person wrote or co-wrote it.
    pub fn observe(&mut self, oid: Oid, time: i64, message: &str, by: &str, persons: bool) {
        static AGAIN: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
            regex::Regex::new(r#"(?i)^(reapply|re-?land)\s+"(.+)"\s*$"#).expect("valid")
        });
        let Some(full) = message.trim_start().lines().next() else {
            return;
        };
        let title = bare(full);
        // The cheap test first: every commit of the period passes here.
        let looks = ["revert", "reapply", "reland", "re-land"]
            .iter()
            .any(|w| begins(title, w))
            || message.contains("reverts commit");
        if !looks {
            if let Some(commits) = self.titled.get_mut(title) {
                commits.push(Titled {
                    oid,
                    time,
                    number: number(full),
                    persons,
                });
            }
            return;
        }
        if let Some(again) = AGAIN.captures(title).and_then(|c| c.get(2)) {
            self.reapplied
                .push((bare(again.as_str()).to_string(), time));
        }
        let quoted = refs::git_revert_of(title).map(str::trim);
        let body = message
            .trim_start()
            .split_once('\n')
            .map_or("", |(_, b)| b.trim_start());
        let opening = body.split("\n\n").next().unwrap_or("");
        // Deeper in a description under another title, the line is one of the commits a
        // squash merge lists, not what this commit does.
        let commit = refs::reverts_commit(opening)
            .or_else(|| quoted.and_then(|_| refs::reverts_commit(body)));
        if quoted.is_none() && commit.is_none() {
            return;
        }
        if let Some(q) = quoted.filter(|_| commit.is_none()) {
            self.titled.entry(bare(q).to_string()).or_default();
        }
        self.seen.push(Seen {
            oid,
            by: by.to_string(),
            time,
            persons,
            title: title.to_string(),
            commit: commit.map(str::to_string),
            quoted: quoted.map(str::to_string),
        });
    }

    /// The reverts by others whose undoing lasted: not reverted in turn, and their
    /// change not applied again. `id` and `url` make a revert's id and page from its SHA.
    pub fn by_others(
        self,
        id: impl Fn(&str) -> String,
        url: impl Fn(&str) -> Option<String>,
    ) -> Vec<ByOther> {
        let undone = |r: &Seen| {
            let sha = r.oid.to_string();
            self.seen.iter().any(|s| {
                s.time >= r.time
                    && (s.commit.as_deref().is_some_and(|c| sha.starts_with(c))
                        || s.quoted.as_deref().map(bare) == Some(r.title.as_str()))
            }) || r.quoted.as_deref().is_some_and(|q| {
                self.reapplied
                    .iter()
                    .any(|(t, at)| *at >= r.time && t.as_str() == bare(q))
            })
        };
        let mut out = Vec::new();
        for r in self.seen.iter().filter(|r| !r.persons && !undone(r)) {
            // A revert that names no commit undoes the nearest earlier commit of the
            // title it quotes (and of its number, when it quotes one): the person's, or
            // someone else's, whose revert marks nothing of theirs.
            let mut commit = r.commit.clone();
            if commit.is_none()
                && let Some(q) = r.quoted.as_deref()
            {
                let quoted_number = number(q);
                let nearest = self
                    .titled
                    .get(bare(q))
                    .into_iter()
                    .flatten()
                    .filter(|t| {
                        t.time <= r.time && (quoted_number.is_none() || t.number == quoted_number)
                    })
                    .max_by_key(|t| t.time);
                match nearest {
                    Some(t) if !t.persons => continue,
                    Some(t) => commit = Some(t.oid.to_string()),
                    None => {}
                }
            }
            let sha = r.oid.to_string();
            out.push(ByOther {
                id: id(&sha),
                url: url(&sha),
                by: r.by.clone(),
                time: r.time,
                commit,
                quoted: r.quoted.clone(),
            });
        }
        out
    }
}

impl ByOther {
    /// Whether this revert undid `e`, a commit of the person's, landed before it and
    /// within [`refs::REVERT_DAYS`]: the commit its description names, or the merge
    /// that brought the commit in (`meta.pr_merge`: `git revert -m 1` of a pull request's
    /// merge); else (naming none) one of the title it quotes, or of the pull request it
    /// came with (its title, or git's `Merge pull request #N from …`).
    fn undid(&self, e: &Evidence) -> bool {
        let names = match &self.commit {
            Some(c) => ["sha", "pr_merge"]
                .iter()
                .any(|k| e.meta_str(k).is_some_and(|sha| sha.starts_with(c.as_str()))),
            None => self.quoted.as_deref().is_some_and(|q| {
                // A quoted `(#N)` must be the commit's pull request: `Revert "Fix typo
                // (#120)"` undoes no `Fix typo (#98)`.
                let pr = e.meta_u64("pr_number").or_else(|| number(&e.title));
                let same_number = number(q).is_none_or(|n| Some(n) == pr);
                (same_number
                    && (bare(q) == bare(&e.title)
                        || e.meta_str("pr_title").is_some_and(|t| bare(q) == bare(t))))
                    || super::recorded::merged_pull_request(q)
                        .is_some_and(|n| e.meta_u64("pr_number") == Some(n))
            }),
        };
        // From its landing: when it was committed, else when it was written.
        let landed = e
            .meta
            .get("committed")
            .and_then(serde_json::Value::as_i64)
            .or_else(|| e.timestamp.map(|at: DateTime<Utc>| at.timestamp()));
        let soon = landed.is_some_and(|landed| {
            landed <= self.time && self.time - landed <= refs::REVERT_DAYS * 86_400
        });
        names && soon
    }
}

/// Marks the person's commits another reverted ([`MARKS`]): `meta.reverted_by` (the
/// revert's id), `reverted_by_author`, `reverted_by_url` and `reverted_at`.
pub fn annotate(commits: &mut [Evidence], reverts: &[ByOther]) {
    if reverts.is_empty() {
        return;
    }
    for e in commits.iter_mut() {
        let Some(r) = reverts.iter().find(|r| r.undid(e)) else {
            continue;
        };
        let at = DateTime::<Utc>::from_timestamp(r.time, 0).map(|at| at.to_rfc3339());
        let values = [Some(r.id.clone()), Some(r.by.clone()), r.url.clone(), at];
        for (key, value) in MARKS.iter().zip(values) {
            if let Some(value) = value {
                e.meta.insert((*key).into(), json!(value));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn oid(n: u8) -> Oid {
        Oid::from_bytes(&[n; 20]).unwrap()
    }

    fn commit(sha: Oid, title: &str, at: i64) -> Evidence {
        let mut e = Evidence::new(format!("git:o/r:{sha}"), crate::model::Kind::Commit, title);
        e.meta.insert("sha".into(), json!(sha.to_string()));
        e.timestamp = DateTime::from_timestamp(at, 0);
        e
    }

    fn marked(reverts: Reverts, commits: &mut [Evidence]) -> Vec<Option<String>> {
        let others = reverts.by_others(|s| format!("git:o/r:{s}"), |_| None);
        annotate(commits, &others);
        commits
            .iter()
            .map(|e| e.meta_str("reverted_by_author").map(str::to_string))
            .collect()
    }

    const DAY: i64 = 86_400;

    #[test]
    fn a_revert_by_another_marks_the_commit_it_names_or_quotes() {
        let mut r = Reverts::default();
        // GitHub's revert button, squash-merged: the title quotes the original's, with
        // its number, and the description names its SHA.
        let body = format!(
            "Revert \"Add streaming support (#8993)\" (#9115)\n\nThis reverts commit {}.\n",
            oid(1)
        );
        r.observe(oid(9), 16 * DAY, &body, "Jesse Wilson", false);
        // Quoted only, no SHA.
        r.observe(
            oid(8),
            3 * DAY,
            "Revert \"Tune the cache\"",
            "Jesse Wilson",
            false,
        );
        let mut commits = [
            commit(oid(1), "Add streaming support (#8993)", 0),
            commit(oid(2), "Tune the cache", 2 * DAY),
            commit(oid(3), "Add streaming support (#8993)", 20 * DAY),
        ];
        assert_eq!(
            marked(r, &mut commits),
            [
                Some("Jesse Wilson".into()),
                Some("Jesse Wilson".into()),
                None
            ]
        );
        assert_eq!(
            commits[0].meta_str("reverted_by"),
            Some(&*format!("git:o/r:{}", oid(9)))
        );
        assert_eq!(
            commits[0].meta_str("reverted_at"),
            Some("1970-01-17T00:00:00+00:00")
        );
    }

    #[test]
    fn a_revert_of_a_pull_requests_merge_marks_the_commits_it_brought_in() {
        let mut r = Reverts::default();
        // `git revert -m 1` of the merge, and a revert quoting git's merge title.
        let body = format!(
            "Revert \"Add the parser\"\n\nThis reverts commit {}, reversing\nchanges made to {}.",
            oid(5),
            oid(4)
        );
        r.observe(oid(9), DAY, &body, "Other", false);
        r.observe(
            oid(8),
            DAY,
            "Revert \"Merge pull request #7 from alice/cache\"",
            "Other",
            false,
        );
        let mut parser = commit(oid(1), "parser: first pass", 0);
        parser
            .meta
            .insert("pr_merge".into(), json!(oid(5).to_string()));
        let mut cache = commit(oid(2), "cache: add it", 0);
        cache.meta.insert("pr_number".into(), json!(7));
        let mut other = commit(oid(3), "docs: more", 0);
        other.meta.insert("pr_number".into(), json!(8));
        let mut commits = [parser, cache, other];
        assert_eq!(
            marked(r, &mut commits),
            [Some("Other".into()), Some("Other".into()), None]
        );
    }

    #[test]
    fn reverts_undone_reapplied_late_or_the_persons_own_mark_nothing() {
        let mut r = Reverts::default();
        r.observe(oid(9), DAY, "Revert \"Add A\"", "Other", false);
        r.observe(
            oid(8),
            2 * DAY,
            "Revert \"Revert \"Add A\"\"",
            "Other",
            false,
        );
        r.observe(oid(7), DAY, "Revert \"Add B\"", "Other", false);
        r.observe(oid(6), 2 * DAY, "Reapply \"Add B\"", "Other", false);
        // Forty days later: the change shipped, then was taken out.
        r.observe(oid(5), 40 * DAY, "Revert \"Add C\"", "Other", false);
        r.observe(oid(4), DAY, "Revert \"Add D\"", "Alice", true);
        // A squash merge's list of commits names a revert below another title.
        let squash = format!(
            "Rework the parser (#5)\n\nAdd E\n\nThis reverts commit {}.",
            oid(3)
        );
        r.observe(oid(2), DAY, &squash, "Other", false);
        let mut commits = [
            commit(oid(11), "Add A", 0),
            commit(oid(12), "Add B", 0),
            commit(oid(13), "Add C", 0),
            commit(oid(14), "Add D", 0),
            commit(oid(3), "Add E", 0),
        ];
        assert_eq!(marked(r, &mut commits), [None, None, None, None, None]);
    }

    #[test]
    fn a_quoted_title_undoes_its_nearest_earlier_commit_of_that_title_and_number() {
        let mut r = Reverts::default();
        // The person's "Fix typo (#98)", then another's "Fix typo (#120)", reverted by
        // number; and the person's "Bump the pin", then another's of the same title,
        // reverted by title alone: the other's, nearer, is the one undone.
        r.observe(
            oid(9),
            5 * DAY,
            "Revert \"Fix typo (#120)\"",
            "Other",
            false,
        );
        r.observe(oid(8), 5 * DAY, "Revert \"Bump the pin\"", "Other", false);
        r.observe(oid(3), 3 * DAY, "Fix typo (#120)", "Other", false);
        r.observe(oid(4), 3 * DAY, "Bump the pin", "Other", false);
        r.observe(oid(1), DAY, "Fix typo (#98)", "Alice", true);
        r.observe(oid(2), DAY, "Bump the pin", "Alice", true);
        let mut commits = [
            commit(oid(1), "Fix typo (#98)", DAY),
            commit(oid(2), "Bump the pin", DAY),
        ];
        assert_eq!(marked(r, &mut commits), [None, None]);
        // Not seen at all, a commit of another number is still no match.
        let mut r = Reverts::default();
        r.observe(
            oid(9),
            5 * DAY,
            "Revert \"Fix typo (#120)\"",
            "Other",
            false,
        );
        let mut commits = [commit(oid(1), "Fix typo (#98)", DAY)];
        assert_eq!(marked(r, &mut commits), [None]);
    }

    #[test]
    fn the_days_count_from_the_landing_not_the_writing() {
        // Written 40 days before it landed, reverted two days after.
        let mut r = Reverts::default();
        r.observe(oid(9), 42 * DAY, "Revert \"Add retries\"", "Other", false);
        let mut landed = commit(oid(1), "Add retries", 0);
        landed.meta.insert("committed".into(), json!(40 * DAY));
        let mut commits = [landed];
        assert_eq!(marked(r, &mut commits), [Some("Other".into())]);
    }

    #[test]
    fn ordinary_titles_are_passed_over() {
        let mut r = Reverts::default();
        r.observe(oid(1), DAY, "Revert to the old parser", "Other", false);
        r.observe(oid(2), DAY, "Fix the revert button", "Other", false);
        r.observe(oid(3), DAY, "Rev", "Other", false);
        assert!(r.seen.is_empty());
    }
}
