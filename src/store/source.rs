//! One source's results in the store: `<store>/evidence/<source-key>.json`.
//!
//! ```json
//! {"schema": 1,
//!  "source": {"kind": "git", "path": "/abs/path/of/repo", "name": "acme/widgets"},
//!  "fingerprint": {"evident": "0.1.0", "evidence_schema": 1, "person": "...", ...},
//!  "collected_at": "2026-11-23T12:00:00Z",
//!  "summary": {...}, "warnings": [...], "evidence": [...]}
//! ```
//!
//! The fingerprint says whether the file is still valid for a run. A git source is
//! reused when evident's version and evidence schema, the person, the options
//! (`include_merges`, `all_branches`, design docs), the remote-derived name, the
//! repository's refs (HEAD, or every branch with `--all-branches`) and its `.mailmap` are
//! the same, and the same commits fall in the period: the same period, or periods that
//! differ only where the repository has no commit (a rerun a minute later, with "now"
//! moved on, reuses what the interrupted run wrote).
//!
//! Digests are SHA-256 of bytes or of a serde (JSON) serialisation, never of a `Debug`
//! string or std's hasher, so they stay the same across Rust and evident releases. The
//! repository facts (refs, `.mailmap`, which commits a period holds) come from the git
//! collector (`collect::git::state`); the store only compares them.

use crate::collect::git::{GitOptions, RepoOutcome};
use crate::error::{Error, Result};
use crate::model::Person;
use crate::model::evidence::{EVIDENCE_SCHEMA, GithubSummary, SourceSummary};
use crate::model::{Evidence, Period};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The version of the source file format.
pub const SOURCE_SCHEMA: u32 = 1;

/// The folder of source files inside a store.
pub const EVIDENCE_DIR: &str = "evidence";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceFile {
    pub schema: u32,
    pub source: SourceInfo,
    pub fingerprint: Fingerprint,
    /// The "now" of the run that collected it.
    pub collected_at: DateTime<Utc>,
    /// The source as `collect` lists it.
    pub summary: SourceSummary,
    /// What reading this source could not see (a shallow clone, unread design docs).
    #[serde(default)]
    pub warnings: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub github: Option<GithubSummary>,
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum SourceInfo {
    /// A repository, by its canonical path on the machine that read it.
    Git { path: String, name: String },
    /// A GitHub identity on a host.
    Github { host: String, login: String },
}

/// What the collectors read and record, as a number: raise it whenever a change makes
/// them find or write something else for the same repository (a new `meta` field, a
/// record folded or dropped), so results kept by an earlier build are collected again
/// rather than served stale. The crate's version does not move between such changes.
/// 2: review pages, `meta.committed`, `meta.pr_issues`, bots by name, a change landed
/// then merged as one review. 3: a source says where it is reviewed (`reviewed_on`).
/// 4: records of others' changes carry the change author's email (`pr_author_email`).
/// 5: a source lists the person's likely other emails (`likely_aliases`). 6: landings
/// by commit time, a pull request's author from its branch's first commit. 7: a source
/// counts the person's commits landed in the period but written before it
/// (`written_before`); the paths `.gitattributes` marks generated or vendored
/// (`meta.generated_paths`, `generated_lines`). 8: both together (two builds had each
/// called their own change 7); a branch's head skips merges that update it. 9: a source
/// counts others' pull requests the forge merged (`merged_on_forge`). 10: a file whose
/// top says `// Code generated … DO NOT EDIT.` is generated. 11: a branch is the
/// person's when they wrote most of it (`meta.persons_commits` on a review of one they
/// pushed onto), a rebase of forge-merged pull requests lands nobody, a merge of such a
/// branch reviews nobody. 12: a commit counts the lines it changed in files a tool writes
/// (`meta.tool_lines`: lock files, vendored and generated files, snapshots). 13: marks a
/// reviewer's suggestion the person accepted (`meta.applied_suggestion`). 14: trailers are
/// read in messages with `\r\n` line endings. 15: a deploy action's commits under a
/// person's identity count for no identity (the likely aliases of a source). 16: a
/// translated page is no design doc, and a heading's `{ #id }` is not its words. 17: a
/// source counts the annotated tags of the period (`release_tags`). 18: a warning says how
/// many of the person's commits an automation made. 19: a page under a folder of
/// languages (`i18n/fr/…`) or of a numeric region (`docs/es-419/…`) is a translation.
/// 20: a source counts bots' commits that name the person co-author
/// (`automated.bots_naming_you`). 21: a cherry-pick names the commit it copies
/// (`meta.copy_of`) and, when it is another's, its author (`meta.copy_of_author`). 22: AI
/// coding assistants are bots; `Apply suggestion from @login` is an applied suggestion.
/// 23: `merged_on_forge` leaves out copies of a change onto a release branch. 24: a
/// likely alias's name is compared without a flag or a part in parentheses. 25: a review
/// record says which of the person's commits on the branch they only co-authored. 26:
/// with `--all-branches`, the person's commits `HEAD` does not reach are `meta.off_head`.
/// 27: a commit on someone else's pull request says whose (`meta.pr_opener`,
/// `meta.pr_commits`). 28: a document named `DESIGN`, `ARCHITECTURE` or `THREAT_MODEL` is
/// a design doc wherever it is. 29: merges of another repository's pull requests
/// (`pypa/distutils#392`) are read, with `meta.pr_repo`. 30: `release_tags.named`. 31: a
/// `generated/` folder's files are a tool's (`meta.tool_lines`); `meta.pr_opener` is never
/// the person's own pull request. 32: `meta.off_head` against the remote's default
/// branch; no design doc in vendored files or `.github/`; `release_tags.named` stricter;
/// a pull request from the person's login is theirs. 33: `meta.translation_lines`. 34:
/// `meta.pin_bump`. 35: `meta.pr_commits` on the person's own pull requests with others'
/// commits, and `meta.pr_opener` on a bot's. 36: `merged_on_forge_with_you`,
/// `automated.bots_merged`. 37: `written_before.named` and `long_before`. 38: a man page
/// rendered beside its source is a tool's lines. 39: a pin bump is a pinned action or
/// image moved to another version, not a step added. 40: nor one moved to a branch
/// (`@master`). 41: nor a step moved; digest pins (`@sha256:`) are versions. 42: a pull
/// request a login of the person's opened and approved is theirs. 43: `@generated` and
/// "generated, do not edit" headers mark a file generated. 44: `meta.moved_lines`. 45: a pull
/// request is the person's by the commits they wrote, not those they only co-wrote. 46:
/// `release_tags.named` looks back for the release commit; `release_tags.by_automation`.
/// 47: a login spelled as the person's name is theirs; a branch reviewed is named by its
/// first other author, and the person's commits on it are not theirs to lead. 48:
/// `meta.pipeline_lines`; a spelled login only where only the person opened from it; a
/// bot's tag on the person's release commit is theirs; a pre-release names no release.
/// 49: `meta.moved_lines` scales each file's short lines by that file's own matches.
/// 50: a moved line counts only beside another. 51: lightweight tags named as a
/// version on commits of the period count (`release_tags`). 52: a landing is named by
/// its first commit written that is not about tests. 53: back to its newest; moved
/// lines capped at twice the fewer of lines added and removed; no development or
/// deprecated lightweight tags. 54: a tag on a merge is named by the merged branch's
/// release commit too. 55: a design doc's section heading names a design in a few
/// words, an RFC cited by number is none, and a FAQ, to-do list or list of known bugs is
/// no design doc. 56: a change the person committed for an author of a name like theirs
/// is their own under another address (`likely_aliases.landed`), no review. 57:
/// `release_tags.commits` and `release_tags.candidates`. 58: the person's commits on
/// branches HEAD does not reach are said (`other-branches`). 59: the person's commits
/// another reverted within 30 days are marked (`meta.reverted_by`). 60: a likely alias
/// says whether its name is only like the person's (`likely_aliases.name_like`). 61:
/// `mkdocs gh-deploy`'s commits are an automation's. 62: a squashed merge of one branch
/// into another names no co-author (`automated.branch_merges_naming_you`), and merging
/// one is no review; a pull request the person opened under another address of their
/// name and merged is theirs (a likely alias); `[ci] format` and `mike deploy`'s commits
/// are an automation's. 63: a merged branch holding four or more other people's commits
/// is opened by who wrote its newest commit, not its oldest (clippy's `Rustup`s).
/// 64: the person's merges of branches that merge no pull request are counted
/// (`branch_merges`), a commit's title is git's subject (the first paragraph), and
/// `Merge pull request #N "Title"` (no branch named) is that pull request's merge.
/// 65: a committer of the person's name under another address, landing others'
/// commits, is a likely alias (`likely_aliases.committed`). 66: Azure DevOps', Bitbucket's
/// and Gitea's merges of a pull request are read as such. 67: a commit a GitHub Actions
/// workflow committed under the person's identity is an automation's. 68: a `+tag`
/// sub-address of the person's email is a likely alias (`likely_aliases.sub_address`).
/// 69: the commits an automation made are counted by automation (`automated.kinds`),
/// a workflow's with their titles (`automated.workflow_titles`). 70: Azure DevOps' squash
/// merges (`Merged PR N: Title`, one parent) name their pull request, as `Title (#N)` does.
pub const COLLECTOR_REVISION: u32 = 70;

/// What a source's results depend on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fingerprint {
    /// The evident version that collected it.
    pub evident: String,
    pub evidence_schema: u32,
    /// [`COLLECTOR_REVISION`] of the build that collected it (0 before it was kept).
    #[serde(default)]
    pub collector: u32,
    /// The person as the portfolio names them, and all their identities.
    pub person: String,
    pub identities: Vec<String>,
    /// A digest of everything that decides who the person is (names, emails, login, bots).
    pub person_digest: String,
    pub since: DateTime<Utc>,
    pub until: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub git: Option<GitState>,
}

/// The state of a repository and the options it was read with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GitState {
    /// `HEAD`, or every local and remote branch, to the commit id.
    pub refs: BTreeMap<String, String>,
    /// A digest of the working tree's `.mailmap`, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mailmap: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web_url: Option<String>,
    pub include_merges: bool,
    pub all_branches: bool,
    pub design_docs: bool,
    /// A digest of every other collection option, so a new one invalidates old files.
    pub options_digest: String,
}

impl Fingerprint {
    /// The fingerprint of a source, for the period and person of a run.
    pub fn new(person: &Person, period: Period, git: Option<GitState>) -> Fingerprint {
        Fingerprint {
            evident: env!("CARGO_PKG_VERSION").to_string(),
            evidence_schema: EVIDENCE_SCHEMA,
            collector: COLLECTOR_REVISION,
            person: person.display(),
            identities: person.identities(),
            person_digest: digest(serde_json::to_string(person).unwrap_or_default().as_bytes()),
            since: period.since,
            until: period.until,
            git,
        }
    }

    /// The period the source was collected for.
    pub fn period(&self) -> Period {
        Period::new(self.since, self.until)
    }

    /// Equal in everything but the period.
    pub fn same_but_period(&self, other: &Fingerprint) -> bool {
        let mut a = self.clone();
        a.since = other.since;
        a.until = other.until;
        &a == other
    }
}

impl GitState {
    /// The fingerprint part of a repository: its refs and `.mailmap` as the collector
    /// reads them, and the options it is read with.
    pub fn new(
        refs: BTreeMap<String, String>,
        mailmap: Option<&[u8]>,
        web_url: Option<String>,
        opts: &GitOptions,
    ) -> GitState {
        GitState {
            refs,
            mailmap: mailmap.map(digest),
            web_url,
            include_merges: opts.walk.include_merges,
            all_branches: opts.walk.all_branches,
            design_docs: opts.design_docs,
            options_digest: options_digest(opts),
        }
    }
}

/// A digest of every collection option but the list of repositories and the period
/// (compared on its own), so that a new option invalidates old files.
fn options_digest(opts: &GitOptions) -> String {
    let mut rest = opts.clone();
    rest.repos.clear();
    rest.walk.period = Period::instant(DateTime::<Utc>::UNIX_EPOCH);
    let what = (crate::collect::git::RECORDS, rest);
    digest(&serde_json::to_vec(&what).unwrap_or_default())
}

/// A stable digest (SHA-256, hex) of bytes: the same on every machine and release.
pub fn digest(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// A name as part of a file name: letters, digits, `.`, `-` and `_` kept (lower-cased),
/// anything else `_`.
pub fn file_safe(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect()
}

/// [`file_safe`], at most 60 characters.
fn clean(s: &str) -> String {
    file_safe(s).chars().take(60).collect()
}

/// `git--<name>--<10 hex of the canonical path's digest>`: readable, and two
/// repositories with the same name (two clones) do not collide.
pub fn git_key(canonical_path: &str, name: &str) -> String {
    format!(
        "git--{}--{}",
        clean(name),
        &digest(canonical_path.as_bytes())[..10]
    )
}

/// `github--<host>--<login>--<10 hex>`.
pub fn github_key(host: &str, login: &str) -> String {
    let id = format!("{host}\n{}", login.to_lowercase());
    format!(
        "github--{}--{}--{}",
        clean(host),
        clean(login),
        &digest(id.as_bytes())[..10]
    )
}

/// A source key is a file name: nothing that could leave the folder.
pub fn valid_key(key: &str) -> bool {
    !key.is_empty()
        && !key.starts_with('.')
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

pub fn source_path(store: &Path, key: &str) -> PathBuf {
    store.join(EVIDENCE_DIR).join(format!("{key}.json"))
}

impl SourceFile {
    pub fn parse(path: &Path, text: &str) -> Result<SourceFile> {
        let file: SourceFile = serde_json::from_str(text).map_err(|e| {
            Error::failed(format!(
                "{}:{}:{}: not an evident store file: {e}",
                path.display(),
                e.line(),
                e.column()
            ))
            .with_hint("remove the file (the next run collects that source again)")
        })?;
        if file.schema != SOURCE_SCHEMA {
            return Err(Error::failed(format!(
                "{}: store file schema {} is not supported (this evident reads {SOURCE_SCHEMA})",
                path.display(),
                file.schema
            ))
            .with_hint("remove the file (the next run collects that source again)"));
        }
        Ok(file)
    }

    /// Stable JSON: fields in declaration order, maps sorted, a newline at the end.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let mut bytes = Vec::new();
        self.write_to(&mut bytes)
            .map_err(|e| Error::failed("could not write a store file").with_source(e))?;
        Ok(bytes)
    }

    /// [`SourceFile::to_bytes`], written as it is made.
    pub fn write_to(&self, w: &mut dyn std::io::Write) -> std::io::Result<()> {
        serde_json::to_writer_pretty(&mut *w, self)?;
        w.write_all(b"\n")
    }

    /// A repository's results from the store, as the git collector returns them; `path`
    /// is the path this run reached the repository by.
    pub fn to_outcome(&self, path: &Path) -> RepoOutcome {
        let mut source = self.summary.clone();
        source.path = path.display().to_string();
        RepoOutcome {
            source,
            evidence: self.evidence.clone(),
            warnings: self.warnings.clone(),
            // Results with gaps are never kept (`pipeline::collect`), so none come back.
            unseen: Vec::new(),
        }
    }
}

/// The source files of a store, by key (sorted). `.tmp*` files of killed writers and
/// anything not named `<key>.json` are not data and are skipped.
pub fn read_sources(store: &Path) -> Result<BTreeMap<String, (Vec<u8>, SourceFile)>> {
    let dir = store.join(EVIDENCE_DIR);
    let mut out = BTreeMap::new();
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(Error::io("read the store folder", &dir, e)),
    };
    for entry in entries {
        let entry = entry.map_err(|e| Error::io("read the store folder", &dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(key) = name.strip_suffix(".json") else {
            continue;
        };
        if !valid_key(key) {
            continue;
        }
        let path = entry.path();
        let bytes = std::fs::read(&path).map_err(|e| Error::io("read", &path, e))?;
        let text = String::from_utf8_lossy(&bytes);
        let file = SourceFile::parse(&path, &text)?;
        out.insert(key.to_string(), (bytes, file));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_an_earlier_collector_kept_are_not_reused() {
        let person = Person::from_identities(["alice@example.com"]);
        let when = chrono::Utc::now();
        let now = Fingerprint::new(&person, Period::new(when, when), None);
        let mut stored = serde_json::to_value(&now).unwrap();
        stored.as_object_mut().unwrap().remove("collector");
        let older: Fingerprint = serde_json::from_value(stored).unwrap();
        assert_eq!(older.collector, 0);
        assert!(!now.same_but_period(&older));
        assert!(now.same_but_period(&now.clone()));
    }

    #[test]
    fn digests_are_sha256_so_they_stay_the_same_across_releases() {
        assert_eq!(
            digest(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
