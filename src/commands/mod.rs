//! One file per subcommand. A command maps its clap arguments to the pipeline's plain
//! options, calls the pipeline (`crate::pipeline`) and writes the result.

pub mod classify;
pub mod collect;
pub mod explain;
pub mod identities;
pub mod init;
pub mod merge;
pub mod note;
pub mod report;
pub mod rubric;
pub mod run;
pub mod team;

use crate::cli::{RulesArgs, SelectArgs};
use crate::config::Config;
use crate::env::Env;
use crate::pipeline::classify::RulesOptions;
use crate::pipeline::select::SelectOptions;
use std::path::PathBuf;

/// What every command gets: the environment and the stacked configuration.
pub struct Context {
    pub env: Env,
    pub config: Config,
    /// The project config file in use (`--config`, or `./evident.toml` when present).
    pub config_file: Option<PathBuf>,
}

impl Context {
    /// The notes file in use.
    pub fn notes_path(&self) -> PathBuf {
        crate::notes::notes_path(
            self.config.notes.as_deref(),
            self.config_file.as_deref(),
            self.env.config_dir.as_deref(),
        )
    }

    /// The default store folder (see [`crate::pipeline::collect::store_dir`]).
    pub fn store_dir(&self) -> Option<PathBuf> {
        crate::pipeline::collect::store_dir(&self.config)
    }
}

/// The selection flags, as the pipeline takes them.
pub fn select_options(args: &SelectArgs) -> SelectOptions {
    SelectOptions {
        repos: args.repos.clone(),
        authors: args.authors.clone(),
        since: args.since.clone(),
        until: args.until.clone(),
        include_merges: args.include_merges,
        all_branches: args.all_branches,
        no_design_docs: args.no_design_docs,
        github: args.github,
        github_url: args.github_url.clone(),
        github_login: args.github_login.clone(),
        no_wait: args.no_wait,
    }
}

/// `--rubric` and `--rules`, as the pipeline takes them.
pub fn rules_options(args: &RulesArgs) -> RulesOptions {
    RulesOptions {
        rubric: args.rubric.clone(),
        rules: args.rules.clone(),
    }
}
