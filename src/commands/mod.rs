//! One file per subcommand. A command maps its clap arguments to a layer of settings
//! ([`Flags`]) and the pipeline's plain options, resolves the settings, calls the
//! pipeline (`crate::pipeline`) and writes the result.

pub mod classify;
pub mod collect;
pub mod config;
pub mod explain;
pub mod identities;
pub mod init;
pub mod man;
pub mod merge;
pub mod note;
pub mod report;
pub mod rubric;
pub mod run;
pub mod team;

use crate::cli::{GithubArgs, RenderArgs, RulesArgs, SelectArgs, StoreArgs};
use crate::config::settings::{Files, Flags, Inputs, Settings};
use crate::env::Env;
use crate::error::Result;
use std::path::PathBuf;

/// What every command gets: the environment and the settings files, read once.
pub struct Context {
    pub env: Env,
    pub files: Files,
}

impl Context {
    /// The settings for a command: defaults, files, variables, then its flags.
    pub fn settings(&self, flags: &Flags) -> Result<Settings> {
        let inputs = Inputs {
            config_dir: self.env.config_dir.as_deref(),
            cache_dir: self.env.cache_dir.as_deref(),
            vars: Some(&self.env.vars),
        };
        Settings::resolve(&self.files, &inputs, flags)
    }
}

/// The notes file in use (the `notes` setting always has a value: see its default).
pub fn notes_path(settings: &Settings) -> PathBuf {
    settings.config.notes.clone().unwrap_or_default()
}

/// `--repo`, `--author`, `--since`, ... as settings.
pub fn select_flags(f: &mut Flags, a: &SelectArgs) {
    f.list("repos", "--repo", &a.repos)
        .list("author", "--author", &a.authors)
        .set("since", "--since", a.since.as_ref())
        .set("until", "--until", a.until.as_ref())
        .switch("include_merges", "--include-merges", a.include_merges, true)
        .switch("all_branches", "--all-branches", a.all_branches, true)
        .switch("design_docs", "--no-design-docs", a.no_design_docs, false);
}

/// `--github`, `--github-url`, `--github-login`, `--no-wait` as `[github]` settings.
pub fn github_flags(f: &mut Flags, a: &GithubArgs) {
    f.switch("github.enabled", "--github", a.github, true)
        .set("github.url", "--github-url", a.github_url.as_ref())
        .set("github.login", "--github-login", a.github_login.as_ref())
        .switch("github.no_wait", "--no-wait", a.no_wait, true);
}

/// `--rubric` and `--rules` (added to the configured rules files).
pub fn rules_flags(f: &mut Flags, a: &RulesArgs) {
    f.set("rubric", "--rubric", a.rubric.as_ref())
        .add_rules("--rules", &a.rules);
}

/// `--store` (`--no-store` is the command's own: it keeps nothing).
pub fn store_flags(f: &mut Flags, a: &StoreArgs) {
    f.set("store", "--store", a.store.as_ref());
}

/// `--format` and `--template-dir` of a portfolio.
pub fn render_flags(f: &mut Flags, a: &RenderArgs) {
    f.set("format", "--format", a.format).set(
        "template_dir",
        "--template-dir",
        a.template_dir.as_ref(),
    );
}
