//! Bulk mechanical changes: a reformatting, a mass rename, a regenerated file. They are
//! real commits — they stay in the totals that must equal `git log` — but they are not
//! impact, so classification marks them (`meta.bulk`), gives them no signals and weight
//! 0, and the portfolio collapses them into one line per kind.
//!
//! This runs before the rules, on the evidence alone, so it applies to evidence from any
//! source (and a `meta.bulk` already set by another tool is kept).

use crate::model::{Evidence, Kind};
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

/// A commit touching at least this many files, with a mechanical message, is bulk. Real
/// features rarely touch 50 files; formatters and renames across a codebase usually do.
pub const BULK_FILES: u64 = 50;

/// The rule id recorded on bulk items, shown by `evident explain`.
pub const BULK_RULE: &str = "bulk-change";

/// Formatters whose name means nothing else: enough alone, at a title's start ("cargo
/// fmt", "rustfmt everything").
const FORMATTERS: &str = r"rustfmt|cargo fmt|gofmt|goimports|clang-format|isort|ruff format|dprint|biome format|eslint --fix|lint(?:ing)? ?--fix|autofix";
/// Formatters whose name is also a word ("Black-box tests", "Prettier error messages",
/// "Fill the background with black"): only with a verb that runs them.
const WORD_FORMATTERS: &str = r"black|prettier";
/// The end of a title: nothing more, or a squash merge's `(#N)`.
const END: &str = r"\s*(\(#\d+\))?\s*\.?\s*$";
/// A title whose action is formatting, after any label or subsystem prefix: "Reformat the
/// parser", "Run rustfmt", "cargo fmt", "Format code with black", "Fix formatting",
/// "Remove trailing whitespace", "Sort imports", "Bump copyright year", "Adjust code
/// indent", "configure code indent tweaks", "Minor code style fix". Not a title that
/// only mentions formatting, or formats something: "Fix heap buffer overflow when
/// formatting an empty string", "Fix format string vulnerability", "Fix whitespace in
/// number parsing", "Format floats with `Debug`" are code changes.
static FORMATTING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(re-?format(s|ted|ting)?(\s+((the|all)\s+)?(code(base)?|sources?|files?|everything|tree|workspace|project|repo(sitory)?)\b|{END}|\s+(with|using)\b|\s+(the\s+)?[\w./-]+(\s+[\w./-]+)?{END})|format(ted|ting)?\s+((the|all)\s+)?(code(base)?|sources?|files?|everything|tree|workspace|project|repo(sitory)?)\b|format(ted|ting)?{END}|format(ted|ting)?\s+(with|using)\b|((run|ran|apply|applied|use|used)\s+(the\s+)?)?({FORMATTERS})\b|(run|ran|apply|applied)\s+(the\s+)?({WORD_FORMATTERS})\b|(use|used)\s+(the\s+)?({WORD_FORMATTERS})\s+for\s+formatting\b|(fix|correct|tidy|clean ?up|remove)\w*\s+(the\s+|some\s+|all\s+)?(code\s+)?(trailing\s+)?(formatting|format|whitespaces?|indentation|code style)(\s+(issues?|errors?|nits?|problems?))?({END}|\s+in\s+\S+{END})|(remove|strip|trim|delete)\w*\s+(all\s+|the\s+)?trailing\s+whitespaces?\b|(formatting|whitespaces?)(\s+(fix(es)?|changes?|clean ?ups?|issues?|nits?|only))?{END}|(adjust|tweak|unif(y|ies|ied)|tidy|clean ?up|fix|correct)\w*\s+(the\s+)?(code\s+)?(indent(ation)?|indent(ation)?\s+and\s+formatting|formatting\s+and\s+indent(ation)?)(\s+style)?{END}|([\w./-]+\s+)?code\s+indent(ation)?\s+(style\s+)?(tweaks?|changes?|fix(es)?|clean ?ups?|adjustments?){END}|((other\s+)?minor\s+)?code\s+style\s+(fix(es)?|changes?|tweaks?|clean ?ups?|adjustments?|optimi[sz]ations?)({END}|\s+(for|in)\s+[^,;]{{0,60}}$)|sort(ed|ing)?\s+(the\s+)?imports\b|(bump|update)\w*\s+(the\s+)?copyright|copyright\s+(year|header))"
    ))
    .unwrap()
});
/// "… with rustfmt", "reformat with prettier": a formatter named as the tool anywhere in
/// a title.
static FORMATTED_WITH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b((with|using|by|run|ran|apply|applied)\s+(the\s+)?({FORMATTERS})\b|(re-?)?format\w*\s+(\S+\s+){{0,4}}?(with|using)\s+({WORD_FORMATTERS}){END})"
    ))
    .unwrap()
});
/// A label or subsystem prefix: `style:`, `chore(fmt):`, `parser:`.
static PREFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(\[[^\]]*\]\s*|([\w./-]+)(\([^)]*\))?!?:\s+)").unwrap());

/// Whether a title says the change is formatting: conventional commits' `style` type, or
/// a formatting action after any prefix (a `feat:` or `perf:` that formats something is
/// a feature), or a formatter named as the tool used.
fn says_formatting(title: &str) -> bool {
    let mut rest = title.trim();
    while let Some(c) = PREFIX.captures(rest) {
        let kind = c.get(2).map(|m| m.as_str().to_ascii_lowercase());
        match kind.as_deref() {
            Some("style") => return true,
            Some("feat" | "feature" | "perf") => return false,
            _ => {}
        }
        rest = &rest[c.get(0).map_or(0, |m| m.end())..];
    }
    FORMATTING.is_match(rest) || FORMATTED_WITH.is_match(title)
}
static RENAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(renam(e|ed|es|ing)|mov(e|ed|es|ing))\b").unwrap());
static GENERATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(re-?generat(e|ed|es|ing)|generated|vendor(ed|ing)?|codegen)\b").unwrap()
});

pub use crate::model::generated::is_generated_path;

/// The paths an item's repository marks generated (`meta.generated_paths`:
/// the git collector reads them from `.gitattributes`; any tool may set them).
fn marked_paths(e: &Evidence) -> HashSet<&str> {
    e.meta
        .get("generated_paths")
        .and_then(|v| v.as_array())
        .map(|list| list.iter().filter_map(|p| p.as_str()).collect())
        .unwrap_or_default()
}

/// How many of an item's paths are generated: named so by [`is_generated_path`] or marked
/// so by its repository.
fn generated_count(e: &Evidence) -> usize {
    let marked = marked_paths(e);
    e.paths
        .iter()
        .filter(|p| is_generated_path(p) || marked.contains(p.as_str()))
        .count()
}

/// The share of an item's changed lines in files its repository marks generated
/// (`meta.generated_lines`), where that is recorded and the item changed lines.
fn marked_line_share(e: &Evidence) -> Option<f64> {
    let lines = e.meta_u64("generated_lines")?;
    let churn = e.churn();
    (churn > 0).then(|| lines.min(churn) as f64 / churn as f64)
}

/// A dependency lock file.
fn is_lock_file(path: &str) -> bool {
    static LOCK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(^|/)(package-lock\.json|npm-shrinkwrap\.json|pnpm-lock\.yaml|go\.sum|[^/]*\.lock)$").unwrap()
    });
    LOCK.is_match(path)
}

/// A dependency manifest: the file a dependency update edits beside its lock file.
fn is_manifest(path: &str) -> bool {
    static MANIFEST: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(^|/)(Cargo\.toml|package\.json|go\.mod|Gemfile|pyproject\.toml|requirements[^/]*\.txt|composer\.json|pom\.xml|build\.gradle(\.kts)?|deny\.toml)$").unwrap()
    });
    MANIFEST.is_match(path)
}

/// Why a revert is mechanical (see [`mechanical`]).
pub const REVERT: &str = "a revert (its lines are those of the change it undoes)";

/// Why an item is mechanical churn, if it is: a bulk change, a formatting change, a
/// dependency update (lock files, with manifests at most), or a change mostly to
/// generated, vendored or snapshot files (four in five of its files, or of its lines where
/// the repository marks its generated files: jq's fix of 53 lines beside 556 of the
/// parser Bison regenerated). Such an item still counts as evidence, but never leads as
/// "strongest", and the lines of those files do not make it weigh (see `authored_share`).
pub fn mechanical(e: &Evidence) -> Option<String> {
    if let Some(kind) = e.meta_str("bulk") {
        return Some(format!("bulk change ({kind})"));
    }
    if !matches!(e.kind, Kind::Commit | Kind::PullRequest) || e.paths.is_empty() {
        return None;
    }
    // A revert puts back what a change took away: its lines are that change's, not
    // written again (a 1,558-line revert of a formatting change led a valkey maintainer's
    // unglamorous work). It still counts; a revert of one's own recent work is folded
    // with it (`verdict::fold_own_reverts`).
    if super::verdict::undoes_a_change(&e.title, &e.body) {
        return Some(REVERT.into());
    }
    if says_formatting(&e.title) {
        return Some("formatting".into());
    }
    // A commit of one parent titled as a merge (a branch squashed in, a merge
    // cherry-picked) carries work made on another branch: its size is not the person's.
    // (GitHub's landing of a security advisory's private fork is not, see
    // `refs::merges_a_branch`.)
    if crate::model::refs::merges_a_branch(&e.title) {
        return Some("titled as a merge of another branch".into());
    }
    if e.meta_flag("pin_bump") {
        return Some(format!(
            "{DEPENDENCY_UPDATE} (pinned versions of actions or images)"
        ));
    }
    if e.paths.iter().any(|p| is_lock_file(p))
        && e.paths.iter().all(|p| is_lock_file(p) || is_manifest(p))
    {
        return Some(format!(
            "{DEPENDENCY_UPDATE} (lock files and manifests only)"
        ));
    }
    // Four in five: a change that updates expected outputs beside its code is still the
    // code's change (its size counts only the code's share, see `authored_share`).
    // By files, unless the lines say otherwise: lazygit's "Remove the 'Open config file'
    // command" changed 12 lines of code and 9 of its generated keybinding pages, eight
    // pages to two code files.
    // (Binary files a tool writes count no lines: then the files decide.)
    let lines_disagree = e
        .meta_u64("tool_lines")
        .is_some_and(|tool| tool > 0 && tool * 2 < e.churn());
    let mostly_files = generated_count(e) * 5 >= e.paths.len() * 4 && !lines_disagree;
    let mostly_lines = marked_line_share(e).is_some_and(|s| s >= 0.8);
    if mostly_files || mostly_lines {
        return Some("mostly generated, vendored or snapshot files".to_string());
    }
    sweep(e)
}

/// A change of at least this many files that writes few lines in each is a sweep.
const SWEEP_FILES: u64 = 200;
/// Fewer lines written a file than this, on average, over [`SWEEP_FILES`] files.
const SWEEP_LINES_PER_FILE: f64 = 10.0;

/// Why a change is a sweep, if it is: one edit made across hundreds of files, a few lines
/// in each (curl's "tests: avoid hard-coded CRLFs in more sections", 1,096 test files
/// about five lines each once the line endings are set aside, had led its author's
/// quality work; "stop using the word 'just'", 213 files). Real work, and evidence still,
/// but its size is the edit's reach, not what was written: it never leads, and it is no
/// feature led.
fn sweep(e: &Evidence) -> Option<String> {
    let files = e.files_changed.unwrap_or(e.paths.len() as u64);
    if files < SWEEP_FILES {
        return None;
    }
    let per_file = written_lines(e) / files as f64;
    (per_file < SWEEP_LINES_PER_FILE).then(|| {
        format!(
            "a sweep: one edit across {files} files, about {} lines written in each",
            per_file.round().max(1.0)
        )
    })
}

/// How [`mechanical`] begins the reason of a dependency update (a lock file, pinned
/// actions): housekeeping, whatever its title says.
const DEPENDENCY_UPDATE: &str = "dependency update";

/// Whether a [`mechanical`] reason is a dependency update's.
pub fn is_dependency_update(mechanical: &str) -> bool {
    mechanical.starts_with(DEPENDENCY_UPDATE)
}

/// The share of an item a person wrote rather than a tool: the share of its paths that are
/// not generated, vendored, lock or snapshot files (1 when the paths are not known), and
/// where the repository marks its generated files, at most the share of its lines outside
/// them.
pub fn authored_share(e: &Evidence) -> f64 {
    if e.paths.is_empty() {
        return 1.0;
    }
    // Where the collector counted the lines in files a tool writes, the share is by line:
    // hono's "update packages in the router bench" wrote 45 of its 2,406 lines (a
    // `yarn.lock` swapped for a `bun.lock`), not half of them.
    // Lines moved or re-indented within the commit are not written either: just's
    // "Organize readme into sections" (+3060 −3039) wrote about 40 of its lines.
    if let Some(tool) = e.meta_u64("tool_lines") {
        let churn = e.churn();
        if churn > 0 {
            let not_written = tool + e.meta_u64("moved_lines").unwrap_or(0);
            return 1.0 - not_written.min(churn) as f64 / churn as f64;
        }
    }
    let authored = e.paths.len() - generated_count(e);
    let by_files = authored as f64 / e.paths.len() as f64;
    match marked_line_share(e) {
        Some(generated) => by_files.min(1.0 - generated),
        None => by_files,
    }
}

/// The changed lines of an item the person wrote: its churn times [`authored_share`],
/// a whole number of lines where that is one but for the float's error (go/ssa's "support
/// new(expr)", 58 lines of which 28 moved, wrote 29.999… lines and fell below a
/// statement's bar of 30). A true fraction (a share of files) is kept.
pub fn written_lines(e: &Evidence) -> f64 {
    let lines = e.churn() as f64 * authored_share(e);
    if (lines - lines.round()).abs() < 1e-6 {
        lines.round()
    } else {
        lines
    }
}

/// The kind of bulk change an item is, if it is one: `formatting`, `rename` or `generated`.
pub fn detect(e: &Evidence) -> Option<String> {
    if let Some(given) = e.meta_str("bulk") {
        return Some(given.to_string());
    }
    // A commit that changes no file (a CI trigger, `git commit --allow-empty`) shows
    // nothing but its message; so does a merge that changes nothing its first parent
    // had (aiohttp's `Merge branch '3.12' into 3.13` of nothing, with `--include-merges`).
    if e.kind == Kind::Commit
        && e.files_changed == Some(0)
        && e.additions == Some(0)
        && e.deletions == Some(0)
    {
        return Some("empty".into());
    }
    if !matches!(e.kind, Kind::Commit | Kind::PullRequest) || e.paths.is_empty() {
        return None;
    }
    let files = e.files_changed.unwrap_or(e.paths.len() as u64);
    // Every file generated (and not paths cut short by GitHub): a regenerated-file update.
    // Lock files alone are a dependency update, which is real (if unglamorous) build work.
    if !e.meta_flag("paths_truncated")
        && generated_count(e) == e.paths.len()
        && !e.paths.iter().all(|p| is_lock_file(p))
    {
        return Some("generated".into());
    }
    if files < BULK_FILES {
        return None;
    }
    let title = &e.title;
    if says_formatting(title) {
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

    #[test]
    fn written_lines_are_whole_lines() {
        // go/ssa's "support new(expr)": 58 lines, 28 of them moved, wrote 30, not 29.999….
        let mut e = Evidence::new(
            "git:tools:ed00c08".to_string(),
            Kind::Commit,
            "go/ssa: support new(expr)".to_string(),
        );
        e.additions = Some(44);
        e.deletions = Some(14);
        e.paths = vec!["go/ssa/interp/interp_test.go".into()];
        e.meta.insert("tool_lines".into(), serde_json::json!(0));
        e.meta.insert("moved_lines".into(), serde_json::json!(28));
        assert_eq!(written_lines(&e), 30.0);
    }

    fn commit(title: &str, paths: &[&str]) -> Evidence {
        let mut e = Evidence::new("git:r:1", Kind::Commit, title);
        e.paths = paths.iter().map(|p| p.to_string()).collect();
        e.files_changed = Some(paths.len() as u64);
        e
    }

    #[test]
    fn an_empty_commit_or_merge_is_bulk_and_an_unknown_size_is_not() {
        let mut empty = commit("ci: testing release", &[]);
        (empty.additions, empty.deletions) = (Some(0), Some(0));
        assert_eq!(detect(&empty).as_deref(), Some("empty"));
        let mut merge = empty.clone();
        merge.title = "Merge branch '3.12' into 3.13".into();
        merge.meta.insert("merge".into(), serde_json::json!(true));
        assert_eq!(detect(&merge).as_deref(), Some("empty"));
        let mut unknown = commit("Add search", &[]);
        unknown.files_changed = None;
        assert_eq!(detect(&unknown), None);
    }

    #[test]
    fn formatting_is_a_title_whose_action_is_formatting() {
        for title in [
            "Reformat the parser",
            "style: apply rustfmt",
            "style(parser): wrap long lines",
            "chore(fmt): cargo fmt",
            "Run rustfmt over the tree",
            "cargo fmt",
            "parser: fix formatting",
            "Fix whitespace",
            "Remove trailing whitespace",
            "Sort imports",
            "Bump copyright year",
            "Format code with black",
            "[ci] reformat with prettier",
            "Format the codebase",
            "Run black",
            "Whitespace fixes",
            "Fix formatting (#12)",
            "Reformat the parser with black",
            "Fix formatting issues",
            "Formatting fixes",
            "Formatting changes",
            "Fix formatting in README.md",
            "Remove trailing whitespace from docs",
            "Remove trailing whitespaces in src/lib.rs",
            "Use black for formatting",
            "Reformat",
            // htop's: a re-indented configure script (+580 −393) had led its author's
            // unglamorous work.
            "build: configure code indent tweaks",
            "DiskIOMeter: Adjust code indent and formatting",
            "Unified indentation style",
            "Minor code style fix",
            "Other minor code style changes",
            "Code style changes for asserts (no space before parens)",
        ] {
            assert!(says_formatting(title), "{title}");
        }
        // jq's: a CVE fix and a test fix that only mention formatting; and code changes
        // that format something, or name a formatter's word (a review's finds).
        for title in [
            "Fix heap buffer overflow when formatting an empty string",
            "Fix localization test for time formatting functions (#3409)",
            "feat: format numbers with thousands separators",
            "Add a date formatting helper",
            "Support the black hole renderer",
            "Fix format string vulnerability in the logger (CVE-2026-1234)",
            "fix: format string vulnerabilities in every log call",
            "Fix whitespace in number parsing (#3195)",
            "Strip whitespace from header values",
            "Format floats with `Debug` to properly print -0.0",
            "Black-box tests for the parser",
            "Prettier error messages",
            "Fill the background with black",
            "Reformat dates in output as ISO 8601",
            "Reformat error message when config fails",
            "Format numbers with black text",
            "Trim whitespace",
            "Strip whitespace",
            "Fix indentation of the generated YAML output",
            // An editor's or an emitter's indentation is its behaviour (a review's finds).
            "Emitter indentation fixes",
            "Python indent fixes",
            "fix(yaml): indentation fix",
            "Code style fixes and a crash fix in the parser",
            "Indent nested lists in the Markdown output",
            "Keep the indentation of continued lines",
        ] {
            assert!(!says_formatting(title), "{title}");
        }
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

    #[test]
    fn vendored_folders_are_generated_under_their_usual_names() {
        // pip upgrades urllib3 and packaging with its `vendoring` tool, under `_vendor/`:
        // 68% of its maintainer's added lines in a year.
        for path in [
            "src/pip/_vendor/urllib3/connection.py",
            "vendor/github.com/x/y/z.go",
            "lib/vendored/six.py",
            "third_party/zlib/inflate.c",
            "deps/third-party/lz4.h",
            // helix's book pages `cargo xtask docgen` writes.
            "book/src/generated/typable-cmd.md",
        ] {
            assert!(is_generated_path(path), "{path}");
        }
        for path in [
            "src/vendors.py",
            "src/pip/_internal/vendor_check.py",
            "docs/vendoring.md",
            "src/generated_code.rs",
            "docs/generated-files.md",
        ] {
            assert!(!is_generated_path(path), "{path}");
        }
    }

    #[test]
    fn signatures_keyrings_and_checksums_are_generated() {
        for path in [
            "sig/v1.8.1/jq-linux-amd64.asc",
            "sig/v1.8.1/jq-1.8.1.tar.gz.asc",
            "release/jq-1.8.1.tar.gz.asc",
            "dist-sigs/x.zip.sig",
            "signatures/tool.sig",
            "keys/trusted.gpg",
            "secrets.env.gpg",
            "releases/app-1.0.tar.gz.sha256",
            "SHA256SUMS",
            "out/app.SHA512",
        ] {
            assert!(is_generated_path(path), "{path}");
        }
        // Written by hand: AsciiDoc chapters, a Standard ML signature, a key file.
        for path in [
            "book/01-introduction/sections/about-version-control.asc",
            "ch01-getting-started.asc",
            "src/list.sig",
            "sig/jq-release-new.key",
            "docs/signing.md",
        ] {
            assert!(!is_generated_path(path), "{path}");
        }
        // jq's new signing key: 152 signatures re-made and the key, +2039 -1936.
        let mut paths: Vec<String> = (0..152)
            .map(|i| format!("sig/v1.{}/jq-linux-{i}.asc", i % 8))
            .collect();
        paths.push("sig/jq-release-new.key".into());
        let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
        let key = commit("Update GPG signing key (fix #3381)", &paths);
        assert_eq!(
            mechanical(&key).as_deref(),
            Some("mostly generated, vendored or snapshot files")
        );
        assert!(authored_share(&key) < 0.01);
        assert_eq!(detect(&key), None, "the key itself is not generated");
    }

    #[test]
    fn files_the_repository_marks_are_generated_too() {
        // jq's 9d223f15: src/parser.c is Bison's output (`linguist-generated` in jq's
        // .gitattributes), 556 of the 609 lines changed.
        let mut fix = commit(
            "Reject embedded NUL bytes in module import paths",
            &[
                "src/compile.c",
                "src/compile.h",
                "src/linker.c",
                "src/parser.c",
                "src/parser.y",
                "tests/shtest",
            ],
        );
        (fix.additions, fix.deletions) = (Some(307), Some(302));
        assert_eq!(mechanical(&fix), None);
        assert!((authored_share(&fix) - 1.0).abs() < 1e-9);
        fix.meta.insert(
            "generated_paths".into(),
            serde_json::json!(["src/parser.c"]),
        );
        fix.meta
            .insert("generated_lines".into(), serde_json::json!(556));
        assert_eq!(
            mechanical(&fix).as_deref(),
            Some("mostly generated, vendored or snapshot files")
        );
        assert!((authored_share(&fix) - 53.0 / 609.0).abs() < 1e-9);
        // Half its lines in a marked file: work, weighed by that half; a tenth: by the
        // share of its files, the lower.
        fix.meta
            .insert("generated_lines".into(), serde_json::json!(300));
        assert_eq!(mechanical(&fix), None);
        assert!((authored_share(&fix) - 309.0 / 609.0).abs() < 1e-9);
        fix.meta
            .insert("generated_lines".into(), serde_json::json!(60));
        assert!((authored_share(&fix) - 5.0 / 6.0).abs() < 1e-9);
        // A commit to marked files alone is a regenerated-file update; recorded lines
        // beyond the commit's own (a tool's error) are capped.
        let mut regen = commit("Update the parser", &["src/parser.c", "src/parser.h"]);
        (regen.additions, regen.deletions) = (Some(10), Some(2));
        regen.meta.insert(
            "generated_paths".into(),
            serde_json::json!(["src/parser.c", "src/parser.h"]),
        );
        regen
            .meta
            .insert("generated_lines".into(), serde_json::json!(99));
        assert_eq!(detect(&regen).as_deref(), Some("generated"));
        assert_eq!(authored_share(&regen), 0.0);
        // Odd records are read as nothing marked.
        let mut odd = commit("Add search", &["src/search.rs"]);
        odd.meta
            .insert("generated_paths".into(), serde_json::json!("src/search.rs"));
        odd.meta
            .insert("generated_lines".into(), serde_json::json!(-3));
        assert_eq!(mechanical(&odd), None);
        assert_eq!(authored_share(&odd), 1.0);
    }

    #[test]
    fn mechanical_churn_is_told_from_authored_work() {
        let deps = commit("deps: update everything", &["Cargo.toml", "Cargo.lock"]);
        assert_eq!(
            mechanical(&deps).as_deref(),
            Some("dependency update (lock files and manifests only)")
        );
        let manifest_only = commit("Add the `serde` feature", &["Cargo.toml"]);
        assert_eq!(
            mechanical(&manifest_only),
            None,
            "a manifest edit can be real work"
        );
        let mut snapshots: Vec<String> = (0..791)
            .map(|i| format!("tests/snapshots/t{i}.snap"))
            .collect();
        snapshots.push("src/render.rs".into());
        let snapshots: Vec<&str> = snapshots.iter().map(String::as_str).collect();
        let churn = commit("Render tables differently", &snapshots);
        assert_eq!(
            mechanical(&churn).as_deref(),
            Some("mostly generated, vendored or snapshot files")
        );
        assert!(authored_share(&churn) < 0.01);
        // Eight generated pages to two code files, but 9 of its 21 lines: the code's change
        // (lazygit's "Remove the 'Open config file' command").
        let mut pages = commit(
            "Remove the 'Open config file' command",
            &[
                "docs/keybindings/Keybindings_en.md",
                "docs/keybindings/Keybindings_ja.md",
                "docs/keybindings/Keybindings_ko.md",
                "docs/keybindings/Keybindings_nl.md",
                "docs/keybindings/Keybindings_pl.md",
                "docs/keybindings/Keybindings_ru.md",
                "docs/keybindings/Keybindings_zh-CN.md",
                "docs/keybindings/Keybindings_zh-TW.md",
                "pkg/gui/controllers/status_controller.go",
                "pkg/i18n/english.go",
            ],
        );
        pages.additions = Some(0);
        pages.deletions = Some(21);
        pages.meta.insert(
            "generated_paths".into(),
            serde_json::json!(pages.paths[..8].to_vec()),
        );
        pages.meta.insert("tool_lines".into(), serde_json::json!(9));
        assert_eq!(mechanical(&pages), None, "{:?}", pages.paths);
        pages
            .meta
            .insert("tool_lines".into(), serde_json::json!(19));
        assert_eq!(
            mechanical(&pages).as_deref(),
            Some("mostly generated, vendored or snapshot files")
        );
        let fmt = commit("style: apply rustfmt", &["src/a.rs", "src/b.rs"]);
        assert_eq!(mechanical(&fmt).as_deref(), Some("formatting"));
        // pytest's release notes, a merge cherry-picked as one commit.
        let merged = commit(
            "Merge pull request #13878 from pytest-dev/release-9.0.0",
            &["doc/en/changelog.rst", "src/_pytest/config.py"],
        );
        assert_eq!(
            mechanical(&merged).as_deref(),
            Some("titled as a merge of another branch")
        );
        let synced = commit(
            "Merge 'tokio-1.52.3' into 'master'",
            &["tokio/CHANGELOG.md"],
        );
        assert!(mechanical(&synced).is_some());
        for work in [
            "Merger of the two caches",
            "Merge commits of the same author in the timeline view",
            "Merge tags from all sources when syncing",
        ] {
            assert_eq!(mechanical(&commit(work, &["src/cache.rs"])), None, "{work}");
        }
        let mut help: Vec<String> = (0..38)
            .map(|i| format!("tests/testsuite/cargo_{i}/help/stdout.log"))
            .collect();
        help.extend((0..32).map(|i| format!("src/bin/cargo/commands/c{i}.rs")));
        let help: Vec<&str> = help.iter().map(String::as_str).collect();
        let help = commit("fix(cli): Make --help easier to browse", &help);
        assert_eq!(
            mechanical(&help),
            None,
            "code with its expected outputs updated"
        );
        assert!((authored_share(&help) - 32.0 / 70.0).abs() < 1e-9);
        let code = commit("Add search", &["src/search.rs", "Cargo.lock"]);
        assert_eq!(mechanical(&code), None);
        assert_eq!(authored_share(&code), 0.5);
    }

    #[test]
    fn an_edit_across_hundreds_of_files_is_a_sweep() {
        // curl's "tests: avoid hard-coded CRLFs in more sections": 1,096 files, +10495
        // −10422 of which 15,874 lines only lost a carriage return.
        let paths: Vec<String> = (0..1096).map(|i| format!("tests/data/test{i}")).collect();
        let refs: Vec<&str> = paths.iter().map(String::as_str).collect();
        let mut crlf = commit("tests: avoid hard-coded CRLFs in more sections", &refs);
        (crlf.additions, crlf.deletions) = (Some(10_495), Some(10_422));
        crlf.meta.insert("tool_lines".into(), serde_json::json!(0));
        crlf.meta
            .insert("moved_lines".into(), serde_json::json!(15_874));
        assert_eq!(
            mechanical(&crlf).as_deref(),
            Some("a sweep: one edit across 1096 files, about 5 lines written in each")
        );
        // The same reach with real lines in each file is work, and so is a large change
        // of fewer files.
        let mut rewrite = crlf.clone();
        rewrite
            .meta
            .insert("moved_lines".into(), serde_json::json!(0));
        (rewrite.additions, rewrite.deletions) = (Some(9_000), Some(2_000));
        assert_eq!(mechanical(&rewrite), None);
        let mut fewer = commit("tests: replace CR bytes with %CR", &refs[..123]);
        (fewer.additions, fewer.deletions) = (Some(100), Some(100));
        assert_eq!(mechanical(&fewer), None);
    }

    #[test]
    fn a_revert_is_mechanical_and_a_re_land_is_not() {
        let reverted = "a revert (its lines are those of the change it undoes)";
        let revert = commit(
            r#"Revert "Format the server with clang-format""#,
            &["src/server.c", "src/networking.c"],
        );
        assert_eq!(mechanical(&revert).as_deref(), Some(reverted));
        // valkey: a title of the person's own, git's line in the body.
        let mut said_in_body = commit("Revert make KEYS to be an exact match", &["src/db.c"]);
        said_in_body.body =
            "This reverts commit 0123456789abcdef0123456789abcdef01234567.\n\nIt broke replicas."
                .into();
        assert_eq!(mechanical(&said_in_body).as_deref(), Some(reverted));
        let by_number = commit("fix(context): revert PR #4707 (#4757)", &["src/context.ts"]);
        assert_eq!(mechanical(&by_number).as_deref(), Some(reverted));
        // valkey: undone by hand, said in words.
        let in_words = commit(
            "Revert format updates on config.c file for config block (#552)",
            &["src/config.c"],
        );
        assert_eq!(mechanical(&in_words).as_deref(), Some(reverted));
        // fastapi's gitmoji.
        let gitmoji = commit(
            "⏪️ Revert removing scripts, only remove `coverage.sh` (#15772)",
            &["scripts/test.sh"],
        );
        assert_eq!(mechanical(&gitmoji).as_deref(), Some(reverted));
        // Go: a module's name first, git's form in lower case.
        let scoped = commit(
            "go/analysis/passes/buildtag: revert \"go/analysis: add a check\"",
            &["go/analysis/passes/buildtag/buildtag.go"],
        );
        assert_eq!(mechanical(&scoped).as_deref(), Some(reverted));
        let conventional = commit("revert: feat(cli): add --json", &["src/cli.rs"]);
        assert_eq!(mechanical(&conventional).as_deref(), Some(reverted));
        let re_land = commit(r#"Revert "Revert "Add the cache"""#, &["src/cache.rs"]);
        assert_eq!(mechanical(&re_land), None);
        // git 2.43 and later titles a revert of a revert `Reapply "…"`, with git's line.
        let mut reapply = commit(r#"Reapply "Add the cache""#, &["src/cache.rs"]);
        reapply.body = "This reverts commit 0123456789abcdef0123456789abcdef01234567.".into();
        assert_eq!(mechanical(&reapply), None);
        let reland = commit(r#"Reland "Use the new allocator""#, &["src/alloc.rs"]);
        assert_eq!(mechanical(&reland), None);
        // A squash merge lists its commits; one of them reverting a debug commit does not
        // make the pull request a revert.
        let mut squash = commit("Add the uploader (#200)", &["src/upload.rs"]);
        squash.body = "* Add the uploader\n\n* Revert \"debug\"\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.\n\n* Tests".into();
        assert_eq!(mechanical(&squash), None);
        for work in [
            "Fix the login outage by reverting #4521",
            "Fix deadlock in the pool; reverts #9 partially",
            "Revert back to the previous retry policy",
            // valkey: a value put back by hand.
            "Revert repl backlog size back to 1mb for dual channel tests (#934)",
        ] {
            assert_eq!(mechanical(&commit(work, &["src/pool.rs"])), None, "{work}");
        }
        for work in [
            "Revert to the old parser when the input is empty",
            "Make revert work with merge commits",
        ] {
            assert_eq!(mechanical(&commit(work, &["src/parse.rs"])), None, "{work}");
        }
    }
}
