//! A fuzz target over the parsers of what people write and feed evident: evidence JSON
//! (and JSON Lines), portfolios, notes, rules (with their `when` conditions and regexes),
//! rubrics, configuration, team files and dates. Inputs are random mutations of valid
//! files (edits that splice in the characters and tokens these formats care about,
//! delete, duplicate and truncate) and random text. Every parser must return a value or a
//! clear error that names the file and maps to exit code 2; a panic is a bug.
//!
//! `cargo test` runs a few hundred cases per parser. For a bounded fuzzing session
//! (docs/robustness.md):
//!
//! ```sh
//! EVIDENT_FUZZ_SECONDS=300 cargo test --release --test cli fuzz::for_a_while -- --ignored --nocapture
//! ```

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::time::{Duration, Instant};

const EVIDENCE: &str = include_str!("../fixtures/portfolio/evidence.json");
const RULES: &str = include_str!("../../config/rules.toml");
const RUBRIC: &str = include_str!("../../config/rubric.toml");
const CONFIG: &str = include_str!("../../config/evident.example.toml");
const JSONL: &str = concat!(
    "{\"id\": \"git:acme/w:1a2b\", \"kind\": \"commit\", \"title\": \"Fix crash\", \"additions\": 3, \"meta\": {\"trailers\": [{\"key\": \"Co-authored-by\", \"value\": \"A <a@x>\"}]}}\n",
    "{\"id\": \"gh:pr:acme/w#1\", \"kind\": \"pull_request\", \"title\": \"Add export\", \"timestamp\": \"2026-03-01T10:00:00Z\", \"labels\": [\"feature\"]}\n",
);
const NOTES: &str = r#"# notes
[[note]]
id = "note:2026-03-02:ran-a-session"
date = "2026-03-02"
text = "Ran a session"
signals = ["mentoring"]
link = "https://wiki.example/x"
author = "Alice Example <alice@example.com>"

[[exclude]]
id = "git:acme/widgets:1a2b3c"
reason = "vendored"

[[relabel]]
id = "git:acme/widgets:4d5e6f"
signals = ["incident"]
"#;
const TEAM: &str = r#"[[member]]
name = "Alice Example"
emails = ["alice@example.com"]
github = "alice-ex"
aliases = ["A. Example"]
from = "2026-01-01"
until = "2026-06-30"

[[member]]
name = "Bob Builder"
emails = ["bob@example.com"]
"#;

/// Characters and tokens the formats give meaning to.
const TOKENS: &[&str] = &[
    "\"",
    "'",
    "[",
    "]",
    "{",
    "}",
    "[[",
    "]]",
    "=",
    ":",
    ",",
    "\n",
    "\\",
    "\\u",
    "#",
    "\0",
    "é",
    "\u{fffd}",
    "🦉",
    "null",
    "true",
    "-1",
    "1e999",
    "18446744073709551616",
    "\"id\": \"x\"",
    "[[rule]]",
    "[[note]]",
    "[[area]]",
    "[[member]]",
    "when = \"",
    " and ",
    " or ",
    "not ",
    ">= ",
    "meta.",
    "review.",
    "(?i)",
    "(",
    ")",
    "*",
    "+",
    "?",
    "{999999}",
    "\\p{",
    "2026-02-30",
    "2026-Q5",
    "9999-12-31",
    "T25:61:61Z",
];

/// One edit to a text.
#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, String),
    Delete(usize, usize),
    DuplicateLine(usize),
    Truncate(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (any::<usize>(), prop::sample::select(TOKENS)).prop_map(|(at, t)| Edit::Insert(at, t.to_string())),
        2 => (any::<usize>(), "\\PC{0,8}").prop_map(|(at, s)| Edit::Insert(at, s)),
        3 => (any::<usize>(), 1..40usize).prop_map(|(at, n)| Edit::Delete(at, n)),
        1 => any::<usize>().prop_map(Edit::DuplicateLine),
        1 => any::<usize>().prop_map(Edit::Truncate),
    ]
}

/// `seed` with the edits applied (on character boundaries, so it stays text).
fn mutate(seed: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = seed.chars().collect();
    for e in edits {
        let len = chars.len().max(1);
        match e {
            Edit::Insert(at, s) => {
                let at = at % (chars.len() + 1);
                chars.splice(at..at, s.chars());
            }
            Edit::Delete(at, n) => {
                let at = at % len;
                let end = (at + n).min(chars.len());
                if at < end {
                    chars.drain(at..end);
                }
            }
            Edit::DuplicateLine(at) => {
                let text: String = chars.iter().collect();
                let lines: Vec<&str> = text.lines().collect();
                if !lines.is_empty() {
                    let i = at % lines.len();
                    let mut out: Vec<&str> = lines.clone();
                    out.insert(i, lines[i]);
                    chars = out.join("\n").chars().collect();
                }
            }
            Edit::Truncate(at) => chars.truncate(at % len),
        }
    }
    chars.into_iter().collect()
}

/// A mutated seed or, sometimes, random text.
fn input(seed: &'static str) -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::collection::vec(edit(), 1..8).prop_map(move |edits| mutate(seed, &edits)),
        1 => "\\PC{0,200}",
    ]
}

/// Every parser, on one text. A value or an exit-code-2 error with a message; a panic
/// fails the test (and proptest shrinks it to a small input).
fn parse_all(kind: usize, text: &str) -> Result<(), TestCaseError> {
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-23T12:00:00Z")
        .unwrap()
        .to_utc();
    let vocabulary: Vec<String> = evident::model::signals::SIGNALS
        .iter()
        .map(|s| s.to_string())
        .collect();
    let err = match kind {
        0 => evident::pipeline::stage_io::parse_evidence("f.json", text).err(),
        1 => evident::pipeline::stage_io::parse_portfolio("f.json", text).err(),
        2 => evident::notes::NotesFile::parse("notes.toml", text)
            .and_then(|n| n.validate(std::path::Path::new("notes.toml"), &vocabulary))
            .err(),
        3 => evident::classify::rules::RuleSet::load(
            &[("rules.toml".into(), text.into())],
            &vocabulary,
        )
        .err(),
        4 => evident::config::rubric::Rubric::parse("rubric.toml", text).err(),
        5 => evident::config::Config::parse("evident.toml", text).err(),
        6 => evident::config::team::Team::parse("team.toml", text, now).err(),
        _ => {
            let first = text.lines().next().unwrap_or("");
            let _ = evident::config::period::parse_since(first, now);
            let _ = evident::config::period::parse_until(first, now);
            None
        }
    };
    if let Some(e) = err {
        prop_assert!(!e.message.is_empty(), "an empty message");
        prop_assert_eq!(e.exit_code(), 2, "{}", e.report());
    }
    Ok(())
}

/// A real portfolio, to mutate for the portfolio parser.
static PORTFOLIO: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let config = evident::config::Config::default();
    let (rubric, rules) = evident::pipeline::classify::rubric_and_rules(&config).unwrap();
    let evidence = evident::pipeline::stage_io::parse_evidence("evidence.json", EVIDENCE).unwrap();
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-23T12:00:00Z")
        .unwrap()
        .to_utc();
    let portfolio = evident::pipeline::classify::make_portfolio(
        evidence,
        &rubric,
        &rules,
        now,
        &Default::default(),
    );
    serde_json::to_string_pretty(&portfolio).unwrap()
});

/// Which parser (see `parse_all`) gets mutations of which seed.
fn seeds() -> Vec<(usize, &'static str)> {
    vec![
        (0, EVIDENCE),
        (0, JSONL),
        (1, PORTFOLIO.as_str()),
        (2, NOTES),
        (3, RULES),
        (4, RUBRIC),
        (5, CONFIG),
        (6, TEAM),
        (7, "2026-Q3"),
    ]
}

fn strategy() -> impl Strategy<Value = (usize, String)> {
    prop::sample::select(seeds()).prop_flat_map(|(kind, seed)| (Just(kind), input(seed)))
}

fn fuzz(cases: u32, runner_seed: Option<u64>) -> Result<(), String> {
    let mut config = Config::with_cases(cases);
    config.failure_persistence = None;
    let mut runner = match runner_seed {
        Some(s) => TestRunner::new_with_rng(
            config,
            proptest::test_runner::TestRng::from_seed(
                proptest::test_runner::RngAlgorithm::ChaCha,
                &{
                    let mut b = [0u8; 32];
                    b[..8].copy_from_slice(&s.to_le_bytes());
                    b
                },
            ),
        ),
        None => TestRunner::new(config),
    };
    runner
        .run(&strategy(), |(kind, text)| parse_all(kind, &text))
        .map_err(|e| e.to_string())
}

#[test]
fn parsers_return_values_or_clear_errors_never_panics() {
    fuzz(256, None).unwrap();
}

/// The bounded session: `EVIDENT_FUZZ_SECONDS` (default 60) of rounds with fresh seeds.
#[test]
#[ignore = "a fuzzing session: run it on purpose (see the module doc)"]
fn for_a_while() {
    let seconds: u64 = std::env::var("EVIDENT_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let (mut rounds, mut cases) = (0u64, 0u64);
    while Instant::now() < deadline {
        let seed = started.elapsed().as_nanos() as u64 ^ rounds.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        if let Err(e) = fuzz(1_000, Some(seed)) {
            panic!("after {cases} cases (round seed {seed}): {e}");
        }
        rounds += 1;
        cases += 1_000;
    }
    println!(
        "fuzz: {cases} inputs in {:.0?}, no panic, every error exit code 2",
        started.elapsed()
    );
}
