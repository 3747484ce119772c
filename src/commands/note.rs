//! `evident note add|list|remove`, `evident exclude`, `evident relabel`: the person's own
//! evidence and decisions, kept in the notes file (see `crate::notes`).

use super::Context;
use crate::cli::{ExcludeArgs, NoteAction, NoteArgs, RelabelArgs};
use crate::error::Result;
use crate::notes::{NotesFile, edit};
use crate::pipeline::classify::rubric;
use crate::pipeline::stage_io::write_output;

pub fn run(ctx: &Context, args: &NoteArgs) -> Result<()> {
    let rubric = rubric(&ctx.config, &Default::default())?;
    let path = ctx.notes_path();
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
            eprintln!("added {id} to {}", path.display());
            Ok(())
        }
        NoteAction::List => {
            let out = NotesFile::read(&path)?.listing();
            if out.is_empty() {
                eprintln!("no notes or decisions in {}", path.display());
            }
            write_output(&out, None)
        }
        NoteAction::Remove { id } => {
            edit::remove(&path, id)?;
            eprintln!("removed {id} from {}", path.display());
            Ok(())
        }
    }
}

pub fn exclude(ctx: &Context, args: &ExcludeArgs) -> Result<()> {
    let path = ctx.notes_path();
    edit::exclude(&path, &args.id, args.reason.as_deref())?;
    eprintln!(
        "{} is left out of every portfolio from now on (in {}; `evident note remove {}` undoes it)",
        args.id,
        path.display(),
        args.id
    );
    Ok(())
}

pub fn relabel(ctx: &Context, args: &RelabelArgs) -> Result<()> {
    let rubric = rubric(&ctx.config, &Default::default())?;
    let path = ctx.notes_path();
    edit::relabel(
        &path,
        &args.id,
        &args.signals,
        args.reason.as_deref(),
        &rubric.vocabulary(),
    )?;
    eprintln!(
        "{} now has signals {} (in {})",
        args.id,
        args.signals.join(", "),
        path.display()
    );
    Ok(())
}
