//! The integration tests: one binary, a module per area.

mod common;
mod git_collect;
