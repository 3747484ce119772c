//! Identities: which author identities evident takes as one person and why (the identity
//! lists, the `.mailmap`, GitHub noreply addresses), the likely aliases it did not merge
//! (the same name under another email) for the user to confirm, and the bots seen. The
//! team overview carries the same report per member.

use super::collect::existing_store_dir;
use super::select;
use crate::collect::git::authors::{self, SeenAuthor, alias_names, likely_aliases, norm};
use crate::config::settings::Settings;
use crate::config::team::Team;
use crate::env::Env;
use crate::error::Result;
use crate::model::Person;
use crate::model::bots;
use crate::model::team::{IdentityReport, MergedIdentity, SeenIdentity};
use std::path::Path;

/// An identity the user gave, and where they gave it.
#[derive(Debug, Clone)]
pub struct Declared {
    pub identity: String,
    pub via: String,
}

/// The identities of a team member, as the team file gives them.
pub fn declared_for_member(m: &crate::config::team::Member) -> Vec<Declared> {
    let mut out: Vec<Declared> = m
        .emails
        .iter()
        .map(|e| Declared {
            identity: e.to_lowercase(),
            via: "team file: emails".into(),
        })
        .collect();
    out.extend(m.aliases.iter().map(|a| Declared {
        identity: a.clone(),
        via: "team file: aliases".into(),
    }));
    out
}

/// The identity report of one person over the authors seen in the period. `declared`
/// are the identities the user gave (each listed, with its commits); `names` are the
/// names a likely alias is recognised by ([`alias_names`]); `hint_file` names where to
/// confirm one.
pub fn report(
    person: &Person,
    declared: &[Declared],
    names: &[String],
    seen: &[SeenAuthor],
    hint_file: &str,
) -> IdentityReport {
    let mut merged: Vec<MergedIdentity> = declared
        .iter()
        .map(|d| MergedIdentity {
            identity: d.identity.clone(),
            via: d.via.clone(),
            commits: 0,
        })
        .collect();
    if let Some(login) = &person.github {
        merged.push(MergedIdentity {
            identity: format!("@{login}"),
            via: "GitHub login (its noreply addresses are theirs)".into(),
            commits: 0,
        });
    }
    let mut add = |identity: String, via: &str, commits: usize| {
        if let Some(m) = merged
            .iter_mut()
            .find(|m| m.identity.eq_ignore_ascii_case(&identity))
        {
            m.commits += commits;
        } else {
            merged.push(MergedIdentity {
                identity,
                via: via.to_string(),
                commits,
            });
        }
    };
    for a in seen {
        if person.is_bot(&a.name, &a.email) || person.is_bot(&a.raw_name, &a.raw_email) {
            continue;
        }
        if person.matches(&a.name, &a.email) {
            let (name, email) = if person.matches(&a.raw_name, &a.raw_email) {
                (&a.raw_name, a.raw_email.to_lowercase())
            } else {
                // Only the mailmap makes it theirs.
                add(
                    a.raw_display(),
                    &format!("mailmap (→ {})", a.display()),
                    a.commits,
                );
                continue;
            };
            if person.emails.contains(&email) {
                let via = declared
                    .iter()
                    .find(|d| d.identity.eq_ignore_ascii_case(&email))
                    .map_or("--author / [identity]", |d| d.via.as_str())
                    .to_string();
                add(email, &via, a.commits);
            } else if person.is_noreply(&email) {
                add(email, "GitHub noreply address", a.commits);
            } else {
                let via = declared
                    .iter()
                    .find(|d| norm(&d.identity) == norm(name))
                    .map_or("--author / [identity]", |d| d.via.as_str())
                    .to_string();
                add(name.clone(), &via, a.commits);
            }
        }
    }
    let likely_aliases = likely_aliases(person, names, seen)
        .into_iter()
        .map(|l| SeenIdentity {
            hint: format!(
                "if this is {}, add \"{}\" to their emails in {hint_file}",
                person.display(),
                l.email
            ),
            identity: l.identity,
            commits: l.commits,
            committed: l.committed,
        })
        .collect();
    IdentityReport {
        person: person.display(),
        merged,
        likely_aliases,
    }
}

/// Bot identities among the authors seen, and their commits.
pub fn bots_seen(seen: &[SeenAuthor], extra: &[String]) -> Vec<SeenIdentity> {
    let mut out: Vec<SeenIdentity> = Vec::new();
    for a in seen {
        if bots::is_bot(&a.name, &a.email, extra) || bots::is_bot(&a.raw_name, &a.raw_email, extra)
        {
            let identity = a.display();
            match out.iter_mut().find(|b| b.identity == identity) {
                Some(b) => b.commits += a.commits,
                None => out.push(SeenIdentity {
                    identity,
                    commits: a.commits,
                    committed: 0,
                    hint: String::new(),
                }),
            }
        }
    }
    out
}

/// The identity reports of a team file's members, or of the person selected; and the
/// bots seen in the period. `config_file` is where the user confirms an alias.
pub fn reports(
    settings: &Settings,
    env: &Env,
    team: Option<&Path>,
) -> Result<(Vec<IdentityReport>, Vec<SeenIdentity>)> {
    let extra = select::bot_names(&settings.config);
    let (reports, seen) = match team {
        Some(path) => team_reports(settings, env, path, &extra)?,
        None => person_report(settings, env)?,
    };
    let bots = bots_seen(&seen, &extra);
    Ok((reports, bots))
}

fn team_reports(
    settings: &Settings,
    env: &Env,
    path: &Path,
    extra: &[String],
) -> Result<(Vec<IdentityReport>, Vec<SeenAuthor>)> {
    let team = Team::load(path, env.now)?;
    let base = select::select_for(settings, env, team.members[0].person(extra))?;
    let spinner = crate::ui::spinner("reading the authors");
    let seen = authors::authors(
        &base.git.repos,
        &base.git.walk,
        existing_store_dir(settings).as_deref(),
    );
    spinner.finish_and_clear();
    let file = path.display().to_string();
    let reports = team
        .members
        .iter()
        .map(|m| {
            let mut names = vec![m.name.clone()];
            names.extend(m.aliases.iter().cloned());
            report(
                &m.person(extra),
                &declared_for_member(m),
                &names,
                &seen,
                &file,
            )
        })
        .collect::<Vec<_>>();
    Ok((reports, seen))
}

fn person_report(settings: &Settings, env: &Env) -> Result<(Vec<IdentityReport>, Vec<SeenAuthor>)> {
    let sel = select::select(settings, env)?;
    let config_file = settings.project_file.as_deref();
    let spinner = crate::ui::spinner("reading the authors");
    let seen = authors::authors(
        &sel.git.repos,
        &sel.git.walk,
        existing_store_dir(settings).as_deref(),
    );
    spinner.finish_and_clear();
    let person = &sel.person;
    let declared: Vec<Declared> = person
        .identities()
        .into_iter()
        .map(|identity| Declared {
            identity,
            via: "--author / [identity]".into(),
        })
        .collect();
    // `--author EMAIL` alone: the name is the one its commits carry.
    let names = alias_names(person, &seen);
    let file = config_file.map_or("evident.toml ([identity] emails)".to_string(), |f| {
        format!("{} ([identity] emails)", f.display())
    });
    Ok((vec![report(person, &declared, &names, &seen, &file)], seen))
}
