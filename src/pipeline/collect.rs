//! Collect: runs the collectors for a selection, GitHub first, and lets the store reuse
//! or keep each source's results.

use super::assemble::{self, FromGithub};
use super::select::{GithubSelection, Selection};
use crate::collect::git::authors;
use crate::collect::git::{self, GitOptions, OpenRepo, RepoOutcome};
use crate::collect::github;
use crate::collect::github::Checkpoint;
use crate::config::Config;
use crate::config::settings::Settings;
use crate::env::Env;
use crate::error::{Error, ErrorKind, Result};
use crate::model::evidence::Collection;
use crate::model::evidence::{LikelyAlias, SourceSummary};
use crate::model::unseen::plural;
use crate::model::{Evidence, EvidenceFile, Kind, Person, Unseen, UnseenKind};
use crate::store::source::{Fingerprint, GitState};
use crate::store::{self, GithubStateDir, Store, TestHooks};
use std::path::{Path, PathBuf};

/// The store: the `store` setting (`--store`, `EVIDENT_STORE`, a file, else
/// `<cache dir>/evident`). `run` keeps its last portfolio there for `explain`, and GitHub
/// its incremental state.
pub fn store_dir(config: &Config) -> Option<PathBuf> {
    config.store.clone()
}

/// The store's folder when it exists: commands that only read the history (`identities`,
/// `team`) reuse and add to the author times a collection kept there, and create nothing.
pub fn existing_store_dir(settings: &Settings) -> Option<PathBuf> {
    store_dir(&settings.config).filter(|d| d.is_dir())
}

/// The store a collection uses ([`store_dir`]), opened and locked: refused at once when
/// another run holds it. `None` with `--no-store`, or when the default store cannot be
/// created.
pub fn open_store(settings: &Settings, env: &Env, no_store: bool) -> Result<Option<Store>> {
    if no_store {
        return Ok(None);
    }
    let Some(dir) = store_dir(&settings.config) else {
        return Ok(None);
    };
    // Only the default store (the cache dir) may be missing: then nothing is kept.
    let chosen = !settings.is_default("store");
    if !chosen && let Err(e) = std::fs::create_dir_all(&dir) {
        tracing::warn!(
            hint = "pass --store DIR, or --no-store",
            "the store {} cannot be created ({e}): nothing is kept for the next run",
            dir.display()
        );
        return Ok(None);
    }
    Store::open(&dir, env.now, TestHooks::from_vars(&env.vars)).map(Some)
}

/// The evidence a store holds, for `run --from-store`: the store is locked while it is
/// read and until the caller drops it.
pub fn from_store(env: &Env, dir: &Path) -> Result<(Store, EvidenceFile)> {
    if !dir.join(store::source::EVIDENCE_DIR).is_dir() {
        return Err(Error::usage(format!(
            "{} is not an evident store: it has no evidence/ folder",
            dir.display()
        ))
        .with_hint(
            "pass a folder written by `evident collect --store DIR` or `evident merge --store DIR`",
        ));
    }
    let locked = Store::open(dir, env.now, TestHooks::from_vars(&env.vars))?;
    let sources = store::source::read_sources(dir)?;
    if sources.is_empty() {
        return Err(
            Error::failed(format!("the store {} holds no evidence", dir.display()))
                .with_hint("collect into it first: `evident collect --store DIR`"),
        );
    }
    let file = assemble::from_sources(sources.values().map(|(_, f)| f));
    Ok((locked, file))
}

/// Collects evidence from every selected source, keeping each source's results in the
/// store as soon as it is done, and reusing what is still valid there (see `src/store`).
///
/// A source that fails does not discard the others: it is listed in the collection as
/// failed (`Collection::failures`) and the rest is returned. Only when nothing at all
/// could be read is the first failure the error. A GitHub error that is the user's to fix
/// (a rejected token, a bad address: usage or configuration) stops the run at once,
/// before anything is collected.
pub fn collect_evidence(selection: &Selection, store: Option<&Store>) -> Result<EvidenceFile> {
    // GitHub first: the commit emails it ties to the person's login are theirs too, and
    // the git walk should count them.
    let mut person = selection.person.clone();
    let mut failed = Vec::new();
    let mut github_error = None;
    let from_github = match &selection.github {
        Some(gh) => match collect_github(selection, gh, store, &mut person) {
            Ok(mut found) => {
                if let Some(part) = found.found.failed.take() {
                    let kept = store.is_some() || gh.store.is_some();
                    let fetched = found.found.evidence.len();
                    failed.push(github_failed(gh, &part.error, kept, Some(fetched)));
                    // Only the kinds read whole were looked for: what the others could
                    // show stays "not measured".
                    found.summary.kinds = part
                        .complete
                        .iter()
                        .map(|k| k.as_str().to_string())
                        .collect();
                    found.found.failed = Some(part);
                }
                Some(found)
            }
            Err(e) if e.kind != ErrorKind::Failed => return Err(e),
            Err(e) => {
                let kept = store.is_some() || gh.store.is_some();
                failed.push(github_failed(gh, &e, kept, None));
                github_error = Some(e);
                None
            }
        },
        None => None,
    };
    let opts = &selection.git;
    // Reading a repository can take seconds: a bar over the repositories, on a terminal.
    let bar = crate::ui::progress(opts.repos.len() as u64, "reading repositories");
    let mut git = git::collect_with(opts, |path| {
        bar.set_message(path.display().to_string());
        let outcome = read_repository(path, opts, &person, store);
        bar.inc(1);
        outcome
    });
    bar.finish_and_clear();
    if git.sources.is_empty()
        && from_github.is_none()
        && let Some(e) = git.first_error.take().or(github_error)
    {
        return Err(e);
    }
    git.unseen.splice(0..0, failed);
    let mut file = assemble::assemble(selection, &person, git, from_github);
    if let Some(c) = file.collection.as_mut() {
        if let Some(u) = no_matching_commits(selection, c, &file.evidence) {
            c.add_unseen(u);
        } else if let Some(u) = likely_aliases(selection, &person, c) {
            tracing::warn!(
                hint = "`evident identities` lists who is taken as the person and the likely aliases (docs/identity.md)",
                "{}",
                u.message
            );
            c.add_unseen(u);
        }
    }
    if let Some(s) = store {
        s.finish()?;
    }
    Ok(file)
}

/// One likely alias as the entry lists it: its identity, its commits of the period,
/// those the person committed as if landing another's change, and its pull requests the
/// person merged.
fn alias_line(l: &LikelyAlias) -> String {
    let mut said: Vec<String> = Vec::new();
    match (l.commits, l.landed) {
        // Found as a committer alone: it wrote nothing, and committed others' commits.
        (0, 0) if l.committed > 0 => {}
        // Found by landings alone: what it wrote was written before the period.
        (0, 0) => said.push("no commit written in the period".into()),
        (0, n) => said.push(format!(
            "no commit written in the period; {} written before it and committed by the person in it as if another's change",
            plural(n, "commit", "commits"),
        )),
        (c, 0) => said.push(plural(c, "commit", "commits")),
        (c, n) => said.push(format!(
            "{}; {n} of them committed by the person as if another's change",
            plural(c, "commit", "commits"),
        )),
    }
    if l.merged > 0 {
        said.push(format!(
            "{} opened under it and merged by the person",
            plural(l.merged, "pull request", "pull requests")
        ));
    }
    if l.committed > 0 {
        // The person's landings if the address is theirs: reviews, once confirmed.
        said.push(format!(
            "{} of others committed under it",
            plural(l.committed, "commit", "commits"),
        ));
    }
    let not_reviews = match l.landed + l.merged + l.committed {
        0 => String::new(),
        1 => ", not counted as a review".into(),
        _ => ", not counted as reviews".into(),
    };
    format!("{} ({}{not_reviews})", l.identity, said.join("; "))
}

/// Commits in the period under another email with the name the person's commits carry
/// (or the name given), as the walk of each repository found them: likely the person's,
/// not counted on that guess. An entry that names each address with its commits and how
/// to count them; the person decides.
fn likely_aliases(selection: &Selection, person: &Person, c: &Collection) -> Option<Unseen> {
    if !selection.likely_aliases || person.is_everyone() {
        return None;
    }
    let mut likely: Vec<LikelyAlias> = Vec::new();
    let mut sources: Vec<String> = Vec::new();
    for s in c.sources.iter().filter(|s| !s.likely_aliases.is_empty()) {
        sources.push(s.name.clone());
        for l in &s.likely_aliases {
            // One entry an address across the repositories, whatever its case or name.
            match likely.iter_mut().find(|x| x.email == l.email) {
                Some(x) => {
                    x.commits += l.commits;
                    x.landed += l.landed;
                    x.merged += l.merged;
                    x.committed += l.committed;
                    x.name_like &= l.name_like;
                    x.sub_address |= l.sub_address;
                }
                None => likely.push(l.clone()),
            }
        }
    }
    if likely.is_empty() {
        return None;
    }
    let commits: usize = likely.iter().map(|l| l.commits).sum();
    let yours = c.identities.join(", ");
    let listed: Vec<String> = likely.iter().map(alias_line).collect();
    // The name itself, as the first alias's commits carry it: "the name of
    // 181558744+rohan5commit@users.noreply.github.com's commits" alone had named none.
    // An alias found by the changes the person committed for it may have a name like
    // theirs (prometheus' "George" for "György Krajcsovits"), not theirs.
    // A sub-address (`local+tag@domain`) is the person's mailbox whatever its name
    // (hugo's release tool's `…+hugoreleaser@gmail.com`).
    let by_name = likely.iter().find(|l| !l.name_like && !l.sub_address);
    let whose = match by_name {
        Some(l) if person.given_names().is_empty() => {
            let name = crate::model::person::parse_name_email(&l.identity).0;
            format!("with the name of {yours}'s commits (\"{}\")", name.trim())
        }
        Some(_) => "with the person's name".to_string(),
        None if likely.iter().all(|l| l.sub_address) => {
            format!("that adds a `+tag` to {yours}")
        }
        None if person.given_names().is_empty() => {
            format!("with a name like that of {yours}'s commits")
        }
        None => "with a name like the person's".to_string(),
    };
    let quote = |id: &str| {
        if id.contains(char::is_whitespace) {
            format!("--author \"{id}\"")
        } else {
            format!("--author {id}")
        }
    };
    // Names are kept lower-cased: the name as given reads better.
    let as_given = |id: &String| -> String {
        person
            .name
            .clone()
            .filter(|n| n.to_lowercase() == *id)
            .unwrap_or_else(|| id.clone())
    };
    let flags: Vec<String> = c
        .identities
        .iter()
        .map(as_given)
        .chain(likely.iter().map(|l| l.email.clone()))
        .map(|id| quote(&id))
        .collect();
    let one = commits == 1;
    let emails = if likely.len() == 1 {
        "the email"
    } else {
        "the emails"
    };
    let other = if likely.len() == 1 {
        "another email"
    } else {
        "other emails"
    };
    let only_committed = commits == 0
        && likely.iter().all(|l| l.landed == 0 && l.merged == 0)
        && likely.iter().any(|l| l.committed > 0);
    let lead = if only_committed {
        // Only others' commits committed under the address: the person's landings.
        format!(
            "{} {whose}, likely the same person's, committed others' commits in the period",
            if likely.len() == 1 {
                "Another email"
            } else {
                "Other emails"
            },
        )
    } else if commits == 0 {
        // Only landings of commits written before the period: none of the period's.
        format!(
            "Commits under {other} {whose}, likely the same person's, landed in the period and are not counted"
        )
    } else {
        format!(
            "{} in the period {} under {other} {whose}, likely the same person's, and {} not counted",
            plural(commits, "commit", "commits"),
            if one { "is" } else { "are" },
            if one { "is" } else { "are" },
        )
    };
    let message = format!(
        "{lead}: {}. To count {}, pass `--author` for each email (`{}`), add {emails} to `[identity] emails` in evident.toml, or map {emails} to one address in the repository's `.mailmap`",
        listed.join(", "),
        if one { "it" } else { "them" },
        flags.join(" "),
    );
    let emails = likely.iter().map(|l| l.email.clone());
    Some(
        Unseen::new(sources.join(", "), UnseenKind::LikelyAliases, message)
            .with_commits(commits)
            .with_ids(emails),
    )
}

/// When the person matches no commit in the repositories read: an entry that says so,
/// and on stderr the authors that were seen there, with the `--author` hint. (Other
/// people's identities stay out of the portfolio: they are only printed.) Work git
/// records of the person (a landing, a merge of another's branch), or their commits
/// written before the period and landed in it, show they were found: nothing to say then.
fn no_matching_commits(
    selection: &Selection,
    c: &Collection,
    evidence: &[Evidence],
) -> Option<Unseen> {
    // Commits of the person's landed in the period, written before it: found, and the
    // summary says how to take them in.
    if evidence
        .iter()
        .any(|e| e.kind == Kind::Commit || e.meta_str("source") == Some("git"))
        || c.sources.iter().any(|s| !s.written_before.is_empty())
    {
        return None;
    }
    let read: Vec<&PathBuf> = selection
        .git
        .repos
        .iter()
        .filter(|r| c.sources.iter().any(|s| s.path == r.display().to_string()))
        .collect();
    if read.is_empty() {
        return None;
    }
    let names: Vec<String> = c
        .sources
        .iter()
        .filter(|s| read.iter().any(|r| s.path == r.display().to_string()))
        .map(|s| s.name.clone())
        .collect();
    let repos = read.iter().map(|r| (*r).clone()).collect::<Vec<_>>();
    // A bot is never someone's author: not offered as one, and said when asked for.
    let who = &selection.person;
    let (bots, mut seen): (Vec<_>, Vec<_>) = authors::authors(&repos, &selection.git.walk, None)
        .into_iter()
        .partition(|a| who.is_bot(&a.name, &a.email));
    let asked = bots.iter().find(|a| {
        c.identities
            .iter()
            .any(|id| id.eq_ignore_ascii_case(&a.email) || id.eq_ignore_ascii_case(&a.name))
    });
    if let Some(bot) = asked {
        tracing::warn!(
            hint = "a bot's commits never count for a person (docs/identity.md); pass --author with a person's email",
            "{} is a bot: its {} {} left out",
            bot.display(),
            plural(bot.commits, "commit", "commits"),
            if bot.commits == 1 { "is" } else { "are" }
        );
    }
    let by_bots: usize = bots.iter().map(|a| a.commits).sum();
    seen.sort_by(|a, b| {
        b.commits
            .cmp(&a.commits)
            .then_with(|| a.email.cmp(&b.email))
    });
    let person = c.identities.join(", ");
    let where_ = format!(
        "in the {} read ({})",
        plural(names.len(), "repository", "repositories"),
        names.join(", ")
    );
    // Only bots committed (a quiet repository with its dependency bumps): say so, not
    // "no commit at all".
    let only_bots = format!(
        "only bots committed in the period {where_}: {}",
        plural(by_bots, "commit", "commits")
    );
    if seen.is_empty() && by_bots > 0 {
        tracing::warn!(hint = "check --since and --until", "{only_bots}");
    } else if seen.is_empty() {
        tracing::warn!(
            hint = "check --since and --until",
            "there is no commit at all in the period {where_}"
        );
    } else {
        let listed: Vec<String> = seen
            .iter()
            .take(8)
            .map(|a| {
                format!(
                    "{} ({})",
                    a.display(),
                    plural(a.commits, "commit", "commits")
                )
            })
            .collect();
        let more = seen.len().saturating_sub(listed.len());
        let more = if more > 0 {
            format!(", and {more} more")
        } else {
            String::new()
        };
        tracing::warn!(
            hint = "pass --author with one of them (repeatable), or list your other emails under [identity] in evident.toml; `evident identities` shows who is taken as you",
            "no commit in the period is by {person} {where_}; the authors seen there: {}{more}",
            listed.join(", ")
        );
    }
    let message = if seen.is_empty() && by_bots > 0 {
        let mut m = only_bots;
        m[..1].make_ascii_uppercase();
        format!("{m}: check --since and --until")
    } else if seen.is_empty() {
        format!("There is no commit at all in the period {where_}: check --since and --until")
    } else {
        format!(
            "No commit in the period is by {person} {where_}: check --author (`evident identities` lists the authors seen)"
        )
    };
    Some(Unseen::new(names.join(", "), UnseenKind::NoMatchingCommits, message).with_commits(0))
}

/// The entry for a GitHub collection that failed: what failed, and what is kept. With
/// `fetched`, it failed partway and that many items fetched before are in the output.
fn github_failed(gh: &GithubSelection, e: &Error, kept: bool, fetched: Option<usize>) -> Unseen {
    let host = github::client::Api::from_url(gh.options.url.as_deref())
        .map(|a| a.host)
        .unwrap_or_else(|_| "GitHub".to_string());
    let source = format!("GitHub ({host})");
    // The error, its causes and its hint (what to do); then what is kept, unless the
    // hint already says it.
    let report = e.report();
    let cause = report
        .lines()
        .map(|l| l.trim_start_matches("error: "))
        .collect::<Vec<_>>()
        .join("; ");
    let said = e
        .hint
        .as_deref()
        .is_some_and(|h| h.contains(github::client::KEPT) || h.contains(github::client::NOT_KEPT));
    let kept = match (said, kept) {
        (true, _) => String::new(),
        (false, true) => " (the pages fetched before the failure are kept in the store, and the next run continues from them)".to_string(),
        (false, false) => " (nothing fetched was kept: --no-store)".to_string(),
    };
    let lost = match fetched {
        None => {
            "not collected, so no pull request, review or issue is in this portfolio".to_string()
        }
        Some(n) => format!(
            "collected only in part: the {n} pull requests, reviews and issues fetched before the failure are in this portfolio, the rest are not"
        ),
    };
    Unseen::failed(source.clone(), format!("{source}: {lost}: {cause}{kept}"))
}

/// The GitHub collection, kept in the store; the commit emails GitHub pairs with the
/// person's login are added to `person`.
fn collect_github(
    selection: &Selection,
    gh: &GithubSelection,
    store: Option<&Store>,
    person: &mut Person,
) -> Result<FromGithub> {
    let period = selection.period();
    let state_dir = store.map(|s| s.dir().to_path_buf()).or(gh.store.clone());
    let checkpoint = state_dir.map(|dir| GithubStateDir { dir });
    let found = github::collect(
        &gh.options,
        &gh.token,
        &selection.person,
        period,
        checkpoint.as_ref().map(|c| c as &dyn Checkpoint),
    )?;
    let summary = SourceSummary {
        name: format!("{}: {}", found.summary.host, found.summary.login),
        path: gh
            .options
            .url
            .clone()
            .unwrap_or_else(|| "https://github.com".into()),
        items: found.evidence.len(),
        web_url: None,
        kinds: [Kind::PullRequest, Kind::Review, Kind::Issue]
            .iter()
            .map(|k| k.as_str().to_string())
            .collect(),
        ..Default::default()
    };
    // A collection that failed partway is not kept as a result to reuse: the next run
    // collects again (continuing from the pages its checkpoint kept).
    if let Some(s) = store.filter(|_| found.failed.is_none()) {
        s.keep_github(
            &selection.person,
            period,
            &summary,
            &found.summary,
            &found.warnings,
            &found.evidence,
        )?;
    }
    for email in github::emails_of(&found.evidence, &found.summary.login) {
        if !person.emails.contains(&email) {
            tracing::info!(
                "GitHub pairs {email} with {}: counted as theirs",
                found.summary.login
            );
            person.add(&email);
        }
    }
    Ok(FromGithub { found, summary })
}

/// One repository's results: from the store when they are still valid there, else read
/// and kept in the store as soon as they are.
fn read_repository(
    path: &Path,
    opts: &GitOptions,
    person: &Person,
    store: Option<&Store>,
) -> Result<RepoOutcome> {
    let repo = git::open(path)?;
    let Some(store) = store else {
        return git::read(&repo, opts, person, None);
    };
    let all_branches = opts.walk.all_branches;
    let entry = store.git_entry(
        path,
        &repo.name,
        git_fingerprint(&repo, opts, person),
        |kept, now| repo.same_commits_in(all_branches, kept, now, Some(store.dir())),
    );
    if let Some(kept) = store.reuse(&entry, path) {
        return Ok(kept);
    }
    // The author times the walk scans are kept in the store too (`author-times/`).
    let mut outcome = git::read(&repo, opts, person, Some(store.dir()))?;
    if !outcome.unseen.is_empty() {
        // Results with gaps (unreadable objects) are not kept: the next run reads the
        // repository again, and sees it whole once it is repaired.
        return Ok(outcome);
    }
    if let Err(e) = store.keep_git(entry, &mut outcome) {
        // The results are still in this run's output; the next run reads it again.
        outcome
            .warnings
            .push(e.report().trim_start_matches("error: ").to_string());
    }
    Ok(outcome)
}

/// What a repository's results depend on: the person, the period, the repository's refs
/// and `.mailmap`, and the options.
fn git_fingerprint(repo: &OpenRepo, opts: &GitOptions, person: &Person) -> Fingerprint {
    let state = GitState::new(
        repo.refs(opts.walk.all_branches),
        repo.mailmap_bytes().as_deref(),
        repo.web.as_ref().map(|w| w.base.clone()),
        opts,
    );
    Fingerprint::new(person, opts.walk.period, Some(state))
}
