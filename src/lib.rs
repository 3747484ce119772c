//! evident: collect the evidence of an engineer's impact from git and GitHub, classify it
//! against a career rubric, and render a draft portfolio.
//!
//! The pipeline, by folder:
//! - `collect` (sources → evidence records: `git/`, `github/`); collectors return results
//!   and never see the store;
//! - `model` (the data that flows between stages: evidence, person, period, signals,
//!   decisions, portfolio);
//! - `classify` (rules and rubric → portfolio);
//! - `render` (portfolio → Markdown, HTML, JSON).
//!
//! Around them: `pipeline` (the stages as plain functions: select, collect, assemble,
//! classify, render, the stage files), `notes` (the person's notes and decisions),
//! `store` (what is kept between runs; it wraps collection), `config` (files and dates),
//! `env` (the process environment), `commands` (one file per subcommand: arguments to
//! pipeline options, then write), `cli` (the clap definitions). Nothing imports
//! `commands`, and the folders import each other in no cycle (`tests/cli/layout.rs`).

pub mod classify;
pub mod cli;
pub mod collect;
pub mod commands;
pub mod config;
pub mod env;
pub mod error;
pub mod model;
pub mod notes;
pub mod pipeline;
pub mod render;
pub mod store;

use clap::Parser;
use cli::{Cli, Command, LogFormat};
use commands::Context;
use env::Env;
use error::Result;

/// Runs the command line and returns the exit code. `main` is a thin wrapper around this.
pub fn main_with(args: Vec<std::ffi::OsString>) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    init_logging(&cli);
    let result = Env::from_process().and_then(|env| run(cli, env));
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("{}", e.report());
            e.exit_code()
        }
    }
}

/// Runs a parsed command line in an environment.
pub fn run(cli: Cli, env: Env) -> Result<()> {
    let (config, config_file) =
        config::Config::load(env.config_dir.as_deref(), &env.vars, cli.config.as_deref())?;
    let ctx = Context {
        env,
        config,
        config_file,
    };
    match &cli.command {
        Command::Run(a) => commands::run::run(&ctx, a),
        Command::Collect(a) => commands::collect::run(&ctx, a),
        Command::Classify(a) => commands::classify::run(&ctx, a),
        Command::Report(a) => commands::report::run(&ctx, a),
        Command::Explain(a) => commands::explain::run(&ctx, a),
        Command::Rubric(a) => commands::rubric::run(&ctx, a),
        Command::Init(a) => commands::init::run(&ctx, a),
        Command::Merge(a) => commands::merge::run(&ctx, a),
        Command::Team(a) => commands::team::run(&ctx, a),
        Command::Identities(a) => commands::identities::run(&ctx, a),
        Command::Note(a) => commands::note::run(&ctx, a),
        Command::Exclude(a) => commands::note::exclude(&ctx, a),
        Command::Relabel(a) => commands::note::relabel(&ctx, a),
    }
}

fn init_logging(cli: &Cli) {
    let level = match (cli.quiet, cli.verbose) {
        (true, _) => "error",
        (false, 0) => "warn",
        (false, 1) => "info",
        (false, _) => "debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("EVIDENT_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(format!("evident={level}")));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false);
    let _ = match cli.log_format {
        LogFormat::Json => builder.json().try_init(),
        LogFormat::Text => builder.without_time().try_init(),
    };
}
