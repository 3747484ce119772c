//! Initiatives: evidence grouped into the pieces of work a reviewer calls "a feature you
//! led", built from pull requests first.
//!
//! 1. **Pull requests.** A GitHub pull request (its commits are already folded into it),
//!    and in git alone the commits a merge brought in (`Merge pull request #N`, bors's
//!    `Auto merge of #N`: `meta.pr_number`, set by the collector), a squash commit whose
//!    title ends in `(#N)`, and a commit whose body says `PR #N`. Each pull request is one
//!    unit, named by its title.
//! 2. **Explicit links.** Units that name the same ticket key (`ABC-123`) or the same
//!    issue (a pull request's `closes`, `Fixes #N` / `Closes #N` in a commit) join, and an
//!    issue joins the units that close it, however far apart: a tracking issue worked on
//!    for months is one piece of work.
//! 3. **Scope, and what the titles name.** Units whose dominant scope is the same
//!    (`feat(search): ...`, `fix(search): ...`, or a subsystem prefix such as
//!    `search: ...`; housekeeping scopes such as `deps`, `ci` or `docs`, and the
//!    repository's own name, left out) join when the next one starts within
//!    [`SCOPE_GAP_DAYS`] of the group's last item and its title names something a title
//!    of the group's last [`SCOPE_GAP_DAYS`] names too ([`topic_words`]): a scope says
//!    where, not what, and a word of the group's first weeks does not draw in work of its
//!    third month. Work the person only co-authored joins nothing by its scope.
//!
//! No join by scope may make an initiative span more than [`MAX_SPAN_DAYS`] (a pull
//! request itself is never split), so a long-lived area of the code becomes several
//! initiatives, not one that chains through the year; files touched in common never join
//! anything. A single commit with no pull request is no initiative, unless it was reviewed on
//! its own page (a Gerrit change is a pull request's equal) or is a counted feature of 200
//! lines or more the person wrote (a maintainer who pushes directly). An initiative is named
//! by its largest piece of the person's own work. Grouping is deterministic (units in
//! time order, ties by id), and each initiative says in one line why its items were
//! grouped.

use crate::model::portfolio::{CountedWhy, Initiative, Item, RuleMatch};
use crate::model::{Kind, refs};
use chrono::{DateTime, Utc};
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::LazyLock;

/// Units whose scope is the same join when the next starts within this many days of the
/// group's last item.
pub const SCOPE_GAP_DAYS: i64 = 14;
/// No initiative built by joining units by scope spans more than this many days from its
/// first item to its last; a join that would make it longer is not made. Joins by an
/// issue or ticket are not bounded.
pub const MAX_SPAN_DAYS: i64 = 90;

static TICKET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b([A-Z][A-Z0-9]{1,9})-(\d{1,6})\b").expect("valid"));
/// OpenStack's trailers naming a Launchpad bug or blueprint the change closes, is a part
/// of or relates to (`Closes-Bug: #1616104`, `Partial-Bug: 123`, `Partially-Implements:
/// blueprint name`).
static LAUNCHPAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?mi)^\s*(?:(?:closes|partial|related)-bug:\s*#?(\d+)|(?:partially-)?implements:\s*(?:blueprint\s+)?([\w.-]+))\s*$")
        .expect("valid")
});
/// `type(scope)!: ` of a conventional commit.
static CONVENTIONAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([a-zA-Z]+)(?:\(([^)]*)\))?!?:\s*").expect("valid"));
/// `subsystem: ` or `area/part: ` of a kernel- or Go-style title (braces and commas name
/// several packages at once: `go/{ssa,types}: `, `x/tools{,gopls}: `).
static SUBSYSTEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([a-z][a-z0-9_.-]*(?:/[\w./{},-]+)?(?:\{[\w./,-]*\})?):\s").expect("valid")
});

/// Prefixes that look like ticket keys but are not.
const NOT_TICKETS: &[&str] = &[
    "UTF", "SHA", "CVE", "ISO", "RFC", "HTTP", "TLS", "SSL", "IPV", "GPL", "LGPL", "AES", "RSA",
    "MD", "ES", "PEP", "GHSA", "CWE", "X86", "ARM", "WCAG", "MPL", "AGPL", "BSD", "ECMA", "IEEE",
    "COVID",
];
/// Scopes that name a kind of housekeeping, not a piece of work.
const GENERIC_SCOPES: &[&str] = &[
    "deps",
    "dep",
    "dependencies",
    "ci",
    "doc",
    "docs",
    "release",
    "build",
    "chore",
    "tests",
    "test",
    "lint",
    "fmt",
    "style",
    "core",
    "main",
    "misc",
    "changelog",
    "readme",
    "cargo",
    "msrv",
    "version",
    "typo",
    "all",
    "*",
    "",
];
/// Conventional-commit types: as a plain `type:` prefix they are no scope.
const TYPES: &[&str] = &[
    "feat", "feature", "fix", "bugfix", "docs", "doc", "chore", "refactor", "perf", "test",
    "tests", "build", "ci", "style", "revert", "release", "deps", "wip", "merge",
];

/// The signal of work delivered in steps: one item for each piece of the person's own
/// work in an initiative of at least [`MIN_STEPS`] pieces landed separately and tied
/// together by the issue or ticket they name; given by rule [`STEPS_RULE`].
pub use crate::model::signals::{INCREMENTAL, STEPS_RULE};
/// Pieces of the person's own work, landed separately and naming a shared issue or
/// ticket, that make work delivered in steps.
pub const MIN_STEPS: usize = 3;

/// Marks work delivered in steps with the [`INCREMENTAL`] signal, one item per piece, and
/// says so in a match `explain` shows (rule `initiative-steps`); the initiative gets the
/// signal too.
///
/// A piece is a pull request (its commits are one piece), else a change reviewed on its
/// own (Gerrit's `Reviewed-on:` page or `Change-Id:`), else a push: the person's commits committed within
/// [`PUSH_GAP_SECONDS`] of each other (a rebase or a push of several commits). Pieces are
/// counted over the whole period, per issue or ticket (and the pieces chained to them by
/// another they name), not per initiative. Only pieces that name an issue or ticket
/// another piece names count: a
/// scope shared within two weeks is a guess, and a guess is no evidence of decomposing a
/// requirement. The person's own work only: not a commit they only co-authored, a
/// mechanical change, a relanded copy or a backport (a cherry-pick, a title starting
/// `[release-branch]`); an item the person relabelled keeps only what they gave it. The
/// piece's item is its pull request, else its largest commit, so a statement counts
/// pieces, not commits.
///
/// `gerrit` names the repositories reviewed on Gerrit, where a `Change-Id:` marks a
/// change reviewed on its own; elsewhere it is only a hook's trailer.
pub fn mark_steps(items: &mut [Item], initiatives: &mut [Initiative], gerrit: &BTreeSet<String>) {
    let change = |e: &crate::model::Evidence| {
        gerrit
            .contains(&e.repo)
            .then(|| refs::change_id(&e.body))
            .flatten()
            .map(|c| format!("change:{c}"))
    };
    let pushes = pushes(items, &change);
    // The pieces of the person's own work over the whole period: an issue worked on in
    // November and again in March is one requirement, whatever initiatives hold it.
    let mut pieces: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, it) in items.iter().enumerate() {
        let e = &it.evidence;
        let own = matches!(e.kind, Kind::Commit | Kind::PullRequest)
            && eligible(it)
            && !e.is_co_authored()
            && it.mechanical.is_none()
            && it.counted_with.is_none()
            && !is_backport(e);
        if own {
            let piece = pull_request_of(it)
                .or_else(|| e.meta_str("review_url").map(|u| format!("review:{u}")))
                .or_else(|| change(e))
                .or_else(|| pushes.get(&i).cloned())
                .unwrap_or_else(|| e.id.clone());
            pieces.entry(piece).or_default().push(i);
        }
    }
    let keys: Vec<&String> = pieces.keys().collect();
    // Pieces that name the same issue or ticket are steps of it (a chain counts: #1,
    // #1 and #2, #2).
    let mut by_link: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (p, key) in keys.iter().enumerate() {
        let mut links: BTreeSet<String> = pieces[*key]
            .iter()
            .flat_map(|&i| links_of(&items[i]))
            .collect();
        links.remove(&format!("ref:{key}"));
        for l in links {
            by_link.entry(l).or_default().push(p);
        }
    }
    let mut parent: Vec<usize> = (0..keys.len()).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let mut stepped = vec![false; keys.len()];
    for members in by_link.values().filter(|m| m.len() > 1) {
        for &p in members {
            stepped[p] = true;
        }
        for w in members.windows(2) {
            let (a, b) = (root(&mut parent, w[0]), root(&mut parent, w[1]));
            parent[a.max(b)] = a.min(b);
        }
    }
    let mut requirements: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for p in (0..keys.len()).filter(|&p| stepped[p]) {
        requirements
            .entry(root(&mut parent, p))
            .or_default()
            .push(p);
    }
    let initiative_of: HashMap<&str, usize> = initiatives
        .iter()
        .enumerate()
        .flat_map(|(n, ini)| ini.items.iter().map(move |id| (id.as_str(), n)))
        .collect();
    let mut marked_in: BTreeSet<usize> = BTreeSet::new();
    for steps in requirements.values().filter(|s| s.len() >= MIN_STEPS) {
        for &p in steps {
            let lead = pieces[keys[p]]
                .iter()
                .copied()
                .max_by(|&a, &b| {
                    let (x, y) = (&items[a].evidence, &items[b].evidence);
                    (x.kind == Kind::PullRequest)
                        .cmp(&(y.kind == Kind::PullRequest))
                        .then(x.churn().cmp(&y.churn()))
                        .then_with(|| y.id.cmp(&x.id))
                })
                .expect("a piece has items");
            let it = &mut items[lead];
            if it.matches.iter().any(|m| m.rule == "relabelled")
                || it.signals.iter().any(|s| s == INCREMENTAL)
            {
                continue;
            }
            let mut reason = format!(
                "one of {} pieces of work landed separately for the same issue or ticket",
                steps.len()
            );
            if let Some(&n) = initiative_of.get(it.evidence.id.as_str()) {
                let ini = &initiatives[n];
                reason.push_str(&format!(
                    ", in the initiative \"{}\" ({})",
                    ini.name, ini.reason
                ));
                marked_in.insert(n);
            }
            it.signals.push(INCREMENTAL.to_string());
            it.matches.push(RuleMatch {
                rule: STEPS_RULE.into(),
                reason,
                signals: vec![INCREMENTAL.to_string()],
                features: Vec::new(),
            });
        }
    }
    for n in marked_in {
        let ini = &mut initiatives[n];
        if !ini.signals.iter().any(|s| s == INCREMENTAL) {
            ini.signals.push(INCREMENTAL.to_string());
            ini.signals.sort();
        }
    }
}

/// Commits committed within this many seconds of the person's previous one were pushed
/// (or rebased) together: one piece of work.
pub const PUSH_GAP_SECONDS: i64 = 600;

/// The push each of the person's commits came in, for the commits with no pull request
/// and no review page: `pushed:<repo>:<first commit time>`.
fn pushes(
    items: &[Item],
    change: &dyn Fn(&crate::model::Evidence) -> Option<String>,
) -> HashMap<usize, String> {
    let mut by_repo: BTreeMap<&str, Vec<(i64, usize)>> = BTreeMap::new();
    for (i, it) in items.iter().enumerate() {
        let e = &it.evidence;
        let alone = e.kind == Kind::Commit
            && pull_request_of(it).is_none()
            && e.meta_str("review_url").is_none()
            && change(e).is_none();
        if let Some(t) = e
            .meta
            .get("committed")
            .and_then(|v| v.as_i64())
            .filter(|_| alone)
        {
            by_repo.entry(e.repo.as_str()).or_default().push((t, i));
        }
    }
    let mut out = HashMap::new();
    for (repo, mut commits) in by_repo {
        commits.sort_unstable();
        let mut start = i64::MIN;
        let mut last = i64::MIN;
        for (t, i) in commits {
            if t.saturating_sub(last) > PUSH_GAP_SECONDS {
                start = t;
            }
            last = t;
            out.insert(i, format!("pushed:{repo}:{start}"));
        }
    }
    out
}

/// A copy of a change onto another branch: a cherry-pick, or a title naming a release
/// branch (`[gopls-release-branch.0.23] …`, `[release/1.2] …`).
fn is_backport(e: &crate::model::Evidence) -> bool {
    static BRANCH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\[[^\]]*(release|branch|backport)[^\]]*\]").expect("valid")
    });
    refs::is_cherry_pick(&e.body) || BRANCH.is_match(&e.title)
}

/// One pull request's items, or one item with no pull request.
struct Unit {
    items: Vec<usize>,
    /// `owner/name#N`, when the unit is a pull request.
    pr: Option<String>,
    /// The pull request's title where known.
    title: Option<String>,
    start: Option<DateTime<Utc>>,
    end: Option<DateTime<Utc>>,
}

/// What a unit's title names, with the end of the unit: a group joins on what its
/// recent titles name.
type Topic = (Option<DateTime<Utc>>, BTreeSet<String>);

/// Union-find over units, keeping each group's span and what joined it.
struct Groups {
    parent: Vec<usize>,
    start: Vec<Option<DateTime<Utc>>>,
    end: Vec<Option<DateTime<Utc>>>,
    links: Vec<BTreeSet<String>>,
    scopes: Vec<BTreeSet<String>>,
    /// What the titles of a group joined by scope name (see [`topic_words`]).
    topics: Vec<Vec<Topic>>,
    /// The words that joined units of a scope.
    shared: Vec<BTreeSet<String>>,
}

impl Groups {
    fn new(units: &[Unit]) -> Groups {
        Groups {
            parent: (0..units.len()).collect(),
            start: units.iter().map(|u| u.start).collect(),
            end: units.iter().map(|u| u.end).collect(),
            links: vec![BTreeSet::new(); units.len()],
            scopes: vec![BTreeSet::new(); units.len()],
            topics: vec![Vec::new(); units.len()],
            shared: vec![BTreeSet::new(); units.len()],
        }
    }

    fn find(&mut self, x: usize) -> usize {
        let mut r = x;
        while self.parent[r] != r {
            r = self.parent[r];
        }
        let mut c = x;
        while self.parent[c] != r {
            let next = self.parent[c];
            self.parent[c] = r;
            c = next;
        }
        r
    }

    fn span_days(start: Option<DateTime<Utc>>, end: Option<DateTime<Utc>>) -> i64 {
        match (start, end) {
            (Some(s), Some(e)) => (e - s).num_days(),
            _ => 0,
        }
    }

    /// Joins the groups of `a` and `b`, unless `bounded` and the result would span more
    /// than [`MAX_SPAN_DAYS`]. The smaller root stays, so the result does not depend on
    /// order.
    fn join(&mut self, a: usize, b: usize, bounded: bool) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return true;
        }
        let start = self.start[ra]
            .min(self.start[rb])
            .or(self.start[ra].or(self.start[rb]));
        let end = self.end[ra].max(self.end[rb]);
        if bounded && Self::span_days(start, end) > MAX_SPAN_DAYS {
            return false;
        }
        let (root, child) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.parent[child] = root;
        self.start[root] = start;
        self.end[root] = end;
        let links = std::mem::take(&mut self.links[child]);
        self.links[root].extend(links);
        let scopes = std::mem::take(&mut self.scopes[child]);
        self.scopes[root].extend(scopes);
        let topics = std::mem::take(&mut self.topics[child]);
        self.topics[root].extend(topics);
        let shared = std::mem::take(&mut self.shared[child]);
        self.shared[root].extend(shared);
        true
    }
}

/// Whether an item can be part of an initiative: the person's own work, not a review,
/// a note, a bulk change, or another person's change git records them on.
fn eligible(item: &Item) -> bool {
    let e = &item.evidence;
    matches!(
        e.kind,
        Kind::Commit | Kind::PullRequest | Kind::Issue | Kind::DesignDoc
    ) && e.meta_str("bulk").is_none()
        && e.meta_str("source") != Some("git")
}

/// Finds the initiatives among the items. `items` may be in any order.
pub fn group(items: &[Item]) -> Vec<Initiative> {
    // A relanded copy (a backport counted with the commit that first landed it) is no
    // work of its own: it joins no initiative, nor adds its lines to one.
    let commits: BTreeSet<&str> = items
        .iter()
        .filter(|it| it.evidence.kind == Kind::Commit)
        .map(|it| it.evidence.id.as_str())
        .collect();
    let copy = |it: &Item| {
        it.evidence.kind == Kind::Commit
            && it
                .counted_with
                .as_deref()
                .is_some_and(|w| commits.contains(w))
    };
    // Nor is a change another reverted soon after it landed: it did not ship.
    let reverted = |it: &Item| it.counted_why == Some(CountedWhy::RevertedByOther);
    let mut order: Vec<usize> = (0..items.len())
        .filter(|&i| eligible(&items[i]) && !copy(&items[i]) && !reverted(&items[i]))
        .collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&items[a].evidence, &items[b].evidence);
        x.timestamp.cmp(&y.timestamp).then_with(|| x.id.cmp(&y.id))
    });
    let units = units(items, &order);
    let mut groups = Groups::new(&units);

    // Explicit links: a ticket key or an issue named by several units.
    let mut by_link: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut linked = vec![false; units.len()];
    for (u, unit) in units.iter().enumerate() {
        let mut links = BTreeSet::new();
        for &i in &unit.items {
            links.extend(links_of(&items[i]));
        }
        // A pull request names itself: an issue of the same number is the same thing.
        links.remove(&format!("ref:{}", unit.pr.clone().unwrap_or_default()));
        for l in links {
            by_link.entry(l).or_default().push(u);
        }
    }
    // Only a link another unit shares places a unit: a `Fixes #N` no other names leaves
    // it to its scope.
    for members in by_link.values().filter(|m| m.len() > 1) {
        for &u in members {
            linked[u] = true;
        }
    }
    // The person said these belong together: a tracking issue worked on for months is
    // one piece of work, so a link is not held to the span bound (a scope is).
    for (link, members) in &by_link {
        for w in members.windows(2) {
            if groups.join(w[0], w[1], false) {
                let root = groups.find(w[0]);
                groups.links[root].insert(link.clone());
            }
        }
    }

    // Scopes: a scope says where, not what. A unit joins a group of its scope when it
    // starts close enough to the group's last item and its title names something the
    // group's titles name too (a word or an identifier other than the scope's and generic
    // verbs); of several such groups, the one sharing the most, then the latest. A unit
    // joined to others by an issue or ticket is placed by that link alone: the person said
    // what it belongs to, and a scope is only a guess. Work the person only co-authored
    // joins nothing by its scope: it is someone else's feature.
    let mut seen_of_scope: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (u, unit) in units.iter().enumerate() {
        if linked[u] || co_authored_only(items, unit) {
            continue;
        }
        let Some(scope) = dominant_scope(items, unit) else {
            continue;
        };
        let repo = &items[unit.items[0]].evidence.repo;
        let title = unit
            .title
            .as_deref()
            .unwrap_or(&items[unit.items[0]].evidence.title);
        groups.topics[u] = vec![(unit.end, topic_words(title, &scope, repo))];
        let seen = seen_of_scope.entry(scope.clone()).or_default();
        let mut roots: Vec<usize> = seen.iter().map(|&p| groups.find(p)).collect();
        roots.sort_unstable();
        roots.dedup();
        let best = roots
            .into_iter()
            .filter_map(|root| {
                let gap = match (groups.end[root], unit.start) {
                    (Some(end), Some(start)) => (start - end).num_days(),
                    _ => i64::MAX,
                };
                // Only what the group's recent titles name: curl's `cmake:` work had
                // chained 29 commits over 72 days, binutils workarounds to clang-tidy to
                // threads, each through a word of some earlier title.
                let recent: BTreeSet<&String> = groups.topics[root]
                    .iter()
                    .filter(|(end, _)| match (end, unit.start) {
                        (Some(end), Some(start)) => (start - *end).num_days() <= SCOPE_GAP_DAYS,
                        _ => true,
                    })
                    .flat_map(|(_, words)| words)
                    .collect();
                let shared: BTreeSet<String> = groups.topics[u]
                    .iter()
                    .flat_map(|(_, words)| words)
                    .filter(|w| recent.contains(w))
                    .cloned()
                    .collect();
                (gap <= SCOPE_GAP_DAYS && !shared.is_empty()).then_some((root, shared))
            })
            .max_by(|(ra, a), (rb, b)| {
                a.len()
                    .cmp(&b.len())
                    .then(groups.end[*ra].cmp(&groups.end[*rb]))
                    .then(rb.cmp(ra))
            });
        if let Some((root, shared)) = best
            && groups.join(root, u, true)
        {
            let root = groups.find(u);
            groups.scopes[root].insert(scope.clone());
            groups.shared[root].extend(shared);
        }
        seen.push(u);
    }

    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for u in 0..units.len() {
        members.entry(groups.find(u)).or_default().push(u);
    }
    members
        .into_iter()
        .filter(|(_, us)| {
            us.len() > 1
                || units[us[0]].pr.is_some()
                || reviewed_change(items, &units[us[0]])
                || large_feature(items, &units[us[0]])
        })
        .map(|(root, us)| {
            let group_units: Vec<&Unit> = us.iter().map(|&u| &units[u]).collect();
            initiative(
                items,
                &group_units,
                &groups.links[root],
                &groups.scopes[root],
                &groups.shared[root],
            )
        })
        .collect()
}

/// A unit that is one commit reviewed on its own page (Gerrit's `Reviewed-on:`,
/// Phabricator's `Differential Revision:`): where changes are reviewed one at a time,
/// each is what a pull request is elsewhere, and stands as an initiative alone.
fn reviewed_change(items: &[Item], unit: &Unit) -> bool {
    unit.pr.is_none()
        && unit.items.len() == 1
        && items[unit.items[0]].evidence.kind == Kind::Commit
        && items[unit.items[0]]
            .evidence
            .meta_str("review_url")
            .is_some()
}

/// The lines a lone commit must hold, written by the person, to stand as a feature of its
/// own (see [`large_feature`]).
pub const LARGE_FEATURE_LINES: f64 = 200.0;

/// A unit that is one commit of the person's own, pushed without a pull request, that
/// counts as a feature and holds [`LARGE_FEATURE_LINES`] lines they wrote: a maintainer
/// who pushes directly (fzf's, 248 of 264 commits) ships features that way, and "Big
/// features you led" had listed a 95-line pull request and not his 1,132-line feature.
fn large_feature(items: &[Item], unit: &Unit) -> bool {
    let [i] = unit.items[..] else {
        return false;
    };
    let it = &items[i];
    unit.pr.is_none()
        && it.evidence.kind == Kind::Commit
        && !it.evidence.is_others_work()
        && it.counted
        && it.signals.iter().any(|s| s == "feature")
        && lines(it) >= LARGE_FEATURE_LINES
}

/// The pull request an item belongs to, as `owner/name#N`.
pub(crate) fn pull_request_of(item: &Item) -> Option<String> {
    let e = &item.evidence;
    if e.kind == Kind::PullRequest {
        let n = e.id.rsplit('#').next()?;
        return Some(format!("{}#{n}", e.repo));
    }
    if e.kind != Kind::Commit {
        return None;
    }
    let number = e
        .meta_u64("pr_number")
        .map(|n| n.to_string())
        .or_else(|| refs::squash_suffix(&e.title).map(|(n, _)| n.to_string()))
        .or_else(|| refs::pr_line(&e.body).map(str::to_string))?;
    // A pull request of another repository whose history this one holds is that one's.
    let repo = e.meta_str("pr_repo").unwrap_or(&e.repo);
    Some(format!("{repo}#{number}"))
}

/// The pull request's title as an item tells it: a pull request's own, the merge's
/// (`meta.pr_title`), or a squash commit's without its `(#N)`.
fn pull_request_title(item: &Item) -> Option<String> {
    let e = &item.evidence;
    if e.kind == Kind::PullRequest {
        return Some(e.title.clone());
    }
    if let Some(t) = e.meta_str("pr_title").filter(|t| !t.trim().is_empty()) {
        return Some(t.to_string());
    }
    refs::squash_suffix(&e.title).map(|(_, title)| title.trim().to_string())
}

/// The items in units: one per pull request, one per other item.
fn units(items: &[Item], order: &[usize]) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    let mut by_pr: BTreeMap<String, usize> = BTreeMap::new();
    for &i in order {
        let item = &items[i];
        let t = item.evidence.timestamp;
        let pr = pull_request_of(item);
        let at = match &pr {
            Some(key) => *by_pr.entry(key.clone()).or_insert_with(|| {
                units.push(Unit {
                    items: Vec::new(),
                    pr: Some(key.clone()),
                    title: None,
                    start: t,
                    end: t,
                });
                units.len() - 1
            }),
            None => {
                units.push(Unit {
                    items: Vec::new(),
                    pr: None,
                    title: None,
                    start: t,
                    end: t,
                });
                units.len() - 1
            }
        };
        let unit = &mut units[at];
        unit.items.push(i);
        unit.start = unit.start.min(t).or(unit.start.or(t));
        unit.end = unit.end.max(t);
        // A pull request's own record names it best; else the first title found.
        if item.evidence.kind == Kind::PullRequest || unit.title.is_none() {
            unit.title = pull_request_title(item).or(unit.title.take());
        }
    }
    units
}

/// Whether any of the person's own commits or pull requests names an issue or ticket
/// besides its own pull request. Where none does, git cannot show a piece of a larger
/// requirement ([`mark_steps`] counts pieces by the issue they share), whatever the
/// person did: just's maintainer shipped one feature in some 30 pull requests in four
/// days, none naming an issue, and read "none" with the goal to split his work.
pub fn names_any_requirement(items: &[Item]) -> bool {
    items.iter().any(|it| {
        let e = &it.evidence;
        // A revert names the pull request it undoes, no requirement.
        if !matches!(e.kind, Kind::Commit | Kind::PullRequest)
            || e.is_others_work()
            || super::verdict::undoes_a_change(&e.title, &e.body)
        {
            return false;
        }
        let mut links = links_of(it);
        if let Some(own) = pull_request_of(it) {
            links.remove(&format!("ref:{own}"));
        }
        !links.is_empty()
    })
}

/// The explicit links an item carries: ticket keys in its title and first lines, issues
/// it closes or fixes, and (an issue) itself; `ref:owner/name#N` or `ticket:KEY-N`.
fn links_of(item: &Item) -> BTreeSet<String> {
    let e = &item.evidence;
    let mut keys = BTreeSet::new();
    let first_lines: String = e.body.lines().take(5).collect::<Vec<_>>().join("\n");
    for text in [&e.title, &first_lines] {
        for c in TICKET.captures_iter(text) {
            let prefix = &c[1];
            if !NOT_TICKETS.contains(&prefix) {
                keys.insert(format!("ticket:{prefix}-{}", &c[2]));
            }
        }
    }
    for c in LAUNCHPAD.captures_iter(&e.body) {
        match (c.get(1), c.get(2)) {
            (Some(bug), _) => keys.insert(format!("ticket:launchpad-bug-{}", bug.as_str())),
            (_, Some(bp)) => keys.insert(format!("ticket:blueprint-{}", bp.as_str())),
            _ => false,
        };
    }
    // Issues a pull request closes (GitHub's), and those its merge's description names.
    for field in ["closes", "pr_issues"] {
        if let Some(list) = e.meta.get(field).and_then(|v| v.as_array()) {
            for c in list.iter().filter_map(|c| c.as_str()) {
                keys.insert(format!("ref:{c}"));
            }
        }
    }
    if e.kind == Kind::Issue
        && let Some(n) = e.id.strip_prefix("gh:issue:")
    {
        keys.insert(format!("ref:{n}"));
    }
    // A commit's message, or a pull request's description ("Part of #15010"; GitHub's
    // `closes` lists only the issues it closes).
    if matches!(e.kind, Kind::Commit | Kind::PullRequest) {
        for issue in message_refs(e) {
            keys.insert(format!("ref:{issue}"));
        }
    }
    keys
}

/// The issues and pull requests a commit's or pull request's message names
/// (`owner/name#N`).
fn message_refs(e: &crate::model::Evidence) -> BTreeSet<String> {
    refs::issue_refs(&format!("{}\n\n{}", e.title, e.body), &e.repo)
}

/// A reference as a line shows it: `#N` where `local` says its repository is the
/// members' own, else whole (`pypa/distutils#421` in setuptools).
fn short_ref(r: &str, local: impl Fn(&str) -> bool) -> String {
    match r.rsplit_once('#') {
        Some((repo, n)) if local(repo) => format!("#{n}"),
        _ => r.to_string(),
    }
}

/// The scope a title names, whole: a conventional commit's `(scope)` (the first of a
/// list), or a subsystem prefix (`search:`, `go/ssa:`). Only the whole path names a
/// piece of the code: its first folder (`go`, `internal`, `src`) is half a repository.
/// Housekeeping scopes, a prefix naming several packages (`go/{ssa,types}:`) and one
/// naming the repository itself (`x/tools:` in `golang/tools`, `tokio:` in
/// `tokio-rs/tokio`) give none.
fn scope_of(title: &str, repo: &str) -> Option<String> {
    let scope = match CONVENTIONAL.captures(title) {
        Some(c) if c.get(2).is_some() => c[2].split(',').next().unwrap_or("").trim().to_lowercase(),
        Some(c) if TYPES.contains(&c[1].to_lowercase().as_str()) => return None,
        _ => SUBSYSTEM.captures(title)?[1].to_lowercase(),
    };
    let scope = scope.trim_matches('/').to_string();
    let repo_name = repo.rsplit('/').next().unwrap_or(repo).to_lowercase();
    // `tokio:` in tokio-rs/tokio, `x/tools:` in golang/tools: the whole repository.
    let names_repo = scope.rsplit('/').next() == Some(repo_name.as_str());
    let generic = GENERIC_SCOPES.contains(&scope.as_str()) || TYPES.contains(&scope.as_str());
    (!generic && !names_repo && !scope.contains(['{', ','])).then_some(scope)
}

/// Words that say nothing of what a piece of work is: generic verbs and nouns of titles
/// (in the form [`topic_words`] leaves them) and small words.
const GENERIC_WORDS: &[&str] = &[
    // Verbs of any change.
    "add",
    "added",
    "adding",
    "fix",
    "fixed",
    "fixing",
    "update",
    "updated",
    "remove",
    "removed",
    "delete",
    "use",
    "used",
    "using",
    "make",
    "made",
    "improve",
    "improved",
    "improvement",
    "avoid",
    "allow",
    "support",
    "implement",
    "change",
    "refactor",
    "rename",
    "move",
    "clean",
    "cleanup",
    "tidy",
    "simplify",
    "handle",
    "ensure",
    "tweak",
    "bump",
    "revert",
    "reland",
    "drop",
    "replace",
    "introduce",
    "prefer",
    "apply",
    "set",
    "get",
    "return",
    "let",
    "keep",
    "stop",
    "start",
    "try",
    "convert",
    "rework",
    "adjust",
    "correct",
    "prepare",
    "polish",
    // Nouns of any change.
    "test",
    "testing",
    "doc",
    "documentation",
    "comment",
    "typo",
    "code",
    "minor",
    "small",
    "tiny",
    "misc",
    "various",
    "couple",
    "issue",
    "bug",
    "error",
    "warning",
    "case",
    "way",
    "thing",
    "work",
    "wip",
    "part",
    "step",
    "follow",
    "followup",
    "unused",
    "unnecessary",
    "unneeded",
    "new",
    "old",
    "better",
    "more",
    "less",
    "some",
    "few",
    "other",
    "own",
    "same",
    "each",
    "every",
    "both",
    "all",
    "any",
    "many",
    "much",
    "also",
    "only",
    "just",
    "instead",
    "again",
    "first",
    "last",
    // Small words.
    "the",
    "and",
    "for",
    "with",
    "from",
    "into",
    "onto",
    "when",
    "then",
    "than",
    "that",
    "this",
    "these",
    "those",
    "not",
    "but",
    "are",
    "was",
    "were",
    "has",
    "have",
    "had",
    "been",
    "being",
    "its",
    "can",
    "could",
    "should",
    "would",
    "will",
    "via",
    "per",
    "out",
    "off",
    "over",
    "under",
    "after",
    "before",
    "about",
    "around",
    "too",
    "now",
    "yet",
    "our",
    "your",
    "their",
    "there",
    "here",
    "where",
    "which",
    "what",
    "who",
    "how",
    "why",
    "does",
    "doesn",
    "don",
    "isn",
    "aren",
    "won",
    "didn",
    "can't",
    "mostly",
];

/// "fixes" → "fix", "queries" → "query", "tasks" → "task", "caches" → "cache" (but
/// "reaches" → "reach"): enough for two titles to name the same thing in the singular
/// and the plural.
fn singular(word: &str) -> String {
    let n = word.len();
    // "cache", "headache": the e belongs to the word; "reaches", "attaches": it does not.
    if ["caches", "headaches", "mustaches", "moustaches"].contains(&word) {
        return word[..n - 1].to_string();
    }
    if n > 4
        && ["xes", "ches", "shes", "sses"]
            .iter()
            .any(|e| word.ends_with(e))
    {
        return word[..n - 2].to_string();
    }
    if n > 4 && word.ends_with("ies") {
        return format!("{}y", &word[..n - 3]);
    }
    if n > 3 && word.ends_with('s') && !["ss", "us", "is"].iter().any(|e| word.ends_with(e)) {
        return word[..n - 1].to_string();
    }
    word.to_string()
}

/// What a title says a piece of work is about: its words and code identifiers
/// (`try_recv`, `RwLock`), lowercased and singular, without its label or subsystem
/// prefix, the scope's own words, the repository's name and [`GENERIC_WORDS`]. Two
/// units of one scope join only when these meet: `sync: fix underflow in mpsc len()` and
/// `sync: notify receivers in mpsc` name `mpsc`; `sync: require that an RwLock …` names
/// neither.
fn topic_words(title: &str, scope: &str, repo: &str) -> BTreeSet<String> {
    static WORD: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[A-Za-z_][A-Za-z0-9_]*").expect("valid"));
    let not: BTreeSet<String> = scope
        .split(['/', '-', '_', '.', ' '])
        .chain(repo.rsplit('/').next())
        .map(|w| singular(&w.to_lowercase()))
        .collect();
    let subject = strip_prefix(title, true);
    WORD.find_iter(&subject)
        .map(|m| singular(m.as_str().trim_matches('_').to_lowercase().as_str()))
        .filter(|w| w.len() >= 3 && !GENERIC_WORDS.contains(&w.as_str()) && !not.contains(w))
        .collect()
}

/// A unit whose every commit the person only co-authored or copied, or pushed onto
/// someone else's pull request: someone else's piece of work.
fn co_authored_only(items: &[Item], unit: &Unit) -> bool {
    unit.items
        .iter()
        .all(|&i| !items[i].evidence.leads_its_piece())
}

/// A unit's scope: its pull request title's, else the most common of its items' (ties
/// by name).
fn dominant_scope(items: &[Item], unit: &Unit) -> Option<String> {
    let repo = &items[unit.items[0]].evidence.repo;
    if let Some(s) = unit.title.as_deref().and_then(|t| scope_of(t, repo)) {
        return Some(s);
    }
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for &i in &unit.items {
        let e = &items[i].evidence;
        if let Some(s) = scope_of(&e.title, &e.repo) {
            *counts.entry(s).or_default() += 1;
        }
    }
    let best = counts.values().copied().max()?;
    counts.into_iter().find(|(_, n)| *n == best).map(|(s, _)| s)
}

/// How much a unit stands for the work: whether it is the person's own (not only
/// co-authored), whether it is more than housekeeping, the lines it changed that the
/// person wrote (see [`lines`]), then its items' weight.
fn unit_rank(items: &[Item], unit: &Unit) -> (bool, bool, f64, f64) {
    let own = !co_authored_only(items, unit);
    let work = unit.items.iter().any(|&i| !housekeeping(&items[i]));
    let lines = unit.items.iter().map(|&i| lines(&items[i])).sum();
    let weight = unit.items.iter().map(|&i| items[i].weight).sum();
    (own, work, lines, weight)
}

/// The lines an item changed that the person wrote: none for a mechanical change
/// (formatting, a rename, generated files), else its changed lines times the share of its
/// files that are not lock, generated, vendored or snapshot files.
pub fn lines(item: &Item) -> f64 {
    let e = &item.evidence;
    if item.mechanical.is_some() || e.meta_str("bulk").is_some() {
        return 0.0;
    }
    super::bulk::written_lines(e)
}

/// Tests, docs, build, CI and chores only: never what an initiative is named after when
/// it holds other work.
fn housekeeping(item: &Item) -> bool {
    item.evidence.kind != Kind::PullRequest
        && !item.signals.is_empty()
        && item.signals.iter().all(|s| {
            matches!(
                s.as_str(),
                "testing" | "documentation" | "build" | "ci-cd" | "chore"
            )
        })
}

/// "feat(cart): add coupons" → "Add coupons"; "search: fix the index" → "Fix the index"
/// when the name will say the scope, else it stays: "Split up" alone names nothing.
fn strip_prefix(title: &str, scope_named: bool) -> String {
    // The branch a change targets names no work: laravel's `[13.x] Add queue methods`.
    static TARGET_BRANCH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*\[(v?\d+(\.\d+)*(\.x)?|main|master|next)\]\s*").expect("valid")
    });
    let original = title;
    // So does the issue it closes, when a tag leads the title: rubocop's `[Fix #8565]
    // Support NewCops …` (the line says which issue it names).
    let stripped = TARGET_BRANCH.replace(title, "");
    let stripped = super::features::without_issue_tag(&stripped).to_string();
    // A title that is only the tag keeps it: something must name the work.
    let title = if stripped.trim().is_empty() {
        original
    } else {
        stripped.as_ref()
    };
    // A label goes (`feat(cart):`, `fix:`, `ENH:`, `[Fix]`, a gitmoji: what the title
    // label reader knows); `search:` is a subsystem.
    let read = super::conventions::read(title).filter(|p| !p.stated.is_empty());
    let conventional = CONVENTIONAL
        .captures(title)
        .is_some_and(|c| c.get(2).is_some() || TYPES.contains(&c[1].to_lowercase().as_str()));
    let t: std::borrow::Cow<str> = match read {
        Some(p) => p.subject.into(),
        None if conventional => CONVENTIONAL.replace(title, ""),
        None => title.into(),
    };
    if !scope_named && SUBSYSTEM.is_match(&t) {
        return t.trim().to_string();
    }
    let t = SUBSYSTEM.replace(&t, "");
    // "(fix #3369)", "(fixes #1, ref #2)": which issues it closes is no part of its name.
    static ISSUE_NOTE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\s*\((?:fix(?:e[sd])?|close[sd]?|resolve[sd]?|refs?|see)\b[^()]*#\d+[^()]*\)\s*$",
        )
        .expect("valid")
    });
    let t = ISSUE_NOTE.replace(&t, "").trim().to_string();
    let mut chars = t.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => title.to_string(),
    }
}

fn initiative(
    items: &[Item],
    units: &[&Unit],
    links: &BTreeSet<String>,
    scopes: &BTreeSet<String>,
    shared: &BTreeSet<String>,
) -> Initiative {
    // Named by its largest piece of the person's own work, not by whichever came first.
    let lead = units
        .iter()
        .max_by(|a, b| {
            let (ra, rb) = (unit_rank(items, a), unit_rank(items, b));
            a.pr.is_some()
                .cmp(&b.pr.is_some())
                .then(ra.0.cmp(&rb.0))
                .then(ra.1.cmp(&rb.1))
                .then(ra.2.total_cmp(&rb.2))
                .then(ra.3.total_cmp(&rb.3))
                .then_with(|| b.start.cmp(&a.start))
        })
        .expect("an initiative has units");
    let lead_item = lead
        .items
        .iter()
        .map(|&i| &items[i])
        .max_by(|a, b| {
            (!housekeeping(a))
                .cmp(&!housekeeping(b))
                .then(lines(a).total_cmp(&lines(b)))
                .then(a.weight.total_cmp(&b.weight))
                .then_with(|| b.evidence.id.cmp(&a.evidence.id))
        })
        .expect("a unit has items");
    let scope_named = units.len() > 1 && !scopes.is_empty();
    let title = strip_prefix(
        lead.title.as_deref().unwrap_or(&lead_item.evidence.title),
        scope_named,
    );
    let ticket = links
        .iter()
        .find_map(|k| k.strip_prefix("ticket:").map(str::to_string));
    let mut name = match ticket {
        Some(t) if !title.contains(&t) => format!("{t}: {title}"),
        _ => title,
    };
    // Several pieces of work joined by their scope: say so, and what leads them.
    if scope_named && let Some(scope) = scopes.iter().next() {
        let prs = units.iter().filter(|u| u.pr.is_some()).count();
        let count = if prs > 1 {
            format!("{prs} pull requests")
        } else {
            format!(
                "{} items",
                units.iter().map(|u| u.items.len()).sum::<usize>()
            )
        };
        name = format!("{scope} ({count}): {name}");
    }
    let mut member_ids: Vec<usize> = units.iter().flat_map(|u| u.items.iter().copied()).collect();
    member_ids.sort_by(|&a, &b| {
        let (x, y) = (&items[a].evidence, &items[b].evidence);
        x.timestamp.cmp(&y.timestamp).then_with(|| x.id.cmp(&y.id))
    });
    let members: Vec<&Item> = member_ids.iter().map(|&i| &items[i]).collect();
    let reason = reason(units, links, scopes, shared, &members);
    build(&members, name, reason)
}

/// A lone commit's feature, in a line: what its message names when it names a number
/// (curl lands each pull request as commits whose `Closes #21965` names it, which git
/// alone cannot tell from an issue), else that git records no pull request around it.
fn lone_feature(item: &Item) -> String {
    let e = &item.evidence;
    let size = format!("a feature of {} lines in one commit", lines(item).round());
    let named: Vec<String> = message_refs(e)
        .iter()
        .map(|r| short_ref(r, |repo| repo == e.repo))
        .collect();
    if named.is_empty() {
        format!("{size}, with no pull request in git")
    } else {
        format!("{size}, which names {}", named.join(", "))
    }
}

/// One line: the pull requests (or commits) and what joined them.
fn reason(
    units: &[&Unit],
    links: &BTreeSet<String>,
    scopes: &BTreeSet<String>,
    shared: &BTreeSet<String>,
    members: &[&Item],
) -> String {
    // A pull request of the members' own repository by number, another repository's
    // (`pypa/distutils#421` in setuptools) whole.
    let prs: Vec<String> = units
        .iter()
        .filter_map(|u| u.pr.as_deref())
        .map(|p| short_ref(p, |repo| members.iter().any(|m| m.evidence.repo == repo)))
        .collect();
    let commits = members
        .iter()
        .filter(|m| m.evidence.kind == Kind::Commit)
        .count();
    let mut what = match prs.len() {
        0 if members.len() == 1 && members[0].evidence.meta_str("review_url").is_some() => {
            "a change reviewed on its own page (1 commit)".to_string()
        }
        0 if members.len() == 1 => lone_feature(members[0]),
        0 => format!("{} commits", members.len()),
        1 if units.len() == 1 => match commits {
            0 => format!("pull request {}", prs[0]),
            1 => format!("pull request {} (1 commit)", prs[0]),
            n => format!("pull request {} ({n} commits)", prs[0]),
        },
        n => {
            let others = units.iter().filter(|u| u.pr.is_none()).count();
            let shown = if n > 4 {
                format!("{}, … {}", prs[..3].join(", "), prs[n - 1])
            } else {
                prs.join(", ")
            };
            let extra = match others {
                0 => String::new(),
                1 => " and 1 other item".to_string(),
                o => format!(" and {o} other items"),
            };
            format!("{n} pull requests ({shown}){extra}")
        }
    };
    let mut why: Vec<String> = Vec::new();
    let tickets: Vec<&str> = links
        .iter()
        .filter_map(|l| l.strip_prefix("ticket:"))
        .collect();
    if !tickets.is_empty() {
        why.push(format!("ticket {}", tickets.join(", ")));
    }
    // An issue of the members' own repository by number, another repository's whole.
    let refs: Vec<String> = links
        .iter()
        .filter_map(|l| l.strip_prefix("ref:"))
        .map(|r| match r.rsplit_once('#') {
            Some((repo, n)) if members.iter().any(|m| m.evidence.repo == repo) => format!("#{n}"),
            _ => r.to_string(),
        })
        .collect();
    if !refs.is_empty() {
        why.push(format!("the same issue ({})", refs.join(", ")));
    }
    if let Some(scope) = scopes.iter().next() {
        let words: Vec<String> = shared.iter().take(3).map(|w| format!("`{w}`")).collect();
        let named = if words.is_empty() {
            String::new()
        } else {
            format!(" naming {}", words.join(", "))
        };
        why.push(format!(
            "scope `{scope}`{named}, each within {SCOPE_GAP_DAYS} days of the last"
        ));
    }
    if !why.is_empty() {
        what.push_str(" joined by ");
        what.push_str(&why.join(" and "));
    }
    what
}

fn build(members: &[&Item], name: String, reason: String) -> Initiative {
    let signals: BTreeSet<String> = members
        .iter()
        .flat_map(|m| m.signals.iter().cloned())
        .collect();
    let repos: BTreeSet<String> = members
        .iter()
        .map(|m| m.evidence.repo.clone())
        .filter(|r| !r.is_empty())
        .collect();
    let (mut mine, mut total) = (0.0, 0.0);
    let (mut additions, mut deletions) = (0, 0);
    for m in members {
        let e = &m.evidence;
        let churn = e.churn() as f64;
        // A copy of another's change is their lines, not the person's.
        let credit = if e.copies_work_of().is_some() {
            0.0
        } else if e.is_co_authored() {
            0.5
        } else {
            1.0
        };
        mine += credit * churn;
        total += churn * branch_scale(m);
        additions += e.additions.unwrap_or(0);
        deletions += e.deletions.unwrap_or(0);
    }
    let mut links: Vec<String> = Vec::new();
    for url in members.iter().filter_map(|m| m.evidence.url.clone()) {
        if !links.contains(&url) {
            links.push(url);
        }
    }
    Initiative {
        id: format!("initiative:{}", members[0].evidence.id),
        name,
        reason,
        start: members.iter().filter_map(|m| m.evidence.timestamp).min(),
        end: members.iter().filter_map(|m| m.evidence.timestamp).max(),
        repos: repos.into_iter().collect(),
        items: members.iter().map(|m| m.evidence.id.clone()).collect(),
        signals: signals.into_iter().collect(),
        additions,
        deletions,
        share: (total > 0.0).then(|| ((mine / total) * 100.0).round() / 100.0),
        links,
    }
}

/// How much of a piece of work a member's lines stand for: 1, or on a pull request
/// holding others' commits too (`meta.pr_commits`: the person's commits of all of its
/// branch's), the branch as the person's commits times its commits, the others' lines not
/// being read. One revision of a contributor's three-commit guide is a third of it; nine
/// commits of one's own pull request after a colleague's first are nine tenths.
fn branch_scale(member: &Item) -> f64 {
    let pair = member
        .evidence
        .meta
        .get("pr_commits")
        .and_then(|p| p.as_array());
    let count = |i: usize| pair.and_then(|p| p.get(i)?.as_f64());
    match (count(0), count(1)) {
        (Some(mine), Some(all)) if mine > 0.0 && all >= mine => all / mine,
        _ => 1.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Evidence;
    use chrono::{Duration, TimeZone, Utc};
    use serde_json::json;

    fn at(day: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 1, 10, 0, 0).unwrap() + Duration::days(day)
    }

    fn item(id: &str, kind: Kind, day: i64, title: &str, signals: &[&str]) -> Item {
        let mut e = Evidence::new(id, kind, title);
        e.timestamp = Some(at(day));
        e.paths = vec!["src/lib.rs".into()];
        e.additions = Some(10);
        e.deletions = Some(2);
        e.repo = "acme/shop".into();
        e.meta.insert("role".into(), json!("author"));
        Item {
            evidence: e,
            signals: signals.iter().map(|s| s.to_string()).collect(),
            primary: signals
                .first()
                .map_or("unclassified".into(), |s| s.to_string()),
            confidence: 1.0,
            counted: true,
            counts_from: None,
            matches: vec![],
            statements: vec![],
            weight: 1.0,
            counted_with: None,
            counted_why: None,
            mechanical: None,
        }
    }

    fn commit(id: &str, day: i64, title: &str) -> Item {
        item(id, Kind::Commit, day, title, &["feature"])
    }

    #[test]
    fn a_requirement_is_named_by_an_issue_a_ticket_or_a_launchpad_trailer_not_a_licence() {
        let with_body = |title: &str, body: &str| {
            let mut it = commit("a", 1, title);
            it.evidence.body = body.into();
            it
        };
        for (title, body) in [
            (
                "identity: Fix 'user list --project' option",
                "Closes-Bug: #1616104",
            ),
            (
                "Split the parser",
                "Partially-Implements: blueprint new-parser",
            ),
            ("Fix the parser (#12)", "Fixes #11"),
            ("PROJ-42: split the parser", ""),
        ] {
            assert!(
                names_any_requirement(&[with_body(title, body)]),
                "{title} / {body}"
            );
        }
        for (title, body) in [
            ("Relicense under MPL-2.0 (#12)", ""),
            ("Parse ECMA-262 regexes (#13)", ""),
            (
                "Revert \"Add the cache (#123)\"",
                "This reverts commit 0123456789abcdef.",
            ),
            ("Add the cache (#14)", ""),
        ] {
            assert!(
                !names_any_requirement(&[with_body(title, body)]),
                "{title} / {body}"
            );
        }
    }

    fn in_pr(mut it: Item, n: u64, title: &str) -> Item {
        it.evidence.meta.insert("pr_number".into(), json!(n));
        it.evidence.meta.insert("pr_title".into(), json!(title));
        it
    }

    fn groups(items: &[Item]) -> Vec<Vec<String>> {
        let mut g: Vec<Vec<String>> = group(items).into_iter().map(|i| i.items).collect();
        g.sort();
        g
    }

    #[test]
    fn a_backport_counted_with_its_first_landing_adds_nothing_to_an_initiative() {
        let mut items = vec![
            commit(
                "original",
                1,
                "taskdump: remove crate disambiguators (#8264)",
            ),
            commit(
                "backport",
                1,
                "taskdump: remove crate disambiguators (#8288)",
            ),
        ];
        crate::classify::verdict::fold_relanded_commits(&mut items);
        assert_eq!(items[1].counted_with.as_deref(), Some("original"));
        let found = group(&items);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].items, ["original"]);
        assert_eq!((found[0].additions, found[0].deletions), (10, 2));
        // Not folded (other lines), the two are two pull requests of one scope.
        items[1].counted_with = None;
        items[1].evidence.additions = Some(11);
        crate::classify::verdict::fold_relanded_commits(&mut items);
        assert_eq!(groups(&items), [["backport", "original"]]);
    }

    #[test]
    fn a_change_reviewed_on_its_own_page_stands_alone_as_a_pull_request_does() {
        // golang/tools: each change is reviewed on Gerrit; a lone one is what a lone
        // pull request is elsewhere. A lone commit with no review page is no initiative.
        let mut reviewed = commit("a", 1, "gopls/internal/filewatcher: add poll-based watcher");
        reviewed.evidence.meta.insert(
            "review_url".into(),
            json!("https://go-review.googlesource.com/c/tools/+/754320"),
        );
        let plain = commit("b", 40, "Write the docs");
        let found = group(&[reviewed, plain]);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].items, ["a"]);
        assert_eq!(
            found[0].reason,
            "a change reviewed on its own page (1 commit)"
        );
    }

    #[test]
    fn a_large_feature_pushed_as_one_commit_stands_alone() {
        // fzf's maintainer pushes features directly: a 1,132-line one was no initiative.
        let sized = |id: &str, day: i64, title: &str, lines: u64| {
            let mut it = commit(id, day, title);
            it.evidence.additions = Some(lines);
            it.evidence.deletions = Some(0);
            it.evidence.paths = vec!["src/a.go".into()];
            it
        };
        let big = sized("big", 1, "Add --tmux option", 898);
        let small = sized("small", 40, "Add --ghost option", 120);
        let mut theirs = sized("theirs", 80, "Add zellij support", 900);
        theirs
            .evidence
            .meta
            .insert("role".into(), json!("co-author"));
        let found = group(&[big, small, theirs]);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].items, ["big"]);
        assert_eq!(
            found[0].reason,
            "a feature of 898 lines in one commit, with no pull request in git"
        );
        // curl lands a pull request as commits whose trailer names it: the line says
        // what the message names rather than that git shows no pull request.
        let mut landed = sized("landed", 1, "TLS: add SecTrust support", 600);
        landed.evidence.body = "Text.\n\nCloses #21965".into();
        let found = group(&[landed]);
        assert_eq!(
            found[0].reason,
            "a feature of 600 lines in one commit, which names #21965"
        );
    }

    #[test]
    fn a_merged_pull_request_is_one_initiative_named_by_its_title() {
        let items = vec![
            in_pr(
                commit("a", 1, "test: cover coupons"),
                12,
                "Add coupons to checkout",
            ),
            in_pr(
                commit("b", 2, "wip: coupon model with a typpo"),
                12,
                "Add coupons to checkout",
            ),
            in_pr(
                commit("c", 3, "feat: wire coupons"),
                12,
                "Add coupons to checkout",
            ),
            commit("d", 4, "Unrelated change"),
        ];
        let found = group(&items);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].items, ["a", "b", "c"]);
        assert_eq!(found[0].name, "Add coupons to checkout");
        assert_eq!(found[0].reason, "pull request #12 (3 commits)");
    }

    #[test]
    fn squash_suffixes_and_pr_lines_name_pull_requests() {
        let mut lone = commit("b", 5, "Write the docs");
        lone.evidence.body = "Some text.\n\nPR #8".into();
        let items = vec![commit("a", 1, "Add gift cards (#7)"), lone];
        let found = group(&items);
        let names: BTreeSet<&str> = found.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, BTreeSet::from(["Add gift cards", "Write the docs"]));
        assert!(
            found
                .iter()
                .any(|i| i.reason == "pull request #7 (1 commit)")
        );
    }

    #[test]
    fn scopes_join_pull_requests_close_in_time_and_never_through_paths() {
        let mut items = vec![
            in_pr(
                commit("a1", 1, "feat(search): index"),
                1,
                "feat(search): index products",
            ),
            in_pr(
                commit("a2", 2, "test(search): cover index"),
                1,
                "feat(search): index products",
            ),
            in_pr(
                commit("b1", 10, "fix(search): empty query"),
                2,
                "fix(search): empty queries to the index",
            ),
            in_pr(
                commit("c1", 40, "feat(search): facets"),
                3,
                "feat(search): facets in the index",
            ),
            commit("d1", 3, "fix(deps): bump serde"),
            commit("d2", 4, "fix(deps): bump tokio"),
        ];
        // Same files everywhere: paths join nothing.
        for it in &mut items {
            it.evidence.paths = vec!["src/search.rs".into(), "src/shared.rs".into()];
        }
        assert_eq!(
            groups(&items),
            vec![
                vec!["a1".to_string(), "a2".into(), "b1".into()],
                vec!["c1".to_string()],
            ],
            "#1 and #2 share the scope and name the index; #3 starts 30 days after #2: a new \
             initiative; deps is housekeeping"
        );
        let found = group(&items);
        let joined = found.iter().find(|i| i.items.len() == 3).unwrap();
        assert_eq!(joined.name, "search (2 pull requests): Index products");
        assert_eq!(
            joined.reason,
            "2 pull requests (#1, #2) joined by scope `search` naming `index`, each within 14 days of the last"
        );
    }

    #[test]
    fn a_scope_joins_on_what_its_recent_titles_name() {
        // curl's `cmake:` year: a word of the group's first weeks does not draw in work
        // of later weeks that shares nothing with what came just before it.
        let pr = |id: &str, n: u64, day: i64, title: &str| in_pr(commit(id, day, title), n, title);
        let items = vec![
            pr("a", 1, 1, "cmake: add a binutils ld workaround"),
            pr("b", 2, 12, "cmake: binutils clang-tidy invocation"),
            pr("c", 3, 24, "cmake: fix the workaround logic"),
            pr("d", 4, 30, "cmake: clang-tidy for tests"),
        ];
        assert_eq!(
            groups(&items),
            vec![
                vec!["a".to_string(), "b".into()],
                vec!["c".to_string()],
                vec!["d".to_string()],
            ],
            "c names `workaround` as a did 23 days before it, and nothing of b's: it stands \
             alone; d, 18 days after b, is too late whatever it names"
        );
    }

    #[test]
    fn a_scope_says_where_not_what() {
        // tokio's way: four pull requests of `sync:` on one day, three about the mpsc
        // channel and one about RwLock; `time:` twice about different things; a pull
        // request Alice only co-authored; two that name the repository itself.
        let pr = |id: &str, n: u64, day: i64, title: &str| in_pr(commit(id, day, title), n, title);
        let mut items = vec![
            pr("s1", 1, 1, "sync: fix underflow in mpsc channel `len()`"),
            pr(
                "s2",
                2,
                1,
                "sync: return `Empty` from `try_recv()` when mpsc is closed",
            ),
            pr(
                "s3",
                3,
                1,
                "sync: require that an `RwLock` has `max_readers != 0`",
            ),
            pr(
                "s4",
                4,
                2,
                "sync: notify receivers in mpsc `OwnedPermit::release()`",
            ),
            pr("s5", 5, 2, "sync: document mpsc `len()` better"),
            pr("t1", 6, 20, "time: add `#[track_caller]` to `timeout_at()`"),
            pr(
                "t2",
                7,
                28,
                "time: avoid stack overflow in runtime constructor",
            ),
            pr("m1", 8, 40, "shop: raise MSRV to 1.71"),
            pr("m2", 9, 41, "shop: raise the MSRV for taskdump"),
        ];
        items[4]
            .evidence
            .meta
            .insert("role".into(), json!("co-author"));
        assert_eq!(
            groups(&items),
            vec![
                vec!["m1".to_string()],
                vec!["m2".to_string()],
                vec!["s1".to_string(), "s2".into(), "s4".into()],
                vec!["s3".to_string()],
                vec!["s5".to_string()],
                vec!["t1".to_string()],
                vec!["t2".to_string()],
            ],
            "mpsc joins s1, s2 and s4; RwLock and the time changes name nothing in common; \
             the co-authored s5 pulls nothing in; `shop:` names the repository"
        );
        let mpsc = group(&items)
            .into_iter()
            .find(|i| i.items.len() == 3)
            .unwrap();
        assert_eq!(
            mpsc.reason,
            "3 pull requests (#1, #2, #4) joined by scope `sync` naming `mpsc`, each within 14 days of the last"
        );
        let words = |t: &str| topic_words(t, "sync", "tokio-rs/tokio");
        assert_eq!(
            words("sync: fix underflow in mpsc channel `len()`"),
            BTreeSet::from(["underflow", "mpsc", "channel", "len"].map(String::from))
        );
        assert_eq!(
            words("feat(sync): add Notify::notify_waiters to tokio's sync tasks"),
            BTreeSet::from(["notify", "notify_waiter", "task"].map(String::from)),
            "not the scope, the repository or a generic verb; singular"
        );
        for (plural, one) in [
            ("caches", "cache"),
            ("patches", "patch"),
            ("reaches", "reach"),
            ("approaches", "approach"),
            ("attaches", "attach"),
            ("detaches", "detach"),
            ("indexes", "index"),
            ("queries", "query"),
            ("tasks", "task"),
            ("process", "process"),
        ] {
            assert_eq!(singular(plural), one, "{plural}");
        }
    }

    #[test]
    fn an_initiative_is_named_by_its_largest_unit() {
        // A small tidy-up first, the feature next, a large reformatting last.
        let mut items = vec![
            in_pr(
                commit("a", 1, "search: tidy the ranking code"),
                1,
                "search: tidy the ranking code",
            ),
            in_pr(
                commit("b", 3, "search: rank by popularity"),
                2,
                "search: ranking by popularity",
            ),
            in_pr(
                commit("c", 5, "search: reformat ranking"),
                3,
                "search: reformat the ranking module",
            ),
        ];
        items[1].evidence.additions = Some(400);
        items[2].evidence.additions = Some(5000);
        items[2].mechanical = Some("formatting".into());
        let found = group(&items);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].name,
            "search (3 pull requests): Ranking by popularity"
        );
    }

    #[test]
    fn an_issue_worked_on_for_months_is_one_initiative_and_its_steps_count_together() {
        // pytest's way: two pull requests for the tracking issue #50 in November, a third
        // four months later. The person said they belong together: no span bound.
        let part = |id: &str, day: i64, n: u64, title: &str| {
            let mut c = in_pr(commit(id, day, title), n, title);
            c.evidence
                .meta
                .insert("pr_issues".into(), json!(["acme/shop#50"]));
            c.evidence.body = "Part of #50".into();
            c
        };
        let mut items = vec![
            part("a1", 1, 1, "Remove py.path hooks"),
            part("a2", 2, 1, "Remove py.path hooks"),
            part("b", 20, 2, "Hard error for async fixtures"),
            part("c", 130, 3, "Remove the fspath argument"),
            commit("z", 200, "search: unrelated"),
        ];
        let mut found = group(&items);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].items, ["a1", "a2", "b", "c"]);
        assert_eq!(
            found[0].reason,
            "3 pull requests (#1, #2, #3) joined by the same issue (#50)"
        );
        assert!((found[0].end.unwrap() - found[0].start.unwrap()).num_days() > MAX_SPAN_DAYS);
        mark_steps(&mut items, &mut found, &BTreeSet::new());
        let marked: Vec<&str> = items
            .iter()
            .filter(|i| i.signals.iter().any(|s| s == INCREMENTAL))
            .map(|i| i.evidence.id.as_str())
            .collect();
        assert_eq!(
            marked,
            ["a1", "b", "c"],
            "one item a piece, across the months"
        );
        assert!(found[0].signals.contains(&INCREMENTAL.to_string()));
    }

    #[test]
    fn no_initiative_spans_more_than_the_bound() {
        // A subsystem worked on every 10 days for a year.
        let items: Vec<Item> = (0..37)
            .map(|i| {
                commit(
                    &format!("c{i:02}"),
                    i * 10,
                    &format!("index: compaction, step {i}"),
                )
            })
            .collect();
        let found = group(&items);
        assert!(found.len() >= 4, "{}", found.len());
        for ini in &found {
            let span = (ini.end.unwrap() - ini.start.unwrap()).num_days();
            assert!(span <= MAX_SPAN_DAYS, "{} spans {span} days", ini.name);
        }
        let total: usize = found.iter().map(|i| i.items.len()).sum();
        assert_eq!(total, 37, "every commit is in one of them");
    }

    #[test]
    fn pull_requests_and_the_issues_they_close() {
        let mut pr1 = item(
            "gh:pr:acme/shop#7",
            Kind::PullRequest,
            5,
            "Add gift cards",
            &["feature"],
        );
        pr1.evidence
            .meta
            .insert("closes".into(), json!(["acme/shop#3"]));
        let mut pr2 = item(
            "gh:pr:acme/shop#9",
            Kind::PullRequest,
            9,
            "Gift card emails",
            &["feature"],
        );
        pr2.evidence
            .meta
            .insert("closes".into(), json!(["acme/shop#3"]));
        let issue = item(
            "gh:issue:acme/shop#3",
            Kind::Issue,
            1,
            "Support gift cards",
            &[],
        );
        let mut fix = commit("git:acme/shop:f1", 12, "Gift cards: handle zero balance");
        fix.evidence.body = "Fixes #3".into();
        let lone = item(
            "gh:pr:acme/shop#11",
            Kind::PullRequest,
            12,
            "Bump deps",
            &["build"],
        );
        let mut review = item(
            "gh:review:1",
            Kind::Review,
            12,
            "Review of acme/shop#12",
            &[],
        );
        review.evidence.meta.insert("pr_number".into(), json!(12));
        let mut step = item(
            "gh:pr:acme/shop#10",
            Kind::PullRequest,
            10,
            "Gift card balance page",
            &["feature"],
        );
        step.evidence.body = "Adds the page.\n\nPart of #3".into();
        let found = groups(&[pr1, pr2, issue, fix, lone, review, step]);
        assert_eq!(
            found,
            vec![
                vec![
                    "gh:issue:acme/shop#3".to_string(),
                    "gh:pr:acme/shop#7".into(),
                    "gh:pr:acme/shop#9".into(),
                    "gh:pr:acme/shop#10".into(),
                    "git:acme/shop:f1".into(),
                ],
                vec!["gh:pr:acme/shop#11".to_string()],
            ],
            "a lone pull request is an initiative; a review never is"
        );
    }

    #[test]
    fn go_style_issue_lines_join_and_beat_scopes() {
        // Go's convention: each change names the issue it is a step of on a line of its
        // own, often in another repository; titles start with the package's whole path.
        let step = |id: &str, day: i64, title: &str, body: &str| {
            let mut c = commit(id, day, title);
            c.evidence.repo = "golang/tools".into();
            c.evidence.body = body.into();
            c
        };
        let items = vec![
            step(
                "a",
                1,
                "go/analysis/unitchecker: write fixed files",
                "For golang/go#71859",
            ),
            step(
                "b",
                3,
                "internal/driverutil: better error",
                "Details.\n\nUpdates golang/go#71859",
            ),
            step(
                "c",
                5,
                "x/tools: go fix",
                "Fixes golang/go#71859\n\nChange-Id: I1",
            ),
            step(
                "d",
                6,
                "go/analysis/unitchecker: relax the fixed-file test",
                "Nothing named.",
            ),
            step(
                "e",
                7,
                "go/analysis/unitchecker: rewrite the fixed-file check",
                "No issue either.",
            ),
            step(
                "f",
                8,
                "go/ssa: prune edges",
                "See golang/go#71859 for why.",
            ),
            step("g", 9, "go/types: one", ""),
            step("h", 10, "go/typesinternal: two", ""),
            // Names an issue no other change names: its scope still places it.
            step(
                "i",
                11,
                "go/analysis/unitchecker: fix a crash writing fixed files",
                "Fixes golang/go#99",
            ),
        ];
        assert_eq!(
            groups(&items),
            vec![
                vec!["a".to_string(), "b".into(), "c".into()],
                vec!["d".to_string(), "e".into(), "i".into()],
            ],
            "the issue joins a, b and c across packages; d, e and i share a package and \
             name fixed files, and no shared issue; a named issue keeps a out of their \
             scope; `See` is no step; go/types and go/typesinternal are different packages"
        );
        let found = group(&items);
        let by_issue = found.iter().find(|i| i.items.len() == 3).unwrap();
        assert_eq!(
            by_issue.reason,
            "3 commits joined by the same issue (golang/go#71859)"
        );
        assert_eq!(
            by_issue.name, "go/analysis/unitchecker: write fixed files",
            "no scope leads the name, so the title keeps its package"
        );
        assert_eq!(
            strip_prefix("search: add the index", false),
            "search: add the index"
        );
        assert_eq!(strip_prefix("search: add the index", true), "Add the index");
        assert_eq!(
            strip_prefix("feat(search): add the index", false),
            "Add the index"
        );
        assert_eq!(strip_prefix("fix: the parser", false), "The parser");
        assert_eq!(
            strip_prefix("ENH: add a sparse solver", false),
            "Add a sparse solver"
        );
        assert_eq!(
            strip_prefix("BUG, TST: fix the overflow", false),
            "Fix the overflow"
        );
        assert_eq!(strip_prefix("[Fix] wrong totals", false), "Wrong totals");
        assert_eq!(
            strip_prefix("[13.x] Add queue methods to inspect jobs", false),
            "Add queue methods to inspect jobs"
        );
        assert_eq!(strip_prefix("[main] fix: the parser", false), "The parser");
        assert_eq!(strip_prefix("[13.x]", false), "[13.x]");
        assert_eq!(
            strip_prefix(
                "[Fix #8565] Support `NewCops` in department configuration",
                false
            ),
            "Support `NewCops` in department configuration"
        );
        assert_eq!(
            strip_prefix("Fix #4595: merging of names", false),
            "Merging of names"
        );
        assert_eq!(strip_prefix("[Fix #8565]", false), "[Fix #8565]");
        let by_scope = found
            .iter()
            .find(|i| i.items.contains(&"d".to_string()))
            .unwrap();
        assert_eq!(
            by_scope.name,
            "go/analysis/unitchecker (3 items): Relax the fixed-file test"
        );
    }

    #[test]
    fn work_landed_in_three_pieces_for_one_issue_is_marked_once_a_piece() {
        let pushed = |mut c: Item, at: i64| {
            c.evidence.meta.insert("committed".into(), json!(at));
            c
        };
        let mut items = vec![
            // ABC-1: a pull request of two commits (one piece, marked on its larger
            // commit), two lone commits pushed five minutes apart (one piece), a third
            // pushed alone, one the person only co-authored, one relabelled, a mechanical
            // one and a backport.
            in_pr(commit("a1", 1, "ABC-1 model"), 4, "ABC-1 Add coupons"),
            in_pr(commit("a2", 2, "ABC-1 wire"), 4, "ABC-1 Add coupons"),
            pushed(commit("b1", 5, "ABC-1 admin page"), 5000),
            pushed(commit("b2", 5, "ABC-1 admin tests"), 5300),
            pushed(commit("c", 8, "ABC-1 emails"), 8000),
            pushed(commit("d", 9, "ABC-1 docs"), 9000),
            pushed(commit("g", 10, "ABC-1 tidy"), 10000),
            pushed(commit("m", 11, "ABC-1 reformat"), 11000),
            pushed(commit("k", 12, "[release-branch.1] ABC-1 emails"), 12000),
            // Three commits of one scope, pushed apart, naming no issue: a guess.
            pushed(commit("s1", 30, "search: one"), 30000),
            pushed(commit("s2", 31, "search: two"), 31000),
            pushed(commit("s3", 32, "search: three"), 32000),
        ];
        items[1].evidence.additions = Some(90);
        items[5]
            .evidence
            .meta
            .insert("role".into(), json!("co-author"));
        items[6].matches = vec![RuleMatch {
            rule: "relabelled".into(),
            reason: "relabelled by you".into(),
            signals: vec!["chore".into()],
            features: vec![],
        }];
        items[7].mechanical = Some("formatting".into());
        let mut found = group(&items);
        mark_steps(&mut items, &mut found, &BTreeSet::new());
        let marked: Vec<&str> = items
            .iter()
            .filter(|i| i.signals.iter().any(|s| s == INCREMENTAL))
            .map(|i| i.evidence.id.as_str())
            .collect();
        assert_eq!(
            marked,
            ["a2", "b1", "c"],
            "one item a piece; g is relabelled"
        );
        let why = items[4].matches.last().unwrap();
        assert_eq!(why.rule, "initiative-steps");
        assert!(
            why.reason.starts_with(
                "one of 4 pieces of work landed separately for the same issue or ticket"
            ),
            "{}",
            why.reason
        );
        let abc = found
            .iter()
            .find(|i| i.items.contains(&"a1".to_string()))
            .unwrap();
        assert!(abc.signals.contains(&INCREMENTAL.to_string()));
        // Marking twice changes nothing.
        let before = (items.clone(), found.clone());
        mark_steps(&mut items, &mut found, &BTreeSet::new());
        assert_eq!((items, found), before);
    }

    #[test]
    fn a_gerrit_stack_pushed_at_once_is_a_piece_a_change() {
        // `git review` of a stack: committed seconds apart, each its own change.
        let items: Vec<Item> = (0..3)
            .map(|i| {
                let mut c = commit(&format!("c{i}"), i, &format!("ABC-12 step {i}"));
                c.evidence.meta.insert("committed".into(), json!(1000 + i));
                c.evidence.body = format!("Change-Id: I{:040}\n", i);
                c
            })
            .collect();
        let marked = |gerrit: &[&str]| {
            let mut items = items.clone();
            let mut found = group(&items);
            let gerrit: BTreeSet<String> = gerrit.iter().map(|s| s.to_string()).collect();
            mark_steps(&mut items, &mut found, &gerrit);
            items
                .iter()
                .filter(|i| i.signals.iter().any(|s| s == INCREMENTAL))
                .count()
        };
        assert_eq!(marked(&["acme/shop"]), 3);
        // Where changes are not reviewed on Gerrit, the trailer is a hook's: one push.
        assert_eq!(marked(&[]), 0);
    }

    #[test]
    fn tickets_join_and_name_the_initiative() {
        let mut items = vec![
            commit("c1", 1, "SHOP-42 add coupon model"),
            commit("c2", 20, "Wire coupons into checkout (SHOP-42)"),
            commit("c3", 2, "Use UTF-8 everywhere, see RFC-3629"),
        ];
        items[1].evidence.repo = "acme/web".into();
        items[1].weight = 2.0;
        let found = group(&items);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].items, ["c1", "c2"]);
        assert_eq!(found[0].name, "Wire coupons into checkout (SHOP-42)");
        assert_eq!(found[0].reason, "2 commits joined by ticket SHOP-42");
        assert_eq!(found[0].repos, ["acme/shop", "acme/web"]);
    }

    #[test]
    fn the_name_comes_from_the_work_not_a_test_commit() {
        let mut t = commit("a", 1, "search: tset the indexer (typo)");
        t.signals = vec!["testing".into()];
        t.weight = 9.0;
        let f = commit("b", 2, "search: add the indexer");
        let found = group(&[t, f]);
        assert_eq!(found[0].name, "search (2 items): Add the indexer");
        assert_eq!(
            found[0].reason,
            "2 commits joined by scope `search` naming `indexer`, each within 14 days of the last"
        );
        // Work the classifier left unclassified still outweighs a small fix.
        let mut big = commit("c", 1, "index: add incremental checking");
        big.signals.clear();
        big.weight = 5.0;
        let mut fix = commit("d", 2, "index: fix a deadlock in incremental checking");
        fix.signals = vec!["bug-fix".into()];
        assert_eq!(
            group(&[big, fix])[0].name,
            "index (2 items): Add incremental checking"
        );
    }

    #[test]
    fn a_reference_in_a_title_joins_and_the_issue_note_is_no_part_of_the_name() {
        // jq's maintainer: two fixes of one report, the second naming it with "ref".
        let a = commit("a", 1, "Fix ltrimstr/1 on invalid input (fix #3393)");
        let b = commit("b", 20, "Fix overflow in ltrimstr/1 (fix #3430, ref #3393)");
        let found = group(&[a, b]);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(!found[0].name.contains("(fix"), "{}", found[0].name);
        assert_eq!(
            strip_prefix(
                "Fix year 2038 problem on 32-bit platforms (fix #3369)",
                true
            ),
            "Fix year 2038 problem on 32-bit platforms"
        );
        assert_eq!(
            strip_prefix("Support (fixed-width) columns", true),
            "Support (fixed-width) columns"
        );
    }

    #[test]
    fn git_records_of_others_work_and_bulk_changes_are_left_out() {
        let mut landed = item(
            "git-review:acme/shop:1",
            Kind::Review,
            1,
            "Landed Bob's change",
            &["code-review"],
        );
        landed.evidence.meta.insert("source".into(), json!("git"));
        let mut reported = item(
            "git-report:acme/shop:2",
            Kind::Issue,
            1,
            "Reported",
            &["testing"],
        );
        reported.evidence.meta.insert("source".into(), json!("git"));
        let mut bulk = commit("b", 1, "search: reformat");
        bulk.evidence
            .meta
            .insert("bulk".into(), json!("formatting"));
        let c = commit("c", 2, "search: add");
        assert!(group(&[landed, reported, bulk, c]).is_empty());
    }

    #[test]
    fn grouping_does_not_depend_on_input_order() {
        let items = vec![
            commit("x1", 1, "ABC-1 one"),
            commit("x2", 2, "ABC-1 two"),
            in_pr(commit("y1", 3, "feat(pay): one"), 4, "Pay"),
            commit("y2", 4, "feat(pay): two"),
        ];
        let mut reversed = items.clone();
        reversed.reverse();
        assert_eq!(group(&items), group(&reversed));
    }

    #[test]
    fn share_counts_co_authored_work_as_half() {
        let a = commit("a", 1, "ABC-9 part one");
        let mut b = commit("b", 2, "ABC-9 part two");
        b.evidence.meta.insert("role".into(), json!("co-author"));
        assert_eq!(group(&[a, b])[0].share, Some(0.75));
    }

    #[test]
    fn a_commit_on_someone_elses_pull_request_stands_for_its_part_of_the_branch_only() {
        // One commit of five on Bob's pull request, beside the person's own work of the
        // same ticket: only that member's lines are scaled (a whole initiative had read
        // "your share 20%" for one 2-line commit on another's branch).
        let mut a = commit("a", 1, "ABC-9 part one");
        a.evidence.additions = Some(90);
        a.evidence.deletions = Some(0);
        let mut b = commit("b", 2, "ABC-9 part two");
        b.evidence.additions = Some(10);
        b.evidence.deletions = Some(0);
        b.evidence.meta.insert("pr_opener".into(), json!("bob"));
        b.evidence.meta.insert("pr_commits".into(), json!([1, 5]));
        // 100 lines of the person's against 90 + 10 × 5.
        assert_eq!(group(&[a, b])[0].share, Some(0.71));
    }

    #[test]
    fn scopes_read_from_titles() {
        let scope = |t: &str| scope_of(t, "acme/shop");
        assert_eq!(scope("feat(search): x").as_deref(), Some("search"));
        assert_eq!(scope("feat(search,index): x").as_deref(), Some("search"));
        assert_eq!(scope("fix(deps): x"), None);
        assert_eq!(scope("feat: x"), None);
        assert_eq!(scope("ignore/walk: add x").as_deref(), Some("ignore/walk"));
        assert_eq!(
            scope("go/analysis/passes/modernize: unsafefuncs: add").as_deref(),
            Some("go/analysis/passes/modernize")
        );
        assert_eq!(scope("go/{ssa,types}: x"), None, "several packages");
        assert_eq!(scope("x/shop{,gopls}: x"), None, "several packages");
        assert_eq!(scope("x/shop: go fix"), None, "the repository itself");
        assert_eq!(scope("shop: raise MSRV"), None, "the repository itself");
        assert_eq!(scope("all: fix typos"), None);
        assert_eq!(scope("deps: update everything"), None);
        assert_eq!(scope("Fix: the parser"), None);
        assert_eq!(scope("Add a thing"), None);
        assert_eq!(scope("docs(search): x"), Some("search".into()));
    }
}
