//! The commands behind `claimcheck`'s subcommands. Each returns the exit status;
//! I/O errors (a closed pipe among them) go back to `main`.

use crate::claim::{Claim, PartialDate};
use crate::compare::{CheckOptions, FxTable, Policies, check_with};
use crate::corpus::{Corpus, Inputs, default_threads};
use crate::export::{self, ClaimFormat, ClaimWriter, Encoded};
use crate::extract::{DocInput, Extractor};
use crate::report::{self, Format};
use crate::rules::{RuleErrors, RuleSet};
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

fn open_output(path: Option<&Path>) -> io::Result<Box<dyn Write>> {
    Ok(match path {
        Some(p) => {
            Box::new(BufWriter::new(File::create(p).map_err(|e| {
                io::Error::new(e.kind(), format!("{}: {e}", p.display()))
            })?))
        }
        None => Box::new(BufWriter::new(io::stdout().lock())),
    })
}

/// `claimcheck quantities [TEXT]`.
pub fn quantities(text: Option<&str>) -> io::Result<ExitStatus> {
    let mut out = BufWriter::new(io::stdout().lock());
    let emit = |line: &str, out: &mut dyn Write| -> io::Result<()> {
        serde_json::to_writer(&mut *out, &crate::quantity::quantities_json(line))?;
        writeln!(out)
    };
    match text {
        Some(text) => emit(text, &mut out)?,
        None => {
            for line in io::stdin().lock().lines() {
                emit(&line?, &mut out)?;
            }
        }
    }
    out.flush()?;
    Ok(ExitStatus::Ok)
}

/// `claimcheck rules check`.
pub fn rules_check(dir: Option<&Path>) -> io::Result<ExitStatus> {
    let Some(rules) = rules_or_report(dir) else {
        return Ok(ExitStatus::Error);
    };
    let mut out = io::stdout().lock();
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
    pub format: ClaimFormat,
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
            format,
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
    mut progress: impl FnMut(&Progress),
) -> io::Result<ExtractSummary> {
    let mut inputs = Inputs::discover(&o.paths);
    let mut state = Progress {
        files_total: inputs.files.len(),
        bytes_total: if o.progress { inputs.total_bytes() } else { 0 },
        ..Progress::default()
    };
    let mut writer = ClaimWriter::new(o.format, out, o.excel)?;
    let (format, include_other) = (o.format, o.include_other);
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
        eprintln!("claimcheck: skipped {s}");
    }
    for p in partial {
        eprintln!("claimcheck: partly decoded {p}");
    }
    if skipped.is_empty() {
        ExitStatus::Ok
    } else {
        ExitStatus::Skipped
    }
}

/// `claimcheck extract`: documents are read, checked and written by workers that
/// live for the run, a few documents per worker in memory at a time, whatever the
/// size of the corpus.
pub fn extract(o: &ExtractOptions) -> io::Result<ExitStatus> {
    let Some(rules) = rules_or_report(o.rules.as_deref()) else {
        return Ok(ExitStatus::Error);
    };
    let extractor = Extractor::new(&rules);
    let mut out = open_output(o.output.as_deref())?;
    if o.jsonl_in {
        return extract_stream(&extractor, io::stdin().lock(), &mut out);
    }
    let mut bar = o.progress.then(ProgressBar::new);
    let summary = extract_files(o, &extractor, out, |p| {
        if let Some(bar) = &mut bar {
            bar.update(p);
        }
    });
    if let Some(bar) = bar {
        bar.finish();
    }
    let summary = summary?;
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
    let mut status = ExitStatus::Ok;
    for (i, line) in input.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let doc: JsonDoc = match serde_json::from_str(&line) {
            Ok(doc) => doc,
            Err(e) => {
                eprintln!("claimcheck: stdin:{}:{}: skipped: {e}", i + 1, e.column());
                status = ExitStatus::Skipped;
                continue;
            }
        };
        let published = match doc.published.as_deref().map(PartialDate::parse) {
            Some(None) => {
                eprintln!(
                    "claimcheck: stdin:{}: document {:?}: published {:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD); ignored",
                    i + 1,
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
    }
    Ok(status)
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
    let Some(rules) = rules_or_report(o.rules.as_deref()) else {
        return Ok(ExitStatus::Error);
    };
    let format = o
        .format
        .or_else(|| o.output.as_deref().and_then(Format::from_path))
        .unwrap_or(Format::Text);
    let mut options = CheckOptions::default();
    let (claims, docs, notes, mut status) = if o.claims.is_empty() {
        let corpus = Corpus::load(&o.paths);
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
            Ok(mut claims) => {
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
                (claims, Vec::new(), Vec::new(), ExitStatus::Ok)
            }
            Err(e) => {
                eprintln!("claimcheck: {e}");
                return Ok(ExitStatus::Error);
            }
        }
    };
    let fx = match load_fx(o.fx.as_deref()) {
        Ok(fx) => fx,
        Err(e) => {
            eprintln!("claimcheck: {e}");
            return Ok(ExitStatus::Error);
        }
    };
    options.all_pairs = o.all_pairs;
    let result =
        check_with(&claims, &Policies::from_rules(&rules), &fx, &options).with_notes(&notes);
    let mut out = open_output(o.output.as_deref())?;
    report::render_to(&result, &claims, &docs, format, o.color, &mut out)?;
    out.flush()?;
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

/// Claims from `extract` output files, streamed. The report never checks claims of kind
/// `other`, so it does not keep them (`keep_other` false); `eval` counts them.
fn read_claim_files(paths: &[PathBuf], keep_other: bool) -> Result<Vec<Claim>, String> {
    let mut claims = Vec::new();
    for path in paths {
        let file = File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
        export::read_claims_into(
            io::BufReader::new(file),
            &path.display().to_string(),
            |c| keep_other || c.kind != crate::compare::OTHER_KIND,
            &mut claims,
        )?;
    }
    claims.shrink_to_fit();
    Ok(claims)
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
    let corpus = Corpus::load(&paths);
    let status = report_skipped(&corpus.skipped, &corpus.partial);
    let (scores, claims) = if o.claims.is_empty() {
        eval::evaluate_corpus(&gold, &corpus, &Extractor::new(&rules), &filter)
    } else {
        let claims = match read_claim_files(&o.claims, true) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("claimcheck: {e}");
                return Ok(ExitStatus::Error);
            }
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
                e.figure,
                e.kind,
                if e.subject.is_empty() {
                    "?"
                } else {
                    &e.subject
                },
                e.measure,
                e.rule,
                e.why
            )?;
        }
        Ok(())
    };
    match text {
        Some(text) => emit(text, &mut out)?,
        None => {
            for line in io::stdin().lock().lines() {
                emit(&line?, &mut out)?;
            }
        }
    }
    out.flush()?;
    Ok(ExitStatus::Ok)
}
