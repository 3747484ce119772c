//! `evident rubric show|check`: the rubric in use, or a check of a rubric and rules.

use super::Context;
use crate::cli::{RubricAction, RubricArgs};
use crate::config::read_text;
use crate::config::rubric::Rubric;
use crate::config::settings::Flags;
use crate::error::Result;
use crate::pipeline::classify::{load_rubric, load_rules};
use crate::pipeline::stage_io::write_output;
use std::fmt::Write;

pub fn run(ctx: &Context, args: &RubricArgs) -> Result<()> {
    match &args.action {
        RubricAction::Show { rubric } => {
            let mut flags = Flags::new();
            flags.set("rubric", "--rubric", rubric.as_ref());
            let settings = ctx.settings(&flags)?;
            let rubric = load_rubric(settings.config.rubric.as_deref())?;
            write_output(&show(&rubric), None)
        }
        RubricAction::Check { file, rules } => {
            let name = file.display().to_string();
            let rubric = Rubric::parse(&name, &read_text("rubric", file)?)?;
            let set = load_rules(rules, &rubric)?;
            let statements: usize = rubric.area.iter().map(|a| a.statement.len()).sum();
            write_output(
                &format!(
                    "{name}: ok: {} areas, {statements} statements, {} categories; {} rules\n",
                    rubric.area.len(),
                    rubric.category.len(),
                    set.rules.len()
                ),
                None,
            )
        }
    }
}

fn show(r: &Rubric) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", r.name);
    if !r.source.is_empty() {
        let _ = writeln!(out, "source: {}", r.source);
    }
    let _ = writeln!(
        out,
        "thresholds: some >= {}, strong >= {} (unless a statement sets its own)",
        r.thresholds.some, r.thresholds.strong
    );
    for a in &r.area {
        let _ = writeln!(out, "\n{} {} [{}]", a.icon, a.name, a.id);
        for s in &a.statement {
            let s = s.get_ref();
            let t = s.thresholds(r);
            let kinds = s
                .kinds
                .as_ref()
                .map(|k| format!(" kinds: {};", k.join(", ")))
                .unwrap_or_default();
            let mut size = s
                .min_lines
                .map(|n| format!(" commits and pull requests of {n} lines or more;"))
                .unwrap_or_default();
            if s.own_work {
                size.push_str(" own work only (not co-authored);");
            }
            let _ = writeln!(out, "  - {} [{}]", s.text, s.id);
            let _ = writeln!(
                out,
                "      signals: {};{kinds}{size} some >= {}, strong >= {}",
                s.signals.join(", "),
                t.some,
                t.strong
            );
            let shown: Vec<&str> = s.evidence_kinds().iter().map(|k| k.as_str()).collect();
            let _ = writeln!(
                out,
                "      shown by: {} (not measured when none of these is collected)",
                shown.join(", ")
            );
        }
    }
    let _ = writeln!(out, "\nPortfolio categories");
    for c in &r.category {
        let _ = writeln!(out, "  - {} [{}]: {}", c.title, c.id, c.signals.join(", "));
    }
    out
}
