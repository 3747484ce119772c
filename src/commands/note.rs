//! `evident note add|list|remove`, `evident exclude`, `evident relabel`: the person's own
//! evidence and decisions, kept in the notes file (see `crate::notes`).

use super::{Context, notes_path};
use crate::cli::{ExcludeArgs, NoteAction, NoteArgs, RelabelArgs};
use crate::config::settings::{Flags, Settings};
use crate::error::Result;
use crate::notes::edit::Added;
use crate::notes::{NotesFile, edit};
use crate::pipeline::classify::rubric;
use crate::pipeline::collect::store_dir;
use crate::pipeline::collected::{Lookin, resolve_collected_id};
use crate::pipeline::select::note_author;
use crate::pipeline::stage_io::write_output;

pub fn run(ctx: &Context, args: &NoteArgs) -> Result<()> {
    let settings = ctx.settings(&Flags::new())?;
    let rubric = rubric(&settings.config)?;
    let path = notes_path(&settings);
    match &args.action {
        NoteAction::Add {
            text,
            signals,
            date,
            link,
            repo,
            author,
        } => {
            let note = edit::NewNote {
                text: text.clone(),
                signals: signals.clone(),
                date: date.clone(),
                link: link.clone(),
                repo: repo.clone(),
                author: note_author(&settings.config, author.as_deref()),
            };
            match edit::add_note(&path, &note, &rubric.vocabulary(), ctx.env.now)? {
                Added::New(id) => match &note.author {
                    Some(by) => {
                        crate::ui::status(format!("added {id} to {} (by {by})", path.display()))
                    }
                    None => tracing::warn!(
                        hint = "pass --author you@example.com, or set `author` or [identity] in evident.toml, so that a note joins only its author's portfolio",
                        "added {id} to {}, naming no author (none is configured): it counts for whoever runs evident",
                        path.display()
                    ),
                },
                Added::Already(id) => crate::ui::status(format!(
                    "{id} is already in {}: nothing added",
                    path.display()
                )),
            }
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
    let settings = ctx.settings(&Flags::new())?;
    let path = notes_path(&settings);
    let id = resolve_collected_id(&args.id, &where_to_look(&settings, args.input.as_deref()))?;
    edit::exclude(&path, &id, args.reason.as_deref())?;
    crate::ui::status(format!(
        "{id} is left out of every portfolio from now on (in {}; `evident note remove {id}` undoes it)",
        path.display(),
    ));
    Ok(())
}

pub fn relabel(ctx: &Context, args: &RelabelArgs) -> Result<()> {
    let settings = ctx.settings(&Flags::new())?;
    let rubric = rubric(&settings.config)?;
    let path = notes_path(&settings);
    let id = resolve_collected_id(&args.id, &where_to_look(&settings, args.input.as_deref()))?;
    edit::relabel(
        &path,
        &id,
        &args.signals,
        args.reason.as_deref(),
        &rubric.vocabulary(),
    )?;
    crate::ui::status(format!(
        "{id} now has signals {} (in {})",
        args.signals.join(", "),
        path.display()
    ));
    Ok(())
}

/// Where ids are checked: `--input`, else the last run's portfolio, the store and notes.
fn where_to_look(settings: &Settings, input: Option<&std::path::Path>) -> Lookin {
    match input {
        Some(file) => Lookin::File(file.to_path_buf()),
        None => Lookin::Collected {
            store: store_dir(&settings.config),
            notes: notes_path(settings),
        },
    }
}
