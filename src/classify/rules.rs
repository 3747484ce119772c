//! Rules: ordered data that give items signals. Written in TOML (`config/rules.toml` is
//! built in; a user's rules file adds rules or replaces them by id), compiled once when
//! loaded: regexes are built and conditions parsed up front, so an invalid rule is an
//! error naming its file, line and id before any item is judged.

use super::review::{self, Does, ReviewJudgement};
use crate::error::{Error, Result, line_col, toml_error};
use crate::model::{Evidence, Kind};
use minijinja::Value;
use regex::{Regex, RegexBuilder};
use serde::Deserialize;
use std::sync::LazyLock;
use toml::Spanned;

pub const BUILTIN_RULES: &str = include_str!("../../config/rules.toml");
pub const BUILTIN_RULES_NAME: &str = "<built-in>/config/rules.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    #[serde(default)]
    rule: Vec<Spanned<RuleSpec>>,
}

/// A rule as written in TOML.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    pub id: String,
    #[serde(default)]
    pub signals: Vec<String>,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub example: Option<String>,
    /// Stop: no later rule is tried on an item this rule fired on.
    #[serde(default, rename = "final")]
    pub is_final: bool,
    /// Drops a built-in rule of the same id (in a user's rules file).
    #[serde(default)]
    pub disabled: bool,
    #[serde(flatten)]
    pub conditions: MatcherSpec,
    #[serde(default)]
    pub unless: Option<UnlessSpec>,
}

/// `unless`: one table of conditions, or a list of them (any one that holds suppresses
/// the rule).
#[derive(Debug, Clone)]
pub struct UnlessSpec(pub Vec<MatcherSpec>);

impl<'de> Deserialize<'de> for UnlessSpec {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = UnlessSpec;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a table of conditions, or a list of tables")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> std::result::Result<UnlessSpec, A::Error> {
                let one =
                    MatcherSpec::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(UnlessSpec(vec![one]))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                seq: A,
            ) -> std::result::Result<UnlessSpec, A::Error> {
                Vec::<MatcherSpec>::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))
                    .map(UnlessSpec)
            }
        }
        d.deserialize_any(Visit)
    }
}

/// Conditions, all of which must hold. Regexes are case-insensitive unless they say `(?-i)`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatcherSpec {
    #[serde(default)]
    pub kind: Option<Vec<String>>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub body: Option<String>,
    /// Title or body.
    #[serde(default)]
    pub text: Option<String>,
    /// Any touched path matches.
    #[serde(default)]
    pub paths: Option<String>,
    /// Every touched path matches (and there is at least one).
    #[serde(default)]
    pub all_paths: Option<String>,
    #[serde(default)]
    pub labels: Option<String>,
    /// Any `Key: value` trailer line matches.
    #[serde(default)]
    pub trailers: Option<String>,
    #[serde(default)]
    pub repo: Option<String>,
    /// A condition on numbers, e.g. `deletions > 2 * additions and files_changed >= 3`.
    #[serde(default)]
    pub when: Option<String>,
    /// A review with at least one comment that does this: `teaches`, or `substantive`
    /// (a comment with substance, teaching ones included). See `classify::review`.
    #[serde(default)]
    pub review: Option<String>,
}

/// A compiled rule.
#[derive(Debug)]
pub struct Rule {
    pub id: String,
    pub signals: Vec<String>,
    pub reason: String,
    pub example: Option<String>,
    pub is_final: bool,
    /// Where it was defined: `file:line`.
    pub origin: String,
    matcher: Matcher,
    /// Any of these holding suppresses the rule.
    unless: Vec<Matcher>,
}

#[derive(Debug, Default)]
struct Matcher {
    kinds: Option<Vec<Kind>>,
    title: Option<Regex>,
    body: Option<Regex>,
    text: Option<Regex>,
    paths: Option<Regex>,
    all_paths: Option<Regex>,
    labels: Option<Regex>,
    trailers: Option<Regex>,
    repo: Option<Regex>,
    when: Option<Condition>,
    review: Option<Does>,
}

/// Conditions are minijinja expressions, compiled once in a shared static environment.
struct Condition {
    source: String,
    expr: minijinja::Expression<'static, 'static>,
}

impl std::fmt::Debug for Condition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Condition({})", self.source)
    }
}

static EXPRESSIONS: LazyLock<minijinja::Environment<'static>> = LazyLock::new(|| {
    let mut env = minijinja::Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Chainable);
    env
});

/// The numbers a `when` condition can use.
pub const CONDITION_FIELDS: &[&str] = &[
    "additions",
    "deletions",
    "changed",
    "files_changed",
    "paths",
    "labels",
    "title_length",
    "body_length",
    "body_lines",
    "co_authors",
    "comments",
    "meta",
    "review",
];

/// An item as rules see it: text fields and the numbers conditions use, built once per item.
pub struct Facts<'a> {
    pub evidence: &'a Evidence,
    /// A review's comments, each judged on what it does (`None` for other items).
    pub review: Option<ReviewJudgement>,
    /// The title as rules read it (`refs::squash_form`: Azure's `Merged PR 12: Title` as
    /// `Title (#12)`).
    title: std::borrow::Cow<'a, str>,
    text: String,
    trailers: Vec<String>,
    numbers: Value,
}

impl<'a> Facts<'a> {
    /// The title as rules read it (Azure's `Merged PR 12: Title` as `Title (#12)`).
    pub fn title(&self) -> &str {
        &self.title
    }

    pub fn new(evidence: &'a Evidence) -> Self {
        let e = evidence;
        let title = crate::model::refs::squash_form(&e.title);
        let additions = e.additions.unwrap_or(0);
        let deletions = e.deletions.unwrap_or(0);
        let co_authors = other_co_authors(e);
        let review = review::judge_review(e);
        let review_numbers = review.as_ref().map(|r| {
            minijinja::context! {
                comments => r.comments.len(),
                teaching => r.teaching(),
                substance => r.substance(),
                empty => r.empty(),
                best_teaching_kinds => r.best_teaching_kinds(),
            }
        });
        let numbers = minijinja::context! {
            additions => additions,
            deletions => deletions,
            changed => additions + deletions,
            files_changed => e.files_changed.unwrap_or(e.paths.len() as u64),
            paths => e.paths.len(),
            labels => e.labels.len(),
            title_length => title.chars().count(),
            body_length => e.body.chars().count(),
            body_lines => e.body.lines().filter(|l| !l.trim().is_empty()).count(),
            co_authors => co_authors,
            comments => e.meta_u64("comment_count").unwrap_or(0),
            meta => Value::from(minijinja::value::Serde(&e.meta)),
            review => review_numbers,
        };
        Facts {
            evidence,
            review,
            text: format!("{}\n{}", title, e.body),
            title,
            trailers: e.trailer_lines(),
            numbers,
        }
    }
}

/// Co-authors who are not the commit's author (a trailer naming the author's other
/// address is no collaboration) nor a bot (fastapi's workflows name
/// `github-actions[bot]` co-author of 139 of its maintainer's commits, and each had read
/// as collaboration), plus the author when the person is only co-author.
fn other_co_authors(e: &Evidence) -> usize {
    let author = e.meta_str("commit_author").map(parse_person);
    let listed = e
        .meta
        .get("co_authors")
        .and_then(|v| v.as_array())
        .map(|list| {
            list.iter()
                .filter_map(|v| v.as_str())
                .map(parse_person)
                .filter(|(name, email)| !crate::model::bots::is_bot(name, email, &[]))
                .filter(|(name, email)| {
                    author.as_ref().is_none_or(|(an, ae)| {
                        !(email.is_empty() && name.is_empty())
                            && (email.is_empty() || email != ae)
                            && (name.is_empty() || name != an)
                    })
                })
                .count()
        })
        .unwrap_or(0);
    listed + usize::from(e.is_co_authored())
}

/// `Name <email>`, lower-cased.
fn parse_person(text: &str) -> (String, String) {
    let text = text.trim();
    match text.split_once('<') {
        Some((name, rest)) => (
            name.trim().to_lowercase(),
            rest.trim_end_matches('>').trim().to_lowercase(),
        ),
        None if text.contains('@') => (String::new(), text.to_lowercase()),
        None => (text.to_lowercase(), String::new()),
    }
}

impl Matcher {
    fn matches(&self, f: &Facts) -> bool {
        let e = f.evidence;
        self.kinds.as_ref().is_none_or(|k| k.contains(&e.kind))
            && self.title.as_ref().is_none_or(|r| r.is_match(&f.title))
            && self.body.as_ref().is_none_or(|r| r.is_match(&e.body))
            && self.text.as_ref().is_none_or(|r| r.is_match(&f.text))
            && self.repo.as_ref().is_none_or(|r| r.is_match(&e.repo))
            && self
                .paths
                .as_ref()
                .is_none_or(|r| e.paths.iter().any(|p| r.is_match(p)))
            && self
                .all_paths
                .as_ref()
                .is_none_or(|r| !e.paths.is_empty() && e.paths.iter().all(|p| r.is_match(p)))
            && self
                .labels
                .as_ref()
                .is_none_or(|r| e.labels.iter().any(|l| r.is_match(l)))
            && self
                .trailers
                .as_ref()
                .is_none_or(|r| f.trailers.iter().any(|t| r.is_match(t)))
            && self
                .when
                .as_ref()
                .is_none_or(|c| c.expr.eval(&f.numbers).is_ok_and(|v| v.is_true()))
            && self.review.is_none_or(|need| {
                f.review
                    .as_ref()
                    .is_some_and(|r| r.decisive(need).is_some())
            })
    }
}

impl Rule {
    /// Whether the rule fires on an item.
    pub fn fires(&self, facts: &Facts) -> bool {
        self.matcher.matches(facts) && !self.unless.iter().any(|u| u.matches(facts))
    }

    /// For a rule with a `review` condition: the comment that satisfied it and the cue
    /// that decided that comment, for `explain`.
    pub fn detail(&self, facts: &Facts) -> Option<String> {
        let need = self.matcher.review?;
        let judgement = facts.review.as_ref()?;
        let comment = judgement.decisive(need)?;
        Some(format!(
            "decided by {}; {}",
            comment.describe(judgement.inline_count),
            judgement.summary()
        ))
    }
}

/// An ordered, compiled list of rules.
/// The rules, and the learned model that decides an item's kind where no rule is certain.
#[derive(Debug, Default)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    pub model: Option<std::sync::Arc<super::model::Model>>,
}

impl RuleSet {
    /// The built-in rules, then each user file in turn: a rule with a known id replaces
    /// the earlier one in place, `disabled = true` removes it, a new id is appended.
    pub fn load(user_files: &[(String, String)], vocabulary: &[String]) -> Result<RuleSet> {
        let mut set = RuleSet {
            model: Some(super::model::builtin()),
            ..RuleSet::default()
        };
        set.merge(BUILTIN_RULES_NAME, BUILTIN_RULES, vocabulary)?;
        for (name, text) in user_files {
            set.merge(name, text, vocabulary)?;
        }
        Ok(set)
    }

    /// One rules file alone, without the built-in rules (e.g. to compare an older set).
    pub fn from_text(file: &str, text: &str, vocabulary: &[String]) -> Result<RuleSet> {
        let mut set = RuleSet::default();
        set.merge(file, text, vocabulary)?;
        Ok(set)
    }

    fn merge(&mut self, file: &str, text: &str, vocabulary: &[String]) -> Result<()> {
        let parsed: RulesFile = toml::from_str(text).map_err(|e| {
            rules_error(file, text, &e).with_hint(
                "a rules file is a list of [[rule]] tables with id, signals, reason and conditions; see docs/rules-and-rubric.md",
            )
        })?;
        for spanned in parsed.rule {
            let (line, _) = line_col(text, spanned.span().start);
            let origin = format!("{file}:{line}");
            let spec = spanned.into_inner();
            let position = self.rules.iter().position(|r| r.id == spec.id);
            if spec.disabled {
                match position {
                    Some(i) => {
                        self.rules.remove(i);
                    }
                    // Rule ids change between versions: a rule disabled by a user file
                    // may be gone already. Said, so nobody believes it still does work.
                    None => tracing::warn!(
                        hint = "`evident explain RULE` shows a rule; the built-in ones are in docs/rules-and-rubric.md",
                        "{origin}: `{}` is disabled, but no rule before it has that id: nothing was disabled",
                        spec.id
                    ),
                }
                continue;
            }
            let rule = compile(spec, origin, vocabulary)?;
            match position {
                Some(i) => self.rules[i] = rule,
                None => self.rules.push(rule),
            }
        }
        Ok(())
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }
}

/// A rules file's parse error at its `file:line:col`. The conditions are flattened into
/// each rule, and serde reports an unknown key there with the rule's span; the key
/// itself is looked up, so the error points at it.
fn rules_error(file: &str, text: &str, e: &toml::de::Error) -> Error {
    let unknown = e
        .message()
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split('`').next());
    let at = unknown.and_then(|key| unknown_key_offset(text, key, e.span()));
    match at {
        Some(offset) => {
            let (line, col) = line_col(text, offset);
            Error::config(format!("{file}:{line}:{col}: {}", e.message().trim()))
        }
        None => toml_error(file, text, e),
    }
}

/// Where `key` is written in the rule (or its `unless` table) that the error's span lies
/// in; the first rule that has it when the span says nothing.
fn unknown_key_offset(
    text: &str,
    key: &str,
    span: Option<std::ops::Range<usize>>,
) -> Option<usize> {
    let doc = toml_edit::Document::parse(text).ok()?;
    let rules = doc.get("rule")?.as_array_of_tables()?;
    let in_span = |t: &toml_edit::Table| match (&span, t.span()) {
        (Some(err), Some(rule)) => rule.start <= err.start && err.start < rule.end.max(err.end),
        _ => true,
    };
    let found = |t: &toml_edit::Table| {
        t.key(key).and_then(|k| k.span()).or_else(|| {
            t.get("unless")
                .and_then(|u| u.as_table_like())
                .and_then(|u| u.key(key))
                .and_then(|k| k.span())
        })
    };
    let mut candidates = rules.iter().filter(|t| in_span(t)).chain(rules.iter());
    candidates.find_map(found).map(|s| s.start)
}

fn compile(spec: RuleSpec, origin: String, vocabulary: &[String]) -> Result<Rule> {
    let id = spec.id.clone();
    let at = |what: String| Error::config(format!("{origin}: rule `{id}`: {what}"));
    if id.trim().is_empty() {
        return Err(Error::config(format!("{origin}: a rule has an empty `id`"))
            .with_hint("give every rule a short unique id, e.g. `fix-in-message`"));
    }
    if spec.signals.is_empty() {
        return Err(at("has no `signals`".into())
            .with_hint(format!("list one or more of: {}", vocabulary.join(", "))));
    }
    for s in &spec.signals {
        if !vocabulary.iter().any(|v| v == s) {
            return Err(
                at(format!("unknown signal `{s}` in `signals`")).with_hint(format!(
                    "known signals: {}; a rubric can add more under `signals`",
                    vocabulary.join(", ")
                )),
            );
        }
    }
    if spec.reason.trim().is_empty() {
        return Err(at("has no `reason`".into())
            .with_hint("say in one line why an item that matches counts, e.g. \"the message says it fixes a defect\""));
    }
    let matcher = compile_matcher(&spec.conditions, &at)?;
    let unless = spec
        .unless
        .iter()
        .flat_map(|u| &u.0)
        .map(|u| compile_matcher(u, &at))
        .collect::<Result<Vec<_>>>()?;
    Ok(Rule {
        id: spec.id,
        signals: spec.signals,
        reason: spec.reason,
        example: spec.example,
        is_final: spec.is_final,
        origin,
        matcher,
        unless,
    })
}

fn compile_matcher(spec: &MatcherSpec, at: &dyn Fn(String) -> Error) -> Result<Matcher> {
    let re = |field: &str, source: &Option<String>| -> Result<Option<Regex>> {
        source
            .as_deref()
            .map(|s| {
                RegexBuilder::new(s)
                    .case_insensitive(true)
                    .size_limit(1 << 22)
                    .build()
                    .map_err(|e| {
                        at(format!("invalid regex in `{field}`"))
                            .with_source(e)
                            .with_hint("regexes use Rust `regex` syntax; escape `\\` as `\\\\` in \"...\" strings, or use '...' literal strings")
                    })
            })
            .transpose()
    };
    let kinds = spec
        .kind
        .as_ref()
        .map(|ks| {
            ks.iter()
                .map(|k| {
                    Kind::parse(k).ok_or_else(|| {
                        at(format!("unknown kind `{k}` in `kind`")).with_hint(
                            "kinds are commit, pull_request, review, issue, design_doc, note",
                        )
                    })
                })
                .collect::<Result<Vec<_>>>()
        })
        .transpose()?;
    let when = spec
        .when
        .as_ref()
        .map(|source| compile_condition(source, at))
        .transpose()?;
    let review = spec
        .review
        .as_deref()
        .map(|s| match Does::parse(s) {
            Some(Does::Empty) | None => Err(at(format!("unknown value `{s}` in `review`"))
                .with_hint("`review` is \"teaches\" (a comment that teaches) or \"substantive\" (a comment with substance, teaching ones included)")),
            Some(does) => Ok(does),
        })
        .transpose()?;
    Ok(Matcher {
        kinds,
        title: re("title", &spec.title)?,
        body: re("body", &spec.body)?,
        text: re("text", &spec.text)?,
        paths: re("paths", &spec.paths)?,
        all_paths: re("all_paths", &spec.all_paths)?,
        labels: re("labels", &spec.labels)?,
        trailers: re("trailers", &spec.trailers)?,
        repo: re("repo", &spec.repo)?,
        when,
        review,
    })
}

fn compile_condition(source: &str, at: &dyn Fn(String) -> Error) -> Result<Condition> {
    let hint = || {
        format!(
            "a condition compares numbers, e.g. `deletions > 2 * additions and files_changed >= 3`; fields: {}",
            CONDITION_FIELDS.join(", ")
        )
    };
    let expr = EXPRESSIONS
        .compile_expression_owned(source.to_string())
        .map_err(|e| {
            at(format!(
                "invalid condition in `when`: {}",
                e.detail().unwrap_or("syntax error")
            ))
            .with_hint(hint())
        })?;
    // A misspelled field is an error now, not a rule that silently never fires. Fields
    // under `meta` vary by source, so a missing one just makes the condition false.
    let mut unknown: Vec<String> = expr
        .undeclared_variables(false)
        .into_iter()
        .filter(|v| !CONDITION_FIELDS.contains(&v.as_str()))
        .collect();
    unknown.sort();
    if let Some(first) = unknown.first() {
        return Err(at(format!(
            "condition `{source}` in `when` uses unknown field `{first}`"
        ))
        .with_hint(hint()));
    }
    Ok(Condition {
        source: source.to_string(),
        expr,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bot_named_co_author_is_no_collaboration() {
        let mut e = Evidence::new("git:r:1", crate::model::Kind::Commit, "Update sponsors");
        e.meta.insert(
            "commit_author".into(),
            serde_json::json!("Sebastián Ramírez <tiangolo@gmail.com>"),
        );
        e.meta.insert(
            "co_authors".into(),
            serde_json::json!([
                "github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>"
            ]),
        );
        assert_eq!(other_co_authors(&e), 0);
        e.meta.insert(
            "co_authors".into(),
            serde_json::json!([
                "github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>",
                "Sofie Van Landeghem <svlandeg@users.noreply.github.com>"
            ]),
        );
        assert_eq!(other_co_authors(&e), 1);
        // An AI assistant is no collaborator.
        e.meta.insert(
            "co_authors".into(),
            serde_json::json!(["Claude Opus 4.8 <noreply@anthropic.com>"]),
        );
        assert_eq!(other_co_authors(&e), 0);
    }

    #[test]
    fn an_unknown_key_is_reported_at_its_line() {
        let text = "[[rule]]\nid = \"a\"\nsignals = [\"feature\"]\nreason = \"r\"\n\n[[rule]]\nid = \"b\"\nsignals = [\"feature\"]\nreason = \"r\"\n  titel = 'x'\n";
        let vocabulary: Vec<String> = crate::model::signals::SIGNALS
            .iter()
            .map(|s| s.to_string())
            .collect();
        let e = RuleSet::from_text("mine.toml", text, &vocabulary).unwrap_err();
        assert!(
            e.message
                .starts_with("mine.toml:10:3: unknown field `titel`"),
            "{}",
            e.message
        );
        let text = "[[rule]]\nid = \"a\"\nsignals = [\"feature\"]\nreason = \"r\"\nunless = { title = 'x', pathz = 'y' }\n";
        let e = RuleSet::from_text("mine.toml", text, &vocabulary).unwrap_err();
        assert!(
            e.message
                .starts_with("mine.toml:5:25: unknown field `pathz`"),
            "{}",
            e.message
        );
    }
    use crate::model::signals::SIGNALS;

    fn vocab() -> Vec<String> {
        SIGNALS.iter().map(|s| s.to_string()).collect()
    }

    fn load(text: &str) -> Result<RuleSet> {
        let mut set = RuleSet::default();
        set.merge("user.toml", text, &vocab())?;
        Ok(set)
    }

    #[test]
    fn builtin_rules_compile() {
        let set = RuleSet::load(&[], &vocab()).unwrap();
        assert!(set.rules.len() > 20);
    }

    #[test]
    fn conditions_compare_numbers() {
        let set = load(
            r#"
[[rule]]
id = "cleanup"
signals = ["tech-debt"]
reason = "removes much more than it adds"
when = "deletions > 2 * additions and files_changed >= 2"
"#,
        )
        .unwrap();
        let mut e = Evidence::new("x", Kind::Commit, "Tidy");
        e.additions = Some(10);
        e.deletions = Some(30);
        e.files_changed = Some(2);
        assert!(set.rules[0].fires(&Facts::new(&e)));
        e.deletions = Some(20);
        assert!(!set.rules[0].fires(&Facts::new(&e)));
    }

    #[test]
    fn conditions_on_meta_are_false_when_the_field_is_missing() {
        let set = load("[[rule]]\nid = \"m\"\nsignals = [\"mentoring\"]\nreason = \"r\"\nwhen = \"meta.first_time_contributor or meta.suggestions >= 2\"\n").unwrap();
        let mut e = Evidence::new("x", Kind::Review, "Review");
        assert!(!set.rules[0].fires(&Facts::new(&e)));
        e.meta.insert("suggestions".into(), serde_json::json!(3));
        assert!(set.rules[0].fires(&Facts::new(&e)));
        e.meta.clear();
        e.meta
            .insert("first_time_contributor".into(), serde_json::json!(true));
        assert!(set.rules[0].fires(&Facts::new(&e)));
    }

    #[test]
    fn unless_suppresses() {
        let set = load(
            r#"
[[rule]]
id = "fix"
signals = ["bug-fix"]
reason = "says fix"
title = '\bfix'
unless = { title = 'typo' }
"#,
        )
        .unwrap();
        let fires = |t: &str| set.rules[0].fires(&Facts::new(&Evidence::new("x", Kind::Commit, t)));
        assert!(fires("Fix crash on start"));
        assert!(!fires("Fix typo in README"));
        // A list: any one that holds suppresses.
        let set = load(
            r#"
[[rule]]
id = "fix"
signals = ["bug-fix"]
reason = "says fix"
title = '\bfix'
unless = [{ title = 'typo' }, { title = 'lint' }]
"#,
        )
        .unwrap();
        let fires = |t: &str| set.rules[0].fires(&Facts::new(&Evidence::new("x", Kind::Commit, t)));
        assert!(fires("Fix crash on start"));
        assert!(!fires("Fix typo in README"));
        assert!(!fires("Fix lint warnings"));
        let text = "[[rule]]\nid = \"a\"\nsignals = [\"feature\"]\nreason = \"r\"\nunless = [{ title = 'x' }, { pathz = 'y' }]\n";
        let e = RuleSet::from_text("mine.toml", text, &vocab()).unwrap_err();
        assert!(e.message.contains("unknown field `pathz`"), "{}", e.message);
        assert!(e.message.starts_with("mine.toml:5:"), "{}", e.message);
    }

    #[test]
    fn errors_name_file_line_and_rule() {
        let e = load("[[rule]]\nid = \"a\"\nsignals = [\"feature\"]\nreason = \"r\"\n\n[[rule]]\nid = \"bad\"\nsignals = [\"feature\"]\nreason = \"r\"\ntitle = '(unclosed'\n").unwrap_err();
        assert!(
            e.message
                .starts_with("user.toml:6: rule `bad`: invalid regex in `title`"),
            "{}",
            e.message
        );
        let e =
            load("[[rule]]\nid = \"s\"\nsignals = [\"heroics\"]\nreason = \"r\"\n").unwrap_err();
        assert!(
            e.message.contains("unknown signal `heroics`"),
            "{}",
            e.message
        );
        let e = load(
            "[[rule]]\nid = \"w\"\nsignals = [\"feature\"]\nreason = \"r\"\nwhen = \"lines > 3\"\n",
        )
        .unwrap_err();
        assert!(e.message.contains("unknown field `lines`"), "{}", e.message);
        let e = load("[[rule]]\nid = \"w\"\nsignals = [\"feature\"]\nreason = \"r\"\nwhen = \"additions >\"\n").unwrap_err();
        assert!(e.message.contains("invalid condition"), "{}", e.message);
        let e = load("[[rule]\n").unwrap_err();
        assert!(e.message.starts_with("user.toml:1:"), "{}", e.message);
        let e =
            load("[[rule]]\nid = \"k\"\nsignals = [\"feature\"]\nreason = \"r\"\ntitel = \"x\"\n")
                .unwrap_err();
        assert!(e.message.contains("titel"), "{}", e.message);
    }

    fn judged_review(comments: &[&str]) -> Evidence {
        let mut e = Evidence::new("gh:review:1", Kind::Review, "Review of a/b#1: x");
        for c in comments {
            e.body.push_str("\n\n---\n\n");
            e.body.push_str(c);
        }
        e.meta
            .insert("comments".into(), serde_json::json!(comments));
        e.meta
            .insert("comment_count".into(), serde_json::json!(comments.len()));
        e
    }

    #[test]
    fn review_conditions_read_the_judged_comments() {
        let set = load(
            "[[rule]]\nid = \"t\"\nreview = \"teaches\"\nsignals = [\"mentoring\"]\nreason = \"r\"\n\
             [[rule]]\nid = \"s\"\nreview = \"substantive\"\nsignals = [\"code-review\"]\nreason = \"r\"\n\
             [[rule]]\nid = \"two\"\nwhen = \"review.substance >= 2 and review.empty == 0\"\nsignals = [\"code-review\"]\nreason = \"r\"\n",
        )
        .unwrap();
        let fired = |e: &Evidence| -> Vec<&str> {
            let f = Facts::new(e);
            set.rules
                .iter()
                .filter(|r| r.fires(&f))
                .map(|r| r.id.as_str())
                .collect()
        };
        assert_eq!(fired(&judged_review(&["LGTM"])), Vec::<&str>::new());
        assert_eq!(fired(&judged_review(&["Please add a test."])), ["s"]);
        assert_eq!(
            fired(&judged_review(&[
                "Please add a test.",
                "Use `?` instead of `unwrap()`."
            ])),
            ["t", "s", "two"]
        );
        // Not a review: a review condition never holds.
        assert!(fired(&Evidence::new("c", Kind::Commit, "Please add a test")).is_empty());
        // The detail names the deciding comment and its cue.
        let e = judged_review(&["Please add a test.", "Use `?` instead of `unwrap()`."]);
        let detail = set.rules[0].detail(&Facts::new(&e)).unwrap();
        assert!(
            detail.starts_with("decided by comment 2 of 2 \"Use `?` instead of `unwrap()`.\" teaches (cue alt-use-this"),
            "{detail}"
        );
        // A rule without a review condition has no detail.
        assert!(set.rules[2].detail(&Facts::new(&e)).is_none());
    }

    #[test]
    fn a_review_condition_takes_teaches_or_substantive() {
        let e = load(
            "[[rule]]\nid = \"r\"\nreview = \"empty\"\nsignals = [\"mentoring\"]\nreason = \"r\"\n",
        )
        .unwrap_err();
        assert!(
            e.message
                .starts_with("user.toml:1: rule `r`: unknown value `empty` in `review`"),
            "{}",
            e.message
        );
        assert!(
            e.hint.as_deref().is_some_and(|h| h.contains("teaches")),
            "{:?}",
            e.hint
        );
    }

    #[test]
    fn user_rules_replace_and_disable_by_id() {
        let mut set = load("[[rule]]\nid = \"a\"\nsignals = [\"feature\"]\nreason = \"r\"\n[[rule]]\nid = \"b\"\nsignals = [\"chore\"]\nreason = \"r\"\n").unwrap();
        set.merge("mine.toml", "[[rule]]\nid = \"a\"\nsignals = [\"bug-fix\"]\nreason = \"mine\"\n[[rule]]\nid = \"b\"\ndisabled = true\n", &vocab()).unwrap();
        assert_eq!(set.rules.len(), 1);
        assert_eq!(set.rules[0].signals, vec!["bug-fix"]);
        assert_eq!(set.rules[0].origin, "mine.toml:1");
    }
}
