//! The portfolio: classified evidence organised by the rubric. What `classify` writes
//! and `report` reads; templates render it.

use super::evidence::{Collection, Evidence, is_zero};
use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const PORTFOLIO_SCHEMA: u32 = 1;

/// Why an item carries a signal: the rule that fired and its one-line reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RuleMatch {
    pub rule: String,
    pub reason: String,
    pub signals: Vec<String>,
    /// For the learned model: the item's features that weighed most for its answer, with
    /// their weights (positive for the answer, negative against).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub features: Vec<FeatureWeight>,
}

/// A named feature and its weight in the model's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct FeatureWeight {
    pub name: String,
    pub weight: f64,
}

/// `primary` of an item neither a rule nor the model could place.
pub const UNCLASSIFIED: &str = "unclassified";
/// `primary` of a bulk mechanical change: kept in the totals, no evidence.
pub const BULK: &str = "bulk";

/// An item of evidence with what classification made of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Item {
    #[serde(flatten)]
    pub evidence: Evidence,
    /// Signals in vocabulary order, without repeats.
    pub signals: Vec<String>,
    /// The item's main kind of work: the signal its title's label, a rule or your
    /// relabelling states, else the model's answer, which is its best guess when it is
    /// not sure (then `counted` is false); `unclassified` when there is nothing to guess
    /// from (no rule fired and the model does not read this kind of item), `bulk` for a
    /// bulk mechanical change.
    #[serde(default = "unclassified")]
    pub primary: String,
    /// How sure `primary` is: 1 for a label, rule or relabelling, the model's probability
    /// otherwise.
    #[serde(default)]
    #[schemars(range(min = 0, max = 1))]
    pub confidence: f64,
    /// Whether `primary` counts toward the rubric: it is certain (a label, a rule, your
    /// relabelling) or the model's probability clears the threshold its class needs for
    /// precision 0.9. An item whose primary does not count is shown with its best guess,
    /// and its kind of work is evidence for no statement; `signals` holds only what
    /// counts (another rule's signal, such as `collaboration` or `incremental`, may).
    #[serde(default = "counted")]
    pub counted: bool,
    /// When `primary` is the model's answer: the probability its class needs to count
    /// (the threshold chosen for precision 0.9). 1 or more when no threshold reaches that
    /// precision: the model alone never counts that class.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0))]
    pub counts_from: Option<f64>,
    /// Every rule that fired, in rule order.
    pub matches: Vec<RuleMatch>,
    /// Rubric statements this item is evidence for, as `area/statement` ids.
    pub statements: Vec<String>,
    /// How much this item weighs as evidence (size, kind, reach); orders items.
    #[schemars(range(min = 0))]
    pub weight: f64,
    /// Set when the item is counted with another one instead of on its own: the commit
    /// that added a design doc is counted with the doc (the id given here). A commit
    /// another person reverted names their revert, which is no item of the person's
    /// (`counted_why` `reverted-by-other`).
    #[serde(default)]
    pub counted_with: Option<String>,
    /// Why it is counted with that item (set with `counted_with`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counted_why: Option<CountedWhy>,
    /// Set when the item is mechanical churn (a dependency or lock-file update, generated,
    /// vendored or snapshot files, a bulk change), saying which: it never leads as
    /// "strongest".
    #[serde(default)]
    pub mechanical: Option<String>,
}

/// Why an item is counted with another (`counted_with`) rather than on its own: each is
/// one fold of the verdict (docs/portfolio.md, "Which statements an item supports").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CountedWhy {
    /// The commit only wrote or edited a design doc: it counts with the doc.
    DesignDoc,
    /// The same pull request, or the same lines under another number, landed again (a
    /// backport or a re-land): it counts with the first landing.
    LandedAgain,
    /// A copy of another commit (a cherry-pick naming it, or the same title and author
    /// time): it counts with the original.
    Copy,
    /// Only the changelog entry of a pull request whose other commit it counts with.
    ChangelogEntry,
    /// A reviewer's suggestion applied on a pull request whose other commit it counts with.
    Suggestion,
    /// Undone by the person's own revert, which it counts with: neither supports a statement.
    Undone,
    /// Undoes the person's own commit, which it counts with: neither supports a statement.
    Undoes,
    /// Reverted by another within 30 days of landing (`meta.reverted_by`, the revert's id,
    /// which is no item of the person's): it did not ship, and supports no statement.
    RevertedByOther,
    /// A later release of a run of releases: it counts with the run's first.
    ReleaseRun,
    /// One of several commits of one title in one repository: a recurring task, counted
    /// with its first.
    Recurring,
    /// The same title again within a few days of the person's commit of that title: one
    /// more attempt at the same change, counted with the first.
    Retried,
    /// A small commit pushed within the hour of the person's commit on the same files: a
    /// follow-up, counted with it.
    FollowUp,
}

impl CountedWhy {
    /// The reason in words, after "counted with ID": "a copy of it".
    pub fn phrase(self) -> &'static str {
        match self {
            Self::DesignDoc => "the design doc it wrote",
            Self::LandedAgain => "the first landing of the same change",
            Self::Copy => "the commit it copies",
            Self::ChangelogEntry => "the pull request's work it is the changelog entry of",
            Self::Suggestion => "the pull request's work it applies a reviewer's suggestion to",
            Self::Undone => "the person's revert that undid it",
            Self::Undoes => "the person's own commit it undoes",
            Self::RevertedByOther => "another's revert that undid it",
            Self::ReleaseRun => "the first release of a run of releases",
            Self::Recurring => "the first of a recurring task's commits of the same title",
            Self::Retried => {
                "the first attempt at the same fix, of the same title, at most a few days before it"
            }
            Self::FollowUp => {
                "the commit it follows up within the hour, touching a file it touched"
            }
        }
    }

    /// The reason in a few words, for a list of items: "(counted with ID, a copy of it)".
    pub fn short(self) -> &'static str {
        match self {
            Self::DesignDoc => "the design doc it wrote",
            Self::LandedAgain => "landed again",
            Self::Copy => "a copy of it",
            Self::ChangelogEntry => "its changelog entry",
            Self::Suggestion => "a suggestion applied to it",
            Self::Undone => "undone by it",
            Self::Undoes => "undoes it",
            Self::RevertedByOther => "reverted by another",
            Self::ReleaseRun => "one release run",
            Self::Recurring => "a recurring task",
            Self::Retried => "another attempt at it",
            Self::FollowUp => "a follow-up of it",
        }
    }
}

impl Item {
    /// The model's guess is of a kind it never counts from its guess alone, however sure
    /// (no threshold reached precision 0.9: `counts_from` is 1 or more).
    pub fn never_counted(&self) -> bool {
        self.counts_from.is_some_and(|c| c >= 1.0)
    }
}

fn unclassified() -> String {
    UNCLASSIFIED.to_string()
}

/// Portfolios written before `counted` existed held only counted primaries.
fn counted() -> bool {
    true
}

/// How strong the evidence for a statement (or an area) is. `NotMeasured`: none of the
/// sources that could show it was collected, so its absence says nothing.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Strength {
    NotMeasured,
    None,
    Some,
    Strong,
}

impl Strength {
    pub fn as_str(self) -> &'static str {
        match self {
            Strength::NotMeasured => "not_measured",
            Strength::None => "none",
            Strength::Some => "some",
            Strength::Strong => "strong",
        }
    }

    /// Whether the evidence could have shown it.
    pub fn is_measured(self) -> bool {
        self != Strength::NotMeasured
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct StatementReport {
    /// `area/statement`.
    pub id: String,
    pub text: String,
    pub strength: Strength,
    /// Items that are evidence for the statement.
    pub count: usize,
    /// The thresholds that decided `strength`: `some` items for some, `strong` for strong.
    pub thresholds: Thresholds,
    /// Item ids, strongest first.
    pub evidence: Vec<String>,
    /// What would move this statement up: what the evidence shows so far, what strong
    /// needs, and the rubric's advice; empty when already strong or not measured.
    pub goal: String,
    /// The kinds of item that can show this statement (`commit`, `review`, `note`, ...).
    #[serde(default)]
    #[schemars(with = "Vec<super::Kind>")]
    pub sources: Vec<String>,
    /// When not measured: how to measure it (which source to add, and how).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub measure: String,
    /// Of `count`, the items that are others' work the person co-authored or copied onto
    /// a branch (said beside a strong statement, whose goal is empty).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub others: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Thresholds {
    pub some: usize,
    pub strong: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct AreaReport {
    pub id: String,
    pub name: String,
    pub icon: String,
    pub summary: String,
    /// Distinct items that are evidence for any statement of the area.
    pub count: usize,
    /// The area's badge, from its measured statements (see docs/portfolio.md).
    pub strength: Strength,
    /// Statements of the area that the collected sources could show.
    #[serde(default)]
    pub measured: usize,
    pub statements: Vec<StatementReport>,
    /// Distinct item ids across the area's statements, strongest first.
    pub evidence: Vec<String>,
}

/// A portfolio category of the career guide ("Big features you led", ...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct CategoryReport {
    pub id: String,
    pub title: String,
    pub count: usize,
    /// Item ids, strongest first.
    pub evidence: Vec<String>,
    /// Initiative ids, for categories that list initiatives rather than items.
    #[serde(default)]
    pub initiatives: Vec<String>,
    /// Whether the category lists initiatives rather than items: with none listed (none
    /// large enough), its items are not listed one by one either.
    #[serde(default)]
    pub groups: bool,
    /// False when nothing was found and none of the sources that could show the category
    /// was collected: "nothing yet" would say what was not looked at.
    #[serde(default = "yes")]
    pub measured: bool,
    /// How to measure it, when it is not measured.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub measure: String,
    /// Items whose best guess is one of the category's kinds but that do not count, and
    /// how to settle them: "3 items look like feature but are not sure enough to count
    /// (…)". Empty when there are none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unsure: String,
}

fn yes() -> bool {
    true
}

/// A rubric statement without enough evidence, turned into a goal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Gap {
    pub area: String,
    pub statement: String,
    pub text: String,
    pub strength: Strength,
    pub count: usize,
    pub goal: String,
}

/// A source of evidence the collection did not read, and what it would have shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct NotSeen {
    /// `git`, `design-docs`, `github`, `notes`, `gerrit` (reviews given where evident
    /// does not read), `links`, `release-tags` (releases git records only as tags) or
    /// `automation` (commits an automation made under the person's identity, left out).
    #[schemars(extend("enum" = ["git", "design-docs", "github", "notes", "gerrit", "links", "release-tags", "automation"]))]
    pub source: String,
    /// What was not seen, in a sentence.
    pub text: String,
    /// How to see it next time.
    pub how: String,
    /// Statements it leaves unmeasured: nothing else collected could show them.
    pub statements: Vec<String>,
    /// Statements measured without it, in part: it could have shown more of them.
    #[serde(default)]
    pub partly: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Totals {
    pub items: usize,
    #[schemars(extend("propertyNames" = {"$ref": "#/$defs/Kind"}))]
    pub by_kind: BTreeMap<String, usize>,
    pub by_signal: BTreeMap<String, usize>,
    pub commits: usize,
    pub additions: u64,
    pub deletions: u64,
    /// Repositories read, and any other repository an item is in.
    pub repositories: usize,
    /// Commits counted whose line counts are unknown (objects that could not be read):
    /// `additions` and `deletions` leave them out.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub commits_without_lines: usize,
    /// Of `additions` and `deletions`, the lines in files a tool writes (lock, vendored,
    /// generated and snapshot files: `meta.tool_lines`), which the person did not write
    /// by hand.
    #[serde(default, skip_serializing_if = "is_zero_u64")]
    pub tool_lines: u64,
    /// Of `additions` and `deletions`, the lines in translations of the documentation
    /// (`meta.translation_lines`: a page under a language's folder, `docs/pt/…`).
    #[serde(default, skip_serializing_if = "is_zero_u64")]
    pub translation_lines: u64,
    /// Of `additions` and `deletions`, the lines moved or re-indented: an added line equal
    /// to a line the same commit removed, whitespace around it aside (`meta.moved_lines`:
    /// both copies, and the commit's short lines, blank lines and braces, in the same
    /// share), which the person moved rather than wrote.
    #[serde(default, skip_serializing_if = "is_zero_u64")]
    pub moved_lines: u64,
    /// Of `commits`, those on branches `HEAD` does not reach (read with
    /// `--all-branches`: `meta.off_head`), work not merged into the main line.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub commits_off_head: usize,
    /// Of `commits_off_head`, those that are copies of commits the main line reaches
    /// (`counted_why` `copy`): a branch a rebase left behind. git counts both copies, and
    /// so do the totals.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub commits_off_head_copies: usize,
    /// The person's commits (co-authored ones too) and pull requests another person
    /// reverted within 30 days of landing (`counted_why` `reverted-by-other`): they did
    /// not ship and support no statement, but git counts the commits, and so do the totals.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub changes_reverted_by_others: usize,
    /// Review reach: reviews given, and the distinct people whose pull requests they were on.
    #[serde(default)]
    pub reviews_given: usize,
    #[serde(default)]
    pub people_reviewed: usize,
    /// Items by primary signal where it counts; `unclassified` for the items whose primary
    /// does not count, `bulk` for bulk mechanical changes.
    #[serde(default)]
    pub by_primary: BTreeMap<String, usize>,
    /// Items whose primary signal counts toward the rubric.
    #[serde(default)]
    pub counted: usize,
    /// Items not placed with confidence (the model's best guess was below its class's
    /// threshold, or nothing could be guessed): shown with their best guess, never
    /// dropped; their kind of work is evidence for no statement.
    #[serde(default)]
    pub unclassified: usize,
    /// The unclassified items by best guess (`unclassified` where there was none).
    #[serde(default)]
    pub unclassified_by_guess: BTreeMap<String, usize>,
    /// Of `unclassified`, the items whose best guess is of a kind the model never counts
    /// from its guess alone (its threshold is 1), at any confidence: the rest fell short
    /// of their kind's threshold.
    #[serde(default)]
    pub unclassified_never_counted: usize,
    /// Of `reviews_given`, those git records (approvals in merges, review trailers, merges
    /// and landings of others' changes) rather than GitHub's reviews with their comments.
    #[serde(default)]
    pub reviews_recorded: usize,
    /// The person's commits that landed in the period but were written before it, in
    /// every repository read: not in `commits`, which counts by author time.
    #[serde(
        default,
        skip_serializing_if = "crate::model::evidence::WrittenBefore::is_empty"
    )]
    pub written_before: crate::model::evidence::WrittenBefore,
}

fn is_zero_u64(n: &u64) -> bool {
    *n == 0
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RubricInfo {
    pub name: String,
    pub source: String,
    pub summary: String,
}

/// A group of items that together make one piece of work ("a feature you led").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Initiative {
    pub id: String,
    pub name: String,
    /// Why the items were grouped (e.g. "ticket key ABC-123").
    pub reason: String,
    pub start: Option<DateTime<Utc>>,
    pub end: Option<DateTime<Utc>>,
    pub repos: Vec<String>,
    pub items: Vec<String>,
    pub signals: Vec<String>,
    pub additions: u64,
    pub deletions: u64,
    /// The person's share of the work in the group, 0..=1, where it can be told.
    #[schemars(range(min = 0, max = 1))]
    pub share: Option<f64>,
    pub links: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Portfolio {
    #[schemars(extend("const" = 1))]
    pub schema: u32,
    pub generated_at: DateTime<Utc>,
    /// Who, when, from where, and what could not be seen.
    pub collection: Collection,
    pub rubric: RubricInfo,
    pub totals: Totals,
    pub areas: Vec<AreaReport>,
    pub categories: Vec<CategoryReport>,
    pub gaps: Vec<Gap>,
    /// Sources that were not collected and the statements they leave unmeasured.
    #[serde(default)]
    pub not_seen: Vec<NotSeen>,
    #[serde(default)]
    pub initiatives: Vec<Initiative>,
    /// Every item, newest first.
    pub items: Vec<Item>,
}
