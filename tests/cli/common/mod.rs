//! Shared test support: hermetic git fixtures built with git2 (fixed names, emails and
//! dates) and a hermetic `evident` runner (cleared env, temp HOME, pinned now).

#![allow(dead_code)]

use assert_cmd::Command;
use git2::{Oid, Repository, Signature, Time};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// The "now" every CLI test runs at.
pub const NOW: &str = "2026-11-23T12:00:00Z";

pub const ALICE: (&str, &str) = ("Alice Example", "alice@example.com");
pub const BOB: (&str, &str) = ("Bob Builder", "bob@example.com");

/// A temporary folder that holds fixture repositories, a HOME and a config dir.
pub struct Sandbox {
    pub dir: TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        isolate_libgit2();
        let dir = tempfile::Builder::new()
            .prefix("evident-test")
            .tempdir()
            .expect("temp dir");
        std::fs::create_dir_all(dir.path().join("home")).unwrap();
        std::fs::create_dir_all(dir.path().join("config")).unwrap();
        std::fs::create_dir_all(dir.path().join("cache")).unwrap();
        Sandbox { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// A new repository at `name` under the sandbox.
    pub fn repo(&self, name: &str) -> Repo {
        Repo::init(&self.path().join(name))
    }

    /// `evident` with a cleared environment: HOME, config and cache in the sandbox, now
    /// pinned, no token, run from the sandbox folder.
    pub fn evident(&self) -> Command {
        self.hermetic(Command::cargo_bin("evident").expect("binary built"))
    }

    /// [`Sandbox::evident`] started by `sh` after `umask MASK`, for the modes of new files.
    pub fn evident_with_umask(&self, mask: &str) -> Command {
        let bin = assert_cmd::cargo::cargo_bin("evident");
        let mut cmd = Command::new("sh");
        cmd.arg("-c")
            .arg(format!("umask {mask} && exec \"$0\" \"$@\""))
            .arg(bin);
        self.hermetic(cmd)
    }

    fn hermetic(&self, mut cmd: Command) -> Command {
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.path().join("home"))
            .env("XDG_CONFIG_HOME", self.path().join("home/.config"))
            .env("XDG_CACHE_HOME", self.path().join("cache"))
            .env("EVIDENT_CONFIG_DIR", self.path().join("config"))
            .env("EVIDENT_STORE", self.path().join("cache/evident"))
            .env("EVIDENT_NOW", NOW)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("NO_COLOR", "1")
            .current_dir(self.path());
        cmd
    }

    /// Replaces the sandbox path in output with `[TEMP]`, for snapshots.
    pub fn normalize(&self, text: &str) -> String {
        let real = std::fs::canonicalize(self.path()).unwrap_or_else(|_| self.path().to_path_buf());
        text.replace(&real.display().to_string(), "[TEMP]")
            .replace(&self.path().display().to_string(), "[TEMP]")
    }

    pub fn write(&self, rel: &str, text: &str) -> PathBuf {
        let p = self.path().join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&p, text).unwrap();
        p
    }
}

/// Points libgit2's global/system/XDG config search at an empty folder, once, so the
/// developer's own git config never leaks into fixtures.
fn isolate_libgit2() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let empty = std::env::temp_dir().join("evident-test-empty-git-config");
        std::fs::create_dir_all(&empty).unwrap();
        for level in [
            git2::ConfigLevel::System,
            git2::ConfigLevel::Global,
            git2::ConfigLevel::XDG,
        ] {
            // SAFETY: called once, before any other libgit2 use in this process.
            #[allow(unsafe_code)]
            unsafe {
                git2::opts::set_search_path(level, &empty).unwrap()
            };
        }
    });
}

/// A fixture repository.
pub struct Repo {
    pub repo: Repository,
    pub path: PathBuf,
}

/// A file change in a fixture commit: write text or bytes, or delete.
pub enum Change<'a> {
    Write(&'a str, &'a str),
    Bytes(&'a str, &'a [u8]),
    Delete(&'a str),
    Rename(&'a str, &'a str),
}

/// Seconds since the epoch for an RFC 3339 time.
pub fn epoch(rfc3339: &str) -> i64 {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .expect("fixture date")
        .timestamp()
}

impl Repo {
    pub fn init(path: &Path) -> Repo {
        let repo = Repository::init(path).expect("init");
        {
            let mut cfg = repo.config().unwrap();
            cfg.set_str("user.name", ALICE.0).unwrap();
            cfg.set_str("user.email", ALICE.1).unwrap();
        }
        Repo {
            repo,
            path: path.to_path_buf(),
        }
    }

    pub fn set_user(&self, who: (&str, &str)) {
        let mut cfg = self.repo.config().unwrap();
        cfg.set_str("user.name", who.0).unwrap();
        cfg.set_str("user.email", who.1).unwrap();
    }

    pub fn remote(&self, url: &str) {
        self.repo.remote("origin", url).unwrap();
    }

    /// Commits the changes on HEAD as `who` at `date` (RFC 3339). Returns the commit id.
    pub fn commit(&self, who: (&str, &str), date: &str, message: &str, changes: &[Change]) -> Oid {
        self.commit_with_parents(who, date, message, changes, None)
    }

    pub fn commit_with_parents(
        &self,
        who: (&str, &str),
        date: &str,
        message: &str,
        changes: &[Change],
        extra_parent: Option<Oid>,
    ) -> Oid {
        let workdir = self.repo.workdir().expect("non-bare fixture").to_path_buf();
        let mut index = self.repo.index().unwrap();
        for change in changes {
            match change {
                Change::Write(p, text) => write_file(&workdir, p, text.as_bytes(), &mut index),
                Change::Bytes(p, bytes) => write_file(&workdir, p, bytes, &mut index),
                Change::Delete(p) => {
                    std::fs::remove_file(workdir.join(p)).unwrap();
                    index.remove_path(Path::new(p)).unwrap();
                }
                Change::Rename(from, to) => {
                    let bytes = std::fs::read(workdir.join(from)).unwrap();
                    std::fs::remove_file(workdir.join(from)).unwrap();
                    index.remove_path(Path::new(from)).unwrap();
                    write_file(&workdir, to, &bytes, &mut index);
                }
            }
        }
        index.write().unwrap();
        let tree_id = index.write_tree().unwrap();
        let tree = self.repo.find_tree(tree_id).unwrap();
        let sig = Signature::new(who.0, who.1, &Time::new(epoch(date), 0)).unwrap();
        let mut parents = Vec::new();
        if let Ok(head) = self.repo.head().and_then(|h| h.peel_to_commit()) {
            parents.push(head);
        }
        if let Some(p) = extra_parent {
            parents.push(self.repo.find_commit(p).unwrap());
        }
        let refs: Vec<&git2::Commit> = parents.iter().collect();
        self.repo
            .commit(Some("HEAD"), &sig, &sig, message, &tree, &refs)
            .unwrap()
    }

    /// A branch at the current HEAD.
    pub fn branch(&self, name: &str) {
        let head = self.repo.head().unwrap().peel_to_commit().unwrap();
        self.repo.branch(name, &head, true).unwrap();
    }

    /// Moves HEAD to a branch and checks it out.
    pub fn checkout(&self, name: &str) {
        let refname = format!("refs/heads/{name}");
        self.repo.set_head(&refname).unwrap();
        self.repo
            .checkout_head(Some(git2::build::CheckoutBuilder::new().force()))
            .unwrap();
    }
}

fn write_file(workdir: &Path, rel: &str, bytes: &[u8], index: &mut git2::Index) {
    let full = workdir.join(rel);
    if let Some(parent) = full.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&full, bytes).unwrap();
    index.add_path(Path::new(rel)).unwrap();
}

/// Whether the `git` program is on PATH (used as an oracle for counts).
pub fn git_available() -> bool {
    std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs `git` hermetically in a fixture.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("HOME", dir)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Parses JSON stdout of a successful command.
pub fn json_stdout(cmd: &mut Command) -> serde_json::Value {
    let out = cmd.output().expect("runs");
    assert!(
        out.status.success(),
        "exit {:?}\nstderr:\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

/// The titles of an evidence file's records, in order.
pub fn evidence_titles(ev: &serde_json::Value) -> Vec<&str> {
    ev["evidence"]
        .as_array()
        .expect("an evidence list")
        .iter()
        .map(|e| e["title"].as_str().expect("a title"))
        .collect()
}

/// The collection's `unseen` entries of `kind`.
pub fn unseen<'a>(ev: &'a serde_json::Value, kind: &str) -> Vec<&'a serde_json::Value> {
    ev["collection"]["unseen"]
        .as_array()
        .map(|a| a.iter().filter(|u| u["kind"] == kind).collect())
        .unwrap_or_default()
}

/// The "What could not be seen" entry of a portfolio for `source` (`github`, `links`,
/// `release-tags`, ...).
pub fn not_seen_entry<'a>(p: &'a serde_json::Value, source: &str) -> &'a serde_json::Value {
    p["not_seen"]
        .as_array()
        .expect("a not_seen list")
        .iter()
        .find(|n| n["source"] == source)
        .unwrap_or_else(|| panic!("no {source} in {:#}", p["not_seen"]))
}

/// The text of a Markdown portfolio's `### heading` section, up to the next one.
pub fn md_section<'a>(md: &'a str, heading: &str) -> &'a str {
    md.split(&format!("### {heading}"))
        .nth(1)
        .unwrap_or_else(|| panic!("no section {heading} in {md}"))
        .split("###")
        .next()
        .unwrap_or_default()
}

/// A portfolio's category `id` ("features-led", "people-mentored", ...).
pub fn category<'a>(p: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    p["categories"]
        .as_array()
        .expect("a category list")
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no category {id}"))
}

/// The names of the initiatives a category lists, in its order.
pub fn listed_initiatives<'a>(p: &'a serde_json::Value, id: &str) -> Vec<&'a str> {
    category(p, id)["initiatives"]
        .as_array()
        .expect("an initiative list")
        .iter()
        .map(|listed| {
            p["initiatives"]
                .as_array()
                .expect("initiatives")
                .iter()
                .find(|i| &i["id"] == listed)
                .and_then(|i| i["name"].as_str())
                .unwrap_or_else(|| panic!("no initiative {listed}"))
        })
        .collect()
}
