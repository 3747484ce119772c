//! Feature groups tried in cross-validation and not shipped (docs/classifier.md says what
//! each was worth): they read what evident's collector does not record at run time (file
//! statuses, the changed lines) or did not help. `train --cv-only --features +NAME` adds
//! one to the shipped features, so each row of the table can be measured again.

use crate::corpus::Record;
use evident::classify::features::{path_classes, words};
use std::collections::BTreeSet;

pub const NAMES: &[&str] = &["statuses", "body_cues", "diff_words", "diff_cues"];

/// The features of the named groups for a record.
pub fn extract(r: &Record, groups: &[String]) -> Vec<String> {
    let mut out = BTreeSet::new();
    for g in groups {
        match g.as_str() {
            "statuses" => statuses(r, &mut out),
            "body_cues" => body_cues(&r.body, &mut out),
            "diff_words" => diff_words(r, &mut out),
            "diff_cues" => diff_cues(r, &mut out),
            _ => {}
        }
    }
    out.into_iter().collect()
}

/// Files added, deleted or renamed, and the classes of the added ones.
fn statuses(r: &Record, out: &mut BTreeSet<String>) {
    let letters: Vec<char> = r.statuses.chars().collect();
    if letters.is_empty() {
        return;
    }
    for (letter, name) in [('A', "added"), ('D', "deleted"), ('R', "renamed")] {
        let k = letters.iter().filter(|c| **c == letter).count();
        if k == letters.len() {
            out.insert(format!("status:all-{name}"));
        } else if k > 0 {
            out.insert(format!("status:some-{name}"));
        }
    }
    for (p, letter) in r.paths.iter().zip(&letters) {
        if *letter == 'A' {
            let lower = p.to_lowercase();
            let mut segments: Vec<&str> = lower.split('/').collect();
            let name = segments.pop().unwrap_or_default();
            for c in path_classes(&segments, name) {
                out.insert(format!("status:added-{c}"));
            }
        }
    }
}

/// What a body shows beyond its words: a reference that closes an issue, a stack trace, a
/// breaking change, code, a list, length.
fn body_cues(body: &str, out: &mut BTreeSet<String>) {
    let lower = body.to_lowercase();
    let refs = |verbs: &[&str]| {
        verbs.iter().any(|v| {
            lower.match_indices(v).any(|(i, _)| {
                let rest = lower[i + v.len()..].trim_start_matches([' ', ':']);
                rest.starts_with('#') || rest.starts_with("http") || rest.starts_with("gh-")
            })
        })
    };
    if refs(&[
        "fixes", "fixed", "fix", "closes", "closed", "close", "resolves", "resolved", "resolve",
    ]) {
        out.insert("cue:closes-issue".into());
    } else if lower.contains('#') && lower.chars().any(|c| c.is_ascii_digit()) {
        out.insert("cue:issue-ref".into());
    }
    let at_lines = lower
        .lines()
        .filter(|l| l.trim_start().starts_with("at ") && l.contains(':'))
        .count();
    if lower.contains("traceback (most recent call last)")
        || lower.contains("panicked at")
        || lower.contains("exception in thread")
        || at_lines >= 2
    {
        out.insert("cue:stack-trace".into());
    }
    if lower.contains("breaking change") || lower.contains("breaking-change") {
        out.insert("cue:breaking".into());
    }
    if body.contains("```") || body.lines().filter(|l| l.starts_with("    ")).count() >= 2 {
        out.insert("cue:code".into());
    }
    let items = body
        .lines()
        .filter(|l| {
            let t = l.trim_start();
            t.starts_with("- ") || t.starts_with("* ")
        })
        .count();
    if items >= 2 {
        out.insert("cue:list".into());
    }
    if body.split_whitespace().count() > 100 {
        out.insert("cue:long-body".into());
    }
}

/// Distinct words of the changed lines read at most, each side.
const DIFF_WORDS: usize = 120;

/// Words of the changed lines, added and deleted apart.
fn diff_words(r: &Record, out: &mut BTreeSet<String>) {
    for (side, text) in [("add", &r.added_text), ("del", &r.deleted_text)] {
        let mut seen = 0;
        for w in words(text) {
            if out.insert(format!("{side}:{w}")) {
                seen += 1;
                if seen >= DIFF_WORDS {
                    break;
                }
            }
        }
    }
}

/// What the changed lines are: tests, comments only, imports only, version strings,
/// conditions, null checks, error handling, logging.
fn diff_cues(r: &Record, out: &mut BTreeSet<String>) {
    for (side, text) in [("add", &r.added_text), ("del", &r.deleted_text)] {
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        if lines.is_empty() {
            out.insert(format!("dcue:{side}-none"));
            continue;
        }
        let comment = |l: &&str| {
            ["//", "#", "/*", "*", "<!--", "--"]
                .iter()
                .any(|c| l.starts_with(c))
        };
        if lines.iter().all(comment) {
            out.insert(format!("dcue:{side}-comments-only"));
        } else if lines.iter().any(comment) {
            out.insert(format!("dcue:{side}-comments"));
        }
        let import = |l: &&str| {
            ["import ", "use ", "from ", "require", "#include", "using "]
                .iter()
                .any(|c| l.starts_with(c))
        };
        if lines.iter().all(import) {
            out.insert(format!("dcue:{side}-imports-only"));
        }
        let joined = text.to_lowercase();
        let cues: [(&str, &[&str]); 7] = [
            (
                "test",
                &[
                    "assert",
                    "expect(",
                    "#[test]",
                    "def test_",
                    "it(",
                    "describe(",
                    "t.run(",
                    "func test",
                    "@test",
                ],
            ),
            ("condition", &["if ", "else", "?? ", "?."]),
            (
                "null",
                &[
                    "null",
                    "none",
                    "nil",
                    "undefined",
                    "option<",
                    "is_none",
                    "is_some",
                ],
            ),
            (
                "error",
                &[
                    "err", "error", "except", "catch", "raise ", "throw ", "panic", "unwrap",
                ],
            ),
            ("version", &["version", "\"^", "\"~", ">="]),
            ("todo", &["todo", "fixme", "deprecated"]),
            (
                "log",
                &[
                    "log.", "logger", "console.", "println", "print(", "debug!", "warn!",
                ],
            ),
        ];
        for (cue, needles) in cues {
            if needles.iter().any(|n| joined.contains(n)) {
                out.insert(format!("dcue:{side}-{cue}"));
            }
        }
    }
}
