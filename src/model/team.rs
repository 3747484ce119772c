//! The team overview of `evident team`: per member, evidence counts per competency area,
//! the identities merged, and the bots left out. Plain data; `team.json` is this, and
//! the `team.md` / `team.html` templates draw it.
//!
//! Members keep the team file's order. Nothing here ranks people: there is no score, no
//! sort by a count, no "top" anything.

use super::portfolio::{RubricInfo, Strength, Totals};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const TEAM_SCHEMA: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamOverview {
    pub schema: u32,
    pub generated_at: DateTime<Utc>,
    /// The run's period, `[since, until)`.
    pub since: DateTime<Utc>,
    pub until: DateTime<Utc>,
    pub rubric: RubricInfo,
    /// The rubric's areas, in rubric order: the columns of the overview.
    pub areas: Vec<AreaInfo>,
    /// In the team file's order.
    pub members: Vec<MemberOverview>,
    /// Bot identities seen in the repositories in the period; none of their items count.
    pub bots: Vec<SeenIdentity>,
    /// Commits by bots in the period, left out of every portfolio.
    pub bot_items_left_out: usize,
    /// What could not be seen, for any member.
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreaInfo {
    pub id: String,
    pub name: String,
    pub icon: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberOverview {
    pub name: String,
    pub slug: String,
    /// The member's portfolio, relative to the overview (`alice-example.md`).
    pub portfolio: String,
    /// The role period as the team file gives it.
    pub role_from: Option<String>,
    pub role_until: Option<String>,
    /// The period counted: the run's period inside the role; none when they do not meet.
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    /// Evidence per area, in the order of `TeamOverview::areas`.
    pub areas: Vec<AreaCount>,
    /// The member's portfolio totals (commits equal `git log --author`'s).
    pub totals: Totals,
    /// Bulk mechanical changes by kind (`formatting`, `rename`, `generated`): in the
    /// totals, not counted as impact.
    pub bulk: BTreeMap<String, usize>,
    pub identities: IdentityReport,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreaCount {
    pub id: String,
    /// Distinct items that are evidence for the area.
    pub count: usize,
    pub strength: Strength,
}

/// Which identities were taken as one person, and which look like them but were not.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IdentityReport {
    pub person: String,
    pub merged: Vec<MergedIdentity>,
    /// Same name as the person, another email: for the user to confirm.
    pub likely_aliases: Vec<SeenIdentity>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MergedIdentity {
    /// `Name <email>`, an email, a name or a login.
    pub identity: String,
    /// Why it is the person's: `team file`, `alias list`, `mailmap`, `noreply`,
    /// `GitHub pair`, `--author`, `[identity]`.
    pub via: String,
    /// Commits under it in the period, where the repositories were read.
    pub commits: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeenIdentity {
    /// `Name <email>` as the commits carry it (after the mailmap).
    pub identity: String,
    pub commits: usize,
    /// Others' commits of the period committed under it: a likely alias found as a
    /// committer (the person's landings, likely).
    #[serde(default, skip_serializing_if = "crate::model::evidence::is_zero")]
    pub committed: usize,
    /// What to do about it, where there is something to do.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub hint: String,
}
