//! The command line (clap). Only parsing lives here; each command turns its arguments into
//! plain options before it calls the engine.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "evident", version, about = "Collect the evidence of an engineer's impact from git and GitHub, classify it against a career rubric, and draft a portfolio.", long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Read settings from this file instead of ./evident.toml.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Only errors on stderr.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// More detail on stderr (-vv for debug).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// How diagnostics on stderr are written.
    #[arg(long, global = true, value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum LogFormat {
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
    },
    /// List the notes and decisions.
    List,
    /// Remove a note, exclusion or relabelling by id.
    Remove { id: String },
}

#[derive(Debug, Args)]
pub struct ExcludeArgs {
    /// The item's id (see the portfolio's appendix).
    pub id: String,
    /// Why, for your own record.
    #[arg(long)]
    pub reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct RelabelArgs {
    /// The item's id.
    pub id: String,
    /// The signals it should have (repeatable); they replace what the rules gave.
    #[arg(long = "signal", value_name = "SIGNAL", required = true)]
    pub signals: Vec<String>,
    #[arg(long)]
    pub reason: Option<String>,
}

#[derive(Debug, Args, Clone, Default)]
pub struct SelectArgs {
    /// A repository, or a folder searched for repositories. Repeatable. Default: `.`.
    #[arg(long = "repo", value_name = "PATH")]
    pub repos: Vec<PathBuf>,
    /// The person: an email or a name. Repeatable. Default: the repository's user.email.
    /// `*` is every author but bots, for parity runs against git (docs/git-collection.md).
    #[arg(long = "author", value_name = "ID")]
    pub authors: Vec<String>,
    /// Start of the period: 2026-01-01, 90d, 6m, 2026-Q3, 2026-H1. Default: 12 months ago.
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// End of the period (same forms; a date includes that day). Default: now.
    #[arg(long, value_name = "DATE")]
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
    /// Collect pull requests, reviews and issues from GitHub too (token from GITHUB_TOKEN
    /// or GH_TOKEN).
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

#[derive(Debug, Args, Clone, Default)]
pub struct RulesArgs {
    /// A rubric file to use instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub rubric: Option<PathBuf>,
    /// A rules file that adds to or overrides the built-in rules by id. Repeatable.
    #[arg(long = "rules", value_name = "FILE")]
    pub rules: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    #[command(flatten)]
    pub select: SelectArgs,
    #[command(flatten)]
    pub rules: RulesArgs,
    /// md, html or json. Default: from --output's extension, else md.
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Write here instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Templates to use instead of the built-in ones (portfolio.md, portfolio.html).
    #[arg(long, value_name = "DIR")]
    pub template_dir: Option<PathBuf>,
    /// Hide repository names, file paths, bodies and private links, for sharing outside
    /// the team (repositories in `public_repos` keep their names).
    #[arg(long)]
    pub redact: bool,
    /// Keep each source's results in this folder as soon as it is read, and reuse what is
    /// still valid there. Default: `store` in evident.toml, EVIDENT_STORE, the cache dir.
    #[arg(long, value_name = "DIR")]
    pub store: Option<PathBuf>,
    /// Keep nothing and reuse nothing: collect every source afresh.
    #[arg(long, conflicts_with = "store")]
    pub no_store: bool,
    /// Do not collect: classify and render the evidence already in this store (e.g. one
    /// made by `evident merge`).
    #[arg(long, value_name = "DIR", conflicts_with_all = ["store", "repos", "github"])]
    pub from_store: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CollectArgs {
    #[command(flatten)]
    pub select: SelectArgs,
    /// json (one object) or jsonl (one record a line).
    #[arg(long, value_name = "FORMAT", default_value = "json")]
    pub format: String,
    /// Write here instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Keep each source's results in this folder as soon as it is read, and reuse what is
    /// still valid there. Default: `store` in evident.toml, EVIDENT_STORE, the cache dir.
    #[arg(long, value_name = "DIR")]
    pub store: Option<PathBuf>,
    /// Keep nothing and reuse nothing: collect every source afresh.
    #[arg(long, conflicts_with = "store")]
    pub no_store: bool,
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
    /// json or md.
    #[arg(long, value_name = "FORMAT", default_value = "json")]
    pub format: String,
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Portfolio JSON from `classify` or `run --format json`; `-` for stdin.
    #[arg(long, short, value_name = "FILE")]
    pub input: PathBuf,
    /// md, html or json. Default: from --output's extension, else md.
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    #[arg(long, value_name = "DIR")]
    pub template_dir: Option<PathBuf>,
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Hide repository names, file paths, bodies and private links, for sharing outside
    /// the team (repositories in `public_repos` keep their names).
    #[arg(long)]
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
        #[arg(long, value_name = "FILE")]
        rubric: Option<PathBuf>,
    },
    /// Validate a rubric file (and, with --rules, rules files against it).
    Check {
        file: PathBuf,
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
    pub rules: RulesArgs,
    /// md, html or json. Default: md.
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Templates to use instead of the built-in ones (portfolio.*, team.*).
    #[arg(long, value_name = "DIR")]
    pub template_dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct IdentitiesArgs {
    /// Report on every member of this team file instead of the person of `--author`.
    #[arg(long, value_name = "FILE")]
    pub team: Option<PathBuf>,
    #[command(flatten)]
    pub select: SelectArgs,
    /// text or json.
    #[arg(long, value_name = "FORMAT", default_value = "text")]
    pub format: String,
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
