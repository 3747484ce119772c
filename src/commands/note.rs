//! `evident note add|list|remove`, `evident exclude`, `evident relabel`: the person's own
//! evidence and decisions, written into the notes file with comments and order preserved.

use super::{Context, write_atomic, write_output};
use crate::classify::Decisions;
use crate::cli::{ExcludeArgs, NoteAction, NoteArgs, RelabelArgs};
use crate::collect::notes::{self, NotesFile};
use crate::config::rubric::Rubric;
use crate::error::{Error, Result};
use crate::model::evidence::EvidenceFile;
use crate::model::sort_evidence;
use std::fmt::Write;
use std::path::PathBuf;
use toml_edit::{Array, DocumentMut, Item, Table, value};

impl Context {
    /// The notes file in use.
    pub fn notes_path(&self) -> PathBuf {
        notes::notes_path(
            self.config.notes.as_deref(),
            self.config_file.as_deref(),
            self.env.config_dir.as_deref(),
        )
    }

    fn notes_file(&self, rubric: &Rubric) -> Result<NotesFile> {
        let path = self.notes_path();
        let file = NotesFile::read(&path)?;
        file.validate(&path, &rubric.vocabulary())?;
        Ok(file)
    }

    /// The person's decisions (exclusions, relabellings) from the notes file.
    pub fn decisions(&self, rubric: &Rubric) -> Result<Decisions> {
        let file = self.notes_file(rubric)?;
        Ok(Decisions::from_notes(
            &file,
            &self.notes_path().display().to_string(),
        ))
    }

    /// Adds the notes that fall in the collected period to the evidence.
    pub fn add_notes(&self, file: &mut EvidenceFile, rubric: &Rubric) -> Result<()> {
        let notes = self.notes_file(rubric)?;
        let Some(c) = &file.collection else {
            return Ok(());
        };
        let (Some(since), Some(until)) = (c.since, c.until) else {
            return Ok(());
        };
        let author = c.identities.first().cloned().unwrap_or_default();
        let extra = notes.evidence(&author, since, until);
        if let Some(c) = file.collection.as_mut()
            && !extra.is_empty()
        {
            c.sources.push(crate::model::evidence::SourceSummary {
                name: "notes".into(),
                path: self.notes_path().display().to_string(),
                items: extra.len(),
                web_url: None,
            });
        }
        file.evidence.extend(extra);
        sort_evidence(&mut file.evidence);
        Ok(())
    }
}

pub fn run(ctx: &Context, args: &NoteArgs) -> Result<()> {
    let (rubric, _) = ctx.rubric_and_rules(&Default::default())?;
    let path = ctx.notes_path();
    match &args.action {
        NoteAction::Add {
            text,
            signals,
            date,
            link,
            repo,
        } => {
            check_signals(signals, &rubric)?;
            if text.trim().is_empty() {
                return Err(Error::usage("a note needs text").with_hint("evident note add \"Ran a knowledge-sharing session on tracing\" --signal mentoring"));
            }
            let date = match date {
                Some(d) => {
                    notes::parse_date(d).ok_or_else(|| {
                        Error::usage(format!("`{d}` is not a date"))
                            .with_hint("write it as YYYY-MM-DD")
                    })?;
                    d.clone()
                }
                None => ctx.env.now.format("%Y-%m-%d").to_string(),
            };
            if let Some(l) = link
                && !(l.starts_with("https://") || l.starts_with("http://"))
            {
                return Err(Error::usage(format!("`{l}` is not a web link"))
                    .with_hint("links start with https:// or http://"));
            }
            let existing = NotesFile::read(&path)?;
            let ids: Vec<String> = existing.note.iter().map(|n| n.id.clone()).collect();
            let id = notes::note_id(&date, text, &ids);
            let mut doc = load_doc(&path)?;
            let mut t = Table::new();
            t.insert("id", value(id.as_str()));
            t.insert("date", value(date.as_str()));
            t.insert("text", value(text.as_str()));
            if !signals.is_empty() {
                t.insert(
                    "signals",
                    value(signals.iter().map(String::as_str).collect::<Array>()),
                );
            }
            if let Some(l) = link {
                t.insert("link", value(l.as_str()));
            }
            if let Some(r) = repo {
                t.insert("repo", value(r.as_str()));
            }
            push_table(&mut doc, "note", t)?;
            save_doc(&path, &doc)?;
            eprintln!("added {id} to {}", path.display());
            Ok(())
        }
        NoteAction::List => {
            let file = NotesFile::read(&path)?;
            let mut out = String::new();
            for n in &file.note {
                let _ = writeln!(
                    out,
                    "{}  {}  [{}]{}",
                    n.id,
                    n.text,
                    n.signals.join(", "),
                    n.link
                        .as_ref()
                        .map(|l| format!("  {l}"))
                        .unwrap_or_default()
                );
            }
            for x in &file.exclude {
                let _ = writeln!(
                    out,
                    "excluded  {}{}",
                    x.id,
                    x.reason
                        .as_ref()
                        .map(|r| format!("  ({r})"))
                        .unwrap_or_default()
                );
            }
            for r in &file.relabel {
                let _ = writeln!(out, "relabelled  {} -> {}", r.id, r.signals.join(", "));
            }
            if out.is_empty() {
                eprintln!("no notes or decisions in {}", path.display());
            }
            write_output(&out, None)
        }
        NoteAction::Remove { id } => {
            let mut doc = load_doc(&path)?;
            let mut removed = 0;
            for key in ["note", "exclude", "relabel"] {
                if let Some(arr) = doc.get_mut(key).and_then(Item::as_array_of_tables_mut) {
                    let before = arr.len();
                    arr.retain(|t| t.get("id").and_then(Item::as_str) != Some(id.as_str()));
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
            save_doc(&path, &doc)?;
            eprintln!("removed {id} from {}", path.display());
            Ok(())
        }
    }
}

pub fn exclude(ctx: &Context, args: &ExcludeArgs) -> Result<()> {
    let path = ctx.notes_path();
    let mut doc = load_doc(&path)?;
    remove_decision(&mut doc, "exclude", &args.id);
    let mut t = Table::new();
    t.insert("id", value(args.id.as_str()));
    if let Some(r) = &args.reason {
        t.insert("reason", value(r.as_str()));
    }
    push_table(&mut doc, "exclude", t)?;
    save_doc(&path, &doc)?;
    eprintln!(
        "{} is left out of every portfolio from now on (in {}; `evident note remove {}` undoes it)",
        args.id,
        path.display(),
        args.id
    );
    Ok(())
}

pub fn relabel(ctx: &Context, args: &RelabelArgs) -> Result<()> {
    let (rubric, _) = ctx.rubric_and_rules(&Default::default())?;
    check_signals(&args.signals, &rubric)?;
    let path = ctx.notes_path();
    let mut doc = load_doc(&path)?;
    remove_decision(&mut doc, "relabel", &args.id);
    let mut t = Table::new();
    t.insert("id", value(args.id.as_str()));
    t.insert(
        "signals",
        value(args.signals.iter().map(String::as_str).collect::<Array>()),
    );
    if let Some(r) = &args.reason {
        t.insert("reason", value(r.as_str()));
    }
    push_table(&mut doc, "relabel", t)?;
    save_doc(&path, &doc)?;
    eprintln!(
        "{} now has signals {} (in {})",
        args.id,
        args.signals.join(", "),
        path.display()
    );
    Ok(())
}

fn check_signals(signals: &[String], rubric: &Rubric) -> Result<()> {
    let vocabulary = rubric.vocabulary();
    for s in signals {
        if !vocabulary.contains(s) {
            return Err(Error::usage(format!("unknown signal `{s}`"))
                .with_hint(format!("known signals: {}", vocabulary.join(", "))));
        }
    }
    Ok(())
}

fn load_doc(path: &std::path::Path) -> Result<DocumentMut> {
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

fn save_doc(path: &std::path::Path, doc: &DocumentMut) -> Result<()> {
    let mut text = doc.to_string();
    if !text.starts_with('#') {
        text = format!(
            "# evident notes and decisions: edit freely (see README \"Notes and decisions\").\n\n{text}"
        );
    }
    write_atomic(path, text.as_bytes())
}
