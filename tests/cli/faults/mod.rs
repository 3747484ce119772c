//! The bad-input and fault catalogue (issue 11): one test per case, each asserting the
//! exit code, the message, and that nothing collected was lost. See docs/robustness.md
//! for what each case does and why.
//!
//! - `objects`: missing and corrupt objects, partial clones;
//! - `outputs`: devices, named pipes, `-`, file modes;
//! - `notes`: concurrent edits, whose notes, today's notes, duplicates, checked ids;
//! - `repositories`: SHA-256, `safe.directory`, unborn HEAD, worktrees, discovery;
//! - `sources`: a failing source never discards the others, `--strict`, duplicate ids;
//! - `inputs`: encodings, empty results, `--redact`, and the small ones.

mod inputs;
mod notes;
mod objects;
mod outputs;
mod repositories;
mod sources;

use crate::common::*;
use serde_json::Value;
use std::process::Output;

/// What a run printed, checked for panics.
pub struct Ran {
    pub out: Output,
    pub stdout: String,
    pub stderr: String,
}

impl Ran {
    pub fn code(&self) -> Option<i32> {
        self.out.status.code()
    }

    /// stdout as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }
}

pub fn run(cmd: &mut assert_cmd::Command) -> Ran {
    let out = cmd.output().expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    Ran {
        out,
        stdout,
        stderr,
    }
}

/// A repository `name` with Alice's commits, one file each, on the given days of 2026.
pub fn repo_with(sb: &Sandbox, name: &str, days: &[&str]) -> Repo {
    let r = sb.repo(name);
    for (i, day) in days.iter().enumerate() {
        let file = format!("src/file{i}.rs");
        let text = format!("fn f{i}() {{ /* {name} {i} */ }}\n");
        r.commit(
            ALICE,
            &format!("2026-{day}T10:00:00Z"),
            &format!("Add feature {i}"),
            &[Change::Write(&file, &text)],
        );
    }
    r
}

/// The ids of the evidence records of `kind`.
pub fn ids_of(ev: &Value, kind: &str) -> Vec<String> {
    ev["evidence"]
        .as_array()
        .or_else(|| ev["items"].as_array())
        .expect("a list of records")
        .iter()
        .filter(|e| e["kind"] == kind)
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

/// Whether this process runs as root (the tests that need another user adapt).
pub fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// `git` run in `dir` with the tests' hermetic settings, returning its output, or None
/// when git is not installed (the caller says the test is skipped).
pub fn git_here(dir: &std::path::Path, args: &[&str]) -> Option<String> {
    if !git_available() {
        return None;
    }
    Some(git(dir, args))
}
