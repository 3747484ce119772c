//! The period a collection covers: `[since, until)`, and its bounds as git compares them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A half-open range of instants `[since, until)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Period {
    pub since: DateTime<Utc>,
    pub until: DateTime<Utc>,
}

impl Period {
    pub fn new(since: DateTime<Utc>, until: DateTime<Utc>) -> Period {
        Period { since, until }
    }

    /// The instant alone, as a period of no length (`90d`, `now`, an RFC 3339 time).
    pub fn instant(at: DateTime<Utc>) -> Period {
        Period::new(at, at)
    }

    /// Whether an instant falls in the period.
    pub fn contains(&self, at: DateTime<Utc>) -> bool {
        self.since <= at && at < self.until
    }

    /// The part of the period inside another; `None` when they do not meet.
    pub fn within(&self, outer: Period) -> Option<Period> {
        let since = self.since.max(outer.since);
        let until = self.until.min(outer.until);
        (since < until).then_some(Period { since, until })
    }

    /// `[since, until)` in whole seconds, as commit times are written: `until` is rounded
    /// up, so an `until` of "now" includes this second's commits.
    pub fn git_bounds(&self) -> (i64, i64) {
        let until = self.until.timestamp() + i64::from(self.until.timestamp_subsec_nanos() > 0);
        (self.since.timestamp(), until)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn git_bounds_round_until_up_to_the_second() {
        let since: DateTime<Utc> = "2026-01-01T00:00:00Z".parse().unwrap();
        let until: DateTime<Utc> = "2026-01-02T00:00:00.250Z".parse().unwrap();
        let (s, u) = Period::new(since, until).git_bounds();
        assert_eq!(s, since.timestamp());
        assert_eq!(u, until.timestamp() + 1);
        let whole = Period::new(since, since + chrono::Duration::days(1));
        assert_eq!(whole.git_bounds().1, whole.until.timestamp());
    }

    #[test]
    fn within_is_the_overlap() {
        let day =
            |d: u32| -> DateTime<Utc> { format!("2026-01-{d:02}T00:00:00Z").parse().unwrap() };
        let run = Period::new(day(1), day(20));
        assert_eq!(
            Period::new(day(10), day(30)).within(run),
            Some(Period::new(day(10), day(20)))
        );
        assert_eq!(Period::new(day(20), day(30)).within(run), None);
    }
}
