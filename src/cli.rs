//! The command line (clap). Only parsing lives here; each command turns its arguments into
//! a layer of settings (`crate::config::settings::Flags`) and plain options before it
//! calls the engine.
//!
//! Flags that an `EVIDENT_*` variable can also set name it (`env = ...`), so `--help`,
//! the man page and completions show it; but the value is read by the settings resolver
//! from the variables `crate::env` collected, never by clap (see [`parse`]), so tests can
//! inject them and `config show` can say where each value came from.

use crate::render::Format;
use clap::builder::PossibleValue;
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use std::ffi::OsString;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "evident",
    version,
    about = "Collect the evidence of an engineer's impact from git and GitHub, classify it against a career rubric, and draft a portfolio.",
    long_about = None,
    max_term_width = 100,
    after_help = "Exit codes: 0 success; 1 ran, but something asked for failed; 2 usage or configuration error.\nManual: docs/ in the source, or `evident man`."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    #[command(flatten)]
    pub global: GlobalArgs,
}

/// Options every command takes.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Read settings from this file instead of ./evident.toml.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Only errors on stderr: no warnings, progress or closing lines.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// More detail on stderr (-vv for debug).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// How diagnostics on stderr are written.
    #[arg(long, global = true, value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
    /// When to colour stderr: auto is when it is a terminal and NO_COLOR is unset.
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum LogFormat {
    /// `warning: ...` lines.
    Text,
    /// One JSON object a line.
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// A portfolio format on the command line: md (or markdown), html, json.
impl ValueEnum for Format {
    fn value_variants<'a>() -> &'a [Self] {
        &[Format::Markdown, Format::Html, Format::Json]
    }
    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(match self {
            Format::Markdown => PossibleValue::new("md").alias("markdown"),
            Format::Html => PossibleValue::new("html"),
            Format::Json => PossibleValue::new("json"),
        })
    }
}

/// What `classify` writes.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ClassifyFormat {
    Json,
    #[value(alias = "markdown")]
    Md,
}

/// What `collect` writes.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq, Default)]
pub enum CollectFormat {
    /// One object: `{"schema": 1, "evidence": [...]}`.
    #[default]
    Json,
    /// One record a line.
    Jsonl,
}

/// What `identities` and `config show` write.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq, Default)]
pub enum TextFormat {
    #[default]
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Collect, classify and render in one go: the main job.
    Run(RunArgs),
    /// Collect evidence from git (and GitHub) and write it as JSON.
    Collect(CollectArgs),
    /// Classify evidence JSON (from `collect` or any tool) into a portfolio.
    Classify(ClassifyArgs),
    /// Render a portfolio JSON as Markdown, HTML or JSON.
    Report(ReportArgs),
    /// Say why an item counts: every rule that fired on it and the statements it supports.
    /// Also takes a rule id.
    Explain(ExplainArgs),
    /// Show the rubric, or check a rubric file.
    Rubric(RubricArgs),
    /// Write a commented evident.toml for the current user.
    Init(InitArgs),
    /// Combine stores collected in shards (e.g. one CI job per group of repositories)
    /// into one store and/or one evidence file. The order of the shards does not matter.
    Merge(MergeArgs),
    /// A portfolio per member of a team file and a team overview (no rankings).
    Team(TeamArgs),
    /// Which author identities are taken as one person, and likely aliases that are not.
    Identities(IdentitiesArgs),
    /// Manual evidence git cannot see: interviews, talks, incidents, people mentored.
    Note(NoteArgs),
    /// Leave an item out of every portfolio from now on.
    Exclude(ExcludeArgs),
    /// Give an item the signals you choose instead of the rules' (kept across runs).
    Relabel(RelabelArgs),
    /// The settings in use and where each came from.
    Config(ConfigArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    ///
    /// For example: `evident completions bash > ~/.local/share/bash-completion/completions/evident`,
    /// `evident completions zsh > ~/.zfunc/_evident`, `evident completions fish >
    /// ~/.config/fish/completions/evident.fish`.
    Completions(CompletionsArgs),
    /// Print the man page (roff), or write one page per command into a folder.
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    #[command(subcommand)]
    pub action: ConfigAction,
}

#[derive(Debug, Subcommand)]
pub enum ConfigAction {
    /// Print every setting, its value and where it came from (default, user file,
    /// project file, environment variable or flag). Takes the flags of `run` to show
    /// what a run with them would use.
    Show(ConfigShowArgs),
}

#[derive(Debug, Args)]
pub struct ConfigShowArgs {
    /// text or json.
    #[arg(long, value_enum, default_value_t = TextFormat::Text)]
    pub format: TextFormat,
    #[command(flatten)]
    pub select: SelectArgs,
    #[command(flatten)]
    pub github: GithubArgs,
    #[command(flatten)]
    pub rules: RulesArgs,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write evident.1 and a page per command (evident-run.1, ...) into this folder
    /// instead of printing evident.1.
    #[arg(long, value_name = "DIR")]
    pub output_dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct NoteArgs {
    #[command(subcommand)]
    pub action: NoteAction,
}

#[derive(Debug, Subcommand)]
pub enum NoteAction {
    /// Add a note: `evident note add "Ran a session on tracing" --signal mentoring`.
    Add {
        /// What you did, in one line.
        text: String,
        /// A signal (repeatable), e.g. mentoring, incident, design-doc.
        #[arg(long = "signal", value_name = "SIGNAL")]
        signals: Vec<String>,
        /// When (YYYY-MM-DD). Default: today.
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// A link that proves it.
        #[arg(long, value_name = "URL")]
        link: Option<String>,
        /// The repository or project it belongs to.
        #[arg(long, value_name = "NAME")]
        repo: Option<String>,
        /// Whose note it is (an email, a name, or `Name <email>`): it joins only their
        /// portfolio. Default: `author` or `[identity]` in the settings, else git's
        /// user.email; with none of them the note names nobody, and counts for anyone.
        #[arg(long, value_name = "ID")]
        author: Option<String>,
    },
    /// List the notes and decisions.
    List,
    /// Remove a note, exclusion or relabelling by id.
    Remove {
        /// The note's or decision's id (see `evident note list`).
        id: String,
    },
}

#[derive(Debug, Args)]
pub struct ExcludeArgs {
    /// The item's id (see the portfolio's appendix); a unique prefix or a commit SHA
    /// prefix is enough.
    pub id: String,
    /// Why, for your own record.
    #[arg(long)]
    pub reason: Option<String>,
    /// The evidence or portfolio file whose ids the id is checked against. Default: the
    /// last run's portfolio, the store and the notes.
    #[arg(long, short, value_name = "FILE")]
    pub input: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RelabelArgs {
    /// The item's id; a unique prefix or a commit SHA prefix is enough.
    pub id: String,
    /// The signals it should have (repeatable); they replace what the rules gave.
    #[arg(long = "signal", value_name = "SIGNAL", required = true)]
    pub signals: Vec<String>,
    /// Why, for your own record.
    #[arg(long)]
    pub reason: Option<String>,
    /// The evidence or portfolio file whose ids the id is checked against. Default: the
    /// last run's portfolio, the store and the notes.
    #[arg(long, short, value_name = "FILE")]
    pub input: Option<PathBuf>,
}

/// What to collect: repositories, person, period.
#[derive(Debug, Args, Clone, Default)]
#[command(next_help_heading = "Selection")]
pub struct SelectArgs {
    /// A repository, or a folder searched for repositories. Repeatable. Default: `.`.
    #[arg(long = "repo", value_name = "PATH")]
    pub repos: Vec<PathBuf>,
    /// The person: an email or a name. Repeatable (comma-separated in EVIDENT_AUTHOR).
    /// Default: the repository's user.email. `*` is every author but bots, for parity
    /// runs against git (docs/git-collection.md).
    #[arg(
        long = "author",
        value_name = "ID",
        hide_env_values = true,
        env = "EVIDENT_AUTHOR"
    )]
    pub authors: Vec<String>,
    /// Start of the period: 2026-01-01, 90d, 6m, 2026-Q3, 2026-H1. Default: 12 months ago.
    #[arg(
        long,
        value_name = "DATE",
        hide_env_values = true,
        env = "EVIDENT_SINCE"
    )]
    pub since: Option<String>,
    /// End of the period (same forms; a date includes that day). Default: now.
    #[arg(
        long,
        value_name = "DATE",
        hide_env_values = true,
        env = "EVIDENT_UNTIL"
    )]
    pub until: Option<String>,
    /// Count merge commits too.
    #[arg(long)]
    pub include_merges: bool,
    /// Walk every local and remote branch, not only HEAD.
    #[arg(long)]
    pub all_branches: bool,
    /// Do not look for design docs.
    #[arg(long)]
    pub no_design_docs: bool,
}

/// GitHub collection.
#[derive(Debug, Args, Clone, Default)]
#[command(next_help_heading = "GitHub")]
pub struct GithubArgs {
    /// Collect pull requests, reviews and issues from GitHub too (token from GITHUB_TOKEN
    /// or GH_TOKEN, GH_ENTERPRISE_TOKEN for an Enterprise host, else `gh auth token`).
    #[arg(long)]
    pub github: bool,
    /// GitHub Enterprise Server address, e.g. https://github.example.com.
    #[arg(long, value_name = "URL")]
    pub github_url: Option<String>,
    /// The person's GitHub login. Default: the token's own user.
    #[arg(long, value_name = "LOGIN")]
    pub github_login: Option<String>,
    /// At an exhausted GitHub rate limit, stop and keep what was fetched instead of waiting.
    #[arg(long)]
    pub no_wait: bool,
}

/// The rubric and rules.
#[derive(Debug, Args, Clone, Default)]
#[command(next_help_heading = "Rules")]
pub struct RulesArgs {
    /// A rubric file to use instead of the built-in one.
    #[arg(
        long,
        value_name = "FILE",
        hide_env_values = true,
        env = "EVIDENT_RUBRIC"
    )]
    pub rubric: Option<PathBuf>,
    /// A rules file that adds to or overrides the built-in rules by id. Repeatable; added
    /// after the `rules` of the settings files.
    #[arg(long = "rules", value_name = "FILE")]
    pub rules: Vec<PathBuf>,
}

/// Where each source's results are kept between runs.
#[derive(Debug, Args, Clone, Default)]
#[command(next_help_heading = "Store")]
pub struct StoreArgs {
    /// Keep each source's results in this folder as soon as it is read, and reuse what is
    /// still valid there. Default: `store` in the settings, else <cache dir>/evident.
    #[arg(
        long,
        value_name = "DIR",
        hide_env_values = true,
        env = "EVIDENT_STORE"
    )]
    pub store: Option<PathBuf>,
    /// Keep nothing and reuse nothing: collect every source afresh.
    #[arg(long, conflicts_with = "store")]
    pub no_store: bool,
}

/// How a portfolio is drawn.
#[derive(Debug, Args, Clone, Default)]
#[command(next_help_heading = "Output")]
pub struct RenderArgs {
    /// The portfolio format. Default: `format` in the settings, else the output file's
    /// extension, else md.
    #[arg(
        long,
        value_enum,
        value_name = "FORMAT",
        hide_env_values = true,
        env = "EVIDENT_FORMAT"
    )]
    pub format: Option<Format>,
    /// Templates to use instead of the built-in ones (portfolio.md, portfolio.html,
    /// team.md, team.html).
    #[arg(long, value_name = "DIR")]
    pub template_dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    #[command(flatten)]
    pub select: SelectArgs,
    #[command(flatten)]
    pub github: GithubArgs,
    #[command(flatten)]
    pub rules: RulesArgs,
    #[command(flatten)]
    pub render: RenderArgs,
    /// Write here instead of stdout.
    #[arg(long, short, value_name = "FILE", help_heading = "Output")]
    pub output: Option<PathBuf>,
    /// Hide repository names, file paths, bodies and private links, for sharing outside
    /// the team (repositories in `public_repos` keep their names).
    #[arg(long, help_heading = "Output")]
    pub redact: bool,
    #[command(flatten)]
    pub store: StoreArgs,
    /// Fail (exit code 1) when anything could not be seen, not only when a source failed;
    /// the portfolio is still written. Also `strict = true` in evident.toml.
    #[arg(long)]
    pub strict: bool,
    /// Do not collect: classify and render the evidence already in this store (e.g. one
    /// made by `evident merge`).
    #[arg(long, value_name = "DIR", help_heading = "Store", conflicts_with_all = ["store", "repos", "github"])]
    pub from_store: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CollectArgs {
    #[command(flatten)]
    pub select: SelectArgs,
    #[command(flatten)]
    pub github: GithubArgs,
    /// json (one object) or jsonl (one record a line). Default: jsonl when --output ends in
    /// `.jsonl`, else json.
    #[arg(long, value_enum, value_name = "FORMAT", help_heading = "Output")]
    pub format: Option<CollectFormat>,
    /// Write here instead of stdout.
    #[arg(long, short, value_name = "FILE", help_heading = "Output")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub store: StoreArgs,
    /// Fail (exit code 1) when anything could not be seen, not only when a source failed;
    /// the evidence is still written. Also `strict = true` in evident.toml.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Store folders to combine (from `evident collect --store DIR`).
    #[arg(value_name = "SHARD", required = true)]
    pub shards: Vec<PathBuf>,
    /// Write the combined store here (its other source files are removed).
    #[arg(long, value_name = "DIR")]
    pub store: Option<PathBuf>,
    /// Write the combined evidence JSON here. Default: stdout, unless --store is given.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ClassifyArgs {
    /// Evidence JSON (`{"schema":1,"evidence":[...]}`) or JSON Lines; `-` for stdin.
    #[arg(long, short, value_name = "FILE")]
    pub input: PathBuf,
    #[command(flatten)]
    pub rules: RulesArgs,
    /// json or md. Default: `format` in the settings when it is one of these, else json.
    #[arg(
        long,
        value_enum,
        value_name = "FORMAT",
        hide_env_values = true,
        env = "EVIDENT_FORMAT",
        help_heading = "Output"
    )]
    pub format: Option<ClassifyFormat>,
    /// Write here instead of stdout.
    #[arg(long, short, value_name = "FILE", help_heading = "Output")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Portfolio JSON from `classify` or `run --format json`; `-` for stdin.
    #[arg(long, short, value_name = "FILE")]
    pub input: PathBuf,
    #[command(flatten)]
    pub render: RenderArgs,
    /// Write here instead of stdout.
    #[arg(long, short, value_name = "FILE", help_heading = "Output")]
    pub output: Option<PathBuf>,
    /// Hide repository names, file paths, bodies and private links, for sharing outside
    /// the team (repositories in `public_repos` keep their names).
    #[arg(long, help_heading = "Output")]
    pub redact: bool,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// An item id (e.g. `git:acme/widgets:1a2b3c…`, a unique prefix is enough) or a rule id.
    pub id: String,
    /// The portfolio or evidence JSON to look in. Default: the last `run`'s portfolio.
    #[arg(long, short, value_name = "FILE")]
    pub input: Option<PathBuf>,
    #[command(flatten)]
    pub rules: RulesArgs,
}

#[derive(Debug, Args)]
pub struct RubricArgs {
    #[command(subcommand)]
    pub action: RubricAction,
}

#[derive(Debug, Subcommand)]
pub enum RubricAction {
    /// Print the rubric (the built-in one, or --rubric FILE).
    Show {
        /// A rubric file to print instead of the one in the settings.
        #[arg(
            long,
            value_name = "FILE",
            hide_env_values = true,
            env = "EVIDENT_RUBRIC"
        )]
        rubric: Option<PathBuf>,
    },
    /// Validate a rubric file (and, with --rules, rules files against it).
    Check {
        /// The rubric file.
        file: PathBuf,
        /// Rules files to check against it. Repeatable.
        #[arg(long = "rules", value_name = "FILE")]
        rules: Vec<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct TeamArgs {
    /// The team file: a `[[member]]` per person (name, emails, github, aliases, from, until).
    #[arg(long, value_name = "FILE")]
    pub team: PathBuf,
    /// Where the portfolios, `index.<ext>` and `team.json` are written.
    #[arg(long, value_name = "DIR")]
    pub output_dir: PathBuf,
    #[command(flatten)]
    pub select: SelectArgs,
    #[command(flatten)]
    pub github: GithubArgs,
    #[command(flatten)]
    pub rules: RulesArgs,
    #[command(flatten)]
    pub render: RenderArgs,
    /// Fail (exit code 1) when anything could not be seen for any member; the portfolios
    /// are still written. Also `strict = true` in evident.toml.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct IdentitiesArgs {
    /// Report on every member of this team file instead of the person of `--author`.
    #[arg(long, value_name = "FILE")]
    pub team: Option<PathBuf>,
    #[command(flatten)]
    pub select: SelectArgs,
    #[command(flatten)]
    pub github: GithubArgs,
    /// text or json.
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = TextFormat::Text, help_heading = "Output")]
    pub format: TextFormat,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Overwrite an existing evident.toml.
    #[arg(long)]
    pub force: bool,
    /// Where to write it.
    #[arg(long, default_value = "evident.toml", value_name = "FILE")]
    pub path: PathBuf,
}

/// The command line as clap describes it: with the `EVIDENT_*` variables each flag
/// reads, for help, the man page and completions.
pub fn command() -> clap::Command {
    Cli::command()
}

/// Parses a command line. The variables are not read here but by the settings resolver
/// (from the environment `crate::env` collected), so clap parses a copy of the command
/// without them; help and version are still drawn from [`command`], which names them.
/// `color` is `--color` as the caller found it, for clap's own help and errors.
pub fn parse(args: &[OsString], color: ColorChoice) -> Result<Cli, clap::Error> {
    let choice = match color {
        ColorChoice::Auto => clap::ColorChoice::Auto,
        ColorChoice::Always => clap::ColorChoice::Always,
        ColorChoice::Never => clap::ColorChoice::Never,
    };
    let parsed = without_env(command())
        .color(choice)
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m));
    match parsed {
        Err(e) if is_help(&e) => Err(command()
            .color(choice)
            .try_get_matches_from(args)
            .err()
            .unwrap_or(e)),
        other => other,
    }
}

fn is_help(e: &clap::Error) -> bool {
    use clap::error::ErrorKind::*;
    matches!(
        e.kind(),
        DisplayHelp | DisplayVersion | DisplayHelpOnMissingArgumentOrSubcommand
    )
}

fn without_env(cmd: clap::Command) -> clap::Command {
    let mut cmd = cmd.mut_args(|a| a.env(None::<&'static str>));
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(name, without_env);
    }
    cmd
}

/// `--color` as given on a command line, read before clap parses it so that clap's own
/// errors follow it; the last one given wins, as clap would take it.
pub fn color_flag(args: &[OsString]) -> Option<ColorChoice> {
    let mut found = None;
    let mut iter = args.iter().map(|a| a.to_string_lossy());
    while let Some(arg) = iter.next() {
        if arg == "--" {
            break;
        }
        let value = match arg.strip_prefix("--color") {
            Some("") => iter.next().map(|v| v.to_string()),
            Some(rest) => rest.strip_prefix('=').map(str::to_string),
            None => None,
        };
        if let Some(v) = value {
            found = ColorChoice::from_str(&v, true).ok().or(found);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::settings::ENV_KEYS;
    use std::collections::BTreeSet;

    #[test]
    fn the_command_line_is_consistent() {
        command().debug_assert();
    }

    fn env_names(cmd: &clap::Command, out: &mut BTreeSet<String>) {
        for a in cmd.get_arguments() {
            if let Some(name) = a.get_env() {
                out.insert(name.to_string_lossy().into_owned());
            }
        }
        for sub in cmd.get_subcommands() {
            env_names(sub, out);
        }
    }

    #[test]
    fn flags_name_the_variables_the_settings_read() {
        let mut on_flags = BTreeSet::new();
        env_names(&command(), &mut on_flags);
        let read: BTreeSet<String> = ENV_KEYS.iter().map(|(v, _)| v.to_string()).collect();
        assert_eq!(on_flags, read);
    }

    #[test]
    fn clap_never_reads_the_variables() {
        let args: Vec<OsString> = ["evident", "run"].iter().map(OsString::from).collect();
        let stripped = without_env(command());
        let mut none = BTreeSet::new();
        env_names(&stripped, &mut none);
        assert!(none.is_empty(), "{none:?}");
        assert!(parse(&args, ColorChoice::Never).is_ok());
    }

    #[test]
    fn color_is_found_before_parsing() {
        let args = |a: &[&str]| a.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            color_flag(&args(&["evident", "--color", "never", "run"])),
            Some(ColorChoice::Never)
        );
        assert_eq!(
            color_flag(&args(&["evident", "run", "--color=always"])),
            Some(ColorChoice::Always)
        );
        assert_eq!(color_flag(&args(&["evident", "run"])), None);
        assert_eq!(
            color_flag(&args(&["evident", "note", "add", "--", "--color=always"])),
            None
        );
    }
}
