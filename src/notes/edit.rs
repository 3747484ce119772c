//! Changes to the notes file from the command line (`evident note add|remove`,
//! `evident exclude`, `evident relabel`): edited as a TOML document, so the person's
//! comments and order survive, and written atomically.

use super::file::{NotesFile, note_id, parse_date};
use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use std::path::Path;
use toml_edit::{Array, DocumentMut, Item, Table, value};

/// A note as `evident note add` is given it.
#[derive(Debug, Clone, Default)]
pub struct NewNote {
    pub text: String,
    pub signals: Vec<String>,
    /// `YYYY-MM-DD`; today when not given.
    pub date: Option<String>,
    pub link: Option<String>,
    pub repo: Option<String>,
}

/// Adds a note and returns its id. Its signals must be in the vocabulary, its date a
/// date and its link a web link.
pub fn add_note(
    path: &Path,
    note: &NewNote,
    vocabulary: &[String],
    now: DateTime<Utc>,
) -> Result<String> {
    check_signals(&note.signals, vocabulary)?;
    if note.text.trim().is_empty() {
        return Err(Error::usage("a note needs text").with_hint(
            "evident note add \"Ran a knowledge-sharing session on tracing\" --signal mentoring",
        ));
    }
    let date = note_date(note.date.as_deref(), now)?;
    if let Some(l) = &note.link
        && !(l.starts_with("https://") || l.starts_with("http://"))
    {
        return Err(Error::usage(format!("`{l}` is not a web link"))
            .with_hint("links start with https:// or http://"));
    }
    let existing = NotesFile::read(path)?;
    let ids: Vec<String> = existing.note.iter().map(|n| n.id.clone()).collect();
    let id = note_id(&date, &note.text, &ids);
    let mut doc = load_doc(path)?;
    let mut t = Table::new();
    t.insert("id", value(id.as_str()));
    t.insert("date", value(date.as_str()));
    t.insert("text", value(note.text.as_str()));
    if !note.signals.is_empty() {
        t.insert("signals", value(string_array(&note.signals)));
    }
    if let Some(l) = &note.link {
        t.insert("link", value(l.as_str()));
    }
    if let Some(r) = &note.repo {
        t.insert("repo", value(r.as_str()));
    }
    push_table(&mut doc, "note", t)?;
    save_doc(path, &doc)?;
    Ok(id)
}

/// The date given (checked), else today.
fn note_date(given: Option<&str>, now: DateTime<Utc>) -> Result<String> {
    match given {
        Some(d) => {
            parse_date(d).ok_or_else(|| {
                Error::usage(format!("`{d}` is not a date")).with_hint("write it as YYYY-MM-DD")
            })?;
            Ok(d.to_string())
        }
        None => Ok(now.format("%Y-%m-%d").to_string()),
    }
}

/// Removes the note or decisions with this id; an unknown id is a usage error.
pub fn remove(path: &Path, id: &str) -> Result<()> {
    let mut doc = load_doc(path)?;
    let mut removed = 0;
    for key in ["note", "exclude", "relabel"] {
        if let Some(arr) = doc.get_mut(key).and_then(Item::as_array_of_tables_mut) {
            let before = arr.len();
            arr.retain(|t| t.get("id").and_then(Item::as_str) != Some(id));
            removed += before - arr.len();
        }
    }
    if removed == 0 {
        return Err(Error::usage(format!(
            "no note or decision with id `{id}` in {}",
            path.display()
        ))
        .with_hint("`evident note list` shows the ids"));
    }
    save_doc(path, &doc)
}

/// Leaves an item out of every portfolio (replacing an earlier exclusion of it).
pub fn exclude(path: &Path, id: &str, reason: Option<&str>) -> Result<()> {
    let mut doc = load_doc(path)?;
    remove_decision(&mut doc, "exclude", id);
    let mut t = Table::new();
    t.insert("id", value(id));
    if let Some(r) = reason {
        t.insert("reason", value(r));
    }
    push_table(&mut doc, "exclude", t)?;
    save_doc(path, &doc)
}

/// Gives an item the person's signals (replacing an earlier relabelling of it).
pub fn relabel(
    path: &Path,
    id: &str,
    signals: &[String],
    reason: Option<&str>,
    vocabulary: &[String],
) -> Result<()> {
    check_signals(signals, vocabulary)?;
    let mut doc = load_doc(path)?;
    remove_decision(&mut doc, "relabel", id);
    let mut t = Table::new();
    t.insert("id", value(id));
    t.insert("signals", value(string_array(signals)));
    if let Some(r) = reason {
        t.insert("reason", value(r));
    }
    push_table(&mut doc, "relabel", t)?;
    save_doc(path, &doc)
}

fn string_array(items: &[String]) -> Array {
    items.iter().map(String::as_str).collect()
}

fn check_signals(signals: &[String], vocabulary: &[String]) -> Result<()> {
    for s in signals {
        if !vocabulary.contains(s) {
            return Err(Error::usage(format!("unknown signal `{s}`"))
                .with_hint(format!("known signals: {}", vocabulary.join(", "))));
        }
    }
    Ok(())
}

fn load_doc(path: &Path) -> Result<DocumentMut> {
    if !path.exists() {
        return Ok(DocumentMut::new());
    }
    let text = crate::config::read_text("notes file", path)?;
    // Parse with the strict reader first, for its located error messages.
    NotesFile::read(path)?;
    text.parse::<DocumentMut>()
        .map_err(|e| Error::config(format!("{}: {}", path.display(), e.message())))
}

fn push_table(doc: &mut DocumentMut, key: &str, t: Table) -> Result<()> {
    let entry = doc
        .entry(key)
        .or_insert(Item::ArrayOfTables(Default::default()));
    match entry.as_array_of_tables_mut() {
        Some(arr) => {
            arr.push(t);
            Ok(())
        }
        None => Err(Error::config(format!(
            "`{key}` in the notes file is not a list of [[{key}]] tables"
        ))),
    }
}

fn remove_decision(doc: &mut DocumentMut, key: &str, id: &str) {
    if let Some(arr) = doc.get_mut(key).and_then(Item::as_array_of_tables_mut) {
        arr.retain(|t| t.get("id").and_then(Item::as_str) != Some(id));
    }
}

fn save_doc(path: &Path, doc: &DocumentMut) -> Result<()> {
    let mut text = doc.to_string();
    if !text.starts_with('#') {
        text = format!("# evident notes and decisions: edit freely (see docs/notes.md).\n\n{text}");
    }
    crate::store::write_atomic_shared(path, text.as_bytes())
}
