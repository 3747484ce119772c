//! The notes file as written: `[[note]]`, `[[exclude]]` and `[[relabel]]` tables, read
//! strictly (unknown keys are errors) and checked against the signal vocabulary.

use crate::error::{Error, Result, toml_error};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use serde::Deserialize;
use std::fmt::Write;
use std::path::Path;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotesFile {
    #[serde(default)]
    pub note: Vec<Note>,
    #[serde(default)]
    pub exclude: Vec<Exclusion>,
    #[serde(default)]
    pub relabel: Vec<Relabel>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub id: String,
    pub date: String,
    pub text: String,
    #[serde(default)]
    pub signals: Vec<String>,
    #[serde(default)]
    pub link: Option<String>,
    #[serde(default)]
    pub repo: Option<String>,
    /// Longer description; the portfolio shows `text` as the title.
    #[serde(default)]
    pub details: Option<String>,
    /// Whose note it is (`Name <email>`, an email or a name), recorded by
    /// `evident note add`: it joins only that person's portfolio.
    #[serde(default)]
    pub author: Option<String>,
}

impl Note {
    /// Whether the note belongs to the person with these identities (lower-cased emails
    /// and names, as a collection records them). A note that names nobody belongs to
    /// nobody in particular: `None`.
    pub fn belongs_to(&self, identities: &[String]) -> Option<bool> {
        let author = self.author.as_deref()?;
        let (name, email) = crate::model::person::parse_name_email(author);
        let (name, email) = if email.is_empty() && name.contains('@') {
            (String::new(), name)
        } else {
            (name, email)
        };
        let known = |s: &str| !s.is_empty() && identities.iter().any(|i| i.eq_ignore_ascii_case(s));
        Some(known(&email) || known(&name))
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exclusion {
    pub id: String,
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relabel {
    pub id: String,
    pub signals: Vec<String>,
    #[serde(default)]
    pub reason: Option<String>,
}

impl NotesFile {
    /// Reads the file; a missing file is an empty one.
    pub fn read(path: &Path) -> Result<NotesFile> {
        if !path.exists() {
            return Ok(NotesFile::default());
        }
        let text = crate::config::read_text("notes file", path)?;
        NotesFile::parse(&path.display().to_string(), &text)
    }

    /// Parses a notes file's text; `name` is how errors name the file.
    pub fn parse(name: &str, text: &str) -> Result<NotesFile> {
        toml::from_str(text).map_err(|e| {
            toml_error(name, text, &e)
                .with_hint("the notes file holds [[note]], [[exclude]] and [[relabel]] tables; see docs/notes.md")
        })
    }

    /// Checks signals against the vocabulary and dates against the calendar.
    pub fn validate(&self, path: &Path, vocabulary: &[String]) -> Result<()> {
        let file = path.display();
        let check = |signals: &[String], id: &str| -> Result<()> {
            for s in signals {
                if !vocabulary.contains(s) {
                    return Err(
                        Error::config(format!("{file}: `{id}`: unknown signal `{s}`"))
                            .with_hint(format!("known signals: {}", vocabulary.join(", "))),
                    );
                }
            }
            Ok(())
        };
        for n in &self.note {
            check(&n.signals, &n.id)?;
            parse_date(&n.date).ok_or_else(|| {
                Error::config(format!(
                    "{file}: note `{}`: `date = \"{}\"` is not a date",
                    n.id, n.date
                ))
                .with_hint("write dates as YYYY-MM-DD")
            })?;
        }
        for r in &self.relabel {
            check(&r.signals, &r.id)?;
        }
        Ok(())
    }

    /// One line per note and decision, as `evident note list` shows them.
    pub fn listing(&self) -> String {
        let mut out = String::new();
        for n in &self.note {
            let link = n
                .link
                .as_ref()
                .map(|l| format!("  {l}"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "{}  {}  [{}]{link}",
                n.id,
                n.text,
                n.signals.join(", ")
            );
        }
        for x in &self.exclude {
            let reason = x
                .reason
                .as_ref()
                .map(|r| format!("  ({r})"))
                .unwrap_or_default();
            let _ = writeln!(out, "excluded  {}{reason}", x.id);
        }
        for r in &self.relabel {
            let _ = writeln!(out, "relabelled  {} -> {}", r.id, r.signals.join(", "));
        }
        out
    }
}

/// A note's date, at noon UTC (its place in the day; see [`day_of`] for the period).
pub fn parse_date(text: &str) -> Option<DateTime<Utc>> {
    let d = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()?;
    Some(Utc.from_utc_datetime(&d.and_hms_opt(12, 0, 0)?))
}

/// The whole day a note is dated: a note belongs to every period that shares a moment
/// with it (so a note added today is in today's portfolio before noon too).
pub fn day_of(text: &str) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let d = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()?;
    let start = Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0)?);
    Some((start, start + chrono::Duration::days(1)))
}

/// A stable id for a new note: its date and the first words of its text, made unique
/// among the ids already in the file.
pub fn note_id(date: &str, text: &str, existing: &[String]) -> String {
    let slug: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .map(str::to_lowercase)
        .collect();
    let base = format!("note:{date}:{}", slug.join("-"));
    let mut id = base.clone();
    let mut n = 2;
    while existing.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_unique() {
        let id = note_id(
            "2026-03-02",
            "Ran a knowledge-sharing session on tracing!",
            &[],
        );
        assert_eq!(
            id,
            "note:2026-03-02:ran-a-knowledge-sharing-session-on-tracing"
        );
        assert_eq!(
            note_id(
                "2026-03-02",
                "Ran a knowledge-sharing session on tracing",
                std::slice::from_ref(&id)
            ),
            format!("{id}-2")
        );
    }
}
