//! Initiatives: evidence grouped into the pieces of work a reviewer calls "a feature you
//! led". Items join when they share a pull request (its commits), the issue a pull request
//! closes, a ticket key (`ABC-123`), a conventional-commit scope close in time, or strongly
//! overlapping paths over a short span. Grouping is deterministic (items in time order, a
//! union-find) and every group says why its items were joined.

use crate::model::Kind;
use crate::model::portfolio::{Initiative, Item};
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

/// Commits further apart than this are not joined by overlapping paths.
const PATH_SPAN_DAYS: i64 = 14;
/// A conventional-commit scope chain breaks after this many quiet days.
const SCOPE_GAP_DAYS: i64 = 30;
/// Jaccard similarity of two commits' paths that counts as strong overlap.
const PATH_OVERLAP: f64 = 0.5;
/// Commits touching more files than this are bulk changes, not joined by paths.
const MAX_PATHS: usize = 40;
/// How many earlier commits in the span a commit is compared with.
const PATH_LOOKBACK: usize = 50;

static TICKET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b([A-Z][A-Z0-9]{1,9})-(\d{1,6})\b").expect("valid"));
static SCOPE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i)(feat|feature|fix|refactor|perf)\(([^)]+)\)!?:").expect("valid")
});

/// Prefixes that look like ticket keys but are not.
const NOT_TICKETS: &[&str] = &[
    "UTF", "SHA", "CVE", "ISO", "RFC", "HTTP", "TLS", "SSL", "IPV", "GPL", "LGPL", "AES", "RSA",
    "MD", "ES", "PEP", "GHSA", "CWE", "X86", "ARM", "WCAG",
];
/// Scopes that name a kind of housekeeping, not a piece of work.
const GENERIC_SCOPES: &[&str] = &[
    "deps", "dep", "ci", "docs", "release", "build", "chore", "tests", "test", "lint", "fmt",
    "style", "core", "main", "misc", "*",
];
/// Paths every change touches; they say nothing about which piece of work it belongs to.
const NOISE_PATHS: &[&str] = &[
    "Cargo.lock",
    "package-lock.json",
    "yarn.lock",
    "pnpm-lock.yaml",
    "go.sum",
    "poetry.lock",
    "Gemfile.lock",
    "CHANGELOG.md",
    "README.md",
    "Cargo.toml",
    "package.json",
    "go.mod",
];

struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n).collect(),
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
    /// Joins two sets; the smaller index stays the root, so results do not depend on order.
    fn union(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return false;
        }
        let (root, child) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.parent[child] = root;
        true
    }
}

/// Joins the sets of `a` and `b`, keeping the reasons of both and the new one.
fn join(uf: &mut UnionFind, reasons: &mut [BTreeSet<String>], a: usize, b: usize, why: String) {
    let (ra, rb) = (uf.find(a), uf.find(b));
    if uf.union(a, b) {
        let root = uf.find(a);
        let moved = std::mem::take(&mut reasons[if root == ra { rb } else { ra }]);
        reasons[root].extend(moved);
        reasons[root].insert(why);
    }
}

/// Finds the initiatives among the items. `items` may be in any order.
pub fn group(items: &[Item]) -> Vec<Initiative> {
    // Work in time order, ties by id: the same evidence always gives the same groups.
    let mut order: Vec<usize> = (0..items.len())
        .filter(|&i| {
            matches!(
                items[i].evidence.kind,
                Kind::Commit | Kind::PullRequest | Kind::Issue | Kind::DesignDoc
            )
            // A bulk mechanical change is not part of a piece of work (see `bulk`).
            && items[i].evidence.meta_str("bulk").is_none()
        })
        .collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&items[a].evidence, &items[b].evidence);
        x.timestamp.cmp(&y.timestamp).then_with(|| x.id.cmp(&y.id))
    });
    let n = order.len();
    let mut uf = UnionFind::new(n);
    let mut reasons: Vec<BTreeSet<String>> = vec![BTreeSet::new(); n];

    // Keys that name a piece of work: ticket keys, issues closed, scopes.
    let mut by_key: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (pos, &i) in order.iter().enumerate() {
        for key in work_keys(&items[i]) {
            by_key.entry(key).or_default().push(pos);
        }
    }
    for (key, members) in &by_key {
        if key.starts_with("scope:") {
            continue;
        }
        for w in members.windows(2) {
            join(&mut uf, &mut reasons, w[0], w[1], describe_key(key));
        }
    }
    for (key, members) in &by_key {
        if let Some(scope) = key.strip_prefix("scope:") {
            for w in members.windows(2) {
                let gap = days_between(&items[order[w[0]]], &items[order[w[1]]]);
                if gap <= SCOPE_GAP_DAYS {
                    join(
                        &mut uf,
                        &mut reasons,
                        w[0],
                        w[1],
                        format!("conventional-commit scope `{scope}` within {SCOPE_GAP_DAYS} days"),
                    );
                }
            }
        }
    }

    // Commits whose paths overlap strongly within a short span.
    let path_sets: Vec<Option<BTreeSet<&str>>> = order
        .iter()
        .map(|&i| {
            let e = &items[i].evidence;
            let set: BTreeSet<&str> = e
                .paths
                .iter()
                .map(String::as_str)
                .filter(|p| !NOISE_PATHS.contains(&p.rsplit('/').next().unwrap_or(p)))
                .collect();
            (e.kind == Kind::Commit && !set.is_empty() && e.paths.len() <= MAX_PATHS).then_some(set)
        })
        .collect();
    for b in 0..n {
        let Some(pb) = &path_sets[b] else { continue };
        for a in (b.saturating_sub(PATH_LOOKBACK)..b).rev() {
            if days_between(&items[order[a]], &items[order[b]]) > PATH_SPAN_DAYS {
                break;
            }
            let Some(pa) = &path_sets[a] else { continue };
            let shared = pa.intersection(pb).count();
            let jaccard = shared as f64 / pa.union(pb).count() as f64;
            if shared > 0 && jaccard >= PATH_OVERLAP {
                let area = common_dir(pa.intersection(pb).copied());
                join(
                    &mut uf,
                    &mut reasons,
                    a,
                    b,
                    format!(
                        "commits changing the same files ({area}) within {PATH_SPAN_DAYS} days"
                    ),
                );
            }
        }
    }

    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for pos in 0..n {
        groups.entry(uf.find(pos)).or_default().push(pos);
    }
    groups
        .into_iter()
        .filter(|(_, members)| {
            members.len() >= 2 || items[order[members[0]]].evidence.kind == Kind::PullRequest
        })
        .map(|(root, members)| {
            let member_items: Vec<&Item> = members.iter().map(|&p| &items[order[p]]).collect();
            let reason = if reasons[root].is_empty() {
                "a pull request and its commits".to_string()
            } else {
                reasons[root].iter().cloned().collect::<Vec<_>>().join("; ")
            };
            initiative(&member_items, reason)
        })
        .collect()
}

/// The keys an item carries: ticket keys in its title and body, issues a pull request
/// closes, and a conventional-commit scope.
fn work_keys(item: &Item) -> BTreeSet<String> {
    let e = &item.evidence;
    let mut keys = BTreeSet::new();
    let first_lines: String = e.body.lines().take(5).collect::<Vec<_>>().join("\n");
    for text in [&e.title, &first_lines] {
        for c in TICKET.captures_iter(text) {
            let prefix = &c[1];
            if !NOT_TICKETS.contains(&prefix) && !prefix.chars().all(|ch| ch.is_ascii_digit()) {
                keys.insert(format!("ticket:{prefix}-{}", &c[2]));
            }
        }
    }
    if let Some(closes) = e.meta.get("closes").and_then(|v| v.as_array()) {
        for c in closes.iter().filter_map(|c| c.as_str()) {
            keys.insert(format!("issue:{c}"));
        }
    }
    if e.kind == Kind::Issue
        && let Some(n) = e.id.strip_prefix("gh:issue:")
    {
        keys.insert(format!("issue:{n}"));
    }
    if let Some(c) = SCOPE.captures(&e.title) {
        let scope = c[2].trim().to_lowercase();
        if !GENERIC_SCOPES.contains(&scope.as_str()) {
            keys.insert(format!("scope:{scope}"));
        }
    }
    keys
}

fn describe_key(key: &str) -> String {
    match key.split_once(':') {
        Some(("ticket", k)) => format!("ticket key {k}"),
        Some(("issue", k)) => format!("issue {k} and the pull requests that close it"),
        _ => key.to_string(),
    }
}

fn days_between(a: &Item, b: &Item) -> i64 {
    match (a.evidence.timestamp, b.evidence.timestamp) {
        (Some(x), Some(y)) => (y - x).num_days().abs(),
        _ => i64::MAX,
    }
}

/// The deepest folder shared by paths, or the single file.
fn common_dir<'a>(paths: impl Iterator<Item = &'a str>) -> String {
    let paths: Vec<&str> = paths.collect();
    if paths.len() == 1 {
        return paths[0].to_string();
    }
    let split: Vec<Vec<&str>> = paths.iter().map(|p| p.split('/').collect()).collect();
    let mut common = Vec::new();
    for (i, part) in split[0].iter().enumerate() {
        if split.iter().all(|s| s.len() > i + 1 && s[i] == *part) {
            common.push(*part);
        } else {
            break;
        }
    }
    if common.is_empty() {
        format!("{} files", paths.len())
    } else {
        format!("{}/", common.join("/"))
    }
}

fn initiative(members: &[&Item], reason: String) -> Initiative {
    // The name comes from the heaviest item, a pull request if there is one.
    let lead = members
        .iter()
        .max_by(|a, b| {
            let pr = |i: &Item| i.evidence.kind == Kind::PullRequest;
            pr(a)
                .cmp(&pr(b))
                .then(a.weight.total_cmp(&b.weight))
                .then_with(|| b.evidence.id.cmp(&a.evidence.id))
        })
        .expect("an initiative has items");
    let ticket = members
        .iter()
        .flat_map(|m| work_keys(m))
        .find_map(|k| k.strip_prefix("ticket:").map(str::to_string));
    let title = strip_prefix(&lead.evidence.title);
    let name = match ticket {
        Some(t) if !title.contains(&t) => format!("{t}: {title}"),
        _ => title,
    };
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
        let credit = if e.meta_str("role") == Some("co-author") {
            0.5
        } else {
            1.0
        };
        mine += credit * churn;
        total += churn;
        additions += e.additions.unwrap_or(0);
        deletions += e.deletions.unwrap_or(0);
    }
    let mut links: Vec<String> = members
        .iter()
        .filter_map(|m| m.evidence.url.clone())
        .collect();
    links.dedup();
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

/// "feat(cart): add coupons" → "Add coupons".
fn strip_prefix(title: &str) -> String {
    static PREFIX: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[a-zA-Z]+(\([^)]*\))?!?:\s*").expect("valid"));
    let t = PREFIX.replace(title, "").to_string();
    let mut chars = t.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => title.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Evidence;
    use chrono::{TimeZone, Utc};
    use serde_json::json;

    fn item(id: &str, kind: Kind, day: u32, title: &str, paths: &[&str]) -> Item {
        let mut e = Evidence::new(id, kind, title);
        e.timestamp = Some(Utc.with_ymd_and_hms(2026, 3, day, 10, 0, 0).unwrap());
        e.paths = paths.iter().map(|p| p.to_string()).collect();
        e.additions = Some(10);
        e.deletions = Some(2);
        e.repo = "acme/shop".into();
        e.meta.insert("role".into(), json!("author"));
        Item {
            evidence: e,
            signals: vec!["feature".into()],
            primary: "feature".into(),
            confidence: 1.0,
            matches: vec![],
            statements: vec![],
            weight: 1.0,
        }
    }

    fn groups(items: &[Item]) -> Vec<Vec<String>> {
        let mut g: Vec<Vec<String>> = group(items).into_iter().map(|i| i.items).collect();
        g.sort();
        g
    }

    #[test]
    fn ticket_keys_join_across_repos_and_kinds() {
        let mut items = vec![
            item(
                "c1",
                Kind::Commit,
                1,
                "SHOP-42 add coupon model",
                &["src/coupon.rs"],
            ),
            item(
                "c2",
                Kind::Commit,
                20,
                "Wire coupons into checkout (SHOP-42)",
                &["src/checkout.rs"],
            ),
            item("c3", Kind::Commit, 2, "Fix unrelated typo", &["docs/x.md"]),
            item(
                "c4",
                Kind::Commit,
                3,
                "Use UTF-8 everywhere, see RFC-3629",
                &["src/text.rs"],
            ),
        ];
        items[1].evidence.repo = "acme/web".into();
        items[1].weight = 2.0;
        let found = group(&items);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].items, vec!["c1", "c2"]);
        assert_eq!(found[0].reason, "ticket key SHOP-42");
        assert_eq!(
            found[0].name, "Wire coupons into checkout (SHOP-42)",
            "named after the heaviest item"
        );
        assert_eq!(found[0].repos, vec!["acme/shop", "acme/web"]);
    }

    #[test]
    fn pull_requests_and_the_issues_they_close() {
        let mut pr1 = item(
            "gh:pr:acme/shop#7",
            Kind::PullRequest,
            5,
            "Add gift cards",
            &[],
        );
        pr1.evidence
            .meta
            .insert("closes".into(), json!(["acme/shop#3"]));
        let mut pr2 = item(
            "gh:pr:acme/shop#9",
            Kind::PullRequest,
            9,
            "Gift card emails",
            &[],
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
        let lone = item(
            "gh:pr:acme/shop#11",
            Kind::PullRequest,
            12,
            "Bump deps",
            &[],
        );
        let review = item(
            "gh:review:1",
            Kind::Review,
            12,
            "Review of acme/shop#12",
            &[],
        );
        assert_eq!(
            groups(&[pr1, pr2, issue, lone, review]),
            vec![
                vec![
                    "gh:issue:acme/shop#3".to_string(),
                    "gh:pr:acme/shop#7".into(),
                    "gh:pr:acme/shop#9".into()
                ],
                vec!["gh:pr:acme/shop#11".to_string()],
            ],
            "a lone pull request is an initiative; a review never is"
        );
    }

    #[test]
    fn scopes_join_only_when_close_in_time_and_not_generic() {
        let items = vec![
            item(
                "a",
                Kind::Commit,
                1,
                "feat(search): index products",
                &["src/a.rs"],
            ),
            item(
                "b",
                Kind::Commit,
                25,
                "fix(search): empty query",
                &["src/b.rs"],
            ),
            item(
                "c",
                Kind::Commit,
                2,
                "fix(deps): bump serde",
                &["Cargo.toml"],
            ),
            item(
                "d",
                Kind::Commit,
                3,
                "fix(deps): bump tokio",
                &["Cargo.toml"],
            ),
        ];
        assert_eq!(groups(&items), vec![vec!["a".to_string(), "b".into()]]);
        let mut far = items.clone();
        far[1].evidence.timestamp = Some(Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap());
        assert!(
            groups(&far).is_empty(),
            "scope chain breaks after a long gap"
        );
    }

    #[test]
    fn overlapping_paths_over_a_short_span() {
        let items = vec![
            item(
                "a",
                Kind::Commit,
                1,
                "Start the exporter",
                &["src/export/csv.rs", "src/export/mod.rs"],
            ),
            item(
                "b",
                Kind::Commit,
                4,
                "Exporter handles quotes",
                &["src/export/csv.rs", "src/export/mod.rs", "Cargo.lock"],
            ),
            item(
                "c",
                Kind::Commit,
                5,
                "Tweak logging",
                &[
                    "src/log.rs",
                    "src/export/mod.rs",
                    "src/main.rs",
                    "src/cli.rs",
                ],
            ),
            item(
                "d",
                Kind::Commit,
                28,
                "Exporter again, much later",
                &["src/export/csv.rs", "src/export/mod.rs"],
            ),
        ];
        let found = group(&items);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].items, vec!["a", "b"]);
        assert_eq!(
            found[0].reason,
            "commits changing the same files (src/export/) within 14 days"
        );
        assert_eq!(found[0].share, Some(1.0));
    }

    #[test]
    fn grouping_does_not_depend_on_input_order() {
        let items = vec![
            item("x1", Kind::Commit, 1, "ABC-1 one", &["a"]),
            item("x2", Kind::Commit, 2, "ABC-1 two", &["b"]),
            item("y1", Kind::Commit, 3, "feat(pay): one", &["p"]),
            item("y2", Kind::Commit, 4, "feat(pay): two", &["q"]),
        ];
        let mut reversed = items.clone();
        reversed.reverse();
        assert_eq!(group(&items), group(&reversed));
    }

    #[test]
    fn share_counts_co_authored_work_as_half() {
        let a = item("a", Kind::Commit, 1, "ABC-9 part one", &["a"]);
        let mut b = item("b", Kind::Commit, 2, "ABC-9 part two", &["b"]);
        b.evidence.meta.insert("role".into(), json!("co-author"));
        assert_eq!(group(&[a, b])[0].share, Some(0.75));
    }
}
