//! Per-commit parity with the real `git`: for each cause of a difference seen on real
//! histories, a fixture where evident's numbers for every commit must equal those of the
//! command that reproduces evident's definition:
//!
//! `git log --no-merges --use-mailmap --numstat --format='commit %H %at %aE'`, keeping
//! the commits whose author time is in the period and whose mailmapped email is the
//! person's (without regard to case).

use crate::common::*;
use git2::{Oid, Repository, Signature, Time};
use std::collections::BTreeMap;
use std::path::Path;

/// A tree entry of a fixture commit.
#[derive(Clone)]
enum Entry {
    File(String),
    Link(&'static str),
    Submodule(&'static str),
}

fn file(text: &str) -> Entry {
    Entry::File(text.to_string())
}

fn lines(n: usize, tag: &str) -> String {
    (0..n).map(|i| format!("{tag} line {i}\n")).collect()
}

/// Commits exactly this tree (paths to entries) on HEAD, with its own author and
/// committer times (seconds).
fn commit_tree(
    repo: &Repository,
    files: &BTreeMap<&str, Entry>,
    who: (&str, &str),
    author_time: i64,
    commit_time: i64,
    message: &str,
) -> Oid {
    let tree = write_tree(repo, files, "");
    let tree = repo.find_tree(tree).unwrap();
    let author = Signature::new(who.0, who.1, &Time::new(author_time, 0)).unwrap();
    let committer = Signature::new(who.0, who.1, &Time::new(commit_time, 0)).unwrap();
    let parent = repo.head().ok().and_then(|h| h.peel_to_commit().ok());
    let parents: Vec<&git2::Commit> = parent.iter().collect();
    repo.commit(Some("HEAD"), &author, &committer, message, &tree, &parents)
        .unwrap()
}

/// Writes the entries under `prefix` as a tree (folders from the paths).
fn write_tree(repo: &Repository, files: &BTreeMap<&str, Entry>, prefix: &str) -> Oid {
    let mut builder = repo.treebuilder(None).unwrap();
    let mut folders: BTreeMap<String, ()> = BTreeMap::new();
    for (path, entry) in files {
        let Some(rest) = path.strip_prefix(prefix) else {
            continue;
        };
        if let Some((folder, _)) = rest.split_once('/') {
            folders.insert(folder.to_string(), ());
            continue;
        }
        let (id, mode) = match entry {
            Entry::File(text) => (repo.blob(text.as_bytes()).unwrap(), 0o100644),
            Entry::Link(target) => (repo.blob(target.as_bytes()).unwrap(), 0o120000),
            Entry::Submodule(commit) => (Oid::from_str(commit).unwrap(), 0o160000),
        };
        builder.insert(rest, id, mode).unwrap();
    }
    for folder in folders.keys() {
        let id = write_tree(repo, files, &format!("{prefix}{folder}/"));
        builder.insert(folder, id, 0o040000).unwrap();
    }
    builder.write().unwrap()
}

/// Runs git in `dir` with a clean environment: no system config, HOME in the sandbox.
fn clean_git(sb: &Sandbox, dir: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", sb.path().join("home"))
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Per commit: (additions, deletions, files changed).
type Counts = BTreeMap<String, (u64, u64, u64)>;

/// What git's reproducing command gives for `email`, for author times in [since, until).
fn git_counts(sb: &Sandbox, dir: &Path, email: &str, since: i64, until: i64) -> Counts {
    let out = clean_git(
        sb,
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
    let mut counts = Counts::new();
    let mut current: Option<String> = None;
    for line in out.lines() {
        if let Some(rest) = line.strip_prefix("commit ") {
            let parts: Vec<&str> = rest.split(' ').collect();
            let time: i64 = parts[1].parse().unwrap();
            let keep = (since..until).contains(&time) && parts[2].eq_ignore_ascii_case(email);
            current = keep.then(|| parts[0].to_string());
            if let Some(sha) = &current {
                counts.insert(sha.clone(), (0, 0, 0));
            }
        } else if let (Some(sha), Some((a, rest))) = (&current, line.split_once('\t')) {
            let d = rest.split('\t').next().unwrap();
            let c = counts.get_mut(sha).unwrap();
            c.0 += a.parse::<u64>().unwrap_or(0); // binary: `-`
            c.1 += d.parse::<u64>().unwrap_or(0);
            c.2 += 1;
        }
    }
    counts
}

/// What evident collects for `email` in the period.
fn evident_counts(sb: &Sandbox, repo: &str, email: &str, since: &str, until: &str) -> Counts {
    evident_counts_with(sb, repo, email, since, until, &["--no-store"])
}

/// [`evident_counts`] with more arguments (`--no-store`, or a store to use).
fn evident_counts_with(
    sb: &Sandbox,
    repo: &str,
    email: &str,
    since: &str,
    until: &str,
    more: &[&str],
) -> Counts {
    let ev = json_stdout(
        sb.evident()
            .args([
                "collect",
                "--no-design-docs",
                "--repo",
                repo,
                "--author",
                email,
                "--since",
                since,
                "--until",
                until,
            ])
            .args(more),
    );
    ev["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "commit" && e["meta"]["role"] == "author")
        .map(|e| {
            let n = |k: &str| e[k].as_u64().unwrap();
            (
                e["meta"]["sha"].as_str().unwrap().to_string(),
                (n("additions"), n("deletions"), n("files_changed")),
            )
        })
        .collect()
}

const SINCE: &str = "2026-01-01T00:00:00Z";
const UNTIL: &str = "2026-11-01T00:00:00Z";

/// Asserts that evident and git agree on every commit of `email` in the period, and
/// returns the counts.
fn assert_parity(sb: &Sandbox, repo: &str, email: &str) -> Counts {
    let git = git_counts(sb, &sb.path().join(repo), email, epoch(SINCE), epoch(UNTIL));
    let ev = evident_counts(sb, repo, email, SINCE, UNTIL);
    assert_eq!(ev, git, "evident (left) and git (right) per commit");
    ev
}

fn at(day: u32) -> i64 {
    epoch(&format!("2026-02-{day:02}T10:00:00Z"))
}

/// Commits `trees` one after another, a day apart from 2026-02-01, by Alice. Returns the
/// commit ids.
fn history(repo: &Repository, trees: &[BTreeMap<&str, Entry>]) -> Vec<String> {
    trees
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let time = at(i as u32 + 1);
            commit_tree(repo, t, ALICE, time, time, &format!("Change {i}")).to_string()
        })
        .collect()
}

macro_rules! need_git {
    () => {
        if !git_available() {
            eprintln!("skipped: git is not installed, and it is the oracle for this test");
            return;
        }
    };
}

#[test]
fn a_rename_below_half_similarity_is_a_delete_and_an_add() {
    need_git!();
    let sb = Sandbox::new();
    let r = sb.repo("r");
    let old = lines(20, "a");
    // Every line re-indented: libgit2 ignores the whitespace and pairs the two, git's
    // score counts bytes and finds almost nothing in common.
    let edited: String = old.lines().map(|l| format!("    {l}\n")).collect();
    let ids = history(
        &r.repo,
        &[
            BTreeMap::from([("src/old.rs", file(&old))]),
            BTreeMap::from([("src/new.rs", file(&edited))]),
        ],
    );
    let counts = assert_parity(&sb, "r", ALICE.1);
    assert_eq!(
        counts[&ids[1]],
        (20, 20, 2),
        "no rename: all lines out and in"
    );
}

#[test]
fn a_file_keeping_its_name_is_paired_before_a_more_similar_one() {
    need_git!();
    let sb = Sandbox::new();
    let r = sb.repo("r");
    // c/util.rs keeps 80% of a/util.rs and 95% of b/other.rs: git pairs by the same file
    // name first (at 75% or more), so b/other.rs is a deletion.
    let same_name = format!("{}{}", lines(32, "x"), lines(8, "y"));
    let near = format!("{}{}", lines(38, "x"), lines(2, "z"));
    let target = format!("{}{}", lines(38, "x"), lines(2, "w"));
    let ids = history(
        &r.repo,
        &[
            BTreeMap::from([("a/util.rs", file(&same_name)), ("b/other.rs", file(&near))]),
            BTreeMap::from([("c/util.rs", file(&target))]),
        ],
    );
    let counts = assert_parity(&sb, "r", ALICE.1);
    assert_eq!(counts[&ids[1]].2, 2, "one rename and one deletion");
}

#[test]
fn submodules_count_one_line_per_side_as_in_git() {
    need_git!();
    let sb = Sandbox::new();
    let r = sb.repo("r");
    let a = "1111111111111111111111111111111111111111";
    let b = "2222222222222222222222222222222222222222";
    let readme = || ("README", file("hi\n"));
    let ids = history(
        &r.repo,
        &[
            BTreeMap::from([readme()]),
            BTreeMap::from([readme(), ("vendor/lib", Entry::Submodule(a))]),
            BTreeMap::from([readme(), ("vendor/lib", Entry::Submodule(b))]),
            BTreeMap::from([readme()]),
        ],
    );
    let counts = assert_parity(&sb, "r", ALICE.1);
    assert_eq!(counts[&ids[1]], (1, 0, 1), "added");
    assert_eq!(counts[&ids[2]], (1, 1, 1), "moved to another commit");
    assert_eq!(counts[&ids[3]], (0, 1, 1), "removed");
}

#[test]
fn symlinks_and_type_changes_count_as_in_git() {
    need_git!();
    let sb = Sandbox::new();
    let r = sb.repo("r");
    let body = lines(10, "c");
    let ids = history(
        &r.repo,
        &[
            BTreeMap::from([("conf/app.toml", file(&body)), ("keep", file("k\n"))]),
            // A file that becomes a symlink, and a new file like its old content: git
            // does not take the symlink's old side as a rename source.
            BTreeMap::from([
                ("conf/app.toml", Entry::Link("../shared/app.toml")),
                ("shared/app.toml", file(&body)),
                ("keep", file("k\n")),
            ]),
            // A renamed symlink: one unchanged rename, not a delete and an add.
            BTreeMap::from([
                ("conf/app-link.toml", Entry::Link("../shared/app.toml")),
                ("shared/app.toml", file(&body)),
                ("keep", file("k\n")),
            ]),
        ],
    );
    let counts = assert_parity(&sb, "r", ALICE.1);
    assert_eq!(counts[&ids[1]].2, 2, "type change and an added file");
    assert_eq!(counts[&ids[2]], (0, 0, 1), "renamed symlink");
}

#[test]
fn a_commit_authored_in_the_period_but_committed_before_it_counts() {
    need_git!();
    let sb = Sandbox::new();
    let r = sb.repo("r");
    let day = 86_400;
    let since = epoch(SINCE);
    // Committed 200 days before the period, authored an hour into it (a patch applied
    // from a machine with a fast clock), then 150 commits before the period on top: a
    // walk that stops on commit time after a run of older commits never reaches it.
    let skewed = commit_tree(
        &r.repo,
        &BTreeMap::from([("a.txt", file("early\n"))]),
        ALICE,
        since + 3600,
        since - 200 * day,
        "Authored in the period, committed before it",
    );
    for i in 0..150 {
        let t = since - 199 * day + i * day;
        let text = format!("{i}\n");
        commit_tree(
            &r.repo,
            &BTreeMap::from([("a.txt", file("early\n")), ("b.txt", file(&text))]),
            BOB,
            t,
            t,
            "Older work",
        );
    }
    commit_tree(
        &r.repo,
        &BTreeMap::from([("a.txt", file("early\nlate\n")), ("b.txt", file("x\n"))]),
        ALICE,
        at(1),
        at(1),
        "In the period",
    );
    let plain = assert_parity(&sb, "r", ALICE.1);
    assert!(plain.contains_key(&skewed.to_string()), "{plain:?}");
    assert_eq!(plain.len(), 2);
    // The same through the commit-graph.
    clean_git(&sb, &r.path, &["commit-graph", "write", "--reachable"]);
    assert!(r.path.join(".git/objects/info/commit-graph").exists());
    assert_eq!(assert_parity(&sb, "r", ALICE.1), plain);
    // And with the author times kept in a store: the second run scans nothing and
    // still finds it.
    let store = sb.path().join("store");
    let store_arg = store.to_str().unwrap();
    for _ in 0..2 {
        // The evidence kept would be reused as is: remove it, keep the author times.
        let _ = std::fs::remove_dir_all(store.join("evidence"));
        let kept = evident_counts_with(&sb, "r", ALICE.1, SINCE, UNTIL, &["--store", store_arg]);
        assert_eq!(kept, plain);
    }
    let times = std::fs::read_dir(store.join("author-times"))
        .unwrap()
        .count();
    assert_eq!(times, 1, "one file of author times for the repository");
}

#[test]
fn a_bare_mirror_without_config_reads_its_mailmap_at_head() {
    need_git!();
    let sb = Sandbox::new();
    let r = sb.repo("origin");
    let old = ("Alice E.", "alice@old.example");
    let t = at(1);
    commit_tree(
        &r.repo,
        &BTreeMap::from([("a.txt", file("1\n"))]),
        old,
        t,
        t,
        "Under the old address",
    );
    let mailmap = "Alice Example <alice@example.com> <alice@old.example>\n";
    commit_tree(
        &r.repo,
        &BTreeMap::from([("a.txt", file("1\n2\n")), (".mailmap", file(mailmap))]),
        ALICE,
        t + 60,
        t + 60,
        "Add mailmap",
    );
    clean_git(
        &sb,
        sb.path(),
        &["clone", "-q", "--mirror", "origin", "mirror.git"],
    );
    std::fs::remove_file(sb.path().join("mirror.git/config")).unwrap();
    let counts = assert_parity(&sb, "mirror.git", ALICE.1);
    assert_eq!(
        counts.len(),
        2,
        "the old address is Alice's through the mailmap"
    );
}
