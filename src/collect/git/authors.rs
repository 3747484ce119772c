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
use crate::model::bots::Automation;
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
    /// Who else committed its commits (name and email, after the mailmap): where the
    /// person did, for a name like theirs, the identity is likely theirs
    /// ([`own_under_alias`]). Read by [`authors`] (`evident identities`); the walk
    /// leaves it empty, its recorder seeing the same (`Recorded::own_landed`, added by
    /// [`add_own_landed`]) without reading the committer twice.
    pub committers: Vec<Lander>,
}

/// Someone who committed commits of another author's (after the mailmap), and how many.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lander {
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

/// An author identity as a commit has it: raw name and email, then after the mailmap.
pub(super) type AuthorKey = (String, String, String, String);
/// An identity's commits of the period, and who else committed them.
type AuthorCount = (usize, Vec<Lander>);

/// The committer of a commit, after the mailmap, when it is not its author (`author_email`,
/// as written or mapped): who landed it.
fn other_committer(
    commit: &git2::Commit,
    mailmap: Option<&git2::Mailmap>,
    author_email: &str,
) -> Option<(String, String)> {
    let raw = commit.committer();
    if raw
        .email_bytes()
        .eq_ignore_ascii_case(author_email.as_bytes())
    {
        return None;
    }
    let mapped = match mailmap {
        Some(m) => m.resolve_signature(&raw).unwrap_or_else(|_| raw.to_owned()),
        None => raw.to_owned(),
    };
    let email = String::from_utf8_lossy(mapped.email_bytes()).into_owned();
    (!email.eq_ignore_ascii_case(author_email)).then(|| {
        (
            String::from_utf8_lossy(mapped.name_bytes()).into_owned(),
            email,
        )
    })
}

/// Adds `who`'s commits to `committers`, one entry an email (without case).
pub(super) fn add_committer(committers: &mut Vec<Lander>, who: Lander) {
    match committers
        .iter_mut()
        .find(|c| c.email.eq_ignore_ascii_case(&who.email))
    {
        Some(c) => c.commits += who.commits,
        None => committers.push(who),
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
        match merged.get_mut(&key) {
            Some(m) => {
                m.commits += a.commits;
                for c in a.committers {
                    add_committer(&mut m.committers, c);
                }
            }
            None => {
                merged.insert(key, a);
            }
        }
    }
    merged.into_values().collect()
}

/// A commit an automation made under a person's identity (a deploy action's, see
/// `bots::is_automated_title`; or any a GitHub Actions workflow committed, see
/// [`committed_by_workflow`]): nobody's work, and no identity's commit, in the walk as
/// here.
pub(super) fn automated(commit: &git2::Commit) -> bool {
    automation(commit).is_some()
}

/// Which automation made a commit ([`automated`]).
pub(super) fn automation(commit: &git2::Commit) -> Option<Automation> {
    commit
        .summary_bytes()
        .and_then(|t| crate::model::bots::automated_title_kind(&String::from_utf8_lossy(t)))
        .or_else(|| committed_by_workflow(commit).then_some(Automation::Workflow))
}

/// A commit a GitHub Actions workflow wrote and committed under the name of whoever it
/// runs for: laravel's "Update facade docblocks" and "Update CHANGELOG" (331 in a year
/// under its creator's noreply address), phoenix's "Update assets" after each push. The
/// workflow writes it when it commits it (author and commit times within five minutes;
/// equal in all of those). A person's commit a workflow only re-committed keeps its own
/// author time (a rebase), or says it is a copy (a backport action's `(cherry picked
/// from commit …)`): theirs still. The workflow's commits under its own bot name are a
/// bot's, and stay for the bot list.
fn committed_by_workflow(commit: &git2::Commit) -> bool {
    let committer = commit.committer();
    let by_workflow = committer
        .email_bytes()
        .eq_ignore_ascii_case(b"41898282+github-actions[bot]@users.noreply.github.com")
        || committer.name_bytes() == b"github-actions[bot]";
    if !by_workflow {
        return false;
    }
    let author = commit.author();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    let written_then = (committer.when().seconds() - author.when().seconds()).abs() <= 300;
    written_then
        && !crate::model::bots::is_bot(&text(author.name_bytes()), &text(author.email_bytes()), &[])
        && !crate::model::refs::is_cherry_pick(&super::encoding::message(commit))
}

fn authors_of(path: &Path, opts: &WalkOptions, kept: Option<&Path>) -> Result<Vec<SeenAuthor>> {
    let read = || -> Result<Vec<SeenAuthor>, git2::Error> {
        let repo = super::discover::open(path)?;
        let mailmap = repo.mailmap().ok();
        let (since, until) = opts.period.git_bounds();
        let mut counts: BTreeMap<AuthorKey, AuthorCount> = BTreeMap::new();
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
            let email = s(mapped.email_bytes());
            let committer = other_committer(&commit, mailmap.as_ref(), &email);
            let seen = counts
                .entry((
                    s(raw.name_bytes()),
                    s(raw.email_bytes()),
                    s(mapped.name_bytes()),
                    email,
                ))
                .or_default();
            seen.0 += 1;
            if let Some((name, email)) = committer {
                add_committer(
                    &mut seen.1,
                    Lander {
                        name,
                        email,
                        commits: 1,
                    },
                );
            }
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
            .map(
                |((raw_name, raw_email, name, email), (commits, committers))| SeenAuthor {
                    raw_name,
                    raw_email,
                    name,
                    email,
                    commits,
                    committers,
                },
            )
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

/// Whether two names are one person's written two ways: the same name (see [`norm`]), or
/// two words or more each with the same surname and first initial (prometheus' "György
/// Krajcsovits" commits locally and merges on GitHub as "George Krajcsovits"). Too loose
/// to find an alias alone (two people of a project can share both): asked only of a
/// change the person committed for its author ([`own_under_alias`]), which with the
/// name is their own.
fn names_alike(a: &str, b: &str) -> bool {
    let (a, b) = (norm(a), norm(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b {
        return true;
    }
    let (wa, wb): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    wa.len() > 1
        && wb.len() > 1
        && wa.last() == wb.last()
        && wa[0].chars().next() == wb[0].chars().next()
}

/// Whether the person committing (`committer`, after the mailmap) a commit of `author`'s
/// (a name) landed their own change under another address: the committer is the person,
/// and the names are alike.
pub fn own_under_alias(person: &Person, committer: (&str, &str), author: &str) -> bool {
    person.matches(committer.0, committer.1) && names_alike(committer.0, author)
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
    if person.is_everyone() {
        return likely;
    }
    for a in seen {
        if person.is_bot(&a.name, &a.email)
            || person.is_bot(&a.raw_name, &a.raw_email)
            || person.matches(&a.name, &a.email)
        {
            continue;
        }
        let by_name = wanted.contains(&norm(&a.name)) || wanted.contains(&norm(&a.raw_name));
        let landed_by_person = || {
            a.committers
                .iter()
                .any(|c| own_under_alias(person, (&c.name, &c.email), &a.name))
        };
        let sub_address = !by_name && person.is_sub_address(&a.email);
        if by_name || sub_address || landed_by_person() {
            let display = a.display();
            // One entry an address: `Alice@Home.example` and `alice@home.example` are one.
            let email = a.email.to_lowercase();
            if let Some(l) = likely.iter_mut().find(|l| l.email == email) {
                l.commits += a.commits;
                l.name_like &= !by_name && !sub_address;
            } else {
                likely.push(LikelyAlias {
                    identity: display,
                    email,
                    commits: a.commits,
                    name_like: !by_name && !sub_address,
                    sub_address,
                    ..Default::default()
                });
            }
        }
    }
    // Others' commits committed under an address of the person's name: their landings,
    // likely. An author of the person's name is theirs already (above), not another.
    let landers: Vec<Lander> = seen
        .iter()
        .filter(|a| {
            !person.matches(&a.name, &a.email)
                && !person.is_bot(&a.name, &a.email)
                && !wanted.contains(&norm(&a.name))
                && !wanted.contains(&norm(&a.raw_name))
        })
        .flat_map(|a| a.committers.iter().cloned())
        .collect();
    add_landing_aliases(&mut likely, person, names, &landers);
    likely
}

/// Adds to `likely` the committers of others' commits (`landers`) that carry one of
/// `names` (the same name, not only a like one) under an address that is not the
/// person's: likely the person's own address, and their landings (nginx's maintainer
/// writes as pluknet@nginx.com and lands contributors' changes as s.kandaurov@f5.com,
/// 27 in a year). Not counted as the person's reviews on that guess: said, with how to
/// count them.
pub fn add_landing_aliases(
    likely: &mut Vec<LikelyAlias>,
    person: &Person,
    names: &[String],
    landers: &[Lander],
) {
    if person.is_everyone() {
        return;
    }
    let wanted: Vec<String> = names.iter().map(|n| norm(n)).collect();
    for l in landers {
        if !wanted.contains(&norm(&l.name))
            || person.matches(&l.name, &l.email)
            || person.is_bot(&l.name, &l.email)
        {
            continue;
        }
        let email = l.email.to_lowercase();
        match likely.iter_mut().find(|x| x.email == email) {
            Some(x) => x.committed += l.commits,
            None => likely.push(LikelyAlias {
                identity: format!("{} <{}>", l.name, l.email),
                email,
                committed: l.commits,
                ..Default::default()
            }),
        }
    }
}

/// Counts in `likely` the commits the person committed for each of `own` (the walk's
/// recorder found them: landings of their own changes under another address), adding
/// one whose commits of the period `seen` does not hold (all written before it).
pub fn add_own_landed(
    likely: &mut Vec<LikelyAlias>,
    own: &[super::recorded::OwnLanded],
    seen: &[SeenAuthor],
) {
    for o in own {
        if let Some(l) = likely.iter_mut().find(|l| l.email == o.email) {
            l.landed += o.landed;
            l.merged += o.merged;
            continue;
        }
        let commits = seen
            .iter()
            .filter(|a| a.email.eq_ignore_ascii_case(&o.email))
            .map(|a| a.commits)
            .sum();
        likely.push(LikelyAlias {
            identity: format!("{} <{}>", o.name, o.email),
            email: o.email.clone(),
            commits,
            landed: o.landed,
            merged: o.merged,
            name_like: !o.same_name,
            ..Default::default()
        });
    }
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
            committers: Vec::new(),
        }
    }

    #[test]
    fn a_committer_of_the_persons_name_landing_others_changes_is_a_likely_alias() {
        let person = Person::from_identities(["pluknet@nginx.com"]);
        let lander = |name: &str, email: &str, commits| Lander {
            name: name.into(),
            email: email.into(),
            commits,
        };
        let mut contributor = seen("Patrik Wall", "patrik@example.com", 3);
        contributor.committers = vec![
            lander("Sergey Kandaurov", "s.kandaurov@f5.com", 2),
            lander("Roman Arutyunyan", "arut@example.com", 1),
        ];
        let mut other = seen("Vadim Zhestikov", "vadim@example.com", 1);
        other.committers = vec![lander("Sergey Kandaurov", "S.Kandaurov@f5.com", 1)];
        let authors = [
            seen("Sergey Kandaurov", "pluknet@nginx.com", 93),
            contributor,
            other,
        ];
        let names = alias_names(&person, &authors);
        let likely = likely_aliases(&person, &names, &authors);
        assert_eq!(likely.len(), 1, "{likely:?}");
        assert_eq!(likely[0].email, "s.kandaurov@f5.com");
        assert_eq!((likely[0].commits, likely[0].committed), (0, 3));
        assert!(!likely[0].name_like);
        // The person's own address, a bot, or another name is none.
        let mut likely = Vec::new();
        add_landing_aliases(
            &mut likely,
            &person,
            &names,
            &[
                lander("Sergey Kandaurov", "pluknet@nginx.com", 4),
                lander("Sergey Kandaurov [bot]", "bot@example.com", 4),
                lander("Sergey K.", "sk@example.com", 4),
            ],
        );
        assert!(likely.is_empty(), "{likely:?}");
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

    #[test]
    fn names_alike_are_one_name_or_one_surname_with_one_initial() {
        assert!(names_alike("György Krajcsovits", "George Krajcsovits"));
        assert!(names_alike("Jesse Wilson", "jesse  wilson"));
        assert!(names_alike("J. Wilson", "Jesse Wilson"));
        assert!(!names_alike("Jun Wang", "Mei Wang"));
        assert!(!names_alike("Jesse Wilson", "Jesse Wilkinson"));
        // One word says too little: "root", "David".
        assert!(!names_alike("David", "Dan David"));
        assert!(!names_alike("", ""));
    }
}
