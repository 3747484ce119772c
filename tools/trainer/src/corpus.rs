//! `evident-trainer corpus`: one labelled record a commit, read from bare clones of the
//! repositories in the sources file.
//!
//! A commit is kept when its project's convention labels its kind without contradiction
//! (src/classify/conventions.rs). Left out, and counted: merges, reverts, releases,
//! commits by bots, commits reserved for independent evaluation, unlabelled or
//! ambiguous titles, repeats of a title already taken, and whatever is over a cap.
//! The label prefix is removed from the title and from the body's lines; paths and line
//! counts come from evident's own collector (`diff_numbers`).

use crate::sources::{self, Source};
use crate::{Paths, Result};
use evident::classify::conventions;
use evident::collect::git::walk::{diff_numbers, split_message};
use git2::{Oid, Repository, Sort};
use rayon::prelude::*;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

#[derive(clap::Args)]
pub struct Args {
    /// A folder of bare clones, named OWNER+NAME.git (or OWNER+NAME, OWNER+NAME/repo).
    #[arg(long, value_name = "DIR")]
    pub clones: PathBuf,
    #[arg(long, value_name = "FILE", default_value_os_t = Paths::sources())]
    pub sources: PathBuf,
    #[arg(long, short, value_name = "FILE", default_value_os_t = Paths::corpus())]
    pub output: PathBuf,
    /// Commit ids never to use (one a line).
    #[arg(long, value_name = "FILE", default_value_os_t = Paths::reserved())]
    pub reserved: PathBuf,
    /// Read each clone at its HEAD and write that commit into the sources file.
    #[arg(long)]
    pub update_sources: bool,
    /// Newest commits looked at in each repository.
    #[arg(long, default_value_t = 20_000)]
    pub scan: usize,
    /// Commits kept at most from one repository.
    #[arg(long, default_value_t = 1_500)]
    pub per_repo: usize,
    /// Commits kept at most of one class from one repository.
    #[arg(long, default_value_t = 300)]
    pub per_class: usize,
    /// Threads (the diffs are the cost).
    #[arg(long, short, default_value_t = 2)]
    pub jobs: usize,
    /// Where each repository's records are kept once read, so the clones can be read in
    /// batches (and deleted) and the corpus assembled when every repository has been read.
    #[arg(long, value_name = "DIR", default_value_os_t = Paths::corpus().with_file_name("repos"))]
    pub cache: PathBuf,
    /// Read the clones that are there and keep their records in the cache; write the
    /// corpus only when every repository is read (else list the ones still missing).
    #[arg(long)]
    pub partial: bool,
    /// When a clone no longer holds the commit recorded in the sources file, read it at
    /// its HEAD and record that commit instead (each such repository is named).
    #[arg(long)]
    pub head_if_missing: bool,
}

/// Bytes of changed lines kept a commit, each side (added, deleted), and a file.
const CHANGED_TEXT: usize = 2_000;
const CHANGED_TEXT_PER_FILE: usize = 600;
/// Lines longer than this are generated or minified: not kept.
const CHANGED_LINE: usize = 300;

/// One labelled commit: the fields the classifier sees at run time, the label, and where
/// it came from.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Record {
    pub repo: String,
    pub commit: String,
    pub label: String,
    /// The prefix as written (`fix(ssr)`, `✨`), removed from the title.
    pub prefix: String,
    pub title: String,
    pub body: String,
    pub paths: Vec<String>,
    /// One letter a path (`A`dded, `D`eleted, `M`odified, `R`enamed...), as `git log
    /// --name-status` gives it.
    #[serde(default)]
    pub statuses: String,
    /// The diff's size; absent in records of a message alone (your own labelled data
    /// may have no diff), which the model then reads as evident reads such items.
    #[serde(default)]
    pub additions: Option<u64>,
    #[serde(default)]
    pub deletions: Option<u64>,
    #[serde(default)]
    pub files_changed: Option<u64>,
    /// The start of the added and the deleted lines (bounded; lockfiles, snapshots and
    /// long lines left out), for trying features of the diff's content.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub added_text: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub deleted_text: String,
}

/// Why commits were left out of one repository, and what was kept.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct RepoSummary {
    pub repo: String,
    pub commit: String,
    pub scanned: usize,
    pub kept: usize,
    pub by_class: BTreeMap<String, usize>,
    pub skipped: BTreeMap<String, usize>,
}

pub fn run(args: &Args) -> Result<()> {
    let mut sources = sources::load(&args.sources)?;
    let reserved = sources::reserved(&args.reserved)?;
    match &reserved {
        Some(r) => eprintln!(
            "reserved commits: {} ids from {}",
            r.len(),
            args.reserved.display()
        ),
        None => eprintln!(
            "warning: {} not found: reserved commits cannot be skipped (pass --reserved FILE)",
            args.reserved.display()
        ),
    }
    let empty = HashSet::new();
    let reserved_ids = reserved.as_ref().unwrap_or(&empty);
    let settings = settings(args, reserved_ids);
    std::fs::create_dir_all(&args.cache)
        .map_err(|e| format!("cannot create {}: {e}", args.cache.display()))?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.max(1))
        .build()
        .map_err(|e| e.to_string())?;
    let results: Vec<Result<Option<Cached>>> = pool.install(|| {
        sources
            .repos
            .par_iter()
            .map(|s| read_or_cached(args, s, reserved_ids, &settings))
            .collect()
    });
    let mut read = Vec::new();
    let mut missing = Vec::new();
    for (source, result) in sources.repos.iter_mut().zip(results) {
        match result.map_err(|e| format!("{}: {e}", source.name))? {
            Some(c) => {
                if c.commit != source.commit {
                    eprintln!(
                        "{}: the clone no longer holds {}; read at its HEAD {} (recorded in {})",
                        source.name,
                        source.commit,
                        c.commit,
                        args.sources.display()
                    );
                    source.commit = c.commit.clone();
                }
                read.push(c);
            }
            None => missing.push(source.name.clone()),
        }
    }
    if args.update_sources || args.head_if_missing {
        write_sources(&args.sources, &sources)?;
    }
    if !missing.is_empty() {
        let list = missing.join(" ");
        if args.partial {
            eprintln!(
                "{} of {} repositories read (cached in {}); still to read: {list}",
                read.len(),
                sources.repos.len(),
                args.cache.display()
            );
            return Ok(());
        }
        return Err(format!(
            "no clone in {} and no cached records for: {list} (clone them: git clone --bare https://github.com/OWNER/NAME {}/OWNER+NAME.git)",
            args.clones.display(),
            args.clones.display()
        ));
    }
    // Forks share commits: a commit counts once, for the first repository listed.
    let mut seen: HashSet<String> = HashSet::new();
    let mut all = Vec::new();
    let mut summaries = Vec::new();
    for (source, cached) in sources.repos.iter().zip(read) {
        let Cached {
            records,
            mut summary,
            ..
        } = cached;
        for r in records {
            if seen.insert(r.commit.clone()) {
                all.push(r);
            } else {
                *summary
                    .skipped
                    .entry("shared with an earlier repository".into())
                    .or_default() += 1;
                summary.kept -= 1;
                if let Some(n) = summary.by_class.get_mut(&r.label) {
                    *n -= 1;
                }
            }
        }
        eprintln!(
            "{:45} kept {:5} of {:6} scanned  {:?}",
            source.name, summary.kept, summary.scanned, summary.by_class
        );
        summaries.push(summary);
    }
    if let Some(dir) = args.output.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let mut out = std::io::BufWriter::new(
        std::fs::File::create(&args.output)
            .map_err(|e| format!("cannot write {}: {e}", args.output.display()))?,
    );
    for r in &all {
        serde_json::to_writer(&mut out, r).map_err(|e| e.to_string())?;
        out.write_all(b"\n").map_err(|e| e.to_string())?;
    }
    out.flush().map_err(|e| e.to_string())?;
    let summary_path = args.output.with_file_name("summary.json");
    let summary = serde_json::json!({
        "reserved_checked": reserved.is_some(),
        "records": all.len(),
        "repositories": summaries,
    });
    std::fs::write(
        &summary_path,
        serde_json::to_string_pretty(&summary).unwrap(),
    )
    .map_err(|e| format!("cannot write {}: {e}", summary_path.display()))?;
    let mut by_class: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &all {
        *by_class.entry(&r.label).or_default() += 1;
    }
    eprintln!(
        "{} records in {}: {by_class:?}",
        all.len(),
        args.output.display()
    );
    Ok(())
}

/// One repository's records as read, kept in the cache folder.
#[derive(Debug, Serialize, Deserialize)]
struct Cached {
    /// The commit read.
    commit: String,
    /// What the records depend on besides the commit (caps, reserved list, format).
    settings: String,
    summary: RepoSummary,
    records: Vec<Record>,
}

/// The cache is only reused when it was read with the same caps, reserved commits and
/// record format.
fn settings(args: &Args, reserved: &HashSet<String>) -> String {
    let mut ids: Vec<&String> = reserved.iter().collect();
    ids.sort();
    // FNV-1a over the sorted ids: a change to the list invalidates the cache.
    let mut h: u64 = 0xcbf29ce484222325;
    for id in ids {
        for b in id.bytes().chain(std::iter::once(b'\n')) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    format!(
        "v2 scan={} per_repo={} per_class={} text={CHANGED_TEXT}/{CHANGED_TEXT_PER_FILE}/{CHANGED_LINE} reserved={}:{h:016x}",
        args.scan,
        args.per_repo,
        args.per_class,
        reserved.len()
    )
}

fn cache_path(args: &Args, name: &str) -> PathBuf {
    args.cache.join(format!("{}.json", name.replace('/', "+")))
}

/// Reads a repository from its clone (and caches it), or its cached records when there is
/// no clone; `None` when there is neither.
fn read_or_cached(
    args: &Args,
    source: &Source,
    reserved: &HashSet<String>,
    settings: &str,
) -> Result<Option<Cached>> {
    let cache = cache_path(args, &source.name);
    if let Some(path) = clone_path(&args.clones, &source.name) {
        let (records, summary) = read_repo(args, &path, source, reserved)?;
        let cached = Cached {
            commit: summary.commit.clone(),
            settings: settings.to_string(),
            summary,
            records,
        };
        let text = serde_json::to_string(&cached).map_err(|e| e.to_string())?;
        std::fs::write(&cache, text)
            .map_err(|e| format!("cannot write {}: {e}", cache.display()))?;
        eprintln!(
            "{:45} read {} records at {}",
            source.name,
            cached.records.len(),
            &cached.commit[..10]
        );
        return Ok(Some(cached));
    }
    let Ok(text) = std::fs::read_to_string(&cache) else {
        return Ok(None);
    };
    let cached: Cached =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", cache.display()))?;
    let same_commit = cached.commit == source.commit || args.update_sources;
    if cached.settings != settings || !same_commit {
        eprintln!(
            "{}: the cached records ({}) were read with other settings or at another commit; read the clone again",
            source.name,
            cache.display()
        );
        return Ok(None);
    }
    Ok(Some(cached))
}

/// Rewrites only the `commit = "..."` lines, so the file's comments stay.
fn write_sources(path: &Path, sources: &sources::Sources) -> Result<()> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let mut out = String::new();
    let mut current: Option<&Source> = None;
    for line in text.lines() {
        if let Some(name) = line.strip_prefix("name = ") {
            let name = name.trim_matches('"');
            current = sources.repos.iter().find(|s| s.name == name);
        }
        match (line.starts_with("commit = "), current) {
            (true, Some(s)) => out.push_str(&format!("commit = \"{}\"", s.commit)),
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    std::fs::write(path, out).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Where a repository's clone is in the clones folder.
fn clone_path(clones: &Path, name: &str) -> Option<PathBuf> {
    let flat = name.replace('/', "+");
    [
        clones.join(format!("{flat}.git")),
        clones.join(&flat).join("repo"),
        clones.join(&flat),
        clones.join(format!("{name}.git")),
        clones.join(name),
    ]
    .into_iter()
    .find(|p| p.is_dir())
}

/// Authors that are programs: evident's own bot list, plus release and CI accounts.
static BOT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\[bot\]|(^|[^a-z])bot([^a-z]|$)|-bot\b|bot@|github-actions|greenkeeper|snyk|weblate|crowdin|transifex|pre-commit-ci|autofix|mergify|imgbot|allcontributors|all-contributors|release-please|jenkins|semantic-release|web-flow|noreply@github\.com$|actions@github|auto-?merge")
        .unwrap()
});

static RELEASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*((release|releasing|publish|prepare|preparing|bump|cut|tag)\b.{0,40}\bv?\d+\.\d+|v?\d+\.\d+(\.\d+)?\S*\s*$|(bump|update)\w* (the )?version)")
        .unwrap()
});

fn is_bot(name: &str, email: &str) -> bool {
    evident::model::bots::is_bot(name, email, &[]) || BOT.is_match(name) || BOT.is_match(email)
}

/// A title with numbers and quoted names folded, to spot a repeated template
/// (`bump X from 1.2 to 1.3`).
fn template(subject: &str) -> String {
    subject
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect()
}

fn read_repo(
    args: &Args,
    path: &Path,
    source: &Source,
    reserved: &HashSet<String>,
) -> Result<(Vec<Record>, RepoSummary)> {
    let repo = Repository::open_bare(path)
        .or_else(|_| Repository::open(path))
        .map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    let head = || {
        repo.head()
            .and_then(|h| h.peel_to_commit())
            .map(|c| c.id())
            .map_err(|e| format!("no HEAD in {}: {e}", path.display()))
    };
    let recorded = Oid::from_str(&source.commit)
        .ok()
        .filter(|oid| repo.find_commit(*oid).is_ok());
    let start = match recorded {
        _ if args.update_sources || source.commit.is_empty() => head()?,
        Some(oid) => oid,
        None if args.head_if_missing => head()?,
        None => {
            return Err(format!(
                "commit {} is not in {} (fetch it, or pass --head-if-missing to read at HEAD and record it)",
                source.commit,
                path.display()
            ));
        }
    };
    let mut summary = RepoSummary {
        repo: source.name.clone(),
        commit: start.to_string(),
        ..Default::default()
    };
    let overrides = source.overrides();
    let mut walk = repo.revwalk().map_err(|e| e.to_string())?;
    walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME)
        .map_err(|e| e.to_string())?;
    walk.push(start).map_err(|e| e.to_string())?;
    let mut chosen: Vec<(Oid, String, String, String, String)> = Vec::new();
    let mut per_class: HashMap<String, usize> = HashMap::new();
    let mut templates: HashMap<String, usize> = HashMap::new();
    let skip = |summary: &mut RepoSummary, why: &str| {
        *summary.skipped.entry(why.to_string()).or_default() += 1;
    };
    for oid in walk.take(args.scan) {
        let oid = oid.map_err(|e| e.to_string())?;
        summary.scanned += 1;
        let commit = repo.find_commit(oid).map_err(|e| e.to_string())?;
        if commit.parent_count() > 1 {
            skip(&mut summary, "merge");
            continue;
        }
        if reserved.contains(&oid.to_string()) {
            skip(&mut summary, "reserved");
            continue;
        }
        let author = commit.author();
        let (name, email) = (
            String::from_utf8_lossy(author.name_bytes()).into_owned(),
            String::from_utf8_lossy(author.email_bytes()).into_owned(),
        );
        if is_bot(&name, &email) {
            skip(&mut summary, "bot");
            continue;
        }
        let message = String::from_utf8_lossy(commit.message_bytes()).into_owned();
        let (title, body) = split_message(&message);
        if title.to_lowercase().starts_with("revert") {
            skip(&mut summary, "revert");
            continue;
        }
        let Some(prefix) = conventions::read_with(&title, &overrides) else {
            skip(&mut summary, "no label");
            continue;
        };
        let Some(label) = prefix.label.clone() else {
            skip(
                &mut summary,
                if prefix.stated.is_empty() {
                    "unknown label"
                } else {
                    "ambiguous label"
                },
            );
            continue;
        };
        let subject = prefix.subject.trim().to_string();
        if subject.len() < 3 {
            skip(&mut summary, "no subject");
            continue;
        }
        if RELEASE.is_match(&subject) {
            skip(&mut summary, "release");
            continue;
        }
        let t = templates.entry(template(&subject)).or_default();
        *t += 1;
        if *t > 2 {
            skip(&mut summary, "repeated title");
            continue;
        }
        let n = per_class.entry(label.clone()).or_default();
        if *n >= args.per_class {
            skip(&mut summary, "over the class cap");
            continue;
        }
        if chosen.len() >= args.per_repo {
            skip(&mut summary, "over the repository cap");
            continue;
        }
        *n += 1;
        let body = conventions::strip_body(&body);
        chosen.push((oid, label, prefix.written.clone(), subject, body));
    }
    let mut records = Vec::with_capacity(chosen.len());
    for (oid, label, written, title, body) in chosen {
        let commit = repo.find_commit(oid).map_err(|e| e.to_string())?;
        let numbers = match diff_numbers(&repo, &commit) {
            Ok(n) => n,
            Err(_) => {
                skip(&mut summary, "diff unreadable");
                continue;
            }
        };
        let (added_text, deleted_text) = changed_text(&repo, &commit);
        *summary.by_class.entry(label.clone()).or_default() += 1;
        summary.kept += 1;
        records.push(Record {
            repo: source.name.clone(),
            commit: oid.to_string(),
            label,
            prefix: written,
            title,
            body,
            paths: numbers.paths,
            statuses: numbers.statuses,
            additions: Some(numbers.additions),
            deletions: Some(numbers.deletions),
            files_changed: Some(numbers.files_changed),
            added_text,
            deleted_text,
        });
    }
    Ok((records, summary))
}

/// The start of a commit's added and deleted lines against its first parent: at most
/// `CHANGED_TEXT_PER_FILE` bytes a file and `CHANGED_TEXT` a side; binary files,
/// lockfiles, snapshots and minified lines left out. Unreadable files (a snapshot may
/// lack its largest blobs) are skipped.
fn changed_text(repo: &Repository, commit: &git2::Commit) -> (String, String) {
    let mut added = String::new();
    let mut deleted = String::new();
    let Ok(tree) = commit.tree() else {
        return (added, deleted);
    };
    let parent = commit.parent(0).ok().and_then(|p| p.tree().ok());
    let mut opts = git2::DiffOptions::new();
    opts.context_lines(0);
    let Ok(diff) = repo.diff_tree_to_tree(parent.as_ref(), Some(&tree), Some(&mut opts)) else {
        return (added, deleted);
    };
    for idx in 0..diff.deltas().len() {
        if added.len() >= CHANGED_TEXT && deleted.len() >= CHANGED_TEXT {
            break;
        }
        let Some(delta) = diff.get_delta(idx) else {
            continue;
        };
        let path = delta
            .new_file()
            .path()
            .or_else(|| delta.old_file().path())
            .map(|p| p.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if generated(&path) {
            continue;
        }
        let Ok(Some(patch)) = git2::Patch::from_diff(&diff, idx) else {
            continue;
        };
        if patch.delta().flags().is_binary() {
            continue;
        }
        let (mut file_added, mut file_deleted) = (0usize, 0usize);
        for h in 0..patch.num_hunks() {
            let Ok(n) = patch.num_lines_in_hunk(h) else {
                continue;
            };
            for l in 0..n {
                let Ok(line) = patch.line_in_hunk(h, l) else {
                    continue;
                };
                let (side, used) = match line.origin() {
                    '+' => (&mut added, &mut file_added),
                    '-' => (&mut deleted, &mut file_deleted),
                    _ => continue,
                };
                let text = String::from_utf8_lossy(line.content());
                let text = text.trim();
                if text.is_empty() || text.len() > CHANGED_LINE {
                    continue;
                }
                if side.len() + text.len() > CHANGED_TEXT
                    || *used + text.len() > CHANGED_TEXT_PER_FILE
                {
                    continue;
                }
                side.push_str(text);
                side.push('\n');
                *used += text.len() + 1;
            }
        }
    }
    (added, deleted)
}

/// Files whose lines are written by tools: their content says nothing of the change.
fn generated(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.ends_with(".lock")
        || name.ends_with("-lock.json")
        || name.ends_with("-lock.yaml")
        || name == "go.sum"
        || name.ends_with(".snap")
        || name.ends_with(".min.js")
        || name.ends_with(".min.css")
        || name.ends_with(".map")
        || name.ends_with(".svg")
}

/// Reads a corpus file.
pub fn load(path: &Path) -> Result<Vec<Record>> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        format!(
            "cannot read {}: {e} (build it with `evident-trainer corpus --clones DIR`)",
            path.display()
        )
    })?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|e| format!("{}:{}: {e}", path.display(), i + 1))
        })
        .collect()
}
