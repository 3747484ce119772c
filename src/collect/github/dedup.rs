//! No double counting: a local commit that belongs to a collected pull request (one of
//! its commits, or its merge / squash commit) is shown under the pull request, not again
//! on its own; a review git records of a pull request the person also reviewed on GitHub
//! is shown as the GitHub review.

use crate::model::Evidence;
use crate::model::evidence::Kind;
use serde_json::Value;
use std::collections::HashMap;

/// Removes commit records whose SHA is one of a pull request's `meta.commits` or its
/// `meta.merge_commit_sha`, and lists their ids in that pull request's
/// `meta.local_commits`. What their repository marks generated comes with them
/// (`meta.generated_paths`, `meta.generated_lines`, at most the pull request's lines):
/// jq's fix beside its regenerated parser stays mechanical as a pull request; and a pull
/// request whose commits all only move pinned versions is a pin bump (`meta.pin_bump`); a
/// pull request whose merge or squash commit, or every commit, another reverted says so
/// (`meta.reverted_by` and the keys beside it: [`crate::collect::git::reverts::MARKS`]).
/// Returns how many commits were folded.
pub fn fold_local_commits(evidence: &mut Vec<Evidence>) -> usize {
    // SHA (lower case) -> index of the pull request that owns it.
    let mut owner: HashMap<String, usize> = HashMap::new();
    for (i, e) in evidence.iter().enumerate() {
        if e.kind != Kind::PullRequest {
            continue;
        }
        let commits = e
            .meta
            .get("commits")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str);
        for sha in commits.chain(e.meta_str("merge_commit_sha")) {
            owner.entry(sha.to_lowercase()).or_insert(i);
        }
    }
    if owner.is_empty() {
        return 0;
    }
    let mut folded: HashMap<usize, Vec<String>> = HashMap::new();
    let mut marks: HashMap<usize, Marks> = HashMap::new();
    let mut keep = vec![true; evidence.len()];
    for (i, e) in evidence.iter().enumerate() {
        if e.kind != Kind::Commit {
            continue;
        }
        let Some(sha) = e.meta_str("sha") else {
            continue;
        };
        if let Some(&pr) = owner.get(&sha.to_lowercase()) {
            folded.entry(pr).or_default().push(e.id.clone());
            keep[i] = false;
            let is_merge = evidence[pr]
                .meta_str("merge_commit_sha")
                .is_some_and(|m| m.eq_ignore_ascii_case(sha));
            marks.entry(pr).or_default().add(e, is_merge);
        }
    }
    for (pr, m) in marks {
        m.set_on(&mut evidence[pr]);
    }
    let count = keep.iter().filter(|k| !**k).count();
    for (pr, mut ids) in folded {
        ids.sort();
        let list = evidence[pr]
            .meta
            .entry("local_commits")
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(items) = list {
            for id in ids {
                if !items.iter().any(|v| v.as_str() == Some(id.as_str())) {
                    items.push(Value::String(id));
                }
            }
        }
    }
    let mut i = 0;
    evidence.retain(|_| {
        let k = keep[i];
        i += 1;
        k
    });
    count
}

/// The generated files folded commits recorded, for their pull request.
#[derive(Default)]
struct Marks {
    paths: std::collections::BTreeSet<String>,
    /// The most lines one commit changed in generated files: commits that each
    /// regenerate a file change it once in the pull request, so their sum says too much;
    /// the largest is what the pull request holds at least.
    lines: u64,
    /// The commits folded, and those of them that only move pinned actions or images to
    /// other versions (`meta.pin_bump`): a pull request of such commits alone is one too.
    commits: usize,
    pin_bumps: usize,
    /// What says another reverted a folded commit (`meta.reverted_by` and the keys
    /// beside it), and of how many of them: the pull request was reverted when its merge
    /// or squash commit was, or all its commits were (a revert of one commit pushed onto
    /// the branch before it merged undoes no pull request).
    reverted: Vec<(String, Value)>,
    reverted_commits: usize,
    merge_reverted: bool,
}

impl Marks {
    fn add(&mut self, commit: &Evidence, is_merge: bool) {
        let paths = commit.meta.get("generated_paths").and_then(Value::as_array);
        self.paths.extend(
            paths
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(str::to_string),
        );
        self.lines = self
            .lines
            .max(commit.meta_u64("generated_lines").unwrap_or(0));
        self.commits += 1;
        self.pin_bumps += usize::from(commit.meta_flag("pin_bump"));
        if commit.meta.contains_key("reverted_by") {
            self.reverted_commits += 1;
            self.merge_reverted |= is_merge;
            if self.reverted.is_empty() || is_merge {
                self.reverted = crate::collect::git::reverts::MARKS
                    .iter()
                    .filter_map(|k| Some((k.to_string(), commit.meta.get(*k)?.clone())))
                    .collect();
            }
        }
    }

    /// On the pull request: the paths it changed (all, when GitHub gave none), and the
    /// lines, no more than it changed; and another's revert of a folded commit.
    fn set_on(self, pr: &mut Evidence) {
        if self.commits > 0 && self.pin_bumps == self.commits {
            pr.meta.insert("pin_bump".into(), serde_json::json!(true));
        }
        if self.merge_reverted || (self.commits > 0 && self.reverted_commits == self.commits) {
            pr.meta.extend(self.reverted);
        }
        let paths: Vec<String> = self
            .paths
            .into_iter()
            .filter(|p| pr.paths.is_empty() || pr.paths.contains(p))
            .collect();
        if paths.is_empty() {
            return;
        }
        let lines = match pr.additions {
            Some(_) => self.lines.min(pr.churn()),
            None => self.lines,
        };
        pr.meta
            .insert("generated_paths".into(), serde_json::json!(paths));
        pr.meta
            .insert("generated_lines".into(), serde_json::json!(lines));
    }
}

/// Removes the reviews git records (`meta.source = "git"`) of a pull request the person
/// also reviewed on GitHub (same repository and number): the GitHub review says more.
/// Their ids are listed in that review's `meta.recorded_in_git`. Returns how many.
pub fn fold_recorded_reviews(evidence: &mut Vec<Evidence>) -> usize {
    // A pull request of another repository (`meta.pr_repo`) is that repository's.
    let key = |e: &Evidence| {
        let repo = e.meta_str("pr_repo").unwrap_or(&e.repo);
        Some((repo.to_lowercase(), e.meta_u64("pr_number")?))
    };
    let mut reviewed: HashMap<(String, u64), usize> = HashMap::new();
    for (i, e) in evidence.iter().enumerate() {
        if e.kind == Kind::Review
            && e.meta_str("source") != Some("git")
            && let Some(k) = key(e)
        {
            reviewed.entry(k).or_insert(i);
        }
    }
    if reviewed.is_empty() {
        return 0;
    }
    let mut folded: Vec<(usize, String)> = Vec::new();
    let mut keep = vec![true; evidence.len()];
    for (i, e) in evidence.iter().enumerate() {
        if e.kind == Kind::Review
            && e.meta_str("source") == Some("git")
            && let Some(&review) = key(e).and_then(|k| reviewed.get(&k))
        {
            folded.push((review, e.id.clone()));
            keep[i] = false;
        }
    }
    for (review, id) in &folded {
        let list = evidence[*review]
            .meta
            .entry("recorded_in_git")
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(items) = list {
            items.push(Value::String(id.clone()));
        }
    }
    let mut i = 0;
    evidence.retain(|_| {
        let k = keep[i];
        i += 1;
        k
    });
    folded.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn commit(repo: &str, sha: &str) -> Evidence {
        let mut e = Evidence::new(format!("git:{repo}:{sha}"), Kind::Commit, "c");
        e.meta.insert("sha".into(), json!(sha));
        e
    }

    fn pr(n: u64, commits: &[&str], merge: Option<&str>) -> Evidence {
        let mut e = Evidence::new(format!("gh:pr:acme/w#{n}"), Kind::PullRequest, "p");
        e.meta.insert("commits".into(), json!(commits));
        e.meta.insert("merge_commit_sha".into(), json!(merge));
        e
    }

    #[test]
    fn branch_commits_and_squash_commits_fold_into_their_pull_request() {
        let mut ev = vec![
            commit("acme/w", "aaa"),
            commit("acme/w", "bbb"),
            commit("acme/w", "SQUASH"),
            commit("acme/w", "ccc"),
            pr(1, &["aaa", "bbb"], Some("0123")),
            pr(2, &["zzz"], Some("squash")),
        ];
        assert_eq!(fold_local_commits(&mut ev), 3);
        let ids: Vec<&str> = ev.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["git:acme/w:ccc", "gh:pr:acme/w#1", "gh:pr:acme/w#2"]);
        assert_eq!(
            ev[1].meta["local_commits"],
            json!(["git:acme/w:aaa", "git:acme/w:bbb"])
        );
        assert_eq!(ev[2].meta["local_commits"], json!(["git:acme/w:SQUASH"]));
    }

    #[test]
    fn a_pull_request_of_pin_bumps_alone_is_a_pin_bump() {
        // attrs' "Update actions (#1468)": with --github, the pull request stands for its
        // squash commit, and had led the pipeline statements again.
        let bump = |sha: &str| {
            let mut c = commit("acme/w", sha);
            c.meta.insert("pin_bump".into(), json!(true));
            c
        };
        let mut ev = vec![
            bump("aaa"),
            bump("bbb"),
            commit("acme/w", "ccc"),
            pr(1, &["aaa"], Some("bbb")),
            pr(2, &["ccc"], Some("ddd")),
        ];
        fold_local_commits(&mut ev);
        assert_eq!(ev[0].meta["pin_bump"], true);
        assert!(
            ev[1].meta.get("pin_bump").is_none(),
            "its commit moved no pin only"
        );
    }

    #[test]
    fn a_pull_request_whose_commit_another_reverted_says_so() {
        // okhttp: with --github, the pull request stands for its squash commit, and a
        // revert of the commit is a revert of the pull request.
        let mut squash = commit("acme/w", "aaa");
        squash
            .meta
            .insert("reverted_by".into(), json!("git:acme/w:fff"));
        squash
            .meta
            .insert("reverted_by_author".into(), json!("Jesse Wilson"));
        let mut ev = vec![
            squash,
            commit("acme/w", "bbb"),
            pr(1, &[], Some("aaa")),
            pr(2, &[], Some("bbb")),
        ];
        fold_local_commits(&mut ev);
        assert_eq!(ev[0].meta["reverted_by"], "git:acme/w:fff");
        assert_eq!(ev[0].meta["reverted_by_author"], "Jesse Wilson");
        assert!(ev[0].meta.get("reverted_by_url").is_none());
        assert!(ev[1].meta.get("reverted_by").is_none());
        // One commit of a branch reverted on the branch before it merged: the pull
        // request stands.
        let mut one = commit("acme/w", "ccc");
        one.meta
            .insert("reverted_by".into(), json!("git:acme/w:eee"));
        let mut ev = vec![
            one,
            commit("acme/w", "ddd"),
            pr(3, &["ccc", "ddd"], Some("m3")),
        ];
        fold_local_commits(&mut ev);
        assert!(ev[0].meta.get("reverted_by").is_none(), "{:?}", ev[0].meta);
    }

    #[test]
    fn generated_files_the_commits_recorded_come_with_them() {
        // jq's fix: 556 of its lines in the parser its .gitattributes marks generated.
        let mut fix = commit("jqlang/jq", "aaa");
        fix.meta
            .insert("generated_paths".into(), json!(["src/parser.c"]));
        fix.meta.insert("generated_lines".into(), json!(556));
        let mut pull = pr(3412, &["aaa"], Some("sq"));
        pull.paths = vec!["src/parser.c".into(), "src/parser.y".into()];
        (pull.additions, pull.deletions) = (Some(307), Some(302));
        (fix.additions, fix.deletions) = (Some(307), Some(302));
        let mut ev = vec![fix, pull];
        fold_local_commits(&mut ev);
        assert_eq!(ev[0].meta["generated_paths"], json!(["src/parser.c"]));
        assert_eq!(ev[0].meta["generated_lines"], 556);
        // Not more than the pull request changed, and only its paths.
        let mut other = commit("jqlang/jq", "bbb");
        other
            .meta
            .insert("generated_paths".into(), json!(["src/lexer.c"]));
        other.meta.insert("generated_lines".into(), json!(900));
        let mut small = pr(1, &["bbb"], None);
        small.paths = vec!["src/parser.c".into()];
        let mut ev = vec![other.clone(), small];
        fold_local_commits(&mut ev);
        assert!(ev[0].meta.get("generated_paths").is_none());
        drop(other);
        // Three commits that each regenerate the lexer (300 lines), one beside 100 lines
        // written by hand: in the pull request the lexer changed once, 300 of its 400
        // lines, not the commits' sum (900).
        let regen = |sha: &str, churn: u64| {
            let mut c = commit("jqlang/jq", sha);
            c.meta
                .insert("generated_paths".into(), json!(["src/lexer.c"]));
            c.meta.insert("generated_lines".into(), json!(300));
            (c.additions, c.deletions) = (Some(churn), Some(0));
            c
        };
        let mut lexer = pr(2, &["b1", "b2", "b3"], None);
        lexer.paths = vec!["src/lexer.c".into(), "src/lexer.l".into()];
        (lexer.additions, lexer.deletions) = (Some(400), Some(0));
        let mut ev = vec![regen("b1", 400), regen("b2", 300), regen("b3", 300), lexer];
        fold_local_commits(&mut ev);
        assert_eq!(ev[0].meta["generated_lines"], 300);
    }

    #[test]
    fn a_review_git_records_folds_into_the_same_review_on_github() {
        let review = |id: &str, repo: &str, n: u64, git: bool| {
            let mut e = Evidence::new(id, Kind::Review, "r");
            e.repo = repo.into();
            e.meta.insert("pr_number".into(), json!(n));
            if git {
                e.meta.insert("source".into(), json!("git"));
            }
            e
        };
        let mut ev = vec![
            review("git-review:acme/w:1", "acme/w", 7, true),
            review("git-review:acme/w:2", "acme/w", 8, true),
            review("git-review:other/x:3", "other/x", 7, true),
            review("gh:review:99", "Acme/W", 7, false),
        ];
        assert_eq!(fold_recorded_reviews(&mut ev), 1);
        let ids: Vec<&str> = ev.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "git-review:acme/w:2",
                "git-review:other/x:3",
                "gh:review:99"
            ]
        );
        assert_eq!(
            ev[2].meta["recorded_in_git"],
            json!(["git-review:acme/w:1"])
        );
    }

    #[test]
    fn nothing_changes_without_pull_requests_or_matches() {
        let mut ev = vec![commit("r", "aaa"), pr(1, &[], None)];
        assert_eq!(fold_local_commits(&mut ev), 0);
        assert_eq!(ev.len(), 2);
        assert!(ev[1].meta.get("local_commits").is_none());
    }
}
