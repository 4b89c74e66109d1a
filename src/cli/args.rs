//! The command line: subcommands, flags and their help (clap).

use claimcheck::export::ClaimFormat;
use claimcheck::report::Format;
use clap::builder::TypedValueParser;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::str::FromStr;
use strum::VariantNames;

/// A flag value that is one of the names the library derives for `T` (`--format`).
fn names_of<T>() -> impl TypedValueParser<Value = T>
where
    T: VariantNames + FromStr + Clone + Send + Sync + 'static,
{
    clap::builder::PossibleValuesParser::new(T::VARIANTS).map(|name| {
        T::from_str(&name)
            .ok()
            .expect("a possible value names a variant")
    })
}

/// A fact checker for the numbers in news: finds quantitative claims and says
/// where they agree and where they contradict.
#[derive(Parser)]
#[command(name = "claimcheck", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
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
pub enum RulesCommand {
    /// Validate rule files: syntax, fields, regexes, placeholders, ids.
    Check(RulesArgs),
    /// Run every rule's examples and counterexamples.
    Test(RulesArgs),
}

#[derive(Args)]
pub struct RulesArgs {
    /// Folder of rule files (default: ./rules if present, else the bundled rules).
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
}

#[derive(Args)]
pub struct ExtractArgs {
    /// Files or folders (.txt, .md, .html); default: the bundled data/.
    pub paths: Vec<PathBuf>,
    /// Output format; default: from -o's extension (.txt .csv .json .jsonl), else table.
    #[arg(long, value_parser = names_of::<ClaimFormat>())]
    pub format: Option<ClaimFormat>,
    /// Write to FILE instead of stdout (atomically: FILE is replaced only when complete).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Start CSV output with a UTF-8 byte order mark so spreadsheets show Chinese text
    /// (CSV only).
    #[arg(long)]
    pub excel: bool,
    /// Read documents as JSON lines on stdin ({"id", "text", "published", "url", "title"})
    /// and write claims as JSON lines as each document is done.
    #[arg(long, conflicts_with = "paths")]
    pub jsonl_in: bool,
    /// Also write figures no cue classified (kind `other`) in CSV and tables;
    /// JSON output always has them.
    #[arg(long)]
    pub include_other: bool,
    /// Folder of rule files (default: ./rules if present, else the bundled rules).
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    #[command(flatten)]
    pub run: RunArgs,
}

/// How a run over many files uses the machine and the terminal.
#[derive(Args)]
pub struct RunArgs {
    /// Extraction workers; default: one per core. Output is the same for any N.
    #[arg(short = 'j', long = "threads", value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    /// No progress bar (it is only ever drawn on stderr, and only when stderr is a terminal).
    #[arg(short, long)]
    pub quiet: bool,
}

impl RunArgs {
    pub fn threads(&self) -> usize {
        self.threads.map_or(0, usize::from)
    }

    pub fn progress(&self) -> bool {
        !self.quiet && io::stderr().is_terminal()
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum FailOn {
    Conflict,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Args)]
pub struct EvalArgs {
    /// Gold claims: TSV with columns doc kind subject lo hi unit qualifier as_of quote.
    #[arg(long, value_name = "GOLD.tsv")]
    pub gold: PathBuf,
    /// Also score the checker's verdicts against relations between gold claims
    /// (TSV: doc_a quote_a doc_b quote_b relation note).
    #[arg(long, value_name = "PAIRS.tsv")]
    pub pairs: Option<PathBuf>,
    /// Articles (files or folders); default: `articles/` beside the gold file.
    pub paths: Vec<PathBuf>,
    /// Score the claims in these files (JSON or JSON lines from `extract`)
    /// instead of extracting: to measure another version or another extractor.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub claims: Vec<PathBuf>,
    /// Only documents whose number prefix is in these ranges, e.g. `01-24` or `25-36,40`.
    #[arg(long, value_name = "RANGES")]
    pub docs: Option<String>,
    /// List every miss, every unmatched claim and every kind or subject disagreement.
    #[arg(short, long)]
    pub details: bool,
    /// Folder of rule files (default: ./rules if present, else the bundled rules).
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
}

#[derive(Args)]
pub struct ReportArgs {
    /// Files or folders (.txt, .md, .html); default: the bundled data/.
    pub paths: Vec<PathBuf>,
    /// Output format; default: from -o's extension, else text.
    #[arg(long, value_parser = names_of::<Format>())]
    pub format: Option<Format>,
    /// Write to FILE instead of stdout (atomically: FILE is replaced only when complete).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit with status 1 when the check finds a conflict.
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Build the report from claims files (JSON or JSON lines from `extract`)
    /// instead of extracting from documents.
    #[arg(long, value_name = "FILE", num_args = 1.., conflicts_with = "paths")]
    pub claims: Vec<PathBuf>,
    /// Colour the text report: auto = on a terminal unless NO_COLOR is set.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: Color,
    /// Folder of rule files (default: ./rules if present, else the bundled rules).
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Monthly exchange rates to use instead of the bundled data/fx_rates.toml.
    #[arg(long, value_name = "FILE")]
    pub fx: Option<PathBuf>,
    /// List every conflicting pair (quadratic in a group's size) instead of the strongest.
    #[arg(long)]
    pub all_pairs: bool,
    #[command(flatten)]
    pub run: RunArgs,
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
