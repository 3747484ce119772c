//! Notes as evidence: the notes dated in the collected period join the evidence file as
//! one more source.

use super::file::{Note, NotesFile, day_of, parse_date};
use crate::model::evidence::{EvidenceFile, SourceSummary};
use crate::model::unseen::plural;
use crate::model::{Evidence, Kind, Period, Unseen, UnseenKind, sort_evidence};
use chrono::{DateTime, Utc};
use serde_json::json;
use std::path::Path;

/// What becomes of the notes in the period that name no author.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ownerless {
    /// They are the person's: a run for one person (whoever keeps the notes file).
    Count,
    /// They are nobody's: a team run, where they cannot be told apart.
    Skip,
}

impl NotesFile {
    /// Notes in the period that belong to the person (by `identities`), as evidence, and
    /// how many in the period name no author (counted too, or left out, per `ownerless`;
    /// either way the caller says so).
    pub fn evidence(
        &self,
        identities: &[String],
        author: &str,
        period: Period,
        ownerless: Ownerless,
    ) -> (Vec<Evidence>, usize) {
        let mut without_author = 0;
        let found = self
            .note
            .iter()
            .filter_map(|n| {
                let when = in_period(n, period)?;
                match n.belongs_to(identities) {
                    Some(false) => return None,
                    None => {
                        without_author += 1;
                        if ownerless == Ownerless::Skip {
                            return None;
                        }
                    }
                    Some(true) => {}
                }
                Some(note_evidence(n, author, when))
            })
            .collect();
        (found, without_author)
    }

    /// How many notes in the period name no author (in a team, nobody's).
    pub fn without_author_in(&self, period: Period) -> usize {
        self.note
            .iter()
            .filter(|n| in_period(n, period).is_some() && n.author.is_none())
            .count()
    }
}

/// When the note's day shares a moment with the period: its time there (noon, or the
/// nearest moment of its day inside the period).
fn in_period(n: &Note, period: Period) -> Option<DateTime<Utc>> {
    let (start, end) = day_of(&n.date)?;
    if end <= period.since || start >= period.until {
        return None;
    }
    let noon = parse_date(&n.date)?;
    let last = period.until - chrono::Duration::seconds(1);
    Some(noon.clamp(period.since.max(start), last.min(end)))
}

fn note_evidence(n: &Note, author: &str, when: DateTime<Utc>) -> Evidence {
    let mut e = Evidence::new(n.id.clone(), Kind::Note, n.text.clone());
    e.author = author.to_string();
    e.timestamp = Some(when);
    e.body = n.details.clone().unwrap_or_default();
    e.url = n.link.clone();
    e.repo = n.repo.clone().unwrap_or_default();
    if !n.signals.is_empty() {
        e.meta.insert("signals".into(), json!(n.signals));
    }
    e
}

/// Adds the person's notes that fall in the collected period to the evidence, as a
/// `notes` source (kept at `path`). Evidence with no collected period (JSON Lines) gets
/// none. Notes that name no author are counted, and the collection says so.
pub fn add_notes(file: &mut EvidenceFile, notes: &NotesFile, path: &Path) {
    let Some((extra, ownerless)) = person_notes(file, notes, Ownerless::Count) else {
        return;
    };
    if let Some(c) = file.collection.as_mut() {
        if !extra.is_empty() {
            c.sources.push(notes_source(path, extra.len()));
        }
        if ownerless > 0 {
            let message = format!(
                "{} in {} {} no author, so {} counted for whoever runs evident: add `author = \"you@example.com\"` to {} (`evident note add` records it)",
                plural(ownerless, "note", "notes"),
                path.display(),
                if ownerless == 1 { "names" } else { "name" },
                if ownerless == 1 { "it is" } else { "they are" },
                if ownerless == 1 { "it" } else { "each" },
            );
            c.add_unseen(Unseen::new(
                path.display().to_string(),
                UnseenKind::NotesWithoutAuthor,
                message,
            ));
        }
    }
    file.evidence.extend(extra);
    sort_evidence(&mut file.evidence);
}

/// Adds a team member's own notes in their collected period (`evident team`): notes that
/// name the member by one of their identities. Notes that name no author belong to no
/// member (the team's overview counts them).
pub fn add_member_notes(file: &mut EvidenceFile, notes: &NotesFile, path: &Path) {
    let Some((extra, _)) = person_notes(file, notes, Ownerless::Skip) else {
        return;
    };
    if let Some(c) = file.collection.as_mut()
        && !extra.is_empty()
    {
        c.sources.push(notes_source(path, extra.len()));
    }
    file.evidence.extend(extra);
    sort_evidence(&mut file.evidence);
}

/// The notes of the evidence's person in its collected period; None without a period.
fn person_notes(
    file: &EvidenceFile,
    notes: &NotesFile,
    ownerless: Ownerless,
) -> Option<(Vec<Evidence>, usize)> {
    let c = file.collection.as_ref()?;
    let (since, until) = (c.since?, c.until?);
    let author = c.identities.first().cloned().unwrap_or_default();
    Some(notes.evidence(&c.identities, &author, Period::new(since, until), ownerless))
}

fn notes_source(path: &Path, items: usize) -> SourceSummary {
    SourceSummary {
        name: "notes".into(),
        path: path.display().to_string(),
        items,
        web_url: None,
        kinds: vec![crate::model::Kind::Note.as_str().to_string()],
        ..Default::default()
    }
}
