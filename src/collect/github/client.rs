//! HTTP to GitHub: plain `GET` and `POST` requests through reqwest, with evident's own
//! handling of status codes, retries and rate limits. (octocrab served here until it was
//! found to be used for these two calls alone; it was a quarter of a clean build.)
//!
//! - 2xx: the body. A GraphQL answer can carry a rate limit with status 200: the primary
//!   limit as `{"type":"RATE_LIMIT","code":"graphql_rate_limit"}` (formerly `RATE_LIMITED`)
//!   is treated like an exhausted primary limit, an error naming a secondary rate limit
//!   like a secondary limit.
//! - 401: the token is wrong: a usage error (exit 2) with a hint; never the token itself.
//! - 403 / 429 with `retry-after`: a secondary limit; wait that long and retry.
//! - 403 / 429 with `x-ratelimit-remaining: 0`: the primary limit; wait until
//!   `x-ratelimit-reset` with a message on stderr, or with `--no-wait` stop
//!   ([`Failure::RateLimited`]) so the caller keeps what it has.
//! - 403 / 429 naming a rate limit without either header: back off from a minute, doubling.
//! - other 403, 404: returned to the caller, which decides (a repository is skipped).
//! - 502 / 504 (or GraphQL's "may be the result of a timeout") on a request that can be
//!   made smaller: returned at once ([`Failure::TooLarge`]) so the caller asks for a
//!   smaller page; otherwise, like other 5xx and connection failures, retried with
//!   exponential backoff.
//! - a certificate the client does not trust: an error at once (retrying cannot help),
//!   naming the host, with the `SSL_CERT_FILE` hint.
//! - a body that is not the JSON expected: a clear error naming the request, never a panic.

use super::transport;
use super::types::{GraphqlError, GraphqlReply, RestMessage};
use crate::env::{NetEnv, Secret, TokenSource};
use crate::error::Error;
use chrono::{DateTime, Utc};
use reqwest::header::{ACCEPT, AUTHORIZATION, HeaderValue, USER_AGENT};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What a hint promises about the pages fetched before a failure, when they are kept
/// (a store, or GitHub's state folder)...
pub const KEPT: &str = "what was fetched is kept";
/// ...and what it says instead when nothing is kept (`--no-store`).
pub const NOT_KEPT: &str =
    "nothing fetched was kept (--no-store), so the next run fetches it all again";

/// Where GitHub's APIs are: github.com, GitHub Enterprise Cloud with data residency
/// (`SUBDOMAIN.ghe.com`), or a GitHub Enterprise Server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Api {
    /// `github.com` or the server's host (with port), for the store's key and messages.
    pub host: String,
    /// The scheme and authority requests go to.
    pub base: String,
    /// Prefix of REST paths: empty for github.com, `/api/v3` for GHES.
    pub rest_prefix: String,
    /// `/graphql` for github.com, `/api/graphql` for GHES.
    pub graphql_path: String,
    /// A GitHub Enterprise Server (whose version may predate GitHub's newer features).
    pub enterprise_server: bool,
}

impl Api {
    /// `None` (or a github.com URL) is public GitHub; `https://SUBDOMAIN.ghe.com` (or
    /// `https://api.SUBDOMAIN.ghe.com`) is GitHub Enterprise Cloud with data residency (REST
    /// and GraphQL at `https://api.SUBDOMAIN.ghe.com`, as on github.com); anything else is
    /// a GitHub Enterprise Server at `https://HOST` (REST under `/api/v3`, GraphQL under
    /// `/api/graphql`).
    pub fn from_url(url: Option<&str>) -> Result<Api, Error> {
        let Some(url) = url.map(str::trim).filter(|u| !u.is_empty()) else {
            return Ok(Api::public());
        };
        let bad = || {
            Error::usage(format!("--github-url `{url}` is not an http(s) URL")).with_hint(
                "give the server's address, e.g. --github-url https://github.example.com",
            )
        };
        let rest = url
            .strip_prefix("https://")
            .map(|r| ("https", r))
            .or_else(|| url.strip_prefix("http://").map(|r| ("http", r)));
        let Some((scheme, rest)) = rest else {
            return Err(bad());
        };
        let rest = rest.trim_end_matches('/');
        let rest = rest
            .strip_suffix("/api/v3")
            .or_else(|| rest.strip_suffix("/api/graphql"))
            .unwrap_or(rest);
        if rest.is_empty() || rest.contains('/') || rest.contains('@') || rest.contains(' ') {
            return Err(bad());
        }
        let lower = rest.to_lowercase();
        if lower == "github.com" || lower == "api.github.com" {
            return Ok(Api::public());
        }
        if let Some(sub) = lower.strip_suffix(".ghe.com") {
            let sub = sub.strip_prefix("api.").unwrap_or(sub);
            if sub.is_empty() || sub.contains('.') || sub.contains(':') {
                return Err(bad());
            }
            return Ok(Api {
                host: format!("{sub}.ghe.com"),
                base: format!("{scheme}://api.{sub}.ghe.com"),
                rest_prefix: String::new(),
                graphql_path: "/graphql".into(),
                enterprise_server: false,
            });
        }
        Ok(Api {
            host: lower,
            base: format!("{scheme}://{rest}"),
            rest_prefix: "/api/v3".into(),
            graphql_path: "/api/graphql".into(),
            enterprise_server: true,
        })
    }

    pub fn public() -> Api {
        Api {
            host: "github.com".into(),
            base: "https://api.github.com".into(),
            rest_prefix: String::new(),
            graphql_path: "/graphql".into(),
            enterprise_server: false,
        }
    }
}

/// How patient the client is.
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// First wait after a 5xx or a failed connection; doubles each time.
    pub backoff: Duration,
    /// Retries after a 5xx or a failed connection before giving up.
    pub max_retries: u32,
    /// First wait after a secondary limit without `retry-after` (GitHub: at least a minute).
    pub secondary_wait: Duration,
    /// Secondary-limit rounds before giving up on one request.
    pub max_secondary: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            backoff: Duration::from_secs(1),
            max_retries: 4,
            secondary_wait: Duration::from_secs(60),
            max_secondary: 5,
        }
    }
}

impl RetryPolicy {
    /// The default policy, except that `EVIDENT_TEST_GITHUB_WAIT_MS` (for tests of the
    /// waiting paths) sets the first backoff and the first secondary-limit wait.
    pub fn from_vars(vars: &std::collections::BTreeMap<String, String>) -> RetryPolicy {
        let mut policy = RetryPolicy::default();
        if let Some(ms) = vars
            .get("TEST_GITHUB_WAIT_MS")
            .and_then(|v| v.trim().parse::<u64>().ok())
        {
            policy.backoff = Duration::from_millis(ms);
            policy.secondary_wait = Duration::from_millis(ms);
        }
        policy
    }
}

/// Why a request did not give an answer the caller can use as is.
#[derive(Debug)]
pub enum Failure {
    /// The primary rate limit is used up and `--no-wait` says not to wait.
    RateLimited { reset: Option<DateTime<Utc>> },
    /// 404: the thing does not exist, or the token may not see it.
    NotFound(String),
    /// 403 that is not a rate limit: no access (or SSO not authorised).
    Forbidden(String),
    /// 502 / 504 or a GraphQL timeout on a request the caller said it can make smaller.
    TooLarge(String),
    /// A GraphQL answer with errors and no data: the request as written was refused (an
    /// old server that lacks a field or enum value, say). The message is in `Fatal`.
    Rejected(Vec<GraphqlError>, Error),
    /// Anything else: stop with this error.
    Fatal(Error),
}

impl Failure {
    /// The failure as an error, for callers that cannot skip it.
    pub fn into_error(self, what: &str) -> Error {
        match self {
            Failure::Fatal(e) | Failure::Rejected(_, e) => e,
            Failure::TooLarge(m) => Error::failed(format!("GitHub gave up on {what}: {m}"))
                .with_hint(format!(
                    "GitHub may be slow or having an outage: run again later; {KEPT}"
                )),
            Failure::RateLimited { .. } => {
                Error::failed(format!("GitHub's rate limit is used up ({what})"))
            }
            Failure::NotFound(m) => Error::failed(format!("GitHub answered 404 to {what}: {m}")),
            Failure::Forbidden(m) => Error::failed(format!("GitHub answered 403 to {what}: {m}")),
        }
    }
}

/// The headers evident reads.
#[derive(Debug, Clone, Default)]
pub struct Head {
    pub remaining: Option<u64>,
    pub reset: Option<DateTime<Utc>>,
    pub retry_after: Option<u64>,
    /// `x-oauth-scopes`: present for classic (and OAuth app) tokens only.
    pub scopes: Option<String>,
    pub sso: bool,
    /// `x-github-enterprise-version`: a GitHub Enterprise Server's version.
    pub enterprise_version: Option<String>,
}

/// What the answers so far said about the token and the server.
#[derive(Debug, Clone, Default)]
pub struct Seen {
    /// The first `x-oauth-scopes` header seen.
    pub scopes: Option<String>,
    /// The first `x-github-enterprise-version` header seen.
    pub enterprise_version: Option<String>,
}

#[derive(Debug)]
pub struct Reply {
    pub head: Head,
    pub body: String,
}

pub struct Client {
    http: reqwest::Client,
    pub api: Api,
    /// `Bearer TOKEN`, marked sensitive so that no debug output shows it.
    authorization: HeaderValue,
    token: Secret,
    /// Where the token came from, for the hint on a 401.
    source: TokenSource,
    no_wait: bool,
    policy: RetryPolicy,
    requests: AtomicUsize,
    /// Redirects the HTTP client followed (each one another request).
    hops: Arc<AtomicUsize>,
    seen: Mutex<Seen>,
}

impl Client {
    /// Must be called inside a tokio runtime.
    pub fn new(
        api: Api,
        token: &Secret,
        source: TokenSource,
        net: &NetEnv,
        no_wait: bool,
        policy: RetryPolicy,
    ) -> Result<Client, Error> {
        check_token(token, source)?;
        let hops = Arc::new(AtomicUsize::new(0));
        let http = transport::http_client(net, hops.clone())?;
        reqwest::Url::parse(&api.base).map_err(|_| {
            Error::usage(format!("`{}` is not a valid GitHub URL", api.base)).with_hint(
                "give the server's address, e.g. --github-url https://github.example.com",
            )
        })?;
        let mut authorization = HeaderValue::from_str(&format!("Bearer {}", token.expose()))
            .map_err(|_| Error::failed("could not set up the HTTPS client for GitHub"))?;
        authorization.set_sensitive(true);
        Ok(Client {
            http,
            api,
            authorization,
            token: token.clone(),
            source,
            no_wait,
            policy,
            requests: AtomicUsize::new(0),
            hops,
            seen: Mutex::new(Seen::default()),
        })
    }

    /// HTTP requests sent so far, retries and followed redirects included.
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::Relaxed) + self.hops.load(Ordering::Relaxed)
    }

    /// What the answers so far said about the token and the server.
    pub fn seen(&self) -> Seen {
        self.seen.lock().map(|s| s.clone()).unwrap_or_default()
    }

    fn remember(&self, head: &Head) {
        if let Ok(mut seen) = self.seen.lock() {
            if seen.scopes.is_none() {
                seen.scopes.clone_from(&head.scopes);
            }
            if seen.enterprise_version.is_none() {
                seen.enterprise_version.clone_from(&head.enterprise_version);
            }
        }
    }

    /// `GET {rest_prefix}{path}`, JSON-decoded.
    pub async fn rest<T: DeserializeOwned>(&self, path: &str) -> Result<(T, Head), Failure> {
        let full = format!("{}{path}", self.api.rest_prefix);
        let reply = self.send(None, &full, false).await?;
        let value = serde_json::from_str(&reply.body)
            .map_err(|e| Failure::Fatal(self.malformed(&format!("GET {full}"), &e)))?;
        Ok((value, reply.head))
    }

    /// A GraphQL request: the data, and the errors GitHub sent alongside it (partial success).
    pub async fn graphql<T: DeserializeOwned>(
        &self,
        body: &Value,
    ) -> Result<(T, Vec<GraphqlError>), Failure> {
        self.graphql_sized(body, false).await
    }

    /// A GraphQL request the caller can make smaller: a 502 / 504 or a GraphQL timeout is
    /// returned at once as [`Failure::TooLarge`] instead of being retried as it is.
    pub async fn graphql_page<T: DeserializeOwned>(
        &self,
        body: &Value,
    ) -> Result<(T, Vec<GraphqlError>), Failure> {
        self.graphql_sized(body, true).await
    }

    async fn graphql_sized<T: DeserializeOwned>(
        &self,
        body: &Value,
        shrinkable: bool,
    ) -> Result<(T, Vec<GraphqlError>), Failure> {
        let path = self.api.graphql_path.clone();
        let what = format!(
            "POST {path} ({})",
            operation(body).unwrap_or_else(|| "query".into())
        );
        let mut limited = 0u32;
        let mut failures = 0u32;
        loop {
            let reply = self.send(Some(body), &path, shrinkable).await?;
            let parsed: GraphqlReply<Value> = serde_json::from_str(&reply.body)
                .map_err(|e| Failure::Fatal(self.malformed(&what, &e)))?;
            if parsed.errors.iter().any(GraphqlError::is_primary_limit) {
                self.primary_limit(reply.head.reset).await?;
                continue;
            }
            if let Some(e) = parsed.errors.iter().find(|e| e.is_secondary_limit()) {
                limited += 1;
                self.secondary_limit(limited, reply.head.retry_after, &what, &e.message)
                    .await?;
                continue;
            }
            if let Some(e) = parsed
                .errors
                .iter()
                .find(|e| e.kind.as_deref() == Some("INSUFFICIENT_SCOPES"))
            {
                return Err(Failure::Fatal(
                    Error::usage(format!(
                        "the GitHub token lacks a scope evident needs: {}",
                        self.scrub(&e.message)
                    ))
                    .with_hint(SCOPES_HINT),
                ));
            }
            let messages = || {
                parsed
                    .errors
                    .iter()
                    .map(|e| self.scrub(&e.message))
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            let data = match parsed.data {
                Some(Value::Null) | None => {
                    if parsed.errors.iter().any(GraphqlError::is_timeout) {
                        if shrinkable {
                            return Err(Failure::TooLarge(messages()));
                        }
                        failures += 1;
                        if failures <= self.policy.max_retries {
                            self.backoff(failures, &what, "GitHub timed out").await;
                            continue;
                        }
                    }
                    let err = Error::failed(format!(
                        "GitHub's GraphQL API answered {what} with errors: {}",
                        messages()
                    ))
                    .with_hint("run again later; if it persists, run with -vv and report it");
                    return Err(Failure::Rejected(parsed.errors.clone(), err));
                }
                Some(d) => d,
            };
            let typed = serde_json::from_value(data).map_err(|e| {
                let mut err = self.malformed(&what, &e);
                if !parsed.errors.is_empty() {
                    err.message
                        .push_str(&format!(" (GitHub also reported: {})", messages()));
                }
                Failure::Fatal(err)
            })?;
            return Ok((typed, parsed.errors));
        }
    }

    /// `GET PATH`, or `POST PATH` with a JSON body, on the API's host (paths start with
    /// `/`; the base is a scheme and authority alone).
    fn request(&self, body: Option<&Value>, path: &str) -> reqwest::RequestBuilder {
        let url = format!("{}{path}", self.api.base);
        let request = match body {
            Some(b) => self
                .http
                .post(url)
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(b.to_string()),
            None => self.http.get(url),
        };
        request
            .header(AUTHORIZATION, self.authorization.clone())
            .header(ACCEPT, "application/vnd.github+json")
            .header(USER_AGENT, concat!("evident/", env!("CARGO_PKG_VERSION")))
    }

    async fn send(
        &self,
        body: Option<&Value>,
        path: &str,
        shrinkable: bool,
    ) -> Result<Reply, Failure> {
        let what = format!("{} {path}", if body.is_some() { "POST" } else { "GET" });
        let mut failures = 0u32;
        let mut limited = 0u32;
        loop {
            self.requests.fetch_add(1, Ordering::Relaxed);
            tracing::debug!(request = %what, "GitHub request");
            let sent = self.request(body, path).send().await;
            let outcome = match sent {
                Ok(resp) => {
                    let status = resp.status().as_u16();
                    let head = head(|k| {
                        resp.headers()
                            .get(k)
                            .and_then(|v| v.to_str().ok())
                            .map(str::to_string)
                    });
                    self.remember(&head);
                    match resp.text().await {
                        Ok(text) => Ok((status, head, text)),
                        Err(e) => Err(Sent::Failed(transport::chain(&e))),
                    }
                }
                Err(e) => Err(match transport::certificate_problem(&e) {
                    Some(why) => Sent::Untrusted(why),
                    None => Sent::Failed(transport::chain(&e)),
                }),
            };
            let (status, head, text) = match outcome {
                Ok(x) => x,
                Err(Sent::Untrusted(why)) => {
                    return Err(Failure::Fatal(self.untrusted(&why)));
                }
                Err(Sent::Failed(cause)) => {
                    failures += 1;
                    if failures > self.policy.max_retries {
                        return Err(Failure::Fatal(
                            Error::failed(format!(
                                "could not reach GitHub at {} ({what}): {}",
                                self.api.base,
                                self.scrub(&cause)
                            ))
                            .with_hint(format!(
                                "check the network and --github-url, then run again: {KEPT}"
                            )),
                        ));
                    }
                    self.backoff(failures, &what, "the connection failed").await;
                    continue;
                }
            };
            match status {
                200..=299 => return Ok(Reply { head, body: text }),
                401 => {
                    return Err(Failure::Fatal(
                        Error::usage(format!(
                            "GitHub ({}) rejected the token: 401 {}",
                            self.api.host,
                            self.scrub(&message(&text, "Bad credentials"))
                        ))
                        .with_hint(format!(
                            "check that {} holds a valid, unexpired token for {} (evident reads GH_ENTERPRISE_TOKEN and GITHUB_ENTERPRISE_TOKEN for a host other than github.com, then GITHUB_TOKEN, then GH_TOKEN, then `gh auth token`); {SCOPES_HINT}",
                            self.source.describe(),
                            self.api.host
                        )),
                    ));
                }
                403 | 429 => {
                    let msg = self.scrub(&message(&text, "Forbidden"));
                    // GitHub: honour retry-after first; else a remaining count of 0 means
                    // the primary limit, until x-ratelimit-reset.
                    if head.retry_after.is_none()
                        && head.remaining == Some(0)
                        && !is_secondary(&msg)
                    {
                        self.primary_limit(head.reset).await?;
                        continue;
                    }
                    if head.retry_after.is_some() || status == 429 || is_rate_limit(&msg) {
                        limited += 1;
                        self.secondary_limit(limited, head.retry_after, &what, &msg)
                            .await?;
                        continue;
                    }
                    let msg = if head.sso {
                        format!(
                            "{msg} (the organisation requires SAML single sign-on: authorise the token for it)"
                        )
                    } else {
                        msg
                    };
                    return Err(Failure::Forbidden(msg));
                }
                404 => return Err(Failure::NotFound(self.scrub(&message(&text, "Not Found")))),
                502 | 504 if shrinkable => {
                    return Err(Failure::TooLarge(format!("GitHub answered {status}")));
                }
                500..=599 => {
                    failures += 1;
                    if failures > self.policy.max_retries {
                        return Err(Failure::Fatal(
                            Error::failed(format!(
                                "GitHub answered {status} to {what}, {failures} times in a row"
                            ))
                            .with_hint(format!(
                                "GitHub may be having an outage: run again later; {KEPT}"
                            )),
                        ));
                    }
                    self.backoff(failures, &what, &format!("GitHub answered {status}"))
                        .await;
                    continue;
                }
                _ => {
                    let mut e = Error::failed(format!(
                        "GitHub answered {status} to {what}: {}",
                        self.scrub(&message(&text, "no message"))
                    ));
                    if status == 422 {
                        e = e.with_hint("GitHub could not run the search: check the [github] include and exclude entries (owners and repositories must exist and be visible to the token)");
                    }
                    return Err(Failure::Fatal(e));
                }
            }
        }
    }

    async fn backoff(&self, attempt: u32, what: &str, why: &str) {
        let wait = self.policy.backoff * 2u32.pow(attempt.saturating_sub(1).min(10));
        tracing::warn!("{why} ({what}); retrying in {:.1}s", wait.as_secs_f64());
        tokio::time::sleep(wait).await;
    }

    /// A secondary limit: wait as `retry-after` asks, else back off from
    /// `secondary_wait` (GitHub: at least a minute), doubling; give up after
    /// `max_secondary` rounds.
    async fn secondary_limit(
        &self,
        round: u32,
        retry_after: Option<u64>,
        what: &str,
        message: &str,
    ) -> Result<(), Failure> {
        if round > self.policy.max_secondary {
            return Err(self.secondary_gave_up(what));
        }
        let short: String = message.chars().take(120).collect();
        match retry_after {
            Some(secs) => {
                tracing::warn!(
                    "GitHub's secondary rate limit ({short}): waiting {secs}s as it asks (retry-after)"
                );
                tokio::time::sleep(Duration::from_secs(secs.min(3600))).await;
            }
            None => {
                let wait = self.policy.secondary_wait * 2u32.pow(round.saturating_sub(1).min(10));
                tracing::warn!(
                    "GitHub's secondary rate limit ({short}): backing off for {}s",
                    wait.as_secs()
                );
                tokio::time::sleep(wait).await;
            }
        }
        Ok(())
    }

    fn untrusted(&self, why: &str) -> Error {
        Error::failed(format!(
            "the certificate of {} is not trusted ({why}): evident stopped without retrying",
            self.api.host
        ))
        .with_hint(format!(
            "if {} uses a certificate from your organisation's own authority, point SSL_CERT_FILE at a PEM file with that authority's certificate (see docs/github.md)",
            self.api.host
        ))
    }

    fn secondary_gave_up(&self, what: &str) -> Failure {
        Failure::Fatal(
            Error::failed(format!(
                "GitHub's secondary rate limit kept refusing {what} after {} waits",
                self.policy.max_secondary
            ))
            .with_hint(format!(
                "run again later: {KEPT}, and the next run continues from it"
            )),
        )
    }

    /// The primary limit is used up: wait until it resets, or stop with `--no-wait`.
    async fn primary_limit(&self, reset: Option<DateTime<Utc>>) -> Result<(), Failure> {
        if self.no_wait {
            return Err(Failure::RateLimited { reset });
        }
        let wall = Utc::now();
        let wait = reset
            .map(|r| (r - wall).num_seconds().max(0) as u64 + 1)
            .unwrap_or(60)
            .min(3700);
        let until = wall + chrono::Duration::seconds(wait as i64);
        tracing::warn!(
            hint = "with --no-wait evident stops instead and keeps what it fetched",
            "GitHub's rate limit is used up: waiting {wait}s, until {} UTC",
            until.format("%H:%M:%S")
        );
        tokio::time::sleep(Duration::from_secs(wait)).await;
        Ok(())
    }

    fn malformed(&self, what: &str, e: &serde_json::Error) -> Error {
        Error::failed(format!(
            "GitHub sent an answer to {what} that evident could not read: {}",
            self.scrub(&e.to_string())
        ))
        .with_hint("this is usually a proxy, an outage or a wrong --github-url; check the URL and run again later")
    }

    /// Removes the token from text that may end up in a message. GitHub does not echo
    /// tokens, but a proxy might.
    fn scrub(&self, text: &str) -> String {
        let t = self.token.expose();
        if t.len() >= 4 && text.contains(t) {
            text.replace(t, "***")
        } else {
            text.to_string()
        }
    }
}

pub const SCOPES_HINT: &str = "a classic token needs the `repo` and `read:org` scopes for private work (`public_repo` for public work only); a fine-grained token needs read access to pull requests, issues and metadata of the repositories";

/// Why a request got no answer at all.
enum Sent {
    /// The server's certificate is not trusted: retrying cannot help.
    Untrusted(String),
    Failed(String),
}

/// A token is sent in a header: refuse one that cannot be (and never show it).
fn check_token(token: &Secret, source: TokenSource) -> Result<(), Error> {
    let t = token.expose();
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Error::usage(format!(
            "the GitHub token from {} is empty or contains spaces or control characters",
            source.describe()
        ))
        .with_hint("set the variable to the token alone, without quotes, spaces or a line break"));
    }
    Ok(())
}

/// A 403 / 429 message naming a rate limit (secondary or primary, or the older "abuse
/// detection" wording).
fn is_rate_limit(message: &str) -> bool {
    let m = message.to_lowercase();
    m.contains("rate limit") || m.contains("abuse detection")
}

fn is_secondary(message: &str) -> bool {
    let m = message.to_lowercase();
    m.contains("secondary rate limit") || m.contains("abuse detection")
}

impl GraphqlError {
    /// The primary limit, as GitHub sends it with status 200: `{"type":"RATE_LIMIT",
    /// "code":"graphql_rate_limit"}`, formerly `"type":"RATE_LIMITED"`.
    pub fn is_primary_limit(&self) -> bool {
        let named = matches!(self.kind.as_deref(), Some("RATE_LIMIT" | "RATE_LIMITED"))
            || self.code.as_deref() == Some("graphql_rate_limit");
        named && !is_secondary(&self.message)
    }

    /// A secondary limit reported inside a GraphQL answer (status 200).
    pub fn is_secondary_limit(&self) -> bool {
        is_secondary(&self.message)
    }

    /// GitHub's GraphQL timeout: "Something went wrong while executing your query. This
    /// may be the result of a timeout, or it could be a GitHub bug."
    pub fn is_timeout(&self) -> bool {
        let m = self.message.to_lowercase();
        m.contains("result of a timeout") || m.contains("timedout") || m.contains("timed out")
    }
}

fn head(get: impl Fn(&str) -> Option<String>) -> Head {
    Head {
        remaining: get("x-ratelimit-remaining").and_then(|v| v.trim().parse().ok()),
        reset: get("x-ratelimit-reset")
            .and_then(|v| v.trim().parse::<i64>().ok())
            .and_then(|s| DateTime::from_timestamp(s, 0)),
        retry_after: get("retry-after").and_then(|v| v.trim().parse().ok()),
        scopes: get("x-oauth-scopes"),
        sso: get("x-github-sso").is_some(),
        enterprise_version: get("x-github-enterprise-version"),
    }
}

/// The `message` of a REST error body, else a default.
fn message(body: &str, default: &str) -> String {
    serde_json::from_str::<RestMessage>(body)
        .ok()
        .and_then(|m| m.message)
        .filter(|m| !m.trim().is_empty())
        .unwrap_or_else(|| default.to_string())
}

/// The operation name of a GraphQL document (`query Name(...)`), for messages.
fn operation(body: &Value) -> Option<String> {
    let q = body.get("query")?.as_str()?;
    let rest = q.trim_start().strip_prefix("query ")?;
    let name: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_urls() {
        assert_eq!(Api::from_url(None).unwrap(), Api::public());
        assert_eq!(
            Api::from_url(Some("https://github.com/")).unwrap(),
            Api::public()
        );
        let ghes = Api::from_url(Some("https://ghe.example.com/api/v3/")).unwrap();
        assert_eq!(ghes.base, "https://ghe.example.com");
        assert_eq!(ghes.rest_prefix, "/api/v3");
        assert_eq!(ghes.graphql_path, "/api/graphql");
        assert_eq!(ghes.host, "ghe.example.com");
        let local = Api::from_url(Some("http://127.0.0.1:8080")).unwrap();
        assert_eq!(local.base, "http://127.0.0.1:8080");
        // GitHub Enterprise Cloud with data residency: the API lives on api.SUBDOMAIN.
        for url in ["https://Octo.ghe.com", "https://api.octo.ghe.com/"] {
            let ghe = Api::from_url(Some(url)).unwrap();
            assert_eq!(ghe.host, "octo.ghe.com");
            assert_eq!(ghe.base, "https://api.octo.ghe.com");
            assert_eq!(ghe.rest_prefix, "");
            assert_eq!(ghe.graphql_path, "/graphql");
            assert!(!ghe.enterprise_server);
        }
        assert!(Api::from_url(Some("https://a.b.ghe.com")).is_err());
        assert!(Api::from_url(Some("ghe.example.com")).is_err());
        assert!(Api::from_url(Some("https://user:pw@ghe.example.com")).is_err());
    }

    #[test]
    fn tokens_that_cannot_be_sent_are_refused_without_showing_them() {
        let e = check_token(&Secret::new("ghp_abc def"), TokenSource::GhToken).unwrap_err();
        assert!(!e.report().contains("ghp_abc"));
        assert!(e.report().contains("GH_TOKEN"));
        assert!(check_token(&Secret::new("ghp_abcdef"), TokenSource::GithubToken).is_ok());
    }

    #[test]
    fn the_https_client_builds_for_github_com() {
        // rustls with the platform's root certificates: no network needed to build it.
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            let c = Client::new(
                Api::public(),
                &Secret::new("ghp_abcdef"),
                TokenSource::GithubToken,
                &NetEnv::default(),
                false,
                RetryPolicy::default(),
            );
            assert!(c.is_ok(), "{:?}", c.err().map(|e| e.report()));
        });
    }

    #[test]
    fn messages_and_operations() {
        assert_eq!(message(r#"{"message":"Not Found"}"#, "x"), "Not Found");
        assert_eq!(message("<html>", "x"), "x");
        let body = serde_json::json!({"query": "query Reviews($q: String!) { x }"});
        assert_eq!(operation(&body).as_deref(), Some("Reviews"));
    }

    #[test]
    fn graphql_rate_limits_in_both_spellings() {
        let e = |v: serde_json::Value| serde_json::from_value::<GraphqlError>(v).unwrap();
        let now = e(
            serde_json::json!({"type": "RATE_LIMIT", "code": "graphql_rate_limit", "message": "API rate limit already exceeded for user ID 1."}),
        );
        let before = e(
            serde_json::json!({"type": "RATE_LIMITED", "message": "API rate limit exceeded for user ID 1."}),
        );
        let secondary = e(
            serde_json::json!({"message": "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}),
        );
        assert!(now.is_primary_limit() && before.is_primary_limit());
        assert!(!secondary.is_primary_limit() && secondary.is_secondary_limit());
        assert!(!now.is_secondary_limit());
    }
}
