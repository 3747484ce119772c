//! Outputs: only a regular file is replaced (atomically, keeping its mode); a device, a
//! named pipe or `-` is written in place.

use super::*;
use std::os::unix::fs::{FileTypeExt, PermissionsExt};

fn run_to(sb: &Sandbox, output: &str) -> Ran {
    run(sb.evident().args([
        "run",
        "--repo",
        "app",
        "--author",
        ALICE.1,
        "--since",
        "2026-01-01",
        "--format",
        "md",
        "--output",
        output,
    ]))
}

/// The device to write to: as root, a null device made in the sandbox (the same device as
/// /dev/null), so that a regression replaces that node, not the machine's /dev/null, which
/// every other program uses; otherwise /dev/null itself, which only root could replace.
fn null_device(sb: &Sandbox) -> std::path::PathBuf {
    if is_root() {
        let node = sb.path().join("null");
        let made = std::process::Command::new("mknod")
            .arg(&node)
            .args(["c", "1", "3"])
            .status();
        if made.is_ok_and(|s| s.success()) {
            return node;
        }
    }
    "/dev/null".into()
}

#[test]
fn output_to_dev_null_leaves_the_device_a_device() {
    let sb = Sandbox::new();
    repo_with(&sb, "app", &["03-01"]);
    let device = null_device(&sb);
    let ran = run_to(&sb, device.to_str().unwrap());
    assert_eq!(ran.code(), Some(0), "{}", ran.stderr);
    let kind = std::fs::symlink_metadata(&device).unwrap().file_type();
    assert!(
        kind.is_char_device(),
        "{} is still a device",
        device.display()
    );
    assert!(
        std::fs::read(&device).unwrap().is_empty(),
        "and still a null device"
    );
}

#[test]
fn output_to_a_named_pipe_reaches_its_reader() {
    let sb = Sandbox::new();
    repo_with(&sb, "app", &["03-01"]);
    let fifo = sb.path().join("portfolio.pipe");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    // The reader waits on the pipe; it answers through a channel, so that a pipe replaced
    // by a file (the reader then waits forever) fails the test instead of hanging it.
    let (tx, rx) = std::sync::mpsc::channel();
    let reading = fifo.clone();
    std::thread::spawn(move || {
        let _ = tx.send(std::fs::read_to_string(reading));
    });
    let ran = run_to(&sb, fifo.to_str().unwrap());
    assert_eq!(ran.code(), Some(0), "{}", ran.stderr);
    let got = rx
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("the pipe's reader got an answer")
        .unwrap();
    assert!(
        got.starts_with("# Impact portfolio"),
        "the reader got the portfolio: {got}"
    );
    assert!(got.contains("Add feature 0"), "{got}");
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "still a named pipe");
}

#[test]
fn output_dash_is_stdout() {
    let sb = Sandbox::new();
    repo_with(&sb, "app", &["03-01"]);
    let ran = run_to(&sb, "-");
    assert_eq!(ran.code(), Some(0), "{}", ran.stderr);
    assert!(
        ran.stdout.starts_with("# Impact portfolio"),
        "{}",
        ran.stdout
    );
    assert!(!sb.path().join("-").exists(), "no file named -");
}

#[test]
fn a_replaced_output_keeps_its_mode() {
    let sb = Sandbox::new();
    repo_with(&sb, "app", &["03-01"]);
    for mode in [0o644, 0o600] {
        let path = sb.write("portfolio.md", "old\n");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
        let ran = run_to(&sb, "portfolio.md");
        assert_eq!(ran.code(), Some(0), "{}", ran.stderr);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("Add feature 0"), "replaced: {text}");
        let now = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(now, mode, "mode {mode:o} kept, got {now:o}");
    }
}
