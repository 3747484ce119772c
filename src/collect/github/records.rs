//! GitHub answers → evidence records (the contract in DESIGN.md and docs/github.md).

use super::types::{Issue, PullRequest, Review, ReviewedPullRequest, login, repo_name};
use crate::model::Evidence;
use crate::model::evidence::Kind;
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Value, json};
use std::collections::BTreeSet;

pub fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn opt_time(t: Option<DateTime<Utc>>) -> Value {
    t.map(|t| json!(rfc3339(t))).unwrap_or(Value::Null)
}

/// A pull request the person authored. `None` when GitHub did not say which repository
/// it is in (then it has no stable id).
pub fn pull_request(pr: &PullRequest, author: &str) -> Option<Evidence> {
    let repo = repo_name(&pr.repository)?;
    let mut e = Evidence::new(
        format!("gh:pr:{repo}#{}", pr.number),
        Kind::PullRequest,
        pr.title.clone(),
    );
    e.repo = repo.to_string();
    e.author = author.to_string();
    e.timestamp = Some(pr.created_at);
    e.body = pr.body.clone().unwrap_or_default();
    e.url = pr.url.clone();
    e.additions = pr.additions;
    e.deletions = pr.deletions;
    e.files_changed = pr.changed_files;
    let labels = pr.labels.clone().unwrap_or_default();
    e.labels = labels.items().map(|l| l.name.clone()).collect();
    let files = pr.files.clone().unwrap_or_default();
    e.paths = files.items().map(|f| f.path.clone()).collect();
    let state = if pr.merged_at.is_some() || pr.state.as_deref() == Some("MERGED") {
        "merged".to_string()
    } else {
        pr.state.as_deref().unwrap_or("open").to_lowercase()
    };
    let closes: Vec<String> = pr
        .closing_issues_references
        .iter()
        .flat_map(|c| c.items())
        .map(|i| {
            let r = repo_name(&i.repository).unwrap_or(repo);
            format!("{r}#{}", i.number)
        })
        .collect();
    let reviews = pr.reviews.clone().unwrap_or_default();
    let pr_author = login(&pr.author).unwrap_or_default().to_lowercase();
    let review_authors: BTreeSet<String> = reviews
        .items()
        .filter_map(|r| login(&r.author))
        .filter(|l| l.to_lowercase() != pr_author)
        .map(str::to_string)
        .collect();
    let commits = pr.commits.clone().unwrap_or_default();
    let shas: Vec<String> = commits
        .items()
        .filter_map(|c| c.commit.as_ref().map(|o| o.oid.clone()))
        .filter(|s| !s.is_empty())
        .collect();
    let m = &mut e.meta;
    m.insert("state".into(), json!(state));
    m.insert("created_at".into(), json!(rfc3339(pr.created_at)));
    m.insert("merged_at".into(), opt_time(pr.merged_at));
    m.insert("closed_at".into(), opt_time(pr.closed_at));
    m.insert("closes".into(), json!(closes));
    m.insert(
        "reviews_received".into(),
        json!(
            reviews
                .total_count
                .unwrap_or(reviews.items().count() as u64)
        ),
    );
    m.insert("review_authors".into(), json!(review_authors));
    m.insert(
        "merge_commit_sha".into(),
        pr.merge_commit
            .as_ref()
            .map(|o| json!(o.oid))
            .unwrap_or(Value::Null),
    );
    m.insert("commits".into(), json!(shas));
    // Commit email ↔ login pairs, for merging identities.
    let pairs: BTreeSet<(String, String)> = commits
        .items()
        .filter_map(|c| {
            let author = c.commit.as_ref()?.author.as_ref()?;
            let email = author.email.as_deref()?.trim().to_lowercase();
            let login = login(&author.user)?.to_string();
            (!email.is_empty()).then_some((email, login))
        })
        .collect();
    if !pairs.is_empty() {
        let list: Vec<Value> = pairs
            .iter()
            .map(|(e, l)| json!({"email": e, "login": l}))
            .collect();
        m.insert("commit_authors".into(), Value::Array(list));
    }
    // Lists GitHub cut short are marked, never silently partial.
    if commits.is_partial() {
        m.insert("commits_truncated".into(), json!(true));
    }
    if files.is_partial() {
        m.insert("paths_truncated".into(), json!(true));
    }
    if labels.is_partial() {
        m.insert("labels_truncated".into(), json!(true));
    }
    Some(e)
}

/// The person's reviews on someone else's pull request that were submitted in the
/// period. Pending (unsubmitted) reviews and reviews on the person's own pull requests
/// are left out.
pub fn reviews(
    pr: &ReviewedPullRequest,
    reviews: &[Review],
    author: &str,
    person_login: &str,
    since: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Vec<Evidence> {
    let Some(repo) = repo_name(&pr.repository) else {
        return Vec::new();
    };
    let pr_author = login(&pr.author).unwrap_or("ghost");
    if pr_author.eq_ignore_ascii_case(person_login) {
        return Vec::new();
    }
    let first_time = matches!(
        pr.author_association.as_deref(),
        Some("FIRST_TIME_CONTRIBUTOR" | "FIRST_TIMER")
    );
    let mut out = Vec::new();
    for r in reviews {
        let Some(submitted) = r.submitted_at else {
            continue;
        };
        if submitted < since || submitted >= until || r.state.as_deref() == Some("PENDING") {
            continue;
        }
        let id = match (r.database_id(), &r.id) {
            (Some(n), _) => n,
            (None, Some(node)) => node.clone(),
            (None, None) => continue,
        };
        let conn = r.comments.clone().unwrap_or_default();
        let comments: Vec<String> = conn.items().filter_map(|c| c.body.clone()).collect();
        let review_body = r.body.clone().unwrap_or_default();
        let mut body = review_body.clone();
        for c in &comments {
            body.push_str("\n\n---\n\n");
            body.push_str(c);
        }
        let texts =
            std::iter::once(review_body.as_str()).chain(comments.iter().map(String::as_str));
        let (suggestions, links) = texts.fold((0usize, 0usize), |(s, l), t| {
            (
                s + t.matches("```suggestion").count(),
                l + t.matches("https://").count() + t.matches("http://").count(),
            )
        });
        let mut e = Evidence::new(
            format!("gh:review:{id}"),
            Kind::Review,
            format!("Review of {repo}#{}: {}", pr.number, pr.title),
        );
        e.repo = repo.to_string();
        e.author = author.to_string();
        e.timestamp = Some(submitted);
        e.body = body;
        e.url = r.url.clone().or_else(|| pr.url.clone());
        let m = &mut e.meta;
        m.insert(
            "state".into(),
            json!(r.state.as_deref().unwrap_or("COMMENTED")),
        );
        m.insert(
            "comment_count".into(),
            json!(conn.total_count.unwrap_or(comments.len() as u64)),
        );
        m.insert("comments".into(), json!(comments));
        if conn.is_partial() {
            m.insert("comments_truncated".into(), json!(true));
        }
        m.insert("suggestions".into(), json!(suggestions));
        m.insert("links".into(), json!(links));
        m.insert("pr_author".into(), json!(pr_author));
        m.insert("pr_number".into(), json!(pr.number));
        m.insert("pr_url".into(), json!(pr.url));
        m.insert("pr_created_at".into(), json!(rfc3339(pr.created_at)));
        m.insert("first_time_contributor".into(), json!(first_time));
        out.push(e);
    }
    out
}

/// Who closed an issue, from its last `ClosedEvent`.
pub fn closed_by(issue: &Issue) -> Option<&str> {
    issue
        .timeline_items
        .as_ref()?
        .items()
        .last()
        .and_then(|ev| login(&ev.actor))
}

/// An issue the person opened, closed, or both. `None` when neither is true in the period.
pub fn issue(
    issue: &Issue,
    author: &str,
    person_login: &str,
    since: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Option<Evidence> {
    let repo = repo_name(&issue.repository)?;
    let in_period = |t: DateTime<Utc>| t >= since && t < until;
    let opened = login(&issue.author).is_some_and(|l| l.eq_ignore_ascii_case(person_login))
        && in_period(issue.created_at);
    let closed = closed_by(issue).is_some_and(|l| l.eq_ignore_ascii_case(person_login))
        && issue.closed_at.is_some_and(in_period);
    let (role, timestamp) = match (opened, closed) {
        (true, true) => ("opened_and_closed", issue.created_at),
        (true, false) => ("opened", issue.created_at),
        (false, true) => ("closed", issue.closed_at?),
        (false, false) => return None,
    };
    let mut e = Evidence::new(
        format!("gh:issue:{repo}#{}", issue.number),
        Kind::Issue,
        issue.title.clone(),
    );
    e.repo = repo.to_string();
    e.author = author.to_string();
    e.timestamp = Some(timestamp);
    e.body = issue.body.clone().unwrap_or_default();
    e.url = issue.url.clone();
    e.labels = issue
        .labels
        .iter()
        .flat_map(|c| c.items())
        .map(|l| l.name.clone())
        .collect();
    let m = &mut e.meta;
    m.insert("role".into(), json!(role));
    m.insert(
        "state".into(),
        json!(issue.state.as_deref().unwrap_or("open").to_lowercase()),
    );
    m.insert("created_at".into(), json!(rfc3339(issue.created_at)));
    m.insert("closed_at".into(), opt_time(issue.closed_at));
    Some(e)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, m, d, 0, 0, 0).unwrap()
    }

    #[test]
    fn review_body_carries_comments_suggestions_and_links() {
        let pr: ReviewedPullRequest = serde_json::from_value(json!({
            "id": "PR_1", "number": 7, "title": "Add cache", "url": "https://github.com/a/b/pull/7",
            "createdAt": "2025-06-01T00:00:00Z", "authorAssociation": "FIRST_TIME_CONTRIBUTOR",
            "author": {"login": "newbie"}, "repository": {"nameWithOwner": "a/b"},
            "reviews": {"totalCount": 1, "nodes": [{
                "id": "R_1", "fullDatabaseId": "3000000000099", "state": "CHANGES_REQUESTED",
                "body": "See https://example.com/doc", "url": "https://github.com/a/b/pull/7#pullrequestreview-99",
                "submittedAt": "2026-02-01T10:00:00Z",
                "comments": {"totalCount": 2, "nodes": [
                    {"body": "```suggestion\nlet x = 1;\n```"}, {"body": "nit"}
                ]}
            }]}
        }))
        .unwrap();
        let rs = pr.reviews.clone().unwrap();
        let list: Vec<Review> = rs.items().cloned().collect();
        let out = reviews(&pr, &list, "me@example.com", "me", t(1, 1), t(12, 1));
        assert_eq!(out.len(), 1);
        let e = &out[0];
        assert_eq!(e.id, "gh:review:3000000000099");
        assert_eq!(e.title, "Review of a/b#7: Add cache");
        assert_eq!(
            e.body,
            "See https://example.com/doc\n\n---\n\n```suggestion\nlet x = 1;\n```\n\n---\n\nnit"
        );
        assert_eq!(e.meta["suggestions"], 1);
        assert_eq!(e.meta["links"], 1);
        assert_eq!(e.meta["comment_count"], 2);
        assert_eq!(e.meta["first_time_contributor"], true);
        assert_eq!(e.meta["pr_created_at"], "2025-06-01T00:00:00Z");
        // Outside the period, or on the person's own PR: nothing.
        assert!(reviews(&pr, &list, "me", "me", t(3, 1), t(12, 1)).is_empty());
        assert!(reviews(&pr, &list, "me", "NEWBIE", t(1, 1), t(12, 1)).is_empty());
    }

    #[test]
    fn a_sparse_pull_request_still_makes_a_record() {
        let pr: PullRequest = serde_json::from_value(json!({
            "number": 3, "title": "T", "createdAt": "2026-01-01T00:00:00Z",
            "repository": {"nameWithOwner": "a/b"}, "author": null, "body": null,
            "mergeCommit": null, "state": "OPEN"
        }))
        .unwrap();
        let e = pull_request(&pr, "me").unwrap();
        assert_eq!(e.id, "gh:pr:a/b#3");
        assert_eq!(e.meta["state"], "open");
        assert_eq!(e.meta["merge_commit_sha"], Value::Null);
        assert_eq!(e.meta["commits"], json!([]));
    }
}
