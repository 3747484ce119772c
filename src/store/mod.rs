//! The store: a folder where evident keeps what it collected between runs, so a second
//! run reads only what changed and an interrupted run loses nothing it had written.
//!
//! Where: `--store DIR`, else `store` in evident.toml, else `EVIDENT_STORE`, else
//! `<cache dir>/evident`.
//!
//! Layout (every write is atomic: a temporary `.tmp*` file in the same folder, flushed to
//! disk, renamed over the old one, then the folder flushed, so a reader sees the old file
//! or the new one, never half of one):
//!
//! ```text
//! <store>/.lock                          held (advisory lock) by the run using the store
//! <store>/evidence/<source-key>.json     one source's results: a repository, or GitHub
//! <store>/github/<host>--<login>.json    GitHub state: cursor + evidence fetched so far
//! <store>/last-portfolio.json            the last `run`'s portfolio, for `explain`
//! ```
//!
//! A source file is written as soon as that source is done ([`Store::keep`]), with a
//! fingerprint that says when it may be reused ([`source`]). One run at a time: a second
//! run on the same store is refused ([`Store::open`]). Stores built in shards are combined
//! by [`merge`].

pub mod handle;
pub mod merge;
pub mod source;

pub use handle::{Pause, Store, TestHooks};

use crate::error::{Error, Result};
use crate::model::Evidence;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

pub const GITHUB_STATE_VERSION: u32 = 1;

/// What evident remembers of one GitHub identity on one host.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GithubState {
    pub version: u32,
    pub host: String,
    pub login: String,
    /// The "now" of the last run that finished: everything updated before it, from
    /// `covered_since` on, is in `evidence`. `None` until a run finishes.
    #[serde(default)]
    pub cursor: Option<DateTime<Utc>>,
    /// The start of the period the finished runs covered.
    #[serde(default)]
    pub covered_since: Option<DateTime<Utc>>,
    /// The search terms that limited the runs (`user:` / `repo:` from `[github] include`):
    /// a run with other terms fetches everything again.
    #[serde(default)]
    pub scope: String,
    /// Every record fetched so far, by id (newer fetches replace older ones).
    #[serde(default, with = "by_id")]
    pub evidence: BTreeMap<String, Evidence>,
}

impl GithubState {
    pub fn new(host: &str, login: &str) -> GithubState {
        GithubState {
            version: GITHUB_STATE_VERSION,
            host: host.to_string(),
            login: login.to_string(),
            ..GithubState::default()
        }
    }

    /// Adds or replaces records by id: the newer fetch wins.
    pub fn merge(&mut self, records: impl IntoIterator<Item = Evidence>) {
        for r in records {
            self.evidence.insert(r.id.clone(), r);
        }
    }
}

/// Stored as a list (stable, readable), held as a map.
mod by_id {
    use super::*;
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(
        map: &BTreeMap<String, Evidence>,
        s: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        s.collect_seq(map.values())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> std::result::Result<BTreeMap<String, Evidence>, D::Error> {
        let list: Vec<Evidence> = Vec::deserialize(d)?;
        Ok(list.into_iter().map(|e| (e.id.clone(), e)).collect())
    }
}

/// `<store>/github/<host>--<login>.json`, with anything but letters, digits, `.`, `-` and
/// `_` in the host or login replaced by `_`.
pub fn github_state_path(store: &Path, host: &str, login: &str) -> PathBuf {
    let clean = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .collect()
    };
    store
        .join("github")
        .join(format!("{}--{}.json", clean(host), clean(login)))
}

/// Reads the GitHub state. A missing file is `Ok(None)`; an unreadable or foreign one is
/// an error the caller may turn into a warning (and start afresh).
pub fn load_github(store: &Path, host: &str, login: &str) -> Result<Option<GithubState>> {
    let path = github_state_path(store, host, login);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io("read the GitHub store", &path, e)),
    };
    let state: GithubState = serde_json::from_str(&text).map_err(|e| {
        Error::failed(format!(
            "{}:{}:{}: the GitHub store is not readable: {e}",
            path.display(),
            e.line(),
            e.column()
        ))
    })?;
    if state.version != GITHUB_STATE_VERSION {
        return Err(Error::failed(format!(
            "{}: GitHub store version {} is not supported",
            path.display(),
            state.version
        )));
    }
    Ok(Some(state))
}

/// Writes the GitHub state atomically.
pub fn save_github(store: &Path, state: &GithubState) -> Result<()> {
    let path = github_state_path(store, &state.host, &state.login);
    let bytes = serde_json::to_vec(state)
        .map_err(|e| Error::failed("could not write the GitHub store").with_source(e))?;
    write_atomic(&path, &bytes)
}

/// Writes a file so that readers see the old content or the new, never a mix: a temporary
/// file in the same folder, synced, renamed into place, then the folder synced so the
/// rename itself survives a power cut.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_with(path, bytes, || {})
}

/// [`write_atomic`], calling `before_rename` when the temporary file is complete and
/// synced but not yet in place (where the test hooks pause).
pub fn write_atomic_with(path: &Path, bytes: &[u8], before_rename: impl FnOnce()) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|e| Error::io("create the folder", &dir, e))?;
    let mut tmp =
        tempfile::NamedTempFile::new_in(&dir).map_err(|e| Error::io("write to", &dir, e))?;
    tmp.write_all(bytes)
        .map_err(|e| Error::io("write", path, e))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| Error::io("write", path, e))?;
    before_rename();
    tmp.persist(path)
        .map_err(|e| Error::io("write", path, e.error))?;
    sync_dir(&dir);
    Ok(())
}

/// Flushes a folder's entries (the rename) to disk. Not every platform can open a folder
/// for this (Windows cannot); there the rename is as durable as the system makes it.
fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Whether a file name is one of [`write_atomic`]'s temporary files (`.tmp` + 6 letters or
/// digits): left behind only by a writer that was killed, never data.
pub fn is_temp_name(name: &str) -> bool {
    name.strip_prefix(".tmp")
        .is_some_and(|rest| rest.len() == 6 && rest.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::evidence::Kind;

    #[test]
    fn state_round_trips_and_newer_wins() {
        let dir = tempfile::tempdir().unwrap();
        assert!(
            load_github(dir.path(), "github.com", "me")
                .unwrap()
                .is_none()
        );
        let mut s = GithubState::new("github.com", "Me");
        s.merge([Evidence::new("gh:pr:a/b#1", Kind::PullRequest, "old")]);
        s.merge([Evidence::new("gh:pr:a/b#1", Kind::PullRequest, "new")]);
        save_github(dir.path(), &s).unwrap();
        let back = load_github(dir.path(), "github.com", "Me")
            .unwrap()
            .unwrap();
        assert_eq!(back, s);
        assert_eq!(back.evidence["gh:pr:a/b#1"].title, "new");
        assert!(
            github_state_path(dir.path(), "ghe:8443", "Me").ends_with("github/ghe_8443--me.json")
        );
    }

    #[test]
    fn a_corrupt_state_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let p = github_state_path(dir.path(), "github.com", "me");
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, "{not json").unwrap();
        let e = load_github(dir.path(), "github.com", "me").unwrap_err();
        assert!(e.message.contains("not readable"), "{}", e.message);
    }
}
