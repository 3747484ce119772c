//! Where evidence is born: git repositories, GitHub, and the person's own notes.

pub mod git;
