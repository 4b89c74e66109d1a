//! The commands behind `claimcheck`'s subcommands. Each returns the exit status;
//! I/O errors (a closed pipe among them) go back to `main`.

use crate::claim::{Claim, PartialDate};
use crate::compare::{CheckOptions, FxTable, Policies, check_with};
use crate::corpus::{Corpus, Inputs, default_threads};
use crate::export::{self, ClaimFormat, ClaimWriter, Encoded};
use crate::extract::{DocInput, Extractor};
use crate::output::{FileId, Output};
use crate::report::{self, Format};
use crate::rules::{RuleErrors, RuleSet};
use crate::text::printable;
use crate::verify;
use std::fs::File;
use std::io::{self, BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exit codes, documented in the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
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

fn rules_or_report(dir: Option<&Path>) -> Option<RuleSet> {
    match load_rules(dir) {
        Ok(rules) => Some(rules),
        Err(errors) => {
            eprintln!("{errors}");
            eprintln!("claimcheck: {} error(s) in rule files", errors.0.len());
            None
        }
    }
}

/// Paths named on the command line must exist: a typo is an error before any work
/// (exit 2), not a skipped file.
fn missing_path(paths: &[PathBuf]) -> Option<String> {
    paths
        .iter()
        .find_map(|p| match std::fs::symlink_metadata(p) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                Some(format!("{}: no such file or directory", p.display()))
            }
            _ => None,
        })
}

/// `-o FILE` must not be a file the command reads (any spelling of it, a hard link to it,
/// or the file stdin is redirected from): that would replace an input with the output.
fn output_onto_input(output: Option<&Path>, inputs: &[PathBuf], stdin: bool) -> Option<String> {
    let out = output?;
    if out.is_dir() {
        return Some(format!(
            "-o {}: is a directory",
            printable(&out.display().to_string())
        ));
    }
    let id = FileId::of(out)?;
    if let Some(input) = inputs.iter().find(|p| FileId::of(p).as_ref() == Some(&id)) {
        return Some(format!(
            "-o {}: is the input {}; refusing to overwrite it",
            out.display(),
            input.display()
        ));
    }
    if stdin && FileId::of_stdin().as_ref() == Some(&id) {
        return Some(format!(
            "-o {}: is the file stdin reads; refusing to overwrite it",
            out.display()
        ));
    }
    None
}

/// Prints a fatal problem with the arguments; the command exits 2.
fn refuse(message: &str) -> io::Result<ExitStatus> {
    eprintln!("claimcheck: {message}");
    Ok(ExitStatus::Error)
}

/// Reports found in a folder that claimcheck wrote itself are not read (named on stderr).
fn note_own_outputs(paths: &[PathBuf]) {
    for p in paths {
        eprintln!(
            "claimcheck: not read {}: a report claimcheck wrote",
            printable(&p.display().to_string())
        );
    }
}

/// Calls `each(line_number, line)` for every line of `input`: a byte order mark at the start
/// is dropped, `\r\n` ends a line like `\n`, and a line that is not UTF-8 is named on stderr
/// (`NAME:LINE:COLUMN: not UTF-8`) and skipped. Returns whether any line was skipped.
fn each_line(
    mut input: impl BufRead,
    name: &str,
    mut each: impl FnMut(usize, &str) -> io::Result<bool>,
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
                if !each(line_no, text)? {
                    skipped = true;
                }
            }
            Err(e) => {
                eprintln!(
                    "claimcheck: {name}:{line_no}:{}: not UTF-8; skipped",
                    e.valid_up_to() + 1
                );
                skipped = true;
            }
        }
    }
}

/// `claimcheck quantities [TEXT]`.
pub fn quantities(text: Option<&str>) -> io::Result<ExitStatus> {
    let mut out = BufWriter::new(io::stdout().lock());
    let emit = |line: &str, out: &mut dyn Write| -> io::Result<()> {
        serde_json::to_writer(&mut *out, &crate::quantity::quantities_json(line))?;
        writeln!(out)
    };
    let mut skipped = false;
    match text {
        Some(text) => emit(text, &mut out)?,
        None => {
            skipped = each_line(io::stdin().lock(), "stdin", |_, line| {
                emit(line, &mut out)?;
                Ok(true)
            })?;
        }
    }
    out.flush()?;
    Ok(if skipped {
        ExitStatus::Skipped
    } else {
        ExitStatus::Ok
    })
}

/// `claimcheck rules check`.
pub fn rules_check(dir: Option<&Path>) -> io::Result<ExitStatus> {
    let Some(rules) = rules_or_report(dir) else {
        return Ok(ExitStatus::Error);
    };
    let mut out = io::stdout().lock();
    writeln!(out, "{}", rules_source(dir))?;
    writeln!(
        out,
        "{} rules in {} families, {} entities: ok",
        rules.rules.len(),
        rules.families.len(),
        rules.entities.len()
    )?;
    Ok(ExitStatus::Ok)
}

/// `claimcheck rules test`: failures first, then one closing count line.
pub fn rules_test(dir: Option<&Path>) -> io::Result<ExitStatus> {
    let Some(rules) = rules_or_report(dir) else {
        return Ok(ExitStatus::Error);
    };
    let results = verify::verify(&rules);
    let mut out = io::stdout().lock();
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
        ExitStatus::Ok
    } else {
        ExitStatus::Failed
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
    /// Show a progress bar on stderr (the caller decides: a terminal, no `--quiet`).
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
    /// "path: reason" for each path or file skipped, in input order.
    pub skipped: Vec<String>,
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
) -> io::Result<ExtractSummary> {
    let format = claim_format(o).map_err(io::Error::other)?;
    extract_inputs(
        Inputs::discover(&o.paths),
        format,
        o,
        extractor,
        out,
        progress,
    )
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
        |_, mut claims| {
            claims.retain(|c| written(c, format, include_other));
            Encoded::new(format, &claims)
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

/// A progress bar on stderr: bytes (with rate and ETA), files and claims. It is
/// cleared when the run ends.
struct ProgressBar {
    bar: indicatif::ProgressBar,
}

impl ProgressBar {
    fn new() -> ProgressBar {
        let bar = indicatif::ProgressBar::with_draw_target(
            Some(0),
            indicatif::ProgressDrawTarget::stderr(),
        );
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{elapsed_precise} [{wide_bar}] {decimal_bytes}/{decimal_total_bytes} {msg}, ETA {eta}",
            )
            .expect("a valid progress template")
            .progress_chars("=> "),
        );
        ProgressBar { bar }
    }

    fn update(&mut self, p: &Progress) {
        self.bar.set_length(p.bytes_total);
        self.bar.set_position(p.bytes_done);
        self.bar.set_message(format!(
            "{}/{} files, {} claims",
            p.files_done, p.files_total, p.claims
        ));
    }

    fn finish(self) {
        self.bar.finish_and_clear();
    }
}

/// Whether a claim is written in `format`: figures of kind `other` (no cue
/// classified them) go to JSON and JSON lines, and to CSV and tables only on request.
fn written(claim: &Claim, format: ClaimFormat, include_other: bool) -> bool {
    include_other
        || matches!(format, ClaimFormat::Json | ClaimFormat::Jsonl)
        || claim.kind != crate::rules::OTHER_KIND
}

fn report_skipped(skipped: &[String], partial: &[String]) -> ExitStatus {
    for s in skipped {
        eprintln!("claimcheck: skipped {}", printable(s));
    }
    for p in partial {
        eprintln!("claimcheck: partly decoded {}", printable(p));
    }
    if skipped.is_empty() {
        ExitStatus::Ok
    } else {
        ExitStatus::Skipped
    }
}

/// The claim format: `--format`, else `-o`'s extension, else a table (JSON lines for
/// `--jsonl-in`); an error when `-o` names an extension no format has, or when `--excel` or
/// `--jsonl-in` is given with a format they do not apply to.
fn claim_format(o: &ExtractOptions) -> Result<ClaimFormat, String> {
    let format = match (o.format, o.output.as_deref()) {
        (Some(f), _) => f,
        (None, Some(path)) => match ClaimFormat::from_path(path) {
            Some(f) => f,
            None if o.jsonl_in => ClaimFormat::Jsonl,
            None => {
                return Err(format!(
                    "-o {}: unknown extension; give --format table|csv|json|jsonl \
                     (or name the file .txt, .csv, .json or .jsonl)",
                    path.display()
                ));
            }
        },
        (None, None) if o.jsonl_in => ClaimFormat::Jsonl,
        (None, None) => ClaimFormat::Table,
    };
    if o.jsonl_in && format != ClaimFormat::Jsonl {
        return Err("--jsonl-in writes JSON lines; use --format jsonl (or -o FILE.jsonl)".into());
    }
    if o.excel && format != ClaimFormat::Csv {
        return Err("--excel applies to CSV output only; add --format csv (or -o FILE.csv)".into());
    }
    Ok(format)
}

/// `claimcheck extract`: documents are read, checked and written by workers that
/// live for the run, a few documents per worker in memory at a time, whatever the
/// size of the corpus.
pub fn extract(o: &ExtractOptions) -> io::Result<ExitStatus> {
    let format = match claim_format(o) {
        Ok(f) => f,
        Err(e) => return refuse(&e),
    };
    if let Some(e) = missing_path(&o.paths) {
        return refuse(&e);
    }
    let Some(rules) = rules_or_report(o.rules.as_deref()) else {
        return Ok(ExitStatus::Error);
    };
    let extractor = Extractor::new(&rules);
    if o.jsonl_in {
        if let Some(e) = output_onto_input(o.output.as_deref(), &[], true) {
            return refuse(&e);
        }
        let mut out = Output::create(o.output.as_deref())?;
        let status = extract_stream(&extractor, io::stdin().lock(), &mut out)?;
        out.commit()?;
        return Ok(status);
    }
    let inputs = Inputs::discover(&o.paths);
    if let Some(e) = output_onto_input(o.output.as_deref(), &inputs.files, false) {
        return refuse(&e);
    }
    note_own_outputs(&inputs.own_outputs);
    let mut out = Output::create(o.output.as_deref())?;
    let mut bar = o.progress.then(ProgressBar::new);
    let summary = extract_inputs(inputs, format, o, &extractor, &mut out, |p| {
        if let Some(bar) = &mut bar {
            bar.update(p);
        }
    });
    if let Some(bar) = bar {
        bar.finish();
    }
    let summary = summary?;
    out.commit()?;
    Ok(report_skipped(&summary.skipped, &summary.partial))
}

/// One document of `--jsonl-in`.
#[derive(serde::Deserialize)]
struct JsonDoc {
    id: String,
    text: String,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    url: Option<String>,
}

/// Reads JSON documents line by line and writes each one's claims as JSON
/// lines before reading the next, so memory stays flat and output streams.
pub fn extract_stream(
    extractor: &Extractor,
    input: impl BufRead,
    out: &mut dyn Write,
) -> io::Result<ExitStatus> {
    let skipped = each_line(input, "stdin", |line_no, line| {
        if line.trim().is_empty() {
            return Ok(true);
        }
        let doc: JsonDoc = match serde_json::from_str(line) {
            Ok(doc) => doc,
            Err(e) => {
                eprintln!("claimcheck: stdin:{line_no}:{}: skipped: {e}", e.column());
                return Ok(false);
            }
        };
        let published = match doc.published.as_deref().map(PartialDate::parse) {
            Some(None) => {
                eprintln!(
                    "claimcheck: stdin:{line_no}: document {:?}: published {:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD); ignored",
                    doc.id,
                    doc.published.as_deref().unwrap_or_default()
                );
                None
            }
            Some(date) => date,
            None => None,
        };
        let claims = extractor.extract(&DocInput::plain(&doc.id, &doc.text, published));
        export::write_claims(&mut *out, &claims, ClaimFormat::Jsonl, false)?;
        out.flush()?;
        Ok(true)
    })?;
    Ok(if skipped {
        ExitStatus::Skipped
    } else {
        ExitStatus::Ok
    })
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
}

/// `claimcheck report`.
pub fn report(o: &ReportOptions) -> io::Result<ExitStatus> {
    let format = match (o.format, o.output.as_deref()) {
        (Some(f), _) => f,
        (None, None) => Format::Text,
        (None, Some(path)) => match Format::from_path(path) {
            Some(f) => f,
            None => {
                return refuse(&format!(
                    "-o {}: unknown extension; give --format text|md|json|html \
                     (or name the file .txt, .md, .json or .html)",
                    path.display()
                ));
            }
        },
    };
    if let Some(e) = missing_path(&o.paths)
        .or_else(|| missing_path(&o.claims))
        .or_else(|| missing_path(o.fx.as_slice()))
    {
        return refuse(&e);
    }
    let Some(rules) = rules_or_report(o.rules.as_deref()) else {
        return Ok(ExitStatus::Error);
    };
    let mut options = CheckOptions::default();
    let inputs = o.claims.is_empty().then(|| Inputs::discover(&o.paths));
    let read: Vec<PathBuf> = inputs
        .as_ref()
        .map_or(&o.claims, |i| &i.files)
        .iter()
        .chain(&o.fx)
        .cloned()
        .collect();
    if let Some(e) = output_onto_input(o.output.as_deref(), &read, false) {
        return refuse(&e);
    }
    // Opened before the work, so an output that cannot be written fails fast.
    let mut out = Output::create(o.output.as_deref())?;
    let (claims, docs, notes, mut status) = if let Some(inputs) = inputs {
        note_own_outputs(&inputs.own_outputs);
        let corpus = Corpus::from_inputs(inputs);
        let mut claims =
            corpus.extract_with_threads(&Extractor::new(&rules), threads_or_default(o.threads));
        // Figures no cue classified are not claims to check.
        claims.retain(|c| c.kind != crate::rules::OTHER_KIND);
        let (docs, corpus_options) = report::prepare(&corpus.docs, format == Format::Html);
        options = corpus_options;
        (
            claims,
            docs,
            corpus.notes(),
            report_skipped(&corpus.skipped, &corpus.partial),
        )
    } else {
        match read_claim_files(&o.claims, false) {
            Ok((mut claims, skipped)) => {
                for s in &skipped {
                    eprintln!("claimcheck: skipped {s}");
                }
                let status = if skipped.is_empty() {
                    ExitStatus::Ok
                } else {
                    ExitStatus::Skipped
                };
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
                (claims, Vec::new(), notes, status)
            }
            Err(e) => return refuse(&e),
        }
    };
    let fx = match load_fx(o.fx.as_deref()) {
        Ok(fx) => fx,
        Err(e) => return refuse(&e),
    };
    options.all_pairs = o.all_pairs;
    let result =
        check_with(&claims, &Policies::from_rules(&rules), &fx, &options).with_notes(&notes);
    report::render_to(&result, &claims, &docs, format, o.color, &mut out)?;
    out.commit()?;
    if o.fail_on_conflict && result.summary.conflicts > 0 {
        status = ExitStatus::Failed;
    }
    Ok(status)
}

/// `--fx FILE`, else the table compiled into the binary.
fn load_fx(path: Option<&Path>) -> Result<FxTable, String> {
    let Some(path) = path else {
        return Ok(FxTable::bundled());
    };
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    FxTable::parse(&text, &path.display().to_string()).map_err(|e| e.to_string())
}

/// Claims from `extract` output files, streamed, and the lines skipped (`file:line: what`).
/// The report never checks claims of kind `other`, so it does not keep them (`keep_other`
/// false); `eval` counts them.
fn read_claim_files(
    paths: &[PathBuf],
    keep_other: bool,
) -> Result<(Vec<Claim>, Vec<String>), String> {
    let mut claims = Vec::new();
    let mut state = export::ClaimsRead::default();
    for path in paths {
        let file = File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
        export::read_claims_into(
            io::BufReader::new(file),
            &path.display().to_string(),
            |c| keep_other || c.kind != crate::compare::OTHER_KIND,
            &mut claims,
            &mut state,
        )?;
    }
    claims.shrink_to_fit();
    Ok((claims, state.skipped))
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

/// `claimcheck eval`: extraction scored against a gold file.
pub fn eval(o: &EvalOptions) -> io::Result<ExitStatus> {
    use crate::eval;
    let Some(rules) = rules_or_report(o.rules.as_deref()) else {
        return Ok(ExitStatus::Error);
    };
    let text = match std::fs::read_to_string(&o.gold) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("claimcheck: {}: {e}", o.gold.display());
            return Ok(ExitStatus::Error);
        }
    };
    let gold = match eval::parse_gold(&text, &o.gold.display().to_string()) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("claimcheck: {e}");
            return Ok(ExitStatus::Error);
        }
    };
    let pairs = match &o.pairs {
        None => None,
        Some(path) => {
            let parsed = std::fs::read_to_string(path)
                .map_err(|e| format!("{}: {e}", path.display()))
                .and_then(|t| eval::parse_pairs(&t, &path.display().to_string()));
            match parsed {
                Ok(p) => Some(p),
                Err(e) => {
                    eprintln!("claimcheck: {e}");
                    return Ok(ExitStatus::Error);
                }
            }
        }
    };
    let filter = match o.docs.as_deref().map(eval::DocFilter::parse).transpose() {
        Ok(f) => f.unwrap_or_default(),
        Err(e) => {
            eprintln!("claimcheck: {e}");
            return Ok(ExitStatus::Error);
        }
    };
    // Without paths, the `articles` folder beside the gold file (the dev corpus layout).
    let paths = if o.paths.is_empty() {
        vec![o.gold.parent().unwrap_or(Path::new(".")).join("articles")]
    } else {
        o.paths.clone()
    };
    if let Some(e) = missing_path(&o.paths).or_else(|| missing_path(&o.claims)) {
        return refuse(&e);
    }
    let corpus = Corpus::load(&paths);
    let mut status = report_skipped(&corpus.skipped, &corpus.partial);
    let (scores, claims) = if o.claims.is_empty() {
        eval::evaluate_corpus(&gold, &corpus, &Extractor::new(&rules), &filter)
    } else {
        let claims = match read_claim_files(&o.claims, true) {
            Ok((c, skipped)) => {
                for s in &skipped {
                    eprintln!("claimcheck: skipped {s}");
                    status = ExitStatus::Skipped;
                }
                c
            }
            Err(e) => return refuse(&e),
        };
        eval::evaluate_claims(&gold, &corpus, claims, &rules.entities, &filter)
    };
    let mut out = io::stdout().lock();
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
    Ok(status)
}

/// `claimcheck explain [TEXT]`: each figure's claim and the evidence behind it.
pub fn explain(text: Option<&str>, rules: Option<&Path>) -> io::Result<ExitStatus> {
    let Some(rules) = rules_or_report(rules) else {
        return Ok(ExitStatus::Error);
    };
    let extractor = Extractor::new(&rules);
    let mut out = BufWriter::new(io::stdout().lock());
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
    let mut skipped = false;
    match text {
        Some(text) => emit(text, &mut out)?,
        None => {
            skipped = each_line(io::stdin().lock(), "stdin", |_, line| {
                emit(line, &mut out)?;
                Ok(true)
            })?;
        }
    }
    out.flush()?;
    Ok(if skipped {
        ExitStatus::Skipped
    } else {
        ExitStatus::Ok
    })
}
