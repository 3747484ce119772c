//! evident-trainer: the classifier's corpus builder, trainer and evaluator.
//!
//! ```text
//! evident-trainer corpus   --clones DIR      # labelled commits of training/sources.toml
//! evident-trainer train                      # tune by grouped CV, write the shipped model
//! evident-trainer evaluate                   # held-out repositories, real classifier path
//! ```
//! See docs/classifier.md.

mod corpus;
mod evaluate;
mod lbfgs;
mod sources;
mod train;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "evident-trainer",
    about = "Builds, trains and evaluates evident's commit classifier"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Reads the repositories of the sources file from a folder of bare clones and writes
    /// one labelled JSON record a commit.
    Corpus(corpus::Args),
    /// Chooses hyper-parameters and thresholds by cross-validation over the training
    /// repositories, then writes the model and its manifest.
    Train(train::Args),
    /// Reports accuracy, macro-F1, per-class precision/recall and coverage on the
    /// held-out repositories, through evident's own classifier.
    Evaluate(evaluate::Args),
}

/// Files the commands share, relative to the repository's top folder.
pub struct Paths;
impl Paths {
    pub fn sources() -> PathBuf {
        PathBuf::from("training/sources.toml")
    }
    pub fn corpus() -> PathBuf {
        PathBuf::from("training/corpus/corpus.jsonl")
    }
    pub fn model() -> PathBuf {
        PathBuf::from("config/classifier.tsv")
    }
    pub fn manifest() -> PathBuf {
        PathBuf::from("training/manifest.json")
    }
    pub fn reserved() -> PathBuf {
        PathBuf::from("../shared/eval/reserved-commits.txt")
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Corpus(a) => corpus::run(&a),
        Command::Train(a) => train::run(&a),
        Command::Evaluate(a) => evaluate::run(&a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

pub type Result<T> = std::result::Result<T, String>;
