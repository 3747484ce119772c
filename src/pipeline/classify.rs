//! Classify: the rubric and rules in use, the person's decisions, and evidence turned
//! into a portfolio.

use crate::classify::rules::RuleSet;
use crate::config::rubric::{BUILTIN_RUBRIC, BUILTIN_RUBRIC_NAME, Rubric};
use crate::config::{Config, read_text};
use crate::error::Result;
use crate::model::{Decisions, EvidenceFile, Portfolio};
use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};

/// `--rubric` and `--rules` of a command line, as plain data.
#[derive(Debug, Clone, Default)]
pub struct RulesOptions {
    pub rubric: Option<PathBuf>,
    pub rules: Vec<PathBuf>,
}

/// The rubric at `path`, or the built-in one.
pub fn load_rubric(path: Option<&Path>) -> Result<Rubric> {
    match path {
        Some(path) => Rubric::parse(&path.display().to_string(), &read_text("rubric", path)?),
        None => Rubric::parse(BUILTIN_RUBRIC_NAME, BUILTIN_RUBRIC),
    }
}

/// The built-in rules and the rules files, checked against the rubric's vocabulary.
pub fn load_rules<'a>(
    paths: impl IntoIterator<Item = &'a PathBuf>,
    rubric: &Rubric,
) -> Result<RuleSet> {
    let mut files = Vec::new();
    for path in paths {
        files.push((path.display().to_string(), read_text("rules file", path)?));
    }
    RuleSet::load(&files, &rubric.vocabulary())
}

/// The rubric in use: `--rubric`, the config's, or the built-in one. Commands that do not
/// classify (`collect`, `note`) need it alone, without the rules: compiling the rules'
/// patterns and parsing the model was a sixth of a short `collect`.
pub fn rubric(config: &Config, opts: &RulesOptions) -> Result<Rubric> {
    load_rubric(opts.rubric.as_deref().or(config.rubric.as_deref()))
}

/// The rubric (`--rubric`, config, or built-in) and the rules (built-in, config files,
/// then `--rules` files).
pub fn rubric_and_rules(config: &Config, opts: &RulesOptions) -> Result<(Rubric, RuleSet)> {
    let rubric = rubric(config, opts)?;
    let paths = config.rules.iter().flatten().chain(opts.rules.iter());
    let rules = load_rules(paths, &rubric)?;
    Ok((rubric, rules))
}

/// The person's decisions (exclusions, relabellings) from the notes file at `notes`.
pub fn decisions(notes: &Path, rubric: &Rubric) -> Result<Decisions> {
    let file = crate::notes::load(notes, &rubric.vocabulary())?;
    Ok(file.decisions(&notes.display().to_string()))
}

/// Classifies collected evidence into a portfolio, the person's decisions applied last.
pub fn make_portfolio(
    file: EvidenceFile,
    rubric: &Rubric,
    rules: &RuleSet,
    now: DateTime<Utc>,
    decisions: &Decisions,
) -> Portfolio {
    let vocabulary = rubric.vocabulary();
    let items = crate::classify::classify_all(rules, &vocabulary, file.evidence, decisions);
    let collection = file.collection.unwrap_or_default();
    crate::classify::build_portfolio(items, rubric, collection, now)
}
