//! The issues a message says a change closes or is a step of, in the forms projects
//! write them: `Fixes #12`, `closes acme/shop#12`, a line `Updates golang/go#12` or
//! `For #12` (Go), `Part of https://github.com/rust-lang/cargo/issues/15010` (a pull
//! request's description). The collector reads merge descriptions with it and the
//! initiatives read commit messages, so both agree on what names an issue.

use regex::Regex;
use std::collections::BTreeSet;
use std::sync::LazyLock;

/// An issue: `#12`, `owner/name#12`, or its page on GitHub or GitLab.
const ISSUE: &str = r"(#\d+|[\w.-]+/[\w.-]+#\d+|https?://(?:github\.com|gitlab\.com)/[\w.-]+/[\w.-]+(?:/-)?/issues/\d+)\b";

/// An issue the change closes, anywhere in the text.
static CLOSES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:fix(?:e[sd])?|close[sd]?|resolve[sd]?)\s*:?\s+{ISSUE}"
    ))
    .expect("valid")
});

/// An issue the change is a step of, as a line of its own: nothing before it (an
/// indented line is code), nothing after it but a full stop, so a wrapped sentence
/// ("…needed\nfor #3 to be closed") is not one.
static STEP_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?im)^(?:updates?|for|refs?|part of|towards?|tracking issue)[ \t]*:?[ \t]+{ISSUE}(?:[ \t]*(?:,|and)?[ \t]*{ISSUE})*\.?[ \t\r]*$"
    ))
    .expect("valid")
});
/// Every issue in a step line (`For golang/go#1 golang/go#2`).
static ANY_ISSUE: LazyLock<Regex> = LazyLock::new(|| Regex::new(ISSUE).expect("valid"));

/// An issue the change is a step of, in a sentence: "as part of #15010", "the reorg
/// tracked in #15010", "cc tracking issue: #15010"; or in a title's parentheses: jq's
/// "(fix #3430, ref #3393)".
static PART_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:\b(?:part of|tracked (?:in|by)|tracking issue)|[(,;]\s*refs?)\s*:?\s+{ISSUE}"
    ))
    .expect("valid")
});

/// `Title (#12)`: how a squash merge (and GitHub's merge queue) names its pull request.
static SQUASH_SUFFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\(#(\d+)\)\s*$").expect("valid"));
/// A body line `PR #12`.
static PR_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^\s*PR #(\d+)\s*$").expect("valid"));

/// Azure DevOps' `Merged PR 12: Title`, which its squash merges write as well as its
/// merges: every commit of a squash-merging team's history is so titled.
static AZURE_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^Merged PR (\d+): (.*\S)\s*$").expect("valid"));

/// The pull request a title names the way a squash merge writes it, `Title (#12)` (GitHub,
/// GitLab) or `Merged PR 12: Title` (Azure DevOps): its number, and the title without it.
pub fn squash_suffix(title: &str) -> Option<(&str, &str)> {
    if let Some(c) = AZURE_PREFIX.captures(title) {
        return Some((c.get(1)?.as_str(), c.get(2)?.as_str()));
    }
    let c = SQUASH_SUFFIX.captures(title)?;
    let (whole, number) = (c.get(0)?, c.get(1)?);
    Some((number.as_str(), title[..whole.start()].trim_end()))
}

/// A title as the rules and the model read it: Azure DevOps' `Merged PR 12: Title` in the
/// form they learned, `Title (#12)`, so that its first word is the change's, not "Merged",
/// and a `fix:` after it is a label. Any other title as it is.
pub fn squash_form(title: &str) -> std::borrow::Cow<'_, str> {
    match AZURE_PREFIX.captures(title) {
        Some(c) => format!("{} (#{})", &c[2], &c[1]).into(),
        None => title.into(),
    }
}

/// The pull request a body names on a line of its own, `PR #12`.
pub fn pr_line(body: &str) -> Option<&str> {
    Some(PR_LINE.captures(body)?.get(1)?.as_str())
}

/// Whether a message says it is a cherry-pick (`git cherry-pick -x`): a copy of a change
/// made elsewhere.
pub fn is_cherry_pick(message: &str) -> bool {
    message.contains("(cherry picked from commit")
}

/// The commit a cherry-pick names (`git cherry-pick -x`'s `(cherry picked from commit
/// SHA)`), the first when a copy of a copy names several: the original.
pub fn cherry_picked_from(message: &str) -> Option<&str> {
    static LINE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\(cherry picked from commit ([0-9a-f]{7,64})\)").expect("valid")
    });
    Some(LINE.captures(message)?.get(1)?.as_str())
}

/// How soon a revert is part of the work it undoes: the person's own revert of their
/// commit within these days, or another's revert of it, means it did not ship.
pub const REVERT_DAYS: i64 = 30;

/// The commit a message says it reverts, as `git revert` writes it (`This reverts commit
/// SHA.`, Gerrit's `This CL reverts commit SHA.`): the SHA, 7 to 40 hex digits.
pub fn reverts_commit(message: &str) -> Option<&str> {
    static LINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?m)^This (CL )?reverts commit ([0-9a-f]{7,40})\b").expect("valid")
    });
    Some(LINE.captures(message)?.get(2)?.as_str())
}

/// The title a revert's title quotes, as git and GitHub's revert button write it:
/// `Revert "TITLE"` (the whole title, after any squash suffix of the revert's own was
/// taken off by the caller). The quoted title is returned as it is, its own `(#N)` kept.
pub fn git_revert_of(title: &str) -> Option<&str> {
    static GIT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"^[Rr]evert "(.+)"\s*$"#).expect("valid"));
    Some(GIT.captures(title)?.get(1)?.as_str())
}

/// git's titles for a merge of branches, kept as the title of a commit of one parent (a
/// branch squashed in, a merge cherry-picked): `Merge branch 'x'`, `Merge pull request
/// #N from …`, `Merge 'a' into 'b'`.
static GIT_MERGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)^\s*merge ((branch|branches|pull request|remote-tracking branch|remote branch|tag|commit) |['"])"#,
    )
    .expect("valid")
});
/// One branch of the project brought into another, as people title it (astro's eleven
/// squashed `Merge main into next (#15348)`, aiohttp's `Merge 3.8 into 3.9`, prometheus'
/// `Merge release-3.4 into main (#16609)`): the branch it brings in is named as branches
/// are (`main`, `next`, a version, `release-…`), which "merge the parser into the lexer"
/// is not.
static BRANCH_INTO_BRANCH: LazyLock<Regex> = LazyLock::new(|| {
    const BRANCH: &str = r#"[`'"]?(?:main|master|next|develop|development|dev|trunk|stable|beta|alpha|canary|nightly|staging|release[-/][\w./-]+|v?\d+(?:\.(?:\d+|x))*)[`'"]?"#;
    Regex::new(&format!(
        r#"(?i)^\s*(?:[a-z]+(?:\([^)]*\))?!?:\s*)?merge\s+{BRANCH}\s+(?:branch\s+)?(?:into|in|to|with)\s+[`'"]?[\w./-]+[`'"]?(?:\s+branch)?\s*(?:\(#\d+\))?\s*$"#
    ))
    .expect("valid")
});

/// Whether a title says the commit merges one branch into another: git's own merge titles,
/// or a branch of the project brought into another ([`BRANCH_INTO_BRANCH`]). A commit of
/// one parent so titled carries work made on another branch: neither its lines nor the
/// co-authors its squash gathered from the commits it brought in are its author's.
/// GitHub's landing of a security advisory's private fork, `Merge commit from fork`, is
/// titled as one and is not: it is its author's fix, and its co-authors' (rule
/// `advisory-fork`; hono's maintainer co-authored one).
pub fn merges_a_branch(title: &str) -> bool {
    (GIT_MERGE.is_match(title) || BRANCH_INTO_BRANCH.is_match(title))
        && !title.trim().eq_ignore_ascii_case("merge commit from fork")
}

/// Whether a title says it brings one branch of the project into another, as people
/// title it ([`BRANCH_INTO_BRANCH`]); git's own merge titles aside.
pub fn brings_branch_into_branch(title: &str) -> bool {
    BRANCH_INTO_BRANCH.is_match(title)
}

/// Gerrit's commit-msg hook's trailer: `Change-Id: I` and 40 hex digits.
static CHANGE_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^Change-Id:[ \t]*(I[0-9a-f]{40})[ \t\r]*$").expect("valid"));

/// The Gerrit change a message belongs to (`Change-Id: I…`): each is reviewed on its
/// own, whatever else was pushed with it.
pub fn change_id(message: &str) -> Option<&str> {
    CHANGE_ID
        .captures(message)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str())
}

static PAGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^https?://[^/]+/([\w.-]+/[\w.-]+)(?:/-)?/issues/(\d+)$").expect("valid")
});

/// The issues `text` closes or is a step of, as `owner/name#N`; a bare `#N` is an issue
/// of `repo`. A repository known only by its folder's name (`cargo`) takes the issues of
/// an `owner/cargo` as its own, so `#15010` and its page are one issue. Empty when
/// `repo` is empty and only bare numbers are named.
pub fn issue_refs(text: &str, repo: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let named = CLOSES
        .captures_iter(text)
        .chain(PART_OF.captures_iter(text))
        .map(|c| c.get(1).map_or("", |m| m.as_str()))
        .chain(STEP_OF.find_iter(text).flat_map(|line| {
            ANY_ISSUE
                .captures_iter(line.as_str())
                .filter_map(|c| c.get(1).map(|m| m.as_str()))
        }));
    for issue in named {
        let (slug, n) = if let Some(n) = issue.strip_prefix('#') {
            (repo.to_string(), n.to_string())
        } else if let Some(p) = PAGE.captures(issue) {
            (p[1].to_string(), p[2].to_string())
        } else {
            let (slug, n) = issue.split_once('#').unwrap_or((issue, ""));
            (slug.to_string(), n.to_string())
        };
        let local = !repo.contains('/') && slug.rsplit('/').next() == Some(repo);
        let slug = if local { repo } else { slug.as_str() };
        if !slug.is_empty() {
            out.insert(format!("{slug}#{n}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(text: &str) -> Vec<String> {
        issue_refs(text, "acme/shop").into_iter().collect()
    }

    #[test]
    fn pull_requests_named_by_titles_and_bodies() {
        assert_eq!(
            squash_suffix("Add gift cards (#7)"),
            Some(("7", "Add gift cards"))
        );
        assert!(squash_suffix("x (#12) ").is_some());
        assert!(squash_suffix("x (#12a)").is_none());
        assert!(squash_suffix("x (#)").is_none());
        // Azure DevOps names the pull request before the title.
        assert_eq!(
            squash_suffix("Merged PR 1234: fix: crash on an empty cart"),
            Some(("1234", "fix: crash on an empty cart"))
        );
        assert_eq!(
            squash_form("Merged PR 1234: Add gift cards"),
            "Add gift cards (#1234)"
        );
        assert_eq!(squash_form("Add gift cards"), "Add gift cards");
        assert!(squash_suffix("Merged PR 1234:").is_none());
        assert!(squash_suffix("Merged PR: Add gift cards").is_none());
        assert_eq!(pr_line("Some text.\n\n  PR #8 \n"), Some("8"));
        assert_eq!(pr_line("See PR #8 for more"), None);
    }

    #[test]
    fn merges_of_one_branch_into_another() {
        // Titles seen in public histories (astro, aiohttp, prometheus, lazygit): syncs of
        // a project's own branches, squashed.
        for title in [
            "Merge main into next (#15348)",
            "merge main in next (#15247)",
            "chore: merge main into next (#16990)",
            "chore: merge `main` into `next` (#16455)",
            "Merge 3.8 into 3.9",
            "Merge master to 2.3 (#2456)",
            "Merge release-3.4 into main (#16609)",
            "Merge release-2.26.0 branch to main. (#8678)",
            "Merge 3.1 into main (#15775)",
            "merge master into refactor-better-encapsulation",
            "Merge branch 'main' into topic",
            "Merge pull request #13878 from pytest-dev/release-9.0.0",
            "Merge 'tokio-1.52.3' into 'master'",
            "Merge remote branch 'origin/master'",
        ] {
            assert!(merges_a_branch(title), "{title}");
        }
        assert!(brings_branch_into_branch("chore: merge main into next"));
        assert!(!brings_branch_into_branch(
            "Merge branch 'feature' into 'main'"
        ));
        // Code, files and projects merged into one another, seen in the same histories
        // and others'.
        for title in [
            "Merge HISTORY into CHANGES (#9581)",
            "tests: merge clients into libtests, drop duplicate code",
            "ntlm: merge ntlm.h into ntlm.c",
            "Merge okhttp-android into okhttp (#8635)",
            "Merge TestDB_BeyondTimeRetention into TestTimeRetention",
            "promql: merge innerHistogramBounds into correctForCounterResetsHistogram",
            "Merge next to previous button",
            "Merger of the two caches",
            "Merge commits of the same author in the timeline view",
            "Merge tags from all sources when syncing",
            "Merge commit from fork",
        ] {
            assert!(!merges_a_branch(title), "{title}");
        }
    }

    #[test]
    fn gerrit_change_ids() {
        let id = "I2bf08933928d495f88b7472d4a97fea252a9f77c";
        assert_eq!(
            change_id(&format!(
                "x\n\nBody.\n(cherry picked from commit 0123)\nChange-Id: {id}\n"
            )),
            Some(id)
        );
        assert_eq!(change_id("x\n\nChange-Id: I1"), None);
        assert_eq!(change_id(&format!("x\n\n  Change-Id: {id}")), None);
    }

    #[test]
    fn issues_closed_or_stepped_toward_in_every_form() {
        assert_eq!(refs("Fix crash\n\nFixes #12"), ["acme/shop#12"]);
        assert_eq!(refs("x\n\ncloses: other/repo#3"), ["other/repo#3"]);
        assert_eq!(refs("x\n\nFor golang/go#71859"), ["golang/go#71859"]);
        assert_eq!(
            refs("x\n\nUpdates #7\nRefs #8"),
            ["acme/shop#7", "acme/shop#8"]
        );
        assert_eq!(
            refs("Body.\n\nPart of https://github.com/rust-lang/cargo/issues/15010\n"),
            ["rust-lang/cargo#15010"]
        );
        assert_eq!(
            refs("Resolves https://gitlab.com/grp/proj/-/issues/4"),
            ["grp/proj#4"]
        );
        // A step is named on a line of its own; "for" in a sentence is not one.
        assert!(refs("Thanks for #12 and see #13").is_empty());
        assert!(refs("See golang/go#1 for why").is_empty());
        assert!(issue_refs("Fixes #1", "").is_empty());
        // Wrapped prose and indented code are no step lines; `#12abc` is no issue.
        assert!(refs("the groundwork needed\nfor #3 to be closed").is_empty());
        assert!(refs("reported\nfor #3 and other orders").is_empty());
        assert!(refs("Example:\n\n    Refs #3\n").is_empty());
        assert!(refs("Fixes #12abc").is_empty());
        assert_eq!(refs("x\n\nUpdates #7.\n"), ["acme/shop#7"]);
        // Several issues on one step line, and text with CRLF line ends.
        assert_eq!(
            refs("x\n\nFor golang/go#1 golang/go#2\nUpdates #3, #4 and #5\n"),
            [
                "acme/shop#3",
                "acme/shop#4",
                "acme/shop#5",
                "golang/go#1",
                "golang/go#2"
            ]
        );
        assert_eq!(
            refs("Body.\r\n\r\nFor #7\r\nSigned-off-by: A <a@b>\r\n"),
            ["acme/shop#7"]
        );
        assert_eq!(
            refs("Added a flag as part of #15010 [here](x).\n\ncc tracking issue: #16"),
            ["acme/shop#15010", "acme/shop#16"]
        );
        assert_eq!(refs("The reorg tracked in #9 lands."), ["acme/shop#9"]);
        // jq's titles: a reference in the title's parentheses.
        assert_eq!(
            refs("Fix overflow in ltrimstr (fix #3430, ref #3393)"),
            ["acme/shop#3393", "acme/shop#3430"]
        );
        assert_eq!(refs("Speed up the parser (ref #8)"), ["acme/shop#8"]);
        assert!(refs("Update the git ref #8 points at").is_empty());
        // A folder named like the repository: its issues by number and by page agree.
        assert_eq!(
            issue_refs(
                "Part of #15010\nPart of https://github.com/rust-lang/cargo/issues/15010",
                "cargo"
            )
            .into_iter()
            .collect::<Vec<_>>(),
            ["cargo#15010"]
        );
    }
}
