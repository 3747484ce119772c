//! The features the learned classifier reads from an item: the words of its title and
//! body, the paths it touches, and the shape of its diff. Each feature has a readable
//! name (`title:fix`, `dir:tests`, `adds:31-100`), so `evident explain` can name what
//! decided an item. Training and run time call the same function on the same fields.

use std::collections::BTreeSet;

/// What the features are read from: the fields of an evidence record.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub title: &'a str,
    pub body: &'a str,
    pub paths: &'a [String],
    pub additions: Option<u64>,
    pub deletions: Option<u64>,
    pub files_changed: Option<u64>,
}

/// Words of the body read at most: the first paragraphs say what a change is; long
/// bodies (changelogs, squashed lists) add noise and time.
const BODY_WORDS: usize = 80;

/// The item's features, sorted and without repeats.
pub fn extract(input: &Input) -> Vec<String> {
    let mut out: BTreeSet<String> = BTreeSet::new();
    let title = words(input.title);
    if title.is_empty() {
        out.insert("title:empty".into());
    }
    for (i, w) in title.iter().enumerate() {
        out.insert(format!("title:{w}"));
        if i == 0 {
            out.insert(format!("first:{w}"));
        }
        if let Some(next) = title.get(i + 1) {
            out.insert(format!("title:{w}_{next}"));
        }
    }
    let body = body_text(input.body);
    let body_words = words(&body);
    if body_words.is_empty() {
        out.insert("body:empty".into());
    }
    for w in body_words.iter().take(BODY_WORDS) {
        out.insert(format!("body:{w}"));
    }
    paths(input.paths, &mut out);
    shape(input, &mut out);
    out.into_iter().collect()
}

/// The body without trailer lines and links: `Signed-off-by:` and URLs say nothing of the
/// kind of change, and differ by project.
fn body_text(body: &str) -> String {
    body.lines()
        .filter(|l| {
            let l = l.trim();
            !(l.is_empty()
                || is_trailer(l)
                || l.starts_with("http://")
                || l.starts_with("https://"))
        })
        .map(|l| {
            l.split_whitespace()
                .filter(|w| !w.contains("://"))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_trailer(line: &str) -> bool {
    let Some((key, _)) = line.split_once(": ") else {
        return false;
    };
    key.contains('-')
        && key.len() < 30
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// Lower-case words of a text, camelCase and snake_case split, numbers and hashes left
/// out, each reduced to a rough stem so `fixes`, `fixed` and `fixing` are one word.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for raw in text.split(|c: char| !c.is_alphanumeric()) {
        for part in split_camel(raw) {
            let lower = part.to_lowercase();
            if lower.len() < 2 || lower.len() > 24 || lower.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            if lower.len() >= 7 && lower.chars().all(|c| c.is_ascii_hexdigit()) {
                continue;
            }
            if !lower.chars().any(|c| c.is_alphabetic()) {
                continue;
            }
            out.push(stem(&lower));
        }
    }
    out
}

fn split_camel(word: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    for i in 1..chars.len() {
        let (at, c) = chars[i];
        let prev = chars[i - 1].1;
        if c.is_uppercase() && prev.is_lowercase() {
            parts.push(&word[start..at]);
            start = at;
        }
    }
    parts.push(&word[start..]);
    parts
}

/// A light English stemmer: enough to fold the forms a commit title uses
/// (`adds/added/adding`, `fixes/fixed`, `tests/testing`, `dependencies/dependency`).
pub fn stem(word: &str) -> String {
    let w = word;
    let n = w.len();
    let strip = |suffix: &str, min: usize| -> Option<&str> {
        w.strip_suffix(suffix).filter(|s| s.len() >= min)
    };
    if let Some(s) = strip("ies", 3) {
        return format!("{s}y");
    }
    if let Some(s) = strip("ing", 3) {
        return undouble(s);
    }
    if let Some(s) = strip("ed", 3) {
        return undouble(s);
    }
    if let Some(s) = strip("es", 3)
        && (s.ends_with("sh") || s.ends_with("ch") || s.ends_with('x') || s.ends_with("ss"))
    {
        return s.to_string();
    }
    if n > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        return w[..n - 1].to_string();
    }
    w.to_string()
}

/// `stopp` → `stop`, `add` stays: a doubled final consonant left by `-ed`/`-ing`.
fn undouble(s: &str) -> String {
    let b = s.as_bytes();
    let n = b.len();
    if n >= 3 && b[n - 1] == b[n - 2] && !matches!(b[n - 1], b'l' | b's' | b'z' | b'd' | b'f') {
        return s[..n - 1].to_string();
    }
    s.to_string()
}

/// What the touched paths say: folders, file names and extensions, and the classes of
/// file (tests, docs, CI, dependency manifests, lockfiles) touched by some or all paths.
fn paths(paths: &[String], out: &mut BTreeSet<String>) {
    if paths.is_empty() {
        out.insert("paths:none".into());
        return;
    }
    let mut classes_all: Option<BTreeSet<&'static str>> = None;
    for p in paths {
        let lower = p.to_lowercase();
        let mut segments: Vec<&str> = lower.split('/').collect();
        let name = segments.pop().unwrap_or_default();
        for seg in &segments {
            out.insert(format!("dir:{seg}"));
        }
        out.insert(format!("file:{name}"));
        match name.rsplit_once('.') {
            Some((stem, ext)) if !stem.is_empty() && ext.len() <= 10 => {
                out.insert(format!("ext:{ext}"));
            }
            _ => {
                out.insert("ext:none".into());
            }
        }
        let classes = path_classes(&segments, name);
        for c in &classes {
            out.insert(format!("any:{c}"));
        }
        classes_all = Some(match classes_all {
            None => classes,
            Some(all) => all.intersection(&classes).copied().collect(),
        });
    }
    for c in classes_all.unwrap_or_default() {
        out.insert(format!("all:{c}"));
    }
}

const TEST_DIRS: &[&str] = &[
    "test",
    "tests",
    "spec",
    "specs",
    "__tests__",
    "__mocks__",
    "__snapshots__",
    "testdata",
    "test_data",
    "testing",
    "fixtures",
    "e2e",
    "cypress",
    "playwright",
    "testsuite",
];
const DOC_DIRS: &[&str] = &[
    "doc",
    "docs",
    "documentation",
    "website",
    "site",
    "man",
    "guide",
];
const LOCKFILES: &[&str] = &[
    "cargo.lock",
    "package-lock.json",
    "yarn.lock",
    "pnpm-lock.yaml",
    "go.sum",
    "poetry.lock",
    "uv.lock",
    "pipfile.lock",
    "gemfile.lock",
    "composer.lock",
    "bun.lockb",
    "mix.lock",
    "npm-shrinkwrap.json",
    "flake.lock",
    "package.resolved",
    "podfile.lock",
    "pubspec.lock",
];
const MANIFESTS: &[&str] = &[
    "cargo.toml",
    "package.json",
    "go.mod",
    "pyproject.toml",
    "setup.py",
    "setup.cfg",
    "requirements.txt",
    "gemfile",
    "pom.xml",
    "build.gradle",
    "build.gradle.kts",
    "cmakelists.txt",
    "makefile",
    "meson.build",
    "dockerfile",
    "composer.json",
    "mix.exs",
    "pubspec.yaml",
    "tsconfig.json",
    "build.rs",
    "rust-toolchain.toml",
    "rust-toolchain",
];

fn path_classes(dirs: &[&str], name: &str) -> BTreeSet<&'static str> {
    let mut c = BTreeSet::new();
    let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    let stem = name.split('.').next().unwrap_or(name);
    if dirs.iter().any(|d| TEST_DIRS.contains(d))
        || stem.starts_with("test_")
        || stem.ends_with("_test")
        || stem.ends_with("_tests")
        || name.contains(".test.")
        || name.contains(".spec.")
        || name.ends_with("_spec.rb")
        || stem.ends_with("test") && ext != "md"
        || ext == "snap"
    {
        c.insert("test");
    }
    if matches!(ext, "md" | "mdx" | "rst" | "adoc" | "txt" | "markdown")
        || dirs.iter().any(|d| DOC_DIRS.contains(d))
    {
        c.insert("docs");
    }
    if dirs.first().is_some_and(|d| {
        matches!(
            *d,
            ".github" | ".circleci" | ".gitlab" | ".buildkite" | ".azure-pipelines" | "ci" | ".ci"
        )
    }) || matches!(
        name,
        ".gitlab-ci.yml" | ".travis.yml" | "azure-pipelines.yml" | "appveyor.yml" | "jenkinsfile"
    ) {
        c.insert("ci");
    }
    if LOCKFILES.contains(&name) {
        c.insert("lock");
    }
    if MANIFESTS.contains(&name) || name.starts_with("requirements") && ext == "txt" {
        c.insert("manifest");
    }
    if dirs.iter().any(|d| {
        matches!(
            *d,
            "examples" | "example" | "samples" | "demo" | "playground"
        )
    }) {
        c.insert("example");
    }
    if dirs.iter().any(|d| {
        matches!(
            *d,
            "bench" | "benches" | "benchmark" | "benchmarks" | "asv_bench"
        )
    }) {
        c.insert("bench");
    }
    if dirs.iter().any(|d| {
        matches!(
            *d,
            "locales" | "locale" | "i18n" | "l10n" | "translations" | "lang" | "po"
        )
    }) {
        c.insert("i18n");
    }
    if ext.is_empty()
        || name.starts_with('.')
        || matches!(ext, "toml" | "yml" | "yaml" | "json" | "ini" | "cfg")
    {
        c.insert("config");
    }
    if c.is_empty()
        || matches!(
            ext,
            "rs" | "go"
                | "py"
                | "js"
                | "ts"
                | "tsx"
                | "jsx"
                | "c"
                | "h"
                | "cc"
                | "cpp"
                | "hpp"
                | "java"
                | "kt"
                | "cs"
                | "rb"
                | "php"
                | "swift"
                | "vue"
                | "svelte"
                | "ex"
                | "erl"
                | "scala"
                | "dart"
                | "pyx"
                | "m"
                | "zig"
                | "lua"
        ) && !c.contains("test")
    {
        c.insert("code");
    }
    c
}

fn bucket(n: u64, edges: &[(u64, &'static str)], last: &'static str) -> &'static str {
    edges
        .iter()
        .find(|(limit, _)| n <= *limit)
        .map_or(last, |(_, name)| name)
}

/// The shape of the change: sizes in buckets, how much of it removes code, file count.
fn shape(input: &Input, out: &mut BTreeSet<String>) {
    let (Some(adds), Some(dels)) = (input.additions, input.deletions) else {
        out.insert("size:unknown".into());
        return;
    };
    const LINES: &[(u64, &str)] = &[
        (0, "0"),
        (2, "1-2"),
        (10, "3-10"),
        (30, "11-30"),
        (100, "31-100"),
        (300, "101-300"),
        (1000, "301-1000"),
    ];
    out.insert(format!("adds:{}", bucket(adds, LINES, "1000+")));
    out.insert(format!("dels:{}", bucket(dels, LINES, "1000+")));
    let files = input.files_changed.unwrap_or(input.paths.len() as u64);
    const FILES: &[(u64, &str)] = &[
        (0, "0"),
        (1, "1"),
        (2, "2"),
        (5, "3-5"),
        (10, "6-10"),
        (30, "11-30"),
    ];
    out.insert(format!("files:{}", bucket(files, FILES, "30+")));
    let total = adds + dels;
    let ratio = if total == 0 {
        "none"
    } else {
        let r = dels as f64 / total as f64;
        match r {
            0.0 => "add-only",
            r if r < 0.25 => "mostly-adds",
            r if r < 0.6 => "mixed",
            r if r < 1.0 => "mostly-deletes",
            _ => "delete-only",
        }
    };
    out.insert(format!("diff:{ratio}"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_have_names() {
        let paths = vec!["tests/test_api.py".to_string(), "README.md".to_string()];
        let f = extract(&Input {
            title: "Fixes the flakyTest in CI",
            body: "Longer text.\n\nSigned-off-by: A <a@b.c>",
            paths: &paths,
            additions: Some(12),
            deletions: Some(3),
            files_changed: Some(2),
        });
        for want in [
            "first:fix",
            "title:flaky",
            "title:test",
            "title:fix_the",
            "body:longer",
            "dir:tests",
            "ext:py",
            "file:readme.md",
            "any:test",
            "any:docs",
            "adds:11-30",
            "dels:3-10",
            "files:2",
            "diff:mostly-adds",
        ] {
            assert!(f.contains(&want.to_string()), "{want} in {f:?}");
        }
        assert!(!f.iter().any(|x| x.contains("signed")), "{f:?}");
        assert!(!f.contains(&"all:test".to_string()));
    }

    #[test]
    fn stems_fold_forms() {
        for (a, b) in [
            ("fixes", "fix"),
            ("fixed", "fix"),
            ("fixing", "fix"),
            ("adds", "add"),
            ("added", "add"),
            ("tests", "test"),
            ("dependencies", "dependency"),
            ("stopped", "stop"),
            ("process", "process"),
        ] {
            assert_eq!(stem(a), b, "{a}");
        }
    }
}
