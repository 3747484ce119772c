//! Plain data that flows between the stages. No I/O here.

pub mod bots;
pub mod decisions;
pub mod evidence;
pub mod generated;
pub mod ids;
pub mod period;
pub mod person;
pub mod pipeline;
pub mod portfolio;
pub mod redact;
pub mod refs;
pub mod schema;
pub mod signals;
pub mod team;
pub mod unseen;

pub use decisions::Decisions;
pub use evidence::{Evidence, EvidenceFile, Kind, count_people_reviewed, sort_evidence};
pub use period::Period;
pub use person::Person;
pub use portfolio::Portfolio;
pub use unseen::{Unseen, UnseenKind};
