//! Web links from a repository's remote: GitHub, GitLab and Bitbucket, in https and ssh
//! forms; and the review page a commit's message names (Gerrit, Phabricator).

use regex::Regex;
use std::sync::LazyLock;

/// The line a code-review tool adds to the commit it lands: Gerrit's `Reviewed-on:`
/// (Go, Android, Chromium), Phabricator's `Differential Revision:` (LLVM until 2023).
static REVIEW_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^(?:Reviewed-on|Differential Revision):[ \t]*(https?://[^\s<>]+)[ \t]*$")
        .expect("valid")
});

/// The web page where the commit was reviewed, when its message names one: the change's
/// page on Gerrit or Phabricator, which shows the diff and the review together.
pub fn review_url(message: &str) -> Option<String> {
    REVIEW_LINE
        .captures_iter(message)
        .last()
        .map(|c| c[1].to_string())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Forge {
    GitHub,
    GitLab,
    Bitbucket,
}

/// A repository on a forge: its web base URL and `owner/name`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebRepo {
    pub forge: Forge,
    pub base: String,
    pub slug: String,
}

impl WebRepo {
    /// Parses `https://github.com/o/r(.git)`, `git@github.com:o/r.git`,
    /// `ssh://git@github.com[:22]/o/r.git`, and the same for gitlab.com and bitbucket.org.
    /// Hosts whose name contains `github`, `gitlab` or `bitbucket` count as that forge.
    pub fn parse(url: &str) -> Option<WebRepo> {
        let url = url.trim();
        let (host, path) = if let Some(rest) = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
            .or_else(|| url.strip_prefix("ssh://"))
            .or_else(|| url.strip_prefix("git://"))
        {
            let (authority, path) = rest.split_once('/')?;
            let host = authority.rsplit('@').next()?;
            let host = host.split(':').next()?;
            (host.to_string(), path.to_string())
        } else if let Some((user_host, path)) = url.split_once(':') {
            // scp-like: git@github.com:owner/name.git
            if user_host.contains('/') {
                return None;
            }
            let host = user_host.rsplit('@').next()?;
            (host.to_string(), path.to_string())
        } else {
            return None;
        };
        let host = host.to_ascii_lowercase();
        let forge = if host.contains("github") {
            Forge::GitHub
        } else if host.contains("gitlab") {
            Forge::GitLab
        } else if host.contains("bitbucket") {
            Forge::Bitbucket
        } else {
            return None;
        };
        let path = path.trim_matches('/');
        let path = path.strip_suffix(".git").unwrap_or(path);
        if path.split('/').filter(|p| !p.is_empty()).count() < 2 {
            return None;
        }
        Some(WebRepo {
            forge,
            base: format!("https://{host}/{path}"),
            slug: path.to_string(),
        })
    }

    pub fn commit_url(&self, sha: &str) -> String {
        match self.forge {
            Forge::GitHub => format!("{}/commit/{sha}", self.base),
            Forge::GitLab => format!("{}/-/commit/{sha}", self.base),
            Forge::Bitbucket => format!("{}/commits/{sha}", self.base),
        }
    }

    pub fn file_url(&self, sha: &str, path: &str) -> String {
        match self.forge {
            Forge::GitHub => format!("{}/blob/{sha}/{path}", self.base),
            Forge::GitLab => format!("{}/-/blob/{sha}/{path}", self.base),
            Forge::Bitbucket => format!("{}/src/{sha}/{path}", self.base),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn review_pages_named_by_the_message() {
        let gerrit = "go/ssa: fix\n\nBody.\n\nChange-Id: I2b\nReviewed-on: https://go-review.googlesource.com/c/tools/+/815680\nReviewed-by: Mark <m@x>\n";
        assert_eq!(
            review_url(gerrit).as_deref(),
            Some("https://go-review.googlesource.com/c/tools/+/815680")
        );
        let phab = "[X86] Fold\n\nDifferential Revision: https://reviews.llvm.org/D12345";
        assert_eq!(
            review_url(phab).as_deref(),
            Some("https://reviews.llvm.org/D12345")
        );
        assert_eq!(
            review_url("Title\n\nSee Reviewed-on: https://x.y/1 in text"),
            None
        );
        assert_eq!(review_url("Title\n\nReviewed-on: not a link"), None);
    }

    #[test]
    fn remote_forms() {
        let cases = [
            (
                "https://github.com/acme/widgets.git",
                "https://github.com/acme/widgets/commit/abc",
            ),
            (
                "https://github.com/acme/widgets",
                "https://github.com/acme/widgets/commit/abc",
            ),
            (
                "git@github.com:acme/widgets.git",
                "https://github.com/acme/widgets/commit/abc",
            ),
            (
                "ssh://git@github.com:22/acme/widgets.git",
                "https://github.com/acme/widgets/commit/abc",
            ),
            (
                "https://user:pw@gitlab.com/group/sub/proj.git",
                "https://gitlab.com/group/sub/proj/-/commit/abc",
            ),
            (
                "git@gitlab.com:group/proj.git",
                "https://gitlab.com/group/proj/-/commit/abc",
            ),
            (
                "git@bitbucket.org:team/repo.git",
                "https://bitbucket.org/team/repo/commits/abc",
            ),
            (
                "https://github.example.com/acme/w.git",
                "https://github.example.com/acme/w/commit/abc",
            ),
        ];
        for (remote, url) in cases {
            let web = WebRepo::parse(remote).unwrap_or_else(|| panic!("{remote}"));
            assert_eq!(web.commit_url("abc"), url, "{remote}");
        }
        assert_eq!(
            WebRepo::parse("git@github.com:acme/widgets.git")
                .unwrap()
                .slug,
            "acme/widgets"
        );
        let gl = WebRepo::parse("git@gitlab.com:group/proj.git").unwrap();
        assert_eq!(
            gl.file_url("abc", "docs/a.md"),
            "https://gitlab.com/group/proj/-/blob/abc/docs/a.md"
        );
    }

    #[test]
    fn unknown_hosts_and_local_paths_have_no_link() {
        for remote in [
            "/srv/git/repo.git",
            "file:///srv/repo",
            "https://example.com/a/b.git",
            "git@github.com:onlyone",
        ] {
            assert_eq!(WebRepo::parse(remote), None, "{remote}");
        }
    }
}
