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
//! `store` (what is kept between runs; it wraps collection), `config` (the settings
//! resolver, files and dates),
//! `env` (the process environment), `ui` (stderr: errors, warnings, status lines,
//! progress, the logging layer), `commands` (one file per subcommand: arguments to
//! settings and pipeline options, then write), `cli` (the clap definitions). Nothing imports
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
pub mod ui;

use cli::{Cli, ColorChoice, Command, LogFormat};
use commands::Context;
use config::settings::Files;
use env::Env;
use error::Result;

/// Runs the command line and returns the exit code. `main` is a thin wrapper around this.
pub fn main_with(args: Vec<std::ffi::OsString>) -> i32 {
    let env = match Env::from_process() {
        Ok(env) => env,
        Err(e) => {
            ui::print_error(&e);
            return e.exit_code();
        }
    };
    let color = cli::color_flag(&args).unwrap_or(ColorChoice::Auto);
    let clap_color = match color {
        ColorChoice::Auto if env.no_color => ColorChoice::Never,
        other => other,
    };
    let cli = match cli::parse(&args, clap_color) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    init_ui(&cli, &env);
    match run(cli, env) {
        Ok(()) => 0,
        Err(e) => {
            ui::print_error(&e);
            e.exit_code()
        }
    }
}

/// Runs a parsed command line in an environment.
pub fn run(cli: Cli, env: Env) -> Result<()> {
    // Commands that describe the command line or write a new settings file need no
    // settings: a broken evident.toml must not stop them.
    match &cli.command {
        Command::Completions(a) => return commands::man::completions(a),
        Command::Man(a) => return commands::man::man(a),
        Command::Init(a) => return commands::init::run(a),
        _ => {}
    }
    let files = Files::load(env.config_dir.as_deref(), cli.global.config.as_deref())?;
    let ctx = Context { env, files };
    match &cli.command {
        Command::Run(a) => commands::run::run(&ctx, a),
        Command::Collect(a) => commands::collect::run(&ctx, a),
        Command::Classify(a) => commands::classify::run(&ctx, a),
        Command::Report(a) => commands::report::run(&ctx, a),
        Command::Explain(a) => commands::explain::run(&ctx, a),
        Command::Rubric(a) => commands::rubric::run(&ctx, a),
        Command::Merge(a) => commands::merge::run(&ctx, a),
        Command::Team(a) => commands::team::run(&ctx, a),
        Command::Identities(a) => commands::identities::run(&ctx, a),
        Command::Note(a) => commands::note::run(&ctx, a),
        Command::Exclude(a) => commands::note::exclude(&ctx, a),
        Command::Relabel(a) => commands::note::relabel(&ctx, a),
        Command::Config(a) => commands::config::run(&ctx, a),
        Command::Completions(_) | Command::Man(_) | Command::Init(_) => Ok(()),
    }
}

/// Colour, quietness, progress and the logging layer, from the global flags and the
/// environment.
fn init_ui(cli: &Cli, env: &Env) {
    let g = &cli.global;
    let color = match g.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => env.stderr_terminal && !env.no_color,
    };
    ui::init(
        ui::UiOptions {
            quiet: g.quiet,
            verbose: g.verbose,
            color,
            progress: env.interactive,
            json: g.log_format == LogFormat::Json,
        },
        env.vars.get("LOG").map(String::as_str),
    );
}
