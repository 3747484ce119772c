//! Evidence from GitHub (octocrab): pull requests the person authored, reviews they gave
//! on other people's pull requests, issues they opened or closed.
//!
//! The collection, in requests:
//! 1. `GET /user` (REST): checks the token, gives the default login and the token's scopes.
//! 2. `GET /repos/O/R` or `GET /users/O` (REST) per `include` entry: a repository or owner
//!    that answers 404 / 403 is skipped with a warning.
//! 3. One GraphQL `Count` request for the four searches; a search over 1,000 results is
//!    split into time slices that are counted again (see [`search`]).
//! 4. GraphQL search pages of 100 items, each with everything its records need.
//!
//! After each page the state is handed to a [`Checkpoint`] (the pipeline's writes it into
//! the store), so an interrupted run keeps what it fetched; a finished run records a
//! cursor, and the next run asks only for items updated since then.

pub mod client;
pub mod dedup;
pub mod graphql;
pub mod records;
pub mod search;
pub mod state;
pub mod types;

use crate::env::Secret;
use crate::error::{Error, Result};
use crate::model::Evidence;
use crate::model::Person;
use crate::model::evidence::{GithubSummary, Kind};
use crate::model::{Period, sort_evidence};
use chrono::{DateTime, Duration, Utc};
use client::{Api, Client, Failure, RetryPolicy};
use search::{Field, Plan, Query, QueryKind, Span};
pub use state::{Checkpoint, GITHUB_STATE_VERSION, GithubState};
use std::collections::{BTreeMap, BTreeSet};
use types::{Hit, Issue, PullRequest, Review, ReviewedPullRequest, SearchData};

/// What to collect from GitHub: plain options, no clap.
#[derive(Debug, Clone)]
pub struct GithubOptions {
    /// GitHub Enterprise Server address; `None` for github.com.
    pub url: Option<String>,
    /// The person's login; `None` for the token's own user.
    pub login: Option<String>,
    /// Owners (`acme`) or repositories (`acme/widgets`) to search in; all when empty.
    pub include: Vec<String>,
    /// Owners or repositories to leave out.
    pub exclude: Vec<String>,
    /// Stop at an exhausted rate limit instead of waiting for the reset.
    pub no_wait: bool,
    /// Draw a progress bar on stderr.
    pub progress: bool,
    /// The run's "now" (pinned in tests): the cursor a finished run records.
    pub now: DateTime<Utc>,
    pub retry: RetryPolicy,
}

impl GithubOptions {
    pub fn new(now: DateTime<Utc>) -> GithubOptions {
        GithubOptions {
            url: None,
            login: None,
            include: Vec::new(),
            exclude: Vec::new(),
            no_wait: false,
            progress: false,
            now,
            retry: RetryPolicy::default(),
        }
    }
}

/// What the GitHub collection found, and what it could not see.
#[derive(Debug, Default)]
pub struct GithubCollection {
    pub evidence: Vec<Evidence>,
    pub warnings: Vec<String>,
    /// HTTP requests sent, retries included.
    pub requests: usize,
    pub summary: GithubSummary,
}

/// Search items that overlap by an hour with the last run, so an item indexed late by
/// GitHub's search is not lost; records merge by id, so the overlap costs nothing else.
const CURSOR_OVERLAP_MINUTES: i64 = 60;
/// Queries counted per GraphQL request.
const COUNTS_PER_REQUEST: usize = 20;
/// Rounds of splitting before giving up on a query.
const MAX_SPLIT_ROUNDS: usize = 8;

/// Collects the person's GitHub work in the period, saving its state to `checkpoint`
/// after every page. Builds its own tokio runtime.
pub fn collect(
    opts: &GithubOptions,
    token: &Secret,
    person: &Person,
    period: Period,
    checkpoint: Option<&dyn Checkpoint>,
) -> Result<GithubCollection> {
    let api = Api::from_url(opts.url.as_deref())?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::failed("could not start the GitHub client").with_source(e))?;
    runtime.block_on(async {
        let client = Client::new(api, token, opts.no_wait, opts.retry.clone())?;
        let mut run = Run {
            client,
            opts,
            author: person.canonical(),
            since: period.since,
            until: period.until,
            checkpoint,
            login: String::new(),
            state: GithubState::default(),
            warnings: Vec::new(),
            summary: GithubSummary::default(),
            included: Vec::new(),
            stopped: None,
            progress: indicatif::ProgressBar::hidden(),
        };
        run.go().await?;
        Ok(run.finish())
    })
}

struct Run<'a> {
    client: Client,
    opts: &'a GithubOptions,
    author: String,
    since: DateTime<Utc>,
    until: DateTime<Utc>,
    checkpoint: Option<&'a dyn Checkpoint>,
    login: String,
    state: GithubState,
    warnings: Vec<String>,
    summary: GithubSummary,
    /// The include entries the token can see.
    included: Vec<String>,
    /// Set when a rate limit stopped the run (`--no-wait`): the reset time, if known.
    stopped: Option<Option<DateTime<Utc>>>,
    progress: indicatif::ProgressBar,
}

/// A page of search results, whatever their kind, and what to do next.
struct PageOutcome {
    issue_count: u64,
    items: usize,
    next: Option<String>,
}

impl Run<'_> {
    async fn go(&mut self) -> Result<()> {
        self.summary.host = self.client.api.host.clone();
        // 1. Who the token is, and what it may see.
        let me = match self.client.rest::<types::RestUser>("/user").await {
            Ok((user, head)) => {
                self.check_scopes(head.scopes.as_deref());
                Some(user.login)
            }
            Err(Failure::RateLimited { reset }) => {
                self.stopped = Some(reset);
                None
            }
            Err(e) => return Err(e.into_error("GET /user")),
        };
        let Some(login) = self.opts.login.clone().or(me) else {
            return Ok(());
        };
        self.login = login.clone();
        self.summary.login = login.clone();
        self.load_state();
        if self.stopped.is_some() {
            return Ok(());
        }
        // 2. Included owners and repositories: skip the ones the token cannot see.
        if !self.check_includes().await? {
            return Ok(());
        }
        // 3. Count, split, and plan the searches.
        let scope = search::scope_terms(&self.included);
        let incremental = self.incremental_since(&scope);
        self.summary.incremental_since = incremental;
        if let Some(c) = incremental {
            tracing::info!(since = %search::stamp(c), "GitHub: fetching only what changed");
        }
        let queries = self.base_queries(&scope, incremental);
        let Some(planned) = self.plan(queries).await? else {
            return self.save();
        };
        // 4. Fetch.
        let total: u64 = planned.iter().map(|(_, c)| *c).sum();
        if self.opts.progress && total > 0 {
            let bar = indicatif::ProgressBar::new(total);
            if let Ok(style) =
                indicatif::ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} {msg}")
            {
                bar.set_style(style.progress_chars("=> "));
            }
            bar.set_prefix("GitHub");
            self.progress = bar;
        }
        for (query, expected) in planned {
            if self.stopped.is_some() {
                break;
            }
            self.progress.set_message(query.kind.describe());
            self.fetch(&query, expected).await?;
        }
        self.progress.finish_and_clear();
        // 5. A finished run that reached "now" moves the cursor.
        if self.stopped.is_none() && self.until >= self.opts.now {
            let covered = match (incremental, self.state.covered_since) {
                (Some(_), Some(old)) => old.min(self.since),
                _ => self.since,
            };
            self.state.cursor = Some(self.opts.now);
            self.state.covered_since = Some(covered);
            self.state.scope = scope;
        }
        self.save()
    }

    fn check_scopes(&mut self, scopes: Option<&str>) {
        // Only classic tokens list their scopes; fine-grained ones are judged by answers.
        let Some(scopes) = scopes else { return };
        let have: BTreeSet<&str> = scopes.split(',').map(str::trim).collect();
        if !have.contains("repo") {
            self.summary.missing_scopes.push("repo".into());
            self.warnings.push(format!(
                "the GitHub token lacks the `repo` scope: pull requests, reviews and issues in private repositories on {} are not seen",
                self.client.api.host
            ));
        }
        if !["read:org", "write:org", "admin:org"]
            .iter()
            .any(|s| have.contains(s))
        {
            self.summary.missing_scopes.push("read:org".into());
            self.warnings.push(format!(
                "the GitHub token lacks the `read:org` scope: work in organisations on {} that restrict access may not be seen",
                self.client.api.host
            ));
        }
    }

    fn load_state(&mut self) {
        let host = self.client.api.host.clone();
        self.state = GithubState::new(&host, &self.login);
        let Some(checkpoint) = self.checkpoint else {
            return;
        };
        match checkpoint.load(&host, &self.login) {
            Ok(Some(s)) => self.state = s,
            Ok(None) => {}
            Err(e) => self.warnings.push(format!(
                "{}; fetching everything again",
                e.report().trim_start_matches("error: ")
            )),
        }
    }

    /// Whether the store covers the period up to its cursor, for the same search scope:
    /// then only items updated since the cursor need fetching.
    fn incremental_since(&self, scope: &str) -> Option<DateTime<Utc>> {
        let cursor = self.state.cursor?;
        let covered = self.state.covered_since?;
        (covered <= self.since && self.state.scope == scope && cursor <= self.opts.now)
            .then(|| cursor - Duration::minutes(CURSOR_OVERLAP_MINUTES))
    }

    /// Checks each include entry; false when entries were given and none can be seen.
    async fn check_includes(&mut self) -> Result<bool> {
        for entry in self.opts.include.clone() {
            let entry = entry.trim().trim_matches('/').to_string();
            if entry.is_empty() {
                continue;
            }
            let path = if entry.contains('/') {
                format!("/repos/{entry}")
            } else {
                format!("/users/{entry}")
            };
            match self.client.rest::<serde_json::Value>(&path).await {
                Ok(_) => self.included.push(entry),
                Err(Failure::NotFound(m)) => self.skip(&entry, "404", &m),
                Err(Failure::Forbidden(m)) => self.skip(&entry, "403", &m),
                Err(Failure::RateLimited { reset }) => {
                    self.stopped = Some(reset);
                    return Ok(false);
                }
                Err(e) => return Err(e.into_error(&format!("GET {path}"))),
            }
        }
        if !self.opts.include.is_empty() && self.included.is_empty() {
            self.warnings.push(format!(
                "none of the [github] include entries is visible to the token on {}: nothing was searched there",
                self.client.api.host
            ));
            return Ok(false);
        }
        Ok(true)
    }

    fn skip(&mut self, entry: &str, status: &str, message: &str) {
        self.summary.skipped_repositories.push(entry.to_string());
        self.warnings.push(format!(
            "GitHub: {entry} skipped: {status} {message} (it does not exist, or the token may not see it)"
        ));
    }

    fn base_queries(&self, scope: &str, incremental: Option<DateTime<Utc>>) -> Vec<Query> {
        let login = &self.login;
        let scope = if scope.is_empty() {
            String::new()
        } else {
            format!(" {scope}")
        };
        let period = Span {
            from: self.since,
            to: Some(self.until),
        };
        let q = |kind, terms: String, field, span| Query {
            kind,
            terms,
            field,
            span,
            updated_since: incremental,
        };
        // A review submitted in the period updated its pull request then, so "updated
        // since the start" finds it even when the pull request itself is older.
        let reviewed_from = incremental.map_or(self.since, |c| c.max(self.since));
        vec![
            q(
                QueryKind::PullRequests,
                format!("is:pr author:{login}{scope}"),
                Field::Created,
                period,
            ),
            q(
                QueryKind::Reviews,
                format!("is:pr reviewed-by:{login} -author:{login}{scope}"),
                Field::Updated,
                Span {
                    from: reviewed_from,
                    to: None,
                },
            ),
            q(
                QueryKind::IssuesOpened,
                format!("is:issue author:{login}{scope}"),
                Field::Created,
                period,
            ),
            q(
                QueryKind::IssuesClosed,
                format!("is:issue is:closed involves:{login}{scope}"),
                Field::Closed,
                period,
            ),
        ]
    }

    /// Counts the queries (many per request), splits those over the cap, and returns the
    /// slices to fetch with their counts. `None` when a rate limit stopped the run.
    async fn plan(&mut self, mut pending: Vec<Query>) -> Result<Option<Vec<(Query, u64)>>> {
        let mut ready = Vec::new();
        for _round in 0..MAX_SPLIT_ROUNDS {
            if pending.is_empty() {
                break;
            }
            let mut next = Vec::new();
            for chunk in pending.chunks(COUNTS_PER_REQUEST) {
                let texts: Vec<String> = chunk.iter().map(Query::text).collect();
                let body = graphql::count(&texts);
                let counts = match self
                    .client
                    .graphql::<BTreeMap<String, CountOnly>>(&body)
                    .await
                {
                    Ok((data, errors)) => {
                        self.note_errors(&errors);
                        data
                    }
                    Err(Failure::RateLimited { reset }) => {
                        self.stopped = Some(reset);
                        return Ok(None);
                    }
                    Err(e) => return Err(e.into_error("counting GitHub search results")),
                };
                for (i, query) in chunk.iter().enumerate() {
                    let count = counts.get(&format!("c{i}")).map_or(0, |c| c.issue_count);
                    match search::plan(query.clone(), count, self.opts.now) {
                        Plan::Fetch(q, 0) => tracing::debug!(query = %q.text(), "no results"),
                        Plan::Fetch(q, n) => ready.push((q, n)),
                        Plan::Split(parts) => {
                            tracing::info!(query = %query.text(), count, slices = parts.len(), "over the search cap: split");
                            next.extend(parts)
                        }
                        Plan::Truncated(q, n) => {
                            self.truncated(&q, n, search::SEARCH_CAP);
                            ready.push((q, n));
                        }
                    }
                }
            }
            pending = next;
        }
        for q in pending {
            // Still over the cap after every round: fetch what GitHub gives, and say so.
            self.truncated(&q, search::SEARCH_CAP + 1, search::SEARCH_CAP);
            ready.push((q, search::SEARCH_CAP));
        }
        ready.sort_by(|a, b| {
            a.0.kind
                .cmp(&b.0.kind)
                .then(a.0.span.from.cmp(&b.0.span.from))
        });
        Ok(Some(ready))
    }

    fn truncated(&mut self, q: &Query, reported: u64, fetched: u64) {
        let text = q.text();
        self.warnings.push(format!(
            "GitHub search `{text}` ({}) reported {reported} results but {fetched} could be fetched: some {} are missing",
            q.kind.describe(),
            q.kind.describe()
        ));
        if !self.summary.truncated_queries.contains(&text) {
            self.summary.truncated_queries.push(text);
        }
    }

    fn note_errors(&mut self, errors: &[types::GraphqlError]) {
        for e in errors {
            let w = format!(
                "GitHub withheld part of an answer ({}): {}",
                e.kind.as_deref().unwrap_or("error"),
                e.message
            );
            if !self.warnings.contains(&w) {
                self.warnings.push(w);
            }
        }
    }

    /// Fetches every page of one query slice, saving the store after each page.
    async fn fetch(&mut self, query: &Query, expected: u64) -> Result<()> {
        let text = query.text();
        let mut after: Option<String> = None;
        let mut seen = 0usize;
        let mut reported;
        loop {
            let page = match query.kind {
                QueryKind::PullRequests => self.pull_request_page(&text, after.as_deref()).await,
                QueryKind::Reviews => self.review_page(&text, after.as_deref()).await,
                QueryKind::IssuesOpened | QueryKind::IssuesClosed => {
                    self.issue_page(&text, after.as_deref()).await
                }
            };
            let page = match page {
                Ok(p) => p,
                Err(Failure::RateLimited { reset }) => {
                    self.stopped = Some(reset);
                    return Ok(());
                }
                Err(e) => {
                    // Keep what was fetched before failing.
                    self.save()?;
                    return Err(e.into_error(&format!("GitHub search `{text}`")));
                }
            };
            seen += page.items;
            reported = page.issue_count;
            self.progress.inc(page.items as u64);
            self.save()?;
            match page.next {
                Some(c) if after.as_deref() != Some(c.as_str()) => after = Some(c),
                _ => break,
            }
        }
        // The count at fetch time is fresher than the planning count.
        let reported = if reported == 0 { expected } else { reported };
        if (seen as u64) < reported.min(search::SEARCH_CAP) {
            self.truncated(query, reported, seen as u64);
        }
        Ok(())
    }

    /// One page of a search: its hits, and what to page on with.
    async fn search_page<T: serde::de::DeserializeOwned>(
        &mut self,
        body: &serde_json::Value,
    ) -> Result<(Vec<T>, PageOutcome), Failure> {
        let (data, errors) = self.client.graphql::<SearchData<Hit<T>>>(body).await?;
        self.note_errors(&errors);
        let s = data.search;
        let hits: Vec<T> = s
            .nodes
            .into_iter()
            .flatten()
            .filter_map(Hit::item)
            .collect();
        let next = outcome(s.issue_count, hits.len(), &s.page_info);
        Ok((hits, next))
    }

    async fn pull_request_page(
        &mut self,
        q: &str,
        after: Option<&str>,
    ) -> Result<PageOutcome, Failure> {
        let (prs, next) = self
            .search_page::<PullRequest>(&graphql::pull_requests(q, after))
            .await?;
        let records = prs
            .iter()
            .flat_map(|pr| records::pull_request(pr, &self.author))
            .collect();
        self.keep(records);
        Ok(next)
    }

    async fn review_page(&mut self, q: &str, after: Option<&str>) -> Result<PageOutcome, Failure> {
        let body = graphql::reviews(q, &self.login, after);
        let (prs, next) = self.search_page::<ReviewedPullRequest>(&body).await?;
        let mut records = Vec::new();
        for pr in prs {
            let conn = pr.reviews.clone().unwrap_or_default();
            let mut list: Vec<Review> = conn.items().cloned().collect();
            let more = conn
                .page_info
                .as_ref()
                .filter(|p| p.has_next_page)
                .and_then(|p| p.end_cursor.clone());
            if let (Some(cursor), Some(id)) = (more, pr.id.clone()) {
                list.extend(self.more_reviews(&id, cursor).await?);
            }
            records.extend(records::reviews(
                &pr,
                &list,
                &self.author,
                &self.login,
                self.since,
                self.until,
            ));
        }
        self.keep(records);
        Ok(next)
    }

    /// The rest of the person's reviews on one pull request (more than fit on the page).
    async fn more_reviews(&mut self, pr_id: &str, cursor: String) -> Result<Vec<Review>, Failure> {
        let mut out = Vec::new();
        let mut after = Some(cursor);
        while let Some(c) = after.take() {
            let (data, errors) = self
                .client
                .graphql::<types::MoreReviewsData>(&graphql::more_reviews(
                    pr_id,
                    &self.login,
                    Some(&c),
                ))
                .await?;
            self.note_errors(&errors);
            let Some(conn) = data.node.and_then(|n| n.reviews) else {
                break;
            };
            out.extend(conn.items().cloned());
            after = conn
                .page_info
                .filter(|p| p.has_next_page)
                .and_then(|p| p.end_cursor)
                .filter(|n| *n != c);
        }
        Ok(out)
    }

    async fn issue_page(&mut self, q: &str, after: Option<&str>) -> Result<PageOutcome, Failure> {
        let (issues, next) = self
            .search_page::<Issue>(&graphql::issues(q, after))
            .await?;
        let records = issues
            .iter()
            .flat_map(|issue| {
                records::issue(issue, &self.author, &self.login, self.since, self.until)
            })
            .collect();
        self.keep(records);
        Ok(next)
    }

    /// Merges fresh records into the state: the newer fetch wins.
    fn keep(&mut self, records: Vec<Evidence>) {
        self.state.merge(records);
    }

    fn save(&mut self) -> Result<()> {
        let Some(checkpoint) = self.checkpoint else {
            return Ok(());
        };
        if self.login.is_empty() {
            return Ok(());
        }
        self.state.host = self.client.api.host.clone();
        self.state.login = self.login.clone();
        checkpoint.save(&self.state)
    }

    /// The records in the period (from this run and the store), and the summary.
    fn finish(mut self) -> GithubCollection {
        self.progress.finish_and_clear();
        let in_scope = |repo: &str| {
            (self.included.is_empty() && self.opts.include.is_empty()
                || self.included.iter().any(|i| search::matches_entry(repo, i)))
                && !self
                    .opts
                    .exclude
                    .iter()
                    .any(|x| search::matches_entry(repo, x))
        };
        let mut evidence: Vec<Evidence> = self
            .state
            .evidence
            .values()
            .filter(|e| {
                e.timestamp
                    .is_some_and(|t| t >= self.since && t < self.until)
            })
            .filter(|e| in_scope(&e.repo))
            .cloned()
            .map(|mut e| {
                e.author = self.author.clone();
                e
            })
            .collect();
        sort_evidence(&mut evidence);
        let reviews: Vec<&Evidence> = evidence.iter().filter(|e| e.kind == Kind::Review).collect();
        let people: BTreeSet<String> = reviews
            .iter()
            .filter_map(|e| e.meta_str("pr_author"))
            .map(str::to_lowercase)
            .collect();
        let s = &mut self.summary;
        s.pull_requests = evidence
            .iter()
            .filter(|e| e.kind == Kind::PullRequest)
            .count();
        s.issues = evidence.iter().filter(|e| e.kind == Kind::Issue).count();
        s.reviews_given = reviews.len();
        s.people_reviewed = people.len();
        s.requests = self.client.requests();
        if let Some(reset) = self.stopped {
            s.rate_limited = true;
            let when = reset
                .map(|r| format!(" (it resets at {} UTC)", r.format("%Y-%m-%d %H:%M")))
                .unwrap_or_default();
            self.warnings.push(format!(
                "GitHub's rate limit was used up and --no-wait was given: the collection stopped early{when}; what was fetched is kept, and the next run continues from it"
            ));
        }
        GithubCollection {
            evidence,
            warnings: self.warnings,
            requests: self.summary.requests,
            summary: self.summary,
        }
    }
}

#[derive(Debug, serde::Deserialize)]
struct CountOnly {
    #[serde(rename = "issueCount", default)]
    issue_count: u64,
}

fn outcome(issue_count: u64, items: usize, page: &types::PageInfo) -> PageOutcome {
    PageOutcome {
        issue_count,
        items,
        next: page
            .has_next_page
            .then(|| page.end_cursor.clone())
            .flatten(),
    }
}

/// The commit emails GitHub says belong to `login` (from pull requests' commits): emails
/// the person also commits under, so their local commits under those emails count.
pub fn emails_of(evidence: &[Evidence], login: &str) -> Vec<String> {
    let mut emails: Vec<String> = evidence
        .iter()
        .filter_map(|e| e.meta.get("commit_authors")?.as_array())
        .flatten()
        .filter(|pair| {
            pair["login"]
                .as_str()
                .is_some_and(|l| l.eq_ignore_ascii_case(login))
        })
        .filter_map(|pair| pair["email"].as_str().map(str::to_string))
        .collect();
    emails.sort();
    emails.dedup();
    emails
}

#[cfg(test)]
mod email_pair_tests {
    use super::*;
    use crate::model::Kind;
    use serde_json::json;

    #[test]
    fn emails_paired_with_the_login() {
        let mut pr = Evidence::new("gh:pr:a/b#1", Kind::PullRequest, "t");
        pr.meta.insert(
            "commit_authors".into(),
            json!([
                {"email": "alice@laptop.local", "login": "Alice-Ex"},
                {"email": "bob@example.com", "login": "bob"},
                {"email": "alice@laptop.local", "login": "alice-ex"}
            ]),
        );
        assert_eq!(emails_of(&[pr], "alice-ex"), vec!["alice@laptop.local"]);
    }
}
