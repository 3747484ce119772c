//! Review comments judged on what they do, measured on real comments labelled by hand
//! (tests/fixtures/reviews/: GUIDE.md says how they were collected, labelled and split).
//!
//! - `cargo test --test cli reviews::review_eval -- --ignored --nocapture` prints the
//!   precision and recall of `code-review` and `mentoring`, old rules against new, on the
//!   development part and on the held-out part.
//! - `reviews::heldout_precision_holds` fails when a change drops the held-out numbers
//!   below what was measured when the classifier shipped.

use evident::classify::review::{self, Does};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Labelled {
    comment: Vec<Comment>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Comment {
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

fn labelled() -> Vec<Comment> {
    let path = format!(
        "{}/tests/fixtures/reviews/comments.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("labelled review comments");
    let set: Labelled = toml::from_str(&text).expect("comments.toml parses");
    set.comment
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
            let cues: Vec<String> = v.hits.iter().map(|h| format!("{}={:?}", h.cue, h.matched)).collect();
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
