//! The GraphQL documents evident sends. One search page brings 100 items with everything
//! a record needs (labels, linked issues, review counts, commit SHAs, file paths, the
//! person's reviews and their comments), where REST needs several calls per item.
//!
//! Each operation has a name (`Count`, `PullRequests`, `Reviews`, `Issues`,
//! `MoreReviews`, `MoreCommits`) so recorded test responses can be matched to the request.
//! The page size of a search is a variable (`$first`), so a page GitHub times out on can
//! be asked for again, smaller. Every document is checked against GitHub's public schema
//! by the contract test (`contract.rs`): a removed or deprecated field fails it.

use serde_json::{Value, json};

/// Items per search page: GitHub's maximum.
pub const PAGE_SIZE: u32 = 100;

/// What the server understands: github.com and current Enterprise Servers take the
/// advanced issue search (`ISSUE_ADVANCED`: `AND`, `OR`, parentheses) and 64-bit review
/// ids (`fullDatabaseId`); an older Enterprise Server takes neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dialect {
    pub advanced_search: bool,
    pub full_database_id: bool,
}

impl Dialect {
    pub const CURRENT: Dialect = Dialect {
        advanced_search: true,
        full_database_id: true,
    };

    fn search_type(self) -> &'static str {
        if self.advanced_search {
            "ISSUE_ADVANCED"
        } else {
            "ISSUE"
        }
    }

    fn review_fields(self) -> String {
        let id = if self.full_database_id {
            "fullDatabaseId"
        } else {
            "databaseId"
        };
        REVIEW_FIELDS.replace("{REVIEW_ID}", id)
    }
}
/// How many of the person's reviews on one pull request come with the search page; a pull
/// request with more is followed up with `MoreReviews`.
pub const REVIEWS_PER_PR: u32 = 10;

const PR_FIELDS: &str = r#"
fragment Pr on PullRequest {
  id number title body url state createdAt mergedAt closedAt
  additions deletions changedFiles
  repository { nameWithOwner }
  author { login }
  labels(first: 20) { totalCount nodes { name } }
  closingIssuesReferences(first: 20) { totalCount nodes { number repository { nameWithOwner } } }
  reviews(first: 100) { totalCount nodes { author { login } } }
  mergeCommit { oid }
  commits(first: 100) { totalCount pageInfo { hasNextPage endCursor } nodes { ...PrCommit } }
  files(first: 100) { totalCount pageInfo { hasNextPage endCursor } nodes { path } }
}
fragment PrCommit on PullRequestCommit { commit { oid author { email user { login } } } }"#;

const COMMIT_FIELDS: &str = r#"
fragment PrCommit on PullRequestCommit { commit { oid author { email user { login } } } }"#;

const REVIEW_FIELDS: &str = r#"
fragment Review on PullRequestReview {
  id {REVIEW_ID} state body url submittedAt
  comments(first: 100) { totalCount pageInfo { hasNextPage endCursor } nodes { body } }
}"#;

const ISSUE_FIELDS: &str = r#"
fragment Issue on Issue {
  id number title body url state createdAt closedAt
  author { login }
  repository { nameWithOwner }
  labels(first: 20) { totalCount nodes { name } }
  timelineItems(itemTypes: [CLOSED_EVENT], last: 1) {
    nodes { ... on ClosedEvent { createdAt actor { login } } }
  }
}"#;

/// How many results each search query has, many queries in one request.
pub fn count(queries: &[String], dialect: Dialect) -> Value {
    let params: Vec<String> = (0..queries.len())
        .map(|i| format!("$q{i}: String!"))
        .collect();
    let kind = dialect.search_type();
    let fields: Vec<String> = (0..queries.len())
        .map(|i| format!("  c{i}: search(query: $q{i}, type: {kind}, first: 1) {{ issueCount }}"))
        .collect();
    let mut variables = serde_json::Map::new();
    for (i, q) in queries.iter().enumerate() {
        variables.insert(format!("q{i}"), json!(q));
    }
    json!({
        "query": format!("query Count({}) {{\n{}\n}}", params.join(", "), fields.join("\n")),
        "variables": variables,
    })
}

/// One search page: where it starts, how many items, and what the server understands.
#[derive(Debug, Clone, Copy)]
pub struct Page<'a> {
    pub after: Option<&'a str>,
    pub first: u32,
    pub dialect: Dialect,
}

/// One page of pull requests the person authored.
pub fn pull_requests(query: &str, page: Page) -> Value {
    let kind = page.dialect.search_type();
    json!({
        "query": format!(
            "query PullRequests($q: String!, $first: Int!, $after: String) {{\n  search(query: $q, type: {kind}, first: $first, after: $after) {{\n    issueCount\n    pageInfo {{ hasNextPage endCursor }}\n    nodes {{ ... on PullRequest {{ ...Pr }} }}\n  }}\n}}{PR_FIELDS}"
        ),
        "variables": { "q": query, "first": page.first, "after": page.after },
    })
}

/// One page of pull requests the person reviewed, with the person's reviews on each.
pub fn reviews(query: &str, login: &str, page: Page) -> Value {
    let kind = page.dialect.search_type();
    let review = page.dialect.review_fields();
    json!({
        "query": format!(
            "query Reviews($q: String!, $login: String!, $first: Int!, $after: String) {{\n  search(query: $q, type: {kind}, first: $first, after: $after) {{\n    issueCount\n    pageInfo {{ hasNextPage endCursor }}\n    nodes {{ ... on PullRequest {{\n      id number title url createdAt authorAssociation\n      author {{ login }}\n      repository {{ nameWithOwner }}\n      reviews(first: {REVIEWS_PER_PR}, author: $login) {{ totalCount pageInfo {{ hasNextPage endCursor }} nodes {{ ...Review }} }}\n    }} }}\n  }}\n}}{review}"
        ),
        "variables": { "q": query, "login": login, "first": page.first, "after": page.after },
    })
}

/// More of the person's reviews on one pull request.
pub fn more_reviews(pr_id: &str, login: &str, after: Option<&str>, dialect: Dialect) -> Value {
    let review = dialect.review_fields();
    json!({
        "query": format!(
            "query MoreReviews($id: ID!, $login: String!, $after: String) {{\n  node(id: $id) {{ ... on PullRequest {{\n    reviews(first: 100, author: $login, after: $after) {{ totalCount pageInfo {{ hasNextPage endCursor }} nodes {{ ...Review }} }}\n  }} }}\n}}{review}"
        ),
        "variables": { "id": pr_id, "login": login, "after": after },
    })
}

/// More of the commits of one pull request (one with over 100).
pub fn more_commits(pr_id: &str, after: &str) -> Value {
    json!({
        "query": format!(
            "query MoreCommits($id: ID!, $after: String) {{\n  node(id: $id) {{ ... on PullRequest {{\n    commits(first: 100, after: $after) {{ totalCount pageInfo {{ hasNextPage endCursor }} nodes {{ ...PrCommit }} }}\n  }} }}\n}}{COMMIT_FIELDS}"
        ),
        "variables": { "id": pr_id, "after": after },
    })
}

/// More of the files of one pull request (one with over 100).
pub fn more_files(pr_id: &str, after: &str) -> Value {
    json!({
        "query": "query MoreFiles($id: ID!, $after: String) {\n  node(id: $id) { ... on PullRequest {\n    files(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { path } }\n  } }\n}",
        "variables": { "id": pr_id, "after": after },
    })
}

/// More of the comments of one review (one with over 100).
pub fn more_review_comments(review_id: &str, after: &str) -> Value {
    json!({
        "query": "query MoreReviewComments($id: ID!, $after: String) {\n  node(id: $id) { ... on PullRequestReview {\n    comments(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { body } }\n  } }\n}",
        "variables": { "id": review_id, "after": after },
    })
}

/// One page of issues.
pub fn issues(query: &str, page: Page) -> Value {
    let kind = page.dialect.search_type();
    json!({
        "query": format!(
            "query Issues($q: String!, $first: Int!, $after: String) {{\n  search(query: $q, type: {kind}, first: $first, after: $after) {{\n    issueCount\n    pageInfo {{ hasNextPage endCursor }}\n    nodes {{ ... on Issue {{ ...Issue }} }}\n  }}\n}}{ISSUE_FIELDS}"
        ),
        "variables": { "q": query, "first": page.first, "after": page.after },
    })
}

/// Every document evident can send, in every dialect, with sample variables: what the
/// contract test validates against GitHub's schema.
pub fn all_documents() -> Vec<(String, Dialect, Value)> {
    let legacy = Dialect {
        advanced_search: false,
        full_database_id: false,
    };
    let mut out = Vec::new();
    for dialect in [Dialect::CURRENT, legacy] {
        let page = Page {
            after: Some("Y3Vyc29yOjE="),
            first: PAGE_SIZE,
            dialect,
        };
        let docs = [
            (
                "Count",
                count(
                    &["is:pr author:a".into(), "is:issue author:a".into()],
                    dialect,
                ),
            ),
            ("PullRequests", pull_requests("is:pr author:a", page)),
            ("Reviews", reviews("is:pr reviewed-by:a", "a", page)),
            ("MoreReviews", more_reviews("PR_1", "a", Some("c"), dialect)),
            ("MoreCommits", more_commits("PR_1", "c")),
            ("MoreFiles", more_files("PR_1", "c")),
            ("MoreReviewComments", more_review_comments("PRR_1", "c")),
            ("Issues", issues("is:issue author:a", page)),
        ];
        for (name, body) in docs {
            out.push((name.to_string(), dialect, body));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_batches_queries_as_variables() {
        let v = count(
            &["is:pr author:a".into(), "is:issue \"x\"".into()],
            Dialect::CURRENT,
        );
        let q = v["query"].as_str().unwrap();
        assert!(q.starts_with("query Count($q0: String!, $q1: String!)"));
        assert!(
            q.contains("c1: search(query: $q1, type: ISSUE_ADVANCED, first: 1) { issueCount }")
        );
        assert_eq!(v["variables"]["q1"], "is:issue \"x\"");
    }

    #[test]
    fn an_old_server_gets_the_legacy_search_and_32_bit_ids() {
        let legacy = Dialect {
            advanced_search: false,
            full_database_id: false,
        };
        let page = Page {
            after: None,
            first: 50,
            dialect: legacy,
        };
        let v = reviews("q", "me", page);
        let q = v["query"].as_str().unwrap();
        assert!(
            q.contains("type: ISSUE,") && q.contains(" databaseId "),
            "{q}"
        );
        assert_eq!(v["variables"]["first"], 50);
    }

    #[test]
    fn documents_are_balanced() {
        for (name, _, v) in all_documents() {
            let q = v["query"].as_str().unwrap();
            assert_eq!(
                q.matches('{').count(),
                q.matches('}').count(),
                "{name}: {q}"
            );
        }
    }
}
