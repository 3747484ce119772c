//! The rubric: competency areas with their statements, the signals that count as evidence
//! for each, the thresholds that make evidence "some" or "strong", and a goal for gaps.
//! The built-in rubric (`config/rubric.toml`) is written from the two seed documents.

use crate::error::{Error, Result, line_col, toml_error};
use crate::model::Kind;
use crate::model::portfolio::Thresholds;
use crate::model::signals::{SIGNALS, kinds_for_signal};
use serde::Deserialize;
use toml::Spanned;

pub const BUILTIN_RUBRIC: &str = include_str!("../../config/rubric.toml");
pub const BUILTIN_RUBRIC_NAME: &str = "<built-in>/config/rubric.toml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rubric {
    pub name: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub summary: String,
    /// Signals this rubric adds to the built-in vocabulary.
    #[serde(default)]
    pub signals: Vec<String>,
    /// Default thresholds for statements that set none.
    #[serde(default = "default_thresholds")]
    pub thresholds: ThresholdSpec,
    #[serde(default)]
    pub area: Vec<Area>,
    #[serde(default)]
    pub category: Vec<Category>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThresholdSpec {
    pub some: usize,
    pub strong: usize,
}

fn default_thresholds() -> ThresholdSpec {
    ThresholdSpec { some: 1, strong: 5 }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub icon: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub statement: Vec<Spanned<Statement>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    pub id: String,
    pub text: String,
    /// An item with any of these signals is evidence for the statement.
    pub signals: Vec<String>,
    /// Only items of these kinds count (all kinds when absent).
    #[serde(default)]
    pub kinds: Option<Vec<String>>,
    #[serde(default)]
    pub thresholds: Option<ThresholdSpec>,
    /// Only commits and pull requests that changed at least this many lines the person
    /// wrote count (estimated as the changed lines times the share of files that are not
    /// lock, generated, vendored or snapshot files); items without line counts (issues,
    /// reviews, notes, design docs) are not held to it.
    #[serde(default)]
    pub min_lines: Option<u64>,
    /// Only the person's own work counts: not commits they only co-authored (someone
    /// else's change their suggestions were folded into).
    #[serde(default)]
    pub own_work: bool,
    /// What to do when evidence is weak: concrete, visible, impactful.
    #[serde(default)]
    pub goal: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: String,
    pub title: String,
    pub signals: Vec<String>,
    #[serde(default)]
    pub kinds: Option<Vec<String>>,
    /// List initiatives (groups of items) rather than single items.
    #[serde(default)]
    pub initiatives: bool,
    /// For a category of initiatives: list only those in which the person wrote at least
    /// this many lines of the category's kind (as a statement's `min_lines` counts them);
    /// the smaller ones are counted in a note, not listed.
    #[serde(default)]
    pub min_lines: Option<u64>,
}

impl Statement {
    pub fn thresholds(&self, rubric: &Rubric) -> Thresholds {
        let t = self.thresholds.unwrap_or(rubric.thresholds);
        Thresholds {
            some: t.some,
            strong: t.strong,
        }
    }

    pub fn counts_kind(&self, kind: Kind) -> bool {
        self.kinds
            .as_ref()
            .is_none_or(|ks| ks.iter().any(|k| k == kind.as_str()))
    }

    /// The kinds of item that can show the statement, in `Kind::ALL` order: those its
    /// `kinds` allow (all when unset) that can carry one of its signals. When none of them
    /// was collected, the statement is "not measured".
    pub fn evidence_kinds(&self) -> Vec<Kind> {
        Kind::ALL
            .into_iter()
            .filter(|k| {
                self.counts_kind(*k) && self.signals.iter().any(|s| kinds_for_signal(s).contains(k))
            })
            .collect()
    }
}

impl Category {
    pub fn counts_kind(&self, kind: Kind) -> bool {
        self.kinds
            .as_ref()
            .is_none_or(|ks| ks.iter().any(|k| k == kind.as_str()))
    }

    /// The kinds of item that can show the category, as for a statement
    /// ([`Statement::evidence_kinds`]).
    pub fn evidence_kinds(&self) -> Vec<Kind> {
        Kind::ALL
            .into_iter()
            .filter(|k| {
                self.counts_kind(*k) && self.signals.iter().any(|s| kinds_for_signal(s).contains(k))
            })
            .collect()
    }
}

impl Rubric {
    pub fn builtin() -> Rubric {
        Rubric::parse(BUILTIN_RUBRIC_NAME, BUILTIN_RUBRIC).expect("the built-in rubric is valid")
    }

    /// Parses and validates a rubric: unknown signals and kinds, duplicate ids, empty areas
    /// and thresholds out of order are errors naming the file and line.
    pub fn parse(file: &str, text: &str) -> Result<Rubric> {
        let rubric: Rubric = toml::from_str(text).map_err(|e| {
            toml_error(file, text, &e)
                .with_hint("see docs/rules-and-rubric.md for the format, or `evident rubric show` for the built-in one")
        })?;
        rubric.validate(file, text)?;
        Ok(rubric)
    }

    /// The signals rules may assign: the built-in vocabulary plus this rubric's.
    pub fn vocabulary(&self) -> Vec<String> {
        let mut v: Vec<String> = SIGNALS.iter().map(|s| s.to_string()).collect();
        for s in &self.signals {
            if !v.contains(s) {
                v.push(s.clone());
            }
        }
        v
    }

    fn validate(&self, file: &str, text: &str) -> Result<()> {
        let vocabulary = self.vocabulary();
        let check_signals = |signals: &[String], at: &str| -> Result<()> {
            for s in signals {
                if !vocabulary.contains(s) {
                    return Err(Error::config(format!("{at}: unknown signal `{s}`")).with_hint(format!(
                        "known signals: {}; add new ones to the rubric's top-level `signals = [...]`",
                        vocabulary.join(", ")
                    )));
                }
            }
            Ok(())
        };
        let check_kinds = |kinds: &Option<Vec<String>>, at: &str| -> Result<()> {
            for k in kinds.iter().flatten() {
                if Kind::parse(k).is_none() {
                    return Err(
                        Error::config(format!("{at}: unknown kind `{k}`")).with_hint(
                            "kinds are commit, pull_request, review, issue, design_doc, note",
                        ),
                    );
                }
            }
            Ok(())
        };
        let check_thresholds = |t: ThresholdSpec, at: &str| -> Result<()> {
            if t.some == 0 || t.strong < t.some {
                return Err(Error::config(format!(
                    "{at}: thresholds must satisfy 1 <= some <= strong (got some = {}, strong = {})",
                    t.some, t.strong
                ))
                .with_hint("e.g. thresholds = { some = 2, strong = 8 }: `some` items make the evidence \"some\", `strong` items make it \"strong\""));
            }
            Ok(())
        };
        check_thresholds(self.thresholds, &format!("{file}: [thresholds]"))?;
        if self.area.is_empty() {
            return Err(Error::config(format!("{file}: the rubric has no [[area]]"))
                .with_hint("a rubric needs at least one area with statements"));
        }
        let mut area_ids = Vec::new();
        for area in &self.area {
            if area_ids.contains(&&area.id) {
                return Err(Error::config(format!(
                    "{file}: area id `{}` is used twice",
                    area.id
                ))
                .with_hint("give every [[area]] its own id: statements are named `area/statement` in portfolios and notes"));
            }
            area_ids.push(&area.id);
            let mut statement_ids = Vec::new();
            for s in &area.statement {
                let (line, _) = line_col(text, s.span().start);
                let at = format!("{file}:{line}: statement `{}/{}`", area.id, s.get_ref().id);
                let s = s.get_ref();
                if statement_ids.contains(&&s.id) {
                    return Err(Error::config(format!("{at}: id is used twice in the area"))
                        .with_hint("give every statement of an area its own id"));
                }
                statement_ids.push(&s.id);
                check_signals(&s.signals, &at)?;
                check_kinds(&s.kinds, &at)?;
                if s.evidence_kinds().is_empty() {
                    return Err(Error::config(format!(
                        "{at}: no item can ever be evidence for it: none of its `kinds` ({}) carries its signals ({})",
                        s.kinds.iter().flatten().cloned().collect::<Vec<_>>().join(", "),
                        s.signals.join(", ")
                    ))
                    .with_hint("reviews and notes carry code-review; design docs, commits, pull requests, issues and notes carry design-doc; commits, pull requests, issues and notes carry the kinds of work; add a kind that does, or drop `kinds`"));
                }
                if let Some(t) = s.thresholds {
                    check_thresholds(t, &at)?;
                }
            }
        }
        for c in &self.category {
            let at = format!("{file}: category `{}`", c.id);
            check_signals(&c.signals, &at)?;
            check_kinds(&c.kinds, &at)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> Error {
        Rubric::parse("r.toml", text).unwrap_err()
    }

    const AREA: &str = "[[area]]\nid = \"a\"\nname = \"A\"\n[[area.statement]]\nid = \"s\"\ntext = \"t\"\nsignals = [\"feature\"]\n";

    #[test]
    fn structural_errors_name_the_spot_and_hint() {
        let e = err(&format!(
            "name = \"R\"\n[thresholds]\nsome = 5\nstrong = 2\n{AREA}"
        ));
        assert!(
            e.message.contains("1 <= some <= strong") && e.hint.is_some(),
            "{}",
            e.report()
        );
        let e = err(&format!("name = \"R\"\n{AREA}{AREA}"));
        assert!(
            e.message.contains("area id `a` is used twice") && e.hint.is_some(),
            "{}",
            e.report()
        );
        let twice = "[[area]]\nid = \"a\"\nname = \"A\"\n[[area.statement]]\nid = \"s\"\ntext = \"t\"\nsignals = [\"feature\"]\n[[area.statement]]\nid = \"s\"\ntext = \"u\"\nsignals = [\"feature\"]\n";
        let e = err(&format!("name = \"R\"\n{twice}"));
        assert!(
            e.message
                .contains("r.toml:9: statement `a/s`: id is used twice")
                && e.hint.is_some(),
            "{}",
            e.report()
        );
        assert!(Rubric::parse("r.toml", &format!("name = \"R\"\n{AREA}")).is_ok());
        assert!(Rubric::builtin().area.len() == 4);
    }

    fn statement(text: &str) -> Statement {
        let toml = format!(
            "name = \"R\"\n[[area]]\nid = \"a\"\nname = \"A\"\n[[area.statement]]\nid = \"s\"\ntext = \"t\"\n{text}\n"
        );
        Rubric::parse("r.toml", &toml).unwrap().area[0].statement[0]
            .get_ref()
            .clone()
    }

    #[test]
    fn a_statement_is_shown_by_the_kinds_that_carry_its_signals() {
        let s = statement("signals = [\"code-review\"]");
        assert_eq!(s.evidence_kinds(), vec![Kind::Review, Kind::Note]);
        let s = statement("signals = [\"feature\"]");
        assert_eq!(
            s.evidence_kinds(),
            vec![Kind::Commit, Kind::PullRequest, Kind::Issue, Kind::Note]
        );
        let s = statement("signals = [\"mentoring\"]\nkinds = [\"review\", \"note\", \"commit\"]");
        assert_eq!(
            s.evidence_kinds(),
            vec![Kind::Commit, Kind::Review, Kind::Note],
            "`kinds` narrows it"
        );
        let e = err(
            "name = \"R\"\n[[area]]\nid = \"a\"\nname = \"A\"\n[[area.statement]]\nid = \"s\"\ntext = \"t\"\nsignals = [\"code-review\"]\nkinds = [\"commit\"]\n",
        );
        assert!(
            e.message
                .contains("r.toml:5: statement `a/s`: no item can ever be evidence for it")
                && e.hint.is_some(),
            "{}",
            e.report()
        );
    }
}
