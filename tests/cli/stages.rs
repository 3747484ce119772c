//! The stages run alone from the previous stage's JSON, and `run` does all three.

use crate::common::*;

fn project(sb: &Sandbox) -> Repo {
    let r = sb.repo("shop");
    r.remote("https://github.com/acme/shop.git");
    r.commit(
        ALICE,
        "2026-03-01T10:00:00Z",
        "Add checkout page",
        &[Change::Write("src/checkout.rs", &"fn x() {}\n".repeat(40))],
    );
    r.commit(
        ALICE,
        "2026-03-02T10:00:00Z",
        "Crash when the cart is empty",
        &[Change::Write("src/checkout.rs", &"fn y() {}\n".repeat(40))],
    );
    r.commit(
        ALICE,
        "2026-03-03T10:00:00Z",
        "Add tests for the cart",
        &[Change::Write("tests/cart.rs", "#[test] fn t() {}\n")],
    );
    r.commit(
        ALICE,
        "2026-03-04T10:00:00Z",
        "Run CI on pull requests",
        &[Change::Write(
            ".github/workflows/ci.yml",
            "on: pull_request\n",
        )],
    );
    r
}

#[test]
fn run_equals_collect_then_classify_then_report() {
    let sb = Sandbox::new();
    project(&sb);
    let common = [
        "--repo",
        "shop",
        "--author",
        ALICE.1,
        "--since",
        "2026-01-01",
        "--until",
        "2026-06-30",
    ];
    sb.evident()
        .args(["collect", "--output", "evidence.json"])
        .args(common)
        .assert()
        .success();
    sb.evident()
        .args([
            "classify",
            "--input",
            "evidence.json",
            "--output",
            "portfolio.json",
        ])
        .assert()
        .success();
    sb.evident()
        .args([
            "report",
            "--input",
            "portfolio.json",
            "--output",
            "staged.md",
        ])
        .assert()
        .success();
    sb.evident()
        .args(["run", "--output", "direct.md"])
        .args(common)
        .assert()
        .success();
    let staged = std::fs::read_to_string(sb.path().join("staged.md")).unwrap();
    let direct = std::fs::read_to_string(sb.path().join("direct.md")).unwrap();
    assert_eq!(staged, direct);
    assert!(
        direct.contains("[Crash when the cart is empty](https://github.com/acme/shop/commit/"),
        "{direct}"
    );
    // The format follows the output's extension.
    sb.evident()
        .args(["report", "--input", "portfolio.json", "--output", "p.json"])
        .assert()
        .success();
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(sb.path().join("p.json")).unwrap()).unwrap();
    assert_eq!(json["totals"]["commits"], 4);
}

#[test]
fn classify_accepts_evidence_from_other_tools() {
    let sb = Sandbox::new();
    sb.write(
        "foreign.jsonl",
        "{\"id\": \"jira:OPS-12\", \"kind\": \"note\", \"title\": \"Led the postmortem of the checkout outage\"}\n{\"id\": \"wiki:42\", \"kind\": \"design_doc\", \"title\": \"Payments v2\", \"url\": \"https://wiki.example/42\"}\n",
    );
    let p = json_stdout(sb.evident().args(["classify", "--input", "foreign.jsonl"]));
    let items = p["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    let note = items.iter().find(|i| i["id"] == "jira:OPS-12").unwrap();
    assert!(
        note["signals"]
            .as_array()
            .unwrap()
            .contains(&"incident".into()),
        "{note}"
    );
    let doc = items.iter().find(|i| i["id"] == "wiki:42").unwrap();
    assert_eq!(doc["signals"], serde_json::json!(["design-doc"]));
    let md = sb
        .evident()
        .args(["classify", "--input", "foreign.jsonl", "--format", "md"])
        .output()
        .unwrap();
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(
        md.contains("[Payments v2](https://wiki.example/42)"),
        "{md}"
    );
}

#[test]
fn explain_says_which_rules_fired_and_why() {
    let sb = Sandbox::new();
    let r = project(&sb);
    sb.evident()
        .args([
            "run",
            "--repo",
            "shop",
            "--author",
            ALICE.1,
            "--since",
            "2026-01-01",
            "--output",
            "p.md",
        ])
        .assert()
        .success();
    let sha = r
        .repo
        .head()
        .unwrap()
        .peel_to_commit()
        .unwrap()
        .parent(0)
        .unwrap()
        .parent(0)
        .unwrap()
        .id()
        .to_string();
    let out = sb.evident().args(["explain", &sha[..10]]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Crash when the cart is empty"), "{text}");
    assert!(
        text.contains("model -> ") && text.contains("the learned model"),
        "{text}"
    );
    // The model names the features that decided its answer, with their weights.
    assert!(text.contains("features that decided it"), "{text}");
    assert!(text.contains("title:crash"), "{text}");
    assert!(text.contains("primary: "), "{text}");
    // A rule id explains the rule.
    let out = sb
        .evident()
        .args(["explain", "security-words"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("rule security-words (<built-in>/config/rules.toml:"),
        "{text}"
    );
    // An unknown id is a usage error with a hint.
    let out = sb
        .evident()
        .args(["explain", "nothing-like-this"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("hint:"));
}

#[test]
fn rubric_show_lists_the_areas_and_statements() {
    let sb = Sandbox::new();
    let out = sb.evident().args(["rubric", "show"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for area in [
        "Domain expertise",
        "Teaching and Mentoring",
        "Culture and Leadership",
        "Customer Success",
        "Big features you led",
        "Tech debt you cleaned up",
    ] {
        assert!(text.contains(area), "{area} in:\n{text}");
    }
    assert!(text.contains("I used code reviews as an opportunity to teach"));
    let out = sb
        .evident()
        .args(["rubric", "check", "/dev/null"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "an empty rubric is not valid");
}

#[test]
fn init_writes_a_config_that_run_accepts() {
    let sb = Sandbox::new();
    let r = project(&sb);
    sb.evident()
        .current_dir(&r.path)
        .args(["init"])
        .assert()
        .success();
    let text = std::fs::read_to_string(r.path.join("evident.toml")).unwrap();
    assert!(text.contains("emails = [\"alice@example.com\"]"), "{text}");
    sb.evident()
        .current_dir(&r.path)
        .args(["init"])
        .assert()
        .code(2);
    let out = sb
        .evident()
        .current_dir(&r.path)
        .args(["run", "--since", "2026-01-01", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let p: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(p["totals"]["commits"], 4);
}

#[test]
fn user_rules_override_built_in_rules_by_id() {
    let sb = Sandbox::new();
    let r = project(&sb);
    r.commit(
        ALICE,
        "2026-03-05T10:00:00Z",
        "Revert \"Run CI on pull requests\"",
        &[Change::Write(".github/workflows/ci.yml", "on: push\n")],
    );
    // The built-in `revert` rule is replaced by one of the same id; `cart` is added.
    sb.write("mine.toml", "[[rule]]\nid = \"revert\"\ntitle = '^never$'\nsignals = [\"chore\"]\nreason = \"we do not count reverts apart\"\n\n[[rule]]\nid = \"cart\"\ntitle = 'cart'\nsignals = [\"incident\"]\nreason = \"our cart is always an incident\"\n");
    let p = json_stdout(sb.evident().args([
        "run",
        "--repo",
        "shop",
        "--author",
        ALICE.1,
        "--since",
        "2026-01-01",
        "--rules",
        "mine.toml",
        "--format",
        "json",
    ]));
    let item = |title: &str| {
        p["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["title"] == title)
            .unwrap()
            .clone()
    };
    let fix = item("Crash when the cart is empty");
    assert!(
        fix["signals"]
            .as_array()
            .unwrap()
            .contains(&"incident".into()),
        "{fix}"
    );
    let cart = fix["matches"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["rule"] == "cart")
        .unwrap_or_else(|| panic!("{fix}"));
    assert_eq!(cart["reason"], "our cart is always an incident");
    let revert = item("Revert \"Run CI on pull requests\"");
    assert!(
        revert["matches"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["rule"] != "revert"),
        "the built-in revert rule was replaced: {revert}"
    );
}

#[test]
fn disabling_a_rule_that_does_not_exist_is_a_warning() {
    let sb = Sandbox::new();
    project(&sb);
    sb.write(
        "mine.toml",
        "[[rule]]\nid = \"fix-words\"\ndisabled = true\n",
    );
    let out = sb
        .evident()
        .args([
            "run",
            "--repo",
            "shop",
            "--author",
            ALICE.1,
            "--since",
            "2026-01-01",
        ])
        .args(["--rules", "mine.toml", "--format", "json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("warning:") && stderr.contains("mine.toml:1: `fix-words` is disabled"),
        "{stderr}"
    );
}

#[test]
fn environment_and_config_layers() {
    let sb = Sandbox::new();
    project(&sb);
    sb.write("evident.toml", "repos = [\"shop\"]\nsince = \"2026-03-02\"\n[identity]\nemails = [\"alice@example.com\"]\n");
    let count =
        |cmd: &mut assert_cmd::Command| json_stdout(cmd)["evidence"].as_array().unwrap().len();
    assert_eq!(count(sb.evident().args(["collect"])), 3, "config since");
    assert_eq!(
        count(
            sb.evident()
                .args(["collect"])
                .env("EVIDENT_SINCE", "2026-03-03")
        ),
        2,
        "env over config"
    );
    assert_eq!(
        count(
            sb.evident()
                .args(["collect", "--since", "2026-03-04"])
                .env("EVIDENT_SINCE", "2026-03-03")
        ),
        1,
        "flag over env"
    );
}

#[test]
fn without_user_email_the_author_of_head_is_the_person() {
    let sb = Sandbox::new();
    let r = sb.repo("fresh-clone");
    r.commit(
        BOB,
        "2026-05-01T10:00:00Z",
        "Bob's earlier work",
        &[Change::Write("a", "1\n")],
    );
    r.commit(
        ALICE,
        "2026-05-02T10:00:00Z",
        "Alice's latest work",
        &[Change::Write("b", "1\n")],
    );
    {
        let mut cfg = r
            .repo
            .config()
            .unwrap()
            .open_level(git2::ConfigLevel::Local)
            .unwrap();
        cfg.remove("user.email").unwrap();
        cfg.remove("user.name").unwrap();
    }
    let out = sb
        .evident()
        .current_dir(&r.path)
        .args(["collect"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("using the author of HEAD, Alice Example <alice@example.com>"),
        "{stderr}"
    );
    let ev: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let titles = evidence_titles(&ev);
    assert_eq!(titles, vec!["Alice's latest work"]);
}

#[test]
fn no_store_keeps_nothing() {
    let sb = Sandbox::new();
    project(&sb);
    let store = sb.path().join("cache/evident");
    sb.evident()
        .args([
            "collect",
            "--no-store",
            "--repo",
            "shop",
            "--author",
            ALICE.1,
        ])
        .assert()
        .success();
    assert!(
        !store.join("evidence").exists(),
        "nothing kept with --no-store"
    );
    sb.evident()
        .args(["collect", "--repo", "shop", "--author", ALICE.1])
        .assert()
        .success();
    assert!(store.join("evidence").is_dir(), "kept by default");
    sb.evident()
        .args(["collect", "--no-store", "--store", "x", "--repo", "shop"])
        .assert()
        .code(2);
}
