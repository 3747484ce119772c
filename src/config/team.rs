//! The team file of `evident team`: the members, each with the identities their work is
//! found under, and optionally the period they held the role.
//!
//! ```toml
//! [[member]]
//! name = "Alice Example"
//! emails = ["alice@example.com", "alice@old-employer.example"]
//! github = "alice-ex"            # optional
//! aliases = ["A. Example"]       # optional: other author names
//! from = "2026-01-01"            # optional: count work only while in the role
//! until = "2026-06-30"           # optional (that day included)
//! ```

use crate::config::period;
use crate::error::{Error, ErrorKind, Result, line_col, toml_error};
use crate::model::{Period, Person};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use std::path::Path;
use toml::Spanned;

const HINT: &str = "see docs/team.md: each [[member]] takes name, emails, and optionally github, aliases, from and until";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTeam {
    #[serde(default)]
    member: Vec<RawMember>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMember {
    name: Spanned<String>,
    #[serde(default)]
    emails: Vec<String>,
    github: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    from: Option<Spanned<String>>,
    until: Option<Spanned<String>>,
}

/// One member, as the team file says.
#[derive(Debug, Clone)]
pub struct Member {
    pub name: String,
    pub emails: Vec<String>,
    pub github: Option<String>,
    /// Other author names the member commits under.
    pub aliases: Vec<String>,
    /// The start of the role, if given.
    pub from: Option<DateTime<Utc>>,
    /// The end of the role (exclusive: the day after the `until` date), if given.
    pub until: Option<DateTime<Utc>>,
    /// `from` and `until` as written, for the overview.
    pub from_text: Option<String>,
    pub until_text: Option<String>,
}

impl Member {
    /// The person whose work is collected. The member's display name is not an identity
    /// to match by: two people may share a name, so commits under the same name but
    /// another email are reported as likely aliases for the user to confirm instead.
    pub fn person(&self, bots: &[String]) -> Person {
        let mut p = Person::from_identities(self.emails.iter().chain(&self.aliases));
        p.name = Some(self.name.clone());
        p.github = self.github.clone();
        p.bots = bots.to_vec();
        p
    }

    /// The member's period inside the run's; `None` when they do not meet.
    pub fn period(&self, run: Period) -> Option<Period> {
        let role = Period::new(
            self.from.unwrap_or(run.since),
            self.until.unwrap_or(run.until),
        );
        role.within(run)
    }
}

#[derive(Debug, Clone)]
pub struct Team {
    pub members: Vec<Member>,
}

impl Team {
    pub fn load(path: &Path, now: DateTime<Utc>) -> Result<Team> {
        let text = crate::config::read_text("team file", path)?;
        Team::parse(&path.display().to_string(), &text, now)
    }

    pub fn parse(name: &str, text: &str, now: DateTime<Utc>) -> Result<Team> {
        let raw: RawTeam = toml::from_str(text).map_err(|e| {
            let mut err = toml_error(name, text, &e);
            err.kind = ErrorKind::Config;
            err.with_hint(HINT)
        })?;
        let at = |offset: usize| {
            let (line, col) = line_col(text, offset);
            format!("{name}:{line}:{col}")
        };
        if raw.member.is_empty() {
            return Err(
                Error::config(format!("{name}: the team file has no members"))
                    .with_hint(format!("add a [[member]] table per person; {HINT}")),
            );
        }
        let mut members: Vec<Member> = Vec::new();
        for m in raw.member {
            let who = m.name.get_ref().trim().to_string();
            if who.is_empty() {
                return Err(Error::config(format!(
                    "{}: a member's name is empty",
                    at(m.name.span().start)
                ))
                .with_hint("give every member the name their portfolio is titled with"));
            }
            let same = |a: &str, b: &str| {
                let norm = |s: &str| {
                    s.split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .to_lowercase()
                };
                norm(a) == norm(b)
            };
            if members.iter().any(|o| same(&o.name, &who)) {
                return Err(Error::config(format!(
                    "{}: member `{who}` is listed twice",
                    at(m.name.span().start)
                ))
                .with_hint(
                    "list each person once: put all their emails and aliases in one [[member]]",
                ));
            }
            if m.emails.is_empty() && m.aliases.is_empty() && m.github.is_none() {
                return Err(Error::config(format!(
                    "{}: member `{who}` has no emails, aliases or github login",
                    at(m.name.span().start)
                ))
                .with_hint("add the emails they commit with: emails = [\"them@example.com\"]"));
            }
            let date = |field: &str, value: &Option<Spanned<String>>, end: bool| {
                let Some(v) = value else {
                    return Ok((None, None));
                };
                let parsed = period::parse_span(v.get_ref(), now)
                    .map(|s| if end { s.until } else { s.since });
                match parsed {
                    Ok(t) => Ok((Some(t), Some(v.get_ref().clone()))),
                    Err(_) => Err(Error::config(format!(
                        "{}: invalid `{field}` date for member `{who}`: `{}` is not a date",
                        at(v.span().start),
                        v.get_ref()
                    ))
                    .with_hint(
                        "write it as YYYY-MM-DD, e.g. 2026-06-30 (`until` includes that day)",
                    )),
                }
            };
            let (from, from_text) = date("from", &m.from, false)?;
            let (until, until_text) = date("until", &m.until, true)?;
            if let (Some(f), Some(u)) = (from, until)
                && f >= u
            {
                return Err(Error::config(format!(
                    "{}: member `{who}`: `until` is before `from`",
                    at(m.until.as_ref().map_or(0, |u| u.span().start))
                ))
                .with_hint("put the start of the role in `from` and its end in `until`"));
            }
            members.push(Member {
                name: who,
                emails: m.emails.iter().map(|e| e.trim().to_string()).collect(),
                github: m
                    .github
                    .map(|g| g.trim().trim_start_matches('@').to_string()),
                aliases: m.aliases,
                from,
                until,
                from_text,
                until_text,
            });
        }
        Ok(Team { members })
    }
}

/// A file-name-safe slug of a name: `Alice Example` → `alice-example`.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.to_lowercase().chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "member".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        "2026-11-23T12:00:00Z".parse().unwrap()
    }

    #[test]
    fn members_with_periods() {
        let t = Team::parse(
            "team.toml",
            "[[member]]\nname = \"Alice Example\"\nemails = [\"a@x.io\"]\ngithub = \"@alice-ex\"\nfrom = \"2026-01-01\"\nuntil = \"2026-06-30\"\n",
            now(),
        )
        .unwrap();
        let m = &t.members[0];
        assert_eq!(m.github.as_deref(), Some("alice-ex"));
        assert_eq!(m.until.unwrap().to_rfc3339(), "2026-07-01T00:00:00+00:00");
        let since = "2025-11-23T00:00:00Z".parse().unwrap();
        let p = m.period(Period::new(since, now())).unwrap();
        assert_eq!(p.since.to_rfc3339(), "2026-01-01T00:00:00+00:00");
        assert_eq!(p.until.to_rfc3339(), "2026-07-01T00:00:00+00:00");
        assert!(
            m.period(Period::new(now(), "2026-12-01T00:00:00Z".parse().unwrap()))
                .is_none()
        );
        let p = m.person(&[]);
        assert!(p.names.is_empty());
        assert!(p.matches("x", "1+alice-ex@users.noreply.github.com"));
    }

    #[test]
    fn bad_files_point_at_the_line() {
        let e = |text: &str| Team::parse("team.toml", text, now()).unwrap_err();
        let err = e("[[member]]\nname = \"A\"\nemail = [\"a@x\"]\n");
        assert!(err.message.starts_with("team.toml:3:1"), "{}", err.message);
        let err = e("[[member]]\nname = \"A\"\nemails = [\"a@x\"]\nfrom = \"2026-13-01\"\n");
        assert!(err.message.starts_with("team.toml:4:8"), "{}", err.message);
        assert!(err.message.contains("member `A`"), "{}", err.message);
        let err = e("");
        assert!(err.message.contains("no members"), "{}", err.message);
        let err = e(
            "[[member]]\nname = \"A\"\nemails = [\"a@x\"]\n[[member]]\nname = \"a\"\nemails = [\"b@x\"]\n",
        );
        assert!(err.message.starts_with("team.toml:5:8"), "{}", err.message);
        assert_eq!(err.exit_code(), 2);
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Alice Example"), "alice-example");
        assert_eq!(slug("  Zoë O'Neil "), "zoë-o-neil");
        assert_eq!(slug("!!"), "member");
    }
}
