//! Review comments judged on what they do, measured on real comments labelled by hand
//! (tests/fixtures/reviews/: GUIDE.md says how they were collected, labelled and split).
//!
//! - `cargo test --test cli reviews::review_eval -- --ignored --nocapture` prints the
//!   precision and recall of `code-review` and `mentoring`, old rules against new, on the
//!   development part, the held-out part and the blind set (`blind.toml`, collected and
//!   labelled after the classifier was written, from repositories not in `comments.toml`).
//! - `reviews::heldout_precision_holds` and `reviews::blind_precision_holds` fail when a
//!   change drops the held-out or blind numbers below what was measured.

use crate::common::{Sandbox, json_stdout};
use evident::classify::classify_item;
use evident::classify::review::{self, Does};
use evident::classify::rules::RuleSet;
use evident::model::signals::SIGNALS;
use evident::model::{Evidence, Kind};
use serde::Deserialize;
use serde_json::json;

#[derive(Debug, Deserialize)]
struct Labelled {
    comment: Vec<Comment>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Comment {
    /// Only the blind set names its comments (`b001`, ...).
    #[serde(default)]
    id: Option<String>,
    url: String,
    #[serde(rename = "where")]
    place: String,
    label: String,
    text: String,
}

impl Comment {
    fn repo(&self) -> String {
        self.url
            .split('/')
            .skip(3)
            .take(2)
            .collect::<Vec<_>>()
            .join("/")
            .to_lowercase()
    }

    fn does(&self) -> Does {
        Does::parse(&self.label).unwrap_or_else(|| panic!("unknown label {}", self.label))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Development,
    HeldOut,
}

/// The split of GUIDE.md: FNV-1a (64-bit) of the lower-cased `owner/name`, modulo 10;
/// 0 to 5 are held out.
fn part(repo: &str) -> Part {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in repo.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    if h % 10 < 6 {
        Part::HeldOut
    } else {
        Part::Development
    }
}

fn fixture(name: &str) -> Vec<Comment> {
    let path = format!(
        "{}/tests/fixtures/reviews/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let set: Labelled = toml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    set.comment
}

/// The development and held-out parts (GUIDE.md "Split").
fn labelled() -> Vec<Comment> {
    fixture("comments.toml")
}

/// The blind set (GUIDE.md "The blind set"): labelled before the classifier saw it.
fn blind() -> Vec<Comment> {
    fixture("blind.toml")
}

fn of(part_wanted: Part) -> Vec<Comment> {
    labelled()
        .into_iter()
        .filter(|c| part(&c.repo()) == part_wanted)
        .collect()
}

#[test]
fn the_labelled_set_is_what_the_guide_says() {
    let all = labelled();
    assert!(all.len() >= 250, "{} comments", all.len());
    for c in &all {
        assert!(c.url.starts_with("https://github.com/"), "{}", c.url);
        assert!(c.place == "inline" || c.place == "body", "{}", c.place);
        let _ = c.does();
        assert!(!c.text.trim().is_empty());
    }
    let held = all
        .iter()
        .filter(|c| part(&c.repo()) == Part::HeldOut)
        .count();
    assert!(held >= 150, "held-out part has {held} comments");
}

#[test]
fn the_blind_set_is_new_and_what_the_guide_says() {
    let set = blind();
    assert!(set.len() >= 150, "{} comments", set.len());
    let mut ids = std::collections::HashSet::new();
    for c in &set {
        let id = c.id.as_deref().expect("every blind comment has an id");
        assert!(ids.insert(id.to_string()), "id {id} twice");
        assert!(c.url.starts_with("https://github.com/"), "{id}: {}", c.url);
        assert!(
            c.place == "inline" || c.place == "body",
            "{id}: {}",
            c.place
        );
        let _ = c.does();
        assert!(!c.text.trim().is_empty(), "{id}");
    }
    // Blind means unseen: no repository of the blind set was read while the cues were written.
    let seen: std::collections::HashSet<String> = labelled().iter().map(Comment::repo).collect();
    let reused: Vec<String> = set
        .iter()
        .map(Comment::repo)
        .filter(|r| seen.contains(r))
        .collect();
    assert!(reused.is_empty(), "already in comments.toml: {reused:?}");
}

/// Precision and recall of one yes/no decision.
#[derive(Debug, Default, Clone, Copy)]
struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Score {
    fn add(&mut self, predicted: bool, actual: bool) {
        match (predicted, actual) {
            (true, true) => self.tp += 1,
            (true, false) => self.fp += 1,
            (false, true) => self.fn_ += 1,
            (false, false) => {}
        }
    }

    fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

#[test]
#[ignore = "development aid: prints the development part's misses"]
fn review_dev_misses() {
    let dev = of(Part::Development);
    let (mut cr, mut me) = (Score::default(), Score::default());
    for c in &dev {
        let v = review::judge(&c.text);
        let want = c.does();
        cr.add(v.does >= Does::Substantive, want >= Does::Substantive);
        me.add(v.does == Does::Teaches, want == Does::Teaches);
        if v.does != want {
            let cues: Vec<String> = v
                .hits
                .iter()
                .map(|h| format!("{}={:?}", h.cue, h.matched))
                .collect();
            eprintln!(
                "want {} got {} [{}] {:?}",
                want.as_str(),
                v.does.as_str(),
                cues.join(" "),
                c.text.chars().take(160).collect::<String>()
            );
        }
    }
    eprintln!(
        "dev {}: code-review P {:.2} R {:.2} | mentoring P {:.2} R {:.2}",
        dev.len(),
        cr.precision(),
        cr.recall(),
        me.precision(),
        me.recall()
    );
}

/// A labelled comment as the collector would record it: a review of its own, the comment
/// inline (or as the review's text), with the counts the old rules read.
fn as_review(c: &Comment, n: usize) -> Evidence {
    let mut e = Evidence::new(
        format!("gh:review:{n}"),
        Kind::Review,
        "Review of a/b#1: Change",
    );
    let inline = c.place == "inline";
    e.body = if inline {
        format!("\n\n---\n\n{}", c.text)
    } else {
        c.text.clone()
    };
    let m = &mut e.meta;
    m.insert("state".into(), json!("COMMENTED"));
    let comments: Vec<&str> = if inline { vec![&c.text] } else { vec![] };
    m.insert("comment_count".into(), json!(comments.len()));
    m.insert("comments".into(), json!(comments));
    m.insert(
        "suggestions".into(),
        json!(c.text.matches("```suggestion").count()),
    );
    m.insert(
        "links".into(),
        json!(c.text.matches("https://").count() + c.text.matches("http://").count()),
    );
    m.insert("first_time_contributor".into(), json!(false));
    m.insert("pr_author".into(), json!("someone-else"));
    e
}

fn vocabulary() -> Vec<String> {
    SIGNALS.iter().map(|s| s.to_string()).collect()
}

fn rules_before() -> RuleSet {
    let path = format!(
        "{}/tests/fixtures/reviews/rules-before.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("rules-before.toml");
    RuleSet::from_text(&path, &text, &vocabulary()).expect("the old rules load")
}

/// Scores of `code-review` (the comment has substance) and `mentoring` (it teaches) on
/// a part of the labelled set, for a rule set.
fn signal_scores(rules: &RuleSet, comments: &[Comment]) -> (Score, Score) {
    let vocab = vocabulary();
    let (mut cr, mut me) = (Score::default(), Score::default());
    for (n, c) in comments.iter().enumerate() {
        let item = classify_item(rules, &vocab, as_review(c, n));
        let has = |s: &str| item.signals.iter().any(|x| x == s);
        let want = c.does();
        cr.add(has("code-review"), want >= Does::Substantive);
        me.add(has("mentoring"), want == Does::Teaches);
    }
    (cr, me)
}

fn row(name: &str, n: usize, (cr, me): (Score, Score)) -> String {
    format!(
        "| {name} | {n} | {:.2} | {:.2} | {:.2} | {:.2} |",
        cr.precision(),
        cr.recall(),
        me.precision(),
        me.recall()
    )
}

#[test]
#[ignore = "evaluation: prints the precision/recall table (docs/classifier.md \"Reviews\")"]
fn review_eval() {
    let old = rules_before();
    let new = RuleSet::load(&[], &vocabulary()).expect("built-in rules");
    let parts = [
        ("development", of(Part::Development)),
        ("held-out", of(Part::HeldOut)),
        ("blind", blind()),
    ];
    println!(
        "| rules, part | comments | code-review P | code-review R | mentoring P | mentoring R |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    for (label, comments) in &parts {
        let n = comments.len();
        let before = signal_scores(&old, comments);
        println!("{}", row(&format!("before, {label}"), n, before));
        let now = signal_scores(&new, comments);
        println!("{}", row(&format!("now, {label}"), n, now));
        eprintln!(
            "before, {label}: code-review {:?}, mentoring {:?}",
            before.0, before.1
        );
        eprintln!(
            "now, {label}: code-review {:?}, mentoring {:?}",
            now.0, now.1
        );
    }
    // The comment classifier alone: how often it gives the label a person gave.
    for (label, comments) in &parts {
        let right = comments
            .iter()
            .filter(|c| review::judge(&c.text).does == c.does())
            .count();
        println!(
            "comment labels, {label}: {right}/{} = {:.2}",
            comments.len(),
            ratio(right, comments.len())
        );
    }
}

/// Reading aid for docs/classifier.md: the blind comments whose signals are wrong, with the
/// cues that decided. Not for tuning: a cue changed because of one of these makes the blind
/// numbers no longer blind.
#[test]
#[ignore = "reading aid: prints the blind set's wrong signals, by id"]
fn review_blind_misses() {
    let rules = RuleSet::load(&[], &vocabulary()).expect("built-in rules");
    let vocab = vocabulary();
    for (n, c) in blind().iter().enumerate() {
        let item = classify_item(&rules, &vocab, as_review(c, n));
        let has = |s: &str| item.signals.iter().any(|x| x == s);
        let want = c.does();
        let cr_wrong = has("code-review") != (want >= Does::Substantive);
        let me_wrong = has("mentoring") != (want == Does::Teaches);
        if !(cr_wrong || me_wrong) {
            continue;
        }
        let v = review::judge(&c.text);
        let cues: Vec<String> = v
            .hits
            .iter()
            .map(|h| format!("{}={:?}", h.cue, h.matched))
            .collect();
        eprintln!(
            "{} want {} got {} signals {:?} [{}] {:?}",
            c.id.as_deref().unwrap_or("?"),
            want.as_str(),
            v.does.as_str(),
            item.signals,
            cues.join(" "),
            c.text.chars().take(200).collect::<String>()
        );
    }
}

#[test]
#[ignore = "development aid: which rules give mentoring to a development comment that does not teach"]
fn review_dev_mentoring_false_positives() {
    let rules = RuleSet::load(&[], &vocabulary()).expect("built-in rules");
    for (n, c) in of(Part::Development).iter().enumerate() {
        let item = classify_item(&rules, &vocabulary(), as_review(c, n));
        if item.signals.iter().any(|s| s == "mentoring") && c.does() != Does::Teaches {
            let ids: Vec<&str> = item.matches.iter().map(|m| m.rule.as_str()).collect();
            eprintln!("{ids:?} {:?}", c.text);
        }
    }
}

/// What the shipped classifier measured on the held-out part (see `review_eval` and
/// docs/classifier.md "Reviews"): code-review right on 93 of the 98 comments it gave it
/// (precision 0.949) and found 93 of 104 (recall 0.894); mentoring right on 27 of 28
/// (0.964), finding 27 of 57 (0.474). Precision may only rise; recall may give a little
/// to precision, not collapse.
const HELDOUT_CODE_REVIEW_PRECISION: f64 = 93.0 / 98.0;
const HELDOUT_MENTORING_PRECISION: f64 = 27.0 / 28.0;
const HELDOUT_CODE_REVIEW_RECALL: f64 = 0.85;
const HELDOUT_MENTORING_RECALL: f64 = 0.40;

#[test]
fn heldout_precision_holds() {
    let rules = RuleSet::load(&[], &vocabulary()).expect("built-in rules");
    let (cr, me) = signal_scores(&rules, &of(Part::HeldOut));
    let report = format!("code-review {cr:?}, mentoring {me:?}");
    assert!(cr.precision() >= HELDOUT_CODE_REVIEW_PRECISION, "{report}");
    assert!(me.precision() >= HELDOUT_MENTORING_PRECISION, "{report}");
    assert!(cr.recall() >= HELDOUT_CODE_REVIEW_RECALL, "{report}");
    assert!(me.recall() >= HELDOUT_MENTORING_RECALL, "{report}");
}

/// What the shipped classifier measured on the blind set, the first time it was scored
/// (see `review_eval` and docs/classifier.md "Reviews"): code-review right on 95 of the 107
/// comments it gave it (precision 0.888), finding 95 of 104 (recall 0.913); mentoring right
/// on 25 of 31 (0.806), finding 25 of 51 (0.490). Pinned at the measured level: a change
/// that lowers any of them fails here. (Raising them by reading the blind comments would make
/// the set no longer blind: see the docs before changing these numbers.)
const BLIND_CODE_REVIEW_PRECISION: f64 = 95.0 / 107.0;
const BLIND_MENTORING_PRECISION: f64 = 25.0 / 31.0;
const BLIND_CODE_REVIEW_RECALL: f64 = 95.0 / 104.0;
const BLIND_MENTORING_RECALL: f64 = 25.0 / 51.0;

#[test]
fn blind_precision_holds() {
    let rules = RuleSet::load(&[], &vocabulary()).expect("built-in rules");
    let (cr, me) = signal_scores(&rules, &blind());
    let report = format!("code-review {cr:?}, mentoring {me:?}");
    assert!(cr.precision() >= BLIND_CODE_REVIEW_PRECISION, "{report}");
    assert!(me.precision() >= BLIND_MENTORING_PRECISION, "{report}");
    assert!(cr.recall() >= BLIND_CODE_REVIEW_RECALL, "{report}");
    assert!(me.recall() >= BLIND_MENTORING_RECALL, "{report}");
}

/// A review record as the GitHub collector writes it.
fn review_record(id: &str, body: &str, comments: &[&str], first_time: bool) -> serde_json::Value {
    let mut full = body.to_string();
    for c in comments {
        full.push_str("\n\n---\n\n");
        full.push_str(c);
    }
    json!({
        "id": id,
        "kind": "review",
        "repo": "acme/api",
        "title": format!("Review of acme/api#7: {id}"),
        "timestamp": "2026-05-01T10:00:00Z",
        "body": full,
        "meta": {
            "state": "COMMENTED",
            "comment_count": comments.len(),
            "comments": comments,
            "first_time_contributor": first_time,
            "pr_author": "someone-else",
        }
    })
}

fn reviews_file(sb: &Sandbox) {
    let nits = [
        "nit: rename `cfg` to `config`",
        "nit: missing newline at end of file",
        "nit: extra blank line",
        "nit: typo in `recieve`",
        "nit: please sort these imports",
    ];
    let mut six = nits.to_vec();
    six.push("Use `entry()` instead.");
    let evidence = json!({"schema": 1, "evidence": [
        review_record("gh:review:1", "LGTM", &[], false),
        review_record("gh:review:2", "", &["Please don't hold the lock across the `await`: otherwise every other request waits on this one."], false),
        review_record("gh:review:3", "A few nits.", &nits, false),
        review_record("gh:review:4", "", &six, false),
        review_record("gh:review:5", "Thanks for the PR!", &["Could you add a test for the empty input?"], true),
    ]});
    sb.write("reviews.json", &evidence.to_string());
}

fn signals_of(p: &serde_json::Value, id: &str) -> Vec<String> {
    let item = p["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("{id} in {p}"));
    item["signals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

fn weight_of(p: &serde_json::Value, id: &str) -> f64 {
    p["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .and_then(|i| i["weight"].as_f64())
        .unwrap()
}

#[test]
fn classify_judges_reviews_by_what_their_comments_do() {
    let sb = Sandbox::new();
    reviews_file(&sb);
    let p = json_stdout(sb.evident().args(["classify", "--input", "reviews.json"]));
    // A bare approval gets nothing.
    assert!(signals_of(&p, "gh:review:1").is_empty());
    // One comment that explains why teaches.
    assert_eq!(signals_of(&p, "gh:review:2"), ["code-review", "mentoring"]);
    // Five nits are a review, not mentoring.
    assert_eq!(signals_of(&p, "gh:review:3"), ["code-review"]);
    // One weak teaching comment among six is not enough for mentoring.
    assert_eq!(signals_of(&p, "gh:review:4"), ["code-review"]);
    // A first-time contributor's review with substance helps a newcomer in.
    assert_eq!(signals_of(&p, "gh:review:5"), ["code-review", "mentoring"]);
    // A review's weight follows its comments: the approval weighs least, and five
    // comments of substance weigh more than one that teaches.
    let w = |id| weight_of(&p, id);
    assert!(w("gh:review:1") < w("gh:review:2"), "{p}");
    assert!(w("gh:review:2") < w("gh:review:3"), "{p}");
}

#[test]
fn explain_names_the_comment_and_cue_that_decided() {
    let sb = Sandbox::new();
    reviews_file(&sb);
    let out = sb
        .evident()
        .args(["explain", "gh:review:2", "--input", "reviews.json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("review-teaches -> code-review, mentoring: a review comment that teaches"),
        "{text}"
    );
    assert!(
        text.contains("decided by comment 1 of 1 \"Please don't hold the lock across the `await`: otherwise eve…\" teaches (cue why-because, explains why: \"otherwise every\"); of 1 text: 1 teach, 0 more with substance, 0 empty"),
        "{text}"
    );
    // The review of nits names a nit and says none teaches.
    let out = sb
        .evident()
        .args(["explain", "gh:review:3", "--input", "reviews.json"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("review-substantive -> code-review"), "{text}");
    assert!(
        text.contains("decided by comment 1 of 5 \"nit: rename `cfg` to `config`\" substantive (cue request-change, asks for a change: \"rename\"); of 6 texts: 0 teach, 4 more with substance, 2 empty"),
        "{text}"
    );
    assert!(!text.contains("mentoring"), "{text}");
    // The approval: nothing fired.
    let out = sb
        .evident()
        .args(["explain", "gh:review:1", "--input", "reviews.json"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("no rule fired"), "{text}");
}

#[test]
fn an_unknown_review_condition_is_a_config_error() {
    let sb = Sandbox::new();
    reviews_file(&sb);
    sb.write(
        "rules.toml",
        "[[rule]]\nid = \"kind-reviews\"\nkind = [\"review\"]\nreview = \"kind\"\nsignals = [\"mentoring\"]\nreason = \"r\"\n",
    );
    let out = sb
        .evident()
        .args([
            "classify",
            "--input",
            "reviews.json",
            "--rules",
            "rules.toml",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("rules.toml:1: rule `kind-reviews`: unknown value `kind` in `review`"),
        "{err}"
    );
    assert!(err.contains("hint:"), "{err}");
}
