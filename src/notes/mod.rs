//! Manual evidence and the person's own decisions, kept in one human-editable TOML file:
//! notes for what git cannot see (interviews, talks, incidents handled off-repo, people
//! mentored), items excluded, and items relabelled. Decisions are applied last, so they
//! hold every time the portfolio is regenerated.
//!
//! ```toml
//! [[note]]
//! id = "note:2026-03-02:ran-a-knowledge-sharing-session-on-tracing"
//! date = "2026-03-02"
//! text = "Ran a knowledge-sharing session on tracing"
//! signals = ["mentoring"]
//! link = "https://wiki.example/tracing-talk"
//!
//! [[exclude]]
//! id = "git:acme/widgets:1a2b3c..."
//! reason = "vendored code"
//!
//! [[relabel]]
//! id = "git:acme/widgets:4d5e6f..."
//! signals = ["incident"]
//! ```

//!
//! Here the file is read ([`file`]), edited with its comments and order kept ([`edit`]),
//! turned into evidence ([`evidence`]) and into the decisions `classify` applies
//! ([`NotesFile::decisions`]).

pub mod edit;
pub mod evidence;
pub mod file;

pub use evidence::{add_member_notes, add_notes};
pub use file::NotesFile;

use crate::error::Result;
use crate::model::Decisions;
use std::path::Path;

/// Reads the notes file at `path` and checks its signals against the vocabulary.
pub fn load(path: &Path, vocabulary: &[String]) -> Result<NotesFile> {
    let file = NotesFile::read(path)?;
    file.validate(path, vocabulary)?;
    Ok(file)
}

impl NotesFile {
    /// The decisions (exclusions, relabellings) the file holds; `source` names the file
    /// in the reasons `explain` shows.
    pub fn decisions(&self, source: &str) -> Decisions {
        Decisions {
            excluded: self
                .exclude
                .iter()
                .map(|x| (x.id.clone(), x.reason.clone()))
                .collect(),
            relabelled: self
                .relabel
                .iter()
                .map(|r| (r.id.clone(), (r.signals.clone(), r.reason.clone())))
                .collect(),
            source: source.to_string(),
        }
    }
}
