//! The learned classifier: a multinomial logistic regression over named features
//! (`features.rs`), trained by `evident-trainer` (tools/trainer) on commits whose projects
//! label their kind, and shipped inside the binary as text (`config/classifier.tsv`).
//!
//! It decides the kind of an item no rule is certain of. Its answer comes with a
//! confidence (the softmax probability of the top class); below the class's threshold,
//! chosen on held-out projects during training, the item is left unclassified rather
//! than guessed. The features that pushed the answer, with their weights, explain it.

use super::features::{self, Input};
use crate::error::{Error, Result};
use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

pub const BUILTIN_MODEL: &str = include_str!("../../config/classifier.tsv");
pub const BUILTIN_MODEL_NAME: &str = "<built-in>/config/classifier.tsv";
const HEADER: &str = "# evident classifier v1";

/// A linear model: one weight per (feature, class), a bias and a confidence threshold per
/// class.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub classes: Vec<String>,
    pub bias: Vec<f32>,
    pub thresholds: Vec<f32>,
    /// The thresholds for an item that touches no path (an issue, a pull request without
    /// its files, a message alone): the same precision needs other probabilities when the
    /// words must decide alone. `None`: the ones above serve every item.
    pub thresholds_without_paths: Option<Vec<f32>>,
    /// Feature names in file order; `weights[i * classes + c]`.
    pub features: Vec<String>,
    pub weights: Vec<f32>,
    index: HashMap<String, usize>,
    /// Where it came from, for `explain`.
    pub source: String,
}

/// The model's answer for one item.
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    /// Classes by probability, highest first.
    pub ranked: Vec<(String, f32)>,
    /// Whether the top class clears its threshold.
    pub confident: bool,
    /// The known features of the item with their weights for the top class, strongest
    /// push first (positive or negative).
    pub contributions: Vec<(String, f32)>,
    pub bias: f32,
    pub threshold: f32,
}

impl Prediction {
    pub fn top(&self) -> (&str, f32) {
        self.ranked
            .first()
            .map(|(c, p)| (c.as_str(), *p))
            .unwrap_or(("", 0.0))
    }
}

static BUILTIN: LazyLock<Arc<Model>> = LazyLock::new(|| {
    Arc::new(
        Model::parse(BUILTIN_MODEL_NAME, BUILTIN_MODEL)
            .unwrap_or_else(|e| panic!("the built-in model is invalid: {}", e.message)),
    )
});

/// The model shipped in the binary (parsed once).
pub fn builtin() -> Arc<Model> {
    BUILTIN.clone()
}

impl Model {
    pub fn new(
        classes: Vec<String>,
        bias: Vec<f32>,
        thresholds: Vec<f32>,
        features: Vec<String>,
        weights: Vec<f32>,
        source: &str,
    ) -> Model {
        let index = features
            .iter()
            .enumerate()
            .map(|(i, f)| (f.clone(), i))
            .collect();
        Model {
            classes,
            bias,
            thresholds,
            thresholds_without_paths: None,
            features,
            weights,
            index,
            source: source.to_string(),
        }
    }

    /// Reads the text form: a header line, `classes`, `bias` and `threshold` rows (and
    /// optionally `threshold-without-paths`), then one row per feature
    /// (`name<TAB>w1<TAB>w2...`).
    pub fn parse(name: &str, text: &str) -> Result<Model> {
        let bad = |line: usize, what: &str| {
            Error::config(format!("{name}:{line}: {what}")).with_hint(
                "a model file is written by `evident-trainer train`; retrain or restore it",
            )
        };
        let mut lines = text.lines().enumerate();
        match lines.next() {
            Some((_, h)) if h.trim() == HEADER => {}
            _ => {
                return Err(bad(
                    1,
                    &format!("not a model file (the first line is not `{HEADER}`)"),
                ));
            }
        }
        let mut classes: Vec<String> = Vec::new();
        let mut bias = Vec::new();
        let mut thresholds = Vec::new();
        let mut without_paths = None;
        let mut features = Vec::new();
        let mut weights = Vec::new();
        for (i, line) in lines {
            let n = i + 1;
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (key, values) = line.split_once('\t').unwrap_or((line, ""));
            let values = values.split('\t').filter(|_| !values.is_empty());
            if key == "classes" {
                classes = values.map(str::to_string).collect();
                continue;
            }
            if classes.is_empty() {
                return Err(bad(n, "the `classes` row must come first"));
            }
            let mut numbers = Vec::with_capacity(classes.len());
            for value in values {
                match parse_weight(value) {
                    Some(v) => numbers.push(v),
                    None => {
                        return Err(bad(n, &format!("`{key}` has a value that is not a number")));
                    }
                }
            }
            if numbers.len() != classes.len() {
                return Err(bad(
                    n,
                    &format!(
                        "`{key}` has {} values for {} classes",
                        numbers.len(),
                        classes.len()
                    ),
                ));
            }
            match key {
                "bias" => bias = numbers,
                "threshold" => thresholds = numbers,
                "threshold-without-paths" => without_paths = Some(numbers),
                _ => {
                    features.push(key.to_string());
                    weights.extend_from_slice(&numbers);
                }
            }
        }
        if classes.is_empty() || bias.is_empty() || thresholds.is_empty() {
            return Err(bad(
                1,
                "the model has no `classes`, `bias` or `threshold` row",
            ));
        }
        let mut model = Model::new(classes, bias, thresholds, features, weights, name);
        model.thresholds_without_paths = without_paths;
        Ok(model)
    }

    /// The text form, with weights rounded to what matters (4 decimals).
    pub fn to_text(&self, comment: &str) -> String {
        let mut out = String::with_capacity(self.features.len() * 60);
        out.push_str(HEADER);
        out.push('\n');
        for line in comment.lines() {
            out.push_str("# ");
            out.push_str(line);
            out.push('\n');
        }
        let row = |out: &mut String, key: &str, values: &[f32]| {
            out.push_str(key);
            for v in values {
                out.push('\t');
                out.push_str(&format_weight(*v));
            }
            out.push('\n');
        };
        out.push_str("classes");
        for c in &self.classes {
            out.push('\t');
            out.push_str(c);
        }
        out.push('\n');
        row(&mut out, "bias", &self.bias);
        row(&mut out, "threshold", &self.thresholds);
        if let Some(t) = &self.thresholds_without_paths {
            row(&mut out, "threshold-without-paths", t);
        }
        let k = self.classes.len();
        for (i, f) in self.features.iter().enumerate() {
            row(&mut out, f, &self.weights[i * k..(i + 1) * k]);
        }
        out
    }

    /// Indices of the item's features the model knows.
    pub fn known(&self, names: &[String]) -> Vec<usize> {
        names
            .iter()
            .filter_map(|n| self.index.get(n).copied())
            .collect()
    }

    /// Class probabilities for a set of known feature indices.
    pub fn probabilities(&self, known: &[usize]) -> Vec<f32> {
        let k = self.classes.len();
        let mut scores = self.bias.clone();
        for &i in known {
            for (s, w) in scores.iter_mut().zip(&self.weights[i * k..(i + 1) * k]) {
                *s += w;
            }
        }
        softmax(&mut scores);
        scores
    }

    /// The thresholds that apply to an item: those for items without paths when it has
    /// none and the model has them.
    pub fn thresholds_for(&self, input: &Input) -> &[f32] {
        match &self.thresholds_without_paths {
            Some(t) if input.paths.is_empty() => t,
            _ => &self.thresholds,
        }
    }

    pub fn predict(&self, input: &Input) -> Prediction {
        let names = features::extract(input);
        let known = self.known(&names);
        let probs = self.probabilities(&known);
        let mut ranked: Vec<(String, f32)> = self.classes.iter().cloned().zip(probs).collect();
        // Ties (never in practice) go to the earlier class, so the answer is stable.
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
        let top = self
            .classes
            .iter()
            .position(|c| *c == ranked[0].0)
            .unwrap_or(0);
        let k = self.classes.len();
        let mut contributions: Vec<(String, f32)> = known
            .iter()
            .map(|&i| (self.features[i].clone(), self.weights[i * k + top]))
            .filter(|(_, w)| *w != 0.0)
            .collect();
        contributions.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()).then_with(|| a.0.cmp(&b.0)));
        let threshold = self.thresholds_for(input)[top];
        Prediction {
            // A threshold of 1 or more is a class no probability makes precise enough.
            confident: threshold < 1.0 && ranked[0].1 >= threshold,
            ranked,
            contributions,
            bias: self.bias[top],
            threshold,
        }
    }
}

/// A weight as `format_weight` writes it (`-0.2277`: at most four decimals), read as
/// fixed point: the same `f32` as `str::parse` gives (the `f64` quotient of two exact
/// integers is within half an `f64` unit of the decimal, far from any `f32` rounding
/// boundary), at a fraction of its cost where the crate is built without optimisation,
/// as `cargo test` builds it: the built-in model's 246,000 weights took half of every
/// test run's time. Any other spelling goes to `str::parse`.
fn parse_weight(text: &str) -> Option<f32> {
    fixed_point(text).or_else(|| text.parse().ok())
}

fn fixed_point(text: &str) -> Option<f32> {
    let (negative, digits) = match text.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        rest => (false, rest),
    };
    let mut value: i64 = 0;
    let mut decimals: Option<u32> = None;
    for &b in digits {
        match b {
            b'0'..=b'9' => {
                value = value * 10 + i64::from(b - b'0');
                if let Some(d) = decimals.as_mut() {
                    *d += 1;
                }
            }
            b'.' if decimals.is_none() => decimals = Some(0),
            _ => return None,
        }
        if value > 1 << 40 {
            return None;
        }
    }
    let decimals = decimals.unwrap_or(0);
    let well_formed = !digits.is_empty() && digits[0] != b'.' && digits.last() != Some(&b'.');
    if !well_formed || decimals > 4 {
        return None;
    }
    let magnitude = value as f64 / 10f64.powi(decimals as i32);
    Some(if negative { -magnitude } else { magnitude } as f32)
}

fn format_weight(v: f32) -> String {
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    match s {
        "" | "-" | "-0" => "0".to_string(),
        s => s.to_string(),
    }
}

pub fn softmax(scores: &mut [f32]) {
    let max = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut sum = 0.0;
    for s in scores.iter_mut() {
        *s = (*s - max).exp();
        sum += *s;
    }
    for s in scores.iter_mut() {
        *s /= sum;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Model {
        Model::new(
            vec!["feature".into(), "bug-fix".into()],
            vec![0.0, 0.0],
            vec![0.6, 0.6],
            vec!["first:add".into(), "first:fix".into()],
            vec![2.0, -1.0, -1.0, 2.0],
            "test",
        )
    }

    #[test]
    fn text_form_round_trips() {
        let m = tiny();
        let text = m.to_text("a comment");
        let back = Model::parse("test", &text).unwrap();
        assert_eq!(back, m);
    }

    #[test]
    fn an_item_without_paths_is_held_to_its_own_thresholds() {
        let mut m = tiny();
        m.thresholds_without_paths = Some(vec![0.99, 0.99]);
        let back = Model::parse("test", &m.to_text("")).unwrap();
        assert_eq!(back, m, "the row round-trips");
        let alone = m.predict(&Input::new("Fix the crash", "", &[]));
        assert_eq!(alone.top().0, "bug-fix");
        assert!(!alone.confident, "{alone:?}");
        assert_eq!(alone.threshold, 0.99);
        let paths = vec!["src/main.rs".to_string()];
        let with_paths = m.predict(&Input::new("Fix the crash", "", &paths));
        assert!(with_paths.confident, "{with_paths:?}");
        assert_eq!(with_paths.threshold, 0.6);
    }

    #[test]
    fn predicts_with_confidence_and_reasons() {
        let m = tiny();
        let p = m.predict(&Input::new("Fix the crash", "", &[]));
        assert_eq!(p.top().0, "bug-fix");
        assert!(p.confident && p.top().1 > 0.9);
        assert_eq!(p.contributions[0], ("first:fix".to_string(), 2.0));
    }

    #[test]
    fn bad_files_are_errors_with_a_line() {
        let e = Model::parse("m.tsv", "nope").unwrap_err();
        assert!(e.message.starts_with("m.tsv:1:"), "{}", e.message);
        let e =
            Model::parse("m.tsv", "# evident classifier v1\nclasses\ta\tb\nbias\t1\n").unwrap_err();
        assert!(e.message.starts_with("m.tsv:3:"), "{}", e.message);
        let e =
            Model::parse("m.tsv", "# evident classifier v1\nclasses\ta\nbias\tx\n").unwrap_err();
        assert!(e.message.contains("not a number"), "{}", e.message);
    }

    #[test]
    fn weights_read_as_the_standard_parser_reads_them() {
        let values = BUILTIN_MODEL
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("classes"))
            .flat_map(|l| l.split('\t').skip(1));
        let mut fixed = 0;
        for v in values {
            let expected: f32 = v.parse().unwrap();
            assert_eq!(
                parse_weight(v).map(f32::to_bits),
                Some(expected.to_bits()),
                "{v}"
            );
            fixed += usize::from(fixed_point(v).is_some());
        }
        assert!(fixed > 200_000, "the fast path reads the model: {fixed}");
        for v in [
            "0", "-0", "1.5", "-12.0625", "0.1", "3.1416", "1e-3", "1.23456", "inf",
        ] {
            let expected = v.parse::<f32>().ok().map(f32::to_bits);
            assert_eq!(parse_weight(v).map(f32::to_bits), expected, "{v}");
        }
        for v in ["", "-", ".", "1.", ".5", "1.2.3", "--1", "1-", "x"] {
            assert_eq!(fixed_point(v), None, "{v}");
        }
        assert_eq!(parse_weight("x"), None);
    }

    #[test]
    fn builtin_model_loads() {
        let m = builtin();
        assert!(m.classes.len() >= 7);
        assert_eq!(m.thresholds.len(), m.classes.len());
        let alone = m
            .thresholds_without_paths
            .as_ref()
            .expect("trained with messages alone");
        assert_eq!(alone.len(), m.classes.len());
    }
}
