//! `evident-trainer train`: multinomial logistic regression over the named features of
//! `evident::classify::features`, tuned by grouped cross-validation over the training
//! repositories only (folds by family, so no project is on both sides of a fold), with
//! per-class confidence thresholds chosen on the out-of-fold predictions. Writes the
//! model evident ships (`config/classifier.tsv`) and `training/manifest.json`.
//! The held-out repositories are not read here.

use crate::corpus::{self, Record};
use crate::sources::{self, Sources};
use crate::{Paths, Result, lbfgs, variants};
use evident::classify::features::{self, Input};
use evident::classify::model::Model;
use serde::Serialize;
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

/// The kinds the model chooses between, in the signal vocabulary's order.
pub const CLASSES: &[&str] = &[
    "feature",
    "bug-fix",
    "refactor",
    "performance",
    "testing",
    "documentation",
    "build",
    "ci-cd",
    "chore",
];

/// The seven conventional types the issue's target is stated over, and the classes that
/// are each (`build` and `ci` count as one type; `perf` is not among the seven).
pub const SEVEN: &[(&str, &[&str])] = &[
    ("feat", &["feature"]),
    ("fix", &["bug-fix"]),
    ("docs", &["documentation"]),
    ("refactor", &["refactor"]),
    ("test", &["testing"]),
    ("build/ci", &["build", "ci-cd"]),
    ("chore", &["chore"]),
];

pub fn seven_of(class: &str) -> Option<&'static str> {
    SEVEN
        .iter()
        .find(|(_, cs)| cs.contains(&class))
        .map(|(t, _)| *t)
}

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, value_name = "FILE", default_value_os_t = Paths::corpus())]
    pub corpus: PathBuf,
    #[arg(long, value_name = "FILE", default_value_os_t = Paths::sources())]
    pub sources: PathBuf,
    #[arg(long, value_name = "FILE", default_value_os_t = Paths::model())]
    pub model: PathBuf,
    #[arg(long, value_name = "FILE", default_value_os_t = Paths::manifest())]
    pub manifest: PathBuf,
    /// Cross-validation folds over the training families.
    #[arg(long, default_value_t = 5)]
    pub folds: usize,
    /// The precision each class must reach for the model to give it (on out-of-fold data).
    #[arg(long, default_value_t = 0.9)]
    pub precision: f64,
    /// Try only the first hyper-parameter setting (quick runs).
    #[arg(long)]
    pub quick: bool,
    /// Only cross-validate one setting and print its numbers; write nothing.
    #[arg(long)]
    pub cv_only: bool,
    /// Feature groups switched on (`+name`) or off (`-name`) from the shipped set, for
    /// `--cv-only` (names: see `evident::classify::features::Options::NAMES`).
    #[arg(long, value_delimiter = ',', allow_hyphen_values = true)]
    pub features: Vec<String>,
    /// Overrides of the first hyper-parameter setting, for `--cv-only`.
    #[arg(long)]
    pub l2: Option<f64>,
    #[arg(long)]
    pub min_repos: Option<usize>,
    #[arg(long)]
    pub min_count: Option<usize>,
    #[arg(long)]
    pub balance: Option<f64>,
    #[arg(long)]
    pub iterations: Option<usize>,
    /// Training-label cleaning: leave out of each fold's training part (never out of its
    /// test part) the commits whose label a certain signal contradicts (`docs`, `tests`,
    /// `ci`: every file of that class, labelled another kind of work).
    #[arg(long, value_delimiter = ',')]
    pub clean: Vec<String>,
    /// Write the out-of-fold predictions of `--cv-only` here (JSON lines: commit, label,
    /// guess, probability), to read the errors.
    #[arg(long, value_name = "FILE")]
    pub oof: Option<PathBuf>,
    /// Train each fold on this share of its training commits (chosen by commit id), to
    /// see what more data would be worth.
    #[arg(long, default_value_t = 1.0)]
    pub train_share: f64,
    /// A name for this run in the printed summary.
    #[arg(long, default_value = "")]
    pub variant: String,
    /// Train on the commits only as they are, without the copy of each with its message
    /// alone (no paths, no diff size) that teaches the model to read an issue or a bare
    /// message; thresholds for items without paths are then not chosen.
    #[arg(long)]
    pub no_message_only: bool,
}

/// Hyper-parameters tried by cross-validation.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Hyper {
    /// L2 penalty on the weights (the loss is a weighted mean).
    pub l2: f64,
    /// A feature is kept when it occurs in at least this many repositories...
    pub min_repos: usize,
    /// ...and this many commits.
    pub min_count: usize,
    /// Class weights are (share of the largest class / share of the class) ^ this.
    pub balance: f64,
    pub iterations: usize,
}

const GRID: &[Hyper] = &[
    Hyper {
        l2: 3e-4,
        min_repos: 4,
        min_count: 5,
        balance: 0.5,
        iterations: 200,
    },
    Hyper {
        l2: 1e-4,
        min_repos: 4,
        min_count: 5,
        balance: 0.5,
        iterations: 200,
    },
    Hyper {
        l2: 1e-3,
        min_repos: 4,
        min_count: 5,
        balance: 0.5,
        iterations: 200,
    },
];

/// A record ready for training: its family (the CV group), class and feature names.
#[derive(Clone)]
pub struct Example {
    pub repo: String,
    pub family: String,
    pub class: usize,
    pub features: Vec<String>,
    /// Left out of training by label cleaning (still tested on).
    pub dropped: bool,
    pub commit: String,
    /// Whether the example has its paths and diff size (false: a message alone).
    pub has_paths: bool,
    /// The message-only copy of a commit also trained as it is.
    pub copy: bool,
}

/// The record with its message alone: no paths, statuses, diff size or diff text.
pub fn message_only(r: &Record) -> Record {
    Record {
        paths: Vec::new(),
        statuses: String::new(),
        additions: None,
        deletions: None,
        files_changed: None,
        added_text: String::new(),
        deleted_text: String::new(),
        ..r.clone()
    }
}

pub fn input_of(r: &Record) -> Input<'_> {
    Input {
        title: &r.title,
        body: &r.body,
        paths: &r.paths,
        additions: r.additions,
        deletions: r.deletions,
        files_changed: r.files_changed,
    }
}

/// The feature groups of a run: the shipped set with `--features` applied, and the
/// groups tried and not shipped (`variants.rs`) that are switched on.
fn options(args: &Args) -> Result<(features::Options, Vec<String>)> {
    let mut o = features::Options::SHIPPED;
    let mut extra = Vec::new();
    for f in &args.features {
        let (on, name) = match f.strip_prefix('-') {
            Some(n) => (false, n),
            None => (true, f.strip_prefix('+').unwrap_or(f)),
        };
        if on && variants::NAMES.contains(&name) {
            extra.push(name.to_string());
        } else if !o.set(name, on) {
            return Err(format!(
                "unknown feature group {name:?} (known: {}, {})",
                features::Options::NAMES.join(", "),
                variants::NAMES.join(", ")
            ));
        }
    }
    Ok((o, extra))
}

/// Whether a commit's label is contradicted by what every one of its files is.
fn contradicted(r: &Record, clean: &[String]) -> bool {
    let all = |class: &str| {
        !r.paths.is_empty()
            && features::extract(&Input::new("", "", &r.paths))
                .iter()
                .any(|f| f == &format!("all:{class}"))
    };
    clean.iter().any(|c| match c.as_str() {
        "docs" => {
            all("docs") && !all("code") && !["documentation", "chore"].contains(&r.label.as_str())
        }
        "tests" => all("test") && !["testing", "bug-fix", "chore"].contains(&r.label.as_str()),
        "tests-strict" => all("test") && r.label != "testing",
        "ci" => all("ci") && !["ci-cd", "build", "chore"].contains(&r.label.as_str()),
        _ => false,
    })
}

pub fn run(args: &Args) -> Result<()> {
    let sources = sources::load(&args.sources)?;
    let records = corpus::load(&args.corpus)?;
    let side: HashMap<&str, (&str, bool)> = sources
        .repos
        .iter()
        .map(|s| (s.name.as_str(), (s.family.as_str(), s.heldout())))
        .collect();
    let (opts, extra) = options(args)?;
    let shipped = opts == features::Options::SHIPPED && extra.is_empty();
    if !args.cv_only && (!shipped || !args.clean.is_empty()) {
        return Err(
            "--features and --clean are for --cv-only; to ship other features change Options::SHIPPED (and its cleaning) and retrain"
                .into(),
        );
    }
    for c in &args.clean {
        if !["docs", "tests", "tests-strict", "ci"].contains(&c.as_str()) {
            return Err(format!(
                "unknown --clean rule {c:?} (docs, tests, tests-strict, ci)"
            ));
        }
    }
    let mut examples = Vec::new();
    let mut other_labels: BTreeMap<String, usize> = BTreeMap::new();
    let clean: Vec<String> = if args.cv_only {
        args.clean.clone()
    } else {
        CLEAN.iter().map(|s| s.to_string()).collect()
    };
    for r in records.iter() {
        let Some(&(family, heldout)) = side.get(r.repo.as_str()) else {
            return Err(format!(
                "the corpus has {}, which the sources file does not list",
                r.repo
            ));
        };
        if heldout {
            continue;
        }
        let Some(class) = CLASSES.iter().position(|c| *c == r.label) else {
            *other_labels.entry(r.label.clone()).or_default() += 1;
            continue;
        };
        let dropped = contradicted(r, &clean)
            || (args.train_share < 1.0
                && r.commit
                    .get(..8)
                    .and_then(|h| u64::from_str_radix(h, 16).ok())
                    .unwrap_or(0) as f64
                    >= args.train_share * 4_294_967_296.0);
        let example = |features: Vec<String>, has_paths: bool, copy: bool| Example {
            repo: r.repo.clone(),
            family: family.to_string(),
            class,
            features,
            dropped,
            commit: r.commit.clone(),
            has_paths,
            copy,
        };
        if !args.no_message_only && !r.paths.is_empty() {
            // The same commit as an issue or a bare message reaches evident: its words
            // alone. Same family, so it always falls in the same fold as the original.
            let alone = message_only(r);
            let words = features::extract_with(&input_of(&alone), &opts);
            examples.push(example(words, false, true));
        }
        let mut whole = features::extract_with(&input_of(r), &opts);
        if !extra.is_empty() {
            whole.extend(variants::extract(r, &extra));
            whole.sort();
            whole.dedup();
        }
        examples.push(example(whole, !r.paths.is_empty(), false));
    }
    eprintln!(
        "{} training examples from {} repositories (labels the model does not learn: {other_labels:?})",
        examples.len(),
        examples
            .iter()
            .map(|e| &e.repo)
            .collect::<BTreeSet<_>>()
            .len()
    );
    let folds = assign_folds(&examples, args.folds);
    if args.cv_only {
        return cv_only(args, &examples, &folds);
    }
    let grid: &[Hyper] = if args.quick { &GRID[..1] } else { GRID };
    // (`--quick` tries the setting the full search chose last: GRID[0].)
    let mut best: Option<(f64, Hyper, Vec<Vec<f32>>, Metrics)> = None;
    for h in grid {
        let oof = cross_validate(&examples, &folds, args.folds, h);
        let m = Metrics::of(
            examples
                .iter()
                .zip(&oof)
                .map(|(e, p)| (e.class, Some(argmax(p)))),
        );
        eprintln!(
            "cv {h:?}: accuracy {:.3}, macro-F1 {:.3}, seven-type accuracy {:.3}",
            m.accuracy, m.macro_f1, m.seven_accuracy
        );
        if best.as_ref().is_none_or(|b| m.macro_f1 > b.0) {
            best = Some((m.macro_f1, *h, oof, m));
        }
    }
    let (_, hyper, oof, _) = best.ok_or("no hyper-parameters to try")?;
    let (thresholds, alone) = choose_both(&examples, &oof, args.precision);
    let cv = |with_paths: bool| -> (Metrics, Metrics) {
        let t = if with_paths {
            &thresholds
        } else {
            alone.as_ref().unwrap_or(&thresholds)
        };
        let pairs = || {
            examples
                .iter()
                .zip(&oof)
                .filter(|(e, _)| e.has_paths == with_paths)
        };
        (
            Metrics::of(pairs().map(|(e, p)| (e.class, Some(argmax(p))))),
            Metrics::of(pairs().map(|(e, p)| {
                let c = argmax(p);
                (e.class, (p[c] >= t[c]).then_some(c))
            })),
        )
    };
    let (cv_metrics, cv_with_thresholds) = cv(true);
    eprintln!(
        "chosen {hyper:?}; thresholds {:?}; out-of-fold with thresholds: coverage {:.3}, precision per class {:?}",
        thresholds, cv_with_thresholds.coverage, cv_with_thresholds.precision
    );
    let cv_alone = alone.as_ref().map(|t| {
        let (m, mt) = cv(false);
        eprintln!(
            "message alone: seven-type accuracy {:.3}; thresholds {t:?}; coverage {:.3}, precision per class {:?}",
            m.seven_accuracy, mt.coverage, mt.precision
        );
        json!({ "argmax": m, "with_thresholds": mt, "thresholds": CLASSES.iter().zip(t).map(|(c, t)| (c.to_string(), *t)).collect::<BTreeMap<_, _>>() })
    });
    let all: Vec<&Example> = examples.iter().filter(|e| !e.dropped).collect();
    let mut model = fit(&all, &hyper);
    model.thresholds = thresholds.clone();
    model.thresholds_without_paths = alone.clone();
    let comment = format!(
        "Trained by `evident-trainer train` on {} commits of {} repositories{} (training/manifest.json).\nA row: feature, then its weight for each class. Retrain; do not edit.",
        examples.iter().filter(|e| !e.copy).count(),
        examples
            .iter()
            .map(|e| &e.repo)
            .collect::<BTreeSet<_>>()
            .len(),
        if examples.iter().any(|e| e.copy) {
            ", each also as its message alone"
        } else {
            ""
        }
    );
    let text = model.to_text(&comment);
    std::fs::write(&args.model, &text)
        .map_err(|e| format!("cannot write {}: {e}", args.model.display()))?;
    eprintln!(
        "wrote {} ({} features, {} bytes)",
        args.model.display(),
        model.features.len(),
        text.len()
    );
    let mut manifest = manifest(
        &sources,
        &records,
        &hyper,
        &cv_metrics,
        &cv_with_thresholds,
        &thresholds,
        &model,
        text.len(),
        args,
    );
    manifest["message_only"] = json!({
        "note": "each training commit also as its message alone (no paths, no diff size), as an issue or a bare message reaches evident; the thresholds for items without paths are chosen on those copies",
        "cross_validation": cv_alone,
    });
    std::fs::write(
        &args.manifest,
        serde_json::to_string_pretty(&manifest).unwrap() + "\n",
    )
    .map_err(|e| format!("cannot write {}: {e}", args.manifest.display()))?;
    eprintln!("wrote {}", args.manifest.display());
    Ok(())
}

/// Label cleaning the shipped model is trained with (see `contradicted`).
pub const CLEAN: &[&str] = &[];

/// One setting, cross-validated: the numbers a variant is judged by, on one line.
fn cv_only(args: &Args, examples: &[Example], folds: &[usize]) -> Result<()> {
    let mut h = GRID[0];
    h.l2 = args.l2.unwrap_or(h.l2);
    h.min_repos = args.min_repos.unwrap_or(h.min_repos);
    h.min_count = args.min_count.unwrap_or(h.min_count);
    h.balance = args.balance.unwrap_or(h.balance);
    h.iterations = args.iterations.unwrap_or(h.iterations);
    let dropped = examples.iter().filter(|e| e.dropped).count();
    let started = std::time::Instant::now();
    let oof = cross_validate(examples, folds, args.folds, &h);
    // Judged on the commits as they are; the message-only copies get their own line.
    let with_paths = || examples.iter().zip(&oof).filter(|(e, _)| e.has_paths);
    let m = Metrics::of(with_paths().map(|(e, p)| (e.class, Some(argmax(p)))));
    let (thresholds, alone) = choose_both(examples, &oof, args.precision);
    let t = Metrics::of(with_paths().map(|(e, p)| {
        let c = argmax(p);
        (e.class, (p[c] >= thresholds[c]).then_some(c))
    }));
    if let Some(ta) = &alone {
        let pairs = || examples.iter().zip(&oof).filter(|(e, _)| !e.has_paths);
        let ma = Metrics::of(pairs().map(|(e, p)| (e.class, Some(argmax(p)))));
        let tt = Metrics::of(pairs().map(|(e, p)| {
            let c = argmax(p);
            (e.class, (p[c] >= ta[c]).then_some(c))
        }));
        println!(
            "   message alone: seven {:.3}  acc9 {:.3}  macroF1 {:.3}  cov@{} {:.3} (prec {:.3})",
            ma.seven_accuracy,
            ma.accuracy,
            ma.macro_f1,
            args.precision,
            tt.coverage,
            tt.accuracy_classified
        );
    }
    let given: Vec<String> = CLASSES
        .iter()
        .enumerate()
        .filter(|(c, _)| thresholds[*c] <= 1.0)
        .map(|(c, name)| format!("{name} {:.2}/{:.3}", thresholds[c], t.recall[*name]))
        .collect();
    println!(
        "cv {:24} seven {:.3}  acc9 {:.3}  macroF1 {:.3}  cov@{} {:.3} (prec {:.3})  [{} dropped; {:.0} s]  given: {}",
        if args.variant.is_empty() {
            "baseline"
        } else {
            &args.variant
        },
        m.seven_accuracy,
        m.accuracy,
        m.macro_f1,
        args.precision,
        t.coverage,
        t.accuracy_classified,
        dropped,
        started.elapsed().as_secs_f64(),
        given.join(", ")
    );
    if let Some(path) = &args.oof {
        let mut out = String::new();
        for (e, p) in examples.iter().zip(&oof) {
            let c = argmax(p);
            out.push_str(&serde_json::to_string(&json!({"repo": e.repo, "commit": e.commit, "label": CLASSES[e.class], "guess": CLASSES[c], "p": p[c], "probs": p})).unwrap());
            out.push('\n');
        }
        std::fs::write(path, out).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    eprintln!(
        "  {h:?}; per class P/R: {}",
        CLASSES
            .iter()
            .map(|c| format!("{c} {:.2}/{:.2}", m.precision[*c], m.recall[*c]))
            .collect::<Vec<_>>()
            .join(", ")
    );
    Ok(())
}

/// Families to folds: sorted by name, dealt round-robin, so folds are fixed by the data.
fn assign_folds(examples: &[Example], k: usize) -> Vec<usize> {
    let families: BTreeSet<&str> = examples.iter().map(|e| e.family.as_str()).collect();
    // Deal the largest families first so folds are of similar size.
    let mut sizes: Vec<(&str, usize)> = families
        .iter()
        .map(|f| (*f, examples.iter().filter(|e| e.family == *f).count()))
        .collect();
    sizes.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let mut load = vec![0usize; k];
    let mut fold_of: HashMap<&str, usize> = HashMap::new();
    for (f, n) in sizes {
        let fold = (0..k).min_by_key(|&i| (load[i], i)).unwrap_or(0);
        load[fold] += n;
        fold_of.insert(f, fold);
    }
    examples
        .iter()
        .map(|e| fold_of[e.family.as_str()])
        .collect()
}

/// Out-of-fold class probabilities for every example.
fn cross_validate(examples: &[Example], folds: &[usize], k: usize, h: &Hyper) -> Vec<Vec<f32>> {
    use rayon::prelude::*;
    let mut oof = vec![Vec::new(); examples.len()];
    // Folds are independent: fitted two at a time, each deterministic.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .expect("a thread pool");
    let models: Vec<Model> = pool.install(|| {
        (0..k)
            .into_par_iter()
            .map(|fold| {
                let train: Vec<&Example> = examples
                    .iter()
                    .zip(folds)
                    .filter(|(e, f)| **f != fold && !e.dropped)
                    .map(|(e, _)| e)
                    .collect();
                fit(&train, h)
            })
            .collect()
    });
    for (fold, model) in models.iter().enumerate() {
        for (i, e) in examples.iter().enumerate() {
            if folds[i] == fold {
                oof[i] = model.probabilities(&model.known(&e.features));
            }
        }
    }
    oof
}

pub fn argmax(p: &[f32]) -> usize {
    let mut best = 0;
    for (i, v) in p.iter().enumerate() {
        if *v > p[best] {
            best = i;
        }
    }
    best
}

/// The features kept: seen in enough repositories and commits of the training set.
fn vocabulary(examples: &[&Example], h: &Hyper) -> Vec<String> {
    let mut repos: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for e in examples {
        for f in &e.features {
            repos.entry(f).or_default().insert(&e.repo);
            *counts.entry(f).or_default() += 1;
        }
    }
    let mut names: Vec<String> = counts
        .into_iter()
        .filter(|(f, n)| *n >= h.min_count && repos[f].len() >= h.min_repos)
        .map(|(f, _)| f.to_string())
        .collect();
    names.sort();
    names
}

/// Fits the model on examples: weighted mean cross-entropy plus L2, by L-BFGS.
pub fn fit(examples: &[&Example], h: &Hyper) -> Model {
    let names = vocabulary(examples, h);
    let index: HashMap<&str, u32> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i as u32))
        .collect();
    let rows: Vec<Vec<u32>> = examples
        .iter()
        .map(|e| {
            e.features
                .iter()
                .filter_map(|f| index.get(f.as_str()).copied())
                .collect()
        })
        .collect();
    let k = CLASSES.len();
    let mut counts = vec![0usize; k];
    for e in examples {
        counts[e.class] += 1;
    }
    let largest = *counts.iter().max().unwrap_or(&1) as f64;
    let class_weight: Vec<f64> = counts
        .iter()
        .map(|&n| {
            if n == 0 {
                0.0
            } else {
                (largest / n as f64).powf(h.balance)
            }
        })
        .collect();
    let total_weight: f64 = examples.iter().map(|e| class_weight[e.class]).sum();
    let f = names.len();
    let mut x = vec![0.0f64; k + f * k];
    let mut scores = vec![0.0f64; k];
    let objective = |x: &[f64], g: &mut [f64]| -> f64 {
        g.iter_mut().for_each(|v| *v = 0.0);
        let (bias, w) = x.split_at(k);
        let (gb, gw) = g.split_at_mut(k);
        let mut loss = 0.0;
        for (e, row) in examples.iter().zip(&rows) {
            scores.copy_from_slice(bias);
            for &j in row {
                let wj = &w[j as usize * k..(j as usize + 1) * k];
                for c in 0..k {
                    scores[c] += wj[c];
                }
            }
            let max = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let mut sum = 0.0;
            for s in scores.iter_mut() {
                *s = (*s - max).exp();
                sum += *s;
            }
            let cw = class_weight[e.class] / total_weight;
            loss -= cw * (scores[e.class] / sum).ln();
            for c in 0..k {
                let d = cw * (scores[c] / sum - if c == e.class { 1.0 } else { 0.0 });
                scores[c] = d;
                gb[c] += d;
            }
            for &j in row {
                let gj = &mut gw[j as usize * k..(j as usize + 1) * k];
                for c in 0..k {
                    gj[c] += scores[c];
                }
            }
        }
        let mut penalty = 0.0;
        for (wi, gi) in w.iter().zip(gw.iter_mut()) {
            penalty += wi * wi;
            *gi += h.l2 * wi;
        }
        loss + 0.5 * h.l2 * penalty
    };
    lbfgs::minimise(&mut x, objective, h.iterations, 10, 1e-7);
    let bias: Vec<f32> = x[..k].iter().map(|v| *v as f32).collect();
    let weights: Vec<f32> = x[k..].iter().map(|v| *v as f32).collect();
    // Rows whose every weight rounds to zero explain nothing: left out of the file.
    let mut kept_names = Vec::new();
    let mut kept_weights = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let row = &weights[i * k..(i + 1) * k];
        if row.iter().any(|w| w.abs() >= 0.00005) {
            kept_names.push(name.clone());
            kept_weights.extend_from_slice(row);
        }
    }
    Model::new(
        CLASSES.iter().map(|c| c.to_string()).collect(),
        bias,
        vec![0.0; k],
        kept_names,
        kept_weights,
        "trained",
    )
}

/// The thresholds for items with paths, and (when the examples have message-only copies)
/// those for items without, each chosen on its own out-of-fold answers.
fn choose_both(
    examples: &[Example],
    oof: &[Vec<f32>],
    precision: f64,
) -> (Vec<f32>, Option<Vec<f32>>) {
    let part = |with_paths: bool| {
        examples
            .iter()
            .zip(oof)
            .filter(move |(e, _)| e.has_paths == with_paths)
    };
    let thresholds = choose_thresholds(part(true), precision);
    let without = examples
        .iter()
        .any(|e| !e.has_paths)
        .then(|| choose_thresholds(part(false), precision));
    (thresholds, without)
}

/// Per class, the lowest probability at which the model's answers of that class are
/// still right `precision` of the time out of fold (at least 20 answers); a class that
/// never gets there is never given by the model (threshold above 1).
fn choose_thresholds<'a>(
    answers_of: impl Iterator<Item = (&'a Example, &'a Vec<f32>)> + Clone,
    precision: f64,
) -> Vec<f32> {
    let k = CLASSES.len();
    let mut out = vec![1.01f32; k];
    for (c, slot) in out.iter_mut().enumerate() {
        let mut answers: Vec<(f32, bool)> = answers_of
            .clone()
            .filter(|(_, p)| argmax(p) == c)
            .map(|(e, p)| (p[c], e.class == c))
            .collect();
        answers.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut right = 0usize;
        for (i, (p, ok)) in answers.iter().enumerate() {
            right += usize::from(*ok);
            let n = i + 1;
            // A threshold takes every answer at its probability: judge it at the end of
            // a run of equal ones.
            let last_of_its_value = answers.get(n).is_none_or(|(next, _)| next != p);
            if last_of_its_value && n >= 20 && right as f64 / n as f64 >= precision {
                *slot = *p;
            }
        }
        // Two decimals, rounded up so the precision chosen still holds.
        if *slot <= 1.0 {
            *slot = ((*slot * 100.0).ceil() / 100.0).min(1.0);
        }
    }
    out
}

/// Accuracy, macro-F1, per-class precision and recall, coverage.
#[derive(Debug, Clone, Serialize)]
pub struct Metrics {
    pub n: usize,
    pub accuracy: f64,
    /// Accuracy among the items that got a class.
    pub accuracy_classified: f64,
    pub macro_f1: f64,
    pub coverage: f64,
    pub seven_n: usize,
    pub seven_accuracy: f64,
    pub seven_accuracy_classified: f64,
    pub seven_coverage: f64,
    pub precision: BTreeMap<String, f64>,
    pub recall: BTreeMap<String, f64>,
    pub support: BTreeMap<String, usize>,
    pub predicted: BTreeMap<String, usize>,
}

impl Metrics {
    /// From (true class, predicted class or None for unclassified) pairs.
    pub fn of(pairs: impl Iterator<Item = (usize, Option<usize>)>) -> Metrics {
        let k = CLASSES.len();
        let mut tp = vec![0usize; k];
        let mut support = vec![0usize; k];
        let mut predicted = vec![0usize; k];
        let (mut n, mut right, mut classified) = (0, 0, 0);
        let (mut sn, mut sright, mut sclassified) = (0, 0, 0);
        for (truth, guess) in pairs {
            n += 1;
            support[truth] += 1;
            let seven_truth = seven_of(CLASSES[truth]);
            if seven_truth.is_some() {
                sn += 1;
            }
            if let Some(g) = guess {
                classified += 1;
                predicted[g] += 1;
                if g == truth {
                    right += 1;
                    tp[g] += 1;
                }
                if seven_truth.is_some() {
                    sclassified += 1;
                    if seven_of(CLASSES[g]) == seven_truth {
                        sright += 1;
                    }
                }
            }
        }
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let mut precision = BTreeMap::new();
        let mut recall = BTreeMap::new();
        let mut f1_sum = 0.0;
        let mut f1_n = 0;
        for c in 0..k {
            let p = ratio(tp[c], predicted[c]);
            let r = ratio(tp[c], support[c]);
            precision.insert(CLASSES[c].to_string(), round(p));
            recall.insert(CLASSES[c].to_string(), round(r));
            if support[c] > 0 {
                f1_sum += if p + r > 0.0 {
                    2.0 * p * r / (p + r)
                } else {
                    0.0
                };
                f1_n += 1;
            }
        }
        let named = |v: &[usize]| {
            CLASSES
                .iter()
                .zip(v)
                .map(|(c, n)| (c.to_string(), *n))
                .collect::<BTreeMap<_, _>>()
        };
        Metrics {
            n,
            accuracy: round(ratio(right, n)),
            accuracy_classified: round(ratio(right, classified)),
            macro_f1: round(if f1_n == 0 { 0.0 } else { f1_sum / f1_n as f64 }),
            coverage: round(ratio(classified, n)),
            seven_n: sn,
            seven_accuracy: round(ratio(sright, sn)),
            seven_accuracy_classified: round(ratio(sright, sclassified)),
            seven_coverage: round(ratio(sclassified, sn)),
            precision,
            recall,
            support: named(&support),
            predicted: named(&predicted),
        }
    }
}

pub fn round(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

/// The commit ids of one side of the split, per repository, as 10-hex-digit prefixes.
fn commit_ids(records: &[Record], sources: &Sources, heldout: bool) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for r in records {
        if sources
            .repos
            .iter()
            .any(|s| s.name == r.repo && s.heldout() == heldout)
        {
            out.entry(r.repo.clone()).or_default().push(&r.commit[..10]);
        }
    }
    out.into_iter()
        .map(|(repo, mut ids)| {
            ids.sort_unstable();
            (repo, ids.join(" "))
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn manifest(
    sources: &Sources,
    records: &[Record],
    hyper: &Hyper,
    cv: &Metrics,
    cv_thresholded: &Metrics,
    thresholds: &[f32],
    model: &Model,
    size: usize,
    args: &Args,
) -> serde_json::Value {
    let mut per_repo: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    let mut per_split: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for r in records {
        *per_repo
            .entry(&r.repo)
            .or_default()
            .entry(&r.label)
            .or_default() += 1;
        let split = if sources
            .repos
            .iter()
            .any(|s| s.name == r.repo && s.heldout())
        {
            "heldout"
        } else {
            "train"
        };
        *per_split
            .entry(split)
            .or_default()
            .entry(&r.label)
            .or_default() += 1;
    }
    let repositories: Vec<serde_json::Value> = sources
        .repos
        .iter()
        .map(|s| {
            json!({
                "name": s.name,
                "commit": s.commit,
                "language": s.language,
                "family": s.family,
                "split": s.split,
                "records": per_repo.get(s.name.as_str()).cloned().unwrap_or_default(),
            })
        })
        .collect();
    json!({
        "model": args.model.display().to_string(),
        "model_bytes": size,
        "features": model.features.len(),
        "classes": CLASSES,
        "thresholds": CLASSES.iter().zip(thresholds).map(|(c, t)| (c.to_string(), *t)).collect::<BTreeMap<_, _>>(),
        "hyper_parameters": hyper,
        "cv_folds": args.folds,
        "target_precision": args.precision,
        "records": per_split,
        "repositories": repositories,
        "cross_validation": { "argmax": cv, "with_thresholds": cv_thresholded },
        "commits": {
            "note": "10-hex-digit prefixes of every commit used, per repository",
            "train": commit_ids(records, sources, false),
            "heldout": commit_ids(records, sources, true),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(class: usize, has_paths: bool) -> Example {
        Example {
            repo: "r".into(),
            family: "r".into(),
            class,
            features: Vec::new(),
            dropped: false,
            commit: "0".repeat(40),
            has_paths,
            copy: !has_paths,
        }
    }

    #[test]
    fn a_message_alone_keeps_the_words_and_drops_the_rest() {
        let r: Record = serde_json::from_str(
            r#"{"repo":"a/b","commit":"c","label":"bug-fix","prefix":"fix","title":"t","body":"b","paths":["src/x.rs"],"statuses":"M","additions":3,"deletions":1,"files_changed":1,"added_text":"x"}"#,
        )
        .unwrap();
        let alone = message_only(&r);
        assert_eq!((alone.title.as_str(), alone.body.as_str()), ("t", "b"));
        assert!(alone.paths.is_empty() && alone.statuses.is_empty());
        assert_eq!(
            (alone.additions, alone.deletions, alone.files_changed),
            (None, None, None)
        );
        assert!(alone.added_text.is_empty());
    }

    #[test]
    fn thresholds_for_messages_alone_are_chosen_on_their_own_answers() {
        // 40 answers for class 0 with paths, all right at 0.5; 40 without paths, right
        // only at 0.75 (half of them; those at 0.5 are wrong).
        let mut examples = Vec::new();
        let mut oof = Vec::new();
        for i in 0..40 {
            examples.push(example(0, true));
            oof.push(vec![0.5, 0.25]);
            let high = i % 2 == 0;
            examples.push(example(if high { 0 } else { 1 }, false));
            oof.push(if high {
                vec![0.75, 0.25]
            } else {
                vec![0.5, 0.25]
            });
        }
        let (with, alone) = choose_both(&examples, &oof, 0.9);
        assert_eq!(with[0], 0.5);
        assert_eq!(alone.expect("copies present")[0], 0.75);
        let only_whole: Vec<Example> = examples.iter().filter(|e| e.has_paths).cloned().collect();
        let only_oof: Vec<Vec<f32>> = examples
            .iter()
            .zip(&oof)
            .filter(|(e, _)| e.has_paths)
            .map(|(_, p)| p.clone())
            .collect();
        assert_eq!(choose_both(&only_whole, &only_oof, 0.9).1, None);
    }
}
