//! A failing source never discards the others: the portfolio is written from what was
//! collected, the failure is listed, and the exit code (1) says the run was incomplete.
//! `--strict` makes every warning a failure. Duplicate ids are never dropped silently.

use super::*;
use wiremock::matchers::{any, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "ghp_TESTtoken0123456789abcdefNEVERSHOWN";

fn fixture(name: &str) -> String {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/github")
        .join(name);
    std::fs::read_to_string(p).unwrap()
}

fn reply(status: u16, body: impl Into<String>) -> ResponseTemplate {
    ResponseTemplate::new(status)
        .insert_header("content-type", "application/json; charset=utf-8")
        .set_body_string(body.into())
}

/// A GitHub whose `/user` answers and whose GraphQL answers garbage.
async fn garbage_github() -> MockServer {
    let s = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v3/user"))
        .respond_with(
            reply(200, fixture("user.json")).insert_header("x-oauth-scopes", "repo, read:org"),
        )
        .mount(&s)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/graphql"))
        .respond_with(reply(200, "{\"data\": {\"c0\": {\"issueCo"))
        .mount(&s)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(418))
        .with_priority(u8::MAX)
        .expect(0)
        .mount(&s)
        .await;
    s
}

#[tokio::test]
async fn github_answering_garbage_keeps_the_git_evidence() {
    let sb = Sandbox::new();
    repo_with(&sb, "app", &["03-01", "03-02"]);
    let s = garbage_github().await;
    let ran = run(sb
        .evident()
        .args([
            "run",
            "--repo",
            "app",
            "--author",
            ALICE.1,
            "--since",
            "2026-01-01",
            "--format",
            "json",
            "--github",
            "--github-url",
            &s.uri(),
        ])
        .env("GITHUB_TOKEN", TOKEN));
    // Before: the whole run failed and no portfolio was written.
    assert_eq!(ran.code(), Some(1), "{}", ran.stderr);
    let p = ran.json();
    assert_eq!(ids_of(&p, "commit").len(), 2, "the git evidence is kept");
    let failed = unseen(&p, "source-failed");
    assert_eq!(failed.len(), 1, "{:#}", p["collection"]);
    assert!(
        failed[0]["source"]
            .as_str()
            .unwrap()
            .starts_with("GitHub ("),
        "{failed:?}"
    );
    let message = failed[0]["message"].as_str().unwrap();
    assert!(
        message.contains("not collected, so no pull request, review or issue is in this portfolio"),
        "{message}"
    );
    assert!(message.contains("could not read"), "the cause: {message}");
    assert!(message.contains("kept in the store"), "{message}");
    assert!(
        ran.stderr
            .contains("error: the run is incomplete: 1 source could not be read (GitHub (")
            && ran
                .stderr
                .contains("the portfolio was written from the rest"),
        "{}",
        ran.stderr
    );
    assert!(!ran.stdout.contains(TOKEN) && !ran.stderr.contains(TOKEN));
}

#[tokio::test]
async fn without_a_store_a_failure_promises_nothing_kept() {
    let sb = Sandbox::new();
    repo_with(&sb, "app", &["03-01"]);
    let s = garbage_github().await;
    let ran = run(sb
        .evident()
        .args([
            "collect",
            "--repo",
            "app",
            "--author",
            ALICE.1,
            "--since",
            "2026-01-01",
            "--no-store",
            "--github",
            "--github-url",
            &s.uri(),
        ])
        .env("GITHUB_TOKEN", TOKEN));
    assert_eq!(ran.code(), Some(1), "{}", ran.stderr);
    let ev = ran.json();
    let message = unseen(&ev, "source-failed")[0]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        message.contains("nothing fetched was kept") && message.contains("--no-store"),
        "{message}"
    );
    assert!(!message.contains("is kept"), "{message}");
    assert!(
        !sb.path().join("cache/evident/github").exists(),
        "--no-store keeps nothing"
    );
}

#[test]
fn a_repository_that_cannot_be_read_among_several_keeps_the_others() {
    let sb = Sandbox::new();
    repo_with(&sb, "good", &["03-01", "03-02"]);
    let bad = repo_with(&sb, "bad", &["03-03"]);
    // Its HEAD commit object is gone: its history cannot be walked at all.
    let head = bad.repo.head().unwrap().target().unwrap().to_string();
    std::fs::remove_file(
        bad.repo
            .path()
            .join("objects")
            .join(&head[..2])
            .join(&head[2..]),
    )
    .unwrap();
    let ran = run(sb.evident().args([
        "run",
        "--repo",
        "good",
        "--repo",
        "bad",
        "--author",
        ALICE.1,
        "--since",
        "2026-01-01",
        "--format",
        "json",
    ]));
    assert_eq!(ran.code(), Some(1), "{}", ran.stderr);
    let p = ran.json();
    assert_eq!(
        ids_of(&p, "commit").len(),
        2,
        "the good repository's commits"
    );
    let failed = unseen(&p, "source-failed");
    assert_eq!(failed[0]["source"], "bad");
    assert!(
        failed[0]["message"]
            .as_str()
            .unwrap()
            .contains("could not read the history of bad"),
        "{failed:?}"
    );
    assert!(
        ran.stderr
            .contains("error: the run is incomplete: 1 source could not be read (bad)"),
        "{}",
        ran.stderr
    );
    // Shared outside the team, the repository that could not be read is not named either.
    let shared = run(sb.evident().args([
        "run",
        "--repo",
        "good",
        "--repo",
        "bad",
        "--author",
        ALICE.1,
        "--since",
        "2026-01-01",
        "--redact",
    ]));
    assert!(!shared.stdout.contains("bad"), "{}", shared.stdout);
    assert!(
        shared
            .stdout
            .contains("could not read the history of repository")
    );
}

#[test]
fn strict_in_the_config_makes_a_warning_fail_the_run() {
    let sb = Sandbox::new();
    repo_with(&sb, "projects/near", &["03-01"]);
    repo_with(&sb, "projects/a/b/c/d/e/deep", &["03-02"]);
    let args = [
        "run",
        "--repo",
        "projects",
        "--author",
        ALICE.1,
        "--since",
        "2026-01-01",
        "--output",
        "p.md",
    ];
    let lenient = run(sb.evident().args(args));
    assert_eq!(lenient.code(), Some(0), "a warning: {}", lenient.stderr);
    sb.write("evident.toml", "strict = true\n");
    std::fs::remove_file(sb.path().join("p.md")).unwrap();
    let strict = run(sb.evident().args(args));
    assert_eq!(strict.code(), Some(1), "{}", strict.stderr);
    assert!(
        strict.stderr.contains(
            "error: --strict: the collection could not see everything (1 warning; the first:"
        ),
        "{}",
        strict.stderr
    );
    let written = std::fs::read_to_string(sb.path().join("p.md")).unwrap();
    assert!(
        written.contains("Add feature 0") && written.contains("below the 4 levels searched"),
        "the portfolio is written, gaps and all"
    );
}

#[test]
fn duplicate_ids_in_an_evidence_file_name_both_lines() {
    let sb = Sandbox::new();
    sb.write(
        "ev.json",
        "{\"schema\": 1, \"evidence\": [\n  {\"id\": \"x:1\", \"kind\": \"commit\", \"title\": \"First\"},\n  {\"id\": \"x:2\", \"kind\": \"commit\", \"title\": \"Second\"},\n  {\"id\": \"x:1\", \"kind\": \"commit\", \"title\": \"First again\"}\n]}\n",
    );
    let ran = run(sb.evident().args(["classify", "--input", "ev.json"]));
    assert_eq!(ran.code(), Some(2), "{}", ran.stderr);
    assert!(
        ran.stderr
            .starts_with("error: ev.json:2 and ev.json:4: two records have the id `x:1`"),
        "{}",
        ran.stderr
    );
    assert!(
        ran.stderr.contains("hint: an id names one item"),
        "{}",
        ran.stderr
    );
    assert!(ran.stdout.is_empty());

    sb.write(
        "ev.jsonl",
        "{\"id\": \"x:1\", \"kind\": \"commit\", \"title\": \"First\"}\n{\"id\": \"x:1\", \"kind\": \"note\", \"title\": \"Other\"}\n",
    );
    let ran = run(sb.evident().args(["classify", "--input", "ev.jsonl"]));
    assert_eq!(ran.code(), Some(2), "{}", ran.stderr);
    assert!(
        ran.stderr
            .starts_with("error: ev.jsonl:1 and ev.jsonl:2: two records have the id `x:1`"),
        "{}",
        ran.stderr
    );
}

#[tokio::test]
async fn no_wait_without_a_store_does_not_promise_to_keep_what_was_fetched() {
    let sb = Sandbox::new();
    repo_with(&sb, "app", &["03-01"]);
    let s = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v3/user"))
        .respond_with(
            reply(200, fixture("user.json")).insert_header("x-oauth-scopes", "repo, read:org"),
        )
        .mount(&s)
        .await;
    let graphql = |part: &'static str| {
        Mock::given(method("POST"))
            .and(path("/api/graphql"))
            .and(wiremock::matchers::body_string_contains(part))
    };
    graphql("query Count")
        .respond_with(reply(200, fixture("count.json")))
        .mount(&s)
        .await;
    let page1 = fixture("pull_requests_page1.json")
        .replace("{{BRANCH_SHA}}", "1111111111111111111111111111111111111111")
        .replace("{{MERGE_SHA}}", "2222222222222222222222222222222222222222");
    graphql("\"after\":null")
        .respond_with(reply(200, page1))
        .mount(&s)
        .await;
    graphql("\"after\":\"Y3Vyc29yOjI=\"")
        .respond_with(
            reply(403, fixture("rate_limited.json"))
                .insert_header("x-ratelimit-remaining", "0")
                .insert_header("x-ratelimit-reset", "4102444800"),
        )
        .mount(&s)
        .await;
    let ran = run(sb
        .evident()
        .args([
            "collect",
            "--repo",
            "app",
            "--author",
            ALICE.1,
            "--since",
            "2026-01-01",
            "--no-store",
            "--no-wait",
            "--github",
            "--github-url",
            &s.uri(),
        ])
        .env("GITHUB_TOKEN", TOKEN));
    assert_eq!(ran.code(), Some(0), "a warning: {}", ran.stderr);
    let ev = ran.json();
    assert_eq!(ids_of(&ev, "commit").len(), 1, "the git evidence");
    assert!(
        !ids_of(&ev, "pull_request").is_empty(),
        "and the page fetched"
    );
    let said = ev["collection"]["warnings"].to_string();
    assert!(said.contains("--no-wait"), "{said}");
    assert!(
        said.contains(
            "what was fetched is in this output only (--no-store: nothing is kept for the next run)"
        ),
        "{said}"
    );
    assert!(!said.contains("what was fetched is kept"), "{said}");
    assert!(
        !sb.path().join("cache/evident/github").exists(),
        "nothing kept"
    );
}
