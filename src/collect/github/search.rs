//! Search queries and period splitting.
//!
//! GitHub's search returns at most 1,000 results per query (REST and GraphQL alike), while
//! still reporting the full count (`total_count`, `issueCount`). evident first asks for
//! the counts of all its queries in one GraphQL request; a query over the cap is split into
//! smaller time slices, and the slices are counted again, until every slice is under the
//! cap. Only then are pages fetched. Each slice's fetched items are checked against its
//! count, so a shortfall becomes a warning instead of a silent gap.

use chrono::{DateTime, Duration, Utc};

/// The most results GitHub's search returns for one query.
pub const SEARCH_CAP: u64 = 1000;

/// The date qualifier a query's period is expressed in (and split on).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Created,
    Updated,
    Closed,
}

impl Field {
    fn as_str(self) -> &'static str {
        match self {
            Field::Created => "created",
            Field::Updated => "updated",
            Field::Closed => "closed",
        }
    }
}

/// A half-open slice of time `[from, to)`; `to: None` is open-ended (`>=from`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub from: DateTime<Utc>,
    pub to: Option<DateTime<Utc>>,
}

/// ISO 8601 in UTC, to the second, as GitHub's search qualifiers take it.
pub fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

impl Span {
    /// The qualifier, e.g. `created:2026-01-01T00:00:00Z..2026-06-30T23:59:59Z`. Search
    /// ranges include both ends, so the end is one second before `to`.
    pub fn qualifier(&self, field: Field) -> String {
        match self.to {
            Some(to) => format!(
                "{}:{}..{}",
                field.as_str(),
                stamp(self.from),
                stamp(to - Duration::seconds(1))
            ),
            None => format!("{}:>={}", field.as_str(), stamp(self.from)),
        }
    }

    /// Splits into `parts` slices of equal length. An open end is measured up to `now` and
    /// the last slice stays open. `None` when the span is too short to split (under a
    /// second per slice).
    pub fn split(&self, parts: u32, now: DateTime<Utc>) -> Option<Vec<Span>> {
        let parts = parts.max(2);
        let end = self.to.unwrap_or(now.max(self.from + Duration::seconds(2)));
        let seconds = (end - self.from).num_seconds();
        if seconds < i64::from(parts) {
            return None;
        }
        let step = seconds / i64::from(parts);
        let mut out = Vec::new();
        for i in 0..parts {
            let from = self.from + Duration::seconds(step * i64::from(i));
            let to = if i + 1 == parts {
                self.to
            } else {
                Some(self.from + Duration::seconds(step * i64::from(i + 1)))
            };
            out.push(Span { from, to });
        }
        Some(out)
    }
}

/// Which evidence a query collects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum QueryKind {
    PullRequests,
    Reviews,
    IssuesOpened,
    IssuesClosed,
}

impl QueryKind {
    pub fn describe(self) -> &'static str {
        match self {
            QueryKind::PullRequests => "pull requests authored",
            QueryKind::Reviews => "pull requests reviewed",
            QueryKind::IssuesOpened => "issues opened",
            QueryKind::IssuesClosed => "issues closed",
        }
    }
}

/// One search: fixed terms, the period slice, and an optional `updated:>=` cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    pub kind: QueryKind,
    pub terms: String,
    pub field: Field,
    pub span: Span,
    /// For an incremental run: only items updated since the last successful run.
    pub updated_since: Option<DateTime<Utc>>,
}

impl Query {
    pub fn text(&self) -> String {
        let mut q = format!("{} {}", self.terms, self.span.qualifier(self.field));
        if let Some(c) = self.updated_since
            && self.field != Field::Updated
        {
            q.push_str(&format!(" updated:>={}", stamp(c)));
        }
        q
    }

    pub fn with_span(&self, span: Span) -> Query {
        Query {
            span,
            ..self.clone()
        }
    }
}

/// What to do with a counted query.
#[derive(Debug, PartialEq, Eq)]
pub enum Plan {
    /// Under the cap: fetch it (unless the count is zero).
    Fetch(Query, u64),
    /// Over the cap: count these slices next.
    Split(Vec<Query>),
    /// Over the cap and too short to split: fetch what GitHub gives and say so.
    Truncated(Query, u64),
}

/// Slices a split query into at least this many parts once it has been split before and
/// is still over the cap: the work is bunched, and finer slices find the burst sooner.
pub const BURST_PARTS: u32 = 8;

/// Decides, from a query's count, whether to fetch it or split it. A first split aims at
/// about 70% of the cap per slice, so one more round of counting usually suffices; a slice
/// still over the cap holds a burst and is cut into [`BURST_PARTS`] or more. A slice of
/// one second cannot be cut (search dates have seconds): it is fetched as far as GitHub
/// allows, and the caller says what was lost.
pub fn plan(query: Query, count: u64, now: DateTime<Utc>, round: usize) -> Plan {
    if count <= SEARCH_CAP {
        return Plan::Fetch(query, count);
    }
    let mut parts = count.div_ceil(SEARCH_CAP * 7 / 10).clamp(2, 64) as u32;
    if round > 0 {
        parts = parts.max(BURST_PARTS);
    }
    // A short slice is cut into seconds at most.
    let end = query.span.to.unwrap_or(now);
    let seconds = (end - query.span.from).num_seconds().max(0);
    parts = parts.min(u32::try_from(seconds).unwrap_or(u32::MAX));
    if parts < 2 {
        return Plan::Truncated(query, count);
    }
    match query.span.split(parts, now) {
        Some(spans) => Plan::Split(spans.into_iter().map(|s| query.with_span(s)).collect()),
        None => Plan::Truncated(query, count),
    }
}

/// The form of the owner and repository terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// GitHub's advanced issue search: repeated qualifiers are ANDed, so several owners
    /// and repositories are grouped with OR: `(repo:a/b OR user:c)`.
    Advanced,
    /// The older search (an Enterprise Server that predates the advanced one): repeated
    /// `repo:` / `user:` qualifiers are ORed.
    Legacy,
}

impl Syntax {
    pub fn as_str(self) -> &'static str {
        match self {
            Syntax::Advanced => "advanced",
            Syntax::Legacy => "legacy",
        }
    }
}

/// GitHub allows at most five `AND` / `OR` / `NOT` operators in one query: a group of six
/// entries uses five.
pub const ENTRIES_PER_GROUP: usize = 6;

fn qualifier(entry: &str) -> String {
    if entry.contains('/') {
        format!("repo:{entry}")
    } else {
        format!("user:{entry}")
    }
}

/// The scope terms for the included owners and repositories: one string per query to run
/// (empty entries: one empty scope, search everywhere). In the advanced syntax, more than
/// [`ENTRIES_PER_GROUP`] entries make several queries, whose results merge by id.
pub fn scope_groups(included: &[String], syntax: Syntax) -> Vec<String> {
    if included.is_empty() {
        return vec![String::new()];
    }
    match syntax {
        Syntax::Legacy => vec![scope_terms(included)],
        Syntax::Advanced => included
            .chunks(ENTRIES_PER_GROUP)
            .map(|chunk| match chunk {
                [one] => qualifier(one),
                many => format!(
                    "({})",
                    many.iter()
                        .map(|e| qualifier(e))
                        .collect::<Vec<_>>()
                        .join(" OR ")
                ),
            })
            .collect(),
    }
}

/// The included entries as one string, in the legacy form: the store's record of which
/// scope a cursor covers (kept in this form so older stores stay valid).
pub fn scope_terms(included: &[String]) -> String {
    included
        .iter()
        .map(|i| qualifier(i))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `repo` (`owner/name`) is covered by an include/exclude entry (`owner` or
/// `owner/name`), case-insensitively.
pub fn matches_entry(repo: &str, entry: &str) -> bool {
    let repo = repo.to_lowercase();
    let entry = entry.trim().trim_end_matches('/').to_lowercase();
    if entry.contains('/') {
        repo == entry
    } else {
        repo.split('/').next() == Some(entry.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap()
    }

    fn q(span: Span) -> Query {
        Query {
            kind: QueryKind::PullRequests,
            terms: "is:pr author:me".into(),
            field: Field::Created,
            span,
            updated_since: None,
        }
    }

    #[test]
    fn qualifiers_are_inclusive_ranges_or_open() {
        let s = Span {
            from: t(2026, 1, 1),
            to: Some(t(2026, 7, 1)),
        };
        assert_eq!(
            s.qualifier(Field::Created),
            "created:2026-01-01T00:00:00Z..2026-06-30T23:59:59Z"
        );
        let open = Span {
            from: t(2026, 1, 1),
            to: None,
        };
        assert_eq!(
            open.qualifier(Field::Updated),
            "updated:>=2026-01-01T00:00:00Z"
        );
    }

    #[test]
    fn incremental_queries_add_the_cursor() {
        let mut query = q(Span {
            from: t(2026, 1, 1),
            to: Some(t(2026, 2, 1)),
        });
        query.updated_since = Some(t(2026, 1, 15));
        assert_eq!(
            query.text(),
            "is:pr author:me created:2026-01-01T00:00:00Z..2026-01-31T23:59:59Z updated:>=2026-01-15T00:00:00Z"
        );
    }

    #[test]
    fn splits_cover_the_span_without_gaps() {
        let s = Span {
            from: t(2025, 1, 1),
            to: Some(t(2026, 1, 1)),
        };
        let parts = s.split(3, t(2026, 6, 1)).unwrap();
        assert_eq!(parts.len(), 3);
        assert_eq!(parts[0].from, s.from);
        assert_eq!(parts[2].to, s.to);
        for w in parts.windows(2) {
            assert_eq!(w[0].to, Some(w[1].from));
        }
        let open = Span {
            from: t(2026, 1, 1),
            to: None,
        };
        let parts = open.split(2, t(2026, 1, 3)).unwrap();
        assert_eq!(parts[0].to, Some(t(2026, 1, 2)));
        assert_eq!(parts[1].to, None);
    }

    #[test]
    fn plan_fetches_under_the_cap_and_splits_over_it() {
        let s = Span {
            from: t(2025, 1, 1),
            to: Some(t(2026, 1, 1)),
        };
        assert!(matches!(
            plan(q(s), 1000, t(2026, 1, 1), 0),
            Plan::Fetch(_, 1000)
        ));
        match plan(q(s), 1500, t(2026, 1, 1), 0) {
            Plan::Split(parts) => assert_eq!(parts.len(), 3),
            other => panic!("{other:?}"),
        }
        // Still over the cap after a split: a burst, cut finer.
        match plan(q(s), 1500, t(2026, 1, 1), 1) {
            Plan::Split(parts) => assert_eq!(parts.len(), BURST_PARTS as usize),
            other => panic!("{other:?}"),
        }
        // Three seconds: cut into seconds, no finer.
        let short = Span {
            from: t(2025, 1, 1),
            to: Some(t(2025, 1, 1) + Duration::seconds(3)),
        };
        match plan(q(short), 5000, t(2026, 1, 1), 3) {
            Plan::Split(parts) => assert_eq!(parts.len(), 3),
            other => panic!("{other:?}"),
        }
        let tiny = Span {
            from: t(2025, 1, 1),
            to: Some(t(2025, 1, 1) + Duration::seconds(1)),
        };
        assert!(matches!(
            plan(q(tiny), 5000, t(2026, 1, 1), 5),
            Plan::Truncated(..)
        ));
    }

    #[test]
    fn several_owners_are_grouped_with_or_within_five_operators() {
        let entries: Vec<String> = ["acme", "octo/cat", "a/1", "a/2", "a/3", "a/4", "zed"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            scope_groups(&entries[..2], Syntax::Advanced),
            ["(user:acme OR repo:octo/cat)"]
        );
        assert_eq!(scope_groups(&entries[..1], Syntax::Advanced), ["user:acme"]);
        let groups = scope_groups(&entries, Syntax::Advanced);
        assert_eq!(
            groups,
            [
                "(user:acme OR repo:octo/cat OR repo:a/1 OR repo:a/2 OR repo:a/3 OR repo:a/4)",
                "user:zed"
            ]
        );
        assert!(groups.iter().all(|g| g.matches(" OR ").count() <= 5));
        assert_eq!(
            scope_groups(&entries[..2], Syntax::Legacy),
            ["user:acme repo:octo/cat"]
        );
        assert_eq!(scope_groups(&[], Syntax::Advanced), [""]);
    }

    #[test]
    fn include_and_exclude_entries() {
        assert_eq!(
            scope_terms(&["acme".into(), "octo/cat".into()]),
            "user:acme repo:octo/cat"
        );
        assert!(matches_entry("Acme/Widgets", "acme"));
        assert!(matches_entry("acme/widgets", "ACME/widgets"));
        assert!(!matches_entry("acme/widgets", "acme/gears"));
        assert!(!matches_entry("acmecorp/widgets", "acme"));
    }
}
