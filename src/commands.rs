//! The work behind each `claimcheck` subcommand, as library functions: typed options
//! in; output to the writer the caller gives (or `-o FILE`); whatever the user should
//! hear about along the way (a skipped file, a line that is not UTF-8) as a [`Notice`]
//! to a callback; and a typed [`Outcome`] or [`RunError`] back. Nothing here prints,
//! reads the terminal or picks exit codes: the binary (`src/main.rs`, `src/cli/`) does.

use crate::claim::{Claim, PartialDate};
use crate::compare::{CheckOptions, FxError, FxTable, Policies, check_with};
use crate::eval::{EvalError, GoldPair, GoldRow};
use crate::export::{self, ClaimFormat, ClaimWriter, Encoded};
use crate::extract::{DocInput, Extractor};
use crate::input::corpus::{Corpus, Inputs, Skipped, default_threads};
use crate::output::{FileId, Output};
use crate::report::{self, Format};
use crate::rules::verify;
use crate::rules::{RuleErrors, RuleSet};
use crate::text::printable;
use std::fs::File;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};
use strum::VariantNames;

/// How a command that ran to its end went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Done; nothing skipped.
    Done,
    /// `--fail-on conflict` found a conflict, or a rule test failed.
    Failed,
    /// Done, but some input files or lines were skipped (each told as a [`Notice`]).
    Skipped,
}

impl Outcome {
    fn skipped_if(skipped: bool) -> Outcome {
        if skipped {
            Outcome::Skipped
        } else {
            Outcome::Done
        }
    }
}

/// Something the user should hear about that does not stop the run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Notice {
    /// A report claimcheck wrote itself, found in a folder: not read.
    #[error("not read {}: a report claimcheck wrote", printable(&.0.display().to_string()))]
    OwnOutput(PathBuf),
    /// `path: reason` of an input file skipped.
    #[error("skipped {}", printable(.0))]
    SkippedFile(String),
    /// `path: note` of a file decoded with replacements.
    #[error("partly decoded {}", printable(.0))]
    PartlyDecoded(String),
    /// `file:line[:column]: what` of a claim in a claims file that could not be read.
    #[error("skipped {0}")]
    SkippedClaim(String),
    /// A line of input that is not UTF-8: skipped.
    #[error("{name}:{line}:{column}: not UTF-8; skipped")]
    NotUtf8 {
        name: String,
        line: usize,
        column: usize,
    },
    /// A `--jsonl-in` line that is not a document: skipped.
    #[error("stdin:{line}:{column}: skipped: {message}")]
    BadDocument {
        line: usize,
        column: usize,
        message: String,
    },
    /// A `--jsonl-in` document whose `published` is not a date: the date is ignored.
    #[error(
        "stdin:{line}: document {id:?}: published {published:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD); ignored"
    )]
    BadPublished {
        line: usize,
        id: String,
        published: String,
    },
}

/// Why a command could not run to its end.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// Reading or writing failed (a closed pipe among them); the message names the file.
    #[error(transparent)]
    Io(#[from] io::Error),
    /// The rule files are invalid; every error is located.
    #[error("{0}")]
    Rules(RuleErrors),
    /// The arguments ask for something that cannot be done.
    #[error(transparent)]
    Args(#[from] ArgError),
    /// `--fx FILE` cannot be read or is invalid.
    #[error(transparent)]
    Fx(#[from] FxError),
    /// A `--claims` file cannot be read.
    #[error(transparent)]
    Claims(#[from] export::ClaimsError),
    /// The gold or pairs file of `eval` cannot be read or is invalid.
    #[error(transparent)]
    Eval(#[from] EvalError),
}

impl From<RuleErrors> for RunError {
    fn from(e: RuleErrors) -> RunError {
        RunError::Rules(e)
    }
}

/// Arguments that cannot be acted on; found before any work.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ArgError {
    /// A path named on the command line does not exist.
    #[error("{}: no such file or directory", .0.display())]
    Missing(PathBuf),
    #[error("-o {}: is a directory", printable(&.0.display().to_string()))]
    OutputIsDirectory(PathBuf),
    #[error("-o {}: is the input {}; refusing to overwrite it", .output.display(), .input.display())]
    OutputIsInput { output: PathBuf, input: PathBuf },
    #[error("-o {}: is the file stdin reads; refusing to overwrite it", .0.display())]
    OutputIsStdin(PathBuf),
    /// `-o`'s extension names no claim format and `--format` is not given.
    #[error(
        "-o {}: unknown extension; give --format {} (or name the file {})",
        .0.display(), ClaimFormat::VARIANTS.join("|"), or_list(&ClaimFormat::EXTENSIONS)
    )]
    UnknownClaimExtension(PathBuf),
    /// `-o`'s extension names no report format and `--format` is not given.
    #[error(
        "-o {}: unknown extension; give --format {} (or name the file {})",
        .0.display(), Format::VARIANTS.join("|"), or_list(&Format::EXTENSIONS)
    )]
    UnknownReportExtension(PathBuf),
    #[error("--jsonl-in writes JSON lines; use --format jsonl (or -o FILE.jsonl)")]
    JsonlInNeedsJsonl,
    #[error("--excel applies to CSV output only; add --format csv (or -o FILE.csv)")]
    ExcelNeedsCsv,
}

/// `.a, .b or .c`.
fn or_list(extensions: &[&str]) -> String {
    let dotted: Vec<String> = extensions.iter().map(|e| format!(".{e}")).collect();
    match dotted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => dotted.concat(),
    }
}

/// Where rules come from: `--rules DIR`, else `./rules` when it holds rule
/// files, else the rules compiled into the binary.
pub fn load_rules(dir: Option<&Path>) -> Result<RuleSet, RuleErrors> {
    match dir {
        Some(dir) => RuleSet::load_dir(dir),
        None if has_rule_files(Path::new("rules")) => RuleSet::load_dir(Path::new("rules")),
        None => RuleSet::bundled(),
    }
}

/// Which rules `load_rules(dir)` reads, for `rules check` and `rules test` to say:
/// a binary run outside the repository uses its bundled copy, which a rule file
/// added to `rules/` after the build is not part of.
pub fn rules_source(dir: Option<&Path>) -> String {
    match dir {
        Some(dir) => format!("rules from {} (--rules)", dir.display()),
        None if has_rule_files(Path::new("rules")) => {
            "rules from ./rules (the folder in the current directory)".to_string()
        }
        None => format!(
            "rules compiled into this binary ({} files of rules/ when it was built; \
             --rules DIR or a ./rules folder is read instead)",
            RuleSet::bundled_files().count()
        ),
    }
}

fn has_rule_files(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .filter_map(Result::ok)
            .any(|e| e.path().extension().is_some_and(|x| x == "toml"))
    })
}

/// Paths named on the command line must exist: a typo is an error before any work
/// (exit 2), not a skipped file.
fn check_exist(paths: &[PathBuf]) -> Result<(), ArgError> {
    for p in paths {
        if let Err(e) = std::fs::symlink_metadata(p)
            && e.kind() == io::ErrorKind::NotFound
        {
            return Err(ArgError::Missing(p.clone()));
        }
    }
    Ok(())
}

/// `-o FILE` must not be a file the command reads (any spelling of it, a hard link to it,
/// or the file stdin is redirected from): that would replace an input with the output.
fn check_output(output: Option<&Path>, inputs: &[PathBuf], stdin: bool) -> Result<(), ArgError> {
    let Some(out) = output else {
        return Ok(());
    };
    if out.is_dir() {
        return Err(ArgError::OutputIsDirectory(out.to_path_buf()));
    }
    let Some(id) = FileId::of(out) else {
        return Ok(());
    };
    if let Some(input) = inputs.iter().find(|p| FileId::of(p).as_ref() == Some(&id)) {
        return Err(ArgError::OutputIsInput {
            output: out.to_path_buf(),
            input: input.clone(),
        });
    }
    if stdin && FileId::of_stdin().as_ref() == Some(&id) {
        return Err(ArgError::OutputIsStdin(out.to_path_buf()));
    }
    Ok(())
}

fn note_own_outputs(paths: &[PathBuf], notice: &mut dyn FnMut(Notice)) {
    for p in paths {
        notice(Notice::OwnOutput(p.clone()));
    }
}

/// Tells the files skipped and partly decoded; [`Outcome::Skipped`] when any was skipped.
fn note_skipped(
    skipped: &[Skipped],
    partial: &[String],
    notice: &mut dyn FnMut(Notice),
) -> Outcome {
    for s in skipped {
        notice(Notice::SkippedFile(s.to_string()));
    }
    for p in partial {
        notice(Notice::PartlyDecoded(p.clone()));
    }
    Outcome::skipped_if(!skipped.is_empty())
}

/// Calls `each(line_number, line)` for every line of `input`: a byte order mark at the start
/// is dropped, `\r\n` ends a line like `\n`, and a line that is not UTF-8 is told
/// ([`Notice::NotUtf8`]) and skipped. Returns whether any line was skipped.
pub fn each_line(
    mut input: impl BufRead,
    name: &str,
    notice: &mut dyn FnMut(Notice),
    mut each: impl FnMut(usize, &str, &mut dyn FnMut(Notice)) -> io::Result<bool>,
) -> io::Result<bool> {
    let mut bytes = Vec::new();
    let mut skipped = false;
    let mut line_no = 0;
    loop {
        bytes.clear();
        if input.read_until(b'\n', &mut bytes)? == 0 {
            return Ok(skipped);
        }
        line_no += 1;
        let mut line = bytes.as_slice();
        line = line.strip_suffix(b"\n").unwrap_or(line);
        line = line.strip_suffix(b"\r").unwrap_or(line);
        if line_no == 1 {
            line = line.strip_prefix("\u{feff}".as_bytes()).unwrap_or(line);
        }
        match std::str::from_utf8(line) {
            Ok(text) => {
                if !each(line_no, text, notice)? {
                    skipped = true;
                }
            }
            Err(e) => {
                notice(Notice::NotUtf8 {
                    name: name.to_string(),
                    line: line_no,
                    column: e.valid_up_to() + 1,
                });
                skipped = true;
            }
        }
    }
}

/// `emit` for `text`, else for each line of `input` (lines that are not UTF-8 are
/// skipped with a notice); then flushes `out`.
fn text_or_lines(
    text: Option<&str>,
    input: impl BufRead,
    out: &mut dyn Write,
    notice: &mut dyn FnMut(Notice),
    emit: impl Fn(&str, &mut dyn Write) -> io::Result<()>,
) -> Result<Outcome, RunError> {
    let mut skipped = false;
    match text {
        Some(text) => emit(text, out)?,
        None => {
            skipped = each_line(input, "stdin", notice, |_, line, _| {
                emit(line, out)?;
                Ok(true)
            })?;
        }
    }
    out.flush()?;
    Ok(Outcome::skipped_if(skipped))
}

/// `claimcheck quantities [TEXT]`: the quantities of `text`, else of each line of
/// `input`, as one JSON line each.
pub fn quantities(
    text: Option<&str>,
    input: impl BufRead,
    out: &mut dyn Write,
    notice: &mut dyn FnMut(Notice),
) -> Result<Outcome, RunError> {
    let emit = |line: &str, out: &mut dyn Write| -> io::Result<()> {
        serde_json::to_writer(&mut *out, &crate::quantity::quantities_json(line))?;
        writeln!(out)
    };
    text_or_lines(text, input, out, notice, emit)
}

/// `claimcheck rules check`.
pub fn rules_check(dir: Option<&Path>, out: &mut dyn Write) -> Result<Outcome, RunError> {
    let rules = load_rules(dir)?;
    writeln!(out, "{}", rules_source(dir))?;
    writeln!(
        out,
        "{} rules in {} families, {} entities: ok",
        rules.rules.len(),
        rules.families.len(),
        rules.entities.len()
    )?;
    Ok(Outcome::Done)
}

/// `claimcheck rules test`: failures first, then one closing count line.
pub fn rules_test(dir: Option<&Path>, out: &mut dyn Write) -> Result<Outcome, RunError> {
    let rules = load_rules(dir)?;
    let results = verify::verify(&rules);
    writeln!(out, "{}", rules_source(dir))?;
    let failed: Vec<_> = results.iter().filter(|r| !r.passed()).collect();
    for r in &failed {
        writeln!(out, "FAIL {r}")?;
    }
    writeln!(
        out,
        "rules test: {} passed, {} failed",
        results.len() - failed.len(),
        failed.len()
    )?;
    Ok(if failed.is_empty() {
        Outcome::Done
    } else {
        Outcome::Failed
    })
}

pub struct ExtractOptions {
    pub paths: Vec<PathBuf>,
    /// `None`: from `-o`'s extension, else a table.
    pub format: Option<ClaimFormat>,
    pub output: Option<PathBuf>,
    pub excel: bool,
    pub jsonl_in: bool,
    pub rules: Option<PathBuf>,
    /// Also write figures of kind `other` (always in JSON / JSON lines).
    pub include_other: bool,
    /// Extraction workers (`-j`); 0 means one per core.
    pub threads: usize,
    /// Count the bytes to read before starting, for a progress display.
    pub progress: bool,
}

impl ExtractOptions {
    /// Options for `extract PATHS --format FORMAT` with everything else at its default.
    pub fn new(paths: Vec<PathBuf>, format: ClaimFormat) -> ExtractOptions {
        ExtractOptions {
            paths,
            format: Some(format),
            output: None,
            excel: false,
            jsonl_in: false,
            rules: None,
            include_other: false,
            threads: 0,
            progress: false,
        }
    }
}

/// `-j N`: 0 (the default) means one worker per core.
pub fn threads_or_default(threads: usize) -> usize {
    if threads == 0 {
        default_threads()
    } else {
        threads
    }
}

/// How far a run has got, for a progress display.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    pub files_done: usize,
    pub files_total: usize,
    pub bytes_done: u64,
    pub bytes_total: u64,
    pub claims: usize,
}

/// What a run of `extract` over files did.
#[derive(Debug, Default)]
pub struct ExtractSummary {
    pub files: usize,
    pub bytes: u64,
    pub claims: usize,
    /// Each path or file skipped, and why, in input order.
    pub skipped: Vec<Skipped>,
    /// "path: note" for each file decoded with replacements, in input order.
    pub partial: Vec<String>,
}

/// The run behind `claimcheck extract PATHS`: finds the files, reads, decodes and
/// extracts them on `o.threads` workers that live for the run, formats each file's
/// claims on its worker and writes them to `out` in input order (the same bytes
/// whatever the number of workers). `progress` is called after each file. This is
/// the code path the command runs, minus rule loading and the terminal.
pub fn extract_files<W: Write>(
    o: &ExtractOptions,
    extractor: &Extractor,
    out: W,
    progress: impl FnMut(&Progress),
) -> Result<ExtractSummary, RunError> {
    let format = claim_format(o)?;
    Ok(extract_inputs(
        Inputs::discover(&o.paths),
        format,
        o,
        extractor,
        out,
        progress,
    )?)
}

/// `extract_files` on inputs already discovered (and checked against `-o`).
fn extract_inputs<W: Write>(
    mut inputs: Inputs,
    format: ClaimFormat,
    o: &ExtractOptions,
    extractor: &Extractor,
    out: W,
    mut progress: impl FnMut(&Progress),
) -> io::Result<ExtractSummary> {
    let mut state = Progress {
        files_total: inputs.files.len(),
        bytes_total: if o.progress { inputs.total_bytes() } else { 0 },
        ..Progress::default()
    };
    let mut writer = ClaimWriter::new(format, out, o.excel)?;
    let include_other = o.include_other;
    progress(&state);
    inputs.extract_each(
        extractor,
        threads_or_default(o.threads),
        |loaded, mut claims| {
            claims.retain(|c| written(c, format, include_other));
            // JSON carries the document's title and authors with each claim, so that
            // `report --claims` tells origins apart as `report` on the files does.
            let doc = matches!(format, ClaimFormat::Json | ClaimFormat::Jsonl).then(|| {
                export::SourceDoc {
                    title: loaded.title.clone(),
                    url: loaded.url.clone(),
                    authors: crate::compare::origin::authors_of(loaded.doc.visible()),
                }
            });
            Encoded::new(format, &claims, doc.as_ref())
        },
        |done| {
            state.files_done += 1;
            state.bytes_done += done.bytes;
            if let Some(encoded) = done.output {
                let encoded = encoded?;
                state.claims += encoded.len();
                writer.write_encoded(&encoded)?;
            }
            progress(&state);
            Ok::<(), io::Error>(())
        },
    )?;
    writer.finish()?;
    Ok(ExtractSummary {
        files: state.files_done,
        bytes: state.bytes_done,
        claims: state.claims,
        skipped: inputs.skipped,
        partial: inputs.partial,
    })
}

/// Whether a claim is written in `format`: figures of kind `other` (no cue
/// classified them) go to JSON and JSON lines, and to CSV and tables only on request.
fn written(claim: &Claim, format: ClaimFormat, include_other: bool) -> bool {
    include_other
        || matches!(format, ClaimFormat::Json | ClaimFormat::Jsonl)
        || claim.kind != crate::rules::OTHER_KIND
}

/// The claim format: `--format`, else `-o`'s extension, else a table (JSON lines for
/// `--jsonl-in`); an error when `-o` names an extension no format has, or when `--excel` or
/// `--jsonl-in` is given with a format they do not apply to.
pub fn claim_format(o: &ExtractOptions) -> Result<ClaimFormat, ArgError> {
    let format = match (o.format, o.output.as_deref()) {
        (Some(f), _) => f,
        (None, Some(path)) => match ClaimFormat::from_path(path) {
            Some(f) => f,
            None if o.jsonl_in => ClaimFormat::Jsonl,
            None => return Err(ArgError::UnknownClaimExtension(path.to_path_buf())),
        },
        (None, None) if o.jsonl_in => ClaimFormat::Jsonl,
        (None, None) => ClaimFormat::Table,
    };
    if o.jsonl_in && format != ClaimFormat::Jsonl {
        return Err(ArgError::JsonlInNeedsJsonl);
    }
    if o.excel && format != ClaimFormat::Csv {
        return Err(ArgError::ExcelNeedsCsv);
    }
    Ok(format)
}

/// `claimcheck extract`: documents are read, checked and written by workers that
/// live for the run, a few documents per worker in memory at a time, whatever the
/// size of the corpus. With `--jsonl-in`, documents come from `stdin`; without `-o`,
/// claims go to `stdout`. `progress` is called as files are done.
pub fn extract(
    o: &ExtractOptions,
    stdin: impl BufRead,
    stdout: &mut dyn Write,
    notice: &mut dyn FnMut(Notice),
    progress: impl FnMut(&Progress),
) -> Result<Outcome, RunError> {
    let format = claim_format(o)?;
    check_exist(&o.paths)?;
    if threads_or_default(o.threads) > 1 {
        // jieba's dictionary is a third of the start-up, and serial unless
        // loaded on another core while this one compiles the rules: the first
        // worker to need it waits for it (or loads it) through its `OnceLock`.
        std::thread::spawn(crate::extract::preload_dictionary);
    }
    let rules = load_rules(o.rules.as_deref())?;
    let extractor = Extractor::new(&rules);
    if o.jsonl_in {
        check_output(o.output.as_deref(), &[], true)?;
        let mut out = Output::create(o.output.as_deref(), stdout)?;
        let outcome = extract_stream(&extractor, stdin, &mut out, notice)?;
        out.commit()?;
        return Ok(outcome);
    }
    let inputs = Inputs::discover(&o.paths);
    check_output(o.output.as_deref(), &inputs.files, false)?;
    note_own_outputs(&inputs.own_outputs, notice);
    let mut out = Output::create(o.output.as_deref(), stdout)?;
    let summary = extract_inputs(inputs, format, o, &extractor, &mut out, progress)?;
    out.commit()?;
    Ok(note_skipped(&summary.skipped, &summary.partial, notice))
}

/// One document of `--jsonl-in`.
#[derive(serde::Deserialize)]
struct JsonDoc {
    id: String,
    text: String,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    title: Option<String>,
}

/// Reads JSON documents line by line and writes each one's claims as JSON
/// lines before reading the next, so memory stays flat and output streams.
pub fn extract_stream(
    extractor: &Extractor,
    input: impl BufRead,
    out: &mut dyn Write,
    notice: &mut dyn FnMut(Notice),
) -> io::Result<Outcome> {
    let skipped = each_line(input, "stdin", notice, |line_no, line, notice| {
        if line.trim().is_empty() {
            return Ok(true);
        }
        let doc: JsonDoc = match serde_json::from_str(line) {
            Ok(doc) => doc,
            Err(e) => {
                notice(Notice::BadDocument {
                    line: line_no,
                    column: e.column(),
                    message: e.to_string(),
                });
                return Ok(false);
            }
        };
        let published = match doc.published.as_deref().map(PartialDate::parse) {
            Some(None) => {
                notice(Notice::BadPublished {
                    line: line_no,
                    id: doc.id.clone(),
                    published: doc.published.clone().unwrap_or_default(),
                });
                None
            }
            Some(date) => date,
            None => None,
        };
        // The text as a file's: a `# source:`/`# date:` header or front matter gives
        // what the document does not state itself, and is not read as article text.
        let text = crate::input::text_document(&doc.id, doc.text);
        let published = published
            .or(text.meta.published)
            .or_else(|| crate::extract::published::published_from_text(&text.text));
        let claims = extractor.extract(&DocInput {
            source: &text.source,
            text: &text.text,
            visible: text.visible(),
            published,
            text_searched: true,
        });
        let source = export::SourceDoc {
            authors: crate::compare::origin::authors_of(text.visible()),
            title: doc.title.or(text.meta.title),
            url: doc.url.or(text.meta.url),
        };
        let encoded = Encoded::new(ClaimFormat::Jsonl, &claims, Some(&source))?;
        out.write_all(encoded.as_bytes())?;
        out.flush()?;
        Ok(true)
    })?;
    Ok(Outcome::skipped_if(skipped))
}

pub struct ReportOptions {
    pub paths: Vec<PathBuf>,
    pub format: Option<Format>,
    pub output: Option<PathBuf>,
    pub fail_on_conflict: bool,
    pub claims: Vec<PathBuf>,
    pub color: bool,
    pub rules: Option<PathBuf>,
    pub fx: Option<PathBuf>,
    /// List every conflicting pair instead of a bounded set per group.
    pub all_pairs: bool,
    /// Extraction workers (`-j`); 0 means one per core.
    pub threads: usize,
    /// Count the bytes to read before starting, for a progress display.
    pub progress: bool,
}

/// `claimcheck report`: without `-o`, the report goes to `stdout`. `progress` is
/// called as documents are extracted (not when the claims come from files).
pub fn report(
    o: &ReportOptions,
    stdout: &mut dyn Write,
    notice: &mut dyn FnMut(Notice),
    mut progress: impl FnMut(&Progress),
) -> Result<Outcome, RunError> {
    let format = match (o.format, o.output.as_deref()) {
        (Some(f), _) => f,
        (None, None) => Format::Text,
        (None, Some(path)) => match Format::from_path(path) {
            Some(f) => f,
            None => return Err(ArgError::UnknownReportExtension(path.to_path_buf()).into()),
        },
    };
    check_exist(&o.paths)?;
    check_exist(&o.claims)?;
    check_exist(o.fx.as_slice())?;
    let rules = load_rules(o.rules.as_deref())?;
    let mut options = CheckOptions::default();
    let inputs = o.claims.is_empty().then(|| Inputs::discover(&o.paths));
    let read: Vec<PathBuf> = inputs
        .as_ref()
        .map_or(&o.claims, |i| &i.files)
        .iter()
        .chain(&o.fx)
        .cloned()
        .collect();
    check_output(o.output.as_deref(), &read, false)?;
    // Opened before the work, so an output that cannot be written fails fast.
    let mut out = Output::create(o.output.as_deref(), stdout)?;
    let (claims, docs, notes, mut outcome) = if let Some(inputs) = inputs {
        note_own_outputs(&inputs.own_outputs, notice);
        let corpus = Corpus::from_inputs(inputs);
        let mut state = Progress {
            files_total: corpus.docs.len(),
            bytes_total: if o.progress {
                corpus.docs.iter().map(|d| d.text.len() as u64).sum()
            } else {
                0
            },
            ..Progress::default()
        };
        progress(&state);
        let mut claims = corpus.extract_observed(
            &Extractor::new(&rules),
            threads_or_default(o.threads),
            |i, found| {
                state.files_done += 1;
                state.bytes_done += corpus.docs[i].text.len() as u64;
                state.claims += found.len();
                progress(&state);
            },
        );
        // Figures no cue classified are not claims to check.
        claims.retain(|c| c.kind != crate::rules::OTHER_KIND);
        let (docs, corpus_options) = report::prepare(&corpus.docs, format == Format::Html);
        options = corpus_options;
        let outcome = note_skipped(&corpus.skipped, &corpus.partial, notice);
        (claims, docs, corpus.notes(), outcome)
    } else {
        let ClaimFiles {
            mut claims,
            skipped,
            docs: sources,
        } = read_claim_files(&o.claims, false)?;
        // Titles and authors as the documents gave them: origins are named and told
        // apart as in a run over the documents.
        options.titles = sources
            .iter()
            .filter_map(|(s, d)| d.title.clone().map(|t| (s.clone(), t)))
            .collect();
        options.authors = sources
            .iter()
            .map(|(s, d)| (s.clone(), d.authors.clone()))
            .collect();
        let docs: Vec<report::DocText> = sources
            .into_iter()
            .map(|(source, d)| report::DocText {
                source,
                text: String::new(),
                title: d.title,
                url: d.url,
            })
            .collect();
        for s in &skipped {
            notice(Notice::SkippedClaim(s.clone()));
        }
        let notes = skipped.iter().map(|s| format!("skipped {s}")).collect();
        // One order whatever the files and their order: claims of one run
        // split across files (by a batch engine's mappers) give the same report.
        claims.sort_by(|a, b| {
            (&a.source, a.start, a.end, &a.claim_id, &a.kind, a.line).cmp(&(
                &b.source,
                b.start,
                b.end,
                &b.claim_id,
                &b.kind,
                b.line,
            ))
        });
        (
            claims,
            docs,
            notes,
            Outcome::skipped_if(!skipped.is_empty()),
        )
    };
    let fx = load_fx(o.fx.as_deref())?;
    options.all_pairs = o.all_pairs;
    let result =
        check_with(&claims, &Policies::from_rules(&rules), &fx, &options).with_notes(&notes);
    report::render_to(&result, &claims, &docs, format, o.color, &mut out)?;
    out.commit()?;
    if o.fail_on_conflict && result.summary.conflicts > 0 {
        outcome = Outcome::Failed;
    }
    Ok(outcome)
}

/// `--fx FILE`, else the table compiled into the binary.
pub fn load_fx(path: Option<&Path>) -> Result<FxTable, FxError> {
    match path {
        None => Ok(FxTable::bundled()),
        Some(path) => FxTable::load(path),
    }
}

/// Claims from `extract` output files, streamed, and the lines skipped (`file:line: what`).
/// The report never checks claims of kind `other`, so it does not keep them (`keep_other`
/// false); `eval` counts them.
pub fn read_claim_files(
    paths: &[PathBuf],
    keep_other: bool,
) -> Result<ClaimFiles, export::ClaimsError> {
    let mut claims = Vec::new();
    let mut state = export::ClaimsRead::default();
    for path in paths {
        let file = File::open(path).map_err(|source| export::ClaimsError::Io {
            file: path.display().to_string(),
            source,
        })?;
        export::read_claims_into(
            io::BufReader::new(file),
            &path.display().to_string(),
            |c| keep_other || c.kind != crate::compare::OTHER_KIND,
            &mut claims,
            &mut state,
        )?;
    }
    claims.shrink_to_fit();
    Ok(ClaimFiles {
        claims,
        skipped: state.skipped,
        docs: state.docs,
    })
}

/// What claims files hold: the claims, the lines skipped (`file:line: what`), and what
/// the claims say of their documents (title, address, authors) by source.
pub struct ClaimFiles {
    pub claims: Vec<Claim>,
    pub skipped: Vec<String>,
    pub docs: std::collections::BTreeMap<String, export::SourceDoc>,
}

pub struct EvalOptions {
    pub gold: PathBuf,
    /// Relations between gold claims to score the checker against (`pairs.tsv`).
    pub pairs: Option<PathBuf>,
    pub paths: Vec<PathBuf>,
    /// Score these claims (JSON from `extract`) instead of extracting anew.
    pub claims: Vec<PathBuf>,
    pub docs: Option<String>,
    pub details: bool,
    pub rules: Option<PathBuf>,
}

/// `claimcheck eval`: extraction scored against a gold file, written to `out`.
pub fn eval(
    o: &EvalOptions,
    out: &mut dyn Write,
    notice: &mut dyn FnMut(Notice),
) -> Result<Outcome, RunError> {
    use crate::eval;
    let rules = load_rules(o.rules.as_deref())?;
    let gold: Vec<GoldRow> = eval::load_gold(&o.gold)?;
    let pairs: Option<Vec<GoldPair>> = o.pairs.as_deref().map(eval::load_pairs).transpose()?;
    let filter = o
        .docs
        .as_deref()
        .map(eval::DocFilter::parse)
        .transpose()?
        .unwrap_or_default();
    // Without paths, the `articles` folder beside the gold file (the dev corpus layout).
    let paths = if o.paths.is_empty() {
        vec![o.gold.parent().unwrap_or(Path::new(".")).join("articles")]
    } else {
        o.paths.clone()
    };
    check_exist(&o.paths)?;
    check_exist(&o.claims)?;
    let corpus = Corpus::load(&paths);
    let mut outcome = note_skipped(&corpus.skipped, &corpus.partial, notice);
    let (scores, claims) = if o.claims.is_empty() {
        eval::evaluate_corpus(&gold, &corpus, &Extractor::new(&rules), &filter)
    } else {
        let ClaimFiles {
            claims, skipped, ..
        } = read_claim_files(&o.claims, true)?;
        for s in &skipped {
            notice(Notice::SkippedClaim(s.clone()));
            outcome = Outcome::Skipped;
        }
        eval::evaluate_claims(&gold, &corpus, claims, &rules.entities, &filter)
    };
    out.write_all(eval::render_text(&scores, &claims, o.details).as_bytes())?;
    if let Some(pairs) = &pairs {
        let (_, options) = report::prepare(&corpus.docs, false);
        let checked = check_with(
            &claims,
            &Policies::from_rules(&rules),
            &FxTable::bundled(),
            &options,
        );
        let pair_scores = eval::evaluate_pairs(pairs, &scores, &claims, &checked);
        out.write_all(eval::render_pairs(&pair_scores).as_bytes())?;
    }
    out.flush()?;
    Ok(outcome)
}

/// `claimcheck explain [TEXT]`: each figure's claim and the evidence behind it, for
/// `text`, else for each line of `input`.
pub fn explain(
    text: Option<&str>,
    rules: Option<&Path>,
    input: impl BufRead,
    out: &mut dyn Write,
    notice: &mut dyn FnMut(Notice),
) -> Result<Outcome, RunError> {
    let rules = load_rules(rules)?;
    let extractor = Extractor::new(&rules);
    let emit = |line: &str, out: &mut dyn Write| -> io::Result<()> {
        for e in extractor.explain(line) {
            writeln!(
                out,
                "{}\t{} · {} · {}\t[{}] {}",
                printable(&e.figure),
                e.kind,
                if e.subject.is_empty() {
                    "?".into()
                } else {
                    printable(&e.subject)
                },
                printable(&e.measure),
                e.rule,
                printable(&e.why)
            )?;
        }
        Ok(())
    };
    text_or_lines(text, input, out, notice, emit)
}
