//! The pipeline, as plain functions over the model: what every command runs.
//!
//! [`select`] resolves what to collect (repositories, person, period, GitHub);
//! [`collect`] runs the collectors and lets the store reuse or keep each source;
//! [`assemble`] merges the sources into one evidence file (GitHub dedup, notes, order);
//! [`classify`] loads rubric, rules and decisions and makes the portfolio; [`render`]
//! turns it into text. [`stage_io`] reads and writes the stage files (evidence and
//! portfolio JSON, outputs). [`team`] and [`identities`] run the same steps per member
//! of a team file; [`explain`] tells why an item counts. [`complete`] decides, after the
//! outputs are written, whether the run saw everything (exit code 1 when not).
//!
//! The pipeline never sees the command line: commands map their arguments to the plain
//! option structs here ([`select::SelectOptions`], [`classify::RulesOptions`], ...).

pub mod assemble;
pub mod classify;
pub mod collect;
pub mod collected;
pub mod complete;
pub mod explain;
pub mod identities;
pub mod render;
pub mod select;
pub mod stage_io;
pub mod team;
