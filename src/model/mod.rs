//! Plain data that flows between the stages. No I/O here.

pub mod evidence;
pub mod portfolio;
pub mod redact;
pub mod team;

pub use evidence::{Evidence, EvidenceFile, Kind};
pub use portfolio::Portfolio;
