//! Design docs: Markdown, reStructuredText and AsciiDoc files in the usual places that the
//! person created, or wrote most of, in the period. An author field in the document
//! (front matter `author:`/`authors:`, or a header line `Author:`/`Authors:`) decides
//! authorship over the committer when present.

use super::remote::WebRepo;
use crate::model::Person;
use crate::model::{Evidence, Kind};
use chrono::{DateTime, TimeZone, Utc};
use git2::{Oid, Repository};
use serde_json::json;
use std::collections::BTreeMap;

const DOC_DIRS: &[&str] = &[
    "docs",
    "doc",
    "rfcs",
    "rfc",
    "adr",
    "adrs",
    "decisions",
    "design",
    "designs",
    "architecture",
];
const DOC_EXTENSIONS: &[&str] = &["md", "markdown", "rst", "adoc", "asciidoc"];
const NOT_DESIGN: &[&str] = &[
    "readme",
    "changelog",
    "contributing",
    "license",
    "index",
    "summary",
    "code_of_conduct",
    "security",
    "authors",
    // A FAQ, a to-do list, a list of known bugs: questions and topics, never a design
    // (curl's `docs/FAQ.md` cites RFCs in its questions).
    "faq",
    "todo",
    "known_bugs",
    "known-bugs",
    "thanks",
];

/// Names of a document that say it is one of design, wherever it is: a repository's
/// `ARCHITECTURE.md`, `DESIGN.md`, or aiohttp's four-chapter `THREAT_MODEL.md`.
const DESIGN_NAMES: &[&str] = &[
    "design",
    "architecture",
    "threat_model",
    "threat-model",
    "threatmodel",
];

/// Folders that hold every kind of document (manuals, guides, references), where a file
/// is a design doc only when it reads like one ([`reads_like_design`]).
const GENERAL_DOC_DIRS: &[&str] = &["docs", "doc"];

/// Words of a title or heading that mark a design doc: what a proposal, an RFC or an
/// architecture decision record is made of.
const DESIGN_HEADINGS: &[&str] = &[
    "design",
    "proposal",
    "proposed",
    "rfc",
    "adr",
    "decision",
    "architecture",
    "motivation",
    "alternatives",
    "rationale",
    "trade-offs",
    "tradeoffs",
    "trade-off",
    "drawbacks",
    "non-goals",
    "considered",
    "rollout",
];

/// A change the person made to a document file, seen during the walk.
#[derive(Debug, Clone)]
pub struct DocTouch {
    pub path: String,
    pub created: bool,
    pub added_lines: u64,
    pub commit: Oid,
    pub time: DateTime<Utc>,
}

/// Where a document's path puts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DocPlace {
    /// A design folder (`rfcs/`, `adr/`, `design/`...) or a design name (`0042-x.md`,
    /// `RFC-x.md`): a design doc by its place.
    Design,
    /// Only a general documentation folder (`docs/`, `doc/`): a design doc only when it
    /// reads like one ([`reads_like_design`]).
    General,
}

fn doc_place(path: &str) -> Option<DocPlace> {
    // A translation, a vendored package's documents, the forge's issue and pull-request
    // templates: none is the person's design doc (`vendor/…/ARCHITECTURE.md`,
    // `.github/ISSUE_TEMPLATE/design.md`).
    if is_translation(path)
        || crate::model::generated::is_generated_path(path)
        || path.starts_with(".github/")
    {
        return None;
    }
    let file = path.rsplit('/').next().unwrap_or(path);
    let (stem, ext) = file.rsplit_once('.')?;
    if !DOC_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()) {
        return None;
    }
    let stem_lower = stem.to_ascii_lowercase();
    if NOT_DESIGN.contains(&stem_lower.as_str()) {
        return None;
    }
    let digits = stem.chars().take_while(char::is_ascii_digit).count();
    let numbered = stem.len() > 5 && digits >= 3 && stem.chars().nth(digits) == Some('-');
    let named = ["rfc-", "rfc_", "adr-"]
        .iter()
        .any(|p| stem_lower.starts_with(p))
        || DESIGN_NAMES.contains(&stem_lower.as_str());
    let mut general = false;
    for dir in path.split('/').rev().skip(1) {
        let dir = dir.to_ascii_lowercase();
        if GENERAL_DOC_DIRS.contains(&dir.as_str()) {
            general = true;
        } else if DOC_DIRS.contains(&dir.as_str()) {
            return Some(DocPlace::Design);
        }
    }
    if numbered || named {
        Some(DocPlace::Design)
    } else {
        general.then_some(DocPlace::General)
    }
}

/// Languages whose folders hold a documentation's translations (`docs/fr/…`,
/// `docs/zh-hant/…`, `docs/pt_BR/…`). English, the usual original, is not among them,
/// nor codes that are as often a folder's own name (`it`, `id`, `no`, `ca`, `sw`, `ms`,
/// `sr`, `vi`, `ta`, `tl`).
const TRANSLATION_LANGUAGES: &[&str] = &[
    "ar", "az", "bg", "bn", "cs", "da", "de", "el", "es", "et", "fa", "fi", "fr", "he", "hi", "hr",
    "hu", "hy", "ja", "ka", "kk", "ko", "lt", "lv", "nb", "nl", "pl", "pt", "ro", "ru", "sk", "sl",
    "sv", "th", "tr", "uk", "ur", "uz", "yo", "zh",
];

/// Folders that hold nothing but a text's languages (Docusaurus' `i18n/fr/…`, Rails'
/// `locales/`): any language code right under one names a translation.
const LANGUAGE_FOLDERS: &[&str] = &["i18n", "l10n", "locale", "locales", "translations"];

/// Whether a document is a translation: the folder right under a general documentation
/// folder is named by a language other than English, alone or with a region or script
/// (`docs/zh-hant/…`, `doc/pt_BR/…`, `docs/es-419/…`); or the folder right under a
/// folder of languages (`website/i18n/fr/…`) is named by any language code but English.
/// fastapi's machine-translated tutorial pages (`docs/hi/docs/python-types.md`, their
/// "Motivation" heading kept) had counted as eight design docs its maintainer authored;
/// a translation is documentation work.
pub fn is_translation(path: &str) -> bool {
    // Asked of every file the person's commits change: no allocation but for a folder
    // that sits in a folder of languages or of documentation.
    let Some((folders, _)) = path.rsplit_once('/') else {
        return false;
    };
    let mut parent: Option<&str> = None;
    for dir in folders.split('/') {
        if parent.is_some_and(|p| names_a_language(p, dir)) {
            return true;
        }
        parent = Some(dir);
    }
    false
}

/// Whether `dir`, a folder in `parent`, is a translation's.
fn names_a_language(parent: &str, dir: &str) -> bool {
    let among = |list: &[&str]| list.iter().any(|f| parent.eq_ignore_ascii_case(f));
    let (of_languages, of_docs) = (among(LANGUAGE_FOLDERS), among(GENERAL_DOC_DIRS));
    if !(of_languages || of_docs) {
        return false;
    }
    let dir = dir.to_ascii_lowercase();
    let Some(language) = language_code(&dir) else {
        return false;
    };
    if of_languages {
        // A language's two letters (ISO 639-1), not a folder's own short name
        // (`translations/api/`, `i18n/js/`).
        language.len() == 2 && language != "en" && !NOT_LANGUAGES.contains(&language)
    } else {
        // In `docs/`, only languages a folder's own name is unlikely to be (`docs/it/`
        // is IT, `docs/sw/` service workers).
        TRANSLATION_LANGUAGES.contains(&language)
    }
}

/// Two-letter folders of code, not languages, that a folder of languages may hold.
const NOT_LANGUAGES: &[&str] = &["js", "py", "go", "rs", "db", "ui", "qa", "ci", "io"];

/// Scripts a language's folder may name (`zh-hant`, `sr-latn`).
const SCRIPTS: &[&str] = &["hans", "hant", "latn", "cyrl"];

/// The language of a folder named like a language tag: two or three letters, then a
/// region of two letters or three digits or a script (`pt_br`, `es-419`, `zh-hant`; not
/// `de-dup`).
fn language_code(dir: &str) -> Option<&str> {
    let (language, region) = match dir.split_once(['-', '_']) {
        Some((l, r)) => (l, Some(r)),
        None => (dir, None),
    };
    let letters = |s: &str| s.chars().all(|c| c.is_ascii_alphabetic());
    let language_ok = (2..=3).contains(&language.len()) && letters(language);
    let region_ok = region.is_none_or(|r| {
        (r.len() == 2 && letters(r))
            || (r.len() == 3 && r.chars().all(|c| c.is_ascii_digit()))
            || SCRIPTS.contains(&r)
    });
    (language_ok && region_ok).then_some(language)
}

/// A heading's text without a Markdown attribute list (MkDocs' and Pandoc's
/// `## Motivation { #motivation }`, whose id a translation keeps in English).
fn without_attributes(heading: &str) -> String {
    static ATTRIBUTES: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"\s*\{\s*[#:.][^}]*\}").expect("valid"));
    ATTRIBUTES.replace_all(heading, "").trim().to_string()
}

/// Whether a path looks like a document worth reading for design docs.
pub fn is_doc_path(path: &str) -> bool {
    doc_place(path).is_some()
}

/// Whether a document at `path` is a design doc: by its place, or, in a general
/// documentation folder, by what it reads like.
fn is_design_doc(path: &str, text: &str) -> bool {
    match doc_place(path) {
        Some(DocPlace::Design) => true,
        Some(DocPlace::General) => reads_like_design(text),
        None => false,
    }
}

/// Whether a document reads like a design doc: its title or one of its section headings
/// names what a design doc is made of (motivation, alternatives, decision, design...). A
/// user guide or a reference page in `docs/` does not; its commit is documentation work.
/// A section is named in a few words ("Rationale and alternatives", "Design details"): a
/// heading that is a sentence or a question is a topic, not a section of a design (curl's
/// `KNOWN_BUGS.md`, "libcurl can fail to try alternatives with `--proxy-any`"); nor is
/// a standard cited by its number a proposal (its FAQ's "Does curl support SOCKS (RFC
/// 1928)?").
pub fn reads_like_design(text: &str) -> bool {
    let lines: Vec<&str> = text.lines().collect();
    let mut titled = false;
    lines.iter().enumerate().any(|(i, line)| {
        let t = line.trim();
        let underlined = lines.get(i + 1).is_some_and(|next| {
            let n = next.trim();
            n.len() >= 3 && n.chars().all(|c| matches!(c, '=' | '-' | '~' | '^'))
        });
        let heading = t.starts_with('#') || t.starts_with('=') || (underlined && !t.is_empty());
        if !heading {
            return false;
        }
        let is_title = !std::mem::replace(&mut titled, true);
        let text = without_attributes(t.trim_start_matches(['#', '=', ' '])).to_ascii_lowercase();
        let words: Vec<&str> = text
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .filter(|w| !w.is_empty())
            .collect();
        (is_title || words.len() <= MAX_SECTION_WORDS) && names_design(&words)
    })
}

/// The most words a section heading of a design doc takes ("Drawbacks and alternatives
/// considered").
const MAX_SECTION_WORDS: usize = 5;

/// Whether a heading's words name a part of a design, an RFC cited by its number aside.
fn names_design(words: &[&str]) -> bool {
    words.iter().enumerate().any(|(i, w)| {
        DESIGN_HEADINGS.contains(w)
            && !(*w == "rfc"
                && words
                    .get(i + 1)
                    .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit())))
    })
}

/// The document's declared authors, if it declares any.
pub fn declared_authors(text: &str) -> Option<Vec<String>> {
    let mut lines = text.lines().take(40).peekable();
    let mut in_front_matter = false;
    let mut list_key = false;
    let mut authors = Vec::new();
    let mut seen_key = false;
    if lines.peek().is_some_and(|l| l.trim() == "---") {
        in_front_matter = true;
        lines.next();
    }
    for line in lines {
        let trimmed = line.trim();
        if in_front_matter && trimmed == "---" {
            break;
        }
        if list_key {
            if let Some(item) = trimmed.strip_prefix("- ") {
                authors.push(item.trim().trim_matches(['"', '\'']).to_string());
                continue;
            }
            list_key = false;
        }
        // `Author: x`, `**Authors**: x`, `:author: x` (AsciiDoc/rst), `author: [a, b]`.
        let cleaned = trimmed
            .trim_start_matches(['*', '-', '|', ':', ' '])
            .replace("**", "");
        let Some((key, value)) = cleaned.split_once(':') else {
            continue;
        };
        let key = key.trim().to_ascii_lowercase();
        if key != "author" && key != "authors" {
            continue;
        }
        seen_key = true;
        let value = value.trim().trim_start_matches(':').trim();
        if value.is_empty() {
            list_key = true;
            continue;
        }
        let value = value.trim_start_matches('[').trim_end_matches(']');
        for part in value.split([',', ';']).flat_map(|p| p.split(" and ")) {
            let part = part.trim().trim_matches(['"', '\'', '|', ' ']);
            if !part.is_empty() {
                authors.push(part.to_string());
            }
        }
    }
    seen_key.then_some(authors)
}

/// Whether any declared author is the person: by email, by name, or by `Name <email>`.
fn names_person(authors: &[String], person: &Person) -> bool {
    authors.iter().any(|a| {
        let (name, email) = crate::model::person::parse_name_email(a);
        let name = name.trim_start_matches('@');
        person.matches(name, &email) || person.matches("", name)
    })
}

/// The document's title: its first heading, else the file name.
pub fn title_of(text: &str, path: &str) -> String {
    let mut prev: Option<&str> = None;
    let mut in_front_matter = text.starts_with("---");
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if in_front_matter {
            if i > 0 && t == "---" {
                in_front_matter = false;
            }
            continue;
        }
        if let Some(h) = t.strip_prefix("# ").or_else(|| t.strip_prefix("= ")) {
            return without_attributes(h);
        }
        // reStructuredText: a line underlined with = - ~ or #.
        if let Some(p) = prev {
            let p = p.trim();
            if !p.is_empty()
                && t.len() >= p.chars().count().min(3)
                && t.chars().all(|c| "=-~#*".contains(c))
                && !t.is_empty()
            {
                return p.to_string();
            }
        }
        prev = Some(line);
    }
    let file = path.rsplit('/').next().unwrap_or(path);
    file.rsplit_once('.').map_or(file, |(s, _)| s).to_string()
}

/// The first paragraph after the title, shortened: a summary for the portfolio.
fn summary_of(text: &str) -> String {
    let body: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.trim_start().starts_with('#') && !l.trim_start().starts_with('='))
        .skip(1)
        .skip_while(|l| l.trim().is_empty() || l.trim().chars().all(|c| "=-~#*".contains(c)))
        .take_while(|l| !l.trim().is_empty())
        .collect();
    let s = body.join(" ");
    if s.chars().count() > 280 {
        format!("{}…", s.chars().take(279).collect::<String>())
    } else {
        s
    }
}

/// Turns the walk's document touches into design-doc evidence.
pub fn design_docs(
    repo: &Repository,
    repo_name: &str,
    web: Option<&WebRepo>,
    person: &Person,
    touches: &[DocTouch],
    period_commits: &[Oid],
) -> Result<Vec<Evidence>, git2::Error> {
    let Ok(head) = repo.head().and_then(|h| h.peel_to_commit()) else {
        return Ok(Vec::new());
    };
    let head_tree = head.tree()?;
    let head_sha = head.id().to_string();
    let mut by_path: BTreeMap<&str, Vec<&DocTouch>> = BTreeMap::new();
    for t in touches {
        by_path.entry(&t.path).or_default().push(t);
    }
    let mut out = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for (path, touches) in &by_path {
        let Some(text) = blob_text(repo, &head_tree, path)? else {
            continue;
        };
        if !is_design_doc(path, &text) {
            continue;
        }
        let lines = text.lines().filter(|l| !l.trim().is_empty()).count() as u64;
        let added: u64 = touches.iter().map(|t| t.added_lines).sum();
        let created = touches.iter().find(|t| t.created);
        let (counts, how) = match declared_authors(&text) {
            Some(authors) => (
                names_person(&authors, person),
                "named as author in the document",
            ),
            None if created.is_some() => (true, "created the document"),
            None => (added * 2 >= lines.max(1), "wrote most of the document"),
        };
        if !counts {
            continue;
        }
        let time = created
            .map(|t| t.time)
            .or_else(|| touches.iter().map(|t| t.time).max());
        seen.insert(path.to_string());
        out.push(record(
            repo_name, web, &head_sha, path, &text, lines, added, time, how,
        ));
    }
    // Documents that name the person as author but that someone else committed.
    for (path, text) in named_docs(repo, &head_tree, person) {
        if seen.contains(&path) || !is_design_doc(&path, &text) {
            continue;
        }
        if let Some(time) = creation_in_period(repo, &path, period_commits) {
            let lines = text.lines().filter(|l| !l.trim().is_empty()).count() as u64;
            out.push(record(
                repo_name,
                web,
                &head_sha,
                &path,
                &text,
                lines,
                0,
                Some(time),
                "named as author in the document",
            ));
        }
    }
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
fn record(
    repo_name: &str,
    web: Option<&WebRepo>,
    head_sha: &str,
    path: &str,
    text: &str,
    lines: u64,
    added: u64,
    time: Option<DateTime<Utc>>,
    how: &str,
) -> Evidence {
    let mut e = Evidence::new(
        format!("doc:{repo_name}:{path}"),
        Kind::DesignDoc,
        title_of(text, path),
    );
    e.repo = repo_name.to_string();
    e.timestamp = time;
    e.body = summary_of(text);
    // A path that is not UTF-8 is shown with U+FFFD: no link can be made from it.
    let exact = !path.contains('\u{fffd}');
    e.url = web.filter(|_| exact).map(|w| w.file_url(head_sha, path));
    if !exact {
        e.meta.insert("path_not_utf8".into(), json!(true));
    }
    e.paths = vec![path.to_string()];
    e.additions = Some(added);
    e.files_changed = Some(1);
    e.meta.insert("lines".into(), json!(lines));
    e.meta.insert("authorship".into(), json!(how));
    e
}

/// The text of the file at `path` in `tree`: none when there is no such file or it is
/// binary or large; an error when the file is there but cannot be read (a missing or
/// damaged object), which the caller reports rather than skips.
fn blob_text(
    repo: &Repository,
    tree: &git2::Tree,
    path: &str,
) -> Result<Option<String>, git2::Error> {
    let id = match tree.get_path(std::path::Path::new(path)) {
        Ok(entry) => entry.id(),
        // A file name that is not UTF-8 reaches here as shown (with U+FFFD): found by
        // comparing names as shown, so the document is still collected.
        Err(_) if path.contains('\u{fffd}') => match entry_shown_as(repo, tree, path) {
            Some(id) => id,
            None => return Ok(None),
        },
        Err(_) => return Ok(None),
    };
    let blob = repo.find_blob(id)?;
    if blob.is_binary() || blob.size() > 2 << 20 {
        return Ok(None);
    }
    Ok(Some(String::from_utf8_lossy(blob.content()).into_owned()))
}

/// The tree entry whose path, shown as UTF-8 (invalid bytes as U+FFFD), is `shown`.
fn entry_shown_as(repo: &Repository, tree: &git2::Tree, shown: &str) -> Option<Oid> {
    let (first, rest) = match shown.split_once('/') {
        Some((first, rest)) => (first, Some(rest)),
        None => (shown, None),
    };
    let entry = tree
        .iter()
        .find(|e| String::from_utf8_lossy(e.name_bytes()) == first)?;
    match rest {
        None => Some(entry.id()),
        Some(rest) => entry_shown_as(repo, &repo.find_tree(entry.id()).ok()?, rest),
    }
}

/// Doc files at HEAD whose author field names the person. Names that are not UTF-8 are
/// read too (libgit2's tree walk stops at the first folder so named).
fn named_docs(repo: &Repository, tree: &git2::Tree, person: &Person) -> Vec<(String, String)> {
    let mut found = Vec::new();
    named_docs_in(repo, tree, "", person, &mut found);
    found
}

fn named_docs_in(
    repo: &Repository,
    tree: &git2::Tree,
    dir: &str,
    person: &Person,
    found: &mut Vec<(String, String)>,
) {
    for entry in tree.iter() {
        let path = format!("{dir}{}", String::from_utf8_lossy(entry.name_bytes()));
        match entry.kind() {
            Some(git2::ObjectType::Tree) => {
                if let Ok(sub) = repo.find_tree(entry.id()) {
                    named_docs_in(repo, &sub, &format!("{path}/"), person, found);
                }
            }
            Some(git2::ObjectType::Blob) if is_doc_path(&path) => {
                if let Ok(blob) = repo.find_blob(entry.id())
                    && !blob.is_binary()
                    && blob.size() < 2 << 20
                {
                    let text = String::from_utf8_lossy(blob.content()).into_owned();
                    if declared_authors(&text).is_some_and(|a| names_person(&a, person)) {
                        found.push((path, text));
                    }
                }
            }
            _ => {}
        }
    }
}

/// When a path first appeared among the period's commits (oldest first), if it did.
fn creation_in_period(
    repo: &Repository,
    path: &str,
    period_commits: &[Oid],
) -> Option<DateTime<Utc>> {
    let has = |t: &git2::Tree| {
        t.get_path(std::path::Path::new(path)).is_ok()
            || (path.contains('\u{fffd}') && entry_shown_as(repo, t, path).is_some())
    };
    for oid in period_commits {
        let commit = repo.find_commit(*oid).ok()?;
        let here = has(&commit.tree().ok()?);
        let before = commit
            .parent(0)
            .ok()
            .and_then(|parent| parent.tree().ok())
            .is_some_and(|t| has(&t));
        if here && !before {
            return Utc
                .timestamp_opt(commit.author().when().seconds(), 0)
                .single();
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_paths() {
        for yes in [
            "docs/design/cache.md",
            "rfcs/0042-async.md",
            "adr/0001-use-postgres.md",
            "0042-some-title.md",
            "RFC-auth.md",
            "architecture/overview.adoc",
            "doc/intro.rst",
            "src/docs/api.md",
        ] {
            assert!(is_doc_path(yes), "{yes}");
        }
        for no in [
            "README.md",
            "docs/README.md",
            "src/main.rs",
            "docs/logo.png",
            "notes.md",
            "CHANGELOG.md",
            "docs/index.md",
            "v2.md",
        ] {
            assert!(!is_doc_path(no), "{no}");
        }
    }

    #[test]
    fn a_page_of_docs_is_a_design_doc_only_when_it_reads_like_one() {
        let general = Some(DocPlace::General);
        let design = Some(DocPlace::Design);
        assert_eq!(doc_place("docs/install.md"), general);
        assert_eq!(doc_place("doc/guide/intro.rst"), general);
        assert_eq!(doc_place("docs/design/cache.md"), design);
        assert_eq!(doc_place("docs/adr/0007-events.md"), design);
        assert_eq!(doc_place("docs/0042-async.md"), design);
        assert_eq!(doc_place("rfcs/0001-x.md"), design);
        assert_eq!(doc_place("THREAT_MODEL.md"), design);
        assert_eq!(doc_place("ARCHITECTURE.md"), design);
        assert_eq!(doc_place("src/storage/DESIGN.md"), design);
        assert_eq!(doc_place("MODEL.md"), None);
        assert_eq!(doc_place("docs/FAQ.md"), None);
        assert_eq!(doc_place("docs/KNOWN_BUGS.md"), None);
        assert_eq!(
            doc_place("vendor/github.com/acme/lib/ARCHITECTURE.md"),
            None
        );
        assert_eq!(doc_place(".github/ISSUE_TEMPLATE/design.md"), None);
        assert!(reads_like_design("# Caching\n\n## Motivation\n\nWhy.\n"));
        assert!(reads_like_design("# Search design\n\nHow search works.\n"));
        assert!(reads_like_design(
            "Queue proposal\n==============\n\nText.\n"
        ));
        assert!(reads_like_design("= Architecture of the store\n"));
        assert!(!reads_like_design(
            "# Installation\n\n## Linux\n\nRun the design tool.\n"
        ));
        assert!(!reads_like_design("# Command line\n\n## Options\n"));
        // curl's FAQ, TODO and KNOWN_BUGS: a standard cited by its number, a known bug
        // that names "alternatives" in a sentence.
        assert!(!reads_like_design(
            "# Frequently Asked Questions\n\n## Does curl support SOCKS (RFC 1928) ?\n"
        ));
        assert!(!reads_like_design(
            "# TODO\n\n## Use the RFC 6265 test suite\n"
        ));
        assert!(!reads_like_design(
            "# Known bugs intro\n\n## libcurl can fail to try alternatives with `--proxy-any`\n"
        ));
        assert!(reads_like_design(
            "# Resolver\n\n## Rationale and alternatives\n\nWhy.\n"
        ));
        assert!(reads_like_design("# RFC: a faster resolver\n"));
        // A manual's "decisions" (what a user decided) is not an ADR's "Decision".
        assert!(!reads_like_design(
            "# Notes and decisions\n\n## Adding a note\n"
        ));
        assert!(reads_like_design(
            "# Use Postgres\n\n## Decision\n\nWe will.\n"
        ));
        // A heading's attribute list is not its words (a translation keeps the English id).
        assert!(!reads_like_design(
            "# Python Types परिचय { #python-types-intro }\n\n## प्रेरणा { #motivation }\n"
        ));
        assert_eq!(
            title_of("# Python Types Intro { #python-types-intro }\n", "x.md"),
            "Python Types Intro"
        );
    }

    #[test]
    fn a_translation_is_no_design_doc() {
        for translated in [
            "docs/hi/docs/python-types.md",
            "docs/zh-hant/docs/python-types.md",
            "docs/pt_BR/guide/motivation.md",
            "doc/fr/design/cache.md",
            "docs/zh-hant/docs/index-design.md",
            "docs/es-419/design/cache.md",
            "website/i18n/fr/docusaurus-plugin-content-docs/current/design.md",
            "docs/i18n/it/design/cache.md",
            "locales/pt-BR/docs/rfc-0001.md",
        ] {
            assert!(is_translation(translated), "{translated}");
            assert_eq!(doc_place(translated), None, "{translated}");
        }
        for original in [
            "docs/en/docs/python-types.md",
            "docs/ui/design.md",
            "docs/design/cache.md",
            "it/docs/intro.md",
            // A folder's own name, not a language: service workers, SR-IOV, no_std,
            // de-duplication, a design folder's region.
            "docs/sw/caching.md",
            "docs/sr-iov/design.md",
            "docs/no-std/design.md",
            "docs/de-dup/design.md",
            "docs/it/design.md",
            "design/uk/rollout.md",
            "rfcs/id/0001-ids.md",
            "docs/i18n/en/design/cache.md",
            "docs/i18n/design.md",
            "translations/api/design.md",
            "docs/i18n/src/design.md",
            "docs/i18n/js/design.md",
        ] {
            assert!(doc_place(original).is_some(), "{original}");
        }
    }

    #[test]
    fn declared_authors_forms() {
        assert_eq!(
            declared_authors("---\ntitle: X\nauthor: Ann Lee\n---\n# X"),
            Some(vec!["Ann Lee".to_string()])
        );
        assert_eq!(
            declared_authors("---\nauthors:\n  - ann@x.io\n  - Bob\n---\n"),
            Some(vec!["ann@x.io".to_string(), "Bob".to_string()])
        );
        assert_eq!(
            declared_authors("# RFC\n\nAuthors: Ann Lee, Bob Ray\nStatus: draft\n"),
            Some(vec!["Ann Lee".to_string(), "Bob Ray".to_string()])
        );
        assert_eq!(
            declared_authors("# ADR 3\n\n* **Author**: @ann\n"),
            Some(vec!["@ann".to_string()])
        );
        assert_eq!(declared_authors("# Nothing\n\nJust text.\n"), None);
    }

    #[test]
    fn titles() {
        assert_eq!(
            title_of("---\nauthor: a\n---\n\n# Event sourcing\n", "x.md"),
            "Event sourcing"
        );
        assert_eq!(
            title_of("Caching layer\n=============\n\ntext", "x.rst"),
            "Caching layer"
        );
        assert_eq!(title_of("= Ascii title\n", "x.adoc"), "Ascii title");
        assert_eq!(title_of("no heading", "docs/0001-plan.md"), "0001-plan");
    }
}
