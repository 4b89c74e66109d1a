//! The `claimcheck` command: parse flags, call the library, map outcomes to exit codes.

use claimcheck::cli::{self, ExitStatus};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;

/// A fact checker for the numbers in news: finds quantitative claims and says
/// where they agree and where they contradict.
#[derive(Parser)]
#[command(name = "claimcheck", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check the claims of a corpus against each other (the bundled data by default).
    Report(ReportArgs),
    /// List the claims found in documents.
    Extract(ExtractArgs),
    /// Print the quantities found in each input line as JSON (for rule authors).
    Quantities {
        /// Text to parse; without it, one text per line is read from stdin.
        text: Option<String>,
    },
    /// Show each figure's claim and the cue evidence behind it (for rule authors).
    Explain {
        /// Text to explain; without it, one text per line is read from stdin.
        text: Option<String>,
        /// Folder of rule files (default: ./rules if present, else the bundled rules).
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
    },
    /// Score extraction against hand-checked gold claims (the dev corpus format).
    Eval(EvalArgs),
    /// Validate or test rule files.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
}

#[derive(Subcommand)]
enum RulesCommand {
    /// Validate rule files: syntax, fields, regexes, placeholders, ids.
    Check(RulesArgs),
    /// Run every rule's examples and counterexamples.
    Test(RulesArgs),
}

#[derive(Args)]
struct RulesArgs {
    /// Folder of rule files (default: ./rules if present, else the bundled rules).
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExtractFormat {
    Table,
    Csv,
    Json,
    Jsonl,
}

#[derive(Args)]
struct ExtractArgs {
    /// Files or folders (.txt, .md, .html); default: the bundled data/.
    paths: Vec<PathBuf>,
    /// Output format; default: from -o's extension (.txt .csv .json .jsonl), else table.
    #[arg(long, value_enum)]
    format: Option<ExtractFormat>,
    /// Write to FILE instead of stdout (atomically: FILE is replaced only when complete).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Start CSV output with a UTF-8 byte order mark so spreadsheets show Chinese text
    /// (CSV only).
    #[arg(long)]
    excel: bool,
    /// Read documents as JSON lines on stdin ({"id", "text", "published", "url"})
    /// and write claims as JSON lines as each document is done.
    #[arg(long, conflicts_with = "paths")]
    jsonl_in: bool,
    /// Also write figures no cue classified (kind `other`) in CSV and tables;
    /// JSON output always has them.
    #[arg(long)]
    include_other: bool,
    /// Folder of rule files (default: ./rules if present, else the bundled rules).
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
    #[command(flatten)]
    run: RunArgs,
}

/// How a run over many files uses the machine and the terminal.
#[derive(Args)]
struct RunArgs {
    /// Extraction workers; default: one per core. Output is the same for any N.
    #[arg(short = 'j', long = "threads", value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
    /// No progress bar (it is only ever drawn on stderr, and only when stderr is a terminal).
    #[arg(short, long)]
    quiet: bool,
}

impl RunArgs {
    fn threads(&self) -> usize {
        self.threads.map_or(0, usize::from)
    }

    fn progress(&self) -> bool {
        !self.quiet && io::stderr().is_terminal()
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
    Text,
    Md,
    Json,
    Html,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Conflict,
}

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Args)]
struct EvalArgs {
    /// Gold claims: TSV with columns doc kind subject lo hi unit qualifier as_of quote.
    #[arg(long, value_name = "GOLD.tsv")]
    gold: PathBuf,
    /// Also score the checker's verdicts against relations between gold claims
    /// (TSV: doc_a quote_a doc_b quote_b relation note).
    #[arg(long, value_name = "PAIRS.tsv")]
    pairs: Option<PathBuf>,
    /// Articles (files or folders); default: `articles/` beside the gold file.
    paths: Vec<PathBuf>,
    /// Score the claims in these files (JSON or JSON lines from `extract`)
    /// instead of extracting: to measure another version or another extractor.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    claims: Vec<PathBuf>,
    /// Only documents whose number prefix is in these ranges, e.g. `01-24` or `25-36,40`.
    #[arg(long, value_name = "RANGES")]
    docs: Option<String>,
    /// List every miss, every unmatched claim and every kind or subject disagreement.
    #[arg(short, long)]
    details: bool,
    /// Folder of rule files (default: ./rules if present, else the bundled rules).
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
}

#[derive(Args)]
struct ReportArgs {
    /// Files or folders (.txt, .md, .html); default: the bundled data/.
    paths: Vec<PathBuf>,
    /// Output format; default: from -o's extension, else text.
    #[arg(long, value_enum)]
    format: Option<ReportFormat>,
    /// Write to FILE instead of stdout (atomically: FILE is replaced only when complete).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Exit with status 1 when the check finds a conflict.
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Build the report from claims files (JSON or JSON lines from `extract`)
    /// instead of extracting from documents.
    #[arg(long, value_name = "FILE", num_args = 1.., conflicts_with = "paths")]
    claims: Vec<PathBuf>,
    /// Colour the text report: auto = on a terminal unless NO_COLOR is set.
    #[arg(long, value_enum, default_value = "auto")]
    color: Color,
    /// Folder of rule files (default: ./rules if present, else the bundled rules).
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
    /// Monthly exchange rates to use instead of the bundled data/fx_rates.toml.
    #[arg(long, value_name = "FILE")]
    fx: Option<PathBuf>,
    /// List every conflicting pair (quadratic in a group's size) instead of the strongest.
    #[arg(long)]
    all_pairs: bool,
    /// Extraction workers; default: one per core. The report is the same for any N.
    #[arg(short = 'j', long = "threads", value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Quantities { text } => cli::quantities(text.as_deref()),
        Command::Rules { command } => match command {
            RulesCommand::Check(a) => cli::rules_check(a.rules.as_deref()),
            RulesCommand::Test(a) => cli::rules_test(a.rules.as_deref()),
        },
        Command::Explain { text, rules } => cli::explain(text.as_deref(), rules.as_deref()),
        Command::Eval(a) => cli::eval(&cli::EvalOptions {
            gold: a.gold,
            pairs: a.pairs,
            paths: a.paths,
            claims: a.claims,
            docs: a.docs,
            details: a.details,
            rules: a.rules,
        }),
        Command::Extract(a) => cli::extract(&cli::ExtractOptions {
            paths: a.paths,
            format: a.format.map(|f| match f {
                ExtractFormat::Table => claimcheck::export::ClaimFormat::Table,
                ExtractFormat::Csv => claimcheck::export::ClaimFormat::Csv,
                ExtractFormat::Json => claimcheck::export::ClaimFormat::Json,
                ExtractFormat::Jsonl => claimcheck::export::ClaimFormat::Jsonl,
            }),
            output: a.output,
            excel: a.excel,
            jsonl_in: a.jsonl_in,
            rules: a.rules,
            include_other: a.include_other,
            threads: a.run.threads(),
            progress: a.run.progress(),
        }),
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
            cli::report(&cli::ReportOptions {
                paths: a.paths,
                format: a.format.map(|f| match f {
                    ReportFormat::Text => claimcheck::report::Format::Text,
                    ReportFormat::Md => claimcheck::report::Format::Markdown,
                    ReportFormat::Json => claimcheck::report::Format::Json,
                    ReportFormat::Html => claimcheck::report::Format::Html,
                }),
                output: a.output,
                fail_on_conflict: matches!(a.fail_on, Some(FailOn::Conflict)),
                claims: a.claims,
                color,
                rules: a.rules,
                fx: a.fx,
                all_pairs: a.all_pairs,
                threads: a.threads.map_or(0, usize::from),
            })
        }
    };
    match result {
        Ok(status) => status.into(),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("claimcheck: {e}");
            ExitStatus::Error.into()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    /// Every flag and argument of every subcommand says what it does in `--help`.
    #[test]
    fn every_argument_has_help() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                if id == "help" || id == "version" {
                    continue;
                }
                if arg.get_help().is_none() && arg.get_long_help().is_none() {
                    missing.push(format!("{path} {id}"));
                }
            }
            for sub in cmd.get_subcommands() {
                if sub.get_about().is_none() && sub.get_name() != "help" {
                    missing.push(format!("{path} {} (about)", sub.get_name()));
                }
                walk(sub, &format!("{path} {}", sub.get_name()), missing);
            }
        }
        let mut missing = Vec::new();
        walk(&Cli::command(), "claimcheck", &mut missing);
        assert!(missing.is_empty(), "arguments without help: {missing:?}");
    }
}
