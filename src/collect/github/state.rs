//! What the GitHub collection keeps between pages and runs: every record fetched so far
//! and the cursor of the last finished run. The collector hands it to a [`Checkpoint`]
//! after every page, so an interrupted run keeps what it fetched; the pipeline gives it
//! one that writes into the store.

use crate::error::Result;
use crate::model::Evidence;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Where the collection loads its state from and saves it to (the store, in the
/// pipeline).
pub trait Checkpoint {
    /// The state a previous run left for this login on this host, if any. An error is
    /// reported as a warning, and everything is fetched again.
    fn load(&self, host: &str, login: &str) -> Result<Option<GithubState>>;
    /// Keeps the state so far: called after every page, and when the run ends.
    fn save(&self, state: &GithubState) -> Result<()>;
}

pub const GITHUB_STATE_VERSION: u32 = 1;

/// What evident remembers of one GitHub identity on one host.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GithubState {
    pub version: u32,
    pub host: String,
    pub login: String,
    /// The "now" of the last run that finished: everything updated before it, from
    /// `covered_since` on, is in `evidence`. `None` until a run finishes.
    #[serde(default)]
    pub cursor: Option<DateTime<Utc>>,
    /// The start of the period the finished runs covered.
    #[serde(default)]
    pub covered_since: Option<DateTime<Utc>>,
    /// The search terms that limited the runs (`user:` / `repo:` from `[github] include`):
    /// a run with other terms fetches everything again.
    #[serde(default)]
    pub scope: String,
    /// Every record fetched so far, by id (newer fetches replace older ones).
    #[serde(default, with = "by_id")]
    pub evidence: BTreeMap<String, Evidence>,
}

impl GithubState {
    pub fn new(host: &str, login: &str) -> GithubState {
        GithubState {
            version: GITHUB_STATE_VERSION,
            host: host.to_string(),
            login: login.to_string(),
            ..GithubState::default()
        }
    }

    /// Adds or replaces records by id: the newer fetch wins.
    pub fn merge(&mut self, records: impl IntoIterator<Item = Evidence>) {
        for r in records {
            self.evidence.insert(r.id.clone(), r);
        }
    }
}

/// Stored as a list (stable, readable), held as a map.
mod by_id {
    use super::*;
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(
        map: &BTreeMap<String, Evidence>,
        s: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        s.collect_seq(map.values())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> std::result::Result<BTreeMap<String, Evidence>, D::Error> {
        let list: Vec<Evidence> = Vec::deserialize(d)?;
        Ok(list.into_iter().map(|e| (e.id.clone(), e)).collect())
    }
}
