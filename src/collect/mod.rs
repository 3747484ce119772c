//! Where evidence is born: git repositories and GitHub. Collectors return what they
//! found; they never see the store (the pipeline asks it to reuse or keep results). The
//! person's own notes live in `crate::notes`.

pub mod git;
pub mod github;
