//! `evident-trainer evaluate`: the held-out repositories, classified by evident's own
//! classifier (the title's label hidden: records hold the title without it), exactly as
//! `evident classify` would: rules for what is certain, then the model.

use crate::corpus::{self, Record};
use crate::sources;
use crate::train::{CLASSES, Metrics, SEVEN};
use crate::{Paths, Result};
use evident::classify::rules::RuleSet;
use evident::classify::{classify_item, model::Model};
use evident::model::portfolio::{BULK, Item, UNCLASSIFIED};
use evident::model::signals::SIGNALS;
use evident::model::{Evidence, Kind};
use serde_json::json;
use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, value_name = "FILE", default_value_os_t = Paths::corpus())]
    pub corpus: PathBuf,
    #[arg(long, value_name = "FILE", default_value_os_t = Paths::sources())]
    pub sources: PathBuf,
    /// The model file to evaluate (the one evident builds in, as last trained).
    #[arg(long, value_name = "FILE", default_value_os_t = Paths::model())]
    pub model: PathBuf,
    /// Write the held-out numbers into this manifest.
    #[arg(long, value_name = "FILE")]
    pub record: Option<PathBuf>,
    /// Print this many held-out commits on which each rule for a signal the corpus has
    /// no labels for fires (security, tech debt), to label by hand.
    #[arg(long, value_name = "N")]
    pub sample: Option<usize>,
    /// Hand labels of such samples: lines `RULE<TAB>COMMIT<TAB>yes|no`.
    #[arg(long, value_name = "FILE")]
    pub labels: Option<PathBuf>,
    /// Classify each held-out commit from its message alone (no paths, no diff size), as
    /// evident sees an issue or a commit message given without its diff; recorded as
    /// `heldout_message_only`.
    #[arg(long)]
    pub message_only: bool,
}

/// The evidence record evident's collector would write for a corpus commit.
pub fn evidence_of(r: &Record) -> Evidence {
    let mut e = Evidence::new(
        format!("git:{}:{}", r.repo, r.commit),
        Kind::Commit,
        &r.title,
    );
    e.repo = r.repo.clone();
    e.body = r.body.clone();
    e.paths = r.paths.clone();
    e.additions = r.additions;
    e.deletions = r.deletions;
    e.files_changed = r.files_changed;
    e.meta.insert("sha".into(), json!(r.commit));
    e.meta.insert("role".into(), json!("author"));
    e
}

pub fn run(args: &Args) -> Result<()> {
    let sources = sources::load(&args.sources)?;
    let heldout: HashSet<&str> = sources
        .repos
        .iter()
        .filter(|s| s.heldout())
        .map(|s| s.name.as_str())
        .collect();
    let records: Vec<Record> = corpus::load(&args.corpus)?
        .into_iter()
        .filter(|r| heldout.contains(r.repo.as_str()))
        .map(|r| {
            if args.message_only {
                crate::train::message_only(&r)
            } else {
                r
            }
        })
        .collect();
    let vocabulary: Vec<String> = SIGNALS.iter().map(|s| s.to_string()).collect();
    let mut rules = RuleSet::load(&[], &vocabulary).map_err(|e| e.report())?;
    let text = std::fs::read_to_string(&args.model)
        .map_err(|e| format!("cannot read {}: {e}", args.model.display()))?;
    rules.model = Some(Arc::new(
        Model::parse(&args.model.display().to_string(), &text).map_err(|e| e.report())?,
    ));
    let started = std::time::Instant::now();
    let items: Vec<Item> = records
        .iter()
        .map(|r| classify_item(&rules, &vocabulary, evidence_of(r)))
        .collect();
    let elapsed = started.elapsed();
    let in_classes: Vec<(&Record, &Item)> = records
        .iter()
        .zip(&items)
        .filter(|(r, _)| CLASSES.contains(&r.label.as_str()))
        .collect();
    let class_of = |s: &str| CLASSES.iter().position(|c| *c == s);
    // What counts toward the rubric: the primary where it is counted.
    let metrics = Metrics::of(in_classes.iter().map(|(r, it)| {
        (
            class_of(&r.label).unwrap_or(0),
            it.counted.then(|| class_of(&it.primary)).flatten(),
        )
    }));
    // The primary for every commit: the model's best guess where nothing is certain.
    let guesses = Metrics::of(
        in_classes
            .iter()
            .map(|(r, it)| (class_of(&r.label).unwrap_or(0), class_of(&it.primary))),
    );
    let share = |n: usize| crate::train::round(n as f64 / items.len().max(1) as f64);
    let no_signal = items.iter().filter(|i| i.signals.is_empty()).count();
    let counted = items.iter().filter(|i| i.counted).count();
    let with_primary = items
        .iter()
        .filter(|i| i.primary != UNCLASSIFIED && i.primary != BULK)
        .count();
    let unclassified = items
        .iter()
        .filter(|i| !i.counted && i.primary != BULK)
        .count();
    let by_rule = rule_precision(&in_classes);
    println!(
        "held-out{}: {} commits of {} repositories ({} with a class the model knows)",
        if args.message_only {
            ", each from its message alone"
        } else {
            ""
        },
        records.len(),
        heldout.len(),
        in_classes.len()
    );
    println!(
        "classified in {:.1} ms ({:.1} µs a commit, one thread, rules and model)",
        elapsed.as_secs_f64() * 1000.0,
        elapsed.as_secs_f64() * 1e6 / records.len().max(1) as f64
    );
    print_metrics(
        "the primary signal of every commit (the model's best guess where nothing is certain)",
        &guesses,
    );
    print_metrics(
        "what counts toward the rubric (certain, or the model above its class's threshold)",
        &metrics,
    );
    println!(
        "\ncommits with a primary signal: {:.1}%; counted: {:.1}%; unclassified (not counted): {:.1}%; no counted signal at all: {:.1}%",
        100.0 * share(with_primary),
        100.0 * share(counted),
        100.0 * share(unclassified),
        100.0 * share(no_signal)
    );
    println!("\nprecision of what decided the primary signal (held-out):");
    for (rule, (right, n)) in &by_rule {
        println!(
            "  {rule:28} {:5.3}  ({right}/{n})",
            *right as f64 / *n as f64
        );
    }
    let others = other_labels(&records, &items);
    if !others.is_empty() {
        println!("\nlabels the model does not learn (given by rules only):");
        for (label, (found, n)) in &others {
            println!("  {label:14} the signal given to {found} of {n} commits so labelled");
        }
    }
    if let Some(n) = args.sample {
        print_sample(&records, &items, n);
    }
    let hand = match &args.labels {
        Some(path) => Some(hand_precision(path, &records, &items)?),
        None => None,
    };
    if let Some(path) = &args.record {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let mut manifest: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let key = if args.message_only {
            "heldout_message_only"
        } else {
            "heldout"
        };
        manifest[key] = json!({
            "commits": records.len(),
            "primary": guesses,
            "counted": metrics,
            "with_primary": share(with_primary),
            "counted_share": share(counted),
            "no_signal": share(no_signal),
            "unclassified": share(unclassified),
            "decided_by": by_rule.iter().map(|(k, (r, n))| (k.clone(), json!({"right": r, "of": n}))).collect::<BTreeMap<_, _>>(),
            "hand_labelled_rules": hand,
            "microseconds_per_commit": crate::train::round(elapsed.as_secs_f64() * 1e6 / records.len().max(1) as f64),
        });
        std::fs::write(
            path,
            serde_json::to_string_pretty(&manifest).unwrap() + "\n",
        )
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        println!("\nrecorded in {}", path.display());
    }
    Ok(())
}

fn print_metrics(title: &str, m: &Metrics) {
    println!("\n{title}");
    println!(
        "  seven types ({}): accuracy {:.3} over all {} commits; {:.3} over the {:.1}% classified",
        SEVEN.iter().map(|(t, _)| *t).collect::<Vec<_>>().join(", "),
        m.seven_accuracy,
        m.seven_n,
        m.seven_accuracy_classified,
        100.0 * m.seven_coverage
    );
    println!(
        "  all {} classes: accuracy {:.3}, macro-F1 {:.3}, coverage {:.3}",
        CLASSES.len(),
        m.accuracy,
        m.macro_f1,
        m.coverage
    );
    println!(
        "  {:14} {:>9} {:>7} {:>8} {:>9}",
        "class", "precision", "recall", "support", "predicted"
    );
    for c in CLASSES {
        println!(
            "  {c:14} {:9.3} {:7.3} {:8} {:9}",
            m.precision[*c], m.recall[*c], m.support[*c], m.predicted[*c]
        );
    }
}

/// For each rule (or the title label, or the model) that decided an item's primary
/// signal: how often the primary matched the project's label.
fn rule_precision(pairs: &[(&Record, &Item)]) -> BTreeMap<String, (usize, usize)> {
    let mut out: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (r, it) in pairs {
        if !it.counted {
            continue;
        }
        let decider = it
            .matches
            .iter()
            .find(|m| m.signals.contains(&it.primary))
            .map_or("(none)".to_string(), |m| m.rule.clone());
        let e = out.entry(decider).or_default();
        e.1 += 1;
        if it.primary == r.label {
            e.0 += 1;
        }
    }
    out
}

fn other_labels(records: &[Record], items: &[Item]) -> BTreeMap<String, (usize, usize)> {
    let mut out: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (r, it) in records.iter().zip(items) {
        if CLASSES.contains(&r.label.as_str()) {
            continue;
        }
        let e = out.entry(r.label.clone()).or_default();
        e.1 += 1;
        if it.signals.contains(&r.label) {
            e.0 += 1;
        }
    }
    out
}

/// Rules whose signals the corpus cannot check.
const HAND_CHECKED: &[&str] = &[
    "security-words",
    "security-body",
    "tech-debt-words",
    "tech-debt-body",
    "fix-trailers",
    "incident-docs",
];

fn print_sample(records: &[Record], items: &[Item], n: usize) {
    println!("\nsample to label by hand (RULE, COMMIT, title):");
    for rule in HAND_CHECKED {
        let mut shown = 0;
        for (r, it) in records.iter().zip(items) {
            if shown < n && it.matches.iter().any(|m| m.rule == *rule) {
                println!(
                    "{rule}\t{}\t{}: {} [{}]",
                    r.commit, r.repo, r.title, r.label
                );
                shown += 1;
            }
        }
    }
}

/// Precision of hand-checked rules from a labels file; every labelled commit must be a
/// held-out corpus commit on which the rule fires.
fn hand_precision(
    path: &PathBuf,
    records: &[Record],
    items: &[Item],
) -> Result<BTreeMap<String, serde_json::Value>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut counts: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut not_firing = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [rule, commit, verdict] = cols[..] else {
            return Err(format!(
                "{}:{}: want RULE<TAB>COMMIT<TAB>yes|no",
                path.display(),
                i + 1
            ));
        };
        let fires = records
            .iter()
            .zip(items)
            .any(|(r, it)| r.commit == commit && it.matches.iter().any(|m| m.rule == rule));
        if !fires {
            not_firing.push(format!(
                "{}:{}: rule {rule} does not fire on {commit} (or it is not a held-out commit)",
                path.display(),
                i + 1
            ));
            continue;
        }
        let e = counts.entry(rule.to_string()).or_default();
        e.1 += 1;
        if verdict == "yes" {
            e.0 += 1;
        }
    }
    // Every line that no longer holds, at once: a rule changed since it was labelled.
    if !not_firing.is_empty() {
        return Err(not_firing.join("\n"));
    }
    println!("\nhand-labelled precision of rules for signals the corpus has no labels for:");
    let mut out = BTreeMap::new();
    for (rule, (right, n)) in counts {
        println!("  {rule:20} {:.3} ({right}/{n})", right as f64 / n as f64);
        out.insert(rule, json!({"right": right, "of": n}));
    }
    Ok(out)
}
