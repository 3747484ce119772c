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
use git2::Oid;
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
    widgets_with(sb, |_, _, _| {})
}

/// [`widgets`], with `after_merge` run on the repository, the branch and the merge
/// commit right after the merge (another commit of the period before Alice's last).
fn widgets_with(
    sb: &Sandbox,
    after_merge: impl FnOnce(&Repo, Oid, Oid),
) -> (String, String, String) {
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
    after_merge(&r, a, b);
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
    // It was sent, though: to the GitHub Enterprise host, as a bearer token, with the
    // user agent GitHub asks every client to name and the media type of its API.
    for r in s.received_requests().await.unwrap() {
        let header = |name: &str| r.headers.get(name).unwrap().to_str().unwrap().to_string();
        assert_eq!(header("authorization"), format!("Bearer {TOKEN}"));
        assert!(header("user-agent").starts_with("evident/"), "{r:?}");
        assert_eq!(header("accept"), "application/vnd.github+json");
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
        stderr.contains("hint: check that GITHUB_TOKEN holds a valid, unexpired token")
            && stderr.contains("GH_TOKEN")
            && stderr.contains("gh auth token"),
        "{stderr}"
    );
    assert!(stderr.contains("read:org"), "{stderr}");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_missing_token_is_a_usage_error_naming_the_variables() {
    let sb = Sandbox::new();
    widgets(&sb);
    let mut cmd = sb.evident();
    cmd.args([
        "collect", "--repo", "widgets", "--author", ALICE.1, "--github",
    ]);
    // A GitHub CLI that is not logged in (and not the developer's own, if installed).
    #[cfg(unix)]
    cmd.env("PATH", fake_gh(&sb, "github.com", None));
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("no token"), "{stderr}");
    assert!(
        stderr.contains("GITHUB_TOKEN") && stderr.contains("GH_TOKEN"),
        "{stderr}"
    );
    assert!(stderr.contains("gh auth login"), "{stderr}");
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
async fn a_failure_partway_keeps_what_was_fetched_before_it_in_this_output() {
    let sb = Sandbox::new();
    let (branch, merge, other) = widgets(&sb);
    let s = server().await;
    // The second page of pull requests answers garbage (mounted first: it wins).
    gql(
        &s,
        &["query PullRequests", "\"after\":\"Y3Vyc29yOjI=\""],
        reply(200, "{\"data\": {\"search\": {\"nodes\": [{\"id"),
    )
    .await;
    mount_happy(&s, &branch, &merge).await;
    let out = collect_cmd(&sb, &s).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "incomplete: {stderr}");
    let ev: Value = serde_json::from_slice(&out.stdout).unwrap();
    // The first page's pull request is in the output, beside the git evidence.
    let all = ids(&ev);
    assert!(
        all.contains(&"gh:pr:acme/widgets#42".to_string()),
        "{all:?}"
    );
    assert!(
        all.contains(&format!("git:acme/widgets:{other}")),
        "{all:?}"
    );
    // Nothing after the failure was asked for, and the loss is said in the output.
    assert!(!all.iter().any(|i| i.starts_with("gh:issue:")), "{all:?}");
    let failed = unseen(&ev, "source-failed");
    assert_eq!(failed.len(), 1, "{:#}", ev["collection"]);
    let message = failed[0]["message"].as_str().unwrap();
    let fetched = ev["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["id"].as_str().unwrap().starts_with("gh:"))
        .count();
    assert!(
        message.contains(&format!(
            "collected only in part: the {fetched} pull requests, reviews and issues fetched before the failure are in this portfolio, the rest are not"
        )),
        "{message}"
    );
    assert!(message.contains("could not read"), "the cause: {message}");
    assert_no_token("stderr", &stderr);
    // Pull requests were not read whole, reviews and issues not at all: the source says
    // it looked for none of them, so what they could show stays "not measured".
    let github = ev["collection"]["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"].as_str().unwrap().contains("alice-ex"))
        .unwrap();
    assert!(
        github.get("kinds").is_none_or(|k| k == &json!([])),
        "{github:#}"
    );
    sb.write("ev.json", &ev.to_string());
    let p = json_stdout(sb.evident().args(["classify", "--input", "ev.json"]));
    let teaches = p["areas"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["statements"].as_array().unwrap())
        .find(|s| s["id"] == "teaching-and-mentoring/teaches-through-review")
        .unwrap();
    assert_eq!(teaches["strength"], "not_measured");
}

#[tokio::test]
async fn a_failure_before_anything_new_is_fetched_is_not_collected_even_with_kept_pages() {
    let sb = Sandbox::new();
    let (branch, merge, _) = widgets(&sb);
    // A complete run keeps its pages in the store.
    let s = server().await;
    mount_happy(&s, &branch, &merge).await;
    json_stdout(&mut collect_cmd(&sb, &s));
    // The next run fails at its first search: nothing new was fetched, so the pages kept
    // from the earlier run do not make it "collected in part".
    let s = server().await;
    user(&s).await;
    gql(
        &s,
        &["query Count"],
        reply(200, "{\"data\": {\"c0\": {\"issueCo"),
    )
    .await;
    let out = collect_cmd(&sb, &s).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let ev: Value = serde_json::from_slice(&out.stdout).unwrap();
    let message = ev["collection"]["unseen"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["kind"] == "source-failed")
        .unwrap()["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        message.contains("not collected, so no pull request, review or issue is in this portfolio"),
        "{message}"
    );
    assert!(!ids(&ev).iter().any(|i| i.starts_with("gh:")));
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
async fn a_github_enterprise_host_takes_gh_enterprise_token() {
    let sb = Sandbox::new();
    widgets(&sb);
    let s = server().await;
    user(&s).await;
    gql(&s, &["query Count"], reply(200, fixture("count_none.json"))).await;
    let out = sb
        .evident()
        .args([
            "collect", "--repo", "widgets", "--author", ALICE.1, "--github",
        ])
        .args(["--github-url", &format!("{}/api/v3", s.uri())])
        .env("GH_ENTERPRISE_TOKEN", TOKEN)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains(TOKEN));
    let requests = s.received_requests().await.unwrap();
    assert!(!requests.is_empty());
    for r in &requests {
        let auth = r
            .headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        assert!(auth.ends_with(TOKEN), "{} {}: {auth:?}", r.method, r.url);
    }
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
    /// Pull requests all created within `(start, seconds)` instead of over the period.
    pr_window: Option<(DateTime<Utc>, i64)>,
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
            pr_window: None,
            pr_node: first("pull_requests_page2.json"),
            review_node: first("reviews_page1.json"),
            issue_node: first("issues_opened.json"),
        }
    }

    fn when(&self, i: usize, n: usize) -> DateTime<Utc> {
        let span = (self.to - self.from).num_seconds();
        self.from + Duration::seconds(span * (2 * i as i64 + 1) / (2 * n as i64))
    }

    fn when_kind(&self, kind: &str, i: usize, n: usize) -> DateTime<Utc> {
        match (kind, self.pr_window) {
            ("pr", Some((start, seconds))) => {
                start + Duration::seconds(seconds * i as i64 / n as i64)
            }
            _ => self.when(i, n),
        }
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
                let t = self.when_kind(kind, i, n);
                t >= lo && hi.is_none_or(|h| t <= h)
            })
            .collect();
        (kind, hits)
    }

    fn node(&self, kind: &str, i: usize, n: usize) -> Value {
        let t = self
            .when_kind(kind, i, n)
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
                    review["fullDatabaseId"] =
                        json!((3_000_000_000u64 + (i * 10 + k) as u64).to_string());
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
    // REST crawl needs thousands (see docs/github.md).
    assert_eq!(gh["requests"], 17);
    eprintln!("one-year scenario: {} HTTP requests", gh["requests"]);

    // Given the login (as a CI job with its own GITHUB_TOKEN must), `/user` is not asked.
    let sb = Sandbox::new();
    widgets(&sb);
    let s = fake_server(FakeGithub::new(300, 1000, 200, 40, 20)).await;
    let ev = json_stdout(collect_cmd(&sb, &s).args(["--github-login", "alice-ex"]));
    assert_eq!(ev["collection"]["github"]["reviews_given"], 1200);
    assert_eq!(ev["collection"]["github"]["requests"], 16);
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

// ---------------------------------------------------------------------------------------
// GitHub as it really answers: the CI token, the search syntax, rate limits as sent,
// timeouts, the result cap, redirects, proxies, certificates, hosts and tokens.

/// An app installation token, like the `GITHUB_TOKEN` of a GitHub Actions job.
const INSTALLATION_TOKEN: &str = "ghs_TESTinstallation0123456789NEVERSHOWN";

fn warnings_of(ev: &Value) -> String {
    ev["collection"]["warnings"].to_string()
}

fn bodies(requests: &[Request], op: &str) -> Vec<String> {
    requests
        .iter()
        .map(|r| String::from_utf8_lossy(&r.body).into_owned())
        .filter(|b| b.contains(&format!("query {op}")))
        .collect()
}

#[tokio::test]
async fn an_installation_token_with_a_login_never_asks_for_the_user() {
    let sb = Sandbox::new();
    widgets(&sb);
    let s = server().await;
    // What GitHub answers an installation token: the test fails if it is asked at all.
    Mock::given(method("GET"))
        .and(path("/api/v3/user"))
        .respond_with(reply(403, fixture("installation_forbidden.json")))
        .expect(0)
        .mount(&s)
        .await;
    gql(&s, &["query Count"], reply(200, fixture("count_none.json"))).await;
    let out = collect_cmd(&sb, &s)
        .args(["--github-login", "alice-ex"])
        .env("GITHUB_TOKEN", INSTALLATION_TOKEN)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_no_token("stderr", &stderr.replace(TOKEN, ""));
    assert!(!stderr.contains(INSTALLATION_TOKEN));
    let ev: Value = serde_json::from_slice(&out.stdout).unwrap();
    let gh = &ev["collection"]["github"];
    assert_eq!(gh["login"], "alice-ex");
    assert_eq!(gh["token_kind"], "installation");
    assert_eq!(gh["requests"], 1, "only the count: {gh:#}");
    // What such a token cannot see is said.
    let w = warnings_of(&ev);
    assert!(w.contains("app installation token"), "{w}");
    assert!(
        w.contains("issues alice-ex closed without otherwise taking part"),
        "{w}"
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains(INSTALLATION_TOKEN));
}

#[tokio::test]
async fn an_installation_token_without_a_login_is_a_usage_error_with_a_hint() {
    let sb = Sandbox::new();
    widgets(&sb);
    let s = server().await;
    rest(
        &s,
        "/api/v3/user",
        reply(403, fixture("installation_forbidden.json"))
            .insert_header("x-ratelimit-remaining", "4999")
            .insert_header(
                "x-accepted-github-permissions",
                "allows_permissionless_access=true",
            ),
    )
    .await;
    let out = collect_cmd(&sb, &s)
        .env("GITHUB_TOKEN", INSTALLATION_TOKEN)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("answered 403 to GET /user: Resource not accessible by integration"),
        "{stderr}"
    );
    assert!(
        stderr.contains("hint: name the person with --github-login"),
        "{stderr}"
    );
    assert!(stderr.contains("${{ github.actor }}"), "{stderr}");
    assert!(!stderr.contains(INSTALLATION_TOKEN));
}

#[tokio::test]
async fn several_include_entries_are_grouped_with_or_within_five_operators() {
    let sb = Sandbox::new();
    widgets(&sb);
    let entries = [
        "acme", "octo/cat", "a/one", "a/two", "a/three", "a/four", "zed",
    ];
    let list: Vec<String> = entries.iter().map(|e| format!("\"{e}\"")).collect();
    sb.write(
        "evident.toml",
        &format!(
            "[github]\nenabled = true\ninclude = [{}]\n",
            list.join(", ")
        ),
    );
    let s = server().await;
    user(&s).await;
    for e in entries {
        let at = if e.contains('/') {
            format!("/api/v3/repos/{e}")
        } else {
            format!("/api/v3/users/{e}")
        };
        let body = if e.contains('/') {
            json!({"full_name": e}).to_string()
        } else {
            json!({"login": e}).to_string()
        };
        rest(&s, &at, reply(200, body)).await;
    }
    gql(&s, &["query Count"], reply(200, fixture("count_none.json"))).await;
    let ev = json_stdout(
        sb.evident()
            .args([
                "collect",
                "--repo",
                "widgets",
                "--author",
                ALICE.1,
                "--since",
                "2026-01-01",
            ])
            .args(["--github-url", &s.uri()])
            .env("GITHUB_TOKEN", TOKEN),
    );
    assert_eq!(ev["collection"]["github"]["search_syntax"], "advanced");
    let requests = s.received_requests().await.unwrap();
    let counts = bodies(&requests, "Count");
    assert_eq!(counts.len(), 1);
    let body: Value = serde_json::from_str(&counts[0]).unwrap();
    assert!(
        body["query"]
            .as_str()
            .unwrap()
            .contains("type: ISSUE_ADVANCED")
    );
    let queries: Vec<&str> = body["variables"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_str().unwrap())
        .collect();
    // Four searches, each in two groups: six entries (five ORs), then the seventh.
    assert_eq!(queries.len(), 8, "{queries:#?}");
    let first =
        "(user:acme OR repo:octo/cat OR repo:a/one OR repo:a/two OR repo:a/three OR repo:a/four)";
    assert_eq!(queries.iter().filter(|q| q.contains(first)).count(), 4);
    assert_eq!(
        queries.iter().filter(|q| q.contains(" user:zed ")).count(),
        4
    );
    assert!(queries.iter().all(|q| q.matches(" OR ").count() <= 5));
}

#[tokio::test]
async fn an_enterprise_server_without_the_advanced_search_gets_the_legacy_syntax() {
    let sb = Sandbox::new();
    widgets(&sb);
    sb.write(
        "evident.toml",
        "[github]\nenabled = true\ninclude = [\"acme/widgets\", \"octo\"]\n",
    );
    let s = server().await;
    let ghes = |r: ResponseTemplate| r.insert_header("x-github-enterprise-version", "3.16.4");
    rest(
        &s,
        "/api/v3/user",
        ghes(reply(200, fixture("user.json")).insert_header("x-oauth-scopes", "repo, read:org")),
    )
    .await;
    rest(
        &s,
        "/api/v3/repos/acme/widgets",
        ghes(reply(200, fixture("repo_widgets.json"))),
    )
    .await;
    rest(
        &s,
        "/api/v3/users/octo",
        ghes(reply(200, r#"{"login": "octo"}"#)),
    )
    .await;
    // GitHub's answer to an enum value the server does not know: 200, errors, no data.
    gql(
        &s,
        &["query Count", "type: ISSUE_ADVANCED"],
        ghes(reply(200, fixture("no_advanced_search.json"))),
    )
    .await;
    gql(
        &s,
        &["query Count", "type: ISSUE,"],
        ghes(reply(200, fixture("count_none.json"))),
    )
    .await;
    let run = |sb: &Sandbox| {
        json_stdout(
            sb.evident()
                .args(["collect", "--repo", "widgets", "--author", ALICE.1])
                .args(["--since", "2026-01-01", "--github-url", &s.uri()])
                .env("GITHUB_TOKEN", TOKEN),
        )
    };
    let ev = run(&sb);
    assert_eq!(ev["collection"]["github"]["search_syntax"], "legacy");
    let requests = s.received_requests().await.unwrap();
    let counts = bodies(&requests, "Count");
    assert_eq!(
        counts.len(),
        2,
        "the advanced one, refused; then the legacy one"
    );
    assert!(counts[1].contains("is:pr author:alice-ex repo:acme/widgets user:octo created:"));
    assert!(!counts[1].contains(" OR "));

    // With the syntax set, the server is not asked to refuse it first.
    s.reset().await;
    catch_all(&s).await;
    user(&s).await;
    rest(
        &s,
        "/api/v3/repos/acme/widgets",
        reply(200, fixture("repo_widgets.json")),
    )
    .await;
    rest(&s, "/api/v3/users/octo", reply(200, r#"{"login": "octo"}"#)).await;
    gql(
        &s,
        &["query Count", "type: ISSUE,"],
        reply(200, fixture("count_none.json")),
    )
    .await;
    sb.write(
        "evident.toml",
        "[github]\nenabled = true\nsearch_syntax = \"legacy\"\ninclude = [\"acme/widgets\", \"octo\"]\n",
    );
    let ev = run(&sb);
    assert_eq!(ev["collection"]["github"]["search_syntax"], "legacy");
    assert_eq!(
        bodies(&s.received_requests().await.unwrap(), "Count").len(),
        1
    );

    // A value that is not a syntax is a configuration error naming the file.
    sb.write("evident.toml", "[github]\nsearch_syntax = \"fancy\"\n");
    let out = sb
        .evident()
        .args([
            "collect",
            "--repo",
            "widgets",
            "--github",
            "--github-url",
            &s.uri(),
        ])
        .env("GITHUB_TOKEN", TOKEN)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("evident.toml") && stderr.contains("fancy"),
        "{stderr}"
    );
}

#[tokio::test]
async fn graphql_rate_limit_as_github_sends_it_now() {
    // {"type":"RATE_LIMIT","code":"graphql_rate_limit"} with status 200, and a remaining
    // count that need not say 0: with --no-wait the run stops and says so, exit 0.
    let sb = Sandbox::new();
    widgets(&sb);
    let s = server().await;
    user(&s).await;
    gql(
        &s,
        &["query Count"],
        reply(200, fixture("graphql_rate_limit.json"))
            .insert_header("x-ratelimit-limit", "5000")
            .insert_header("x-ratelimit-remaining", "12")
            .insert_header("x-ratelimit-reset", "4102444800")
            .insert_header("x-ratelimit-resource", "graphql"),
    )
    .await;
    let out = collect_cmd(&sb, &s).arg("--no-wait").output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let ev: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(ev["collection"]["github"]["rate_limited"], true);
    assert!(warnings_of(&ev).contains("it resets at 2100-01-01 00:00 UTC"));

    // Without --no-wait, a reset in the past means: wait a second, then go on.
    let s = server().await;
    user(&s).await;
    Mock::given(method("POST"))
        .and(path("/api/graphql"))
        .respond_with(
            reply(200, fixture("graphql_rate_limit.json"))
                .insert_header("x-ratelimit-reset", "1700000000"),
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
}

#[tokio::test]
async fn secondary_limits_with_status_200_or_403_and_no_retry_after_are_waited_out() {
    let sb = Sandbox::new();
    widgets(&sb);
    let s = server().await;
    // REST: 403 with GitHub's message and no retry-after.
    Mock::given(method("GET"))
        .and(path("/api/v3/user"))
        .respond_with(
            reply(
                403,
                fixture("secondary_limit.json").replace("\"429\"", "\"403\""),
            )
            .insert_header("x-ratelimit-remaining", "4990"),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&s)
        .await;
    user(&s).await;
    // GraphQL: status 200, the limit named in the errors.
    Mock::given(method("POST"))
        .and(path("/api/graphql"))
        .respond_with(reply(200, fixture("graphql_secondary_limit.json")))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&s)
        .await;
    gql(&s, &["query Count"], reply(200, fixture("count_none.json"))).await;
    let out = collect_cmd(&sb, &s)
        .env("EVIDENT_TEST_GITHUB_WAIT_MS", "50")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(stderr.matches("backing off").count(), 2, "{stderr}");
    assert!(
        stderr.contains("You have exceeded a secondary rate limit"),
        "{stderr}"
    );
    let ev: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(ev["collection"]["github"]["requests"], 4);
}

#[tokio::test]
async fn a_timeout_on_a_large_page_asks_for_a_smaller_page() {
    let sb = Sandbox::new();
    let (branch, merge, _) = widgets(&sb);
    let s = server().await;
    user(&s).await;
    gql(&s, &["query Count"], reply(200, fixture("count.json"))).await;
    // A 502 on the page of 100 (GitHub's gateway gave up on a heavy query) ...
    gql(
        &s,
        &["query PullRequests", "\"first\":100"],
        reply(502, fixture("graphql_timeout.json")),
    )
    .await;
    // ... and a 200 that says "timeout" on the issues page of 100.
    gql(
        &s,
        &["query Issues", "\"first\":100"],
        reply(200, fixture("graphql_timeout.json")),
    )
    .await;
    let page1 = fixture("pull_requests_page1.json")
        .replace("{{BRANCH_SHA}}", &branch)
        .replace("{{MERGE_SHA}}", &merge);
    gql(
        &s,
        &["query PullRequests", "\"after\":null", "\"first\":50"],
        reply(200, page1),
    )
    .await;
    gql(
        &s,
        &[
            "query PullRequests",
            "\"after\":\"Y3Vyc29yOjI=\"",
            "\"first\":50",
        ],
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
        &["query Issues", "is:issue author:alice-ex", "\"first\":50"],
        reply(200, fixture("issues_opened.json")),
    )
    .await;
    gql(
        &s,
        &[
            "query Issues",
            "is:issue is:closed involves:alice-ex",
            "\"first\":50",
        ],
        reply(200, fixture("issues_closed.json")),
    )
    .await;
    let out = collect_cmd(&sb, &s).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("asking for 50 items instead"), "{stderr}");
    let ev: Value = serde_json::from_slice(&out.stdout).unwrap();
    find(&ev, "gh:pr:acme/widgets#42");
    find(&ev, "gh:pr:acme/gears#5");
    find(&ev, "gh:issue:acme/gears#31");
    let requests = s.received_requests().await.unwrap();
    let big: Vec<String> = requests
        .iter()
        .map(|r| String::from_utf8_lossy(&r.body).into_owned())
        .filter(|b| b.contains("\"first\":100"))
        .collect();
    // Each timed-out page was asked for once at 100, never retried as it was; the second
    // issue search starts at the size that worked.
    assert_eq!(
        big.len(),
        1 + 1 + 1,
        "PullRequests, Reviews (fine), one Issues"
    );
    // /user, Count, PR 100 + 50 + 50, Reviews, Issues 100 + 50, closed 50.
    assert_eq!(ev["collection"]["github"]["requests"], 9);
}

#[tokio::test]
async fn a_dense_burst_is_isolated_and_the_true_loss_reported() {
    // 1,103 pull requests created in the same second: no slice of time can hold fewer.
    let sb = Sandbox::new();
    widgets(&sb);
    let mut fake = FakeGithub::new(1103, 0, 0, 0, 0);
    fake.pr_window = Some(("2026-03-01T10:00:00Z".parse().unwrap(), 1));
    let s = fake_server(fake).await;
    let ev = json_stdout(&mut collect_cmd(&sb, &s));
    let w = warnings_of(&ev);
    assert!(
        w.contains("1,103 existed, 1,000 fetched; 103 pull requests authored are missing"),
        "{w}"
    );
    let slice = "created:2026-03-01T10:00:00Z..2026-03-01T10:00:00Z";
    assert!(w.contains(slice), "the exact second is named: {w}");
    let gh = &ev["collection"]["github"];
    assert_eq!(gh["pull_requests"], 1000);
    assert_eq!(gh["truncated_queries"].as_array().unwrap().len(), 1);
    assert!(gh["truncated_queries"][0].as_str().unwrap().contains(slice));
    let requests = s.received_requests().await.unwrap();
    let counts = count_requests(&requests, "Count");
    eprintln!(
        "burst of 1,103 in one second: {counts} count requests, {} requests in all",
        gh["requests"]
    );
    assert!(counts <= 12, "{counts}");
}

#[tokio::test]
async fn a_burst_within_minutes_is_isolated_without_loss() {
    // 2,500 pull requests in ten minutes of an eleven-month period.
    let sb = Sandbox::new();
    widgets(&sb);
    let mut fake = FakeGithub::new(2500, 0, 0, 0, 0);
    fake.pr_window = Some(("2026-03-01T10:00:00Z".parse().unwrap(), 600));
    let s = fake_server(fake).await;
    let ev = json_stdout(&mut collect_cmd(&sb, &s));
    let gh = &ev["collection"]["github"];
    assert_eq!(
        gh["pull_requests"], 2500,
        "{:#}",
        ev["collection"]["warnings"]
    );
    assert_eq!(gh["truncated_queries"], json!([]));
    let requests = s.received_requests().await.unwrap();
    // Every slice split in a round is counted in the next; a page per 100 of each slice.
    let (counts, pages) = (
        count_requests(&requests, "Count"),
        count_requests(&requests, "PullRequests"),
    );
    eprintln!("burst of 2,500 in ten minutes: {counts} count requests, {pages} pages");
    assert!(counts <= 12, "{counts}");
    assert!((25..=30).contains(&pages), "{pages}");
}

/// A collection whose included `acme/old-widgets` answers 301 to `acme/widgets`, served
/// by `moved_to` (the GitHub server `s` itself, or another host); the evidence, after
/// its warning of the rename is checked.
async fn collect_a_renamed_repository(s: &MockServer, moved_to: &MockServer) -> Value {
    let sb = Sandbox::new();
    widgets(&sb);
    sb.write(
        "evident.toml",
        "[github]\nenabled = true\ninclude = [\"acme/old-widgets\"]\n",
    );
    user(s).await;
    let location = format!("{}/api/v3/repositories/4242", moved_to.uri());
    rest(
        s,
        "/api/v3/repos/acme/old-widgets",
        reply(
            301,
            fixture("moved_permanently.json").replace("{{LOCATION}}", &location),
        )
        .insert_header("location", location.as_str()),
    )
    .await;
    rest(
        moved_to,
        "/api/v3/repositories/4242",
        reply(200, fixture("repo_widgets.json")),
    )
    .await;
    gql(
        s,
        &[
            "query Count",
            "is:pr author:alice-ex repo:acme/widgets created:",
        ],
        reply(200, fixture("count_none.json")),
    )
    .await;
    let ev = json_stdout(
        sb.evident()
            .args([
                "collect",
                "--repo",
                "widgets",
                "--author",
                ALICE.1,
                "--since",
                "2026-01-01",
            ])
            .args(["--github-url", &s.uri()])
            .env("GITHUB_TOKEN", TOKEN),
    );
    let w = warnings_of(&ev);
    assert!(w.contains("acme/old-widgets is now acme/widgets"), "{w}");
    ev
}

#[tokio::test]
async fn a_renamed_repository_is_followed_and_searched_under_its_new_name() {
    let s = server().await;
    let ev = collect_a_renamed_repository(&s, &s).await;
    let requests = s.received_requests().await.unwrap();
    assert_eq!(ev["collection"]["github"]["requests"], requests.len());
    assert_eq!(
        requests.len(),
        4,
        "user, the 301, the repository, the count"
    );
    // The token went along: the redirect stayed on the same host.
    assert!(requests[2].headers.get("authorization").is_some());
    for b in bodies(&requests, "Count") {
        assert!(!b.contains("old-widgets"));
    }
}

#[tokio::test]
async fn a_redirect_to_another_host_goes_without_the_token() {
    let s = server().await;
    let elsewhere = server().await;
    collect_a_renamed_repository(&s, &elsewhere).await;
    let followed = elsewhere.received_requests().await.unwrap();
    assert_eq!(followed.len(), 1, "the redirect was followed");
    assert!(
        followed[0].headers.get("authorization").is_none(),
        "the token left the host: {:?}",
        followed[0].headers
    );
    for r in s.received_requests().await.unwrap() {
        assert!(r.headers.get("authorization").is_some(), "{}", r.url);
    }
}

#[tokio::test]
async fn enterprise_cloud_with_data_residency_through_a_proxy() {
    // `https://octo.ghe.com` has its API at api.octo.ghe.com; here over http, through a
    // proxy stand-in that answers for it (the name resolves nowhere: only the proxy
    // can have reached it).
    let sb = Sandbox::new();
    widgets(&sb);
    let proxy = server().await;
    Mock::given(method("GET"))
        .and(path("/user"))
        .respond_with(
            reply(200, fixture("user.json")).insert_header("x-oauth-scopes", "repo, read:org"),
        )
        .mount(&proxy)
        .await;
    Mock::given(method("POST"))
        .and(path("/graphql"))
        .respond_with(reply(200, fixture("count_none.json")))
        .mount(&proxy)
        .await;
    let out = sb
        .evident()
        .args([
            "collect", "--repo", "widgets", "--author", ALICE.1, "--github",
        ])
        .args(["--github-url", "http://octo.ghe.com"])
        .env("GITHUB_TOKEN", TOKEN)
        .env("ALL_PROXY", proxy.uri())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let ev: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(ev["collection"]["github"]["host"], "octo.ghe.com");
    let urls: Vec<String> = proxy
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| format!("{} {}", r.method, r.url))
        .collect();
    assert_eq!(
        urls,
        [
            "GET http://api.octo.ghe.com/user",
            "POST http://api.octo.ghe.com/graphql"
        ]
    );
}

#[tokio::test]
async fn no_proxy_hosts_are_reached_directly() {
    let sb = Sandbox::new();
    widgets(&sb);
    let proxy = server().await; // its catch-all fails the test if it is used
    let s = server().await;
    user(&s).await;
    gql(&s, &["query Count"], reply(200, fixture("count_none.json"))).await;
    let out = collect_cmd(&sb, &s)
        .env("HTTP_PROXY", proxy.uri())
        .env("no_proxy", "localhost,127.0.0.1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(s.received_requests().await.unwrap().len(), 2);
}

/// A TCP server on its own thread and runtime (the test's runtime is blocked while
/// evident runs): `serve` is given each connection. Returns its port.
fn tcp_server<F, Fut>(serve: F) -> u16
where
    F: Fn(tokio::net::TcpStream) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            while let Ok((tcp, _)) = listener.accept().await {
                tokio::spawn(serve(tcp));
            }
        });
    });
    port
}

/// A TLS front for a local server, with the fixture certificate (a leaf for 127.0.0.1
/// signed by `tests/fixtures/github/tls/ca.pem`); counts the connections it accepts.
fn tls_front(
    backend: std::net::SocketAddr,
) -> (u16, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use tokio_rustls::rustls::{self, pki_types::pem::PemObject};
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/github/tls");
    let certs: Vec<_> = rustls::pki_types::CertificateDer::pem_file_iter(dir.join("server.pem"))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let key = rustls::pki_types::PrivateKeyDer::from_pem_file(dir.join("server.key")).unwrap();
    let config = rustls::ServerConfig::builder_with_provider(std::sync::Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(certs, key)
    .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(std::sync::Arc::new(config));
    let accepted = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let count = accepted.clone();
    let port = tcp_server(move |tcp| {
        count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let acceptor = acceptor.clone();
        async move {
            if let Ok(mut tls) = acceptor.accept(tcp).await
                && let Ok(mut back) = tokio::net::TcpStream::connect(backend).await
            {
                let _ = tokio::io::copy_bidirectional(&mut tls, &mut back).await;
            }
        }
    });
    (port, accepted)
}

#[tokio::test]
async fn an_untrusted_certificate_fails_at_once_and_ssl_cert_file_fixes_it() {
    let sb = Sandbox::new();
    widgets(&sb);
    let s = server().await;
    user(&s).await;
    gql(&s, &["query Count"], reply(200, fixture("count_none.json"))).await;
    let (port, accepted) = tls_front(*s.address());
    let url = format!("https://127.0.0.1:{port}");
    let cmd = |sb: &Sandbox| {
        let mut c = sb.evident();
        c.args([
            "collect", "--repo", "widgets", "--author", ALICE.1, "--github",
        ])
        .args(["--github-url", &url])
        .env("GITHUB_TOKEN", TOKEN);
        c
    };
    // The company's own authority is not among the system's: stop at once, and say how.
    let started = std::time::Instant::now();
    let out = cmd(&sb).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "the certificate of 127.0.0.1:{port} is not trusted"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("UnknownIssuer"), "{stderr}");
    assert!(
        stderr.contains("hint:") && stderr.contains("SSL_CERT_FILE"),
        "{stderr}"
    );
    assert_eq!(
        accepted.load(std::sync::atomic::Ordering::SeqCst),
        1,
        "no retries"
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(1) * 10);
    assert_no_token("stderr", &stderr);
    // Trusting that authority through SSL_CERT_FILE makes it work.
    let ca = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/github/tls/ca.pem");
    let out = cmd(&sb).env("SSL_CERT_FILE", &ca).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(s.received_requests().await.unwrap().len(), 2);
}

/// A `gh` stand-in on PATH: prints `token` for `gh auth token --hostname HOST`, else fails.
#[cfg(unix)]
fn fake_gh(sb: &Sandbox, host: &str, token: Option<&str>) -> String {
    use std::os::unix::fs::PermissionsExt;
    let bin = sb.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let answer = match token {
        Some(t) => format!("echo {t}; exit 0"),
        None => "echo 'You are not logged into any GitHub hosts.' >&2; exit 1".into(),
    };
    let script = format!(
        "#!/bin/sh\nif [ \"$*\" = \"auth token --hostname {host}\" ]; then {answer}; fi\necho \"unexpected: $*\" >&2\nexit 2\n"
    );
    let gh = bin.join("gh");
    std::fs::write(&gh, script).unwrap();
    std::fs::set_permissions(&gh, std::fs::Permissions::from_mode(0o755)).unwrap();
    format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

#[cfg(unix)]
#[tokio::test]
async fn the_github_cli_token_is_used_when_no_variable_holds_one() {
    const CLI_TOKEN: &str = "gho_TESTfromGhCli0123456789NEVERSHOWN";
    let sb = Sandbox::new();
    widgets(&sb);
    let s = server().await;
    user(&s).await;
    gql(&s, &["query Count"], reply(200, fixture("count_none.json"))).await;
    let host = s.uri().trim_start_matches("http://").to_string();
    let path = fake_gh(&sb, &host, Some(CLI_TOKEN));
    let out = sb
        .evident()
        .args([
            "collect", "--repo", "widgets", "--author", ALICE.1, "--github",
        ])
        .args(["--github-url", &s.uri(), "-vv"])
        .env("PATH", &path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        !stderr.contains("TESTfromGhCli")
            && !String::from_utf8_lossy(&out.stdout).contains("TESTfromGhCli")
    );
    let ev: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(ev["collection"]["github"]["token_kind"], "oauth");
    for r in s.received_requests().await.unwrap() {
        assert_eq!(
            r.headers.get("authorization").unwrap().to_str().unwrap(),
            format!("Bearer {CLI_TOKEN}")
        );
    }
    // A variable wins over the CLI.
    let out = collect_cmd(&sb, &s).env("PATH", &path).output().unwrap();
    assert!(out.status.success());
    let last = s.received_requests().await.unwrap().pop().unwrap();
    assert_eq!(
        last.headers.get("authorization").unwrap().to_str().unwrap(),
        format!("Bearer {TOKEN}")
    );
}

#[tokio::test]
async fn a_fine_grained_token_says_what_it_cannot_see_and_scopes_come_from_any_answer() {
    let sb = Sandbox::new();
    widgets(&sb);
    let s = server().await;
    gql(&s, &["query Count"], reply(200, fixture("count_none.json"))).await;
    let ev = json_stdout(
        collect_cmd(&sb, &s)
            .args(["--github-login", "alice-ex"])
            .env("GITHUB_TOKEN", "github_pat_11TESTfinegrained0123456789"),
    );
    let w = warnings_of(&ev);
    assert!(
        w.contains("is fine-grained") && w.contains("one owner"),
        "{w}"
    );
    assert_eq!(ev["collection"]["github"]["token_kind"], "fine-grained");

    // A classic token's scopes, from the GraphQL answer when /user is not asked.
    let s = server().await;
    gql(
        &s,
        &["query Count"],
        reply(200, fixture("count_none.json")).insert_header("x-oauth-scopes", "public_repo"),
    )
    .await;
    let ev = json_stdout(collect_cmd(&sb, &s).args(["--github-login", "alice-ex"]));
    assert_eq!(
        ev["collection"]["github"]["missing_scopes"],
        json!(["repo", "read:org"])
    );
    assert!(warnings_of(&ev).contains("lacks the `repo` scope"));
}

/// A recorded pull request, moved to acme/widgets as number `number`.
fn widgets_pull_request(number: u64) -> Value {
    let mut pr = fixture_json("pull_requests_page2.json")["data"]["search"]["nodes"][0].clone();
    pr["repository"] = json!({"nameWithOwner": "acme/widgets"});
    pr["number"] = json!(number);
    pr
}

/// A GitHub whose only search result is `pr` (one pull request authored, nothing else).
async fn serve_one_pull_request(s: &MockServer, pr: Value) {
    user(s).await;
    gql(
        s,
        &["query Count"],
        reply(200, r#"{"data": {"c0": {"issueCount": 1}}}"#),
    )
    .await;
    let page = json!({"data": {"search": {"issueCount": 1, "pageInfo": {"hasNextPage": false, "endCursor": "x"}, "nodes": [pr]}}});
    gql(s, &["query PullRequests"], reply(200, page.to_string())).await;
}

#[tokio::test]
async fn a_pull_request_with_over_100_commits_is_paged_and_its_local_commits_fold_in() {
    let sb = Sandbox::new();
    let (branch, _, other) = widgets(&sb);
    let s = server().await;
    // 150 commits: 100 on the search page, 50 more behind a cursor; the local "other"
    // commit is among the later ones.
    let commit = |sha: String| json!({"commit": {"oid": sha, "author": {"email": "alice@example.com", "user": {"login": "alice-ex"}}}});
    let filler = |i: usize| format!("{i:040x}");
    let mut pr = widgets_pull_request(77);
    pr["commits"] = json!({
        "totalCount": 150,
        "pageInfo": {"hasNextPage": true, "endCursor": "Y29tbWl0OjEwMA=="},
        "nodes": (0..99).map(filler).chain([branch.clone()]).map(commit).collect::<Vec<_>>(),
    });
    serve_one_pull_request(&s, pr).await;
    let more = json!({"data": {"node": {"commits": {
        "totalCount": 150,
        "pageInfo": {"hasNextPage": false, "endCursor": "Y29tbWl0OjE1MA=="},
        "nodes": (100..149).map(filler).chain([other.clone()]).map(commit).collect::<Vec<_>>(),
    }}}});
    gql(
        &s,
        &["query MoreCommits", "\"after\":\"Y29tbWl0OjEwMA==\""],
        reply(200, more.to_string()),
    )
    .await;
    let ev = json_stdout(&mut collect_cmd(&sb, &s));
    let pr = find(&ev, "gh:pr:acme/widgets#77");
    assert_eq!(pr["meta"]["commits"].as_array().unwrap().len(), 150);
    assert!(
        pr["meta"].get("commits_truncated").is_none(),
        "{:#}",
        pr["meta"]
    );
    let local = pr["meta"]["local_commits"].to_string();
    assert!(local.contains(&other) && local.contains(&branch), "{local}");
    // Not counted twice: neither commit stands on its own.
    let all = ids(&ev);
    assert!(!all.contains(&format!("git:acme/widgets:{other}")));
    assert_eq!(
        bodies(&s.received_requests().await.unwrap(), "MoreCommits").len(),
        1
    );
}

#[tokio::test]
async fn a_pull_request_with_over_100_files_is_paged() {
    let sb = Sandbox::new();
    widgets(&sb);
    let s = server().await;
    let file = |i: usize| json!({"path": format!("src/gen/file{i:03}.rs")});
    let mut pr = widgets_pull_request(78);
    pr["files"] = json!({
        "totalCount": 150,
        "pageInfo": {"hasNextPage": true, "endCursor": "ZmlsZToxMDA="},
        "nodes": (0..100).map(file).collect::<Vec<_>>(),
    });
    serve_one_pull_request(&s, pr).await;
    let more = json!({"data": {"node": {"files": {
        "totalCount": 150,
        "pageInfo": {"hasNextPage": false, "endCursor": "ZmlsZToxNTA="},
        "nodes": (100..150).map(file).collect::<Vec<_>>(),
    }}}});
    gql(
        &s,
        &["query MoreFiles", "\"after\":\"ZmlsZToxMDA=\""],
        reply(200, more.to_string()),
    )
    .await;
    let ev = json_stdout(&mut collect_cmd(&sb, &s));
    let pr = find(&ev, "gh:pr:acme/widgets#78");
    let paths = pr["paths"].as_array().unwrap();
    assert_eq!(paths.len(), 150, "{pr:#}");
    assert!(paths.contains(&json!("src/gen/file149.rs")));
    assert!(
        pr["meta"].get("paths_truncated").is_none(),
        "{:#}",
        pr["meta"]
    );
    assert_eq!(
        bodies(&s.received_requests().await.unwrap(), "MoreFiles").len(),
        1
    );
}

#[tokio::test]
async fn a_review_with_over_100_comments_is_paged_and_judged_on_them_all() {
    let sb = Sandbox::new();
    widgets(&sb);
    let s = server().await;
    user(&s).await;
    gql(
        &s,
        &["query Count"],
        reply(200, r#"{"data": {"c1": {"issueCount": 1}}}"#),
    )
    .await;
    // A review of 120 comments: 100 nits on the search page, then 20 more behind a
    // cursor, the last of which explains why and points to a source.
    let nit = |i: usize| json!({"body": format!("nit {i}")});
    let mut page = fixture_json("reviews_page1.json");
    let review = &mut page["data"]["search"]["nodes"][0]["reviews"]["nodes"][1];
    review["body"] = json!("");
    review["comments"] = json!({
        "totalCount": 120,
        "pageInfo": {"hasNextPage": true, "endCursor": "Y29tbWVudDoxMDA="},
        "nodes": (0..100).map(nit).collect::<Vec<_>>(),
    });
    gql(&s, &["query Reviews"], reply(200, page.to_string())).await;
    let teaching = "This allocates on every call because `collect` builds a new Vec; consider iterating instead, see https://doc.rust-lang.org/std/iter/";
    let more = json!({"data": {"node": {"comments": {
        "totalCount": 120,
        "pageInfo": {"hasNextPage": false, "endCursor": "Y29tbWVudDoxMjA="},
        "nodes": (100..119).map(nit).chain([json!({"body": teaching})]).collect::<Vec<_>>(),
    }}}});
    gql(
        &s,
        &[
            "query MoreReviewComments",
            "\"id\":\"PRR_kwDOB9new\"",
            "\"after\":\"Y29tbWVudDoxMDA=\"",
        ],
        reply(200, more.to_string()),
    )
    .await;
    let ev = json_stdout(&mut collect_cmd(&sb, &s));
    let r = find(&ev, "gh:review:3000000002");
    let comments = r["meta"]["comments"].as_array().unwrap();
    assert_eq!(comments.len(), 120, "{:#}", r["meta"]);
    assert_eq!(comments[119], teaching);
    assert_eq!(r["meta"]["comment_count"], 120);
    assert!(
        r["meta"].get("comments_truncated").is_none(),
        "{:#}",
        r["meta"]
    );
    assert_eq!(
        bodies(&s.received_requests().await.unwrap(), "MoreReviewComments").len(),
        1
    );
    // Its one teaching comment, on the second page, is what makes it mentoring.
    sb.write("ev.json", &ev.to_string());
    let p = json_stdout(sb.evident().args(["classify", "--input", "ev.json"]));
    let item = p["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "gh:review:3000000002")
        .unwrap();
    assert!(
        item["signals"]
            .as_array()
            .unwrap()
            .contains(&json!("mentoring")),
        "{item:#}"
    );
}

/// An HTTPS proxy stand-in: answers each `CONNECT` with 200 and tunnels the connection to
/// `target`, whatever host was asked for. Returns its port and the request heads' lines.
fn connect_proxy(
    target: std::net::SocketAddr,
) -> (u16, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt};
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let lines = seen.clone();
    let port = tcp_server(move |tcp| {
        let lines = lines.clone();
        async move {
            let mut client = tokio::io::BufReader::new(tcp);
            let mut request = String::new();
            client.read_line(&mut request).await.unwrap();
            lines.lock().unwrap().push(request.trim_end().to_string());
            // The rest of the request head, up to its empty line, kept too.
            let mut header = String::new();
            while client.read_line(&mut header).await.unwrap() > 2 {
                lines.lock().unwrap().push(header.trim_end().to_string());
                header.clear();
            }
            let mut client = client.into_inner();
            if !request.starts_with("CONNECT ") {
                let _ = client.write_all(b"HTTP/1.1 405 Only CONNECT\r\n\r\n").await;
                return;
            }
            client
                .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
                .await
                .unwrap();
            if let Ok(mut back) = tokio::net::TcpStream::connect(target).await {
                let _ = tokio::io::copy_bidirectional(&mut client, &mut back).await;
            }
        }
    });
    (port, seen)
}

#[tokio::test]
async fn https_goes_through_the_proxy_as_a_tunnel() {
    let sb = Sandbox::new();
    widgets(&sb);
    let s = server().await;
    user(&s).await;
    gql(&s, &["query Count"], reply(200, fixture("count_none.json"))).await;
    // GitHub over TLS (the test authority's certificate for localhost), reachable here
    // only through the proxy's tunnel.
    let (tls_port, _) = tls_front(*s.address());
    let tls = std::net::SocketAddr::from(([127, 0, 0, 1], tls_port));
    let (proxy_port, connects) = connect_proxy(tls);
    let ca = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/github/tls/ca.pem");
    let out = sb
        .evident()
        .args([
            "collect", "--repo", "widgets", "--author", ALICE.1, "--github",
        ])
        // A port nothing listens on: without the tunnel the request cannot succeed.
        .args(["--github-url", "https://localhost:9"])
        .env("GITHUB_TOKEN", TOKEN)
        .env("HTTPS_PROXY", format!("http://127.0.0.1:{proxy_port}"))
        .env("SSL_CERT_FILE", &ca)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let seen = connects.lock().unwrap().clone();
    assert!(!seen.is_empty(), "the proxy was not used");
    let requests: Vec<&String> = seen.iter().filter(|l| !l.contains(": ")).collect();
    assert!(
        requests
            .iter()
            .all(|l| l.starts_with("CONNECT localhost:9 HTTP/1.1")),
        "{seen:?}"
    );
    // Both requests reached GitHub through it, and the token stayed inside the tunnel.
    assert_eq!(s.received_requests().await.unwrap().len(), 2);
    assert!(!seen.iter().any(|l| l.contains(TOKEN)), "{seen:?}");
    assert_no_token("stderr", &stderr);
}

#[tokio::test]
async fn a_pull_request_whose_merge_another_reverted_supports_no_statement() {
    // okhttp: a feature reverted by a co-maintainer 16 days after it landed had been its
    // author's first big feature. With --github the pull request stands for the commits
    // it folds in, so it carries the revert too.
    let sb = Sandbox::new();
    let mut revert = None;
    let (branch, merge, _) = widgets_with(&sb, |r, branch, merge| {
        revert = Some(r.commit(
            BOB,
            "2026-02-10T09:00:00Z",
            &format!(
                "Revert \"Merge pull request #42 from alice-ex/retry\"\n\nThis reverts commit {merge}, reversing\nchanges made to {branch}.\n"
            ),
            &[Change::Write("tests/http.rs", "")],
        ));
    });
    let revert = revert.unwrap();
    let s = server().await;
    mount_happy(&s, &branch, &merge).await;
    let out = sb
        .evident()
        .args(["run", "--repo", "widgets", "--author", ALICE.1])
        .args(["--since", "2026-01-01", "--no-store", "--github"])
        .args(["--github-url", &s.uri(), "--format", "json"])
        .env("GITHUB_TOKEN", TOKEN)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let p: Value = serde_json::from_slice(&out.stdout).unwrap();
    let pr = p["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "gh:pr:acme/widgets#42")
        .unwrap_or_else(|| panic!("no pull request 42 in {:#}", p["items"]));
    assert_eq!(pr["counted_why"], "reverted-by-other", "{pr:#}");
    assert_eq!(pr["counted_with"], format!("git:acme/widgets:{revert}"));
    assert_eq!(pr["meta"]["reverted_by_author"], BOB.0);
    assert_eq!(pr["statements"], json!([]));
    assert_eq!(p["totals"]["changes_reverted_by_others"], 1);
}
