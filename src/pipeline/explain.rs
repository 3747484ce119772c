//! Explain (`evident explain ID`): why an item counts (its rules, statements and
//! initiative), or what a rule does.

use super::classify::{decisions, make_portfolio, rubric_and_rules};
use super::render::last_portfolio_path;
use super::stage_io::{parse_evidence, parse_portfolio, read_input};
use crate::classify::rules::{Rule, RuleSet};
use crate::classify::verdict;
use crate::config::Config;
use crate::config::rubric::Rubric;
use crate::env::Env;
use crate::error::{Error, Result};
use crate::model::Portfolio;
use crate::model::ids::{Lookup, lookup};
use crate::model::portfolio::{CountedWhy, Initiative, Item};
use chrono::{DateTime, Utc};
use std::fmt::Write;
use std::path::PathBuf;

/// What `evident explain` is asked about, as plain data.
#[derive(Debug, Clone, Default)]
pub struct ExplainOptions {
    /// An item id (or a unique prefix, or a commit SHA prefix), or a rule id.
    pub id: String,
    /// A portfolio, or evidence to classify now; else the last `run`'s portfolio.
    pub input: Option<PathBuf>,
    /// The notes file whose decisions apply to evidence classified now.
    pub notes: PathBuf,
    /// The store folder that holds the last `run`'s portfolio.
    pub store: Option<PathBuf>,
}

/// What `explain` found, and where it looked.
#[derive(Debug, Clone)]
pub struct Explained {
    pub text: String,
    /// Where the item was looked for (none for a rule).
    pub looked_in: Option<String>,
}

/// Why an item counts, or what a rule does, as text.
pub fn explain(config: &Config, env: &Env, args: &ExplainOptions) -> Result<Explained> {
    let (rubric, rules) = rubric_and_rules(config)?;
    if let Some(rule) = rules.get(&args.id) {
        return Ok(Explained {
            text: rule_text(rule),
            looked_in: None,
        });
    }
    if let Some(text) = builtin_step(&args.id, &rules) {
        return Ok(Explained {
            text,
            looked_in: None,
        });
    }
    let (portfolio, looked_in) = load(env, args, &rubric, &rules)?;
    // An initiative by its id, or by a prefix of it that names one only.
    let initiatives: Vec<&Initiative> = portfolio
        .initiatives
        .iter()
        .filter(|i| {
            i.id == args.id || (args.id.starts_with("initiative:") && i.id.starts_with(&args.id))
        })
        .collect();
    let exact = initiatives.iter().find(|i| i.id == args.id);
    if exact.is_none() && initiatives.len() > 1 {
        let ids: Vec<&str> = initiatives.iter().map(|i| i.id.as_str()).collect();
        return Err(Error::usage(format!(
            "`{}` matches more than one initiative: {}",
            args.id,
            ids.join(", ")
        ))
        .with_hint("give more of the id"));
    }
    if let Some(ini) = exact.or(initiatives.first().filter(|_| initiatives.len() == 1)) {
        return Ok(Explained {
            text: initiative_text(&portfolio, ini),
            looked_in: Some(looked_in),
        });
    }
    let item = find_item(&portfolio, &args.id, &looked_in)?;
    Ok(Explained {
        text: item_text(&portfolio, item, &rules, &rubric),
        looked_in: Some(looked_in),
    })
}

fn rule_text(rule: &Rule) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "rule {} ({})", rule.id, rule.origin);
    let _ = writeln!(out, "  signals: {}", rule.signals.join(", "));
    let _ = writeln!(out, "  reason:  {}", rule.reason);
    if let Some(ex) = &rule.example {
        let _ = writeln!(out, "  example: {ex}");
    }
    out
}

/// The one item `id` names: its id, a unique prefix of it, or a commit SHA prefix.
fn find_item<'a>(portfolio: &'a Portfolio, id: &str, looked_in: &str) -> Result<&'a Item> {
    let ids: Vec<String> = portfolio
        .items
        .iter()
        .map(|i| i.evidence.id.clone())
        .collect();
    let found = |wanted: &str| portfolio.items.iter().find(|i| i.evidence.id == wanted);
    match lookup(id, &ids) {
        Lookup::One(one) => found(one).ok_or_else(|| Error::usage(format!("no item `{id}`"))),
        Lookup::None(near) => {
            let hint = if near.is_empty() {
                "ids are in the portfolio's appendix and JSON (e.g. git:owner/repo:SHA); a unique prefix or a commit SHA prefix is enough; --input FILE looks in another portfolio or evidence file".to_string()
            } else {
                format!(
                    "the nearest ids: {}; --input FILE looks in another portfolio or evidence file",
                    near.join(", ")
                )
            };
            Err(Error::usage(format!(
                "no item or rule with id `{id}` (looked in {looked_in})"
            ))
            .with_hint(hint))
        }
        Lookup::Many(many) => Err(Error::usage(format!(
            "`{id}` matches more than one item: {}",
            many.join(", ")
        ))
        .with_hint("give more of the id")),
    }
}

/// Why items were grouped as one initiative, and what each of them is.
fn initiative_text(portfolio: &Portfolio, ini: &Initiative) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}  {}", ini.id, ini.name);
    let _ = writeln!(out, "  grouped: {}", ini.reason);
    let day =
        |t: Option<DateTime<Utc>>| t.map_or("?".to_string(), |t| t.format("%Y-%m-%d").to_string());
    let _ = writeln!(
        out,
        "  {} to {}, in {}; +{} -{} lines{}",
        day(ini.start),
        day(ini.end),
        ini.repos.join(", "),
        ini.additions,
        ini.deletions,
        ini.share
            .map(|s| format!(", your share {:.0}%", s * 100.0))
            .unwrap_or_default()
    );
    if !ini.signals.is_empty() {
        let _ = writeln!(out, "  signals: {}", ini.signals.join(", "));
    }
    let _ = writeln!(out, "  items ({}):", ini.items.len());
    for id in &ini.items {
        let title = portfolio
            .items
            .iter()
            .find(|i| &i.evidence.id == id)
            .map_or("", |i| i.evidence.title.as_str());
        let _ = writeln!(out, "    {id}  {title}");
    }
    out
}

/// Why an item counts: what it is, the rules that fired, the statements it supports and
/// its initiative.
fn item_text(portfolio: &Portfolio, item: &Item, rules: &RuleSet, rubric: &Rubric) -> String {
    let e = &item.evidence;
    let mut out = String::new();
    let _ = writeln!(out, "{}  {}", e.id, e.title);
    let _ = writeln!(
        out,
        "  kind: {}{}",
        e.kind,
        if e.repo.is_empty() {
            String::new()
        } else {
            format!(" in {}", e.repo)
        }
    );
    if let Some(t) = e.timestamp {
        let _ = writeln!(out, "  date: {}", t.format("%Y-%m-%d %H:%M UTC"));
    }
    if let (Some(author), Some(original)) = (e.copies_work_of(), e.meta_str("copy_of")) {
        let _ = writeln!(
            out,
            "  a copy of {author}'s commit {original} (`cherry picked from`): their work, weighing half, and no work you led or wrote yourself"
        );
    }
    if let Some(url) = &e.url {
        let _ = writeln!(out, "  link: {url}");
    }
    if e.additions.is_some() {
        let _ = writeln!(
            out,
            "  size: +{} -{} in {} files",
            e.additions.unwrap_or(0),
            e.deletions.unwrap_or(0),
            e.files_changed.unwrap_or(0)
        );
    }
    if item.matches.is_empty() {
        let _ = writeln!(
            out,
            "  no rule fired: the item has no signal and supports no statement"
        );
    } else {
        let _ = writeln!(out, "  signals: {}", item.signals.join(", "));
        let _ = writeln!(out, "  rules that fired:");
        for m in &item.matches {
            let origin = rules
                .get(&m.rule)
                .map(|r| r.origin.clone())
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "    {} -> {}: {}{}",
                m.rule,
                if m.signals.is_empty() {
                    "none".to_string()
                } else {
                    m.signals.join(", ")
                },
                m.reason,
                if origin.is_empty() {
                    String::new()
                } else {
                    format!("  [{origin}]")
                }
            );
            if !m.features.is_empty() {
                let _ = writeln!(
                    out,
                    "      features that decided it (weight for its answer):"
                );
                for f in &m.features {
                    let _ = writeln!(out, "        {:+.2}  {}", f.weight, f.name);
                }
            }
        }
    }
    let _ = writeln!(out, "  {}", primary_line(item));
    if let Some(why) = &item.mechanical {
        let _ = writeln!(
            out,
            "  mechanical ({why}): listed after every item that is not, and its lines add to no piece of work"
        );
    }
    if let Some(other) = &item.counted_with {
        let other_item = portfolio.items.iter().find(|i| &i.evidence.id == other);
        let title = other_item
            .map(|i| format!(" \"{}\"", i.evidence.title))
            .unwrap_or_default();
        let why = match item.counted_why {
            Some(CountedWhy::Undone) => {
                format!("undone by {other}{title}, so it supports no statement")
            }
            Some(CountedWhy::RevertedByOther) => {
                let by = item
                    .evidence
                    .meta_str("reverted_by_author")
                    .unwrap_or("another author");
                let on = item
                    .evidence
                    .meta_str("reverted_at")
                    .and_then(|t| t.get(..10))
                    .map(|d| format!(" on {d}"))
                    .unwrap_or_default();
                format!(
                    "reverted by {by}{on} ({other}), within {} days of landing: it did not ship, so it supports no statement",
                    crate::model::refs::REVERT_DAYS
                )
            }
            Some(CountedWhy::Undoes) => {
                format!("undoes the person's work {other}{title}: neither supports a statement")
            }
            Some(CountedWhy::Recurring) => format!(
                "one of {} items with this title: a recurring task, counted once with the first, {other}, so it supports no statement of its own",
                1 + portfolio
                    .items
                    .iter()
                    .filter(|i| i.counted_with.as_deref() == Some(other.as_str())
                        && i.counted_why == Some(CountedWhy::Recurring))
                    .count()
            ),
            Some(why) => format!(
                "counted with {other}{title}, {}: one piece of work with it, so it supports no statement of its own",
                why.phrase()
            ),
            None => format!(
                "counted with {other}{title}: one piece of work with it, so it supports no statement of its own"
            ),
        };
        // Folded into an item that supports nothing either: attrs' seventeen "update
        // dev" were counted with a first one the model never counts, and so counted nowhere.
        let first_counts_for_nothing = other_item.is_some_and(|o| o.statements.is_empty());
        let nothing = if first_counts_for_nothing
            && item.counted_why != Some(CountedWhy::Undone)
            && item.counted_why != Some(CountedWhy::Undoes)
        {
            format!(" ({other} itself supports no statement either)")
        } else {
            String::new()
        };
        let _ = writeln!(out, "  {why}{nothing}");
    } else if item.statements.is_empty() && !item.signals.is_empty() {
        let _ = writeln!(
            out,
            "  evidence for no statement: {}",
            why_no_statement(item, rubric)
        );
    }
    if !item.statements.is_empty() {
        let _ = writeln!(out, "  evidence for:");
        for s in &item.statements {
            let text = portfolio
                .areas
                .iter()
                .flat_map(|a| &a.statements)
                .find(|st| &st.id == s)
                .map(|st| st.text.clone())
                .unwrap_or_default();
            let _ = writeln!(out, "    {s}: {text}");
        }
    }
    for ini in portfolio
        .initiatives
        .iter()
        .filter(|i| i.items.contains(&e.id))
    {
        let _ = writeln!(
            out,
            "  part of initiative \"{}\" ({}): {}",
            ini.name, ini.id, ini.reason
        );
    }
    out
}

/// Why an item with signals supports no statement: no statement takes them, or those that
/// do take other kinds of item, larger changes, or the person's own work only
/// ([`verdict::refusal`], the rule the verdict applies).
fn why_no_statement(item: &Item, rubric: &Rubric) -> String {
    let signals = item.signals.join(", ");
    let takers: Vec<String> = rubric
        .area
        .iter()
        .flat_map(|a| a.statement.iter().map(move |s| (a, s.get_ref())))
        .filter(|(_, s)| s.signals.iter().any(|x| item.signals.contains(x)))
        .filter_map(|(a, s)| {
            verdict::refusal(s, item).map(|why| format!("{}/{} {why}", a.id, s.id))
        })
        .collect();
    if takers.is_empty() {
        format!("its signals ({signals}) are evidence for no statement of this rubric")
    } else {
        format!(
            "its signals ({signals}) are taken by statements that do not take this item: {}",
            takers.join("; ")
        )
    }
}

/// The primary signal and whether it counts: "likely X" when it is the model's best guess.
fn primary_line(item: &crate::model::portfolio::Item) -> String {
    use crate::model::portfolio::{BULK, UNCLASSIFIED};
    if item.primary == BULK {
        return "primary: bulk (a bulk mechanical change: listed, counted for no statement)"
            .to_string();
    }
    if item.counted {
        return format!(
            "primary: {} (confidence {:.2}, counted)",
            item.primary, item.confidence
        );
    }
    if item.primary == UNCLASSIFIED {
        return "primary: unclassified (nothing to guess from; not counted)".to_string();
    }
    let below = match item.counts_from {
        Some(_) if item.never_counted() => format!(
            "the model never counts {} (no threshold reaches precision 0.9)",
            item.primary
        ),
        Some(t) => format!("below the {t:.2} its class needs"),
        None => "below the confidence its class needs".to_string(),
    };
    // Its kind does not count; a signal of another rule (a step of an initiative, a
    // review trailer) still may.
    let so = if item.signals.is_empty() {
        "so it is evidence for no statement"
    } else {
        "so its kind of work is evidence for no statement"
    };
    format!(
        "primary: unclassified, likely {} ({:.2}): {below}, {so} (`evident relabel` places it)",
        item.primary, item.confidence
    )
}

/// What the two steps that are not rules in the rules file do: the title's label and
/// the learned model.
fn builtin_step(id: &str, rules: &crate::classify::rules::RuleSet) -> Option<String> {
    use crate::classify::initiatives::{INCREMENTAL, MIN_STEPS, STEPS_RULE};
    use crate::classify::{MODEL_RULE, TITLE_LABEL_RULE};
    let mut out = String::new();
    if id == TITLE_LABEL_RULE {
        let _ = writeln!(
            out,
            "rule {TITLE_LABEL_RULE} (built in: src/classify/conventions.rs)"
        );
        let _ = writeln!(out, "  signals: the one the title's label states");
        let _ = writeln!(
            out,
            "  reason:  the project labels the kind of the change in its title: conventional commits read with their scope (feat(test) is testing, fix(deps) build, docs(...) documentation), ENH:/BUG:/TST:-style prefixes, [Fix]-style tags, gitmoji"
        );
        let _ = writeln!(out, "  example: feat(api): add pagination -> feature");
        return Some(out);
    }
    if id == STEPS_RULE {
        let _ = writeln!(
            out,
            "rule {STEPS_RULE} (built in: src/classify/initiatives.rs; docs/portfolio.md)"
        );
        let _ = writeln!(out, "  signals: {INCREMENTAL}");
        let _ = writeln!(
            out,
            "  reason:  one of at least {MIN_STEPS} pieces of the person's own work landed separately (a pull request, a change reviewed on its own page, commits pushed together) that name the same issue or ticket; one item a piece (the pull request, else its largest commit), whatever its kind of work"
        );
        let _ = writeln!(
            out,
            "  example: 3 Gerrit changes naming golang/go#71859 (For golang/go#71859) -> incremental on each"
        );
        return Some(out);
    }
    if id == MODEL_RULE {
        let _ = writeln!(out, "rule {MODEL_RULE} (built in: docs/classifier.md)");
        match &rules.model {
            Some(m) => {
                let _ = writeln!(
                    out,
                    "  source:  {} ({} features)",
                    m.source,
                    m.features.len()
                );
                let shown = |t: f32| {
                    if t >= 1.0 {
                        "never counted".to_string()
                    } else {
                        format!("{t:.2}")
                    }
                };
                match &m.thresholds_without_paths {
                    Some(alone) => {
                        let _ = writeln!(
                            out,
                            "  classes and thresholds (with paths; without: an issue, a message alone):"
                        );
                        for ((c, t), a) in m.classes.iter().zip(&m.thresholds).zip(alone) {
                            let _ = writeln!(out, "    {c:14} {:14} {}", shown(*t), shown(*a));
                        }
                    }
                    None => {
                        let _ = writeln!(out, "  classes and thresholds:");
                        for (c, t) in m.classes.iter().zip(&m.thresholds) {
                            let _ = writeln!(out, "    {c:14} {}", shown(*t));
                        }
                    }
                }
                let _ = writeln!(
                    out,
                    "  never counted: no threshold reaches precision 0.9 in cross-validation"
                );
            }
            None => {
                let _ = writeln!(out, "  no model loaded");
            }
        }
        let _ = writeln!(
            out,
            "  reason:  where no label or rule states the kind of work, a linear model over the words of the title and body, the paths touched and the shape of the diff gives it; the answer counts toward the rubric when its probability clears the class's threshold (chosen in cross-validation for precision 0.9), else it is shown as the item's best guess and the item is unclassified for the rubric"
        );
        return Some(out);
    }
    None
}

/// The portfolio to look in: `--input` (a portfolio, or evidence to classify now), else
/// the last `run`'s; and where that is, said.
fn load(
    env: &Env,
    args: &ExplainOptions,
    rubric: &Rubric,
    rules: &RuleSet,
) -> Result<(Portfolio, String)> {
    let (path, last) = match &args.input {
        Some(p) => (p.clone(), false),
        None => {
            let stored = args.store.as_deref().map(last_portfolio_path);
            match stored.as_ref().filter(|p| p.is_file()) {
                Some(p) => (p.clone(), true),
                None => {
                    let where_ = stored
                        .map(|p| format!(" (the last run's portfolio would be {})", p.display()))
                        .unwrap_or_default();
                    return Err(Error::usage(format!("no portfolio to look in{where_}"))
                        .with_hint("run `evident run` first, or pass --input portfolio.json (or evidence.json)"));
                }
            }
        }
    };
    let portfolio = read_portfolio(env, args, rubric, rules, &path)?;
    let name = path.display().to_string();
    let looked_in = if last {
        format!(
            "the last run's portfolio, {name}, made {}",
            portfolio.generated_at.format("%Y-%m-%d %H:%M UTC")
        )
    } else {
        name
    };
    Ok((portfolio, looked_in))
}

fn read_portfolio(
    env: &Env,
    args: &ExplainOptions,
    rubric: &Rubric,
    rules: &RuleSet,
    path: &std::path::Path,
) -> Result<Portfolio> {
    let name = path.display().to_string();
    let text = read_input("portfolio", path)?;
    let is_portfolio =
        serde_json::from_str::<serde_json::Value>(&text).is_ok_and(|v| v.get("areas").is_some());
    if is_portfolio {
        parse_portfolio(&name, &text)
    } else {
        Ok(make_portfolio(
            parse_evidence(&name, &text)?,
            rubric,
            rules,
            env.now,
            &decisions(&args.notes, rubric)?,
        ))
    }
}
