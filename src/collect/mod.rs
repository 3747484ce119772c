//! Where evidence is born: git repositories, GitHub, and the person's own notes.

pub mod git;
pub mod github;
pub mod notes;
