//! Dates on the command line: `2026-01-01`, `90d`, `12w`, `6m`, `1y`, `2026-Q3`, `2026-H1`,
//! `2026`, `now`, or a full RFC 3339 time. A `--since` takes the start of what it names,
//! an `--until` its end, so `--since 2026-Q1 --until 2026-Q2` covers the first half.

use crate::model::Period;
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DateError {}

pub const DATE_FORMS: &str = "use a date (2026-01-01), a span back from now (90d, 12w, 6m, 1y), a quarter (2026-Q3), a half (2026-H1), a year (2026) or `now`";

/// What a date expression names, as a period of time.
pub fn parse_span(text: &str, now: DateTime<Utc>) -> Result<Period, DateError> {
    let t = text.trim();
    let err = || DateError(format!("`{text}` is not a date: {DATE_FORMS}"));
    if t.eq_ignore_ascii_case("now") || t.eq_ignore_ascii_case("today") {
        let start = day_start(now.date_naive());
        return Ok(if t.eq_ignore_ascii_case("now") {
            Period::instant(now)
        } else {
            Period::new(start, start + Duration::days(1))
        });
    }
    if let Some(span) = relative(t, now) {
        return Ok(Period::instant(span));
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        let dt = dt.with_timezone(&Utc);
        return Ok(Period::instant(dt));
    }
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Ok(Period::new(day_start(d), day_start(d) + Duration::days(1)));
    }
    if let Some((year, part)) = t.split_once('-') {
        let year: i32 = year.parse().map_err(|_| err())?;
        let part = part.to_ascii_uppercase();
        let (first_month, months) = match part.as_str() {
            "Q1" => (1, 3),
            "Q2" => (4, 3),
            "Q3" => (7, 3),
            "Q4" => (10, 3),
            "H1" => (1, 6),
            "H2" => (7, 6),
            _ => {
                // `2026-03`: a month.
                let m: u32 = part.parse().map_err(|_| err())?;
                if !(1..=12).contains(&m) {
                    return Err(err());
                }
                (m, 1)
            }
        };
        return month_span(year, first_month, months).ok_or_else(err);
    }
    if t.len() == 4
        && let Ok(year) = t.parse::<i32>()
    {
        return month_span(year, 1, 12).ok_or_else(err);
    }
    Err(err())
}

/// An instant: the start of what `text` names.
pub fn parse_instant(text: &str) -> Result<DateTime<Utc>, DateError> {
    parse_span(text, Utc::now()).map(|s| s.since)
}

/// `--since`: the start of the named span.
pub fn parse_since(text: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, DateError> {
    parse_span(text, now).map(|s| s.since)
}

/// `--until`: the end of the named span (a date means up to the end of that day).
pub fn parse_until(text: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, DateError> {
    parse_span(text, now).map(|s| s.until)
}

fn relative(t: &str, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let unit = t.chars().last()?;
    let n: i64 = t[..t.len() - unit.len_utf8()].parse().ok()?;
    if n < 0 {
        return None;
    }
    let days = match unit {
        'd' => n,
        'w' => n.checked_mul(7)?,
        'm' => return months_back(now, n),
        'y' => return months_back(now, n.checked_mul(12)?),
        _ => return None,
    };
    now.checked_sub_signed(Duration::try_days(days)?)
}

fn months_back(now: DateTime<Utc>, months: i64) -> Option<DateTime<Utc>> {
    let months = u32::try_from(months).ok()?;
    now.checked_sub_months(chrono::Months::new(months))
}

fn day_start(d: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0).expect("midnight exists"))
}

fn month_span(year: i32, first_month: u32, months: u32) -> Option<Period> {
    let start = NaiveDate::from_ymd_opt(year, first_month, 1)?;
    let end = start.checked_add_months(chrono::Months::new(months))?;
    Some(Period::new(day_start(start), day_start(end)))
}

/// The default period: the twelve months up to now.
pub fn default_since(now: DateTime<Utc>) -> DateTime<Utc> {
    months_back(now, 12).unwrap_or(now)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()
    }

    fn ymd(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap()
    }

    #[test]
    fn forms() {
        let cases = [
            ("2026-01-01", ymd(2026, 1, 1), ymd(2026, 1, 2)),
            ("2026-Q3", ymd(2026, 7, 1), ymd(2026, 10, 1)),
            ("2026-q4", ymd(2026, 10, 1), ymd(2027, 1, 1)),
            ("2026-H1", ymd(2026, 1, 1), ymd(2026, 7, 1)),
            ("2026-H2", ymd(2026, 7, 1), ymd(2027, 1, 1)),
            ("2026", ymd(2026, 1, 1), ymd(2027, 1, 1)),
            ("2026-03", ymd(2026, 3, 1), ymd(2026, 4, 1)),
        ];
        for (text, start, end) in cases {
            assert_eq!(
                parse_span(text, now()).unwrap(),
                Period::new(start, end),
                "{text}"
            );
        }
    }

    #[test]
    fn relative_spans_count_back_from_now() {
        assert_eq!(
            parse_since("90d", now()).unwrap(),
            now() - Duration::days(90)
        );
        assert_eq!(
            parse_since("2w", now()).unwrap(),
            now() - Duration::days(14)
        );
        assert_eq!(
            parse_since("6m", now()).unwrap(),
            Utc.with_ymd_and_hms(2026, 5, 23, 12, 0, 0).unwrap()
        );
        assert_eq!(parse_until("now", now()).unwrap(), now());
    }

    #[test]
    fn until_a_date_includes_that_day() {
        assert_eq!(parse_until("2026-06-30", now()).unwrap(), ymd(2026, 7, 1));
    }

    #[test]
    fn rejects_nonsense_with_the_forms() {
        for bad in [
            "yesterday",
            "2026-13-01",
            "2026-Q5",
            "-3d",
            "2026-02-30",
            "",
            "99999999999999d",
        ] {
            let e = parse_span(bad, now()).unwrap_err();
            assert!(e.to_string().contains("2026-Q3"), "{bad}: {e}");
        }
    }
}
