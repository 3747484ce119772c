//! What users of Rust command-line tools expect: new files with the user's umask,
//! colour only on a terminal (`--color`, `NO_COLOR`), `-q`, closing lines on stderr,
//! completions, a man page, `--help` for every command.

use crate::common::{ALICE, Change, Sandbox};
use std::process::Output;

fn run(cmd: &mut assert_cmd::Command) -> (Output, String) {
    let out = cmd.output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    (out, stderr)
}

/// A repository `app` with two commits by Alice in 2026.
fn app(sb: &Sandbox) {
    let r = sb.repo("app");
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

#[cfg(unix)]
#[test]
fn new_outputs_take_the_umask_not_0600() {
    use std::os::unix::fs::PermissionsExt;
    let sb = Sandbox::new();
    app(&sb);
    let (out, stderr) = run(sb.evident_with_umask("022").args([
        "run", "--repo", "app", "--author", ALICE.1, "--output", "p.md",
    ]));
    assert!(out.status.success(), "{stderr}");
    let mode = std::fs::metadata(sb.path().join("p.md"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o644, "{mode:o}");
    let (out, stderr) = run(sb.evident_with_umask("077").args([
        "collect", "--repo", "app", "--author", ALICE.1, "--output", "e.json",
    ]));
    assert!(out.status.success(), "{stderr}");
    let mode = std::fs::metadata(sb.path().join("e.json"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "{mode:o}");
}
