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

impl<'a> Input<'a> {
    /// The fields every item has; no diff numbers.
    pub fn new(title: &'a str, body: &'a str, paths: &'a [String]) -> Input<'a> {
        Input {
            title,
            body,
            paths,
            additions: None,
            deletions: None,
            files_changed: None,
        }
    }
}

/// Groups of features beyond words, paths and shape, so the trainer can measure what each
/// is worth in cross-validation (`evident-trainer train --cv-only --features -NAME`).
/// `Options::SHIPPED` is what the shipped model was trained with; docs/classifier.md
/// lists every group tried and its numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// The title's first word and the thing it acts on: `vo:add_test`.
    pub verb_object: bool,
    /// The title's first word with each class every path shares: `vp:add@test`.
    pub verb_paths: bool,
    /// Which classes of file make some or most (not all) of the change: `share:test:most`.
    pub shares: bool,
    /// The title's form: a version number, an issue reference, code, a file name, length.
    pub title_shape: bool,
    /// The first five letters of long title words, so rarer forms of a word still count.
    pub prefixes: bool,
}

impl Options {
    pub const SHIPPED: Options = Options {
        verb_object: true,
        verb_paths: true,
        shares: true,
        title_shape: true,
        prefixes: true,
    };
    pub const NAMES: &'static [&'static str] = &[
        "verb_object",
        "verb_paths",
        "shares",
        "title_shape",
        "prefixes",
    ];

    /// Switches a group on or off by name; false for a name that is not a group.
    pub fn set(&mut self, name: &str, on: bool) -> bool {
        let slot = match name {
            "verb_object" => &mut self.verb_object,
            "verb_paths" => &mut self.verb_paths,
            "shares" => &mut self.shares,
            "title_shape" => &mut self.title_shape,
            "prefixes" => &mut self.prefixes,
            _ => return false,
        };
        *slot = on;
        true
    }
}

/// Words of the body read at most: the first paragraphs say what a change is; long
/// bodies (changelogs, squashed lists) add noise and time.
const BODY_WORDS: usize = 80;

/// The item's features, sorted and without repeats.
pub fn extract(input: &Input) -> Vec<String> {
    extract_with(input, &Options::SHIPPED)
}

/// The item's features with the given groups.
pub fn extract_with(input: &Input, options: &Options) -> Vec<String> {
    let mut out: BTreeSet<String> = BTreeSet::new();
    let squash_form = crate::model::refs::squash_form(input.title);
    let title_text = without_subsystem(&squash_form);
    let title = words(without_issue_tag(title_text));
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
    let all_classes = paths(input.paths, &mut out);
    shape(input, &mut out);
    if options.verb_object {
        verb_object(&title, &mut out);
    }
    if options.verb_paths {
        verb_paths(&title, all_classes.as_ref(), &mut out);
    }
    if options.shares {
        shares(input.paths, &mut out);
    }
    if options.title_shape {
        title_shape(title_text, &title, &mut out);
    }
    if options.prefixes {
        prefixes(&title, &mut out);
    }
    out.into_iter().collect()
}

/// A Go- or kernel-style title without the package it names (`go/ssa: fix x` → `fix x`):
/// the model learned from titles that start with what the change does (the corpus drops
/// the projects' labels), and a package's name is no word of the change.
static SUBSYSTEM: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^([a-z][\w.-]*)((?:/[\w./{},-]+)?(?:\{[\w./,-]*\})?):\s+").expect("valid")
});
/// Prefix words that say the kind of a change, kept as words.
const KIND_WORDS: &[&str] = &[
    "feat",
    "feature",
    "fix",
    "bugfix",
    "docs",
    "doc",
    "chore",
    "refactor",
    "perf",
    "test",
    "tests",
    "build",
    "ci",
    "style",
    "revert",
    "release",
    "deps",
    "dep",
    "lint",
    "fmt",
    "security",
    "typo",
    "cleanup",
    "wip",
    "performance",
    "bug",
    "bugs",
    "hotfix",
    "documentation",
    "testing",
    "dependencies",
    "translation",
    "translations",
    "i18n",
    "typos",
];

/// Folders whose name says the kind of change (`gopls/doc/…`, `x/test/…`): a prefix that
/// names one keeps it as words.
const KIND_FOLDERS: &[&str] = &[
    "doc", "docs", "test", "tests", "testdata", "ci", "build", "bench", "benches", "example",
    "examples", ".github",
];

fn without_subsystem(title: &str) -> &str {
    let Some(c) = SUBSYSTEM.captures(title) else {
        return without_component(title);
    };
    let prefix = &title[..c.get(2).map_or(0, |m| m.end())];
    // A file (`gopls/doc/release/v0.21.0.md:`) or a kind-named folder says what the
    // change is: it stays.
    let telling = prefix.split(['/', '{', '}', ',']).any(|part| {
        KIND_WORDS.contains(&part)
            || KIND_FOLDERS.contains(&part)
            || part.rsplit_once('.').is_some_and(|(_, ext)| {
                (1..=4).contains(&ext.len()) && ext.chars().all(|c| c.is_ascii_alphabetic())
            })
    });
    if telling {
        title
    } else {
        &title[c.get(0).map_or(0, |m| m.end())..]
    }
}

/// A title led by the part of the program it changes, capitalised or in a few words
/// (pandoc's `RST reader: correctly handle …`, `LaTeX template: …`; the kernel's `ASoC:`),
/// without it: 45% of pandoc's titles are so written, and `first:rst` had been their
/// "verb". One word is read so unless it says the kind of change (`Fix:`, `Docs:`) or is
/// a verb (`Update: …`); two or three only when the last names a part of a program
/// (`… reader`, `… writer`, `… template`, `… parser`): `Reorder info line: N/M (X)` and
/// `Add new theme: Hazyland` say what the change does before their colon.
fn without_component(title: &str) -> &str {
    static COMPONENT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^([A-Za-z][\w.+#-]*(?: [A-Za-z][\w.+#-]*){0,2}):\s+\S").expect("valid")
    });
    let Some(c) = COMPONENT.captures(title) else {
        return title;
    };
    let words: Vec<String> = c[1].split(' ').map(str::to_lowercase).collect();
    let kind = words.iter().any(|w| KIND_WORDS.contains(&w.as_str()));
    let verb = words
        .first()
        .is_some_and(|w| PREFIX_VERBS.contains(&stem(w).as_str()));
    let part = match words.as_slice() {
        [_] => true,
        [.., last] => PROGRAM_PARTS.contains(&last.as_str()),
        [] => false,
    };
    if kind || verb || !part {
        title
    } else {
        title[c.get(1).map_or(0, |m| m.end()) + 1..].trim_start()
    }
}

/// The last word of a prefix that names a part of a program (`RST reader`, `LaTeX
/// template`, `OTLP receiver`, `nix highlights`).
const PROGRAM_PARTS: &[&str] = &[
    "reader",
    "writer",
    "template",
    "templates",
    "parser",
    "lexer",
    "filter",
    "filters",
    "highlights",
    "queries",
    "grammar",
    "receiver",
    "exporter",
    "importer",
    "plugin",
    "module",
    "driver",
    "backend",
    "frontend",
    "extension",
    "engine",
    "runtime",
    "server",
    "client",
    "api",
    "cli",
    "gui",
    "ui",
    "index",
    "codemod",
    "styles",
    "theme",
    "sd",
];

/// Words that, leading a title's prefix, say what the change does (stemmed).
const PREFIX_VERBS: &[&str] = &[
    "add",
    "update",
    "new",
    "clean",
    "address",
    "remove",
    "use",
    "make",
    "allow",
    "support",
    "bump",
    "improve",
    "change",
    "move",
    "rename",
    "implement",
    "introduce",
    "handle",
    "avoid",
    "drop",
    "enable",
    "disable",
    "set",
    "ensure",
    "refactor",
    "upgrade",
    "replace",
    "prepare",
    "merge",
    "apply",
    "revert",
    "restore",
    "mark",
    "skip",
    "convert",
    "simplify",
    "split",
    "extract",
    "expose",
    "document",
    "deprecate",
    "release",
    "fix",
    "correct",
    "speed",
    "optimize",
    "optimise",
    "reduce",
    "increase",
    "break",
    "breaking",
    "note",
    "wip",
];

/// A leading reference to the issue a change closes (rubocop's `[Fix #13037] Add …`,
/// jackson's `Fix #4595: merging of …`, `[#12] …`) names the issue, not the change: its
/// "fix" is said of features and fixes alike (rubocop tags a quarter of its titles so, new
/// options included), and it had stood in for the title's real first word. Left out of the
/// title's words; its `#N` still gives `tshape:issue-ref`.
pub(crate) fn without_issue_tag(title: &str) -> &str {
    static TAG: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)^\s*(?:\[\s*(?:(?:fix(?:es|ed)?|close[sd]?|resolve[sd]?|refs?|see|gh|issue)\s*)?#\d+\s*\]|(?:fix(?:es|ed)?|close[sd]?|resolve[sd]?|refs?|gh|issue)\s*#\d+\s*[:\-–]?)\s+",
        )
        .expect("valid")
    });
    match TAG.find(title) {
        Some(m) if m.end() < title.len() => &title[m.end()..],
        _ => title,
    }
}

/// Words that stand between a title's verb and the thing it acts on.
const FILLER: &[&str] = &[
    "a", "an", "the", "to", "for", "of", "in", "on", "some", "more", "new", "missing", "and",
    "with", "from", "all", "support", "ability",
];

/// The title's first word and the first word after it that names a thing: `add … test`.
fn verb_object(title: &[String], out: &mut BTreeSet<String>) {
    let Some(verb) = title.first() else {
        return;
    };
    if let Some(object) = title.iter().skip(1).find(|w| !FILLER.contains(&w.as_str())) {
        out.insert(format!("vo:{verb}_{object}"));
    }
}

/// The title's first word with what the paths all are: "add" to tests is not "add" to code.
fn verb_paths(title: &[String], all: Option<&BTreeSet<&'static str>>, out: &mut BTreeSet<String>) {
    let first = title.first().map_or("none", String::as_str);
    match all {
        Some(all) if !all.is_empty() => {
            for c in all {
                out.insert(format!("vp:{first}@{c}"));
            }
        }
        _ => {
            out.insert(format!("vp:{first}@mixed"));
        }
    }
}

/// Which classes of file make some (under half) or most (half or more, not all) of the
/// change's paths; `all:` already says when every path is one.
fn shares(paths: &[String], out: &mut BTreeSet<String>) {
    let mut counts: std::collections::BTreeMap<&'static str, usize> = Default::default();
    for p in paths {
        let lower = p.to_lowercase();
        let mut segments: Vec<&str> = lower.split('/').collect();
        let name = segments.pop().unwrap_or_default();
        for c in path_classes(&segments, name) {
            *counts.entry(c).or_default() += 1;
        }
    }
    let n = paths.len();
    for (c, k) in counts {
        if k < n {
            let share = if 2 * k >= n { "most" } else { "some" };
            out.insert(format!("share:{c}:{share}"));
        }
    }
}

/// The title's form: a version number (`1.2.3`), an issue reference (`#12`), code
/// (backticks, `a::b`, `f()`, `snake_case`), a file name (`main.rs`), and its length.
fn title_shape(raw: &str, words: &[String], out: &mut BTreeSet<String>) {
    let tokens: Vec<&str> = raw.split_whitespace().collect();
    let version = |t: &&str| {
        let t = t
            .trim_start_matches(['v', 'V'])
            .trim_end_matches([',', '.', ')', ';', ':']);
        t.split('.').count() >= 2
            && t.split('.')
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    };
    if tokens.iter().any(version) {
        out.insert("tshape:version".into());
    }
    if tokens
        .iter()
        .any(|t| t.trim_start_matches('(').starts_with('#') && t.len() > 1)
    {
        out.insert("tshape:issue-ref".into());
    }
    if raw.contains('`') {
        out.insert("tshape:code".into());
    }
    let file = |t: &&str| {
        let t = t.trim_matches(|c: char| !c.is_alphanumeric());
        t.rsplit_once('.').is_some_and(|(a, e)| {
            !a.is_empty() && (1..=4).contains(&e.len()) && e.chars().all(|c| c.is_ascii_lowercase())
        })
    };
    if tokens.iter().any(file) {
        out.insert("tshape:file".into());
    }
    if tokens
        .iter()
        .any(|t| t.contains("::") || t.contains("()") || (t.contains('_') && t.len() > 3))
    {
        out.insert("tshape:identifier".into());
    }
    let length = match words.len() {
        0..=2 => "1-2",
        3..=5 => "3-5",
        6..=9 => "6-9",
        _ => "10+",
    };
    out.insert(format!("tshape:words-{length}"));
}

/// The first five letters of title words of seven letters or more (`tpre:depre`), so a
/// form of a word the training commits did not use still weighs.
fn prefixes(title: &[String], out: &mut BTreeSet<String>) {
    for w in title {
        if w.chars().count() >= 7 {
            let five: String = w.chars().take(5).collect();
            out.insert(format!("tpre:{five}"));
        }
    }
}

/// The body without trailer lines, links and the lines tools write: `Signed-off-by:`,
/// URLs, git's `(cherry picked from commit …)`, a backport bot's `This is a backport of
/// PR …` and GitHub's `-----` rule say nothing of the kind of change (aiohttp's
/// backports had counted as features on "cherry" and "pick" while their originals did
/// not).
fn body_text(body: &str) -> String {
    body.lines()
        .filter(|l| {
            let l = l.trim();
            !(l.is_empty()
                || is_trailer(l)
                || l.starts_with("http://")
                || l.starts_with("https://")
                || l.starts_with("(cherry picked from commit")
                || l.starts_with("This is a backport of PR")
                || l.chars().all(|c| c == '-'))
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
fn paths(paths: &[String], out: &mut BTreeSet<String>) -> Option<BTreeSet<&'static str>> {
    if paths.is_empty() {
        out.insert("paths:none".into());
        return None;
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
    for c in classes_all.iter().flatten() {
        out.insert(format!("all:{c}"));
    }
    classes_all
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

/// Whether a path is a test file, as [`path_classes`] reads it.
pub fn is_test_path(path: &str) -> bool {
    let lower = path.to_lowercase();
    let mut segments: Vec<&str> = lower.split('/').collect();
    let name = segments.pop().unwrap_or_default();
    path_classes(&segments, name).contains("test")
}

/// The classes of file a path is (`test`, `docs`, `ci`, `lock`, `manifest`, `example`,
/// `bench`, `i18n`, `config`, `code`), from its folders and its name.
pub fn path_classes(dirs: &[&str], name: &str) -> BTreeSet<&'static str> {
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
    fn a_leading_issue_tag_is_no_word_of_the_title() {
        let first = |t: &str| {
            extract(&Input::new(t, "", &[]))
                .into_iter()
                .filter(|f| f.starts_with("first:") || f == "tshape:issue-ref")
                .collect::<Vec<_>>()
        };
        for title in [
            "[Fix #13037] Add `--report-unused-todo-entries` to catch rotting todo files",
            "Fix #4595: add support for records",
            "Fixes #12 - add a --tmux option",
            "[Close #7] add a --tmux option",
        ] {
            assert_eq!(first(title), ["first:add", "tshape:issue-ref"], "{title}");
        }
        // (A bracketed `[#12]` was never read as an issue reference; it still is not.)
        assert_eq!(first("[#12] Add a --tmux option"), ["first:add"]);
        // A fix that is one keeps its verb after the tag; other titles are as they were.
        assert_eq!(
            first("[Fix #15589] Fix `--lsp` being ignored in server mode"),
            ["first:fix", "tshape:issue-ref"]
        );
        assert_eq!(first("Fix #123"), ["first:fix", "tshape:issue-ref"]);
        assert_eq!(
            first("Fix the crash in #123"),
            ["first:fix", "tshape:issue-ref"]
        );
        assert_eq!(first("Add a hook (#12)"), ["first:add", "tshape:issue-ref"]);
    }

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
    fn the_lines_tools_write_in_a_body_are_no_words_of_the_change() {
        let no_paths: Vec<String> = Vec::new();
        let f = |body: &str| extract(&Input::new("Add output_size property", body, &no_paths));
        let plain = f("");
        assert_eq!(
            f("(cherry picked from commit 0c7ce3485a1b2c3d4e5f60718293a4b5c6d7e8f9)"),
            plain
        );
        assert_eq!(
            f(
                "This is a backport of PR #11966 as merged into master (0c7ce34).\n\n---------\n\nCo-authored-by: A <a@b.c>"
            ),
            plain
        );
        assert_ne!(f("Picked the cherry."), plain);
    }

    #[test]
    fn a_package_prefix_is_no_word_of_the_change() {
        let no_paths: Vec<String> = Vec::new();
        let f = |title: &str| extract(&Input::new(title, "", &no_paths));
        let go = f("gopls/internal/cache: fix a crash in the loader");
        assert_eq!(go, f("fix a crash in the loader"));
        assert!(go.contains(&"first:fix".to_string()), "{go:?}");
        assert_eq!(f("net: fix a leak"), f("fix a leak"));
        assert_eq!(f("go/{ssa,types}: fix a leak"), f("fix a leak"));
        // A prefix that says the kind of change stays a word of it, as does one that
        // names a file or a kind-named folder.
        assert_ne!(f("gopls/doc/release/v0.21.0.md: prepare"), f("prepare"));
        assert_ne!(f("internal/testdata: regenerate"), f("regenerate"));
        assert_ne!(f("deps: bump serde"), f("bump serde"));
        assert!(f("Fix: the parser").contains(&"first:fix".to_string()));
        // A component in capitals or a few words, likewise: pandoc's readers and writers.
        assert_eq!(
            f("RST reader: correctly handle intraword emphasis"),
            f("correctly handle intraword emphasis")
        );
        assert_eq!(
            f("LaTeX template: omit empty linkcolor"),
            f("omit empty linkcolor")
        );
        assert_eq!(f("ASoC: fix a leak"), f("fix a leak"));
        // Unless a word of it says the kind of change, or it starts with a verb.
        for kept in [
            "Fix AttributeError: object has no attribute",
            "Docs reader: explain the options",
            "Add new theme: Hazyland",
            "Update the themes: distinguish definitions",
            "New lint: manual_clear",
            "Performance: cache the index",
            "A title of four: words before the colon",
            "Reorder info line: N/M (X) (S%)",
        ] {
            let (_, rest) = kept.split_once(": ").unwrap();
            assert_ne!(f(kept), f(rest), "{kept}");
        }
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
