//! The person's commits of the period on branches HEAD does not reach. evident reads HEAD
//! unless `--all-branches` is given, as `git log` does; but a maintainer who works on
//! the next major version's branch (jackson-databind's `3.x`, 228 of Tatu Saloranta's
//! 616 commits of a year) would lose that work without a word. The walk counts them and
//! the portfolio says where they are.

use crate::model::person::Person;
use git2::{Oid, Repository};
use std::collections::HashSet;

/// Commits visited at most; past it, the count is a lower bound.
const VISIT_LIMIT: usize = 200_000;
/// Branches named at most.
const NAMED: usize = 3;

/// The person's commits of the period that only other branches reach.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct OffHead {
    pub commits: usize,
    /// Branches with how many of those commits each (a commit counts for the first branch
    /// that reaches it, in the order refs are listed), most first; only branches with one.
    pub branches: Vec<(String, usize)>,
    /// The visit stopped at [`VISIT_LIMIT`]: there may be more.
    pub at_least: bool,
}

/// Walks back from every local and remote branch, stopping at HEAD's commits of the
/// period (`head_recent`, all of HEAD's commits committed since `since`) and at commits
/// committed before the period (a commit is committed after it is written, so none
/// older is the period's; git's clock-skewed exceptions aside). What is left is off
/// HEAD: the person's non-merge commits authored in the period are counted, but not a
/// copy of one HEAD holds (`read_titles`, the titles of the person's commits read:
/// prometheus' `release-3.5` holds backports of its maintainer's fixes, already counted;
/// a branch squash-merged holds its commits, the first titled as the squash). Costs
/// what the other branches hold beyond HEAD in the period, not the history.
pub fn off_head(
    repo: &Repository,
    person: &Person,
    head_recent: &[Oid],
    read_titles: &HashSet<&str>,
    (since, until): (i64, i64),
) -> OffHead {
    let mut out = OffHead::default();
    let Ok(refs) = repo.references() else {
        return out;
    };
    let head: HashSet<Oid> = head_recent.iter().copied().collect();
    let mailmap = repo.mailmap().ok();
    let mut visited: HashSet<Oid> = HashSet::new();
    for r in refs.flatten() {
        let is_branch = r.is_branch() || r.is_remote();
        // `origin/HEAD` names another branch, read under its own name.
        if !is_branch || matches!(r.symbolic_target(), Ok(Some(_))) {
            continue;
        }
        let (Ok(name), Ok(tip)) = (r.shorthand().map(str::to_string), r.peel_to_commit()) else {
            continue;
        };
        let mut stack = vec![tip.id()];
        let mut found = 0;
        while let Some(oid) = stack.pop() {
            if head.contains(&oid) || !visited.insert(oid) {
                continue;
            }
            if visited.len() > VISIT_LIMIT {
                out.at_least = true;
                break;
            }
            let Ok(c) = repo.find_commit(oid) else {
                continue;
            };
            if c.time().seconds() < since {
                continue;
            }
            stack.extend(c.parent_ids());
            if c.parent_count() > 1 || super::authors::automated(&c) {
                continue;
            }
            let author = c.author();
            let author = match &mailmap {
                Some(m) => m.resolve_signature(&author).unwrap_or(author),
                None => author,
            };
            let when = author.when().seconds();
            let author_name = String::from_utf8_lossy(author.name_bytes());
            let email = String::from_utf8_lossy(author.email_bytes());
            if (since..until).contains(&when)
                && person.matches(&author_name, &email)
                && !is_copy(&c, read_titles)
            {
                found += 1;
            }
        }
        // Each ref is listed once: one entry a branch.
        if found > 0 {
            out.commits += found;
            out.branches.push((name, found));
        }
        if out.at_least {
            break;
        }
    }
    out.branches.sort_by_key(|b| std::cmp::Reverse(b.1));
    out
}

/// Whether a commit off HEAD is a copy of one read: the same title (with or without a
/// squash merge's `(#N)`: `read_titles` holds both), or a cherry-pick.
fn is_copy(c: &git2::Commit, read_titles: &HashSet<&str>) -> bool {
    let message = String::from_utf8_lossy(c.message_bytes());
    // The subject, as the read commits' titles are.
    let (title, _) = super::walk::split_message(&message);
    read_titles.contains(title.as_str()) || crate::model::refs::is_cherry_pick(&message)
}

/// The line of "What could not be seen" for commits off HEAD, if there are any.
/// `everyone` is `--author '*'` (a parity run): the commits are no one person's.
pub fn unseen_entry(
    repo_name: &str,
    off: &OffHead,
    everyone: bool,
) -> Option<crate::model::Unseen> {
    use crate::model::unseen::plural;
    if off.commits == 0 {
        return None;
    }
    let mut named: Vec<String> = off
        .branches
        .iter()
        .take(NAMED)
        .map(|(b, n)| format!("`{b}`: {n}"))
        .collect();
    if off.branches.len() > NAMED {
        let more = off.branches.len() - NAMED;
        named.push(plural(more, "more branch", "more branches"));
    }
    let n = off.commits;
    let message = format!(
        "{}{}{} in the period {} on branches the HEAD of {repo_name} does not reach ({}), and {} not read: evident reads HEAD, as `git log` does. To read every branch, pass --all-branches",
        if off.at_least { "at least " } else { "" },
        plural(n, "commit", "commits"),
        if everyone { "" } else { " of the person's" },
        if n == 1 { "is" } else { "are" },
        named.join(", "),
        if n == 1 { "it was" } else { "they were" },
    );
    Some(
        crate::model::Unseen::new(repo_name, crate::model::UnseenKind::OtherBranches, message)
            .with_commits(n)
            .with_ids(off.branches.iter().map(|(b, _)| b.clone())),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_entry_names_the_largest_branches_and_says_a_bound() {
        let off = OffHead {
            commits: 9,
            branches: vec![
                ("3.x".into(), 5),
                ("feature/a".into(), 2),
                ("2.12".into(), 1),
                ("gh-pages".into(), 1),
            ],
            at_least: true,
        };
        let u = unseen_entry("acme/lib", &off, false).unwrap();
        assert_eq!(
            u.message,
            "at least 9 commits of the person's in the period are on branches the HEAD of acme/lib does not reach (`3.x`: 5, `feature/a`: 2, `2.12`: 1, 1 more branch), and they were not read: evident reads HEAD, as `git log` does. To read every branch, pass --all-branches"
        );
        assert_eq!(u.commits, Some(9));
        // A parity run over every author names no person.
        let every = unseen_entry("acme/lib", &off, true).unwrap();
        assert!(
            every
                .message
                .starts_with("at least 9 commits in the period are")
        );
        assert!(unseen_entry("acme/lib", &OffHead::default(), false).is_none());
    }
}
