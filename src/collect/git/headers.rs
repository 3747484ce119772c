//! Author times of commits read straight from the pack files, inflating only the first
//! few hundred bytes of each commit (its header) instead of the whole object.
//!
//! The walk scans every commit committed before the period for its author time (see
//! [`super::history`]); through libgit2 each scan inflates the whole commit, message and
//! all, and that was most of the cost of a short period on a long history. Here a commit
//! stored whole in a pack (version 2 index) is found through the index, and its deflate
//! stream is inflated 256 bytes at a time only until the `author` line is complete. Anything
//! else (a loose object, a commit stored as a delta, an unexpected format) answers None,
//! and the caller reads that commit through libgit2 as before.
//!
//! What is left of the cost is the inflater's setup of each stream's Huffman tables, which
//! no inflater avoids (measured on git/git's 54,000 older commits stored whole: about 32,000
//! instructions a header with the system zlib, 45,000 with zlib-rs, 83,000 with
//! miniz_oxide). The stream is inflated raw, past its two-byte zlib header, so no Adler-32
//! checksum is computed over the bytes read (a damaged object is caught by git, not here:
//! a wrong time would at worst read one more commit whole), and one [`Scanner`] per task
//! reuses its inflater and buffer from commit to commit.

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
/// Header bytes inflated at a time: a commit's `tree`, one `parent` and `author` lines
/// take about 200 bytes, and a step much larger than that inflates bytes never looked at
/// (512 costs 9% more instructions, 128 4% more). A longer header (many parents) gets
/// more steps, up to `MAX_READ`.
const STEP: usize = 256;
const MAX_READ: usize = 64 * 1024;

/// One task's inflater and buffer, reused from commit to commit, and where in which
/// index the last commit was found: commits scanned in id order are looked up from there
/// (a galloping search over nearby index entries instead of a binary search over the
/// whole fan-out bucket; 40% less time in the index on git/git).
pub struct Scanner {
    inflater: Decompress,
    text: Vec<u8>,
    last: Option<(usize, usize)>,
}

impl Default for Scanner {
    fn default() -> Scanner {
        Scanner {
            inflater: Decompress::new(false),
            text: Vec::with_capacity(4 * STEP),
            last: None,
        }
    }
}

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
    pub fn author_time(&self, id: Oid, scanner: &mut Scanner) -> Option<i64> {
        self.packs.iter().enumerate().find_map(|(i, p)| {
            let from = scanner.last.filter(|l| l.0 == i).map(|l| l.1);
            let (offset, at) = p.offset_of(id.as_bytes(), from)?;
            scanner.last = Some((i, at));
            p.commit_author_time(offset, scanner)
        })
    }
}

impl Pack {
    fn open(idx_path: &Path) -> Option<Pack> {
        let map = |p: &Path| {
            let file = std::fs::File::open(p).ok()?;
            // SAFETY: pack and index files are never modified in place by git (new
            // ones are written under new names and renamed), so the mapping stays valid.
            #[allow(unsafe_code)] // one of two unsafe blocks in evident ([lints] in Cargo.toml)
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

    /// Where the object is in the pack, and its position in the index: fan-out table, then
    /// a binary search among the ids that share its first byte, started by galloping from
    /// position `from` when that entry is at or before the id.
    fn offset_of(&self, id: &[u8], from: Option<usize>) -> Option<(usize, usize)> {
        let fanout = |i: usize| be32(&self.idx[8 + i * 4..12 + i * 4]) as usize;
        let name = |i: usize| &self.idx[8 + 256 * 4 + i * 20..8 + 256 * 4 + i * 20 + 20];
        let first = usize::from(*id.first()?);
        let (mut lo, mut hi) = (
            if first == 0 { 0 } else { fanout(first - 1) },
            fanout(first),
        );
        if let Some(from) = from.filter(|&f| lo <= f && f < hi && name(f) <= id) {
            let mut step = 1;
            lo = from;
            while lo + step < hi && name(lo + step) <= id {
                lo += step;
                step *= 2;
            }
            hi = hi.min(lo + step + 1);
        }
        while lo < hi {
            let mid = (lo + hi) / 2;
            match name(mid).cmp(id) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some((self.offset_at(mid)?, mid)),
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
    fn commit_author_time(&self, offset: usize, scanner: &mut Scanner) -> Option<i64> {
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
        let stream = deflate_stream(self.data.get(pos..)?)?;
        let Scanner { inflater, text, .. } = scanner;
        inflater.reset(false);
        text.clear();
        // Where the line being inflated starts: earlier lines are not read again.
        let mut line = 0;
        loop {
            let have = text.len();
            text.resize(have + STEP, 0);
            let (consumed, before) = (inflater.total_in() as usize, inflater.total_out());
            let status = inflater.decompress(
                stream.get(consumed..)?,
                &mut text[have..],
                FlushDecompress::None,
            );
            text.truncate(have + (inflater.total_out() - before) as usize);
            match complete_author_time(&text[line..]) {
                Ok(time) => return time,
                Err(read) => line += read,
            }
            if status.ok()? != Status::Ok || text.len() >= MAX_READ {
                return None;
            }
        }
    }
}

/// The deflate stream inside a zlib stream, when its two-byte header is a plain one
/// (deflate, no preset dictionary, valid check bits).
fn deflate_stream(zlib: &[u8]) -> Option<&[u8]> {
    let (cmf, flg) = (*zlib.first()?, *zlib.get(1)?);
    let plain = cmf & 0x0f == 8 && cmf >> 4 <= 7 && flg & 0x20 == 0;
    (plain && (u16::from(cmf) << 8 | u16::from(flg)) % 31 == 0).then(|| &zlib[2..])
}

/// Ok(answer) once the header text holds its whole `author` line (or ended without
/// one); while more text is needed, Err(the length of the complete lines before it).
fn complete_author_time(text: &[u8]) -> Result<Option<i64>, usize> {
    let mut start = 0;
    loop {
        let rest = &text[start..];
        let Some(end) = rest.iter().position(|&c| c == b'\n') else {
            return Err(start);
        };
        let line = &rest[..end];
        if line.is_empty() {
            return Ok(None);
        }
        if line.starts_with(b"author ") {
            return Ok(super::history::author_time(&rest[..=end]));
        }
        start += end + 1;
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
        assert_eq!(complete_author_time(b"tree x\nparent y\nauth"), Err(16));
        assert_eq!(complete_author_time(b"tree x\nauthor A <a> 12"), Err(7));
        assert_eq!(
            complete_author_time(b"tree x\nauthor A <a> 12 +0000\n"),
            Ok(Some(12))
        );
        assert_eq!(complete_author_time(b"tree x\n\nbody"), Ok(None));
    }

    #[test]
    fn only_a_plain_zlib_header_is_skipped() {
        assert_eq!(deflate_stream(b"\x78\x9c\x01"), Some(&b"\x01"[..]));
        assert_eq!(deflate_stream(b"\x78\x01\x01"), Some(&b"\x01"[..]));
        assert_eq!(deflate_stream(b"\x78\x9d\x01"), None, "check bits");
        assert_eq!(deflate_stream(b"\x78\xbb\x01"), None, "preset dictionary");
        assert_eq!(deflate_stream(b"\x79\x9c"), None, "not deflate");
    }

    #[test]
    fn a_commit_is_read_from_a_pack_and_a_delta_is_not() {
        // A pack made by git itself: the scanner must agree with the commit's own header.
        let dir = tempfile::tempdir().unwrap();
        let repo = git2::Repository::init_bare(dir.path()).unwrap();
        let sig = git2::Signature::new("A", "a@x", &git2::Time::new(1_650_000_000, 0)).unwrap();
        let tree = repo.treebuilder(None).unwrap().write().unwrap();
        let tree = repo.find_tree(tree).unwrap();
        let mut parent = None;
        let mut ids = Vec::new();
        for i in 0..40 {
            let author = git2::Signature::new("A", "a@x", &git2::Time::new(1_000 + i, 60)).unwrap();
            let parents: Vec<git2::Commit> = parent
                .iter()
                .map(|p| repo.find_commit(*p).unwrap())
                .collect();
            let refs: Vec<&git2::Commit> = parents.iter().collect();
            let id = repo
                .commit(
                    Some("HEAD"),
                    &author,
                    &sig,
                    &"x".repeat(300 * i as usize),
                    &tree,
                    &refs,
                )
                .unwrap();
            ids.push(id);
            parent = Some(id);
        }
        let mut pb = repo.packbuilder().unwrap();
        pb.insert_walk(&mut {
            let mut w = repo.revwalk().unwrap();
            w.push_head().unwrap();
            w
        })
        .unwrap();
        pb.write(&dir.path().join("objects/pack"), 0o644).unwrap();
        let packs = PackHeaders::open(dir.path());
        let mut scanner = Scanner::default();
        for (i, id) in ids.iter().enumerate() {
            let time = packs.author_time(*id, &mut scanner);
            assert!(time.is_none_or(|t| t == 1_000 + i as i64), "{time:?}");
        }
        assert_eq!(packs.author_time(ids[0], &mut scanner), Some(1_000));
        // In id order each lookup starts from the one before: the same answers as a
        // plain binary search, for every object of the pack (commits, deltas and trees).
        let pack = &packs.packs[0];
        let mut sorted: Vec<Oid> = (0..pack.count)
            .map(|i| Oid::from_bytes(&pack.idx[8 + 256 * 4 + i * 20..][..20]).unwrap())
            .collect();
        sorted.sort();
        assert!(sorted.len() > 40);
        let mut from = None;
        for id in sorted {
            let plain = pack.offset_of(id.as_bytes(), None).expect("in the index");
            assert_eq!(pack.offset_of(id.as_bytes(), from), Some(plain));
            from = Some(plain.1);
        }
        assert_eq!(
            packs.author_time(Oid::from_bytes(&[0xff; 20]).unwrap(), &mut scanner),
            None
        );
    }
}
