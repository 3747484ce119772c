//! Combining stores built in shards (one CI job per group of repositories) into one.
//!
//! The result is the union of the shards' files. When two shards hold the same source,
//! the one collected later wins (for GitHub state: the later cursor); at a tie, the one
//! whose bytes sort last. Files are copied byte for byte, so the merged store depends only
//! on the set of shards, never on their order on the command line or on the clock.

use super::github::parse_state;
use super::handle::prune;
use super::source::{self, EVIDENCE_DIR, SourceFile};
use super::{Store, is_temp_name, write_atomic};
use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const GITHUB_DIR: &str = "github";

/// The union of shard stores, by file name.
#[derive(Debug, Default)]
pub struct Merged {
    /// `evidence/<key>.json`: key to (bytes, parsed).
    pub sources: BTreeMap<String, (Vec<u8>, SourceFile)>,
    /// `github/<name>.json`: file name to bytes.
    pub github: BTreeMap<String, Vec<u8>>,
}

/// Reads the shards and keeps, per file, the winner.
pub fn merge(shards: &[PathBuf]) -> Result<Merged> {
    let mut merged = Merged::default();
    let mut github_rank: BTreeMap<String, Option<DateTime<Utc>>> = BTreeMap::new();
    for shard in shards {
        check_shard(shard)?;
        for (key, (bytes, file)) in source::read_sources(shard)? {
            let wins = match merged.sources.get(&key) {
                None => true,
                Some((old_bytes, old)) => {
                    (file.collected_at, &bytes) > (old.collected_at, old_bytes)
                }
            };
            if wins {
                merged.sources.insert(key, (bytes, file));
            }
        }
        for (name, bytes, cursor) in read_github(shard)? {
            let wins = match (merged.github.get(&name), github_rank.get(&name)) {
                (Some(old_bytes), Some(old_cursor)) => (cursor, &bytes) > (*old_cursor, old_bytes),
                _ => true,
            };
            if wins {
                github_rank.insert(name.clone(), cursor);
                merged.github.insert(name, bytes);
            }
        }
    }
    Ok(merged)
}

/// Writes the merged files into an open store, and removes the files it held that no
/// shard has: the store then holds exactly the merge.
pub fn write(store: &Store, merged: &Merged) -> Result<()> {
    for (key, (bytes, _)) in &merged.sources {
        write_atomic(&source::source_path(store.dir(), key), bytes)?;
    }
    for (name, bytes) in &merged.github {
        write_atomic(&store.dir().join(GITHUB_DIR).join(name), bytes)?;
    }
    let keys: BTreeSet<String> = merged.sources.keys().cloned().collect();
    prune(&store.dir().join(EVIDENCE_DIR), &keys)?;
    let names: BTreeSet<String> = merged
        .github
        .keys()
        .filter_map(|n| n.strip_suffix(".json").map(str::to_string))
        .collect();
    prune(&store.dir().join(GITHUB_DIR), &names)?;
    Ok(())
}

fn check_shard(shard: &Path) -> Result<()> {
    if !shard.is_dir() {
        return Err(Error::usage(format!(
            "{} is not a folder: `evident merge` combines store folders",
            shard.display()
        ))
        .with_hint("pass the folders given to `evident collect --store DIR`"));
    }
    if !shard.join(EVIDENCE_DIR).is_dir() && !shard.join(GITHUB_DIR).is_dir() {
        return Err(Error::usage(format!(
            "{} is not an evident store: it has no evidence/ or github/ folder",
            shard.display()
        ))
        .with_hint("pass the folders given to `evident collect --store DIR`; a shard whose collection found nothing still has an evidence/ folder once a run completed"));
    }
    Ok(())
}

/// A GitHub state file of a shard: name, bytes and cursor.
type GithubFile = (String, Vec<u8>, Option<DateTime<Utc>>);

/// `github/*.json` of a shard.
fn read_github(shard: &Path) -> Result<Vec<GithubFile>> {
    let dir = shard.join(GITHUB_DIR);
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(out);
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".json") else {
            continue;
        };
        if is_temp_name(&name) || !source::valid_key(stem) {
            continue;
        }
        let path = entry.path();
        let bytes = std::fs::read(&path).map_err(|e| Error::io("read", &path, e))?;
        let state = parse_state(&path, &bytes)?;
        out.push((name, bytes, state.cursor));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::evidence::{Kind, SourceSummary};
    use crate::model::{Evidence, Period};
    use crate::store::source::{Fingerprint, SOURCE_SCHEMA, SourceInfo};

    fn shard(root: &Path, name: &str, when: &str, title: &str) -> PathBuf {
        let dir = root.join(name);
        let at: DateTime<Utc> = when.parse().unwrap();
        let file = SourceFile {
            schema: SOURCE_SCHEMA,
            source: SourceInfo::Git {
                path: "/r".into(),
                name: "r".into(),
            },
            fingerprint: Fingerprint::new(&Default::default(), Period::instant(at), None),
            collected_at: at,
            summary: SourceSummary::default(),
            warnings: vec![],
            github: None,
            evidence: vec![Evidence::new("git:r:1", Kind::Commit, title)],
        };
        let path = source::source_path(&dir, "git--r--0123456789");
        write_atomic(&path, &file.to_bytes().unwrap()).unwrap();
        dir
    }

    #[test]
    fn the_newer_source_wins_whatever_the_order_and_ties_are_broken_by_content() {
        let root = tempfile::tempdir().unwrap();
        let old = shard(root.path(), "old", "2026-01-01T00:00:00Z", "old");
        let new = shard(root.path(), "new", "2026-02-01T00:00:00Z", "new");
        let twin = shard(root.path(), "twin", "2026-02-01T00:00:00Z", "twin");
        let title = |shards: &[PathBuf]| {
            let m = merge(shards).unwrap();
            m.sources.values().next().unwrap().1.evidence[0]
                .title
                .clone()
        };
        assert_eq!(title(&[old.clone(), new.clone()]), "new");
        assert_eq!(title(&[new.clone(), old.clone()]), "new");
        let a = title(&[new.clone(), twin.clone(), old.clone()]);
        let b = title(&[twin, old, new]);
        assert_eq!(a, b);
    }
}
