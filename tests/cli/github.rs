//! The GitHub collector against a local wiremock server that serves recorded GitHub
//! responses (tests/fixtures/github/). `--github-url http://127.0.0.1:PORT` makes evident
//! use the GitHub Enterprise Server layout: REST under /api/v3, GraphQL under /api/graphql.
//! Every server has a catch-all that fails the test on any request no test expected.
//!
//! Bigger scenarios (period splitting, the one-year request count) use `FakeGithub`, which
//! answers searches from a generated population of items built from the recorded nodes,
//! with GitHub's 1,000-result cap and 100-item pages.

use crate::common::*;
use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};
use std::path::Path;
use wiremock::matchers::{any, body_string_contains, method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// Looks like a real token, so a leak would be found by a plain `contains`.
const TOKEN: &str = "ghp_TESTtoken0123456789abcdefNEVERSHOWN";

fn fixture(name: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/github")
        .join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn fixture_json(name: &str) -> Value {
    serde_json::from_str(&fixture(name)).expect("fixture is JSON")
}

fn reply(status: u16, body: impl Into<String>) -> ResponseTemplate {
    ResponseTemplate::new(status)
        .insert_header("content-type", "application/json; charset=utf-8")
        .set_body_string(body.into())
}

/// A server with the catch-all: an unexpected request answers 418 and fails the test
/// when the server is dropped.
async fn server() -> MockServer {
    let s = MockServer::start().await;
    catch_all(&s).await;
    s
}

async fn catch_all(s: &MockServer) {
    Mock::given(any())
        .respond_with(ResponseTemplate::new(418).set_body_string("no test expected this request"))
        .with_priority(u8::MAX)
        .expect(0)
        .named("catch-all: unexpected request")
        .mount(s)
        .await;
}

async fn rest(s: &MockServer, at: &str, r: ResponseTemplate) {
    Mock::given(method("GET"))
        .and(path(at))
        .respond_with(r)
        .mount(s)
        .await;
}

async fn user(s: &MockServer) {
    rest(
        s,
        "/api/v3/user",
        reply(200, fixture("user.json")).insert_header("x-oauth-scopes", "repo, read:org"),
    )
    .await;
}

/// A GraphQL request whose JSON body contains every one of `parts`.
async fn gql(s: &MockServer, parts: &[&str], r: ResponseTemplate) {
    let mut m = Mock::given(method("POST")).and(path("/api/graphql"));
    for p in parts {
        m = m.and(body_string_contains(*p));
    }
    m.respond_with(r).mount(s).await;
}

/// A repository with Alice's commits: one on the PR's branch, one that is the PR's merge
/// commit, and one that belongs to no pull request. Returns (branch sha, merge sha, other).
fn widgets(sb: &Sandbox) -> (String, String, String) {
    let r = sb.repo("widgets");
    r.remote("git@github.com:acme/widgets.git");
    let a = r.commit(
        ALICE,
        "2026-02-03T08:00:00Z",
        "Add a retrying HTTP client",
        &[Change::Write("src/http.rs", "fn get() {}\n")],
    );
    let b = r.commit(
        ALICE,
        "2026-02-05T16:20:00Z",
        "Merge pull request #42 from alice-ex/retry",
        &[Change::Write("tests/http.rs", "#[test] fn t() {}\n")],
    );
    let c = r.commit(
        ALICE,
        "2026-06-01T08:00:00Z",
        "Tidy the build script",
        &[Change::Write("build.rs", "fn main() {}\n")],
    );
    (a.to_string(), b.to_string(), c.to_string())
}

/// The recorded happy path: 3 PRs over 2 pages, 1 reviewed PR (older than the period),
/// 1 issue opened (and closed) by Alice, 1 closed by her.
async fn mount_happy(s: &MockServer, branch: &str, merge: &str) {
    user(s).await;
    gql(s, &["query Count"], reply(200, fixture("count.json"))).await;
    let page1 = fixture("pull_requests_page1.json")
        .replace("{{BRANCH_SHA}}", branch)
        .replace("{{MERGE_SHA}}", merge);
    gql(
        s,
        &["query PullRequests", "\"after\":null"],
        reply(200, page1),
    )
    .await;
    gql(
        s,
        &["query PullRequests", "\"after\":\"Y3Vyc29yOjI=\""],
        reply(200, fixture("pull_requests_page2.json")),
    )
    .await;
    gql(
        s,
        &["query Reviews"],
        reply(200, fixture("reviews_page1.json")),
    )
    .await;
    gql(
        s,
        &["query Issues", "is:issue author:alice-ex"],
        reply(200, fixture("issues_opened.json")),
    )
    .await;
    gql(
        s,
        &["query Issues", "is:issue is:closed involves:alice-ex"],
        reply(200, fixture("issues_closed.json")),
    )
    .await;
}

fn collect_cmd(sb: &Sandbox, s: &MockServer) -> assert_cmd::Command {
    let mut cmd = sb.evident();
    cmd.args([
        "collect",
        "--repo",
        "widgets",
        "--author",
        ALICE.1,
        "--since",
        "2026-01-01",
        "--github",
        "--github-url",
        &s.uri(),
    ])
    .env("GITHUB_TOKEN", TOKEN);
    cmd
}

fn find<'a>(ev: &'a Value, id: &str) -> &'a Value {
    ev["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == id)
        .unwrap_or_else(|| panic!("no {id} in {:#}", ev["evidence"]))
}

fn ids(ev: &Value) -> Vec<String> {
    ev["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

fn assert_no_token(what: &str, text: &str) {
    assert!(
        !text.contains(TOKEN),
        "the token leaked into {what}:\n{text}"
    );
    assert!(
        !text.contains("TESTtoken"),
        "part of the token leaked into {what}"
    );
}

#[tokio::test]
async fn collects_pull_requests_reviews_and_issues_across_pages() {
    let sb = Sandbox::new();
    let (branch, merge, other) = widgets(&sb);
    let s = server().await;
    mount_happy(&s, &branch, &merge).await;
    let ev = json_stdout(&mut collect_cmd(&sb, &s));

    // Pull requests over two pages, with everything the rules read.
    let pr = find(&ev, "gh:pr:acme/widgets#42");
    assert_eq!(pr["kind"], "pull_request");
    assert_eq!(pr["repo"], "acme/widgets");
    assert_eq!(pr["author"], ALICE.1);
    assert_eq!(pr["timestamp"], "2026-02-03T09:00:00Z");
    assert_eq!(pr["url"], "https://github.com/acme/widgets/pull/42");
    assert_eq!(pr["labels"], json!(["enhancement", "reliability"]));
    assert_eq!(pr["additions"], 240);
    assert_eq!(pr["deletions"], 31);
    assert_eq!(pr["files_changed"], 2);
    assert_eq!(pr["paths"], json!(["src/http.rs", "tests/http.rs"]));
    let m = &pr["meta"];
    assert_eq!(m["state"], "merged");
    assert_eq!(m["created_at"], "2026-02-03T09:00:00Z");
    assert_eq!(m["merged_at"], "2026-02-05T16:20:00Z");
    assert_eq!(m["closes"], json!(["acme/widgets#7"]));
    assert_eq!(m["reviews_received"], 3);
    assert_eq!(m["review_authors"], json!(["bob-b", "carol-c"]));
    assert_eq!(m["merge_commit_sha"], merge.as_str());
    assert_eq!(m["commits"], json!([branch]));
    assert_eq!(find(&ev, "gh:pr:acme/widgets#43")["meta"]["state"], "open");
    assert_eq!(find(&ev, "gh:pr:acme/gears#5")["meta"]["state"], "closed");

    // No double counting: the branch commit and the merge commit fold into PR 42.
    let mut local = vec![
        format!("git:acme/widgets:{branch}"),
        format!("git:acme/widgets:{merge}"),
    ];
    local.sort();
    assert_eq!(m["local_commits"], json!(local));
    let all = ids(&ev);
    assert!(!all.contains(&local[0]) && !all.contains(&local[1]));
    assert!(all.contains(&format!("git:acme/widgets:{other}")));

    // A review in the period on a pull request from before it; the earlier review on the
    // same pull request is outside the period and left out.
    let r = find(&ev, "gh:review:3000000002");
    assert!(!all.contains(&"gh:review:1000001".to_string()));
    assert_eq!(r["kind"], "review");
    assert_eq!(r["timestamp"], "2026-02-10T15:30:00Z");
    assert_eq!(r["title"], "Review of acme/widgets#9: Add widget caching");
    assert_eq!(
        r["body"],
        "Nice start! The cache needs a bound; see https://example.com/caching-guide\n\n---\n\n```suggestion\nlet cache = LruCache::new(1024);\n```\n\n---\n\nCould we add a test for eviction?"
    );
    let m = &r["meta"];
    assert_eq!(m["state"], "CHANGES_REQUESTED");
    assert_eq!(m["comment_count"], 2);
    assert_eq!(m["suggestions"], 1);
    assert_eq!(m["links"], 1);
    assert_eq!(m["pr_author"], "dana-d");
    assert_eq!(m["pr_number"], 9);
    assert_eq!(m["pr_created_at"], "2025-06-01T12:00:00Z");
    assert_eq!(m["first_time_contributor"], true);

    // Issues: opened and closed by Alice; closed by Alice on someone else's issue.
    let i = find(&ev, "gh:issue:acme/widgets#7");
    assert_eq!(i["meta"]["role"], "opened_and_closed");
    assert_eq!(i["timestamp"], "2026-01-20T10:00:00Z");
    let c = find(&ev, "gh:issue:acme/gears#31");
    assert_eq!(c["meta"]["role"], "closed");
    assert_eq!(c["timestamp"], "2026-05-01T09:00:00Z");

    // Review reach and the request count in the collection summary.
    let gh = &ev["collection"]["github"];
    assert_eq!(gh["login"], "alice-ex");
    assert_eq!(gh["reviews_given"], 1);
    assert_eq!(gh["people_reviewed"], 1);
    assert_eq!(gh["pull_requests"], 3);
    assert_eq!(gh["issues"], 2);
    // /user, one Count for all four searches, two PR pages, one page each for the rest.
    assert_eq!(gh["requests"], 7);
    assert_eq!(s.received_requests().await.unwrap().len(), 7);
}

#[tokio::test]
async fn the_token_never_appears_in_output_logs_or_the_store() {
    let sb = Sandbox::new();
    let (branch, merge, _) = widgets(&sb);
    let s = server().await;
    mount_happy(&s, &branch, &merge).await;
    let out = collect_cmd(&sb, &s)
        .args(["-vv", "--output", "evidence.json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_no_token("stdout", &String::from_utf8_lossy(&out.stdout));
    assert_no_token("stderr", &String::from_utf8_lossy(&out.stderr));
    assert_no_token(
        "the output file",
        &std::fs::read_to_string(sb.path().join("evidence.json")).unwrap(),
    );
    for entry in walk(&sb.path().join("cache")) {
        assert_no_token(
            &entry.display().to_string(),
            &String::from_utf8_lossy(&std::fs::read(&entry).unwrap()),
        );
    }
    // It was sent, though: to the GitHub Enterprise host, as a bearer token.
    for r in s.received_requests().await.unwrap() {
        assert_eq!(
            r.headers.get("authorization").unwrap().to_str().unwrap(),
            format!("Bearer {TOKEN}")
        );
    }

    // And not on a 401 either, however verbose.
    let s = server().await;
    rest(
        &s,
        "/api/v3/user",
        reply(401, fixture("bad_credentials.json")),
    )
    .await;
    let out = collect_cmd(&sb, &s).arg("-vv").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_no_token("stdout", &String::from_utf8_lossy(&out.stdout));
    assert_no_token("stderr", &String::from_utf8_lossy(&out.stderr));
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

#[tokio::test]
async fn a_rejected_token_is_a_clear_usage_error() {
    let sb = Sandbox::new();
    widgets(&sb);
    let s = server().await;
    rest(
        &s,
        "/api/v3/user",
        reply(401, fixture("bad_credentials.json")),
    )
    .await;
    let out = collect_cmd(&sb, &s).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("rejected the token: 401 Bad credentials"),
        "{stderr}"
    );
    assert!(
        stderr.contains("hint: check that GITHUB_TOKEN (or GH_TOKEN)"),
        "{stderr}"
    );
    assert!(stderr.contains("read:org"), "{stderr}");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_missing_token_is_a_usage_error_naming_the_variables() {
    let sb = Sandbox::new();
    widgets(&sb);
    let out = sb
        .evident()
        .args([
            "collect", "--repo", "widgets", "--author", ALICE.1, "--github",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("no token"), "{stderr}");
    assert!(
        stderr.contains("GITHUB_TOKEN") && stderr.contains("GH_TOKEN"),
        "{stderr}"
    );
}

#[tokio::test]
async fn a_used_up_rate_limit_waits_for_the_reset_then_continues() {
    let sb = Sandbox::new();
    widgets(&sb);
    let s = server().await;
    user(&s).await;
    // The first Count meets an exhausted primary limit whose reset has passed.
    Mock::given(method("POST"))
        .and(path("/api/graphql"))
        .respond_with(
            reply(403, fixture("rate_limited.json"))
                .insert_header("x-ratelimit-limit", "5000")
                .insert_header("x-ratelimit-remaining", "0")
                .insert_header("x-ratelimit-reset", "1700000000")
                .insert_header("x-ratelimit-resource", "graphql"),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&s)
        .await;
    gql(&s, &["query Count"], reply(200, fixture("count_none.json"))).await;
    let out = collect_cmd(&sb, &s).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("rate limit is used up: waiting"),
        "{stderr}"
    );
    let ev: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(ev["collection"]["github"]["requests"], 3);
    assert_eq!(ev["collection"]["github"]["rate_limited"], false);
}

#[tokio::test]
async fn graphql_rate_limited_error_is_a_rate_limit_too() {
    let sb = Sandbox::new();
    widgets(&sb);
    let s = server().await;
    user(&s).await;
    Mock::given(method("POST"))
        .and(path("/api/graphql"))
        .respond_with(
            reply(200, fixture("graphql_rate_limited.json"))
                .insert_header("x-ratelimit-remaining", "0")
                .insert_header("x-ratelimit-reset", "1700000000"),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&s)
        .await;
    gql(&s, &["query Count"], reply(200, fixture("count_none.json"))).await;
    let out = collect_cmd(&sb, &s).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[tokio::test]
async fn with_no_wait_a_rate_limit_stops_and_keeps_what_was_fetched() {
    let sb = Sandbox::new();
    let (branch, merge, _) = widgets(&sb);
    let s = server().await;
    user(&s).await;
    gql(&s, &["query Count"], reply(200, fixture("count.json"))).await;
    let page1 = fixture("pull_requests_page1.json")
        .replace("{{BRANCH_SHA}}", &branch)
        .replace("{{MERGE_SHA}}", &merge);
    gql(
        &s,
        &["query PullRequests", "\"after\":null"],
        reply(200, page1),
    )
    .await;
    gql(
        &s,
        &["query PullRequests", "\"after\":\"Y3Vyc29yOjI=\""],
        reply(403, fixture("rate_limited.json"))
            .insert_header("x-ratelimit-remaining", "0")
            .insert_header("x-ratelimit-reset", "4102444800"),
    )
    .await;
    let out = collect_cmd(&sb, &s).arg("--no-wait").output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let ev: Value = serde_json::from_slice(&out.stdout).unwrap();
    // Page 1 is kept, in the output and in the store; nothing after it was asked for.
    find(&ev, "gh:pr:acme/widgets#42");
    find(&ev, "gh:pr:acme/widgets#43");
    assert_eq!(ev["collection"]["github"]["rate_limited"], true);
    let warnings = ev["collection"]["warnings"].to_string();
    assert!(warnings.contains("--no-wait"), "{warnings}");
    let stored = walk(&sb.path().join("cache/evident/github"));
    assert_eq!(stored.len(), 1, "{stored:?}");
    let state: Value = serde_json::from_slice(&std::fs::read(&stored[0]).unwrap()).unwrap();
    assert!(
        state["evidence"]
            .to_string()
            .contains("gh:pr:acme/widgets#42")
    );
    assert_eq!(
        state["cursor"],
        Value::Null,
        "an unfinished run moves no cursor"
    );
}

#[tokio::test]
async fn a_secondary_limit_is_retried_after_retry_after() {
    let sb = Sandbox::new();
    widgets(&sb);
    let s = server().await;
    Mock::given(method("GET"))
        .and(path("/api/v3/user"))
        .respond_with(reply(429, fixture("secondary_limit.json")).insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&s)
        .await;
    user(&s).await;
    gql(&s, &["query Count"], reply(200, fixture("count_none.json"))).await;
    let started = std::time::Instant::now();
    let out = collect_cmd(&sb, &s).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("secondary rate limit"), "{stderr}");
    assert!(started.elapsed() >= std::time::Duration::from_secs(1));
    let ev: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(ev["collection"]["github"]["requests"], 3);
}

#[tokio::test]
async fn a_server_error_is_retried_with_backoff() {
    let sb = Sandbox::new();
    widgets(&sb);
    let s = server().await;
    Mock::given(method("GET"))
        .and(path("/api/v3/user"))
        .respond_with(reply(502, "<html>Bad gateway</html>"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&s)
        .await;
    user(&s).await;
    gql(&s, &["query Count"], reply(200, fixture("count_none.json"))).await;
    let out = collect_cmd(&sb, &s).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("GitHub answered 502"), "{stderr}");
}

#[tokio::test]
async fn malformed_json_is_a_clear_error_not_a_panic() {
    let sb = Sandbox::new();
    widgets(&sb);
    let s = server().await;
    user(&s).await;
    gql(
        &s,
        &["query Count"],
        reply(200, "{\"data\": {\"c0\": {\"issueCo"),
    )
    .await;
    let out = collect_cmd(&sb, &s).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "GitHub sent an answer to POST /api/graphql (Count) that evident could not read"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("hint:"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[tokio::test]
async fn a_repository_that_answers_404_is_skipped_and_listed() {
    let sb = Sandbox::new();
    widgets(&sb);
    sb.write(
        "evident.toml",
        "[github]\nenabled = true\ninclude = [\"acme/widgets\", \"acme/secret\"]\n",
    );
    let s = server().await;
    user(&s).await;
    rest(
        &s,
        "/api/v3/repos/acme/widgets",
        reply(200, fixture("repo_widgets.json")),
    )
    .await;
    rest(
        &s,
        "/api/v3/repos/acme/secret",
        reply(404, fixture("not_found.json")),
    )
    .await;
    gql(
        &s,
        &[
            "query Count",
            "is:pr author:alice-ex repo:acme/widgets created:",
        ],
        reply(200, fixture("count_none.json")),
    )
    .await;
    let out = sb
        .evident()
        .args([
            "run",
            "--repo",
            "widgets",
            "--author",
            ALICE.1,
            "--since",
            "2026-01-01",
        ])
        .args(["--github-url", &s.uri(), "--format", "md"])
        .env("GITHUB_TOKEN", TOKEN)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(md.contains("What could not be seen"), "{md}");
    assert!(md.contains("acme/secret skipped: 404 Not Found"), "{md}");
    for r in s.received_requests().await.unwrap() {
        if r.url.path() == "/api/graphql" {
            assert!(!String::from_utf8_lossy(&r.body).contains("acme/secret"));
        }
    }
    // And in the JSON portfolio, for tools.
    let s2 = sb
        .evident()
        .args([
            "run",
            "--repo",
            "widgets",
            "--author",
            ALICE.1,
            "--since",
            "2026-01-01",
        ])
        .args(["--github-url", &s.uri(), "--format", "json"])
        .env("GITHUB_TOKEN", TOKEN)
        .output()
        .unwrap();
    let p: Value = serde_json::from_slice(&s2.stdout).unwrap();
    assert_eq!(
        p["collection"]["github"]["skipped_repositories"],
        json!(["acme/secret"])
    );
}

#[tokio::test]
async fn github_enterprise_paths_are_used() {
    let sb = Sandbox::new();
    widgets(&sb);
    let s = server().await;
    user(&s).await;
    gql(&s, &["query Count"], reply(200, fixture("count_none.json"))).await;
    // With a trailing /api/v3/, as people copy it from their server's docs.
    let url = format!("{}/api/v3/", s.uri());
    let out = sb
        .evident()
        .args([
            "collect", "--repo", "widgets", "--author", ALICE.1, "--github",
        ])
        .args(["--github-url", &url])
        .env("GH_TOKEN", TOKEN)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let paths: Vec<String> = s
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| format!("{} {}", r.method, r.url.path()))
        .collect();
    assert_eq!(paths, ["GET /api/v3/user", "POST /api/graphql"]);
    let ev: Value = serde_json::from_slice(&out.stdout).unwrap();
    let host = s.uri().trim_start_matches("http://").to_string();
    assert_eq!(ev["collection"]["github"]["host"], host.as_str());
}

#[tokio::test]
async fn a_second_run_fetches_only_what_changed() {
    let sb = Sandbox::new();
    let (branch, merge, _) = widgets(&sb);
    let s = server().await;
    mount_happy(&s, &branch, &merge).await;
    let first = json_stdout(&mut collect_cmd(&sb, &s));
    assert_eq!(first["collection"]["github"]["requests"], 7);

    // A week later: every search carries the stored cursor (less an hour of overlap).
    s.reset().await;
    catch_all(&s).await;
    user(&s).await;
    let cursor = "updated:>=2026-11-23T11:00:00Z";
    gql(
        &s,
        &["query Count", cursor],
        reply(200, fixture("count_incremental.json")),
    )
    .await;
    gql(
        &s,
        &["query PullRequests", cursor],
        reply(200, fixture("pull_requests_updated.json")),
    )
    .await;
    let second = json_stdout(collect_cmd(&sb, &s).env("EVIDENT_NOW", "2026-11-30T12:00:00Z"));
    let gh = &second["collection"]["github"];
    assert_eq!(gh["requests"], 3, "{gh:#}");
    assert_eq!(gh["incremental_since"], "2026-11-23T11:00:00Z");
    // Everything from the first run is still there, and PR 43 is the newer version.
    for id in ids(&first) {
        if id.starts_with("gh:") {
            find(&second, &id);
        }
    }
    let pr = find(&second, "gh:pr:acme/widgets#43");
    assert_eq!(pr["meta"]["state"], "merged");
    assert_eq!(pr["title"], "Document the retry policy and its limits");
    assert_eq!(
        find(&second, "gh:review:3000000002")["meta"]["pr_author"],
        "dana-d"
    );
}

// ---------------------------------------------------------------------------------------
// A generated GitHub for the volume scenarios.

/// Answers `Count`, `PullRequests`, `Reviews` and `Issues` from a population of items
/// spread evenly over the period, honouring the search qualifiers' dates, the 1,000
/// result cap and 100-item pages. Nodes are the recorded fixture nodes, renumbered.
struct FakeGithub {
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    prs: usize,
    reviewed: usize,
    /// How many of the reviewed pull requests got two reviews from the person.
    twice: usize,
    opened: usize,
    closed: usize,
    pr_node: Value,
    review_node: Value,
    issue_node: Value,
}

impl FakeGithub {
    fn new(prs: usize, reviewed: usize, twice: usize, opened: usize, closed: usize) -> Self {
        let first = |name: &str| fixture_json(name)["data"]["search"]["nodes"][0].clone();
        FakeGithub {
            from: "2026-01-01T00:00:00Z".parse().unwrap(),
            to: "2026-11-23T00:00:00Z".parse().unwrap(),
            prs,
            reviewed,
            twice,
            opened,
            closed,
            pr_node: first("pull_requests_page2.json"),
            review_node: first("reviews_page1.json"),
            issue_node: first("issues_opened.json"),
        }
    }

    fn when(&self, i: usize, n: usize) -> DateTime<Utc> {
        let span = (self.to - self.from).num_seconds();
        self.from + Duration::seconds(span * (2 * i as i64 + 1) / (2 * n as i64))
    }

    /// The population a query searches, and the indices of the items it matches.
    fn matching(&self, q: &str) -> (&'static str, Vec<usize>) {
        let (kind, n) = if q.starts_with("is:pr author:") {
            ("pr", self.prs)
        } else if q.starts_with("is:pr reviewed-by:") {
            ("review", self.reviewed)
        } else if q.starts_with("is:issue author:") {
            ("opened", self.opened)
        } else {
            ("closed", self.closed)
        };
        let range = q
            .split(' ')
            .find_map(|t| {
                ["created:", "updated:", "closed:"]
                    .iter()
                    .find_map(|p| t.strip_prefix(p))
            })
            .expect("a date qualifier");
        let (lo, hi): (DateTime<Utc>, Option<DateTime<Utc>>) = match range.strip_prefix(">=") {
            Some(lo) => (lo.parse().unwrap(), None),
            None => {
                let (a, b) = range.split_once("..").unwrap();
                (a.parse().unwrap(), Some(b.parse().unwrap()))
            }
        };
        let hits = (0..n)
            .filter(|&i| {
                let t = self.when(i, n);
                t >= lo && hi.is_none_or(|h| t <= h)
            })
            .collect();
        (kind, hits)
    }

    fn node(&self, kind: &str, i: usize, n: usize) -> Value {
        let t = self
            .when(i, n)
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        match kind {
            "pr" => {
                let mut v = self.pr_node.clone();
                v["number"] = json!(1000 + i);
                v["id"] = json!(format!("PR_{i}"));
                v["createdAt"] = json!(t);
                v
            }
            "review" => {
                let mut v = self.review_node.clone();
                v["number"] = json!(5000 + i);
                v["id"] = json!(format!("PRR_PR_{i}"));
                v["author"] = json!({"login": format!("dev-{}", i % 40)});
                let mut review = v["reviews"]["nodes"][1].clone();
                let times = if i < self.twice { 2 } else { 1 };
                let mut list = Vec::new();
                for k in 0..times {
                    // Ids above 2^31, as current reviews have (a BigInt string).
                    review["fullDatabaseId"] = json!((3_000_000_000u64 + (i * 10 + k) as u64).to_string());
                    review["submittedAt"] = json!(t);
                    list.push(review.clone());
                }
                v["reviews"] = json!({"totalCount": times, "pageInfo": {"hasNextPage": false, "endCursor": null}, "nodes": list});
                v
            }
            _ => {
                let mut v = self.issue_node.clone();
                v["number"] = json!(100 + i);
                v["id"] = json!(format!("I_{kind}_{i}"));
                if kind == "opened" {
                    v["createdAt"] = json!(t);
                } else {
                    v["author"] = json!({"login": "someone-else"});
                    v["createdAt"] = json!("2025-01-01T00:00:00Z");
                    v["closedAt"] = json!(t);
                    v["timelineItems"]["nodes"][0]["createdAt"] = json!(t);
                    v["repository"] = json!({"nameWithOwner": "acme/gears"});
                }
                v
            }
        }
    }
}

impl Respond for FakeGithub {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let body: Value = serde_json::from_slice(&req.body).expect("a JSON body");
        let query = body["query"].as_str().unwrap();
        let vars = &body["variables"];
        if query.starts_with("query Count") {
            let mut data = serde_json::Map::new();
            for (k, q) in vars.as_object().unwrap() {
                let (_, hits) = self.matching(q.as_str().unwrap());
                data.insert(k.replacen('q', "c", 1), json!({"issueCount": hits.len()}));
            }
            return ResponseTemplate::new(200).set_body_json(json!({ "data": data }));
        }
        let (kind, hits) = self.matching(vars["q"].as_str().unwrap());
        let n = match kind {
            "pr" => self.prs,
            "review" => self.reviewed,
            "opened" => self.opened,
            _ => self.closed,
        };
        let offset: usize = vars["after"]
            .as_str()
            .map_or(0, |c| c.trim_start_matches("cursor:").parse().unwrap());
        let visible = hits.len().min(1000);
        let end = (offset + 100).min(visible);
        let nodes: Vec<Value> = hits[offset.min(end)..end]
            .iter()
            .map(|&i| self.node(kind, i, n))
            .collect();
        ResponseTemplate::new(200).set_body_json(json!({"data": {"search": {
            "issueCount": hits.len(),
            "pageInfo": {"hasNextPage": end < visible, "endCursor": format!("cursor:{end}")},
            "nodes": nodes,
        }}}))
    }
}

async fn fake_server(fake: FakeGithub) -> MockServer {
    let s = server().await;
    user(&s).await;
    Mock::given(method("POST"))
        .and(path("/api/graphql"))
        .respond_with(fake)
        .mount(&s)
        .await;
    s
}

fn count_requests(requests: &[Request], op: &str) -> usize {
    requests
        .iter()
        .filter(|r| String::from_utf8_lossy(&r.body).contains(&format!("query {op}")))
        .count()
}

#[tokio::test]
async fn a_period_over_the_search_cap_is_split_until_nothing_is_lost() {
    let sb = Sandbox::new();
    widgets(&sb);
    let s = fake_server(FakeGithub::new(1350, 0, 0, 0, 0)).await;
    let ev = json_stdout(&mut collect_cmd(&sb, &s));
    let prs = ev["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "pull_request")
        .count();
    assert_eq!(
        prs, 1350,
        "every pull request, though one query sees only 1,000"
    );
    let gh = &ev["collection"]["github"];
    assert_eq!(gh["truncated_queries"], json!([]));
    let requests = s.received_requests().await.unwrap();
    // One Count for the four searches, one for the two slices of the over-cap one.
    assert_eq!(count_requests(&requests, "Count"), 2);
    let counts: Vec<String> = requests
        .iter()
        .map(|r| String::from_utf8_lossy(&r.body).into_owned())
        .filter(|b| b.contains("query Count"))
        .collect();
    assert!(
        counts[1].contains("created:2026-01-01T00:00:00Z..2026-06-13T05:59:59Z")
            && counts[1].contains("created:2026-06-13T06:00:00Z..2026-11-23T11:59:59Z"),
        "{}",
        counts[1]
    );
    // Two slices of about 675 pull requests: 7 pages each.
    assert_eq!(count_requests(&requests, "PullRequests"), 14);
    assert_eq!(gh["requests"], 1 + 2 + 14);
}

#[tokio::test]
async fn a_one_year_collection_takes_few_requests() {
    // 300 pull requests authored; 1,200 reviews given on 1,000 pull requests (200 of
    // them reviewed twice); 40 issues opened, 20 closed.
    let sb = Sandbox::new();
    widgets(&sb);
    let s = fake_server(FakeGithub::new(300, 1000, 200, 40, 20)).await;
    let ev = json_stdout(&mut collect_cmd(&sb, &s));
    let gh = &ev["collection"]["github"];
    assert_eq!(gh["pull_requests"], 300);
    assert_eq!(gh["reviews_given"], 1200);
    assert_eq!(gh["people_reviewed"], 40);
    assert_eq!(gh["issues"], 60);
    assert_eq!(gh["truncated_queries"], json!([]));
    // /user 1 + Count 1 + PR pages 3 + review pages 10 + issue pages 1 + 1 = 17, where a
    // REST crawl needs thousands (see README "GitHub").
    assert_eq!(gh["requests"], 17);
    eprintln!("one-year scenario: {} HTTP requests", gh["requests"]);
}

#[tokio::test]
async fn a_github_only_run_needs_no_local_repository() {
    let sb = Sandbox::new();
    let s = server().await;
    mount_happy(
        &s,
        "0000000000000000000000000000000000000001",
        "0000000000000000000000000000000000000002",
    )
    .await;
    let empty = sb.path().join("no-repo-here");
    std::fs::create_dir_all(&empty).unwrap();
    let out = sb
        .evident()
        .current_dir(&empty)
        .args([
            "run",
            "--format",
            "json",
            "--since",
            "2026-01-01",
            "--github",
            "--github-url",
            &s.uri(),
            "--github-login",
            "alice-ex",
        ])
        .env("GITHUB_TOKEN", TOKEN)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let p: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        p["totals"]["by_kind"]["pull_request"].as_u64().unwrap() > 0,
        "{:#}",
        p["totals"]
    );
    assert_eq!(p["totals"]["commits"], 0);
    // Naming a folder that holds no repository is still an error.
    let out = sb
        .evident()
        .current_dir(&empty)
        .args(["run", "--repo", ".", "--github", "--github-url", &s.uri()])
        .env("GITHUB_TOKEN", TOKEN)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[tokio::test]
async fn commit_emails_github_pairs_with_the_login_count_as_the_persons() {
    let sb = Sandbox::new();
    let (branch, merge, _) = widgets(&sb);
    // A commit under an email only GitHub knows is Alice's.
    let r = Repo {
        repo: git2::Repository::open(sb.path().join("widgets")).unwrap(),
        path: sb.path().join("widgets"),
    };
    r.commit(
        ("alice", "alice@laptop.local"),
        "2026-03-10T09:00:00Z",
        "Tune retry backoff",
        &[Change::Write("src/http.rs", "fn get() { retry() }\n")],
    );
    let s = server().await;
    user(&s).await;
    gql(&s, &["query Count"], reply(200, fixture("count.json"))).await;
    let paired = r#"{"commit": {"oid": "1111111111111111111111111111111111111111", "author": {"email": "Alice@Laptop.local", "user": {"login": "alice-ex"}}}}"#;
    let page1 = fixture("pull_requests_page1.json")
        .replace("{{BRANCH_SHA}}", &branch)
        .replace("{{MERGE_SHA}}", &merge)
        .replace(
            r#"{"commit": {"oid": "1111111111111111111111111111111111111111"}}"#,
            paired,
        );
    assert!(
        page1.contains("alice@laptop.local") || page1.contains("Alice@Laptop.local"),
        "the fixture was changed"
    );
    gql(
        &s,
        &["query PullRequests", "\"after\":null"],
        reply(200, page1),
    )
    .await;
    gql(
        &s,
        &["query PullRequests", "\"after\":\"Y3Vyc29yOjI=\""],
        reply(200, fixture("pull_requests_page2.json")),
    )
    .await;
    gql(
        &s,
        &["query Reviews"],
        reply(200, fixture("reviews_page1.json")),
    )
    .await;
    gql(
        &s,
        &["query Issues", "is:issue author:alice-ex"],
        reply(200, fixture("issues_opened.json")),
    )
    .await;
    gql(
        &s,
        &["query Issues", "is:issue is:closed involves:alice-ex"],
        reply(200, fixture("issues_closed.json")),
    )
    .await;

    let ev = json_stdout(&mut collect_cmd(&sb, &s));
    let titles = evidence_titles(&ev);
    assert!(titles.contains(&"Tune retry backoff"), "{titles:?}");
    assert!(
        ev["collection"]["identities"]
            .as_array()
            .unwrap()
            .contains(&"alice@laptop.local".into())
    );
    // Without GitHub, that email is nobody's.
    let local = json_stdout(sb.evident().args([
        "collect",
        "--repo",
        "widgets",
        "--author",
        ALICE.1,
        "--since",
        "2026-01-01",
    ]));
    assert!(
        !local["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["title"] == "Tune retry backoff")
    );
}
