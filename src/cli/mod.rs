//! The binary's side of each command: it hands the library the process's stdin and
//! stdout, prints the library's notices and errors on stderr (`claimcheck: …`), draws
//! the progress bar and turns outcomes into exit codes (documented in the README).
//! Only the binary declares this module; the library never prints.

pub mod args;
mod progress;

use args::{Cli, Color, Command, FailOn, RulesCommand};
use claimcheck::commands::{self, Notice, Outcome, RunError};
use std::io::{self, BufWriter, IsTerminal};
use std::process::ExitCode;

/// Exit codes, documented in the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ExitStatus {
    /// Done; nothing skipped.
    Ok = 0,
    /// `--fail-on conflict` found a conflict, or a rule test failed.
    Failed = 1,
    /// Invalid rules, bad arguments or nothing could be done.
    Error = 2,
    /// Done, but some input files were skipped (listed on stderr).
    Skipped = 3,
}

impl From<ExitStatus> for ExitCode {
    fn from(s: ExitStatus) -> ExitCode {
        ExitCode::from(s as u8)
    }
}

impl From<Outcome> for ExitStatus {
    fn from(o: Outcome) -> ExitStatus {
        match o {
            Outcome::Done => ExitStatus::Ok,
            Outcome::Failed => ExitStatus::Failed,
            Outcome::Skipped => ExitStatus::Skipped,
        }
    }
}

/// Prints a notice on stderr as it happens.
fn tell(notice: Notice) {
    eprintln!("claimcheck: {notice}");
}

/// Prints why a command stopped; its exit status (a closed stdout is no error).
fn fail(error: RunError) -> ExitStatus {
    match error {
        RunError::Io(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitStatus::Ok,
        RunError::Rules(errors) => {
            eprintln!("{errors}");
            eprintln!("claimcheck: {} error(s) in rule files", errors.0.len());
            ExitStatus::Error
        }
        e => {
            eprintln!("claimcheck: {e}");
            ExitStatus::Error
        }
    }
}

/// Runs the command line's command; its exit code.
pub fn run(cli: Cli) -> ExitCode {
    let stdin = || io::stdin().lock();
    let mut notice = tell;
    let result = match cli.command {
        Command::Quantities { text } => commands::quantities(
            text.as_deref(),
            stdin(),
            &mut BufWriter::new(io::stdout().lock()),
            &mut notice,
        ),
        Command::Rules { command } => match command {
            RulesCommand::Check(a) => {
                commands::rules_check(a.rules.as_deref(), &mut io::stdout().lock())
            }
            RulesCommand::Test(a) => {
                commands::rules_test(a.rules.as_deref(), &mut io::stdout().lock())
            }
        },
        Command::Explain { text, rules } => commands::explain(
            text.as_deref(),
            rules.as_deref(),
            stdin(),
            &mut BufWriter::new(io::stdout().lock()),
            &mut notice,
        ),
        Command::Eval(a) => commands::eval(
            &commands::EvalOptions {
                gold: a.gold,
                pairs: a.pairs,
                paths: a.paths,
                claims: a.claims,
                docs: a.docs,
                details: a.details,
                rules: a.rules,
            },
            &mut io::stdout().lock(),
            &mut notice,
        ),
        Command::Extract(a) => {
            let options = commands::ExtractOptions {
                paths: a.paths,
                format: a.format,
                output: a.output,
                excel: a.excel,
                jsonl_in: a.jsonl_in,
                rules: a.rules,
                include_other: a.include_other,
                threads: a.run.threads(),
                progress: a.run.progress(),
            };
            progress::with_bar(options.progress, |update| {
                commands::extract(
                    &options,
                    stdin(),
                    &mut io::stdout().lock(),
                    &mut notice,
                    update,
                )
            })
        }
        Command::Report(a) => {
            let color = match a.color {
                Color::Always => true,
                Color::Never => false,
                // https://no-color.org: NO_COLOR set and not empty turns colour off.
                Color::Auto => {
                    a.output.is_none()
                        && io::stdout().is_terminal()
                        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                }
            };
            let progress = a.run.progress();
            progress::with_bar(progress, |update| {
                commands::report(
                    &commands::ReportOptions {
                        paths: a.paths,
                        format: a.format,
                        output: a.output,
                        fail_on_conflict: matches!(a.fail_on, Some(FailOn::Conflict)),
                        claims: a.claims,
                        color,
                        rules: a.rules,
                        fx: a.fx,
                        all_pairs: a.all_pairs,
                        threads: a.run.threads(),
                        progress,
                    },
                    &mut io::stdout().lock(),
                    &mut notice,
                    update,
                )
            })
        }
    };
    match result {
        Ok(outcome) => ExitStatus::from(outcome).into(),
        Err(e) => fail(e).into(),
    }
}
