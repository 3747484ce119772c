//! The integration tests: one binary, a module per area.

// Tests report what they skip and measure on their own output.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod bad_input;
mod classification;
mod classifier;
mod common;
mod conventions;
mod faults;
mod fuzz;
mod git_collect;
mod git_parity;
mod github;
mod judgement;
mod layout;
mod notes;
mod render;
mod review_learning;
mod reviews;
mod settings;
mod sharing;
mod stages;
mod store;
mod team;
