//! Release tags of the period. evident reads commits, and a release that only a tag
//! records (caddy's maintainers tagged nine releases in a year, and no commit of theirs
//! names a version) would otherwise be silent: the collector counts the annotated tags
//! the walked history reaches that were made in the period (on commits of the period),
//! and the lightweight ones named as a version on commits of the period, and names the
//! person's, so that the portfolio says what it did not read.

use crate::model::evidence::ReleaseTags;
use crate::model::person::Person;
use git2::{Oid, Repository};
use std::collections::HashSet;

/// Tag names listed at most; the count says the rest.
const NAMED: usize = 12;

/// The annotated tags made in `[since, until)` (by the tagger's date) that point at a
/// commit of the history read (`recent`, the walk's commits of the period, or all of
/// them without a commit-graph) committed in the period: how many, and the names of
/// those the person made. A lightweight tag says neither who made it nor when: it counts
/// when its name holds a version and its commit is of the period, and is the person's
/// when their release commit names it. A tag made in the period on an older commit is
/// not counted.
pub fn release_tags(
    repo: &Repository,
    person: &Person,
    recent: &[Oid],
    (since, until): (i64, i64),
) -> ReleaseTags {
    let mailmap = repo.mailmap().ok();
    let mut found: Vec<(i64, String, bool, Oid)> = Vec::new();
    let mut named = 0;
    let (mut by_automation, mut automations) = (0, Vec::<String>::new());
    let Ok(refs) = repo.references_glob("refs/tags/*") else {
        return ReleaseTags::default();
    };
    // Made at the first tag: a repository without tags pays nothing for it.
    let set: std::cell::OnceCell<HashSet<Oid>> = std::cell::OnceCell::new();
    let committed_in = || set.get_or_init(|| recent.iter().copied().collect());
    for r in refs.flatten() {
        let (Some(oid), Ok(name)) = (r.target(), r.name()) else {
            continue;
        };
        // packed-refs records the commit an annotated tag peels to: a tag on a commit
        // outside the period is passed over without reading it (git/git has 1,000 tags).
        if r.target_peel()
            .is_some_and(|c| !committed_in().contains(&c))
        {
            continue;
        }
        let name = name.strip_prefix("refs/tags/").unwrap_or(name).to_string();
        // A lightweight tag (no tagger, no date of its own) named as a version, on a
        // commit of the period: tailwindcss tags its releases so. Dated by its commit,
        // and the person's only where their release commit names it (`latest` or
        // `nightly` is no release).
        if committed_in().contains(&oid) {
            if !names_a_version(&name) {
                continue;
            }
            if let Ok(c) = repo.find_commit(oid)
                && (since..until).contains(&c.time().seconds())
            {
                let mine = release_commit(&c, &name, person, mailmap.as_ref(), committed_in());
                named += usize::from(mine);
                found.push((c.time().seconds(), name, mine, c.id()));
            }
            continue;
        }
        if let Some(tag) = in_period(repo, oid, (since, until))
            && let Some(tagger) = tag.tagger()
            && let Some(commit) = tagged_commit(repo, tag.target_id())
            && committed_in().contains(&commit.id())
            && commit.time().seconds() >= since
        {
            let tagger_name = String::from_utf8_lossy(tagger.name_bytes()).into_owned();
            let by_bot = crate::model::bots::is_bot(
                &tagger_name,
                &String::from_utf8_lossy(tagger.email_bytes()),
                &[],
            );
            let released = release_commit(&commit, &name, person, mailmap.as_ref(), committed_in());
            // A workflow's tag on the person's release commit is the person's release.
            let mine = released && by_bot || is_persons(&tagger, person, mailmap.as_ref());
            if mine && released {
                named += 1;
            }
            // lazygit's 17 releases were tagged by its release workflow's bot, and the
            // page said nothing of them.
            if by_bot && !mine {
                by_automation += 1;
                if automations.len() < 3 && !automations.contains(&tagger_name) {
                    automations.push(tagger_name);
                }
            }
            found.push((tagger.when().seconds(), name, mine, commit.id()));
        }
    }
    found.sort();
    let persons: Vec<String> = found
        .iter()
        .filter(|(_, _, mine, _)| *mine)
        .map(|(_, name, _, _)| name.clone())
        .collect();
    let commits: HashSet<Oid> = found
        .iter()
        .filter(|(_, _, mine, _)| *mine)
        .map(|(_, _, _, c)| *c)
        .collect();
    ReleaseTags {
        tags: found.len(),
        persons: persons.len(),
        named,
        commits: commits.len(),
        candidates: persons.iter().filter(|n| is_pre_release(n)).count(),
        names: persons.into_iter().take(NAMED).collect(),
        by_automation,
        automations,
    }
}

/// Whether a tag's name holds a version (`v4.3.3`, `ignore-0.4.33`) of a release: not a
/// development marker (setuptools-scm's `9.1.0.dev0` on pytest's main line), a
/// deprecated module's (`cmd/godoc/v0.1.0-deprecated`), a nightly or a snapshot.
fn names_a_version(name: &str) -> bool {
    let b = name.as_bytes();
    let lower = name.to_lowercase();
    b.windows(3)
        .any(|w| w[0].is_ascii_digit() && w[1] == b'.' && w[2].is_ascii_digit())
        && ![".dev", "-dev", "deprecated", "nightly", "snapshot"]
            .iter()
            .any(|w| lower.contains(w))
}

/// Whether a tag's name marks a pre-release: a release candidate, alpha, beta or
/// preview (`v3.13.0-rc.0`, curl's `rc-8_22_0-1`, `2.0.0b1`, `v1.0.0-beta`).
fn is_pre_release(name: &str) -> bool {
    static PRE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)(^|[-_.+/]|\d)(rc|alpha|beta|pre|preview|a|b)([-_.]?\d|[-_.]|$)")
            .expect("valid")
    });
    let version = name.rsplit('/').next().unwrap_or(name);
    PRE.is_match(version)
}

/// How far back from a tagged commit its release commit is looked for: just tagged
/// 1.49.0 on the commit after its "Release 1.49.0 (#3251)", a pin bump merged next.
const RELEASE_COMMIT_BACK: usize = 5;
const RELEASE_COMMIT_DAYS: i64 = 3;

/// Whether the person's own commit names the tag's version: the tagged commit, or one of
/// the few before it on its first-parent line, within days. A merge is no commit evident
/// counts as the person's work.
fn release_commit(
    tagged: &git2::Commit,
    tag: &str,
    person: &Person,
    mailmap: Option<&git2::Mailmap>,
    of_period: &HashSet<Oid>,
) -> bool {
    let newest = tagged.time().seconds();
    // The tagged commit's first-parent line, and, for a tag on a merge, the merged
    // branch's too: bat's v0.26.0 sits on the merge of its "Prepare to release v0.26.0".
    let merged = (tagged.parent_count() > 1)
        .then(|| tagged.parent(1).ok())
        .flatten();
    let lines = std::iter::once(Some(tagged.clone())).chain(std::iter::once(merged));
    for start in lines {
        let mut commit = start;
        for _ in 0..=RELEASE_COMMIT_BACK {
            let Some(c) = commit else {
                break;
            };
            if newest - c.time().seconds() > RELEASE_COMMIT_DAYS * 86_400 {
                break;
            }
            if c.parent_count() <= 1 && names_version(&c, tag) {
                // Counted as the person's commit only if it is one of the period's.
                return of_period.contains(&c.id()) && is_persons(&c.author(), person, mailmap);
            }
            commit = c.parent(0).ok();
        }
    }
    false
}

/// The annotated tag `oid`, when its tagger's date is in the period.
fn in_period(repo: &Repository, oid: Oid, (since, until): (i64, i64)) -> Option<git2::Tag<'_>> {
    let tag = repo.find_tag(oid).ok()?;
    let when = tag.tagger()?.when().seconds();
    (since..until).contains(&when).then_some(tag)
}

/// Whether a commit's title names a tag's version (`v3.14.0` in `Release 3.14.0`, `Bump
/// version: 80.9.0 → 80.10.0`): the release is a commit evident reads.
fn names_version(commit: &git2::Commit, tag: &str) -> bool {
    let version = tag.rsplit('/').next().unwrap_or(tag);
    let version = version.trim_start_matches(|c: char| !c.is_ascii_digit());
    let Some(title) = commit.summary_bytes().map(String::from_utf8_lossy) else {
        return false;
    };
    // The whole version: `1.0` is not in `Release 11.0`, `Release 1.0.1` nor `1.0rc1`.
    !version.is_empty()
        && title.match_indices(version).any(|(at, _)| {
            let before = title[..at].chars().next_back();
            let after = title[at + version.len()..].chars().next();
            let mut rest = title[at + version.len()..].chars();
            // `1.2.0.1`, and `1.2.0-rc.1` or `1.2.0+build` for a tag of no such part.
            let continues = match (rest.next(), rest.next()) {
                (Some('.'), Some(c)) => c.is_ascii_digit(),
                (Some('-' | '+'), Some(c)) => {
                    c.is_ascii_alphanumeric() && !version.contains(['-', '+'])
                }
                _ => false,
            };
            !(before.is_some_and(|c| c.is_ascii_digit() || c == '.')
                || after.is_some_and(|c| c.is_ascii_alphanumeric())
                || continues)
        })
}

/// Whether a signature (a tagger, a commit's author) is the person's, after the mailmap.
fn is_persons(who: &git2::Signature, person: &Person, mailmap: Option<&git2::Mailmap>) -> bool {
    let mapped = mailmap.and_then(|m| m.resolve_signature(who).ok());
    let who = mapped.as_ref().unwrap_or(who);
    person.matches(
        &String::from_utf8_lossy(who.name_bytes()),
        &String::from_utf8_lossy(who.email_bytes()),
    )
}

/// The commit a tag names, through tags of tags.
fn tagged_commit(repo: &Repository, target: Oid) -> Option<git2::Commit<'_>> {
    repo.find_object(target, None)
        .and_then(|o| o.peel_to_commit())
        .ok()
}

#[cfg(test)]
mod tests {
    use super::is_pre_release;

    #[test]
    fn release_candidates_alphas_betas_and_previews_are_pre_releases() {
        for name in [
            "v3.13.0-rc.0",
            "rc-8_22_0-1",
            "2.0.0b1",
            "1.0a2",
            "v1.0.0-beta",
            "v2.0.0-alpha.3",
            "release/v5.0.0-preview.1",
            "v1.4.0rc1",
        ] {
            assert!(is_pre_release(name), "{name}");
        }
        for name in [
            "v3.7.0",
            "curl-8_22_0",
            "v0.307.3",
            "ignore-0.4.33",
            "2024.10.1",
            "bat-v0.25.0",
        ] {
            assert!(!is_pre_release(name), "{name}");
        }
    }
}
