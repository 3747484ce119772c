//! Author times of commits read straight from the pack files, inflating only the first
//! few hundred bytes of each commit (its header) instead of the whole object.
//!
//! The walk scans every commit committed before the period for its author time (see
//! [`super::history`]); through libgit2 each scan inflates the whole commit, message and
//! all, and that was most of the cost of a short period on a long history. Here a commit
//! stored whole in a pack (version 2 index) is found through the index, and its zlib
//! stream is inflated only until the `author` line is complete. Anything else (a loose
//! object, a commit stored as a delta, an unexpected format) answers None, and the caller
//! reads that commit through libgit2 as before.

use flate2::{Decompress, FlushDecompress, Status};
use git2::Oid;
use memmap2::Mmap;
use std::path::Path;

/// The packs of one repository, mapped.
pub struct PackHeaders {
    packs: Vec<Pack>,
}

struct Pack {
    idx: Mmap,
    data: Mmap,
    count: usize,
}

const IDX_MAGIC: &[u8] = b"\xfftOc";
/// Header bytes inflated at a time; a longer header (many parents) gets more, up to
/// `MAX_READ`.
const FIRST_READ: usize = 512;
const MAX_READ: usize = 64 * 1024;

impl PackHeaders {
    /// Maps the version 2 packs under `objects/pack` of a git directory.
    pub fn open(git_dir: &Path) -> PackHeaders {
        let mut packs = Vec::new();
        let dir = git_dir.join("objects/pack");
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "idx")
                && let Some(pack) = Pack::open(&path)
            {
                packs.push(pack);
            }
        }
        PackHeaders { packs }
    }

    /// The author time of a commit stored whole in a pack; None when it is not (the
    /// caller then reads it another way).
    pub fn author_time(&self, id: Oid, inflater: &mut Decompress) -> Option<i64> {
        self.packs.iter().find_map(|p| {
            let offset = p.offset_of(id.as_bytes())?;
            p.commit_author_time(offset, inflater)
        })
    }
}

impl Pack {
    fn open(idx_path: &Path) -> Option<Pack> {
        let map = |p: &Path| {
            let file = std::fs::File::open(p).ok()?;
            // SAFETY: pack and index files are never modified in place by git (new
            // ones are written under new names and renamed), so the mapping stays valid.
            #[allow(unsafe_code)] // the one unsafe block in evident ([lints] in Cargo.toml)
            unsafe { Mmap::map(&file) }.ok()
        };
        let idx = map(idx_path)?;
        let data = map(&idx_path.with_extension("pack"))?;
        if idx.len() < 8 + 256 * 4 || &idx[..4] != IDX_MAGIC || be32(&idx[4..8]) != 2 {
            return None;
        }
        let count = be32(&idx[8 + 255 * 4..8 + 256 * 4]) as usize;
        if idx.len() < 8 + 256 * 4 + count * (20 + 4 + 4) || data.get(..4) != Some(b"PACK") {
            return None;
        }
        Some(Pack { idx, data, count })
    }

    /// Where the object is in the pack, from the index: fan-out table, then a binary
    /// search among the ids that share its first byte.
    fn offset_of(&self, id: &[u8]) -> Option<usize> {
        let fanout = |i: usize| be32(&self.idx[8 + i * 4..12 + i * 4]) as usize;
        let first = usize::from(*id.first()?);
        let (mut lo, mut hi) = (
            if first == 0 { 0 } else { fanout(first - 1) },
            fanout(first),
        );
        let ids = 8 + 256 * 4;
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.idx[ids + mid * 20..ids + mid * 20 + 20].cmp(id) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return self.offset_at(mid),
            }
        }
        None
    }

    fn offset_at(&self, i: usize) -> Option<usize> {
        let offsets = 8 + 256 * 4 + self.count * 24;
        let small = be32(&self.idx[offsets + i * 4..offsets + i * 4 + 4]);
        if small & 0x8000_0000 == 0 {
            return Some(small as usize);
        }
        let large = offsets + self.count * 4 + (small & 0x7fff_ffff) as usize * 8;
        let bytes: [u8; 8] = self.idx.get(large..large + 8)?.try_into().ok()?;
        usize::try_from(u64::from_be_bytes(bytes)).ok()
    }

    /// The author time of the commit at `offset`, if the entry is a whole commit.
    fn commit_author_time(&self, offset: usize, inflater: &mut Decompress) -> Option<i64> {
        let mut pos = offset;
        let mut byte = *self.data.get(pos)?;
        let kind = (byte >> 4) & 7;
        while byte & 0x80 != 0 {
            pos += 1;
            byte = *self.data.get(pos)?;
        }
        pos += 1;
        if kind != 1 {
            return None; // a delta, or not a commit
        }
        let stream = self.data.get(pos..)?;
        let mut out = Vec::with_capacity(FIRST_READ);
        inflater.reset(true);
        loop {
            out.reserve(FIRST_READ);
            let consumed = inflater.total_in() as usize;
            let status = inflater
                .decompress_vec(&stream[consumed..], &mut out, FlushDecompress::None)
                .ok()?;
            if let Some(time) = complete_author_time(&out) {
                return time;
            }
            if status != Status::Ok || out.len() >= MAX_READ {
                return None;
            }
        }
    }
}

/// Some(answer) once the header text holds its whole `author` line (or ended without
/// one); None while more text is needed.
fn complete_author_time(text: &[u8]) -> Option<Option<i64>> {
    let mut rest = text;
    loop {
        let end = rest.iter().position(|&c| c == b'\n')?;
        let line = &rest[..end];
        if line.is_empty() {
            return Some(None);
        }
        if line.starts_with(b"author ") {
            return Some(super::history::author_time(&rest[..=end]));
        }
        rest = &rest[end + 1..];
    }
}

fn be32(b: &[u8]) -> u32 {
    u32::from_be_bytes([b[0], b[1], b[2], b[3]])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_author_line_must_be_complete() {
        assert_eq!(complete_author_time(b"tree x\nparent y\nauth"), None);
        assert_eq!(complete_author_time(b"tree x\nauthor A <a> 12"), None);
        assert_eq!(
            complete_author_time(b"tree x\nauthor A <a> 12 +0000\n"),
            Some(Some(12))
        );
        assert_eq!(complete_author_time(b"tree x\n\nbody"), Some(None));
    }
}
