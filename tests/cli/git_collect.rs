//! The git collector against fixture repositories: counts match `git log`, identities,
//! periods, links, design docs.

use crate::common::*;
use serde_json::Value;

/// A repository with the awkward cases: renames (pure and edited), a binary file, a merge,
/// a mailmapped old email, a co-authored commit, another author, and work outside the period.
fn awkward_repo(sb: &Sandbox) -> Repo {
    let r = sb.repo("widgets");
    r.remote("git@github.com:acme/widgets.git");
    let old_alice = ("Alice E.", "alice@old.example");
    r.commit(
        ALICE,
        "2025-06-01T10:00:00Z",
        "Initial import before the period",
        &[Change::Write("src/lib.rs", "fn a() {}\n")],
    );
    r.commit(
        ALICE,
        "2026-01-10T09:00:00Z",
        "Add mailmap",
        &[Change::Write(
            ".mailmap",
            "Alice Example <alice@example.com> <alice@old.example>\n",
        )],
    );
    r.commit(
        old_alice,
        "2026-02-01T09:00:00Z",
        "Add parser module",
        &[Change::Write(
            "src/parser.rs",
            "line1\nline2\nline3\nline4\nline5\nline6\nline7\nline8\nline9\nline10\n",
        )],
    );
    r.commit(
        ALICE,
        "2026-02-02T09:00:00Z",
        "Rename parser to reader",
        &[Change::Rename("src/parser.rs", "src/reader.rs")],
    );
    r.commit(ALICE, "2026-02-03T09:00:00Z", "Move reader and tweak it", &[
        Change::Delete("src/reader.rs"),
        Change::Write("src/io/reader.rs", "line1\nline2\nline3\nline4\nline5\nline6\nline7\nline8\nline9\nline10 changed\nline11\n"),
    ]);
    r.commit(
        ALICE,
        "2026-02-04T09:00:00Z",
        "Add logo",
        &[Change::Bytes(
            "assets/logo.png",
            &[0x89, b'P', b'N', b'G', 0, 1, 2, 3, 0, 0, 255, 254],
        )],
    );
    r.commit(
        BOB,
        "2026-02-05T09:00:00Z",
        "Fix typo in docs",
        &[Change::Write("README.md", "hello\n")],
    );
    r.commit(
        ALICE,
        "2026-03-01T09:00:00Z",
        "Pair on the cache\n\nCo-authored-by: Bob Builder <bob@example.com>",
        &[Change::Write("src/cache.rs", "a\nb\n")],
    );
    r.commit(
        BOB,
        "2026-03-02T09:00:00Z",
        "Speed up cache lookups\n\nCo-authored-by: Alice Example <alice@example.com>",
        &[Change::Write("src/cache.rs", "a\nb\nc\n")],
    );
    // A side branch merged back: the merge is skipped, the branch commit counts.
    r.branch("side");
    let main_tip = r.repo.head().unwrap().peel_to_commit().unwrap().id();
    r.checkout("side");
    let side = r.commit(
        ALICE,
        "2026-03-03T09:00:00Z",
        "Side work",
        &[Change::Write("src/side.rs", "x\ny\n")],
    );
    r.repo.set_head_detached(main_tip).unwrap();
    r.repo
        .checkout_head(Some(git2::build::CheckoutBuilder::new().force()))
        .unwrap();
    r.repo
        .branch("main2", &r.repo.find_commit(main_tip).unwrap(), true)
        .unwrap();
    r.checkout("main2");
    r.commit(
        ALICE,
        "2026-03-04T09:00:00Z",
        "Main work",
        &[Change::Write("src/main.rs", "m\n")],
    );
    r.commit_with_parents(
        ALICE,
        "2026-03-05T09:00:00Z",
        "Merge branch 'side'",
        &[Change::Write("src/side.rs", "x\ny\n")],
        Some(side),
    );
    r.commit(
        ALICE,
        "2026-12-01T09:00:00Z",
        "After the period",
        &[Change::Write("src/late.rs", "z\n")],
    );
    r
}

/// (commits, additions, deletions) as git counts them with the command that reproduces
/// evident's definition (docs/git-collection.md): every non-merge commit with its author
/// time and mailmapped email, kept when the time is in [since, until) and the email is
/// the author's without regard to case.
fn git_log_counts(
    dir: &std::path::Path,
    author: &str,
    since: &str,
    until: &str,
) -> (usize, u64, u64) {
    let out = git(
        dir,
        &[
            "log",
            "--no-merges",
            "--use-mailmap",
            "--numstat",
            "--format=commit %H %at %aE",
            "HEAD",
        ],
    );
    let (since, until) = (epoch(since), epoch(until));
    let mut commits = 0;
    let (mut add, mut del) = (0u64, 0u64);
    let mut keep = false;
    for line in out.lines() {
        if let Some(rest) = line.strip_prefix("commit ") {
            let parts: Vec<&str> = rest.split(' ').collect();
            let time: i64 = parts[1].parse().unwrap();
            keep = (since..until).contains(&time) && parts[2].eq_ignore_ascii_case(author);
            commits += usize::from(keep);
        } else if let (true, Some((a, rest))) = (keep, line.split_once('\t')) {
            let d = rest.split('\t').next().unwrap_or("-");
            add += a.parse::<u64>().unwrap_or(0); // binary files show `-`: count 0
            del += d.parse::<u64>().unwrap_or(0);
        }
    }
    (commits, add, del)
}

fn authored(evidence: &Value) -> Vec<&Value> {
    evidence["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "commit" && e["meta"]["role"] == "author")
        .collect()
}

#[test]
fn counts_match_git_log() {
    if !git_available() {
        eprintln!("skipped: git is not installed, and it is the oracle for this test");
        return;
    }
    let sb = Sandbox::new();
    let r = awkward_repo(&sb);
    let since = "2026-01-01T00:00:00Z";
    let until = "2026-11-01T00:00:00Z";
    let ev = json_stdout(sb.evident().args([
        "collect", "--repo", "widgets", "--author", ALICE.1, "--since", since, "--until", until,
    ]));
    let mine = authored(&ev);
    let add: u64 = mine.iter().map(|e| e["additions"].as_u64().unwrap()).sum();
    let del: u64 = mine.iter().map(|e| e["deletions"].as_u64().unwrap()).sum();
    let expected = git_log_counts(&r.path, ALICE.1, since, until);
    assert_eq!((mine.len(), add, del), expected);
    // The fixture really has the awkward cases in the period.
    assert_eq!(
        expected.0, 8,
        "mailmap, add, rename, edit-rename, binary, pair, side, main"
    );
    let titles: Vec<&str> = mine.iter().map(|e| e["title"].as_str().unwrap()).collect();
    assert!(
        titles.contains(&"Add parser module"),
        "mailmapped old email counts: {titles:?}"
    );
    assert!(
        !titles.iter().any(|t| t.starts_with("Merge")),
        "merges are skipped: {titles:?}"
    );

    // The same with Bob, who has fewer, simpler commits.
    let ev = json_stdout(sb.evident().args([
        "collect", "--repo", "widgets", "--author", BOB.1, "--since", since, "--until", until,
    ]));
    let bob = authored(&ev);
    assert_eq!(bob.len(), git_log_counts(&r.path, BOB.1, since, until).0);
}

#[test]
fn commit_records_carry_the_contract_fields() {
    let sb = Sandbox::new();
    let r = awkward_repo(&sb);
    let ev = json_stdout(sb.evident().args([
        "collect",
        "--repo",
        "widgets",
        "--author",
        ALICE.1,
        "--since",
        "2026-01-01",
        "--until",
        "2026-10-31",
    ]));
    let records = ev["evidence"].as_array().unwrap();
    let rename = records
        .iter()
        .find(|e| e["title"] == "Move reader and tweak it")
        .unwrap();
    let sha = rename["meta"]["sha"].as_str().unwrap();
    assert_eq!(rename["id"], format!("git:acme/widgets:{sha}"));
    assert_eq!(rename["repo"], "acme/widgets");
    assert_eq!(rename["author"], ALICE.1);
    assert_eq!(rename["timestamp"], "2026-02-03T09:00:00Z");
    assert_eq!(
        rename["url"],
        format!("https://github.com/acme/widgets/commit/{sha}")
    );
    assert_eq!(rename["paths"], serde_json::json!(["src/io/reader.rs"]));
    assert_eq!(
        (
            rename["additions"].as_u64(),
            rename["deletions"].as_u64(),
            rename["files_changed"].as_u64()
        ),
        (Some(2), Some(1), Some(1))
    );
    let binary = records.iter().find(|e| e["title"] == "Add logo").unwrap();
    assert_eq!(
        (binary["additions"].as_u64(), binary["deletions"].as_u64()),
        (Some(0), Some(0))
    );

    // Co-authored: credited with `collaboration`, the co-authors recorded, not counted as authored.
    let paired = records
        .iter()
        .find(|e| e["title"] == "Speed up cache lookups")
        .unwrap();
    assert_eq!(paired["meta"]["role"], "co-author");
    assert_eq!(
        paired["meta"]["co_authors"],
        serde_json::json!(["Alice Example <alice@example.com>"])
    );
    assert_eq!(paired["meta"]["trailers"][0]["key"], "Co-authored-by");
    let _ = r;
}

#[test]
fn all_branches_counts_each_commit_once() {
    let sb = Sandbox::new();
    let r = sb.repo("app");
    r.commit(
        ALICE,
        "2026-05-01T10:00:00Z",
        "Base",
        &[Change::Write("a", "1\n")],
    );
    r.branch("feature");
    r.checkout("feature");
    r.commit(
        ALICE,
        "2026-05-02T10:00:00Z",
        "Feature work",
        &[Change::Write("b", "1\n")],
    );
    r.branch("feature-copy");
    let count = |extra: &[&str]| {
        let mut args = vec![
            "collect",
            "--repo",
            "app",
            "--author",
            ALICE.1,
            "--since",
            "2026-01-01",
        ];
        args.extend_from_slice(extra);
        json_stdout(sb.evident().args(&args))["evidence"]
            .as_array()
            .unwrap()
            .len()
    };
    r.checkout("master");
    assert_eq!(count(&[]), 1, "HEAD only");
    assert_eq!(
        count(&["--all-branches"]),
        2,
        "both branches, each commit once"
    );
}

#[test]
fn default_author_is_the_repository_user_email_and_period_defaults_to_a_year() {
    let sb = Sandbox::new();
    let r = sb.repo("app");
    r.commit(
        ALICE,
        "2026-05-01T10:00:00Z",
        "Recent",
        &[Change::Write("a", "1\n")],
    );
    r.commit(
        ALICE,
        "2025-05-01T10:00:00Z",
        "Too old",
        &[Change::Write("b", "1\n")],
    );
    r.commit(
        BOB,
        "2026-05-02T10:00:00Z",
        "Bob's",
        &[Change::Write("c", "1\n")],
    );
    let ev = json_stdout(sb.evident().current_dir(&r.path).args(["collect"]));
    let titles = evidence_titles(&ev);
    assert_eq!(titles, vec!["Recent"]);
    assert_eq!(ev["collection"]["person"], ALICE.0);
}

#[test]
fn identity_aliases_join_emails_and_names() {
    let sb = Sandbox::new();
    let r = sb.repo("app");
    r.commit(
        ALICE,
        "2026-05-01T10:00:00Z",
        "Work email",
        &[Change::Write("a", "1\n")],
    );
    r.commit(
        ("Alice at home", "alice@home.example"),
        "2026-05-02T10:00:00Z",
        "Home email",
        &[Change::Write("b", "1\n")],
    );
    r.commit(
        ("A. Example", "laptop@localhost"),
        "2026-05-03T10:00:00Z",
        "Laptop",
        &[Change::Write("c", "1\n")],
    );
    r.commit(
        BOB,
        "2026-05-04T10:00:00Z",
        "Bob",
        &[Change::Write("d", "1\n")],
    );
    sb.write("evident.toml", "[identity]\nname = \"Alice Example\"\nemails = [\"alice@example.com\", \"alice@home.example\"]\naliases = [\"A. Example\"]\n");
    let ev = json_stdout(
        sb.evident()
            .args(["collect", "--repo", "app", "--since", "2026-01-01"]),
    );
    let records = ev["evidence"].as_array().unwrap();
    assert_eq!(records.len(), 3);
    assert!(records.iter().all(|e| e["author"] == "alice@example.com"));
}

#[test]
fn a_folder_of_repositories_is_searched_skipping_build_output() {
    let sb = Sandbox::new();
    let a = Repo::init(&sb.path().join("work/a"));
    a.commit(
        ALICE,
        "2026-05-01T10:00:00Z",
        "In a",
        &[Change::Write("x", "1\n")],
    );
    let b = Repo::init(&sb.path().join("work/group/b"));
    b.commit(
        ALICE,
        "2026-05-01T11:00:00Z",
        "In b",
        &[Change::Write("x", "1\n")],
    );
    let hidden = Repo::init(&sb.path().join("work/node_modules/dep"));
    hidden.commit(
        ALICE,
        "2026-05-01T12:00:00Z",
        "In a dependency",
        &[Change::Write("x", "1\n")],
    );
    let ev = json_stdout(sb.evident().args([
        "collect",
        "--repo",
        "work",
        "--author",
        ALICE.1,
        "--since",
        "2026-01-01",
    ]));
    let mut titles = evidence_titles(&ev);
    titles.sort();
    assert_eq!(titles, vec!["In a", "In b"]);
}

#[test]
fn bare_repositories_and_worktrees_work() {
    if !git_available() {
        eprintln!("skipped: git is needed to make a bare clone and a worktree");
        return;
    }
    let sb = Sandbox::new();
    let r = sb.repo("origin");
    r.commit(
        ALICE,
        "2026-05-01T10:00:00Z",
        "Shared work",
        &[Change::Write("x", "1\n")],
    );
    git(sb.path(), &["clone", "-q", "--bare", "origin", "bare.git"]);
    git(&r.path, &["worktree", "add", "-q", "../wt", "-b", "wt"]);
    for repo in ["bare.git", "wt"] {
        let ev = json_stdout(sb.evident().args([
            "collect",
            "--repo",
            repo,
            "--author",
            ALICE.1,
            "--since",
            "2026-01-01",
        ]));
        assert_eq!(ev["evidence"].as_array().unwrap().len(), 1, "{repo}");
    }
    let ev = json_stdout(sb.evident().args([
        "collect",
        "--repo",
        "bare.git",
        "--author",
        ALICE.1,
        "--since",
        "2026-01-01",
    ]));
    assert_eq!(ev["evidence"][0]["repo"], "bare");
}

#[test]
fn design_docs_by_creation_majority_and_author_field() {
    let sb = Sandbox::new();
    let r = sb.repo("svc");
    r.remote("https://gitlab.com/acme/svc.git");
    r.commit(
        ALICE,
        "2026-04-01T10:00:00Z",
        "Propose event sourcing",
        &[Change::Write(
            "docs/adr/0007-event-sourcing.md",
            "# Use event sourcing for orders\n\nWe will store order changes as events.\n\nMore.\n",
        )],
    );
    r.commit(
        BOB,
        "2026-04-02T10:00:00Z",
        "Add Bob's caching RFC",
        &[Change::Write(
            "rfcs/0001-caching.md",
            "# Caching\n\nBob's plan.\n",
        )],
    );
    r.commit(
        BOB,
        "2026-04-03T10:00:00Z",
        "Commit Alice's design for her",
        &[Change::Write(
            "design/search.md",
            "---\nauthor: Alice Example\n---\n# Search design\n\nHow search works.\n",
        )],
    );
    r.commit(
        ALICE,
        "2026-04-04T10:00:00Z",
        "Write most of the caching RFC",
        &[Change::Write(
            "rfcs/0001-caching.md",
            "# Caching\n\nBob's plan.\n\nAlice 1\nAlice 2\nAlice 3\nAlice 4\n",
        )],
    );
    r.commit(
        ALICE,
        "2026-04-05T10:00:00Z",
        "Draft Bob's proposal",
        &[Change::Write(
            "docs/queue.md",
            "# Queue\n\nAuthors: Bob Builder\n\nText.\n",
        )],
    );
    let ev = json_stdout(sb.evident().args([
        "collect",
        "--repo",
        "svc",
        "--author",
        ALICE.1,
        "--since",
        "2026-01-01",
    ]));
    let docs: Vec<&Value> = ev["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "design_doc")
        .collect();
    let mut titles: Vec<&str> = docs.iter().map(|d| d["title"].as_str().unwrap()).collect();
    titles.sort();
    assert_eq!(
        titles,
        vec!["Caching", "Search design", "Use event sourcing for orders"]
    );
    let adr = docs
        .iter()
        .find(|d| d["title"] == "Use event sourcing for orders")
        .unwrap();
    assert_eq!(adr["id"], "doc:acme/svc:docs/adr/0007-event-sourcing.md");
    assert!(
        adr["url"]
            .as_str()
            .unwrap()
            .starts_with("https://gitlab.com/acme/svc/-/blob/")
    );
    assert_eq!(adr["timestamp"], "2026-04-01T10:00:00Z");
    let search = docs.iter().find(|d| d["title"] == "Search design").unwrap();
    assert_eq!(
        search["meta"]["authorship"],
        "named as author in the document"
    );
}

#[test]
fn a_long_history_before_the_period_is_not_counted() {
    // The walk stops once it is past the period; what is in the period is still all there.
    let sb = Sandbox::new();
    let r = sb.repo("long");
    for day in 1..=28 {
        for hour in 0..8 {
            r.commit(
                ALICE,
                &format!("2024-02-{day:02}T{:02}:00:00Z", hour + 8),
                "Old work",
                &[Change::Write("old.txt", &format!("{day}-{hour}\n"))],
            );
        }
    }
    r.commit(
        ALICE,
        "2026-02-01T10:00:00Z",
        "New work",
        &[Change::Write("new.txt", "1\n")],
    );
    r.commit(
        BOB,
        "2026-02-02T10:00:00Z",
        "Bob's new work",
        &[Change::Write("new.txt", "2\n")],
    );
    r.commit(
        ALICE,
        "2026-02-03T10:00:00Z",
        "More new work",
        &[Change::Write("new.txt", "3\n")],
    );
    let ev = json_stdout(sb.evident().args([
        "collect",
        "--repo",
        "long",
        "--author",
        ALICE.1,
        "--since",
        "2026-01-01",
    ]));
    let titles = evidence_titles(&ev);
    assert_eq!(titles, vec!["New work", "More new work"]);
    let all = json_stdout(sb.evident().args([
        "collect",
        "--repo",
        "long",
        "--author",
        ALICE.1,
        "--since",
        "2024-01-01",
    ]));
    assert_eq!(all["evidence"].as_array().unwrap().len(), 28 * 8 + 2);
}

#[test]
fn gitattributes_that_mark_files_binary_are_honoured_like_git() {
    if !git_available() {
        eprintln!("skipped: git is not installed, and it is the oracle for this test");
        return;
    }
    let sb = Sandbox::new();
    let r = sb.repo("attrs");
    r.commit(
        ALICE,
        "2026-03-01T10:00:00Z",
        "Mark data files binary",
        &[Change::Write(".gitattributes", "*.dat -diff\n")],
    );
    r.commit(
        ALICE,
        "2026-03-02T10:00:00Z",
        "Add data",
        &[Change::Write("table.dat", "a\nb\nc\n")],
    );
    r.commit(
        ALICE,
        "2026-03-03T10:00:00Z",
        "Change data and code",
        &[
            Change::Write("table.dat", "a\nB\nc\nd\n"),
            Change::Write("src/x.rs", "x\n"),
        ],
    );
    let since = "2026-01-01T00:00:00Z";
    let until = "2026-06-01T00:00:00Z";
    let ev = json_stdout(sb.evident().args([
        "collect", "--repo", "attrs", "--author", ALICE.1, "--since", since, "--until", until,
    ]));
    let mine = authored(&ev);
    let add: u64 = mine.iter().map(|e| e["additions"].as_u64().unwrap()).sum();
    let del: u64 = mine.iter().map(|e| e["deletions"].as_u64().unwrap()).sum();
    assert_eq!(
        (mine.len(), add, del),
        git_log_counts(&r.path, ALICE.1, since, until)
    );
    assert_eq!(
        (add, del),
        (2, 0),
        "only .gitattributes and src/x.rs count lines"
    );
}

/// A page of `docs/` is a design doc only when it reads like one; a user guide there is
/// documentation work, kept as its commit.
#[test]
fn a_user_guide_in_docs_is_not_a_design_doc() {
    let sb = Sandbox::new();
    let r = sb.repo("svc");
    r.commit(
        ALICE,
        "2026-04-01T10:00:00Z",
        "Add the installation guide",
        &[Change::Write(
            "docs/install.md",
            "# Installation\n\n## Linux\n\nRun the installer.\n",
        )],
    );
    r.commit(
        ALICE,
        "2026-04-02T10:00:00Z",
        "Propose a cache for search",
        &[Change::Write(
            "docs/caching.md",
            "# Caching search results\n\n## Motivation\n\nSearch is slow.\n\n## Alternatives\n\nNone.\n",
        )],
    );
    let ev = json_stdout(sb.evident().args([
        "collect",
        "--repo",
        "svc",
        "--author",
        ALICE.1,
        "--since",
        "2026-01-01",
    ]));
    let evidence = ev["evidence"].as_array().unwrap();
    let docs: Vec<&str> = evidence
        .iter()
        .filter(|e| e["kind"] == "design_doc")
        .map(|e| e["title"].as_str().unwrap())
        .collect();
    assert_eq!(docs, ["Caching search results"]);
    assert!(
        evidence
            .iter()
            .any(|e| e["kind"] == "commit" && e["title"] == "Add the installation guide"),
        "{ev:#}"
    );
}
