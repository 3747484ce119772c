//! Repositories git reads and evident must not misread: SHA-256, another owner, an
//! unborn HEAD; the worktrees of one repository; and discovery, which follows links once
//! and lists what it skips.

use super::*;
use std::os::unix::fs::{PermissionsExt, symlink};

fn collect(sb: &Sandbox, args: &[&str]) -> Ran {
    run(sb
        .evident()
        .args(["collect", "--author", ALICE.1, "--since", "2026-01-01"])
        .args(args))
}

#[test]
fn a_sha256_repository_is_a_clear_error_naming_the_format() {
    let sb = Sandbox::new();
    let Some(_) = git_here(sb.path(), &["init", "-q", "--object-format=sha256", "sha"]) else {
        eprintln!("skipped: git is not installed, and it makes the SHA-256 repository");
        return;
    };
    git(
        &sb.path().join("sha"),
        &[
            "-c",
            "user.name=Alice Example",
            "-c",
            "user.email=alice@example.com",
            "commit",
            "-q",
            "--allow-empty",
            "-m",
            "first",
        ],
    );
    let alone = collect(&sb, &["--repo", "sha"]);
    assert_eq!(alone.code(), Some(1), "{}", alone.stderr);
    assert!(
        alone.stderr.starts_with("error: sha is a SHA-256 repository (extensions.objectformat = sha256), which evident cannot read"),
        "{}",
        alone.stderr
    );
    assert!(
        alone.stderr.contains("hint: git itself reads it"),
        "{}",
        alone.stderr
    );

    // Beside a repository it can read: that one is collected, this one listed, exit 1.
    repo_with(&sb, "good", &["03-01"]);
    let both = collect(&sb, &["--repo", "good", "--repo", "sha"]);
    assert_eq!(both.code(), Some(1), "{}", both.stderr);
    let ev = both.json();
    assert_eq!(
        ids_of(&ev, "commit").len(),
        1,
        "the good repository's commit is kept"
    );
    let failed = unseen(&ev, "source-failed");
    assert_eq!(failed[0]["source"], "sha");
    assert_eq!(failed[0]["failed"], true);
    assert!(
        both.stderr
            .contains("error: the run is incomplete: 1 source could not be read (sha)"),
        "{}",
        both.stderr
    );
}

#[test]
fn a_repository_owned_by_another_user_names_safe_directory() {
    if !is_root() {
        eprintln!("skipped: giving a repository to another user needs root");
        return;
    }
    let sb = Sandbox::new();
    repo_with(&sb, "theirs", &["03-01"]);
    let path = sb.path().join("theirs");
    let chown = std::process::Command::new("chown")
        .args(["-R", "12345:12345"])
        .arg(&path)
        .status();
    assert!(chown.is_ok_and(|s| s.success()));
    let ran = collect(&sb, &["--repo", "theirs"]);
    assert_eq!(ran.code(), Some(1), "{}", ran.stderr);
    assert!(ran.stderr.contains("theirs is owned by another user, and git refuses to read it: git says \"detected dubious ownership in repository at"), "{}", ran.stderr);
    let real = std::fs::canonicalize(&path).unwrap();
    let hint = format!(
        "hint: if you trust the repository, mark it safe as git suggests: git config --global --add safe.directory {}",
        real.display()
    );
    assert!(ran.stderr.contains(&hint), "{}", ran.stderr);
    // And doing what the hint says works.
    sb.write(
        "home/.gitconfig",
        &format!("[safe]\n\tdirectory = {}\n", real.display()),
    );
    let trusted = collect(&sb, &["--repo", "theirs"]);
    assert_eq!(trusted.code(), Some(0), "{}", trusted.stderr);
    assert_eq!(ids_of(&trusted.json(), "commit").len(), 1);
}

#[test]
fn an_unborn_head_names_the_branch_and_what_to_run() {
    let sb = Sandbox::new();
    let r = repo_with(&sb, "orphan", &["03-01", "03-02"]);
    let main = r.repo.head().unwrap().shorthand().unwrap().to_string();
    r.repo.set_head("refs/heads/new-work").unwrap();
    let ran = collect(&sb, &["--repo", "orphan"]);
    assert_eq!(ran.code(), Some(1), "{}", ran.stderr);
    assert!(ran.stderr.starts_with("error: orphan: HEAD is on branch `new-work`, which has no commits yet: git says \"your current branch 'new-work' does not have any commits yet\""), "{}", ran.stderr);
    assert!(ran.stderr.contains(&format!("hint: check out a branch that has commits (`git -C orphan switch {main}`), or pass --all-branches")), "{}", ran.stderr);
    let all = collect(&sb, &["--repo", "orphan", "--all-branches"]);
    assert_eq!(all.code(), Some(0), "{}", all.stderr);
    assert_eq!(
        ids_of(&all.json(), "commit").len(),
        2,
        "every branch is read"
    );
}

#[test]
fn the_worktrees_of_one_repository_count_every_commit_once() {
    let sb = Sandbox::new();
    let r = repo_with(&sb, "multi/main", &["03-01", "03-02"]);
    let main = r.repo.head().unwrap().shorthand().unwrap().to_string();
    r.branch("feature");
    r.checkout("feature");
    r.commit(
        ALICE,
        "2026-03-03T10:00:00Z",
        "Work on the feature",
        &[Change::Write("f.rs", "f\n")],
    );
    r.checkout(&main);
    let feature = r.repo.find_reference("refs/heads/feature").unwrap();
    let mut opts = git2::WorktreeAddOptions::new();
    opts.reference(Some(&feature));
    r.repo
        .worktree("feat", &sb.path().join("multi/feat"), Some(&opts))
        .unwrap();

    let ran = collect(&sb, &["--repo", "multi"]);
    assert_eq!(ran.code(), Some(0), "{}", ran.stderr);
    let ev = ran.json();
    // Before: 2 commits counted twice (4) from two "repositories". Now one source.
    assert_eq!(ids_of(&ev, "commit").len(), 2, "{:#}", ev["evidence"]);
    assert_eq!(ev["collection"]["sources"].as_array().unwrap().len(), 1);
    let entry = unseen(&ev, "worktree-branch");
    assert_eq!(entry.len(), 1, "{:#}", ev["collection"]);
    assert_eq!(entry[0]["commits"], 1);
    let message = entry[0]["message"].as_str().unwrap();
    assert!(
        message.contains("are worktrees of one repository, read once")
            && message.contains("branch `feature`")
            && message.contains("pass --all-branches"),
        "{message}"
    );
    // Alice's own commit on it is said as any branch's (the entry above counts every
    // author's).
    let theirs = unseen(&ev, "other-branches");
    assert_eq!(theirs.len(), 1, "{:#}", ev["collection"]);
    assert_eq!(theirs[0]["ids"], serde_json::json!(["feature"]));

    let all = collect(&sb, &["--repo", "multi", "--all-branches"]);
    let ev = all.json();
    assert_eq!(ids_of(&ev, "commit").len(), 3, "every branch once");
    assert!(unseen(&ev, "worktree-branch").is_empty());
    assert!(unseen(&ev, "other-branches").is_empty());
}

#[test]
fn discovery_follows_links_once_and_lists_loops_and_broken_links() {
    let sb = Sandbox::new();
    repo_with(&sb, "elsewhere/linked", &["03-01"]);
    repo_with(&sb, "projects/here", &["03-02"]);
    std::fs::create_dir_all(sb.path().join("projects/group")).unwrap();
    symlink(
        sb.path().join("elsewhere/linked"),
        sb.path().join("projects/linked"),
    )
    .unwrap();
    symlink(
        sb.path().join("projects"),
        sb.path().join("projects/group/back"),
    )
    .unwrap();
    symlink(
        sb.path().join("nowhere"),
        sb.path().join("projects/dangling"),
    )
    .unwrap();
    let ran = collect(&sb, &["--repo", "projects"]);
    assert_eq!(ran.code(), Some(0), "{}", ran.stderr);
    let ev = ran.json();
    // Before: the linked repository was skipped without a word.
    assert_eq!(
        ids_of(&ev, "commit").len(),
        2,
        "both repositories: {:#}",
        ev["collection"]
    );
    let loops = unseen(&ev, "symlink-loop");
    assert_eq!(loops.len(), 1, "{:#}", ev["collection"]);
    assert!(
        loops[0]["message"]
            .as_str()
            .unwrap()
            .contains("projects/group/back is a symbolic link back to"),
        "{loops:?}"
    );
    let broken = unseen(&ev, "broken-symlink");
    assert!(
        broken[0]["message"]
            .as_str()
            .unwrap()
            .contains("projects/dangling is a symbolic link to"),
        "{broken:?}"
    );
    assert!(
        ran.stderr.contains("not followed (a loop)"),
        "said on stderr: {}",
        ran.stderr
    );
}

#[test]
fn discovery_lists_repositories_below_the_depth_limit() {
    let sb = Sandbox::new();
    repo_with(&sb, "projects/near", &["03-01"]);
    repo_with(&sb, "projects/a/b/c/d/e/deep", &["03-02"]);
    let ran = collect(&sb, &["--repo", "projects"]);
    assert_eq!(ran.code(), Some(0), "{}", ran.stderr);
    let ev = ran.json();
    assert_eq!(ids_of(&ev, "commit").len(), 1, "only the near one is read");
    let deep = unseen(&ev, "too-deep");
    assert_eq!(deep.len(), 1, "{:#}", ev["collection"]);
    let message = deep[0]["message"].as_str().unwrap();
    assert!(message.contains("projects/a/b/c/d/e/deep is a repository 6 folders down, below the 4 levels searched: not read (name it with --repo)"), "{message}");
    // Named with --repo, it is read.
    let named = collect(&sb, &["--repo", "projects/a/b/c/d/e/deep"]);
    assert_eq!(ids_of(&named.json(), "commit").len(), 1);
}

#[test]
fn discovery_lists_folders_it_cannot_read() {
    let sb = Sandbox::new();
    repo_with(&sb, "projects/open", &["03-01"]);
    repo_with(&sb, "projects/locked/inside", &["03-02"]);
    let locked = sb.path().join("projects/locked");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads any folder; without its capabilities it is held to the permissions.
    let mut cmd = std::process::Command::new(if is_root() { "setpriv" } else { "env" });
    if is_root() {
        cmd.args(["--inh-caps=-all", "--bounding-set=-all"]);
    }
    let out = cmd
        .arg(assert_cmd::cargo::cargo_bin("evident"))
        .args([
            "collect",
            "--repo",
            "projects",
            "--author",
            ALICE.1,
            "--since",
            "2026-01-01",
            "--no-store",
        ])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", sb.path().join("home"))
        .env("EVIDENT_CONFIG_DIR", sb.path().join("config"))
        .env("EVIDENT_NOW", NOW)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .current_dir(sb.path())
        .output();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    let Ok(out) = out else {
        eprintln!("skipped: setpriv is not available to drop root's capabilities");
        return;
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let ev: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        ids_of(&ev, "commit").len(),
        1,
        "the readable repository is collected"
    );
    let entry = unseen(&ev, "unreadable-folder");
    assert_eq!(entry.len(), 1, "{:#}", ev["collection"]);
    assert!(
        entry[0]["message"]
            .as_str()
            .unwrap()
            .contains("projects/locked cannot be read (Permission denied"),
        "{entry:?}"
    );
}

#[test]
fn a_submodule_is_listed_not_lost_and_read_when_named() {
    let sb = Sandbox::new();
    let lib = repo_with(&sb, "lib", &["03-01"]);
    let app = repo_with(&sb, "app", &["03-02"]);
    // `vendor/lib` as a submodule of app, cloned from lib, with a commit of its own.
    let url = format!("file://{}", lib.path.display());
    let mut sm = app
        .repo
        .submodule(&url, std::path::Path::new("vendor/lib"), true)
        .unwrap();
    sm.clone(None).unwrap();
    sm.add_finalize().unwrap();
    app.commit(ALICE, "2026-03-03T10:00:00Z", "Add the lib submodule", &[]);
    let inner = Repo {
        repo: git2::Repository::open(app.path.join("vendor/lib")).unwrap(),
        path: app.path.join("vendor/lib"),
    };
    inner.commit(
        ALICE,
        "2026-03-04T10:00:00Z",
        "Patch the lib in place",
        &[Change::Write("src/patch.rs", "fn p() {}\n")],
    );
    let ran = collect(&sb, &["--repo", "app"]);
    assert_eq!(ran.code(), Some(0), "{}", ran.stderr);
    let ev = ran.json();
    let listed = unseen(&ev, "submodule");
    assert_eq!(listed.len(), 1, "{:#}", ev["collection"]);
    let message = listed[0]["message"].as_str().unwrap();
    assert!(
        message.contains("vendor/lib is a submodule of app, a repository of its own: not read (name it with --repo)"),
        "{message}"
    );
    assert!(ran.stderr.contains("warning:"), "{}", ran.stderr);
    // Named as well, it is read, and no longer listed.
    let both = collect(&sb, &["--repo", "app", "--repo", "app/vendor/lib"]);
    let ev = both.json();
    assert!(
        unseen(&ev, "submodule").is_empty(),
        "{:#}",
        ev["collection"]
    );
    let titles: Vec<&str> = ev["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["title"].as_str().unwrap())
        .collect();
    assert!(titles.contains(&"Patch the lib in place"), "{titles:?}");
}
