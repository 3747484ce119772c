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
}

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
    pub additions: u64,
    pub deletions: u64,
    pub files_changed: u64,
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
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.max(1))
        .build()
        .map_err(|e| e.to_string())?;
    let results: Vec<Result<(Vec<Record>, RepoSummary)>> = pool.install(|| {
        sources
            .repos
            .par_iter()
            .map(|s| read_repo(args, s, reserved_ids))
            .collect()
    });
    // Forks share commits: a commit counts once, for the first repository listed.
    let mut seen: HashSet<String> = HashSet::new();
    let mut all = Vec::new();
    let mut summaries = Vec::new();
    for (source, result) in sources.repos.iter_mut().zip(results) {
        let (records, mut summary) = result.map_err(|e| format!("{}: {e}", source.name))?;
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
        if args.update_sources {
            source.commit = summary.commit.clone();
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
    if args.update_sources {
        write_sources(&args.sources, &sources)?;
    }
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
    evident::collect::bots::is_bot(name, email, &[]) || BOT.is_match(name) || BOT.is_match(email)
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
    source: &Source,
    reserved: &HashSet<String>,
) -> Result<(Vec<Record>, RepoSummary)> {
    let path = clone_path(&args.clones, &source.name).ok_or_else(|| {
        format!(
            "no clone in {}; run: git clone --bare https://github.com/{} {}/{}.git",
            args.clones.display(),
            source.name,
            args.clones.display(),
            source.name.replace('/', "+")
        )
    })?;
    let repo = Repository::open_bare(&path)
        .or_else(|_| Repository::open(&path))
        .map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    let start = if args.update_sources || source.commit.is_empty() {
        repo.head()
            .and_then(|h| h.peel_to_commit())
            .map(|c| c.id())
            .map_err(|e| format!("no HEAD in {}: {e}", path.display()))?
    } else {
        let oid = Oid::from_str(&source.commit).map_err(|e| e.to_string())?;
        repo.find_commit(oid).map_err(|_| {
            format!(
                "commit {} is not in {} (fetch it, or pass --update-sources to read at HEAD)",
                source.commit,
                path.display()
            )
        })?;
        oid
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
            additions: numbers.additions,
            deletions: numbers.deletions,
            files_changed: numbers.files_changed,
        });
    }
    Ok((records, summary))
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
