//! What the collection could see, and what each rubric statement needs to be seen.
//!
//! A statement is shown by items of certain kinds (`Statement::evidence_kinds`: those of
//! its `kinds` in the rubric that can carry its signals, see `model::signals`). The collection says
//! which kinds it looked for (each source's `kinds`: a repository looks for commits and
//! design docs, and for reviews where its history records any; GitHub for pull requests,
//! reviews and issues; the notes file for notes). A statement none of whose kinds was
//! looked for is "not measured": no evidence there says nothing about the person.

use crate::model::Kind;
use crate::model::evidence::{Collection, RECORDED_REVIEWS};
use crate::model::portfolio::{Item, NotSeen};
use std::collections::{BTreeMap, BTreeSet};

/// What the collection looked for.
#[derive(Debug, Clone, Default)]
pub struct Seen {
    /// Kinds of item looked for in full: those the sources declare, and any kind an item
    /// of the evidence has (evidence from another tool declares none).
    pub kinds: BTreeSet<Kind>,
    /// Reviews were seen only as git records them: approvals, not what a review said.
    pub recorded_reviews: bool,
    /// Per repository, its items with a web link and all its items.
    pub links: BTreeMap<String, (usize, usize)>,
    /// Repositories whose changes are reviewed where evident does not read (Gerrit), by
    /// path: their name and that place.
    pub reviewed_on: BTreeMap<String, (String, String)>,
    /// Repositories read (sources of commits).
    pub repositories: usize,
    /// Others' pull requests the forge merged in the repositories read, whose reviewer
    /// and merger git does not record.
    pub merged_on_forge: usize,
    /// Of the same kind, those naming the person co-author (their commits on it).
    pub merged_on_forge_with_you: usize,
    /// Annotated tags of the period on each history read that has some, by its name.
    pub release_tags: Vec<(String, crate::model::evidence::ReleaseTags)>,
    /// Commits an automation made under the person's identity, left out.
    pub automated: crate::model::evidence::Automated,
    /// The person's commits of one repository counted in another one read that holds
    /// them too: (this repository, that one, how many).
    pub counted_in: Vec<(String, String, usize)>,
    /// The person's merges of branches (no pull request) left out, by repository.
    pub branch_merges: Vec<(String, crate::model::evidence::BranchMerges)>,
}

/// The signals the reviews git records can show: that a change was reviewed.
const RECORDED_REVIEW_SIGNALS: &[&str] = &["code-review"];

impl Seen {
    pub fn of(collection: &Collection, items: &[Item]) -> Seen {
        let declared = collection.sources.iter().flat_map(|s| s.kinds.iter());
        let mut seen = Seen::default();
        for s in &collection.sources {
            if let Some(place) = &s.reviewed_on {
                seen.reviewed_on
                    .insert(s.path.clone(), (s.name.clone(), place.clone()));
            }
            seen.repositories += usize::from(s.kinds.iter().any(|k| k == Kind::Commit.as_str()));
            seen.merged_on_forge += s.merged_on_forge;
            seen.merged_on_forge_with_you += s.merged_on_forge_with_you;
            seen.automated.absorb(&s.automated);
            for (there, n) in &s.counted_in {
                seen.counted_in.push((s.name.clone(), there.clone(), *n));
            }
            if !s.release_tags.is_empty() {
                seen.release_tags
                    .push((s.name.clone(), s.release_tags.clone()));
            }
            if !s.branch_merges.is_empty() {
                seen.branch_merges
                    .push((s.name.clone(), s.branch_merges.clone()));
            }
        }
        for k in declared {
            if k == RECORDED_REVIEWS {
                seen.recorded_reviews = true;
            } else if let Some(kind) = Kind::parse(k) {
                seen.kinds.insert(kind);
            }
        }
        for it in items {
            let e = &it.evidence;
            let counts = seen.links.entry(e.repo.clone()).or_default();
            counts.0 += usize::from(e.url.is_some());
            counts.1 += 1;
            let recorded = e.meta_str("source") == Some("git");
            match e.kind {
                Kind::Review if recorded => seen.recorded_reviews = true,
                // A `Reported-by:` trailer is not the issues of a tracker: it does not
                // make the statements issues show measured (maintainer Junio Hamano's
                // year read "none" for difficult conversations and customer needs).
                Kind::Issue if recorded => {}
                kind => {
                    seen.kinds.insert(kind);
                }
            }
        }
        seen
    }

    /// Reviews were seen only as git records them (no GitHub): a count of reviews is
    /// a floor.
    pub fn reviews_only_recorded(&self) -> bool {
        self.recorded_reviews && !self.kinds.contains(&Kind::Review)
    }

    /// Why a count of reviews is only a floor, for a goal: " (only the reviews git
    /// records: …)"; empty when reviews were read where they were given.
    pub fn reviews_partly(&self) -> String {
        let gerrit = !self.reviewed_on.is_empty();
        // GitHub's absence matters for the repositories not reviewed on Gerrit.
        let github = self.reviews_only_recorded() && self.reviewed_on.len() < self.repositories;
        match (gerrit, github) {
            (true, true) => " (only the reviews git records: GitHub was not collected, and those given on Gerrit are not read)".to_string(),
            (true, false) => " (only the reviews git records: those given on Gerrit are not read)".to_string(),
            (false, _) if self.reviews_only_recorded() => {
                // tailwindcss' maintainer pushed commits onto 55 contributors' pull
                // requests the forge merged, and read "Review pull requests every week".
                match self.co_authored_forge_merges() {
                    None => " (only the reviews git records: GitHub was not collected)".to_string(),
                    Some(merged) => format!(
                        " (only the reviews git records: GitHub was not collected, and {merged} on GitHub, whose reviews git does not record)"
                    ),
                }
            }
            _ => String::new(),
        }
    }

    /// "58 pull requests by others that name you co-author were merged" (on the forge, as
    /// one commit each), when there are any: reviews git does not record.
    pub fn co_authored_forge_merges(&self) -> Option<String> {
        let n = self.merged_on_forge_with_you;
        (n > 0).then(|| {
            format!(
                "{} by others that name you co-author {} merged",
                crate::model::unseen::plural(n, "pull request", "pull requests"),
                if n == 1 { "was" } else { "were" }
            )
        })
    }

    /// Whether a statement shown by `kinds`, about `signals`, could have been seen.
    pub fn measures(&self, kinds: &[Kind], signals: &[String]) -> bool {
        kinds.iter().any(|k| self.kinds.contains(k))
            || (self.recorded_reviews
                && kinds.contains(&Kind::Review)
                && signals
                    .iter()
                    .any(|s| RECORDED_REVIEW_SIGNALS.contains(&s.as_str())))
    }
}

/// A source of evidence: the kinds it would show, and how to add it.
struct Missing {
    source: &'static str,
    kinds: &'static [Kind],
}

const GITHUB: Missing = Missing {
    source: "github",
    kinds: &[Kind::PullRequest, Kind::Review, Kind::Issue],
};
const NOTES: Missing = Missing {
    source: "notes",
    kinds: &[Kind::Note],
};
const DESIGN_DOCS: Missing = Missing {
    source: "design-docs",
    kinds: &[Kind::DesignDoc],
};
const GIT: Missing = Missing {
    source: "git",
    kinds: &[Kind::Commit],
};

/// A statement as the "not seen" list needs it: its id, the kinds that can show it, and
/// whether it was measured all the same.
pub struct StatementNeeds<'a> {
    pub id: &'a str,
    pub kinds: &'a [Kind],
    pub measured: bool,
}

/// The sources that were not read, each with the statements it leaves unmeasured or
/// measured only in part (only sources some statement needs are listed); then the
/// repositories read without a web address, whose items cannot be linked.
pub fn not_seen(
    collection: &Collection,
    seen: &Seen,
    statements: &[StatementNeeds],
) -> Vec<NotSeen> {
    let mut out = Vec::new();
    for missing in [GIT, DESIGN_DOCS, GITHUB, NOTES] {
        let unseen: Vec<Kind> = missing
            .kinds
            .iter()
            .copied()
            .filter(|k| !seen.kinds.contains(k))
            .collect();
        if unseen.is_empty() {
            continue;
        }
        let affected: Vec<&StatementNeeds> = statements
            .iter()
            .filter(|s| s.kinds.iter().any(|k| unseen.contains(k)))
            .collect();
        if affected.is_empty() {
            continue;
        }
        let (text, how) = describe(missing.source, seen);
        let ids = |measured: bool| -> Vec<String> {
            affected
                .iter()
                .filter(|s| s.measured == measured)
                .map(|s| s.id.to_string())
                .collect()
        };
        out.push(NotSeen {
            source: missing.source.to_string(),
            text,
            how,
            statements: ids(false),
            partly: ids(true),
        });
    }
    // Reviews given on Gerrit are not in git (a `Reviewed-by:` trailer aside) and not
    // read: the statements reviews show are measured in part at best.
    let reviews: Vec<&StatementNeeds> = statements
        .iter()
        .filter(|s| s.kinds.contains(&Kind::Review))
        .collect();
    if !seen.reviewed_on.is_empty() && !reviews.is_empty() {
        let names: Vec<String> = seen
            .reviewed_on
            .values()
            .map(|(n, _)| format!("`{n}`"))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let which: Vec<String> = seen
            .reviewed_on
            .values()
            .map(|(_, p)| p.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let (is, its) = if names.len() == 1 {
            ("is", "its")
        } else {
            ("are", "their")
        };
        let ids = |measured: bool| -> Vec<String> {
            reviews
                .iter()
                .filter(|s| s.measured == measured)
                .map(|s| s.id.to_string())
                .collect()
        };
        out.push(NotSeen {
            source: "gerrit".into(),
            text: format!(
                "{} {is} reviewed on {}: {its} commits carry Gerrit's `Change-Id:`, and the reviews given there are not in git (only a `Reviewed-by:` trailer shows one) nor read by evident.",
                join_and(&names),
                join_and(&which)
            ),
            how: "record the reviews you gave, with what they taught, as notes (`evident note add \"TEXT\" --signal code-review`, or `--signal mentoring`)".into(),
            statements: ids(false),
            partly: ids(true),
        });
    }
    // A repository without a forge remote still links the commits whose message names
    // their review page (Gerrit, Phabricator): only the items left unlinked are said.
    let (mut unlinked, mut partly): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    for s in collection
        .sources
        .iter()
        .filter(|s| s.web_url.is_none() && s.kinds.iter().any(|k| k == Kind::Commit.as_str()))
    {
        match seen.links.get(&s.name) {
            Some(&(linked, total)) if linked == total => {}
            Some(&(linked, total)) if linked > 0 => partly.push(format!(
                "`{}` ({} of its {total} items link to the page where they were reviewed)",
                s.name, linked
            )),
            _ => unlinked.push(format!("`{}`", s.name)),
        }
    }
    if let Some(tags) = release_tags(seen) {
        out.push(tags);
    }
    if let Some(automated) = automated(seen) {
        out.push(automated);
    }
    if let Some(shared) = shared_commits(seen) {
        out.push(shared);
    }
    if let Some(merges) = branch_merges(seen) {
        out.push(merges);
    }
    if !unlinked.is_empty() || !partly.is_empty() {
        let names: Vec<String> = unlinked.iter().chain(&partly).cloned().collect();
        let (these, have) = match (names.len(), partly.is_empty()) {
            (1, true) => ("its", "has"),
            (1, false) => ("its other", "has"),
            (_, true) => ("their", "have"),
            (_, false) => ("their other", "have"),
        };
        out.push(NotSeen {
            source: "links".into(),
            text: format!(
                "{} {have} no web address (no remote on GitHub, GitLab or Bitbucket): {these} items are named by id, not linked.",
                join_and(&names)
            ),
            how: "add the repository's forge remote (`git remote add origin https://github.com/OWNER/NAME`)".into(),
            statements: Vec::new(),
            partly: Vec::new(),
        });
    }
    out
}

/// The person's merges of branches that merge no pull request, left out as `git log
/// --no-merges` leaves them: tmux's co-maintainer keeps the portable tree in step with
/// OpenBSD's through 354 `Merge branch 'obsd-master'` commits a year, and his portfolio
/// showed his 16 other commits with no word of them. A merge brings in commits that count
/// for whoever wrote them; the merging is the person's, and only they can say what it was.
fn branch_merges(seen: &Seen) -> Option<NotSeen> {
    if seen.branch_merges.is_empty() {
        return None;
    }
    let total: usize = seen.branch_merges.iter().map(|(_, m)| m.merges).sum();
    let titled = |m: &crate::model::evidence::BranchMerges| {
        let Some(title) = &m.title else {
            return String::new();
        };
        // A backtick in a title would end the code span early.
        let title = title.replace('`', "'");
        match m.titled {
            _ if m.merges == 1 => format!("titled `{title}`"),
            n if n == m.merges => format!("all titled `{title}`"),
            n => format!("{n} titled `{title}`"),
        }
    };
    // One repository needs no name; several are told apart.
    let detail = match seen.branch_merges.as_slice() {
        [(_, m)] => titled(m),
        many => many
            .iter()
            .map(|(repo, m)| match titled(m) {
                t if t.is_empty() => format!("{} in `{repo}`", m.merges),
                t => format!("{} in `{repo}`, {t}", m.merges),
            })
            .collect::<Vec<_>>()
            .join("; "),
    };
    let detail = if detail.is_empty() {
        String::new()
    } else {
        format!(" ({detail})")
    };
    Some(NotSeen {
        source: "merges".into(),
        text: format!(
            "You made {} no pull request evident reads{detail}, not counted, as `git log --no-merges` leaves {} out: a merge brings in commits that count for whoever wrote them.",
            crate::model::unseen::plural(
                total,
                "merge whose message names",
                "merges whose messages name"
            ),
            if total == 1 { "it" } else { "them" },
        ),
        how: "if that merging was your work (keeping a tree in step with another, release branches merged back), record it as a note (`evident note add \"TEXT\" --signal chore --date DATE`), or count the merges as commits with `--include-merges`".into(),
        statements: Vec::new(),
        partly: Vec::new(),
    })
}

/// The releases the person tagged in the period, which evident does not read: a tag is
/// no commit, and where no commit names the version (caddy's maintainers tagged nine
/// releases in a year), the release work would not show and nothing would say so.
fn release_tags(seen: &Seen) -> Option<NotSeen> {
    let persons: usize = seen.release_tags.iter().map(|(_, t)| t.persons).sum();
    if persons == 0 {
        return automated_releases(seen);
    }
    let all: usize = seen.release_tags.iter().map(|(_, t)| t.tags).sum();
    // Tag names repeat across repositories (`v1.2.0`): named with theirs when several
    // repositories have the person's tags.
    let several = seen
        .release_tags
        .iter()
        .filter(|(_, t)| t.persons > 0)
        .count()
        > 1;
    let mut names: Vec<String> = Vec::new();
    for (repo, t) in &seen.release_tags {
        for name in &t.names {
            names.push(if several {
                format!("{repo} {name}")
            } else {
                name.clone()
            });
        }
        // Each repository's list is cut at twelve: said where it is cut.
        if t.names.len() < t.persons {
            names.push(if several {
                format!("{repo} …")
            } else {
                "…".to_string()
            });
        }
    }
    let listed = names.join(", ");
    let of_all = match (all > persons, seen.release_tags.len()) {
        (false, _) => String::new(),
        (true, 1) => format!(", of {all} on the history read"),
        (true, _) => format!(", of {all} on the histories read"),
    };
    // prometheus tags each release twice (`v3.7.0`, and `v0.307.0` for its Go module),
    // release candidates first: "19 release tags" were ten tagged commits.
    let commits: usize = seen.release_tags.iter().map(|(_, t)| t.commits).sum();
    let candidates: usize = seen.release_tags.iter().map(|(_, t)| t.candidates).sum();
    let mut how = Vec::new();
    if commits > 0 && commits < persons {
        how.push(format!("on {commits} commits"));
    }
    if candidates > 0 {
        how.push(if candidates == persons {
            "all pre-releases".to_string()
        } else {
            format!(
                "{candidates} of the tags {}",
                if candidates == 1 {
                    "a pre-release"
                } else {
                    "pre-releases"
                }
            )
        });
    }
    let how = if how.is_empty() {
        String::new()
    } else {
        format!("; {}", how.join(", "))
    };
    let (is, mark) = if persons == 1 {
        ("is", "the release it marks counts")
    } else {
        ("are", "the releases they mark count")
    };
    // aiohttp's maintainer's eight tags each sit on his own `Release 3.14.0`: said, so
    // the line does not read as eight releases lost.
    let named: usize = seen.release_tags.iter().map(|(_, t)| t.named).sum();
    let so_far = match (named, persons) {
        (0, _) => String::new(),
        (1, 1) => {
            " It does: a commit of yours at or just before the tag names the version.".to_string()
        }
        (n, p) if n == p => {
            " Each does: a commit of yours at or just before each tag names its version."
                .to_string()
        }
        (n, _) => format!(
            " {n} of them {}: a commit of yours at or just before the tag names the version.",
            if n == 1 { "does" } else { "do" }
        ),
    };
    Some(NotSeen {
        source: "release-tags".into(),
        text: format!(
            "{} in the period {is} yours ({listed}{of_all}{how}): evident reads commits, not tags, so {mark} only where a commit of yours names the version.{so_far}",
            crate::model::unseen::plural(persons, "release tag", "release tags"),
        ),
        how: if named == persons {
            // A note would count the release a second time.
            "nothing more: each counts as that commit".into()
        } else {
            "record a release no commit of yours names as a note (`evident note add \"Released v2.0.0\" --signal chore --date DATE`)".into()
        },
        statements: Vec::new(),
        partly: Vec::new(),
    })
}

/// Release tags an automation made when none is the person's: lazygit's 17 releases were
/// tagged by its release workflow, started by its maintainer, and git does not say who
/// started it.
fn automated_releases(seen: &Seen) -> Option<NotSeen> {
    let n: usize = seen.release_tags.iter().map(|(_, t)| t.by_automation).sum();
    if n == 0 {
        return None;
    }
    let mut bots: Vec<&str> = Vec::new();
    for name in seen.release_tags.iter().flat_map(|(_, t)| &t.automations) {
        if !bots.contains(&name.as_str()) {
            bots.push(name);
        }
    }
    Some(NotSeen {
        source: "release-tags".into(),
        text: format!(
            "{} in the period {} made by an automation ({}): git does not record who started it, so {} for no one.",
            crate::model::unseen::plural(n, "annotated release tag", "annotated release tags"),
            if n == 1 { "was" } else { "were" },
            bots.join(", "),
            if n == 1 { "the release it marks counts" } else { "the releases they mark count" },
        ),
        how: "if you ran those releases, record them as notes (`evident note add \"Released v2.0.0\" --signal chore --date DATE`)".into(),
        statements: Vec::new(),
        partly: Vec::new(),
    })
}

/// The commits an automation made under the person's identity (fzf's sponsors workflow:
/// 27 `Deploying to master from @ …` commits in a year under its maintainer's noreply
/// address), and bots' commits that name the person co-author (caddy's maintainer on a
/// bot's), and others' squashed merges of one branch into another that name the person
/// co-author among everyone whose commits they brought in (astro's `Merge main into
/// next (#15348)`), left out of their work: said, since `git log --author` counts the first and a
/// reader may look for the second. Not a warning: evident saw them, so `--strict` has
/// nothing to fail on.
fn automated(seen: &Seen) -> Option<NotSeen> {
    let (n, by_bots) = (seen.automated.commits, seen.automated.bots_naming_you);
    let merged = seen.automated.bots_merged;
    let branch_merges = seen.automated.branch_merges_naming_you;
    if seen.automated.is_empty() {
        return None;
    }
    let mut said = Vec::new();
    if n > 0 {
        let emails: Vec<String> = seen
            .automated
            .emails
            .iter()
            .map(|e| format!("`{e}`"))
            .collect();
        said.push(format!(
            "{} under {} {} made by an automation ({}) and {} not counted as yours; `git log --author` counts {}.",
            crate::model::unseen::plural(n, "commit", "commits"),
            join_and(&emails),
            if n == 1 { "was" } else { "were" },
            automations(&seen.automated),
            if n == 1 { "is" } else { "are" },
            if n == 1 { "it" } else { "them" },
        ));
    }
    if by_bots > 0 {
        said.push(format!(
            "{} {} you co-author (`Co-authored-by:`) and {} not counted as yours: a bot's commit is no one's work.",
            crate::model::unseen::plural(by_bots, "commit", "commits"),
            if by_bots == 1 { "a bot authored names" } else { "bots authored name" },
            if by_bots == 1 { "is" } else { "are" },
        ));
    }
    if merged > 0 {
        said.push(format!(
            "You merged {} {} opened (dependency bumps and the like): no review of a person's work, so not counted as {}.",
            crate::model::unseen::plural(merged, "pull request", "pull requests"),
            if merged == 1 { "a bot" } else { "bots" },
            if merged == 1 { "a review" } else { "reviews" },
        ));
    }
    if branch_merges > 0 {
        said.push(format!(
            "{} of one branch into another that others squashed as one commit (`Merge main into next (#N)`) {} you co-author among the authors of every commit {} brought in, and {} not counted as yours: your commits in {} count where they landed.",
            crate::model::unseen::plural(branch_merges, "merge", "merges"),
            if branch_merges == 1 { "names" } else { "name" },
            if branch_merges == 1 { "it" } else { "they" },
            if branch_merges == 1 { "is" } else { "are" },
            if branch_merges == 1 { "it" } else { "them" },
        ));
    }
    Some(NotSeen {
        source: "automation".into(),
        text: said.join(" "),
        how: "record as a note any of it that was your own work (`evident note add \"TEXT\" --signal SIGNAL --date DATE`)".into(),
        statements: Vec::new(),
        partly: Vec::new(),
    })
}

/// Which automations made the commits, the commonest first, with how many each; a
/// workflow's with its commonest titles. A collection from before evident counted them
/// by kind names every kind it knows.
fn automations(automated: &crate::model::evidence::Automated) -> String {
    use crate::model::bots::Automation;
    if automated.kinds.is_empty() {
        let every: Vec<&str> = Automation::ALL.iter().map(|a| a.described()).collect();
        return format!("one of: {}", every.join(", "));
    }
    let mut kinds: Vec<(&String, &usize)> = automated.kinds.iter().collect();
    kinds.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let parts: Vec<String> = kinds
        .into_iter()
        .map(|(key, n)| {
            let automation = Automation::from_key(key);
            let what = automation.map_or("another automation", Automation::described);
            let titled = if automation == Some(Automation::Workflow) {
                workflow_titles(&automated.workflow_titles)
            } else {
                String::new()
            };
            format!("{what}: {n}{titled}")
        })
        .collect();
    parts.join("; ")
}

/// ", commonest titles `A` (12) and `B` (3)": the two commonest titles of a workflow's
/// commits (", all titled `A`" when there is one).
fn workflow_titles(titles: &std::collections::BTreeMap<String, usize>) -> String {
    // A backtick in a title would end the code span early.
    let code = |t: &str| {
        format!(
            "`{}`",
            t.replace('`', "'").chars().take(80).collect::<String>()
        )
    };
    let mut titles: Vec<(&String, &usize)> = titles.iter().collect();
    titles.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let shown: Vec<String> = titles
        .iter()
        .take(2)
        .map(|(t, n)| format!("{} ({n})", code(t)))
        .collect();
    match titles.len() {
        0 => String::new(),
        1 => format!(", all titled {}", code(titles[0].0)),
        2 => format!(", titled {}", join_and(&shown)),
        _ => format!(", commonest titles {}", join_and(&shown)),
    }
}

/// The person's commits in two repositories read (a fork and its upstream; setuptools,
/// which merges pypa/distutils' history whole: 175 commits of 115), counted once, in
/// the first: said, since `git log` in each repository counts them in each.
fn shared_commits(seen: &Seen) -> Option<NotSeen> {
    if seen.counted_in.is_empty() {
        return None;
    }
    let n: usize = seen.counted_in.iter().map(|(_, _, n)| n).sum();
    let each: Vec<String> = seen
        .counted_in
        .iter()
        .map(|(here, there, n)| {
            format!(
                "{} of `{here}` counted in `{there}`",
                crate::model::unseen::plural(*n, "commit", "commits")
            )
        })
        .collect();
    Some(NotSeen {
        source: "shared-commits".into(),
        text: format!(
            "{} of yours {} in more than one repository read and {} counted once, in the repository whose path comes first: {}; `git log` in each repository counts {} in each.",
            crate::model::unseen::plural(n, "commit", "commits"),
            if n == 1 { "is" } else { "are" },
            if n == 1 { "is" } else { "are" },
            join_and(&each),
            if n == 1 { "it" } else { "them" },
        ),
        how: "nothing to do: read one repository of the two alone to count them there".into(),
        statements: Vec::new(),
        partly: Vec::new(),
    })
}

/// What a missing source would have shown, and how to add it.
fn describe(source: &str, seen: &Seen) -> (String, String) {
    let (mut text, how) = describe_source(source, seen);
    // jq's and fzf's maintainers merge others' pull requests on GitHub, which git records
    // as commits by the pull request's author: their reviews are all outside git.
    let (alone, with_you) = (seen.merged_on_forge, seen.merged_on_forge_with_you);
    if source == "github" && alone + with_you > 0 {
        let all = alone + with_you;
        text.push_str(&format!(
            " In the repositories read, {} by others {} merged on GitHub or GitLab in the period as one commit, which records neither who reviewed nor who merged {}",
            crate::model::unseen::plural(all, "pull request", "pull requests"),
            if all == 1 { "was" } else { "were" },
            if all == 1 { "it" } else { "them" },
        ));
        if with_you > 0 {
            text.push_str(&format!(
                " ({} naming you co-author, counted as your co-authored work)",
                if with_you == all {
                    "all".to_string()
                } else {
                    with_you.to_string()
                },
            ));
        }
        text.push('.');
    }
    (text, how)
}

fn describe_source(source: &str, seen: &Seen) -> (String, String) {
    match source {
        "github" if seen.recorded_reviews => (
            "Pull requests, reviews and issues on GitHub were not collected: reviews count only where git records them (Reviewed-by trailers, r= approvals, merges and landings of others' changes), which shows that a change was reviewed but not what the review taught; pull requests and issues not at all.".into(),
            "run with `--github` (a token in `GITHUB_TOKEN`)".into(),
        ),
        "github" => (
            "Pull requests, reviews and issues on GitHub were not collected, and the repositories read record no reviews in git (no Reviewed-by trailers, r= approvals, merges or landings of others' changes): reviews cannot show.".into(),
            "run with `--github` (a token in `GITHUB_TOKEN`)".into(),
        ),
        "notes" => (
            "No notes were recorded for the period: interviews, talks, mentoring sessions, incidents and other work outside the repositories cannot show.".into(),
            "record them with `evident note add \"TEXT\" --signal SIGNAL --date DATE`".into(),
        ),
        "design-docs" => (
            "Design docs were not looked for (`--no-design-docs`).".into(),
            "run without `--no-design-docs`".into(),
        ),
        _ => (
            "No git repository was read: commits cannot show.".into(),
            "pass repositories with `--repo PATH`".into(),
        ),
    }
}

/// How to measure a statement that is not measured: each missing source that could show
/// it, with the statement's first signal in the note command.
pub fn how_to_measure(kinds: &[Kind], signal: &str, seen: &Seen) -> String {
    let mut ways = Vec::new();
    let wants = |k: Kind| kinds.contains(&k) && !seen.kinds.contains(&k);
    if wants(Kind::Commit) {
        ways.push("read a repository with `--repo PATH`".to_string());
    }
    if wants(Kind::DesignDoc) {
        ways.push("look for design docs (run without `--no-design-docs`)".to_string());
    }
    // Where every repository read is reviewed on Gerrit, `--github` finds only the reviews
    // the person gave elsewhere, on GitHub: say so.
    let all_gerrit = seen.repositories > 0 && seen.reviewed_on.len() >= seen.repositories;
    let github: Vec<&str> = [
        (Kind::PullRequest, "pull requests"),
        (Kind::Review, "reviews"),
        (Kind::Issue, "issues"),
    ]
    .into_iter()
    .filter(|(k, _)| wants(*k))
    .map(|(_, name)| name)
    .collect();
    if !github.is_empty() {
        ways.push(format!(
            "collect {} with `--github`",
            join_and(&github.iter().map(|s| s.to_string()).collect::<Vec<_>>())
        ));
    }
    if wants(Kind::Note) {
        ways.push(format!(
            "record what git cannot see with `evident note add \"TEXT\" --signal {signal}`"
        ));
    }
    if ways.is_empty() {
        return String::new();
    }
    let gerrit = if all_gerrit && wants(Kind::Review) {
        "The reviews given on Gerrit are not read (`--github` finds those given on GitHub). "
    } else {
        ""
    };
    format!("{gerrit}To measure it, {}.", ways.join(", or "))
}

/// "a", "a and b", "a, b and c".
pub fn join_and(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn automations_are_named_by_what_was_found_commonest_first() {
        use crate::model::bots::Automation;
        use crate::model::evidence::Automated;
        let mut here = Automated::default();
        let mut there = Automated::default();
        for title in [
            "Update facade docblocks",
            "Update CHANGELOG",
            "Update facade docblocks",
        ] {
            here.add(Automation::Workflow, "taylor@example.com", || {
                title.to_string()
            });
        }
        there.add(Automation::CiFormat, "taylor@example.com", || {
            "[ci] format".into()
        });
        there.add(Automation::Workflow, "t@example.com", || {
            "Update assets".into()
        });
        here.absorb(&there);
        assert_eq!(here.commits, 5);
        assert_eq!(here.emails, ["taylor@example.com", "t@example.com"]);
        assert_eq!(
            automations(&here),
            "a GitHub Actions workflow that committed as `github-actions[bot]`: 4, commonest titles `Update facade docblocks` (2) and `Update CHANGELOG` (1); a format workflow's `[ci] format`: 1"
        );
        // A backtick in a title would end its code span.
        let mut one = Automated::default();
        one.add(Automation::Workflow, "a@example.com", || "Bump `x`".into());
        assert!(
            automations(&one).ends_with("all titled `Bump 'x'`"),
            "{}",
            automations(&one)
        );
        // Past the kept titles, commits are still counted by kind.
        let mut many = Automated::default();
        for i in 0..Automated::TITLES_KEPT + 5 {
            many.add(Automation::Workflow, "a@example.com", || {
                format!("Update {i}")
            });
        }
        assert_eq!(many.kinds["workflow"], Automated::TITLES_KEPT + 5);
        assert_eq!(many.workflow_titles.len(), Automated::TITLES_KEPT);
        // A collection from before the kinds were counted names every automation known.
        let old = Automated {
            commits: 2,
            emails: vec!["a@example.com".into()],
            ..Default::default()
        };
        assert!(
            automations(&old).starts_with("one of: a deploy tool's"),
            "{}",
            automations(&old)
        );
        // A kind a newer collector counts is not dropped.
        let mut newer = Automated::default();
        newer.kinds.insert("pages-publish".into(), 3);
        assert_eq!(automations(&newer), "another automation: 3");
    }

    #[test]
    fn branch_merges_name_each_repository_and_the_title_most_share() {
        use crate::model::evidence::BranchMerges;
        let titles =
            |t: &[&str]| BranchMerges::of(&t.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        let mut seen = Seen {
            branch_merges: vec![("portable".into(), titles(&["Merge branch 'stable'"]))],
            ..Default::default()
        };
        assert_eq!(
            branch_merges(&seen).unwrap().text,
            "You made 1 merge whose message names no pull request evident reads (titled `Merge branch 'stable'`), not counted, as `git log --no-merges` leaves it out: a merge brings in commits that count for whoever wrote them."
        );
        seen.branch_merges = vec![
            (
                "portable".into(),
                titles(&[
                    "Merge branch 'obsd-master'",
                    "Merge branch 'obsd-master'",
                    "Merge branch 'next'",
                ]),
            ),
            (
                "docs".into(),
                titles(&["Merge branch 'a'", "Merge branch 'b'"]),
            ),
        ];
        assert_eq!(
            branch_merges(&seen).unwrap().text,
            "You made 5 merges whose messages name no pull request evident reads (3 in `portable`, 2 titled `Merge branch 'obsd-master'`; 2 in `docs`), not counted, as `git log --no-merges` leaves them out: a merge brings in commits that count for whoever wrote them."
        );
        seen.branch_merges.clear();
        assert!(branch_merges(&seen).is_none());
    }

    #[test]
    fn release_tags_of_several_repositories_name_each_and_say_where_a_list_is_cut() {
        use crate::model::evidence::ReleaseTags;
        let tags = |persons: usize, names: &[&str]| ReleaseTags {
            tags: persons + 1,
            persons,
            names: names.iter().map(|n| n.to_string()).collect(),
            named: 0,
            ..Default::default()
        };
        let seen = Seen {
            release_tags: vec![
                ("api".into(), tags(13, &["v1.0.0", "v1.1.0"])),
                ("web".into(), tags(1, &["v2.0.0"])),
            ],
            ..Seen::default()
        };
        let said = release_tags(&seen).unwrap();
        assert_eq!(
            said.text,
            "14 release tags in the period are yours (api v1.0.0, api v1.1.0, api …, web v2.0.0, of 16 on the histories read): evident reads commits, not tags, so the releases they mark count only where a commit of yours names the version."
        );
        // A release tagged twice is one commit; release candidates are said.
        let twice = Seen {
            release_tags: vec![(
                "prometheus".into(),
                ReleaseTags {
                    commits: 2,
                    candidates: 2,
                    ..tags(4, &["v3.7.0-rc.0", "v0.307.0-rc.0", "v3.7.0", "v0.307.0"])
                },
            )],
            ..Seen::default()
        };
        assert_eq!(
            release_tags(&twice).unwrap().text,
            "4 release tags in the period are yours (v3.7.0-rc.0, v0.307.0-rc.0, v3.7.0, v0.307.0, of 5 on the history read; on 2 commits, 2 of the tags pre-releases): evident reads commits, not tags, so the releases they mark count only where a commit of yours names the version."
        );
        let none = Seen {
            release_tags: vec![("api".into(), tags(0, &[]))],
            ..Seen::default()
        };
        assert!(release_tags(&none).is_none());
    }

    #[test]
    fn a_repository_without_a_forge_says_only_what_its_review_pages_do_not_link() {
        let mut collection = Collection::default();
        for name in ["go/tools", "acme/local"] {
            collection
                .sources
                .push(crate::model::evidence::SourceSummary {
                    name: name.into(),
                    kinds: vec!["commit".into()],
                    ..Default::default()
                });
        }
        let links_text = |links: &[(&str, (usize, usize))]| {
            let seen = Seen {
                kinds: [Kind::Commit].into(),
                links: links.iter().map(|(r, c)| (r.to_string(), *c)).collect(),
                ..Default::default()
            };
            not_seen(&collection, &seen, &[])
                .into_iter()
                .find(|n| n.source == "links")
                .map(|n| n.text)
        };
        // Every item of go/tools links to its Gerrit change: only acme/local is said.
        assert_eq!(
            links_text(&[("go/tools", (5, 5)), ("acme/local", (0, 2))]).as_deref(),
            Some(
                "`acme/local` has no web address (no remote on GitHub, GitLab or Bitbucket): its items are named by id, not linked."
            )
        );
        assert_eq!(
            links_text(&[("go/tools", (3, 5))]).as_deref(),
            Some(
                "`acme/local` and `go/tools` (3 of its 5 items link to the page where they were reviewed) have no web address (no remote on GitHub, GitLab or Bitbucket): their other items are named by id, not linked."
            )
        );
        assert_eq!(
            links_text(&[("go/tools", (5, 5)), ("acme/local", (1, 1))]),
            None
        );
    }

    #[test]
    fn reviews_given_on_gerrit_are_not_sent_to_github() {
        let gerrit = Seen {
            kinds: [Kind::Commit].into(),
            reviewed_on: BTreeMap::from([(
                "/src/osc".to_string(),
                ("osc".to_string(), "Gerrit".to_string()),
            )]),
            repositories: 1,
            ..Default::default()
        };
        assert_eq!(
            how_to_measure(&[Kind::Review], "mentoring", &gerrit),
            "The reviews given on Gerrit are not read (`--github` finds those given on GitHub). To measure it, collect reviews with `--github`."
        );
        assert_eq!(
            how_to_measure(&[Kind::Issue], "customer", &gerrit),
            "To measure it, collect issues with `--github`."
        );
        let mixed = Seen {
            repositories: 2,
            ..gerrit
        };
        assert_eq!(
            how_to_measure(&[Kind::Review], "mentoring", &mixed),
            "To measure it, collect reviews with `--github`."
        );
    }

    #[test]
    fn a_review_count_says_every_place_it_could_not_read() {
        let gerrit = || {
            BTreeMap::from([(
                "/src/go".to_string(),
                ("go/tools".to_string(), "Gerrit".to_string()),
            )])
        };
        let only_gerrit = Seen {
            kinds: [Kind::Commit].into(),
            recorded_reviews: true,
            reviewed_on: gerrit(),
            repositories: 1,
            ..Default::default()
        };
        assert_eq!(
            only_gerrit.reviews_partly(),
            " (only the reviews git records: those given on Gerrit are not read)"
        );
        let with_a_github_one = Seen {
            repositories: 2,
            ..only_gerrit.clone()
        };
        assert_eq!(
            with_a_github_one.reviews_partly(),
            " (only the reviews git records: GitHub was not collected, and those given on Gerrit are not read)"
        );
        let github_read = Seen {
            kinds: [Kind::Commit, Kind::Review].into(),
            reviewed_on: BTreeMap::new(),
            ..with_a_github_one
        };
        assert_eq!(github_read.reviews_partly(), "");
    }

    #[test]
    fn missing_sources_name_their_statements_and_how_to_add_them() {
        let seen = Seen {
            kinds: [Kind::Commit, Kind::DesignDoc].into(),
            recorded_reviews: false,
            ..Default::default()
        };
        let review = [Kind::Review, Kind::Note];
        let feature = [Kind::Commit, Kind::PullRequest, Kind::Issue, Kind::Note];
        let needs = [
            StatementNeeds {
                id: "c/raises-the-bar",
                kinds: &review,
                measured: false,
            },
            StatementNeeds {
                id: "d/ships",
                kinds: &feature,
                measured: true,
            },
        ];
        let mut collection = Collection::default();
        collection
            .sources
            .push(crate::model::evidence::SourceSummary {
                name: "acme/local".into(),
                kinds: vec!["commit".into()],
                ..Default::default()
            });
        let found = not_seen(&collection, &seen, &needs);
        let sources: Vec<&str> = found.iter().map(|n| n.source.as_str()).collect();
        assert_eq!(sources, ["github", "notes", "links"]);
        assert_eq!(
            found[2].text,
            "`acme/local` has no web address (no remote on GitHub, GitLab or Bitbucket): its items are named by id, not linked."
        );
        assert_eq!(found[0].statements, ["c/raises-the-bar"]);
        assert_eq!(found[0].partly, ["d/ships"]);
        assert!(found[0].text.contains("record no reviews in git"));
        assert!(found[0].how.contains("--github"));
        assert_eq!(
            how_to_measure(&review, "code-review", &seen),
            "To measure it, collect reviews with `--github`, or record what git cannot see with `evident note add \"TEXT\" --signal code-review`."
        );
        let recorded = Seen {
            kinds: [Kind::Commit].into(),
            recorded_reviews: true,
            ..Default::default()
        };
        assert!(
            not_seen(&Collection::default(), &recorded, &needs)[0]
                .text
                .contains("reviews count only where git records them")
        );
        let code_review = ["code-review".to_string()];
        let mentoring = ["mentoring".to_string()];
        assert!(recorded.measures(&review, &code_review));
        assert!(
            !recorded.measures(&[Kind::Review], &mentoring),
            "an approval git records does not show what a review taught"
        );
        assert!(!seen.measures(&review, &code_review));
    }
}
