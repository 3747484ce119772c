//! All access to the process environment goes through here, so tests can pin "now",
//! inject a token and point the config dir elsewhere without touching the real env.

use chrono::{DateTime, Utc};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

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

/// Where a GitHub token came from, for messages (never the token itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenSource {
    GithubToken,
    GhToken,
    /// `GH_ENTERPRISE_TOKEN`, for a host other than github.com (as the GitHub CLI reads it).
    GhEnterpriseToken,
    /// `GITHUB_ENTERPRISE_TOKEN`, the same, its other spelling.
    GithubEnterpriseToken,
    /// `gh auth token --hostname HOST`: the GitHub CLI's login.
    GhCli,
}

impl TokenSource {
    pub fn describe(self) -> &'static str {
        match self {
            TokenSource::GithubToken => "GITHUB_TOKEN",
            TokenSource::GhToken => "GH_TOKEN",
            TokenSource::GhEnterpriseToken => "GH_ENTERPRISE_TOKEN",
            TokenSource::GithubEnterpriseToken => "GITHUB_ENTERPRISE_TOKEN",
            TokenSource::GhCli => "`gh auth token` (the GitHub CLI's login)",
        }
    }
}

/// A GitHub token and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub secret: Secret,
    pub source: TokenSource,
}

/// What the HTTP client takes from the environment: proxies and certificate roots.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NetEnv {
    /// `https_proxy` / `HTTPS_PROXY`: the proxy for https:// addresses.
    pub https_proxy: Option<String>,
    /// `http_proxy` / `HTTP_PROXY`: the proxy for http:// addresses.
    pub http_proxy: Option<String>,
    /// `all_proxy` / `ALL_PROXY`: the proxy for both, when the one above is unset.
    pub all_proxy: Option<String>,
    /// `no_proxy` / `NO_PROXY`: hosts, domains and addresses reached directly.
    pub no_proxy: Option<String>,
    /// `SSL_CERT_FILE`: a PEM bundle of the authorities to trust, instead of the system's.
    pub ssl_cert_file: Option<PathBuf>,
    /// `SSL_CERT_DIR`: a folder of PEM certificates to trust, instead of the system's.
    pub ssl_cert_dir: Option<PathBuf>,
}

#[derive(Debug, Clone)]
pub struct Env {
    /// The time evident treats as "now" (`EVIDENT_NOW` pins it, RFC 3339 or a date).
    pub now: DateTime<Utc>,
    /// `GITHUB_TOKEN`, else `GH_TOKEN` (see [`Env::github_token`] for the `gh` fallback).
    pub github_token: Option<Token>,
    /// `GH_ENTERPRISE_TOKEN`, else `GITHUB_ENTERPRISE_TOKEN`: the token for a GitHub
    /// Enterprise host, taken before `github_token` for any host but github.com.
    pub enterprise_token: Option<Token>,
    /// The GitHub CLI (`gh`) found on PATH, asked for a token when no variable holds one.
    pub gh_program: Option<PathBuf>,
    /// Proxies and certificate roots for the GitHub client.
    pub net: NetEnv,
    /// The user's config dir for evident (`EVIDENT_CONFIG_DIR`, else `~/.config/evident`).
    pub config_dir: Option<PathBuf>,
    /// The user's cache dir (`~/.cache` on Linux), where the default store lives.
    pub cache_dir: Option<PathBuf>,
    /// `EVIDENT_*` variables other than the ones above, by name without the prefix.
    pub vars: BTreeMap<String, String>,
    /// Whether stderr is a terminal and `CI` is unset (progress bars only then).
    pub interactive: bool,
    /// Whether stderr is a terminal (colour only then, with `--color auto`).
    pub stderr_terminal: bool,
    /// `NO_COLOR` is set to something (https://no-color.org): no colour with `--color auto`.
    pub no_color: bool,
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
        let token = |var: &str, source| {
            get(var).map(|v| Token {
                secret: Secret::new(v),
                source,
            })
        };
        let stderr_terminal = std::io::IsTerminal::is_terminal(&std::io::stderr());
        // Lower case first, as curl reads them; either spelling works.
        let either = |name: &str| get(&name.to_lowercase()).or_else(|| get(name));
        Ok(Env {
            now,
            github_token: token("GITHUB_TOKEN", TokenSource::GithubToken)
                .or_else(|| token("GH_TOKEN", TokenSource::GhToken)),
            enterprise_token: token("GH_ENTERPRISE_TOKEN", TokenSource::GhEnterpriseToken).or_else(
                || {
                    token(
                        "GITHUB_ENTERPRISE_TOKEN",
                        TokenSource::GithubEnterpriseToken,
                    )
                },
            ),
            gh_program: std::env::var_os("PATH").and_then(|p| find_program(&p, "gh")),
            net: NetEnv {
                https_proxy: either("HTTPS_PROXY"),
                http_proxy: either("HTTP_PROXY"),
                all_proxy: either("ALL_PROXY"),
                no_proxy: either("NO_PROXY"),
                ssl_cert_file: get("SSL_CERT_FILE").map(PathBuf::from),
                ssl_cert_dir: get("SSL_CERT_DIR").map(PathBuf::from),
            },
            config_dir: get("EVIDENT_CONFIG_DIR")
                .map(PathBuf::from)
                .or_else(|| dirs::config_dir().map(|d| d.join("evident"))),
            cache_dir: dirs::cache_dir(),
            vars,
            interactive: stderr_terminal && get("CI").is_none(),
            stderr_terminal,
            no_color: get("NO_COLOR").is_some(),
        })
    }

    /// An environment for tests: fixed now, nothing else.
    pub fn pinned(now: DateTime<Utc>) -> Self {
        Env {
            now,
            github_token: None,
            enterprise_token: None,
            gh_program: None,
            net: NetEnv::default(),
            config_dir: None,
            cache_dir: None,
            vars: BTreeMap::new(),
            interactive: false,
            stderr_terminal: false,
            no_color: false,
        }
    }
}

impl Env {
    /// The GitHub token for `host`: for a host other than github.com,
    /// `GH_ENTERPRISE_TOKEN` or `GITHUB_ENTERPRISE_TOKEN` first (the GitHub CLI's names);
    /// then `GITHUB_TOKEN`, else `GH_TOKEN`, else what `gh auth token --hostname HOST`
    /// prints when the GitHub CLI is installed and logged in.
    pub fn github_token(&self, host: &str) -> Option<Token> {
        let dotcom =
            host.eq_ignore_ascii_case("github.com") || host.eq_ignore_ascii_case("api.github.com");
        if !dotcom && let Some(t) = &self.enterprise_token {
            return Some(t.clone());
        }
        if let Some(t) = &self.github_token {
            return Some(t.clone());
        }
        let gh = self.gh_program.as_deref()?;
        gh_auth_token(gh, host).map(|secret| Token {
            secret,
            source: TokenSource::GhCli,
        })
    }
}

/// Runs `gh auth token --hostname HOST`; `None` when it fails or prints nothing (not
/// logged in). Its stderr is dropped: it may say which account is logged in, never needed.
fn gh_auth_token(gh: &Path, host: &str) -> Option<Secret> {
    let out = Command::new(gh)
        .args(["auth", "token", "--hostname", host])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        tracing::debug!(host, "`gh auth token` gave no token");
        return None;
    }
    let token = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (!token.is_empty()).then(|| Secret::new(token))
}

/// The first `name` (`name.exe` on Windows) in the folders of a PATH value.
fn find_program(path: &std::ffi::OsStr, name: &str) -> Option<PathBuf> {
    let file = if cfg!(windows) {
        format!("{name}.exe")
    } else {
        name.to_string()
    };
    std::env::split_paths(path)
        .map(|dir| dir.join(&file))
        .find(|p| p.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_variable_wins_over_the_github_cli() {
        let mut env = Env::pinned(Utc::now());
        env.gh_program = Some(PathBuf::from("/nonexistent/gh"));
        assert_eq!(env.github_token("github.com"), None);
        env.github_token = Some(Token {
            secret: Secret::new("ghp_x"),
            source: TokenSource::GhToken,
        });
        let t = env.github_token("github.com").unwrap();
        assert_eq!(t.source, TokenSource::GhToken);
        assert!(!format!("{t:?}").contains("ghp_x"));
    }

    #[test]
    fn an_enterprise_token_serves_every_host_but_github_com() {
        let mut env = Env::pinned(Utc::now());
        env.github_token = Some(Token {
            secret: Secret::new("ghp_dotcom"),
            source: TokenSource::GithubToken,
        });
        env.enterprise_token = Some(Token {
            secret: Secret::new("ghp_enterprise"),
            source: TokenSource::GhEnterpriseToken,
        });
        assert_eq!(
            env.github_token("github.com").unwrap().source,
            TokenSource::GithubToken
        );
        assert_eq!(
            env.github_token("ghe.acme.example").unwrap().source,
            TokenSource::GhEnterpriseToken
        );
        env.github_token = None;
        assert_eq!(
            env.github_token("github.com"),
            None,
            "not sent to github.com"
        );
    }

    #[test]
    fn programs_are_found_on_the_path() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("gh"), "").unwrap();
        let path = std::env::join_paths([Path::new("/nonexistent"), dir.path()]).unwrap();
        if !cfg!(windows) {
            assert_eq!(find_program(&path, "gh"), Some(dir.path().join("gh")));
        }
        assert_eq!(find_program(&path, "no-such-program"), None);
    }
}
