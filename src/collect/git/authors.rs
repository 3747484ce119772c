//! Who committed in the period: every author identity in the repositories' history, as
//! written and after the `.mailmap`, with commit counts. Reads commit headers only (no
//! diffs), so it is cheap. The identity report and the team overview's bot list come
//! from here.
//!
//! The commits are found as the walk finds them ([`super::history`]): listed from the
//! commit-graph, those committed in the period read whole, older ones scanned for their
//! author time (reusing and adding to the times kept in the store's folder, when given),
//! and only those authored in the period read whole.

use super::history;
use super::walk::WalkOptions;
use crate::error::{Error, Result};
use crate::model::Person;
pub use crate::model::evidence::LikelyAlias;
use git2::Oid;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One author identity seen in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeenAuthor {
    /// As the commit has it.
    pub raw_name: String,
    pub raw_email: String,
    /// After the repository's `.mailmap`.
    pub name: String,
    pub email: String,
    pub commits: usize,
}

impl SeenAuthor {
    pub fn display(&self) -> String {
        format!("{} <{}>", self.name, self.email)
    }
    pub fn raw_display(&self) -> String {
        format!("{} <{}>", self.raw_name, self.raw_email)
    }
    /// Whether the mailmap changed this identity.
    pub fn mailmapped(&self) -> bool {
        !self.raw_email.eq_ignore_ascii_case(&self.email) || self.raw_name != self.name
    }
}

/// The authors of the commits in the period across the repositories, merged by raw and
/// mapped identity (case-insensitive email), sorted by mapped identity. Repositories that
/// cannot be read are left out, with a warning (a collection also lists them).
/// `kept` is the folder where scanned author times are kept between runs (the store's),
/// or None.
pub fn authors(repos: &[PathBuf], opts: &WalkOptions, kept: Option<&Path>) -> Vec<SeenAuthor> {
    let found: Vec<Vec<SeenAuthor>> = repos
        .par_iter()
        .filter_map(|r| match authors_of(r, opts, kept) {
            Ok(found) => Some(found),
            Err(e) => {
                tracing::warn!(
                    "{}: its authors are not counted: {}",
                    r.display(),
                    e.message
                );
                None
            }
        })
        .collect();
    let mut merged: BTreeMap<(String, String, String, String), SeenAuthor> = BTreeMap::new();
    for a in found.into_iter().flatten() {
        let key = (
            a.email.to_lowercase(),
            a.name.clone(),
            a.raw_email.to_lowercase(),
            a.raw_name.clone(),
        );
        merged
            .entry(key)
            .and_modify(|m| m.commits += a.commits)
            .or_insert(a);
    }
    merged.into_values().collect()
}

/// A commit an automation made under a person's identity (a deploy action's, see
/// `bots::is_automated_title`): nobody's work, and no identity's commit, in the walk as here.
pub(super) fn automated(commit: &git2::Commit) -> bool {
    commit
        .summary_bytes()
        .is_some_and(|t| crate::model::bots::is_automated_title(&String::from_utf8_lossy(t)))
}

fn authors_of(path: &Path, opts: &WalkOptions, kept: Option<&Path>) -> Result<Vec<SeenAuthor>> {
    let read = || -> Result<Vec<SeenAuthor>, git2::Error> {
        let repo = super::discover::open(path)?;
        let mailmap = repo.mailmap().ok();
        let (since, until) = opts.period.git_bounds();
        let mut counts: BTreeMap<(String, String, String, String), usize> = BTreeMap::new();
        let mut count = |oid: Oid| -> Result<(), git2::Error> {
            let commit = repo.find_commit(oid)?;
            let raw = commit.author();
            let time = raw.when().seconds();
            if time < since
                || time >= until
                || (commit.parent_count() > 1 && !opts.include_merges)
                || automated(&commit)
            {
                return Ok(());
            }
            let mapped = match &mailmap {
                Some(m) => m.resolve_signature(&raw).unwrap_or_else(|_| raw.to_owned()),
                None => raw.to_owned(),
            };
            let s = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
            *counts
                .entry((
                    s(raw.name_bytes()),
                    s(raw.email_bytes()),
                    s(mapped.name_bytes()),
                    s(mapped.email_bytes()),
                ))
                .or_default() += 1;
            Ok(())
        };
        let tips = history::tips(&repo, opts.all_branches)?;
        match history::plan(&repo, &tips, since, opts.include_merges) {
            Some(plan) => {
                let late = history::authored_when_kept(&repo, kept, &plan.older, |t| {
                    since <= t && t < until
                });
                for oid in plan.recent.into_iter().chain(late) {
                    count(oid)?;
                }
            }
            None => {
                for oid in super::revwalk::newest_first(&repo, opts.all_branches)? {
                    count(oid?)?;
                }
            }
        }
        Ok(counts
            .into_iter()
            .map(|((raw_name, raw_email, name, email), commits)| SeenAuthor {
                raw_name,
                raw_email,
                name,
                email,
                commits,
            })
            .collect())
    };
    read().map_err(|e| {
        Error::failed(format!("could not read the authors of {}", path.display())).with_source(e)
    })
}

/// How names are compared for likely aliases: lower-cased, whitespace-normalised, and
/// without what decorates a name (a flag or other symbol, a part in parentheses):
/// `🇺🇦 Sviatoslav Sydorenko (Святослав Сидоренко)` is Sviatoslav Sydorenko.
pub fn norm(name: &str) -> String {
    static ASIDE: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"\([^)]*\)").expect("valid"));
    ASIDE
        .replace_all(name, " ")
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The names a likely alias is recognised by: the names given (`--author NAME`,
/// `[identity]`, a member's name and aliases), else, when only emails were given, the
/// names the person's own commits in the period carry (as written and after the
/// mailmap) when they have two words or more, in the order seen.
pub fn alias_names(person: &Person, seen: &[SeenAuthor]) -> Vec<String> {
    let given = person.given_names();
    if !given.is_empty() || person.is_everyone() {
        return given;
    }
    let mut names: Vec<String> = Vec::new();
    for a in seen {
        if !person.matches(&a.name, &a.email) {
            continue;
        }
        for name in [&a.name, &a.raw_name] {
            let name = name.trim();
            // A one-word name ("David", "root") is too common to say whose it is.
            if norm(name).split(' ').count() > 1 && !names.iter().any(|n| norm(n) == norm(name)) {
                names.push(name.to_string());
            }
        }
    }
    names
}

/// The author identities seen in the period that carry one of `names` (case and spacing
/// aside) but are not the person's: likely aliases, with their commits. Bots are never
/// one.
pub fn likely_aliases(person: &Person, names: &[String], seen: &[SeenAuthor]) -> Vec<LikelyAlias> {
    let wanted: Vec<String> = names.iter().map(|n| norm(n)).collect();
    let mut likely: Vec<LikelyAlias> = Vec::new();
    if wanted.is_empty() || person.is_everyone() {
        return likely;
    }
    for a in seen {
        if person.is_bot(&a.name, &a.email)
            || person.is_bot(&a.raw_name, &a.raw_email)
            || person.matches(&a.name, &a.email)
        {
            continue;
        }
        if wanted.contains(&norm(&a.name)) || wanted.contains(&norm(&a.raw_name)) {
            let display = a.display();
            if let Some(l) = likely.iter_mut().find(|l| l.identity == display) {
                l.commits += a.commits;
            } else {
                likely.push(LikelyAlias {
                    identity: display,
                    email: a.email.to_lowercase(),
                    commits: a.commits,
                });
            }
        }
    }
    likely
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seen(name: &str, email: &str, commits: usize) -> SeenAuthor {
        SeenAuthor {
            raw_name: name.into(),
            raw_email: email.into(),
            name: name.into(),
            email: email.into(),
            commits,
        }
    }

    #[test]
    fn the_name_of_the_persons_commits_finds_their_other_emails_unless_it_is_one_word() {
        let person = Person::from_identities(["bruno@pytest.org"]);
        let authors = [
            seen("Bruno Oliveira", "bruno@pytest.org", 16),
            seen("Bruno Oliveira", "nicoddemus@gmail.com", 2),
            seen("Someone Else", "else@example.com", 5),
        ];
        let names = alias_names(&person, &authors);
        let likely = likely_aliases(&person, &names, &authors);
        assert_eq!(likely.len(), 1);
        assert_eq!(likely[0].email, "nicoddemus@gmail.com");
        assert_eq!(likely[0].commits, 2);
        // "root" commits under many emails: no guess from one word.
        let person = Person::from_identities(["root@build-1.example"]);
        let authors = [
            seen("root", "root@build-1.example", 3),
            seen("root", "root@build-2.example", 7),
        ];
        let names = alias_names(&person, &authors);
        assert!(likely_aliases(&person, &names, &authors).is_empty());
        // A name decorated with a flag and its other script is the same name (aiohttp).
        let person = Person::from_identities(["wk@sydorenko.org.ua"]);
        let authors = [
            seen("Sviatoslav Sydorenko", "wk@sydorenko.org.ua", 22),
            seen(
                "🇺🇦 Sviatoslav Sydorenko (Святослав Сидоренко)",
                "wk.cvs.github@sydorenko.org.ua",
                3,
            ),
            seen("🇺🇦 Sviatoslav", "other@example.com", 1),
        ];
        let names = alias_names(&person, &authors);
        let likely = likely_aliases(&person, &names, &authors);
        assert_eq!(likely.len(), 1, "{likely:?}");
        assert_eq!(likely[0].email, "wk.cvs.github@sydorenko.org.ua");
        assert_eq!(norm("🇺🇦 Sviatoslav"), "sviatoslav");
    }
}
