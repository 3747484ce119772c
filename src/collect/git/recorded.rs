//! What git records of the person's work on other people's changes, without GitHub:
//!
//! - trailers naming them on someone else's commit: `Reviewed-by:`, `Acked-by:`,
//!   `Approved-by:` (a review), `Tested-by:`, `Helped-by:`, `Mentored-by:` (testing, help,
//!   mentoring on that change) and `Reported-by:` (they found the problem it fixes);
//! - bors/homu merges they approved: `Auto merge of #N - user:branch, r=NAME` (also
//!   `r=A,B` and `Rollup merge of ...`), and bors-ng's `N: title r=NAME a=AUTHOR` lines;
//! - pull requests of others they merged: `Merge pull request #N from other/branch`,
//!   GitLab's `See merge request group/project!N`, the merge titles of Azure DevOps,
//!   Bitbucket and Gitea ([`other_forge_merge`]), or a merge titled with its pull
//!   request's title and `(#N)` (GitHub's merge queue, and repositories that merge with
//!   the pull request's title) made by them;
//! - commits of others they landed: authored by someone else, committed by the person
//!   (a maintainer applying a contributor's change), cherry-picks left out.
//!
//! The walk shows each commit of the period to a [`Recorder`] once (the same look at the
//! message that finds co-authors), and [`Recorder::finish`] turns what it saw into
//! evidence. A `r=NAME` names a login, not an email: the person's logins are their
//! `github` login, the login of a noreply address of theirs, and the logins their own
//! pull requests were merged from (`#N - login:branch`, most of whose branches they
//! wrote most of). A trailer naming the commit's own author, and an approval of one's own
//! pull request, are ignored.
//!
//! Merges of pull requests also tell which pull request each of the person's commits
//! came in with: those commits get `meta.pr_number` and `meta.pr_title`, which the
//! initiatives read.

use super::walk::{RepoInfo, split_message, trailers};
use crate::model::person::{Person, parse_name_email};
use crate::model::{Evidence, Kind, refs};
use chrono::{TimeZone, Utc};
use git2::{Commit, Oid};
use regex::Regex;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::LazyLock;

/// What a trailer naming the person says they did on the change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    Reviewer,
    Approver,
    Acker,
    Merger,
    Lander,
    Tester,
    Mentor,
    Helper,
    Reporter,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Reviewer => "reviewer",
            Role::Approver => "approver",
            Role::Acker => "acker",
            Role::Merger => "merger",
            Role::Lander => "lander",
            Role::Tester => "tester",
            Role::Mentor => "mentor",
            Role::Helper => "helper",
            Role::Reporter => "reporter",
        }
    }

    /// The role a trailer key gives, if it is one of those read.
    fn of_trailer(key: &str) -> Option<Role> {
        Some(match key.to_ascii_lowercase().as_str() {
            "reviewed-by" => Role::Reviewer,
            "acked-by" => Role::Acker,
            "approved-by" => Role::Approver,
            "tested-by" => Role::Tester,
            "helped-by" => Role::Helper,
            "mentored-by" => Role::Mentor,
            "reported-by" => Role::Reporter,
            _ => return None,
        })
    }

    /// A role that is a review of the change: it counts in "reviews given".
    pub fn is_review(self) -> bool {
        matches!(
            self,
            Role::Reviewer
                | Role::Approver
                | Role::Acker
                | Role::Merger
                | Role::Lander
                | Role::Tester
        )
    }

    /// A role the merge of the change's pull request by the person already records: they
    /// reviewed, approved or acknowledged it, or landed it before merging it.
    fn is_the_merges(self) -> bool {
        matches!(
            self,
            Role::Reviewer | Role::Approver | Role::Acker | Role::Lander
        )
    }

    /// The record's title: what the person did on whose change.
    fn title(self, whose: &str, what: &str) -> String {
        match self {
            Role::Reviewer => format!("Reviewed {whose}'s change: {what}"),
            Role::Approver => format!("Approved {whose}'s change: {what}"),
            Role::Acker => format!("Acked {whose}'s change: {what}"),
            Role::Merger => format!("Merged {whose}'s change: {what}"),
            Role::Lander => format!("Landed {whose}'s change: {what}"),
            Role::Tester => format!("Tested {whose}'s change: {what}"),
            Role::Mentor => format!("Mentored {whose} on their change: {what}"),
            Role::Helper => format!("Helped {whose} with their change: {what}"),
            Role::Reporter => format!("Reported the problem {whose}'s change fixes: {what}"),
        }
    }
}

/// The review and collaboration roles git can record (the values of `meta.roles`).
pub const ROLES: &[&str] = &[
    "reviewer", "approver", "acker", "merger", "lander", "tester", "mentor", "helper", "reporter",
];

/// At most this many commits of one merged branch are taken as the pull request's: a
/// merge of a long-lived branch is not a pull request's worth of work.
const MAX_BRANCH_COMMITS: usize = 300;

/// Other people whose commits a merged branch holds from which it brings work made and
/// merged elsewhere rather than one person's pull request: clippy's fortnightly `Rustup`
/// brings 4 to 13 rust-lang/rust authors' changes to its subtree under the maintainer's
/// own commits; a release branch, a monorepo import, an integration branch hold as many.
/// Over a year of clippy no pull request of its own had more than two.
const MANY_AUTHORS: usize = 4;

/// Commits of one author landed by the person this close together (seconds) were landed
/// at once (a rebase of one pull request), and count as one landing.
const LANDING_WINDOW: i64 = 600;

static BORS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Auto|Rollup) merge of #(\d+) - ([^:\s]+):\S*, r=(.+?)\s*$").expect("valid")
});
static BORS_NG_TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^Merge(?: #\d+)+\s*$").expect("valid"));
static BORS_NG_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d+): (.*?) r=([\w,.-]+)(?: a=([\w,.-]+))?\s*$").expect("valid")
});
/// GitHub's merge title; the `#` is optional, as a merge made locally may leave it out
/// (serde's `Merge pull request 2879 from rcrisanti/…`).
/// A pull request of another repository is named with it (setuptools holds pypa/distutils'
/// history whole: `Merge pull request pypa/distutils#392 from …`).
static GITHUB_MERGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^Merge pull request (?:([A-Za-z0-9][\w.-]*/[A-Za-z0-9][\w.-]*))?#?(\d+) from ([^/\s]+)/\S+")
        .expect("valid")
});
/// A pull request merged with a message of the maintainer's own, naming no branch: pip's
/// `Merge pull request #13383 "Refactor HTTP download logic"`, pytest's `Merge pull
/// request #14105 Fix edge case …`, `Merge pull request #5754`.
static BARE_PR_MERGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^Merge pull request #(\d+)(?:\s*[-:]?\s+"?(.*?)"?)?\s*$"#).expect("valid")
});
/// Other forges' merges of a pull request, as their web merge button writes them:
/// Azure DevOps' `Merged PR 1234: Title`; Bitbucket Cloud's `Merged in feature/x (pull
/// request #12)` (the title in the body's first line); Bitbucket Server's `Merge pull
/// request #12 in PROJ/repo from feature/x to main`; Gitea's and Forgejo's `Merge pull
/// request 'Title' (#12) from feature/x into main` (`from owner/repo:branch` from a fork,
/// `(!12)` with an external tracker).
static AZURE_MERGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^Merged PR (\d+): (.+?)\s*$").expect("valid"));
static BITBUCKET_CLOUD_MERGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^Merged in (\S+) \(pull request #(\d+)\)\s*$").expect("valid"));
static BITBUCKET_SERVER_MERGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^Merge pull request #(\d+) in \S+ from (\S+) to \S+\s*$").expect("valid")
});
static GITEA_MERGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^Merge pull request '(.+)' \([#!](\d+)\) from (?:([^/\s:]+)/[^:\s]+:)?\S+ into \S+\s*$",
    )
    .expect("valid")
});

/// The pull request another forge's merge names: its number, its title (the body's first
/// line where the merge title has none, else the branch), and the login it came from
/// where the title says it.
fn other_forge_merge(title: &str, first_line: &str) -> Option<(u64, String, Option<String>)> {
    let or_branch = |branch: &str| {
        if first_line.is_empty() || first_line.starts_with('*') {
            format!("branch {branch}")
        } else {
            first_line.to_string()
        }
    };
    let number = |n: &str| n.parse().unwrap_or(0);
    if let Some(c) = AZURE_MERGE.captures(title) {
        return Some((number(&c[1]), c[2].to_string(), None));
    }
    if let Some(c) = BITBUCKET_CLOUD_MERGE.captures(title) {
        return Some((number(&c[2]), or_branch(&c[1]), None));
    }
    if let Some(c) = BITBUCKET_SERVER_MERGE.captures(title) {
        return Some((number(&c[1]), or_branch(&c[2]), None));
    }
    let c = GITEA_MERGE.captures(title)?;
    // Only a fork's head names its owner.
    let login = c.get(3).map(|l| l.as_str().to_string());
    Some((number(&c[2]), c[1].to_string(), login))
}

/// A merge named by a pull request of another repository, `Title (pypa/distutils#423)`.
static OTHER_REPO_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\(([A-Za-z0-9][\w.-]*/[A-Za-z0-9][\w.-]*)#(\d+)\)\s*$").expect("valid")
});
/// The pull request of this repository git's merge title names (`Merge pull request #N
/// from …`), as a revert quotes it.
pub(super) fn merged_pull_request(title: &str) -> Option<u64> {
    let c = GITHUB_MERGE.captures(title)?;
    c.get(1).is_none().then(|| c[2].parse().ok()).flatten()
}

static GITLAB_MERGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^See merge request (\S+)!(\d+)\s*$").expect("valid"));
/// A merge titled as git titles a merge of branches, or as one branch merged into
/// another (tokio's release branches: `Merge 'tokio-1.52.3' into 'master' (#8131)`,
/// `Merge tokio-1.52.x (for #8101) into master (#8106)`, ``Merge `tokio-1.43.4` into
/// `tokio-1.47.x` (#7822)``).
static GIT_MERGE_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"^Merge (?:(?:branch|branches|remote-tracking branch|tag|commit|remote branch) |['"]|(?:`[^`]+`|[^\s`'"]+)(?: \([^)]*\))? into )"#,
    )
    .expect("valid")
});
static LOGIN_SPLIT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[,\s]+").expect("valid"));

/// A pull request merge seen in the period.
#[derive(Debug, Clone)]
struct PrMerge {
    oid: Oid,
    /// The merge's second parent: the merged branch's head.
    head: Option<Oid>,
    /// The merge names one pull request (bors-ng may merge several in one commit, whose
    /// commits cannot be told apart).
    single: bool,
    time: i64,
    number: u64,
    title: String,
    /// The login the pull request came from (`user:branch`, `from user/branch`), if said.
    from_login: Option<String>,
    /// The repository the pull request is in, when the merge names another one
    /// (`pypa/distutils#392` in setuptools): its number is that repository's.
    repo: Option<String>,
    /// Logins that approved it (`r=`).
    approvers: Vec<String>,
    /// The name the person made the merge commit under (its author's, else its
    /// committer's), when they made it.
    merger: Option<String>,
    /// A bot wrote the branch's oldest commit: the pull request is the bot's.
    opened_by_bot: bool,
    /// The person wrote the branch's oldest commit seen: the pull request is theirs, even
    /// when others wrote as much of it.
    opened_by_person: bool,
    /// The pull request came from a login of the person's.
    from_persons_login: bool,
    /// Of the merged branch's commits seen in the period (merges aside), how many the
    /// person wrote (or co-wrote), and how many there are.
    persons_commits: usize,
    /// Of those, the ones the person only co-wrote.
    persons_co_authored: usize,
    branch_commits: usize,
    /// The branch's commits a bot wrote (not in `branch_commits`).
    bot_commits: usize,
    /// The branch is pull requests the forge already merged (`Title (#N)` squashes of two
    /// or more pull requests, committed by GitHub or GitLab or rebased since, most of its
    /// commits): its merge syncs an integration branch (hono's `next`) and reviews
    /// nobody.
    syncs: bool,
    /// The author of the branch's newest commit, as `Name <email>`.
    head_author: String,
    /// The author of the branch's first commit, when it is in the period: who opened the
    /// pull request (someone else may have pushed its newest commit).
    first_author: Option<String>,
    /// The author of the branch's first commit the person did not write: whose the pull
    /// request is when the person's own commits sit under someone else's (cargo's
    /// maintainer rebased a contributor's pull request onto tests of his).
    first_others_author: Option<String>,
    /// Every commit of its branch seen in the period that the person did not write has
    /// the same author.
    one_author: bool,
    /// The branch holds commits of [`MANY_AUTHORS`] or more other people (bots aside):
    /// it brings work made elsewhere, so its first commit does not say who opened it;
    /// its newest does.
    many_authors: bool,
    /// How the merge names its pull request, for `meta.how`.
    how: String,
    /// The merge is recorded as the person's review: the branch is someone else's, and
    /// the person's commits on it are not a piece of work they led.
    reviewed: bool,
    /// The issues the merge's description says the pull request closes or is a step of
    /// (`Part of https://github.com/rust-lang/cargo/issues/15010`), when it names one
    /// pull request.
    issues: Vec<String>,
}

impl PrMerge {
    /// The pull request brings one branch into another: its merge syncs an integration
    /// branch ([`PrMerge::syncs`]), or its title says so (astro's `chore: merge main into
    /// next (#16893)`, [`refs::brings_branch_into_branch`]; not git's own merge title,
    /// which names a GitLab merge request without a title of its own). Merging it reviews
    /// no one's work: the work it brings was merged where it landed.
    /// The person made the merge commit.
    fn merged_by_person(&self) -> bool {
        self.merger.is_some()
    }

    fn brings_a_branch(&self) -> bool {
        self.syncs || refs::brings_branch_into_branch(&self.title)
    }

    /// Who opened the pull request, as `Name <email>`: its branch's first commit's
    /// author when that is in the period, else its newest commit's ("" when unknown).
    fn opener(&self) -> &str {
        self.first_author.as_deref().unwrap_or(&self.head_author)
    }

    /// Who opened the pull request, as its other commits' `meta.pr_opener` names them:
    /// the login it came from when the merge says it (whoever wrote its first commit seen
    /// in the period), else that commit's author. A bot's is named by the bot
    /// (dependabot's branches come from the repository's own owner,
    /// `facebook/dependabot/…`). A branch the person reviewed is named by its first other
    /// author when the person wrote its first commit, or when it came from a login of the
    /// person's: pytest's maintainer lands contributors' work from his own fork (`from
    /// bluetech/…`), and had been named its opener.
    fn opener_name(&self) -> String {
        let others = self.reviewed && (self.opened_by_person || self.from_persons_login);
        let first = match &self.first_others_author {
            Some(other) if others => other.as_str(),
            _ => self.opener(),
        };
        match &self.from_login {
            Some(login) if !(self.opened_by_bot || self.reviewed && self.from_persons_login) => {
                login.clone()
            }
            _ => crate::model::person::parse_name_email(first).0,
        }
    }

    /// The person wrote most of the branch's commits: a maintainer's fix-up pushed onto
    /// a contributor's branch does not make it theirs, nor does a contributor's first
    /// commit make a branch the person finished someone else's. Commits they only
    /// co-wrote do not count: lazygit's maintainer revises contributors' commits and adds
    /// himself as co-author, and three of their pull requests had been his own work, not
    /// his reviews.
    fn mostly_persons(&self) -> bool {
        self.authored_commits() * 2 > self.branch_commits
    }

    /// The branch's commits the person wrote, not those they only co-wrote.
    fn authored_commits(&self) -> usize {
        self.persons_commits
            .saturating_sub(self.persons_co_authored)
    }

    /// The branch's commits as a piece of work counts them: a bot's too on a bot's pull
    /// request (its bump is the work), not on a person's (an autofix pushed onto it).
    fn work_commits(&self) -> usize {
        self.branch_commits
            + if self.opened_by_bot {
                self.bot_commits
            } else {
                0
            }
    }
}

/// Someone else's commit that names the person in trailers, or that the person landed.
#[derive(Debug, Clone)]
struct Touched {
    oid: Oid,
    time: i64,
    commit_time: i64,
    author: (String, String),
    title: String,
    /// Each role with the trailer line (or fact) that shows it.
    roles: Vec<(Role, String)>,
    /// The pull request the message names (`(#N)` ending the title, or a `PR #N` line).
    pr: Option<u64>,
    /// The page where the change was reviewed (`Reviewed-on:` of Gerrit, Phabricator's
    /// `Differential Revision:`).
    review_url: Option<String>,
}

/// A commit of the period as the graph keeps it.
#[derive(Debug, Clone)]
struct Node {
    parents: Vec<Oid>,
    persons: bool,
    /// The person is only a co-author of it.
    co_authored: bool,
    /// A bot wrote it: a pull request whose first commit a bot wrote is the bot's,
    /// whatever a person pushed on top.
    bot: bool,
    /// Its author, `Name <email>` after the mailmap, as an index into `Recorder::names`.
    author: usize,
    /// The pull request it squashes, when the forge committed it (`Title (#N)` committed
    /// by GitHub or GitLab): merged there already.
    forge_squash: Option<u64>,
}

/// Watches the walk's commits for work on other people's changes.
pub struct Recorder<'a> {
    info: &'a RepoInfo,
    person: &'a Person,
    mailmap: Option<git2::Mailmap>,
    merges: Vec<PrMerge>,
    touched: Vec<Touched>,
    /// Every commit of the period: its parents, and whether it is the person's. The
    /// branches merges brought in are found in it after the walk, with no second walk.
    graph: HashMap<Oid, Node>,
    /// Commits of the period that record a review by anyone: this history records
    /// reviews, so their absence for the person means something.
    review_records: usize,
    /// Commits of the period (merges aside), those with Gerrit's `Change-Id:`, and those
    /// a squash merge titled `Title (#N)`.
    changes: usize,
    gerrit_changes: usize,
    squashed: usize,
    /// Of `squashed`, others' (not the person's, not a bot's) the forge committed.
    merged_on_forge: usize,
    /// Of those, the ones naming the person co-author (their commits pushed onto it).
    merged_on_forge_with_person: usize,
    /// Bots' commits of the period that name the person co-author.
    bots_naming_person: usize,
    /// Others' commits of the period, of one parent, titled as a merge of one branch
    /// into another, that name the person co-author (see `observe`).
    branch_merges_naming_person: usize,
    /// Titles of the person's own merges of the period that merge no pull request (a
    /// branch kept in step with another tree: tmux's `Merge branch 'obsd-master'`).
    own_branch_merges: Vec<String>,
    /// The host of the first review page a message names (`Reviewed-on:`).
    review_host: Option<String>,
    /// The earliest commit time of each pull-request title (`Title (#N)`) of the period:
    /// a later commit of the same title is a copy (a backport onto a release branch).
    first_landed: HashMap<String, i64>,
    /// The commits titled as pull requests (`Title (#N)`) each person (committer email,
    /// lower case) committed in each second, with their numbers: several pull requests
    /// in one second are a rebase of a branch of pull requests the forge merged before,
    /// which changes their committer only (see [`Recorder::rebased_squashes`]).
    squashes_committed: HashMap<(i64, String), Vec<(Oid, u64)>>,
    /// Those commits of a rebase, with their pull requests' numbers (made by `finish`).
    rebased: HashMap<Oid, u64>,
    /// Commit authors of the period, `Name <email>`, each once (see `Node::author`).
    names: Vec<String>,
    name_index: HashMap<String, usize>,
    /// Whether each of `names` is a bot's.
    name_is_bot: Vec<bool>,
    /// The period, `[since, until)` by author time (Unix seconds).
    period: (i64, i64),
    /// Authors of the person's name whose commits the person committed: their own
    /// addresses, likely.
    own_landed: Vec<OwnLanded>,
    /// Committers other than the person who landed others' changes in the period, for
    /// the person's addresses among them (the same name, another email).
    other_landers: Vec<super::authors::Lander>,
    /// The period's reverts, to mark the person's commits another reverted.
    reverts: super::reverts::Reverts,
}

/// An author of the person's name (or surname and initial) whose commits the person
/// committed, as if landing another's change.
#[derive(Debug, Clone, PartialEq)]
pub struct OwnLanded {
    /// As the commits carry it, after the mailmap.
    pub name: String,
    /// Lower-cased.
    pub email: String,
    /// The commits the person committed.
    pub landed: usize,
    /// The pull requests opened under it that the person merged.
    pub merged: usize,
    /// The name is the one the person commits under, not only like it.
    pub same_name: bool,
}

/// What the recorder found in one repository.
#[derive(Debug, Default)]
pub struct Recorded {
    /// Review, collaboration and reporting records of the person's.
    pub evidence: Vec<Evidence>,
    /// Commits in the period that record a review by anyone.
    pub review_records: usize,
    /// Where most of the period's changes were reviewed when it is not in git: `Gerrit`,
    /// with its host when a `Reviewed-on:` page names it.
    pub reviewed_on: Option<String>,
    /// Others' pull requests of the period the forge merged as one commit (`Title (#N)`,
    /// committed by GitHub or GitLab): git does not say who reviewed or merged them.
    pub merged_on_forge: usize,
    /// Of the same, those naming the person co-author (not in `merged_on_forge`).
    pub merged_on_forge_with_person: usize,
    /// Bots' commits of the period (merges aside) that name the person co-author.
    pub bots_naming_person: usize,
    /// Others' squashed merges of one branch into another that name the person co-author
    /// (with the co-authors of every commit they brought in): not counted as theirs.
    pub branch_merges_naming_person: usize,
    /// Bots' pull requests (dependency bumps) the person merged: no review of anyone.
    pub bots_merged: usize,
    /// Titles of the person's merges of the period that merge no pull request: left out
    /// as `git log --no-merges` leaves them, and said.
    pub own_branch_merges: Vec<String>,
    /// Authors with the person's name, or their surname and initial, whose commits the
    /// person committed: likely the person's own addresses.
    pub own_landed: Vec<OwnLanded>,
    /// Committers other than the person who landed others' changes in the period, and
    /// how many: an address of the person's name among them is likely theirs.
    pub other_landers: Vec<super::authors::Lander>,
    /// The pull request merges of the period and the commits each brought in, for
    /// [`Recorded::annotate`].
    pull_requests: Vec<PrMerge>,
    branch_of: HashMap<Oid, usize>,
    /// Others' reverts of the period, for [`Recorded::annotate`].
    reverts_by_others: Vec<super::reverts::ByOther>,
}

impl Recorded {
    /// Sets `meta.pr_number` and `meta.pr_title` on the person's commits that a pull
    /// request merge brought in. Apart from `finish`, so that the records are made while
    /// the last commits are still being diffed.
    pub fn annotate(&mut self, commits: &mut [Evidence]) {
        let merges = std::mem::take(&mut self.pull_requests);
        let branch_of = std::mem::take(&mut self.branch_of);
        annotate_pull_requests(commits, &merges, &branch_of);
        super::reverts::annotate(commits, &std::mem::take(&mut self.reverts_by_others));
    }
}

impl<'a> Recorder<'a> {
    /// `period` is the walk's, by author time: `[since, until)` in Unix seconds.
    pub fn new(
        info: &'a RepoInfo,
        person: &'a Person,
        mailmap: Option<git2::Mailmap>,
        period: (i64, i64),
    ) -> Recorder<'a> {
        Recorder {
            info,
            person,
            period,
            mailmap,
            merges: Vec::new(),
            touched: Vec::new(),
            graph: HashMap::new(),
            review_records: 0,
            changes: 0,
            gerrit_changes: 0,
            squashed: 0,
            merged_on_forge: 0,
            merged_on_forge_with_person: 0,
            bots_naming_person: 0,
            branch_merges_naming_person: 0,
            own_branch_merges: Vec::new(),
            review_host: None,
            first_landed: HashMap::new(),
            squashes_committed: HashMap::new(),
            rebased: HashMap::new(),
            names: Vec::new(),
            name_index: HashMap::new(),
            name_is_bot: Vec::new(),
            own_landed: Vec::new(),
            other_landers: Vec::new(),
            reverts: Default::default(),
        }
    }

    /// Looks at one commit of the period, whose (mailmapped) author is `author`. Returns
    /// whether a `Co-authored-by` trailer names the person (and the author is not a bot);
    /// the walk credits such a commit to them.
    ///
    /// A commit authored before the period but committed in it (`authored_in_period`
    /// false) is the person's work only as a landing: what they did in the period was to
    /// commit it. It joins the graph, so the merge that brings it in is seen whole.
    pub fn observe(
        &mut self,
        commit: &Commit,
        author: (&str, &str),
        is_author: bool,
        authored_in_period: bool,
    ) -> bool {
        let message = super::encoding::message(commit);
        let found = trailers(&message);
        let person = self.person;
        let author_index = self.intern(author);
        let bot_author = self.name_is_bot[author_index];
        let title_line = message.trim_start().lines().next().unwrap_or("");
        let squash = refs::squash_suffix(title_line).filter(|_| commit.parent_count() < 2);
        let by_forge = squash.is_some() && committed_by_forge(commit);
        let node = |persons: bool| Node {
            parents: commit.parent_ids().collect(),
            persons,
            co_authored: persons && !is_author,
            bot: bot_author,
            author: author_index,
            forge_squash: squash
                .filter(|_| by_forge)
                .and_then(|(n, _)| n.parse().ok()),
        };
        // Read only where it decides something: every commit of the period passes here.
        let named = || {
            found.iter().any(|(k, v)| {
                k.eq_ignore_ascii_case("co-authored-by") && {
                    let (n, e) = parse_name_email(v);
                    person.matches(&n, &e)
                }
            })
        };
        // A merge of one branch into another squashed as one commit (astro's `Merge main
        // into next (#15348)`) gathers the co-authors of every commit it brought in: the
        // person's own, counted where they landed, and others' they only share a branch
        // with. Not a change they co-authored (counted below, to be said).
        // Read only where the person is named, or landed it: every commit of the period
        // passes here.
        let branch_merge = || commit.parent_count() < 2 && refs::merges_a_branch(title_line);
        let names_person = !is_author && !bot_author && named();
        let named_in_merge = names_person && branch_merge();
        let co_author = names_person && !named_in_merge;
        // A review suggestion the author accepted on GitHub (`Update src/config.rs`,
        // committed by GitHub, the reviewer as co-author) is the person's review of the
        // pull request, not their work in it.
        let suggestion = co_author && is_applied_suggestion(commit, &message);
        // Written before the period, a commit the person only co-authored does not make
        // the branch that brings it in theirs (a contributor's work they rebased); nor does
        // their merge of the main line into it (GitHub's "Update branch": bat's maintainer
        // on contributors' pull requests), nor their suggestion.
        let update_merge = is_update_merge(commit);
        let persons =
            (is_author || (co_author && authored_in_period && !suggestion)) && !update_merge;
        self.graph.insert(commit.id(), node(persons));
        if commit.parent_count() > 1 {
            if authored_in_period
                && !self.observe_merge(commit)
                && is_author
                && !update_merge
                && !is_pull_merge(title_line)
            {
                self.own_branch_merges.push(title_line.trim().to_string());
            }
            return co_author && authored_in_period;
        }
        self.reverts.observe(
            commit.id(),
            commit.time().seconds(),
            &message,
            author.0,
            is_author || co_author,
        );
        let squashed = squash.is_some();
        if let Some((number, _)) = squash {
            // Keyed by the subject, as `lands_nobody` looks it up.
            let first = self
                .first_landed
                .entry(split_message(&message).0)
                .or_insert(i64::MAX);
            *first = (*first).min(commit.time().seconds());
            if !by_forge && let Ok(n) = number.parse() {
                let committer =
                    String::from_utf8_lossy(commit.committer().email_bytes()).to_lowercase();
                self.squashes_committed
                    .entry((commit.time().seconds(), committer))
                    .or_default()
                    .push((commit.id(), n));
            }
        }
        let landed_by = self.landed_by(commit, author, &message);
        // The person committed it for an author of their own name (or their surname and
        // initial): their own change under another address (prometheus' György
        // Krajcsovits landed two of "George Krajcsovits"'s, his GitHub address, and read
        // as reviewing himself). No review; the address is said as a likely alias.
        let own_under_alias = !is_author
            && !bot_author
            && landed_by
                .as_ref()
                .is_some_and(|(n, e)| super::authors::own_under_alias(person, (n, e), author.0));
        if own_under_alias {
            let same_name = landed_by
                .as_ref()
                .is_some_and(|(n, _)| super::authors::norm(n) == super::authors::norm(author.0));
            self.own_landed_under(author.0.to_string(), author.1.to_lowercase(), same_name)
                .landed += 1;
        }
        // A trailer naming the author themself (or a co-author) is no review of another's
        // work; nor is landing a merge of one branch into another, or a trailer it carries
        // from the commits it brought in.
        let others_change = !is_author && !co_author && !bot_author && !own_under_alias;
        // The person landed someone else's change: theirs in the period it was committed
        // in only (one committed after this period is read in the next, as written before
        // it). Written before the period, a title the forge gave it when it was merged
        // (`Title (#N)`) makes it a copy of a pull request landed before: a backport.
        let (since, until) = self.period;
        let lands_in_period = others_change
            && landed_by.is_some()
            && (since..until).contains(&commit.time().seconds())
            && (authored_in_period || !squashed)
            && !branch_merge();
        let landed = lands_in_period
            && landed_by
                .as_ref()
                .is_some_and(|(n, e)| person.matches(n, e));
        if lands_in_period
            && !landed
            && let Some((name, email)) = landed_by.clone()
            && super::authors::norm(&name) != super::authors::norm(author.0)
        {
            // Another's landing, or the person's under an address of theirs not given;
            // a commit written under the committer's own name is nobody else's change.
            super::authors::add_committer(
                &mut self.other_landers,
                super::authors::Lander {
                    name,
                    email,
                    commits: 1,
                },
            );
        }
        let landing = || (Role::Lander, format!("committed {}'s commit", author.0));
        if !authored_in_period {
            self.review_records += usize::from(landed_by.is_some());
            if landed {
                self.push_touched(commit, author, &message, vec![landing()]);
            }
            return false;
        }
        self.changes += 1;
        // A bot's commit is no one's work, even one naming the person co-author (caddy's
        // maintainer on a bot's): left out, and counted to be said.
        self.bots_naming_person += usize::from(bot_author && !is_author && named());
        self.branch_merges_naming_person += usize::from(named_in_merge);
        // Read in the whole message: a cherry-pick line in the trailer block hides the
        // trailers from `trailers()`.
        self.gerrit_changes += usize::from(refs::change_id(&message).is_some());
        self.squashed += usize::from(squashed);
        if squashed && !is_author && !bot_author && !is_copy(title_line, &message) {
            // attrs' maintainer pushed into 14 of 19 contributors' pull requests merged on
            // GitHub: counted as his co-authored work, and said beside the others.
            if co_author {
                self.merged_on_forge_with_person += usize::from(by_forge);
            } else {
                self.merged_on_forge += usize::from(by_forge);
            }
        }
        if self.review_host.is_none() && message.contains("\nReviewed-on:") {
            self.review_host = super::remote::review_url(&message)
                .and_then(|page| page.split('/').nth(2).map(str::to_string));
        }
        let mut roles = Vec::new();
        let mut records_review = false;
        for (key, value) in &found {
            let Some(role) = Role::of_trailer(key) else {
                continue;
            };
            records_review |= role.is_review();
            let (n, e) = parse_name_email(value);
            if others_change && person.matches(&n, &e) && !branch_merge() {
                roles.push((role, format!("{key}: {value}")));
            }
        }
        records_review |= landed_by.is_some() || suggestion;
        if landed {
            roles.push(landing());
        }
        if suggestion {
            roles.push((Role::Reviewer, SUGGESTION.to_string()));
        }
        self.review_records += usize::from(records_review);
        if !roles.is_empty() {
            self.push_touched(commit, author, &message, roles);
        }
        co_author && !suggestion
    }

    /// The entry of another address of the person's (`email`, lower case) whose changes
    /// they committed or merged as if another's, added when new.
    fn own_landed_under(&mut self, name: String, email: String, same_name: bool) -> &mut OwnLanded {
        let i = match self.own_landed.iter().position(|a| a.email == email) {
            Some(i) => i,
            None => {
                self.own_landed.push(OwnLanded {
                    name,
                    email,
                    landed: 0,
                    merged: 0,
                    same_name,
                });
                self.own_landed.len() - 1
            }
        };
        &mut self.own_landed[i]
    }

    /// The index of an author, `Name <email>`, in `names`, added when new (and whether
    /// it is a bot's, decided once an author rather than once a commit).
    fn intern(&mut self, author: (&str, &str)) -> usize {
        let who = format!("{} <{}>", author.0, author.1);
        if let Some(&i) = self.name_index.get(&who) {
            return i;
        }
        self.name_is_bot
            .push(self.person.is_bot(author.0, author.1));
        self.names.push(who.clone());
        self.name_index.insert(who, self.names.len() - 1);
        self.names.len() - 1
    }

    /// Keeps someone else's commit with what the person did on it.
    fn push_touched(
        &mut self,
        commit: &Commit,
        author: (&str, &str),
        message: &str,
        roles: Vec<(Role, String)>,
    ) {
        let (title, body) = split_message(message);
        let pr = refs::squash_suffix(&title)
            .map(|(n, _)| n)
            .or_else(|| refs::pr_line(&body))
            .and_then(|n| n.parse().ok());
        self.touched.push(Touched {
            oid: commit.id(),
            time: commit.author().when().seconds(),
            commit_time: commit.time().seconds(),
            author: (author.0.to_string(), author.1.to_string()),
            title,
            roles,
            pr,
            review_url: super::remote::review_url(message),
        });
    }

    /// A signature's name and email, after mailmap.
    fn mapped(&self, sig: git2::Signature<'_>) -> (String, String) {
        let sig = match &self.mailmap {
            Some(m) => m.resolve_signature(&sig).unwrap_or(sig),
            None => sig,
        };
        (
            String::from_utf8_lossy(sig.name_bytes()).into_owned(),
            String::from_utf8_lossy(sig.email_bytes()).into_owned(),
        )
    }

    /// The committer, after mailmap.
    fn committer(&self, commit: &Commit) -> (String, String) {
        self.mapped(commit.committer())
    }

    /// Who landed a commit when that is someone other than its author: a person (not
    /// GitHub's or GitLab's web committer, not a bot) committed it, and it is not a
    /// cherry-pick.
    fn landed_by(
        &self,
        commit: &Commit,
        author: (&str, &str),
        message: &str,
    ) -> Option<(String, String)> {
        let raw = commit.committer();
        if raw.email_bytes().eq_ignore_ascii_case(author.1.as_bytes())
            || refs::is_cherry_pick(message)
        {
            return None;
        }
        let (name, email) = self.committer(commit);
        let other = !email.eq_ignore_ascii_case(author.1)
            && !self.person.is_bot(&name, &email)
            && !is_forge_committer(&name, &email);
        other.then_some((name, email))
    }

    /// Reads a merge of the period for the pull request it merges; whether it merges one.
    fn observe_merge(&mut self, commit: &Commit) -> bool {
        let message = super::encoding::message(commit).into_owned();
        let (title, body) = first_line_and_rest(&message);
        let first_line = body.lines().next().unwrap_or("").trim().to_string();
        let mut found: Vec<PrMerge> = Vec::new();
        let blank = |number: u64, title: String, how: String| PrMerge {
            oid: commit.id(),
            head: commit.parent_id(1).ok(),
            single: true,
            time: commit.author().when().seconds(),
            number,
            title,
            from_login: None,
            repo: None,
            approvers: Vec::new(),
            merger: None,
            opened_by_bot: false,
            opened_by_person: false,
            from_persons_login: false,
            persons_commits: 0,
            persons_co_authored: 0,
            branch_commits: 0,
            bot_commits: 0,
            syncs: false,
            head_author: String::new(),
            first_author: None,
            first_others_author: None,
            one_author: false,
            many_authors: false,
            how,
            reviewed: false,
            issues: Vec::new(),
        };
        if let Some(c) = BORS.captures(&title) {
            let mut m = blank(
                c[1].parse().unwrap_or(0),
                first_line.clone(),
                format!("r={} in the merge of #{}", c[3].trim(), &c[1]),
            );
            m.from_login = Some(c[2].to_string());
            m.approvers = logins(&c[3]);
            found.push(m);
        } else if BORS_NG_TITLE.is_match(&title) {
            for line in body.lines() {
                if let Some(c) = BORS_NG_LINE.captures(line.trim()) {
                    let mut m = blank(
                        c[1].parse().unwrap_or(0),
                        c[2].trim().to_string(),
                        format!("r={} in the merge of #{}", &c[3], &c[1]),
                    );
                    m.from_login = c.get(4).map(|a| a.as_str().to_string());
                    m.approvers = logins(&c[3]);
                    found.push(m);
                }
            }
        } else if let Some(c) = GITHUB_MERGE.captures(&title) {
            let repo = c
                .get(1)
                .map(|r| r.as_str().to_string())
                .filter(|r| !r.eq_ignore_ascii_case(&self.info.name));
            let name = format!("{}#{}", repo.as_deref().unwrap_or(""), &c[2]);
            let mut m = blank(
                c[2].parse().unwrap_or(0),
                first_line.clone(),
                format!("merged pull request {name}"),
            );
            m.from_login = Some(c[3].to_string());
            m.repo = repo;
            found.push(m);
        } else if let Some((number, named, from)) = other_forge_merge(&title, &first_line) {
            let mut m = blank(number, named, format!("merged pull request #{number}"));
            m.from_login = from;
            found.push(m);
        } else if let Some(c) = BARE_PR_MERGE.captures(&title) {
            let named = c
                .get(2)
                .map(|t| t.as_str().trim().to_string())
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| first_line.clone());
            found.push(blank(
                c[1].parse().unwrap_or(0),
                named,
                format!("merged pull request #{}", &c[1]),
            ));
        } else if let Some(c) = GITLAB_MERGE.captures(&body) {
            let mut m = blank(
                c[2].parse().unwrap_or(0),
                first_line.clone(),
                format!("merged merge request !{}", &c[2]),
            );
            if m.title.starts_with("See merge request") {
                m.title = title.clone();
            }
            found.push(m);
        } else if let Some(c) = OTHER_REPO_SUFFIX
            .captures(&title)
            .filter(|_| !GIT_MERGE_TITLE.is_match(&title))
        {
            // A merge named by another repository's pull request whose history this one
            // holds; named by this repository's own name, it is this one's.
            let repo = Some(c[1].to_string()).filter(|r| !r.eq_ignore_ascii_case(&self.info.name));
            let number = &c[2];
            let named = title[..c.get(0).map_or(title.len(), |m| m.start())].trim_end();
            let mut m = blank(
                number.parse().unwrap_or(0),
                named.to_string(),
                format!(
                    "merged pull request {}#{number}",
                    repo.as_deref().unwrap_or("")
                ),
            );
            m.repo = repo;
            found.push(m);
        } else if let Some((number, named)) =
            refs::squash_suffix(&title).filter(|_| !GIT_MERGE_TITLE.is_match(&title))
        {
            // A merge named by its pull request: the title is the pull request's. One
            // that git named ("Merge branch 'main' into topic (#12)", a back-merge) is
            // not a pull request's, whatever follows.
            found.push(blank(
                number.parse().unwrap_or(0),
                named.to_string(),
                format!("merged pull request #{number}"),
            ));
        }
        if found.is_empty() {
            return false;
        }
        self.review_records += 1;
        let (an, ae) = self.mapped(commit.author());
        let (cn, ce) = self.committer(commit);
        let merger = if self.person.matches(&an, &ae) {
            Some(an.clone())
        } else {
            self.person.matches(&cn, &ce).then(|| cn.clone())
        };
        let head_author = branch_head(commit)
            .map(|head| {
                let (name, email) = self.mapped(head.author());
                format!("{name} <{email}>")
            })
            .unwrap_or_default();
        let single = found.len() == 1;
        // A rollup's description is many pull requests': its issues are none of them.
        let issues: Vec<String> = if single {
            refs::issue_refs(&body, &self.info.name)
                .into_iter()
                .collect()
        } else {
            Vec::new()
        };
        for mut m in found {
            m.merger = merger.clone();
            m.head_author = head_author.clone();
            m.single = single;
            m.issues = issues.clone();
            self.merges.push(m);
        }
        true
    }

    /// Which merge brought in each commit of the period, and whether each merged branch
    /// holds the person's commits. The main line is the first-parent chain of every
    /// merge; a merge's branch is what its second parent reaches in the period off the
    /// main line, at most [`MAX_BRANCH_COMMITS`]. Merges are taken oldest first, so a
    /// commit belongs to the merge that first brought it in.
    fn branches(&mut self) -> HashMap<Oid, usize> {
        let mut main_line: HashSet<Oid> = HashSet::new();
        for m in &self.merges {
            let mut at = Some(m.oid);
            while let Some(c) = at {
                if !main_line.insert(c) {
                    break;
                }
                at = self.graph.get(&c).and_then(|n| n.parents.first().copied());
            }
        }
        let mut order: Vec<usize> = (0..self.merges.len()).collect();
        order.sort_by_key(|&i| (self.merges[i].time, i));
        let mut branch_of: HashMap<Oid, usize> = HashMap::new();
        let mut claimed: std::collections::HashSet<Oid> = std::collections::HashSet::new();
        for i in order {
            let mut stack: Vec<Oid> = self.merges[i].head.into_iter().collect();
            let mut taken = 0;
            let mut authors: HashSet<usize> = HashSet::new();
            let mut writers: HashSet<usize> = HashSet::new();
            let mut mine: HashSet<Oid> = HashSet::new();
            while let Some(c) = stack.pop() {
                if taken == MAX_BRANCH_COMMITS || main_line.contains(&c) || !claimed.insert(c) {
                    continue;
                }
                let Some(node) = self.graph.get(&c) else {
                    continue;
                };
                taken += 1;
                // The person's fix-up on a contributor's branch joins no two people.
                if !node.persons {
                    authors.insert(node.author);
                    if !node.bot && node.parents.len() < 2 {
                        writers.insert(node.author);
                    }
                }
                mine.insert(c);
                if self.merges[i].single {
                    branch_of.insert(c, i);
                }
                stack.extend(node.parents.iter().rev());
            }
            let head = self.merges[i].head;
            let many_authors = writers.len() >= MANY_AUTHORS;
            let opening = |counts: &dyn Fn(&Node) -> bool| {
                if many_authors {
                    self.newest_commit(head, &mine, counts)
                } else {
                    self.first_commit(head, &mine, counts)
                }
            };
            let first = opening(&|_| true);
            let opened_by_bot = first.is_some_and(|n| n.bot);
            let opened_by_person = first.is_some_and(|n| n.persons && !n.co_authored);
            let first_author = first.map(|n| self.names[n.author].clone());
            let first_others_author =
                opening(&|n| !n.persons || n.co_authored).map(|n| self.names[n.author].clone());
            self.weigh_branch(i, &mine);
            self.merges[i].opened_by_bot = opened_by_bot;
            self.merges[i].opened_by_person = opened_by_person;
            self.merges[i].first_author = first_author;
            self.merges[i].first_others_author = first_others_author;
            self.merges[i].one_author = authors.len() <= 1;
            self.merges[i].many_authors = many_authors;
        }
        branch_of
    }

    /// Counts the person's commits in a merge's branch (`mine`) against all of them,
    /// merges aside (who brought the branch up to date writes none of it), and whether
    /// the branch is pull requests the forge merged before: their squashes (or a rebase
    /// of them), of two or more pull requests other than the merge's own, are most of
    /// its commits.
    fn weigh_branch(&mut self, i: usize, mine: &HashSet<Oid>) {
        let commits = mine
            .iter()
            .filter_map(|c| Some((c, self.graph.get(c)?)))
            .filter(|(_, n)| n.parents.len() < 2);
        let (mut persons, mut co_authored, mut all, mut squashes, mut bots) = (0, 0, 0, 0, 0);
        let mut numbers: BTreeSet<u64> = BTreeSet::new();
        for (oid, node) in commits {
            // A bot's autofix (pre-commit.ci) pushed onto the branch is no one's writing:
            // it must not make the person's own branch someone else's.
            if node.bot {
                bots += 1;
                continue;
            }
            all += 1;
            persons += usize::from(node.persons);
            co_authored += usize::from(node.co_authored);
            if let Some(n) = node.forge_squash.or_else(|| self.rebased.get(oid).copied()) {
                squashes += 1;
                numbers.insert(n);
            }
        }
        let m = &mut self.merges[i];
        numbers.remove(&m.number);
        m.persons_commits = persons;
        m.persons_co_authored = co_authored;
        m.branch_commits = all;
        m.bot_commits = bots;
        m.syncs = numbers.len() >= 2 && squashes * 2 > all;
    }

    /// A branch's first-parent chain from `head`, newest first, within the commits the
    /// merge brought in (`mine`: not the main line, not another merge's branch it was
    /// based on), merges aside.
    fn branch_line<'s>(
        &'s self,
        head: Option<Oid>,
        mine: &HashSet<Oid>,
    ) -> impl Iterator<Item = &'s Node> {
        std::iter::successors(
            head.filter(|c| mine.contains(c))
                .and_then(|c| self.graph.get(&c)),
            move |node| {
                let next = node.parents.first().filter(|c| mine.contains(c))?;
                self.graph.get(next)
            },
        )
        .take(MAX_BRANCH_COMMITS)
        .filter(|node| node.parents.len() < 2)
    }

    /// A branch's first commit that `counts`: the last of [`Recorder::branch_line`]. When
    /// the branch's first commits were made before the period, the oldest one seen may be
    /// the maintainer's "Update branch" (pip's), which opened nothing. A bot regenerates
    /// its commit with new dates, so times do not tell.
    fn first_commit(
        &self,
        head: Option<Oid>,
        mine: &HashSet<Oid>,
        counts: impl Fn(&Node) -> bool,
    ) -> Option<&Node> {
        self.branch_line(head, mine).filter(|n| counts(n)).last()
    }

    /// A branch's newest commit that `counts`: who opened a branch that brings many
    /// people's work ([`PrMerge::many_authors`]) is who wrote on top of it.
    fn newest_commit(
        &self,
        head: Option<Oid>,
        mine: &HashSet<Oid>,
        counts: impl Fn(&Node) -> bool,
    ) -> Option<&Node> {
        self.branch_line(head, mine).find(|n| counts(n))
    }

    /// The person's records, and the pull requests of the person's commits (set on those
    /// commits' records as `meta.pr_number` and `meta.pr_title` by [`Recorded::annotate`]).
    pub fn finish(mut self) -> Recorded {
        self.rebased = self.rebased_squashes();
        let branch_of = self.branches();
        let shared = self.shared_logins();
        let logins = self.logins(&shared);
        // A pull request from a login of the person's is theirs, whoever wrote most of it.
        for m in self.merges.iter_mut() {
            m.from_persons_login = m
                .from_login
                .as_ref()
                .is_some_and(|l| logins.contains(&l.to_lowercase()));
        }
        // Their own pull requests under another address are said as a likely alias.
        let aliases: Vec<(String, String)> = self
            .merges
            .iter()
            .filter_map(|m| self.opened_under_alias(m))
            .collect();
        for (name, email) in aliases {
            self.own_landed_under(name, email, true).merged += 1;
        }
        // zstd's maintainer merged 20 dependabot bumps: no review, but said.
        let bots_merged = self
            .merges
            .iter()
            .filter(|m| m.merged_by_person() && !m.brings_a_branch() && self.is_bots(m, &shared))
            .count();
        let mut evidence = Vec::new();
        let mut recorded = std::collections::HashSet::new();
        for (i, m) in self.merges.iter().enumerate() {
            if let Some(e) = self.merge_record(m, &logins, &shared) {
                evidence.push(e);
                recorded.insert(i);
            }
        }
        for &i in &recorded {
            self.merges[i].reviewed = true;
        }
        // A contributor's commit the person rebased (landed) and then merged with its pull
        // request is one review, the merge's: flask's maintainer had 6 of his 16 counted
        // twice. What else a trailer says of the commit (tested, helped) stays.
        let covered: std::collections::HashSet<Oid> = branch_of
            .iter()
            .filter(|(_, i)| recorded.contains(*i))
            .map(|(c, _)| *c)
            .collect();
        // Another's commit inside a branch the person merged as their own is work they
        // took over and finished (pip's maintainer rebased a stale pull request as the
        // first commit of his own), not a landing of theirs to review.
        let taken_over: std::collections::HashSet<Oid> = branch_of
            .iter()
            .filter(|(_, i)| {
                let m = &self.merges[**i];
                m.merged_by_person() && self.is_own(m, &logins, &shared)
            })
            .map(|(c, _)| *c)
            .collect();
        let touched: Vec<Touched> = std::mem::take(&mut self.touched)
            .into_iter()
            .filter_map(|mut t| {
                let merged = covered.contains(&t.oid);
                let not_landed = taken_over.contains(&t.oid) || self.lands_nobody(&t);
                let dropped =
                    |r: &Role| (merged && r.is_the_merges()) || (not_landed && *r == Role::Lander);
                t.roles.retain(|(r, _)| !dropped(r));
                (!t.roles.is_empty()).then_some(t)
            })
            .collect();
        evidence.extend(self.touched_records(&touched, &branch_of));
        // Read from the merges, before they are handed over.
        let reviewed_on = self.reviewed_on();
        Recorded {
            evidence,
            review_records: self.review_records,
            reviewed_on,
            merged_on_forge: self.merged_on_forge,
            merged_on_forge_with_person: self.merged_on_forge_with_person,
            bots_naming_person: self.bots_naming_person,
            branch_merges_naming_person: self.branch_merges_naming_person,
            bots_merged,
            own_branch_merges: std::mem::take(&mut self.own_branch_merges),
            own_landed: std::mem::take(&mut self.own_landed),
            other_landers: std::mem::take(&mut self.other_landers),
            pull_requests: std::mem::take(&mut self.merges),
            branch_of,
            reverts_by_others: std::mem::take(&mut self.reverts).by_others(
                |sha| format!("git:{}:{sha}", self.info.name),
                |sha| self.commit_url(sha),
            ),
        }
    }

    /// Committing this commit landed nobody's change: it is a copy of a pull request
    /// already landed (a backport onto a release branch, with no cherry-pick line), or a
    /// pull request the forge merged (`Title (#N)`) that a rebase committed again in the
    /// same second as another pull request: hono's maintainer rebased `next`, 16 commits
    /// of 16 pull requests in one second, which changed their committer only.
    fn lands_nobody(&self, t: &Touched) -> bool {
        let copy = self
            .first_landed
            .get(t.title.trim())
            .is_some_and(|&first| first < t.commit_time);
        copy || self.rebased.contains_key(&t.oid)
    }

    /// The commits of the period titled as pull requests (`Title (#N)`) that one person
    /// committed in the same second as another pull request's: a rebase of pull requests
    /// the forge had merged, with their numbers.
    fn rebased_squashes(&self) -> HashMap<Oid, u64> {
        self.squashes_committed
            .values()
            .filter(|at_once| at_once.iter().any(|&(_, n)| n != at_once[0].1))
            .flatten()
            .copied()
            .collect()
    }

    /// `Gerrit` (with its host, when known) when most changes of the period carry
    /// Gerrit's `Change-Id:`: their reviews happened there, and git holds only what a
    /// `Reviewed-by:` trailer says of them. A history that lands through pull requests
    /// (merges of them, `(#N)` squashes) is reviewed there, whatever hook some
    /// contributors run.
    fn reviewed_on(&self) -> Option<String> {
        let through_prs = !self.merges.is_empty() || self.squashed * 10 > self.changes;
        (!through_prs && self.gerrit_changes * 2 > self.changes).then(|| match &self.review_host {
            Some(host) => format!("Gerrit ({host})"),
            None => "Gerrit".to_string(),
        })
    }

    /// Logins that are not one person's (lower case): the repository's owner, a login
    /// whose merged branches were written by 3 or more people, as when pull requests come
    /// from branches of the main repository (`Merge pull request #12 from acme/fix`), and
    /// a login a bot's branches come from. A merge from such a login names its branch's
    /// author instead.
    fn shared_logins(&self) -> BTreeSet<String> {
        let mut authors: HashMap<String, BTreeSet<String>> = HashMap::new();
        // A bot pushes its branches to the repository itself (`from sharkdp/dependabot/…`):
        // that login is the repository's, whoever else opens pull requests from it.
        let mut of_bots: BTreeSet<String> = BTreeSet::new();
        for m in self.merges.iter().filter(|m| m.single) {
            if let Some(l) = &m.from_login {
                let (name, email) = parse_name_email(m.opener());
                if m.opened_by_bot || (!email.is_empty() && self.person.is_bot(&name, &email)) {
                    of_bots.insert(l.to_lowercase());
                    continue;
                }
                if email.is_empty() {
                    continue;
                }
                authors
                    .entry(l.to_lowercase())
                    .or_default()
                    .insert(email.to_lowercase());
            }
        }
        let mut shared: BTreeSet<String> = authors
            .into_iter()
            .filter(|(_, a)| a.len() >= 3)
            .map(|(l, _)| l)
            .chain(of_bots)
            .collect();
        if let Some(owner) = self
            .info
            .web
            .as_ref()
            .and_then(|w| w.slug.split('/').next())
        {
            shared.insert(owner.to_lowercase());
        }
        shared
    }

    /// The person's names and the local parts of their addresses, as a login would spell
    /// them ([`squash_spelling`]), four letters or more: the names given and those on the
    /// first commits of the branches the person opened, of two words or more (`john`
    /// alone is too many people's), and the local parts of their addresses.
    fn spellings(&self) -> BTreeSet<String> {
        let names: Vec<String> = self
            .person
            .given_names()
            .into_iter()
            .chain(
                self.merges
                    .iter()
                    .filter(|m| m.opened_by_person)
                    .filter_map(|m| m.first_author.as_deref())
                    .map(|a| parse_name_email(a).0),
            )
            .filter(|n| n.split_whitespace().count() >= 2)
            .collect();
        let local_parts = self
            .person
            .emails
            .iter()
            .filter(|e| crate::model::bots::noreply_login(e).is_none())
            .filter_map(|e| e.split('@').next());
        names
            .iter()
            .map(String::as_str)
            .chain(local_parts)
            .map(squash_spelling)
            .filter(|s| s.chars().count() >= 4)
            .collect()
    }

    /// The person's logins (lower case): their GitHub login, the login of any noreply
    /// address of theirs, a login spelled as their name that only they opened pull
    /// requests from ([`Self::spellings`]), and each login most of whose merged pull
    /// requests the person wrote most of (pip's maintainer pushed a commit onto two of a colleague's three
    /// pull requests, which had made the colleague's login his and lost the third).
    fn logins(&self, shared: &BTreeSet<String>) -> BTreeSet<String> {
        let mut logins: BTreeSet<String> = BTreeSet::new();
        if let Some(l) = &self.person.github {
            logins.insert(l.to_lowercase());
        }
        for email in &self.person.emails {
            if let Some(l) = crate::model::bots::noreply_login(email) {
                logins.insert(l.to_lowercase());
            }
        }
        // A login spelled as the person's name or an address of theirs, from which the
        // person opened a pull request and no one else did, is theirs: a maintainer's own
        // pull request that a colleague finished with two commits had been "Merged
        // alice's pull request", a review of herself. Not a login several people's pull
        // requests come from (the repository's owner: lazygit's `jesseduffield`).
        let spelled = self.spellings();
        /// The merges of pull requests from one login.
        #[derive(Default)]
        struct FromLogin {
            merges: usize,
            mostly_persons: usize,
            opened_by_person: usize,
            opened_by_others: usize,
        }
        let mut from: BTreeMap<String, FromLogin> = BTreeMap::new();
        for m in &self.merges {
            if let Some(l) = &m.from_login {
                let n = from.entry(l.to_lowercase()).or_default();
                n.merges += 1;
                n.mostly_persons += usize::from(m.mostly_persons());
                n.opened_by_person += usize::from(m.opened_by_person);
                n.opened_by_others += usize::from(!m.opened_by_person && m.first_author.is_some());
            }
        }
        for (login, n) in from {
            let spelled_theirs = n.opened_by_person > 0
                && n.opened_by_others == 0
                && !shared.contains(&login)
                && spelled.contains(&squash_spelling(&login));
            if spelled_theirs || n.mostly_persons * 2 > n.merges {
                logins.insert(login);
            }
        }
        logins
    }

    /// The merged branch is the person's own: they wrote most of it, or it came from a
    /// login of theirs, or, when the merge names no one's login, they opened it and no
    /// one else's commit is seen on it. Their own branch merged (a release branch
    /// brought back) is no review, whatever the main line it was first merged on. Who
    /// wrote the first commit does not decide otherwise: pytest's and cargo's
    /// maintainers rebased contributors' pull requests onto commits of their own.
    fn is_own(&self, m: &PrMerge, logins: &BTreeSet<String>, shared: &BTreeSet<String>) -> bool {
        let (on, oe) = parse_name_email(m.opener());
        let opened = m.single && !oe.is_empty() && self.person.matches(&on, &oe);
        // A pull request from a login of the person's that the same login approved is
        // theirs, however many people's commits it carries: rust-analyzer's syncs,
        // `lnicola:sync-from-ra, r=lnicola`, had been 34 "reviews" of himself and others.
        let self_approved = m.from_login.as_ref().is_some_and(|l| {
            logins.contains(&l.to_lowercase())
                && m.approvers.iter().any(|a| a.eq_ignore_ascii_case(l))
        });
        m.mostly_persons()
            || self_approved
            || self.opened_under_alias(m).is_some()
            || match personal_login(m, shared) {
                Some(login) => logins.contains(&login),
                // Others' commits on a branch that brings many people's work are not
                // contributions to the person's pull request: clippy's maintainer's
                // `Rustup`s had been his reviews of a rust-lang/rust author each.
                None => opened && (m.authored_commits() == m.branch_commits || m.many_authors),
            }
    }

    /// Who opened a pull request the person merged, as `(name, email)`, when it is the
    /// person under another address: one pull request, opened under the very name they
    /// merged it under (a name of one word only when the address says it too). astro's
    /// `ocavue` merged two of `ocavue <ocavue@gmail.com>`'s and read as reviewing one
    /// person. Stricter than a change committed for an author of their name
    /// ([`super::authors::own_under_alias`]): merging others' pull requests is what a
    /// maintainer does every day, and "Wen Wang"'s is no pull request of "Wei Wang"'s.
    fn opened_under_alias(&self, m: &PrMerge) -> Option<(String, String)> {
        let merger = m.merger.as_deref().filter(|_| m.single)?;
        let (on, oe) = parse_name_email(m.opener());
        let name = super::authors::norm(&on);
        let login = crate::model::bots::noreply_login(&oe)
            .unwrap_or_else(|| oe.split('@').next().unwrap_or("").to_lowercase());
        let alias = !oe.is_empty()
            && !name.is_empty()
            && name == super::authors::norm(merger)
            && (name.contains(' ') || name == login)
            && !self.person.matches(&on, &oe)
            && !self.person.is_bot(&on, &oe);
        alias.then(|| (on, oe.to_lowercase()))
    }

    /// Whose pull request the person reviewed, as `Name <email>`: who opened it, or the
    /// first other author on it when that is the person ("" when unknown).
    fn reviewed_author<'m>(&self, m: &'m PrMerge) -> &'m str {
        let (on, oe) = parse_name_email(m.opener());
        if !oe.is_empty() && self.person.matches(&on, &oe) {
            m.first_others_author.as_deref().unwrap_or("")
        } else {
            m.opener()
        }
    }

    /// A bot opened the pull request: it came from a bot's login, or a bot wrote its
    /// first commit (its newest when the first is not seen). Approving or merging a
    /// bot's pull request (a generated dependency bump) is no review of someone's work,
    /// as a trailer on a bot's commit is not; a bot's autofix pushed onto a person's
    /// pull request does not make it the bot's.
    fn is_bots(&self, m: &PrMerge, shared: &BTreeSet<String>) -> bool {
        let (on, oe) = parse_name_email(m.opener());
        personal_login(m, shared).is_some_and(|l| self.person.is_bot(&l, ""))
            || m.opened_by_bot
            || (m.single && !oe.is_empty() && self.person.is_bot(&on, &oe))
    }

    fn merge_record(
        &self,
        m: &PrMerge,
        logins: &BTreeSet<String>,
        shared: &BTreeSet<String>,
    ) -> Option<Evidence> {
        let from_login = personal_login(m, shared).and(m.from_login.clone());
        let (on, oe) = parse_name_email(self.reviewed_author(m));
        if m.brings_a_branch() || self.is_own(m, logins, shared) || self.is_bots(m, shared) {
            return None;
        }
        let approved = m
            .approvers
            .iter()
            .any(|a| logins.contains(&a.to_lowercase()));
        let role = if approved {
            Role::Reviewer
        } else if m.merged_by_person() {
            Role::Merger
        } else {
            return None;
        };
        let whose = from_login
            .clone()
            .or_else(|| (!oe.is_empty()).then(|| on.clone()))
            .unwrap_or_else(|| "someone".to_string());
        let sha = m.oid.to_string();
        let what = if m.title.is_empty() {
            String::new()
        } else {
            format!(": {}", m.title)
        };
        // The maintainer who pushed a fix or a test onto the contributor's branch before
        // merging it did more than review it: the record says so.
        let yours = with_yours(m.persons_commits, m.persons_co_authored);
        let verb = if role == Role::Reviewer {
            "Reviewed"
        } else {
            "Merged"
        };
        let mut e = self.record(
            format!("git-review:{}:{sha}", self.info.name),
            Kind::Review,
            format!(
                "{verb} {whose}'s pull request {}#{}{what}{yours}",
                m.repo.as_deref().unwrap_or(""),
                m.number
            ),
            m.time,
        );
        e.url = self
            .pull_url(m.repo.as_deref(), m.number)
            .or_else(|| self.commit_url(&sha));
        e.meta.insert("sha".into(), json!(sha));
        e.meta.insert("roles".into(), json!([role.as_str()]));
        e.meta.insert("role".into(), json!(role.as_str()));
        e.meta.insert("how".into(), json!([m.how.clone()]));
        e.meta.insert("pr_number".into(), json!(m.number));
        if let Some(repo) = &m.repo {
            e.meta.insert("pr_repo".into(), json!(repo));
        }
        e.meta.insert("pr_author".into(), json!(whose));
        if m.persons_commits > 0 {
            e.meta
                .insert("persons_commits".into(), json!(m.persons_commits));
        }
        // The branch's first author is the pull request's only when the merge names one
        // pull request; a login the merge names is joined to them only when they wrote
        // every commit of it seen but the person's (someone else's fix-up on top would
        // join two people).
        if m.single && !oe.is_empty() && (from_login.is_none() || m.one_author) {
            e.meta.insert("pr_author_email".into(), json!(oe));
            e.meta.insert("pr_author_name".into(), json!(on));
        }
        Some(e)
    }

    /// The records of others' commits that name the person or that they landed; commits
    /// of one author landed together (within [`LANDING_WINDOW`], or brought in by the
    /// same merge) count once.
    fn touched_records(
        &self,
        touched: &[Touched],
        branch_of: &HashMap<Oid, usize>,
    ) -> Vec<Evidence> {
        let mut touched: Vec<&Touched> = touched.iter().collect();
        // A rebase lands a series at one commit time: then the order it was written in.
        touched.sort_by_key(|t| (t.commit_time, t.time, t.oid));
        let mut groups: Vec<Vec<&Touched>> = Vec::new();
        for t in touched {
            let only_landed = |t: &Touched| t.roles.iter().all(|(r, _)| *r == Role::Lander);
            // Suggestions applied to one pull request are one review of it.
            let only_suggested = |t: &Touched| t.roles.iter().all(|(_, how)| how == SUGGESTION);
            let joins = groups.last().is_some_and(|g| {
                let last = g[g.len() - 1];
                let same_merge = branch_of
                    .get(&last.oid)
                    .is_some_and(|m| branch_of.get(&t.oid) == Some(m));
                let same_author = last.author.1.eq_ignore_ascii_case(&t.author.1);
                // Two pull requests are two landings, however close (hono's four of one
                // contributor had been one record named by the last).
                let same_pr = last.pr.is_none() || t.pr.is_none() || last.pr == t.pr;
                (only_landed(last)
                    && only_landed(t)
                    && same_author
                    && same_pr
                    && (t.commit_time - last.commit_time <= LANDING_WINDOW || same_merge))
                    || (only_suggested(last) && only_suggested(t) && same_author && same_merge)
            });
            match groups.last_mut() {
                Some(g) if joins => g.push(t),
                _ => groups.push(vec![t]),
            }
        }
        let mut out = Vec::new();
        for group in groups {
            let head = group[group.len() - 1];
            let mut roles: Vec<(Role, String)> = Vec::new();
            for t in &group {
                for r in &t.roles {
                    if !roles.iter().any(|(x, _)| *x == r.0) {
                        roles.push(r.clone());
                    }
                }
            }
            roles.sort();
            let (reports, others): (Vec<_>, Vec<_>) =
                roles.into_iter().partition(|(r, _)| *r == Role::Reporter);
            if !others.is_empty() {
                let mut review = self.touched_record(&group, head, &others, Kind::Review);
                // Brought in by a pull request's merge: the review is of that pull request
                // (a suggestion applied to it, a commit landed in it).
                if review.meta.get("pr_number").is_none()
                    && let Some(m) = branch_of.get(&head.oid).map(|&i| &self.merges[i])
                    && m.number > 0
                {
                    review.meta.insert("pr_number".into(), json!(m.number));
                    if let Some(repo) = &m.repo {
                        review.meta.insert("pr_repo".into(), json!(repo));
                    }
                }
                out.push(review);
            }
            if !reports.is_empty() {
                out.push(self.touched_record(&group, head, &reports, Kind::Issue));
            }
        }
        out
    }

    fn touched_record(
        &self,
        group: &[&Touched],
        head: &Touched,
        roles: &[(Role, String)],
        kind: Kind,
    ) -> Evidence {
        let sha = head.oid.to_string();
        let main = roles[0].0;
        let more = match group.len() {
            1 => String::new(),
            2 => " (and 1 more commit)".to_string(),
            n => format!(" (and {} more commits)", n - 1),
        };
        let prefix = if kind == Kind::Issue {
            "git-report"
        } else {
            "git-review"
        };
        // Landing is done when the commit is made (always in the period: see `observe`);
        // a trailer's review, before.
        let time = if roles.iter().all(|(r, _)| *r == Role::Lander) {
            head.commit_time
        } else {
            head.time
        };
        // Named by its newest commit. (Naming a landing by its first commit written
        // that is not about tests was tried: better for tailwindcss' loader and fzf's
        // series, worse for 14 of 25 of git's patch series, whose first patch is
        // groundwork.)
        let mut e = self.record(
            format!("{prefix}:{}:{sha}", self.info.name),
            kind,
            main.title(&head.author.0, &format!("{}{more}", head.title)),
            time,
        );
        // The review page shows the review itself; the commit page only its trailer.
        e.url = head.review_url.clone().or_else(|| self.commit_url(&sha));
        e.meta.insert("sha".into(), json!(sha));
        e.meta.insert(
            "roles".into(),
            json!(roles.iter().map(|(r, _)| r.as_str()).collect::<Vec<_>>()),
        );
        e.meta.insert("role".into(), json!(main.as_str()));
        e.meta.insert(
            "how".into(),
            json!(roles.iter().map(|(_, h)| h.as_str()).collect::<Vec<_>>()),
        );
        e.meta.insert("pr_author".into(), json!(head.author.0));
        e.meta
            .insert("pr_author_email".into(), json!(head.author.1));
        if let Some(n) = head.pr {
            e.meta.insert("pr_number".into(), json!(n));
        }
        if group.len() > 1 {
            let shas: Vec<Value> = group.iter().map(|t| json!(t.oid.to_string())).collect();
            e.meta.insert("commits".into(), Value::Array(shas));
        }
        e
    }

    fn record(&self, id: String, kind: Kind, title: String, time: i64) -> Evidence {
        let mut e = Evidence::new(id, kind, title);
        e.repo = self.info.name.clone();
        e.author = self.person.canonical();
        e.timestamp = Utc.timestamp_opt(time, 0).single();
        e.meta.insert("source".into(), json!("git"));
        e
    }

    fn commit_url(&self, sha: &str) -> Option<String> {
        self.info.web.as_ref().map(|w| w.commit_url(sha))
    }

    /// A pull request's page: in this repository, or in `repo` (`owner/name`) on the same
    /// forge.
    fn pull_url(&self, repo: Option<&str>, number: u64) -> Option<String> {
        let web = self.info.web.as_ref()?;
        if web.forge != super::remote::Forge::GitHub || number == 0 {
            return None;
        }
        // Another repository on the same host (a GitHub Enterprise server too): the base
        // is `https://HOST/SLUG`.
        let host = web.base.strip_suffix(&web.slug).unwrap_or(&web.base);
        Some(match repo {
            Some(repo) => format!("{}/{repo}/pull/{number}", host.trim_end_matches('/')),
            None => format!("{}/pull/{number}", web.base),
        })
    }
}

/// A copy of a change landed before (a backport onto a release branch): a cherry-pick,
/// a title of two pull requests, `Title (#N) (#M)`, or a backport bot's `[PR #N/SHA
/// backport][3.14] …`. aiohttp's 254 "others' pull requests merged on GitHub" held 76
/// such copies of changes counted already.
fn is_copy(title: &str, message: &str) -> bool {
    static TWICE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\(#\d+\)\s*\(#\d+\)\s*$").expect("valid"));
    static BOT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\[PR #\d+/[0-9a-f]{7,40} backport\]").expect("valid"));
    refs::is_cherry_pick(message) || TWICE.is_match(title) || BOT.is_match(title.trim_start())
}

/// What a review record says of the person's commits on the branch they reviewed or
/// merged: "(with 2 commits of yours)", and which of them they only co-authored
/// (setuptools: a reviewer's one-word suggestion had read as "1 commit of yours").
fn with_yours(persons: usize, co_authored: usize) -> String {
    let commits = |n: usize| {
        if n == 1 {
            "1 commit".to_string()
        } else {
            format!("{n} commits")
        }
    };
    match (persons, co_authored) {
        (0, _) => String::new(),
        (n, 0) => format!(" (with {} of yours)", commits(n)),
        (n, c) if c == n => format!(" (with {} you co-authored)", commits(n)),
        (n, c) => format!(" (with {} of yours, {c} of them co-authored)", commits(n)),
    }
}

/// How a suggestion applied on GitHub records the person's review.
const SUGGESTION: &str = "a review suggestion of theirs the author applied on GitHub";

/// A commit GitHub made when a pull request's author accepted a reviewer's suggestion:
/// committed by GitHub (or GitLab), one parent, titled as they title it (`Update
/// src/config.rs`, a path with a folder or an extension, not `Update dependencies`;
/// `Apply suggestions from code review`, or, as GitHub titles it since 2025, `Apply
/// suggestion from @login`; GitLab's `Apply 1 suggestion(s) to 1 file(s)`).
pub(super) fn is_applied_suggestion(commit: &Commit, message: &str) -> bool {
    static TITLE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(Apply (\d+ )?suggestions? from (code review|@[\w-]+)|Apply \d+ suggestion\(s\) to \d+ file\(s\)|Update [\w@+-]*[./][\w./@+-]*|Update (README|LICENSE|CHANGELOG|CONTRIBUTING|Makefile|Dockerfile|Justfile)\b\S*)\s*$",
        )
            .expect("valid")
    });
    commit.parent_count() == 1
        && committed_by_forge(commit)
        && TITLE.is_match(message.trim_start().lines().next().unwrap_or(""))
}

/// A merge's first line and the rest: git names what it merges on the first line, and a
/// forge puts the pull request's title after it (read whole even when no blank line
/// follows, unlike a commit's subject).
fn first_line_and_rest(message: &str) -> (String, String) {
    let message = message.trim();
    match message.split_once('\n') {
        Some((first, rest)) => (first.trim().to_string(), rest.trim().to_string()),
        None => (message.to_string(), String::new()),
    }
}

/// `git pull`'s merge of a remote branch into the local one (`Merge branch 'main' of
/// https://github.com/o/r`): bringing one's clone up to date, nobody's work.
fn is_pull_merge(title: &str) -> bool {
    static PULL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^Merge (?:remote-tracking )?branch '[^']+' of \S+").expect("valid")
    });
    PULL.is_match(title.trim())
}

/// A merge of the main line into a branch, as git titles it (`Merge branch 'master' into
/// bazel`, `Merge remote-tracking branch 'origin/main' into fix`): someone brought the
/// branch up to date, which makes no one its author. A merge of another topic branch
/// (`Merge branch 'sub' into pr`) is the branch's own work.
fn is_update_merge(commit: &Commit) -> bool {
    static UPDATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^Merge (?:remote-tracking )?branch '(?:(?:origin|upstream)/)?(?:master|main|develop|trunk|dev)' into ",
        )
        .expect("valid")
    });
    commit.parent_count() > 1
        && commit
            .summary_bytes()
            .is_some_and(|t| UPDATE.is_match(&String::from_utf8_lossy(t)))
}

/// The newest commit of the branch a merge brought in that is not a merge bringing that
/// branch up to date: its own newest work, whoever clicked "Update branch".
fn branch_head<'r>(merge: &Commit<'r>) -> Option<Commit<'r>> {
    let mut head = merge.parent(1).ok()?;
    for _ in 0..MAX_BRANCH_COMMITS {
        if !is_update_merge(&head) {
            break;
        }
        head = head.parent(0).ok()?;
    }
    Some(head)
}

/// The login a merge says its pull request came from (lower case), unless it is one
/// no one person's branches come from (see `Recorder::shared_logins`).
fn personal_login(m: &PrMerge, shared: &BTreeSet<String>) -> Option<String> {
    m.from_login
        .as_ref()
        .map(|l| l.to_lowercase())
        .filter(|l| !shared.contains(l))
}

/// `A,B` or `A, B` of an `r=` list, without `me`-style placeholders.
fn logins(list: &str) -> Vec<String> {
    LOGIN_SPLIT
        .split(list.trim())
        .map(|l| l.trim_start_matches('@').to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// Whether GitHub or GitLab made the commit (a web merge, squash or applied suggestion),
/// read from the committer as written: the forge's signature is never mailmapped.
fn committed_by_forge(commit: &Commit) -> bool {
    let c = commit.committer();
    is_forge_committer(
        &String::from_utf8_lossy(c.name_bytes()),
        &String::from_utf8_lossy(c.email_bytes()),
    )
}

/// GitHub's and GitLab's own committer on web merges and squashes: not a person.
fn is_forge_committer(name: &str, email: &str) -> bool {
    let email = email.to_ascii_lowercase();
    email == "noreply@github.com"
        || email == "noreply@gitlab.com"
        || (name == "GitHub" && email.ends_with("github.com"))
}

/// A name as a login would spell it: lower case, letters and digits only ("Stefan
/// Haller" and `stefanhaller`, `alice.example` and `alice-example`).
fn squash_spelling(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Sets `meta.pr_number` and `meta.pr_title` on the person's commits that a pull request
/// merge brought in.
fn annotate_pull_requests(
    commits: &mut [Evidence],
    merges: &[PrMerge],
    branch_of: &HashMap<Oid, usize>,
) {
    if branch_of.is_empty() {
        return;
    }
    for e in commits.iter_mut() {
        let Some(oid) = e.meta_str("sha").and_then(|s| Oid::from_str(s).ok()) else {
            continue;
        };
        let Some(m) = branch_of.get(&oid).map(|&i| &merges[i]) else {
            continue;
        };
        // A commit that names its own pull request (a squash merged into a branch that
        // was merged later) keeps it.
        if refs::squash_suffix(&e.title).is_some() {
            continue;
        }
        e.meta.insert("pr_number".into(), json!(m.number));
        if let Some(repo) = &m.repo {
            e.meta.insert("pr_repo".into(), json!(repo));
        }
        if !m.title.is_empty() {
            e.meta.insert("pr_title".into(), json!(m.title));
        }
        e.meta.insert("pr_merge".into(), json!(m.oid.to_string()));
        // Someone else's pull request the person pushed a commit onto (a revision, a
        // test): their commit, but not a piece of work they led (setuptools: a
        // contributor's migration guide had been "your share 100%").
        let opener = m.opener_name();
        // A branch whose merge is the person's review is not theirs, whoever wrote its
        // first commit: lazygit's maintainer put two commits under a contributor's three
        // (#5365), which had counted as his review and as his own work.
        let theirs =
            !m.reviewed && (m.mostly_persons() || m.opened_by_person || m.from_persons_login);
        // A bot's pull request (dependabot's bump) with a fix-up of the person's on it is
        // the bot's, not a piece the person led (zstd: two "Bump …" had been theirs).
        // (Unless the person wrote most of it: their migration pushed onto a bot's bump.)
        let bots_mostly = m.opened_by_bot && m.persons_commits * 2 <= m.work_commits();
        if (!theirs || bots_mostly) && !opener.is_empty() {
            e.meta.insert("pr_opener".into(), json!(opener));
        }
        // The person's commits of the branch's, whoever opened it: zstd's maintainer's own
        // pull request began with a colleague's commit, the optimisation it is named for,
        // and had been "your share 100%".
        let all = m.work_commits();
        if m.persons_commits < all || e.meta.contains_key("pr_opener") {
            e.meta
                .insert("pr_commits".into(), json!([m.persons_commits, all]));
        }
        if !m.issues.is_empty() {
            e.meta.insert("pr_issues".into(), json!(m.issues));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_review_record_says_which_of_the_persons_commits_they_only_co_authored() {
        assert_eq!(with_yours(0, 0), "");
        assert_eq!(with_yours(1, 0), " (with 1 commit of yours)");
        assert_eq!(with_yours(2, 2), " (with 2 commits you co-authored)");
        assert_eq!(
            with_yours(3, 1),
            " (with 3 commits of yours, 1 of them co-authored)"
        );
    }

    #[test]
    fn bors_titles_name_the_pull_request_its_author_and_approvers() {
        let c = BORS
            .captures("Auto merge of #13224 - ehuss:fix-error-format, r=epage")
            .unwrap();
        assert_eq!((&c[1], &c[2]), ("13224", "ehuss"));
        assert_eq!(logins(&c[3]), vec!["epage"]);
        let c = BORS
            .captures("Rollup merge of #99 - a-b:x/y, r=Alice,bob")
            .unwrap();
        assert_eq!(logins(&c[3]), vec!["Alice", "bob"]);
        let c = BORS
            .captures("Auto merge of #5 - u:b, r=alice, @bob")
            .unwrap();
        assert_eq!(logins(&c[3]), vec!["alice", "bob"]);
        assert!(
            BORS.captures("Auto merge of #10 - rollup-abc1234, r=alice")
                .is_none(),
            "a rollup's own merge approves a batch, not a change"
        );
        let c = BORS_NG_LINE
            .captures("1234: Fix the parser r=alice,bob a=carol")
            .unwrap();
        assert_eq!(
            (&c[1], &c[2], &c[3], &c[4]),
            ("1234", "Fix the parser", "alice,bob", "carol")
        );
        let c = GITHUB_MERGE
            .captures("Merge pull request #42 from bob/fix-login")
            .unwrap();
        assert_eq!((&c[2], &c[3]), ("42", "bob"));
        assert!(c.get(1).is_none());
        let c = GITHUB_MERGE
            .captures("Merge pull request 2879 from rcrisanti/fix/silence-deprecation-warnings")
            .unwrap();
        assert_eq!((&c[2], &c[3]), ("2879", "rcrisanti"));
        let c = GITHUB_MERGE
            .captures("Merge pull request pypa/distutils#392 from Avasam/ci_setuptools")
            .unwrap();
        assert_eq!((&c[1], &c[2], &c[3]), ("pypa/distutils", "392", "Avasam"));
        // A path is no repository.
        let c = GITHUB_MERGE
            .captures("Merge pull request ../..#9 from x/y")
            .map(|c| c.get(1).is_some());
        assert_ne!(c, Some(true));
        assert!(OTHER_REPO_SUFFIX.captures("Sync (../..#9)").is_none());
    }

    #[test]
    fn merges_titled_as_one_branch_into_another_are_no_pull_requests() {
        for title in [
            "Merge branch 'main' into topic (#12)",
            "Merge 'tokio-1.52.3' into 'master' (#8131)",
            "Merge tokio-1.52.x (for #8101) into master (#8106)",
            "Merge tokio-1.47.x (commit 670a907c55c7) into tokio-1.51.x (#8105)",
            "Merge `tokio-1.43.4` into `tokio-1.47.x` (#7822)",
        ] {
            assert!(GIT_MERGE_TITLE.is_match(title), "{title}");
        }
        for title in [
            "Merge the parser into the lexer (#55)",
            "Merge queue: retry on failure (#7)",
            "Make GlobalContext Sync (#15967)",
        ] {
            assert!(!GIT_MERGE_TITLE.is_match(title), "{title}");
        }
    }

    #[test]
    fn trailer_keys_give_roles_case_insensitively() {
        assert_eq!(Role::of_trailer("reviewed-by"), Some(Role::Reviewer));
        assert_eq!(Role::of_trailer("Mentored-By"), Some(Role::Mentor));
        assert_eq!(Role::of_trailer("Reported-by"), Some(Role::Reporter));
        assert_eq!(Role::of_trailer("Signed-off-by"), None);
        assert!(Role::Tester.is_review() && !Role::Helper.is_review());
        for r in [
            Role::Reviewer,
            Role::Approver,
            Role::Acker,
            Role::Merger,
            Role::Lander,
            Role::Tester,
            Role::Mentor,
            Role::Helper,
            Role::Reporter,
        ] {
            assert!(ROLES.contains(&r.as_str()));
        }
    }

    #[test]
    fn forge_committers_are_not_people() {
        assert!(is_forge_committer("GitHub", "noreply@github.com"));
        assert!(is_forge_committer("GitLab", "noreply@gitlab.com"));
        assert!(!is_forge_committer("Ann", "ann@example.com"));
    }
}
