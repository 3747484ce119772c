//! The GraphQL documents evident sends. One search page brings 100 items with everything
//! a record needs (labels, linked issues, review counts, commit SHAs, file paths, the
//! person's reviews and their comments), where REST needs several calls per item.
//!
//! Each operation has a name (`Count`, `PullRequests`, `Reviews`, `Issues`,
//! `MoreReviews`) so recorded test responses can be matched to the request.

use serde_json::{Value, json};

/// Items per search page: GitHub's maximum.
pub const PAGE_SIZE: u32 = 100;
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
  commits(first: 100) { totalCount nodes { commit { oid author { email user { login } } } } }
  files(first: 100) { totalCount nodes { path } }
}"#;

const REVIEW_FIELDS: &str = r#"
fragment Review on PullRequestReview {
  id databaseId state body url submittedAt
  comments(first: 100) { totalCount nodes { body } }
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
pub fn count(queries: &[String]) -> Value {
    let params: Vec<String> = (0..queries.len())
        .map(|i| format!("$q{i}: String!"))
        .collect();
    let fields: Vec<String> = (0..queries.len())
        .map(|i| format!("  c{i}: search(query: $q{i}, type: ISSUE, first: 1) {{ issueCount }}"))
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

/// One page of pull requests the person authored.
pub fn pull_requests(query: &str, after: Option<&str>) -> Value {
    json!({
        "query": format!(
            "query PullRequests($q: String!, $after: String) {{\n  search(query: $q, type: ISSUE, first: {PAGE_SIZE}, after: $after) {{\n    issueCount\n    pageInfo {{ hasNextPage endCursor }}\n    nodes {{ ... on PullRequest {{ ...Pr }} }}\n  }}\n}}{PR_FIELDS}"
        ),
        "variables": { "q": query, "after": after },
    })
}

/// One page of pull requests the person reviewed, with the person's reviews on each.
pub fn reviews(query: &str, login: &str, after: Option<&str>) -> Value {
    json!({
        "query": format!(
            "query Reviews($q: String!, $login: String!, $after: String) {{\n  search(query: $q, type: ISSUE, first: {PAGE_SIZE}, after: $after) {{\n    issueCount\n    pageInfo {{ hasNextPage endCursor }}\n    nodes {{ ... on PullRequest {{\n      id number title url createdAt authorAssociation\n      author {{ login }}\n      repository {{ nameWithOwner }}\n      reviews(first: {REVIEWS_PER_PR}, author: $login) {{ totalCount pageInfo {{ hasNextPage endCursor }} nodes {{ ...Review }} }}\n    }} }}\n  }}\n}}{REVIEW_FIELDS}"
        ),
        "variables": { "q": query, "login": login, "after": after },
    })
}

/// More of the person's reviews on one pull request.
pub fn more_reviews(pr_id: &str, login: &str, after: Option<&str>) -> Value {
    json!({
        "query": format!(
            "query MoreReviews($id: ID!, $login: String!, $after: String) {{\n  node(id: $id) {{ ... on PullRequest {{\n    reviews(first: 100, author: $login, after: $after) {{ totalCount pageInfo {{ hasNextPage endCursor }} nodes {{ ...Review }} }}\n  }} }}\n}}{REVIEW_FIELDS}"
        ),
        "variables": { "id": pr_id, "login": login, "after": after },
    })
}

/// One page of issues.
pub fn issues(query: &str, after: Option<&str>) -> Value {
    json!({
        "query": format!(
            "query Issues($q: String!, $after: String) {{\n  search(query: $q, type: ISSUE, first: {PAGE_SIZE}, after: $after) {{\n    issueCount\n    pageInfo {{ hasNextPage endCursor }}\n    nodes {{ ... on Issue {{ ...Issue }} }}\n  }}\n}}{ISSUE_FIELDS}"
        ),
        "variables": { "q": query, "after": after },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_batches_queries_as_variables() {
        let v = count(&["is:pr author:a".into(), "is:issue \"x\"".into()]);
        let q = v["query"].as_str().unwrap();
        assert!(q.starts_with("query Count($q0: String!, $q1: String!)"));
        assert!(q.contains("c1: search(query: $q1, type: ISSUE, first: 1) { issueCount }"));
        assert_eq!(v["variables"]["q1"], "is:issue \"x\"");
    }

    #[test]
    fn documents_are_balanced() {
        for v in [
            pull_requests("q", None),
            reviews("q", "me", Some("c")),
            more_reviews("id", "me", None),
            issues("q", None),
        ] {
            let q = v["query"].as_str().unwrap();
            assert_eq!(q.matches('{').count(), q.matches('}').count(), "{q}");
        }
    }
}
