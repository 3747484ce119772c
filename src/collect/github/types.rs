//! The shapes of GitHub's answers, as far as evident reads them. Everything GitHub may
//! omit or null is an `Option` (or defaults to empty), so a thin answer is never a panic:
//! a deleted user is `author: null`, a PR without a merge commit has `mergeCommit: null`,
//! a search hit that the token may not see is a `null` node.

use chrono::{DateTime, Utc};
use serde::Deserialize;

/// `{"data": ..., "errors": [...]}`: GraphQL answers both at once on partial success.
#[derive(Debug, Deserialize)]
pub struct GraphqlReply<T> {
    pub data: Option<T>,
    #[serde(default)]
    pub errors: Vec<GraphqlError>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GraphqlError {
    #[serde(default)]
    pub message: String,
    /// `RATE_LIMIT` (formerly `RATE_LIMITED`), `INSUFFICIENT_SCOPES`, `NOT_FOUND`,
    /// `FORBIDDEN`, ...
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    /// Sent with some errors, e.g. `graphql_rate_limit`.
    #[serde(default)]
    pub code: Option<String>,
}

/// `GET /user`.
#[derive(Debug, Deserialize)]
pub struct RestUser {
    pub login: String,
}

/// `GET /repos/O/R` (`full_name`) or `GET /users/O` (`login`): the name GitHub knows
/// the entry by now (a renamed repository answers under its new name).
#[derive(Debug, Default, Deserialize)]
pub struct RestEntry {
    #[serde(default)]
    pub full_name: Option<String>,
    #[serde(default)]
    pub login: Option<String>,
}

/// Any REST error body: `{"message": "...", "documentation_url": "..."}`.
#[derive(Debug, Default, Deserialize)]
pub struct RestMessage {
    #[serde(default)]
    pub message: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Actor {
    #[serde(default)]
    pub login: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RepoRef {
    #[serde(default)]
    pub name_with_owner: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PageInfo {
    #[serde(default)]
    pub has_next_page: bool,
    #[serde(default)]
    pub end_cursor: Option<String>,
}

/// A connection: `{totalCount, pageInfo, nodes}`, each part optional.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Conn<T> {
    #[serde(default)]
    pub total_count: Option<u64>,
    #[serde(default)]
    pub page_info: Option<PageInfo>,
    #[serde(default = "Vec::new")]
    pub nodes: Vec<Option<T>>,
}

impl<T> Default for Conn<T> {
    fn default() -> Self {
        Conn {
            total_count: None,
            page_info: None,
            nodes: Vec::new(),
        }
    }
}

impl<T> Conn<T> {
    pub fn items(&self) -> impl Iterator<Item = &T> {
        self.nodes.iter().flatten()
    }
    /// Whether GitHub has more than it sent.
    pub fn is_partial(&self) -> bool {
        self.total_count
            .is_some_and(|t| t > self.nodes.iter().flatten().count() as u64)
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct Named {
    #[serde(default)]
    pub name: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PathNode {
    #[serde(default)]
    pub path: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Oid {
    #[serde(default)]
    pub oid: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct CommitNode {
    #[serde(default)]
    pub commit: Option<PrCommit>,
}

/// A pull request's commit: its SHA, and the email it was written under with the GitHub
/// user that email belongs to (how evident learns a person's other commit emails).
#[derive(Debug, Clone, Deserialize)]
pub struct PrCommit {
    #[serde(default)]
    pub oid: String,
    #[serde(default)]
    pub author: Option<GitActor>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GitActor {
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub user: Option<Actor>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct IssueRef {
    pub number: u64,
    #[serde(default)]
    pub repository: Option<RepoRef>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ReviewAuthor {
    #[serde(default)]
    pub author: Option<Actor>,
}

/// A search hit is a pull request, an issue, or (for a node the token may not see, or a
/// type the query did not ask about) an empty object.
#[derive(Debug, Deserialize)]
pub struct Search<T> {
    #[serde(rename = "issueCount", default)]
    pub issue_count: u64,
    #[serde(rename = "pageInfo", default)]
    pub page_info: PageInfo,
    #[serde(default = "Vec::new")]
    pub nodes: Vec<Option<T>>,
}

#[derive(Debug, Deserialize)]
pub struct SearchData<T> {
    pub search: Search<T>,
}

/// A pull request the person authored.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PullRequest {
    #[serde(default)]
    pub id: Option<String>,
    pub number: u64,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    /// `OPEN`, `CLOSED`, `MERGED`.
    #[serde(default)]
    pub state: Option<String>,
    pub created_at: DateTime<Utc>,
    #[serde(default)]
    pub merged_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub closed_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub additions: Option<u64>,
    #[serde(default)]
    pub deletions: Option<u64>,
    #[serde(default)]
    pub changed_files: Option<u64>,
    #[serde(default)]
    pub repository: Option<RepoRef>,
    #[serde(default)]
    pub author: Option<Actor>,
    #[serde(default)]
    pub labels: Option<Conn<Named>>,
    #[serde(default)]
    pub closing_issues_references: Option<Conn<IssueRef>>,
    #[serde(default)]
    pub reviews: Option<Conn<ReviewAuthor>>,
    #[serde(default)]
    pub merge_commit: Option<Oid>,
    #[serde(default)]
    pub commits: Option<Conn<CommitNode>>,
    #[serde(default)]
    pub files: Option<Conn<PathNode>>,
}

/// A pull request the person reviewed, with the person's reviews on it.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReviewedPullRequest {
    #[serde(default)]
    pub id: Option<String>,
    pub number: u64,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub url: Option<String>,
    pub created_at: DateTime<Utc>,
    /// `FIRST_TIME_CONTRIBUTOR`, `FIRST_TIMER`, `CONTRIBUTOR`, `MEMBER`, ...
    #[serde(default)]
    pub author_association: Option<String>,
    #[serde(default)]
    pub author: Option<Actor>,
    #[serde(default)]
    pub repository: Option<RepoRef>,
    #[serde(default)]
    pub reviews: Option<Conn<Review>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Review {
    #[serde(default)]
    pub id: Option<String>,
    /// GraphQL `BigInt`: a JSON string (a number is accepted too). Ids pass 2^31.
    #[serde(default)]
    pub full_database_id: Option<BigId>,
    /// The deprecated 32-bit id, asked for only from servers without `fullDatabaseId`.
    #[serde(default)]
    pub database_id: Option<u64>,
    /// `APPROVED`, `CHANGES_REQUESTED`, `COMMENTED`, `DISMISSED`, `PENDING`.
    #[serde(default)]
    pub state: Option<String>,
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    /// Null for a pending (unsubmitted) review.
    #[serde(default)]
    pub submitted_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub comments: Option<Conn<CommentBody>>,
}

/// A database id as GitHub's `BigInt` scalar sends it (a string), or as a number.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum BigId {
    Text(String),
    Number(u64),
}

impl BigId {
    /// The id's digits; `None` for anything that is not a non-negative integer.
    pub fn digits(&self) -> Option<String> {
        match self {
            BigId::Number(n) => Some(n.to_string()),
            BigId::Text(t) => {
                let t = t.trim();
                (!t.is_empty() && t.bytes().all(|b| b.is_ascii_digit())).then(|| t.to_string())
            }
        }
    }
}

impl Review {
    /// The review's database id (`fullDatabaseId`, else `databaseId`), as digits.
    pub fn database_id(&self) -> Option<String> {
        self.full_database_id
            .as_ref()
            .and_then(BigId::digits)
            .or_else(|| self.database_id.map(|n| n.to_string()))
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct CommentBody {
    #[serde(default)]
    pub body: Option<String>,
}

/// `node(id:)` for more of a pull request's reviews.
#[derive(Debug, Deserialize)]
pub struct MoreReviewsData {
    #[serde(default)]
    pub node: Option<MoreReviewsNode>,
}

#[derive(Debug, Deserialize)]
pub struct MoreReviewsNode {
    #[serde(default)]
    pub reviews: Option<Conn<Review>>,
}

/// `node(id:)` for more of a pull request's commits (a pull request with over 100).
#[derive(Debug, Deserialize)]
pub struct MoreCommitsData {
    #[serde(default)]
    pub node: Option<MoreCommitsNode>,
}

#[derive(Debug, Deserialize)]
pub struct MoreReviewCommentsData {
    #[serde(default)]
    pub node: Option<MoreReviewCommentsNode>,
}

#[derive(Debug, Deserialize)]
pub struct MoreReviewCommentsNode {
    #[serde(default)]
    pub comments: Option<Conn<CommentBody>>,
}

#[derive(Debug, Deserialize)]
pub struct MoreFilesData {
    #[serde(default)]
    pub node: Option<MoreFilesNode>,
}

#[derive(Debug, Deserialize)]
pub struct MoreFilesNode {
    #[serde(default)]
    pub files: Option<Conn<PathNode>>,
}

#[derive(Debug, Deserialize)]
pub struct MoreCommitsNode {
    #[serde(default)]
    pub commits: Option<Conn<CommitNode>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Issue {
    #[serde(default)]
    pub id: Option<String>,
    pub number: u64,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    /// `OPEN`, `CLOSED`.
    #[serde(default)]
    pub state: Option<String>,
    pub created_at: DateTime<Utc>,
    #[serde(default)]
    pub closed_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub author: Option<Actor>,
    #[serde(default)]
    pub repository: Option<RepoRef>,
    #[serde(default)]
    pub labels: Option<Conn<Named>>,
    #[serde(default)]
    pub timeline_items: Option<Conn<ClosedEvent>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClosedEvent {
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub actor: Option<Actor>,
}

/// A search hit the query did not select fields for deserialises as an empty object:
/// keep it as "something we cannot read" rather than failing the page.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Hit<T> {
    Item(Box<T>),
    Other(serde_json::Value),
}

impl<T> Hit<T> {
    pub fn item(self) -> Option<T> {
        match self {
            Hit::Item(t) => Some(*t),
            Hit::Other(_) => None,
        }
    }
}

pub fn login(actor: &Option<Actor>) -> Option<&str> {
    actor.as_ref().and_then(|a| a.login.as_deref())
}

pub fn repo_name(repo: &Option<RepoRef>) -> Option<&str> {
    repo.as_ref().and_then(|r| r.name_with_owner.as_deref())
}
