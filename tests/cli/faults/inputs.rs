//! Encodings, empty results, `--redact`, and the small ones: a template folder that does
//! not exist, the wrong stage file, `.jsonl` outputs, where `explain` looks, plurals.

use super::*;
use git2::{IndexEntry, IndexTime, ObjectType, Oid, Signature, Time};

/// A commit whose message is in ISO-8859-1, with the `encoding` header git writes for
/// `i18n.commitEncoding = ISO-8859-1`.
fn latin1_commit(r: &Repo) -> Oid {
    let head = r.repo.head().unwrap().peel_to_commit().unwrap();
    let time = epoch("2026-03-10T10:00:00Z");
    let mut raw = format!(
        "tree {}\nparent {}\nauthor Alice Example <alice@example.com> {time} +0000\ncommitter Alice Example <alice@example.com> {time} +0000\nencoding ISO-8859-1\n\n",
        head.tree_id(),
        head.id()
    )
    .into_bytes();
    raw.extend_from_slice(b"Caf\xe9 cr\xe8me: r\xe9sum\xe9 export\n\nD\xe9tails \xe0 suivre.\n");
    let id = r
        .repo
        .odb()
        .unwrap()
        .write(ObjectType::Commit, &raw)
        .unwrap();
    r.repo
        .head()
        .unwrap()
        .set_target(id, "latin-1 commit")
        .unwrap();
    id
}

#[test]
fn messages_are_decoded_with_their_commits_encoding() {
    let sb = Sandbox::new();
    let r = repo_with(&sb, "app", &["03-01"]);
    let id = latin1_commit(&r);
    let ran = run(sb.evident().args([
        "collect",
        "--repo",
        "app",
        "--author",
        ALICE.1,
        "--since",
        "2026-01-01",
    ]));
    assert_eq!(ran.code(), Some(0), "{}", ran.stderr);
    let ev = ran.json();
    let commit = ev["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["meta"]["sha"] == id.to_string().as_str())
        .unwrap();
    // Before: "Caf\u{fffd} cr\u{fffd}me…", decoded as UTF-8.
    assert_eq!(commit["title"], "Café crème: résumé export");
    assert_eq!(commit["body"], "Détails à suivre.");
    if let Some(subject) = git_here(&sb.path().join("app"), &["log", "-1", "--format=%s"]) {
        assert_eq!(
            subject.trim(),
            "Café crème: résumé export",
            "as git log shows it"
        );
    }
}

#[test]
fn a_design_doc_whose_name_is_not_utf8_is_collected() {
    let sb = Sandbox::new();
    let r = repo_with(&sb, "app", &["03-01"]);
    let name: &[u8] = b"docs/caf\xe9-design.md";
    let text = b"# Cache design\n\nWhy the cache is keyed by tenant.\n";
    let mut index = r.repo.index().unwrap();
    let entry = IndexEntry {
        ctime: IndexTime::new(0, 0),
        mtime: IndexTime::new(0, 0),
        dev: 0,
        ino: 0,
        mode: 0o100644,
        uid: 0,
        gid: 0,
        file_size: text.len() as u32,
        id: Oid::ZERO_SHA1,
        flags: 0,
        flags_extended: 0,
        path: name.to_vec(),
    };
    index.add_frombuffer(&entry, text).unwrap();
    let tree = r.repo.find_tree(index.write_tree().unwrap()).unwrap();
    let sig = Signature::new(
        ALICE.0,
        ALICE.1,
        &Time::new(epoch("2026-03-11T10:00:00Z"), 0),
    )
    .unwrap();
    let parent = r.repo.head().unwrap().peel_to_commit().unwrap();
    r.repo
        .commit(
            Some("HEAD"),
            &sig,
            &sig,
            "Write the cache design",
            &tree,
            &[&parent],
        )
        .unwrap();

    let ran = run(sb.evident().args([
        "collect",
        "--repo",
        "app",
        "--author",
        ALICE.1,
        "--since",
        "2026-01-01",
    ]));
    assert_eq!(ran.code(), Some(0), "{}", ran.stderr);
    let ev = ran.json();
    let docs = ids_of(&ev, "design_doc");
    assert_eq!(
        docs,
        ["doc:app:docs/caf\u{fffd}-design.md"],
        "{:#}",
        ev["evidence"]
    );
    let doc = ev["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "design_doc")
        .unwrap();
    assert_eq!(doc["title"], "Cache design");
    assert_eq!(doc["meta"]["path_not_utf8"], true);
}

#[test]
fn a_bot_given_as_the_author_is_told_it_is_a_bot_and_never_offered() {
    let sb = Sandbox::new();
    let r = repo_with(&sb, "app", &["03-01"]);
    let gopher = ("Gopher Robot", "gobot@golang.org");
    r.commit(
        gopher,
        "2026-03-02T10:00:00Z",
        "go.mod: update dependencies",
        &[Change::Write("go.mod", "module app\n")],
    );
    let ran = run(sb.evident().args([
        "run",
        "--repo",
        "app",
        "--author",
        gopher.1,
        "--since",
        "2026-01-01",
    ]));
    assert_eq!(ran.code(), Some(0), "{}", ran.stderr);
    assert!(
        ran.stderr
            .contains("Gopher Robot <gobot@golang.org> is a bot: its 1 commit is left out"),
        "{}",
        ran.stderr
    );
    assert!(
        ran.stderr
            .contains("the authors seen there: Alice Example <alice@example.com> (1 commit)\n"),
        "the bot is not offered as an author: {}",
        ran.stderr
    );
    // A repository where only a bot committed in the period says so.
    let quiet = sb.repo("quiet");
    quiet.commit(
        gopher,
        "2026-03-03T10:00:00Z",
        "go.mod: update dependencies",
        &[Change::Write("go.mod", "module quiet\n")],
    );
    let ran = run(sb.evident().args([
        "run",
        "--repo",
        "quiet",
        "--author",
        ALICE.1,
        "--since",
        "2026-01-01",
    ]));
    assert!(
        ran.stderr.contains(
            "only bots committed in the period in the 1 repository read (quiet): 1 commit"
        ),
        "{}",
        ran.stderr
    );
    assert!(!ran.stderr.contains("no commit at all"), "{}", ran.stderr);
}

#[test]
fn an_author_with_no_commits_is_told_who_was_seen() {
    let sb = Sandbox::new();
    repo_with(&sb, "app", &["03-01", "03-02"]);
    let ran = run(sb.evident().args([
        "run",
        "--repo",
        "app",
        "--author",
        "nobody@example.com",
        "--since",
        "2026-01-01",
    ]));
    assert_eq!(ran.code(), Some(0), "{}", ran.stderr);
    assert!(
        ran.stderr.contains("no commit in the period is by nobody@example.com in the 1 repository read (app); the authors seen there: Alice Example <alice@example.com> (2 commits)"),
        "{}",
        ran.stderr
    );
    assert!(
        ran.stderr.contains("hint: pass --author with one of them"),
        "{}",
        ran.stderr
    );
    // The portfolio names what was read (it said "0 repositories"), and why it is empty,
    // without other people's addresses.
    assert!(
        ran.stdout
            .contains("- **0** items in **1** repository (read: app)"),
        "{}",
        ran.stdout
    );
    assert!(
        ran.stdout.contains(
            "No commit in the period is by nobody@example.com in the 1 repository read (app)"
        ),
        "{}",
        ran.stdout
    );
    assert!(!ran.stdout.contains("alice@example.com"), "{}", ran.stdout);
}

#[test]
fn redact_replaces_whole_names_only_and_drops_note_links() {
    let sb = Sandbox::new();
    let r = sb.repo("evident");
    for (day, title) in [
        ("03-01", "Fix evident crash on empty input"),
        ("03-02", "Mail dev@evident.example about evident.toml"),
        ("03-03", "Split out the evident-core crate"),
    ] {
        r.commit(
            ALICE,
            &format!("2026-{day}T10:00:00Z"),
            title,
            &[Change::Write(&format!("{day}.rs"), "x\n")],
        );
    }
    sb.write("evident.toml", "author = [\"alice@example.com\"]\n");
    let added = run(sb.evident().args([
        "note",
        "add",
        "Ran a tracing session",
        "--signal",
        "mentoring",
        "--date",
        "2026-03-04",
        "--link",
        "https://wiki.internal.example/tracing",
    ]));
    assert_eq!(added.code(), Some(0), "{}", added.stderr);
    let ran = run(sb.evident().args([
        "run",
        "--repo",
        "evident",
        "--since",
        "2026-01-01",
        "--redact",
    ]));
    assert_eq!(ran.code(), Some(0), "{}", ran.stderr);
    let md = &ran.stdout;
    assert!(
        md.contains("Fix repository 1 crash on empty input"),
        "a whole name is replaced:\n{md}"
    );
    for kept in [
        "dev@evident.example",
        "evident.toml",
        "evident-core",
        "`evident note add",
    ] {
        assert!(
            md.contains(kept) || md.contains(&kept.replace('-', "\\-")),
            "`{kept}` is not the repository's name:\n{md}"
        );
    }
    assert!(
        md.contains("Ran a tracing session"),
        "the note's claim stays"
    );
    assert!(
        !md.contains("wiki.internal.example"),
        "its private link does not:\n{md}"
    );
}

#[test]
fn a_template_folder_that_does_not_exist_is_a_usage_error() {
    let sb = Sandbox::new();
    repo_with(&sb, "app", &["03-01"]);
    let ran = run(sb.evident().args([
        "run",
        "--repo",
        "app",
        "--author",
        ALICE.1,
        "--template-dir",
        "my-templatse",
    ]));
    assert_eq!(ran.code(), Some(2), "{}", ran.stderr);
    assert!(
        ran.stderr
            .starts_with("error: the template folder my-templatse does not exist"),
        "{}",
        ran.stderr
    );
    assert!(
        ran.stderr.contains("hint: check --template-dir"),
        "{}",
        ran.stderr
    );
    assert!(
        ran.stdout.is_empty(),
        "no fallback to the built-in templates"
    );
}

#[test]
fn each_stage_file_given_to_the_wrong_stage_says_which_stage_it_is_for() {
    let sb = Sandbox::new();
    repo_with(&sb, "app", &["03-01"]);
    let collected = run(sb.evident().args([
        "collect",
        "--repo",
        "app",
        "--author",
        ALICE.1,
        "--since",
        "2026-01-01",
        "--output",
        "evidence.json",
    ]));
    assert_eq!(collected.code(), Some(0), "{}", collected.stderr);
    let report = run(sb.evident().args(["report", "--input", "evidence.json"]));
    assert_eq!(report.code(), Some(2), "{}", report.stderr);
    assert!(
        report
            .stderr
            .starts_with("error: evidence.json is evidence, not a portfolio: run classify first"),
        "{}",
        report.stderr
    );
    assert!(
        report
            .stderr
            .contains("hint: `evident classify --input evidence.json --output portfolio.json`"),
        "{}",
        report.stderr
    );

    let classified = run(sb.evident().args([
        "classify",
        "--input",
        "evidence.json",
        "--output",
        "portfolio.json",
    ]));
    assert_eq!(classified.code(), Some(0), "{}", classified.stderr);
    let classify = run(sb.evident().args(["classify", "--input", "portfolio.json"]));
    assert_eq!(classify.code(), Some(2), "{}", classify.stderr);
    assert!(
        classify
            .stderr
            .starts_with("error: portfolio.json is a portfolio, not evidence"),
        "{}",
        classify.stderr
    );
    assert!(
        classify
            .stderr
            .contains("`evident report --input portfolio.json` renders it"),
        "{}",
        classify.stderr
    );
}

#[test]
fn collect_to_a_jsonl_file_writes_json_lines() {
    let sb = Sandbox::new();
    repo_with(&sb, "app", &["03-01", "03-02"]);
    let ran = run(sb.evident().args([
        "collect",
        "--repo",
        "app",
        "--author",
        ALICE.1,
        "--since",
        "2026-01-01",
        "-o",
        "ev.jsonl",
    ]));
    assert_eq!(ran.code(), Some(0), "{}", ran.stderr);
    let text = std::fs::read_to_string(sb.path().join("ev.jsonl")).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("one record a line"))
        .collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines.iter().all(|l| l["kind"] == "commit"));
    // --format still wins.
    run(sb.evident().args([
        "collect",
        "--repo",
        "app",
        "--author",
        ALICE.1,
        "--since",
        "2026-01-01",
        "-o",
        "ev.jsonl",
        "--format",
        "json",
    ]));
    let text = std::fs::read_to_string(sb.path().join("ev.jsonl")).unwrap();
    assert!(text.starts_with("{\n  \"schema\": 1"), "{text}");
}

#[test]
fn explain_says_where_it_looked() {
    let sb = Sandbox::new();
    let r = repo_with(&sb, "app", &["03-01"]);
    let missing = run(sb.evident().args(["explain", "abcdef1"]));
    assert_eq!(missing.code(), Some(2), "{}", missing.stderr);
    assert!(
        missing
            .stderr
            .contains("error: no portfolio to look in (the last run's portfolio would be"),
        "{}",
        missing.stderr
    );
    let ran = run(sb.evident().args([
        "run",
        "--repo",
        "app",
        "--author",
        ALICE.1,
        "--since",
        "2026-01-01",
    ]));
    assert_eq!(ran.code(), Some(0), "{}", ran.stderr);
    let sha = r.repo.head().unwrap().target().unwrap().to_string();
    let explained = run(sb.evident().args(["explain", &sha[..8]]));
    assert_eq!(explained.code(), Some(0), "{}", explained.stderr);
    assert!(
        explained.stdout.contains("Add feature 0"),
        "{}",
        explained.stdout
    );
    assert!(
        explained
            .stderr
            .contains("(from the last run's portfolio, ")
            && explained.stderr.contains(
                "last-portfolio.json, made 2026-11-23 12:00 UTC; --input FILE looks elsewhere)"
            ),
        "{}",
        explained.stderr
    );
    let unknown = run(sb.evident().args(["explain", "feedface"]));
    assert_eq!(unknown.code(), Some(2));
    assert!(
        unknown
            .stderr
            .contains("(looked in the last run's portfolio"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn one_commit_is_one_commit() {
    let sb = Sandbox::new();
    repo_with(&sb, "app", &["03-01"]);
    let ran = run(sb.evident().args([
        "run",
        "--repo",
        "app",
        "--author",
        ALICE.1,
        "--since",
        "2026-01-01",
    ]));
    assert!(
        ran.stdout.contains("- **1** commit authored (+1 −0 lines)"),
        "{}",
        ran.stdout
    );
    assert!(!ran.stdout.contains("1** commits"), "{}", ran.stdout);
    assert!(
        ran.stdout
            .contains("- **1** item in **1** repository (read: app)"),
        "{}",
        ran.stdout
    );
}
