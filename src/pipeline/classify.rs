//! Classify: the rubric and rules in use, the person's decisions, and evidence turned
//! into a portfolio.

use crate::classify::rules::RuleSet;
use crate::config::rubric::{BUILTIN_RUBRIC, BUILTIN_RUBRIC_NAME, Rubric};
use crate::config::{Config, read_text};
use crate::error::Result;
use crate::model::unseen::{plural, short_list};
use crate::model::{Decisions, Evidence, EvidenceFile, Portfolio, Unseen, UnseenKind};
use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};

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

/// The rubric in use: the `rubric` setting, else the built-in one. Commands that do not
/// classify (`collect`, `note`) need it alone, without the rules: compiling the rules'
/// patterns and parsing the model was a sixth of a short `collect`.
pub fn rubric(config: &Config) -> Result<Rubric> {
    load_rubric(config.rubric.as_deref())
}

/// The rubric (the `rubric` setting, else built in) and the rules (built in, then the
/// `rules` setting's files: the configured ones, then `--rules`).
pub fn rubric_and_rules(config: &Config) -> Result<(Rubric, RuleSet)> {
    let rubric = rubric(config)?;
    let rules = load_rules(config.rules.iter().flatten(), &rubric)?;
    Ok((rubric, rules))
}

/// The person's decisions (exclusions, relabellings) from the notes file at `notes`.
pub fn decisions(notes: &Path, rubric: &Rubric) -> Result<Decisions> {
    let file = crate::notes::load(notes, &rubric.vocabulary())?;
    Ok(file.decisions(&notes.display().to_string()))
}

/// Items given more than once under one id (evidence from stores or shards that
/// overlap): classification keeps the first of each, and the portfolio says so.
fn repeated_ids(evidence: &[Evidence]) -> Option<Unseen> {
    let mut seen = std::collections::HashSet::new();
    let repeated: Vec<String> = evidence
        .iter()
        .filter(|e| !seen.insert(e.id.as_str()))
        .map(|e| e.id.clone())
        .collect();
    if repeated.is_empty() {
        return None;
    }
    let n = repeated.len();
    let message = format!(
        "{} given more than once under one id ({}): each is counted once, from its first record",
        plural(n, "item was", "items were"),
        short_list(&repeated, n, 3)
    );
    Some(Unseen::new("evidence", UnseenKind::DuplicateIds, message).with_ids(repeated))
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
    let mut collection = file.collection.unwrap_or_default();
    if let Some(u) = repeated_ids(&file.evidence) {
        collection.add_unseen(u);
    }
    let items = crate::classify::classify_all(rules, &vocabulary, file.evidence, decisions);
    crate::classify::build_portfolio(items, rubric, collection, now)
}
