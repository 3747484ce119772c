//! The person's own decisions about items, as plain data for `classify`: items left out,
//! and items given other signals. They are kept in the notes file (`crate::notes`), so
//! they hold across runs.

use std::collections::HashMap;

#[derive(Debug, Clone, Default)]
pub struct Decisions {
    /// Item id to the reason given, if any.
    pub excluded: HashMap<String, Option<String>>,
    /// Item id to its new signals and the reason given, if any.
    pub relabelled: HashMap<String, (Vec<String>, Option<String>)>,
    /// Where the decisions are kept, for the reasons `explain` shows.
    pub source: String,
}
