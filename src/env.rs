//! All access to the process environment goes through here, so tests can pin "now",
//! inject a token and point the config dir elsewhere without touching the real env.

use chrono::{DateTime, Utc};
use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

/// A secret that cannot be printed by accident: `Debug` and `Display` show a placeholder.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }
    /// The only way to read the value: name the place that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

#[derive(Debug, Clone)]
pub struct Env {
    /// The time evident treats as "now" (`EVIDENT_NOW` pins it, RFC 3339 or a date).
    pub now: DateTime<Utc>,
    /// `GITHUB_TOKEN`, else `GH_TOKEN`.
    pub github_token: Option<Secret>,
    /// The user's config dir for evident (`EVIDENT_CONFIG_DIR`, else `~/.config/evident`).
    pub config_dir: Option<PathBuf>,
    /// `EVIDENT_*` variables other than the ones above, by name without the prefix.
    pub vars: BTreeMap<String, String>,
    /// Whether stderr is a terminal (progress bars and prompts only then).
    pub interactive: bool,
}

impl Env {
    /// Reads the real process environment. Called once, from `main`.
    pub fn from_process() -> crate::error::Result<Self> {
        let get = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        let now = match get("EVIDENT_NOW") {
            Some(v) => crate::config::period::parse_instant(&v).map_err(|e| {
                crate::error::Error::usage(format!("EVIDENT_NOW is not a date or time: {v}"))
                    .with_hint(e.to_string())
            })?,
            None => Utc::now(),
        };
        let vars = std::env::vars()
            .filter_map(|(k, v)| k.strip_prefix("EVIDENT_").map(|k| (k.to_string(), v)))
            .filter(|(k, _)| k != "NOW" && k != "CONFIG_DIR")
            .collect();
        Ok(Env {
            now,
            github_token: get("GITHUB_TOKEN")
                .or_else(|| get("GH_TOKEN"))
                .map(Secret::new),
            config_dir: get("EVIDENT_CONFIG_DIR")
                .map(PathBuf::from)
                .or_else(|| dirs::config_dir().map(|d| d.join("evident"))),
            vars,
            interactive: std::io::IsTerminal::is_terminal(&std::io::stderr())
                && get("CI").is_none(),
        })
    }

    /// An environment for tests: fixed now, nothing else.
    pub fn pinned(now: DateTime<Utc>) -> Self {
        Env {
            now,
            github_token: None,
            config_dir: None,
            vars: BTreeMap::new(),
            interactive: false,
        }
    }
}
