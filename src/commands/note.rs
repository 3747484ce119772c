//! `evident note add|list|remove`, `evident exclude`, `evident relabel`: the person's own
//! evidence and decisions, kept in the notes file (see `crate::notes`).

use super::{Context, notes_path};
use crate::cli::{ExcludeArgs, NoteAction, NoteArgs, RelabelArgs};
use crate::config::settings::Flags;
use crate::error::Result;
use crate::notes::{NotesFile, edit};
use crate::pipeline::classify::rubric_and_rules;
use crate::pipeline::stage_io::write_output;

pub fn run(ctx: &Context, args: &NoteArgs) -> Result<()> {
    let settings = ctx.settings(&Flags::new())?;
    let (rubric, _) = rubric_and_rules(&settings.config)?;
    let path = notes_path(&settings);
    match &args.action {
        NoteAction::Add {
            text,
            signals,
            date,
            link,
            repo,
        } => {
            let note = edit::NewNote {
                text: text.clone(),
                signals: signals.clone(),
                date: date.clone(),
                link: link.clone(),
                repo: repo.clone(),
            };
            let id = edit::add_note(&path, &note, &rubric.vocabulary(), ctx.env.now)?;
            crate::ui::status(format!("added {id} to {}", path.display()));
            Ok(())
        }
        NoteAction::List => {
            let out = NotesFile::read(&path)?.listing();
            if out.is_empty() {
                crate::ui::status(format!("no notes or decisions in {}", path.display()));
            }
            write_output(&out, None)
        }
        NoteAction::Remove { id } => {
            edit::remove(&path, id)?;
            crate::ui::status(format!("removed {id} from {}", path.display()));
            Ok(())
        }
    }
}

pub fn exclude(ctx: &Context, args: &ExcludeArgs) -> Result<()> {
    let path = notes_path(&ctx.settings(&Flags::new())?);
    edit::exclude(&path, &args.id, args.reason.as_deref())?;
    crate::ui::status(format!(
        "{} is left out of every portfolio from now on (in {}; `evident note remove {}` undoes it)",
        args.id,
        path.display(),
        args.id
    ));
    Ok(())
}

pub fn relabel(ctx: &Context, args: &RelabelArgs) -> Result<()> {
    let settings = ctx.settings(&Flags::new())?;
    let (rubric, _) = rubric_and_rules(&settings.config)?;
    let path = notes_path(&settings);
    edit::relabel(
        &path,
        &args.id,
        &args.signals,
        args.reason.as_deref(),
        &rubric.vocabulary(),
    )?;
    crate::ui::status(format!(
        "{} now has signals {} (in {})",
        args.id,
        args.signals.join(", "),
        path.display()
    ));
    Ok(())
}
