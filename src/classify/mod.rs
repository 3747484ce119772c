//! Where items are judged: rules give each item signals; the rubric turns signals into
//! evidence for competency statements; the portfolio gathers it, strongest first.

pub mod bulk;
pub mod conventions;
pub mod features;
pub mod initiatives;
pub mod model;
pub mod review;
pub mod rules;
pub mod sources;
pub mod verdict;

use crate::config::rubric::Rubric;
use crate::model::decisions::Decisions;
use crate::model::evidence::Collection;
use crate::model::portfolio::*;
use crate::model::{Evidence, Kind};
use chrono::{DateTime, Utc};
use rules::{Facts, RuleSet};

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// The kinds of work the learned model chooses between, and a title's label states.
pub const KINDS_OF_WORK: &[&str] = &[
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

/// Rule id of the title's own label (`feat(api):`, `ENH:`, `✨`), for `explain`.
pub const TITLE_LABEL_RULE: &str = "title-label";
/// Rule id of the learned model's answer, for `explain`.
pub const MODEL_RULE: &str = "model";

/// Classifies one item: the label its title states, then every rule that fires, in
/// order, until a `final` rule; where none of those states the kind of work, the model.
pub fn classify_item(rules: &RuleSet, vocabulary: &[String], mut evidence: Evidence) -> Item {
    // A bulk mechanical change is marked, and is no evidence of impact: no signals, so
    // no statement or category; weight 0. It still counts in the totals.
    if let Some(kind) = bulk::detect(&evidence) {
        let reason =
            format!("bulk mechanical change ({kind}): kept in the totals, not counted as impact");
        evidence.meta.insert("bulk".into(), serde_json::json!(kind));
        return Item {
            evidence,
            signals: Vec::new(),
            primary: BULK.to_string(),
            confidence: 1.0,
            counted: false,
            counts_from: None,
            matches: vec![RuleMatch {
                rule: bulk::BULK_RULE.into(),
                reason,
                signals: Vec::new(),
                features: Vec::new(),
            }],
            statements: Vec::new(),
            weight: 0.0,
            counted_with: None,
            counted_why: None,
            mechanical: None,
        };
    }
    let facts = Facts::new(&evidence);
    let mut matches = Vec::new();
    // A note carries the signals its author gave it.
    if let Some(given) = evidence.meta.get("signals").and_then(|v| v.as_array()) {
        let given: Vec<String> = given
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect();
        if evidence.kind == Kind::Note && !given.is_empty() {
            matches.push(RuleMatch {
                rule: "note-signals".into(),
                reason: "the signals you gave the note".into(),
                signals: given,
                features: Vec::new(),
            });
        }
    }
    if matches!(evidence.kind, Kind::Commit | Kind::PullRequest)
        && let Some(label) = title_label(facts.title())
    {
        matches.push(label);
    }
    for rule in &rules.rules {
        if rule.fires(&facts) {
            // A rule on a review's comments names the comment and the cue that decided.
            let reason = match rule.detail(&facts) {
                Some(detail) => format!("{}; {detail}", rule.reason),
                None => rule.reason.clone(),
            };
            matches.push(RuleMatch {
                rule: rule.id.clone(),
                reason,
                signals: rule.signals.clone(),
                features: Vec::new(),
            });
            if rule.is_final {
                break;
            }
        }
    }
    drop(facts);
    let primary = decide_primary(rules, &evidence, &mut matches);
    let fired: BTreeSet<&str> = matches
        .iter()
        .flat_map(|m| m.signals.iter().map(String::as_str))
        .collect();
    let signals = vocabulary
        .iter()
        .filter(|s| fired.contains(s.as_str()))
        .cloned()
        .collect();
    let weight = weight(&evidence);
    Item {
        evidence,
        signals,
        primary: primary.signal,
        confidence: primary.confidence,
        counted: primary.counted,
        counts_from: primary.counts_from,
        matches,
        statements: Vec::new(),
        weight,
        counted_with: None,
        counted_why: None,
        mechanical: None,
    }
}

/// Signals that say how a change was made or what it did, not what kind of work it is:
/// an item's primary only when nothing else is said of it. A co-author; a pipeline made
/// to pass again (`pipeline-fix`), whose kind is the CI change or the fix it took.
const HOW_WORK_WAS_DONE: &[&str] = &["collaboration", "pipeline-fix"];

/// The item's primary signal, its confidence, and whether it counts toward the rubric.
///
/// In order: the kind of work a label or rule states (certain, counted); the model's
/// answer when it clears its class's threshold (chosen in cross-validation for precision
/// 0.9; counted); another signal a rule gives that says what the work is (certain,
/// counted); the model's best guess below its threshold (shown, not counted), also when
/// the rules said only how the work was done ([`HOW_WORK_WAS_DONE`]: a co-author); that
/// signal when nothing was guessed (a note); else `unclassified`. The model's match is added to `matches`
/// whenever it was asked, with its signal only when it counts.
fn decide_primary(rules: &RuleSet, evidence: &Evidence, matches: &mut Vec<RuleMatch>) -> Primary {
    let certain = |signal: String| Primary {
        signal,
        confidence: 1.0,
        counted: true,
        counts_from: None,
    };
    let stated = matches
        .iter()
        .flat_map(|m| &m.signals)
        .find(|s| KINDS_OF_WORK.contains(&s.as_str()))
        .cloned();
    if let Some(kind) = stated {
        return certain(kind);
    }
    let mut guess = None;
    if let Some(model) = &rules.model
        && matches!(
            evidence.kind,
            Kind::Commit | Kind::PullRequest | Kind::Issue
        )
    {
        let removal = matches.iter().any(|m| m.rule == REMOVAL_RULE);
        let answer = ask_model(
            model,
            evidence,
            matches.iter().any(|m| !m.signals.is_empty()),
            removal,
        );
        matches.push(answer.rule_match);
        let from_model = Primary {
            signal: answer.class,
            confidence: answer.probability,
            counted: answer.counted,
            counts_from: Some(answer.threshold),
        };
        if from_model.counted {
            return from_model;
        }
        guess = Some(from_model);
    }
    // What the work is before how it was done: a CVE fix with a co-author is a security
    // fix (jq's 0c7d133c had read as "collaboration").
    let signals = || matches.iter().flat_map(|m| &m.signals);
    if let Some(signal) = signals().find(|s| !HOW_WORK_WAS_DONE.contains(&s.as_str())) {
        return certain(signal.clone());
    }
    // Only how it was done (a co-author): the model's guess says what the work likely is,
    // not counted; the co-authorship still counts as its own signal.
    if let Some(g) = guess {
        return g;
    }
    if let Some(signal) = signals().next() {
        return certain(signal.clone());
    }
    Primary {
        signal: UNCLASSIFIED.to_string(),
        confidence: 0.0,
        counted: false,
        counts_from: None,
    }
}

/// An item's main kind of work, as [`Item`] holds it.
struct Primary {
    signal: String,
    confidence: f64,
    counted: bool,
    /// The model's threshold for its answer, when the answer is the model's.
    counts_from: Option<f64>,
}

/// The label the title states by its project's convention, read with its scope.
fn title_label(title: &str) -> Option<RuleMatch> {
    let prefix = conventions::read(title)?;
    let label = prefix.label.clone()?;
    Some(RuleMatch {
        rule: TITLE_LABEL_RULE.into(),
        reason: prefix.reason(),
        signals: vec![label],
        features: Vec::new(),
    })
}

/// How many of the features that decided an answer `explain` and the JSON show.
const FEATURES_SHOWN: usize = 8;

/// What the model said of an item.
struct ModelAnswer {
    class: String,
    probability: f64,
    /// Whether the probability clears the class's threshold, so the answer counts.
    counted: bool,
    /// That threshold, rounded to two places (1 or more: the class never counts).
    threshold: f64,
    /// The match that says why: the features that decided, the threshold.
    rule_match: RuleMatch,
}

/// The rule that reads a title saying the change removes code ("drop support for",
/// "remove unused …"); `tech-debt-body`, a description that only names technical debt,
/// says nothing of what the change does.
const REMOVAL_RULE: &str = "tech-debt-words";

/// The model's answer: its best class with the probability, counted when it clears the
/// class's threshold, and the match that says why (or why it is only a guess).
/// `other_signals`: whether a rule gave the item another signal (which then is primary).
/// `removal`: whether a rule says the change removes code; then a feature is not counted
/// (curl's "TLS: drop support for TLS-SRP", +133 −932, had been "a feature of 1044
/// lines" its maintainer led, on the words "support" and "Closes #N").
fn ask_model(
    model: &model::Model,
    e: &Evidence,
    other_signals: bool,
    removal: bool,
) -> ModelAnswer {
    let p = model.predict(&features::Input {
        additions: e.additions,
        deletions: e.deletions,
        files_changed: e.files_changed,
        ..features::Input::new(&e.title, &e.body, &e.paths)
    });
    let (class, probability) = p.top();
    // Down, so a probability just below its threshold never reads as the threshold.
    let probability = (f64::from(probability) * 1000.0).floor() / 1000.0;
    let features = p
        .contributions
        .iter()
        .take(FEATURES_SHOWN)
        .map(|(name, w)| FeatureWeight {
            name: name.clone(),
            weight: round2(f64::from(*w)),
        })
        .collect();
    let threshold = if p.threshold >= 1.0 {
        format!("{class} is never counted from the model: no threshold reaches precision 0.9")
    } else {
        format!("its threshold for {class} is {:.2}", p.threshold)
    };
    let removes = removal && p.confident && class == "feature";
    let confident = p.confident && !removes;
    let (reason, signals) = if removes {
        (
            format!(
                "the learned model: {class} with probability {probability:.3} ({threshold}), not counted: a rule says the change removes code, and a removal is no feature"
            ),
            Vec::new(),
        )
    } else if confident {
        (
            format!("the learned model: {class} with probability {probability:.3} ({threshold})"),
            vec![class.to_string()],
        )
    } else {
        let then = if other_signals {
            "not counted as a kind of work"
        } else {
            "shown as the best guess, not counted"
        };
        (
            format!(
                "the learned model's best guess, {class} with probability {probability:.3}, is below what counts ({threshold}): {then}"
            ),
            Vec::new(),
        )
    };
    ModelAnswer {
        class: class.to_string(),
        probability,
        counted: confident,
        threshold: (f64::from(p.threshold) * 1000.0).round() / 1000.0,
        rule_match: RuleMatch {
            rule: MODEL_RULE.into(),
            reason,
            signals,
            features,
        },
    }
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// How much an item weighs as evidence. Larger, more deliberate work weighs more; the
/// logarithm keeps one huge generated change from outweighing many careful ones. A
/// commit the person only co-authored (someone else is its author), or copied from
/// another's onto a branch (a backport), weighs half: it is their work too, but it
/// should not lead their portfolio ahead of their own.
fn weight(e: &Evidence) -> f64 {
    let whole = own_weight(e);
    if e.is_others_work() {
        (whole * 50.0).round() / 100.0
    } else {
        whole
    }
}

fn own_weight(e: &Evidence) -> f64 {
    let base = match e.kind {
        Kind::DesignDoc => 6.0,
        Kind::PullRequest => 4.0,
        Kind::Note => 3.0,
        Kind::Review => review_weight(e),
        Kind::Issue => 1.5,
        Kind::Commit => 1.0,
    };
    // Lines in lock, generated, vendored and snapshot files are a tool's, not the
    // person's: only the share of the files a person wrote counts towards size.
    let size = (1.0 + e.churn() as f64 * bulk::authored_share(e)).ln() * 0.5;
    // A review's length says nothing its comments do not (bot text is long too).
    let body = if e.kind != Kind::Review && e.body.len() > 200 {
        0.5
    } else {
        0.0
    };
    ((base + size + body) * 100.0).round() / 100.0
}

/// A review weighs by what its comments do: one with no substance (LGTM, thanks, nits
/// that say nothing) weighs least; each comment with substance adds, and a comment that
/// teaches adds again. Counts are capped so one very long review does not lead alone.
fn review_weight(e: &Evidence) -> f64 {
    let Some(judged) = review::judge_review(e) else {
        return 2.0;
    };
    let capped = |n: usize| n.min(10) as f64;
    if judged.substance() == 0 {
        1.0
    } else {
        2.0 + 0.3 * capped(judged.substance()) + 0.3 * capped(judged.teaching())
    }
}

/// Builds the portfolio from classified items: each item's statements (bounded), the
/// verdict per statement and area, what could not be seen, initiatives and categories
/// (see `verdict`).
pub fn build_portfolio(
    mut items: Vec<Item>,
    rubric: &Rubric,
    collection: Collection,
    generated_at: DateTime<Utc>,
) -> Portfolio {
    // Newest first; ties by id so output is stable.
    items.sort_by(|a, b| {
        b.evidence
            .timestamp
            .cmp(&a.evidence.timestamp)
            .then_with(|| a.evidence.id.cmp(&b.evidence.id))
    });
    verdict::mark_mechanical(&mut items);
    verdict::fold_design_doc_commits(&mut items);
    // Reverts first: a copy of a commit that was reverted is the work that shipped, not a
    // copy of the undone one (pip's "Warn on unexpected imports", pushed by mistake,
    // reverted, then landed through a pull request).
    verdict::fold_reverted_by_others(&mut items);
    verdict::fold_own_reverts(&mut items);
    verdict::fold_relanded_commits(&mut items);
    verdict::fold_changelog_entries(&mut items);
    verdict::fold_release_runs(&mut items);
    verdict::fold_recurring_titles(&mut items);
    verdict::fold_follow_ups(&mut items);
    // Initiatives first: the steps of one delivered in pieces are evidence themselves.
    let mut initiatives = initiatives::group(&items);
    let gerrit: std::collections::BTreeSet<String> = collection
        .sources
        .iter()
        .filter(|s| s.reviewed_on.is_some())
        .map(|s| s.name.clone())
        .collect();
    initiatives::mark_steps(&mut items, &mut initiatives, &gerrit);
    verdict::assign_statements(&mut items, rubric);
    let (areas, gaps, not_seen) = verdict::judge(&items, rubric, &collection);
    let seen = sources::Seen::of(&collection, &items);
    // Each item's piece of work (its initiative), the unit a category of initiatives is
    // listed by.
    let by_id: HashMap<&str, &Item> = items.iter().map(|i| (i.evidence.id.as_str(), i)).collect();
    let piece_of: HashMap<&str, &Initiative> = initiatives
        .iter()
        .flat_map(|ini| ini.items.iter().map(move |id| (id.as_str(), ini)))
        .collect();
    let categories = rubric
        .category
        .iter()
        .map(|c| {
            let matching: Vec<usize> = items
                .iter()
                .enumerate()
                .filter(|(_, it)| {
                    it.counted_with.is_none()
                        && c.counts_kind(it.evidence.kind)
                        && it.signals.iter().any(|s| c.signals.contains(s))
                        // Work the person led: not only co-authored or copied, nor on another's pull request.
                        && (!c.initiatives || it.evidence.leads_its_piece())
                })
                .map(|(i, _)| i)
                .collect();
            let (listed, smaller) = if c.initiatives {
                initiatives_for(&initiatives, &items, &c.signals, c.min_lines)
            } else {
                (Vec::new(), 0)
            };
            // Best guesses of the category's kind that do not count: "Nothing yet" would
            // hide them (ripgrep's maintainer's new indexing crate, guessed feature at 0.74).
            // Measured as the category measures what it lists, the guess counted among the
            // person's own items of its kind in its piece of work (caddy: "5 items look like
            // feature" here, "3 more" for shipping end to end, "8 feature" in the summary,
            // with no word of why).
            let big_enough = |it: &Item| {
                c.min_lines.is_none_or(|min| {
                    let mut led: Vec<&Item> = piece_of
                        .get(it.evidence.id.as_str())
                        .map(|ini| led_items(ini, &by_id, &c.signals))
                        .unwrap_or_default();
                    if !led.iter().any(|o| o.evidence.id == it.evidence.id) {
                        led.push(it);
                    }
                    written_once(&led) >= min as f64
                })
            };
            let unsure = verdict::unsure_of(&items, &c.signals, |it| {
                c.counts_kind(it.evidence.kind)
                    && (!c.initiatives || it.evidence.leads_its_piece())
                    && big_enough(it)
            });
            let mut unsure = verdict::unsure_note(&unsure, false).trim().to_string();
            if !unsure.is_empty() && c.initiatives {
                let bar = match c.min_lines {
                    Some(min) => format!(
                        " Only pieces of work of {min} lines or more written, and not work only co-authored, are listed here."
                    ),
                    None => " Work only co-authored is not listed here.".to_string(),
                };
                unsure.push_str(&bar);
            }
            if smaller > 0 {
                let kind = c.signals.first().map_or("feature", String::as_str);
                let min = c.min_lines.unwrap_or_default();
                let note = if smaller == 1 {
                    format!("1 smaller {kind} you led, under {min} lines written, is not listed.")
                } else {
                    format!("{smaller} smaller {kind}s you led, each under {min} lines written, are not listed.")
                };
                unsure = format!("{unsure} {note}").trim().to_string();
            }
            // A led feature under the floor is no "piece without a counted feature".
            if c.initiatives && listed.is_empty() && smaller == 0 {
                let kind = c.signals.first().map_or("feature", String::as_str);
                let grouped = grouped_note(&initiatives, &items, kind);
                if !grouped.is_empty() {
                    unsure = format!("{unsure} {grouped}").trim().to_string();
                }
            }
            let kinds = c.evidence_kinds();
            let measured = !matching.is_empty() || seen.measures(&kinds, &c.signals);
            let measure = if measured {
                String::new()
            } else {
                let signal = c.signals.first().map_or("", String::as_str);
                sources::how_to_measure(&kinds, signal, &seen)
            };
            CategoryReport {
                id: c.id.clone(),
                title: c.title.clone(),
                count: matching.len(),
                evidence: verdict::strongest_first(&items, matching),
                initiatives: listed,
                groups: c.initiatives,
                measured,
                measure,
                unsure,
            }
        })
        .collect();
    let totals = totals(&items, &collection);
    Portfolio {
        schema: PORTFOLIO_SCHEMA,
        generated_at,
        collection,
        rubric: RubricInfo {
            name: rubric.name.clone(),
            source: rubric.source.clone(),
            summary: rubric.summary.clone(),
        },
        totals,
        areas,
        categories,
        gaps,
        not_seen,
        initiatives,
        items,
    }
}

/// Initiatives with any of the signals that the person led (one of their own items, not
/// only co-authored, carries one of the signals), heaviest first (their items' weights
/// summed).
/// The initiatives a category of initiatives lists, largest first, and how many more the
/// person led that are smaller than the category's `min_lines`.
fn initiatives_for(
    initiatives: &[Initiative],
    items: &[Item],
    signals: &[String],
    min_lines: Option<u64>,
) -> (Vec<String>, usize) {
    let by_id: HashMap<&str, &Item> = items.iter().map(|i| (i.evidence.id.as_str(), i)).collect();
    let (mut big, mut small) = (Vec::new(), 0);
    for i in initiatives
        .iter()
        .filter(|i| i.signals.iter().any(|s| signals.contains(s)))
    {
        let led = led_items(i, &by_id, signals);
        if led.is_empty() {
            continue;
        }
        if min_lines.is_none_or(|min| written_once(&led) >= min as f64) {
            big.push(i);
        } else {
            small += 1;
        }
    }
    let listed = largest_first(big.into_iter(), &by_id)
        .into_iter()
        .map(|i| i.id.clone())
        .collect();
    (listed, small)
}

/// An initiative's items of one of `signals` that the person led. Work they only
/// co-authored (a maintainer's suggestions squashed into someone else's pull request) is
/// theirs in part, but not work they led.
fn led_items<'a>(
    initiative: &Initiative,
    by_id: &HashMap<&str, &'a Item>,
    signals: &[String],
) -> Vec<&'a Item> {
    initiative
        .items
        .iter()
        .filter_map(|id| by_id.get(id.as_str()).copied())
        .filter(|it| {
            it.evidence.leads_its_piece() && it.signals.iter().any(|s| signals.contains(s))
        })
        .collect()
}

/// The lines the person wrote in some items, a pull request's counted once: a GitHub
/// pull request and its local commits are both items, so each pull request gives the
/// larger of its own lines and its commits' together.
fn written_once(items: &[&Item]) -> f64 {
    let mut by_pull_request: HashMap<String, (f64, f64)> = HashMap::new();
    let mut alone = 0.0;
    for it in items {
        let lines = initiatives::lines(it);
        match initiatives::pull_request_of(it) {
            Some(pr) => {
                let entry = by_pull_request.entry(pr).or_default();
                if it.evidence.kind == Kind::PullRequest {
                    entry.0 = f64::max(entry.0, lines);
                } else {
                    entry.1 += lines;
                }
            }
            None => alone += lines,
        }
    }
    alone
        + by_pull_request
            .values()
            .map(|(pr, commits)| pr.max(*commits))
            .sum::<f64>()
}

/// Initiatives largest first by the lines the person wrote in them (not many small
/// commits: a feature of one 1,800-line pull request before a dozen small clean-ups),
/// then by weight.
fn largest_first<'a>(
    initiatives: impl Iterator<Item = &'a Initiative>,
    by_id: &HashMap<&str, &Item>,
) -> Vec<&'a Initiative> {
    let size = |i: &Initiative| -> (f64, f64) {
        let members = || i.items.iter().filter_map(|id| by_id.get(id.as_str()));
        let lines = members()
            .filter(|it| !it.evidence.is_others_work())
            .map(|it| initiatives::lines(it))
            .sum::<f64>();
        (lines, members().map(|it| it.weight).sum::<f64>())
    };
    let mut listed: Vec<(&Initiative, (f64, f64))> = initiatives.map(|i| (i, size(i))).collect();
    listed.sort_by(|a, b| {
        (b.1)
            .0
            .total_cmp(&(a.1).0)
            .then_with(|| (b.1).1.total_cmp(&(a.1).1))
            .then_with(|| a.0.id.cmp(&b.0.id))
    });
    listed.into_iter().map(|(i, _)| i).collect()
}

/// For a category of initiatives that lists none: the pieces of work the person led that
/// were grouped all the same, the largest named, so "Nothing yet" does not hide 22 pull
/// requests (serde's maintainer's year, none a counted feature). "" when there are none.
fn grouped_note(initiatives: &[Initiative], items: &[Item], kind: &str) -> String {
    let by_id: HashMap<&str, &Item> = items.iter().map(|i| (i.evidence.id.as_str(), i)).collect();
    let led = |i: &&Initiative| {
        i.items.iter().any(|id| {
            by_id
                .get(id.as_str())
                .is_some_and(|it| it.evidence.leads_its_piece())
        })
    };
    let led = largest_first(initiatives.iter().filter(led), &by_id);
    if led.is_empty() {
        return String::new();
    }
    let named: Vec<String> = led
        .iter()
        .take(3)
        .map(|i| format!("\"{}\" (+{} −{})", i.name, i.additions, i.deletions))
        .collect();
    format!(
        "{} of the person's work {} grouped (pull requests and the commits they hold), {} a counted {kind}: {}{} (`evident explain` with an initiative's id, in the JSON's `initiatives`, says what it holds).",
        crate::model::unseen::plural(led.len(), "piece", "pieces"),
        if led.len() == 1 { "was" } else { "were" },
        if led.len() == 1 {
            "without"
        } else {
            "none with"
        },
        if led.len() == 1 { "" } else { "the largest " },
        named.join(", "),
    )
}

/// The portfolio's numbers. Repositories are those read (even when none of the person's
/// work is in them, so an empty portfolio still says what was read) and any other an
/// item is in.
fn totals(items: &[Item], collection: &Collection) -> Totals {
    let mut t = Totals {
        items: items.len(),
        ..Default::default()
    };
    let mut repos = BTreeSet::new();
    let mut reviewed = Vec::new();
    let mut by_signal: BTreeMap<String, usize> = BTreeMap::new();
    let on_main_line: HashSet<&str> = items
        .iter()
        .filter(|it| it.evidence.kind == Kind::Commit && !it.evidence.meta_flag("off_head"))
        .map(|it| it.evidence.id.as_str())
        .collect();
    for it in items {
        let e = &it.evidence;
        if is_review_given(e) {
            t.reviews_given += 1;
            t.reviews_recorded += usize::from(e.meta_str("source") == Some("git"));
            reviewed.push(e);
        }
        *t.by_kind.entry(e.kind.as_str().to_string()).or_default() += 1;
        for s in &it.signals {
            *by_signal.entry(s.clone()).or_default() += 1;
        }
        if it.counted || it.primary == BULK {
            *t.by_primary.entry(it.primary.clone()).or_default() += 1;
            t.counted += usize::from(it.counted);
        } else {
            *t.by_primary.entry(UNCLASSIFIED.to_string()).or_default() += 1;
            *t.unclassified_by_guess
                .entry(it.primary.clone())
                .or_default() += 1;
            t.unclassified += 1;
            t.unclassified_never_counted += usize::from(it.never_counted());
        }
        if !e.repo.is_empty() {
            repos.insert(e.repo.clone());
        }
        // Counts that must match `git log --author`: commits the person authored.
        if e.kind == Kind::Commit && !e.is_co_authored() {
            t.commits += 1;
            if e.additions.is_none() {
                t.commits_without_lines += 1;
            }
            t.additions += e.additions.unwrap_or(0);
            t.deletions += e.deletions.unwrap_or(0);
            t.tool_lines += e.meta_u64("tool_lines").unwrap_or(0);
            t.translation_lines += e.meta_u64("translation_lines").unwrap_or(0);
            t.moved_lines += e.meta_u64("moved_lines").unwrap_or(0);
            let off_head = e.meta_flag("off_head");
            t.commits_off_head += usize::from(off_head);
            let copy_of_merged = it.counted_why == Some(CountedWhy::Copy)
                && it
                    .counted_with
                    .as_deref()
                    .is_some_and(|id| on_main_line.contains(id));
            t.commits_off_head_copies += usize::from(off_head && copy_of_merged);
        }
        if matches!(e.kind, Kind::Commit | Kind::PullRequest) {
            t.changes_reverted_by_others +=
                usize::from(it.counted_why == Some(CountedWhy::RevertedByOther));
        }
    }
    t.by_signal = by_signal;
    for s in &collection.sources {
        t.written_before.merge(&s.written_before);
    }
    repos.extend(
        collection
            .sources
            .iter()
            .filter(|s| s.kinds.iter().any(|k| k == Kind::Commit.as_str()))
            .map(|s| s.name.clone()),
    );
    t.repositories = repos.len();
    t.people_reviewed = crate::model::count_people_reviewed(reviewed);
    t
}

/// A review the person gave: a review, unless git records it only as help, mentoring or
/// a report on someone's change (`meta.roles`), which are no review.
fn is_review_given(e: &Evidence) -> bool {
    if e.kind != Kind::Review {
        return false;
    }
    match e.meta.get("roles").and_then(|r| r.as_array()) {
        Some(roles) => roles
            .iter()
            .filter_map(|r| r.as_str())
            .any(|r| !matches!(r, "helper" | "mentor" | "reporter")),
        None => true,
    }
}

/// Classifies every item; duplicate ids (the same item fed twice) are kept once;
/// excluded items are dropped and relabelled ones take the person's signals.
pub fn classify_all(
    rules: &RuleSet,
    vocabulary: &[String],
    evidence: Vec<Evidence>,
    decisions: &Decisions,
) -> Vec<Item> {
    let mut seen: HashSet<String> = HashSet::new();
    evidence
        .into_iter()
        .filter(|e| seen.insert(e.id.clone()))
        .filter(|e| !decisions.excluded.contains_key(&e.id))
        .map(|e| {
            let mut item = classify_item(rules, vocabulary, e);
            if let Some((signals, reason)) = decisions.relabelled.get(&item.evidence.id) {
                relabel(
                    &mut item,
                    signals,
                    reason.as_deref(),
                    &decisions.source,
                    vocabulary,
                );
            }
            item
        })
        .collect()
}

fn relabel(
    item: &mut Item,
    signals: &[String],
    reason: Option<&str>,
    source: &str,
    vocabulary: &[String],
) {
    let before = if item.signals.is_empty() {
        "none".to_string()
    } else {
        item.signals.join(", ")
    };
    let why = reason.map(|r| format!(": {r}")).unwrap_or_default();
    item.matches = vec![RuleMatch {
        rule: "relabelled".into(),
        reason: format!("relabelled by you in {source} (the rules gave {before}){why}"),
        signals: signals.to_vec(),
        features: Vec::new(),
    }];
    item.primary = signals
        .first()
        .cloned()
        .unwrap_or_else(|| UNCLASSIFIED.to_string());
    item.confidence = 1.0;
    item.counted = item.primary != UNCLASSIFIED;
    item.counts_from = None;
    item.signals = vocabulary
        .iter()
        .filter(|v| signals.contains(v))
        .cloned()
        .collect();
}
