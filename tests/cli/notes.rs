//! Manual evidence and decisions: notes merge into the portfolio with stable ids; items the
//! person excluded or relabelled stay so when the portfolio is regenerated.

use crate::common::*;

fn setup(sb: &Sandbox) -> Repo {
    let r = sb.repo("app");
    r.commit(
        ALICE,
        "2026-03-01T10:00:00Z",
        "Add export button",
        &[Change::Write("src/export.rs", "x\n")],
    );
    r.commit(
        ALICE,
        "2026-03-02T10:00:00Z",
        "Vendor the old parser",
        &[Change::Write("vendor/p.rs", "y\n")],
    );
    sb.write("evident.toml", "repos = [\"app\"]\nsince = \"2026-01-01\"\n\n[identity]\nemails = [\"alice@example.com\"]\n");
    r
}

fn portfolio(sb: &Sandbox) -> serde_json::Value {
    json_stdout(sb.evident().args(["run", "--format", "json"]))
}

fn item<'a>(p: &'a serde_json::Value, title: &str) -> Option<&'a serde_json::Value> {
    p["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["title"] == title)
}

#[test]
fn notes_join_the_portfolio_with_their_signals() {
    let sb = Sandbox::new();
    setup(&sb);
    sb.evident()
        .args([
            "note",
            "add",
            "Ran a knowledge-sharing session on tracing",
            "--signal",
            "mentoring",
            "--date",
            "2026-03-02",
            "--link",
            "https://wiki.example/tracing",
        ])
        .assert()
        .success();
    sb.evident()
        .args([
            "note",
            "add",
            "Interviewed two backend candidates",
            "--signal",
            "code-review",
            "--date",
            "2026-04-10",
        ])
        .assert()
        .success();
    sb.evident()
        .args([
            "note",
            "add",
            "Something from last decade",
            "--date",
            "2016-01-01",
        ])
        .assert()
        .success();
    let text = std::fs::read_to_string(sb.path().join("evident-notes.toml")).unwrap();
    assert!(
        text.contains("id = \"note:2026-03-02:ran-a-knowledge-sharing-session-on-tracing\""),
        "{text}"
    );

    let p = portfolio(&sb);
    let note = item(&p, "Ran a knowledge-sharing session on tracing").expect("note in portfolio");
    assert_eq!(
        note["id"],
        "note:2026-03-02:ran-a-knowledge-sharing-session-on-tracing"
    );
    assert_eq!(note["kind"], "note");
    assert_eq!(note["url"], "https://wiki.example/tracing");
    assert!(
        note["signals"]
            .as_array()
            .unwrap()
            .contains(&"mentoring".into())
    );
    assert_eq!(note["matches"][0]["rule"], "note-signals");
    assert!(
        item(&p, "Something from last decade").is_none(),
        "outside the period"
    );
    let mentored = category(&p, "people-mentored");
    assert_eq!(mentored["evidence"][0], note["id"]);

    // The same ids on the next run.
    let again = portfolio(&sb);
    assert!(item(&again, "Ran a knowledge-sharing session on tracing").is_some());
}

#[test]
fn exclusions_and_relabels_hold_across_runs() {
    let sb = Sandbox::new();
    setup(&sb);
    let p = portfolio(&sb);
    let vendored = item(&p, "Vendor the old parser").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let export = item(&p, "Add export button").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    sb.evident()
        .args(["exclude", &vendored, "--reason", "vendored code"])
        .assert()
        .success();
    sb.evident()
        .args([
            "relabel",
            &export,
            "--signal",
            "incident",
            "--reason",
            "it was the fix for the outage",
        ])
        .assert()
        .success();
    // A hand edit survives the tool's own edits.
    let path = sb.path().join("evident-notes.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("# my own comment\n{text}")).unwrap();
    sb.evident()
        .args([
            "note",
            "add",
            "Paired with the new hire",
            "--signal",
            "mentoring",
            "--date",
            "2026-03-03",
        ])
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("# my own comment")
    );

    for _ in 0..2 {
        let p = portfolio(&sb);
        assert!(item(&p, "Vendor the old parser").is_none(), "excluded");
        let relabelled = item(&p, "Add export button").unwrap();
        assert_eq!(relabelled["signals"], serde_json::json!(["incident"]));
        assert!(
            relabelled["matches"][0]["reason"]
                .as_str()
                .unwrap()
                .contains("relabelled by you"),
            "{relabelled}"
        );
    }
    let out = sb.evident().args(["explain", &export]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("relabelled -> incident"), "{text}");

    // Undo.
    sb.evident()
        .args(["note", "remove", &vendored])
        .assert()
        .success();
    assert!(item(&portfolio(&sb), "Vendor the old parser").is_some());
}

#[test]
fn bad_notes_are_clear_errors() {
    let sb = Sandbox::new();
    setup(&sb);
    let out = sb
        .evident()
        .args(["note", "add", "x", "--signal", "heroics"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown signal `heroics`"));
    let out = sb
        .evident()
        .args(["note", "add", "x", "--date", "March 3rd"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = sb
        .evident()
        .args(["note", "add", "x", "--link", "javascript:alert(1)"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    sb.write(
        "evident-notes.toml",
        "[[note]]\nid = \"n1\"\ndate = \"2026-13-40\"\ntext = \"t\"\n",
    );
    let out = sb.evident().args(["run"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("evident-notes.toml")
            && stderr.contains("n1")
            && stderr.contains("not a date"),
        "{stderr}"
    );
    let out = sb
        .evident()
        .args(["note", "remove", "nope"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
