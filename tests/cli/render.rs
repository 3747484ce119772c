//! Rendering: the built-in Markdown and HTML portfolios (snapshots, escaping, a real
//! browser), the JSON Schema of the portfolio, and `--template-dir`.
//!
//! The fixture portfolio is classified from `tests/fixtures/portfolio/evidence.json`: every
//! kind of item, warnings in `collection`, a pull request titled
//! `<script>alert(1)</script>` and a note whose URL is `javascript:alert(2)`, so every
//! section of the portfolio has something in it and hostile text has somewhere to hide.

use crate::common::*;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

const EVIDENCE: &str = include_str!("../fixtures/portfolio/evidence.json");
const SCHEMA: &str = include_str!("../../schema/portfolio.schema.json");

/// Section ids the HTML portfolio promises (tests and links rely on them).
const SECTION_IDS: &[&str] = &[
    "summary",
    "goals",
    "area-domain-expertise",
    "area-teaching-and-mentoring",
    "area-culture-and-leadership",
    "area-customer-success",
    "impact",
    "gaps",
    "unseen",
    "appendix",
];

/// Writes the evidence fixture into the sandbox and classifies it into `portfolio.json`.
fn fixture_portfolio(sb: &Sandbox) -> PathBuf {
    sb.write("evidence.json", EVIDENCE);
    sb.evident()
        .args([
            "classify",
            "--input",
            "evidence.json",
            "--format",
            "json",
            "--output",
            "portfolio.json",
        ])
        .assert()
        .success();
    sb.path().join("portfolio.json")
}

/// `evident report` of the fixture portfolio in a format, as text.
fn report(sb: &Sandbox, format: &str) -> String {
    fixture_portfolio(sb);
    let out = sb
        .evident()
        .args(["report", "--input", "portfolio.json", "--format", format])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "report --format {format} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// A small repository with commits of several kinds inside the default test period.
fn project(sb: &Sandbox) {
    let r = sb.repo("shop");
    r.remote("https://github.com/acme/shop.git");
    r.commit(
        ALICE,
        "2026-03-01T10:00:00Z",
        "feat: add the checkout page",
        &[Change::Write("src/checkout.rs", &"fn x() {}\n".repeat(40))],
    );
    r.commit(
        BOB,
        "2026-03-02T10:00:00Z",
        "Bob's work is not Alice's",
        &[Change::Write("src/bob.rs", "fn b() {}\n")],
    );
    r.commit(
        ALICE,
        "2026-04-02T10:00:00Z",
        "fix: crash when the cart is empty <b>really</b>",
        &[Change::Write("src/checkout.rs", &"fn y() {}\n".repeat(40))],
    );
    r.commit(
        ALICE,
        "2026-05-03T10:00:00Z",
        "Remove the legacy cart\n\nCo-authored-by: Bob Builder <bob@example.com>\n",
        &[Change::Delete("src/bob.rs")],
    );
    r.commit(
        ALICE,
        "2026-05-04T10:00:00Z",
        "ci: run the tests on pull requests",
        &[Change::Write(
            ".github/workflows/ci.yml",
            "on: pull_request\n",
        )],
    );
}

fn run_args() -> [&'static str; 8] {
    [
        "--repo",
        "shop",
        "--author",
        ALICE.1,
        "--since",
        "2026-01-01",
        "--until",
        "2026-06-30",
    ]
}

// ---------------------------------------------------------------------------------------
// JSON Schema

pub fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(SCHEMA).expect("the schema is JSON");
    assert!(
        jsonschema::meta::is_valid(&schema),
        "schema/portfolio.schema.json is not a valid JSON Schema"
    );
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles")
}

pub fn errors(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// The schema file is what the types generate (`evident::model::schema`), so it cannot
/// drift from what evident writes. After a deliberate change to the portfolio's types,
/// rewrite it with `EVIDENT_WRITE_SCHEMA=1 cargo test --test cli render::the_schema_file`
/// and read the diff.
#[test]
fn the_schema_file_is_generated_from_the_types() {
    let generated = evident::model::schema::portfolio_schema_text();
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/portfolio.schema.json");
    if std::env::var_os("EVIDENT_WRITE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    assert!(
        SCHEMA == generated,
        "schema/portfolio.schema.json differs from the schema the types generate; rewrite it with EVIDENT_WRITE_SCHEMA=1 cargo test --test cli render::the_schema_file and review the diff"
    );
}

#[test]
fn the_schema_is_versioned_draft_2020_12() {
    let schema: Value = serde_json::from_str(SCHEMA).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert!(schema["$id"].as_str().unwrap().ends_with("/v1.json"));
    assert_eq!(
        schema["properties"]["schema"]["const"],
        json!(evident::model::portfolio::PORTFOLIO_SCHEMA)
    );
}

#[test]
fn run_json_output_matches_the_schema() {
    let sb = Sandbox::new();
    project(&sb);
    let portfolio = json_stdout(
        sb.evident()
            .args(["run", "--format", "json"])
            .args(run_args()),
    );
    // The run saw real work, so the schema checked real items, not an empty list.
    assert!(portfolio["items"].as_array().unwrap().len() >= 4);
    assert!(portfolio["collection"]["since"].is_string());
    let v = validator();
    assert_eq!(errors(&v, &portfolio), Vec::<String>::new());
}

#[test]
fn classified_fixture_and_an_empty_portfolio_match_the_schema() {
    let sb = Sandbox::new();
    let v = validator();
    let text = report(&sb, "json");
    let portfolio: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(errors(&v, &portfolio), Vec::<String>::new());
    // Nulls where things are unknown: no period, an undated item without a URL.
    sb.write(
        "empty.json",
        r#"{"schema": 1, "evidence": [{"id": "note:1", "kind": "note", "title": "x"}]}"#,
    );
    let empty = json_stdout(sb.evident().args(["classify", "--input", "empty.json"]));
    assert!(empty["collection"]["since"].is_null());
    assert!(empty["items"][0]["timestamp"].is_null());
    assert_eq!(errors(&v, &empty), Vec::<String>::new());
}

#[test]
fn the_schema_rejects_unknown_fields_and_wrong_types() {
    let sb = Sandbox::new();
    let v = validator();
    let portfolio: Value = serde_json::from_str(&report(&sb, "json")).unwrap();
    assert!(v.is_valid(&portfolio));
    type Breaker = fn(&mut Value);
    let broken: &[(&str, Breaker)] = &[
        ("an unknown top-level field", |p| {
            p["surprise"] = json!(true);
        }),
        ("an unknown item field", |p| {
            p["items"][0]["colour"] = json!("red");
        }),
        ("an unknown field in a statement", |p| {
            p["areas"][0]["statements"][0]["score"] = json!(3);
        }),
        ("a string weight", |p| {
            p["items"][0]["weight"] = json!("heavy");
        }),
        ("a negative count", |p| {
            p["totals"]["items"] = json!(-1);
        }),
        ("an unknown strength", |p| {
            p["areas"][0]["strength"] = json!("medium");
        }),
        ("an unknown kind", |p| {
            p["items"][0]["kind"] = json!("tweet");
        }),
        ("a timestamp that is not a date-time", |p| {
            p["generated_at"] = json!("yesterday");
        }),
        ("a missing required field", |p| {
            p["items"][0].as_object_mut().unwrap().remove("signals");
        }),
        ("another schema version", |p| {
            p["schema"] = json!(2);
        }),
    ];
    for (what, break_it) in broken {
        let mut p = portfolio.clone();
        break_it(&mut p);
        assert!(!v.is_valid(&p), "the schema accepted {what}");
    }
}

// ---------------------------------------------------------------------------------------
// Snapshots and the built-in templates

#[test]
fn markdown_portfolio_snapshot() {
    let sb = Sandbox::new();
    let md = report(&sb, "md");
    // Hostile text is escaped, and only http(s) URLs become links.
    assert!(md.contains(r"\<script\>alert(1)\</script\>"));
    assert!(!md.contains("](javascript:"));
    assert!(md.contains("Brown-bag talk: reading flame graphs (`note:2026-10-28-brown-bag`)"));
    insta::assert_snapshot!("portfolio_md", sb.normalize(&md));
}

#[test]
fn html_portfolio_snapshot() {
    let sb = Sandbox::new();
    let html = report(&sb, "html");
    insta::assert_snapshot!("portfolio_html", sb.normalize(&html));
}

#[test]
fn builtin_templates_render_an_empty_portfolio() {
    let sb = Sandbox::new();
    sb.write("empty.json", r#"{"schema": 1, "evidence": []}"#);
    sb.evident()
        .args(["classify", "--input", "empty.json", "--output", "p.json"])
        .assert()
        .success();
    for format in ["md", "html"] {
        let out = sb
            .evident()
            .args(["report", "--input", "p.json", "--format", format])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("Gaps turned into goals"), "{format}");
        if format == "html" {
            assert!(text.contains("No dated items in the period."));
            for id in SECTION_IDS {
                assert!(
                    text.contains(&format!("id=\"{id}\"")),
                    "empty html lacks #{id}"
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// HTML: self-contained and escaped

/// Every `href="..."` value in the document.
fn hrefs(html: &str) -> Vec<&str> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect()
}

#[test]
fn html_is_self_contained_and_escapes_repository_text() {
    let sb = Sandbox::new();
    let html = report(&sb, "html");
    assert!(html.starts_with("<!doctype html>"));
    for id in SECTION_IDS {
        assert!(html.contains(&format!("id=\"{id}\"")), "no section #{id}");
    }
    // No scripts at all, and nothing fetched from elsewhere.
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "a <script> element in the HTML");
    for needle in [
        "<link", "<img", "<iframe", "@import", "url(", "src=\"", "srcset=",
    ] {
        assert!(!lower.contains(needle), "the HTML references `{needle}`");
    }
    assert!(html.contains("<style>") && html.contains("@media print"));
    assert!(html.contains("Content-Security-Policy"));
    // Hostile text shows as text.
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&lt;img src=x onerror=alert(3)&gt;"));
    // Only http(s) links; the javascript: URL is shown as text, never as a link.
    let links = hrefs(&html);
    assert!(links.contains(&"https://github.com/acme/web/pull/42"));
    for h in &links {
        assert!(
            h.starts_with("https://") || h.starts_with("http://") || h.starts_with('#'),
            "unexpected href {h}"
        );
    }
    assert!(html.contains("link not shown: javascript:alert(2)"));
    // Two inline SVG charts, labelled for screen readers.
    assert_eq!(
        html.matches("<svg xmlns=\"http://www.w3.org/2000/svg\"")
            .count(),
        2
    );
    assert_eq!(html.matches("role=\"img\"").count(), 2);
    // Badges carry their strength as text, not only as colour.
    assert!(html.contains("<span class=\"badge badge-some\"><span class=\"badge-mark\" aria-hidden=\"true\"></span>some</span>"));
    // Rubric goals with `code` read as code, still escaped.
    assert!(html.contains("<code>evident note add --signal mentoring</code>"));
}

#[test]
fn run_writes_html_from_a_repository() {
    let sb = Sandbox::new();
    project(&sb);
    sb.evident()
        .args(["run", "--output", "portfolio.html"])
        .args(run_args())
        .assert()
        .success();
    let html = std::fs::read_to_string(sb.path().join("portfolio.html")).unwrap();
    for id in SECTION_IDS {
        assert!(html.contains(&format!("id=\"{id}\"")), "no section #{id}");
    }
    assert!(html.contains("fix: crash when the cart is empty &lt;b&gt;really&lt;/b&gt;"));
    assert!(!html.contains("Bob&#39;s work"));
    // The activity chart covers the period month by month.
    for month in ["Jan", "Feb", "Mar", "Apr", "May", "Jun"] {
        assert!(
            html.contains(&format!(">{month}</text>")),
            "no {month} on the axis"
        );
    }
}

#[test]
fn template_dir_overrides_the_html_and_keeps_escaping_on() {
    let sb = Sandbox::new();
    fixture_portfolio(&sb);
    sb.write(
        "tpl/portfolio.html",
        "<ul>{% for it in p.items %}<li>{{ it.title }}</li>{% endfor %}</ul>{{ charts.coverage }}\n",
    );
    let out = sb
        .evident()
        .args(["report", "--input", "portfolio.json", "--format", "html"])
        .args(["--template-dir", "tpl"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.starts_with("<ul><li>"));
    assert!(html.contains("<li>&lt;script&gt;alert(1)&lt;/script&gt;</li>"));
    assert!(!html.contains("<script>"));
    // The charts stay markup in a user's template too.
    assert!(html.contains("<svg xmlns="));
}

// ---------------------------------------------------------------------------------------
// A real browser

/// Chromium or Chrome on PATH, or at the usual Debian path.
fn find_chromium() -> Option<PathBuf> {
    let names = [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ];
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        for name in names {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    let debian = Path::new("/usr/bin/chromium");
    debian.is_file().then(|| debian.to_path_buf())
}

/// Runs headless Chromium on a file with extra arguments; returns (stdout, stderr).
fn chromium(browser: &Path, profile: &Path, page: &Path, extra: &[&str]) -> (String, String) {
    let out = std::process::Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "chromium failed ({:?}):\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn html_portfolio_in_headless_chromium() {
    let Some(browser) = find_chromium() else {
        println!(
            "skipped: no Chromium found (looked for chromium, chromium-browser, google-chrome on PATH and /usr/bin/chromium); install it with `apt-get install chromium` to run the browser test"
        );
        return;
    };
    let sb = Sandbox::new();
    let html = report(&sb, "html");
    let page = sb.write("portfolio.html", &html);
    let profile = sb.path().join("chromium-profile");

    // The DOM as the browser built it: every section, the hostile title as text.
    let (dom, stderr) = chromium(
        &browser,
        &profile,
        &page,
        &["--dump-dom", "--enable-logging=stderr", "--v=0"],
    );
    for id in SECTION_IDS {
        assert!(
            dom.contains(&format!("id=\"{id}\"")),
            "the DOM has no #{id}"
        );
    }
    assert!(
        dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the PR title is not text in the DOM"
    );
    assert!(
        !dom.to_ascii_lowercase().contains("<script"),
        "the DOM has a <script> element"
    );
    assert!(
        !dom.contains("<img"),
        "the warning's <img> became an element"
    );
    assert_eq!(
        dom.matches("<svg").count(),
        2,
        "the charts are not in the DOM"
    );
    for bad in ["Uncaught", "alert("] {
        assert!(
            !stderr
                .lines()
                .any(|l| l.contains("CONSOLE") && l.contains(bad)),
            "the console shows {bad}:\n{stderr}"
        );
    }
    assert!(!stderr.contains("Uncaught"), "a script error:\n{stderr}");

    // A screenshot to look at: target/portfolio-screenshot.png.
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    std::fs::create_dir_all(&target).unwrap();
    let shot = target.join("portfolio-screenshot.png");
    let _ = std::fs::remove_file(&shot);
    chromium(
        &browser,
        &sb.path().join("chromium-profile-2"),
        &page,
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1280,4000",
        ],
    );
    let png = std::fs::read(&shot).expect("chromium wrote the screenshot");
    assert!(png.starts_with(b"\x89PNG"), "the screenshot is not a PNG");
    assert!(
        png.len() > 20_000,
        "the screenshot looks blank ({} bytes)",
        png.len()
    );
    println!("screenshot: {}", shot.display());
}
