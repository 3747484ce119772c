//! Each kind of bad input: a clear message naming the file, line or field, a hint, exit
//! code 2 (or, for one bad repository among several, a warning and the rest processed).
//! Never a panic.

use crate::common::*;
use std::process::Output;

fn run(cmd: &mut assert_cmd::Command) -> (Output, String) {
    let out = cmd.output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    assert!(!stderr.contains("RUST_BACKTRACE"), "panic: {stderr}");
    (out, stderr)
}

fn assert_usage_error(cmd: &mut assert_cmd::Command, expected: &[&str]) -> String {
    let (out, stderr) = run(cmd);
    assert_eq!(out.status.code(), Some(2), "exit code; stderr:\n{stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(stderr.contains("hint: "), "a hint: {stderr}");
    for e in expected {
        assert!(stderr.contains(e), "expected {e:?} in:\n{stderr}");
    }
    assert!(out.stdout.is_empty(), "nothing on stdout on error");
    stderr
}

fn one_commit_repo(sb: &Sandbox, name: &str) -> Repo {
    let r = sb.repo(name);
    r.commit(
        ALICE,
        "2026-05-01T10:00:00Z",
        "Add feature",
        &[Change::Write("a.txt", "1\n")],
    );
    r
}

#[test]
fn a_path_that_is_not_a_repository() {
    let sb = Sandbox::new();
    std::fs::create_dir_all(sb.path().join("empty-folder")).unwrap();
    assert_usage_error(
        sb.evident()
            .args(["run", "--repo", "empty-folder", "--author", ALICE.1]),
        &["empty-folder is not a git repository", "--repo"],
    );
    sb.write("file.txt", "not a repo");
    assert_usage_error(
        sb.evident()
            .args(["run", "--repo", "file.txt", "--author", ALICE.1]),
        &["file.txt is not a git repository"],
    );
}

#[test]
fn a_missing_path() {
    let sb = Sandbox::new();
    assert_usage_error(
        sb.evident()
            .args(["collect", "--repo", "does/not/exist", "--author", ALICE.1]),
        &["cannot read does/not/exist", "No such file"],
    );
}

#[test]
fn one_bad_repository_among_several_is_a_warning() {
    let sb = Sandbox::new();
    one_commit_repo(&sb, "good");
    std::fs::create_dir_all(sb.path().join("not-a-repo")).unwrap();
    sb.repo("empty");
    let (out, stderr) = run(sb.evident().args([
        "collect",
        "--repo",
        "good",
        "--repo",
        "not-a-repo",
        "--repo",
        "empty",
        "--author",
        ALICE.1,
        "--since",
        "2026-01-01",
    ]));
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("not-a-repo is not a git repository"),
        "{stderr}"
    );
    assert!(stderr.contains("empty repository"), "{stderr}");
    let ev: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(ev["evidence"].as_array().unwrap().len(), 1);
    let warnings = ev["collection"]["warnings"].as_array().unwrap();
    assert_eq!(
        warnings.len(),
        2,
        "both problems are recorded for the portfolio: {warnings:?}"
    );
}

#[test]
fn an_empty_repository() {
    let sb = Sandbox::new();
    sb.repo("fresh");
    assert_usage_error(
        sb.evident()
            .args(["run", "--repo", "fresh", "--author", ALICE.1]),
        &["fresh is an empty repository"],
    );
}

#[test]
fn a_shallow_clone_warns_that_history_is_cut() {
    let sb = Sandbox::new();
    let r = sb.repo("shallow");
    r.commit(
        ALICE,
        "2026-04-01T10:00:00Z",
        "Old work",
        &[Change::Write("a", "1\n")],
    );
    let cut = r.commit(
        ALICE,
        "2026-05-01T10:00:00Z",
        "Recent work",
        &[Change::Write("a", "2\n")],
    );
    // What `git clone --depth 1` leaves: the cut commit listed in .git/shallow.
    std::fs::write(r.path.join(".git/shallow"), format!("{cut}\n")).unwrap();
    let (out, stderr) = run(sb.evident().args([
        "collect",
        "--repo",
        "shallow",
        "--author",
        ALICE.1,
        "--since",
        "2026-01-01",
    ]));
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("shallow clone"), "{stderr}");
    assert!(stderr.contains("git fetch --unshallow"), "{stderr}");
}

#[test]
fn invalid_dates() {
    let sb = Sandbox::new();
    one_commit_repo(&sb, "app");
    assert_usage_error(
        sb.evident()
            .args(["run", "--repo", "app", "--since", "last tuesday"]),
        &["invalid date for --since", "`last tuesday`", "2026-Q3"],
    );
    assert_usage_error(
        sb.evident()
            .args(["run", "--repo", "app", "--until", "2026-02-30"]),
        &["invalid date for --until"],
    );
    assert_usage_error(
        sb.evident().args([
            "run",
            "--repo",
            "app",
            "--since",
            "2026-06-01",
            "--until",
            "2026-01-01",
        ]),
        &["the period is empty: --since 2026-06-01 is not before --until 2026-01-01"],
    );
    // Named where it was set; an unset end is now.
    assert_usage_error(
        sb.evident()
            .env("EVIDENT_SINCE", "2099-01-01")
            .args(["run", "--repo", "app"]),
        &[
            "the period is empty: `since` (environment EVIDENT_SINCE) 2099-01-01 is not before now (",
        ],
    );
}

#[test]
fn invalid_toml_names_file_line_and_column() {
    let sb = Sandbox::new();
    one_commit_repo(&sb, "app");
    sb.write("evident.toml", "since = \"90d\"\nrepos = [\"app\"\n");
    assert_usage_error(sb.evident().args(["run"]), &["evident.toml:2:"]);
    sb.write("evident.toml", "since = \"90d\"\nsinse = \"1y\"\n");
    assert_usage_error(sb.evident().args(["run"]), &["evident.toml:2:1", "sinse"]);
    sb.write("evident.toml", "");
    sb.write(
        "rules.toml",
        "[[rule]]\nid = \"x\"\nsignals = [\"feature\"\n",
    );
    assert_usage_error(
        sb.evident()
            .args(["run", "--repo", "app", "--rules", "rules.toml"]),
        &["rules.toml:3:"],
    );
}

#[test]
fn invalid_regex_names_the_rule_and_file() {
    let sb = Sandbox::new();
    one_commit_repo(&sb, "app");
    sb.write("rules.toml", "[[rule]]\nid = \"good\"\nsignals = [\"feature\"]\nreason = \"r\"\ntitle = 'add'\n\n[[rule]]\nid = \"broken-one\"\nsignals = [\"bug-fix\"]\nreason = \"r\"\ntitle = '(fix'\n");
    assert_usage_error(
        sb.evident()
            .args(["run", "--repo", "app", "--rules", "rules.toml"]),
        &[
            "rules.toml:7: rule `broken-one`: invalid regex in `title`",
            "unclosed group",
        ],
    );
}

#[test]
fn an_unknown_signal_in_a_rubric() {
    let sb = Sandbox::new();
    one_commit_repo(&sb, "app");
    sb.write("rubric.toml", "name = \"Mine\"\n\n[[area]]\nid = \"craft\"\nname = \"Craft\"\n\n[[area.statement]]\nid = \"ships\"\ntext = \"I ship.\"\nsignals = [\"feature\", \"heroism\"]\n");
    let stderr = assert_usage_error(
        sb.evident().args(["rubric", "check", "rubric.toml"]),
        &[
            "rubric.toml:7: statement `craft/ships`: unknown signal `heroism`",
            "known signals: feature",
        ],
    );
    assert!(stderr.contains("top-level `signals"), "{stderr}");
    assert_usage_error(
        sb.evident()
            .args(["run", "--repo", "app", "--rubric", "rubric.toml"]),
        &["unknown signal `heroism`"],
    );
    // Declared, the signal is fine.
    sb.write("rubric.toml", "name = \"Mine\"\nsignals = [\"heroism\"]\n\n[[area]]\nid = \"craft\"\nname = \"Craft\"\n\n[[area.statement]]\nid = \"ships\"\ntext = \"I ship.\"\nsignals = [\"feature\", \"heroism\"]\n");
    sb.evident()
        .args(["rubric", "check", "rubric.toml"])
        .assert()
        .success();
}

#[test]
fn a_template_syntax_error_names_template_and_line() {
    let sb = Sandbox::new();
    one_commit_repo(&sb, "app");
    sb.write(
        "tpl/portfolio.md",
        "# {{ p.collection.person }}\n\n{% for a in p.areas %}\n{{ a.name }\n{% endfor %}\n",
    );
    assert_usage_error(
        sb.evident().args([
            "run",
            "--repo",
            "app",
            "--author",
            ALICE.1,
            "--template-dir",
            "tpl",
        ]),
        &["portfolio.md:4", "template syntax error"],
    );
    sb.write("tpl/portfolio.md", "{{ p.no_such_field }}\n");
    assert_usage_error(
        sb.evident().args([
            "run",
            "--repo",
            "app",
            "--author",
            ALICE.1,
            "--template-dir",
            "tpl",
        ]),
        &["portfolio.md:1", "undefined"],
    );
}

#[test]
fn non_utf8_commit_messages_are_decoded_lossily() {
    let sb = Sandbox::new();
    let r = one_commit_repo(&sb, "latin");
    let parent = r.repo.head().unwrap().peel_to_commit().unwrap();
    let tree = parent.tree_id();
    let raw = format!(
        "tree {tree}\nparent {}\nauthor Alice Example <alice@example.com> {} +0000\ncommitter Alice Example <alice@example.com> {} +0000\nencoding ISO-8859-1\n\n",
        parent.id(),
        epoch("2026-05-02T10:00:00Z"),
        epoch("2026-05-02T10:00:00Z")
    );
    let mut bytes = raw.into_bytes();
    bytes.extend_from_slice(b"Corrige le caf\xe9 cass\xe9\n\nD\xe9tails \xff\xfe\n");
    let oid = r
        .repo
        .odb()
        .unwrap()
        .write(git2::ObjectType::Commit, &bytes)
        .unwrap();
    r.repo
        .reference("refs/heads/master", oid, true, "latin-1 commit")
        .unwrap();
    r.repo.set_head("refs/heads/master").unwrap();
    let ev = json_stdout(sb.evident().args([
        "collect",
        "--repo",
        "latin",
        "--author",
        ALICE.1,
        "--since",
        "2026-01-01",
    ]));
    let titles = evidence_titles(&ev);
    assert!(
        titles.iter().any(|t| t.starts_with("Corrige le caf")),
        "{titles:?}"
    );
    sb.evident()
        .args([
            "run",
            "--repo",
            "latin",
            "--author",
            ALICE.1,
            "--since",
            "2026-01-01",
        ])
        .assert()
        .success();
}

#[test]
fn unreadable_files_are_named() {
    let sb = Sandbox::new();
    one_commit_repo(&sb, "app");
    assert_usage_error(
        sb.evident()
            .args(["run", "--repo", "app", "--rules", "missing-rules.toml"]),
        &["could not read the rules file missing-rules.toml"],
    );
    assert_usage_error(
        sb.evident()
            .args(["run", "--repo", "app", "--config", "nope.toml"]),
        &["config file nope.toml does not exist", "evident init"],
    );
    std::fs::write(sb.path().join("latin1.toml"), b"name = \"caf\xe9\"\n").unwrap();
    assert_usage_error(
        sb.evident().args(["rubric", "check", "latin1.toml"]),
        &["latin1.toml is not UTF-8"],
    );
    // A folder we may not read (only meaningful when not running as root).
    let locked = sb.path().join("locked");
    std::fs::create_dir_all(&locked).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read_dir(&locked).is_err() {
        assert_usage_error(
            sb.evident()
                .args(["collect", "--repo", "locked", "--author", ALICE.1]),
            &["cannot read", "locked"],
        );
    } else {
        eprintln!(
            "note: running as root, a mode-000 folder is readable; that case is not checked here"
        );
    }
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn bad_evidence_and_portfolio_json() {
    let sb = Sandbox::new();
    sb.write(
        "bad.json",
        "{\"schema\": 1, \"evidence\": [{\"id\": \"x\", \"kind\": \"tweet\", \"title\": \"t\"}]}",
    );
    assert_usage_error(
        sb.evident().args(["classify", "--input", "bad.json"]),
        &["bad.json:1:", "tweet"],
    );
    sb.write("bad.jsonl", "{\"id\": \"a\", \"kind\": \"commit\", \"title\": \"ok\"}\n{\"id\": \"b\", \"kind\": \"commit\"}\n");
    assert_usage_error(
        sb.evident().args(["classify", "--input", "bad.jsonl"]),
        &["bad.jsonl:2:", "title"],
    );
    sb.write("p.json", "{\"schema\": 1}");
    assert_usage_error(
        sb.evident().args(["report", "--input", "p.json"]),
        &["p.json:1:", "not a portfolio"],
    );
}

#[test]
fn unknown_flags_and_formats() {
    let sb = Sandbox::new();
    one_commit_repo(&sb, "app");
    let (out, _) = run(sb.evident().args(["run", "--frobnicate"]));
    assert_eq!(out.status.code(), Some(2));
    // clap rejects it while parsing, listing the formats (its own wording, no `hint:`).
    let (out, stderr) = run(sb.evident().args([
        "run", "--repo", "app", "--author", ALICE.1, "--format", "pdf",
    ]));
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.starts_with("error: invalid value 'pdf' for '--format <FORMAT>'"),
        "{stderr}"
    );
    assert!(
        stderr.contains("[possible values: md, html, json]"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
}
