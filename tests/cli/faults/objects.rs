//! Objects that cannot be read: the commit stays, its line counts unknown, and the
//! portfolio says which commits and how many. Never dropped (it was `filter_map(.ok())`).

use super::*;
use git2::Oid;
use std::path::PathBuf;

/// The loose object file of `id` in a fixture repository.
fn loose(r: &Repo, id: Oid) -> PathBuf {
    let hex = id.to_string();
    r.repo
        .path()
        .join("objects")
        .join(&hex[..2])
        .join(&hex[2..])
}

fn collect_json(sb: &Sandbox, repo: &str) -> Ran {
    run(sb.evident().args([
        "collect",
        "--repo",
        repo,
        "--author",
        ALICE.1,
        "--since",
        "2026-01-01",
    ]))
}

#[test]
fn a_missing_blob_keeps_its_commit_with_line_counts_unknown() {
    let sb = Sandbox::new();
    let r = repo_with(&sb, "damaged", &["03-01", "03-02", "03-03"]);
    let head = r.repo.head().unwrap().peel_to_commit().unwrap();
    let middle = head.parent(0).unwrap();
    let blob = middle
        .tree()
        .unwrap()
        .get_path("src/file1.rs".as_ref())
        .unwrap()
        .id();
    std::fs::remove_file(loose(&r, blob)).unwrap();

    let ran = collect_json(&sb, "damaged");
    assert_eq!(
        ran.code(),
        Some(0),
        "a warning, not a failure: {}",
        ran.stderr
    );
    let ev = ran.json();
    assert_eq!(ids_of(&ev, "commit").len(), 3, "no commit is lost");
    let sha = middle.id().to_string();
    let damaged = ev["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["meta"]["sha"] == sha.as_str())
        .expect("the damaged commit is kept");
    assert_eq!(
        damaged["title"], "Add feature 1",
        "its message is still read"
    );
    assert!(damaged["additions"].is_null(), "{damaged:#}");
    assert!(
        damaged["meta"]["stats_unknown"]
            .as_str()
            .unwrap()
            .contains("an object"),
        "{damaged:#}"
    );
    let entry = unseen(&ev, "unreadable-objects");
    assert_eq!(entry.len(), 1, "{:#}", ev["collection"]);
    assert_eq!(entry[0]["commits"], 1);
    assert_eq!(entry[0]["ids"][0], &sha[..12]);
    let message = entry[0]["message"].as_str().unwrap();
    assert!(
        message.contains("damaged: 1 commit could not be fully read")
            && message.contains(&sha[..12]),
        "{message}"
    );
    assert!(message.contains("git -C damaged fsck"), "{message}");
    assert!(
        ran.stderr.contains(&sha[..12]),
        "said on stderr too: {}",
        ran.stderr
    );

    // The portfolio says the totals lack those lines.
    let md = run(sb.evident().args([
        "run",
        "--repo",
        "damaged",
        "--author",
        ALICE.1,
        "--since",
        "2026-01-01",
    ]));
    assert_eq!(md.code(), Some(0), "{}", md.stderr);
    assert!(
        md.stdout.contains("line counts unknown for 1"),
        "{}",
        md.stdout
    );
    assert!(
        md.stdout.contains("## What could not be seen"),
        "{}",
        md.stdout
    );
}

#[test]
fn a_corrupt_tree_keeps_both_commits_that_read_it() {
    let sb = Sandbox::new();
    let r = repo_with(&sb, "corrupt", &["04-01", "04-02", "04-03"]);
    let head = r.repo.head().unwrap().peel_to_commit().unwrap();
    let middle = head.parent(0).unwrap();
    let file = loose(&r, middle.tree_id());
    let mut perms = std::fs::metadata(&file).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&file, perms).unwrap();
    std::fs::write(&file, b"this is not a zlib stream").unwrap();

    let ran = collect_json(&sb, "corrupt");
    assert_eq!(ran.code(), Some(0), "{}", ran.stderr);
    let ev = ran.json();
    assert_eq!(ids_of(&ev, "commit").len(), 3, "no commit is lost");
    let unknown: Vec<&Value> = ev["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["meta"]["stats_unknown"].is_string())
        .collect();
    // The middle commit's diff reads its tree, and so does HEAD's (as its parent's).
    assert_eq!(unknown.len(), 2, "{:#}", ev["evidence"]);
    assert_eq!(unseen(&ev, "unreadable-objects")[0]["commits"], 2);

    // --strict: the same evidence is written, and the run fails.
    let out = sb.path().join("ev.json");
    let strict = run(sb
        .evident()
        .args([
            "collect",
            "--repo",
            "corrupt",
            "--author",
            ALICE.1,
            "--since",
            "2026-01-01",
            "--strict",
            "--output",
        ])
        .arg(&out));
    assert_eq!(strict.code(), Some(1), "{}", strict.stderr);
    assert!(
        strict
            .stderr
            .contains("error: --strict: the collection could not see everything"),
        "{}",
        strict.stderr
    );
    let written: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(ids_of(&written, "commit").len(), 3, "written all the same");
}

#[test]
fn a_partial_clone_keeps_every_commit_and_says_it_is_partial() {
    let sb = Sandbox::new();
    repo_with(&sb, "upstream", &["05-01", "05-02"]);
    let Some(_) = git_here(
        sb.path(),
        &["-C", "upstream", "config", "uploadpack.allowFilter", "true"],
    ) else {
        eprintln!("skipped: git is not installed, and it makes the partial clone");
        return;
    };
    let url = format!("file://{}", sb.path().join("upstream").display());
    git(
        sb.path(),
        &[
            "clone",
            "-q",
            "--filter=blob:none",
            "--no-checkout",
            &url,
            "partial",
        ],
    );

    let ran = collect_json(&sb, "partial");
    assert_eq!(ran.code(), Some(0), "{}", ran.stderr);
    let ev = ran.json();
    // Before: 0 of 2 commits, exit 0 and no word. Now both, their line counts unknown.
    assert_eq!(ids_of(&ev, "commit").len(), 2, "{:#}", ev);
    let entry = unseen(&ev, "unreadable-objects");
    assert_eq!(entry[0]["commits"], 2);
    let message = entry[0]["message"].as_str().unwrap();
    assert!(message.contains("partial clone"), "{message}");
    assert!(message.contains("git -C partial log -p"), "{message}");
}
