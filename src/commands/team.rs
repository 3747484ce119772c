//! `evident team --team FILE --output-dir DIR`: a portfolio per member of the team file
//! and a team overview (`index.<ext>`, `team.json`): evidence per competency area and
//! member, the identities merged, the bots left out. Members keep the team file's order;
//! nothing is ranked.
//!
//! Each member is collected with the same pipeline as `run` (`collect_evidence`, then
//! `make_portfolio`), for their period: the run's period inside their role. So each
//! repository is walked once per member; the walk reads only commit headers until it
//! finds the member's commits, which keeps this fast for teams of a few people. The
//! identity report and the bot list come from one cheap header-only pass (`authors`) per
//! distinct period.

use super::identities::{self, declared_for_member};
use super::{Context, collect_evidence, make_portfolio, write_atomic};
use crate::cli::TeamArgs;
use crate::collect::git::authors::{self, SeenAuthor};
use crate::config::team::{Team, slug};
use crate::error::Result;
use crate::model::Period;
use crate::model::evidence::{Collection, EVIDENCE_SCHEMA, EvidenceFile};
use crate::model::team::{AreaCount, AreaInfo, MemberOverview, TEAM_SCHEMA, TeamOverview};
use crate::render::{self, Format};
use std::collections::{BTreeMap, HashMap};

pub fn run(ctx: &Context, args: &TeamArgs) -> Result<()> {
    let team = Team::load(&args.team, ctx.env.now)?;
    let (rubric, rules) = ctx.rubric_and_rules(&args.rules)?;
    let format = super::run::output_format(
        args.format.as_deref().or(ctx.config.format.as_deref()),
        None,
    )?;
    let ext = format.extension();
    let template_dir = args
        .template_dir
        .as_deref()
        .or(ctx.config.template_dir.as_deref());
    let extra_bots = ctx.bot_names();
    let decisions = ctx.decisions(&rubric)?;
    // The run's period and repositories; the person is set per member below.
    let base = ctx.selection_for(&args.select, team.members[0].person(&extra_bots))?;
    let run_period = base.git.walk.period;
    let out_dir = &args.output_dir;
    let team_file = args.team.display().to_string();

    let mut seen_by_period: HashMap<Period, Vec<SeenAuthor>> = HashMap::new();
    let mut seen_in = |period: Period| -> Vec<SeenAuthor> {
        seen_by_period
            .entry(period)
            .or_insert_with(|| {
                let mut walk = base.git.walk.clone();
                walk.period = period;
                authors::authors(&base.git.repos, &walk)
            })
            .clone()
    };
    let all_seen = seen_in(run_period);

    let mut members = Vec::new();
    let mut warnings: Vec<String> = base.warnings.clone();
    let mut slugs: Vec<String> = Vec::new();
    for m in &team.members {
        let _span = tracing::info_span!("member", name = %m.name).entered();
        let mut slug = slug(&m.name);
        if slugs.contains(&slug) {
            let n = (2..)
                .find(|n| !slugs.contains(&format!("{slug}-{n}")))
                .unwrap_or(2);
            slug = format!("{slug}-{n}");
        }
        slugs.push(slug.clone());
        let person = m.person(&extra_bots);
        let period = m.period(run_period);
        let evidence = match period {
            Some(p) => {
                let mut sel = base.clone();
                sel.person = person.clone();
                sel.git.walk.period = p;
                sel.warnings.clear();
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
                let mut file = collect_evidence(&sel)?;
                if let Some(c) = &mut file.collection {
                    c.person = m.name.clone();
                    warnings.extend(c.warnings.iter().map(|w| format!("{}: {w}", m.name)));
                }
                file
            }
            None => EvidenceFile {
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
            },
        };
        let portfolio = make_portfolio(evidence, &rubric, &rules, ctx.env.now, &decisions);
        let file = format!("{slug}.{ext}");
        let text = render::render(&portfolio, format, template_dir)?;
        write_atomic(&out_dir.join(&file), text.as_bytes())?;
        tracing::info!(items = portfolio.items.len(), file = %file, "portfolio written");

        let seen = period.map(&mut seen_in).unwrap_or_default();
        let mut names = vec![m.name.clone()];
        names.extend(m.aliases.iter().cloned());
        let identity =
            identities::report(&person, &declared_for_member(m), &names, &seen, &team_file);
        let mut bulk: BTreeMap<String, usize> = BTreeMap::new();
        for it in &portfolio.items {
            if let Some(kind) = it.evidence.meta_str("bulk") {
                *bulk.entry(kind.to_string()).or_default() += 1;
            }
        }
        members.push(MemberOverview {
            name: m.name.clone(),
            slug,
            portfolio: file,
            role_from: m.from_text.clone(),
            role_until: m.until_text.clone(),
            since: period.map(|p| p.since),
            until: period.map(|p| p.until),
            areas: portfolio
                .areas
                .iter()
                .map(|a| AreaCount {
                    id: a.id.clone(),
                    count: a.count,
                    strength: a.strength,
                })
                .collect(),
            totals: portfolio.totals.clone(),
            bulk,
            identities: identity,
        });
    }

    let bots = identities::bots_seen(&all_seen, &extra_bots);
    let overview = TeamOverview {
        schema: TEAM_SCHEMA,
        generated_at: ctx.env.now,
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
    let json = render::render_team(&overview, Format::Json, None)?;
    write_atomic(&out_dir.join("team.json"), json.as_bytes())?;
    let index = render::render_team(&overview, format, template_dir)?;
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
