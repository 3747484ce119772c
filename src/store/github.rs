//! GitHub state in the store: `<store>/github/<host>--<login>.json`, written after every
//! page the collector fetches ([`GithubStateDir`] is its checkpoint).

use super::source::file_safe;
use super::write_atomic;
use crate::collect::github::{Checkpoint, GITHUB_STATE_VERSION, GithubState};
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// The GitHub collection's checkpoint in a store folder. It needs no lock: `team` and
/// `--no-store` runs keep GitHub state in the default store too.
#[derive(Debug, Clone)]
pub struct GithubStateDir {
    pub dir: PathBuf,
}

impl Checkpoint for GithubStateDir {
    fn load(&self, host: &str, login: &str) -> Result<Option<GithubState>> {
        load_github(&self.dir, host, login)
    }

    fn save(&self, state: &GithubState) -> Result<()> {
        save_github(&self.dir, state)
    }
}

/// `<store>/github/<host>--<login>.json`, with anything but letters, digits, `.`, `-` and
/// `_` in the host or login replaced by `_`.
pub fn github_state_path(store: &Path, host: &str, login: &str) -> PathBuf {
    store
        .join("github")
        .join(format!("{}--{}.json", file_safe(host), file_safe(login)))
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
    let state = parse_state(&path, text.as_bytes())?;
    if state.version != GITHUB_STATE_VERSION {
        return Err(Error::failed(format!(
            "{}: GitHub store version {} is not supported",
            path.display(),
            state.version
        )));
    }
    Ok(Some(state))
}

/// Parses a GitHub state file; an unreadable one is an error that names the place.
pub fn parse_state(path: &Path, bytes: &[u8]) -> Result<GithubState> {
    serde_json::from_slice(bytes).map_err(|e| {
        Error::failed(format!(
            "{}:{}:{}: the GitHub store is not readable: {e}",
            path.display(),
            e.line(),
            e.column()
        ))
    })
}

/// Writes the GitHub state atomically.
pub fn save_github(store: &Path, state: &GithubState) -> Result<()> {
    let path = github_state_path(store, &state.host, &state.login);
    let bytes = serde_json::to_vec(state)
        .map_err(|e| Error::failed("could not write the GitHub store").with_source(e))?;
    write_atomic(&path, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Evidence;
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
