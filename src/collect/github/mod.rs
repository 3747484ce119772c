//! Evidence from GitHub (its REST and GraphQL APIs, through reqwest): pull requests the person authored, reviews they gave
//! on other people's pull requests, issues they opened or closed.
//!
//! The collection, in requests:
//! 1. `GET /user` (REST), only when no login is given: whose work to collect. An app
//!    installation token (GitHub Actions' `GITHUB_TOKEN`) has no user and answers 403:
//!    then `--github-login` is required, and with it `/user` is never asked.
//! 2. `GET /repos/O/R` or `GET /users/O` (REST) per `include` entry: a repository or owner
//!    that answers 404 / 403 is skipped with a warning; a renamed repository's redirect is
//!    followed and the new name searched.
//! 3. One GraphQL `Count` request for the searches; a search over 1,000 results is split
//!    into time slices that are counted again (see [`search`]).
//! 4. GraphQL search pages of up to 100 items, each with everything its records need; a
//!    pull request with over 100 commits is followed up (`MoreCommits`).
//!
//! After each page the state is handed to a [`Checkpoint`] (the pipeline's writes it into
//! the store), so an interrupted run keeps what it fetched; a finished run records a
//! cursor, and the next run asks only for items updated since then.

pub mod client;
#[cfg(test)]
mod contract;
pub mod dedup;
pub mod graphql;
pub mod records;
pub mod search;
pub mod state;
pub mod token;
pub mod transport;
pub mod types;

use crate::env::{NetEnv, Token};
use crate::error::{Error, ErrorKind, Result};
use crate::model::Evidence;
use crate::model::Person;
use crate::model::evidence::{GithubSummary, Kind};
use crate::model::{Period, sort_evidence};
use chrono::{DateTime, Duration, Utc};
use client::{Api, Client, Failure, RetryPolicy};
use graphql::{Dialect, Page};
use search::{Field, Plan, Query, QueryKind, Span, Syntax};
pub use state::{Checkpoint, GITHUB_STATE_VERSION, GithubState};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use token::TokenKind;
use types::{Conn, Hit, Issue, PullRequest, Review, ReviewedPullRequest, SearchData};

/// What to collect from GitHub: plain options, no clap.
#[derive(Debug, Clone)]
pub struct GithubOptions {
    /// GitHub Enterprise Server or Enterprise Cloud (`*.ghe.com`) address; `None` for
    /// github.com.
    pub url: Option<String>,
    /// The person's login; `None` for the token's own user.
    pub login: Option<String>,
    /// Owners (`acme`) or repositories (`acme/widgets`) to search in; all when empty.
    pub include: Vec<String>,
    /// Owners or repositories to leave out.
    pub exclude: Vec<String>,
    /// The issue search syntax; `None` picks it (advanced, unless an Enterprise Server
    /// refuses it).
    pub search_syntax: Option<Syntax>,
    /// Stop at an exhausted rate limit instead of waiting for the reset.
    pub no_wait: bool,
    /// Draw a progress bar on stderr.
    pub progress: bool,
    /// The run's "now" (pinned in tests): the cursor a finished run records.
    pub now: DateTime<Utc>,
    pub retry: RetryPolicy,
    /// Proxies and certificate roots.
    pub net: NetEnv,
}

impl GithubOptions {
    pub fn new(now: DateTime<Utc>) -> GithubOptions {
        GithubOptions {
            url: None,
            login: None,
            include: Vec::new(),
            exclude: Vec::new(),
            search_syntax: None,
            no_wait: false,
            progress: false,
            now,
            retry: RetryPolicy::default(),
            net: NetEnv::default(),
        }
    }
}

/// What the GitHub collection found, and what it could not see.
#[derive(Debug, Default)]
pub struct GithubCollection {
    pub evidence: Vec<Evidence>,
    pub warnings: Vec<String>,
    /// HTTP requests sent, retries and redirects included.
    pub requests: usize,
    pub summary: GithubSummary,
    /// Set when the collection failed after this run had fetched something: the
    /// evidence is what came before the failure, and the caller must say the rest is
    /// missing.
    pub failed: Option<PartFailure>,
}

/// A collection that failed partway: why, and what it saw whole.
#[derive(Debug)]
pub struct PartFailure {
    pub error: Error,
    /// The kinds of item whose searches all finished before the failure (the others
    /// were not, or not wholly, read: what they could show is not measured).
    pub complete: Vec<Kind>,
}

/// The kind of item a search finds.
fn kind_of(q: QueryKind) -> Kind {
    match q {
        QueryKind::PullRequests => Kind::PullRequest,
        QueryKind::Reviews => Kind::Review,
        QueryKind::IssuesOpened | QueryKind::IssuesClosed => Kind::Issue,
    }
}

/// Search items that overlap by an hour with the last run, so an item indexed late by
/// GitHub's search is not lost; records merge by id, so the overlap costs nothing else.
const CURSOR_OVERLAP_MINUTES: i64 = 60;
/// Queries counted per GraphQL request.
const COUNTS_PER_REQUEST: usize = 20;
/// Rounds of splitting before giving up on isolating a burst (from a year, slices of
/// [`search::BURST_PARTS`] reach single seconds in about nine).
const MAX_SPLIT_ROUNDS: usize = 16;

/// Collects the person's GitHub work in the period, saving its state to `checkpoint`
/// after every page. Builds its own tokio runtime.
pub fn collect(
    opts: &GithubOptions,
    token: &Token,
    person: &Person,
    period: Period,
    checkpoint: Option<&dyn Checkpoint>,
) -> Result<GithubCollection> {
    let api = Api::from_url(opts.url.as_deref())?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::failed("could not start the GitHub client").with_source(e))?;
    runtime
        .block_on(async {
            let client = Client::new(
                api,
                &token.secret,
                token.source,
                &opts.net,
                opts.no_wait,
                opts.retry.clone(),
            )?;
            let syntax = opts.search_syntax.unwrap_or(Syntax::Advanced);
            let mut run = Run {
                client,
                opts,
                token_kind: TokenKind::of(token.secret.expose()),
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
                syntax,
                dialect: Dialect {
                    advanced_search: syntax == Syntax::Advanced,
                    full_database_id: true,
                },
                page_sizes: BTreeMap::new(),
                fetched: 0,
                planned: Vec::new(),
                finished: Vec::new(),
            };
            match run.go().await {
                Ok(()) => Ok(run.finish()),
                // What was fetched before a failure is evidence too: it is kept for this
                // run's portfolio, and the failure is reported beside it.
                // Only what this run fetched makes it partial: records kept from earlier
                // runs alone do not (the run then failed, as before).
                Err(e) if e.kind == ErrorKind::Failed && run.fetched > 0 => {
                    let complete = run.complete_kinds();
                    let mut found = run.finish();
                    found.failed = Some(PartFailure {
                        error: without_false_promise(e, checkpoint),
                        complete,
                    });
                    Ok(found)
                }
                Err(e) => Err(e),
            }
        })
        .map_err(|e: Error| without_false_promise(e, checkpoint))
}

/// Without a checkpoint nothing fetched is kept: the hint must not promise it.
fn without_false_promise(mut e: Error, checkpoint: Option<&dyn Checkpoint>) -> Error {
    if checkpoint.is_none() {
        e.hint = e.hint.map(|h| h.replace(client::KEPT, client::NOT_KEPT));
    }
    e
}

struct Run<'a> {
    client: Client,
    opts: &'a GithubOptions,
    token_kind: TokenKind,
    author: String,
    since: DateTime<Utc>,
    until: DateTime<Utc>,
    checkpoint: Option<&'a dyn Checkpoint>,
    login: String,
    state: GithubState,
    warnings: Vec<String>,
    summary: GithubSummary,
    /// The include entries the token can see, under their current names.
    included: Vec<String>,
    /// Set when a rate limit stopped the run (`--no-wait`): the reset time, if known.
    stopped: Option<Option<DateTime<Utc>>>,
    progress: indicatif::ProgressBar,
    syntax: Syntax,
    dialect: Dialect,
    /// The page size that worked for each search document after GitHub timed out on a
    /// larger one: later searches with the same document start there.
    page_sizes: BTreeMap<&'static str, u32>,
    /// Records this run fetched (not those loaded from the store).
    fetched: usize,
    /// The searches planned, and those finished, by kind.
    planned: Vec<QueryKind>,
    finished: Vec<QueryKind>,
}

/// A page of search results, whatever their kind, and what to do next.
struct PageOutcome {
    issue_count: u64,
    /// The ids of the page's items (GitHub's node ids), to count distinct results.
    ids: Vec<String>,
    next: Option<String>,
}

/// The planned searches, or why there are none.
enum Planned {
    Ready(Vec<(Query, u64)>),
    /// A rate limit stopped the run (`--no-wait`).
    Stopped,
    /// The server refused `ISSUE_ADVANCED`: an Enterprise Server older than the advanced
    /// search.
    NoAdvancedSearch,
}

impl Run<'_> {
    async fn go(&mut self) -> Result<()> {
        self.summary.host = self.client.api.host.clone();
        self.summary.token_kind = Some(self.token_kind.as_str().to_string());
        // 1. Whose work: the given login, else the token's user.
        let login = match self.opts.login.clone() {
            Some(login) => login,
            None => match self.whoami().await? {
                Some(login) => login,
                None => return Ok(()),
            },
        };
        self.login = login.clone();
        self.summary.login = login.clone();
        self.load_state();
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
        let planned = loop {
            let queries = self.base_queries(incremental);
            match self.plan(queries).await? {
                Planned::Ready(p) => break p,
                Planned::Stopped => return self.save(),
                Planned::NoAdvancedSearch => self.use_legacy_search()?,
            }
        };
        self.summary.search_syntax = Some(self.syntax.as_str().to_string());
        // 4. Fetch.
        let total: u64 = planned.iter().map(|(_, c)| *c).sum();
        if self.opts.progress && total > 0 {
            // Drawn between the log lines (crate::ui), only on a terminal.
            self.progress = crate::ui::progress(total, "GitHub");
        }
        self.planned = planned.iter().map(|(q, _)| q.kind).collect();
        for (query, expected) in planned {
            if self.stopped.is_some() {
                break;
            }
            self.progress.set_message(query.kind.describe());
            self.fetch(&query, expected).await?;
            self.finished.push(query.kind);
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

    /// `GET /user`: the token's own login. `None` when a rate limit stopped the run.
    async fn whoami(&mut self) -> Result<Option<String>> {
        match self.client.rest::<types::RestUser>("/user").await {
            Ok((user, _)) => Ok(Some(user.login)),
            Err(Failure::RateLimited { reset }) => {
                self.stopped = Some(reset);
                Ok(None)
            }
            Err(Failure::Forbidden(m)) => Err(Error::usage(format!(
                "GitHub ({}) answered 403 to GET /user: {m}{}",
                self.client.api.host,
                if m.contains("not accessible by integration") {
                    ": the token belongs to no user (an app installation token, such as a GitHub Actions job's GITHUB_TOKEN), so it cannot tell whose work to collect"
                } else {
                    ": evident cannot learn whose work to collect"
                }
            ))
            .with_hint(
                "name the person with --github-login LOGIN (or `login` under [github] in evident.toml); in GitHub Actions: --github-login ${{ github.actor }}",
            )),
            Err(e) => Err(e.into_error("GET /user")),
        }
    }

    /// The server refused the advanced search: an older Enterprise Server. Search again
    /// with repeated qualifiers (which it ORs), and say so.
    fn use_legacy_search(&mut self) -> Result<()> {
        if self.syntax == Syntax::Legacy || !self.client.api.enterprise_server {
            return Err(Error::failed(format!(
                "GitHub ({}) refused the advanced issue search (ISSUE_ADVANCED)",
                self.client.api.host
            ))
            .with_hint("set `search_syntax = \"legacy\"` under [github] if this server predates the advanced search"));
        }
        let version = self
            .client
            .seen()
            .enterprise_version
            .map(|v| format!(" {v}"))
            .unwrap_or_default();
        tracing::info!(
            "GitHub Enterprise Server{version} at {} predates the advanced issue search: searching with the legacy syntax",
            self.client.api.host
        );
        self.syntax = Syntax::Legacy;
        self.dialect.advanced_search = false;
        Ok(())
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
            let is_repo = entry.contains('/');
            let path = if is_repo {
                format!("/repos/{entry}")
            } else {
                format!("/users/{entry}")
            };
            match self.client.rest::<types::RestEntry>(&path).await {
                Ok((found, _)) => {
                    let now = if is_repo {
                        found.full_name
                    } else {
                        found.login
                    };
                    let name = match now {
                        Some(n) if !n.eq_ignore_ascii_case(&entry) => {
                            self.warnings.push(format!(
                                "GitHub: {entry} is now {n} (renamed or moved): searched as {n}; update the [github] include entry"
                            ));
                            n
                        }
                        _ => entry,
                    };
                    if !self.included.iter().any(|i| i.eq_ignore_ascii_case(&name)) {
                        self.included.push(name);
                    }
                }
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

    /// The four searches, once per scope group (see [`search::scope_groups`]).
    fn base_queries(&self, incremental: Option<DateTime<Utc>>) -> Vec<Query> {
        let login = &self.login;
        let period = Span {
            from: self.since,
            to: Some(self.until),
        };
        // A review submitted in the period updated its pull request then, so "updated
        // since the start" finds it even when the pull request itself is older.
        let reviewed_from = incremental.map_or(self.since, |c| c.max(self.since));
        let reviewed = Span {
            from: reviewed_from,
            to: None,
        };
        let searches = [
            (
                QueryKind::PullRequests,
                format!("is:pr author:{login}"),
                Field::Created,
                period,
            ),
            (
                QueryKind::Reviews,
                format!("is:pr reviewed-by:{login} -author:{login}"),
                Field::Updated,
                reviewed,
            ),
            (
                QueryKind::IssuesOpened,
                format!("is:issue author:{login}"),
                Field::Created,
                period,
            ),
            (
                QueryKind::IssuesClosed,
                format!("is:issue is:closed involves:{login}"),
                Field::Closed,
                period,
            ),
        ];
        let groups = search::scope_groups(&self.included, self.syntax);
        let mut out = Vec::new();
        for (kind, terms, field, span) in searches {
            for group in &groups {
                let terms = if group.is_empty() {
                    terms.clone()
                } else {
                    format!("{terms} {group}")
                };
                out.push(Query {
                    kind,
                    terms,
                    field,
                    span,
                    updated_since: incremental,
                });
            }
        }
        out
    }

    /// Counts the queries (many per request), splits those over the cap until each slice
    /// fits or is one second long, and returns the slices to fetch with their counts.
    /// Every slice is counted, the last round's too.
    async fn plan(&mut self, mut pending: Vec<Query>) -> Result<Planned> {
        let mut ready = Vec::new();
        let mut round = 0;
        while !pending.is_empty() {
            let mut next = Vec::new();
            for chunk in pending.chunks(COUNTS_PER_REQUEST) {
                let texts: Vec<String> = chunk.iter().map(Query::text).collect();
                let body = graphql::count(&texts, self.dialect);
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
                        return Ok(Planned::Stopped);
                    }
                    Err(Failure::Rejected(errors, _))
                        if self.dialect.advanced_search
                            && errors.iter().any(|e| e.message.contains("ISSUE_ADVANCED")) =>
                    {
                        return Ok(Planned::NoAdvancedSearch);
                    }
                    Err(e) => return Err(e.into_error("counting GitHub search results")),
                };
                for (i, query) in chunk.iter().enumerate() {
                    let count = counts.get(&format!("c{i}")).map_or(0, |c| c.issue_count);
                    let plan = if round + 1 >= MAX_SPLIT_ROUNDS && count > search::SEARCH_CAP {
                        Plan::Truncated(query.clone(), count)
                    } else {
                        search::plan(query.clone(), count, self.opts.now, round)
                    };
                    match plan {
                        Plan::Fetch(q, 0) => tracing::debug!(query = %q.text(), "no results"),
                        Plan::Fetch(q, n) => ready.push((q, n)),
                        Plan::Split(parts) => {
                            tracing::info!(query = %query.text(), count, slices = parts.len(), "over the search cap: split");
                            next.extend(parts)
                        }
                        // Fetched as far as GitHub allows; the fetch reports the loss.
                        Plan::Truncated(q, n) => ready.push((q, n)),
                    }
                }
            }
            pending = next;
            round += 1;
        }
        ready.sort_by(|a, b| {
            a.0.kind
                .cmp(&b.0.kind)
                .then(a.0.span.from.cmp(&b.0.span.from))
                .then(a.0.terms.cmp(&b.0.terms))
        });
        Ok(Planned::Ready(ready))
    }

    /// A search that had more results than could be fetched: the true numbers, from the
    /// distinct items fetched, and the exact slice (its query names the time range).
    fn truncated(&mut self, q: &Query, existed: u64, fetched: u64) {
        let text = q.text();
        let why = if existed > search::SEARCH_CAP {
            "GitHub returns at most 1,000 results per search, and this slice of time cannot be split further"
        } else {
            "GitHub sent fewer than it counted: the token may not see some of them"
        };
        self.warnings.push(format!(
            "GitHub search `{text}` ({}): {} existed, {} fetched; {} {} are missing ({why})",
            q.kind.describe(),
            thousands(existed),
            thousands(fetched),
            thousands(existed.saturating_sub(fetched)),
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

    /// Fetches every page of one query slice, saving the store after each page. A page
    /// GitHub times out on (502 / 504) is asked for again at half the size.
    async fn fetch(&mut self, query: &Query, expected: u64) -> Result<()> {
        let text = query.text();
        let mut after: Option<String> = None;
        let mut ids: HashSet<String> = HashSet::new();
        let mut reported;
        let document = match query.kind {
            QueryKind::PullRequests => "PullRequests",
            QueryKind::Reviews => "Reviews",
            QueryKind::IssuesOpened | QueryKind::IssuesClosed => "Issues",
        };
        let mut first = *self.page_sizes.get(document).unwrap_or(&graphql::PAGE_SIZE);
        loop {
            let shrinkable = first > 1;
            let page = match query.kind {
                QueryKind::PullRequests => {
                    self.pull_request_page(&text, after.as_deref(), first, shrinkable)
                        .await
                }
                QueryKind::Reviews => {
                    self.review_page(&text, after.as_deref(), first, shrinkable)
                        .await
                }
                QueryKind::IssuesOpened | QueryKind::IssuesClosed => {
                    self.issue_page(&text, after.as_deref(), first, shrinkable)
                        .await
                }
            };
            let page = match page {
                Ok(p) => p,
                Err(Failure::TooLarge(why)) => {
                    first /= 2;
                    self.page_sizes.insert(document, first);
                    tracing::warn!(
                        "{why} on a page of GitHub search `{text}`: asking for {first} items instead"
                    );
                    continue;
                }
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
            self.progress.inc(page.ids.len() as u64);
            ids.extend(page.ids);
            reported = page.issue_count;
            self.save()?;
            match page.next {
                Some(c) if after.as_deref() != Some(c.as_str()) => after = Some(c),
                _ => break,
            }
        }
        // The count at fetch time is fresher than the planning count.
        let existed = if reported == 0 { expected } else { reported };
        let fetched = ids.len() as u64;
        if fetched < existed.min(search::SEARCH_CAP) || existed > search::SEARCH_CAP {
            self.truncated(query, existed, fetched);
        }
        Ok(())
    }

    /// One page of a search: its hits, and what to page on with.
    async fn search_page<T: serde::de::DeserializeOwned>(
        &mut self,
        body: &serde_json::Value,
        shrinkable: bool,
        id: impl Fn(&T) -> String,
    ) -> Result<(Vec<T>, PageOutcome), Failure> {
        let (data, errors) = if shrinkable {
            self.client.graphql_page::<SearchData<Hit<T>>>(body).await?
        } else {
            self.client.graphql::<SearchData<Hit<T>>>(body).await?
        };
        self.note_errors(&errors);
        let s = data.search;
        let hits: Vec<T> = s
            .nodes
            .into_iter()
            .flatten()
            .filter_map(Hit::item)
            .collect();
        let next = PageOutcome {
            issue_count: s.issue_count,
            ids: hits.iter().map(id).collect(),
            next: s
                .page_info
                .has_next_page
                .then(|| s.page_info.end_cursor.clone())
                .flatten(),
        };
        Ok((hits, next))
    }

    async fn pull_request_page(
        &mut self,
        q: &str,
        after: Option<&str>,
        first: u32,
        shrinkable: bool,
    ) -> Result<PageOutcome, Failure> {
        let page = Page {
            after,
            first,
            dialect: self.dialect,
        };
        let (mut prs, next) = self
            .search_page::<PullRequest>(&graphql::pull_requests(q, page), shrinkable, |pr| {
                node_id(pr.id.as_deref(), &pr.repository, pr.number)
            })
            .await?;
        for pr in &mut prs {
            let Some(id) = pr.id.clone() else {
                continue;
            };
            // All of a pull request's commits: the later ones must fold in too, or the
            // local commits under them would count twice.
            if let Some(commits) = pr.commits.as_mut() {
                let query = |c: &str| graphql::more_commits(&id, c);
                let take = |d: types::MoreCommitsData| d.node.and_then(|n| n.commits);
                self.rest_of(commits, query, take).await?;
            }
            // All of its files: its paths are what the classifier and the rubric read.
            if let Some(files) = pr.files.as_mut() {
                let query = |c: &str| graphql::more_files(&id, c);
                let take = |d: types::MoreFilesData| d.node.and_then(|n| n.files);
                self.rest_of(files, query, take).await?;
            }
        }
        let records = prs
            .iter()
            .flat_map(|pr| records::pull_request(pr, &self.author))
            .collect();
        self.keep(records);
        Ok(next)
    }

    /// The rest of a list GitHub cut at 100 (`conn`), page by page: `query` asks for the
    /// page after a cursor, `take` finds the list in the answer.
    async fn rest_of<T, D: serde::de::DeserializeOwned>(
        &mut self,
        conn: &mut types::Conn<T>,
        query: impl Fn(&str) -> serde_json::Value,
        take: impl Fn(D) -> Option<types::Conn<T>>,
    ) -> Result<(), Failure> {
        let mut after = next_cursor(conn);
        while let Some(c) = after.take() {
            let (data, errors) = self.client.graphql::<D>(&query(&c)).await?;
            self.note_errors(&errors);
            let Some(more) = take(data) else {
                break;
            };
            after = next_cursor(&more).filter(|n| *n != c);
            conn.nodes.extend(more.nodes);
        }
        conn.page_info = None;
        Ok(())
    }

    async fn review_page(
        &mut self,
        q: &str,
        after: Option<&str>,
        first: u32,
        shrinkable: bool,
    ) -> Result<PageOutcome, Failure> {
        let (prs, next) = loop {
            let page = Page {
                after,
                first,
                dialect: self.dialect,
            };
            let body = graphql::reviews(q, &self.login, page);
            let id =
                |pr: &ReviewedPullRequest| node_id(pr.id.as_deref(), &pr.repository, pr.number);
            match self
                .search_page::<ReviewedPullRequest>(&body, shrinkable, id)
                .await
            {
                Err(Failure::Rejected(errors, e)) => {
                    if !self.fall_back_to_database_id(&errors) {
                        return Err(Failure::Rejected(errors, e));
                    }
                }
                other => break other?,
            }
        };
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
            // All of a review's comments: what it teaches is judged on them.
            for review in &mut list {
                let (Some(id), Some(comments)) = (review.id.clone(), review.comments.as_mut())
                else {
                    continue;
                };
                let query = |c: &str| graphql::more_review_comments(&id, c);
                let take = |d: types::MoreReviewCommentsData| d.node.and_then(|n| n.comments);
                self.rest_of(comments, query, take).await?;
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

    /// An Enterprise Server too old for `fullDatabaseId` refused it: ask for the 32-bit
    /// `databaseId` instead. False when the errors are about something else.
    fn fall_back_to_database_id(&mut self, errors: &[types::GraphqlError]) -> bool {
        if !self.dialect.full_database_id
            || !errors.iter().any(|e| e.message.contains("fullDatabaseId"))
        {
            return false;
        }
        tracing::info!(
            "{} does not know PullRequestReview.fullDatabaseId: using databaseId",
            self.client.api.host
        );
        self.dialect.full_database_id = false;
        true
    }

    /// The rest of the person's reviews on one pull request (more than fit on the page).
    async fn more_reviews(&mut self, pr_id: &str, cursor: String) -> Result<Vec<Review>, Failure> {
        let mut out = Vec::new();
        let mut after = Some(cursor);
        while let Some(c) = after.take() {
            let body = graphql::more_reviews(pr_id, &self.login, Some(&c), self.dialect);
            let (data, errors) = match self.client.graphql::<types::MoreReviewsData>(&body).await {
                Err(Failure::Rejected(errors, e)) => {
                    if !self.fall_back_to_database_id(&errors) {
                        return Err(Failure::Rejected(errors, e));
                    }
                    after = Some(c);
                    continue;
                }
                other => other?,
            };
            self.note_errors(&errors);
            let Some(conn) = data.node.and_then(|n| n.reviews) else {
                break;
            };
            out.extend(conn.items().cloned());
            after = next_cursor(&conn).filter(|n| *n != c);
        }
        Ok(out)
    }

    async fn issue_page(
        &mut self,
        q: &str,
        after: Option<&str>,
        first: u32,
        shrinkable: bool,
    ) -> Result<PageOutcome, Failure> {
        let page = Page {
            after,
            first,
            dialect: self.dialect,
        };
        let (issues, next) = self
            .search_page::<Issue>(&graphql::issues(q, page), shrinkable, |i| {
                node_id(i.id.as_deref(), &i.repository, i.number)
            })
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
        self.fetched += records.len();
        self.state.merge(records);
    }

    /// The kinds of item whose planned searches all finished.
    fn complete_kinds(&self) -> Vec<Kind> {
        let mut kinds: Vec<Kind> = Vec::new();
        for q in &self.planned {
            let kind = kind_of(*q);
            let whole = self.planned.iter().filter(|p| kind_of(**p) == kind).count()
                == self
                    .finished
                    .iter()
                    .filter(|f| kind_of(**f) == kind)
                    .count();
            if whole && !kinds.contains(&kind) {
                kinds.push(kind);
            }
        }
        kinds
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

    /// What the token and GitHub's search keep out of sight, first among the warnings.
    fn limits(&mut self) {
        let seen = self.client.seen();
        let (mut lines, missing) = token::reach(
            self.token_kind,
            seen.scopes.as_deref(),
            &self.client.api.host,
        );
        self.summary.missing_scopes = missing;
        if !self.login.is_empty() {
            lines.push(format!(
                "issues {} closed without otherwise taking part in them (no comment, assignment or mention) cannot be found: GitHub's search has no qualifier for who closed an issue",
                self.login
            ));
        }
        lines.append(&mut self.warnings);
        self.warnings = lines;
    }
    /// The records in the period (from this run and the store), and the summary.
    fn finish(mut self) -> GithubCollection {
        self.progress.finish_and_clear();
        self.limits();
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
            let kept = if self.checkpoint.is_some() {
                "what was fetched is kept, and the next run continues from it"
            } else {
                "what was fetched is in this output only (--no-store: nothing is kept for the next run)"
            };
            self.warnings.push(format!(
                "GitHub's rate limit was used up and --no-wait was given: the collection stopped early{when}; {kept}"
            ));
        }
        GithubCollection {
            evidence,
            warnings: self.warnings,
            requests: self.summary.requests,
            summary: self.summary,
            failed: None,
        }
    }
}

#[derive(Debug, serde::Deserialize)]
struct CountOnly {
    #[serde(rename = "issueCount", default)]
    issue_count: u64,
}

/// A search hit's identity: GitHub's node id, else `owner/repo#number`.
fn node_id(id: Option<&str>, repo: &Option<types::RepoRef>, number: u64) -> String {
    match id {
        Some(id) => id.to_string(),
        None => format!("{}#{number}", types::repo_name(repo).unwrap_or("?")),
    }
}

/// The cursor of a connection's next page, if it has one.
fn next_cursor<T>(conn: &Conn<T>) -> Option<String> {
    conn.page_info
        .as_ref()
        .filter(|p| p.has_next_page)
        .and_then(|p| p.end_cursor.clone())
}

/// 1103 → "1,103".
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
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
    fn thousands_separators() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1103), "1,103");
        assert_eq!(thousands(1234567), "1,234,567");
    }

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
