//! The integration tests: one binary, a module per area.

mod bad_input;
mod classification;
mod classifier;
mod common;
mod git_collect;
mod git_parity;
mod github;
mod judgement;
mod layout;
mod notes;
mod render;
mod review_learning;
mod reviews;
mod sharing;
mod stages;
mod store;
mod team;
