//! An open store: the lock and the source writer.
//!
//! One run at a time: [`Store::open`] takes an exclusive advisory lock on `<store>/.lock`
//! and holds it until the run ends. The operating system drops the lock when the process
//! ends, however it ends, so the file left behind by a killed run blocks nothing; only a
//! live holder does, and then the second run is refused at once (exit code 1) rather than
//! waiting or writing beside it.

use super::hooks::{Pause, TestHooks};
use super::source::{self, EVIDENCE_DIR, Fingerprint, SourceFile, SourceInfo};
use super::{is_temp_name, write_atomic_streamed};
use crate::collect::git::RepoOutcome;
use crate::error::{Error, Result};
use crate::model::Person;
use crate::model::evidence::{GithubSummary, SourceSummary};
use crate::model::{Evidence, Period};
use chrono::{DateTime, Utc};
use std::collections::BTreeSet;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub const LOCK_FILE: &str = ".lock";

/// An open, locked store.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    /// The run's "now", recorded as each file's `collected_at`.
    now: DateTime<Utc>,
    /// Holds the lock while the store is open.
    _lock: File,
    hooks: TestHooks,
    /// Source files written by this run; writes go one at a time.
    written: Mutex<usize>,
    /// Keys of the sources this run wrote or reused.
    used: Mutex<BTreeSet<String>>,
}

/// A repository as this run finds it, and what the store holds for it.
pub struct GitEntry {
    key: String,
    canonical: String,
    fingerprint: Fingerprint,
    /// The stored file, when its fingerprint is valid for this run.
    kept: Option<SourceFile>,
}

impl Store {
    /// Creates the folder if needed, takes the lock (or fails at once, exit code 1, when
    /// another run holds it), and removes temporary files that killed writers left.
    pub fn open(dir: &Path, now: DateTime<Utc>, hooks: TestHooks) -> Result<Store> {
        let evidence = dir.join(EVIDENCE_DIR);
        std::fs::create_dir_all(&evidence)
            .map_err(|e| Error::io("create the store", &evidence, e))?;
        let path = dir.join(LOCK_FILE);
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| Error::io("open the store's lock", &path, e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let holder = std::fs::read_to_string(&path).unwrap_or_default();
                let holder = holder.lines().next().unwrap_or("").trim();
                let who = if holder.is_empty() {
                    String::new()
                } else {
                    format!(" ({holder})")
                };
                return Err(Error::failed(format!(
                    "the store {} is in use by another evident run{who}; this run was not started, so that the two cannot mix their writes",
                    dir.display()
                ))
                .with_hint("wait for the other run to finish and run again, or give this run its own store with --store DIR (and combine stores later with `evident merge`)"));
            }
            Err(TryLockError::Error(e)) => {
                return Err(Error::io("lock the store", &path, e)
                    .with_hint("check that the store folder is writable, and on a local disk (some network file systems have no locks)"));
            }
        }
        // Who holds it, for the message a second run prints. Only the lock counts.
        let _ = file.set_len(0).and_then(|_| {
            writeln!(
                file,
                "pid {} since {}",
                std::process::id(),
                Utc::now().format("%Y-%m-%dT%H:%M:%SZ")
            )
        });
        for sub in [EVIDENCE_DIR, "github"] {
            remove_temp_files(&dir.join(sub));
        }
        let store = Store {
            dir: dir.to_path_buf(),
            now,
            _lock: file,
            hooks,
            written: Mutex::new(0),
            used: Mutex::new(BTreeSet::new()),
        };
        store.hooks.reached(Pause::Locked);
        Ok(store)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Looks up a repository (reached by `path`, named `name`): its key, its fingerprint
    /// now, and the stored file if that is still valid. A stored file valid but for its
    /// period is kept when `same_commits(stored period, this period)` says both hold the
    /// same commits; [`Store::reuse`] then writes it again with this run's period, so the
    /// store describes this run.
    pub fn git_entry(
        &self,
        path: &Path,
        name: &str,
        fingerprint: Fingerprint,
        same_commits: impl FnOnce(Period, Period) -> bool,
    ) -> GitEntry {
        let canonical = std::fs::canonicalize(path)
            .unwrap_or_else(|_| path.to_path_buf())
            .display()
            .to_string();
        let key = source::git_key(&canonical, name);
        let stored = std::fs::read_to_string(source::source_path(&self.dir, &key))
            .ok()
            .and_then(|text| SourceFile::parse(Path::new(&key), &text).ok());
        let kept = stored.filter(|s| {
            s.source
                == SourceInfo::Git {
                    path: canonical.clone(),
                    name: name.to_string(),
                }
                && s.fingerprint.same_but_period(&fingerprint)
                && same_commits(s.fingerprint.period(), fingerprint.period())
        });
        GitEntry {
            key,
            canonical,
            fingerprint,
            kept,
        }
    }

    /// The stored results for a repository, when valid. Marks the source as used.
    pub fn reuse(&self, entry: &GitEntry, path: &Path) -> Option<RepoOutcome> {
        let kept = entry.kept.as_ref()?;
        if kept.fingerprint != entry.fingerprint {
            let mut again = kept.clone();
            again.fingerprint = entry.fingerprint.clone();
            if let Err(e) = self.write(&entry.key, &again) {
                tracing::warn!("{}", e.report().trim_start_matches("error: "));
            }
        } else {
            self.mark_used(&entry.key);
        }
        tracing::info!(repo = %path.display(), "repository unchanged: results reused from the store");
        Some(kept.to_outcome(path))
    }

    /// Writes a repository's results as soon as they are read. The evidence is moved into
    /// the file written and back, not copied: a long history's records are tens of MB.
    pub fn keep_git(&self, entry: GitEntry, outcome: &mut RepoOutcome) -> Result<()> {
        let mut file = SourceFile {
            schema: source::SOURCE_SCHEMA,
            source: SourceInfo::Git {
                path: entry.canonical,
                name: outcome.source.name.clone(),
            },
            fingerprint: entry.fingerprint,
            collected_at: self.now,
            summary: outcome.source.clone(),
            warnings: outcome.warnings.clone(),
            github: None,
            evidence: std::mem::take(&mut outcome.evidence),
        };
        let written = self.write(&entry.key, &file);
        outcome.evidence = std::mem::take(&mut file.evidence);
        written
    }

    /// Writes the GitHub results of a run (the records in the period, as collected).
    pub fn keep_github(
        &self,
        person: &Person,
        period: Period,
        summary: &SourceSummary,
        github: &GithubSummary,
        warnings: &[String],
        evidence: &[Evidence],
    ) -> Result<()> {
        let file = SourceFile {
            schema: source::SOURCE_SCHEMA,
            source: SourceInfo::Github {
                host: github.host.clone(),
                login: github.login.clone(),
            },
            fingerprint: Fingerprint::new(person, period, None),
            collected_at: self.now,
            summary: summary.clone(),
            warnings: warnings.to_vec(),
            github: Some(github.clone()),
            evidence: evidence.to_vec(),
        };
        self.write(&source::github_key(&github.host, &github.login), &file)
    }

    /// Writes one source file atomically; writes go one at a time, so a test pause holds
    /// every writer at the same point.
    pub fn write(&self, key: &str, file: &SourceFile) -> Result<()> {
        let path = source::source_path(&self.dir, key);
        let mut written = self.written.lock().unwrap_or_else(|e| e.into_inner());
        let n = *written + 1;
        write_atomic_streamed(
            &path,
            |w| file.write_to(w),
            || self.hooks.reached(Pause::BeforeRename(n)),
        )?;
        *written = n;
        self.mark_used(key);
        self.hooks.reached(Pause::Written(n));
        Ok(())
    }

    fn mark_used(&self, key: &str) {
        self.used
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key.to_string());
    }

    /// At the end of a complete run: removes the source files this run did not write or
    /// reuse (repositories no longer asked for), so the store holds exactly the last run.
    pub fn finish(&self) -> Result<()> {
        let used = self.used.lock().unwrap_or_else(|e| e.into_inner()).clone();
        prune(&self.dir.join(EVIDENCE_DIR), &used)
    }
}

/// Removes `<key>.json` files whose key is not in `keep`.
pub fn prune(dir: &Path, keep: &BTreeSet<String>) -> Result<()> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(key) = name.strip_suffix(".json")
            && source::valid_key(key)
            && !keep.contains(key)
        {
            std::fs::remove_file(entry.path())
                .map_err(|e| Error::io("remove the old store file", &entry.path(), e))?;
        }
    }
    Ok(())
}

/// Removes the temporary files of writers that were killed: never data.
fn remove_temp_files(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if is_temp_name(&entry.file_name().to_string_lossy()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_open_is_refused_and_a_dropped_lock_frees_the_store() {
        let dir = tempfile::tempdir().unwrap();
        let first = Store::open(dir.path(), Utc::now(), TestHooks::default()).unwrap();
        let e = Store::open(dir.path(), Utc::now(), TestHooks::default()).unwrap_err();
        assert_eq!(e.exit_code(), 1);
        assert!(
            e.message.contains("in use by another evident run"),
            "{}",
            e.message
        );
        assert!(
            e.message.contains(&format!("pid {}", std::process::id())),
            "{}",
            e.message
        );
        drop(first);
        // The lock file is still there; only a held lock blocks.
        assert!(dir.path().join(LOCK_FILE).exists());
        Store::open(dir.path(), Utc::now(), TestHooks::default()).unwrap();
    }

    #[test]
    fn temp_files_are_removed_and_old_sources_pruned() {
        let dir = tempfile::tempdir().unwrap();
        let ev = dir.path().join(EVIDENCE_DIR);
        std::fs::create_dir_all(&ev).unwrap();
        std::fs::write(ev.join(".tmpAb12Cd"), "{half").unwrap();
        std::fs::write(ev.join("git--old--0123456789.json"), "{}").unwrap();
        std::fs::write(ev.join("README.txt"), "mine").unwrap();
        let store = Store::open(dir.path(), Utc::now(), TestHooks::default()).unwrap();
        assert!(!ev.join(".tmpAb12Cd").exists());
        store.finish().unwrap();
        assert!(!ev.join("git--old--0123456789.json").exists());
        assert!(ev.join("README.txt").exists());
    }
}
