//! Team audits (`evident team`): a portfolio per member of the team file and a team
//! overview (`index.<ext>`, `team.json`): evidence per competency area and member, the
//! identities merged, the bots left out. Members keep the team file's order; nothing is
//! ranked.
//!
//! Each member is collected with the same pipeline as `run` (`collect_evidence`, then
//! `make_portfolio`), for their period: the run's period inside their role. So each
//! repository is walked once per member; the walk reads only commit headers until it
//! finds the member's commits, which keeps this fast for teams of a few people. The
//! identity report and the bot list come from one cheap header-only pass (`authors`) per
//! distinct period.

use super::classify::{decisions, make_portfolio, rubric_and_rules};
use super::collect::collect_evidence;
use super::identities::{self, declared_for_member};
use super::render::output_format;
use super::select::{self, Selection};
use super::stage_io::write_atomic;
use crate::collect::git::authors::{self, SeenAuthor};
use crate::config::settings::Settings;
use crate::config::team::{Member, Team, slug};
use crate::env::Env;
use crate::error::Result;
use crate::model::evidence::{Collection, EVIDENCE_SCHEMA, EvidenceFile};
use crate::model::team::{AreaCount, AreaInfo, MemberOverview, TEAM_SCHEMA, TeamOverview};
use crate::model::{Period, Person, Portfolio};
use crate::render::{self, Format};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// What `evident team` is asked for besides the settings, as plain data.
#[derive(Debug, Clone, Default)]
pub struct TeamOptions {
    pub team: PathBuf,
    pub output_dir: PathBuf,
}

/// What `evident team` wrote, for its closing line, and what its collections could not
/// see (which decides the exit code: `crate::pipeline::complete`).
#[derive(Debug, Clone, Default)]
pub struct TeamWritten {
    pub portfolios: usize,
    pub index: PathBuf,
    pub gaps: crate::model::evidence::Collection,
}

/// Writes a portfolio per member and the team overview into the output folder.
pub fn team(settings: &Settings, env: &Env, args: &TeamOptions) -> Result<TeamWritten> {
    let config = &settings.config;
    let team = Team::load(&args.team, env.now)?;
    let (rubric, rules) = rubric_and_rules(config)?;
    let format = output_format(config.format, None);
    let ext = format.extension();
    let template_dir = config.template_dir.as_deref();
    let extra_bots = select::bot_names(config);
    let notes = config.notes.clone().unwrap_or_default();
    let decisions = decisions(&notes, &rubric)?;
    // Each member's own notes join their evidence, as in `run`.
    let notes_file = crate::notes::load(&notes, &rubric.vocabulary())?;
    // The run's period and repositories; the person is set per member below.
    let base = select::select_for(settings, env, team.members[0].person(&extra_bots))?;
    let run_period = base.git.walk.period;
    // Notes with no author in the run's period: nobody's, said once in the overview.
    let ownerless_notes = notes_file.without_author_in(run_period);
    let out_dir = &args.output_dir;
    let team_file = args.team.display().to_string();

    let kept = super::collect::existing_store_dir(settings);
    let mut seen_by_period: HashMap<Period, Vec<SeenAuthor>> = HashMap::new();
    let mut seen_in = |period: Period| -> Vec<SeenAuthor> {
        seen_by_period
            .entry(period)
            .or_insert_with(|| {
                let mut walk = base.git.walk.clone();
                walk.period = period;
                authors::authors(&base.git.repos, &walk, kept.as_deref())
            })
            .clone()
    };
    let all_seen = seen_in(run_period);

    let mut members = Vec::new();
    let mut warnings: Vec<String> = base.warnings.clone();
    warnings.extend(base.unseen.iter().map(|u| u.message.clone()));
    // What every member's collection could not see: decides the exit code at the end.
    let mut gaps = crate::model::evidence::Collection::default();
    for u in &base.unseen {
        gaps.add_unseen(u.clone());
    }
    let mut slugs: Vec<String> = Vec::new();
    let bar = crate::ui::progress(team.members.len() as u64, "team members");
    for m in &team.members {
        bar.set_message(m.name.clone());
        let _span = tracing::info_span!("member", name = %m.name).entered();
        let slug = unique_slug(&mut slugs, &m.name);
        let person = m.person(&extra_bots);
        let period = m.period(run_period);
        let evidence = match period {
            Some(p) => {
                let mut file = member_evidence(&base, m, &person, p, &team_file, &mut warnings)?;
                crate::notes::add_member_notes(&mut file, &notes_file, &notes);
                file
            }
            None => outside_role(m, &person),
        };
        let portfolio = make_portfolio(evidence, &rubric, &rules, env.now, &decisions);
        for u in portfolio.collection.unseen.iter().filter(|u| u.failed) {
            let mut u = u.clone();
            u.source = format!("{} ({})", u.source, m.name);
            gaps.add_unseen(u);
        }
        gaps.warnings
            .extend(portfolio.collection.warnings.iter().cloned());
        let file = format!("{slug}.{ext}");
        let text = render::render(&portfolio, format, template_dir)?;
        write_atomic(&out_dir.join(&file), text.as_bytes())?;
        tracing::info!(items = portfolio.items.len(), file = %file, "portfolio written");

        let seen = period.map(&mut seen_in).unwrap_or_default();
        let mut names = vec![m.name.clone()];
        names.extend(m.aliases.iter().cloned());
        let identity =
            identities::report(&person, &declared_for_member(m), &names, &seen, &team_file);
        members.push(MemberOverview {
            name: m.name.clone(),
            slug,
            portfolio: file,
            role_from: m.from_text.clone(),
            role_until: m.until_text.clone(),
            since: period.map(|p| p.since),
            until: period.map(|p| p.until),
            areas: area_counts(&portfolio),
            totals: portfolio.totals.clone(),
            bulk: bulk_counts(&portfolio),
            identities: identity,
        });
        bar.inc(1);
    }
    bar.finish_and_clear();
    if ownerless_notes > 0 {
        warnings.push(format!(
            "{} in {} {} no author, so no member's portfolio has {}: add `author = \"EMAIL\"` to {} (`evident note add` records it)",
            crate::model::unseen::plural(ownerless_notes, "note", "notes"),
            notes.display(),
            if ownerless_notes == 1 { "names" } else { "name" },
            if ownerless_notes == 1 { "it" } else { "them" },
            if ownerless_notes == 1 { "it" } else { "each" },
        ));
    }

    let bots = identities::bots_seen(&all_seen, &extra_bots);
    let overview = TeamOverview {
        schema: TEAM_SCHEMA,
        generated_at: env.now,
        since: run_period.since,
        until: run_period.until,
        rubric: crate::model::portfolio::RubricInfo {
            name: rubric.name.clone(),
            source: rubric.source.clone(),
            summary: rubric.summary.clone(),
        },
        areas: rubric
            .area
            .iter()
            .map(|a| AreaInfo {
                id: a.id.clone(),
                name: a.name.clone(),
                icon: a.icon.clone(),
            })
            .collect(),
        members,
        bot_items_left_out: bots.iter().map(|b| b.commits).sum(),
        bots,
        warnings,
    };
    write_overview(&overview, out_dir, format, template_dir)?;
    Ok(TeamWritten {
        portfolios: overview.members.len(),
        index: out_dir.join(format!("index.{ext}")),
        gaps,
    })
}

/// The member's file name: the slug of their name, numbered when another member has it.
fn unique_slug(taken: &mut Vec<String>, name: &str) -> String {
    let mut slug = slug(name);
    if taken.contains(&slug) {
        let n = (2..)
            .find(|n| !taken.contains(&format!("{slug}-{n}")))
            .unwrap_or(2);
        slug = format!("{slug}-{n}");
    }
    taken.push(slug.clone());
    slug
}

/// A member's evidence in their period: the run's selection with their person, period
/// and GitHub login. Their warnings join the team's, prefixed with their name.
fn member_evidence(
    base: &Selection,
    m: &Member,
    person: &Person,
    period: Period,
    team_file: &str,
    warnings: &mut Vec<String>,
) -> Result<EvidenceFile> {
    let mut sel = base.clone();
    sel.person = person.clone();
    sel.git.walk.period = period;
    sel.warnings.clear();
    sel.unseen.clear();
    // The overview's identity report lists each member's likely aliases.
    sel.likely_aliases = false;
    if let Some(gh) = &mut sel.github {
        match &m.github {
            Some(login) => gh.options.login = Some(login.clone()),
            None => {
                warnings.push(format!(
                    "{}: no `github` login in {team_file}, so nothing was collected from GitHub for them",
                    m.name
                ));
                sel.github = None;
            }
        }
    }
    let mut file = collect_evidence(&sel, None)?;
    if let Some(c) = &mut file.collection {
        c.person = m.name.clone();
        warnings.extend(c.warnings.iter().map(|w| format!("{}: {w}", m.name)));
    }
    Ok(file)
}

/// The empty evidence of a member whose role lies outside the period, saying so.
fn outside_role(m: &Member, person: &Person) -> EvidenceFile {
    EvidenceFile {
        schema: EVIDENCE_SCHEMA,
        collection: Some(Collection {
            person: m.name.clone(),
            identities: person.identities(),
            since: None,
            until: None,
            warnings: vec![format!(
                "the role ({}) lies outside the period, so no work is counted",
                role_text(m.from_text.as_deref(), m.until_text.as_deref())
            )],
            ..Default::default()
        }),
        evidence: Vec::new(),
    }
}

fn area_counts(portfolio: &Portfolio) -> Vec<AreaCount> {
    portfolio
        .areas
        .iter()
        .map(|a| AreaCount {
            id: a.id.clone(),
            count: a.count,
            strength: a.strength,
        })
        .collect()
}

/// Bulk mechanical changes by kind.
fn bulk_counts(portfolio: &Portfolio) -> BTreeMap<String, usize> {
    let mut bulk: BTreeMap<String, usize> = BTreeMap::new();
    for it in &portfolio.items {
        if let Some(kind) = it.evidence.meta_str("bulk") {
            *bulk.entry(kind.to_string()).or_default() += 1;
        }
    }
    bulk
}

/// `team.json` and `index.<ext>`.
fn write_overview(
    overview: &TeamOverview,
    out_dir: &Path,
    format: Format,
    template_dir: Option<&Path>,
) -> Result<()> {
    let ext = format.extension();
    let json = render::render_team(overview, Format::Json, None)?;
    write_atomic(&out_dir.join("team.json"), json.as_bytes())?;
    let index = render::render_team(overview, format, template_dir)?;
    write_atomic(&out_dir.join(format!("index.{ext}")), index.as_bytes())?;
    tracing::info!(
        members = overview.members.len(),
        index = %out_dir.join(format!("index.{ext}")).display(),
        "team overview written"
    );
    Ok(())
}

fn role_text(from: Option<&str>, until: Option<&str>) -> String {
    match (from, until) {
        (Some(f), Some(u)) => format!("from {f} until {u}"),
        (Some(f), None) => format!("from {f}"),
        (None, Some(u)) => format!("until {u}"),
        (None, None) => "always".into(),
    }
}
