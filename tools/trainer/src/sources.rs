//! `training/sources.toml`: the repositories the corpus is read from, the commit each was
//! read at, and which side of the split each is on.

use crate::Result;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Sources {
    #[serde(rename = "repo")]
    pub repos: Vec<Source>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// `owner/name` on GitHub.
    pub name: String,
    /// The commit the corpus is read from (the newest commit read).
    pub commit: String,
    pub language: String,
    /// Repositories of one family are always on the same side of the split.
    pub family: String,
    /// `train` or `heldout`.
    pub split: String,
    /// Words or emoji with the project's own meaning: a signal, or "" for none.
    #[serde(default)]
    pub overrides: BTreeMap<String, String>,
}

impl Source {
    pub fn heldout(&self) -> bool {
        self.split == "heldout"
    }
    pub fn overrides(&self) -> evident::classify::conventions::Overrides {
        let mut o = evident::classify::conventions::Overrides::default();
        for (k, v) in &self.overrides {
            o.words
                .insert(k.to_lowercase(), (!v.is_empty()).then(|| v.to_string()));
        }
        o
    }
}

pub fn load(path: &Path) -> Result<Sources> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let sources: Sources = toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    for s in &sources.repos {
        if s.split != "train" && s.split != "heldout" {
            return Err(format!(
                "{}: repository {}: split must be \"train\" or \"heldout\", not {:?}",
                path.display(),
                s.name,
                s.split
            ));
        }
    }
    Ok(sources)
}

/// The reserved commit ids, or `None` when the list is not there (said by the caller).
/// The default `../shared/eval/...` is tried from the repository's folder and, for a git
/// worktree kept one level deeper (`wt/NAME`), from its parent.
pub fn reserved(path: &Path) -> Result<Option<std::collections::HashSet<String>>> {
    let deeper = Path::new("..").join(path);
    let path = if !path.exists() && path.starts_with("..") && deeper.exists() {
        deeper.as_path()
    } else {
        path
    };
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(
            text.lines()
                .map(|l| l.trim().to_lowercase())
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .collect(),
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("cannot read {}: {e}", path.display())),
    }
}
