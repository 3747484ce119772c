//! What kind of token evident was given, and what it cannot see. GitHub's token formats
//! carry their kind in a prefix; only the kind is ever reported, never the token.

use std::collections::BTreeSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// `ghp_`: a classic personal access token; its scopes come in `x-oauth-scopes`.
    Classic,
    /// `github_pat_`: a fine-grained personal access token, limited to one owner.
    FineGrained,
    /// `ghs_`: a GitHub App installation token (GitHub Actions' `GITHUB_TOKEN` is one).
    Installation,
    /// `gho_`: an OAuth app token (the GitHub CLI's login is one); scoped like a classic one.
    OAuth,
    /// `ghu_`: a GitHub App's token acting for a user.
    UserToServer,
    Unknown,
}

impl TokenKind {
    pub fn of(token: &str) -> TokenKind {
        match token {
            t if t.starts_with("github_pat_") => TokenKind::FineGrained,
            t if t.starts_with("ghp_") => TokenKind::Classic,
            t if t.starts_with("ghs_") => TokenKind::Installation,
            t if t.starts_with("gho_") => TokenKind::OAuth,
            t if t.starts_with("ghu_") => TokenKind::UserToServer,
            _ => TokenKind::Unknown,
        }
    }

    /// The name in the collection summary (`collection.github.token_kind`).
    pub fn as_str(self) -> &'static str {
        match self {
            TokenKind::Classic => "classic",
            TokenKind::FineGrained => "fine-grained",
            TokenKind::Installation => "installation",
            TokenKind::OAuth => "oauth",
            TokenKind::UserToServer => "user-to-server",
            TokenKind::Unknown => "unknown",
        }
    }
}

/// What the token's kind and scopes keep out of sight, as lines for "What could not be
/// seen", and the scopes a classic token lacks.
pub fn reach(kind: TokenKind, scopes: Option<&str>, host: &str) -> (Vec<String>, Vec<String>) {
    let mut lines = Vec::new();
    let mut missing = Vec::new();
    match kind {
        TokenKind::FineGrained => lines.push(format!(
            "the GitHub token for {host} is fine-grained: it sees public repositories and the repositories of the one owner it was made for; pull requests, reviews and issues in other owners' private repositories are not found"
        )),
        TokenKind::Installation => lines.push(format!(
            "the GitHub token for {host} is an app installation token (in GitHub Actions, the job's own GITHUB_TOKEN): it sees public repositories and the repositories the app is installed on (for Actions, the workflow's own repository); work in other private repositories is not found"
        )),
        _ => {}
    }
    // Classic and OAuth tokens list their scopes; the others are judged by answers.
    if let Some(scopes) = scopes {
        let have: BTreeSet<&str> = scopes.split(',').map(str::trim).collect();
        if !have.contains("repo") {
            missing.push("repo".to_string());
            lines.push(format!(
                "the GitHub token lacks the `repo` scope: pull requests, reviews and issues in private repositories on {host} are not seen"
            ));
        }
        if !["read:org", "write:org", "admin:org"]
            .iter()
            .any(|s| have.contains(s))
        {
            missing.push("read:org".to_string());
            lines.push(format!(
                "the GitHub token lacks the `read:org` scope: work in organisations on {host} that restrict access may not be seen"
            ));
        }
    }
    (lines, missing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_prefix() {
        assert_eq!(TokenKind::of("ghp_abc"), TokenKind::Classic);
        assert_eq!(TokenKind::of("github_pat_11AB"), TokenKind::FineGrained);
        assert_eq!(TokenKind::of("ghs_abc"), TokenKind::Installation);
        assert_eq!(TokenKind::of("gho_abc"), TokenKind::OAuth);
        assert_eq!(TokenKind::of("0123456789abcdef"), TokenKind::Unknown);
    }

    #[test]
    fn reach_names_what_is_out_of_sight() {
        let (lines, missing) = reach(TokenKind::Classic, Some("repo, read:org"), "github.com");
        assert!(lines.is_empty() && missing.is_empty());
        let (lines, missing) = reach(TokenKind::Classic, Some("public_repo"), "github.com");
        assert_eq!(missing, ["repo", "read:org"]);
        assert_eq!(lines.len(), 2);
        let (lines, _) = reach(TokenKind::FineGrained, None, "github.com");
        assert!(lines[0].contains("one owner"), "{lines:?}");
        let (lines, _) = reach(TokenKind::Installation, None, "github.com");
        assert!(lines[0].contains("installation"), "{lines:?}");
    }
}
