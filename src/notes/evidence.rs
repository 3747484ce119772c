//! Notes as evidence: the notes dated in the collected period join the evidence file as
//! one more source.

use super::file::{Note, NotesFile, parse_date};
use crate::model::evidence::{EvidenceFile, SourceSummary};
use crate::model::{Evidence, Kind, Period, sort_evidence};
use chrono::{DateTime, Utc};
use serde_json::json;
use std::path::Path;

impl NotesFile {
    /// Notes in the period, as evidence.
    pub fn evidence(&self, author: &str, period: Period) -> Vec<Evidence> {
        self.note
            .iter()
            .filter_map(|n| {
                let when = parse_date(&n.date)?;
                period
                    .contains(when)
                    .then(|| note_evidence(n, author, when))
            })
            .collect()
    }
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

/// Adds the notes that fall in the collected period to the evidence, as a `notes` source
/// (kept at `path`). Evidence with no collected period (JSON Lines) gets none.
pub fn add_notes(file: &mut EvidenceFile, notes: &NotesFile, path: &Path) {
    let Some(c) = &file.collection else {
        return;
    };
    let (Some(since), Some(until)) = (c.since, c.until) else {
        return;
    };
    let author = c.identities.first().cloned().unwrap_or_default();
    let extra = notes.evidence(&author, Period::new(since, until));
    if let Some(c) = file.collection.as_mut()
        && !extra.is_empty()
    {
        c.sources.push(SourceSummary {
            name: "notes".into(),
            path: path.display().to_string(),
            items: extra.len(),
            web_url: None,
            kinds: vec![crate::model::Kind::Note.as_str().to_string()],
        });
    }
    file.evidence.extend(extra);
    sort_evidence(&mut file.evidence);
}
