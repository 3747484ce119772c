//! The evidence record: the JSON contract between `collect` and `classify`.

use chrono::{DateTime, TimeZone, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};

pub const EVIDENCE_SCHEMA: u32 = 1;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Commit,
    PullRequest,
    Review,
    Issue,
    DesignDoc,
    Note,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Commit,
        Kind::PullRequest,
        Kind::Review,
        Kind::Issue,
        Kind::DesignDoc,
        Kind::Note,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Commit => "commit",
            Kind::PullRequest => "pull_request",
            Kind::Review => "review",
            Kind::Issue => "issue",
            Kind::DesignDoc => "design_doc",
            Kind::Note => "note",
        }
    }
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One item of evidence. Only `id`, `kind` and `title` are required on input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Evidence {
    pub id: String,
    pub kind: Kind,
    #[serde(default)]
    pub repo: String,
    #[serde(default)]
    pub author: String,
    #[serde(default)]
    pub timestamp: Option<DateTime<Utc>>,
    pub title: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub paths: Vec<String>,
    #[serde(default)]
    pub additions: Option<u64>,
    #[serde(default)]
    pub deletions: Option<u64>,
    #[serde(default)]
    pub files_changed: Option<u64>,
    #[serde(default)]
    pub labels: Vec<String>,
    #[serde(default)]
    pub meta: Map<String, Value>,
}

impl Evidence {
    /// A record with the required fields and everything else empty.
    pub fn new(id: impl Into<String>, kind: Kind, title: impl Into<String>) -> Self {
        Evidence {
            id: id.into(),
            kind,
            repo: String::new(),
            author: String::new(),
            timestamp: None,
            title: title.into(),
            body: String::new(),
            url: None,
            paths: Vec::new(),
            additions: None,
            deletions: None,
            files_changed: None,
            labels: Vec::new(),
            meta: Map::new(),
        }
    }

    /// Trailers as `Key: value` lines (from `meta.trailers`), for rules to match.
    pub fn trailer_lines(&self) -> Vec<String> {
        match self.meta.get("trailers") {
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|t| {
                    let key = t.get("key")?.as_str()?;
                    let value = t.get("value")?.as_str()?;
                    Some(format!("{key}: {value}"))
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Whether `meta.key` is `true` (absent or any other value: false).
    pub fn meta_flag(&self, key: &str) -> bool {
        self.meta.get(key).and_then(Value::as_bool) == Some(true)
    }

    pub fn meta_str(&self, key: &str) -> Option<&str> {
        self.meta.get(key).and_then(Value::as_str)
    }

    /// What names the author of the change a review was on, lower case: the name or
    /// login given (`pr_author`), and where git recorded them the author's email and
    /// name (`pr_author_email`, `pr_author_name`). See [`count_people_reviewed`].
    fn reviewed_identifiers(&self) -> Vec<String> {
        ["pr_author", "pr_author_email", "pr_author_name"]
            .iter()
            .filter_map(|k| self.meta_str(k))
            .filter(|v| !v.is_empty())
            .map(str::to_lowercase)
            .collect()
    }

    pub fn meta_u64(&self, key: &str) -> Option<u64> {
        self.meta.get(key).and_then(Value::as_u64)
    }

    /// A commit the person only co-authored: someone else is its author.
    pub fn is_co_authored(&self) -> bool {
        self.meta_str("role") == Some("co-author")
    }

    /// The author of the commit this one copies (`git cherry-pick -x`), when that is
    /// someone else: the person committed another's change onto a branch.
    pub fn copies_work_of(&self) -> Option<&str> {
        self.meta_str("copy_of_author")
    }

    /// Who opened the pull request a commit of the person's was pushed onto, when that is
    /// someone else's: the commit is the person's, the piece of work is not theirs.
    pub fn on_others_pull_request(&self) -> Option<&str> {
        self.meta_str("pr_opener")
    }

    /// Whether the person led the piece of work an item is part of: their own writing,
    /// not on someone else's pull request.
    pub fn leads_its_piece(&self) -> bool {
        !self.is_others_work() && self.on_others_pull_request().is_none()
    }

    /// Whether the work in a commit is someone else's: one the person only co-authored,
    /// or their copy of another's change (a backport). It weighs half, and is no work
    /// the person led or wrote themselves.
    pub fn is_others_work(&self) -> bool {
        self.is_co_authored() || self.copies_work_of().is_some()
    }

    pub fn churn(&self) -> u64 {
        self.additions.unwrap_or(0) + self.deletions.unwrap_or(0)
    }
}

/// What `collect` writes: the records plus what the collection could and could not see.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EvidenceFile {
    pub schema: u32,
    /// Who the evidence is about and the period it covers, when `collect` produced it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collection: Option<Collection>,
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Collection {
    pub person: String,
    #[serde(default)]
    pub identities: Vec<String>,
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    #[serde(default)]
    pub sources: Vec<SourceSummary>,
    /// What could not be seen: unreadable repositories, shallow clones, skipped queries.
    #[serde(default)]
    pub warnings: Vec<String>,
    /// The same gaps as data, with what each cost (docs/robustness.md); every entry's
    /// message is also one of `warnings`. Absent when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unseen: Vec<super::Unseen>,
    /// What the GitHub collection saw and could not see, when it ran.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "GithubSummary")]
    pub github: Option<GithubSummary>,
}

/// The GitHub side of a collection: review reach, and what could not be seen.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
#[schemars(deny_unknown_fields)]
pub struct GithubSummary {
    /// `github.com` or the GitHub Enterprise Server host.
    pub host: String,
    pub login: String,
    pub pull_requests: usize,
    pub issues: usize,
    /// Reviews the person submitted on other people's pull requests in the period.
    pub reviews_given: usize,
    /// Distinct authors of the pull requests the person reviewed.
    pub people_reviewed: usize,
    /// HTTP requests the collection sent, retries included.
    pub requests: usize,
    /// Set when the run fetched only what changed since this time (the stored cursor).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "DateTime<Utc>")]
    pub incremental_since: Option<DateTime<Utc>>,
    /// Included repositories or owners that answered 404 or 403.
    pub skipped_repositories: Vec<String>,
    /// Searches whose results could not all be fetched.
    pub truncated_queries: Vec<String>,
    /// Token scopes that are missing (classic tokens only say which they have).
    pub missing_scopes: Vec<String>,
    /// The rate limit stopped the collection early (`--no-wait`).
    pub rate_limited: bool,
    /// The issue search syntax used: `advanced` (OR-grouped owners and repositories) or
    /// `legacy` (an Enterprise Server that predates it).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", extend("enum" = ["advanced", "legacy"]))]
    pub search_syntax: Option<String>,
    /// The token's kind (`classic`, `fine-grained`, `installation`, `oauth`, ...), never
    /// the token.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub token_kind: Option<String>,
}

/// In a source's `kinds`: the reviews git records (trailers, approvals in merges, merges
/// and landings of others' changes). They show that a change was reviewed, not what the
/// review said, so they measure code review but not teaching through review.
pub const RECORDED_REVIEWS: &str = "recorded_review";

impl Collection {
    /// Records a gap: as data, and as a line under "What could not be seen".
    pub fn add_unseen(&mut self, unseen: super::Unseen) {
        if !self.warnings.contains(&unseen.message) {
            self.warnings.push(unseen.message.clone());
        }
        self.unseen.push(unseen);
    }

    /// The sources that failed as a whole: the run that made this is incomplete.
    pub fn failures(&self) -> impl Iterator<Item = &super::Unseen> {
        self.unseen.iter().filter(|u| u.failed)
    }
}

/// One source that was read: a repository or a GitHub query.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct SourceSummary {
    pub name: String,
    pub path: String,
    pub items: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub web_url: Option<String>,
    /// The kinds of item this source looked for (`commit`, `design_doc`, `review`, ...):
    /// what the collection could see, so that a kind nobody looked for is "not measured"
    /// rather than "none". Empty in evidence from older versions or other tools.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("items" = {"enum": ["commit", "pull_request", "review", "issue", "design_doc", "note", "recorded_review"]}))]
    pub kinds: Vec<String>,
    /// Where the repository's changes are reviewed when that is outside git and outside
    /// what evident reads (`Gerrit`, or `Gerrit (go-review.googlesource.com)`): reviews
    /// given there show only where a trailer names the reviewer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed_on: Option<String>,
    /// Authors of the period with the person's name but another email, and their
    /// commits: likely the person's, not counted on that guess (the walk sees them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub likely_aliases: Vec<LikelyAlias>,
    /// The person's commits that landed in the period (committed in it) but were written
    /// before it, so are not counted in it.
    #[serde(default, skip_serializing_if = "WrittenBefore::is_empty")]
    pub written_before: WrittenBefore,
    /// Others' pull requests of the period the forge merged as one commit (squashed or
    /// rebased by GitHub or GitLab): git does not record who reviewed or merged them.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub merged_on_forge: usize,
    /// Others' pull requests of the period the forge merged as one commit that name the
    /// person co-author (their commits pushed onto it): the person's co-authored work,
    /// not in `merged_on_forge`.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub merged_on_forge_with_you: usize,
    /// The annotated tags of the period that the read history reaches: releases git
    /// records only as tags, which evident does not read as work.
    #[serde(default, skip_serializing_if = "ReleaseTags::is_empty")]
    pub release_tags: ReleaseTags,
    /// The period's commits under the person's identity that an automation made (a deploy
    /// action's): left out of the person's work, which `git log --author` counts.
    #[serde(default, skip_serializing_if = "Automated::is_empty")]
    pub automated: Automated,
    /// The person's commits of the period in this repository that an earlier repository
    /// read holds too (a fork's upstream, a history merged whole), by that repository:
    /// they count once, there.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub counted_in: BTreeMap<String, usize>,
    /// The person's merges of the period that merge no pull request (a branch kept in
    /// step with another tree, a release branch merged back): left out, as `git log
    /// --no-merges` leaves them. Empty with `--include-merges`, which counts them.
    #[serde(default, skip_serializing_if = "BranchMerges::is_empty")]
    pub branch_merges: BranchMerges,
}

/// Merges of branches the person made that no record takes: how many, and the title
/// most of them share (tmux's `Merge branch 'obsd-master'`, 354 of 358).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct BranchMerges {
    pub merges: usize,
    /// The commonest title among them, when two or more share it (or the one merge's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// How many have that title.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub titled: usize,
}

impl BranchMerges {
    pub fn is_empty(&self) -> bool {
        self.merges == 0
    }

    /// The count and the commonest title (shared by two or more) of merge titles.
    pub fn of(titles: &[String]) -> BranchMerges {
        let mut by_title: BTreeMap<&str, usize> = BTreeMap::new();
        for t in titles {
            *by_title.entry(t.as_str()).or_default() += 1;
        }
        // The commonest; of equals, the first by title, so the result is stable.
        let top = by_title
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .filter(|(_, n)| **n >= 2 || titles.len() == 1);
        BranchMerges {
            merges: titles.len(),
            title: top.map(|(t, _)| t.to_string()),
            titled: top.map_or(0, |(_, n)| *n),
        }
    }
}

/// Commits an automation made under the person's identity: how many, and the addresses
/// (after the mailmap, lower case) they were under.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Automated {
    pub commits: usize,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub emails: Vec<String>,
    /// Bots' commits of the period that name the person co-author: a bot's commit is no
    /// one's work, and these are left out too.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub bots_naming_you: usize,
    /// Bots' pull requests (dependency bumps) the person merged in the period: no review
    /// of a person's work, so no review.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub bots_merged: usize,
    /// Others' merges of one branch into another, squashed as one commit (`Merge main
    /// into next (#15348)`), that name the person co-author among the authors of every
    /// commit they brought in: no change of theirs, and left out too.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub branch_merges_naming_you: usize,
    /// How many of `commits` each automation made, by its key (`pages-deploy`, `mkdocs`,
    /// `mike`, `ci-format`, `workflow`; see `bots::Automation`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub kinds: BTreeMap<String, usize>,
    /// The titles of the `workflow` ones, with how many bore each (the first
    /// [`Automated::TITLES_KEPT`] distinct titles; the others are counted in `kinds` only).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub workflow_titles: BTreeMap<String, usize>,
}

impl Automated {
    /// Distinct workflow titles kept: a reader is shown the commonest two.
    pub const TITLES_KEPT: usize = 20;

    /// One commit an automation made under the person's `email` (lower case).
    pub fn add(
        &mut self,
        kind: crate::model::bots::Automation,
        email: &str,
        title: impl FnOnce() -> String,
    ) {
        self.commits += 1;
        if !self.emails.iter().any(|e| e == email) {
            self.emails.push(email.to_string());
        }
        *self.kinds.entry(kind.key().to_string()).or_default() += 1;
        if kind == crate::model::bots::Automation::Workflow {
            let title = title();
            if let Some(n) = self.workflow_titles.get_mut(&title) {
                *n += 1;
            } else if self.workflow_titles.len() < Self::TITLES_KEPT {
                self.workflow_titles.insert(title, 1);
            }
        }
    }

    /// Another repository's, added to these.
    pub fn absorb(&mut self, other: &Automated) {
        self.commits += other.commits;
        self.bots_naming_you += other.bots_naming_you;
        self.bots_merged += other.bots_merged;
        self.branch_merges_naming_you += other.branch_merges_naming_you;
        for email in &other.emails {
            if !self.emails.contains(email) {
                self.emails.push(email.clone());
            }
        }
        for (k, n) in &other.kinds {
            *self.kinds.entry(k.clone()).or_default() += n;
        }
        for (t, n) in &other.workflow_titles {
            *self.workflow_titles.entry(t.clone()).or_default() += n;
        }
    }

    pub fn is_empty(&self) -> bool {
        self.commits == 0
            && self.bots_naming_you == 0
            && self.bots_merged == 0
            && self.branch_merges_naming_you == 0
    }
}

/// For `skip_serializing_if`: a count of nothing is left out.
pub(crate) fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// A source's annotated tags made in the period (by the tagger's date) on the history
/// read: how many, how many the person made, and the names of the person's (the first
/// twelve, oldest first).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ReleaseTags {
    pub tags: usize,
    pub persons: usize,
    /// Of the person's, those on a commit of theirs whose title names the version
    /// (`Release v3.14.0` tagged `v3.14.0`): a release that counts as their commit.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub named: usize,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<String>,
    /// The commits the person's tags are on: a release tagged twice (prometheus' `v3.7.0`
    /// and its Go module's `v0.307.0`) is one commit.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub commits: usize,
    /// Of the person's, those whose name marks a pre-release (`v3.13.0-rc.0`,
    /// `rc-8_22_0-1`, `2.0.0b1`).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub candidates: usize,
    /// Of `tags`, those an automation made (a release workflow's bot): git does not say
    /// who started it.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub by_automation: usize,
    /// The automations that made them (at most three names).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub automations: Vec<String>,
}

impl ReleaseTags {
    pub fn is_empty(&self) -> bool {
        self.tags == 0
    }
}

/// The person's commits committed in the period but written (authored) before it: a
/// contribution that waited months for review lands in one period and counts in the
/// one it was written in, as git's author date says.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct WrittenBefore {
    pub commits: usize,
    /// The earliest author time among them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub earliest: Option<DateTime<Utc>>,
    /// The first few of them (at most [`WrittenBefore::NAMED`]), by sha: few are better
    /// named than sent for with a wider period.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub named: Vec<String>,
    /// One of them was written more than [`WrittenBefore::NEAR_DAYS`] days before the
    /// period: widening the period to take it in would take in much else (attrs'
    /// maintainer's one reworded copy of a 19-month-old commit).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub long_before: bool,
}

impl WrittenBefore {
    /// How many are named.
    pub const NAMED: usize = 3;
    /// How far before the period a commit may be written for `--since` to be the advice.
    pub const NEAR_DAYS: i64 = 92;

    /// One more, written at `time` (seconds), before a period starting at `since`.
    pub fn add(&mut self, time: i64, sha: &str, since: i64) {
        self.merge(&WrittenBefore {
            commits: 1,
            earliest: Utc.timestamp_opt(time, 0).single(),
            named: vec![sha.to_string()],
            long_before: since - time > Self::NEAR_DAYS * 86_400,
        });
    }

    /// Both counts together.
    pub fn merge(&mut self, other: &WrittenBefore) {
        self.commits += other.commits;
        self.long_before |= other.long_before;
        for sha in &other.named {
            if self.named.len() < Self::NAMED && !self.named.contains(sha) {
                self.named.push(sha.clone());
            }
        }
        self.earliest = match (self.earliest, other.earliest) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }

    pub fn is_empty(&self) -> bool {
        self.commits == 0
    }
}

/// An author identity with the person's name but another email: likely theirs, never
/// merged on that guess.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct LikelyAlias {
    /// `Name <email>` as the commits carry it (after the mailmap).
    pub identity: String,
    /// Lower-cased.
    pub email: String,
    pub commits: usize,
    /// Of its commits (of the period, or landed in it), those the person committed: an
    /// address of a name like theirs (the same surname and initial) whose changes they
    /// land is theirs, likely, and those are not counted as reviews.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub landed: usize,
    /// Pull requests opened under it, by its very name, that the person merged: theirs,
    /// likely, and not counted as reviews.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub merged: usize,
    /// Found by those landings under a name like the person's (their surname and first
    /// initial: "George" for "György"), not under the same name.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub name_like: bool,
    /// Others' commits committed under it in the period (found by its name alone, as a
    /// committer): the person's landings, likely, not counted as their reviews until the
    /// address is confirmed as theirs.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub committed: usize,
    /// A sub-address of one of the person's emails (`local+tag@domain`), whatever its name.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sub_address: bool,
}

/// Oldest first, then by id: a stable order, whatever order the threads finished in.
pub fn sort_evidence(evidence: &mut [Evidence]) {
    evidence.sort_by(|a, b| a.timestamp.cmp(&b.timestamp).then_with(|| a.id.cmp(&b.id)));
}

/// How many people the given reviews were on. A merge names its pull request's author
/// by login and a landing by name, and one person may commit under several emails:
/// identifiers seen on the same review (a login with the branch author's email, a name
/// with an email) are one person, and so is everyone they join up with.
pub fn count_people_reviewed<'a>(reviews: impl IntoIterator<Item = &'a Evidence>) -> usize {
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut parent: Vec<usize> = Vec::new();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for e in reviews {
        let mut first = None;
        for id in e.reviewed_identifiers() {
            let next = parent.len();
            let i = *index.entry(id).or_insert(next);
            if i == next {
                parent.push(i);
            }
            match first {
                None => first = Some(i),
                Some(f) => {
                    let (a, b) = (root(&mut parent, f), root(&mut parent, i));
                    parent[b] = a;
                }
            }
        }
    }
    (0..parent.len())
        .filter(|&i| root(&mut parent, i) == i)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn review(fields: &[(&str, &str)]) -> Evidence {
        let mut e = Evidence::new("r", Kind::Review, "Reviewed");
        for (k, v) in fields {
            e.meta.insert((*k).into(), json!(v));
        }
        e
    }

    #[test]
    fn a_person_named_by_login_name_and_two_emails_is_counted_once() {
        let reviews = [
            // A merge: the login, with the branch author's email and name.
            review(&[
                ("pr_author", "carol"),
                ("pr_author_email", "carol@example.com"),
                ("pr_author_name", "Carol C"),
            ]),
            // A landing under another email, the same name in another case.
            review(&[
                ("pr_author", "carol c"),
                ("pr_author_email", "carol@work.example"),
            ]),
            // A GitHub review: the login alone.
            review(&[("pr_author", "Carol")]),
            review(&[("pr_author", "dave")]),
            review(&[]),
        ];
        assert_eq!(count_people_reviewed(&reviews), 2);
        assert_eq!(count_people_reviewed(&reviews[1..2]), 1);
        assert_eq!(count_people_reviewed(&[]), 0);
    }
}
