//! `evident completions SHELL` and `evident man`: the command line described for shells
//! and for `man`, generated from the clap definitions so they cannot drift.

use crate::cli::{CompletionsArgs, ManArgs};
use crate::error::{Error, Result};
use crate::pipeline::stage_io::write_output;

/// A completion script for the shell, on stdout.
pub fn completions(args: &CompletionsArgs) -> Result<()> {
    let mut cmd = crate::cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "evident", &mut out);
    write_output(&String::from_utf8_lossy(&out), None)
}

/// `evident.1` on stdout, or every page (`evident.1`, `evident-run.1`, ...) in a folder.
pub fn man(args: &ManArgs) -> Result<()> {
    let cmd = crate::cli::command();
    match &args.output_dir {
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| Error::io("create the folder", dir, e))?;
            let pages = page_count(&cmd);
            clap_mangen::generate_to(cmd, dir)
                .map_err(|e| Error::io("write the man pages into", dir, e))?;
            crate::ui::status(format!("wrote {pages} man pages into {}", dir.display()));
            Ok(())
        }
        None => {
            let mut out = Vec::new();
            clap_mangen::Man::new(cmd)
                .render(&mut out)
                .map_err(|e| Error::failed("could not render the man page").with_source(e))?;
            write_output(&String::from_utf8_lossy(&out), None)
        }
    }
}

/// The pages `generate_to` writes: the command and each subcommand, `help` aside.
fn page_count(cmd: &clap::Command) -> usize {
    1 + cmd
        .get_subcommands()
        .filter(|s| s.get_name() != "help")
        .map(page_count)
        .sum::<usize>()
}
