//! Changes to the notes file from the command line (`evident note add|remove`,
//! `evident exclude`, `evident relabel`): edited as a TOML document, so the person's
//! comments and order survive, and written atomically.
//!
//! Every change is read, made and written under an exclusive lock on a file beside the
//! notes (`.<notes file name>.lock`), so changes made at the same time (twenty `note add`
//! from a script) all survive: each waits for the one before it, then reads what it wrote.

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
    /// Whose note it is: `Name <email>`, an email or a name; None when nobody could be
    /// named (the note then counts for whoever runs evident).
    pub author: Option<String>,
}

/// What `add_note` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Added {
    /// A new note, with its id.
    New(String),
    /// The same note (date, text, author, signals, link, repository) was already there:
    /// nothing was added.
    Already(String),
}

/// Adds a note and returns its id. Its signals must be in the vocabulary, its date a
/// date and its link a web link. The same note twice is added once; a note with the
/// same date and text but other details is refused (remove the old one first).
pub fn add_note(
    path: &Path,
    note: &NewNote,
    vocabulary: &[String],
    now: DateTime<Utc>,
) -> Result<Added> {
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
    let _lock = lock(path)?;
    let existing = NotesFile::read(path)?;
    if let Some(old) = existing.note.iter().find(|n| {
        n.date == date
            && n.text.trim() == note.text.trim()
            && (n.author.is_none() || note.author.is_none() || n.author == note.author)
    }) {
        let same = old.signals == note.signals && old.link == note.link && old.repo == note.repo;
        if same {
            return Ok(Added::Already(old.id.clone()));
        }
        return Err(Error::usage(format!(
            "{} already holds this note ({}), with other signals, link or repository",
            path.display(),
            old.id
        ))
        .with_hint(format!(
            "to change it, remove it first (`evident note remove {}`) and add it again, or edit the file",
            old.id
        )));
    }
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
    if let Some(a) = &note.author {
        t.insert("author", value(a.as_str()));
    }
    push_table(&mut doc, "note", t)?;
    save_doc(path, &doc)?;
    Ok(Added::New(id))
}

/// Holds the notes file's lock until dropped (the operating system drops it when the
/// process ends, however it ends). Waits while another change holds it.
fn lock(path: &Path) -> Result<std::fs::File> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| crate::config::settings::NOTES_FILE.to_string());
    let lock_path = path.with_file_name(format!(".{name}.lock"));
    if let Some(dir) = lock_path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Error::io("create the folder", dir, e))?;
    }
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| Error::io("open the notes lock", &lock_path, e))?;
    file.lock()
        .map_err(|e| Error::io("lock the notes file through", &lock_path, e))?;
    Ok(file)
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
    let _lock = lock(path)?;
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
    let _lock = lock(path)?;
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
    let _lock = lock(path)?;
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
