//! The command line: argument parsing and output; the work is done by the library.

mod data;
mod evaluate;
mod fit;
mod inspect;
mod output;
mod plot;
mod predict;
mod progress;
mod reproduce;
mod show;
mod table_args;

use clap::{Parser, Subcommand};

pub use output::write_atomically;

/// Learning using privileged information with a generalized meta-loss.
#[derive(Debug, Parser)]
#[command(name = "lupi", version, about)]
pub struct Cli {
    /// Print only results and errors.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// More detail in the log (repeat for more).
    #[arg(long, short, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Reproduce the paper's tables.
    Reproduce(reproduce::ReproduceArgs),
    /// Download data sets.
    Data(data::DataArgs),
    /// Fit a teacher on privileged columns and a distilled student on input columns of a CSV
    /// table; report held-out results and save the model directory.
    Fit(fit::FitArgs),
    /// Predict with a saved model from a CSV table of input columns.
    Predict(predict::PredictArgs),
    /// Print a saved model's metrics on a labelled CSV table.
    Evaluate(evaluate::EvaluateArgs),
    /// Print what a saved model is and what its fit found.
    Inspect(inspect::InspectArgs),
    /// Draw the cross-validated score against the temperature as SVG.
    PlotTemperature(plot::PlotArgs),
}

/// Parses the arguments, runs the command, and returns the process exit code.
pub fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let level = match (cli.quiet, cli.verbose) {
        (true, _) => "error",
        (false, 0) => "info",
        (false, 1) => "debug",
        _ => "trace",
    };
    let _ = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("LUPI_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level)),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_target(false)
        .try_init();
    let outcome = match cli.command {
        Command::Reproduce(args) => reproduce::run(args),
        Command::Data(args) => data::run(args),
        Command::Fit(args) => fit::run(args, cli.quiet),
        Command::Predict(args) => predict::run(args, cli.quiet),
        Command::Evaluate(args) => evaluate::run(args),
        Command::Inspect(args) => inspect::run(args),
        Command::PlotTemperature(args) => plot::run(args, cli.quiet),
    };
    match outcome {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {}", describe(&error));
            std::process::ExitCode::FAILURE
        }
    }
}

/// The error and its causes, joined by ": ", leaving out a cause whose text the message
/// already holds (many errors quote their source, which `{:#}` would print twice).
fn describe(error: &anyhow::Error) -> String {
    let mut message = error.to_string();
    for cause in error.chain().skip(1) {
        let text = cause.to_string();
        if !message.contains(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn causes_already_quoted_are_not_repeated() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "no such file");
        let quoted = anyhow::Error::new(io).context("cannot read 'a.csv': no such file");
        assert_eq!(describe(&quoted), "cannot read 'a.csv': no such file");
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "no such file");
        let unquoted = anyhow::Error::new(io).context("cannot read 'a.csv'");
        assert_eq!(describe(&unquoted), "cannot read 'a.csv': no such file");
    }
}
