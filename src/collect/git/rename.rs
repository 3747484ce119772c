//! Rename detection as `git diff` does it by default (`diffcore-rename`): the same pairs,
//! so that line counts equal `git log --numstat`'s.
//!
//! Written from the description of git's algorithm (not from its code):
//!
//! 1. **Exact renames.** Each added file, in the order of the tree diff, takes a deleted
//!    file with the same blob id, if one is left: preferring one with the same file name
//!    (the part after the last `/`), else the first. When either side is not a regular
//!    file (a symlink, a submodule), the modes must be equal too. At most 100 candidates
//!    are looked at per added file.
//! 2. **Same file name.** A deleted file whose name is unique among the deleted files left,
//!    and an added file whose name is unique among the added files left, are paired when
//!    their similarity is at least 75% (halfway between the 50% threshold and 100%).
//! 3. **Inexact renames.** Unless `deleted × added` exceeds `diff.renameLimit`² (1000²
//!    by default), every pair left is scored; each added file keeps its four best
//!    sources; all kept pairs are sorted by score (then same file name first, then
//!    order) and taken greedily, best first, down to 50%.
//!
//! Similarity only exists between regular files: a symlink or a submodule is renamed only
//! when it is unchanged. The score of a pair is the share of the larger file's bytes that
//! the added file took from the deleted one, counted on chunks that end at a newline or
//! after 64 bytes, each chunk known by a hash (see [`SpanCounts`]); pairs whose sizes
//! differ too much are not scored at all.

use git2::Oid;
use std::cmp::Ordering;
use std::collections::HashMap;

/// A score of 100% similarity.
pub const MAX_SCORE: u64 = 60_000;
/// Git's default threshold, `-M50%`.
pub const MIN_SCORE: u64 = 30_000;
/// The threshold for pairs found through their file name: halfway from 50% to 100%.
const MIN_BASENAME_SCORE: u64 = MIN_SCORE + (MAX_SCORE - MIN_SCORE) / 2;
/// Candidates kept per added file in the inexact phase.
const CANDIDATES_PER_DST: usize = 4;
/// Identical blobs looked at per added file in the exact phase.
const EXACT_CANDIDATES: usize = 100;
/// Chunks are hashed into this many buckets (a prime between 2^16 and 2^17).
const HASH_BASE: u32 = 107_927;
/// Git decides that content is binary from a NUL in its first 8,000 bytes.
pub const BINARY_CHECK_BYTES: usize = 8000;

const MODE_TYPE: i32 = 0o170000;
const MODE_REGULAR: i32 = 0o100000;

/// One side of a file change: blob id and mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Side {
    pub id: Oid,
    pub mode: i32,
}

impl Side {
    pub fn is_regular(&self) -> bool {
        self.mode & MODE_TYPE == MODE_REGULAR
    }
}

/// What rename detection needs to read: blob sizes and contents, and whether a path is
/// marked binary by attributes.
pub trait Contents {
    fn size(&mut self, id: Oid) -> Option<u64>;
    fn data(&mut self, id: Oid) -> Option<&[u8]>;
    fn binary_by_attributes(&mut self, path: &[u8]) -> bool;
}

/// A deleted file that may be a rename source.
pub struct Source<'a> {
    pub path: &'a [u8],
    pub side: Side,
}

/// An added file that may be a rename destination.
pub type Destination<'a> = Source<'a>;

/// The renames: for each destination index, the source index it was renamed from.
pub fn detect(
    sources: &[Source],
    dests: &[Destination],
    rename_limit: usize,
    contents: &mut dyn Contents,
) -> Vec<Option<usize>> {
    let mut paired: Vec<Option<usize>> = vec![None; dests.len()];
    if sources.is_empty() || dests.is_empty() {
        return paired;
    }
    let mut used = vec![false; sources.len()];
    exact_renames(sources, dests, &mut used, &mut paired);
    let mut scorer = Scorer::default();
    basename_renames(
        sources,
        dests,
        &mut used,
        &mut paired,
        &mut scorer,
        contents,
    );
    inexact_renames(
        sources,
        dests,
        &mut used,
        &mut paired,
        rename_limit,
        &mut scorer,
        contents,
    );
    paired
}

fn exact_renames(
    sources: &[Source],
    dests: &[Destination],
    used: &mut [bool],
    paired: &mut [Option<usize>],
) {
    let mut by_id: HashMap<Oid, Vec<usize>> = HashMap::new();
    for (i, s) in sources.iter().enumerate() {
        by_id.entry(s.side.id).or_default().push(i);
    }
    for (d, dst) in dests.iter().enumerate() {
        let Some(same) = by_id.get(&dst.side.id) else {
            continue;
        };
        let mut best: Option<(usize, u8)> = None;
        let mut looked = 0;
        for &s in same {
            let src = &sources[s];
            let modes_ok =
                (src.side.is_regular() && dst.side.is_regular()) || src.side.mode == dst.side.mode;
            if !modes_ok || used[s] {
                continue;
            }
            let score = 1 + u8::from(same_basename(src.path, dst.path));
            if best.is_none_or(|(_, b)| score > b) {
                best = Some((s, score));
                if score == 2 {
                    break;
                }
            }
            looked += 1;
            if looked == EXACT_CANDIDATES {
                break;
            }
        }
        if let Some((s, _)) = best {
            used[s] = true;
            paired[d] = Some(s);
        }
    }
}

fn basename_renames(
    sources: &[Source],
    dests: &[Destination],
    used: &mut [bool],
    paired: &mut [Option<usize>],
    scorer: &mut Scorer,
    contents: &mut dyn Contents,
) {
    // File name -> the one index carrying it, or None when several do.
    let mut src_names: HashMap<&[u8], Option<usize>> = HashMap::new();
    for (i, s) in sources.iter().enumerate().filter(|(i, _)| !used[*i]) {
        src_names
            .entry(basename(s.path))
            .and_modify(|e| *e = None)
            .or_insert(Some(i));
    }
    let mut dst_names: HashMap<&[u8], Option<usize>> = HashMap::new();
    for (i, d) in dests
        .iter()
        .enumerate()
        .filter(|(i, _)| paired[*i].is_none())
    {
        dst_names
            .entry(basename(d.path))
            .and_modify(|e| *e = None)
            .or_insert(Some(i));
    }
    for s in 0..sources.len() {
        if used[s] {
            continue;
        }
        let name = basename(sources[s].path);
        let (Some(Some(_)), Some(Some(d))) = (src_names.get(name), dst_names.get(name)) else {
            continue;
        };
        let d = *d;
        if paired[d].is_some() {
            continue;
        }
        let score = scorer.similarity(&sources[s], &dests[d], MIN_BASENAME_SCORE, contents);
        if score >= MIN_BASENAME_SCORE {
            used[s] = true;
            paired[d] = Some(s);
        }
    }
}

/// A scored (source, destination) pair of the inexact phase.
#[derive(Debug, Clone, Copy)]
struct Scored {
    /// None: an empty slot, sorted after every scored pair.
    dst: Option<usize>,
    src: usize,
    score: u64,
    same_name: bool,
}

/// Git's order of scored pairs: empty slots last, then higher score first, then a pair
/// with the same file name first. `Greater` means `a` comes after `b`.
fn pair_order(a: &Scored, b: &Scored) -> Ordering {
    match (a.dst, b.dst) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        _ => b
            .score
            .cmp(&a.score)
            .then_with(|| b.same_name.cmp(&a.same_name)),
    }
}

/// Keeps `o` among a destination's candidates if it beats the worst kept one.
fn keep_if_better(kept: &mut [Scored; CANDIDATES_PER_DST], o: Scored) {
    let mut worst = 0;
    for i in 1..CANDIDATES_PER_DST {
        if pair_order(&kept[i], &kept[worst]) == Ordering::Greater {
            worst = i;
        }
    }
    if pair_order(&kept[worst], &o) == Ordering::Greater {
        kept[worst] = o;
    }
}

fn inexact_renames(
    sources: &[Source],
    dests: &[Destination],
    used: &mut [bool],
    paired: &mut [Option<usize>],
    rename_limit: usize,
    scorer: &mut Scorer,
    contents: &mut dyn Contents,
) {
    let left_src: Vec<usize> = (0..sources.len()).filter(|s| !used[*s]).collect();
    let left_dst: Vec<usize> = (0..dests.len()).filter(|d| paired[*d].is_none()).collect();
    if left_src.is_empty() || left_dst.is_empty() {
        return;
    }
    // Beyond the limit git skips inexact detection altogether (a limit of 0: no limit).
    let limit = rename_limit as u128;
    if limit > 0 && (left_src.len() as u128) * (left_dst.len() as u128) > limit * limit {
        return;
    }
    let empty = Scored {
        dst: None,
        src: 0,
        score: 0,
        same_name: false,
    };
    let mut matrix = Vec::with_capacity(left_dst.len() * CANDIDATES_PER_DST);
    for &d in &left_dst {
        let mut kept = [empty; CANDIDATES_PER_DST];
        for &s in &left_src {
            let score = scorer.similarity(&sources[s], &dests[d], MIN_SCORE, contents);
            let same_name = same_basename(sources[s].path, dests[d].path);
            keep_if_better(
                &mut kept,
                Scored {
                    dst: Some(d),
                    src: s,
                    score,
                    same_name,
                },
            );
        }
        matrix.extend_from_slice(&kept);
    }
    // A stable sort: equal pairs stay in destination order, then slot order.
    matrix.sort_by(pair_order);
    for m in matrix {
        let Some(d) = m.dst else { break };
        if m.score < MIN_SCORE {
            break;
        }
        if paired[d].is_some() || used[m.src] {
            continue;
        }
        used[m.src] = true;
        paired[d] = Some(m.src);
    }
}

/// The part of a path after its last `/`.
fn basename(path: &[u8]) -> &[u8] {
    match path.iter().rposition(|&c| c == b'/') {
        Some(i) => &path[i + 1..],
        None => path,
    }
}

fn same_basename(a: &[u8], b: &[u8]) -> bool {
    basename(a) == basename(b)
}

/// Similarity scores, with each blob's chunk counts computed once.
#[derive(Default)]
struct Scorer {
    counts: HashMap<(Oid, bool), SpanCounts>,
}

impl Scorer {
    /// How much of the larger file the destination took from the source, out of
    /// [`MAX_SCORE`]; 0 when either is not a regular file, or when their sizes differ so
    /// much that the pair could not reach `min_score`.
    fn similarity(
        &mut self,
        src: &Source,
        dst: &Destination,
        min_score: u64,
        contents: &mut dyn Contents,
    ) -> u64 {
        if !src.side.is_regular() || !dst.side.is_regular() {
            return 0;
        }
        let (Some(src_size), Some(dst_size)) =
            (contents.size(src.side.id), contents.size(dst.side.id))
        else {
            return 0;
        };
        let max_size = src_size.max(dst_size);
        let delta = max_size - src_size.min(dst_size);
        if max_size * (MAX_SCORE - min_score) < delta * MAX_SCORE {
            return 0;
        }
        if dst_size == 0 {
            return 0;
        }
        let (Some(src_key), Some(dst_key)) = (self.count(src, contents), self.count(dst, contents))
        else {
            return 0;
        };
        self.counts[&src_key].copied_into(&self.counts[&dst_key]) * MAX_SCORE / max_size
    }

    /// Counts a file's chunks unless done already; the key of its counts.
    fn count(&mut self, file: &Source, contents: &mut dyn Contents) -> Option<(Oid, bool)> {
        let binary_attr = contents.binary_by_attributes(file.path);
        let data = contents.data(file.side.id)?;
        let key = (file.side.id, !binary_attr && !has_nul(data));
        self.counts
            .entry(key)
            .or_insert_with(|| SpanCounts::of(data, key.1));
        Some(key)
    }
}

/// Whether git takes content for binary: a NUL in its first 8,000 bytes.
pub fn has_nul(data: &[u8]) -> bool {
    data[..data.len().min(BINARY_CHECK_BYTES)].contains(&0)
}

/// A blob cut into chunks (each ends at a newline, or after 64 bytes), as bytes per
/// chunk hash, sorted by hash. In text, a CR just before a LF is not counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpanCounts(Vec<(u32, u64)>);

impl SpanCounts {
    pub fn of(data: &[u8], text: bool) -> SpanCounts {
        let mut spans: Vec<(u32, u64)> = Vec::with_capacity(data.len() / 24 + 1);
        let (mut a1, mut a2, mut n) = (0u32, 0u32, 0u64);
        for (i, &c) in data.iter().enumerate() {
            if text && c == b'\r' && data.get(i + 1) == Some(&b'\n') {
                continue;
            }
            let old = a1;
            a1 = (a1 << 7) ^ (a2 >> 25);
            a2 = (a2 << 7) ^ (old >> 25);
            a1 = a1.wrapping_add(u32::from(c));
            n += 1;
            if n < 64 && c != b'\n' {
                continue;
            }
            spans.push((span_hash(a1, a2), n));
            (a1, a2, n) = (0, 0, 0);
        }
        if n > 0 {
            spans.push((span_hash(a1, a2), n));
        }
        spans.sort_unstable_by_key(|&(h, _)| h);
        let mut merged: Vec<(u32, u64)> = Vec::with_capacity(spans.len());
        for (h, n) in spans {
            match merged.last_mut() {
                Some(last) if last.0 == h => last.1 += n,
                _ => merged.push((h, n)),
            }
        }
        SpanCounts(merged)
    }

    /// Bytes of `self` (the source) found again in `dst`: per chunk hash, the smaller
    /// of the two counts.
    pub fn copied_into(&self, dst: &SpanCounts) -> u64 {
        let (mut i, mut j, mut copied) = (0, 0, 0);
        let (a, b) = (&self.0, &dst.0);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                Ordering::Less => i += 1,
                Ordering::Greater => j += 1,
                Ordering::Equal => {
                    copied += a[i].1.min(b[j].1);
                    i += 1;
                    j += 1;
                }
            }
        }
        copied
    }
}

fn span_hash(a1: u32, a2: u32) -> u32 {
    a1.wrapping_add(a2.wrapping_mul(0x61)) % HASH_BASE
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Blobs in memory, keyed by a made-up id.
    struct Mem(HashMap<Oid, Vec<u8>>);

    impl Contents for Mem {
        fn size(&mut self, id: Oid) -> Option<u64> {
            self.0.get(&id).map(|d| d.len() as u64)
        }
        fn data(&mut self, id: Oid) -> Option<&[u8]> {
            self.0.get(&id).map(Vec::as_slice)
        }
        fn binary_by_attributes(&mut self, _: &[u8]) -> bool {
            false
        }
    }

    fn id(text: &str) -> Oid {
        Oid::hash_object(git2::ObjectType::Blob, text.as_bytes()).unwrap()
    }

    fn file<'a>(path: &'a str, text: &str) -> Source<'a> {
        Source {
            path: path.as_bytes(),
            side: Side {
                id: id(text),
                mode: 0o100644,
            },
        }
    }

    fn mem(texts: &[&str]) -> Mem {
        Mem(texts
            .iter()
            .map(|t| (id(t), t.as_bytes().to_vec()))
            .collect())
    }

    fn lines(n: usize, tag: &str) -> String {
        (0..n).map(|i| format!("{tag} line {i}\n")).collect()
    }

    #[test]
    fn chunks_end_at_newlines_or_after_64_bytes() {
        let text = SpanCounts::of(b"ab\ncd\nab\n", true);
        assert_eq!(text.0.iter().map(|s| s.1).sum::<u64>(), 9);
        assert_eq!(text.0.len(), 2, "two distinct chunks, `ab\\n` twice");
        let long = SpanCounts::of(&[b'x'; 130], false);
        assert_eq!(long.0.iter().map(|s| s.1).sum::<u64>(), 130);
        // CR before LF is ignored in text only.
        let crlf = SpanCounts::of(b"ab\r\n", true);
        assert_eq!(crlf, SpanCounts::of(b"ab\n", true));
        assert_ne!(SpanCounts::of(b"ab\r\n", false), crlf);
    }

    #[test]
    fn similar_files_pair_and_dissimilar_ones_do_not() {
        let old = lines(20, "a");
        let edited = format!("{}{}", lines(15, "a"), lines(5, "b"));
        let other = lines(20, "c");
        let mut m = mem(&[&old, &edited, &other]);
        let src = [file("src/old.rs", &old)];
        let dst = [file("src/new.rs", &edited), file("src/other.rs", &other)];
        assert_eq!(detect(&src, &dst, 1000, &mut m), vec![Some(0), None]);
    }

    #[test]
    fn below_half_similarity_is_no_rename() {
        let old = lines(20, "a");
        let edited = format!("{}{}", lines(9, "a"), lines(11, "b"));
        let mut m = mem(&[&old, &edited]);
        let src = [file("old.rs", &old)];
        let dst = [file("new.rs", &edited)];
        assert_eq!(detect(&src, &dst, 1000, &mut m), vec![None]);
    }

    #[test]
    fn exact_renames_prefer_the_same_file_name() {
        let text = lines(3, "same");
        let mut m = mem(&[&text]);
        let src = [file("a/one.txt", &text), file("b/two.txt", &text)];
        let dst = [file("c/two.txt", &text), file("d/three.txt", &text)];
        assert_eq!(detect(&src, &dst, 1000, &mut m), vec![Some(1), Some(0)]);
    }

    #[test]
    fn a_symlink_is_renamed_only_unchanged_and_only_to_a_symlink() {
        let target = "some/target";
        let mut m = mem(&[target, "other/target"]);
        let link = |path: &'static str, t: &str| Source {
            path: path.as_bytes(),
            side: Side {
                id: id(t),
                mode: 0o120000,
            },
        };
        let src = [link("l1", target)];
        assert_eq!(
            detect(&src, &[link("l2", target)], 1000, &mut m),
            vec![Some(0)]
        );
        assert_eq!(
            detect(&src, &[file("l2", target)], 1000, &mut m),
            vec![None]
        );
        assert_eq!(
            detect(&src, &[link("l2", "other/target")], 1000, &mut m),
            vec![None]
        );
    }

    #[test]
    fn over_the_limit_only_exact_and_same_name_renames_are_found() {
        let a = lines(20, "a");
        let a2 = format!("{}{}", lines(18, "a"), lines(2, "z"));
        let mut m = mem(&[&a, &a2]);
        let src = [file("x/a.rs", &a), file("x/b.rs", &a)];
        let dst = [file("y/c.rs", &a2)];
        // 2 x 1 > 1 x 1: inexact detection is skipped.
        assert_eq!(detect(&src, &dst, 1, &mut m), vec![None]);
        assert_eq!(detect(&src, &dst, 2, &mut m), vec![Some(0)]);
    }
}
