//! Settings: the layers (defaults, user file, project file, EVIDENT_* variables, flags)
//! merged key by key, `evident config show` saying where each value came from, and
//! closed sets (formats) rejected before any work.

use crate::common::{ALICE, Change, Sandbox};
use std::process::Output;
use std::time::{Duration, Instant};

fn run(cmd: &mut assert_cmd::Command) -> (Output, String) {
    let out = cmd.output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    (out, stderr)
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// `app` with two commits by Alice in 2026, its user.email someone else's so only the
/// settings can name her.
fn app(sb: &Sandbox) {
    let r = sb.repo("app");
    r.set_user(("Someone Else", "someone@example.com"));
    r.commit(
        ALICE,
        "2026-03-02T10:00:00Z",
        "Add search to the catalogue",
        &[Change::Write("src/search.rs", "fn search() {}\n")],
    );
    r.commit(
        ALICE,
        "2026-04-02T10:00:00Z",
        "Fix crash on empty query",
        &[Change::Write("src/search.rs", "fn search() { }\n")],
    );
}

#[test]
fn a_projects_identity_name_keeps_the_users_emails() {
    let sb = Sandbox::new();
    app(&sb);
    sb.write(
        "config/config.toml",
        "[identity]\nemails = [\"alice@example.com\"]\n",
    );
    sb.write(
        "evident.toml",
        "repos = [\"app\"]\n\n[identity]\nname = \"Alice McExample\"\n",
    );
    let (out, stderr) = run(sb.evident().args(["run", "--format", "json"]));
    assert!(out.status.success(), "{stderr}");
    let p: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        p["items"].as_array().unwrap().len(),
        2,
        "both commits are Alice's"
    );
    // The name as written, not lower-cased.
    assert_eq!(p["collection"]["person"], "Alice McExample");
    let (out, _) = run(sb.evident().args(["run", "--format", "md"]));
    assert!(stdout(&out).starts_with("# Impact portfolio: Alice McExample\n"));
}

#[test]
fn config_show_says_where_each_value_came_from() {
    let sb = Sandbox::new();
    sb.write(
        "config/config.toml",
        "since = \"90d\"\n[identity]\nemails = [\"alice@example.com\"]\n",
    );
    sb.write(
        "evident.toml",
        "# project\nsince = \"6m\"\nuntil = \"2026-09\"\nrules = [\"team-rules.toml\"]\n\n[identity]\nname = \"Alice\"\n",
    );
    let (out, stderr) = run(sb.evident().env("EVIDENT_UNTIL", "2026-10").args([
        "config",
        "show",
        "--since",
        "2026-Q1",
        "--rules",
        "mine.toml",
    ]));
    assert!(out.status.success(), "{stderr}");
    let text = sb.normalize(&stdout(&out));
    let line = |key: &str| {
        text.lines()
            .find(|l| l.starts_with(&format!("{key} = ")))
            .unwrap_or_else(|| panic!("{key} in:\n{text}"))
            .to_string()
    };
    assert!(line("since").ends_with("# flag --since"), "{text}");
    assert!(
        line("until").ends_with("# environment EVIDENT_UNTIL"),
        "{text}"
    );
    assert!(
        line("identity.name").ends_with("# project file evident.toml:7"),
        "{text}"
    );
    assert!(
        line("identity.emails").ends_with("# user file [TEMP]/config/config.toml:3"),
        "{text}"
    );
    assert!(line("include_merges").ends_with("# default"), "{text}");
    assert!(
        line("rules").contains("\"team-rules.toml\", \"mine.toml\"]")
            && line("rules").ends_with("# project file evident.toml:4, flag --rules"),
        "{text}"
    );
    assert!(text.contains("# author (not set)"), "{text}");
    assert!(
        text.starts_with(
            "# user file:    [TEMP]/config/config.toml\n# project file: evident.toml\n"
        )
    );

    let (out, _) = run(sb
        .evident()
        .env("EVIDENT_UNTIL", "2026-10")
        .args(["config", "show", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let setting = |key: &str| {
        v["settings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["key"] == key)
            .unwrap()
            .clone()
    };
    assert_eq!(setting("since")["value"], "6m");
    assert_eq!(
        setting("since")["sources"],
        serde_json::json!([{"kind": "project_file", "path": "evident.toml", "line": 2}])
    );
    assert_eq!(
        setting("until")["sources"],
        serde_json::json!([{"kind": "env", "name": "EVIDENT_UNTIL"}])
    );
    assert_eq!(setting("design_docs")["value"], true);
    assert_eq!(
        setting("design_docs")["sources"],
        serde_json::json!([{"kind": "default"}])
    );
    assert_eq!(setting("author")["value"], serde_json::Value::Null);
    assert_eq!(v["project_file"], "evident.toml");
}

#[test]
fn classify_honours_the_format_setting() {
    let sb = Sandbox::new();
    sb.write(
        "e.json",
        r#"{"schema": 1, "evidence": [{"id": "x:1", "kind": "commit", "title": "Fix crash on empty query"}]}"#,
    );
    sb.write("evident.toml", "format = \"md\"\n");
    let (out, stderr) = run(sb.evident().args(["classify", "-i", "e.json"]));
    assert!(out.status.success(), "{stderr}");
    assert!(stdout(&out).starts_with("# Impact portfolio"), "Markdown");
    let (out, _) = run(sb
        .evident()
        .args(["classify", "-i", "e.json", "--format", "json"]));
    assert!(stdout(&out).starts_with('{'), "the flag wins");
    sb.write("evident.toml", "\nformat = \"html\"\n");
    let (out, stderr) = run(sb.evident().args(["classify", "-i", "e.json"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr.starts_with("error: classify writes json or md, but the format is html (project file evident.toml:2)"),
        "{stderr}"
    );
}

/// A format outside the closed set fails at once, before any repository is read: the
/// repository named does not even exist, and the error is about the format.
#[test]
fn a_bad_format_is_rejected_before_any_work() {
    let sb = Sandbox::new();
    let started = Instant::now();
    let (out, stderr) = run(sb
        .evident()
        .args(["run", "--repo", "nowhere", "--format", "pdf"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr.contains("invalid value 'pdf'"), "{stderr}");
    assert!(!stderr.contains("nowhere"), "{stderr}");
    let (out, stderr) = run(sb
        .evident()
        .env("EVIDENT_FORMAT", "pdf")
        .args(["run", "--repo", "nowhere"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr.starts_with("error: EVIDENT_FORMAT: unknown variant `pdf`"),
        "{stderr}"
    );
    assert!(!stderr.contains("nowhere"), "{stderr}");
    sb.write(
        "evident.toml",
        "repos = [\"nowhere\"]\n\nformat = \"pdf\"\n",
    );
    let (out, stderr) = run(sb.evident().arg("run"));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr.starts_with("error: evident.toml:3:10: unknown variant `pdf`"),
        "{stderr}"
    );
    // Generous: three runs of a debug binary on a loaded machine; collection is not
    // started, so this is far below what reading a repository would take.
    assert!(started.elapsed() < Duration::from_secs(20));
    for (args, possible) in [
        (&["collect", "--format", "csv"][..], "json, jsonl"),
        (&["classify", "-i", "-", "--format", "html"][..], "json, md"),
        (&["identities", "--format", "md"][..], "text, json"),
        (&["--color", "sometimes", "run"][..], "auto, always, never"),
    ] {
        let (out, stderr) = run(sb.evident().args(args));
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr.contains(&format!("[possible values: {possible}]")),
            "{stderr}"
        );
    }
}

#[test]
fn init_writes_valid_toml_for_any_name() {
    let sb = Sandbox::new();
    let r = sb.repo("app");
    r.set_user(("Ann \"The\" O'Lee \\ Co", "ann@example.com"));
    let (out, stderr) = run(sb.evident().current_dir(&r.path).arg("init"));
    assert!(out.status.success(), "{stderr}");
    let (out, stderr) = run(sb
        .evident()
        .current_dir(&r.path)
        .args(["config", "show", "--format", "json"]));
    assert!(out.status.success(), "{stderr}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let name = v["settings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == "identity.name")
        .unwrap();
    assert_eq!(name["value"], "Ann \"The\" O'Lee \\ Co");
}

#[test]
fn an_unknown_key_in_a_rules_file_is_reported_at_its_line() {
    let sb = Sandbox::new();
    sb.write(
        "mine.toml",
        "[[rule]]\nid = \"payments\"\nsignals = [\"incident\"]\nreason = \"the payments path\"\npathz = '^payments/'\n",
    );
    let (out, stderr) = run(sb
        .evident()
        .args(["explain", "payments", "--rules", "mine.toml"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr.starts_with("error: mine.toml:5:1: unknown field `pathz`"),
        "{stderr}"
    );
}
