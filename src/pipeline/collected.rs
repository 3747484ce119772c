//! What was collected, for checking the ids a person gives `exclude` and `relabel`: the
//! items of the last run's portfolio, the evidence in the store, and the notes. A short id
//! resolves to the full one; an id that names nothing is an error with the nearest ids,
//! never a decision that silently matches nothing.

use super::render::last_portfolio_path;
use super::stage_io::{parse_evidence, parse_portfolio, read_input};
use crate::error::{Error, Result};
use crate::model::ids::{Lookup, lookup};
use crate::notes::NotesFile;
use std::path::{Path, PathBuf};

/// The ids that were collected, and a description of where they were found.
#[derive(Debug, Default)]
pub struct Collected {
    pub ids: Vec<String>,
    pub places: Vec<String>,
}

/// Where the ids to check against are.
#[derive(Debug, Clone)]
pub enum Lookin {
    /// What was collected: the last run's portfolio and the evidence in the store, and
    /// the notes.
    Collected {
        store: Option<PathBuf>,
        notes: PathBuf,
    },
    /// An evidence or portfolio file (`--input`), for evidence classified from a file.
    File(PathBuf),
}

/// The ids of an evidence or portfolio file.
pub fn file_ids(path: &Path) -> Result<Collected> {
    let name = path.display().to_string();
    let text = read_input("evidence or portfolio", path)?;
    let is_portfolio =
        serde_json::from_str::<serde_json::Value>(&text).is_ok_and(|v| v.get("areas").is_some());
    let ids = if is_portfolio {
        parse_portfolio(&name, &text)?
            .items
            .into_iter()
            .map(|i| i.evidence.id)
            .collect()
    } else {
        parse_evidence(&name, &text)?
            .evidence
            .into_iter()
            .map(|e| e.id)
            .collect()
    };
    Ok(Collected {
        ids,
        places: vec![name],
    })
}

/// The ids in the last run's portfolio and the store at `store`, and the notes at `notes`.
pub fn collected_ids(store: Option<&Path>, notes: &Path) -> Collected {
    let mut out = Collected::default();
    if let Some(dir) = store {
        let last = last_portfolio_path(dir);
        if let Some((ids, made)) = portfolio_ids(&last) {
            out.ids.extend(ids);
            out.places.push(format!(
                "the last run's portfolio ({}, made {made})",
                last.display()
            ));
        }
        if let Ok(sources) = crate::store::source::read_sources(dir)
            && !sources.is_empty()
        {
            for (_, file) in sources.values() {
                out.ids.extend(file.evidence.iter().map(|e| e.id.clone()));
            }
            out.places.push(format!("the store {}", dir.display()));
        }
    }
    if let Ok(file) = NotesFile::read(notes)
        && !file.note.is_empty()
    {
        out.ids.extend(file.note.iter().map(|n| n.id.clone()));
        out.places.push(format!("the notes in {}", notes.display()));
    }
    out.ids.sort_unstable();
    out.ids.dedup();
    out
}

/// The item ids of a portfolio JSON, and when it was made.
fn portfolio_ids(path: &Path) -> Option<(Vec<String>, String)> {
    let text = std::fs::read_to_string(path).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    let ids = v
        .get("items")?
        .as_array()?
        .iter()
        .filter_map(|i| i.get("id")?.as_str().map(str::to_string))
        .collect();
    let made = v
        .get("generated_at")
        .and_then(|g| g.as_str())
        .map(|g| g.get(..10).unwrap_or(g).to_string())
        .unwrap_or_else(|| "at an unknown time".into());
    Some((ids, made))
}

/// The full id of a collected item that `wanted` names (the whole id, a unique prefix, or
/// a commit SHA prefix). Usage errors (exit 2): nothing collected to check against, no
/// match (with the nearest ids), or several matches.
pub fn resolve_collected_id(wanted: &str, lookin: &Lookin) -> Result<String> {
    let collected = match lookin {
        Lookin::Collected { store, notes } => collected_ids(store.as_deref(), notes),
        Lookin::File(path) => file_ids(path)?,
    };
    if collected.ids.is_empty() {
        return Err(Error::usage(format!(
            "there is nothing collected to check `{wanted}` against: no portfolio from a previous run, no store and no notes"
        ))
        .with_hint("run `evident run` first (it keeps its portfolio for `explain`, `exclude` and `relabel`), then take the id from its appendix; or check it against an evidence file with --input FILE"));
    }
    let looked = collected.places.join(", and ");
    match lookup(wanted, &collected.ids) {
        Lookup::One(id) => Ok(id.to_string()),
        Lookup::Many(ids) => Err(Error::usage(format!(
            "`{wanted}` names more than one collected item: {}",
            ids.join(", ")
        ))
        .with_hint("give more of the id")),
        Lookup::None(near) => {
            let hint = if near.is_empty() {
                "ids are in the portfolio's appendix and its JSON (e.g. git:owner/repo:SHA); a unique prefix or a commit SHA prefix is enough".to_string()
            } else {
                format!("the nearest ids: {}", near.join(", "))
            };
            Err(Error::usage(format!(
                "no collected item has the id `{wanted}` (looked in {looked})"
            ))
            .with_hint(hint))
        }
    }
}
