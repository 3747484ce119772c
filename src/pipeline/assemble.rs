//! Assemble: the sources' results merged into one evidence file. Commits a pull request
//! holds are folded into it, the person's notes join, and everything is put in one
//! stable order.

use super::select::Selection;
use crate::collect::git::GitCollection;
use crate::collect::github::{GithubCollection, dedup};
use crate::config::rubric::Rubric;
use crate::error::Result;
use crate::model::evidence::{Collection, EVIDENCE_SCHEMA, SourceSummary};
use crate::model::{Evidence, EvidenceFile, Kind, Person, sort_evidence};
use crate::store::source::{COLLECTOR_REVISION, SourceFile, SourceInfo};
use std::collections::BTreeMap;
use std::path::Path;

/// What the GitHub collection found, and how the source is listed.
pub struct FromGithub {
    pub found: GithubCollection,
    pub summary: SourceSummary,
}

/// The evidence of a collection: the repositories' results, then GitHub's; `person` is
/// the selection's person with the emails GitHub tied to them.
pub fn assemble(
    selection: &Selection,
    person: &Person,
    git: GitCollection,
    github: Option<FromGithub>,
) -> EvidenceFile {
    let mut warnings = selection.warnings.clone();
    warnings.extend(git.warnings);
    let unseen: Vec<_> = selection.unseen.iter().cloned().chain(git.unseen).collect();
    let mut evidence = git.evidence;
    let mut sources = git.sources;
    let mut github_summary = None;
    if let Some(FromGithub { found, summary }) = github {
        warnings.extend(found.warnings);
        sources.push(summary);
        evidence.extend(found.evidence);
        dedup::fold_local_commits(&mut evidence);
        dedup::fold_recorded_reviews(&mut evidence);
        github_summary = Some(found.summary);
    }
    sort_evidence(&mut evidence);
    let period = selection.period();
    let mut collection = Collection {
        person: display_name(person.display(), &evidence),
        identities: person.identities(),
        since: Some(period.since),
        until: Some(period.until),
        sources,
        warnings,
        unseen: Vec::new(),
        github: github_summary,
    };
    for u in unseen {
        collection.add_unseen(u);
    }
    for w in &collection.warnings {
        tracing::warn!("{w}");
    }
    EvidenceFile {
        schema: EVIDENCE_SCHEMA,
        collection: Some(collection),
        evidence,
    }
}

/// The evidence of a store's sources, as `collect` writes it: repositories ordered by
/// path, then GitHub; commits that a pull request holds folded into it; oldest first.
pub fn from_sources<'a>(files: impl IntoIterator<Item = &'a SourceFile>) -> EvidenceFile {
    let mut files: Vec<&SourceFile> = files.into_iter().collect();
    let rank = |f: &SourceFile| match &f.source {
        SourceInfo::Git { .. } => 0,
        SourceInfo::Github { .. } => 1,
    };
    files.sort_by(|a, b| {
        rank(a)
            .cmp(&rank(b))
            .then_with(|| a.summary.path.cmp(&b.summary.path))
            .then_with(|| a.summary.name.cmp(&b.summary.name))
    });
    let mut collection = Collection::default();
    let mut evidence = Vec::new();
    let mut github = false;
    if let Some(first) = files.first() {
        let f = &first.fingerprint;
        collection.person = f.person.clone();
        collection.identities = f.identities.clone();
        collection.since = Some(f.since);
        collection.until = Some(f.until);
    }
    let mut differs = false;
    for file in &files {
        if let Some(first) = files.first() {
            let (a, b) = (&first.fingerprint, &file.fingerprint);
            differs |=
                a.person_digest != b.person_digest || a.since != b.since || a.until != b.until;
        }
        collection.sources.push(file.summary.clone());
        collection.warnings.extend(file.warnings.iter().cloned());
        if let Some(g) = &file.github
            && collection.github.is_none()
        {
            collection.github = Some(g.clone());
        }
        github |= matches!(file.source, SourceInfo::Github { .. });
        evidence.extend(file.evidence.iter().cloned());
    }
    // Sources kept by another build of the collectors, by its revision.
    let mut other: BTreeMap<u32, Vec<&str>> = BTreeMap::new();
    for f in files
        .iter()
        .filter(|f| f.fingerprint.collector != COLLECTOR_REVISION)
    {
        other
            .entry(f.fingerprint.collector)
            .or_default()
            .push(f.summary.name.as_str());
    }
    for (revision, names) in other {
        let (which, so) = if revision < COLLECTOR_REVISION {
            ("an older", "they may lack what this one finds")
        } else {
            ("a newer", "this build may not read all they hold")
        };
        collection.warnings.push(format!(
            "{} collected by {which} build of evident (collector revision {revision}; this one is {COLLECTOR_REVISION}): {so}; collect again to refresh",
            names.join(", ")
        ));
    }
    if differs {
        collection.warnings.push(
            "the store's sources were collected for different people or periods: the portfolio mixes them (collect every shard with the same --author, --since and --until)".to_string(),
        );
    }
    // Sorted by path as they are here, not in the order `--repo` gave them.
    let shared =
        crate::collect::git::count_shared_commits_once(&mut collection.sources, &mut evidence);
    collection.warnings.extend(shared);
    if github {
        dedup::fold_local_commits(&mut evidence);
        dedup::fold_recorded_reviews(&mut evidence);
    }
    sort_evidence(&mut evidence);
    collection.person = display_name(std::mem::take(&mut collection.person), &evidence);
    EvidenceFile {
        schema: EVIDENCE_SCHEMA,
        collection: Some(collection),
        evidence,
    }
}

/// Adds the notes in the collected period from the notes file at `notes`, checked
/// against the rubric's vocabulary.
pub fn add_notes(file: &mut EvidenceFile, notes: &Path, rubric: &Rubric) -> Result<()> {
    let found = crate::notes::load(notes, &rubric.vocabulary())?;
    crate::notes::add_notes(file, &found, notes);
    Ok(())
}

/// The person as the portfolio names them: the name they were given, else (when they
/// were selected by an address) the name their own commits carry most often, after the
/// mailmap (ties by name), else the address. Someone selected by email is then "Ada
/// Lovelace", not "ada@example.com".
fn display_name(shown: String, evidence: &[Evidence]) -> String {
    if !shown.contains('@') {
        return shown;
    }
    let mut seen: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for e in evidence {
        if e.kind != Kind::Commit || e.is_co_authored() {
            continue;
        }
        if let Some(author) = e.meta_str("commit_author") {
            let (name, _) = crate::model::person::parse_name_email(author);
            if !name.is_empty() {
                *seen.entry(name).or_default() += 1;
            }
        }
    }
    seen.into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
        .map_or(shown, |(name, _)| name)
}
