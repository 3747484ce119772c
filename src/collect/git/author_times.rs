//! The author times the walk has already scanned, kept in the store between runs.
//!
//! The walk must know the author time of every commit committed before the period (see
//! [`super::history`]); a commit's author time never changes, so once scanned it is kept
//! here, and the next run on the same repository scans only the commits it has not seen:
//! after the first run the cost of a period no longer grows with the history.
//!
//! One file per repository, `<store>/author-times/<key>.bin`: an 8-byte magic, then
//! records of 28 bytes (commit id, author time as little-endian i64) sorted by id. It is
//! written atomically and only read back if its magic and length are right; a file that
//! is not is ignored and rewritten. Without a store (`--no-store`) nothing is kept.

use git2::Oid;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

const MAGIC: &[u8; 8] = b"EVAT\x01\0\0\0";
const RECORD: usize = 28;

/// Known author times, and the ones found during this run.
#[derive(Default)]
pub struct AuthorTimes {
    path: Option<PathBuf>,
    /// Sorted records.
    known: Vec<u8>,
    found: Mutex<Vec<(Oid, i64)>>,
}

impl AuthorTimes {
    /// Nothing known, nothing kept.
    pub fn none() -> AuthorTimes {
        AuthorTimes::default()
    }

    /// The author times kept for the repository at `git_dir` in the store at `store_dir`.
    pub fn load(store_dir: &Path, git_dir: &Path) -> AuthorTimes {
        let canonical = std::fs::canonicalize(git_dir).unwrap_or_else(|_| git_dir.to_path_buf());
        let key = git2::Oid::hash_object(
            git2::ObjectType::Blob,
            canonical.to_string_lossy().as_bytes(),
        )
        .map(|o| o.to_string())
        .unwrap_or_default();
        let path = store_dir
            .join("author-times")
            .join(format!("{}.bin", &key[..16.min(key.len())]));
        let known = std::fs::read(&path)
            .ok()
            .filter(|b| b.len() >= MAGIC.len() && b.starts_with(MAGIC))
            .map(|b| b[MAGIC.len()..].to_vec())
            .filter(|b| b.len() % RECORD == 0)
            .unwrap_or_default();
        AuthorTimes {
            path: Some(path),
            known,
            found: Mutex::new(Vec::new()),
        }
    }

    /// The author times kept in the store at `store_dir` for the repository at
    /// `git_dir`, or none when there is no store.
    pub fn kept_in(store_dir: Option<&Path>, git_dir: &Path) -> AuthorTimes {
        match store_dir {
            Some(dir) => AuthorTimes::load(dir, git_dir),
            None => AuthorTimes::none(),
        }
    }

    /// [`AuthorTimes::save`], where failing loses nothing: the next run scans those
    /// commits again.
    pub fn keep(self) {
        if let Err(e) = self.save() {
            tracing::debug!("author times not kept: {e}");
        }
    }

    /// The author time of a commit scanned before.
    pub fn get(&self, id: Oid) -> Option<i64> {
        let n = self.known.len() / RECORD;
        let key = id.as_bytes();
        let (mut lo, mut hi) = (0, n);
        while lo < hi {
            let mid = (lo + hi) / 2;
            let rec = &self.known[mid * RECORD..(mid + 1) * RECORD];
            match rec[..20].cmp(key) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => {
                    return Some(i64::from_le_bytes(rec[20..].try_into().ok()?));
                }
            }
        }
        None
    }

    /// Remembers author times scanned in this run. Times already known are left out, so
    /// a run that learns nothing new does not rewrite the file.
    pub fn add(&self, mut found: Vec<(Oid, i64)>) {
        if self.path.is_none() {
            return;
        }
        found.retain(|(id, _)| self.get(*id).is_none());
        if !found.is_empty() {
            self.found
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .extend(found);
        }
    }

    /// Writes the known and new author times back, when there are new ones.
    pub fn save(self) -> std::io::Result<()> {
        let found = self.found.into_inner().unwrap_or_else(|e| e.into_inner());
        let Some(path) = self.path else {
            return Ok(());
        };
        if found.is_empty() {
            return Ok(());
        }
        let mut records: Vec<[u8; RECORD]> = self
            .known
            .chunks_exact(RECORD)
            .filter_map(|c| c.try_into().ok())
            .collect();
        for (id, time) in found {
            let mut rec = [0u8; RECORD];
            rec[..20].copy_from_slice(id.as_bytes());
            rec[20..].copy_from_slice(&time.to_le_bytes());
            records.push(rec);
        }
        records.sort_unstable_by(|a, b| a[..20].cmp(&b[..20]));
        records.dedup_by(|a, b| a[..20] == b[..20]);
        let mut bytes = Vec::with_capacity(MAGIC.len() + records.len() * RECORD);
        bytes.extend_from_slice(MAGIC);
        for r in &records {
            bytes.extend_from_slice(r);
        }
        let dir = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
        std::io::Write::write_all(&mut tmp, &bytes)?;
        tmp.persist(&path).map_err(|e| e.error)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_found_in_one_run_are_known_in_the_next() {
        let store = tempfile::tempdir().unwrap();
        let id = |n: u8| Oid::from_bytes(&[n; 20]).unwrap();
        let first = AuthorTimes::load(store.path(), Path::new("/some/repo/.git"));
        assert_eq!(first.get(id(1)), None);
        first.add(vec![(id(2), 200), (id(1), -5)]);
        first.save().unwrap();
        let second = AuthorTimes::load(store.path(), Path::new("/some/repo/.git"));
        assert_eq!(
            (second.get(id(1)), second.get(id(2))),
            (Some(-5), Some(200))
        );
        assert_eq!(second.get(id(3)), None);
        let other = AuthorTimes::load(store.path(), Path::new("/other/repo/.git"));
        assert_eq!(other.get(id(1)), None, "one file per repository");
    }

    #[test]
    fn a_run_that_learns_nothing_new_does_not_rewrite_the_file() {
        let store = tempfile::tempdir().unwrap();
        let id = |n: u8| Oid::from_bytes(&[n; 20]).unwrap();
        let repo = Path::new("/some/repo/.git");
        let first = AuthorTimes::load(store.path(), repo);
        let path = first.path.clone().unwrap();
        first.add(vec![(id(1), 100)]);
        first.save().unwrap();
        std::fs::write(&path, b"sentinel: not rewritten").unwrap();
        // A run that knows id(1) and finds only id(1) again.
        let mut again = AuthorTimes::load(store.path(), repo);
        again.known = [id(1).as_bytes(), &100i64.to_le_bytes()[..]].concat();
        again.add(vec![(id(1), 100)]);
        again.save().unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"sentinel: not rewritten");
    }

    #[test]
    fn a_damaged_file_is_ignored() {
        let store = tempfile::tempdir().unwrap();
        let times = AuthorTimes::load(store.path(), Path::new("/r"));
        let path = times.path.clone().unwrap();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, b"EVAT\x01\0\0\0short").unwrap();
        assert_eq!(
            AuthorTimes::load(store.path(), Path::new("/r")).known.len(),
            0
        );
    }
}
