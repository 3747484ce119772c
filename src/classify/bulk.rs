//! Bulk mechanical changes: a reformatting, a mass rename, a regenerated file. They are
//! real commits — they stay in the totals that must equal `git log` — but they are not
//! impact, so classification marks them (`meta.bulk`), gives them no signals and weight
//! 0, and the portfolio collapses them into one line per kind.
//!
//! This runs before the rules, on the evidence alone, so it applies to evidence from any
//! source (and a `meta.bulk` already set by another tool is kept).

use crate::model::{Evidence, Kind};
use regex::Regex;
use std::sync::LazyLock;

/// A commit touching at least this many files, with a mechanical message, is bulk. Real
/// features rarely touch 50 files; formatters and renames across a codebase usually do.
pub const BULK_FILES: u64 = 50;

/// The rule id recorded on bulk items, shown by `evident explain`.
pub const BULK_RULE: &str = "bulk-change";

static FORMATTING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(re-?format(ted|ting|s)?|format(ted|ting)?|rustfmt|cargo fmt|prettier|black|gofmt|goimports|clang-format|lint(ing)? ?--fix|autofix|sort(ed)? imports|isort|whitespace|bump copyright|copyright (year|header))\b").unwrap()
});
static RENAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(renam(e|ed|es|ing)|mov(e|ed|es|ing))\b").unwrap());
static GENERATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(re-?generat(e|ed|es|ing)|generated|vendor(ed|ing)?|codegen)\b").unwrap()
});

/// A path whose content a tool writes: lock files, generated sources, vendored and built
/// files, minified scripts, test snapshots.
pub fn is_generated_path(path: &str) -> bool {
    static GENERATED_PATH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)(^|/)(Cargo\.lock|package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|Gemfile\.lock|poetry\.lock|Pipfile\.lock|composer\.lock|go\.sum|uv\.lock|flake\.lock|[^/]*\.lock)$|\.generated\.[^/]+$|\.pb\.go$|_pb2(_grpc)?\.pyi?$|(^|/)(vendor|dist|__snapshots__|snapshots)/|\.min\.(js|css)$|\.snap$",
        )
        .unwrap()
    });
    GENERATED_PATH.is_match(path)
}

/// A dependency lock file.
fn is_lock_file(path: &str) -> bool {
    static LOCK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(^|/)(package-lock\.json|npm-shrinkwrap\.json|pnpm-lock\.yaml|go\.sum|[^/]*\.lock)$").unwrap()
    });
    LOCK.is_match(path)
}

/// The kind of bulk change an item is, if it is one: `formatting`, `rename` or `generated`.
pub fn detect(e: &Evidence) -> Option<String> {
    if let Some(given) = e.meta_str("bulk") {
        return Some(given.to_string());
    }
    if !matches!(e.kind, Kind::Commit | Kind::PullRequest) || e.paths.is_empty() {
        return None;
    }
    let files = e.files_changed.unwrap_or(e.paths.len() as u64);
    // Every file generated (and not paths cut short by GitHub): a regenerated-file update.
    // Lock files alone are a dependency update, which is real (if unglamorous) build work.
    if e.meta.get("paths_truncated").and_then(|v| v.as_bool()) != Some(true)
        && e.paths.iter().all(|p| is_generated_path(p))
        && !e.paths.iter().all(|p| is_lock_file(p))
    {
        return Some("generated".into());
    }
    if files < BULK_FILES {
        return None;
    }
    let title = &e.title;
    if FORMATTING.is_match(title) {
        Some("formatting".into())
    } else if GENERATED.is_match(title) {
        Some("generated".into())
    } else if RENAME.is_match(title) {
        Some("rename".into())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn commit(title: &str, paths: &[&str]) -> Evidence {
        let mut e = Evidence::new("git:r:1", Kind::Commit, title);
        e.paths = paths.iter().map(|p| p.to_string()).collect();
        e.files_changed = Some(paths.len() as u64);
        e
    }

    #[test]
    fn bulk_kinds() {
        let many: Vec<String> = (0..60).map(|i| format!("src/f{i}.rs")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        assert_eq!(
            detect(&commit("Run rustfmt over the tree", &many)).as_deref(),
            Some("formatting")
        );
        assert_eq!(
            detect(&commit("style: reformat with black", &many)).as_deref(),
            Some("formatting")
        );
        assert_eq!(
            detect(&commit("Rename widget to gadget everywhere", &many)).as_deref(),
            Some("rename")
        );
        assert_eq!(
            detect(&commit("Regenerate protobufs", &many)).as_deref(),
            Some("generated")
        );
        assert_eq!(detect(&commit("Add the search feature", &many)), None);
        assert_eq!(detect(&commit("Format the readme", &["README.md"])), None);
        assert_eq!(
            detect(&commit(
                "Update deps",
                &["Cargo.lock", "web/package-lock.json", "go.sum"]
            )),
            None,
            "a dependency update is build work, not bulk"
        );
        assert_eq!(
            detect(&commit(
                "Update",
                &[
                    "api/x.pb.go",
                    "py/x_pb2.py",
                    "vendor/a/b.go",
                    "dist/app.min.js"
                ]
            ))
            .as_deref(),
            Some("generated")
        );
        assert_eq!(
            detect(&commit("Update deps", &["Cargo.toml", "Cargo.lock"])),
            None
        );
    }
}
